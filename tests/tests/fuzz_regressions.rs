//! Every input a fuzz target crashed on (`tests/cases/fuzz/`, see its README), replayed through
//! the same pipeline and the same assertions as the target, so a fixed crash stays fixed even
//! where no fuzzer runs.

use std::fs;
use std::path::{Path, PathBuf};

use connspec_compile::output::{self, Format};
use connspec_compile::{InstanceInput, Origin, Overrides, RuntimeInputs, SpecInput, Target};
use connspec_diagnostics::render::{Format as DiagnosticFormat, RenderOptions, render};
use connspec_diagnostics::{Diagnostic, FileReport, SourceFile};
use connspec_lint::LintSettings;
use connspec_model::{CheckOptions, CheckedFile};

fn cases(kind: &str) -> Vec<PathBuf> {
    let dir = connspec_tests::project_root()
        .join("tests/cases/fuzz")
        .join(kind);
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.file_name().is_some_and(|n| n != ".gitkeep"));
    paths.sort();
    paths
}

/// The fuzz targets' invariant: every span inside its file and on character boundaries.
fn assert_spans_in_bounds(case: &Path, file: &SourceFile, diagnostics: &[Diagnostic]) {
    let text = file.text();
    for diagnostic in diagnostics {
        for span in diagnostic
            .span
            .into_iter()
            .chain(diagnostic.labels.iter().map(|l| l.span))
        {
            assert!(
                span.start <= span.end
                    && span.end <= text.len()
                    && text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end),
                "{}: {} has span {span:?} in a {}-byte file",
                case.display(),
                diagnostic.code.code,
                text.len()
            );
        }
    }
}

fn render_every_format(file: &SourceFile, diagnostics: Vec<Diagnostic>) {
    let reports = [FileReport::new(file.clone(), diagnostics)];
    let options = RenderOptions {
        color: false,
        codes: &[],
        tool_version: "test",
    };
    for format in [
        DiagnosticFormat::Human,
        DiagnosticFormat::Json,
        DiagnosticFormat::Sarif,
        DiagnosticFormat::Github,
        DiagnosticFormat::Junit,
    ] {
        let _ = render(format, &reports, &options);
    }
}

fn check(path: &Path) -> (SourceFile, CheckedFile, Vec<Diagnostic>) {
    let bytes = fs::read(path).expect("case readable");
    let checked = connspec_lint::check_and_lint(
        &path.display().to_string(),
        &bytes,
        &CheckOptions::default(),
        &LintSettings::default(),
    );
    let diagnostics = checked.checked.diagnostics.clone();
    assert_spans_in_bounds(path, &checked.file, &diagnostics);
    (checked.file, checked.checked, diagnostics)
}

#[test]
fn check_cases_keep_their_spans_in_bounds() {
    let all = cases("check");
    assert!(!all.is_empty(), "the check regressions are missing");
    for case in all {
        let (file, _, diagnostics) = check(&case);
        // Every case is hostile input: it must be refused with a finding, not pass.
        assert!(
            diagnostics
                .iter()
                .any(|d| d.severity == connspec_diagnostics::Severity::Error),
            "{}: {diagnostics:?}",
            case.display()
        );
        render_every_format(&file, diagnostics);
    }
}

/// The `import_curl` target's invariant: what the importer prints is YAML that loads.
#[test]
fn curl_cases_convert_to_yaml_that_loads_or_are_refused() {
    let all = cases("curl");
    assert!(!all.is_empty(), "the curl regressions are missing");
    for case in all {
        let command = fs::read_to_string(&case).expect("case readable");
        let Ok(request) = connspec_import::parse_curl(&command) else {
            continue;
        };
        for provider in [None, Some("coupa".to_owned())] {
            let options = connspec_import::ConvertOptions {
                provider,
                ..connspec_import::ConvertOptions::default()
            };
            let Ok(conversion) = connspec_import::convert(&request, &options) else {
                continue;
            };
            for text in [
                connspec_import::render_fragment(&conversion),
                connspec_import::render_full_spec(&conversion),
            ] {
                // A credential header's value is never copied (the `import_curl` target checks
                // it differentially; here, values long and unique enough to be unmistakable).
                for (name, value) in &request.headers {
                    let lower = name.to_ascii_lowercase();
                    let credential = ["authorization", "cookie", "key", "token", "secret"]
                        .iter()
                        .chain(&["auth", "signature", "password", "passwd", "session"])
                        .any(|word| lower.contains(word));
                    let value = value.trim();
                    if credential && value.len() >= 16 && command.matches(value).count() == 1 {
                        assert!(
                            !text.contains(value),
                            "{}: the `{name}` header's value was copied",
                            case.display()
                        );
                    }
                }
                let (file, _) = connspec_model::yaml::decode("imported.yaml", text.as_bytes());
                let (document, diagnostics) =
                    connspec_model::yaml::load(&file, &connspec_model::yaml::Limits::default());
                assert!(
                    document.is_some() && diagnostics.iter().all(|d| d.code.code != "S001"),
                    "{}: {diagnostics:?}",
                    case.display()
                );
            }
        }
    }
}

#[test]
fn render_cases_keep_spans_in_bounds_and_secrets_out() {
    let all = cases("render");
    assert!(!all.is_empty(), "the render regressions are missing");
    for case in all {
        let (spec_file, spec, _) = check(&case.join("spec.yaml"));
        let (instance_file, instance, _) = check(&case.join("instance.yaml"));
        let (Some(spec_document), Some(spec_model)) = (&spec.document, &spec.spec) else {
            continue;
        };
        let (Some(instance_document), Some(instance_model)) =
            (&instance.document, &instance.instance)
        else {
            continue;
        };
        let spec_input = SpecInput {
            file: &spec_file,
            document: spec_document,
            spec: spec_model,
        };
        let instance_input = InstanceInput {
            file: &instance_file,
            document: instance_document,
            instance: instance_model,
        };
        let overrides = Overrides::default();
        let compiled =
            connspec_compile::compile(spec_input, instance_input, &Target::ALL, &overrides);
        for diagnostic in &compiled.diagnostics {
            let file = match diagnostic.origin {
                Origin::Spec => &spec_file,
                Origin::Instance => &instance_file,
            };
            assert_spans_in_bounds(&case, file, std::slice::from_ref(&diagnostic.diagnostic));
        }
        let secret = "CANARY0123456789abcdefZ";
        for format in [Format::Text, Format::Markdown, Format::Json] {
            let text = output::render(format, &compiled.outputs);
            assert!(!text.contains(secret), "{}", case.display());
            // No target writes a statement or comment opener of its own: one in an output
            // came from the spec, and a target would read it as template syntax.
            for opener in ["{%", "{#"] {
                assert!(
                    compiled.has_errors() || !text.contains(opener),
                    "{}: `{opener}` reached an output",
                    case.display()
                );
            }
        }
        let mut given = RuntimeInputs::default();
        for name in spec_model
            .secrets
            .iter()
            .map(connspec_model::spec::SecretDeclaration::name)
        {
            given.secrets.insert(name.to_owned(), secret.to_owned());
        }
        let (connector, diagnostics) =
            connspec_compile::runtime(spec_input, instance_input, &overrides, &given);
        assert!(
            !format!("{connector:?} {diagnostics:?}").contains(secret),
            "{}",
            case.display()
        );
    }
}
