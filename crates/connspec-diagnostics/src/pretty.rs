//! Indented JSON whose size stays linear in its input: `serde_json`'s pretty layout, except that
//! values nested deeper than [`MAX_INDENTED_LEVELS`] are written compactly.
//!
//! Plain pretty-printing indents each line by its depth, so a list nested `n` levels deep
//! becomes `n` lines of up to `2n` spaces: 100 MB of output for 10,000 levels. Every JSON
//! document connspec prints (reports, compiled outputs, bodies) goes through [`to_string`] or
//! [`to_writer`], so a deeply nested spec cannot blow up what it prints.

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

/// The deepest level that still gets its own indented lines.
pub const MAX_INDENTED_LEVELS: usize = 32;

/// Pretty layout up to [`MAX_INDENTED_LEVELS`], compact below.
struct BoundedPretty {
    pretty: PrettyFormatter<'static>,
    /// How many arrays and objects are open.
    depth: usize,
}

impl BoundedPretty {
    fn new() -> Self {
        Self {
            pretty: PrettyFormatter::new(),
            depth: 0,
        }
    }

    /// Whether the collection at the current depth is written compactly.
    fn compact(&self) -> bool {
        self.depth > MAX_INDENTED_LEVELS
    }
}

/// Delegates a per-element call to the compact or the pretty formatter.
macro_rules! either {
    ($self:ident, $method:ident ( $($arg:expr),* )) => {
        if $self.compact() {
            CompactFormatter.$method($($arg),*)
        } else {
            $self.pretty.$method($($arg),*)
        }
    };
}

impl Formatter for BoundedPretty {
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth += 1;
        either!(self, begin_array(writer))
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        let result = either!(self, end_array(writer));
        self.depth -= 1;
        result
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        either!(self, begin_array_value(writer, first))
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        either!(self, end_array_value(writer))
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth += 1;
        either!(self, begin_object(writer))
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        let result = either!(self, end_object(writer));
        self.depth -= 1;
        result
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        either!(self, begin_object_key(writer, first))
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        either!(self, begin_object_value(writer))
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        either!(self, end_object_value(writer))
    }
}

/// Writes `value` as indented JSON (compact below [`MAX_INDENTED_LEVELS`]).
pub fn to_writer<W: io::Write, T: Serialize + ?Sized>(writer: W, value: &T) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(writer, BoundedPretty::new());
    value.serialize(&mut serializer).map_err(io::Error::other)
}

/// `value` as indented JSON (compact below [`MAX_INDENTED_LEVELS`]); empty if it cannot be
/// serialised (a map with non-string keys, which connspec never builds).
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    match to_writer(&mut out, value) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn nested(depth: usize) -> Value {
        let mut value = json!(1);
        for _ in 0..depth {
            value = Value::Array(vec![value]);
        }
        value
    }

    #[test]
    fn shallow_values_print_as_serde_json_pretty_prints_them() {
        let value = json!({"a": [1, {"b": null, "c": []}], "d": {}, "e": "x"});
        assert_eq!(
            to_string(&value),
            serde_json::to_string_pretty(&value).expect("serialises")
        );
        let at_the_limit = nested(MAX_INDENTED_LEVELS);
        assert_eq!(
            to_string(&at_the_limit),
            serde_json::to_string_pretty(&at_the_limit).expect("serialises")
        );
    }

    #[test]
    fn deep_values_stay_linear_and_read_back() {
        // Serialising and dropping recurse per level: give them room, as the CLI does.
        let sizes = std::thread::Builder::new()
            .stack_size(256 * 1024 * 1024)
            .spawn(|| {
                let small = to_string(&nested(1_000)).len();
                let large = to_string(&nested(4_000)).len();
                (small, large)
            })
            .expect("thread")
            .join()
            .expect("no panic");
        // Indenting every level would make the second ~16 times the first.
        assert!(sizes.1 < sizes.0 * 5, "{sizes:?}");
        let value = nested(100);
        let back: Value = serde_json::from_str(&to_string(&value)).expect("reads back");
        assert_eq!(back, value);
    }
}
