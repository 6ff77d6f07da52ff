//! The JSON Schemas in `schemas/`, compiled once per process, and the translation of
//! their errors into diagnostics that point at the TOML key or value at fault.

use std::fmt::Write as _;
use std::sync::OnceLock;

use jsonschema::ValidationError;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use crate::base::codes::Code;
use crate::base::diagnostic::{Diagnostic, did_you_mean};
use crate::input::document::{Document, escape_segment};

pub const PLAN_SCHEMA: &str = include_str!("../../schemas/plan.schema.json");
pub const POLICY_SCHEMA: &str = include_str!("../../schemas/policy.schema.json");
pub const REGIONS_SCHEMA: &str = include_str!("../../schemas/regions.schema.json");

// The validators are generated at build time from the files in `schemas/` (the same files
// `cloudpact schema` prints and editors read), so a run compiles no schema: a one-file
// check starts in the time it takes to read its file.
#[jsonschema::validator(path = "schemas/plan.schema.json", validate_formats = true)]
struct PlanValidator;

#[jsonschema::validator(path = "schemas/policy.schema.json", validate_formats = true)]
struct PolicyValidator;

#[jsonschema::validator(path = "schemas/regions.schema.json", validate_formats = true)]
struct RegionsValidator;

type Errors = for<'a> fn(&'a Value) -> Vec<ValidationError<'a>>;

/// A schema: its generated validator, and its JSON (to read hints and allowed keys), parsed
/// only when a file breaks the schema and a message needs it: a run over valid files never
/// reads it.
pub struct Schema {
    pub name: &'static str,
    pub text: &'static str,
    json: OnceLock<Value>,
    errors: Errors,
}

static PLAN: OnceLock<Result<Schema, String>> = OnceLock::new();
static POLICY: OnceLock<Result<Schema, String>> = OnceLock::new();
static REGIONS: OnceLock<Result<Schema, String>> = OnceLock::new();

/// The plan schema.
pub fn plan() -> Result<&'static Schema, Diagnostic> {
    get(&PLAN, "plan.schema.json", PLAN_SCHEMA, |v| {
        PlanValidator::iter_errors(v).collect()
    })
}

/// The policy-pack schema.
pub fn policy() -> Result<&'static Schema, Diagnostic> {
    get(&POLICY, "policy.schema.json", POLICY_SCHEMA, |v| {
        PolicyValidator::iter_errors(v).collect()
    })
}

/// The region-catalog schema.
pub fn regions() -> Result<&'static Schema, Diagnostic> {
    get(&REGIONS, "regions.schema.json", REGIONS_SCHEMA, |v| {
        RegionsValidator::iter_errors(v).collect()
    })
}

fn get(
    cell: &'static OnceLock<Result<Schema, String>>,
    name: &'static str,
    text: &'static str,
    errors: Errors,
) -> Result<&'static Schema, Diagnostic> {
    cell.get_or_init(|| Schema::load(name, text, errors))
        .as_ref()
        .map_err(|e| {
            Diagnostic::error(
                Code::InternalSchema,
                format!("the built-in schema {name} is broken: {e}"),
            )
        })
}

impl Schema {
    fn load(name: &'static str, text: &'static str, errors: Errors) -> Result<Schema, String> {
        Ok(Schema {
            name,
            text,
            json: OnceLock::new(),
            errors,
        })
    }

    /// The schema as JSON. The validator was generated from the same file at build time, so
    /// it parses (a unit test says so); were it not to, messages would lose their hints only.
    fn json(&self) -> &Value {
        self.json
            .get_or_init(|| serde_json::from_str(self.text).unwrap_or(Value::Null))
    }

