//! One answer: on the built-in packs, every cell of `paths` is what `check` says of a one-day
//! deployment on that path, and a provider's row (no `--product`) is the most permissive
//! status over its catalog's products, naming them. The report's matrix is built from the
//! same rows (`briefing`), so it is covered too.

// A test that fails may panic: that is how it fails.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::fmt::Write as _;
use std::sync::Arc;

use cloudpact::base::date::Date;
use cloudpact::base::ids::{ProductId, ProviderId};
use cloudpact::base::source::SourceFile;
use cloudpact::base::vocab::{Channel, Cloud};
use cloudpact::engine::Decision;
use cloudpact::input::plan::load_plan;
use cloudpact::input::policy::builtin::BUILTIN;
use cloudpact::input::policy::{Origin, PackSet, load_pack};
use cloudpact::view::check::report_plan;
use cloudpact::view::matrix::{Cell, Query, matrix};

fn builtin_packs() -> PackSet {
    PackSet::new(
        BUILTIN
            .iter()
            .map(|b| {
                let source = SourceFile::new(b.file, b.text.to_string());
                Arc::new(load_pack(source, Origin::Builtin).unwrap())
            })
            .collect(),
    )
}

/// `check`'s decision for each cell, as a one-day deployment of `product` on `day`.
fn check_decisions(packs: &PackSet, product: &str, day: Date, cells: &[Cell]) -> Vec<Decision> {
    let mut text = format!("[plan]\norganization = \"One answer\"\nas_of = {day}\n");
    for (i, c) in cells.iter().enumerate() {
        let _ = write!(
            text,
            "[[deployment]]\nid = \"d{i}\"\nprovider = \"{}\"\nproduct = \"{product}\"\n\
             channel = \"{}\"\ncloud = \"{}\"\nstart = {day}\nend = {day}\n",
            c.provider, c.channel, c.cloud
        );
    }
    let plan = load_plan(SourceFile::new("one.plan.toml", text)).unwrap();
    let report = report_plan(&plan, packs, day);
    assert!(report.checked, "{:?}", report.diagnostics);
    report.deployments.iter().map(|d| d.decision).collect()
}

/// A cell that the packs grant only in some of its cloud's regions has no region-less twin
/// in `check`; it is compared region by region in `paths_by_region` (tests/cmd).
fn region_limited(c: &Cell) -> bool {
    !c.regions.is_empty()
}

#[test]
fn paths_rows_are_check_decisions_and_provider_rows_the_best_product() {
    let packs = builtin_packs();
    let days = [
        "2025-06-01",
        "2025-11-01",
        "2026-04-01",
        "2026-06-01",
        "2027-01-01",
    ];
    let mut compared = 0;
    for provider in packs.governed_providers() {
        let products: Vec<ProductId> = packs
            .governing(provider)
            .unwrap()
            .products
            .iter()
            .filter(|p| p.provider == provider)
            .map(|p| p.id.clone())
            .collect();
        assert!(!products.is_empty(), "{provider} has a catalog");
        for day in days {
            let day: Date = day.parse().unwrap();
            let query = |product| Query {
                provider,
                product,
                sector: None,
                domicile: None,
                as_of: day,
                since: None,
            };
            let by_product: Vec<(ProductId, Vec<Cell>)> = products
                .iter()
                .map(|p| (p.clone(), matrix(&packs, &query(Some(p)))))
                .collect();
            for (product, cells) in &by_product {
                let decisions = check_decisions(&packs, product, day, cells);
                for (cell, decision) in cells.iter().zip(decisions) {
                    if region_limited(cell) {
                        continue;
                    }
                    assert_eq!(
                        cell.status, decision,
                        "{product} via {} on {} on {day}: paths says {:?}, check says {decision:?}",
                        cell.channel, cell.cloud, cell.status
                    );
                    compared += 1;
                }
            }
            let row = matrix(&packs, &query(None));
            for (i, cell) in row.iter().enumerate() {
                let best = by_product.iter().map(|(_, c)| c[i].status).min().unwrap();
                assert_eq!(
                    cell.status, best,
                    "{provider} via {} on {} on {day}",
                    cell.channel, cell.cloud
                );
                let making: Vec<&str> = by_product
                    .iter()
                    .filter(|(_, c)| best != Decision::Denied && c[i].status == best)
                    .map(|(p, _)| p.as_str())
                    .collect();
                assert_eq!(
                    cell.products.iter().map(String::as_str).collect::<Vec<_>>(),
                    making
                );
            }
        }
    }
    // Five providers, each with products, on five days, over 45 cells: thousands of paths.
    assert!(compared > 5_000, "compared {compared}");
}

