//! One escaper per target language that shows plan and pack text: whatever a plan says, it
//! stays text in the target. (GitHub workflow commands escape in `github.rs`, XML through
//! `quick-junit` in `junit.rs`, the terminal in `terminal.rs`.)

/// Escape text for HTML element content and attribute values.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters have no business in a report; show that one was there.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Text from a plan or pack as markdown: it must neither break a table (pipes, newlines) nor
/// become markup (a link, an image, emphasis, HTML). Every character markdown could read as
/// syntax is escaped with a backslash, which CommonMark allows before any ASCII punctuation.
pub fn markdown(text: &str) -> String {
    let text = crate::terminal::visible(text);
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
    let text = crate::terminal::visible(text)
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
