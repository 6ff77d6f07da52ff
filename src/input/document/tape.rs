//! A TOML file parsed when cloudpact was built (`build.rs`): its spanned tree in document
//! order, each table and array followed by its entries, and its strings in a pool the nodes
//! point into by offset (numbers only, so the tape needs no relocation at start-up).
//!
//! A tape is read straight into typed values by serde, spans included (`Spanned<T>` is
//! filled in as the toml crate fills it): no bytes are lexed and no tree is built. A
//! one-file check spent half of its instructions parsing the built-in pack and the region
//! catalog. What the tape gives serde is what `Document::into_typed` gives it from the
//! parsed text (dates as their text); a test loads every built-in file both ways.

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;

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

/// The tape `build.rs` wrote of `policies/STEM.toml`.
macro_rules! compiled {
    ($stem:literal) => {
        $crate::input::document::tape::Tape {
            nodes: {
                use $crate::input::document::tape::Node::*;
                include!(concat!(env!("OUT_DIR"), "/", $stem, ".tape.rs"))
            },
            pool: include_str!(concat!(env!("OUT_DIR"), "/", $stem, ".pool.txt")),
        }
    };
}
pub(crate) use compiled;

/// Why a tape did not give the value asked for: a built-in file that does not fit its
/// type, which the test suite would have caught.
#[derive(Debug)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

/// The typed value the tape holds.
pub fn read<T: de::DeserializeOwned>(tape: &Tape) -> Result<T, Error> {
    let mut reader = Reader {
        nodes: tape.nodes.iter(),
        pool: tape.pool,
    };
    let value = T::deserialize(&mut reader)?;
    match reader.nodes.next() {
        None => Ok(value),
        Some(_) => Err(Error("the tape runs on past its table".into())),
    }
}

struct Reader {
    nodes: std::slice::Iter<'static, Node>,
    pool: &'static str,
}

impl Reader {
    fn text(&self, from: u32, to: u32) -> Result<&'static str, Error> {
        self.pool
            .get(from as usize..to as usize)
            .ok_or_else(|| Error("a text outside the pool".into()))
    }

    fn next(&mut self) -> Result<&'static Node, Error> {
        self.nodes
            .next()
            .ok_or_else(|| Error("the tape ends inside a value".into()))
    }

    /// The span of the value about to be read.
    fn span(&self) -> Result<std::ops::Range<usize>, Error> {
        let (start, end) = match self.nodes.as_slice().first() {
            Some(
                Node::Table(s, e, _)
                | Node::Array(s, e, _)
                | Node::Key(s, e, ..)
                | Node::Str(s, e, ..)
                | Node::Bool(s, e, _)
                | Node::Datetime(s, e, ..),
            ) => (*s, *e),
            None => return Err(Error("the tape ends inside a value".into())),
        };
        Ok(start as usize..end as usize)
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let node = self.next()?;
        match *node {
            // A visitor that stops before the end would leave the reader inside the table,
            // where every later value would be misread: that is an error, never a skip.
            Node::Table(_, _, left) | Node::Array(_, _, left) => {
                let mut entries = Entries { reader: self, left };
                let value = match node {
                    Node::Table(..) => visitor.visit_map(&mut entries)?,
                    _ => visitor.visit_seq(&mut entries)?,
                };
                entries.finished(value)
            }
            // A date reaches serde as its text, as `Document::into_typed` hands it over.
            Node::Str(_, _, from, to) | Node::Datetime(_, _, from, to) => {
                visitor.visit_borrowed_str(self.text(from, to)?)
            }
            Node::Bool(_, _, b) => visitor.visit_bool(b),
            Node::Key(..) => Err(Error("a key where a value belongs".into())),
        }
    }

    // A value that is there is `Some`; a missing key is `None` by serde's defaults.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if serde_spanned::de::is_spanned(name) {
            let span = self.span()?;
            return visitor.visit_map(serde_spanned::de::SpannedDeserializer::new(self, span));
        }
        self.deserialize_any(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match *self.next()? {
            Node::Str(_, _, from, to) => {
                let text: BorrowedStrDeserializer<'de, Error> =
                    BorrowedStrDeserializer::new(self.text(from, to)?);
                visitor.visit_enum(text)
            }
            _ => Err(Error("a closed word that is not a string".into())),
        }
    }

    forward_to_deserialize_any! {
        bool u8 u16 u32 u64 u128 i8 i16 i32 i64 i128 f32 f64 char str string seq
        bytes byte_buf map unit ignored_any unit_struct tuple_struct tuple identifier
    }
}

impl<'de, 'r> IntoDeserializer<'de, Error> for &'r mut Reader {
    type Deserializer = &'r mut Reader;

    fn into_deserializer(self) -> Self::Deserializer {
        self
    }
}

/// The entries of a table (each a key and its value) or the items of an array.
struct Entries<'r> {
    reader: &'r mut Reader,
    left: u32,
}

impl Entries<'_> {
    /// Whether an entry is left, counting it as taken.
    fn take(&mut self) -> bool {
        let more = self.left > 0;
        self.left = self.left.saturating_sub(1);
        more
    }

    fn finished<T>(&self, value: T) -> Result<T, Error> {
        match self.left {
            0 => Ok(value),
            _ => Err(Error("a table or array not read to its end".into())),
        }
    }
}

impl<'de> MapAccess<'de> for Entries<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if !self.take() {
            return Ok(None);
        }
        let Node::Key(_, _, from, to) = *self.reader.next()? else {
            return Err(Error("a value where a key belongs".into()));
        };
        let key: BorrowedStrDeserializer<'de, Error> =
            BorrowedStrDeserializer::new(self.reader.text(from, to)?);
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.reader)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left as usize)
    }
}

impl<'de> SeqAccess<'de> for Entries<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if !self.take() {
            return Ok(None);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left as usize)
    }
}
