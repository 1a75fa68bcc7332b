//! Source files, byte spans, and line/column conversion.

use std::sync::Arc;

/// A half-open byte range `start..end` into a [`SourceFile`]'s text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Self { start, end }
    }

    /// An empty span at `offset`, for "here" positions such as end of input.
    pub fn at(offset: usize) -> Self {
        Self {
            start: offset,
            end: offset,
        }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The sub-span `start..end` relative to this span's start (for a fault inside a string).
    #[must_use]
    pub fn subspan(self, start: usize, end: usize) -> Self {
        Self::new(
            (self.start + start).min(self.end),
            (self.start + end).min(self.end),
        )
    }
}

/// The offsets just after each line break: `\n`, `\r\n` (one break) and a lone `\r` (old Mac
/// files), the three breaks YAML 1.2 knows, so line numbers agree with YAML parsers.
fn line_breaks(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    break_bytes(bytes).filter_map(move |i| match bytes[i] {
        b'\r' if bytes.get(i + 1) == Some(&b'\n') => None,
        _ => Some(i + 1),
    })
}

/// The offsets of every `\n` and `\r` byte.
fn break_bytes(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n' || **b == b'\r')
        .map(|(i, _)| i)
}

/// A 1-based line and a 1-based column counted in Unicode scalar values, as editors show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// A file's display name and text, with a line index for position lookups.
///
/// Cloning is cheap: the text and the index are shared.
#[derive(Debug, Clone)]
pub struct SourceFile {
    name: Arc<str>,
    text: Arc<str>,
    line_starts: Arc<[usize]>,
}

impl SourceFile {
    /// `name` is what diagnostics print: a path relative to where the user ran the tool, or `-`.
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        let line_starts = std::iter::once(0).chain(line_breaks(&text)).collect();
        Self {
            name: name.into(),
            text,
            line_starts,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The number of lines (a final line without a newline counts; an empty file has one).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Clamps `offset` into the text and onto a character boundary.
    pub fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// Clamps `span` into the text: the start rounds *down* and the end rounds *up* to a
    /// character boundary, so a span that starts or ends inside a multi-byte character still
    /// covers that character, and a reversed span becomes empty at its start.
    pub fn clamp_span(&self, span: Span) -> Span {
        let start = self.clamp(span.start);
        let mut end = span.end.clamp(start, self.text.len());
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        Span { start, end }
    }

    /// The line and column of a byte offset; offsets past the end map to the end.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.clamp(offset);
        let line_index = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let line_start = self.line_starts[line_index];
        // Editors hide a byte-order mark, so it takes no column.
        let column = self.text[line_start..offset]
            .chars()
            .filter(|&c| c != '\u{FEFF}')
            .count()
            + 1;
        LineCol {
            line: line_index + 1,
            column,
        }
    }

    /// The byte offset of the start of 1-based `line`, or the end of the text past the last line.
    pub fn line_start(&self, line: usize) -> usize {
        line.checked_sub(1)
            .and_then(|i| self.line_starts.get(i))
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The byte offset of a 1-based line and a 0-based character column (as YAML scanners report).
    pub fn offset_of(&self, line: usize, char_column: usize) -> usize {
        let start = self.line_start(line);
        let line_text = self.line_text(line);
        start
            + line_text
                .char_indices()
                .nth(char_column)
                .map_or(line_text.len(), |(i, _)| i)
    }

    /// A copy with the bytes of `spans` replaced by `*`, for literal secrets that must not be
    /// printed in a snippet. Byte offsets and lines are unchanged, so every span stays valid.
    /// Whitespace at the end of a span stays (a block scalar's span reaches into the next
    /// line's indentation, which is not part of the value).
    #[must_use]
    pub fn redacted(&self, spans: &[Span]) -> SourceFile {
        if spans.is_empty() {
            return self.clone();
        }
        let mut text = String::with_capacity(self.text.len());
        let mut spans: Vec<Span> = spans
            .iter()
            .map(|span| {
                let start = span.start.min(self.text.len());
                let end = span.end.clamp(start, self.text.len());
                // A span off the character boundaries is masked whole, as given.
                self.text.get(start..end).map_or(*span, |inside| {
                    Span::new(start, start + inside.trim_end().len())
                })
            })
            .collect();
        spans.sort();
        let mut spans = spans.into_iter().peekable();
        for (offset, c) in self.text.char_indices() {
            while spans.peek().is_some_and(|s| s.end <= offset) {
                spans.next();
            }
            let masked = spans
                .peek()
                .is_some_and(|s| s.start <= offset && offset < s.end);
            if masked && c != '\n' && c != '\r' {
                text.extend(std::iter::repeat_n('*', c.len_utf8()));
            } else {
                text.push(c);
            }
        }
        SourceFile {
            name: self.name.clone(),
            text: text.into(),
            line_starts: self.line_starts.clone(),
        }
    }

    /// The text of 1-based `line` without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_start(line);
        let end = self.line_start(line + 1);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let file = SourceFile::new("t.yaml", "a: 1\nnäme: x\n");
        let x = file.text().find('x').expect("the fixture has an x");
        assert_eq!(file.line_col(x), LineCol { line: 2, column: 7 });
        assert_eq!(file.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(file.line_col(10_000), LineCol { line: 3, column: 1 });
    }

    #[test]
    fn a_lone_carriage_return_breaks_a_line_and_crlf_is_one_break() {
        let file = SourceFile::new("t.yaml", "a: 1\rb: 2\r\nc: 3\nd: 4\r");
        let at = |needle: &str| file.line_col(file.text().find(needle).expect("in the text"));
        assert_eq!(at("b"), LineCol { line: 2, column: 1 });
        assert_eq!(at("c"), LineCol { line: 3, column: 1 });
        assert_eq!(at("d"), LineCol { line: 4, column: 1 });
        assert_eq!(file.line_count(), 5);
        assert_eq!(file.line_text(1), "a: 1");
        assert_eq!(file.line_text(2), "b: 2");
        assert_eq!(file.line_text(4), "d: 4");
        assert_eq!(&file.text()[file.offset_of(2, 3)..], "2\r\nc: 3\nd: 4\r");
        // The `\n` of a CRLF belongs to the line it ends.
        let lf = file.text().find("\r\n").expect("a CRLF") + 1;
        assert_eq!(file.line_col(lf).line, 2);
    }

    #[test]
    fn offset_of_converts_char_columns() {
        let file = SourceFile::new("t.yaml", "a: 1\nnäme: x\n");
        assert_eq!(&file.text()[file.offset_of(2, 6)..], "x\n");
        assert_eq!(file.offset_of(9, 0), file.text().len());
    }

    #[test]
    fn redaction_keeps_offsets() {
        let file = SourceFile::new("t", "key: sécret\nnext: 1\n");
        let start = file.text().find('s').expect("value");
        let redacted = file.redacted(&[Span::new(start, start + "sécret".len())]);
        assert_eq!(redacted.text(), "key: *******\nnext: 1\n");
        assert_eq!(redacted.text().len(), file.text().len());
        assert_eq!(redacted.line_col(14), file.line_col(14));
    }

    #[test]
    fn clamp_lands_on_char_boundary() {
        let file = SourceFile::new("t", "ä");
        assert_eq!(file.clamp(1), 0);
    }
}
