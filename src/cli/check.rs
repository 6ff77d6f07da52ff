//! `cloudpact check`.

use cloudpact::check::{CheckOptions, check};
use cloudpact::policy::Selection;
use cloudpact::report::{github, human, json, junit, sarif};

use cloudpact::walk::Input;

use super::args::{CheckArgs, CheckFormat};
use super::output;

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
        today: None,
    };
    let report = check(&inputs, &options);
    let code = report.exit_code(args.deny_warnings);
    let text = match args.format {
        CheckFormat::Json => json::render(&report),
        CheckFormat::Sarif => sarif::render(&report),
        CheckFormat::Github => github::render(&report),
        CheckFormat::Junit => junit::render(&report),
        CheckFormat::Human => human::render(
            &report,
            &human::HumanOptions {
                color: output::color(),
                quiet: args.quiet,
                ..human::HumanOptions::default()
            },
        ),
    };
    output::emit(&text, code)
}
