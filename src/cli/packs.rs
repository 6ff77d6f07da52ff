//! Pack selection for the commands that read no plan.

use cloudpact::base::source::SourceFile;
use cloudpact::input::policy::{PackSet, PackStore, Selection};
use cloudpact::render::{FileReport, RunReport, human};

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
        Ok(packs) if files.is_empty() => {
            warn(&store);
            Ok(packs)
        }
        Ok(_) => Err(report(files)),
        Err(errors) => {
            files.push(FileReport::unchecked(
                SourceFile::new("pack selection", ""),
                errors,
            ));
            Err(report(files))
        }
    }
}

/// The packs a plan selects when `--plan` names one, else the built-in packs and `--policy`
/// files; or the exit code after reporting why not.
pub fn load_for(plan: Option<&std::path::Path>, args: &PackArgs) -> Result<PackSet, u8> {
    match plan {
        Some(plan) => load_plan(plan, args, None).map(|(_, packs, _)| packs),
        None => load(args),
    }
}

/// The warnings of the packs loaded (pack lint), on stderr: what a pack author needs to
/// know, wherever the pack is read.
pub fn warn(store: &PackStore) {
    let files: Vec<FileReport> = store
        .warnings()
        .into_iter()
        .map(|(source, warnings)| FileReport {
            checked: true,
            ..FileReport::unchecked(source, warnings)
        })
        .collect();
    if !files.is_empty() {
        to_stderr(files);
    }
}

/// Errors that stop the command, on stderr; the exit code 2.
fn report(files: Vec<FileReport>) -> u8 {
    to_stderr(files);
    2
}

fn to_stderr(files: Vec<FileReport>) {
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
}

/// A plan with its packs and as-of date, for commands that read one plan; on failure the
/// errors are printed and the exit code returned.
pub fn load_plan(
    path: &std::path::Path,
    args: &PackArgs,
    as_of: Option<cloudpact::base::date::Date>,
) -> Result<
    (
        cloudpact::input::plan::Plan,
        PackSet,
        cloudpact::base::date::Date,
    ),
    u8,
> {
    use cloudpact::input::walk::Input;
    let input = if path == std::path::Path::new("-") {
        Input::Stdin
    } else {
        Input::File(path.to_path_buf())
    };
    let store = PackStore::new();
    let (plan, packs) = cloudpact::view::check::open_plan(&input, &store, &args.selection())
        .map_err(|file| {
            // A pack the plan names that fails to load is reported as its own file.
            let mut files = vec![file];
            files.extend(
                store
                    .take_failures()
                    .into_iter()
                    .map(|(s, e)| FileReport::unchecked(s, e)),
            );
            report(files)
        })?;
    let as_of = as_of.or(plan.as_of()).unwrap_or_else(output::today);
    Ok((plan, packs, as_of))
}
