//! End-to-end tests of the CLI's session layer: `connspec.toml` applies to every command that
//! reads a spec (check, compile, test, import), and instance files in a spec's `instances/`
//! folder are checked against it without `--instance`.

mod common;

use std::path::Path;

use common::{connspec, run};
use connspec_tests::project_root;

/// A Coupa spec with one scope too many: `unused-scope` (P003), a warning.
fn spec_with_unused_scope() -> String {
    let spec =
        std::fs::read_to_string(project_root().join("connectors/coupa/expense-reports.yaml"))
            .expect("reads the spec");
    let widened = spec.replace(
        "scopes: [core.expense.read]",
        "scopes: [core.expense.read, core.user.read]",
    );
    assert_ne!(
        spec, widened,
        "the spec's scopes line changed; update this test"
    );
    widened
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("creates the folder");
    }
    std::fs::write(path, text).expect("writes");
}

fn ignore_p003(dir: &Path) {
    write(dir, "connspec.toml", "[check]\nignore = [\"P003\"]\n");
}

/// Copies `connectors/coupa` (its specs and `instances/`) into `to`.
fn copy_coupa(to: &Path) {
    let from = project_root().join("connectors/coupa");
    for sub in ["", "instances"] {
        std::fs::create_dir_all(to.join(sub)).expect("creates the folder");
        for entry in std::fs::read_dir(from.join(sub)).expect("lists the folder") {
            let path = entry.expect("an entry").path();
            let is_yaml = path.extension().is_some_and(|e| e == "yaml");
            if path.is_file() && is_yaml {
                let name = path.file_name().expect("a file name");
                std::fs::copy(&path, to.join(sub).join(name)).expect("copies");
            }
        }
    }
}

#[test]
fn the_project_file_selects_the_rules_of_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "spec.yaml", &spec_with_unused_scope());
    let check = || {
        run(connspec()
            .current_dir(dir.path())
            .args(["check", "--color", "never", "spec.yaml"]))
    };
    let before = check();
    assert!(before.stdout.contains("P003"), "{}", before.transcript());
    ignore_p003(dir.path());
    let after = check();
    assert_eq!(after.code, 0, "{}", after.transcript());
    assert!(!after.stdout.contains("P003"), "{}", after.transcript());
}

#[test]
fn the_project_file_selects_the_rules_of_compile() {
    let dir = tempfile::tempdir().expect("temp dir");
    // `limit` over Coupa's page size is `page-limit-exceeded` (P006), an error: compile stops.
    let spec = spec_with_unused_scope();
    let over_limit = spec.replace("      limit: 50\n", "      limit: 500\n");
    assert_ne!(
        spec, over_limit,
        "the spec's `limit` line changed; update this test"
    );
    write(dir.path(), "spec.yaml", &over_limit);
    let instance =
        std::fs::read_to_string(project_root().join("connectors/coupa/instances/acme-test.yaml"))
            .expect("reads the instance");
    write(dir.path(), "instances/acme-test.yaml", &instance);
    let compile = || {
        run(connspec().current_dir(dir.path()).args([
            "compile",
            "--color",
            "never",
            "spec.yaml",
            "-i",
            "instances/acme-test.yaml",
        ]))
    };
    let before = compile();
    assert_eq!(before.code, 1, "{}", before.transcript());
    assert!(before.stderr.contains("P006"), "{}", before.transcript());
    assert!(before.stdout.is_empty(), "{}", before.transcript());
    write(
        dir.path(),
        "connspec.toml",
        "[check]\nignore = [\"P006\"]\n",
    );
    let after = compile();
    assert_eq!(after.code, 0, "{}", after.transcript());
    assert!(!after.stderr.contains("P006"), "{}", after.transcript());
    assert!(
        after.stdout.contains("Endpoint URL"),
        "{}",
        after.transcript()
    );
}

#[test]
fn the_project_file_selects_the_rules_of_test() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "spec.yaml", &spec_with_unused_scope());
    let test = || {
        run(connspec().current_dir(dir.path()).args([
            "test",
            "--color",
            "never",
            "spec.yaml",
            "--sandbox",
        ]))
    };
    let before = test();
    assert_eq!(before.code, 0, "{}", before.transcript());
    assert!(before.stderr.contains("P003"), "{}", before.transcript());
    ignore_p003(dir.path());
    let after = test();
    assert_eq!(after.code, 0, "{}", after.transcript());
    assert!(!after.stderr.contains("P003"), "{}", after.transcript());
}

