//! Which files a `check` reads: files as named, `-` for stdin, and directories walked
//! with `.gitignore` honoured, keeping the plans.
//!
//! **What makes a file a plan** (the one rule the walk, the pre-commit hook and the Action
//! share): a `.toml` file named `*.plan.toml`, or one whose top level has a `[plan]` table
//! and a `[[deployment]]` array. Another tool's `settings.toml` with a `[plan]` table of its
//! own is not one. A file a walk finds, or a hook passes with `--skip-non-plans`, that is not
//! a plan is skipped silently; a file a person names is checked, and one that is not a plan
//! is an error.

use std::path::{Path, PathBuf};

use crate::base::codes::Code;
use crate::base::diagnostic::Diagnostic;
use crate::base::source::SourceFile;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

pub const STDIN_NAME: &str = "<stdin>";

/// A file found, or a reason it could not be.
pub type Found = Result<Input, (String, Diagnostic)>;

/// Expand the arguments: directories become the plan files under them, in path order.
/// With `skip_non_plans` (a hook's list of changed files), a named file that is not a plan
/// is passed over as a walk would pass it.
pub fn expand(args: &[Input], skip_non_plans: bool) -> Vec<Found> {
    let mut found = Vec::new();
    for arg in args {
        match arg {
            Input::Stdin => found.push(Ok(Input::Stdin)),
            Input::File(path) if path.is_dir() => walk_dir(path, &mut found),
            Input::File(path) if skip_non_plans => found.extend(if_plan(path)),
            Input::File(path) => found.push(Ok(Input::File(path.clone()))),
        }
    }
    // A file named twice (`a.toml ./a.toml`, or a directory and a file in it) is checked
    // once, where it first came; stdin can be read only once. One argument cannot name a
    // file twice: no need to ask the file system.
    if args.len() < 2 {
        return found;
    }
    let mut seen = std::collections::HashSet::new();
    found.retain(|f| match f {
        Ok(Input::File(path)) => {
            seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()))
        }
        Ok(Input::Stdin) => seen.insert(PathBuf::from("-")),
        Err(_) => true,
    });
    found
}

fn walk_dir(dir: &Path, found: &mut Vec<Found>) {
    let mut here = Vec::new();
    // `.gitignore` as git reads it inside a repository: no file above its root (a stray
    // ignore file in a home directory must not hide a repository's plans). Outside any
    // repository (an exported tree), the ignore files within the walked directory only.
    // `.ignore` files are ripgrep's, not git's: a plan they list is still a plan.
    let in_repository = std::fs::canonicalize(dir).is_ok_and(|d| repository_of(&d).is_some());
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(in_repository)
        .parents(in_repository)
        .ignore(false)
        .follow_links(false)
        // Plans kept under `.github/` or `.cloudpact/` are plans too; only version-control
        // internals are passed over.
        .hidden(false)
        .filter_entry(|entry| !is_vcs_dir(entry))
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                // A link to a file is the file (links to directories are not followed, so a
                // loop cannot be); a dangling link named like a plan is reported unreadable.
                let is_file = entry
                    .file_type()
                    .is_some_and(|t| t.is_file() || (t.is_symlink() && !path.is_dir()));
                if is_file && is_toml(path) {
                    here.extend(if_plan(path));
                }
            }
            Err(error) => {
                let name = dir.display().to_string();
                here.push(Err((
                    name.clone(),
                    Diagnostic::error(Code::IoRead, format!("while walking {name}: {error}")),
                )));
            }
        }
    }
    found.extend(here);
}

/// Whether the file is named as TOML (`.toml`, in any case): plans and packs are.
pub fn is_toml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

/// The root of the git repository that holds `dir` (a canonical path), if one does: the
/// nearest directory at or above it with a `.git` (a directory, or a worktree's file).
pub fn repository_of(dir: &Path) -> Option<&Path> {
    dir.ancestors().find(|a| a.join(".git").exists())
}

