//! `init`: a commented starter plan, built from the packs themselves: the provider's newest
//! product, on the paths its pack permits today. The plan is checked before it is given,
//! so it checks cleanly on its own as-of date.

use std::fmt::Write as _;

use crate::base::date::Date;
use crate::base::diagnostic::Severity;
use crate::base::ids::ProviderId;
use crate::base::source::SourceFile;
use crate::base::vocab::{Channel, Cloud, Sector};
use crate::engine::Decision;
use crate::input::plan::load_plan;
use crate::input::policy::{Kind, PackSet, Product};
use crate::view::check::report_plan;
use crate::view::matrix::{Query, matrix};

/// The channels a starter shows, in this order; marketplace and partner resale are rarer.
const CHANNELS: &[Channel] = &[
    Channel::Direct,
    Channel::AzureFoundry,
    Channel::Bedrock,
    Channel::Vertex,
    Channel::OciGenai,
    Channel::Gdc,
];
const MAX_DEPLOYMENTS: usize = 6;

struct Entry {
    id: String,
    product: String,
    channel: Channel,
    cloud: Cloud,
    /// Where the path is permitted only in some regions: the first of them.
    region: Option<String>,
    note: String,
}

/// The newest product of `kind` in the provider's catalog (by release date).
fn newest<'p>(products: &'p [Product], provider: &ProviderId, kind: Kind) -> Option<&'p Product> {
    products
        .iter()
        .filter(|p| p.provider == provider && p.kind == kind)
        .max_by_key(|p| (p.released.is_some(), p.released))
}

/// Where the plan schema is published, for a starter's `#:schema` line.
pub const SCHEMA_URL: &str =
    "https://raw.githubusercontent.com/cloudpact/cloudpact/main/schemas/plan.schema.json";

