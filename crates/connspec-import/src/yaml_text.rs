//! Writing YAML text by hand, for files people read: plain scalars where YAML 1.2 reads them
//! back as the same string, double-quoted JSON strings everywhere else.
//!
//! `connspec init` and `connspec import curl` write comments and choose the layout, which no
//! serializer does; these helpers only make sure every scalar round-trips.

use serde_json::Value;

/// A string as a YAML scalar that reads back as exactly that string.
pub fn scalar(text: &str) -> String {
    if is_plain_safe(text) {
        text.to_owned()
    } else {
        quoted(text)
    }
}

/// A mapping key: the same rules as a value.
pub fn key(text: &str) -> String {
    scalar(text)
}

/// A double-quoted scalar. JSON escapes are a subset of YAML's, so a JSON string is valid YAML;
/// JSON leaves DEL, C1 controls and the noncharacters U+FFFE/U+FFFF raw, which YAML forbids in
/// a file (the loader's own `is_yaml_printable` decides), so they are escaped too.
pub fn quoted(text: &str) -> String {
    let json = serde_json::to_string(text).unwrap_or_else(|_| String::from("\"\""));
    if !json.chars().any(yaml_forbids) {
        return json;
    }
    json.chars()
        .map(|c| {
            if yaml_forbids(c) {
                format!("\\u{:04x}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Characters YAML 1.2 does not allow raw in a stream.
fn yaml_forbids(c: char) -> bool {
    !connspec_model::yaml::is_yaml_printable(c)
}

/// Whether `text` can be written without quotes in block context and reads back as a string.
fn is_plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if !(first.is_ascii_alphabetic() || first == '/' || first == '_') {
        return false;
    }
    // Flow indicators (`[]{},`) are safe inside a block plain scalar except `{}` and `[]`
    // pairs, which a flow context would misread; `,` is kept since values here are never in
    // flow context.
    let allowed = |c: char| c.is_ascii_alphanumeric() || " _-./:@%+=~(){}$;',<>!?&*|".contains(c);
    if !text.chars().all(allowed) {
        return false;
    }
    if text.ends_with(' ') || text.ends_with(':') || text.contains(": ") || text.contains(" #") {
        return false;
    }
    // `{` opens a flow mapping only at the start, which `first` excludes; `}` alone is fine.
    // YAML 1.2 core schema words that would not read back as strings.
    let lower = text.to_ascii_lowercase();
    !matches!(lower.as_str(), "true" | "false" | "null")
}

/// A JSON value written as a block YAML node under a key at `indent` spaces, starting with the
/// text that follows `key:` (a space and a scalar, or a newline and nested lines).
#[cfg(test)]
fn block_value(value: &Value, indent: usize, step: usize) -> String {
    let mut out = String::new();
    write_value(&mut out, value, indent, step);
    out
}

/// The entries of a mapping as block lines, each key at `indent` spaces.
pub fn mapping_lines(map: &serde_json::Map<String, Value>, indent: usize, step: usize) -> String {
    let mut out = String::new();
    for (k, v) in map {
        out.push_str(&" ".repeat(indent));
        out.push_str(&key(k));
        out.push(':');
        write_value(&mut out, v, indent, step);
    }
    out
}

fn write_value(out: &mut String, value: &Value, indent: usize, step: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            out.push_str(&mapping_lines(map, indent + step, step));
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            for item in items {
                out.push_str(&" ".repeat(indent + step));
                out.push('-');
                // A list item's mapping continues on the dash's line, indented past it.
                match item {
                    Value::Object(map) if !map.is_empty() => {
                        let mut first = true;
                        for (k, v) in map {
                            if first {
                                out.push(' ');
                                first = false;
                            } else {
                                out.push_str(&" ".repeat(indent + step + 2));
                            }
                            out.push_str(&key(k));
                            out.push(':');
                            write_value(out, v, indent + step + 2, step);
                        }
                    }
                    other => write_value(out, other, indent + step, step),
                }
            }
        }
        Value::Object(_) => out.push_str(" {}\n"),
        Value::Array(_) => out.push_str(" []\n"),
        Value::String(s) => {
            out.push(' ');
            out.push_str(&scalar(s));
            out.push('\n');
        }
        Value::Number(n) => {
            out.push(' ');
            out.push_str(&n.to_string());
            out.push('\n');
        }
        Value::Bool(b) => {
            out.push(' ');
            out.push_str(if *b { "true" } else { "false" });
            out.push('\n');
        }
        Value::Null => out.push_str(" null\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_when_it_reads_back_as_the_same_string() {
        assert_eq!(scalar("application/json"), "application/json");
        assert_eq!(
            scalar("https://{{ instance.domain }}"),
            "https://{{ instance.domain }}"
        );
        assert_eq!(scalar("/api/approvals"), "/api/approvals");
        assert_eq!(scalar("Bearer %s"), "Bearer %s");
    }

    #[test]
    fn controls_yaml_forbids_are_escaped() {
        let text = "a\u{7f}b\u{9b}c\u{85}d\u{0}e";
        let written = quoted(text);
        assert!(
            !written
                .chars()
                .any(|c| yaml_forbids(c) || u32::from(c) < 0x20),
            "{written}"
        );
        let read: String = serde_json::from_str(&written).expect("JSON reads it back");
        assert_eq!(read, text);
    }

    #[test]
    fn quoted_when_yaml_would_read_something_else() {
        assert_eq!(scalar("{{ inputs.id }}"), "\"{{ inputs.id }}\"");
        assert_eq!(scalar("true"), "\"true\"");
        assert_eq!(scalar("Null"), "\"Null\"");
        assert_eq!(scalar("50"), "\"50\"");
        assert_eq!(scalar("%s"), "\"%s\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("a #b"), "\"a #b\"");
        assert_eq!(scalar(""), "\"\"");
        assert_eq!(scalar("line\nbreak"), "\"line\\nbreak\"");
        assert_eq!(scalar("it's, fine"), "it's, fine");
        assert_eq!(scalar("'quoted"), "\"'quoted\"");
        assert_eq!(scalar("café"), "\"café\"");
    }

    #[test]
    fn json_values_become_block_nodes() {
        let value = serde_json::json!({
            "name": "x", "n": 3, "ok": true, "tags": ["a", {"k": "v", "j": 1}], "empty": {}
        });
        let text = format!("body:{}", block_value(&value, 0, 2));
        assert_eq!(
            text,
            "body:\n  name: x\n  n: 3\n  ok: true\n  tags:\n    - a\n    - k: v\n      j: 1\n  empty: {}\n"
        );
    }
}
