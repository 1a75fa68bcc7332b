//! Registry invariants, executable rule documentation, and fixture snapshots.

use std::collections::BTreeSet;
use std::path::Path;

use connspec_diagnostics::render::{Format, RenderOptions, render};
use connspec_diagnostics::{Diagnostic, FileReport, SourceFile};
use connspec_model::{CheckOptions, check_source};

use crate::{LintSettings, codes, lint, rules};

/// Checks and lints `text` as one file, returning every diagnostic.
fn check_and_lint(
    name: &str,
    text: &str,
    settings: &LintSettings,
) -> (SourceFile, Vec<Diagnostic>) {
    let mut file = SourceFile::new(name, text);
    let checked = check_source(&file, &CheckOptions::default());
    let mut diagnostics = checked.diagnostics.clone();
    if let (Some(document), Some(spec)) = (&checked.document, &checked.spec) {
        diagnostics.extend(lint(&file, document, spec, settings));
    }
    if let Some(document) = &checked.document {
        file = file.redacted(&crate::secret_spans(document, checked.kind));
    }
    (file, diagnostics)
}

/// The YAML blocks under a `## heading` of a rule's documentation.
fn yaml_blocks(markdown: &str, heading: &str) -> Vec<String> {
    let Some(section) = markdown.split(&format!("## {heading}\n")).nth(1) else {
        return Vec::new();
    };
    let section = section.split("\n## ").next().unwrap_or(section);
    section
        .split("```yaml\n")
        .skip(1)
        .filter_map(|block| block.split("```").next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn codes_are_unique_and_well_formed() {
    let all: Vec<_> = codes()
        .into_iter()
        .chain(connspec_model::codes::ALL.iter().copied())
        .collect();
    let mut seen_codes = BTreeSet::new();
    let mut seen_names = BTreeSet::new();
    for code in &all {
        let bytes = code.code.as_bytes();
        assert!(
            bytes.len() == 4
                && bytes[0].is_ascii_uppercase()
                && bytes[1..].iter().all(u8::is_ascii_digit),
            "malformed code {}",
            code.code
        );
        assert!(seen_codes.insert(code.code), "duplicate code {}", code.code);
        assert!(seen_names.insert(code.name), "duplicate name {}", code.name);
        assert!(
            code.name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-'),
            "name {} is not kebab-case",
            code.name
        );
        assert!(
            !code.summary.ends_with('.'),
            "{}: summary ends with a period",
            code.code
        );
    }
}

#[test]
fn every_rule_is_documented_with_the_four_sections() {
    for rule in rules() {
        let text = rule.code().explanation_text();
        for heading in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
        ] {
            assert!(
                text.contains(heading),
                "{} lacks `{heading}`",
                rule.code().code
            );
        }
    }
}

fn summary(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code.code, d.message))
        .collect()
}

