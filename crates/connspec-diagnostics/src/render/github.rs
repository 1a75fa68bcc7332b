//! GitHub Actions workflow commands: one `::error …::message` line per diagnostic, which the
//! runner turns into annotations on the pull request's diff.
//!
//! ```text
//! ::error file=connectors/coupa.yaml,line=4,col=3,endLine=4,endColumn=11,title=S010 unknown-key::unknown key `clent_id`%0Ahelp: did you mean `client_id`?
//! ```
//!
//! Warnings use `::warning`, infos `::notice`. File-level diagnostics omit the position.
//! Values are escaped exactly as `@actions/core` does (`escapeData`, `escapeProperty` in
//! `toolkit/packages/core/src/command.ts`); nothing else is printed, since any other line in a
//! workflow log is just noise.

use std::fmt::Write as _;

use super::Location;
use crate::{Diagnostic, FileReport, Severity, SourceFile};

pub(super) fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        for diagnostic in &report.diagnostics {
            out.push_str(&command(&report.source, diagnostic));
            out.push('\n');
        }
    }
    out
}

fn command(source: &SourceFile, diagnostic: &Diagnostic) -> String {
    let name = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut properties = vec![("file", source.name().to_owned())];
    if let Some(span) = diagnostic.span {
        let location = Location::new(source, span);
        properties.extend([
            ("line", location.line.to_string()),
            ("col", location.column.to_string()),
            ("endLine", location.end_line.to_string()),
            ("endColumn", location.end_column.to_string()),
        ]);
    }
    properties.push((
        "title",
        format!("{} {}", diagnostic.code.code, diagnostic.code.name),
    ));

    let mut message = diagnostic.message.clone();
    for (label, extra) in [("help", &diagnostic.help), ("note", &diagnostic.note)] {
        if let Some(extra) = extra {
            let _ = write!(message, "\n{label}: {extra}");
        }
    }

    let properties: Vec<String> = properties
        .iter()
        .map(|(key, value)| format!("{key}={}", escape_property(value)))
        .collect();
    format!(
        "::{name} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

/// `escapeData` from `@actions/core`: the message after `::`.
pub(super) fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// `escapeProperty` from `@actions/core`: a `key=value` value, where `:` and `,` are syntax.
pub(super) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}
