//! What every fuzz target asserts beyond "no panic": diagnostics point inside their file, on
//! character boundaries, and every renderer accepts them.

use connspec_diagnostics::render::{Format, RenderOptions, render};
use connspec_diagnostics::{Diagnostic, FileReport, SourceFile};

/// Panics (a finding for libFuzzer) when a diagnostic's span or label span leaves `file` or
/// splits a character.
pub fn assert_spans_in_bounds(file: &SourceFile, diagnostics: &[Diagnostic]) {
    let text = file.text();
    for diagnostic in diagnostics {
        let spans = diagnostic
            .span
            .into_iter()
            .chain(diagnostic.labels.iter().map(|label| label.span));
        for span in spans {
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{}: span {span:?} outside a {}-byte file",
                diagnostic.code.code,
                text.len()
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{}: span {span:?} splits a character",
                diagnostic.code.code
            );
        }
    }
}

/// Renders `diagnostics` in every format, as `connspec check --format …` would.
pub fn render_every_format(file: &SourceFile, diagnostics: Vec<Diagnostic>) {
    let reports = [FileReport::new(file.clone(), diagnostics)];
    let options = RenderOptions {
        color: false,
        codes: &[],
        tool_version: "fuzz",
    };
    for format in [
        Format::Human,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Junit,
    ] {
        let _ = render(format, &reports, &options);
    }
}
