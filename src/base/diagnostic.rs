//! What cloudpact tells the user: a code, a severity, a message, and labels that point
//! into the file the diagnostic is about. Renderers read these; nothing here knows a format.

use std::fmt;

use serde::Serialize;

use crate::base::date::Date;
use crate::base::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Advice,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advice => "advice",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How sure the pack's authors are of the term a rule encodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// The company's own statement.
    Announced,
    /// Secondary sources only.
    Reported,
    /// Uncertain or conflicting; encoded conservatively.
    Assumed,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Announced => "announced",
            Confidence::Reported => "reported",
            Confidence::Assumed => "assumed",
        }
    }
}

/// A span in the diagnostic's file and what to say there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

impl Label {
    pub fn new(span: Span, text: impl Into<String>) -> Self {
        Label {
            span,
            text: text.into(),
        }
    }
}

/// A character that breaks a line: LF, CR, NEL and Unicode's line and paragraph separators.
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Free text on one line: each run of line breaks (and the blanks around them) becomes one
/// space.
pub fn one_line(text: &str) -> String {
    text.split(is_line_break)
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The exception that turned a finding into advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Waiver {
    /// The severity the finding had before it was waived.
    pub severity: Severity,
    pub reason: String,
    pub approved_by: Option<String>,
    pub expires: Date,
}

impl Waiver {
    /// `reason, approved by who; expires DATE`, as every format shows it: on one line, so a
    /// reason written over several lines cannot put words of its own at a line's start.
    pub fn describe(&self) -> String {
        let by = self
            .approved_by
            .as_deref()
            .map(|a| format!(", approved by {}", one_line(a)))
            .unwrap_or_default();
        format!("{}{by}; expires {}", one_line(&self.reason), self.expires)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// The first label is the primary one: JSON's line and column are its start.
    pub labels: Vec<Label>,
    pub deployment: Option<String>,
    pub clause: Option<String>,
    pub confidence: Option<Confidence>,
    pub sources: Vec<String>,
    pub waived: Option<Waiver>,
}

impl Diagnostic {
    pub fn new(code: impl Into<String>, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            code: code.into(),
            severity,
            message: message.into(),
            help: None,
            labels: Vec::new(),
            deployment: None,
            clause: None,
            confidence: None,
            sources: Vec::new(),
            waived: None,
        }
    }

    pub fn error(code: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::new(code, Severity::Error, message)
    }

    pub fn warning(code: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::new(code, Severity::Warning, message)
    }

    pub fn with_label(mut self, span: Span, text: impl Into<String>) -> Self {
        self.labels.push(Label::new(span, text));
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_optional_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn primary_span(&self) -> Option<&Span> {
        self.labels.first().map(|l| &l.span)
    }
}

/// Names as a reader takes them in: up to four, then how many there are
/// (`a, b, c, d, … 7 regions in all`), so a help line stays a line however long the list.
pub fn first_few(names: &[&str], noun: &str) -> String {
    const SHOWN: usize = 4;
    match names.get(..SHOWN) {
        Some(shown) if names.len() > SHOWN => {
            format!("{}, … {} {noun} in all", shown.join(", "), names.len())
        }
        _ => names.join(", "),
    }
}

/// The closest of `candidates` to a misspelt `word`, if one is close enough to be a likely
/// typo (as cargo does: an edit distance of at most a third of the word's length).
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    // The same typo in many files is compared once per thread.
    let mut key = String::from(word);
    for c in &candidates {
        key.push('\0');
        key.push_str(c);
    }
    let remembered = NEAREST.with(|m| m.borrow().get(&key).copied());
    let index = match remembered {
        Some(index) => index,
        None => {
            let index = nearest(word, &candidates);
            NEAREST.with(|m| {
                let mut m = m.borrow_mut();
                if m.len() >= 4096 {
                    m.clear();
                }
                m.insert(key, index);
            });
            index
        }
    };
    index.and_then(|i| candidates.get(i).copied())
}

thread_local! {
    static NEAREST: std::cell::RefCell<std::collections::HashMap<String, Option<usize>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

fn nearest(word: &str, candidates: &[&str]) -> Option<usize> {
    // `AS_OF` is `as_of` in the wrong case: one mistake, however many letters it touches.
    if let Some(i) = candidates
        .iter()
        .position(|c| *c != word && c.to_lowercase() == word.to_lowercase())
    {
        return Some(i);
    }
    let length = word.chars().count();
    let limit = (length / 3).max(1);
    candidates
        .iter()
        .enumerate()
        // The distance is at least the difference in length: most candidates end here,
        // before the quadratic comparison.
        .filter(|(_, c)| c.chars().count().abs_diff(length) <= limit && **c != word)
        .map(|(i, c)| (strsim::damerau_levenshtein(word, c), *c, i))
        .filter(|(distance, _, _)| *distance <= limit)
        .min_by_key(|(distance, c, _)| (*distance, *c))
        .map(|(_, _, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_finds_close_typos_only() {
        let keys = ["provider", "product", "channel", "cloud"];
        assert_eq!(did_you_mean("provder", keys), Some("provider"));
        assert_eq!(did_you_mean("chanel", keys), Some("channel"));
        assert_eq!(did_you_mean("pricing", keys), None);
        assert_eq!(did_you_mean("region", keys), None);
        assert_eq!(did_you_mean("CLOUD", keys), Some("cloud"));
        assert_eq!(did_you_mean("Provider", keys), Some("provider"));
    }
}
