//! Writing to the terminal: colour only where it can be seen, and a closed pipe
//! (`cloudpact check | head`) is the reader's choice, not a crash.

use std::io::{IsTerminal, Write};

/// The width text is wrapped to: stable, so output does not depend on the terminal.
pub const WIDTH: usize = 100;

fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Colour when stdout is a terminal and `NO_COLOR` is unset or empty.
pub fn color() -> bool {
    !no_color() && std::io::stdout().is_terminal()
}

/// Colour when stderr is a terminal and `NO_COLOR` is unset or empty.
pub fn color_stderr() -> bool {
    !no_color() && std::io::stderr().is_terminal()
}

/// Write to stderr; a failure there has nowhere left to be reported.
pub fn emit_stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Write the whole text to stdout. A broken pipe is not an error; any other failure
/// (a full disk) is reported on stderr and turns the exit code to 2.
pub fn emit(text: &str, code: u8) -> u8 {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "cloudpact: cannot write output: {e}");
            2
        }
    }
}

pub fn today() -> cloudpact::date::Date {
    cloudpact::date::today()
}