    /// Every way `doc` breaks the schema, in the order of the file.
    pub fn check(&self, doc: &Document<'_>) -> Vec<Diagnostic> {
        let errors: Vec<ValidationError<'_>> = (self.errors)(doc.json());
        // A misspelt required key (`provder`) is one mistake, not two: its did-you-mean says
        // it all, so the "missing `provider`" error is left out.
        let misspelt: Vec<(String, String)> =
            errors.iter().flat_map(|e| self.misspellings(e)).collect();
        let mut diagnostics = Vec::new();
        for error in &errors {
            if let ValidationErrorKind::Required { property } = error.kind() {
                let pointer = error.instance_path().as_str();
                if misspelt
                    .iter()
                    .any(|(p, k)| p == pointer && Some(k.as_str()) == property.as_str())
                {
                    continue;
                }
            }
            self.translate(error, doc, &mut diagnostics);
        }
        check_text(doc, doc.json(), &mut Vec::new(), &mut diagnostics);
        sort_and_dedup(&mut diagnostics);
        diagnostics
    }

    /// (table, key) pairs where an unknown key is a likely typo of the key.
    fn misspellings(&self, error: &ValidationError<'_>) -> Vec<(String, String)> {
        let ValidationErrorKind::AdditionalProperties { unexpected } = error.kind() else {
            return Vec::new();
        };
        let allowed = self.allowed_keys(error);
        unexpected
            .iter()
            .filter_map(|key| did_you_mean(key, allowed.iter().copied()))
            .map(|near| (error.instance_path().as_str().to_string(), near.to_string()))
            .collect()
    }

