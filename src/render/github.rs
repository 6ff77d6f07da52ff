//! `--format github`: GitHub Actions workflow commands, so each finding is an annotation on
//! its plan line. Every value is escaped as the Actions toolkit does, so no string from a
//! plan or pack can end a command early or start one of its own; the only other line is a
//! summary of counts. GitHub shows at most [`SHOWN_PER_TYPE`] annotations of each type per
//! step: past that, every finding goes to a Markdown table for the job summary
//! (`$GITHUB_STEP_SUMMARY`, written by the CLI) and the last annotation says so.

use std::fmt::Write as _;

use crate::base::diagnostic::Severity;
use crate::render::{FileReport, RunReport, Stream, Totals};

/// Escape a command's message: `%`, CR and LF.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a command property: as data, plus `:` and `,`, which end a property.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// How many annotations of one type (error, warning, notice) GitHub shows for a step.
pub const SHOWN_PER_TYPE: usize = 10;

/// Workflow commands, file by file; a summary of counts at the end.
#[derive(Default)]
pub struct Github {
    /// The rows of the job summary's table, kept when the CLI can write one.
    rows: Option<std::sync::Mutex<Vec<String>>>,
}

impl Github {
    /// With `step_summary`, every finding is also kept as a row of the job summary.
    pub fn new(step_summary: bool) -> Self {
        Github {
            rows: step_summary.then(std::sync::Mutex::default),
        }
    }
}

fn over_the_cap(totals: &Totals) -> bool {
    let s = totals.summary;
    [s.errors, s.warnings, s.advice]
        .iter()
        .any(|n| *n > SHOWN_PER_TYPE)
}

/// A finding as a row of the job summary's table.
fn row(file: &FileReport, d: &crate::base::diagnostic::Diagnostic) -> String {
    use crate::render::escape::{markdown as md, markdown_code as code};
    let line = d
        .primary_span()
        .map(|span| format!(":{}", file.source.line_col(span.start).0))
        .unwrap_or_default();
    format!(
        "| {}{line} | {} | {} | {} | {} |\n",
        md(&file.source.name),
        d.severity,
        code(&d.code),
        d.deployment.as_deref().map(md).unwrap_or_default(),
        md(&d.message)
    )
}

impl Stream for Github {
    /// The job summary: every finding in a table, when the run had more annotations of a
    /// type than GitHub shows (none otherwise, or without `step_summary`).
    fn job_summary(&self, totals: &Totals) -> Option<String> {
        let rows = self.rows.as_ref()?;
        if !over_the_cap(totals) {
            return None;
        }
        let rows = rows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut table = format!(
            "## cloudpact: {} findings\n\nGitHub shows {SHOWN_PER_TYPE} annotations of each type per step; here are all of them.\n\n| where | severity | code | deployment | finding |\n|---|---|---|---|---|\n",
            rows.len()
        );
        for row in rows.iter() {
            table.push_str(row);
        }
        Some(table)
    }

    fn place(&self, file: &FileReport, drawn: String) -> String {
        if let Some(rows) = &self.rows {
            let mut rows = rows
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            rows.extend(file.diagnostics.iter().map(|d| row(file, d)));
        }
        drawn
    }

    fn draw(&self, file: &FileReport) -> String {
        let mut out = String::new();
        for d in &file.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Advice => "notice",
            };
            // GitHub places annotations by the path from the repository root: no `./`.
            let path = file
                .source
                .name
                .strip_prefix("./")
                .unwrap_or(&file.source.name);
            let path = crate::base::terminal::visible(path);
            let mut properties = vec![format!("file={}", escape_property(&path))];

            if let Some(span) = d.primary_span() {
                let (line, col) = file.source.line_col(span.start);
                let (end_line, end_col) = file.source.line_col(span.end);
                properties.push(format!("line={line}"));
                properties.push(format!("col={col}"));
                properties.push(format!("endLine={end_line}"));
                properties.push(format!("endColumn={end_col}"));
            }
            properties.push(format!("title={}", escape_property(&d.code)));
            let mut message = match &d.deployment {
                Some(id) => format!("{id}: {}", d.message),
                None => d.message.clone(),
            };
            if let Some(w) = &d.waived {
                message.push_str(&format!(
                    "
waived: {}",
                    w.describe()
                ));
            }
            if let Some(help) = &d.help {
                message.push_str(&format!("\nhelp: {help}"));
            }
            if let Some(clause) = &d.clause {
                message.push_str(&format!("\nclause: {clause}"));
            }
            // Control characters (an escape sequence) are shown, not passed to the log.
            let _ = writeln!(
                out,
                "::{command} {}::{}",
                properties.join(","),
                escape_data(&crate::base::terminal::visible(&message))
            );
        }
        out
    }

    fn end(&self, totals: &Totals) -> String {
        let mut out = String::new();
        if over_the_cap(totals) {
            let whole = if self.rows.is_some() {
                "every finding is in the job summary"
            } else {
                "run cloudpact check with --format human for every finding"
            };
            let _ = writeln!(
                out,
                "::notice title=cloudpact::{}",
                escape_data(&format!(
                    "more findings than GitHub shows as annotations ({SHOWN_PER_TYPE} of each type per step): {whole}"
                ))
            );
        }
        let s = totals.summary;
        use crate::render::plural;
        let _ = writeln!(
            out,
            "cloudpact: {} checked, {} could not be checked; {}: {} allowed, {} conditional, {} denied; {}, {}, {} advice",
            plural(s.files - s.unchecked, "file", "files"),
            s.unchecked,
            plural(s.deployments, "deployment", "deployments"),
            s.allowed,
            s.conditional,
            s.denied,
            plural(s.errors, "error", "errors"),
            plural(s.warnings, "warning", "warnings"),
            s.advice
        );
        out
    }
}

pub fn render(report: &RunReport) -> String {
    Github::default().render(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_actions_toolkit() {
        assert_eq!(
            escape_data("50% done\r\n::error::x"),
            "50%25 done%0D%0A::error::x"
        );
        assert_eq!(escape_property("a:b,c\nd%"), "a%3Ab%2Cc%0Ad%25");
    }
}
