//! A file's size as the TOML parser would build it, read off its bytes before any of it is
//! parsed: how many values (keys, tables, array items) it makes, how many segments its
//! longest dotted key has, how deep its brackets nest. Parsed with spans, each value costs
//! about 200 bytes, and a dotted key builds one table per segment: 40,000 lines of
//! `kN.a.a.….a = 1` (60 segments, 5 MB) built millions of tables and 2.9 GB. One pass, no
//! allocation; strings and comments are skipped, so what they hold is never counted.

/// The most values (keys, array items, tables, dotted-key segments) a file may hold. A plan
/// of 10,000 deployments, the most the schema allows, has about 120,000.
pub const MAX_VALUES: usize = 250_000;

/// The most segments one dotted key or table header may have (`a.b.c` has three). The
/// deepest key a plan or pack writes has three.
pub const MAX_SEGMENTS: usize = 32;

/// The deepest arrays and inline tables may nest. A plan or pack nests two or three deep.
pub const MAX_NESTING: usize = 32;

/// The most lines a file may have. The parser keeps a token for every line break and run
/// of blanks: 8 MiB of empty lines took 592 MB. A plan of 10,000 deployments has about
/// 100,000 lines.
pub const MAX_LINES: usize = 500_000;

/// What a file would exceed, and the byte at which it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Excess {
    Values,
    Segments,
    Nesting,
    Lines,
}

/// The first limit the text exceeds, and where; none if it stays within them all.
pub fn exceeded(text: &str) -> Option<(Excess, usize)> {
    let bytes = text.as_bytes();
    let mut values = 0usize;
    let mut segments = 1usize;
    let mut nesting = 0usize;
    let mut lines = 1usize;
    // In a key (a line's start, after `{` or `,`), before its `=`: dots there make tables.
    let mut in_key = true;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'#' => i = skip_until_newline(bytes, i),
            b'"' | b'\'' => i = skip_string(bytes, i),
            b'\n' => {
                in_key = true;
                segments = 1;
                lines += 1;
                if lines > MAX_LINES {
                    return Some((Excess::Lines, i));
                }
            }
            b'=' => {
                values += 1;
                in_key = false;
            }
            b'.' => {
                values += 1;
                if in_key {
                    segments += 1;
                    if segments > MAX_SEGMENTS {
                        return Some((Excess::Segments, i));
                    }
                }
            }
            b'[' | b'{' => {
                values += 1;
                nesting += 1;
                if nesting > MAX_NESTING {
                    return Some((Excess::Nesting, i));
                }
                if b == b'{' {
                    in_key = true;
                    segments = 1;
                }
            }
            b']' | b'}' => nesting = nesting.saturating_sub(1),
            b',' => {
                values += 1;
                in_key = true;
                segments = 1;
            }
            _ => {}
        }
        if values > MAX_VALUES {
            return Some((Excess::Values, i));
        }
        i += 1;
    }
    None
}

/// The index of the newline that ends the comment starting at `i` (or the end).
fn skip_until_newline(bytes: &[u8], i: usize) -> usize {
    bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
        .map_or(bytes.len(), |n| i + n - 1)
}

/// The index of the last byte of the string starting at `i`: basic (`"`, with escapes) or
/// literal (`'`), on one line or, tripled, on several. An unclosed string runs to the end
/// of its line (one-line) or of the file (multi-line): the parser reports it.
fn skip_string(bytes: &[u8], i: usize) -> usize {
    let quote = bytes.get(i).copied().unwrap_or(b'"');
    let escapes = quote == b'"';
    let tripled = bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote);
    let mut j = if tripled { i + 3 } else { i + 1 };
    while let Some(&b) = bytes.get(j) {
        if escapes && b == b'\\' {
            j += 2;
            continue;
        }
        if b == b'\n' && !tripled {
            return j - 1;
        }
        if b == quote {
            if !tripled {
                return j;
            }
            if bytes.get(j + 1) == Some(&quote) && bytes.get(j + 2) == Some(&quote) {
                // A closing `"""` may be followed by one or two quotes of the content.
                let mut end = j + 2;
                while bytes.get(end + 1) == Some(&quote) && end < j + 4 {
                    end += 1;
                }
                return end;
            }
        }
        j += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_and_packs_are_within_every_limit() {
        // The embedded texts are read from their tapes, or parsed without this scan where a
        // tape fails (`Document::parse_embedded`): each of them must pass it.
        let embedded = crate::input::policy::builtin::BUILTIN
            .iter()
            .map(|b| b.text)
            .chain([include_str!("../../../policies/regions.toml")]);
        for text in embedded.chain([include_str!(
            "../../../examples/northwind-multicloud.plan.toml"
        )]) {
            assert_eq!(exceeded(text), None);
        }
    }

    #[test]
    fn a_dotted_key_bomb_is_found_at_the_key_that_crosses_the_limit() {
        let key = format!("k{} = 1\n", ".a".repeat(40));
        let text = format!("[plan]\n{key}");
        assert_eq!(exceeded(&text), Some((Excess::Segments, 7 + 1 + 2 * 31)));
        let many = format!(
            "[plan]\n{}",
            format!("k{} = 1\n", ".a".repeat(20)).repeat(20_000)
        );
        assert_eq!(exceeded(&many).map(|(e, _)| e), Some(Excess::Values));
    }

    #[test]
    fn strings_and_comments_are_not_counted() {
        let dots = ".".repeat(400);
        let text = format!(
            "a = \"{dots}\"\nb = '{dots}'\nc = \"\"\"\n{dots}\n\"\"\"\n# {dots}\nd = '''{dots}'''\ne = \"x\\\"{dots}\"\n"
        );
        assert_eq!(exceeded(&text), None);
        // Values, not keys: a float or a dotted string in an array adds no segment.
        assert_eq!(exceeded(&format!("x = [{}]\n", "1.5, ".repeat(100))), None);
    }

    #[test]
    fn lines_are_bounded() {
        let blank = "\n".repeat(MAX_LINES);
        assert_eq!(exceeded(&blank), Some((Excess::Lines, MAX_LINES - 1)));
        assert_eq!(exceeded(&"\n".repeat(MAX_LINES - 1)), None);
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!("x = {}1{}\n", "[".repeat(40), "]".repeat(40));
        assert_eq!(exceeded(&deep), Some((Excess::Nesting, 4 + MAX_NESTING)));
    }
}
