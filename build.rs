//! Parses the TOML files embedded in the binary (`policies/*.toml`: the built-in packs and the
//! region catalog) when cloudpact is built, so a run does not. Each file becomes a tape: its
//! spanned tree written out in document order as Rust data (`src/input/document/tape.rs`
//! reads it back), and a pool of its strings, each once, that the tape points into by
//! offset: a tape of `&str`s would cost the loader a relocation per string at every start. The TOML stays the one source; a file that does not parse stops the build
//! with the error the parser gives, at its line and column. The schema and the checks a
//! schema cannot make are the loader's, at run time, and the test suite's.

// A build script says it failed by panicking: cargo shows the message and stops the build.
#![allow(clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

fn main() {
    println!("cargo::rerun-if-changed=policies");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir("policies")
        .expect("policies/ is part of the source tree")
        .map(|entry| entry.expect("policies/ can be listed").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| fail(&file, &format!("cannot be read: {e}")));
        let tree = DeTable::parse(&text).unwrap_or_else(|e| fail(&file, &located(&text, &e)));
        let mut tape = Tape {
            nodes: String::from("&[\n"),
            pool: String::new(),
            pooled: HashMap::new(),
            file: &file,
        };
        tape.table(tree.get_ref(), tree.span());
        tape.nodes.push_str("]\n");
        let stem = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        for (name, text) in [("tape.rs", &tape.nodes), ("pool.txt", &tape.pool)] {
            let target = out.join(format!("{stem}.{name}"));
            std::fs::write(&target, text)
                .unwrap_or_else(|e| fail(&target, &format!("cannot be written: {e}")));
        }
    }
}

struct Tape<'f> {
    /// A Rust expression: the slice of nodes.
    nodes: String,
    pool: String,
    /// Where each string already in the pool starts.
    pooled: HashMap<String, usize>,
    file: &'f Path,
}

impl Tape<'_> {
    fn table(&mut self, table: &DeTable<'_>, span: Range<usize>) {
        self.node("Table", &span, table.len());
        for (key, value) in table {
            self.text("Key", &key.span(), key.get_ref());
            self.value(value.get_ref(), value.span());
        }
    }

    fn value(&mut self, value: &DeValue<'_>, span: Range<usize>) {
        match value {
            DeValue::String(s) => self.text("Str", &span, s),
            DeValue::Boolean(b) => {
                let at = self.at(&span);
                let _ = writeln!(self.nodes, "Bool({at}, {b}),");
            }
            DeValue::Datetime(d) => self.text("Datetime", &span, &d.to_string()),
            DeValue::Integer(_) | DeValue::Float(_) => fail(
                self.file,
                "holds a number, which a tape does not carry: no built-in file has one",
            ),
            DeValue::Array(items) => {
                self.node("Array", &span, items.len());
                for item in items.iter() {
                    self.value(item.get_ref(), item.span());
                }
            }
            DeValue::Table(t) => self.table(t, span),
        }
    }

    fn node(&mut self, kind: &str, span: &Range<usize>, len: usize) {
        let at = self.at(span);
        let len = self.number(len);
        let _ = writeln!(self.nodes, "{kind}({at}, {len}),");
    }

    fn text(&mut self, kind: &str, span: &Range<usize>, text: &str) {
        let start = match self.pooled.get(text) {
            Some(start) => *start,
            None => {
                let start = self.pool.len();
                self.pool.push_str(text);
                self.pooled.insert(text.to_string(), start);
                start
            }
        };
        let at = self.at(span);
        let (from, to) = (self.number(start), self.number(start + text.len()));
        let _ = writeln!(self.nodes, "{kind}({at}, {from}, {to}),");
    }

    fn at(&self, span: &Range<usize>) -> String {
        format!("{}, {}", self.number(span.start), self.number(span.end))
    }

    fn number(&self, n: usize) -> u32 {
        u32::try_from(n).unwrap_or_else(|_| fail(self.file, "is too large for a tape"))
    }
}

/// The parser's message with the line and column it points at.
fn located(text: &str, error: &toml::de::Error) -> String {
    let Some(span) = error.span() else {
        return error.message().to_string();
    };
    let before = text.get(..span.start).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!(
        "is not valid TOML at line {line}, column {column}: {}",
        error.message().trim()
    )
}

fn fail(file: &Path, what: &str) -> ! {
    panic!("{} {what}", file.display())
}
