//! SARIF 2.1.0 output for code-scanning tools (GitHub code scanning, IDE SARIF viewers).
//!
//! One run, whose `tool.driver.rules` describe every code the tool can emit (from
//! [`RenderOptions::codes`], plus any code a diagnostic carries that the table lacks, so every
//! `ruleIndex` resolves). Results point at their file with a relative URI as given on the
//! command line (forward slashes; stdin is `stdin`) and a region in 1-based lines and
//! Unicode-code-point columns (`columnKind: unicodeCodePoints`, matching the JSON format).
//! Secondary labels become `relatedLocations`. Byte offsets are left out: spans index the
//! decoded text, which need not match the file's bytes, and consumers use lines and columns.
//!
//! Built with `serde_json` rather than a typed SARIF crate: the subset is small and a unit test
//! validates it against the official schema.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{Location, RenderOptions};
use crate::{Code, Diagnostic, FileReport, Severity, SourceFile, Span};

const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/connspec/connspec";

pub(super) fn render(reports: &[FileReport], options: &RenderOptions<'_>) -> String {
    let rules = RuleTable::new(options.codes, reports);
    let results: Vec<Value> = reports
        .iter()
        .flat_map(|report| {
            report
                .diagnostics
                .iter()
                .map(|diagnostic| result(&report.source, diagnostic, &rules))
        })
        .collect();
    let document = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "connspec",
                    "version": options.tool_version,
                    "informationUri": INFORMATION_URI,
                    "rules": rules.codes.iter().map(|code| rule(code)).collect::<Vec<_>>(),
                },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    // A `Value` built from strings and integers always serializes.
    let mut out = crate::pretty::to_string(&document);
    out.push('\n');
    out
}

/// The rules array and the index of each code in it.
struct RuleTable {
    codes: Vec<&'static Code>,
    index: HashMap<&'static str, usize>,
}

impl RuleTable {
    fn new(known: &[&'static Code], reports: &[FileReport]) -> Self {
        let mut table = Self {
            codes: Vec::new(),
            index: HashMap::new(),
        };
        let emitted = reports
            .iter()
            .flat_map(|report| report.diagnostics.iter().map(|diagnostic| diagnostic.code));
        for code in known.iter().copied().chain(emitted) {
            if !table.index.contains_key(code.code) {
                table.index.insert(code.code, table.codes.len());
                table.codes.push(code);
            }
        }
        table
    }
}

fn rule(code: &Code) -> Value {
    let text = code.explanation_text();
    let explanation = if text.trim().is_empty() {
        code.summary
    } else {
        &text
    };
    json!({
        "id": code.code,
        "name": code.name,
        "shortDescription": { "text": code.summary },
        "fullDescription": { "text": full_description(code) },
        "help": { "text": explanation, "markdown": explanation },
        "helpUri": code.help_uri(),
        // `Code` carries no default severity (the emitting stage picks one per finding, and
        // every result states its own level), so rules default to the strictest.
        "defaultConfiguration": { "level": "error" },
        "properties": { "tags": [code.family.title()] },
    })
}

/// The paragraph under the explanation's *What it does* heading, or the summary.
fn full_description(code: &Code) -> String {
    let text = code.explanation_text();
    let mut lines = text.lines();
    let has_heading = lines.by_ref().any(|line| {
        line.trim_start_matches(['#', '*', '_', ' '])
            .to_ascii_lowercase()
            .starts_with("what it does")
    });
    if has_heading {
        let paragraph: Vec<&str> = lines
            .skip_while(|line| line.trim().is_empty())
            .take_while(|line| !line.trim().is_empty() && !line.starts_with('#'))
            .map(str::trim)
            .collect();
        if !paragraph.is_empty() {
            return paragraph.join(" ");
        }
    }
    code.summary.to_owned()
}

fn result(source: &SourceFile, diagnostic: &Diagnostic, rules: &RuleTable) -> Value {
    let mut text = diagnostic.message.clone();
    for (name, extra) in [("help", &diagnostic.help), ("note", &diagnostic.note)] {
        if let Some(extra) = extra {
            let _ = write!(text, "\n{name}: {extra}");
        }
    }
    let uri = artifact_uri(source.name());
    let mut location = json!({
        "physicalLocation": physical_location(source, &uri, diagnostic.span),
    });
    if let Some(label) = &diagnostic.label {
        location["message"] = json!({ "text": label });
    }
    let mut result = json!({
        "ruleId": diagnostic.code.code,
        "ruleIndex": rules.index.get(diagnostic.code.code),
        "level": level(diagnostic.severity),
        "message": { "text": text },
        "locations": [location],
    });
    if !diagnostic.labels.is_empty() {
        result["relatedLocations"] = diagnostic
            .labels
            .iter()
            .enumerate()
            .map(|(id, label)| {
                json!({
                    "id": id,
                    "physicalLocation": physical_location(source, &uri, Some(label.span)),
                    "message": { "text": label.message },
                })
            })
            .collect();
    }
    // SARIF 2.1.0 §3.55: a fix is a description and the replacements per artifact. Display-only
    // fixes are guesses, not fixes a tool should offer to apply.
    if let Some(fix) = diagnostic
        .fix
        .as_ref()
        .filter(|fix| fix.applicability > crate::Applicability::DisplayOnly)
    {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|edit| {
                json!({
                    "deletedRegion": region(source, edit.span),
                    "insertedContent": { "text": edit.content },
                })
            })
            .collect();
        result["fixes"] = json!([{
            "description": { "text": format!("{} ({})", fix.title, fix.applicability.as_str()) },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri },
                "replacements": replacements,
            }],
        }]);
    }
    result
}

/// A region by line and column, both 1-based, columns in Unicode scalar values.
fn region(source: &SourceFile, span: Span) -> Value {
    let location = Location::new(source, span);
    json!({
        "startLine": location.line,
        "startColumn": location.column,
        "endLine": location.end_line,
        "endColumn": location.end_column,
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn physical_location(source: &SourceFile, uri: &str, span: Option<Span>) -> Value {
    let mut physical = json!({ "artifactLocation": { "uri": uri } });
    if let Some(span) = span {
        physical["region"] = region(source, span);
    }
    physical
}

/// A file name as a SARIF URI reference: forward slashes, `stdin` for `-`, Windows drive paths
/// as `file:///C:/…` (a bare `C:` would read as a URI scheme), and percent-encoding for anything
/// a URI cannot hold (spaces, `#`, `?`, non-ASCII).
fn artifact_uri(name: &str) -> String {
    if name == "-" {
        return "stdin".to_owned();
    }
    let path = name.replace('\\', "/");
    let bytes = path.as_bytes();
    let is_drive_path = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    let mut uri = String::with_capacity(path.len());
    if is_drive_path {
        uri.push_str("file:///");
    }
    for &byte in bytes {
        let keep = byte.is_ascii_alphanumeric()
            || b"-._~/!$&'()*+,;=@".contains(&byte)
            || (byte == b':' && is_drive_path);
        if keep {
            uri.push(char::from(byte));
        } else {
            let _ = write!(uri, "%{byte:02X}");
        }
    }
    uri
}
