//! The built-in OpenAI–Microsoft pack against the dated facts it encodes.

// A test that fails may panic: that is how it fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cloudpact::base::date::Date;
use cloudpact::base::diagnostic::Severity;
use cloudpact::base::source::SourceFile;
use cloudpact::engine::Decision;
use cloudpact::input::plan::load_plan;
use cloudpact::input::policy::{PackSet, PackStore};
use cloudpact::render::FileReport;
use cloudpact::view::check::report_plan;

fn check(deployment: &str, as_of: &str) -> FileReport {
    let text = format!("[plan]\nas_of = {as_of}\n\n[[deployment]]\nid = \"d\"\n{deployment}\n");
    let plan = load_plan(SourceFile::new("t.plan.toml", text)).unwrap();
    let store = PackStore::new();
    let pack = store.builtin("openai-microsoft").unwrap().unwrap();
    let as_of: Date = as_of.parse().unwrap();
    report_plan(&plan, &PackSet::new(vec![pack]), as_of)
}

fn codes(report: &FileReport) -> Vec<(&str, Severity)> {
    report
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.severity))
        .collect()
}

#[test]
fn gpt5_on_aws_before_the_amendment_is_denied_naming_its_date() {
    let r = check(
        "provider = \"openai\"\nproduct = \"gpt-5\"\nchannel = \"direct\"\ncloud = \"aws\"\nstart = 2026-03-01",
        "2026-06-01",
    );
    assert_eq!(r.deployments[0].decision, Decision::Denied);
    let d = &r.diagnostics[0];
    assert_eq!(d.code, "openai-microsoft/not-yet-permitted");
    assert!(d.message.contains("2026-04-27"), "{}", d.message);
}

#[test]
fn gpt5_on_bedrock_is_denied_and_the_message_names_the_amendment() {
    let r = check(
        "provider = \"openai\"\nproduct = \"gpt-5\"\nchannel = \"bedrock\"\nstart = 2026-03-01",
        "2026-06-01",
    );
    assert_eq!(r.deployments[0].decision, Decision::Denied);
    assert_eq!(r.diagnostics[0].code, "openai-microsoft/not-permitted");
    assert!(r.diagnostics[0].message.contains("2026-04-27"));
}

#[test]
fn gpt5_on_aws_after_the_amendment_is_allowed_and_newly_permitted() {
    let r = check(
        "provider = \"openai\"\nproduct = \"gpt-5\"\nchannel = \"direct\"\ncloud = \"aws\"\nstart = 2026-07-01",
        "2026-06-01",
    );
    assert_eq!(r.deployments[0].decision, Decision::Allowed);
    assert_eq!(
        codes(&r),
        vec![("openai-microsoft/newly-permitted", Severity::Advice)]
    );
    assert!(r.diagnostics[0].message.contains("2026-04-27"));
}

#[test]
fn azure_openai_to_2034_is_conditional_naming_the_2032_licence_end() {
    let r = check(
        "provider = \"openai\"\nproduct = \"gpt-5\"\nchannel = \"azure-foundry\"\nstart = 2026-01-01\nend = 2034-06-30",
        "2026-06-01",
    );
    assert_eq!(r.deployments[0].decision, Decision::Conditional);
    assert_eq!(
        codes(&r),
        vec![("openai-microsoft/microsoft-licence", Severity::Warning)]
    );
    assert!(r.diagnostics[0].message.contains("2032-12-31"));
}

#[test]
fn azure_openai_within_the_licence_is_allowed_without_findings() {
    let r = check(
        "provider = \"openai\"\nproduct = \"gpt-4o\"\nchannel = \"azure-foundry\"\nstart = 2024-06-01\nend = 2030-05-31",
        "2026-06-01",
    );
    assert_eq!(r.deployments[0].decision, Decision::Allowed);
    assert!(r.diagnostics.is_empty(), "{:?}", codes(&r));
}

#[test]
fn the_exclusive_era_and_its_carve_outs() {
    // Before 2025-10-28 even a non-API product stayed on Azure.
    let r = check(
        "provider = \"openai\"\nproduct = \"chatgpt-enterprise\"\nchannel = \"direct\"\ncloud = \"gcp\"\nstart = 2025-06-01\nend = 2025-09-30",
        "2025-06-01",
    );
    assert_eq!(r.deployments[0].decision, Decision::Denied);
    // From 2025-10-28 non-API products may run on any cloud.
    let r = check(
        "provider = \"openai\"\nproduct = \"chatgpt-enterprise\"\nchannel = \"direct\"\ncloud = \"gcp\"\nstart = 2025-11-01",
        "2025-11-01",
    );
    assert_eq!(r.deployments[0].decision, Decision::Allowed);
    // Open weights self-hosted from their release.
    let r = check(
        "provider = \"openai\"\nproduct = \"gpt-oss-120b\"\nchannel = \"self-hosted\"\ncloud = \"on-prem\"\nstart = 2025-09-01",
        "2025-09-01",
    );
    assert_eq!(r.deployments[0].decision, Decision::Allowed);
    // The API on AWS before the amendment: not even a day.
    let r = check(
        "provider = \"openai\"\nproduct = \"gpt-4.1\"\nchannel = \"direct\"\ncloud = \"aws\"\nstart = 2025-06-01\nend = 2026-04-26",
        "2025-06-01",
    );
    assert_eq!(
        codes(&r),
        vec![("openai-microsoft/not-permitted", Severity::Error)]
    );
    assert!(r.diagnostics[0].message.contains("2026-04-27"));
}

#[test]
fn national_security_customers_had_any_cloud_from_october_2025() {
    // US national-security customers only: an EU defence ministry, or a plan that does not
    // say where the buyer is, waited for the amendment.
    for (domicile, decision) in [
        ("domicile = \"us\"\n", Decision::Allowed),
        ("domicile = \"eu\"\n", Decision::Denied),
        ("", Decision::Denied),
    ] {
        let text = format!(
            "[plan]\nsector = \"defense\"\n{domicile}as_of = 2025-11-01\n\n[[deployment]]\nid = \"d\"\nprovider = \"openai\"\nproduct = \"gpt-5\"\nchannel = \"direct\"\ncloud = \"aws\"\n"
        );
        let plan = load_plan(SourceFile::new("t.plan.toml", text)).unwrap();
        let store = PackStore::new();
        let pack = store.builtin("openai-microsoft").unwrap().unwrap();
        let r = report_plan(
            &plan,
            &PackSet::new(vec![pack]),
            "2025-11-01".parse().unwrap(),
        );
        assert_eq!(r.deployments[0].decision, decision, "{domicile}");
    }
}

#[test]
fn a_term_written_to_the_last_countable_day_ends_then_and_is_not_open() {
    let written = check(
        "provider = \"openai\"\nproduct = \"gpt-5\"\nchannel = \"azure-foundry\"\nstart = 2026-06-01\nend = 9999-12-31",
        "2026-06-01",
    );
    let open = check(
        "provider = \"openai\"\nproduct = \"gpt-5\"\nchannel = \"azure-foundry\"\nstart = 2026-06-01",
        "2026-06-01",
    );
    // The same days, so the same decision; only what is said of the end differs.
    assert_eq!(written.deployments[0].decision, Decision::Conditional);
    assert_eq!(open.deployments[0].decision, Decision::Conditional);
    let said = |r: &FileReport| r.diagnostics[0].message.clone();
    assert!(
        said(&written).ends_with("the term runs to 9999-12-31"),
        "{}",
        said(&written)
    );
    assert!(
        said(&open).ends_with("the term has no end"),
        "{}",
        said(&open)
    );
}