/// Whether a file or directory name is a version-control directory's: never walked, never
/// read (`.git/config` holds a CI checkout's token).
fn is_vcs_name(name: &std::ffi::OsStr) -> bool {
    matches!(name.to_str(), Some(".git" | ".hg" | ".svn" | ".jj"))
}

fn is_vcs_dir(entry: &ignore::DirEntry) -> bool {
    entry.file_type().is_some_and(|t| t.is_dir()) && is_vcs_name(entry.file_name())
}

/// A `NAME.plan.toml` always counts (so its errors are reported); another `.toml` file
/// counts when its top level has a `plan` table, however TOML spells it (`[plan]`,
/// `["plan"]`, `plan.as_of = …`, `plan = { … }`), or, when it does not parse, when a line
/// opens a `[plan]` table (so a broken plan is reported, not skipped). A file that is not
/// UTF-8 (a binary named `.toml`) holds no plan.
/// The file, if it is a plan; none if it is not. A file that cannot be read might be a
/// plan: it is reported, never skipped.
fn if_plan(path: &Path) -> Option<Found> {
    match holds_plan(path) {
        Ok(true) => Some(Ok(Input::File(path.to_path_buf()))),
        Ok(false) => None,
        Err(e) => {
            let name = path.display().to_string();
            Some(Err((name.clone(), unreadable(&name, &e))))
        }
    }
}

fn holds_plan(path: &Path) -> std::io::Result<bool> {
    if path.to_string_lossy().ends_with(".plan.toml") {
        return Ok(true);
    }
    if !is_toml(path) {
        return Ok(false);
    }
    let bytes = open_file(path).and_then(read_limited)?;
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Ok(false);
    };
    Ok(text_holds_plan(text))
}

fn text_holds_plan(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Most TOML files (Cargo.toml, pyproject.toml) never say `plan`: no need to parse them.
    if !text.contains("plan") {
        return false;
    }
    // A file too large to parse safely is taken for a plan, so that it is reported.
    if !crate::input::document::within_bounds(text) {
        return true;
    }
    match text.parse::<toml::Table>() {
        Ok(table) => {
            table.get("plan").is_some_and(toml::Value::is_table)
                && table.get("deployment").is_some_and(toml::Value::is_array)
        }
        // A plan that does not parse is still reported: one that opens `[plan]` and
        // `[[deployment]]` is taken for one.
        Err(_) => {
            crate::input::document::opens_table(text, &["plan"]) && text.contains("[[deployment")
        }
    }
}

/// Read an input as UTF-8 text.
pub fn read(input: &Input) -> Result<SourceFile, (String, Diagnostic)> {
    let name = match input {
        Input::Stdin => STDIN_NAME.to_string(),
        Input::File(path) => path.display().to_string(),
    };
    let bytes = match input {
        Input::Stdin => read_limited(std::io::stdin()),
        Input::File(path) => open_file(path).and_then(read_limited),
    };
    let bytes = bytes.map_err(|e| (name.clone(), unreadable(&name, &e)))?;
    text_of(name, bytes)
}

/// Open a plan or pack file for reading, if it is a regular file. Opening a FIFO would wait
/// for a writer that may never come (a CI job hung until its timeout), and a device could
/// be read forever: neither is a plan, and stdin is `-`.
pub fn open_file(path: &Path) -> std::io::Result<std::fs::File> {
    if let Some(refused) = refused(path) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            refused,
        ));
    }
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        let what = if metadata.is_dir() {
            "a directory"
        } else {
            "not a regular file (a FIFO, socket or device)"
        };
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("it is {what}; cloudpact reads plan and pack files, and stdin as -"),
        ));
    }
    std::fs::File::open(path)
}

