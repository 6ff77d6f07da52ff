//! Proof of agreement: on random packs (grants with windows, `first_on`, `requires_offered`,
//! declines, deny/warn/advise rules, region conditions), random paths and random days,
//! every view says what `check` says.
//!
//! - a cell of `paths --product P` is `check`'s decision of a one-day deployment there;
//! - a provider's row is the most permissive of its products' rows, naming those products;
//! - every alternative a denial offers is permitted by `check`, with the status it shows;
//! - the timeline's permitted days are the days `check` permits.

// A test that fails may panic: that is how it fails.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::fmt::Write as _;
use std::sync::Arc;

use proptest::prelude::*;

use cloudpact::base::date::Date;
use cloudpact::base::ids::{ProductId, ProviderId};
use cloudpact::base::source::SourceFile;
use cloudpact::base::vocab::{Channel, Cloud};
use cloudpact::engine::{Decision, evaluate_plan};
use cloudpact::input::plan::{Plan, load_plan};
use cloudpact::input::policy::{Origin, PackSet, load_pack};
use cloudpact::view::check::report_plan;
use cloudpact::view::matrix::{Query, matrix};
use cloudpact::view::timeline::timeline;

const DAYS: [&str; 7] = [
    "2025-01-01",
    "2025-06-01",
    "2026-01-01",
    "2026-02-01",
    "2026-03-15",
    "2026-06-01",
    "2027-01-01",
];
const CHANNELS: [Channel; 6] = [
    Channel::Direct,
    Channel::Bedrock,
    Channel::Vertex,
    Channel::AzureFoundry,
    Channel::Partner,
    Channel::SelfHosted,
];
const CLOUDS: [Cloud; 4] = [Cloud::Azure, Cloud::Aws, Cloud::Gcp, Cloud::OnPrem];
/// Regions of the built-in catalog, with the cloud each belongs to.
const REGIONS: [(&str, &str); 5] = [
    ("aws", "eu-central-1"),
    ("aws", "us-east-1"),
    ("azure", "westeurope"),
    ("gcp", "europe-west1"),
    ("gcp", "us-central1"),
];

fn day(i: usize) -> Date {
    DAYS[i % DAYS.len()].parse().unwrap()
}

#[derive(Debug, Clone)]
struct Product {
    released: Option<usize>,
    open_weight: bool,
    /// (cloud, day) pairs.
    offered: Vec<(usize, usize)>,
    declined: Vec<usize>,
    /// The product's `retired` day, where it has one.
    retired: Option<usize>,
}

#[derive(Debug, Clone)]
struct Rule {
    /// 0 allow, 1 deny, 2 warn, 3 advise.
    effect: usize,
    channel: Option<usize>,
    cloud: Option<usize>,
    from: Option<usize>,
    /// Days after `from` (or the first day) the rule runs to.
    until: Option<usize>,
    first_on: Option<(usize, usize)>,
    requires_offered: bool,
    /// 0 none, 1 `match region = "eu-*"`, 2 `unless region = "eu-*"`, 3 `match jurisdiction = "us"`.
    regional: usize,
    /// `unless kind = "open-weight"`.
    spare_open_weight: bool,
}

fn product() -> impl Strategy<Value = Product> {
    (
        proptest::option::of(0..DAYS.len()),
        any::<bool>(),
        proptest::collection::vec((0..3usize, 0..DAYS.len()), 0..3),
        proptest::collection::vec(0..3usize, 0..2),
        prop_oneof![3 => Just(None), 1 => (0..DAYS.len()).prop_map(Some)],
    )
        .prop_map(
            |(released, open_weight, offered, declined, retired)| Product {
                released,
                open_weight,
                offered,
                declined,
                retired,
            },
        )
}

