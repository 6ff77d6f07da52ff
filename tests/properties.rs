//! Properties of the evaluation that must hold for every plan, checked on generated ones.

// A test that fails may panic: that is how it fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::Arc;

use cloudpact::base::date::{Date, DaySet, Interval};
use cloudpact::base::source::SourceFile;
use cloudpact::engine::Decision;
use cloudpact::input::plan::load_plan;
use cloudpact::input::policy::{Origin, Pack, PackSet, load_pack};
use cloudpact::render::{FileReport, RunReport, Stream, json};
use cloudpact::view::check::report_plan;
use proptest::prelude::*;

const PROVIDERS: &[(&str, &[&str])] = &[
    (
        "nova",
        &["nova-old", "nova-new", "nova-open", "nova-unknown"],
    ),
    ("orion", &["orion-1"]),
];
const CHANNELS: &[(&str, &str)] = &[
    ("direct", "aws"),
    ("direct", "gcp"),
    ("direct", "azure"),
    ("bedrock", ""),
    ("vertex", ""),
    ("self-hosted", "on-prem"),
    ("partner", "oci"),
];
const TAGS: &[&str] = &["public", "internal", "eu-personal"];

/// A test pack whose every date is `base` plus an offset, so shifting `base` shifts them all.
fn pack_text(base: Date) -> String {
    let d = |days: i32| base.checked_add(jiff::Span::new().days(days)).unwrap();
    format!(
        r#"[pack]
id = "nova"
version = "1"
governs = ["nova"]

[[product]]
id = "nova-old"
provider = "nova"
kind = "api"
released = {old}
offered = {{ azure = {old}, aws = {aws} }}

[[product]]
id = "nova-new"
provider = "nova"
kind = "api"
released = {new}
offered = {{ azure = {new_azure} }}

[[product]]
id = "nova-open"
provider = "nova"
kind = "open-weight"
released = {old}

[[rule]]
id = "home"
effect = "allow"
clause = "Home cloud"
until = {home_end}
match = {{ provider = "nova", cloud = "azure" }}

[[rule]]
id = "elsewhere"
effect = "allow"
clause = "Any cloud"
from = {open}
match = {{ provider = "nova", channel = ["direct", "partner"] }}
unless = {{ cloud = "on-prem" }}
first_on = {{ cloud = "azure", released_from = {open} }}

[[rule]]
id = "stores"
effect = "allow"
clause = "Cloud stores"
from = {open}
match = {{ provider = "nova", channel = ["bedrock", "vertex"] }}
requires_offered = true

[[rule]]
id = "weights"
effect = "allow"
clause = "Open weights"
match = {{ provider = "nova", kind = "open-weight" }}

[[rule]]
id = "preview"
effect = "warn"
clause = "Preview"
from = {open}
until = {preview_end}
match = {{ channel = "bedrock" }}

[[rule]]
id = "residency"
effect = "deny"
clause = "Residency"
match = {{ data = "eu-personal" }}
unless = {{ cloud = ["azure", "on-prem"] }}
"#,
        old = d(-400),
        aws = d(-100),
        new = d(30),
        new_azure = d(90),
        home_end = d(2000),
        open = d(0),
        preview_end = d(200),
    )
}

fn pack(base: Date) -> Arc<Pack> {
    Arc::new(
        load_pack(
            SourceFile::new("nova.toml", pack_text(base)),
            Origin::Builtin,
        )
        .unwrap(),
    )
}

#[derive(Debug, Clone)]
struct Spec {
    provider: usize,
    product: usize,
    channel: usize,
    start: i32,
    length: Option<i32>,
    tag: usize,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0..PROVIDERS.len(),
        0..4usize,
        0..CHANNELS.len(),
        -300..600i32,
        proptest::option::of(1..3000i32),
        0..TAGS.len(),
    )
        .prop_map(|(provider, product, channel, start, length, tag)| Spec {
            provider,
            product,
            channel,
            start,
            length,
            tag,
        })
}

fn plan_text(base: Date, as_of: i32, specs: &[Spec], exceptions: &str) -> String {
    let d = |days: i32| base.checked_add(jiff::Span::new().days(days)).unwrap();
    let mut text = format!("[plan]\nas_of = {}\n", d(as_of));
    for (i, s) in specs.iter().enumerate() {
        let (provider, products) = PROVIDERS[s.provider];
        let product = products[s.product % products.len()];
        let (channel, cloud) = CHANNELS[s.channel];
        text.push_str(&format!(
            "\n[[deployment]]\nid = \"d{i}\"\nprovider = \"{provider}\"\nproduct = \"{product}\"\nchannel = \"{channel}\"\nstart = {}\ndata = \"{}\"\n",
            d(s.start),
            TAGS[s.tag]
        ));
        if !cloud.is_empty() {
            text.push_str(&format!("cloud = \"{cloud}\"\n"));
        }
        if let Some(length) = s.length {
            text.push_str(&format!("end = {}\n", d(s.start + length)));
        }
    }
    text.push_str(exceptions);
    text
}

