//! Writing to the terminal: colour only where it can be seen, and a closed pipe
//! (`cloudpact check | head`) is the reader's choice, not a crash.

use std::io::{IsTerminal, Write};

/// Colour when stdout is a terminal and `NO_COLOR` is unset or empty.
pub fn color() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && std::io::stdout().is_terminal()
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
    jiff::ZonedDateTime::now().date()
}
