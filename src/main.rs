//! The `cloudpact` binary: parse arguments, call the library, render, exit.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(cli::run())
}
