//! What a pack's catalog does to grants: a product's `retired` date ends every grant of it,
//! and a term past it is told the day.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::Arc;

use cloudpact::base::date::Date;
use cloudpact::base::source::SourceFile;
use cloudpact::engine::Decision;
use cloudpact::input::plan::load_plan;
use cloudpact::input::policy::{Origin, PackSet, load_pack};
use cloudpact::view::check::report_plan;
use cloudpact::view::run::FileReport;

const PACK: &str = r#"
[pack]
id = "acme-terms"
governs = ["acme"]

[[product]]
id = "old-model"
provider = "acme"
kind = "api"
released = 2024-01-01
retired = 2026-12-31

[[rule]]
id = "any-cloud"
effect = "allow"
from = 2024-01-01
match = { provider = "acme" }

[[rule]]
id = "late-deal"
effect = "allow"
from = 2027-06-01
match = { provider = "acme", channel = "bedrock" }
"#;

fn check(terms: &str, as_of: &str) -> FileReport {
    let pack = load_pack(
        SourceFile::new("acme.toml", PACK),
        Origin::File("acme.toml".into()),
    )
    .unwrap_or_else(|e| panic!("{e:#?}"));
    let text = format!(
        "[plan]\nas_of = {as_of}\n\n[[deployment]]\nid = \"d\"\nprovider = \"acme\"\nproduct = \"old-model\"\n{terms}\n"
    );
    let plan = load_plan(SourceFile::new("t.plan.toml", text)).unwrap();
    let as_of: Date = as_of.parse().unwrap();
    report_plan(&plan, &PackSet::new(vec![Arc::new(pack)]), as_of)
}

#[test]
fn a_term_past_retirement_is_warned_with_the_day() {
    let r = check(
        "channel = \"direct\"\ncloud = \"aws\"\nstart = 2026-06-01\nend = 2027-06-30",
        "2026-06-01",
    );
    assert_eq!(r.deployments[0].decision, Decision::Conditional);
    let d = &r.diagnostics[0];
    assert_eq!(d.code, "acme-terms/product-retired");
    assert!(d.message.contains("retired on 2026-12-31"), "{}", d.message);
    assert!(d.message.contains("runs to 2027-06-30"), "{}", d.message);
}

#[test]
fn a_term_within_the_product_s_life_is_allowed() {
    let r = check(
        "channel = \"direct\"\ncloud = \"aws\"\nstart = 2026-06-01\nend = 2026-12-31",
        "2026-06-01",
    );
    assert_eq!(
        r.deployments[0].decision,
        Decision::Allowed,
        "{:#?}",
        r.diagnostics
    );
}

#[test]
fn a_term_after_retirement_is_denied_and_says_why() {
    let r = check(
        "channel = \"direct\"\ncloud = \"aws\"\nstart = 2027-02-01",
        "2027-02-01",
    );
    assert_eq!(r.deployments[0].decision, Decision::Denied);
    let d = &r.diagnostics[0];
    assert_eq!(d.code, "acme-terms/not-permitted");
    assert!(
        d.message.contains("old-model was retired on 2026-12-31"),
        "{}",
        d.message
    );
}

#[test]
fn a_grant_that_opens_after_retirement_grants_nothing() {
    // `late-deal` starts after the product is gone; `any-cloud` still covers bedrock until
    // the retirement, so a term after it is refused, naming the retirement.
    let r = check("channel = \"bedrock\"\nstart = 2027-07-01", "2027-07-01");
    assert_eq!(r.deployments[0].decision, Decision::Denied);
    assert!(
        r.diagnostics[0].message.contains("retired on 2026-12-31"),
        "{}",
        r.diagnostics[0].message
    );
}

/// An organisation's pack that governs nothing of OpenAI's and extends its catalog: a model
/// the built-in catalog does not know yet, and a date the built-in entry lacks.
const ORG: &str = r#"
[pack]
id = "acme-catalog"

[[product]]
id = "gpt-6"
provider = "openai"
kind = "api"
released = 2026-09-01
offered = { azure = 2026-10-01 }

[[product]]
id = "gpt-5"
provider = "openai"
kind = "api"
retired = 2027-12-31
"#;

