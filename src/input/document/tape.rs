//! A TOML file parsed when cloudpact was built (`build.rs`): its spanned tree in document
//! order, each table and array followed by its entries, and its strings in a pool the nodes
//! point into by offset (numbers only, so the tape needs no relocation at start-up).
//! Reading it back builds the tree the parser would, spans included, without lexing a byte:
//! a one-file check spent half of its instructions parsing the built-in pack and the
//! region catalog.

use std::borrow::Cow;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

/// One entry of a tape; the first two numbers are the byte span in the source file, the
/// last two of a text are where it lies in the pool.
pub enum Node {
    /// A table of this many entries, each a `Key` and its value.
    Table(u32, u32, u32),
    /// An array of this many values.
    Array(u32, u32, u32),
    Key(u32, u32, u32, u32),
    Str(u32, u32, u32, u32),
    Bool(u32, u32, bool),
    /// A date or datetime, as the parser wrote it.
    Datetime(u32, u32, u32, u32),
}

/// A file's tape and the pool of its strings.
pub struct Tape {
    pub nodes: &'static [Node],
    pub pool: &'static str,
}

/// The tree a tape holds; none if it is not one whole table (a build that wrote a broken
/// tape, which the test suite would have caught).
pub fn tree(tape: &Tape) -> Option<Spanned<DeTable<'static>>> {
    let mut nodes = tape.nodes.iter();
    let root = value(&mut nodes, tape.pool)?;
    let span = root.span();
    match root.into_inner() {
        DeValue::Table(table) if nodes.next().is_none() => Some(Spanned::new(span, table)),
        _ => None,
    }
}

fn value(
    nodes: &mut std::slice::Iter<'static, Node>,
    pool: &'static str,
) -> Option<Spanned<DeValue<'static>>> {
    let text = |from: u32, to: u32| pool.get(from as usize..to as usize);
    let (start, end, value) = match nodes.next()? {
        Node::Table(start, end, len) => {
            let mut table = DeTable::new();
            for _ in 0..*len {
                let Node::Key(key_start, key_end, from, to) = nodes.next()? else {
                    return None;
                };
                let key = Cow::Borrowed(text(*from, *to)?);
                table.insert(
                    Spanned::new(span(*key_start, *key_end), key),
                    value(nodes, pool)?,
                );
            }
            (start, end, DeValue::Table(table))
        }
        Node::Array(start, end, len) => {
            let mut array = DeArray::new();
            for _ in 0..*len {
                array.push(value(nodes, pool)?);
            }
            (start, end, DeValue::Array(array))
        }
        Node::Str(start, end, from, to) => (
            start,
            end,
            DeValue::String(Cow::Borrowed(text(*from, *to)?)),
        ),
        Node::Bool(start, end, b) => (start, end, DeValue::Boolean(*b)),
        Node::Datetime(start, end, from, to) => (
            start,
            end,
            DeValue::Datetime(text(*from, *to)?.parse().ok()?),
        ),
        Node::Key(..) => return None,
    };
    Some(Spanned::new(span(*start, *end), value))
}

fn span(start: u32, end: u32) -> std::ops::Range<usize> {
    start as usize..end as usize
}