    fn allowed_keys(&self, error: &ValidationError<'_>) -> Vec<&str> {
        self.subschema(parent_pointer(error.schema_path().as_str()))
            .and_then(|s| s.get("properties"))
            .and_then(Value::as_object)
            .map(|props| props.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    fn translate(
        &self,
        error: &ValidationError<'_>,
        doc: &Document<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let pointer = error.instance_path().as_str();
        let keyword_parent = self.subschema(parent_pointer(error.schema_path().as_str()));
        let hint = keyword_parent
            .and_then(|s| s.get("x-hint"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let place = describe(doc.json(), pointer);
        let field = field_name(pointer);
        let value_span = || doc.spans().nearest(pointer);
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let allowed = self.allowed_keys(error);
                for key in unexpected {
                    let child = format!("{pointer}/{}", escape_segment(key));
                    let span = doc.spans().key(&child).unwrap_or_else(value_span);
                    let help = match did_you_mean(key, allowed.iter().copied()) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!("expected one of: {}", allowed.join(", ")),
                    };
                    out.push(
                        Diagnostic::error(
                            Code::SchemaUnknownKey,
                            format!("unknown key `{key}` in {place}"),
                        )
                        .with_label(span, "unknown key")
                        .with_help(help),
                    );
                }
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                let message = if pointer.is_empty() {
                    format!("missing table [{name}]")
                } else {
                    format!("missing key `{name}` in {place}")
                };
                let description = keyword_parent
                    .and_then(|s| s.get("properties"))
                    .and_then(|p| p.get(name))
                    .and_then(|p| {
                        p.get("description")
                            .or_else(|| self.resolve(p).get("description"))
                    })
                    .and_then(Value::as_str)
                    .map(|d| format!("`{name}`: {d}"));
                out.push(
                    Diagnostic::error(Code::SchemaMissingKey, message)
                        .with_label(value_span(), format!("`{name}` is missing here"))
                        .with_optional_help(hint.or(description)),
                );
            }
            ValidationErrorKind::Type { .. } => {
                let is_date = keyword_parent.is_some_and(|s| s.get("x-date").is_some());
                let expected = if is_date {
                    "a date like 2026-07-01".to_string()
                } else {
                    keyword_parent
                        .and_then(|s| s.get("type"))
                        .map(describe_types)
                        .unwrap_or_else(|| "another type".to_string())
                };
                let found = toml_type(error.instance());
                // The value may itself be a table: name the table that holds it.
                let place = if error.instance().is_object() {
                    describe(doc.json(), parent_pointer(pointer))
                } else {
                    place
                };
                out.push(
                    Diagnostic::error(
                        Code::SchemaType,
                        format!("`{field}` in {place} should be {expected}, not {found}"),
                    )
                    .with_label(value_span(), format!("expected {expected}"))
                    .with_optional_help(hint),
                );
            }
            // A property name outside an enum (`offered = { azur = … }`): the error's
            // instance is the key, the value at its path the table that holds it.
            ValidationErrorKind::Enum { options }
                if doc.json().pointer(pointer).is_some_and(Value::is_object)
                    && error.instance().is_string() =>
            {
                let key = error.instance().as_str().unwrap_or_default();
                out.push(unknown_name(doc, pointer, key, &enum_options(options)));
            }
            ValidationErrorKind::Enum { options } => {
                let options = enum_options(options);
                let given = error.instance().as_str().map(str::to_string);
                let help = given
                    .as_deref()
                    .and_then(|g| did_you_mean(g, options.iter().copied()))
                    .map(|near| format!("did you mean `{near}`?"))
                    .unwrap_or_else(|| format!("expected one of: {}", options.join(", ")));
                let shown = given.unwrap_or_else(|| error.instance().to_string());
                out.push(
                    Diagnostic::error(
                        Code::SchemaEnum,
                        format!("unknown {field} `{shown}` in {place}"),
                    )
                    .with_label(value_span(), format!("not a known {field}"))
                    .with_help(help),
                );
            }
            ValidationErrorKind::Format { format } if format == "date" => {
                let given = error.instance().as_str().unwrap_or_default();
                let (message, help) = if doc.spans().is_datetime(pointer) {
                    (
                        format!(
                            "`{field}` in {place} should be a date without a time, not {given}"
                        ),
                        "write only the day, like 2026-07-01",
                    )
                } else {
                    (
                        format!("`{field}` in {place} should be a date, not \"{given}\""),
                        "write a TOML date like 2026-07-01, without quotes",
                    )
                };
                out.push(
                    Diagnostic::error(Code::SchemaDate, message)
                        .with_label(value_span(), "not a date")
                        .with_help(help),
                );
            }
            ValidationErrorKind::Constant { expected_value } => {
                out.push(
                    Diagnostic::error(
                        Code::SchemaEnum,
                        format!("`{field}` in {place} should be {expected_value}"),
                    )
                    .with_label(value_span(), format!("expected {expected_value}"))
                    .with_optional_help(hint),
                );
            }
            ValidationErrorKind::Pattern { .. } => {
                let given = error.instance().as_str().unwrap_or_default();
                // Text that breaks the text rule is worded by `check_text`, which names the
                // character: one error for one value.
                if text_fault(&field, given).is_some() {
                    return;
                }
                out.push(
                    Diagnostic::error(
                        Code::SchemaInvalid,
                        format!("`{field}` in {place} is not a valid {field}: \"{given}\""),
                    )
                    .with_label(value_span(), format!("not a valid {field}"))
                    .with_optional_help(hint),
                );
            }
            ValidationErrorKind::MaxItems { limit } => {
                let count = error.instance().as_array().map_or(0, Vec::len);
                out.push(
                    Diagnostic::error(Code::SchemaInvalid, format!("{count} `{field}` entries in {place}: more than the {limit} cloudpact accepts"))
                        .with_label(value_span(), format!("at most {limit}"))
                        .with_help("split the file: each file is checked on its own, and directories are walked"),
                );
            }
            ValidationErrorKind::MaxLength { limit } => {
                let length = error.instance().as_str().map_or(0, |s| s.chars().count());
                out.push(
                    Diagnostic::error(Code::SchemaInvalid, format!("`{field}` in {place} is {length} characters long: more than the {limit} allowed"))
                        .with_label(value_span(), format!("at most {limit} characters"))
                        .with_optional_help(hint),
                );
            }
            ValidationErrorKind::PropertyNames { error: inner } => {
                // The offending name is the instance of the inner error.
                let key = inner.instance().as_str().unwrap_or_default();
                let options = match inner.kind() {
                    ValidationErrorKind::Enum { options } => enum_options(options),
                    _ => Vec::new(),
                };
                out.push(unknown_name(doc, pointer, key, &options));
            }
            ValidationErrorKind::OneOfNotValid { context }
            | ValidationErrorKind::AnyOf { context } => {
                // Report the branch that got furthest: the one whose errors are not about the
                // value's type at this very place.
                let best = context.iter().find(|branch| {
                    !branch.iter().any(|e| {
                        e.instance_path().as_str() == pointer
                            && matches!(e.kind(), ValidationErrorKind::Type { .. })
                    })
                });
                match best {
                    Some(branch) => {
                        for e in branch {
                            self.translate(e, doc, out);
                        }
                    }
                    None => out.push(
                        Diagnostic::error(
                            Code::SchemaType,
                            format!("`{field}` in {place} has the wrong type"),
                        )
                        .with_label(value_span(), format!("not {}", toml_type(error.instance()))),
                    ),
                }
            }
            _ => {
                let message = format!("`{field}` in {place}: {}", error.masked());
                out.push(
                    Diagnostic::error(Code::SchemaInvalid, message)
                        .with_label(value_span(), "invalid value")
                        .with_optional_help(hint),
                );
            }
        }
    }

    fn subschema(&self, pointer: &str) -> Option<&Value> {
        self.json().pointer(pointer).map(|s| self.resolve(s))
    }

    /// Follow a local `$ref` (one level is all our schemas use).
    fn resolve<'s>(&'s self, schema: &'s Value) -> &'s Value {
        schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|p| self.json().pointer(p))
            .unwrap_or(schema)
    }
}

