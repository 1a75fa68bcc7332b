//! Where the cursor is, read from the text alone: the keys from the root to the cursor, what is
//! typed there (a key, a value or a template expression) and the word under it.
//!
//! Completion runs while a document is half written (`scopes: [` is a YAML error until the `]`
//! is typed), so this reads indentation and the cursor's line the way a person does instead of
//! asking the parser. Block mappings, block sequences (`- `), flow collections on the cursor's
//! line and `{{ … }}` are understood; anything else degrades to a shorter path, never a panic.

use std::ops::Range;

/// A sequence item in a [`Cursor::path`].
pub(crate) const ITEM: &str = "*";

/// The cursor's place in a YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cursor {
    /// Keys from the root to the node the cursor is in; [`ITEM`] for a sequence item.
    pub(crate) path: Vec<String>,
    pub(crate) slot: Slot,
    /// Byte range of the word under the cursor, the text a completion replaces.
    pub(crate) word: Range<usize>,
    /// The `key: value` pairs written beside the cursor's key in its block mapping (for
    /// `type:` and `grant_type:`, which decide what else may be written there).
    pub(crate) siblings: Vec<(String, String)>,
}

/// What the cursor is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Slot {
    /// A key of the mapping at `path`; where `path` holds a scalar (`- core.a` under
    /// `scopes:`), that scalar.
    Key,
    /// The value at `path`.
    Value,
    /// Inside `{{ … }}`: the expression from its start to the cursor (`inputs.st`).
    Template { expression: String },
}

/// One line's block structure: its `- ` markers, where its content starts and its key.
#[derive(Debug)]
struct Shape {
    /// Columns of the line's `- ` markers, left to right.
    dashes: Vec<usize>,
    /// Column where the content after the markers starts.
    content: usize,
    /// The key and the column just after its `:`, when the content is `key: …`.
    key: Option<(String, usize)>,
}

/// The shape of `line`; `None` for a blank or comment-only line.
fn shape(line: &str) -> Option<Shape> {
    let bytes = line.as_bytes();
    let mut at = bytes.iter().take_while(|b| **b == b' ').count();
    let mut dashes = Vec::new();
    while bytes.get(at) == Some(&b'-') && matches!(bytes.get(at + 1), None | Some(b' ' | b'\t')) {
        dashes.push(at);
        at += 1;
        while matches!(bytes.get(at), Some(b' ' | b'\t')) {
            at += 1;
        }
    }
    let rest = line.get(at..)?;
    if rest.trim().is_empty() && dashes.is_empty() || rest.starts_with('#') {
        return None;
    }
    Some(Shape {
        dashes,
        content: at,
        key: key_of(rest).map(|(key, after)| (key, at + after)),
    })
}

/// The key of `content` when it reads `key:` followed by a space or the end: plain or quoted.
/// Returns the key and the offset just after its colon.
fn key_of(content: &str) -> Option<(String, usize)> {
    if content.starts_with(['{', '[', '|', '>', '&', '*', '!']) {
        return None;
    }
    let colon_after = |at: usize| {
        let rest = content.get(at..)?;
        let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let rest = &rest[spaces..];
        rest.starts_with(':')
            .then_some(at + spaces + 1)
            .filter(|&after| matches!(content.as_bytes().get(after), None | Some(b' ' | b'\t')))
    };
    if let Some(quote) = content.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let mut escaped = false;
        for (at, ch) in content.char_indices().skip(1) {
            if escaped {
                escaped = false;
            } else if ch == '\\' && quote == '"' {
                escaped = true;
            } else if ch == quote {
                let after = colon_after(at + 1)?;
                return Some((unquote(&content[..=at]), after));
            }
        }
        return None;
    }
    let bytes = content.as_bytes();
    for (at, byte) in bytes.iter().enumerate() {
        match byte {
            b'#' if at > 0 && matches!(bytes[at - 1], b' ' | b'\t') => return None,
            b':' if matches!(bytes.get(at + 1), None | Some(b' ' | b'\t')) => {
                let key = content[..at].trim_end();
                return (!key.is_empty()).then(|| (key.to_owned(), at + 1));
            }
            _ => {}
        }
    }
    None
}

