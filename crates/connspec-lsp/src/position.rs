//! Byte offsets ↔ LSP positions: line 0-based, character in UTF-16 code units (the protocol's
//! default encoding). Out-of-range input is clamped, never a panic.

use lsp_types::{Position, Range};

/// The start offset of every line of a text, for conversions in O(log lines).
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of each line start; the first is 0. A line ends after `\n` (so `\r\n` stays
    /// on its line and a lone `\r` does not break one, as in YAML's and the CLI's numbering).
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Self { starts }
    }

    /// The position of byte `offset` in `text` (clamped to the text and moved back to a
    /// character boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.starts[line];
        let character: usize = text[line_start..offset].chars().map(char::len_utf16).sum();
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            character: u32::try_from(character).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset of `position` in `text`. A line past the end is the end of the text; a
    /// character past the end of its line is the line's end (before its `\r\n`/`\n`); a
    /// character inside a surrogate pair is the start of that character.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let line = position.line as usize;
        let Some(&line_start) = self.starts.get(line) else {
            return text.len();
        };
        let line_end = self.starts.get(line + 1).map_or(text.len(), |&next| next);
        let line_text = &text[line_start..line_end];
        let content = line_text
            .strip_suffix('\n')
            .map_or(line_text, |l| l.strip_suffix('\r').unwrap_or(l));
        let wanted = position.character as usize;
        let mut units = 0;
        for (at, ch) in content.char_indices() {
            if units + ch.len_utf16() > wanted {
                return line_start + at;
            }
            units += ch.len_utf16();
        }
        line_start + content.len()
    }

    pub fn range(&self, text: &str, start: usize, end: usize) -> Range {
        Range {
            start: self.position(text, start),
            end: self.position(text, end.max(start)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn ascii_round_trips() {
        let text = "ab\ncd\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), pos(0, 0));
        assert_eq!(index.position(text, 4), pos(1, 1));
        assert_eq!(index.position(text, 6), pos(2, 0));
        for offset in 0..=text.len() {
            assert_eq!(index.offset(text, index.position(text, offset)), offset);
        }
    }

    #[test]
    fn non_ascii_counts_utf16_units() {
        // é is 2 bytes and 1 UTF-16 unit; 😀 is 4 bytes and 2 units.
        let text = "é😀x\ny";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 2), pos(0, 1));
        assert_eq!(index.position(text, 6), pos(0, 3));
        assert_eq!(index.position(text, 8), pos(1, 0));
        assert_eq!(index.offset(text, pos(0, 3)), 6);
        assert_eq!(index.offset(text, pos(0, 1)), 2);
        // Inside the emoji's surrogate pair: the start of the emoji.
        assert_eq!(index.offset(text, pos(0, 2)), 2);
        // Inside a multi-byte character: moved back to its start.
        assert_eq!(index.position(text, 1), pos(0, 0));
        assert_eq!(index.position(text, 4), pos(0, 1));
    }

    #[test]
    fn crlf_stays_on_its_line() {
        let text = "a: 1\r\nb: 2\r\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 6), pos(1, 0));
        assert_eq!(index.position(text, 4), pos(0, 4));
        // A character past the line's end stops before `\r\n`.
        assert_eq!(index.offset(text, pos(0, 99)), 4);
        assert_eq!(index.offset(text, pos(1, 4)), 10);
    }

    #[test]
    fn out_of_range_input_is_clamped() {
        let text = "ab\nc";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 999), pos(1, 1));
        assert_eq!(index.offset(text, pos(7, 0)), text.len());
        assert_eq!(index.offset(text, pos(u32::MAX, u32::MAX)), text.len());
        let empty = LineIndex::new("");
        assert_eq!(empty.position("", 5), pos(0, 0));
        assert_eq!(empty.offset("", pos(0, 5)), 0);
    }
}
