//! The pre-commit hooks, run the way pre-commit runs them: the hook's `entry` split on
//! whitespace (a script of this repository, `scripts/install.sh`, which installs cloudpact and
//! runs it), then the hook's `args`, then every staged file that its `files` pattern selects,
//! all in one command, from the repository root. `.pre-commit-hooks.yaml` is read line by line
//! (no YAML crate here); the hook's contract is the exit code: 0 passes, anything else fails
//! the commit. The script is bash: these tests run where bash does.
#![cfg(unix)]
// A test that fails may panic: that is how it fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "common/release.rs"]
mod release;

const CLEAN: &str = "[plan]\nas_of = 2026-06-01\n\n[[deployment]]\nid = \"x\"\nprovider = \"openai\"\nproduct = \"gpt-5\"\nchannel = \"azure-foundry\"\nend = 2030-12-31\n";

/// Only a warning: the term runs past Microsoft's licence (through 2032).
const WARNING_ONLY: &str = "[plan]\nas_of = 2026-06-01\n\n[[deployment]]\nid = \"ten-year\"\nprovider = \"openai\"\nproduct = \"gpt-4o\"\nchannel = \"azure-foundry\"\nstart = 2024-09-01\nend = 2034-08-31\n";

/// A TOML syntax error: cloudpact cannot check it.
const BROKEN: &str = "[plan]\nas_of = 2026-06-01\n\n[[deployment]\nid = \"x\"\n";

/// A hook as `.pre-commit-hooks.yaml` declares it.
struct Hook {
    language: String,
    entry: String,
    files: String,
    pass_filenames: String,
}

/// The value of `key:` in one hook's lines, unquoted.
fn manifest_value(hook: &[&str], key: &str) -> String {
    let prefix = format!("{key}:");
    let values: Vec<&str> = hook
        .iter()
        .map(|line| line.trim_start().trim_start_matches("- "))
        .filter_map(|line| line.strip_prefix(prefix.as_str()))
        .map(str::trim)
        .collect();
    assert_eq!(values.len(), 1, "one `{key}:` in each hook");
    let value = values[0];
    match value.as_bytes() {
        [b'\'', .., b'\''] | [b'"', .., b'"'] => value[1..value.len() - 1].to_owned(),
        _ => value.to_owned(),
    }
}

/// The hooks of the manifest by id, in order: each starts at its `- id:` line.
fn hooks() -> Vec<(String, Hook)> {
    let manifest = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    for line in manifest
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
    {
        if line.starts_with("- id:") {
            blocks.push(Vec::new());
        }
        if let Some(block) = blocks.last_mut() {
            block.push(line);
        }
    }
    blocks
        .iter()
        .map(|b| {
            let hook = Hook {
                language: manifest_value(b, "language"),
                entry: manifest_value(b, "entry"),
                files: manifest_value(b, "files"),
                pass_filenames: manifest_value(b, "pass_filenames"),
            };
            (manifest_value(b, "id"), hook)
        })
        .collect()
}

/// The hook named `id`.
fn hook(id: &str) -> Hook {
    hooks()
        .into_iter()
        .find(|(i, _)| i == id)
        .unwrap_or_else(|| panic!("no hook {id} in .pre-commit-hooks.yaml"))
        .1
}

/// Whether `path` is selected by `pattern`, as pre-commit's `re.search` would select it, for
/// the only regexes a hook like this needs: escaped or plain literal characters and an
/// optional `$` at the end. Anything else fails the test rather than being guessed at.
fn selects(pattern: &str, path: &str) -> bool {
    let (body, anchored) = match pattern.strip_suffix('$') {
        Some(body) => (body, true),
        None => (pattern, false),
    };
    let mut literal = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => literal.push(chars.next().expect("an escaped character")),
            '.' | '^' | '$' | '*' | '+' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '|' => {
                panic!("`files: {pattern}` uses `{c}`, which this test does not interpret")
            }
            _ => literal.push(c),
        }
    }
    if anchored {
        path.ends_with(&literal)
    } else {
        path.contains(&literal)
    }
}

/// A scratch directory for one test, removed when it is dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("cloudpact-precommit-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// Writes `text` at `name` (parents created) and returns its path as text.
    fn write(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The example plans, relative to the repository root, as pre-commit names staged files.
fn examples() -> Vec<String> {
    let mut found: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".plan.toml"))
            .map(|name| format!("examples/{name}"))
            .collect();
    found.sort();
    assert!(found.len() >= 2, "examples/ has plans: {found:?}");
    found
}