#[test]
fn the_project_file_selects_the_rules_of_import_curl() {
    let dir = tempfile::tempdir().expect("temp dir");
    let spec =
        std::fs::read_to_string(project_root().join("connectors/coupa/expense-reports.yaml"))
            .expect("reads the spec");
    write(dir.path(), "spec.yaml", &spec);
    // `limit` over Coupa's page size is `page-limit-exceeded` (P006), an error.
    let import = || {
        run(connspec().current_dir(dir.path()).args([
            "import",
            "curl",
            "--spec",
            "spec.yaml",
            "--name",
            "list_many_reports",
            "curl 'https://acme-test.coupahost.com/api/expense_reports?limit=500'",
        ]))
    };
    let refused = import();
    assert_eq!(refused.code, 1, "{}", refused.transcript());
    assert!(refused.stderr.contains("P006"), "{}", refused.transcript());
    let unchanged = std::fs::read_to_string(dir.path().join("spec.yaml")).expect("reads");
    assert_eq!(
        unchanged, spec,
        "nothing is written when the import adds an error"
    );

    write(
        dir.path(),
        "connspec.toml",
        "[check]\nignore = [\"P006\"]\n",
    );
    let added = import();
    assert_eq!(added.code, 0, "{}", added.transcript());
    assert!(!added.stderr.contains("P006"), "{}", added.transcript());
    let edited = std::fs::read_to_string(dir.path().join("spec.yaml")).expect("reads");
    assert!(edited.contains("list_many_reports:"), "{edited}");
}

#[test]
fn a_broken_project_file_stops_every_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "spec.yaml", &spec_with_unused_scope());
    write(dir.path(), "connspec.toml", "[check]\nignor = [\"P003\"]\n");
    let output = run(connspec().current_dir(dir.path()).args([
        "test",
        "--color",
        "never",
        "spec.yaml",
        "--sandbox",
    ]));
    assert_eq!(output.code, 2, "{}", output.transcript());
    assert!(output.stderr.contains("S014"), "{}", output.transcript());
    assert!(
        output.stderr.contains("connspec.toml:2:1"),
        "{}",
        output.transcript()
    );
}

#[test]
fn instance_files_are_checked_against_the_specs_of_their_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let coupa = dir.path().join("coupa");
    copy_coupa(&coupa);
    let check = |paths: &[&str]| {
        run(connspec()
            .current_dir(dir.path())
            .args(["check", "--color", "never"])
            .args(paths))
    };
    let clean = check(&["coupa"]);
    assert_eq!(clean.code, 0, "{}", clean.transcript());

    let instance = coupa.join("instances/acme-test.yaml");
    let text = std::fs::read_to_string(&instance).expect("reads the instance");
    let typo = text.replace("  domain:", "  domian:");
    assert_ne!(
        text, typo,
        "the instance's `domain` line changed; update this test"
    );
    std::fs::write(&instance, typo).expect("writes");
    for paths in [&["coupa"][..], &["coupa/instances/acme-test.yaml"][..]] {
        let found = check(paths);
        assert_eq!(found.code, 1, "{paths:?}: {}", found.transcript());
        let stdout = &found.stdout;
        assert!(
            stdout.contains("warning[T011]") && stdout.contains("did you mean `domain`?"),
            "{paths:?}: {stdout}"
        );
        assert!(
            stdout.contains("--> coupa/instances/acme-test.yaml:8:3"),
            "{paths:?}: {stdout}"
        );
        // The three Coupa specs fit the file alike: one finding, naming the other two.
        assert_eq!(stdout.matches("warning[T011]").count(), 1, "{stdout}");
        assert!(stdout.contains("the same for connectors"), "{stdout}");
    }

    // Pairing follows `[instances] folders`; none turns it off.
    write(dir.path(), "connspec.toml", "[instances]\nfolders = []\n");
    let off = check(&["coupa"]);
    assert_eq!(off.code, 0, "{}", off.transcript());
    write(
        dir.path(),
        "connspec.toml",
        "[instances]\nfolders = [\"../x\"]\n",
    );
    let invalid = check(&["coupa"]);
    assert_eq!(invalid.code, 2, "{}", invalid.transcript());
    assert!(invalid.stdout.contains("S014"), "{}", invalid.transcript());
}

#[test]
fn the_connectors_library_is_clean_with_its_instances_paired() {
    let output = run(connspec().current_dir(project_root()).args([
        "check",
        "--color",
        "never",
        "connectors/",
    ]));
    assert_eq!(output.code, 0, "{}", output.transcript());
}
