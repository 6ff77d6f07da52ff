//! The result of a run, as every renderer sees it: files, their deployments and
//! diagnostics, and the totals. Renderers read this; they never call the engine.

pub mod explain;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod pack_test;
pub mod paths;
pub mod policies;
pub mod sarif;

use crate::date::Date;
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::Decision;
use crate::source::SourceFile;

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
    pub channel: String,
    pub cloud: String,
    pub region: Option<String>,
    pub start: Date,
    pub end: Option<Date>,
    pub decision: Decision,
    pub line: usize,
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
    pub explanations: Vec<crate::explain::Explanation>,
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
            explanations: explain_all(&diagnostics, &crate::policy::PackSet::default()),
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
    packs: &crate::policy::PackSet,
) -> Vec<crate::explain::Explanation> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for d in diagnostics {
        if seen.contains(&d.code.as_str()) {
            continue;
        }
        seen.push(&d.code);
        if let Ok(e) = crate::explain::explain(&d.code, packs) {
            out.push(e);
        }
    }
    out
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

impl RunReport {
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            files: self.files.len(),
            ..Summary::default()
        };
        for file in &self.files {
            s.unchecked += usize::from(!file.checked);
            s.deployments += file.deployments.len();
            for d in &file.deployments {
                match d.decision {
                    Decision::Allowed => s.allowed += 1,
                    Decision::Conditional => s.conditional += 1,
                    Decision::Denied => s.denied += 1,
                }
            }
            s.errors += file.count(Severity::Error);
            s.warnings += file.count(Severity::Warning);
            s.advice += file.count(Severity::Advice);
        }
        s
    }

    /// 2 if a file could not be checked; 1 for errors (or warnings under
    /// `--deny-warnings`); 0 otherwise.
    pub fn exit_code(&self, deny_warnings: bool) -> u8 {
        let s = self.summary();
        if s.unchecked > 0 {
            2
        } else if s.errors > 0 || (deny_warnings && s.warnings > 0) {
            1
        } else {
            0
        }
    }
}
