//! The JSON Schemas in `schemas/` are read by editors as well as by cloudpact: a plan or
//! pack file that starts with `#:schema ../schemas/plan.schema.json` gets hover text,
//! completion and checking from taplo (VS Code's "Even Better TOML"). So every property
//! documents itself (a title and a description), every scalar a user types comes with
//! examples, and every example is one the schema accepts.

// Test code: a failed unwrap, expect or index is the test failing, which is what it is for.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{Value, json};

const SCHEMAS: [(&str, &str); 3] = [
    (
        "plan.schema.json",
        include_str!("../schemas/plan.schema.json"),
    ),
    (
        "policy.schema.json",
        include_str!("../schemas/policy.schema.json"),
    ),
    (
        "regions.schema.json",
        include_str!("../schemas/regions.schema.json"),
    ),
];

/// A JSON pointer's segment, escaped.
fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

fn text<'v>(schema: &'v Value, keyword: &str) -> Option<&'v str> {
    schema
        .get(keyword)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Each property that has examples: the pointer to its schema, and the examples.
type Examples = Vec<(String, Vec<Value>)>;

/// The walk over one schema: what it found wrong, and each property that has examples.
struct Walk<'a> {
    file: &'a str,
    root: &'a Value,
    problems: Vec<String>,
    examples: Examples,
}

impl<'a> Walk<'a> {
    fn new(file: &'a str, root: &'a Value) -> Self {
        Walk {
            file,
            root,
            problems: Vec::new(),
            examples: Vec::new(),
        }
    }

    fn problem(&mut self, at: &str, what: &str) {
        self.problems.push(format!("{}#{at}: {what}", self.file));
    }

    /// The target of a local `$ref`.
    fn target(&self, schema: &Value) -> Option<&'a Value> {
        let reference = schema.get("$ref")?.as_str()?;
        let pointer = reference.strip_prefix('#').unwrap_or_else(|| {
            panic!(
                "{}: only local $refs are expected, not {reference}",
                self.file
            )
        });
        Some(
            self.root
                .pointer(pointer)
                .unwrap_or_else(|| panic!("{}: $ref {reference} leads nowhere", self.file)),
        )
    }

    /// The whole document: the root schema, then every definition (each is also a place
    /// where properties are declared).
    fn run(&mut self) {
        self.schema(self.root, "");
        if let Some(defs) = self.root.get("$defs").and_then(Value::as_object) {
            for (name, def) in defs {
                let at = format!("/$defs/{}", escape(name));
                // Definitions are documented too: taplo shows a `$ref` target's title and
                // description in place of the notes written beside the `$ref`.
                for keyword in ["title", "description"] {
                    if text(def, keyword).is_none() {
                        self.problem(&at, &format!("a definition without a `{keyword}`"));
                    }
                }
                self.schema(def, &at);
            }
        }
    }

    /// A schema: look for the properties it declares, in every place a key's schema can be.
    fn schema(&mut self, schema: &'a Value, at: &str) {
        let Some(object) = schema.as_object() else {
            return;
        };
        if let Some(properties) = object.get("properties").and_then(Value::as_object) {
            for (name, property) in properties {
                self.property(property, &format!("{at}/properties/{}", escape(name)));
            }
        }
        // The schema of the values under any key of a table (`offered = { azure = … }`):
        // each such value is a property a user types.
        if let Some(additional) = object.get("additionalProperties").filter(|v| v.is_object()) {
            self.property(additional, &format!("{at}/additionalProperties"));
        }
        if let Some(items) = object.get("items").filter(|v| v.is_object()) {
            self.schema(items, &format!("{at}/items"));
        }
        // `if` is not walked: it is a condition, whose `properties` restate keys declared
        // and documented in the enclosing schema (`channel = "azure-foundry"`); a title there
        // would describe the test, not the key. `then` and `else` are what applies.
        for branch in ["then", "else"] {
            if let Some(sub) = object.get(branch) {
                self.schema(sub, &format!("{at}/{branch}"));
            }
        }
        for combinator in ["allOf", "anyOf", "oneOf"] {
            if let Some(subs) = object.get(combinator).and_then(Value::as_array) {
                for (i, sub) in subs.iter().enumerate() {
                    self.schema(sub, &format!("{at}/{combinator}/{i}"));
                }
            }
        }
    }

    /// A property's schema: documented where it is declared, and by its `$ref` target.
    fn property(&mut self, property: &'a Value, at: &str) {
        for keyword in ["title", "description"] {
            if text(property, keyword).is_none() {
                self.problem(at, &format!("a property without a `{keyword}`"));
            }
        }
        let target = self.target(property);
        if let Some(target) = target {
            // taplo follows a `$ref` and drops the keywords beside it, so the target must
            // say something too (checked for every definition in `run`; here, for the path).
            if text(target, "title").is_none() || text(target, "description").is_none() {
                self.problem(at, "its $ref target has no title or description");
            }
        }
        let own = |keyword: &str| property.get(keyword).or_else(|| target?.get(keyword));
        // taplo's hover on an array that has items shows the items' description, not the
        // array's (tamasfe/taplo#788), so the items say what one item is.
        if let Some(items) = own("items").filter(|v| v.is_object()) {
            let items = self.target(items).unwrap_or(items);
            if text(items, "description").is_none() {
                self.problem(at, "an array whose items have no description");
            }
        }
        let types: Vec<&str> = match own("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let scalar = types
            .iter()
            .any(|t| matches!(*t, "string" | "boolean" | "integer" | "number"));
        // A closed set (`enum`, or `const` in a conditional branch) is offered by the editor
        // as is; every other scalar a user types needs examples.
        let closed = own("enum").is_some() || own("const").is_some();
        match property.get("examples") {
            Some(Value::Array(examples)) if !examples.is_empty() => {
                self.examples.push((at.to_string(), examples.clone()));
            }
            Some(_) => self.problem(at, "`examples` must be a non-empty array"),
            None if scalar && !closed => self.problem(at, "a scalar property without `examples`"),
            None => {}
        }
        self.schema(property, at);
    }
}