/// Why a file may not be read, if it may not: it lies under a version-control directory
/// (`.git/config` holds a CI checkout's token), or it is a link to a file outside the tree
/// that holds the link (its git repository, else the link's own directory). A link is how a
/// pull request would make a runner's `/etc/passwd` or `/proc/self/environ` look like a plan.
fn refused(path: &Path) -> Option<String> {
    let target = std::fs::canonicalize(path).ok()?; // missing: reported as unreadable
    if target.components().any(|c| is_vcs_name(c.as_os_str())) {
        return Some(
            "it is inside a version-control directory, which cloudpact never reads".to_string(),
        );
    }
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return None;
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let holder = std::fs::canonicalize(parent).ok()?;
    let (tree, which) = match repository_of(&holder) {
        Some(repository) => (repository, "its repository"),
        None => (holder.as_path(), "its directory"),
    };
    (!target.starts_with(tree)).then(|| {
        format!(
            "it is a link to a file outside {which}, and cloudpact does not follow a link out of the tree that holds it"
        )
    })
}

/// The most a plan or pack file may hold. A plan of ten thousand deployments is about
/// 2 MiB; a larger file is almost surely not a plan, and reading it whole could exhaust
/// memory.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Read at most `MAX_FILE_BYTES`; a larger input is an error, not a truncated read.
pub fn read_limited(reader: impl std::io::Read) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(reader, MAX_FILE_BYTES + 1),
        &mut bytes,
    )?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!(
                "larger than {} MiB, the most cloudpact reads",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(bytes)
}

fn unreadable(name: &str, e: &std::io::Error) -> Diagnostic {
    let code = if e.kind() == std::io::ErrorKind::FileTooLarge {
        Code::IoTooLarge
    } else {
        Code::IoRead
    };
    Diagnostic::error(code, format!("cannot read {name}: {e}"))
}

/// The text of a file's bytes: UTF-8, without a leading byte-order mark (which would shift
/// every column of the first line by one).
pub fn text_of(name: String, bytes: Vec<u8>) -> Result<SourceFile, (String, Diagnostic)> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(match text.strip_prefix('\u{feff}') {
            Some(rest) => SourceFile::new(name, rest.to_string()).after_bom(),
            None => SourceFile::new(name, text),
        }),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(e.as_bytes().get(..valid).unwrap_or_default());
            let (line, column) = crate::base::source::line_col(&prefix, prefix.len());
            let error = Diagnostic::error(
                Code::IoRead,
                format!(
                    "{name} is not UTF-8 text: an invalid byte at line {line}, column {column}"
                ),
            )
            .with_help("plan and pack files are TOML, which is UTF-8");
            Err((name, error))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::text_holds_plan;

    #[test]
    fn a_plan_table_is_found_however_toml_spells_it() {
        for text in [
            "[plan]\n",
            "  [ plan ] # the plan\n",
            "[\"plan\"]\n",
            "['plan']\n",
            "plan.as_of = 2026-06-01\n",
            "plan = { organization = \"Acme\" }\n",
            "[plan.extra]\n",
            // Broken TOML, but it opens a plan table: reported, not skipped.
            "[plan]\nas_of = \n",
            "[\"plan\"]\n[[deployment]\n",
            "\u{feff}[plan]\nas_of = 2026-06-01\n",
        ] {
            let text = format!("{text}\n[[deployment]]\nid = \"x\"\n");
            assert!(text_holds_plan(&text), "{text:?} should hold a plan");
        }
        assert!(
            text_holds_plan("[\"plan\"]\n[[deployment]\n"),
            "broken, and a plan"
        );
    }

    #[test]
    fn other_toml_files_hold_no_plan() {
        for text in [
            "[package]\nname = \"x\"\n",
            "[[plan]]\nid = 1\n",
            "plan = \"a string\"\n",
            "[tool.plan]\n",
            "[planning]\n",
            "# plan\n[package]\n",
            // Another tool's settings with a `[plan]` of its own: no deployments, no plan.
            "[plan]\nname = \"pro\"\nseats = 10\n",
            "[plan]\n[deployment]\nid = \"x\"\n",
            "[plan]\nas_of = \n",
        ] {
            assert!(!text_holds_plan(text), "{text:?} should hold no plan");
        }
    }
}
