//! Pack selection for the commands that read no plan.

use cloudpact::policy::{PackSet, PackStore, Selection};
use cloudpact::report::{FileReport, RunReport, human};
use cloudpact::source::SourceFile;

use super::args::PackArgs;
use super::output;

impl PackArgs {
    pub fn selection(&self) -> Selection {
        Selection {
            policy_files: self.policies.clone(),
            no_builtin: self.no_builtin,
        }
    }
}

/// The built-in packs and `--policy` files, or the exit code after reporting why not.
pub fn load(args: &PackArgs) -> Result<PackSet, u8> {
    let store = PackStore::new();
    let selected = store.select_without_plan(&args.selection());
    let mut files: Vec<FileReport> = store
        .take_failures()
        .into_iter()
        .map(|(source, errors)| FileReport::unchecked(source, errors))
        .collect();
    match selected {
        Ok(packs) if files.is_empty() => Ok(packs),
        Ok(_) => Err(report(files)),
        Err(errors) => {
            files.push(FileReport::unchecked(SourceFile::new("packs", ""), errors));
            Err(report(files))
        }
    }
}

fn report(files: Vec<FileReport>) -> u8 {
    let run = RunReport {
        as_of: output::today(),
        packs: Vec::new(),
        files,
    };
    let options = human::HumanOptions {
        color: output::color_stderr(),
        quiet: true,
        ..human::HumanOptions::default()
    };
    output::emit_stderr(&human::render(&run, &options));
    2
}