fn enum_options(options: &Value) -> Vec<&str> {
    options
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// A key of the table at `pointer` whose name is not one of `options`.
fn unknown_name(doc: &Document<'_>, pointer: &str, key: &str, options: &[&str]) -> Diagnostic {
    let child = format!("{pointer}/{}", escape_segment(key));
    let help = did_you_mean(key, options.iter().copied())
        .map(|near| format!("did you mean `{near}`?"))
        .unwrap_or_else(|| format!("expected one of: {}", options.join(", ")));
    Diagnostic::error(
        Code::SchemaUnknownKey,
        format!("unknown key `{key}` in {}", describe(doc.json(), &child)),
    )
    .with_label(
        doc.spans()
            .key(&child)
            .unwrap_or_else(|| doc.spans().nearest(pointer)),
        "unknown key",
    )
    .with_help(help)
}

fn parent_pointer(pointer: &str) -> &str {
    pointer.rfind('/').map_or("", |i| &pointer[..i])
}

fn sort_and_dedup(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| d.primary_span().map_or(0, |s| s.start);
        key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message))
    });
    diagnostics.dedup_by(|a, b| a.code == b.code && a.message == b.message && a.labels == b.labels);
    // One value, one "invalid" error: an empty string fails both its pattern and its
    // minimum length, and saying so twice is noise.
    diagnostics.dedup_by(|a, b| {
        a.code == Code::SchemaInvalid
            && b.code == Code::SchemaInvalid
            && a.primary_span() == b.primary_span()
    });
}

/// Keys whose text may run over several lines; every other string is one line.
const MULTI_LINE_KEYS: &[&str] = &["reason", "help", "note", "summary", "description"];

/// A character no plan or pack text may hold: control characters (an escape sequence starts
/// with one), bidirectional overrides and isolates (which reorder what a reader sees; the
/// marks that right-to-left names need are allowed), and
/// U+FFFE/U+FFFF (which XML cannot carry). Text is printed to terminals, CI logs, XML,
/// SARIF and HTML: refusing these at the door leaves no format to forge through.
fn unprintable(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || crate::base::terminal::is_bidi_override(c)
        || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// The schemas' `pattern` for one-line text and for text that may run over lines: the text
/// rule spelt out for editors. `is_text` is the same rule in Rust (a test compares the two
/// on every character), so a reader that meets one of these patterns need not compile it:
/// a regex over these Unicode classes costs a one-file check more than its plan.
pub(crate) const ONE_LINE_PATTERN: &str = "^[^\\u0000-\\u0008\\u000A-\\u001F\\u007F-\\u009F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069\\uFFFE\\uFFFF]*$";
pub(crate) const LINES_PATTERN: &str = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069\\uFFFE\\uFFFF]*$";