/// A quoted key's text: quotes removed, `''` and the common escapes read.
fn unquote(written: &str) -> String {
    let inner = &written[1..written.len() - 1];
    if written.starts_with('\'') {
        inner.replace("''", "'")
    } else {
        inner.replace("\\\"", "\"").replace("\\\\", "\\")
    }
}

/// The lines of `text` with their start offsets (a line keeps no `\n`/`\r\n`).
fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        out.push((start, line.strip_suffix('\r').unwrap_or(line)));
        start += line.len() + 1;
    }
    out
}

/// The cursor at byte `offset` of `text` (clamped to the text and a character boundary).
pub(crate) fn at(text: &str, offset: usize) -> Cursor {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let lines = lines(text);
    let line_index = lines
        .partition_point(|(start, _)| *start <= offset)
        .saturating_sub(1);
    let (line_start, line) = lines[line_index];
    let column = (offset - line_start).min(line.len());
    let prefix = &line[..column];

    // The cursor's own line: its markers, its key, and where the cursor is after them.
    let cursor_shape = shape(prefix);
    let indent = prefix.len() - prefix.trim_start_matches(' ').len();
    let (dashes, content) = cursor_shape
        .as_ref()
        .map_or((Vec::new(), indent), |s| (s.dashes.clone(), s.content));
    let mut parents = parent_path(
        &lines[..line_index],
        dashes.first().copied().unwrap_or(content),
    );
    parents.extend(dashes.iter().map(|_| ITEM.to_owned()));
    let siblings = siblings(&lines, line_index, content, dashes.is_empty());

    let mut path = parents;
    let key = cursor_shape.and_then(|s| s.key);
    let (slot, tail_start) = match key {
        Some((key, after)) if after <= column => {
            path.push(key);
            let (extra, slot) = flow(&prefix[after..]);
            path.extend(extra);
            (slot, after)
        }
        _ => (Slot::Key, content),
    };
    if let Some(expression) = open_template(&prefix[tail_start.min(prefix.len())..]) {
        let word_start = offset - expression.len() + expression.rfind('.').map_or(0, |i| i + 1);
        return Cursor {
            path,
            slot: Slot::Template { expression },
            word: word_start..word_end(text, offset, |c| c.is_alphanumeric() || c == '_'),
            siblings,
        };
    }
    let separator = |c: char| c.is_whitespace() || "[]{},\"'".contains(c);
    let key_separator = |c: char| separator(c) || c == ':';
    let is_word: &dyn Fn(char) -> bool = match slot {
        Slot::Value => &|c| !separator(c),
        _ => &|c| !key_separator(c),
    };
    let start = prefix
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(column, |(at, _)| at);
    Cursor {
        path,
        slot,
        word: line_start + start..word_end(text, offset, is_word),
        siblings,
    }
}

/// Where the word that `offset` is in ends.
fn word_end(text: &str, offset: usize, is_word: impl Fn(char) -> bool) -> usize {
    let rest = &text[offset..];
    offset
        + rest
            .char_indices()
            .find(|(_, c)| !is_word(*c) || *c == '\n')
            .map_or(rest.len(), |(at, _)| at)
}

/// The keys of the block mappings that hold a node starting at `column`, read upwards from the
/// line before it: a line whose content starts left of `column` is a parent.
fn parent_path(above: &[(usize, &str)], mut column: usize) -> Vec<String> {
    let mut reversed = Vec::new();
    for (_, line) in above.iter().rev() {
        if column == 0 {
            break;
        }
        let Some(shape) = shape(line) else { continue };
        if shape.content < column {
            // A parent key, maybe itself in a sequence item (`- name:` holds what is below).
            match &shape.key {
                Some((key, _)) => reversed.push(key.clone()),
                // A scalar or flow line left of the cursor: a continuation; nothing to learn.
                None if shape.dashes.is_empty() => continue,
                None => {}
            }
            reversed.extend(shape.dashes.iter().map(|_| ITEM.to_owned()));
            column = shape.dashes.first().copied().unwrap_or(shape.content);
        } else if let Some(&first) = shape.dashes.first().filter(|d| **d < column) {
            // A sibling key that opens the sequence item holding the cursor's mapping.
            reversed.extend(
                shape
                    .dashes
                    .iter()
                    .filter(|d| **d < column)
                    .map(|_| ITEM.to_owned()),
            );
            column = first;
        }
    }
    reversed.reverse();
    reversed
}

