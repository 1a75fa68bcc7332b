//! What bytes a YAML file may hold: UTF-8 only (other Unicode encodings are named, with or
//! without a byte-order mark), and only the characters YAML 1.2 allows (`c-printable`).

use connspec_diagnostics::{Diagnostic, SourceFile, Span};

use crate::codes::INVALID_ENCODING;

/// A Unicode encoding other than UTF-8, as YAML 1.2 (§5.2) recognises it from the first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OtherEncoding {
    pub(crate) name: &'static str,
    pub(crate) byte_order_mark: bool,
}

/// The encoding of `bytes` when it is UTF-16 or UTF-32.
///
/// A byte-order mark decides. Without one, YAML's rule reads the NUL pattern of the first
/// character (`00 00 00 x` is UTF-32BE, `x 00` UTF-16LE, …); since a UTF-8 file with a stray
/// NUL can start the same way, the pattern must also hold for most of the first 512 bytes, as
/// it does for text that is mostly ASCII.
pub(crate) fn other_encoding(bytes: &[u8]) -> Option<OtherEncoding> {
    let with_bom = |name| {
        Some(OtherEncoding {
            name,
            byte_order_mark: true,
        })
    };
    // UTF-32LE's mark starts with UTF-16LE's, so the longer marks are tried first.
    if bytes.starts_with(&[0x00, 0x00, 0xFE, 0xFF]) {
        return with_bom("UTF-32BE");
    }
    if bytes.starts_with(&[0xFF, 0xFE, 0x00, 0x00]) {
        return with_bom("UTF-32LE");
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return with_bom("UTF-16BE");
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return with_bom("UTF-16LE");
    }
    // (name, code unit width, index of the byte that holds an ASCII character in each unit)
    let layouts: [(&'static str, usize, usize); 4] = [
        ("UTF-32BE", 4, 3),
        ("UTF-32LE", 4, 0),
        ("UTF-16BE", 2, 1),
        ("UTF-16LE", 2, 0),
    ];
    let head = &bytes[..bytes.len().min(512)];
    layouts
        .into_iter()
        .find(|&(_, width, ascii)| {
            let Some(first) = head.get(..width) else {
                return false;
            };
            let first_matches = first
                .iter()
                .enumerate()
                .all(|(i, b)| (i == ascii) == (*b != 0));
            first_matches && mostly_ascii_units(head, width, ascii)
        })
        .map(|(name, _, _)| OtherEncoding {
            name,
            byte_order_mark: false,
        })
}

/// Whether at least three in four whole code units of `head` are an ASCII character padded
/// with NUL bytes in the layout given.
fn mostly_ascii_units(head: &[u8], width: usize, ascii: usize) -> bool {
    let units = head.chunks_exact(width);
    let total = units.len();
    let padded = units
        .filter(|unit| {
            unit.iter().enumerate().all(|(i, b)| {
                if i == ascii {
                    *b != 0 && b.is_ascii()
                } else {
                    *b == 0
                }
            })
        })
        .count();
    total > 0 && padded * 4 >= total * 3
}

/// The diagnostic for a file in another encoding: the whole file is unreadable, so it points
/// at its start.
pub(crate) fn other_encoding_diagnostic(encoding: OtherEncoding) -> Diagnostic {
    let mark = if encoding.byte_order_mark {
        "with a byte-order mark"
    } else {
        "without a byte-order mark"
    };
    Diagnostic::error(
        &INVALID_ENCODING,
        format!("file is {} ({mark}), not UTF-8", encoding.name),
    )
    .with_span(Span::at(0))
    .with_help("save the file as UTF-8")
}

/// YAML 1.2 `c-printable`: tab, line breaks, printable ASCII, NEL and the rest of Unicode but
/// the C1 controls, surrogates and the noncharacters U+FFFE and U+FFFF.
pub fn is_yaml_printable(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~' | '\u{85}'
        | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// The first character YAML does not allow anywhere in a stream (not even in a comment or a
/// quoted string, where it must be written as an escape), as a diagnostic at that character.
pub(crate) fn forbidden_character(file: &SourceFile) -> Option<Diagnostic> {
    let text = file.text();
    // Almost every file is printable ASCII plus line breaks: check bytes before characters.
    let suspect = text
        .bytes()
        .position(|b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b >= 0x7F)?;
    let (offset, c) = text[suspect..]
        .char_indices()
        .map(|(i, c)| (suspect + i, c))
        .find(|(_, c)| !is_yaml_printable(*c))?;
    let span = Span::new(offset, offset + c.len_utf8());
    let code_point = format!("U+{:04X}", u32::from(c));
    let diagnostic = if c == '\0' {
        Diagnostic::error(
            &INVALID_ENCODING,
            format!("file holds a NUL byte (at byte {offset})"),
        )
        .with_span(span)
        .with_label("NUL byte")
        .with_help(
            "YAML text cannot hold NUL bytes: is this a binary file, or text saved as UTF-16 or \
             UTF-32? Save it as UTF-8",
        )
    } else {
        let named = match control_name(c) {
            Some(name) => format!("{code_point} ({name})"),
            None => code_point,
        };
        let what = if c == '\u{FFFE}' || c == '\u{FFFF}' {
            "noncharacter"
        } else {
            "control character"
        };
        Diagnostic::error(
            &INVALID_ENCODING,
            format!("{what} {named} is not allowed in YAML"),
        )
        .with_span(span)
        .with_label(format!("{what} {named}"))
        .with_help(
            "remove it; inside a double-quoted string it can be written as an escape such as \
             `\\x07` or `\\u0085`",
        )
    };
    Some(diagnostic)
}

/// The usual abbreviation of a C0 control character or DEL.
fn control_name(c: char) -> Option<&'static str> {
    const C0: [&str; 32] = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
        "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB",
        "ESC", "FS", "GS", "RS", "US",
    ];
    match u32::from(c) {
        n @ 0..=31 => C0.get(usize::try_from(n).ok()?).copied(),
        0x7F => Some("DEL"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn utf16be(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    fn utf32(text: &str, big_endian: bool) -> Vec<u8> {
        text.chars()
            .flat_map(|c| {
                if big_endian {
                    u32::from(c).to_be_bytes()
                } else {
                    u32::from(c).to_le_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn every_unicode_encoding_is_named_with_and_without_a_mark() {
        let text = "spec_version: 1\nname: café\n";
        let cases: [(&str, Vec<u8>); 4] = [
            ("UTF-16LE", utf16le(text)),
            ("UTF-16BE", utf16be(text)),
            ("UTF-32LE", utf32(text, false)),
            ("UTF-32BE", utf32(text, true)),
        ];
        for (name, bytes) in cases {
            let bare = other_encoding(&bytes).expect(name);
            assert_eq!((bare.name, bare.byte_order_mark), (name, false));
            let mut marked = match name {
                "UTF-16LE" => utf16le("\u{FEFF}"),
                "UTF-16BE" => utf16be("\u{FEFF}"),
                "UTF-32LE" => utf32("\u{FEFF}", false),
                _ => utf32("\u{FEFF}", true),
            };
            marked.extend_from_slice(&bytes);
            let with = other_encoding(&marked).expect(name);
            assert_eq!((with.name, with.byte_order_mark), (name, true));
        }
    }

    #[test]
    fn utf8_with_a_stray_nul_is_not_taken_for_utf16() {
        assert_eq!(other_encoding(b"a\0b: some text\nc: more text\n"), None);
        assert_eq!(other_encoding(b"\0name: x\n"), None);
        assert_eq!(other_encoding(b"name: x\n"), None);
        assert_eq!(other_encoding(b""), None);
    }

    #[test]
    fn the_first_forbidden_character_is_reported_where_it_is() {
        let cases = [
            ("a: b\0c\n", 4, "file holds a NUL byte (at byte 4)"),
            (
                "# c\u{1b}\na: 1\n",
                3,
                "control character U+001B (ESC) is not allowed in YAML",
            ),
            (
                "a: \"é\u{7f}\"\n",
                6,
                "control character U+007F (DEL) is not allowed in YAML",
            ),
            (
                "a: x\u{9c}\n",
                4,
                "control character U+009C is not allowed in YAML",
            ),
            (
                "a: \u{FFFF}\n",
                3,
                "noncharacter U+FFFF is not allowed in YAML",
            ),
        ];
        for (text, offset, message) in cases {
            let diagnostic = forbidden_character(&SourceFile::new("t", text)).expect(text);
            assert_eq!(diagnostic.code.code, "S006");
            assert_eq!(diagnostic.span.map(|s| s.start), Some(offset), "{text:?}");
            assert_eq!(diagnostic.message, message);
        }
        for allowed in ["a: \"x\ty\"\r\n", "\u{FEFF}a: \u{85}\u{A0}é😀\n", "a: 1"] {
            assert!(forbidden_character(&SourceFile::new("t", allowed)).is_none());
        }
    }
}
