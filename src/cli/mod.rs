//! Command-line arguments and the commands they run.

mod args;
mod check;
mod explain;
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
    }
}
