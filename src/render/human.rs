//! The terminal report: a line per deployment with its decision, each diagnostic drawn by
//! miette with labels on the plan's own lines, and a summary.

use std::fmt::{self, Write as _};
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use crate::base::diagnostic::{Diagnostic, Severity};
use crate::base::terminal::{same_offsets, visible};
use crate::engine::Decision;
use crate::render::footer::{self, Footer};
use crate::render::plural;
use crate::render::snippet::Snippets;
use crate::render::{FileReport, RunReport, Stream, Summary, Totals};

#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    /// Findings only: no deployment lines, no summary.
    pub quiet: bool,
    /// The least severe finding shown (`check --quiet`: errors only).
    pub least: Severity,
    pub width: usize,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions {
            color: false,
            quiet: false,
            least: Severity::Advice,
            width: 100,
        }
    }
}

/// The terminal report, file by file.
pub struct Human {
    options: HumanOptions,
    handler: GraphicalReportHandler,
    /// The help under each finding, which the handler is not given (`footer.rs`).
    footer: Footer,
}

impl Human {
    pub fn new(options: HumanOptions) -> Self {
        let theme = if options.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let footer = Footer::new(&theme, options.width);
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(options.width)
            .with_break_words(footer::BREAK_WORDS)
            .with_word_splitter(footer::WORD_SPLITTER)
            .with_word_separator(footer::WORD_SEPARATOR)
            .with_links(false);
        Human {
            options,
            handler,
            footer,
        }
    }
}

impl Stream for Human {
    fn draw(&self, file: &FileReport) -> String {
        let mut out = String::new();
        render_file(
            &mut out,
            file,
            (&self.handler, &self.footer),
            &self.options,
            Paint(self.options.color),
        );
        // A CI log reads a line that starts with `::` as a workflow command: a plan's
        // words, wrapped onto a line of their own, must not become one.
        crate::base::terminal::no_commands(&out).into_owned()
    }

    fn end(&self, totals: &Totals) -> String {
        let mut out = String::new();
        if !self.options.quiet {
            summary(&mut out, &totals.summary, Paint(self.options.color));
        }
        out
    }
}

pub fn render(report: &RunReport, options: &HumanOptions) -> String {
    Human::new(*options).render(report)
}

#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn paint(self, code: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn decision(self, decision: Decision) -> String {
        let code = match decision {
            Decision::Allowed => "32",
            Decision::Conditional => "33",
            Decision::Denied => "31",
        };
        self.paint(code, &format!("{:<11}", decision.as_str()))
    }
}

/// The same advice (code, message and help alike) on several deployments is said once, at
/// the first of them, naming them all and pointing at each: a reader of a plan of twenty
/// production deployments gets one reminder of its review, not twenty. Errors and warnings
/// stay with their deployment. Only the terminal groups: machine formats keep one finding
/// per deployment, which their consumers file by deployment, and every count is the same.
fn advice_said_once<'d>(
    diagnostics: impl Iterator<Item = &'d Diagnostic>,
) -> Vec<std::borrow::Cow<'d, Diagnostic>> {
    use std::borrow::Cow;
    // Borrowed keys: only a finding said again is copied, once, to take the others' labels.
    let mut first: std::collections::HashMap<(&str, &str, Option<&str>), usize> =
        std::collections::HashMap::new();
    let mut kept: Vec<Cow<'d, Diagnostic>> = Vec::new();
    let mut named: Vec<Vec<&'d str>> = Vec::new();
    for d in diagnostics {
        let alike = (d.severity == Severity::Advice && d.waived.is_none())
            .then_some(d.deployment.as_deref())
            .flatten();
        let key = (d.code.as_str(), d.message.as_str(), d.help.as_deref());
        if let Some(id) = alike
            && let Some(&at) = first.get(&key)
            && let (Some(into), Some(ids)) = (kept.get_mut(at), named.get_mut(at))
        {
            into.to_mut().labels.extend(d.labels.iter().cloned());
            ids.push(id);
            continue;
        }
        if alike.is_some() {
            first.insert(key, kept.len());
        }
        named.push(alike.into_iter().collect());
        kept.push(Cow::Borrowed(d));
    }
    for (d, ids) in kept.iter_mut().zip(named) {
        if ids.len() > 1 {
            let d = d.to_mut();
            d.message = crate::words::on_deployments(&d.message, &ids);
            d.deployment = None;
        }
    }
    kept
}

