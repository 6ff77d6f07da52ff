//! A TOML document parsed once, with a span for every key and value, and its JSON view
//! for the schema validator. JSON pointers (`/deployment/0/cloud`) join the two.

use std::collections::HashMap;

use serde_json::{Map, Number, Value};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, Span};

pub const TOML_SYNTAX: &str = "toml/syntax";

pub struct Document<'a> {
    pub table: Spanned<DeTable<'a>>,
    pub json: Value,
    pub spans: SpanIndex,
}

/// Where each value of the document stands, by JSON pointer.
#[derive(Debug, Default)]
pub struct SpanIndex {
    entries: HashMap<String, Entry>,
}

#[derive(Debug, Clone)]
struct Entry {
    key: Option<Span>,
    value: Span,
    datetime: bool,
}

impl SpanIndex {
    /// The span of the value at `pointer` (for a table, its header).
    pub fn value(&self, pointer: &str) -> Option<Span> {
        self.entries.get(pointer).map(|e| e.value.clone())
    }

    /// The span of the key that names the value at `pointer`; the value's span for array
    /// items, which have no key.
    pub fn key(&self, pointer: &str) -> Option<Span> {
        self.entries
            .get(pointer)
            .map(|e| e.key.clone().unwrap_or_else(|| e.value.clone()))
    }

    /// The value's span from the key to the end of the value (`cloud = "aws"`), or the
    /// value alone where there is no key.
    pub fn entry(&self, pointer: &str) -> Option<Span> {
        self.entries.get(pointer).map(|e| match &e.key {
            Some(k) if k.start < e.value.start => k.start..e.value.end,
            _ => e.value.clone(),
        })
    }

    /// The span at `pointer`, or at the nearest enclosing value that has one.
    pub fn nearest(&self, pointer: &str) -> Span {
        let mut p = pointer;
        loop {
            if let Some(e) = self.entries.get(p) {
                return e.value.clone();
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return 0..0,
            }
        }
    }

    /// Whether the value at `pointer` was written as a TOML date or datetime.
    pub fn is_datetime(&self, pointer: &str) -> bool {
        self.entries.get(pointer).is_some_and(|e| e.datetime)
    }
}

/// Escape one JSON-pointer segment (RFC 6901).
pub fn escape_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

impl<'a> Document<'a> {
    pub fn parse(source: &'a SourceFile) -> Result<Document<'a>, Diagnostic> {
        let table = DeTable::parse(&source.text).map_err(|e| syntax_error(&e))?;
        let mut spans = SpanIndex::default();
        spans.entries.insert(
            String::new(),
            Entry {
                key: None,
                value: 0..0,
                datetime: false,
            },
        );
        let json = table_to_json(table.get_ref(), "", &mut spans);
        Ok(Document { table, json, spans })
    }

    /// The typed view, read by serde from the same parse. Run after the schema check, so
    /// an error here is one the schema cannot express.
    pub fn into_typed<T: serde::de::DeserializeOwned>(self) -> Result<T, Diagnostic> {
        T::deserialize(toml::de::Deserializer::from(self.table)).map_err(|e| {
            let mut diagnostic = Diagnostic::error(
                crate::schema::BAD_VALUE,
                format!("invalid value: {}", e.message().trim()),
            );
            if let Some(span) = e.span() {
                diagnostic = diagnostic.with_label(span, "invalid value");
            }
            diagnostic
        })
    }
}

fn syntax_error(error: &toml::de::Error) -> Diagnostic {
    let message = error.message().trim();
    let first_line = message.lines().next().unwrap_or("invalid TOML");
    let mut diagnostic = Diagnostic::error(TOML_SYNTAX, format!("invalid TOML: {first_line}"));
    if let Some(span) = error.span() {
        diagnostic = diagnostic.with_label(span, first_line.to_string());
    }
    let rest: Vec<&str> = message.lines().skip(1).map(str::trim).collect();
    if !rest.is_empty() {
        diagnostic = diagnostic.with_help(rest.join(" "));
    }
    diagnostic
}

fn table_to_json(table: &DeTable<'_>, pointer: &str, spans: &mut SpanIndex) -> Value {
    let mut map = Map::with_capacity(table.len());
    for (key, value) in table.iter() {
        let name = key.get_ref();
        let child = format!("{pointer}/{}", escape_segment(name));
        let json = value_to_json(value, &child, Some(key.span()), spans);
        map.insert(name.to_string(), json);
    }
    Value::Object(map)
}

fn value_to_json(
    value: &Spanned<DeValue<'_>>,
    pointer: &str,
    key: Option<Span>,
    spans: &mut SpanIndex,
) -> Value {
    let datetime = matches!(value.get_ref(), DeValue::Datetime(_));
    spans.entries.insert(
        pointer.to_string(),
        Entry {
            key,
            value: value.span(),
            datetime,
        },
    );
    match value.get_ref() {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .map(|n| Value::Number(n.into()))
            .unwrap_or_else(|_| Value::String(i.to_string())),
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
                .enumerate()
                .map(|(i, item)| value_to_json(item, &format!("{pointer}/{i}"), None, spans))
                .collect(),
        ),
        DeValue::Table(t) => table_to_json(t, pointer, spans),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_has_a_span_by_pointer() {
        let source = SourceFile::new(
            "t.toml",
            "[plan]\nas_of = 2026-06-01\n\n[[deployment]]\nid = \"a\"\ncloud = \"aws\"\n",
        );
        let doc = Document::parse(&source).unwrap();
        let text = &source.text;
        assert_eq!(
            &text[doc.spans.value("/deployment/0/cloud").unwrap()],
            "\"aws\""
        );
        assert_eq!(
            &text[doc.spans.key("/deployment/0/cloud").unwrap()],
            "cloud"
        );
        assert_eq!(
            &text[doc.spans.value("/deployment/0").unwrap()],
            "[[deployment]]"
        );
        assert_eq!(
            &text[doc.spans.entry("/plan/as_of").unwrap()],
            "as_of = 2026-06-01"
        );
        assert!(doc.spans.is_datetime("/plan/as_of"));
        assert_eq!(doc.json["plan"]["as_of"], "2026-06-01");
        assert_eq!(
            &text[doc.spans.nearest("/deployment/0/missing")],
            "[[deployment]]"
        );
    }

    #[test]
    fn syntax_errors_point_at_the_line() {
        let source = SourceFile::new("t.toml", "[plan]\norganization = \"unterminated\n");
        let error = Document::parse(&source).err().unwrap();
        assert_eq!(error.code, TOML_SYNTAX);
        let span = error.primary_span().unwrap().clone();
        assert_eq!(source.line_col(span.start).0, 2);
    }
}
