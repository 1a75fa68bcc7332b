//! `JUnit` XML output for CI systems that show test reports (GitLab, Jenkins, Azure DevOps).
//!
//! Every checked file is one test case. A file with error-level diagnostics fails with one
//! `<failure>` listing its errors, one `path:line:col: CODE message` per line; warnings and
//! infos do not fail a file (they do not fail `connspec check` either) and are listed in the
//! test case's `<system-out>`, each line starting with its severity.
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <testsuites name="connspec" tests="2" failures="1">
//!   <testsuite name="connspec check" tests="2" failures="1">
//!     <testcase name="connectors/coupa.yaml" classname="connspec.check">
//!       <failure message="1 error" type="error">connectors/coupa.yaml:4:3: S010 unknown key `clent_id`</failure>
//!     </testcase>
//!     <testcase name="connectors/other.yaml" classname="connspec.check"/>
//!   </testsuite>
//! </testsuites>
//! ```

use std::fmt::Write as _;

use super::{Location, plural};
use crate::{Diagnostic, FileReport, Severity, SourceFile};

pub(super) fn render(reports: &[FileReport]) -> String {
    let tests = reports.len();
    let failures = reports.iter().filter(|report| report.has_errors()).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"connspec\" tests=\"{tests}\" failures=\"{failures}\">"
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"connspec check\" tests=\"{tests}\" failures=\"{failures}\">"
    );
    for report in reports {
        test_case(&mut out, report);
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

fn test_case(out: &mut String, report: &FileReport) {
    let name = escape(report.source.name());
    let (errors, others): (Vec<&Diagnostic>, Vec<&Diagnostic>) = report
        .diagnostics
        .iter()
        .partition(|diagnostic| diagnostic.severity == Severity::Error);
    if errors.is_empty() && others.is_empty() {
        let _ = writeln!(
            out,
            "    <testcase name=\"{name}\" classname=\"connspec.check\"/>"
        );
        return;
    }
    let _ = writeln!(
        out,
        "    <testcase name=\"{name}\" classname=\"connspec.check\">"
    );
    if !errors.is_empty() {
        let lines: Vec<String> = errors
            .iter()
            .map(|diagnostic| line(&report.source, diagnostic))
            .collect();
        let _ = writeln!(
            out,
            "      <failure message=\"{}\" type=\"error\">{}</failure>",
            plural(errors.len(), "error"),
            escape(&lines.join("\n"))
        );
    }
    if !others.is_empty() {
        let lines: Vec<String> = others
            .iter()
            .map(|diagnostic| {
                format!(
                    "{}: {}",
                    diagnostic.severity.as_str(),
                    line(&report.source, diagnostic)
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "      <system-out>{}</system-out>",
            escape(&lines.join("\n"))
        );
    }
    out.push_str("    </testcase>\n");
}

/// `path:line:col: CODE message`, or `path: CODE message` without a span.
fn line(source: &SourceFile, diagnostic: &Diagnostic) -> String {
    let position = diagnostic.span.map_or_else(String::new, |span| {
        let location = Location::new(source, span);
        format!(":{}:{}", location.line, location.column)
    });
    format!(
        "{}{position}: {} {}",
        source.name(),
        diagnostic.code.code,
        diagnostic.message
    )
}

/// Escapes text for XML content and attribute values, and drops characters XML 1.0 cannot
/// hold at all (controls other than tab, newline and carriage return; U+FFFE and U+FFFF),
/// which a message quoting a broken file could otherwise smuggle in and make the report
/// unparsable.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}
