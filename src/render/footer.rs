//! The `help:` under a finding in the terminal report, wrapped as miette wraps it
//! (`GraphicalReportHandler::render_footer`), and remembered: the findings of a run share a
//! few dozen helps (4,252 helps, 62 different ones, on the 100-file benchmark corpus), and
//! wrapping was a quarter of the human format's instructions.

use std::cell::RefCell;
use std::fmt::Write as _;

use foldhash::HashMap;
use miette::GraphicalTheme;

/// Bounds the memo: a run whose helps are all different keeps its memory flat.
const CAPACITY: usize = 1024;

/// How the terminal report wraps text, in miette's handler (`Human::new`) and here alike:
/// dates (2026-08-01), codes and URLs are read whole, never split across lines.
pub const BREAK_WORDS: bool = false;
pub const WORD_SEPARATOR: textwrap::WordSeparator = textwrap::WordSeparator::AsciiSpace;
pub const WORD_SPLITTER: textwrap::WordSplitter = textwrap::WordSplitter::NoHyphenation;

pub struct Footer {
    width: usize,
    /// `  help: ` in the theme's help style.
    indent: String,
}

thread_local! {
    /// Wrapped helps by their width, indent and text; shared by every `Footer` of a thread,
    /// which the key keeps apart.
    static WRAPPED: RefCell<HashMap<(usize, String, String), String>> = RefCell::default();
}

impl Footer {
    /// The footer of a report drawn `width` wide in `theme`, as miette would draw it.
    pub fn new(theme: &GraphicalTheme, width: usize) -> Self {
        Footer {
            width: width.saturating_sub(2),
            indent: theme.styles.help.style("  help: ").to_string(),
        }
    }

    /// Write `help` as miette's footer: the first line after the indent, the rest under it.
    pub fn write(&self, out: &mut String, help: &str) {
        WRAPPED.with_borrow_mut(|wrapped| {
            let key = (self.width, self.indent.clone(), help.to_string());
            if let Some(text) = wrapped.get(&key) {
                let _ = writeln!(out, "{text}");
                return;
            }
            // The options miette's `render_footer` builds from the handler's.
            let options = textwrap::Options::new(self.width)
                .initial_indent(&self.indent)
                .subsequent_indent("        ")
                .break_words(BREAK_WORDS)
                .word_separator(WORD_SEPARATOR)
                .word_splitter(WORD_SPLITTER);
            let text = textwrap::fill(help, options);
            let _ = writeln!(out, "{text}");
            if wrapped.len() >= CAPACITY {
                wrapped.clear();
            }
            wrapped.insert(key, text);
        });
    }
}