fn check(text: &str, packs: &PackSet) -> FileReport {
    let plan = load_plan(SourceFile::new("p.plan.toml", text.to_string())).unwrap();
    let as_of = plan.as_of().unwrap();
    report_plan(&plan, packs, as_of)
}

fn json_of(file: FileReport) -> String {
    json::Json::default().render(&RunReport {
        as_of: file.as_of.unwrap(),
        packs: Vec::new(),
        files: vec![file],
    })
}

fn base() -> Date {
    Date::new(2026, 4, 27).unwrap()
}

/// Every `YYYY-MM-DD` in `text` moved by `days`.
fn shift_dates(text: &str, days: i32) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let candidate = text.get(i..i + 10);
        let is_date = candidate.is_some_and(|c| {
            c.bytes().enumerate().all(|(k, b)| {
                if k == 4 || k == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            }) && (i == 0 || !bytes[i - 1].is_ascii_digit())
                && bytes.get(i + 10).is_none_or(|b| !b.is_ascii_digit())
        });
        match candidate
            .filter(|_| is_date)
            .and_then(|c| c.parse::<Date>().ok())
        {
            Some(date) => {
                out.push_str(
                    &date
                        .checked_add(jiff::Span::new().days(days))
                        .unwrap()
                        .to_string(),
                );
                i += 10;
            }
            None => {
                let c = text[i..].chars().next().unwrap();
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn the_same_input_gives_byte_identical_output(specs in prop::collection::vec(spec(), 1..12), as_of in -100..400i32) {
        let packs = PackSet::new(vec![pack(base())]);
        let text = plan_text(base(), as_of, &specs, "");
        let first = json_of(check(&text, &packs));
        let second = json_of(check(&text, &packs));
        prop_assert_eq!(&first, &second);
        // A pack loaded again (another store, another memo) changes nothing either.
        let again = PackSet::new(vec![pack(base())]);
        prop_assert_eq!(first, json_of(check(&text, &again)));
    }

    #[test]
    fn a_deny_rule_never_makes_a_decision_better(
        specs in prop::collection::vec(spec(), 1..10),
        as_of in -100..400i32,
        key in 0..4usize,
        value in 0..3usize,
    ) {
        let text = plan_text(base(), as_of, &specs, "");
        let before = check(&text, &PackSet::new(vec![pack(base())]));
        let (key, values): (&str, &[&str]) = [
            ("cloud", &["aws", "gcp", "azure"][..]),
            ("channel", &["direct", "bedrock", "self-hosted"][..]),
            ("data", TAGS),
            ("provider", &["nova", "orion", "*"][..]),
        ][key];
        let org = format!("[pack]\nid = \"org\"\n\n[[rule]]\nid = \"no\"\neffect = \"deny\"\nmatch = {{ {key} = \"{}\" }}\n", values[value % values.len()]);
        let org = Arc::new(load_pack(SourceFile::new("org.toml", org), Origin::Builtin).unwrap());
        let after = check(&text, &PackSet::new(vec![pack(base()), org]));
        for (b, a) in before.deployments.iter().zip(&after.deployments) {
            prop_assert!(a.decision >= b.decision, "{}: {:?} became {:?}", b.id, b.decision, a.decision);
            if b.decision == Decision::Denied {
                prop_assert_eq!(a.decision, Decision::Denied);
            }
        }
    }

    #[test]
    fn an_exception_touches_only_its_code_and_its_deployments(
        specs in prop::collection::vec(spec(), 2..10),
        as_of in -100..400i32,
        pick in 0..64usize,
        covered in prop::collection::vec(any::<bool>(), 10),
    ) {
        let packs = PackSet::new(vec![pack(base())]);
        let text = plan_text(base(), as_of, &specs, "");
        let before = check(&text, &packs);
        let codes: Vec<&str> = before.diagnostics.iter().map(|d| d.code.as_str()).collect();
        prop_assume!(!codes.is_empty());
        let code = codes[pick % codes.len()].to_string();
        let ids: Vec<String> = (0..specs.len()).filter(|i| covered[*i]).map(|i| format!("\"d{i}\"")).collect();
        prop_assume!(!ids.is_empty());
        let expires = base().checked_add(jiff::Span::new().days(as_of + 1)).unwrap();
        let exception = format!("\n[[exception]]\nrule = \"{code}\"\ndeployments = [{}]\nreason = \"r\"\nexpires = {expires}\n", ids.join(", "));
        let after = check(&plan_text(base(), as_of, &specs, &exception), &packs);
        let waived_ids: Vec<String> = (0..specs.len()).filter(|i| covered[*i]).map(|i| format!("d{i}")).collect();
        // News of an opening is given only on a deployment that is not denied, so waiving a
        // refusal may bring it: it is compared apart.
        let news = |code: &str| code.ends_with("/newly-permitted");
        for r in [&before, &after] {
            for d in r.diagnostics.iter().filter(|d| news(&d.code)) {
                let row = r.deployments.iter().find(|x| Some(&x.id) == d.deployment.as_ref()).unwrap();
                prop_assert_ne!(row.decision, Decision::Denied, "news on a denied deployment");
            }
        }
        // An exception that ends before a term it waives says so on that deployment, and
        // only there.
        let ends_first = |code: &str| code == "plan/exception-ends-first";
        for d in after.diagnostics.iter().filter(|d| ends_first(&d.code)) {
            prop_assert!(d.deployment.as_ref().is_some_and(|id| waived_ids.contains(id)), "{:?}", d);
        }
        let deployment_findings = |r: &FileReport| -> Vec<_> {
            r.diagnostics
                .iter()
                .filter(|d| d.deployment.is_some() && !news(&d.code) && !ends_first(&d.code))
                .cloned()
                .collect()
        };
        let (b, a) = (deployment_findings(&before), deployment_findings(&after));
        prop_assert_eq!(b.len(), a.len());
        // A waived finding moves among the advice: match findings by what they are, not where.
        for b in &b {
            let a = a
                .iter()
                .find(|a| a.deployment == b.deployment && a.code == b.code && a.message == b.message)
                .expect("every finding is still there");
            let in_scope = b.code == code && b.deployment.as_ref().is_some_and(|d| waived_ids.contains(d));
            if in_scope {
                prop_assert!(a.waived.is_some());
                prop_assert_eq!(a.severity, cloudpact::base::diagnostic::Severity::Advice);
            } else {
                prop_assert!(a.waived.is_none());
                prop_assert_eq!(a.severity, b.severity);
                prop_assert_eq!(&a.help, &b.help);
            }
        }
    }

    // Every rule counts days, save one: an opening is news for a calendar year, which is
    // 365 or 366 days. So any shift moves every other output, and a shift by whole leap
    // cycles (1,461 days, which keeps every date's place in the calendar) moves them all.
    #[test]
    fn shifting_every_date_shifts_every_date_in_the_output(
        specs in prop::collection::vec(spec(), 1..8),
        as_of in -100..400i32,
        days in -2000..2000i32,
        cycles in -2..=2i32,
    ) {
        let here = base();
        let shifted = |days: i32, news: bool| {
            let there = here.checked_add(jiff::Span::new().days(days)).unwrap();
            let mut file = check(&plan_text(there, as_of, &specs, ""), &PackSet::new(vec![pack(there)]));
            if !news {
                file.diagnostics.retain(|d| !d.code.ends_with("/newly-permitted"));
            }
            json_of(file)
        };
        prop_assert_eq!(shift_dates(&shifted(0, false), days), shifted(days, false));
        let days = cycles * 1461;
        prop_assert_eq!(shift_dates(&shifted(0, true), days), shifted(days, true));
    }

    #[test]
    fn a_union_of_windows_is_order_independent(mut windows in prop::collection::vec((0..3000i32, 0..400i32), 0..12)) {
        let day = |n: i32| base().checked_add(jiff::Span::new().days(n)).unwrap();
        let intervals: Vec<Interval> = windows.iter().map(|(s, l)| Interval::new(day(*s), day(s + l)).unwrap()).collect();
        let forward: DaySet = intervals.iter().copied().collect();
        windows.reverse();
        let backward: DaySet = intervals.iter().rev().copied().collect();
        prop_assert_eq!(&forward, &backward);
        // And the union holds exactly the days some window holds.
        for probe in (0..3400).step_by(37) {
            let d = day(probe);
            prop_assert_eq!(forward.contains(d), intervals.iter().any(|iv| iv.contains(d)));
        }
    }
}
