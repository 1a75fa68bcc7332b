//! `JUnit` XML output for CI systems that show test reports (GitLab, Jenkins, Azure DevOps).
//!
//! Every checked file is one test case. A file with error-level diagnostics fails with one
//! `<failure>` listing its errors, one `path:line:col: CODE message` per line; warnings and
//! infos do not fail a file (they do not fail `connspec check` either) and are listed in the
//! test case's `<system-out>`, each line starting with its severity. The XML itself is
//! written by [`crate::junit::JunitXml`].
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

use super::{Location, plural};
use crate::junit::JunitXml;
use crate::{Diagnostic, FileReport, Severity, SourceFile};

pub(super) fn render(reports: &[FileReport]) -> String {
    let tests = reports.len();
    let failures = reports.iter().filter(|report| report.has_errors()).count();
    let mut xml = JunitXml::new();
    xml.open(
        "testsuites",
        &[
            ("name", &"connspec"),
            ("tests", &tests),
            ("failures", &failures),
        ],
    )
    .newline();
    xml.indent(1)
        .open(
            "testsuite",
            &[
                ("name", &"connspec check"),
                ("tests", &tests),
                ("failures", &failures),
            ],
        )
        .newline();
    for report in reports {
        test_case(&mut xml, report);
    }
    xml.indent(1).close("testsuite").newline();
    xml.close("testsuites").newline();
    xml.finish()
}

fn test_case(xml: &mut JunitXml, report: &FileReport) {
    let attributes = [
        ("name", &report.source.name() as &dyn std::fmt::Display),
        ("classname", &"connspec.check"),
    ];
    let (errors, others): (Vec<&Diagnostic>, Vec<&Diagnostic>) = report
        .diagnostics
        .iter()
        .partition(|diagnostic| diagnostic.severity == Severity::Error);
    if errors.is_empty() && others.is_empty() {
        xml.indent(2).empty("testcase", &attributes).newline();
        return;
    }
    xml.indent(2).open("testcase", &attributes).newline();
    if !errors.is_empty() {
        let lines: Vec<String> = errors
            .iter()
            .map(|diagnostic| line(&report.source, diagnostic))
            .collect();
        xml.indent(3)
            .element(
                "failure",
                &[
                    ("message", &plural(errors.len(), "error")),
                    ("type", &"error"),
                ],
                &lines.join("\n"),
            )
            .newline();
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
        xml.indent(3)
            .element("system-out", &[], &lines.join("\n"))
            .newline();
    }
    xml.indent(2).close("testcase").newline();
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
