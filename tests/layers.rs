//! The library's layers import only downward (DESIGN.md § Layout): base → input → engine →
//! words → view → render. A `use` of a later layer from an earlier one fails here, naming
//! the file and the import, so the tree keeps showing how data flows.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::path::Path;

const LAYERS: [&str; 6] = ["base", "input", "engine", "words", "view", "render"];

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| *l == module)
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a file's code (its tests aside) names through `crate::`.
fn imports(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    code.match_indices("crate::")
        .map(|(at, _)| {
            code[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect()
        })
        .collect()
}

#[test]
fn no_layer_imports_a_later_one() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    files.sort();
    let mut upward = Vec::new();
    let mut seen = [false; LAYERS.len()];
    for file in &files {
        let relative = file.strip_prefix("src").unwrap();
        let top = relative.components().next().unwrap().as_os_str();
        let top = top.to_str().unwrap().trim_end_matches(".rs");
        let Some(own) = rank(top) else { continue };
        seen[own] = true;
        let text = std::fs::read_to_string(file).unwrap();
        for module in imports(&text) {
            if rank(&module).is_some_and(|r| r > own) {
                upward.push(format!("{} imports crate::{module}", file.display()));
            }
        }
    }
    assert!(seen.iter().all(|s| *s), "a layer has no files: {seen:?}");
    assert!(
        upward.is_empty(),
        "imports that run back up the layers:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_check_sees_an_upward_import() {
    let text = "use crate::base::date::Date;\nuse crate::render::human;\n#[cfg(test)]\nuse crate::view::x;";
    assert_eq!(imports(text), ["base", "render"]);
}
