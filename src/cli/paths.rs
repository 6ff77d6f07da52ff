//! `cloudpact paths`.

use std::path::Path;

use cloudpact::base::diagnostic::did_you_mean;
use cloudpact::engine::Subject;
use cloudpact::engine::alternatives;
use cloudpact::input::policy::PackSet;
use cloudpact::render::paths::{self as render, DeploymentPaths, Matrix};
use cloudpact::view::matrix::{Query, matrix};

use super::args::{PathsArgs, PathsFormat};
use super::{output, packs};

pub fn run(args: &PathsArgs) -> u8 {
    if let Some(plan) = &args.plan {
        return run_plan(args, plan);
    }
    let packs = match packs::load(&args.packs) {
        Ok(packs) => packs,
        Err(code) => return code,
    };
    let as_of = args.as_of.unwrap_or_else(output::today);
    if let Some(since) = args.since.filter(|since| *since > as_of) {
        output::emit_stderr(&format!(
            "error: --since {since} is after the as-of date {as_of}: it compares with an earlier day (for what will change, give the later day as --as-of)\n"
        ));
        return 2;
    }
    let providers = match providers(args, &packs) {
        Ok(p) => p,
        Err(message) => {
            output::emit_stderr(&format!("error: {message}\n"));
            return 2;
        }
    };
    if let Some(product) = &args.product {
        for provider in &providers {
            let Some(governing) = packs.governing(provider) else {
                continue;
            };
            if governing.product(provider, product).is_some() {
                continue;
            }
            // Another provider's product is a mistake; an unlisted one may be a product not
            // yet in the catalog, which is worth asking about (with a did-you-mean).
            if let Some(owner) = catalog_owner(&packs, product).filter(|o| o != provider) {
                output::emit_stderr(&format!(
                    "error: `{product}` is a product of {owner}, not of {provider}; ask with --provider {owner}, or without --provider\n"
                ));
                return 2;
            }
            let listed: Vec<&str> = governing
                .products
                .iter()
                .filter(|p| &p.provider == provider)
                .map(|p| p.id.as_str())
                .collect();
            let near = did_you_mean(product, listed.iter().copied())
                .map(|near| format!(" (did you mean `{near}`?)"))
                .unwrap_or_default();
            output::emit_stderr(&format!(
                "warning: `{product}` is not in the catalog of the pack that governs {provider}{near}: dates that depend on the product are not applied\n"
            ));
        }
    }
    let matrices: Vec<Matrix> = providers
        .iter()
        .map(|provider| Matrix {
            provider: provider.clone(),
            product: args.product.clone(),
            cells: matrix(
                &packs,
                &Query {
                    provider,
                    product: args.product.as_deref(),
                    sector: args.sector,
                    domicile: args.domicile.as_deref(),
                    as_of,
                    since: args.since,
                },
            ),
        })
        .collect();
    let text = match args.format {
        PathsFormat::Table => {
            render::render_table(&matrices, as_of, args.since, output::color(), output::WIDTH)
        }
        PathsFormat::Markdown => render::render_markdown(&matrices, as_of, args.since),
        PathsFormat::Json => render::render_json(&matrices, as_of, args.since),
    };
    output::emit(&text, 0)
}

/// The provider whose catalog lists the product, in the selected packs.
fn catalog_owner(packs: &PackSet, product: &str) -> Option<String> {
    packs
        .packs
        .iter()
        .flat_map(|p| p.products.iter())
        .find(|p| p.id == product)
        .map(|p| p.provider.clone())
}

/// The providers to show: the one asked for (which a pack must govern), the provider of
/// the product asked for, or every governed provider.
fn providers(args: &PathsArgs, packs: &PackSet) -> Result<Vec<String>, String> {
    let governed: Vec<&str> = packs.governed_providers();
    if let Some(provider) = &args.provider {
        if governed.contains(&provider.as_str()) {
            return Ok(vec![provider.clone()]);
        }
        let hint = match did_you_mean(provider, governed.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the selected packs govern: {}", governed.join(", ")),
        };
        return Err(format!(
            "no selected pack governs provider `{provider}`; {hint}"
        ));
    }
    if let Some(product) = &args.product {
        return catalog_owner(packs, product).map(|p| vec![p]).ok_or_else(|| {
            let all = packs.packs.iter().flat_map(|p| p.products.iter());
            match did_you_mean(product, all.map(|p| p.id.as_str())) {
                Some(near) => format!(
                    "no selected pack's catalog lists `{product}`; did you mean `{near}`? (for a product not in any catalog, name its provider with --provider)"
                ),
                None => format!(
                    "no selected pack's catalog lists `{product}`: name its provider with --provider"
                ),
            }
        });
    }
    if governed.is_empty() {
        return Err("no selected pack governs any provider".to_string());
    }
    Ok(governed.into_iter().map(str::to_string).collect())
}

fn run_plan(args: &PathsArgs, path: &Path) -> u8 {
    let (plan, packs, as_of) = match packs::load_plan(path, &args.packs, args.as_of) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    // The decision is check's own, exceptions and all: one source of truth.
    let outcome = cloudpact::engine::evaluate_plan(&plan, &packs, as_of);
    let rows: Vec<DeploymentPaths> = plan
        .deployments
        .iter()
        .zip(&outcome.deployments)
        .map(|(d, judged)| {
            let d = d.get_ref();
            let start = judged.term.map_or(as_of, |t| t.start);
            let subject = Subject::of_deployment(d, plan.buyer());
            DeploymentPaths {
                id: d.id().to_string(),
                provider: d.provider().to_string(),
                product: d.product().to_string(),
                channel: d.channel(),
                cloud: d.cloud(),
                start,
                status: judged.decision,
                alternatives: alternatives(&packs, &subject, start).to_vec(),
            }
        })
        .collect();
    let name = plan.source.name.clone();
    let text = match args.format {
        PathsFormat::Table => render::render_plan_table(&name, &rows, output::WIDTH),
        PathsFormat::Markdown => render::render_plan_markdown(&name, &rows),
        PathsFormat::Json => render::render_plan_json(&name, &rows),
    };
    output::emit(&text, 0)
}