#[test]
fn every_doc_example_yields_exactly_its_rule_and_every_fix_yields_nothing() {
    let settings = LintSettings::default();
    let mut failures = Vec::new();
    for rule in rules() {
        let code = rule.code();
        let text = code.explanation_text();
        let examples = yaml_blocks(&text, "Example");
        assert!(!examples.is_empty(), "{} has no yaml Example", code.code);
        for example in examples {
            let (_, diagnostics) = check_and_lint("example.yaml", &example, &settings);
            let found: BTreeSet<&str> = diagnostics.iter().map(|d| d.code.code).collect();
            if found != BTreeSet::from([code.code]) {
                failures.push(format!(
                    "{} Example: {:?}",
                    code.code,
                    summary(&diagnostics)
                ));
            }
        }
        for fixed in yaml_blocks(&text, "Use instead") {
            let (_, diagnostics) = check_and_lint("fixed.yaml", &fixed, &settings);
            if !diagnostics.is_empty() {
                failures.push(format!(
                    "{} Use instead: {:?}",
                    code.code,
                    summary(&diagnostics)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

fn fixtures_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/resources/fixtures"))
}

#[test]
fn every_rule_has_fixtures_that_trigger_it() {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut failures = Vec::new();
    for rule in rules() {
        let code = rule.code().code;
        let fixtures: Vec<&String> = names
            .iter()
            .filter(|n| n.starts_with(&format!("{code}_")))
            .collect();
        assert!(
            !fixtures.is_empty(),
            "{code} has no fixture in resources/fixtures"
        );
        for fixture in fixtures {
            let text = std::fs::read_to_string(fixtures_dir().join(fixture)).expect("fixture");
            let settings = LintSettings {
                select: vec![code.to_owned()],
                ignore: Vec::new(),
            };
            let (file, mut diagnostics) = check_and_lint(fixture, &text, &settings);
            // Faults every command refuses are reported whatever the selection; a fixture shows
            // its own rule's findings.
            diagnostics.retain(|d| {
                d.code.code == code || !connspec_semantic::codes::always_reported(d.code)
            });
            if !diagnostics.iter().any(|d| d.code.code == code)
                || !diagnostics.iter().all(|d| d.code.code == code)
            {
                failures.push(format!("{fixture}: {:?}", summary(&diagnostics)));
                continue;
            }
            let all = codes();
            let output = render(
                Format::Human,
                &[FileReport::new(file, diagnostics)],
                &RenderOptions {
                    color: false,
                    codes: &all,
                    tool_version: "test",
                },
            );
            insta::assert_snapshot!(fixture.trim_end_matches(".yaml"), output);
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Configurations the public guides prescribe, which must stay free of warnings and errors
/// (`resources/clean/CODE_*.yaml`: the code that used to fire on it).
#[test]
fn prescribed_configurations_stay_clean() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/resources/clean"));
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("clean fixtures dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 5, "{names:?}");
    let mut failures = Vec::new();
    for name in &names {
        let text = std::fs::read_to_string(dir.join(name)).expect("fixture");
        let (_, diagnostics) = check_and_lint(name, &text, &LintSettings::default());
        let loud: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.severity != connspec_diagnostics::Severity::Info)
            .collect();
        if !loud.is_empty() {
            failures.push(format!("{name}: {:?}", summary(&diagnostics)));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn connectors_library_is_lint_clean() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../connectors"));
    let mut stack = vec![root.to_path_buf()];
    let mut checked = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)
            .expect("connectors")
            .filter_map(Result::ok)
        {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "instances") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "yaml") {
                let text = std::fs::read_to_string(&path).expect("spec");
                let (_, diagnostics) =
                    check_and_lint(&path.display().to_string(), &text, &LintSettings::default());
                assert!(
                    diagnostics.is_empty(),
                    "{}: {:#?}",
                    path.display(),
                    summary(&diagnostics)
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 3, "only {checked} specs found");
}

#[test]
fn selection_by_code_prefix_and_name() {
    let settings = LintSettings {
        select: vec!["P".into()],
        ignore: vec!["unused-scope".into()],
    };
    let unused = rules()
        .iter()
        .find(|r| r.code().code == "P003")
        .expect("P003");
    let unknown = rules()
        .iter()
        .find(|r| r.code().code == "P001")
        .expect("P001");
    let template = rules()
        .iter()
        .find(|r| r.code().code == "T001")
        .expect("T001");
    assert!(!settings.is_enabled(unused.code()));
    assert!(settings.is_enabled(unknown.code()));
    // Selecting `P` does not turn off a fault compile refuses.
    assert!(settings.is_enabled(template.code()));
    assert_eq!(settings.unknown_selectors(&codes()), Vec::<&str>::new());
    let bad = LintSettings {
        select: vec!["Q9".into()],
        ignore: Vec::new(),
    };
    assert_eq!(bad.unknown_selectors(&codes()), vec!["Q9"]);
}

#[test]
fn suppression_comments_need_a_reason_and_must_be_used() {
    let text = "spec_version: 1\nname: demo-x  # connspec: allow M001 -- legacy name kept\nbase_url: https://api.example.com\nauth: { type: none }\nactions:\n  list: { method: GET, path: /items }  # connspec: allow M002 -- nothing here\n  other: { method: GET, path: items }  # connspec: allow M002\n";
    let (_, diagnostics) = check_and_lint("s.yaml", text, &LintSettings::default());
    let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.code).collect();
    assert!(!codes.contains(&"M001"), "{codes:?}");
    assert!(codes.contains(&"S015"), "{codes:?}");
    assert!(codes.contains(&"S016"), "{codes:?}");
    assert!(codes.contains(&"M002"), "{codes:?}");
}

/// A fault every command refuses stays reported whatever `connspec.toml` or a comment says:
/// otherwise `check` would pass what `compile` refuses.
#[test]
fn faults_compile_refuses_cannot_be_turned_off() {
    let text = "spec_version: 1\nname: demo\nsecrets: [KEY]\nbase_url: https://api.example.com\n\
                auth: { type: none }\nactions:\n  list:\n    method: GET\n    path: /items\n    \
                query: { key: \"{{ secrets.KEY }}\" }  # connspec: allow T006 -- we know\n";
    let settings = LintSettings {
        select: Vec::new(),
        ignore: vec!["T".to_owned(), "T006".to_owned()],
    };
    let (_, diagnostics) = check_and_lint("spec.yaml", text, &settings);
    let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.code).collect();
    assert!(codes.contains(&"T006"), "{codes:?}");
    assert!(
        diagnostics
            .iter()
            .any(|d| d.code.code == "S016" && d.message.contains("cannot be suppressed")),
        "{codes:?}"
    );
}

#[test]
fn literal_secrets_of_an_instance_file_are_masked_and_source_references_are_not() {
    let text = "instance_version: 1\nvalues:\n  domain: acme.coupahost.com\nsecrets:\n  \
                A: \"quoted s3cret+/=\"\n  B: plain-s3cret\n  C: 4242424242\n  D: true\n  \
                E: { value: mapped-s3cret }\n  F: [listed-s3cret]\n  G: |\n    block-s3cret\n  \
                H: envx:lookalike-s3cret\n  I: env:FROM_ENV\n  J: dotenv:FROM_DOTENV\n  \
                K: file:secrets/k.txt\n";
    let checked = crate::check_and_lint(
        "acme.yaml",
        text.as_bytes(),
        &CheckOptions::default(),
        &LintSettings::default(),
    );
    assert_eq!(checked.checked.kind, connspec_model::DocumentKind::Instance);
    let shown = checked.shown.text();
    for secret in [
        "quoted s3cret",
        "plain-s3cret",
        "4242424242",
        "true",
        "mapped-s3cret",
        "listed-s3cret",
        "block-s3cret",
        "lookalike-s3cret",
    ] {
        assert!(!shown.contains(secret), "`{secret}` is shown:\n{shown}");
    }
    for kept in [
        "domain: acme.coupahost.com",
        "I: env:FROM_ENV",
        "J: dotenv:FROM_DOTENV",
        "K: file:secrets/k.txt",
        "\n  H: ",
        "\n  I: ",
    ] {
        assert!(shown.contains(kept), "`{kept}` is masked:\n{shown}");
    }
    assert_eq!(shown.len(), text.len(), "offsets are kept");

    // In a spec, `secrets:` lists names, which are not masked.
    let spec =
        "spec_version: 1\nname: demo\nsecrets: [API_KEY]\nbase_url: https://api.example.com\n";
    let checked = crate::check_and_lint(
        "spec.yaml",
        spec.as_bytes(),
        &CheckOptions::default(),
        &LintSettings::default(),
    );
    assert_eq!(checked.shown.text(), spec);
}
