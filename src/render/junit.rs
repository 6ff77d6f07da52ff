//! `--format junit`: a test suite per plan file, a test case per deployment. A denied
//! deployment is a failure with its findings in the body (under `--deny-warnings`, so is a
//! conditional one, as the exit code says); other findings go to the case's system-out.
//! Findings about the plan as a whole (its exceptions) are the case `[plan]`, a name no
//! deployment id can take; a file that could not be checked is the error case `[file]`.

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use crate::base::diagnostic::{Diagnostic, Severity};
use crate::engine::Decision;
use crate::render::{FileReport, RunReport, Stream, Totals};

fn describe(file: &FileReport, d: &Diagnostic) -> String {
    let at = d
        .primary_span()
        .map(|s| {
            let (line, col) = file.source.line_col(s.start);
            format!("{}:{line}:{col}: ", file.source.name)
        })
        .unwrap_or_default();
    let mut text = format!(
        "{at}{} [{}] {}",
        d.severity,
        d.code,
        crate::base::terminal::visible(&d.message)
    );
    if let Some(help) = &d.help {
        text.push_str(&format!("\n  help: {help}"));
    }
    if let Some(clause) = &d.clause {
        text.push_str(&format!("\n  clause: {clause}"));
    }
    if let Some(w) = &d.waived {
        text.push_str(&format!("\n  waived: {}", w.describe()));
    }
    text
}

fn case(
    file: &FileReport,
    name: &str,
    findings: &[&Diagnostic],
    failed: bool,
    kind: NonSuccessKind,
) -> TestCase {
    let body: Vec<String> = findings.iter().map(|d| describe(file, d)).collect();
    let status = if failed {
        let mut status = TestCaseStatus::non_success(kind);
        let first = findings
            .iter()
            .find(|d| d.severity == Severity::Error)
            .or_else(|| findings.iter().find(|d| d.severity == Severity::Warning));
        if let Some(first) = first {
            status
                .set_message(first.message.clone())
                .set_type(first.code.clone());
        }
        status.set_description(body.join("\n"));
        status
    } else {
        TestCaseStatus::success()
    };
    let mut case = TestCase::new(name, status);
    case.set_classname(file.source.name.clone());
    if !failed && !body.is_empty() {
        case.set_system_out(body.join("\n"));
    }
    case
}

/// JUnit XML: a suite per file, kept until the end, where the root's totals are written.
#[derive(Default)]
pub struct Junit {
    suites: std::sync::Mutex<Vec<TestSuite>>,
    /// Warnings fail a case, as they fail the run.
    deny_warnings: bool,
}

impl Junit {
    pub fn new(deny_warnings: bool) -> Self {
        Junit {
            suites: Default::default(),
            deny_warnings,
        }
    }
}

/// The case that holds findings about the plan as a whole: deployment ids start with a
/// letter or digit, so none is named this.
pub const PLAN_CASE: &str = "[plan]";

/// The case of a file that could not be checked (unreadable, not TOML, not a plan).
pub const FILE_CASE: &str = "[file]";

impl Stream for Junit {
    fn draw(&self, _file: &FileReport) -> String {
        String::new()
    }

    fn place(&self, file: &FileReport, _drawn: String) -> String {
        self.suites
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(suite(file, self.deny_warnings));
        String::new()
    }

    fn end(&self, _totals: &Totals) -> String {
        let mut junit = Report::new("cloudpact");
        let suites = std::mem::take(
            &mut *self
                .suites
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        junit.add_test_suites(suites);
        // The XML may be printed to a CI log: no line of it may read as a workflow command.
        let xml = without_skipped_on_the_root(junit.to_string().unwrap_or_default());
        crate::base::terminal::no_commands(&crate::render::escape::xml_chars(&xml)).into_owned()
    }
}

pub fn render(report: &RunReport) -> String {
    Junit::default().render(report)
}

/// Jenkins' schema (the xunit plugin's `junit-10.xsd`) allows `skipped` on a `<testsuite>`
/// but not on `<testsuites>`, where `quick-junit` always writes it (cloudpact skips no
/// case, so it is always 0 there). The root tag holds only cloudpact's name and counts.
fn without_skipped_on_the_root(xml: String) -> String {
    let Some(start) = xml.find("<testsuites") else {
        return xml;
    };
    let Some(end) = xml[start..].find('>').map(|e| start + e) else {
        return xml;
    };
    const SKIPPED: &str = " skipped=\"";
    let root = &xml[start..end];
    let Some(at) = root.find(SKIPPED) else {
        return xml;
    };
    let value = at + SKIPPED.len();
    let Some(close) = root[value..].find('"').map(|c| value + c + 1) else {
        return xml;
    };
    format!(
        "{}{}{}",
        &xml[..start + at],
        &xml[start + close..end],
        &xml[end..]
    )
}

fn suite(file: &FileReport, deny_warnings: bool) -> TestSuite {
    let fails = |findings: &[&Diagnostic]| {
        findings.iter().any(|d| {
            d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning)
        })
    };
    let mut suite = TestSuite::new(file.source.name.clone());
    if !file.checked {
        let all: Vec<&Diagnostic> = file.diagnostics.iter().collect();
        suite.add_test_case(case(file, FILE_CASE, &all, true, NonSuccessKind::Error));
    }
    for d in &file.deployments {
        let findings: Vec<&Diagnostic> = file
            .diagnostics
            .iter()
            .filter(|f| f.deployment.as_deref() == Some(d.id.as_str()))
            .collect();
        let failed = d.decision == Decision::Denied || fails(&findings);
        suite.add_test_case(case(
            file,
            &d.id,
            &findings,
            failed,
            NonSuccessKind::Failure,
        ));
    }
    let plan_level: Vec<&Diagnostic> = if file.checked {
        file.diagnostics
            .iter()
            .filter(|f| f.deployment.is_none())
            .collect()
    } else {
        Vec::new()
    };
    if !plan_level.is_empty() {
        let failed = fails(&plan_level);
        suite.add_test_case(case(
            file,
            PLAN_CASE,
            &plan_level,
            failed,
            NonSuccessKind::Failure,
        ));
    }
    suite
}
