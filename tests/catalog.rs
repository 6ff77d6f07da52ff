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