fn rule(effect: impl Strategy<Value = usize>) -> impl Strategy<Value = Rule> {
    (
        effect,
        proptest::option::of(0..CHANNELS.len()),
        proptest::option::of(0..CLOUDS.len()),
        proptest::option::of(0..DAYS.len()),
        proptest::option::of(0..DAYS.len()),
        proptest::option::of((0..3usize, 0..DAYS.len())),
        any::<bool>(),
        prop_oneof![4 => Just(0usize), 1 => 1..4usize],
        any::<bool>(),
    )
        .prop_map(
            |(
                effect,
                channel,
                cloud,
                from,
                until,
                first_on,
                requires_offered,
                regional,
                spare_open_weight,
            )| Rule {
                effect,
                channel,
                cloud,
                from,
                until,
                first_on,
                requires_offered,
                regional,
                spare_open_weight,
            },
        )
}

fn pack_text(products: &[Product], rules: &[Rule]) -> String {
    let mut t = String::from("[pack]\nid = \"gen\"\ngoverns = [\"acme\"]\n");
    for (i, p) in products.iter().enumerate() {
        let _ = write!(t, "[[product]]\nid = \"p{i}\"\nprovider = \"acme\"\n");
        let kind = if p.open_weight { "open-weight" } else { "api" };
        let _ = writeln!(t, "kind = \"{kind}\"");
        if let Some(r) = p.released {
            let _ = writeln!(t, "released = {}", day(r));
        }
        if let Some(r) = p.retired {
            let _ = writeln!(t, "retired = {}", day(r));
        }
        let mut offered: Vec<(usize, usize)> = p.offered.clone();
        offered.sort_unstable();
        offered.dedup_by_key(|(c, _)| *c);
        if !offered.is_empty() {
            let pairs: Vec<String> = offered
                .iter()
                .map(|(c, d)| format!("{} = {}", CLOUDS[*c], day(*d)))
                .collect();
            let _ = writeln!(t, "offered = {{ {} }}", pairs.join(", "));
        }
        let mut declined = p.declined.clone();
        declined.sort_unstable();
        declined.dedup();
        if !declined.is_empty() {
            let clouds: Vec<String> = declined
                .iter()
                .map(|c| format!("\"{}\"", CLOUDS[*c]))
                .collect();
            let _ = writeln!(t, "declined = [{}]", clouds.join(", "));
        }
    }
    for (i, r) in rules.iter().enumerate() {
        let effect = ["allow", "deny", "warn", "advise"][r.effect];
        let _ = write!(t, "[[rule]]\nid = \"r{i}\"\neffect = \"{effect}\"\n");
        let from = r.from.map(day);
        if let Some(from) = from {
            let _ = writeln!(t, "from = {from}");
        }
        if let Some(until) = r.until {
            let start = r.from.unwrap_or(0);
            let _ = writeln!(t, "until = {}", day((start + until).min(DAYS.len() - 1)));
        }
        let mut keys = vec!["provider = \"acme\"".to_string()];
        if let Some(c) = r.channel {
            keys.push(format!("channel = \"{}\"", CHANNELS[c]));
        }
        if let Some(c) = r.cloud {
            keys.push(format!("cloud = \"{}\"", CLOUDS[c]));
        }
        match r.regional {
            1 => keys.push("region = \"eu-*\"".to_string()),
            3 => keys.push("jurisdiction = \"us\"".to_string()),
            _ => {}
        }
        let _ = writeln!(t, "match = {{ {} }}", keys.join(", "));
        let mut unless = Vec::new();
        if r.regional == 2 {
            unless.push("region = \"eu-*\"");
        }
        if r.spare_open_weight {
            unless.push("kind = \"open-weight\"");
        }
        if !unless.is_empty() {
            let _ = writeln!(t, "unless = {{ {} }}", unless.join(", "));
        }
        if let Some((cloud, released_from)) = r.first_on {
            let _ = writeln!(
                t,
                "first_on = {{ cloud = \"{}\", released_from = {} }}",
                CLOUDS[cloud],
                day(released_from)
            );
        }
        if r.requires_offered {
            t.push_str("requires_offered = true\n");
        }
    }
    t
}

/// A path a deployment can take: product, channel, cloud and region (indices).
#[derive(Debug, Clone, Copy)]
struct Path {
    product: usize,
    channel: usize,
    cloud: usize,
    region: Option<usize>,
}

