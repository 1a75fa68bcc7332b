//! Text edits on a YAML file as written, for fixes: replace a scalar keeping its quoting, split
//! one list item into several, delete a list item. Each works on the bytes around a span from
//! the span table and keeps every other byte, comments and layout included; each returns `None`
//! where the text is not laid out as it expects, so a fix is never guessed.

use connspec_diagnostics::{Edit, Span};

use crate::yaml::SpanTable;

/// Replaces the scalar written at `span` (a key or a value) with `value`, in the same quoting:
/// `"…"` stays double-quoted, `'…'` single-quoted, a plain scalar plain when `value` reads back
/// as the same string (else double-quoted).
pub fn replace_scalar(text: &str, span: Span, value: &str) -> Option<Edit> {
    let written = text.get(span.start..span.end)?;
    let content = if written.starts_with('"') {
        double_quoted(value)
    } else if written.starts_with('\'') {
        format!("'{}'", value.replace('\'', "''"))
    } else if is_plain_safe(value) {
        value.to_owned()
    } else {
        double_quoted(value)
    };
    Some(Edit::replacement(span, content))
}

/// Replaces one list item at `span` by several, in the list's own style: `a, b` in a flow list
/// (`[x, a,b]` becomes `[x, a, b]`), further `- b` lines at the item's indentation in a block
/// list.
pub fn split_list_item(text: &str, span: Span, values: &[&str]) -> Option<Edit> {
    text.get(span.start..span.end)?;
    // Each item in the quoting of the one it replaces.
    let quote = |value: &str| {
        replace_scalar(text, span, value).map_or_else(|| double_quoted(value), |e| e.content)
    };
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..span.start];
    let content = match before.trim_end().strip_suffix('-') {
        Some(indent) if indent.trim().is_empty() => {
            let separator = format!("\n{indent}- ");
            values
                .iter()
                .map(|v| quote(v))
                .collect::<Vec<_>>()
                .join(&separator)
        }
        _ if in_flow_list(text, span.start) => values
            .iter()
            .map(|v| quote(v))
            .collect::<Vec<_>>()
            .join(", "),
        _ => return None,
    };
    Some(Edit::replacement(span, content))
}

/// Deletes the list item at `span`: its `- item` line in a block list (with the line's end), or
/// the item and one neighbouring comma in a flow list.
pub fn delete_list_item(text: &str, span: Span) -> Option<Edit> {
    text.get(span.start..span.end)?;
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..span.start];
    if let Some(indent) = before.trim_end().strip_suffix('-')
        && indent.trim().is_empty()
    {
        // The whole line, when nothing but a comment follows the item on it.
        let line_end = text[span.end..]
            .find('\n')
            .map_or(text.len(), |i| span.end + i + 1);
        let rest = text[span.end..line_end].trim();
        if !rest.is_empty() && !rest.starts_with('#') {
            return None;
        }
        return Some(Edit::deletion(Span::new(line_start, line_end)));
    }
    if !in_flow_list(text, span.start) {
        return None;
    }
    // `[a, b]`: take the comma after the item and the space up to the next one; the last item
    // takes the comma before it instead.
    let after = &text[span.end..];
    let trailing = after.len() - after.trim_start_matches([' ', '\t']).len();
    if after[trailing..].starts_with(',') {
        let next = &after[trailing + 1..];
        let spaces = next.len() - next.trim_start_matches([' ', '\t']).len();
        return Some(Edit::deletion(Span::new(
            span.start,
            span.end + trailing + 1 + spaces,
        )));
    }
    let head = &text[..span.start];
    let leading = head.len() - head.trim_end_matches([' ', '\t']).len();
    if head[..head.len() - leading].ends_with(',') {
        return Some(Edit::deletion(Span::new(
            span.start - leading - 1,
            span.end,
        )));
    }
    // The only item: `[a]` becomes `[]`.
    Some(Edit::deletion(span))
}