fn walk(file: &'static str, text: &'static str) -> (Value, Vec<String>, Examples) {
    let root: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut walk = Walk::new(file, &root);
    walk.run();
    let (problems, examples) = (walk.problems, walk.examples);
    (root, problems, examples)
}

#[test]
fn every_property_has_a_title_a_description_and_examples() {
    let mut problems = Vec::new();
    for (file, text) in SCHEMAS {
        problems.extend(walk(file, text).1);
    }
    assert!(
        problems.is_empty(),
        "{} schema properties are not documented for editors:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_example_is_valid_where_it_is_given() {
    let mut wrong = Vec::new();
    let mut checked = 0;
    for (file, text) in SCHEMAS {
        let (root, _, examples) = walk(file, text);
        let id = root["$id"].as_str().expect("every schema has an $id");
        let registry = jsonschema::Registry::new()
            .add(id, root.clone())
            .and_then(|r| r.prepare())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        for (pointer, values) in examples {
            let validator = jsonschema::draft202012::options()
                .should_validate_formats(true)
                .with_registry(&registry)
                .build(&json!({ "$ref": format!("{id}#{pointer}") }))
                .unwrap_or_else(|e| panic!("{file}#{pointer}: {e}"));
            for value in values {
                checked += 1;
                if let Some(error) = validator.iter_errors(&value).next() {
                    wrong.push(format!("{file}#{pointer}: example {value} — {error}"));
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} examples found");
    assert!(
        wrong.is_empty(),
        "examples the schema refuses:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_walk_finds_what_is_missing() {
    let schema = json!({
        "$defs": {
            "date": { "title": "Date", "description": "A day.", "type": "string" },
            "bare": { "type": "string" }
        },
        "properties": {
            "ok": { "title": "Ok", "description": "Fine.", "type": "string", "examples": ["x"] },
            "untitled": { "description": "No title.", "type": "boolean", "examples": [true] },
            "unexampled": { "title": "U", "description": "No examples.", "type": "string" },
            "closed": { "title": "C", "description": "An enum.", "enum": ["a", "b"] },
            "dated": { "$ref": "#/$defs/date", "title": "D", "description": "A date.", "examples": ["2026-07-01"] },
            "bare-ref": { "$ref": "#/$defs/bare", "title": "B", "description": "Bare target.", "examples": ["x"] },
            "list": { "title": "L", "description": "Items.", "type": "array", "items": {
                "type": "object", "properties": { "deep": { "type": "string" } } } },
            "cond": { "title": "If", "description": "Then.", "type": "object",
                "if": { "properties": { "k": { "const": "v" } } },
                "then": { "properties": { "k": { "title": "K", "const": "v" } } } }
        }
    });
    let mut walk = Walk::new("test", &schema);
    walk.run();
    let mut found: Vec<&str> = walk.problems.iter().map(String::as_str).collect();
    found.sort_unstable();
    let mut expected = [
        "test#/properties/bare-ref: its $ref target has no title or description",
        "test#/properties/cond/then/properties/k: a property without a `description`",
        "test#/properties/list: an array whose items have no description",
        "test#/properties/list/items/properties/deep: a property without a `title`",
        "test#/properties/list/items/properties/deep: a property without a `description`",
        "test#/properties/list/items/properties/deep: a scalar property without `examples`",
        "test#/properties/unexampled: a scalar property without `examples`",
        "test#/properties/untitled: a property without a `title`",
        "test#/$defs/bare: a definition without a `title`",
        "test#/$defs/bare: a definition without a `description`",
    ];
    expected.sort_unstable();
    assert_eq!(found, expected);
}
