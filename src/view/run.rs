//! The result of a run, as every renderer sees it: files, their deployments and
//! diagnostics, and the totals. Views build it; renderers (`report/`) read it and never
//! call the engine.

use crate::base::date::Date;
use crate::base::diagnostic::{Diagnostic, Severity};
use crate::base::source::SourceFile;
use crate::engine::Decision;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackRef {
    pub id: String,
    pub version: Option<String>,
    /// Where it came from: `built-in` or the file as named.
    pub origin: String,
    /// Whether it bears on the file: it governs a provider the file deploys, or it governs
    /// none (an organisation's pack restricts every deployment).
    pub relevant: bool,
}

#[derive(Debug, Clone)]
pub struct DeploymentRow {
    pub id: String,
    pub provider: String,
    pub product: String,
    pub channel: crate::base::vocab::Channel,
    pub cloud: crate::base::vocab::Cloud,
    pub region: Option<String>,
    pub start: Date,
    pub end: Option<Date>,
    pub decision: Decision,
    pub line: usize,
    /// For a denied deployment, the paths `check` permits for its product at its start.
    pub alternatives: std::sync::Arc<[crate::engine::Alternative]>,
}

#[derive(Debug, Clone)]
pub struct FileReport {
    pub source: SourceFile,
    /// False when the file could not be checked (exit code 2).
    pub checked: bool,
    pub organization: Option<String>,
    pub as_of: Option<Date>,
    pub packs: Vec<PackRef>,
    pub deployments: Vec<DeploymentRow>,
    pub diagnostics: Vec<Diagnostic>,
    /// What each code among the diagnostics means (the rule, or cloudpact's own code), for
    /// formats that describe their rules (SARIF).
    pub explanations: Vec<crate::view::explain::Explanation>,
}

impl FileReport {
    pub fn unchecked(source: SourceFile, diagnostics: Vec<Diagnostic>) -> Self {
        FileReport {
            source,
            checked: false,
            organization: None,
            as_of: None,
            packs: Vec::new(),
            deployments: Vec::new(),
            explanations: explain_all(&diagnostics, &crate::input::policy::PackSet::default()),
            diagnostics,
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Explain every distinct code among `diagnostics`, in first-seen order.
pub fn explain_all(
    diagnostics: &[Diagnostic],
    packs: &crate::input::policy::PackSet,
) -> Vec<crate::view::explain::Explanation> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for d in diagnostics {
        if seen.contains(&d.code.as_str()) {
            continue;
        }
        seen.push(&d.code);
        if let Ok(e) = crate::view::explain::explain(&d.code, packs) {
            out.push(e);
        }
    }
    out
}

/// A format that is written as the files are checked: what comes before the first file,
/// each file, and what comes after the last, when the totals are known. Memory does not
/// grow with the number of files.
///
/// A file is drawn in two steps: `draw` on any thread, as soon as the file is checked (the
/// costly part, so it runs in parallel), then `place`, in file order, for what depends on the
/// files before it (a separator, the rules seen so far).
pub trait Stream: Sync {
    fn begin(&self) -> String {
        String::new()
    }

    fn draw(&self, file: &FileReport) -> String;

    fn place(&self, _file: &FileReport, drawn: String) -> String {
        drawn
    }

    fn end(&self, totals: &Totals) -> String;

    /// What the run adds to a CI job's summary page, beside its output (GitHub's
    /// `$GITHUB_STEP_SUMMARY`); most formats add nothing.
    fn job_summary(&self, _totals: &Totals) -> Option<String> {
        None
    }

    /// The whole run at once, for callers that hold every report.
    fn render(&self, report: &RunReport) -> String {
        let mut out = self.begin();
        let mut totals = Totals {
            as_of: Some(report.as_of),
            ..Totals::default()
        };
        for file in &report.files {
            totals.add(file);
            let drawn = self.draw(file);
            out.push_str(&self.place(file, drawn));
        }
        totals.packs.clone_from(&report.packs);
        out.push_str(&self.end(&totals));
        out
    }
}

#[derive(Debug, Clone)]
pub struct RunReport {
    pub as_of: Date,
    pub packs: Vec<PackRef>,
    pub files: Vec<FileReport>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub unchecked: usize,
    pub deployments: usize,
    pub allowed: usize,
    pub conditional: usize,
    pub denied: usize,
    pub errors: usize,
    pub warnings: usize,
    pub advice: usize,
}

impl Summary {
    /// Count one more file.
    pub fn add(&mut self, file: &FileReport) {
        self.files += 1;
        self.unchecked += usize::from(!file.checked);
        self.deployments += file.deployments.len();
        for d in &file.deployments {
            match d.decision {
                Decision::Allowed => self.allowed += 1,
                Decision::Conditional => self.conditional += 1,
                Decision::Denied => self.denied += 1,
            }
        }
        self.errors += file.count(Severity::Error);
        self.warnings += file.count(Severity::Warning);
        self.advice += file.count(Severity::Advice);
    }

    /// 2 if a file could not be checked, or if no file was found (a gate that checked
    /// nothing has not passed) unless `allow_empty`; 1 for errors (or warnings under
    /// `--deny-warnings`); 0 otherwise.
    pub fn exit_code(&self, deny_warnings: bool, allow_empty: bool) -> u8 {
        if self.unchecked > 0 || (self.files == 0 && !allow_empty) {
            2
        } else if self.errors > 0 || (deny_warnings && self.warnings > 0) {
            1
        } else {
            0
        }
    }
}

/// What a run adds up to, file by file: the counts, the packs used, the as-of date. A
/// renderer that streams writes its header and files as they come, and this at the end.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    pub summary: Summary,
    pub packs: Vec<PackRef>,
    /// `--as-of`, else the first checked file's as-of date.
    pub as_of: Option<Date>,
}

impl Totals {
    pub fn add(&mut self, file: &FileReport) {
        self.summary.add(file);
        for pack in &file.packs {
            if !self
                .packs
                .iter()
                .any(|p| p.id == pack.id && p.origin == pack.origin)
            {
                self.packs.push(pack.clone());
            }
        }
        if self.as_of.is_none() {
            self.as_of = file.as_of;
        }
    }
}

impl RunReport {
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for file in &self.files {
            s.add(file);
        }
        s
    }

    pub fn exit_code(&self, deny_warnings: bool, allow_empty: bool) -> u8 {
        self.summary().exit_code(deny_warnings, allow_empty)
    }
}

/// `1 error`, `2 errors`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
