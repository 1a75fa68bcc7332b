//! M009 `control-character`: a control or bidirectional character in any text of a spec or an
//! instance file.

use std::fmt::Write as _;

use connspec_diagnostics::terminal::{describe, is_unsafe};
use connspec_diagnostics::{Diagnostic, SourceFile, Span};
use connspec_model::yaml::{SpanTable, push_pointer};
use serde_json::Value;

use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a control character (such as `ESC`, a carriage return or a bell) or a
    /// bidirectional control (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) in any
    /// text of a spec or an instance file: names, descriptions, URLs, headers, query and body
    /// values, instance parameters and their descriptions, and mapping keys. Line feeds and
    /// tabs are text and stay allowed. YAML writes these characters with escapes in
    /// double-quoted strings (`"\e[2K"`, `"\u202E"`), or holds bidirectional controls raw,
    /// invisible in most editors and in a pull request's diff.
    ///
    /// ## Why is this bad?
    /// The text is printed on terminals (`connspec compile`, CI logs) and pasted into Agent
    /// Studio. An `ESC [2K` erases a line of output, an OSC 52 sequence writes the reader's
    /// clipboard, and bidirectional controls make text display in another order than it is
    /// stored ("Trojan Source"), so a reviewer reads something else than what is sent or
    /// pasted. connspec's own outputs show such characters as escapes (`\u{1b}`), but the text
    /// itself is wrong.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list_items:
    ///     description: "Lists items.\e[2K\e]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\a"
    ///     method: GET
    ///     path: /items
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list_items:
    ///     description: "Lists items.\n\tOne per line."
    ///     method: GET
    ///     path: /items
    /// ```
    pub(crate) struct ControlCharacter {
        code: "M009",
        name: "control-character",
        family: Target,
        severity: Error,
        summary: "a text holds a control or bidirectional character",
    }
}

impl Check for ControlCharacter {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        out.extend(self.findings(ctx.file, ctx.value, ctx.spans));
    }
}

impl ControlCharacter {
    /// One finding per key or string of `value` (a whole spec or instance file) that holds an
    /// unsafe character. The tree is walked with an explicit stack: the loader's depth limit
    /// may be raised, and recursion would follow it.
    pub(crate) fn findings(
        self,
        file: &SourceFile,
        value: &Value,
        spans: &SpanTable,
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut pending = vec![(String::new(), value)];
        while let Some((pointer, value)) = pending.pop() {
            match value {
                Value::Object(entries) => {
                    for (key, child) in entries {
                        let child_pointer = push_pointer(&pointer, key);
                        if key.chars().any(is_unsafe) {
                            let span = spans
                                .key(&child_pointer)
                                .or_else(|| spans.value(&child_pointer));
                            out.push(self.finding(file, &child_pointer, key, span, "key"));
                        }
                        pending.push((child_pointer, child));
                    }
                }
                Value::Array(items) => {
                    for (index, item) in items.iter().enumerate() {
                        pending.push((push_pointer(&pointer, &index.to_string()), item));
                    }
                }
                Value::String(text) if text.chars().any(is_unsafe) => {
                    let span = spans.value(&pointer);
                    out.push(self.finding(file, &pointer, text, span, "value"));
                }
                _ => {}
            }
        }
        out.sort_by_key(|d| d.span.map(|s| s.start));
        out
    }

    fn finding(
        self,
        file: &SourceFile,
        pointer: &str,
        text: &str,
        span: Option<Span>,
        what: &str,
    ) -> Diagnostic {
        let mut found: Vec<char> = Vec::new();
        for c in text.chars().filter(|c| is_unsafe(*c)) {
            if !found.contains(&c) {
                found.push(c);
            }
        }
        let bidi = found.iter().all(|c| !c.is_control());
        let named: Vec<String> = found.iter().take(3).map(|c| describe(*c)).collect();
        let more = found.len().saturating_sub(3);
        let mut message = format!(
            "the {what} at `{}` holds {}",
            display_path(pointer),
            named.join(", ")
        );
        if more > 0 {
            let _ = write!(message, " and {more} more");
        }
        let label = if bidi {
            "reorders how the text around it is displayed"
        } else {
            "a terminal acts on this instead of showing it"
        };
        let mut diagnostic = self.diagnostic(message).with_help(
            "remove it: text is printed on terminals and pasted into Agent Studio, where \
                 control characters act and bidirectional controls reorder what is shown",
        );
        if let Some(span) = span {
            diagnostic = diagnostic
                .with_span(raw_character(file, span, &found).unwrap_or(span))
                .with_label(label);
        }
        diagnostic
    }
}

/// The span of the first of `found` inside `span` when the file holds it raw (a bidirectional
/// control typed into a plain scalar), so the caret points at the character itself.
fn raw_character(file: &SourceFile, span: Span, found: &[char]) -> Option<Span> {
    let text = file.text().get(span.start..span.end)?;
    let (offset, c) = text.char_indices().find(|(_, c)| found.contains(c))?;
    let start = span.start + offset;
    Some(Span::new(start, start + c.len_utf8()))
}

/// A JSON Pointer as the dotted path people read (`actions.list.description`), with unsafe
/// characters of keys escaped.
fn display_path(pointer: &str) -> String {
    let path = pointer
        .trim_start_matches('/')
        .split('/')
        .map(|token| token.replace("~1", "/").replace("~0", "~"))
        .collect::<Vec<_>>()
        .join(".");
    connspec_diagnostics::terminal::escape(&path).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unsafe_string_and_key_is_found_once_and_named() {
        let text = "spec_version: 1\nname: demo\ndescription: \"a\\e[2Kb\\e[2K\"\n\
                    headers: { \"X-\\u202E\": \"v\\u2066\" }\nok: \"line\\n\\ttab\"\n";
        let file = SourceFile::new("s.yaml", text);
        let checked = connspec_model::check_source(&file, &connspec_model::CheckOptions::default());
        let document = checked.document.expect("loads");
        let findings = ControlCharacter.findings(&file, &document.value, &document.spans);
        let messages: Vec<&str> = findings.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "the value at `description` holds U+001B (escape)",
                "the key at `headers.X-\\u{202e}` holds U+202E (right-to-left override)",
                "the value at `headers.X-\\u{202e}` holds U+2066 (left-to-right isolate)",
            ],
            "{findings:#?}"
        );
        assert!(findings.iter().all(|d| d.span.is_some()));
        assert!(messages.iter().all(|m| !m.chars().any(is_unsafe)));
    }

    #[test]
    fn a_raw_bidirectional_control_is_pointed_at_exactly() {
        let text = "spec_version: 1\nname: demo\ndescription: safe \u{202E}txt.exe\n";
        let file = SourceFile::new("s.yaml", text);
        let checked = connspec_model::check_source(&file, &connspec_model::CheckOptions::default());
        let document = checked.document.expect("loads");
        let findings = ControlCharacter.findings(&file, &document.value, &document.spans);
        let [finding] = findings.as_slice() else {
            panic!("{findings:#?}");
        };
        let span = finding.span.expect("a span");
        assert_eq!(&text[span.start..span.end], "\u{202E}");
    }
}
