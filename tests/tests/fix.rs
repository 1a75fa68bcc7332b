//! `connspec check --fix`, `--unsafe-fixes` and `--diff` on golden cases (`tests/cases/fix/`):
//! the diff and the fixed file are snapshots, fixing twice changes nothing, and the fixed file
//! has no finding a fix could repair. A property test: safe fixes never add an error.

mod common;

use std::path::Path;

use common::{connspec, run};
use connspec_diagnostics::{Applicability, Severity, apply_fixes};
use connspec_tests::project_root;
use proptest::prelude::*;

/// `--unsafe-fixes` for the cases whose name says so, `--fix` for the others.
fn fix_flag(case: &str) -> &'static str {
    if case.contains("unsafe") {
        "--unsafe-fixes"
    } else {
        "--fix"
    }
}

#[test]
fn golden_fix_cases_diff_fix_and_stay_fixed() {
    insta::glob!("../cases/fix", "*.yaml", |path| {
        let case = path
            .file_name()
            .expect("a file name")
            .to_string_lossy()
            .into_owned();
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::copy(path, dir.path().join(&case)).expect("copy the case");
        let flag = fix_flag(&case);
        let mut diff_args = vec!["check", "--no-config", "--diff", case.as_str()];
        if flag == "--unsafe-fixes" {
            diff_args.push("--unsafe-fixes");
        }
        let diff = run(connspec().current_dir(dir.path()).args(&diff_args));
        assert_eq!(
            diff.code,
            1,
            "{case}: fixes were found: {}",
            diff.transcript()
        );
        let original = std::fs::read_to_string(path).expect("read the case");
        assert_eq!(
            std::fs::read_to_string(dir.path().join(&case)).expect("read"),
            original,
            "{case}: --diff wrote the file"
        );
        insta::assert_snapshot!(format!("{case}.diff"), diff.transcript());

        let fixed = run(connspec().current_dir(dir.path()).args([
            "check",
            "--no-config",
            flag,
            case.as_str(),
        ]));
        assert!(
            fixed.stderr.contains("applied"),
            "{case}: {}",
            fixed.transcript()
        );
        let after = std::fs::read_to_string(dir.path().join(&case)).expect("read");
        insta::assert_snapshot!(format!("{case}.fixed"), after);

        // Idempotent: a second run finds nothing to fix and leaves the file as it was.
        let again = run(connspec().current_dir(dir.path()).args([
            "check",
            "--no-config",
            flag,
            case.as_str(),
        ]));
        assert!(
            !again.stderr.contains("applied"),
            "{case}: {}",
            again.transcript()
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join(&case)).expect("read"),
            after,
            "{case}: fixing twice changed the file"
        );
        let mut diff_args = vec!["check", "--no-config", "--diff", case.as_str()];
        if flag == "--unsafe-fixes" {
            diff_args.push("--unsafe-fixes");
        }
        let clean = run(connspec().current_dir(dir.path()).args(&diff_args));
        assert_eq!(clean.code, 0, "{case}: {}", clean.transcript());
        assert!(clean.stdout.is_empty(), "{case}: {}", clean.stdout);
    });
}

/// Every spec the repository holds: connectors, golden check cases, rule fixtures, fix cases.
fn corpus() -> Vec<(String, String)> {
    let root = project_root();
    let mut out = Vec::new();
    for folder in [
        "connectors",
        "tests/cases/check",
        "tests/cases/fix",
        "crates/connspec-lint/resources/fixtures",
    ] {
        collect(&root.join(folder), &mut out);
    }
    out.sort();
    out
}

fn collect(dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml")
            && let Ok(text) = std::fs::read_to_string(&path)
        {
            out.push((path.display().to_string(), text));
        }
    }
}

/// The errors of `text`, as (code, message) pairs.
fn errors(text: &str) -> Vec<(String, String)> {
    let checked = connspec_lint::check_and_lint(
        "spec.yaml",
        text.as_bytes(),
        &connspec_model::CheckOptions::default(),
        &connspec_lint::LintSettings::default(),
    );
    let mut errors: Vec<(String, String)> = checked
        .checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code.code.to_owned(), d.message.clone()))
        .collect();
    errors.sort();
    errors
}

/// Applies the safe fixes of `text` round after round, as `--fix` does.
fn fix_safely(text: &str) -> String {
    let mut current = text.to_owned();
    for _ in 0..100 {
        let checked = connspec_lint::check_and_lint(
            "spec.yaml",
            current.as_bytes(),
            &connspec_model::CheckOptions::default(),
            &connspec_lint::LintSettings::default(),
        );
        let fixes = checked
            .checked
            .diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref());
        let (next, applied) = apply_fixes(&current, fixes, Applicability::Safe);
        if applied == 0 {
            break;
        }
        current = next;
    }
    current
}

/// A corpus spec and the same spec with one word misspelt (two neighbouring letters swapped),
/// the typo a fix most often repairs. Only specs that pass the schema are taken: in one that
/// does not, a first fault can hide what the typo does (the value of an unknown key is never
/// checked), and repairing the first would show it.
fn misspelt() -> impl Strategy<Value = (String, String, String)> {
    let corpus: Vec<(String, String)> = corpus()
        .into_iter()
        .filter(|(_, text)| !errors(text).iter().any(|(code, _)| code.starts_with('S')))
        .collect();
    assert!(
        corpus.len() > 20,
        "only {} specs pass the schema",
        corpus.len()
    );
    (0..corpus.len(), any::<prop::sample::Index>()).prop_map(move |(index, at)| {
        let (name, text) = corpus[index].clone();
        let letters: Vec<usize> = text
            .char_indices()
            .zip(text.chars().skip(1))
            .filter(|((_, a), b)| a.is_ascii_lowercase() && b.is_ascii_lowercase() && a != b)
            .map(|((i, _), _)| i)
            .collect();
        if letters.is_empty() {
            return (name, text.clone(), text);
        }
        let i = letters[at.index(letters.len())];
        let mut bytes = text.clone().into_bytes();
        bytes.swap(i, i + 1);
        (
            name,
            text,
            String::from_utf8(bytes).expect("ASCII letters swapped"),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// Safe fixes never add an error. Repairing a misspelt key can bring errors to light that
    /// were there but hidden: a schema error stops the rules, and the value of an unknown key
    /// is not checked. So, counted by code: schema or syntax errors (`S`) after fixing are no
    /// more than in the misspelt spec or in the spec before the typo; and when the rules ran
    /// before (no `S` error), no code has more errors after fixing than before.
    #[test]
    fn safe_fixes_never_introduce_a_new_error((name, original, text) in misspelt()) {
        let mut before = errors(&text);
        before.extend(errors(&original));
        let fixed = fix_safely(&text);
        let after = errors(&fixed);
        let is_schema = |(code, _): &(String, String)| code.starts_with('S');
        let rules_ran = !errors(&text).iter().any(is_schema);
        // By code and count: a renamed variable renames it in other findings' messages too
        // (`inputs.term` in an M005 becomes `inputs.etrm` when the typo was the declaration).
        let count = |list: &[(String, String)], code: &str| list.iter().filter(|(c, _)| c == code).count();
        let misspelt = errors(&text);
        let original = errors(&original);
        for error in &after {
            if rules_ran || is_schema(error) {
                let code = error.0.as_str();
                prop_assert!(
                    count(&after, code) <= count(&misspelt, code).max(count(&original, code)),
                    "{name}: fixing added {error:?}\nbefore: {before:?}\n--- fixed ---\n{fixed}"
                );
            }
        }
    }
}
