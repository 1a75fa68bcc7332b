//! Tabs where YAML 1.2 requires spaces, reported at the tab.
//!
//! The parser finds some of these faults late (at the end of the previous line, at the start of
//! the previous scalar) and misses others (a tab after the indentation spaces before a key, a
//! tab indenting the inside of a flow collection). So the loader records, for files that have a
//! tab in some line's leading whitespace, what each event is and the block indentation around
//! it; each such line is then judged by the YAML 1.2 productions:
//!
//! - block indentation is spaces only (`s-indent`), so a tab before a block mapping key, a
//!   `- ` entry, `? ` or `: ` on a new line is an error;
//! - a flow node (a value on its own line, the inside of `[...]` or `{...}`) may follow tabs
//!   once the enclosing block's indentation is passed (`s-flow-line-prefix`): a tab at or
//!   before that column is an error;
//! - lines inside a multi-line scalar, blank lines and comment lines may hold tabs.

use connspec_diagnostics::{Diagnostic, SourceFile, Span};

use crate::codes::TAB_INDENTATION;

/// A line whose leading whitespace holds a tab and which has content after it.
#[derive(Debug, Clone, Copy)]
pub(super) struct TabLine {
    /// Byte offset of the first tab.
    pub(super) tab: usize,
    /// The tab's 0-based column.
    pub(super) column: usize,
    /// Byte offset of the first character after the leading whitespace.
    pub(super) content: usize,
}

/// The lines of `text` with a tab in their leading whitespace followed by content other than a
/// comment; empty for almost every file. `text` starts after any byte-order mark.
pub(super) fn tab_lines(text: &str, offset: usize) -> Vec<TabLine> {
    if !text.contains('\t') {
        return Vec::new();
    }
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    while start <= bytes.len() {
        let end = bytes[start..]
            .iter()
            .position(|b| *b == b'\n' || *b == b'\r')
            .map_or(bytes.len(), |i| start + i);
        let lead = bytes[start..end]
            .iter()
            .take_while(|b| **b == b' ' || **b == b'\t')
            .count();
        let content = start + lead;
        if let Some(tab) = bytes[start..content].iter().position(|b| *b == b'\t')
            && content < end
            && bytes[content] != b'#'
        {
            lines.push(TabLine {
                tab: offset + start + tab,
                column: tab,
                content: offset + content,
            });
        }
        // `\r\n` is one break.
        start = match bytes.get(end) {
            Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => break,
        };
    }
    lines
}

/// What an event is, for judging the tabs before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EventKind {
    /// The start of a block mapping (at its first key) or block sequence (at its first `-`).
    BlockStart,
    /// `[` or `{`.
    FlowStart,
    /// The end of a collection.
    End,
    /// A key of a block mapping.
    BlockKey,
    /// Any other node: a value, a flow item, a flow mapping's key.
    Node,
}

/// One loader event with its context, recorded only for files that have tab lines.
#[derive(Debug, Clone, Copy)]
pub(super) struct Record {
    pub(super) kind: EventKind,
    pub(super) span: Span,
    /// Whether the event is inside a flow collection.
    pub(super) in_flow: bool,
    /// The column of the innermost enclosing block collection, `-1` at the top level.
    pub(super) block_indent: isize,
    /// Whether the node is a scalar (its span covers its text).
    pub(super) scalar: bool,
}

/// How a tab line fares against the events around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Allowed,
    Fault,
    /// No event at or after the line's content: the parser stopped before it.
    Unknown,
}

fn judge(text: &str, line: &TabLine, records: &[Record]) -> Verdict {
    let before = records.partition_point(|r| r.span.start < line.content);
    // A line inside a multi-line scalar (quoted, block or plain) is the scalar's text.
    if let Some(previous) = before.checked_sub(1).map(|i| &records[i])
        && previous.scalar
        && previous.span.end > line.content
    {
        return Verdict::Allowed;
    }
    let here: Vec<&Record> = records[before..]
        .iter()
        .take_while(|r| r.span.start == line.content)
        .collect();
    if here
        .iter()
        .any(|r| matches!(r.kind, EventKind::BlockStart | EventKind::BlockKey))
    {
        return Verdict::Fault;
    }
    let Some(next) = records[before..]
        .iter()
        .find(|r| r.kind != EventKind::End || r.in_flow)
    else {
        return Verdict::Unknown;
    };
    if !next.in_flow && starts_block_indicator(&text[line.content..]) {
        return Verdict::Fault;
    }
    if isize::try_from(line.column).unwrap_or(isize::MAX) <= next.block_indent {
        Verdict::Fault
    } else {
        Verdict::Allowed
    }
}

