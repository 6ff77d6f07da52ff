//! The source text miette draws snippets from, indexed by line.
//!
//! miette's own `SourceCode` for strings scans the file from its first byte for every span
//! it reads, so a plan with thousands of findings took time quadratic in its size (29 s for
//! 10,000 deployments). It also counts the column of a span in bytes, where every other
//! format counts characters, and reports a snippet's line count from the top of the file,
//! which makes two far-apart labels look adjacent and merges them into one long snippet.
//! Here a span is found by binary search over the file's line starts, its column counted in
//! characters, and a snippet's line count is its own.

use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::base::source::SourceFile;

pub struct Snippets<'f> {
    name: String,
    /// The text drawn: the file's own, or a copy with the same byte offsets.
    text: Arc<str>,
    /// The file, whose line starts hold for `text` too: computed once per file, on the
    /// first span drawn (a file with no label to draw never builds them), and shared with
    /// every format's line and column.
    file: &'f SourceFile,
}

impl<'f> Snippets<'f> {
    /// `text` must have the byte offsets and line breaks of `file`'s text.
    pub fn new(name: String, file: &'f SourceFile, text: Arc<str>) -> Self {
        Snippets { name, text, file }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The line (from 0) holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.file
            .line_starts()
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    fn line_start(&self, line: usize) -> usize {
        self.file
            .line_starts()
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// Where the line ends, its line break included.
    fn line_end(&self, line: usize) -> usize {
        self.file
            .line_starts()
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len())
    }
}

impl SourceCode for Snippets<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let (start, len) = (span.offset(), span.len());
        if start.saturating_add(len) > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first = self.line_of(start);
        let last = self.line_of((start + len).saturating_sub(1).max(start));
        let from_line = first.saturating_sub(context_lines_before);
        let to_line = last
            .saturating_add(context_lines_after)
            .min(self.file.line_starts().len().saturating_sub(1));
        // As miette's own reader: with no lines before, the contents start at the span and
        // say its column; with context, they start at a line's start, column 0.
        let (from, line, column) = if context_lines_before == 0 {
            let line_start = self.line_start(first);
            let column = self
                .text
                .get(line_start..start)
                .map_or(0, |before| before.chars().count());
            (start, first, column)
        } else {
            (self.line_start(from_line), from_line, 0)
        };
        let to = self.line_end(to_line).max(start + len);
        let data = self
            .text
            .as_bytes()
            .get(from..to)
            .ok_or(MietteError::OutOfBounds)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data,
            (from, to - from).into(),
            line,
            column,
            to_line - line,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &Snippets, offset: usize, len: usize, around: usize) -> (String, usize, usize) {
        let contents = s.read_span(&(offset, len).into(), around, around).unwrap();
        (
            String::from_utf8(contents.data().to_vec()).unwrap(),
            contents.line(),
            contents.column(),
        )
    }

    #[test]
    fn spans_are_read_with_their_lines_and_a_column_in_characters() {
        let text = "a = 1\nb = \"é€\" c\r\nd = 3\ne = 4\n";
        let file = SourceFile::new("f", text);
        let s = Snippets::new("f".into(), &file, file.text.clone());
        // `c` on the second line: after `b = "é€" `, which is 9 characters and 12 bytes.
        let c = text.find(" c").unwrap() + 1;
        assert_eq!(read(&s, c, 1, 0), ("c\r\n".to_string(), 1, 9));
        assert_eq!(read(&s, c, 1, 1).0, "a = 1\nb = \"é€\" c\r\nd = 3\n");
        // At the end of the file, and an empty span at its very end.
        assert_eq!(read(&s, text.len() - 2, 1, 1).0, "d = 3\ne = 4\n");
        assert!(s.read_span(&(text.len(), 0).into(), 1, 1).is_ok());
        assert!(s.read_span(&(text.len(), 1).into(), 0, 0).is_err());
    }

    #[test]
    fn a_snippet_counts_its_own_lines() {
        let file = SourceFile::new("f", "1\n2\n3\n4\n5\n6\n7\n8\n");
        let s = Snippets::new("f".into(), &file, file.text.clone());
        let contents = s.read_span(&(12, 1).into(), 1, 1).unwrap();
        assert_eq!((contents.line(), contents.line_count()), (5, 2));
    }
}
