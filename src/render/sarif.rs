//! `--format sarif`: SARIF 2.1.0 for code scanning. One rule per code with its clause,
//! sources, default level and a page that explains it; one result per error or warning (and
//! per advice with `--sarif-advice`), at its line, column and bytes in the plan file, with a
//! fingerprint that follows it across commits (rule, file and deployment, not the line). A
//! waived finding is a note with an external suppression citing the exception. Files under
//! the directory cloudpact ran in are named relative to `%SRCROOT%`; others by `file:` URI.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, PropertyBag,
    Region, ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel,
    Suppression, Tool, ToolComponent,
};

use crate::base::diagnostic::{Diagnostic, Severity};
use crate::render::{FileReport, RunReport, Stream, Totals};
use crate::view::explain::Explanation;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/cloudpact/cloudpact";
/// The page that explains each of cloudpact's own codes, by anchor.
const CODES_PAGE: &str = "https://github.com/cloudpact/cloudpact/blob/main/docs/codes.md";
/// The base the relative URIs of results resolve against: the checkout code scanning reads.
const SRCROOT: &str = "%SRCROOT%";

/// What `--format sarif` is asked for.
#[derive(Debug, Clone, Default)]
pub struct SarifOptions {
    /// Advice as results too (`--sarif-advice`).
    pub advice: bool,
    /// The directory cloudpact ran in: absolute file names under it are written relative to
    /// `%SRCROOT%`.
    pub root: Option<PathBuf>,
}

fn level(severity: Severity) -> Value {
    json!(match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "note",
    })
}

/// Where a file is, as code scanning resolves it: a relative path against `%SRCROOT%` (an
/// absolute name under `root` made relative to it), else an absolute `file:` URI.
fn artifact(name: &str, root: Option<&Path>) -> ArtifactLocation {
    let path = Path::new(name);
    let relative = if path.is_absolute() {
        root.and_then(|r| path.strip_prefix(r).ok())
            .map(|p| p.to_string_lossy().into_owned())
    } else {
        Some(name.to_string())
    };
    match relative {
        Some(relative) => {
            let relative = relative.replace('\\', "/");
            let relative = relative.trim_start_matches("./").trim_start_matches('/');
            ArtifactLocation::builder()
                .uri(percent_encode(relative))
                .uri_base_id(SRCROOT.to_string())
                .build()
        }
        None => {
            let absolute = name.replace('\\', "/");
            let absolute = absolute.trim_start_matches('/');
            ArtifactLocation::builder()
                .uri(format!("file:///{}", percent_encode(absolute)))
                .build()
        }
    }
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
    // A pack's rule is explained by the page its facts come from; cloudpact's own codes by
    // the repository's page of codes.
    let help_uri = match explanation {
        // An organisation's pack may cite a document by name: only a web address is a URI.
        Explanation::Rule { sources, .. } | Explanation::Clause { sources, .. } => sources
            .iter()
            .find(|s| s.starts_with("https://") && !s.contains(char::is_whitespace))
            .cloned(),
        // `PACK/not-permitted` is documented once, as `not-permitted`.
        Explanation::Engine { code, pack, .. } => {
            let name = match pack {
                Some(_) => code.split_once('/').map_or(code.as_str(), |(_, name)| name),
                None => code,
            };
            Some(format!("{CODES_PAGE}#{}", anchor(name)))
        }
    };
    let mut descriptor = ReportingDescriptor::builder()
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
        .build();
    descriptor.help_uri = help_uri;
    descriptor.default_configuration = default_level.map(|severity| {
        ReportingConfiguration::builder()
            .level(level(severity))
            .build()
    });
    descriptor
}

/// A code's anchor on the page of codes, as GitHub makes it from the heading:
/// `plan/unknown-region` → `planunknown-region`.
pub fn anchor(code: &str) -> String {
    code.replace('/', "")
}

/// What identifies a finding across commits, whatever line it moves to: its rule, its file
/// (as its URI names it, so an absolute and a relative name of one file agree) and the
/// deployment it is about (a plan's own finding, by its message).
fn fingerprint(d: &Diagnostic, uri: &str) -> String {
    let about = d.deployment.as_deref().unwrap_or(&d.message);
    format!("{}|{uri}|{about}", d.code)
}

fn result(file: &FileReport, d: &Diagnostic, root: Option<&Path>) -> SarifResult {
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str("\n\n");
        text.push_str(help);
    }
    if let Some(clause) = &d.clause {
        text.push_str(&format!("\n\nClause: {clause}"));
    }
    let artifact = artifact(&file.source.name, root);
    let fingerprint = fingerprint(d, artifact.uri.as_deref().unwrap_or_default());
    let mut location = PhysicalLocation::builder()
        .artifact_location(artifact)
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
        .partial_fingerprints(BTreeMap::from([(
            "cloudpact/finding/v1".to_string(),
            fingerprint,
        )]))
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
    options: SarifOptions,
    placed: std::sync::Mutex<Placed>,
}

impl Sarif {
    pub fn new(options: SarifOptions) -> Self {
        Sarif {
            options,
            placed: std::sync::Mutex::default(),
        }
    }

    /// Whether a diagnostic is written as a result: not advice, unless asked, or waived
    /// (a suppression is how code scanning learns an alert was accepted).
    fn writes(&self, d: &Diagnostic) -> bool {
        self.options.advice || d.severity != Severity::Advice || d.waived.is_some()
    }
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
            "{{\n  \"$schema\": \"{SCHEMA}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"columnKind\": \"unicodeCodePoints\",\n      \"originalUriBaseIds\": {{\n        \"{SRCROOT}\": {{\n          \"description\": {{\n            \"text\": \"The directory cloudpact ran in (the repository root in CI).\"\n          }}\n        }}\n      }},\n      \"results\": ["
        )
    }

    /// The file's results, each on its own lines, joined by commas.
    fn draw(&self, file: &FileReport) -> String {
        let root = self.options.root.as_deref();
        let results: Vec<String> = file
            .diagnostics
            .iter()
            .filter(|d| self.writes(d))
            .map(|d| crate::render::json::nested(&result(file, d, root), 4))
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
        placed.results += file.diagnostics.iter().filter(|d| self.writes(d)).count();
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