fn path(products: usize) -> impl Strategy<Value = Path> {
    (
        0..products,
        0..CHANNELS.len(),
        0..CLOUDS.len(),
        proptest::option::of(0..REGIONS.len()),
    )
        .prop_map(|(product, channel, cloud, region)| {
            // A channel that runs on one cloud runs there.
            let cloud = CHANNELS[channel]
                .implied_cloud()
                .and_then(|c| CLOUDS.iter().position(|k| *k == c))
                .unwrap_or(cloud);
            // A region belongs to its cloud: a deployment elsewhere names none.
            let region = region.filter(|r| REGIONS[*r].0 == CLOUDS[cloud].as_str());
            Path {
                product,
                channel,
                cloud,
                region,
            }
        })
}

/// One one-day deployment per (product, channel, cloud, region, day); `check` decides each.
fn one_day_plan(rows: &[(String, Channel, Cloud, Option<&str>, Date)]) -> Plan {
    let mut text = String::from("[plan]\nas_of = 2025-01-01\n");
    for (i, (product, channel, cloud, region, on)) in rows.iter().enumerate() {
        let _ = write!(
            text,
            "[[deployment]]\nid = \"d{i}\"\nprovider = \"acme\"\nproduct = \"{product}\"\n\
             channel = \"{channel}\"\ncloud = \"{cloud}\"\nstart = {on}\nend = {on}\n"
        );
        if let Some(region) = region {
            let _ = writeln!(text, "region = \"{region}\"");
        }
    }
    load_plan(SourceFile::new("gen.plan.toml", text)).unwrap()
}

/// `check`'s decision of each row: the engine's plan evaluation, which `check` reports.
fn check(packs: &PackSet, rows: &[(String, Channel, Cloud, Option<&str>, Date)]) -> Vec<Decision> {
    if rows.is_empty() {
        return Vec::new();
    }
    let plan = one_day_plan(rows);
    let outcome = evaluate_plan(&plan, packs, day(0));
    outcome.deployments.iter().map(|d| d.decision).collect()
}

