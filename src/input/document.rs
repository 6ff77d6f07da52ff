//! A TOML document parsed once, with a span for every key and value, and its JSON view
//! for the schema validator. JSON pointers (`/deployment/0/cloud`) join the two.

use serde_json::{Map, Number, Value};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::base::codes::Code;
use crate::base::diagnostic::Diagnostic;
use crate::base::source::{SourceFile, Span};

mod bounds;
pub mod tape;

pub struct Document<'a> {
    pub table: Spanned<DeTable<'a>>,
    /// The JSON view the schema validator reads: made as a user's file is parsed, and for a
    /// built-in text (which no schema checks at run time) only if something asks.
    json: std::cell::OnceCell<Value>,
}

/// Where the values of a document stand, found by JSON pointer in the spanned tree itself:
/// nothing is indexed up front, because only diagnostics ask.
#[derive(Clone, Copy)]
pub struct Spans<'d, 'a> {
    table: &'d Spanned<DeTable<'a>>,
}

/// A value found by pointer: the span of the key that names it (none for array items and
/// the root) and of the value (for a table, its header).
struct Found<'d, 'a> {
    key: Option<Span>,
    value: &'d Spanned<DeValue<'a>>,
}

impl<'d, 'a> Spans<'d, 'a> {
    fn find(&self, pointer: &str) -> Option<Found<'d, 'a>> {
        let mut segments = pointer.split('/').skip(1).map(unescape_segment);
        let first = segments.next()?;
        let (key, value) = self.table.get_ref().get_key_value(first.as_str())?;
        let mut found = Found {
            key: Some(key.span()),
            value,
        };
        for segment in segments {
            found = match found.value.get_ref() {
                DeValue::Table(t) => {
                    let (key, value) = t.get_key_value(segment.as_str())?;
                    Found {
                        key: Some(key.span()),
                        value,
                    }
                }
                DeValue::Array(items) => Found {
                    key: None,
                    value: items.get(segment.parse::<usize>().ok()?)?,
                },
                _ => return None,
            };
        }
        Some(found)
    }

    /// The span of the value at `pointer` (for a table, its header).
    pub fn value(&self, pointer: &str) -> Option<Span> {
        if pointer.is_empty() {
            return Some(0..0);
        }
        self.find(pointer).map(|f| f.value.span())
    }

    /// The span of the key that names the value at `pointer`; the value's span for array
    /// items, which have no key.
    pub fn key(&self, pointer: &str) -> Option<Span> {
        self.find(pointer)
            .map(|f| f.key.unwrap_or_else(|| f.value.span()))
    }

    /// The value's span from the key to the end of the value (`cloud = "aws"`), or the
    /// value alone where there is no key.
    pub fn entry(&self, pointer: &str) -> Option<Span> {
        self.find(pointer).map(|f| match f.key {
            Some(k) if k.start < f.value.span().start => k.start..f.value.span().end,
            _ => f.value.span(),
        })
    }

    /// The span at `pointer`, or at the nearest enclosing value that has one.
    pub fn nearest(&self, pointer: &str) -> Span {
        let mut p = pointer;
        loop {
            if let Some(span) = self.value(p) {
                return span;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return 0..0,
            }
        }
    }

    /// Whether the value at `pointer` was written as a TOML date or datetime.
    pub fn is_datetime(&self, pointer: &str) -> bool {
        self.find(pointer)
            .is_some_and(|f| matches!(f.value.get_ref(), DeValue::Datetime(_)))
    }
}

