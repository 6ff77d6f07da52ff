//! Writing to the terminal: colour only where it can be seen, and a closed pipe
//! (`cloudpact check | head`) is the reader's choice, not a crash.

use std::io::{IsTerminal, Write};

/// The width text is wrapped to: stable, so output does not depend on the terminal.
pub const WIDTH: usize = 100;

use super::args::ColorWhen;

static COLOR: std::sync::OnceLock<ColorWhen> = std::sync::OnceLock::new();

/// `--color`, set once from the command line before anything is written.
pub fn set_color(when: ColorWhen) {
    let _ = COLOR.set(when);
}

/// Whether to colour a stream: the flag wins; else `CLICOLOR_FORCE` (set, not `0`) forces
/// colour, `NO_COLOR` (set, not empty) or `TERM=dumb` refuses it, and otherwise colour goes
/// only to a terminal.
fn colored(is_terminal: bool) -> bool {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    match COLOR.get().copied().unwrap_or(ColorWhen::Auto) {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto if var("CLICOLOR_FORCE").is_some_and(|v| v != "0") => true,
        ColorWhen::Auto => {
            var("NO_COLOR").is_none()
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
                && is_terminal
        }
    }
}

/// Colour on stdout.
pub fn color() -> bool {
    colored(std::io::stdout().is_terminal())
}

/// Colour on stderr.
pub fn color_stderr() -> bool {
    colored(std::io::stderr().is_terminal())
}

/// Write to stderr; a failure there has nowhere left to be reported.
pub fn emit_stderr(text: &str) {
    let text = cloudpact::base::terminal::no_commands(text);
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Write the whole text to stdout. A broken pipe is not an error; any other failure
/// (a full disk) is reported on stderr and turns the exit code to 2. No command printed
/// this way speaks GitHub's workflow commands (`check --format github` writes its own), so
/// no line of a pack's text can become one in a CI log.
pub fn emit(text: &str, code: u8) -> u8 {
    let text = cloudpact::base::terminal::no_commands(text);
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

pub fn today() -> cloudpact::base::date::Date {
    cloudpact::base::date::today()
}

/// stdout for a report written in pieces as files are checked. A closed pipe stops the
/// writing but not the check (the exit code still counts every file); another failure
/// (a full disk) is reported once and makes the exit code 2.
pub struct Output {
    writer: std::io::BufWriter<std::io::Stdout>,
    closed: bool,
    failed: Option<std::io::Error>,
}

impl Output {
    pub fn stdout() -> Self {
        Output {
            writer: std::io::BufWriter::new(std::io::stdout()),
            closed: false,
            failed: None,
        }
    }

    pub fn write(&mut self, text: &str) {
        if self.closed || self.failed.is_some() || text.is_empty() {
            return;
        }
        if let Err(e) = self.writer.write_all(text.as_bytes()) {
            self.fail(e);
        }
    }

    fn fail(&mut self, e: std::io::Error) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            self.closed = true;
        } else {
            self.failed = Some(e);
        }
    }

    /// Flush, and turn the run's exit code into the process's.
    pub fn finish(mut self, code: u8) -> u8 {
        if !self.closed
            && self.failed.is_none()
            && let Err(e) = self.writer.flush()
        {
            self.fail(e);
        }
        match self.failed {
            Some(e) => {
                emit_stderr(&format!("cloudpact: cannot write output: {e}\n"));
                2
            }
            None => code,
        }
    }
}

/// Write `text` to `path` whole or not at all: into a temporary file beside it, renamed over
/// it once complete, so a reader (or a concurrent run) never sees half a report.
pub fn write_atomically(path: &std::path::Path, text: &str) -> u8 {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    // A temporary file is private (0600); a report is a document like any other.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let written = builder
        .prefix(".cloudpact-")
        .tempfile_in(dir)
        .and_then(|mut file| {
            std::io::Write::write_all(&mut file, text.as_bytes())?;
            file.as_file().sync_all()?;
            Ok(file)
        })
        .and_then(|file| file.persist(path).map_err(|e| e.error));
    match written {
        Ok(_) => 0,
        Err(e) => {
            emit_stderr(&format!("error: cannot write {}: {e}\n", path.display()));
            2
        }
    }
}
