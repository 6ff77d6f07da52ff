//! A file as read: its display name and text, shared by every diagnostic that points into it.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// A byte range into a [`SourceFile`]'s text.
pub type Span = Range<usize>;

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown to the user: the path as given, or `<stdin>`.
    pub name: String,
    pub text: Arc<str>,
    /// Where each line starts, computed on the first position asked for: a file with many
    /// findings is scanned once, not once per finding.
    line_starts: Arc<OnceLock<Vec<usize>>>,
    /// Whether the file began with a byte-order mark, taken off `text` so columns count
    /// from the first character; byte offsets into the file are that much further on.
    bom: bool,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
            line_starts: Arc::new(OnceLock::new()),
            bom: false,
        }
    }

    /// The text of a file that began with a byte-order mark, the mark taken off.
    pub fn after_bom(mut self) -> Self {
        self.bom = true;
        self
    }

    /// The offset in the file's bytes of an offset in `text`.
    pub fn file_offset(&self, offset: usize) -> usize {
        offset + if self.bom { '\u{feff}'.len_utf8() } else { 0 }
    }

    /// The byte offset at which each line starts (the first is 0), computed once.
    pub fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1))
                .collect()
        })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let starts = self.line_starts();
        let offset = floor_char_boundary(&self.text, offset);
        let line = starts.partition_point(|&start| start <= offset).max(1);
        let line_start = starts.get(line - 1).copied().unwrap_or(0);
        let column = self
            .text
            .get(line_start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        (line, column)
    }
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// 1-based line and column (in characters) of a byte offset; an offset past the end or
/// inside a character is clamped back to the nearest character boundary.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_lines_and_characters() {
        let text = "a = 1\nbé = \"x\"\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        // 'é' is two bytes: the '=' after it is the 4th character of line 2.
        assert_eq!(line_col(text, 10), (2, 4));
        assert_eq!(line_col(text, 999), (3, 1));
    }

    #[test]
    fn the_line_index_agrees_with_a_scan() {
        let text = "[plan]\r\nas_of = 2026-06-01\n\n[[deployment]]\nid = \"é\"\n";
        let file = SourceFile::new("t", text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                file.line_col(offset),
                line_col(text, offset),
                "offset {offset}"
            );
        }
    }
}