fn unescape_segment(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// Escape one JSON-pointer segment (RFC 6901).
pub fn escape_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

pub use bounds::{MAX_LINES, MAX_NESTING, MAX_SEGMENTS, MAX_VALUES};

/// Whether the text stays within the limits a document is parsed under.
pub fn within_bounds(text: &str) -> bool {
    bounds::exceeded(text).is_none()
}

impl<'a> Document<'a> {
    pub fn parse(source: &'a SourceFile) -> Result<Document<'a>, Diagnostic> {
        if let Some((excess, at)) = bounds::exceeded(&source.text) {
            return Err(too_large(source, excess, at));
        }
        let doc = Document::parse_embedded(source)?;
        // TOML integers are 64-bit; a longer one would reach serde as an error in its words.
        let mut out_of_range = Vec::new();
        integers_out_of_range(doc.table.get_ref(), &mut out_of_range);
        if let Some(span) = out_of_range.into_iter().min_by_key(|s| s.start) {
            let digits = source
                .text
                .get(span.clone())
                .unwrap_or_default()
                .to_string();
            return Err(Diagnostic::error(
                Code::TomlSyntax,
                format!("invalid TOML: the integer {digits} is out of range"),
            )
            .with_label(span, "more than 64 bits")
            .with_help("TOML integers run from -9223372036854775808 to 9223372036854775807"));
        }
        Ok(doc)
    }

    /// Parse text compiled into the binary (a built-in pack, the region catalog), where its
    /// tape (`tape`) could not be read: without the bounds scan, which a test keeps every such
    /// text within.
    pub fn parse_embedded(source: &'a SourceFile) -> Result<Document<'a>, Diagnostic> {
        let table = DeTable::parse(&source.text).map_err(|e| syntax_error(&e))?;
        Ok(Document {
            table,
            json: std::cell::OnceCell::new(),
        })
    }

    /// The document as JSON, as the schema validator reads it (TOML dates become strings):
    /// made on first use, so a plan that the typed reader finds valid never makes it.
    pub fn json(&self) -> &Value {
        self.json
            .get_or_init(|| table_to_json(self.table.get_ref(), &mut Vec::new()))
    }

    /// Parse a file that should hold a `[plan]` or `[pack]` table (`kind` says which
    /// asked for). A file that holds neither is anyone's file — reached by a link, a hook or
    /// a plan, it may be a runner's git config or a secret — so its errors give a position
    /// and the kind of error, never a line of its text.
    pub fn parse_as(source: &'a SourceFile, kind: FileKind) -> Result<Document<'a>, Diagnostic> {
        let doc = match Document::parse(source) {
            Ok(doc) => doc,
            Err(error) if error.code == Code::TomlSyntax && !opens_table(&source.text, &OURS) => {
                return Err(without_text(&error, source, kind));
            }
            Err(error) => return Err(error),
        };
        // A file that uses the plan's or the pack's words is one of ours, however broken.
        let top = doc.table.get_ref();
        if !OUR_KEYS.iter().any(|key| top.get(*key).is_some()) {
            let format = match kind {
                FileKind::Pack => "`cloudpact schema policy` shows its format",
                FileKind::Plan => {
                    "`cloudpact init` writes a starter plan and `cloudpact schema plan` shows the format"
                }
            };
            let (table, noun) = (kind.table(), kind.noun());
            let empty = top.is_empty();
            let (message, shown) = if empty {
                (
                    format!(
                        "{} is empty: a {noun} starts with a [{table}] table",
                        source.name
                    ),
                    "",
                )
            } else {
                (
                    format!("{} has no [{table}] table: it is not a {noun}", source.name),
                    "; the file's text is not shown",
                )
            };
            return Err(Diagnostic::error(Code::SchemaMissingKey, message)
                .with_help(format!("{format}{shown}")));
        }
        Ok(doc)
    }

    pub fn spans(&self) -> Spans<'_, 'a> {
        Spans { table: &self.table }
    }

    /// The typed view, read by serde from the same parse. Run after the schema check, so
    /// an error here is one the schema cannot express. Dates are read as their text, as the
    /// schema saw them (`TomlDate` parses it back): a date where text belongs
    /// (`organization = 2026-07-01`) is that text, not a type error the schema did not make.
    pub fn into_typed<T: serde::de::DeserializeOwned>(self) -> Result<T, Diagnostic> {
        self.into_typed_by(|_| None)
    }

    /// The typed view read by `direct` from the tree, or by serde where `direct` reads
    /// nothing: serde's errors are the ones reported. `direct` reads a date where text
    /// belongs as its text, as serde is made to.
    pub fn into_typed_by<T: serde::de::DeserializeOwned>(
        mut self,
        direct: impl FnOnce(&DeTable<'a>) -> Option<T>,
    ) -> Result<T, Diagnostic> {
        if let Some(typed) = direct(self.table.get_ref()) {
            return Ok(typed);
        }
        dates_as_text(self.table.get_mut());
        T::deserialize(toml::de::Deserializer::from(self.table)).map_err(|e| {
            let mut diagnostic = Diagnostic::error(
                Code::SchemaInvalid,
                format!("invalid value: {}", e.message().trim()),
            );
            if let Some(span) = e.span() {
                diagnostic = diagnostic.with_label(span, "invalid value");
            }
            diagnostic
        })
    }
}

/// A file refused before it is parsed, at the line where it crosses a limit. No label:
/// the file may be anyone's, and its line would be shown.
fn too_large(source: &SourceFile, excess: bounds::Excess, at: usize) -> Diagnostic {
    // One scan, not the file's line index: a file of half a million lines would build it
    // for this one position.
    let (line, column) = crate::base::source::line_col(&source.text, at);
    let what = match excess {
        bounds::Excess::Values => format!("more than the {MAX_VALUES} values cloudpact reads"),
        bounds::Excess::Segments => {
            format!("a dotted key or table name of more than {MAX_SEGMENTS} parts")
        }
        bounds::Excess::Nesting => {
            format!("arrays or inline tables nested more than {MAX_NESTING} deep")
        }
        bounds::Excess::Lines => format!("more than the {MAX_LINES} lines cloudpact reads"),
    };
    Diagnostic::error(
        Code::IoTooLarge,
        format!(
            "{} holds {what} (line {line}, column {column})",
            source.name
        ),
    )
    .with_help(match excess {
        bounds::Excess::Values | bounds::Excess::Lines => {
            "split the file: each file is checked on its own, and directories are walked"
        }
        _ => "no plan or pack nests so deep: each part of a dotted key is a table to build",
    })
}

/// Which of cloudpact's files a file is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Plan,
    Pack,
}

impl FileKind {
    /// The top-level table the file starts with.
    fn table(self) -> &'static str {
        match self {
            FileKind::Plan => "plan",
            FileKind::Pack => "pack",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            FileKind::Plan => "plan",
            FileKind::Pack => "policy pack",
        }
    }
}

/// Whether a line of the text opens one of the top-level tables `names`, however TOML
/// quotes it (`[plan]`, `[ "plan" ]`, `[plan.extra]`); an array of tables (`[[plan]]`)
/// does not.
pub fn opens_table(text: &str, names: &[&str]) -> bool {
    text.lines().any(|line| {
        let line = line.trim();
        !line.starts_with("[[")
            && line
                .strip_prefix('[')
                .and_then(|rest| rest.split([']', '.']).next())
                .is_some_and(|first| names.contains(&first.trim().trim_matches(['"', '\''])))
    })
}

/// The tables a line opens in a file of cloudpact's, so that even when it does not parse
/// its text may be shown in diagnostics.
const OURS: [&str; 2] = ["plan", "pack"];

/// The top-level keys of plans and packs: a file that parses and has one is one of ours.
const OUR_KEYS: [&str; 8] = [
    "plan",
    "deployment",
    "exception",
    "pack",
    "product",
    "rule",
    "clause",
    "test",
];

/// A syntax error told by its position and kind, with no label (a label shows the line).
fn without_text(error: &Diagnostic, source: &SourceFile, kind: FileKind) -> Diagnostic {
    let at = error
        .primary_span()
        .map(|span| {
            let (line, column) = source.line_col(span.start);
            format!(" at line {line}, column {column}")
        })
        .unwrap_or_default();
    let what = error
        .message
        .strip_prefix("invalid TOML: ")
        .unwrap_or(&error.message);
    Diagnostic::error(
        Code::TomlSyntax,
        format!("{} is not valid TOML{at}: {what}", source.name),
    )
    .with_help(format!(
        "no line opens a [plan] or [pack] table, so this does not look like a {} and its text is not shown",
        kind.noun()
    ))
}

fn syntax_error(error: &toml::de::Error) -> Diagnostic {
    let message = error.message().trim();
    let first_line = message.lines().next().unwrap_or("invalid TOML");
    let mut diagnostic = Diagnostic::error(Code::TomlSyntax, format!("invalid TOML: {first_line}"));
    if let Some(span) = error.span() {
        diagnostic = diagnostic.with_label(span, first_line.to_string());
    }
    let rest: Vec<&str> = message.lines().skip(1).map(str::trim).collect();
    if !rest.is_empty() {
        diagnostic = diagnostic.with_help(rest.join(" "));
    }
    diagnostic
}

/// The spans of the integers too long for 64 bits, found without building anything.
fn integers_out_of_range(table: &DeTable<'_>, out: &mut Vec<std::ops::Range<usize>>) {
    fn visit(value: &Spanned<DeValue<'_>>, out: &mut Vec<std::ops::Range<usize>>) {
        match value.get_ref() {
            DeValue::Integer(i) if i64::from_str_radix(i.as_str(), i.radix()).is_err() => {
                out.push(value.span());
            }
            DeValue::Array(items) => items.iter().for_each(|i| visit(i, out)),
            DeValue::Table(t) => integers_out_of_range(t, out),
            _ => {}
        }
    }
    for (_, value) in table.iter() {
        visit(value, out);
    }
}

fn table_to_json(table: &DeTable<'_>, out_of_range: &mut Vec<std::ops::Range<usize>>) -> Value {
    let mut map = Map::with_capacity(table.len());
    for (key, value) in table.iter() {
        map.insert(
            key.get_ref().to_string(),
            value_to_json(value, out_of_range),
        );
    }
    Value::Object(map)
}

fn value_to_json(
    value: &Spanned<DeValue<'_>>,
    out_of_range: &mut Vec<std::ops::Range<usize>>,
) -> Value {
    match value.get_ref() {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Value::Number(n.into()),
            Err(_) => {
                out_of_range.push(value.span());
                Value::Null
            }
        },
        DeValue::Float(f) => f
            .as_str()
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map_or_else(|| Value::String(f.to_string()), Value::Number),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::String(d.to_string()),
        DeValue::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| value_to_json(item, out_of_range))
                .collect(),
        ),
        DeValue::Table(t) => table_to_json(t, out_of_range),
    }
}

