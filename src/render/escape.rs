//! The Markdown escaper, the one every Markdown output uses (`report`, `paths`): whatever a
//! plan says, it stays text. The other targets have one each too: HTML through maud's
//! templates (`html.rs`), GitHub workflow commands in `github.rs`, XML through `quick-junit`
//! in `junit.rs`, the terminal in `terminal.rs`.

/// Text from a plan or pack as markdown: it must neither break a table (pipes, newlines) nor
/// become markup (a link, an image, emphasis, HTML). Every character markdown could read as
/// syntax is escaped with a backslash, which CommonMark allows before any ASCII punctuation.
pub fn markdown(text: &str) -> String {
    let text = crate::base::terminal::visible(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '|' | '<' | '>' | '[' | ']' | '*' | '_' | '`' | '&' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Text in a code span: read literally, so only a pipe (which would end the table cell) is
/// escaped; the span's fence is longer than any run of backticks inside it.
pub fn markdown_code(text: &str) -> String {
    let text = crate::base::terminal::visible(text)
        .replace(['\n', '\r'], " ")
        .replace('|', "\\|");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Whether XML 1.0 allows the character anywhere in a document (its `Char` production):
/// not NUL and most C0 controls, not the surrogates, not U+FFFE or U+FFFF. A reference
/// (`&#x1;`) to such a character is no better: the document is not well-formed either way.
fn xml_allows(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// An XML document with every character XML 1.0 forbids (from a file name, a key, a plan's
/// text) replaced by U+FFFD; markup uses none of them, so the whole document can be passed.
pub fn xml_chars(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(xml_allows) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| if xml_allows(c) { c } else { '\u{FFFD}' })
            .collect(),
    )
}
