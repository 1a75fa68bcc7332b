//! JSON output: one stable document for scripts and editor integrations.
//!
//! The document is pretty-printed with two-space indentation and ends with a newline. Every
//! field is always present; absent values are `null`, never omitted, so consumers need no
//! "has key" checks. Fields are only ever added, with `version` raised if one changes meaning.
//!
//! ```json
//! {
//!   "version": 1,
//!   "summary": { "files": 2, "errors": 1, "warnings": 1, "infos": 0 },
//!   "files": [
//!     {
//!       "path": "connectors/coupa.yaml",
//!       "diagnostics": [
//!         {
//!           "code": "S010",
//!           "name": "unknown-key",
//!           "severity": "error",
//!           "message": "unknown key `clent_id`",
//!           "location": {
//!             "line": 4, "column": 3, "end_line": 4, "end_column": 11,
//!             "byte_start": 52, "byte_end": 60
//!           },
//!           "label": "not a known key",
//!           "labels": [
//!             {
//!               "message": "in this mapping",
//!               "location": {
//!                 "line": 2, "column": 1, "end_line": 2, "end_column": 5,
//!                 "byte_start": 12, "byte_end": 16
//!               }
//!             }
//!           ],
//!           "help": "did you mean `client_id`?",
//!           "note": null,
//!           "url": "https://github.com/connspec/connspec/blob/main/docs/rules.md#s010",
//!           "fix": {
//!             "title": "replace with `client_id`",
//!             "applicability": "safe",
//!             "edits": [
//!               {
//!                 "location": {
//!                   "line": 4, "column": 3, "end_line": 4, "end_column": 11,
//!                   "byte_start": 52, "byte_end": 60
//!                 },
//!                 "content": "client_id"
//!               }
//!             ]
//!           }
//!         }
//!       ]
//!     },
//!     { "path": "connectors/other.yaml", "diagnostics": [] }
//!   ]
//! }
//! ```
//!
//! - `summary.files` counts every file checked; `files` lists all of them in the order they were
//!   given, including files without findings.
//! - `severity` is `"error"`, `"warning"` or `"info"`. Only errors fail `connspec check`.
//! - `location` is `null` for file-level problems (an unreadable file). Lines are 1-based;
//!   columns are 1-based and count Unicode scalar values, as editors do. `end_line` and
//!   `end_column` give the position just after the span (so an empty span has
//!   `end_column == column`). `byte_start`/`byte_end` are a half-open byte range into the file,
//!   clamped to the text and to character boundaries.
//! - `label` is the text under the primary caret; `labels` are secondary locations, each with a
//!   `message` and a `location` of the same shape.
//! - `help` is a suggested fix, `note` extra context; both may be `null`.
//! - `url` documents the code.
//! - `fix` is the repair when the rule knows one, else `null`: a `title`, an `applicability`
//!   (`"safe"`: `connspec check --fix` applies it; `"unsafe"`: only with `--unsafe-fixes`;
//!   `"display-only"`: never applied) and `edits`, each replacing the bytes of its `location`
//!   with `content` (an empty location inserts, an empty content deletes).

use serde::Serialize;

use super::{Location, Totals};
use crate::{Diagnostic, FileReport, SourceFile};

/// Raised when a field changes meaning or disappears; additions keep the version.
const VERSION: u32 = 1;

pub(super) fn render(reports: &[FileReport]) -> String {
    let mut out = Vec::new();
    // Writing plain structs of strings and integers into memory cannot fail.
    let _ = write(reports, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Streams the document to `out`, so a run over many files never holds all of it in memory.
pub(super) fn write(reports: &[FileReport], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let totals = Totals::of(reports);
    let document = Document {
        version: VERSION,
        summary: Summary {
            files: totals.files,
            errors: totals.errors,
            warnings: totals.warnings,
            infos: totals.infos,
        },
        files: reports
            .iter()
            .map(|report| File {
                path: report.source.name(),
                diagnostics: report
                    .diagnostics
                    .iter()
                    .map(|diagnostic| JsonDiagnostic::new(&report.source, diagnostic))
                    .collect(),
            })
            .collect(),
    };
    crate::pretty::to_writer(&mut *out, &document)?;
    out.write_all(b"\n")
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    summary: Summary,
    files: Vec<File<'a>>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    location: Option<Location>,
    label: Option<&'a str>,
    labels: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
    note: Option<&'a str>,
    url: String,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    applicability: &'static str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    location: Location,
    content: &'a str,
}

impl<'a> JsonDiagnostic<'a> {
    fn new(source: &SourceFile, diagnostic: &'a Diagnostic) -> Self {
        Self {
            code: diagnostic.code.code,
            name: diagnostic.code.name,
            severity: diagnostic.severity.as_str(),
            message: &diagnostic.message,
            location: diagnostic.span.map(|span| Location::new(source, span)),
            label: diagnostic.label.as_deref(),
            labels: diagnostic
                .labels
                .iter()
                .map(|label| JsonLabel {
                    message: &label.message,
                    location: Location::new(source, label.span),
                })
                .collect(),
            help: diagnostic.help.as_deref(),
            note: diagnostic.note.as_deref(),
            url: diagnostic.code.help_uri(),
            fix: diagnostic.fix.as_ref().map(|fix| JsonFix {
                title: &fix.title,
                applicability: fix.applicability.as_str(),
                edits: fix
                    .edits
                    .iter()
                    .map(|edit| JsonEdit {
                        location: Location::new(source, edit.span),
                        content: &edit.content,
                    })
                    .collect(),
            }),
        }
    }
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    message: &'a str,
    location: Location,
}