/// A starter plan for `provider`'s paths on `today`, whose `#:schema` line names `schema`
/// (the schema's address, or a file written beside the plan).
pub fn starter(
    packs: &PackSet,
    provider: &ProviderId,
    today: Date,
    schema: &str,
) -> Result<String, String> {
    let pack = packs.governing(provider).ok_or_else(|| {
        let governed = packs.governed_providers();
        match crate::base::diagnostic::did_you_mean(provider, governed.iter().map(|g| g.as_str())) {
            Some(near) => format!("no selected pack governs `{provider}`; did you mean `{near}`?"),
            None => format!(
                "no selected pack governs `{provider}`; the packs govern: {}",
                crate::words::list(&governed)
            ),
        }
    })?;
    let mut entries: Vec<Entry> = Vec::new();
    // Products to show, newest first: a channel gets the newest one it permits.
    let mut products: Vec<&Product> = packs
        .catalog
        .products()
        .iter()
        .filter(|p| p.provider == provider && p.kind != Kind::OpenWeight)
        .collect();
    products.sort_by_key(|p| {
        std::cmp::Reverse((p.kind == Kind::Api, p.released.is_some(), p.released))
    });
    for &channel in CHANNELS {
        // Buying direct is shown on each of the three largest clouds that permits it.
        let per_channel = if channel == Channel::Direct { 3 } else { 1 };
        for product in &products {
            let cells = matrix(
                packs,
                &Query {
                    provider,
                    product: Some(&product.id),
                    sector: Some(Sector::Commercial),
                    domicile: None,
                    as_of: today,
                    since: None,
                },
            );
            let permitted: Vec<_> = cells
                .iter()
                // On premises is for open weights, except through Google Distributed Cloud.
                .filter(|c| {
                    c.channel == channel
                        && c.status != Decision::Denied
                        && (c.cloud != Cloud::OnPrem || c.channel == Channel::Gdc)
                })
                .take(per_channel)
                .collect();
            if permitted.is_empty() {
                continue;
            }
            for cell in permitted {
                // A conditional cell's rule is the warning it gets, not the grant.
                let note = match (&cell.rule, cell.status) {
                    (Some(rule), _) if !cell.regions.is_empty() => format!(
                        "permitted by {rule} only in some regions: {} (cloudpact explain {rule})",
                        cell.regions.join(", ")
                    ),
                    (Some(rule), Decision::Conditional) => {
                        format!("permitted, with a warning: {rule} (cloudpact explain {rule})")
                    }
                    (Some(rule), _) => format!("permitted by {rule} (cloudpact explain {rule})"),
                    (None, _) => "permitted".to_string(),
                };
                entries.push(Entry {
                    id: format!("{}-{}-{}", product.id, cell.channel, cell.cloud),
                    product: product.id.to_string(),
                    channel: cell.channel,
                    cloud: cell.cloud,
                    region: cell.regions.first().cloned(),
                    note,
                });
            }
            break;
        }
        if entries.len() >= MAX_DEPLOYMENTS {
            break;
        }
    }
    if let Some(open) = newest(packs.catalog.products(), provider, Kind::OpenWeight) {
        let cells = matrix(
            packs,
            &Query {
                provider,
                product: Some(&open.id),
                sector: Some(Sector::Commercial),
                domicile: None,
                as_of: today,
                since: None,
            },
        );
        if let Some(cell) = cells.iter().find(|c| {
            c.channel == Channel::SelfHosted
                && c.cloud == Cloud::OnPrem
                && c.status != Decision::Denied
        }) {
            entries.push(Entry {
                id: format!("{}-on-prem", open.id),
                product: open.id.to_string(),
                channel: cell.channel,
                cloud: cell.cloud,
                region: None,
                note: "open weights on your own infrastructure".to_string(),
            });
        }
    }
    if entries.is_empty() {
        return Err(format!(
            "the {} pack permits no path for {provider} on {today}",
            pack.id
        ));
    }

    let end = Date::new(
        today.year().saturating_add(2),
        today.month(),
        today.day().min(28),
    )
    .unwrap_or(today);
    let expires = Date::new(
        today.year().saturating_add(1),
        today.month(),
        today.day().min(28),
    )
    .unwrap_or(today);
    let mut text = header(pack.id.as_str(), today, schema);
    for e in &entries {
        let implied = e.channel.implied_cloud().is_some();
        let _ = write!(
            text,
            "\n# {}\n[[deployment]]\nid = \"{}\"\nprovider = \"{provider}\"\nproduct = \"{}\"\nchannel = \"{}\"\n",
            e.note,
            slug(&e.id),
            e.product,
            e.channel
        );
        if implied {
            let _ = writeln!(
                text,
                "# cloud = \"{}\"               # implied by the channel",
                e.cloud
            );
        } else {
            let _ = writeln!(text, "cloud = \"{}\"", e.cloud);
        }
        if let Some(region) = &e.region {
            let _ = writeln!(
                text,
                "region = \"{region}\"             # permitted only in some regions"
            );
        }
        let _ = write!(text, "start = {today}\nend = {end}\nworkload = \"pilot\"\n");
    }

    // Check the starter as it stands: a warning it draws is left standing (a waiver nobody
    // approved would pass the plan until it expired), and shown as an exception to write.
    let findings = check_text(&text, packs, today)?;
    let (code, deployment) = match findings
        .iter()
        .find(|(severity, _, _)| *severity == Severity::Warning)
    {
        Some((_, code, deployment)) => (code.clone(), deployment.clone()),
        None => (
            format!("{}/not-permitted", pack.id),
            entries.first().map(|e| slug(&e.id)).unwrap_or_default(),
        ),
    };
    let _ = write!(
        text,
        "\n# An exception waives one finding code, for the deployments it lists, until it expires;\n# write one only with the approval it records:\n# [[exception]]\n# rule = \"{code}\"\n# deployments = [\"{deployment}\"]\n# reason = \"Why this is acceptable, and the reference of the approval\"\n# approved_by = \"procurement@example.com\"\n# expires = {expires}\n"
    );
    let remaining = check_text(&text, packs, today)?;
    if let Some((severity, code, deployment)) =
        remaining.iter().find(|(s, _, _)| *s == Severity::Error)
    {
        return Err(format!(
            "the starter plan would not check cleanly: {severity} {code} on {deployment}"
        ));
    }
    Ok(text)
}

fn header(pack: &str, today: Date, schema: &str) -> String {
    format!(
        r#"#:schema {schema}
# A starter plan for cloudpact. Check it with:  cloudpact check THIS-FILE
# The line above names the plan schema (`cloudpact schema plan` prints the same): with it,
# an editor (taplo, Even Better TOML) completes and explains every key.
# Dates are TOML dates, written without quotes.

[plan]
organization = "Your organization"
sector = "commercial"        # commercial | public-sector | defense | financial | healthcare
# domicile = "us"            # the buyer's home jurisdiction (us, eu, uk…): terms for a country's own government buyers read it
as_of = {today}            # "today" for the check; --as-of overrides it; remove it to use the date of each run
# policies = ["{pack}", "./policies/ours.toml"]   # default: every built-in pack

# One [[deployment]] per path: provider, product, channel (how it is bought), cloud (where
# inference runs), optional region, and the term from start to end (no end: open-ended).
"#
    )
}

fn slug(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// (severity, code, deployment) of every finding of the text as a plan.
fn check_text(
    text: &str,
    packs: &PackSet,
    today: Date,
) -> Result<Vec<(Severity, String, String)>, String> {
    let plan =
        load_plan(SourceFile::new("starter.plan.toml", text.to_string())).map_err(|errors| {
            let messages: Vec<String> = errors.iter().map(|e| e.message.clone()).collect();
            format!("the starter plan does not load: {}", messages.join("; "))
        })?;
    let report = report_plan(&plan, packs, today);
    Ok(report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.severity,
                d.code.clone(),
                d.deployment.clone().unwrap_or_default(),
            )
        })
        .collect())
}