/// Whether `text` keeps the text rule: no unprintable character, and no line break unless
/// it may run over lines.
pub(crate) fn is_text(text: &str, lines: bool) -> bool {
    // Printable ASCII, tabs, and line breaks where they may be: most text, judged a byte at
    // a time without decoding a character.
    let plain = |b: u8| matches!(b, b' '..=b'~' | b'\t') || (lines && matches!(b, b'\n' | b'\r'));
    text.bytes().all(plain) || fault_in(text, lines).is_none()
}

/// What keeps a string from being plan or pack text.
enum TextFault {
    /// A character no text may hold (`unprintable`).
    Char(char),
    /// A line break in a value that must be one line.
    LineBreak,
}

/// The one rule for text, which the schemas' `pattern` on every free string spells out for
/// editors: no unprintable character anywhere, and no line break outside `MULTI_LINE_KEYS`.
fn text_fault(field: &str, text: &str) -> Option<TextFault> {
    fault_in(text, MULTI_LINE_KEYS.contains(&field))
}

/// The rule in one pass: an unprintable character anywhere is the fault to name, before a
/// line break in text that must be one line.
fn fault_in(text: &str, lines: bool) -> Option<TextFault> {
    let mut fault = None;
    for c in text.chars() {
        if unprintable(c) {
            return Some(TextFault::Char(c));
        }
        if !lines && crate::base::diagnostic::is_line_break(c) {
            fault = Some(TextFault::LineBreak);
        }
    }
    fault
}

/// A step from a table or array to one of its values.
enum Step<'j> {
    Key(&'j str),
    Index(usize),
}

/// Every string in the document, checked for characters it may not hold. The path to a
/// value is kept as steps and spelled as a JSON pointer only for a string at fault.
fn check_text<'j>(
    doc: &Document<'_>,
    value: &'j Value,
    path: &mut Vec<Step<'j>>,
    out: &mut Vec<Diagnostic>,
) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                path.push(Step::Key(key));
                check_text(doc, child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                path.push(Step::Index(i));
                check_text(doc, child, path, out);
                path.pop();
            }
        }
        Value::String(text) => {
            // Nearly every string is plain ASCII text: one pass over its bytes settles it.
            if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
                return;
            }
            let mut pointer = String::new();
            for step in path.iter() {
                match step {
                    Step::Key(key) => {
                        pointer.push('/');
                        pointer.push_str(&escape_segment(key));
                    }
                    Step::Index(i) => {
                        let _ = write!(pointer, "/{i}");
                    }
                }
            }
            let pointer = pointer.as_str();
            let field = field_name(pointer);
            let Some(fault) = text_fault(&field, text) else {
                return;
            };
            let bad = match fault {
                TextFault::Char(c) => Some(c),
                TextFault::LineBreak => None,
            };
            let place = describe(doc.json(), pointer);
            let span = doc.spans().nearest(pointer);
            out.push(match bad {
                Some(c) => {
                    let what = if c.is_control() {
                        "control character"
                    } else if matches!(c, '\u{FFFE}' | '\u{FFFF}') {
                        "noncharacter"
                    } else {
                        "bidirectional control"
                    };
                    Diagnostic::error(
                        Code::SchemaInvalid,
                        format!("`{field}` in {place} holds the {what} U+{:04X}", u32::from(c)),
                    )
                    .with_label(span, format!("a {what}"))
                }
                .with_help("plan and pack text is printed to terminals, CI logs and reports: remove the character (an escape sequence, a bidirectional override…)"),
                None => Diagnostic::error(
                    Code::SchemaInvalid,
                    format!("`{field}` in {place} holds a line break: it must be one line"),
                )
                .with_label(span, "more than one line")
                .with_help(format!("only {} may run over several lines", MULTI_LINE_KEYS.join(", "))),
            });
        }
        _ => {}
    }
}