/// Adds `key: value` (both YAML text as they should be written) to the mapping at `pointer` of
/// the loaded document (its span table and value): before
/// the closing `}` of a flow mapping, or on a new line at the entries' indentation after a
/// block mapping's last entry.
pub fn insert_entry(
    text: &str,
    (spans, root): (&SpanTable, &serde_json::Value),
    pointer: &str,
    key: &str,
    value: &str,
) -> Option<Edit> {
    let span = spans.value(pointer)?;
    let written = text.get(span.start..span.end)?;
    let map = root.pointer(pointer)?.as_object()?;
    if written.starts_with('{') {
        let close = closing(text, span, '}')?;
        let inner = text[span.start + 1..close].trim_end();
        let at = span.start + 1 + inner.len();
        return Some(if map.is_empty() {
            Edit::replacement(
                Span::new(span.start, close + 1),
                format!("{{ {key}: {value} }}"),
            )
        } else {
            Edit::insertion(at, format!(", {key}: {value}"))
        });
    }
    let first = map.keys().next()?;
    let first_key = spans.key(&crate::yaml::push_pointer(pointer, first))?;
    let indent = indentation_at(text, first_key.start)?;
    Some(Edit::insertion(
        line_end(text, span.end),
        format!("\n{indent}{key}: {value}"),
    ))
}

/// Adds `item` (YAML text) to the end of the list at `pointer`: `, item` before a flow list's
/// `]`, or a `- item` line at the items' indentation after a block list.
pub fn append_list_item(
    text: &str,
    (spans, root): (&SpanTable, &serde_json::Value),
    pointer: &str,
    item: &str,
) -> Option<Edit> {
    let span = spans.value(pointer)?;
    let written = text.get(span.start..span.end)?;
    let list = root.pointer(pointer)?.as_array()?;
    if written.starts_with('[') {
        let close = closing(text, span, ']')?;
        let inner = text[span.start + 1..close].trim_end();
        return Some(if list.is_empty() {
            Edit::replacement(Span::new(span.start, close + 1), format!("[{item}]"))
        } else {
            Edit::insertion(span.start + 1 + inner.len(), format!(", {item}"))
        });
    }
    let first = spans.value(&crate::yaml::push_pointer(pointer, "0"))?;
    let line_start = text[..first.start].rfind('\n').map_or(0, |i| i + 1);
    let dash = text[line_start..first.start].trim_end().strip_suffix('-')?;
    if !dash.trim().is_empty() {
        return None;
    }
    Some(Edit::insertion(
        line_end(text, span.end),
        format!("\n{dash}- {item}"),
    ))
}

/// The offset of the bracket closing the flow collection at `span` (which may end before it).
fn closing(text: &str, span: Span, bracket: char) -> Option<usize> {
    let written = text.get(span.start..span.end)?;
    if written.ends_with(bracket) {
        return Some(span.end - 1);
    }
    let after = &text[span.end..];
    let gap = after.len() - after.trim_start().len();
    after[gap..].starts_with(bracket).then_some(span.end + gap)
}

/// Where the line holding `offset` ends (before its `\n` or `\r\n`): a new line goes there,
/// after any comment that ends the last entry's line.
fn line_end(text: &str, offset: usize) -> usize {
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    if text[..end].ends_with('\r') {
        end - 1
    } else {
        end
    }
}

/// The whitespace before `offset` when only whitespace precedes it on its line.
fn indentation_at(text: &str, offset: usize) -> Option<&str> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    before.chars().all(|c| c == ' ').then_some(before)
}