/// Runs the `cloudpact` hook as pre-commit runs a `language: script` hook: its `entry` split
/// on whitespace, the first word a script of the hook's repository, then `args`, then every
/// candidate that the hook's `files` pattern selects, in one command from the repository
/// root. The script downloads the release binary from a local copy of a release of this build
/// (`common/release.rs`) into a cache of its own, once.
fn run_hook(args: &[&str], candidates: &[String]) -> Output {
    let hook = hook("cloudpact");
    let mut words = hook.entry.split_whitespace();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(words.next().unwrap());
    let files: Vec<&String> = candidates
        .iter()
        .filter(|path| selects(&hook.files, path))
        .collect();
    let release = release::shared("precommit");
    let output = Command::new(script)
        .args(words)
        .args(args)
        .args(&files)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("CLOUDPACT_RELEASES", &release.url)
        .env("XDG_CACHE_HOME", &release.cache)
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap();
    // Many files at once, and each plan is checked: its name heads its section of the output.
    let stdout = String::from_utf8_lossy(&output.stdout);
    for file in files.iter().filter(|f| f.ends_with(".plan.toml")) {
        assert!(
            stdout.contains(file.as_str()),
            "{file} is reported:\n{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    output
}

fn exit_code(output: &Output) -> i32 {
    output.status.code().expect("cloudpact exits with a code")
}

/// The hook exited with `code`; if not, what it printed says why.
fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        exit_code(output),
        code,
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn the_manifest_declares_the_check_command_on_plan_files() {
    let ids: Vec<String> = hooks().into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["cloudpact", "cloudpact-source"]);
    for (id, from) in [("cloudpact", "release"), ("cloudpact-source", "source")] {
        let hook = hook(id);
        // A script that installs cloudpact (locked, or a verified download), then runs it.
        assert_eq!(hook.language, "script", "{id}");
        assert_eq!(hook.pass_filenames, "true", "{id}");
        assert_eq!(
            hook.entry,
            format!("scripts/install.sh run --from {from} -- check --skip-non-plans --allow-empty"),
        );
        // Every TOML file goes to cloudpact, which keeps the plans by the walk's own rule.
        assert_eq!(hook.files, r"\.toml$", "{id}");
    }
    let hook = hook("cloudpact");
    for selected in [
        "a.plan.toml",
        "infra/ai/acme.plan.toml",
        "examples/northwind-multicloud.plan.toml",
        "plans/plan.toml",
        "Cargo.toml",
    ] {
        assert!(selects(&hook.files, selected), "{selected} is passed");
    }
    for skipped in ["a.plan.toml.bak", "a.plan.toml/README.md", "README.md"] {
        assert!(!selects(&hook.files, skipped), "{skipped} is not checked");
    }
}

#[test]
fn clean_plans_pass() {
    let scratch = Scratch::new("clean");
    let candidates = vec![
        scratch.write("a.plan.toml", CLEAN),
        scratch.write("infra/b.plan.toml", CLEAN),
        scratch.write("infra/deep/c.plan.toml", CLEAN),
        // Staged beside the plans and passed to cloudpact, which passes over what is not a
        // plan: another tool's file, even one with a `[plan]` table of its own.
        scratch.write("Cargo.toml", "[package]\nname = \"x\"\n"),
        scratch.write("settings.toml", "[plan]\nname = \"pro\"\nseats = 10\n"),
    ];
    let output = run_hook(&[], &candidates);
    assert_exit(&output, 0);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("3 files checked"), "{stdout}");
    assert!(!stdout.contains("Cargo.toml"), "{stdout}");
}

/// A plan not named `*.plan.toml` is still a plan: denied, it fails the commit.
#[test]
fn a_plan_named_plan_toml_is_checked() {
    let scratch = Scratch::new("named");
    let denied = "[plan]\nas_of = 2026-06-01\n\n[[deployment]]\nid = \"x\"\nprovider = \"openai\"\nproduct = \"gpt-5\"\nchannel = \"bedrock\"\nstart = 2026-03-01\n";
    let output = run_hook(&[], &[scratch.write("plans/plan.toml", denied)]);
    assert_exit(&output, 1);
    assert!(String::from_utf8_lossy(&output.stdout).contains("plans/plan.toml"));
}

/// A commit that touches no plan passes: nothing to check is not a failure here.
#[test]
fn a_commit_without_plans_passes() {
    let scratch = Scratch::new("none");
    let output = run_hook(
        &[],
        &[scratch.write("Cargo.toml", "[package]\nname = \"x\"\n")],
    );
    assert_exit(&output, 0);
}

#[test]
fn one_plan_with_an_error_fails_the_commit() {
    let scratch = Scratch::new("error");
    let mut candidates = vec![
        scratch.write("a.plan.toml", CLEAN),
        scratch.write("b.plan.toml", CLEAN),
    ];
    // The Northwind example has a deployment that is not permitted.
    candidates.push("examples/northwind-multicloud.plan.toml".to_owned());
    let output = run_hook(&[], &candidates);
    assert_exit(&output, 1);
}

#[test]
fn every_example_with_clean_plans_fails_the_commit() {
    let scratch = Scratch::new("examples");
    let mut candidates = examples();
    candidates.push(scratch.write("a.plan.toml", CLEAN));
    let output = run_hook(&[], &candidates);
    assert_exit(&output, 1);
}

#[test]
fn one_unparsable_plan_among_many_cannot_be_checked() {
    let scratch = Scratch::new("broken");
    let mut candidates = examples();
    candidates.push(scratch.write("a.plan.toml", CLEAN));
    let broken = scratch.write("broken.plan.toml", BROKEN);
    candidates.push(broken.clone());
    let output = run_hook(&[], &candidates);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(exit_code(&output), 2, "{stdout}");
    assert!(stdout.contains("toml/syntax"), "{stdout}");
}

#[test]
fn hook_args_come_before_the_file_names() {
    // `args: [--deny-warnings]` in .pre-commit-config.yaml turns a warning into a failure.
    let scratch = Scratch::new("args");
    let candidates = vec![
        scratch.write("a.plan.toml", CLEAN),
        scratch.write("ten-year.plan.toml", WARNING_ONLY),
    ];
    assert_eq!(exit_code(&run_hook(&[], &candidates)), 0);
    assert_eq!(exit_code(&run_hook(&["--deny-warnings"], &candidates)), 1);
}
