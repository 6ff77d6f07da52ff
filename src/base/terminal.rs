//! What may reach a terminal from a plan or pack: no control characters, so no string can
//! move the cursor, clear the screen or colour what follows (ANSI escape sequences start
//! with ESC, a control character).

use std::borrow::Cow;

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_override(c)
}

/// Bidirectional embeddings, overrides and isolates: they reorder how the rest of a line
/// reads (a comment can make code look other than it is). Marks (U+200E, U+200F), which
/// right-to-left names need, are plain text.
pub fn is_bidi_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text for a message: each control character shown as an escape (`\u{1b}`).
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if is_unsafe(c) {
                    format!("\\u{{{:x}}}", u32::from(c))
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Text for a CI log: a line that starts with `::` (after blanks) is a workflow command to
/// GitHub's runner, so such a line gets a word joiner (U+2060, invisible) between its
/// colons, and reads the same but commands nothing. cloudpact's own output never starts a
/// line so outside `--format github`; a plan's words, wrapped or split onto a line of
/// their own, could.
pub fn no_commands(text: &str) -> Cow<'_, str> {
    let forged = |line: &str| line.trim_start().starts_with("::");
    if !text.lines().any(forged) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for line in text.split_inclusive('\n') {
        if forged(line) {
            let blanks = line.len() - line.trim_start().len();
            let (indent, rest) = line.split_at(blanks);
            out.push_str(indent);
            out.push_str(":\u{2060}");
            out.push_str(rest.get(1..).unwrap_or_default());
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

/// A file's text to draw around labels: each control character replaced by as many `?` as
/// it has bytes, so every byte offset into the text still points where it did. A carriage
/// return that ends a line (CRLF) is kept.
pub fn same_offsets(text: &str) -> Cow<'_, str> {
    let needs = text
        .char_indices()
        .any(|(i, c)| is_unsafe(c) && !(c == '\r' && text[i + 1..].starts_with('\n')));
    if !needs {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if is_unsafe(c) && !(c == '\r' && text[i + 1..].starts_with('\n')) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_line_can_start_a_workflow_command() {
        let text = "ok\n  ::error::forged\r\n::warning file=x::y\nnot :: this\n";
        let safe = no_commands(text);
        assert!(
            safe.lines().all(|l| !l.trim_start().starts_with("::")),
            "{safe}"
        );
        assert_eq!(safe.replace('\u{2060}', ""), text);
        assert!(matches!(no_commands("a :: b\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_are_shown_not_obeyed() {
        assert_eq!(
            visible("red \u{1b}[31mflag\u{1b}[0m"),
            "red \\u{1b}[31mflag\\u{1b}[0m"
        );
        assert_eq!(visible("line\nnext\ttab"), "line\nnext\ttab");
        assert_eq!(visible("bell\u{7}\u{9b}"), "bell\\u{7}\\u{9b}");
    }

    #[test]
    fn offsets_survive_in_source_text() {
        let text = "a = \"\u{1b}[2J\u{9b}x\"\r\nb = 1\rc";
        let clean = same_offsets(text);
        assert_eq!(clean.len(), text.len());
        assert_eq!(clean, "a = \"?[2J??x\"\r\nb = 1?c");
        assert!(matches!(same_offsets("plain\r\n"), Cow::Borrowed(_)));
    }
}
