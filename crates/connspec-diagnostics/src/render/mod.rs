//! Renderers: one module per output format, all taking the same [`FileReport`]s.
//!
//! Every renderer is a pure function to a `String`, so output is snapshot-testable and the
//! CLI alone decides where it goes.
//!
//! Spans come from many stages and may be stale or sloppy (past the end of the text, inside a
//! multi-byte character), so every renderer goes through `clamp_span` and `Location` and
//! never slices the source with a raw span.

mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;

#[cfg(test)]
mod tests;

use crate::{Code, FileReport, Severity, SourceFile, Span};

/// An output format of `connspec check` and friends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// rustc-like snippets with carets.
    Human,
    /// A stable JSON document (documented in the README).
    Json,
    /// SARIF 2.1.0 for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…,line=…::message`).
    Github,
    /// `JUnit` XML, one test case per file.
    Junit,
    /// GitLab Code Quality (`artifacts:reports:codequality`).
    Gitlab,
}

/// What renderers need besides the reports.
#[derive(Debug, Clone)]
pub struct RenderOptions<'a> {
    /// ANSI colours in human output.
    pub color: bool,
    /// Every code the tool can emit, for SARIF rule metadata.
    pub codes: &'a [&'static Code],
    /// The tool version for SARIF `tool.driver.version`.
    pub tool_version: &'a str,
}

/// Renders `reports` in `format`.
pub fn render(format: Format, reports: &[FileReport], options: &RenderOptions<'_>) -> String {
    match format {
        Format::Human => human::render(reports, options.color),
        Format::Json => json::render(reports),
        Format::Sarif => sarif::render(reports, options),
        // Workflow commands are read in CI logs: no control character may act there.
        Format::Github => crate::terminal::escape(&github::render(reports)).into_owned(),
        Format::Junit => junit::render(reports),
        Format::Gitlab => gitlab::render(reports),
    }
}

/// Writes `reports` in `format` to `out`: the same bytes as [`render`], but the JSON document
/// is streamed instead of built in memory first.
///
/// # Errors
/// When `out` fails.
pub fn write(
    format: Format,
    reports: &[FileReport],
    options: &RenderOptions<'_>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => json::write(reports, out),
        _ => out.write_all(render(format, reports, options).as_bytes()),
    }
}

/// How many files and findings of each severity a run produced; every summary line and
/// summary object is built from this one count so the formats never disagree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Totals {
    files: usize,
    /// Files with at least one diagnostic of any severity.
    files_with_diagnostics: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    /// Findings whose fix `connspec check --fix` applies, and those only `--unsafe-fixes` does.
    safe_fixes: usize,
    unsafe_fixes: usize,
}

impl Totals {
    fn of(reports: &[FileReport]) -> Self {
        let mut totals = Self {
            files: reports.len(),
            ..Self::default()
        };
        for report in reports {
            if !report.diagnostics.is_empty() {
                totals.files_with_diagnostics += 1;
            }
            for diagnostic in &report.diagnostics {
                match diagnostic.severity {
                    Severity::Error => totals.errors += 1,
                    Severity::Warning => totals.warnings += 1,
                    Severity::Info => totals.infos += 1,
                }
                match diagnostic.fix.as_ref().map(|fix| fix.applicability) {
                    Some(crate::Applicability::Safe) => totals.safe_fixes += 1,
                    Some(crate::Applicability::Unsafe) => totals.unsafe_fixes += 1,
                    _ => {}
                }
            }
        }
        totals
    }

    fn diagnostics(self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// Clamps `span` into `source`'s text; see [`SourceFile::clamp_span`].
fn clamp_span(source: &SourceFile, span: Span) -> Span {
    source.clamp_span(span)
}

/// A span as editors show it: 1-based lines, 1-based columns in Unicode scalar values, and the
/// clamped byte range. The end is the position just after the span (`end_column` is the column
/// of the span's end offset), which is what LSP, SARIF and GitHub annotations expect.
///
/// Its field names are the JSON format's, which serializes it as is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
struct Location {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
}

impl Location {
    fn new(source: &SourceFile, span: Span) -> Self {
        let span = clamp_span(source, span);
        let start = source.line_col(span.start);
        let end = source.line_col(span.end);
        Self {
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            byte_start: span.start,
            byte_end: span.end,
        }
    }
}

/// `1 error`, `2 warnings`: English plurals for summary lines.
fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
