//! The `cloudpact` binary: parse arguments, call the library, render, exit.

mod cli;

// A check allocates many small strings and tables per file; mimalloc serves them faster
// than the system allocator (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(cli::run())
}
