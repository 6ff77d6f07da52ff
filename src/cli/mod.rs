//! Command-line arguments and the commands they run.

mod args;
mod check;
mod explain;
mod init;
mod output;
mod packs;
mod paths;
mod policies;
mod report;
mod test;

use clap::Parser;

pub use args::{Cli, Command};

/// Run the command line; returns the process exit code.
pub fn run() -> u8 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            // clap: 0 for --help and --version, 2 for usage errors, as our contract says.
            return u8::try_from(error.exit_code()).unwrap_or(2);
        }
    };
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Paths(args) => paths::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Policies(args) => policies::run(&args),
        Command::Test(args) => test::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Schema(args) => {
            let text = match args.kind {
                args::SchemaKind::Plan => cloudpact::schema::PLAN_SCHEMA,
                args::SchemaKind::Policy => cloudpact::schema::POLICY_SCHEMA,
                args::SchemaKind::Regions => cloudpact::schema::REGIONS_SCHEMA,
            };
            output::emit(text, 0)
        }
        Command::Completions(args) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut command, "cloudpact", &mut script);
            output::emit(&String::from_utf8_lossy(&script), 0)
        }
        Command::Man => {
            let mut page = Vec::new();
            match clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut page)
            {
                Ok(()) => output::emit(&String::from_utf8_lossy(&page), 0),
                Err(e) => {
                    output::emit_stderr(&format!("error: cannot render the manual: {e}\n"));
                    2
                }
            }
        }
    }
}
