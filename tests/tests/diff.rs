//! End-to-end tests of `connspec diff`: golden cases for every class, self-diff, exit codes
//! with `--fail-on`, Markdown output, and git revisions in a repository made by the test.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use common::{connspec, run};
use connspec_tests::project_root;

#[test]
fn golden_diff_cases_cover_every_class() {
    let root = project_root();
    let mut classes = BTreeSet::new();
    insta::glob!("../cases/diff", "*/new.yaml", |new| {
        let dir = new.parent().expect("case dir");
        let case = dir
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let old = dir.join("old.yaml");
        let rel = |p: &Path| {
            p.strip_prefix(&root)
                .expect("under root")
                .display()
                .to_string()
        };
        let human = run(connspec()
            .current_dir(&root)
            .args(["diff", &rel(&old), &rel(new)]));
        assert_eq!(human.code, 0, "{case}: {}", human.transcript());
        insta::assert_snapshot!(human.transcript());

        let json = run(connspec().current_dir(&root).args([
            "diff",
            "--format",
            "json",
            &rel(&old),
            &rel(new),
        ]));
        let document: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
        for change in document["changes"].as_array().expect("changes") {
            classes.insert(change["class"].as_str().expect("class").to_owned());
            let location = &change["location"];
            assert!(
                location["line"].as_u64().is_some_and(|l| l > 0),
                "{case}: {change}"
            );
        }
        if case == "identical" {
            assert!(
                document["changes"].as_array().is_some_and(Vec::is_empty),
                "{case}"
            );
        }
    });
    assert_eq!(
        classes,
        BTreeSet::from(
            ["breaking", "needs_provider_change", "needs_repaste", "safe"].map(str::to_owned)
        )
    );
}

#[test]
fn every_connector_diffed_against_itself_reports_nothing() {
    let root = project_root();
    for spec in [
        "expense-reports",
        "approvals-user-consent",
        "approvals-service",
    ] {
        let path = format!("connectors/coupa/{spec}.yaml");
        let output =
            run(connspec()
                .current_dir(&root)
                .args(["diff", "--fail-on", "any", &path, &path]));
        assert_eq!(output.code, 0, "{}", output.transcript());
        assert!(
            output.stdout.starts_with("No semantic changes"),
            "{}",
            output.stdout
        );
    }
}

#[test]
fn fail_on_breaking_sets_the_exit_code() {
    let root = project_root();
    let case = |name: &str| {
        (
            format!("tests/cases/diff/{name}/old.yaml"),
            format!("tests/cases/diff/{name}/new.yaml"),
        )
    };
    let (old, new) = case("actions-breaking");
    let breaking =
        run(connspec()
            .current_dir(&root)
            .args(["diff", "--fail-on", "breaking", &old, &new]));
    assert_eq!(breaking.code, 1, "{}", breaking.transcript());
    let (old, new) = case("safe");
    let safe =
        run(connspec()
            .current_dir(&root)
            .args(["diff", "--fail-on", "breaking", &old, &new]));
    assert_eq!(safe.code, 0, "{}", safe.transcript());
    let any = run(connspec()
        .current_dir(&root)
        .args(["diff", "--fail-on", "any", &old, &new]));
    assert_eq!(any.code, 1, "{}", any.transcript());
}

#[test]
fn markdown_renders_a_pull_request_comment() {
    let root = project_root();
    let output = run(connspec().current_dir(&root).args([
        "diff",
        "--format",
        "markdown",
        "tests/cases/diff/scopes/old.yaml",
        "tests/cases/diff/scopes/new.yaml",
    ]));
    assert_eq!(output.code, 0);
    insta::assert_snapshot!(output.stdout);
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=test",
            "-c",
            "user.email=test@example.invalid",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn git_revisions_are_read_with_git_show() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = project_root();
    let spec = std::fs::read_to_string(root.join("connectors/coupa/approvals-service.yaml"))
        .expect("spec");
    git(dir.path(), &["init", "-q", "-b", "main"]);
    std::fs::create_dir_all(dir.path().join("connectors")).expect("dir");
    std::fs::write(dir.path().join("connectors/approvals.yaml"), &spec).expect("write");
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "first"]);
    let changed = spec.replace("    - core.user_group.read\n", "");
    std::fs::write(dir.path().join("connectors/approvals.yaml"), changed).expect("write");

    let output = run(connspec().current_dir(dir.path()).args([
        "diff",
        "--fail-on",
        "breaking",
        "main:connectors/approvals.yaml",
        "connectors/approvals.yaml",
    ]));
    assert_eq!(output.code, 1, "{}", output.transcript());
    assert!(
        output
            .stdout
            .contains("scope `core.user_group.read` removed"),
        "{}",
        output.stdout
    );
    assert!(
        output.stdout.contains("main:connectors/approvals.yaml:"),
        "{}",
        output.stdout
    );

    let missing = run(connspec().current_dir(dir.path()).args([
        "diff",
        "nope:connectors/approvals.yaml",
        "connectors/approvals.yaml",
    ]));
    assert_eq!(missing.code, 2, "{}", missing.transcript());
    assert!(missing.stderr.contains("git show"), "{}", missing.stderr);
}

/// A version that looks like a git option is refused before git runs, and git never receives
/// it as an option: `git show --output=FILE` would write a file (security regression).
#[test]
fn git_never_reads_a_version_as_an_option() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = project_root();
    let spec = std::fs::read_to_string(root.join("connectors/coupa/approvals-service.yaml"))
        .expect("spec");
    git(dir.path(), &["init", "-q", "-b", "main"]);
    std::fs::write(dir.path().join("spec.yaml"), &spec).expect("write");
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "first"]);
    let planted = dir.path().join("planted.txt");
    for version in [
        format!("--output={}:spec.yaml", planted.display()),
        format!("-o{}:spec.yaml", planted.display()),
        "main --output=x:spec.yaml".to_owned(),
    ] {
        let output =
            run(connspec()
                .current_dir(dir.path())
                .args(["diff", "--", &version, "spec.yaml"]));
        assert_eq!(output.code, 2, "{version}: {}", output.transcript());
        assert!(
            output.stderr.contains("is not a git revision"),
            "{version}: {}",
            output.stderr
        );
        assert!(!planted.exists(), "{version} wrote {}", planted.display());
    }
}
