//! `cloudpact check`: reports are written as files are checked, so memory stays flat
//! however many plans a sweep finds.

use cloudpact::input::policy::Selection;
use cloudpact::input::walk::Input;
use cloudpact::render::Stream;
use cloudpact::render::{github, human, json, junit, sarif};
use cloudpact::view::check::{CheckOptions, check_each};

use super::args::{CheckArgs, CheckFormat};

/// The job summary file of a GitHub Actions step, where one is set.
fn step_summary() -> Option<std::path::PathBuf> {
    std::env::var_os("GITHUB_STEP_SUMMARY")
        .filter(|p| !p.is_empty())
        .map(Into::into)
}

/// Add to the job summary; a summary that cannot be written is said, not fatal: the
/// annotations and the exit code stand.
fn append(path: &std::path::Path, text: &str) {
    let written = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .and_then(|mut file| std::io::Write::write_all(&mut file, text.as_bytes()));
    if let Err(e) = written {
        output::emit_stderr(&format!(
            "cloudpact: cannot write the job summary {}: {e}\n",
            path.display()
        ));
    }
}
use super::output::{self, Output};

pub fn run(args: &CheckArgs) -> u8 {
    let inputs: Vec<Input> = args
        .paths
        .iter()
        .map(|p| {
            if p == "-" {
                Input::Stdin
            } else {
                Input::File(p.into())
            }
        })
        .collect();
    let options = CheckOptions {
        selection: Selection {
            policy_files: args.packs.policies.clone(),
            no_builtin: args.packs.no_builtin,
        },
        as_of: args.as_of,
        explain: args.format == CheckFormat::Sarif,
        today: None,
        skip_non_plans: args.skip_non_plans,
    };
    let summary_file = step_summary();
    let stream: Box<dyn Stream> = match args.format {
        CheckFormat::Human => Box::new(human::Human::new(human::HumanOptions {
            color: output::color(),
            quiet: args.quiet,
            least: if args.quiet {
                cloudpact::base::diagnostic::Severity::Error
            } else {
                cloudpact::base::diagnostic::Severity::Advice
            },
            ..human::HumanOptions::default()
        })),
        CheckFormat::Json => Box::new(json::Json::default()),
        CheckFormat::Sarif => Box::new(sarif::Sarif::new(sarif::SarifOptions {
            advice: args.sarif_advice,
            root: std::env::current_dir().ok(),
        })),
        CheckFormat::Github => Box::new(github::Github::new(summary_file.is_some())),
        CheckFormat::Junit => Box::new(junit::Junit::new(args.deny_warnings)),
    };
    let mut out = Output::stdout();
    // Each report is written, then dropped: memory does not grow with the corpus.
    let totals = check_each(
        &inputs,
        &options,
        stream.as_ref(),
        |text| out.write(text),
        drop,
    );
    if let (Some(path), Some(table)) = (&summary_file, stream.job_summary(&totals)) {
        append(path, &table);
    }
    if totals.summary.files == 0 && !args.allow_empty && args.format != CheckFormat::Human {
        // The human summary says so on stdout; a machine format's reader gets it here.
        eprintln!("cloudpact: {}", cloudpact::words::NOTHING_CHECKED);
    }
    out.finish(
        totals
            .summary
            .exit_code(args.deny_warnings, args.allow_empty),
    )
}
