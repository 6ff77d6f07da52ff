//! The bad-input corpus: every file under `tests/bad-inputs/` is a malformed plan or pack
//! whose first line says what it must get (`# expect: CODE line N`). Each must make
//! cloudpact exit 2 — never panic, never pass — with a diagnostic of that code on that line.

// A test that fails may panic: that is how it fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn expectation(path: &Path) -> (String, u64) {
    let bytes = std::fs::read(path).unwrap();
    let first = String::from_utf8_lossy(&bytes);
    let first = first
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    let rest = first
        .strip_prefix("# expect: ")
        .unwrap_or_else(|| panic!("{}: no `# expect:` line", path.display()));
    let (code, line) = rest.split_once(" line ").unwrap();
    (code.to_string(), line.trim().parse().unwrap())
}

#[test]
fn every_bad_input_is_refused_with_its_code_at_its_line() {
    let dir = Path::new("tests/bad-inputs");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 40, "the corpus has {} files", files.len());
    let clean =
        std::env::temp_dir().join(format!("cloudpact-clean-{}.plan.toml", std::process::id()));
    std::fs::write(&clean, "[plan]\nas_of = 2026-06-01\n").unwrap();
    let mut failures = Vec::new();
    for path in &files {
        let name = path.to_string_lossy().to_string();
        let (code, line) = expectation(path);
        let mut command = Command::new(env!("CARGO_BIN_EXE_cloudpact"));
        command
            .env_remove("RUST_BACKTRACE")
            .args(["check", "--format", "json"]);
        if name.ends_with(".pack.toml") {
            command.args(["--no-builtin", "--policy", &name, clean.to_str().unwrap()]);
        } else {
            command.arg(&name);
        }
        let out = command.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.code() != Some(2) || stderr.contains("panicked") {
            failures.push(format!(
                "{name}: exit {:?}, stderr {stderr}",
                out.status.code()
            ));
            continue;
        }
        let json: Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{name}: {e}"));
        let file = json["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == name.as_str());
        let Some(file) = file else {
            failures.push(format!("{name}: not in the report"));
            continue;
        };
        let found = file["diagnostics"].as_array().unwrap().iter().any(|d| {
            d["code"] == code.as_str() && (line == 0 && d["line"].is_null() || d["line"] == line)
        });
        if !found {
            let got: Vec<String> = file["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| format!("{} at line {}", d["code"], d["line"]))
                .collect();
            failures.push(format!(
                "{name}: expected {code} at line {line}, got {got:?}"
            ));
        }
    }
    std::fs::remove_file(&clean).unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