/// The `key: value` lines of the block mapping whose keys start at `column`, around the
/// cursor's line (its own key included).
fn siblings(
    lines: &[(usize, &str)],
    cursor: usize,
    column: usize,
    same_item: bool,
) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut take = |line: &str| -> bool {
        let Some(shape) = shape(line) else {
            return true;
        };
        if shape.content < column || shape.dashes.iter().any(|d| *d < column) {
            // The parent, or the start of another item: the mapping ends here. A `- key:` line
            // that starts the cursor's own item still belongs to it.
            if shape.content == column
                && let Some((key, after)) = &shape.key
            {
                found.push((key.clone(), value_text(line, *after)));
            }
            return false;
        }
        if shape.content == column
            && let Some((key, after)) = &shape.key
        {
            found.push((key.clone(), value_text(line, *after)));
        }
        true
    };
    for (_, line) in lines[..cursor].iter().rev() {
        if !take(line) {
            break;
        }
    }
    for (_, line) in &lines[cursor + 1..] {
        let Some(shape) = shape(line) else { continue };
        if same_item && shape.dashes.iter().any(|d| *d <= column) {
            break;
        }
        if !take(line) {
            break;
        }
    }
    found
}

/// A scalar value written after a key's colon, without comment and quotes.
fn value_text(line: &str, after: usize) -> String {
    let rest = line.get(after..).unwrap_or("").trim();
    let rest = match rest.find(" #") {
        Some(at) => rest[..at].trim_end(),
        None => rest,
    };
    rest.trim_matches(['"', '\'']).to_owned()
}

/// The keys and items a flow collection adds on the cursor's line (`{ limit: 2` adds `limit`,
/// `[a, ` adds an item), and whether the cursor is at a key or a value.
fn flow(value: &str) -> (Vec<String>, Slot) {
    enum Frame {
        Mapping { key: Option<String>, from: usize },
        Sequence,
    }
    let mut frames: Vec<Frame> = Vec::new();
    let mut quote: Option<char> = None;
    let mut chars = value.char_indices().peekable();
    while let Some((at, ch)) = chars.next() {
        if let Some(open) = quote {
            if ch == '\\' && open == '"' {
                chars.next();
            } else if ch == open {
                quote = None;
            }
            continue;
        }
        match ch {
            '"' | '\'' => quote = Some(ch),
            '{' if chars.peek().is_some_and(|(_, c)| *c == '{') => {
                // A template, not a mapping: skip to its end.
                let end = value[at..].find("}}").map_or(value.len(), |e| at + e + 2);
                while chars.peek().is_some_and(|(i, _)| *i < end) {
                    chars.next();
                }
            }
            '{' => frames.push(Frame::Mapping {
                key: None,
                from: at + 1,
            }),
            '[' => frames.push(Frame::Sequence),
            '}' | ']' => {
                frames.pop();
            }
            ',' => {
                if let Some(Frame::Mapping { key, from }) = frames.last_mut() {
                    *key = None;
                    *from = at + 1;
                }
            }
            ':' if chars.peek().is_none_or(|(_, c)| *c == ' ') => {
                if let Some(Frame::Mapping { key, from }) = frames.last_mut()
                    && key.is_none()
                {
                    let written = value[*from..at].trim();
                    *key = Some(if written.starts_with(['"', '\'']) && written.len() >= 2 {
                        unquote(written)
                    } else {
                        written.to_owned()
                    });
                }
            }
            _ => {}
        }
    }
    let mut path = Vec::new();
    let mut slot = Slot::Value;
    for frame in &frames {
        match frame {
            Frame::Mapping { key: Some(key), .. } => {
                path.push(key.clone());
                slot = Slot::Value;
            }
            Frame::Mapping { key: None, .. } => slot = Slot::Key,
            Frame::Sequence => {
                path.push(ITEM.to_owned());
                slot = Slot::Value;
            }
        }
    }
    (path, slot)
}

