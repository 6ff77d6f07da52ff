//! `cloudpact test` output: a line per case, failures drawn as diagnostics at the case's
//! line, coverage, and a last line `N passed, N failed`.

use std::fmt::Write as _;

use serde::Serialize;

use crate::engine::Decision;
use crate::render::{FileReport, RunReport, human};
use crate::view::pack_test::PackResults;

pub fn render(results: &[PackResults], color: bool, width: usize) -> String {
    let mut out = String::new();
    let (mut passed, mut failed) = (0, 0);
    for r in results {
        let _ = writeln!(
            out,
            "{} ({}): {} tests",
            r.pack.source.name,
            r.pack.id,
            r.cases.len()
        );
        for case in &r.cases {
            let mark = if case.passed() { "ok  " } else { "FAIL" };
            let _ = writeln!(out, "  {mark} {} (line {})", case.name, case.line);
            if case.passed() {
                passed += 1;
            } else {
                failed += 1;
            }
        }
        let failures: Vec<_> = r.cases.iter().filter_map(|c| c.failure.clone()).collect();
        if !failures.is_empty() {
            out.push('\n');
            let report = RunReport {
                as_of: jiff::civil::Date::MIN,
                packs: Vec::new(),
                files: vec![FileReport {
                    checked: true,
                    ..FileReport::unchecked(r.pack.source.clone(), failures)
                }],
            };
            let options = human::HumanOptions {
                color,
                quiet: true,
                width,
                ..human::HumanOptions::default()
            };
            let drawn = human::render(&report, &options);
            // The renderer's heading repeats the file name: keep only the diagnostics.
            let body = drawn
                .split_once('\n')
                .map_or(drawn.as_str(), |(_, rest)| rest);
            out.push_str(body.trim_start_matches('\n'));
        }
        let rules = r.pack.rules.len();
        let covered = rules - r.uncovered().len();
        let _ = write!(out, "  rules covered: {covered} of {rules}");
        let uncovered = r.uncovered();
        if uncovered.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(
                out,
                "; not exercised by a passing test: {}",
                uncovered.join(", ")
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{passed} passed, {failed} failed");
    out
}

#[derive(Serialize)]
struct Json<'a> {
    version: u32,
    packs: Vec<PackJson<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct PackJson<'a> {
    id: &'a str,
    file: &'a str,
    tests: Vec<CaseJson<'a>>,
    rules: usize,
    uncovered: Vec<&'a str>,
}

#[derive(Serialize)]
struct CaseJson<'a> {
    name: &'a str,
    line: usize,
    passed: bool,
    expected: Outcome<'a>,
    actual: Option<Outcome<'a>>,
}

#[derive(Serialize)]
struct Outcome<'a> {
    decision: Decision,
    codes: &'a [String],
}

#[derive(Serialize)]
struct Summary {
    passed: usize,
    failed: usize,
}

pub fn json(results: &[PackResults]) -> String {
    let packs: Vec<PackJson<'_>> = results
        .iter()
        .map(|r| PackJson {
            id: &r.pack.id,
            file: &r.pack.source.name,
            tests: r
                .cases
                .iter()
                .map(|c| CaseJson {
                    name: &c.name,
                    line: c.line,
                    passed: c.passed(),
                    expected: Outcome {
                        decision: c.expected.0,
                        codes: &c.expected.1,
                    },
                    actual: c.actual.as_ref().map(|(d, codes)| Outcome {
                        decision: *d,
                        codes,
                    }),
                })
                .collect(),
            rules: r.pack.rules.len(),
            uncovered: r.uncovered(),
        })
        .collect();
    let passed = packs
        .iter()
        .flat_map(|p| &p.tests)
        .filter(|t| t.passed)
        .count();
    let failed = packs
        .iter()
        .flat_map(|p| &p.tests)
        .filter(|t| !t.passed)
        .count();
    let json = Json {
        version: crate::render::json::VERSION,
        packs,
        summary: Summary { passed, failed },
    };
    serde_json::to_string_pretty(&json).unwrap_or_default() + "\n"
}
