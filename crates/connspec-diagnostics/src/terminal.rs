//! Text from files and servers made safe to print on a terminal or to paste: control
//! characters (an `ESC [2K` that erases a line, an OSC 52 sequence that writes the clipboard, a
//! carriage return that overwrites what was printed) and the bidirectional controls that make
//! text display in another order than it is stored ("Trojan Source", CVE-2021-42574).
//!
//! One definition serves the lint rule that refuses such characters in a spec and every human
//! output that prints text it did not write itself.

use std::borrow::Cow;
use std::fmt::Write as _;

/// The bidirectional formatting characters (Unicode TR9): embeddings, overrides and isolates
/// with their terminator, the left-to-right and right-to-left marks and the Arabic letter mark.
pub const BIDI_CONTROLS: &[char] = &[
    '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}',
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
];

/// Whether `c` must not reach a terminal as it is: a control character (C0, DEL, C1) other
/// than a line feed or a tab, or a bidirectional control.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || BIDI_CONTROLS.contains(&c)
}

/// `text` with every [`is_unsafe`] character written as a visible escape, `\u{1b}`.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Serialised JSON with every [`is_unsafe`] character written as a `\uXXXX` escape: a JSON
/// parser reads back the same strings, and a terminal shows the document as it is. (`serde_json`
/// escapes C0 controls itself, but not DEL, C1 controls or bidirectional controls.)
pub fn escape_json(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if is_unsafe(c) {
            // Every unsafe character is in the Basic Multilingual Plane: one `\uXXXX`.
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A name for an unsafe character in a message: `U+001B (escape)`.
pub fn describe(c: char) -> String {
    let name = match c {
        '\u{0}' => "null",
        '\u{7}' => "bell",
        '\u{8}' => "backspace",
        '\u{b}' => "vertical tab",
        '\u{c}' => "form feed",
        '\r' => "carriage return",
        '\u{1b}' => "escape",
        '\u{7f}' => "delete",
        '\u{9b}' => "control sequence introducer",
        '\u{9d}' => "operating system command",
        '\u{061C}' => "arabic letter mark",
        '\u{200E}' => "left-to-right mark",
        '\u{200F}' => "right-to-left mark",
        '\u{202A}' => "left-to-right embedding",
        '\u{202B}' => "right-to-left embedding",
        '\u{202C}' => "pop directional formatting",
        '\u{202D}' => "left-to-right override",
        '\u{202E}' => "right-to-left override",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        _ if c.is_control() => "a control character",
        _ => "a character",
    };
    format!("U+{:04X} ({name})", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi_and_keeps_lines_and_tabs() {
        let hostile = "a\u{1b}[2K\u{1b}]52;c;ZXZpbA==\u{7}b\r\u{202e}c\u{2066}d\u{9b}e\n\tf";
        let escaped = escape(hostile);
        assert_eq!(
            escaped,
            "a\\u{1b}[2K\\u{1b}]52;c;ZXZpbA==\\u{7}b\\u{d}\\u{202e}c\\u{2066}d\\u{9b}e\n\tf"
        );
        assert!(!escaped.chars().any(is_unsafe));
        assert!(matches!(escape("plain text, ünïcödé\n"), Cow::Borrowed(_)));
        // Idempotent: an escaped text has nothing left to escape.
        assert_eq!(escape(&escaped), escaped);
    }

    #[test]
    fn json_escapes_read_back_to_the_same_string() {
        let value = serde_json::json!({ "d": "x\u{1b}y\u{202e}z\u{9b}\u{7f}" });
        let text = serde_json::to_string_pretty(&value).expect("serialises");
        let safe = escape_json(&text);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(back, value);
    }

    #[test]
    fn every_listed_character_is_unsafe_and_named() {
        for c in BIDI_CONTROLS
            .iter()
            .copied()
            .chain(['\u{1b}', '\r', '\u{0}', '\u{85}'])
        {
            assert!(is_unsafe(c), "{c:?}");
            assert!(describe(c).starts_with("U+"), "{c:?}");
        }
        for c in ['\n', '\t', 'a', 'é', '\u{200B}'] {
            assert!(!is_unsafe(c), "{c:?}");
        }
    }
}