fn case() -> impl Strategy<Value = (Vec<Product>, Vec<Rule>, Vec<Path>, usize)> {
    (
        proptest::collection::vec(product(), 1..4),
        proptest::collection::vec(rule(Just(0usize)), 1..5),
        proptest::collection::vec(rule(1..4usize), 0..4),
    )
        .prop_flat_map(|(products, mut allows, denies)| {
            allows.extend(denies);
            let n = products.len();
            (
                Just(products),
                Just(allows),
                proptest::collection::vec(path(n), 1..4),
                0..DAYS.len(),
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_view_agrees_with_check((products, rules, paths, on) in case()) {
        let text = pack_text(&products, &rules);
        let pack = load_pack(SourceFile::new("gen.toml", text.clone()), Origin::File("gen.toml".into()))
            .unwrap_or_else(|e| panic!("{text}\n{e:#?}"));
        let packs = PackSet::new(vec![Arc::new(pack)]);
        let on = day(on);
        let ids: Vec<String> = (0..products.len()).map(|i| format!("p{i}")).collect();
        let product_ids: Vec<ProductId> = ids.iter().map(|p| ProductId::new(p.as_str())).collect();
        let acme = ProviderId::new("acme");

        // paths --product: every cell is check's one-day decision.
        fn query<'a>(provider: &'a ProviderId, product: Option<&'a ProductId>, on: Date) -> Query<'a> {
            Query { provider, product, sector: None, domicile: None, as_of: on, since: None }
        }
        let rows: Vec<_> = product_ids.iter().map(|p| matrix(&packs, &query(&acme, Some(p), on))).collect();
        for (id, cells) in ids.iter().zip(&rows) {
            let asked: Vec<_> = cells
                .iter()
                .map(|c| (id.clone(), c.channel, c.cloud, None, on))
                .collect();
            for (cell, decision) in cells.iter().zip(check(&packs, &asked)) {
                // A cell permitted only in some regions is refused as a bare path.
                let limited = !cell.regions.is_empty();
                let expected = if limited { Decision::Denied } else { cell.status };
                prop_assert_eq!(expected, decision, "{}\n{} {} {} on {}", text, id, cell.channel, cell.cloud, on);
            }
            // ...and permitted in each region it names.
            let in_regions: Vec<_> = cells
                .iter()
                .flat_map(|c| c.regions.iter().map(move |r| (c, r)))
                .map(|(c, r)| (id.clone(), c.channel, c.cloud, Some(r.as_str()), on))
                .collect();
            for decision in check(&packs, &in_regions) {
                prop_assert_ne!(decision, Decision::Denied, "{}\n{} in a region its cell names", text, id);
            }
        }

        // paths without --product: the most permissive product, and which products.
        let provider_row = matrix(&packs, &query(&acme, None, on));
        for (i, cell) in provider_row.iter().enumerate() {
            let best = rows.iter().map(|r| r[i].status).min().unwrap();
            prop_assert_eq!(cell.status, best, "{}\n{} {}", text, cell.channel, cell.cloud);
            let making: Vec<&String> = ids
                .iter()
                .zip(&rows)
                .filter(|(_, r)| best != Decision::Denied && r[i].status == best)
                .map(|(id, _)| id)
                .collect();
            prop_assert_eq!(cell.products.iter().collect::<Vec<_>>(), making);
        }

        // A denial's alternatives, and the timeline, for deployments on random paths.
        let mut plan_text = format!("[plan]\nas_of = {on}\n");
        for (i, p) in paths.iter().enumerate() {
            let _ = write!(
                plan_text,
                "[[deployment]]\nid = \"d{i}\"\nprovider = \"acme\"\nproduct = \"p{}\"\n\
                 channel = \"{}\"\ncloud = \"{}\"\nstart = {on}\n",
                p.product, CHANNELS[p.channel], CLOUDS[p.cloud]
            );
            if let Some(r) = p.region {
                let _ = writeln!(plan_text, "region = \"{}\"", REGIONS[r].1);
            }
        }
        let plan = load_plan(SourceFile::new("gen.plan.toml", plan_text)).unwrap();
        let outcome = evaluate_plan(&plan, &packs, on);
        let checked = report_plan(&plan, &packs, on);
        prop_assert!(checked.checked);
        for (p, judged) in paths.iter().zip(&checked.deployments) {
            let product = format!("p{}", p.product);
            let own_region = p.region.map(|r| REGIONS[r].1);
            if judged.decision != Decision::Denied {
                prop_assert!(judged.alternatives.is_empty());
                continue;
            }
            let asked: Vec<_> = judged
                .alternatives
                .iter()
                .map(|a| {
                    // No region: as the deployment stands (its own region on its own cloud).
                    let region = a.region.or_else(|| {
                        own_region.filter(|_| a.cloud == CLOUDS[p.cloud])
                    });
                    (product.clone(), a.channel, a.cloud, region, on)
                })
                .collect();
            for (a, decision) in judged.alternatives.iter().zip(check(&packs, &asked)) {
                prop_assert_ne!(a.status, Decision::Denied);
                prop_assert_eq!(a.status, decision, "{}\nalternative {:?} of {:?}", text, a, p);
                prop_assert!(a.from <= on);
            }
        }

        // The timeline's permitted days are the days check permits.
        let decisions: Vec<Decision> = outcome.deployments.iter().map(|d| d.decision).collect();
        let drawn = timeline(&plan, &packs, on, &decisions);
        let mut asked = Vec::new();
        for (p, _) in paths.iter().zip(&drawn.rows) {
            for d in 0..DAYS.len() {
                asked.push((
                    format!("p{}", p.product),
                    CHANNELS[p.channel],
                    CLOUDS[p.cloud],
                    p.region.map(|r| REGIONS[r].1),
                    day(d),
                ));
            }
        }
        let decided = check(&packs, &asked);
        for (i, row) in drawn.rows.iter().enumerate() {
            for d in 0..DAYS.len() {
                let permitted = decided[i * DAYS.len() + d] != Decision::Denied;
                prop_assert_eq!(
                    row.permitted.contains(day(d)), permitted,
                    "{}\n{} on {}", text, row.path, day(d)
                );
            }
        }
    }
}