fn render_file(
    out: &mut String,
    file: &FileReport,
    (handler, footer): (&GraphicalReportHandler, &Footer),
    options: &HumanOptions,
    paint: Paint,
) {
    let grouped = advice_said_once(
        file.diagnostics
            .iter()
            .filter(|d| d.severity <= options.least),
    );
    let shown: Vec<&Diagnostic> = grouped.iter().map(AsRef::as_ref).collect();
    if options.quiet && shown.is_empty() {
        return;
    }
    let _ = writeln!(out, "{}", paint.paint("1", &visible(&heading(file))));
    if !options.quiet {
        let id_width = file
            .deployments
            .iter()
            .map(|d| d.id.chars().count())
            .max()
            .unwrap_or(0);
        for d in &file.deployments {
            let region = d
                .region
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            let end = d
                .end
                .map_or_else(|| "no end".to_string(), |e| e.to_string());
            let line = format!(
                "{:<id_width$}  {} {} via {} on {}{region}, {} to {end}",
                d.id, d.provider, d.product, d.channel, d.cloud, d.start,
            );
            let _ = writeln!(out, "  {} {}", paint.decision(d.decision), visible(&line));
        }
    }
    out.push('\n');
    // Control characters in the file would reach the terminal through the snippets: they are
    // drawn as `?`, byte for byte, so every label still points where it should.
    let text: Arc<str> = match same_offsets(&file.source.text) {
        std::borrow::Cow::Borrowed(_) => Arc::clone(&file.source.text),
        std::borrow::Cow::Owned(clean) => clean.into(),
    };
    let source = Snippets::new(visible(&file.source.name).into_owned(), &file.source, text);
    for diagnostic in shown {
        let drawn = Drawn {
            diagnostic,
            source: &source,
            file: &file.source,
        };
        let mut text = String::new();
        if handler.render_report(&mut text, &drawn).is_err() {
            text = format!("{}: {}\n", diagnostic.code, diagnostic.message);
        } else if let Some(help) = help(diagnostic) {
            // Where miette would put it: its footer comes last, after the snippets.
            footer.write(&mut text, &help);
        }
        out.push_str(&text);
        if !text.ends_with("\n\n") {
            out.push('\n');
        }
    }
}

fn heading(file: &FileReport) -> String {
    if !file.checked {
        return format!("{}: could not be checked", file.source.name);
    }
    let mut parts = vec![file.source.name.clone()];
    if let Some(org) = &file.organization {
        parts.push(crate::base::diagnostic::one_line(org));
    }
    if let Some(as_of) = file.as_of {
        parts.push(format!("as of {as_of}"));
    }
    // The packs that bear on this file; all of them if none does (so none is hidden).
    let mut relevant: Vec<_> = file.packs.iter().filter(|p| p.relevant).collect();
    if relevant.is_empty() {
        relevant = file.packs.iter().collect();
    }
    if !relevant.is_empty() {
        let packs: Vec<String> = relevant
            .iter()
            .map(|p| match &p.version {
                Some(v) => format!("{}@{v}", p.id),
                None => p.id.clone(),
            })
            .collect();
        parts.push(format!("packs: {}", packs.join(", ")));
    }
    parts.join(" · ")
}

