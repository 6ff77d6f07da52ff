//! `--format github`: GitHub Actions workflow commands, so each finding is an annotation on
//! its plan line. Every value is escaped as the Actions toolkit does, so no string from a
//! plan or pack can end a command early or start one of its own; the only other line is a
//! summary of counts.

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

/// Workflow commands, file by file; a summary of counts at the end.
#[derive(Default)]
pub struct Github;

impl Stream for Github {
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
    Github.render(report)
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
