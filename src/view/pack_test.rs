//! `cloudpact test`: run the `[[test]]` cases a pack carries, and measure which of its
//! rules they exercise.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use toml::Spanned;

use crate::base::codes::Code;
use crate::base::date::TomlDate;
use crate::base::diagnostic::Diagnostic;
use crate::engine::{Decision, Subject, evaluate_path};
use crate::input::plan::{Plan, PlanHeader};
use crate::input::policy::{Origin, Pack, PackSet, PackStore, PackTest};
use crate::view::check::report_plan;

#[derive(Debug, Clone)]
pub struct CaseResult {
    pub name: String,
    pub line: usize,
    pub expected: (Decision, Vec<String>),
    /// `None` when the case could not run (a pack it names could not be loaded).
    pub actual: Option<(Decision, Vec<String>)>,
    /// What went wrong, pointing at the case in the pack file.
    pub failure: Option<Diagnostic>,
}

impl CaseResult {
    pub fn passed(&self) -> bool {
        self.failure.is_none()
    }
}

#[derive(Debug)]
pub struct PackResults {
    pub pack: Arc<Pack>,
    pub cases: Vec<CaseResult>,
    /// Codes of the pack's rules that some passing case exercised.
    pub covered: BTreeSet<String>,
}

impl PackResults {
    pub fn uncovered(&self) -> Vec<&str> {
        self.pack
            .rules
            .iter()
            .map(|r| r.code.as_str())
            .filter(|c| !self.covered.contains(*c))
            .collect()
    }
}

/// Run every case of `pack`.
pub fn run_pack(pack: &Arc<Pack>, store: &PackStore) -> PackResults {
    let dir = match &pack.origin {
        Origin::File(path) => path.parent().unwrap_or(Path::new(".")).to_path_buf(),
        Origin::Builtin => Path::new(".").to_path_buf(),
    };
    let mut covered = BTreeSet::new();
    let cases = pack
        .tests
        .iter()
        .map(|case| run_case(pack, case, store, &dir, &mut covered))
        .collect();
    PackResults {
        pack: Arc::clone(pack),
        cases,
        covered,
    }
}

fn run_case(
    pack: &Arc<Pack>,
    case: &PackTest,
    store: &PackStore,
    dir: &Path,
    covered: &mut BTreeSet<String>,
) -> CaseResult {
    let line = pack.source.line_col(case.span.start).0;
    let mut expected_codes = case.codes.clone();
    expected_codes.sort();
    let expected = (case.decision, expected_codes);
    let mut packs: Vec<Arc<Pack>> = Vec::new();
    for name in &case.packs {
        match store.resolve_name(name, None, dir) {
            Ok(other) if other.id != pack.id => packs.push(other),
            Ok(_) => {}
            Err(error) => {
                let failure = Diagnostic::error(
                    Code::TestFailed,
                    format!("test `{}` cannot run: {}", case.name, error.message),
                )
                .with_label(case.span.clone(), "this test")
                .with_optional_help(error.help);
                return CaseResult {
                    name: case.name.clone(),
                    line,
                    expected,
                    actual: None,
                    failure: Some(failure),
                };
            }
        }
    }
    if case.products.is_empty() {
        packs.push(Arc::clone(pack));
    } else {
        let mut extended = Pack::clone(pack);
        extended.products.extend(case.products.iter().cloned());
        extended.serial = crate::input::policy::next_serial();
        packs.push(Arc::new(extended));
    }
    let set = PackSet::new(packs);

    let plan = Plan {
        source: pack.source.clone(),
        header: Spanned::new(
            case.span.clone(),
            PlanHeader {
                organization: None,
                sector: case.sector.clone(),
                domicile: case.domicile.clone(),
                as_of: Some(Spanned::new(case.span.clone(), TomlDate(case.as_of))),
                policies: None,
            },
        ),
        deployments: vec![case.deployment.clone()],
        exceptions: Vec::new(),
    };
    let report = report_plan(&plan, &set, case.as_of);
    let decision = report
        .deployments
        .first()
        .map_or(Decision::Allowed, |d| d.decision);
    let mut codes: Vec<String> = report.diagnostics.iter().map(|d| d.code.clone()).collect();
    codes.sort();
    codes.dedup();
    let actual = (decision, codes);

    let failure = (actual != expected).then(|| {
        let show = |(d, c): &(Decision, Vec<String>)| {
            if c.is_empty() {
                format!("{} with no finding", d.as_str())
            } else {
                format!("{} with {}", d.as_str(), c.join(", "))
            }
        };
        let findings: Vec<String> = report
            .diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect();
        Diagnostic::error(Code::TestFailed, format!("test `{}` failed", case.name))
            .with_label(
                case.span.clone(),
                format!("expected {}, got {}", show(&expected), show(&actual)),
            )
            .with_optional_help((!findings.is_empty()).then(|| findings.join("\n")))
    });

    if failure.is_none() {
        let deployment = case.deployment.get_ref();
        if let Some(term) = deployment.term(case.as_of) {
            let buyer = crate::input::plan::Buyer {
                sector: case.sector.as_ref().map(|s| *s.get_ref()),
                domicile: case.domicile.as_ref().map(|d| d.get_ref().as_str()),
            };
            let subject = Subject::of_deployment(deployment, buyer);
            let verdict = evaluate_path(&set, &subject, term);
            covered.extend(verdict.pieces.iter().map(|p| p.rule.code.to_string()));
            covered.extend(verdict.withheld.iter().map(|w| w.rule.code.to_string()));
            covered.extend(
                verdict
                    .findings
                    .iter()
                    .filter(|f| pack.rules.iter().any(|r| r.code == *f.code))
                    .map(|f| f.code.to_string()),
            );
        }
    }
    CaseResult {
        name: case.name.clone(),
        line,
        expected,
        actual: Some(actual),
        failure,
    }
}