fn summary(out: &mut String, s: &Summary, paint: Paint) {
    let mut line = format!(
        "{} checked: {} — {} allowed, {} conditional, {} denied; {}, {}, {} advice",
        plural(s.files - s.unchecked, "file", "files"),
        plural(s.deployments, "deployment", "deployments"),
        s.allowed,
        s.conditional,
        s.denied,
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        s.advice,
    );
    if s.unchecked > 0 {
        line.push_str(&format!(
            "; {} could not be checked",
            plural(s.unchecked, "file", "files")
        ));
    }
    if s.files == 0 {
        line = crate::words::NOTHING_CHECKED.to_string();
    }
    let code = if s.errors > 0 || s.unchecked > 0 || s.files == 0 {
        "31"
    } else if s.warnings > 0 {
        "33"
    } else {
        "32"
    };
    let _ = writeln!(out, "{}", paint.paint(code, &line));
}

/// A diagnostic as miette draws it.
struct Drawn<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a Snippets<'a>,
    /// The file, to measure the labelled line and place it through its line index.
    file: &'a crate::base::source::SourceFile,
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A line longer than this is not drawn (a minified or generated file would fill the
/// screen); the message gives its line and column instead.
const WIDEST_LINE: usize = 400;

impl Drawn<'_> {
    fn too_wide(&self) -> bool {
        let Some(span) = self.diagnostic.primary_span() else {
            return false;
        };
        let text: &str = &self.file.text;
        let start = text
            .get(..span.start.min(text.len()))
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1);
        let end = text
            .get(span.start.min(text.len())..)
            .and_then(|t| t.find('\n'))
            .map_or(text.len(), |i| span.start + i);
        end.saturating_sub(start) > WIDEST_LINE
    }
}

impl fmt::Debug for Drawn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for Drawn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = visible(&self.diagnostic.message);
        if self.diagnostic.waived.is_some() {
            write!(f, "waived: {message}")?;
        } else {
            f.write_str(&message)?;
        }
        match self.diagnostic.primary_span().filter(|_| self.too_wide()) {
            Some(span) => {
                let (line, column) = self.file.line_col(span.start);
                write!(
                    f,
                    " (at {}:{line}:{column}: the line is too long to show)",
                    self.source.name()
                )
            }
            None => Ok(()),
        }
    }
}

impl std::error::Error for Drawn<'_> {}

/// The lines under a finding: its help, a waiver, the clause it cites and its sources.
fn help(d: &Diagnostic) -> Option<String> {
    let mut lines = Vec::new();
    if let Some(help) = &d.help {
        lines.push(help.clone());
    }
    if let Some(w) = &d.waived {
        lines.push(format!("waived ({} before): {}", w.severity, w.describe()));
    }
    if let Some(clause) = &d.clause {
        let confidence = d
            .confidence
            .map(|c| format!(" ({})", c.as_str()))
            .unwrap_or_default();
        lines.push(format!("clause: {clause}{confidence}"));
    }
    for source in &d.sources {
        lines.push(format!("source: {source}"));
    }
    (!lines.is_empty()).then(|| visible(&lines.join("\n")).into_owned())
}

impl miette::Diagnostic for Drawn<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.diagnostic.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Advice => miette::Severity::Advice,
        })
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        (!self.diagnostic.labels.is_empty() && !self.too_wide())
            .then_some(self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.diagnostic.labels.is_empty() || self.too_wide() {
            return None;
        }
        let labels = self.diagnostic.labels.iter().enumerate().map(|(i, l)| {
            // A label is drawn only inside the text, on character boundaries, start before end.
            let text: &str = &self.file.text;
            let start = floor_boundary(text, l.span.start);
            let end = floor_boundary(text, l.span.end).max(start);
            let span = (start, end - start);
            let text = (!l.text.is_empty()).then(|| visible(&l.text).into_owned());
            if i == 0 {
                LabeledSpan::new_primary_with_span(text, span)
            } else {
                LabeledSpan::new_with_span(text, span)
            }
        });
        Some(Box::new(labels))
    }
}
