//! `--format sarif`: SARIF 2.1.0 for code scanning. One rule per code with its clause and
//! sources; one result per diagnostic, at its line, column and bytes in the plan file. A
//! waived finding is a note with an external suppression citing the exception.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, PropertyBag,
    Region, ReportingDescriptor, Result as SarifResult, ResultLevel, Suppression, Tool,
    ToolComponent,
};

use crate::base::diagnostic::{Diagnostic, Severity};
use crate::render::{FileReport, RunReport, Stream, Totals};
use crate::view::explain::Explanation;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/cloudpact/cloudpact";

fn level(severity: Severity) -> Value {
    json!(match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "note",
    })
}

/// A URI for a file as named: forward slashes, relative paths kept relative (code scanning
/// resolves them against the repository root), and no scheme a viewer could follow.
fn uri(name: &str) -> String {
    let name = name.replace('\\', "/");
    let name = name.strip_prefix("./").unwrap_or(&name);
    percent_encode(name)
}

fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn descriptor(explanation: &Explanation) -> ReportingDescriptor {
    let description = explanation.description();
    let default_level = match explanation {
        Explanation::Rule { effect, .. } => match *effect {
            "deny" => Some(Severity::Error),
            "warn" | "allow" => Some(Severity::Warning),
            _ => Some(Severity::Advice),
        },
        Explanation::Engine { severity, .. } => Some(*severity),
        Explanation::Clause { .. } => None,
    };
    let mut properties = BTreeMap::new();
    if let Explanation::Rule {
        confidence: Some(c),
        ..
    } = explanation
    {
        properties.insert("confidence".to_string(), json!(c.as_str()));
    }
    if let Some(level) = default_level {
        properties.insert("cloudpact-default-level".to_string(), self::level(level));
    }
    ReportingDescriptor::builder()
        .id(explanation.code().to_string())
        .name(explanation.code().replace(['/', '-'], "_"))
        .short_description(
            MultiformatMessageString::builder()
                .text(explanation.title())
                .build(),
        )
        .full_description(
            MultiformatMessageString::builder()
                .text(description.clone())
                .build(),
        )
        .help(
            MultiformatMessageString::builder()
                .text(format!(
                    "{description} Run `{}` for the whole rule.",
                    explanation.command()
                ))
                .build(),
        )
        .properties(
            PropertyBag::builder()
                .additional_properties(properties)
                .build(),
        )
        .build()
}

fn result(file: &FileReport, d: &Diagnostic) -> SarifResult {
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str("\n\n");
        text.push_str(help);
    }
    if let Some(clause) = &d.clause {
        text.push_str(&format!("\n\nClause: {clause}"));
    }
    let mut location = PhysicalLocation::builder()
        .artifact_location(
            ArtifactLocation::builder()
                .uri(uri(&file.source.name))
                .build(),
        )
        .build();
    if let Some(span) = d.primary_span() {
        let (start_line, start_column) = file.source.line_col(span.start);
        let (end_line, end_column) = file.source.line_col(span.end);
        let region = Region::builder()
            .start_line(i64::try_from(start_line).unwrap_or(i64::MAX))
            .start_column(i64::try_from(start_column).unwrap_or(i64::MAX))
            .end_line(i64::try_from(end_line).unwrap_or(i64::MAX))
            .end_column(i64::try_from(end_column).unwrap_or(i64::MAX))
            .byte_offset(i64::try_from(file.source.file_offset(span.start)).unwrap_or(i64::MAX))
            .byte_length(i64::try_from(span.end.saturating_sub(span.start)).unwrap_or(i64::MAX))
            .build();
        location.region = Some(region);
    }
    let mut properties = BTreeMap::new();
    if let Some(deployment) = &d.deployment {
        properties.insert("deployment".to_string(), json!(deployment));
    }
    if let Some(c) = d.confidence {
        properties.insert("confidence".to_string(), json!(c.as_str()));
    }
    if !d.sources.is_empty() {
        properties.insert("sources".to_string(), json!(d.sources));
    }
    let mut result = SarifResult::builder()
        .rule_id(d.code.clone())
        .level(match d.severity {
            Severity::Error => ResultLevel::Error,
            Severity::Warning => ResultLevel::Warning,
            Severity::Advice => ResultLevel::Note,
        })
        .message(Message::builder().text(text).build())
        .locations(vec![
            Location::builder().physical_location(location).build(),
        ])
        .properties(
            PropertyBag::builder()
                .additional_properties(properties)
                .build(),
        )
        .build();
    if let Some(w) = &d.waived {
        result.suppressions = Some(vec![
            Suppression::builder()
                .kind(json!("external"))
                .status(json!("accepted"))
                .justification(format!("{} (was {})", w.describe(), w.severity))
                .build(),
        ]);
    }
    result
}

/// SARIF written file by file: the results as they come, the rules (one per code, in
/// first-seen order) after them, when every code is known. Results name their rule by
/// `ruleId` (a `ruleIndex` would tie drawing a file to the files before it).
#[derive(Default)]
pub struct Sarif {
    placed: std::sync::Mutex<Placed>,
}

/// What the files placed so far have added: their rules and the count of results.
#[derive(Default)]
struct Placed {
    rules: Vec<ReportingDescriptor>,
    seen: std::collections::BTreeSet<String>,
    results: usize,
}

impl Stream for Sarif {
    fn begin(&self) -> String {
        format!(
            "{{\n  \"$schema\": \"{SCHEMA}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": ["
        )
    }

    /// The file's results, each on its own lines, joined by commas.
    fn draw(&self, file: &FileReport) -> String {
        let results: Vec<String> = file
            .diagnostics
            .iter()
            .map(|d| crate::render::json::nested(&result(file, d), 4))
            .collect();
        results.join(",\n        ")
    }

    /// Record the file's rules (once per code) and join its results to those before.
    fn place(&self, file: &FileReport, drawn: String) -> String {
        let mut placed = self
            .placed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for e in &file.explanations {
            if !placed.seen.contains(e.code()) {
                placed.seen.insert(e.code().to_string());
                placed.rules.push(descriptor(e));
            }
        }
        if drawn.is_empty() {
            return drawn;
        }
        let separator = if placed.results == 0 {
            "\n        "
        } else {
            ",\n        "
        };
        placed.results += file.diagnostics.len();
        format!("{separator}{drawn}")
    }

    fn end(&self, _totals: &Totals) -> String {
        let mut placed = self
            .placed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let driver = ToolComponent::builder()
            .name("cloudpact".to_string())
            .semantic_version(env!("CARGO_PKG_VERSION").to_string())
            .information_uri(INFORMATION_URI.to_string())
            .rules(std::mem::take(&mut placed.rules))
            .build();
        let tool = crate::render::json::nested(&Tool::builder().driver(driver).build(), 3);

        let close = if placed.results == 0 {
            "]"
        } else {
            "\n      ]"
        };
        format!("{close},\n      \"tool\": {}\n    }}\n  ]\n}}\n", tool)
    }
}

pub fn render(report: &RunReport) -> String {
    Sarif::default().render(report)
}
