//! Entry points for the fuzz targets in `fuzz/` and for the regression test that replays
//! their corpus (`tests/fuzz_regressions.rs`): each takes arbitrary input through a whole
//! path of cloudpact and fails loudly where an output is malformed. Nothing here may be
//! reached by a user's input other than through the public paths it calls.

// A check's invariants fail here by panicking: that is what a fuzzer detects.
#![allow(clippy::panic)]

use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::base::date::Date;
use crate::base::diagnostic::{Diagnostic, Label, Severity, Waiver};
use crate::base::source::SourceFile;
use crate::input::plan::load_plan;
use crate::input::policy::{Origin, PackStore, Selection, load_pack};
use crate::input::walk::text_of;
use crate::render::{
    FileReport, RunReport, Stream, github, html, human, json, junit, markdown, policies, sarif,
};
use crate::view::briefing::briefing;
use crate::view::check::report_plan;
use crate::view::explain::explain;
use crate::view::pack_test::run_pack;

fn store() -> &'static PackStore {
    static STORE: OnceLock<PackStore> = OnceLock::new();
    STORE.get_or_init(PackStore::new)
}

fn day() -> Date {
    Date::new(2026, 6, 1).unwrap_or(Date::MIN)
}

/// Write the run in every format; the JSON ones must parse.
fn render_all(report: &RunReport) {
    let _ = human::Human::new(human::HumanOptions::default()).render(report);
    let _ = human::Human::new(human::HumanOptions {
        color: true,
        quiet: true,
        least: Severity::Error,
        width: 60,
    })
    .render(report);
    let _ = github::Github::default().render(report);
    let _ = junit::Junit::default().render(report);
    for (format, text) in [
        ("json", json::Json::default().render(report)),
        ("sarif", sarif::Sarif::default().render(report)),
    ] {
        if let Err(e) = serde_json::from_str::<serde_json::Value>(&text) {
            panic!("--format {format} wrote invalid JSON ({e}):\n{text}");
        }
    }
}

fn run_of(file: FileReport) -> RunReport {
    RunReport {
        as_of: day(),
        packs: file.packs.clone(),
        files: vec![file],
    }
}

/// A plan file's bytes: loaded, checked against the built-in packs, written in every format,
/// and its report drawn.
pub fn check_plan_bytes(data: &[u8]) {
    let Ok(source) = text_of("fuzz.plan.toml".to_string(), data.to_vec()) else {
        return;
    };
    let plan = match load_plan(source.clone()) {
        Ok(plan) => plan,
        Err(errors) => return render_all(&run_of(FileReport::unchecked(source, errors))),
    };
    // A plan's pack paths would read files of the machine: only built-in packs here.
    if plan
        .policies()
        .is_some_and(|ps| ps.iter().any(|p| p.get_ref().contains(['/', '\\', '.'])))
    {
        return;
    }
    let packs = match store().select_for(&plan, Path::new("."), &Selection::default()) {
        Ok(packs) => packs,
        Err(errors) => return render_all(&run_of(FileReport::unchecked(source, errors))),
    };
    let as_of = plan.as_of().unwrap_or_else(day);
    render_all(&run_of(report_plan(&plan, &packs, as_of)));
    if plan.deployments.len() <= 32 {
        let b = briefing(&plan, &packs, as_of);
        let page = html::render(&b, "fuzz");
        if page.contains("<script") {
            panic!("a report must never hold a script element");
        }
        let _ = markdown::render(&b);
    }
}

/// A pack file's bytes: loaded and linted; its tests run, its rules explained and shown.
pub fn load_pack_bytes(data: &[u8]) {
    let Ok(source) = text_of("fuzz.toml".to_string(), data.to_vec()) else {
        return;
    };
    let Ok(pack) = load_pack(source, Origin::Builtin) else {
        return;
    };
    let pack = Arc::new(pack);
    // A test naming a pack file would read files of the machine: built-in ids only.
    if pack
        .tests
        .iter()
        .all(|t| t.packs.iter().all(|p| !p.contains(['/', '\\', '.'])))
    {
        let _ = run_pack(&pack, store());
    }
    let set = crate::input::policy::PackSet::new(vec![Arc::clone(&pack)]);
    for rule in &pack.rules {
        if let Err(e) = explain(&rule.code, &set) {
            panic!("a loaded rule cannot be explained: {e}");
        }
    }
    let _ = policies::render_show(&pack, 80);
    let _ = policies::json_show(&pack, &set);
}

/// One finding as the `render` target makes it.
#[derive(Debug, Clone, arbitrary::Arbitrary)]
pub struct Finding {
    pub code: String,
    pub severity: u8,
    pub message: String,
    pub help: Option<String>,
    pub labels: Vec<(usize, usize, String)>,
    pub deployment: Option<String>,
    pub clause: Option<String>,
    pub sources: Vec<String>,
    pub waived: Option<(String, Option<String>)>,
}

/// What the `render` target decodes its bytes into: a file and findings about it.
#[derive(Debug, arbitrary::Arbitrary)]
struct RenderInput {
    name: String,
    text: String,
    checked: bool,
    organization: Option<String>,
    findings: Vec<Finding>,
}

/// The `render` target's bytes, decoded as libFuzzer's typed targets do (`arbitrary`'s
/// `arbitrary_take_rest`), so the corpus it keeps replays here byte for byte. Says whether the
/// bytes decoded (and so were rendered).
pub fn render_bytes(data: &[u8]) -> bool {
    use arbitrary::Arbitrary;
    let Ok(input) = RenderInput::arbitrary_take_rest(arbitrary::Unstructured::new(data)) else {
        return false;
    };
    render_findings(
        input.name,
        input.text,
        input.checked,
        input.organization,
        input.findings,
    );
    true
}

/// Every renderer, fed findings no plan would produce (spans anywhere, any strings).
pub fn render_findings(
    name: String,
    text: String,
    checked: bool,
    organization: Option<String>,
    findings: Vec<Finding>,
) {
    let diagnostics = findings
        .into_iter()
        .map(|f| {
            let severity = match f.severity % 3 {
                0 => Severity::Error,
                1 => Severity::Warning,
                _ => Severity::Advice,
            };
            Diagnostic {
                code: f.code,
                severity,
                message: f.message,
                help: f.help,
                labels: f
                    .labels
                    .into_iter()
                    .map(|(start, end, text)| Label::new(start..end, text))
                    .collect(),
                deployment: f.deployment,
                clause: f.clause,
                confidence: None,
                sources: f.sources,
                waived: f.waived.map(|(reason, approved_by)| Waiver {
                    severity,
                    reason,
                    approved_by,
                    expires: day(),
                }),
            }
        })
        .collect();
    let file = FileReport {
        checked,
        organization,
        ..FileReport::unchecked(SourceFile::new(name, text), diagnostics)
    };
    render_all(&run_of(file));
}
