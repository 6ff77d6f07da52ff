//! `cloudpact test [PATH]...`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use cloudpact::input::policy::{Pack, PackStore, builtin};
use cloudpact::render::{FileReport, RunReport, human, pack_test};
use cloudpact::view::pack_test::{PackResults, run_pack};

use super::args::{InfoFormat, TestArgs};
use super::output;

pub fn run(args: &TestArgs) -> u8 {
    let store = PackStore::new();
    let mut packs: Vec<Arc<Pack>> = Vec::new();
    if args.paths.is_empty() {
        packs.extend(builtin::ids().filter_map(|id| store.builtin(id)?.ok()));
    } else {
        for path in pack_files(&args.paths) {
            if let Ok(pack) = store.file(&path) {
                packs.push(pack);
            }
        }
    }
    let failures = store.take_failures();
    if !failures.is_empty() {
        let run = RunReport {
            as_of: output::today(),
            packs: Vec::new(),
            files: failures
                .into_iter()
                .map(|(source, errors)| FileReport::unchecked(source, errors))
                .collect(),
        };
        let options = human::HumanOptions {
            color: output::color(),
            quiet: true,
            ..human::HumanOptions::default()
        };
        return output::emit(&human::render(&run, &options), 2);
    }
    super::packs::warn(&store);
    let results: Vec<PackResults> = packs.iter().map(|p| run_pack(p, &store)).collect();
    let failed = results.iter().flat_map(|r| &r.cases).any(|c| !c.passed());
    let text = match args.format {
        InfoFormat::Human => pack_test::render(&results, output::color(), output::WIDTH),
        InfoFormat::Json => pack_test::json(&results),
    };
    output::emit(&text, u8::from(failed))
}

/// Files as named; directories walked for `*.toml` files with a `[pack]` table.
fn pack_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let walker = ignore::WalkBuilder::new(path)
            .require_git(false)
            .sort_by_file_path(|a, b| a.cmp(b))
            .build();
        for entry in walker.flatten() {
            let p = entry.path();
            if p.extension().is_some_and(|e| e == "toml") && holds_pack(p) {
                files.push(p.to_path_buf());
            }
        }
    }
    files
}

fn holds_pack(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| text.lines().any(|l| l.trim() == "[pack]"))
}
