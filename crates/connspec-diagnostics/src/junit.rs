//! A small writer of `JUnit` XML, the one both `connspec check --format junit` (files as test
//! cases) and `connspec test --format junit` (actions as test cases) use, so escaping and
//! element syntax exist once.
//!
//! It writes what it is told, in order: elements with their attributes in the given order,
//! indentation and line breaks where the caller puts them, so each report keeps its layout.
//! Every attribute value and text is escaped for XML 1.0.
//!
//! ```text
//! let mut xml = JunitXml::new();
//! xml.open("testsuite", &[("name", &"c"), ("tests", &1)]).newline();
//! xml.indent(1).empty("testcase", &[("name", &"a <b>")]).newline();
//! xml.close("testsuite").newline();
//! ```

use std::fmt::{Display, Write as _};

/// An attribute: its name and a value that is displayed, then escaped.
pub type Attribute<'a> = (&'a str, &'a dyn Display);

/// A `JunitXml` document being written; [`JunitXml::finish`] gives the text.
#[derive(Debug, Clone)]
pub struct JunitXml {
    out: String,
}

impl Default for JunitXml {
    fn default() -> Self {
        Self::new()
    }
}

impl JunitXml {
    /// A document that starts with the XML declaration and a line break.
    pub fn new() -> Self {
        Self {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
        }
    }

    /// Two spaces per `depth`.
    pub fn indent(&mut self, depth: usize) -> &mut Self {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
        self
    }

    pub fn newline(&mut self) -> &mut Self {
        self.out.push('\n');
        self
    }

    /// `<tag a="…">`.
    pub fn open(&mut self, tag: &str, attributes: &[Attribute<'_>]) -> &mut Self {
        self.start_tag(tag, attributes);
        self.out.push('>');
        self
    }

    /// `<tag a="…"/>`.
    pub fn empty(&mut self, tag: &str, attributes: &[Attribute<'_>]) -> &mut Self {
        self.start_tag(tag, attributes);
        self.out.push_str("/>");
        self
    }

    /// `<tag a="…">text</tag>`.
    pub fn element(&mut self, tag: &str, attributes: &[Attribute<'_>], text: &str) -> &mut Self {
        self.open(tag, attributes);
        self.out.push_str(&escape(text));
        self.close(tag)
    }

    /// `</tag>`.
    pub fn close(&mut self, tag: &str) -> &mut Self {
        let _ = write!(self.out, "</{tag}>");
        self
    }

    pub fn finish(self) -> String {
        self.out
    }

    fn start_tag(&mut self, tag: &str, attributes: &[Attribute<'_>]) {
        let _ = write!(self.out, "<{tag}");
        for (name, value) in attributes {
            let _ = write!(self.out, " {name}=\"{}\"", escape(&value.to_string()));
        }
    }
}

/// Escapes text for XML content and attribute values, and drops characters XML 1.0 cannot
/// hold at all (controls other than tab, newline and carriage return; U+FFFE and U+FFFF),
/// which a message quoting a broken file or a server's answer could otherwise smuggle in and
/// make the report unparsable.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(c),
            // A carriage return, DEL, C1 and bidirectional controls are valid XML but act on a
            // terminal that shows the file: written as character references, read back the same.
            c if c == '\r' || (c >= ' ' && crate::terminal::is_unsafe(c)) => {
                let _ = write!(out, "&#x{:X};", u32::from(c));
            }
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_are_written_in_order_and_escaped() {
        let mut xml = JunitXml::new();
        xml.open("testsuite", &[("name", &"a&b"), ("tests", &2)])
            .newline();
        xml.indent(1)
            .element("failure", &[("message", &"\"x\"")], "<y>\u{1}'")
            .newline();
        xml.indent(1)
            .empty("testcase", &[("time", &format_args!("{:.3}", 0.5))]);
        xml.newline().close("testsuite").newline();
        assert_eq!(
            xml.finish(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <testsuite name=\"a&amp;b\" tests=\"2\">\n  \
             <failure message=\"&quot;x&quot;\">&lt;y&gt;&apos;</failure>\n  \
             <testcase time=\"0.500\"/>\n\
             </testsuite>\n"
        );
    }

    #[test]
    fn terminal_controls_become_character_references() {
        assert_eq!(
            escape("a\u{1b}[2K\rb\u{202e}c\u{9b}d\u{7f}\te"),
            "a[2K&#xD;b&#x202E;c&#x9B;d&#x7F;\te"
        );
    }
}