/// Every TOML date of the tree turned into its text, in place: the schema's view of it.
fn dates_as_text(table: &mut toml::de::DeTable<'_>) {
    fn visit(value: &mut DeValue<'_>) {
        match value {
            DeValue::Datetime(d) => *value = DeValue::String(d.to_string().into()),
            DeValue::Table(t) => dates_as_text(t),
            DeValue::Array(items) => items.iter_mut().for_each(|i| visit(i.get_mut())),
            _ => {}
        }
    }
    for (_, value) in table.iter_mut() {
        visit(value.get_mut());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_keys_are_the_top_level_keys_of_the_plan_and_policy_schemas() {
        let mut keys = Vec::new();
        for schema in [
            crate::input::schema::PLAN_SCHEMA,
            crate::input::schema::POLICY_SCHEMA,
        ] {
            let json: Value = serde_json::from_str(schema).unwrap_or_default();
            keys.extend(
                json["properties"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(k, _)| k.clone()),
            );
        }
        keys.sort();
        let mut ours = OUR_KEYS.to_vec();
        ours.sort_unstable();
        assert_eq!(keys, ours);
    }

    #[test]
    fn a_file_that_is_none_of_ours_is_refused_without_its_text() {
        let secret = SourceFile::new("x.plan.toml", "root:x:0:0:root:/root:/bin/bash\n");
        let error = Document::parse_as(&secret, FileKind::Plan)
            .err()
            .unwrap_or_else(|| unreachable!());
        assert_eq!(error.code, Code::TomlSyntax);
        assert!(error.labels.is_empty(), "a label would show the line");
        assert!(
            error.message.contains("line 1, column 32"),
            "{}",
            error.message
        );
        assert!(!error.message.contains("root:x"), "{}", error.message);

        let config = SourceFile::new("cfg.toml", "[core]\ntoken = \"ghp_secret\"\n");
        let error = Document::parse_as(&config, FileKind::Pack)
            .err()
            .unwrap_or_else(|| unreachable!());
        assert_eq!(error.code, Code::SchemaMissingKey);
        assert!(error.labels.is_empty());
        assert!(!format!("{error:?}").contains("ghp_secret"));

        // One of ours, broken: the snippet helps, and is shown.
        let broken = SourceFile::new("p.plan.toml", "[plan]\nas_of = \n");
        let error = Document::parse_as(&broken, FileKind::Plan)
            .err()
            .unwrap_or_else(|| unreachable!());
        assert!(!error.labels.is_empty());
        let headless = SourceFile::new("p.plan.toml", "[[deployment]]\nid = \"x\"\n");
        assert!(Document::parse_as(&headless, FileKind::Plan).is_ok());
    }

    #[test]
    fn every_value_has_a_span_by_pointer() {
        let source = SourceFile::new(
            "t.toml",
            "[plan]\nas_of = 2026-06-01\n\n[[deployment]]\nid = \"a\"\ncloud = \"aws\"\n",
        );
        let doc = Document::parse(&source).unwrap();
        let text = &source.text;
        assert_eq!(
            &text[doc.spans().value("/deployment/0/cloud").unwrap()],
            "\"aws\""
        );
        assert_eq!(
            &text[doc.spans().key("/deployment/0/cloud").unwrap()],
            "cloud"
        );
        assert_eq!(
            &text[doc.spans().value("/deployment/0").unwrap()],
            "[[deployment]]"
        );
        assert_eq!(
            &text[doc.spans().entry("/plan/as_of").unwrap()],
            "as_of = 2026-06-01"
        );
        assert!(doc.spans().is_datetime("/plan/as_of"));
        assert_eq!(doc.json()["plan"]["as_of"], "2026-06-01");
        assert_eq!(
            &text[doc.spans().nearest("/deployment/0/missing")],
            "[[deployment]]"
        );
    }

    #[test]
    fn syntax_errors_point_at_the_line() {
        let source = SourceFile::new("t.toml", "[plan]\norganization = \"unterminated\n");
        let error = Document::parse(&source).err().unwrap();
        assert_eq!(error.code, Code::TomlSyntax);
        let span = error.primary_span().unwrap().clone();
        assert_eq!(source.line_col(span.start).0, 2);
    }
}
