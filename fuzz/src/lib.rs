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
        Format::Gitlab,
    ] {
        let _ = render(format, &reports, &options);
    }
}

/// The semantic layer's invariant on one checked spec: for an instance file built from
/// `choice` (values right, wrong or missing; sandbox or not), `connspec check --instance`
/// reports an error exactly when `connspec compile` refuses, and every error compile gives,
/// check gave at the same place under the same code.
pub fn assert_check_matches_compile(spec: &connspec_lint::CheckedSource, choice: u8) {
    let Some(model) = &spec.checked.spec else {
        return;
    };
    let mut values = serde_json::Map::new();
    for (index, (name, parameter)) in model.instance.iter().enumerate() {
        let pick = (usize::from(choice) >> (index % 4)) & 3;
        let value = match pick {
            0 => parameter
                .example
                .as_ref()
                .or(parameter.default.as_ref())
                .map_or_else(|| serde_json::json!("acme.example.com"), |v| v.0.clone()),
            1 => serde_json::json!("https://acme.example.com/"),
            2 => serde_json::json!("127.0.0.1:9443"),
            _ => continue,
        };
        values.insert(name.clone(), value);
    }
    let secrets: serde_json::Map<String, serde_json::Value> = model
        .secrets
        .iter()
        .map(|s| {
            (
                s.name().to_owned(),
                serde_json::json!(format!("env:FUZZ_{}", s.name())),
            )
        })
        .collect();
    let instance_text = serde_json::json!({
        "instance_version": 1,
        "sandbox": choice & 0x80 != 0,
        "values": values,
        "secrets": secrets,
    })
    .to_string();
    assert_check_matches_compile_for(spec, &instance_text);
}

/// [`assert_check_matches_compile`] for a given instance file's text.
pub fn assert_check_matches_compile_for(spec: &connspec_lint::CheckedSource, instance_text: &str) {
    use connspec_compile::{InstanceInput, Origin, Overrides, SpecInput, Target, compile};
    use connspec_diagnostics::Severity;

    let (Some(document), Some(model)) = (&spec.checked.document, &spec.checked.spec) else {
        return;
    };
    let instance = connspec_lint::check_and_lint(
        "instance.json",
        instance_text.as_bytes(),
        &connspec_model::CheckOptions::default(),
        &connspec_lint::LintSettings::default(),
    );
    let (Some(instance_document), Some(instance_model)) =
        (&instance.checked.document, &instance.checked.instance)
    else {
        return;
    };
    let spec_input = SpecInput {
        file: &spec.file,
        document,
        spec: model,
    };
    let instance_input = InstanceInput {
        file: &instance.file,
        document: instance_document,
        instance: instance_model,
    };
    let is_error = |d: &Diagnostic| d.severity == Severity::Error;
    let files_err = spec.checked.diagnostics.iter().any(is_error)
        || instance.checked.diagnostics.iter().any(is_error);
    let from_check = connspec_lint::check_instance(
        spec_input,
        instance_input,
        &connspec_lint::LintSettings::default(),
    );
    let check_errs = files_err || from_check.iter().any(|l| is_error(&l.diagnostic));
    let compiled = compile(
        spec_input,
        instance_input,
        &Target::ALL,
        &Overrides::default(),
    );
    assert_eq!(
        check_errs,
        files_err || compiled.has_errors(),
        "check --instance and compile disagree: check {:?}, compile {:?}",
        from_check,
        compiled.diagnostics
    );
    for located in compiled
        .diagnostics
        .iter()
        .filter(|l| is_error(&l.diagnostic))
    {
        let d = &located.diagnostic;
        let same = |origin: Origin, c: &Diagnostic| {
            origin == located.origin && c.code.code == d.code.code && c.span == d.span
        };
        assert!(
            spec.checked
                .diagnostics
                .iter()
                .any(|c| same(Origin::Spec, c))
                || from_check.iter().any(|c| same(c.origin, &c.diagnostic)),
            "compile's {} at {:?} is not among check's findings",
            d.code.code,
            d.span
        );
    }
}