/// The name of the key a pointer ends at (the array's name for an item).
fn field_name(pointer: &str) -> String {
    pointer
        .split('/')
        .rev()
        .find(|s| !s.is_empty() && s.parse::<usize>().is_err())
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .unwrap_or_else(|| "document".to_string())
}

/// Where a pointer is, as a reader of the TOML file says it: `[[deployment]] "support-bot"`.
pub fn describe(json: &Value, pointer: &str) -> String {
    let segments: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    // The innermost table that holds the value (the value's own table if it is one).
    let mut node = json;
    let mut place = "the top level".to_string();
    let mut i = 0;
    while let Some(name) = segments.get(i) {
        let Some(child) = node.get(name.as_str()) else {
            break;
        };
        if let (Some(items), Some(index)) = (child.as_array(), segments.get(i + 1)) {
            let Ok(index) = index.parse::<usize>() else {
                break;
            };
            let Some(item) = items.get(index) else { break };
            if !item.is_object() {
                break;
            }
            place = match item.get("id").and_then(Value::as_str) {
                Some(id) => format!("[[{name}]] \"{id}\""),
                None => format!("[[{name}]] #{}", index + 1),
            };
            node = item;
            i += 2;
        } else if child.is_object() {
            place = if i == 0 {
                format!("[{name}]")
            } else {
                format!("`{name}` of {place}")
            };
            node = child;
            i += 1;
        } else {
            break;
        }
    }
    place
}

fn describe_types(types: &Value) -> String {
    let names: Vec<&str> = match types {
        Value::String(s) => vec![json_to_toml_type(s)],
        Value::Array(a) => a
            .iter()
            .filter_map(Value::as_str)
            .map(json_to_toml_type)
            .collect(),
        _ => Vec::new(),
    };
    let with_article: Vec<String> = names
        .iter()
        .map(|n| match n.chars().next() {
            Some('a' | 'i') => format!("an {n}"),
            _ => format!("a {n}"),
        })
        .collect();
    with_article.join(" or ")
}

fn json_to_toml_type(name: &str) -> &str {
    match name {
        "object" => "table",
        "number" => "number",
        other => other,
    }
}

fn toml_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a float",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_rule_in_rust_is_the_schemas_pattern_on_every_character() {
        for (pattern, lines) in [(ONE_LINE_PATTERN, false), (LINES_PATTERN, true)] {
            let regex = regex::Regex::new(pattern).unwrap();
            for c in (0..=0x10FFFF).filter_map(char::from_u32) {
                let text = format!("a{c}b");
                assert_eq!(
                    is_text(&text, lines),
                    regex.is_match(&text),
                    "{c:?}, lines: {lines}"
                );
            }
        }
    }

    #[test]
    fn every_text_pattern_of_the_schemas_is_one_the_rust_rule_reads() {
        fn patterns<'v>(value: &'v Value, out: &mut Vec<&'v str>) {
            match value {
                Value::Object(map) => {
                    out.extend(map.get("pattern").and_then(Value::as_str));
                    map.values().for_each(|v| patterns(v, out));
                }
                Value::Array(items) => items.iter().for_each(|v| patterns(v, out)),
                _ => {}
            }
        }
        for schema in [PLAN_SCHEMA, POLICY_SCHEMA] {
            let json: Value = serde_json::from_str(schema).unwrap();
            let mut found = Vec::new();
            patterns(&json, &mut found);
            let text: Vec<&&str> = found.iter().filter(|p| p.contains("\\u2066")).collect();
            assert!(!text.is_empty());
            assert!(
                text.iter()
                    .all(|p| [ONE_LINE_PATTERN, LINES_PATTERN].contains(p)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn both_schemas_compile() {
        assert!(plan().is_ok());
        assert!(policy().is_ok());
    }

    #[test]
    fn every_schema_reads_as_json_for_its_messages() {
        for schema in [plan(), policy(), regions()] {
            assert!(schema.unwrap().json().is_object());
        }
    }
}