/// The expression of a `{{` left open before the cursor (`{{ inputs.st` → `inputs.st`).
fn open_template(before: &str) -> Option<String> {
    let open = before.rfind("{{")?;
    let inside = &before[open + 2..];
    if inside.contains("}}") {
        return None;
    }
    let inside = inside.trim_start_matches(['{', '-', '+']).trim_start();
    // Only a plain dotted name is completed: `inputs.x | upper` is past the name.
    inside
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
        .then(|| inside.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cursor where `|` is written in `text`.
    fn cursor(text: &str) -> Cursor {
        let offset = text.find('|').expect("a cursor mark");
        let text = text.replacen('|', "", 1);
        at(&text, offset)
    }

    fn path(cursor: &Cursor) -> Vec<&str> {
        cursor.path.iter().map(String::as_str).collect()
    }

    #[test]
    fn block_keys_and_values() {
        let text = "auth:\n  type: oauth2\n  grant_type: cl|\nactions: {}\n";
        let c = cursor(text);
        assert_eq!(path(&c), ["auth", "grant_type"]);
        assert_eq!(c.slot, Slot::Value);
        assert_eq!(&text.replacen('|', "", 1)[c.word.clone()], "cl");
        assert!(
            c.siblings
                .contains(&("type".to_owned(), "oauth2".to_owned()))
        );

        let c = cursor("actions:\n  list:\n    method: GET\n    he|\n");
        assert_eq!(path(&c), ["actions", "list"]);
        assert_eq!(c.slot, Slot::Key);

        let c = cursor("actions:\n  list:\n    headers:\n      |\n");
        assert_eq!(path(&c), ["actions", "list", "headers"]);
        assert_eq!(c.slot, Slot::Key);
    }

    #[test]
    fn flow_collections_on_the_line() {
        let c = cursor("auth:\n  scopes: [|\n");
        assert_eq!(path(&c), ["auth", "scopes", ITEM]);
        assert_eq!(c.slot, Slot::Value);

        let c = cursor("auth:\n  scopes: [core.approval.read, core.us|]\n");
        assert_eq!(path(&c), ["auth", "scopes", ITEM]);

        let c = cursor("a:\n  query: { limit: 50, sta|\n");
        assert_eq!(path(&c), ["a", "query"]);
        assert_eq!(c.slot, Slot::Key);

        let c = cursor("a:\n  inputs: { status: { type: st| } }\n");
        assert_eq!(path(&c), ["a", "inputs", "status", "type"]);
        assert_eq!(c.slot, Slot::Value);
    }

    #[test]
    fn block_sequences() {
        let c = cursor("auth:\n  scopes:\n    - core.approval.read\n    - co|\n");
        assert_eq!(path(&c), ["auth", "scopes", ITEM]);
        assert_eq!(c.slot, Slot::Key);

        let text = "x:\n  checks:\n    - path: $.a\n      ty|\n";
        let c = cursor(text);
        assert_eq!(path(&c), ["x", "checks", ITEM]);
        assert!(c.siblings.iter().any(|(k, _)| k == "path"));

        let c = cursor("x:\n  checks:\n    - path: $.a\n    - |\n");
        assert_eq!(path(&c), ["x", "checks", ITEM]);
    }

    #[test]
    fn templates() {
        let text = "actions:\n  list:\n    query: { status: \"{{ inputs.st|\" }\n";
        let c = cursor(text);
        assert_eq!(path(&c), ["actions", "list", "query", "status"]);
        assert_eq!(
            c.slot,
            Slot::Template {
                expression: "inputs.st".to_owned()
            }
        );
        assert_eq!(&text.replacen('|', "", 1)[c.word.clone()], "st");

        let c = cursor("base_url: https://{{ |\n");
        assert_eq!(path(&c), ["base_url"]);
        assert_eq!(
            c.slot,
            Slot::Template {
                expression: String::new()
            }
        );
        // A closed template is text again.
        let c = cursor("base_url: https://{{ instance.domain }}/|\n");
        assert_eq!(c.slot, Slot::Value);
    }

    #[test]
    fn quoted_keys_comments_and_odd_input_never_panic() {
        let c = cursor("\"auth\":\n  # a comment\n\n  'type': |\n");
        assert_eq!(path(&c), ["auth", "type"]);
        let _ = at("", 7);
        for text in [
            "|",
            "é|",
            "- |",
            ":|",
            "a: [{|",
            "\"unterminated: |",
            "a:\r\n  b|\r\n",
        ] {
            let _ = cursor(text);
        }
        let c = cursor("a:\r\n  b: |\r\n");
        assert_eq!(path(&c), ["a", "b"]);
    }
}