/// `- `, `? ` or `: ` (or the indicator alone at the end of the line).
fn starts_block_indicator(rest: &str) -> bool {
    let mut chars = rest.chars();
    matches!(chars.next(), Some('-' | '?' | ':'))
        && chars
            .next()
            .is_none_or(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
}

/// The diagnostic for a tab at `offset`.
pub(super) fn tab_diagnostic(file: &SourceFile, offset: usize) -> Diagnostic {
    let text = file.text();
    let line_start = file.line_start(file.line_col(offset).line);
    let leading = text[line_start..offset]
        .chars()
        .all(|c| c == ' ' || c == '\t' || c == '\u{FEFF}');
    let (message, help) = if leading {
        (
            "tab character used for indentation",
            "indent with spaces; YAML forbids tabs in indentation",
        )
    } else {
        (
            "tab character where YAML requires a space",
            "use a space here; YAML allows tabs only as separation in some places",
        )
    };
    Diagnostic::error(&TAB_INDENTATION, message)
        .with_span(Span::new(offset, offset + 1))
        .with_label("tab")
        .with_help(help)
}

/// After a successful parse: the first tab line the parser let through that YAML forbids.
pub(super) fn first_fault(text: &str, lines: &[TabLine], records: &[Record]) -> Option<usize> {
    lines
        .iter()
        .find(|line| judge(text, line, records) == Verdict::Fault)
        .map(|line| line.tab)
}

/// After the parser stopped at `marker` saying `info`: the tab that is the real fault, if any.
///
/// A tab line before the marker that the recorded events condemn comes first. Otherwise an
/// undecided tab line on the marker's line, or on the next line with only blanks between (the
/// parser often stops at the end of the line before), is the fault; so is the tab the parser
/// names in its message, or one just before the marker (`-\t-`, `key:\tvalue`).
pub(super) fn fault_at_scan_error(
    text: &str,
    lines: &[TabLine],
    records: &[Record],
    marker: usize,
    info: &str,
) -> Option<usize> {
    let marker = marker.min(text.len());
    let mentions_tab = info.contains("tab");
    for line in lines {
        match judge(text, line, records) {
            Verdict::Allowed => continue,
            Verdict::Fault if line.content <= marker => return Some(line.tab),
            Verdict::Fault | Verdict::Unknown => {}
        }
        let (from, to) = (line.tab.min(marker), line.tab.max(marker));
        let between = &text[from..to];
        let same_line = !between.contains(['\n', '\r']);
        // The parser often stops at the end of the line before, or (when it names a tab) at
        // the start of the scalar that the tab line would have continued.
        let next_line = line.tab >= marker
            && breaks(between) <= 1
            && (mentions_tab || only_blanks_and_comments(between));
        if same_line || next_line || (mentions_tab && line.tab < marker) {
            return Some(line.tab);
        }
        if line.tab > marker {
            break;
        }
    }
    tab_before(text, marker, mentions_tab)
}

/// The number of line breaks in `text` (`\r\n` is one).
fn breaks(text: &str) -> usize {
    text.matches('\n').count() + text.matches('\r').count() - text.matches("\r\n").count()
}

/// Whitespace, line breaks and comments only.
fn only_blanks_and_comments(text: &str) -> bool {
    let mut in_comment = false;
    for c in text.chars() {
        match c {
            '\n' | '\r' => in_comment = false,
            _ if in_comment => {}
            '#' => in_comment = true,
            ' ' | '\t' => {}
            _ => return false,
        }
    }
    true
}

/// A tab right before `marker` with only blanks between (the parser names the character after
/// a separator it did not accept), or, when the parser's message names a tab, the nearest tab
/// around the marker on its line or the line before.
fn tab_before(text: &str, marker: usize, mentions_tab: bool) -> Option<usize> {
    let blanks_before = text[..marker]
        .char_indices()
        .rev()
        .take_while(|(_, c)| *c == ' ' || *c == '\t')
        .find(|(_, c)| *c == '\t')
        .map(|(i, _)| i);
    if blanks_before.is_some() || !mentions_tab {
        return blanks_before;
    }
    if text[marker..].starts_with('\t') {
        return Some(marker);
    }
    let line_start = |end: usize| text[..end].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let this_line = line_start(marker);
    let previous_line = line_start(this_line.saturating_sub(1));
    let line_end = text[marker..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| marker + i);
    text[previous_line..marker]
        .rfind('\t')
        .map(|i| previous_line + i)
        .or_else(|| text[marker..line_end].find('\t').map(|i| marker + i))
}
