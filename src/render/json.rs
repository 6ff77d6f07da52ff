//! `--format json`, version 1: fields may be added, never renamed.

use serde::Serialize;

use crate::base::vocab::{Channel, Cloud};

use crate::base::date::Date;
use crate::base::diagnostic::{Confidence, Diagnostic, Severity, Waiver};
use crate::engine::Decision;
use crate::render::{FileReport, RunReport, Stream, Totals};

pub const VERSION: u32 = 1;

/// What follows the files: known only once every file is checked.
#[derive(Serialize)]
struct Tail<'a> {
    as_of: Option<Date>,
    packs: Vec<Pack<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Pack<'a> {
    id: &'a str,
    version: Option<&'a str>,
    origin: &'a str,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    checked: bool,
    organization: Option<&'a str>,
    as_of: Option<Date>,
    deployments: Vec<Deployment<'a>>,
    diagnostics: Vec<Diag<'a>>,
}

#[derive(Serialize)]
struct Deployment<'a> {
    id: &'a str,
    provider: &'a str,
    product: &'a str,
    channel: Channel,
    cloud: Cloud,
    region: Option<&'a str>,
    start: Date,
    end: Option<Date>,
    decision: Decision,
    line: usize,
    alternatives: &'a [crate::engine::Alternative],
}

#[derive(Serialize)]
struct Diag<'a> {
    code: &'a str,
    severity: Severity,
    message: std::borrow::Cow<'a, str>,
    help: Option<&'a str>,
    deployment: Option<&'a str>,
    clause: Option<&'a str>,
    confidence: Option<Confidence>,
    sources: &'a [String],
    waived: Option<&'a Waiver>,
    line: Option<usize>,
    column: Option<usize>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    deployments: usize,
    allowed: usize,
    conditional: usize,
    denied: usize,
    errors: usize,
    warnings: usize,
    advice: usize,
    unchecked: usize,
}

/// `--format json`, written file by file: `{"version": 1, "files": [...], "as_of": …,
/// "packs": [...], "summary": {...}}`.
#[derive(Default)]
pub struct Json {
    files: std::sync::atomic::AtomicUsize,
}

/// A value pretty-printed for its place `depth` levels down a pretty-printed document,
/// indented two spaces a level as serde_json's own pretty printer does.
pub fn nested<T: Serialize>(value: &T, depth: usize) -> String {
    nested_after(value, depth, Vec::with_capacity(2048))
}

/// `nested`, written after what `bytes` already holds (in the capacity it already has).
fn nested_after<T: Serialize>(value: &T, depth: usize, mut bytes: Vec<u8>) -> String {
    let formatter = Nested {
        depth,
        has_value: false,
    };
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, formatter);
    if value.serialize(&mut serializer).is_err() {
        return String::new();
    }
    String::from_utf8(bytes).unwrap_or_default()
}

/// serde_json's pretty layout, starting `depth` levels in: written in one pass, rather than
/// printed at the top level and indented again.
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn newline<W: ?Sized + std::io::Write>(&self, writer: &mut W) -> std::io::Result<()> {
        writer.write_all(b"\n")?;
        for _ in 0..self.depth {
            writer.write_all(b"  ")?;
        }
        Ok(())
    }

    /// `[` or `{`: one level in, nothing in it yet.
    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    /// `]` or `}`, on a line of its own when the array or object held anything.
    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline(writer)?;
        }
        writer.write_all(bracket)
    }

    /// Before an item or a key: a comma after the one before, then a new line.
    fn item<W: ?Sized + std::io::Write>(&self, writer: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            writer.write_all(b",")?;
        }
        self.newline(writer)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(writer, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        _writer: &mut W,
    ) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(writer, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
    ) -> std::io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        _writer: &mut W,
    ) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// What comes before each file's object in `files`; the first file's starts after the comma.
const FILE_SEPARATOR: &str = ",\n    ";

impl Stream for Json {
    fn begin(&self) -> String {
        format!("{{\n  \"version\": {VERSION},\n  \"files\": [")
    }

    fn draw(&self, f: &FileReport) -> String {
        // Drawn on a worker with the separator every file but the first needs, in a buffer
        // about the size the JSON comes to (some four times the TOML): the main thread,
        // which writes the files in order, then copies nothing.
        let mut bytes = Vec::with_capacity(4096 + f.source.text.len() * 5);
        bytes.extend_from_slice(FILE_SEPARATOR.as_bytes());
        nested_after(&file(f), 2, bytes)
    }

    fn place(&self, _file: &FileReport, mut drawn: String) -> String {
        let before = self
            .files
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if before == 0 {
            drawn.replace_range(..1, "");
        }
        drawn
    }

    fn end(&self, totals: &Totals) -> String {
        let s = totals.summary;
        let tail = Tail {
            as_of: totals.as_of,
            packs: totals
                .packs
                .iter()
                .map(|p| Pack {
                    id: &p.id,
                    version: p.version.as_deref(),
                    origin: &p.origin,
                })
                .collect(),
            summary: Summary {
                files: s.files,
                deployments: s.deployments,
                allowed: s.allowed,
                conditional: s.conditional,
                denied: s.denied,
                errors: s.errors,
                warnings: s.warnings,
                advice: s.advice,
                unchecked: s.unchecked,
            },
        };
        let tail = serde_json::to_string_pretty(&tail).unwrap_or_default();
        // The tail's fields continue the top-level object after the files.
        let fields = tail
            .trim_start_matches('{')
            .trim_end_matches('}')
            .trim_end();
        let close = if self.files.load(std::sync::atomic::Ordering::Relaxed) == 0 {
            "]"
        } else {
            "\n  ]"
        };
        format!("{close},{}\n}}\n", fields)
    }
}

pub fn render(report: &RunReport) -> String {
    Json::default().render(report)
}

fn file(f: &FileReport) -> File<'_> {
    File {
        path: &f.source.name,
        checked: f.checked,
        organization: f.organization.as_deref(),
        as_of: f.as_of,
        deployments: f
            .deployments
            .iter()
            .map(|d| Deployment {
                id: &d.id,
                provider: &d.provider,
                product: &d.product,
                channel: d.channel,
                cloud: d.cloud,
                region: d.region.as_deref(),
                start: d.start,
                end: d.end,
                decision: d.decision,
                line: d.line,
                alternatives: &d.alternatives,
            })
            .collect(),
        diagnostics: f.diagnostics.iter().map(|d| diag(f, d)).collect(),
    }
}

fn diag<'a>(f: &'a FileReport, d: &'a Diagnostic) -> Diag<'a> {
    let position = d.primary_span().map(|s| f.source.line_col(s.start));
    Diag {
        code: &d.code,
        severity: d.severity,
        // A waived finding's message cites the waiver, as every other format shows it; the
        // `waived` object holds the same, field by field.
        message: match &d.waived {
            Some(w) => format!("{} (waived: {})", d.message, w.describe()).into(),
            None => d.message.as_str().into(),
        },
        help: d.help.as_deref(),
        deployment: d.deployment.as_deref(),
        clause: d.clause.as_deref(),
        confidence: d.confidence,
        sources: &d.sources,
        waived: d.waived.as_ref(),
        line: position.map(|p| p.0),
        column: position.map(|p| p.1),
    }
}