/// Whether the text before `offset` on its line has an unclosed `[` (a flow list).
fn in_flow_list(text: &str, offset: usize) -> bool {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let mut depth = 0i32;
    for c in text[line_start..offset].chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// A YAML double-quoted scalar (JSON's string syntax is a subset of YAML's).
fn double_quoted(value: &str) -> String {
    serde_json::Value::String(value.to_owned()).to_string()
}

/// Whether `value` written plain reads back as the same string: no indicator at the start, no
/// `: ` or ` #`, no flow characters, and not a word YAML reads as another type.
fn is_plain_safe(value: &str) -> bool {
    !value.is_empty()
        && value.trim() == value
        && !value.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`',
        ])
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.contains([',', '[', ']', '{', '}', '\n', '\t'])
        && !value.ends_with(':')
        && matches!(
            crate::yaml::resolve_plain(value),
            serde_json::Value::String(_)
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use connspec_diagnostics::{Applicability, Fix, apply_fixes};

    fn apply(text: &str, edit: Option<Edit>) -> String {
        let fix = Fix::new("t", vec![edit.expect("an edit")], Applicability::Safe);
        apply_fixes(text, [&fix], Applicability::Safe).0
    }

    fn span_of(text: &str, needle: &str) -> Span {
        let start = text.find(needle).expect("in the text");
        Span::new(start, start + needle.len())
    }

    #[test]
    fn scalars_keep_their_quoting() {
        let text = "a: [x.raed, \"y.raed\", 'z.raed']  # keep\n";
        let plain = replace_scalar(text, span_of(text, "x.raed"), "x.read");
        let text = apply(text, plain);
        let double = replace_scalar(text.as_str(), span_of(&text, "\"y.raed\""), "y.read");
        let text = apply(&text, double);
        let single = replace_scalar(&text, span_of(&text, "'z.raed'"), "it's");
        assert_eq!(
            apply(&text, single),
            "a: [x.read, \"y.read\", 'it''s']  # keep\n"
        );
        let text = "k: v\n";
        assert_eq!(
            apply(text, replace_scalar(text, span_of(text, "v"), "true")),
            "k: \"true\"\n",
            "a word YAML reads as a boolean is quoted"
        );
    }

    #[test]
    fn list_items_split_in_the_lists_style() {
        let text = "scopes: [a, b,c]\n";
        assert_eq!(
            apply(
                text,
                split_list_item(text, span_of(text, "b,c"), &["b", "c"])
            ),
            "scopes: [a, b, c]\n"
        );
        let text = "scopes:\n  - a\n  - b c  # both\n";
        assert_eq!(
            apply(
                text,
                split_list_item(text, span_of(text, "b c"), &["b", "c"])
            ),
            "scopes:\n  - a\n  - b\n  - c  # both\n"
        );
    }

    fn document(text: &str) -> crate::yaml::Document {
        let file = connspec_diagnostics::SourceFile::new("t.yaml", text);
        crate::yaml::load(&file, &crate::yaml::Limits::default())
            .0
            .expect("loads")
    }

    #[test]
    fn entries_and_items_are_added_in_the_collections_style() {
        let text = "a:\n  h: { X: 1 }\n  e: {}\n  b:\n    k: v  # c\n  l: [x]\n  m:\n    - y\n";
        let doc = document(text);
        let doc = (&doc.spans, &doc.value);
        let edits = [
            insert_entry(text, doc, "/a/h", "Accept", "application/json"),
            insert_entry(text, doc, "/a/e", "Accept", "application/json"),
            insert_entry(text, doc, "/a/b", "n", "w"),
            append_list_item(text, doc, "/a/l", "z"),
            append_list_item(text, doc, "/a/m", "z"),
        ];
        let repairs: Vec<Fix> = edits
            .into_iter()
            .enumerate()
            .map(|(i, e)| {
                Fix::new(
                    "t",
                    vec![e.unwrap_or_else(|| panic!("edit {i}"))],
                    Applicability::Safe,
                )
            })
            .collect();
        let (fixed, applied) = apply_fixes(text, &repairs, Applicability::Safe);
        assert_eq!(applied, 5);
        assert_eq!(
            fixed,
            "a:\n  h: { X: 1, Accept: application/json }\n  e: { Accept: application/json }\n  b:\n    k: v  # c\n    n: w\n  l: [x, z]\n  m:\n    - y\n    - z\n"
        );
    }

    #[test]
    fn an_entry_added_at_the_end_of_the_file_keeps_the_final_line_break() {
        let text = "a:\n  h:\n    X: on  # c\n";
        let doc = document(text);
        let edit = insert_entry(text, (&doc.spans, &doc.value), "/a/h", "Y", "1");
        assert_eq!(apply(text, edit), "a:\n  h:\n    X: on  # c\n    Y: 1\n");
    }

    #[test]
    fn list_items_are_deleted_with_their_comma_or_line() {
        let text = "s: [a, b, c]\n";
        assert_eq!(
            apply(text, delete_list_item(text, span_of(text, "b"))),
            "s: [a, c]\n"
        );
        assert_eq!(
            apply(text, delete_list_item(text, span_of(text, "c"))),
            "s: [a, b]\n"
        );
        let text = "s: [only]\n";
        assert_eq!(
            apply(text, delete_list_item(text, span_of(text, "only"))),
            "s: []\n"
        );
        let text = "s:\n  - a\n  - b  # why\n  - c\n";
        assert_eq!(
            apply(text, delete_list_item(text, span_of(text, "b"))),
            "s:\n  - a\n  - c\n"
        );
        let text = "s: a\n";
        assert!(
            delete_list_item(text, span_of(text, "a")).is_none(),
            "not a list"
        );
    }
}