fn with_org(org: &str) -> PackSet {
    let store = cloudpact::input::policy::PackStore::new();
    let builtin = store.builtin("openai-microsoft").unwrap().unwrap();
    let org = load_pack(
        SourceFile::new("org.toml", org),
        Origin::File("org.toml".into()),
    )
    .unwrap_or_else(|e| panic!("{e:#?}"));
    PackSet::new(vec![builtin, Arc::new(org)])
}

fn check_openai(packs: &PackSet, deployment: &str, as_of: &str) -> FileReport {
    let text = format!(
        "[plan]\nas_of = {as_of}\n\n[[deployment]]\nid = \"d\"\nprovider = \"openai\"\n{deployment}\n"
    );
    let plan = load_plan(SourceFile::new("t.plan.toml", text)).unwrap();
    report_plan(&plan, packs, as_of.parse().unwrap())
}

#[test]
fn a_product_an_organisation_adds_gets_every_rule_of_the_governing_pack() {
    let packs = with_org(ORG);
    assert!(packs.conflicts.is_empty(), "{:#?}", packs.conflicts);
    let on_aws = "product = \"gpt-6\"\nchannel = \"direct\"\ncloud = \"aws\"";
    // Before it is offered on Azure, the primary-partner clause withholds it elsewhere…
    let before = check_openai(&packs, on_aws, "2026-09-15");
    assert_eq!(before.deployments[0].decision, Decision::Denied);
    let codes: Vec<&str> = before.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(
        codes.contains(&"openai-microsoft/first-on-azure"),
        "{codes:?}"
    );
    assert!(
        !codes.contains(&"openai-microsoft/unknown-product"),
        "{codes:?}"
    );
    // …and once it is, the any-cloud grant covers it.
    let after = check_openai(&packs, on_aws, "2026-10-15");
    assert_eq!(
        after.deployments[0].decision,
        Decision::Allowed,
        "{:#?}",
        after.diagnostics
    );
}

#[test]
fn without_the_organisation_s_entry_the_product_is_unknown() {
    let store = cloudpact::input::policy::PackStore::new();
    let packs = PackSet::new(vec![store.builtin("openai-microsoft").unwrap().unwrap()]);
    let r = check_openai(
        &packs,
        "product = \"gpt-6\"\nchannel = \"direct\"\ncloud = \"aws\"",
        "2026-10-15",
    );
    assert_eq!(r.diagnostics[0].code, "openai-microsoft/unknown-product");
}

#[test]
fn a_date_an_organisation_adds_to_a_known_product_applies() {
    let packs = with_org(ORG);
    let r = check_openai(
        &packs,
        "product = \"gpt-5\"\nchannel = \"direct\"\ncloud = \"aws\"\nstart = 2027-06-01\nend = 2028-06-30",
        "2027-06-01",
    );
    let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(
        codes.contains(&"openai-microsoft/product-retired"),
        "{codes:?}"
    );
    // The built-in entry's own dates are kept.
    let gpt5 = packs.product(&"openai".into(), &"gpt-5".into()).unwrap();
    assert_eq!(gpt5.released, Some("2025-08-07".parse().unwrap()));
    assert_eq!(gpt5.retired, Some("2027-12-31".parse().unwrap()));
}

#[test]
fn a_date_that_disagrees_with_the_catalog_is_a_conflict_naming_both_packs() {
    let packs = with_org(
        "[pack]\nid = \"acme-catalog\"\n\n[[product]]\nid = \"gpt-5\"\nprovider = \"openai\"\nkind = \"api\"\nreleased = 2025-08-08\n",
    );
    assert_eq!(packs.conflicts.len(), 1);
    let message = &packs.conflicts[0].message;
    assert!(
        message.contains("built-in pack `openai-microsoft`"),
        "{message}"
    );
    assert!(
        message.contains("pack `acme-catalog` (org.toml)"),
        "{message}"
    );
    assert!(
        message.contains("released 2025-08-07 there, 2025-08-08 here"),
        "{message}"
    );
}

#[test]
fn the_built_in_packs_agree_on_every_product() {
    let store = cloudpact::input::policy::PackStore::new();
    let packs: Vec<_> = cloudpact::input::policy::builtin::BUILTIN
        .iter()
        .map(|b| store.builtin(b.id).unwrap().unwrap())
        .collect();
    let set = PackSet::new(packs);
    assert!(set.conflicts.is_empty(), "{:#?}", set.conflicts);
    assert!(set.catalog.products().len() > 20);
}