/// The issue that asked for one answer: self-hosted Llama on premises is allowed by `check`,
/// so the meta row of `paths` cannot say denied.
#[test]
fn provider_row_is_not_denied_where_a_product_is_permitted() {
    let packs = builtin_packs();
    let row = matrix(
        &packs,
        &Query {
            provider: &ProviderId::new("meta"),
            product: None,
            sector: None,
            domicile: None,
            as_of: "2026-06-01".parse().unwrap(),
            since: None,
        },
    );
    let on_prem = row
        .iter()
        .find(|c| c.channel == Channel::SelfHosted && c.cloud == Cloud::OnPrem)
        .unwrap();
    assert_eq!(on_prem.status, Decision::Allowed);
    assert!(on_prem.products.iter().any(|p| p == "llama-4-maverick"));
}

/// The report's provider × cloud matrix names the products that make a cloud's status when
/// they are not the whole catalog: each named product has that status on one of the cell's
/// channels, and no product left out does.
#[test]
fn the_report_names_the_products_that_make_a_cloud_permitted() {
    let packs = builtin_packs();
    let day: Date = "2026-06-01".parse().unwrap();
    let mut text = format!("[plan]\norganization = \"One answer\"\nas_of = {day}\n");
    let providers = packs.governed_providers();
    for (i, provider) in providers.iter().enumerate() {
        let product = &packs.governing(provider).unwrap().products[0].id;
        let _ = write!(
            text,
            "[[deployment]]\nid = \"d{i}\"\nprovider = \"{provider}\"\nproduct = \"{product}\"\n\
             channel = \"direct\"\ncloud = \"azure\"\n"
        );
    }
    let plan = load_plan(SourceFile::new("one.plan.toml", text)).unwrap();
    let briefing = cloudpact::view::briefing::briefing(&plan, &packs, day);
    let mut named = 0;
    for row in &briefing.matrix {
        let products: Vec<ProductId> = packs
            .governing(&row.provider)
            .unwrap()
            .products
            .iter()
            .filter(|p| p.provider == row.provider)
            .map(|p| p.id.clone())
            .collect();
        let rows: Vec<Vec<Cell>> = products
            .iter()
            .map(|product| {
                let query = Query {
                    provider: &row.provider,
                    product: Some(product),
                    sector: None,
                    domicile: None,
                    as_of: day,
                    since: None,
                };
                matrix(&packs, &query)
            })
            .collect();
        for cell in row.cells.iter().filter(|c| !c.products.is_empty()) {
            named += 1;
            for (product, cells) in products.iter().zip(&rows) {
                let has_it = cells.iter().any(|c| {
                    c.cloud == cell.cloud
                        && cell.channels.contains(&c.channel)
                        && c.status == cell.status
                });
                assert_eq!(
                    cell.products.iter().any(|p| p == product.as_str()),
                    has_it,
                    "{} on {}: {product}",
                    row.provider,
                    cell.cloud
                );
            }
        }
    }
    // Open-weight catalogs (self-hosted for some products only) make some cells partial.
    assert!(named > 0, "no report cell names its products");
}

/// The report's timeline draws an exception's expiry only where `check` gives the exception
/// effect: approved by one of its pack's approvers and not expired on the as-of date.
#[test]
fn the_timeline_draws_only_the_exceptions_check_applies() {
    let pack = load_pack(
        SourceFile::new(
            "acme.toml",
            "[pack]\nid = \"acme\"\napprovers = [\"*@acme.example\"]\n\n[[rule]]\nid = \"review\"\neffect = \"warn\"\nmatch = { cloud = \"aws\" }\nmessage = \"needs a review\"\n",
        ),
        Origin::File("acme.toml".into()),
    )
    .unwrap();
    let mut packs: Vec<Arc<_>> = builtin_packs().packs.clone();
    packs.push(Arc::new(pack));
    let packs = PackSet::new(packs);
    let exception = |expires: &str, who: &str| {
        format!(
            "[[exception]]\nrule = \"acme/review\"\nreason = \"r\"\napproved_by = \"{who}\"\nexpires = {expires}\n"
        )
    };
    let text = format!(
        "[plan]\nas_of = 2026-06-01\n[[deployment]]\nid = \"d\"\nprovider = \"openai\"\nproduct = \"gpt-5\"\nchannel = \"direct\"\ncloud = \"aws\"\nstart = 2026-06-01\nend = 2027-12-31\n{}{}{}",
        exception("2027-06-01", "ana@acme.example"),
        exception("2026-01-01", "ana@acme.example"),
        exception("2027-09-01", "mallory@elsewhere.example"),
    );
    let plan = load_plan(SourceFile::new("t.plan.toml", text)).unwrap();
    let day = Date::new(2026, 6, 1).unwrap();
    let report = report_plan(&plan, &packs, day);
    let waived: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "acme/review")
        .map(|d| d.waived.as_ref().map(|w| w.expires))
        .collect();
    assert_eq!(waived, [Some(Date::new(2027, 6, 1).unwrap())]);
    let decisions: Vec<Decision> = report.deployments.iter().map(|d| d.decision).collect();
    let drawn = cloudpact::view::timeline::timeline(&plan, &packs, day, &decisions);
    assert_eq!(
        drawn.rows[0].exceptions,
        [(Date::new(2027, 6, 1).unwrap(), "acme/review".to_string())]
    );
}
