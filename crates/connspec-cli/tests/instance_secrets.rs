//! A secret value written literally into an instance file (where a source reference such as
//! `env:NAME` belongs) is masked in every snippet and every format of every command that reads
//! the file, as a literal secret in a spec is.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Literal values where sources belong, in every shape the schema refuses: a quoted string
/// with characters that change under encodings, a plain scalar, a number, a mapping, a list,
/// a block scalar, and a look-alike of a source reference.
const CANARIES: &[&str] = &[
    "CANARY s3cr3t+/=&%:@-quoted",
    "CANARY-plain-s3cr3t",
    "987654321987654",
    "CANARY-mapped-s3cr3t",
    "CANARY-listed-s3cr3t",
    "CANARY-block-s3cr3t",
    "CANARY-lookalike-s3cr3t",
];

const INSTANCE: &str = r#"instance_version: 1
values:
  domain: acme-test.coupahost.com
secrets:
  COUPA_CLIENT_ID: "CANARY s3cr3t+/=&%:@-quoted"
  COUPA_CLIENT_SECRET: CANARY-plain-s3cr3t
  NUMBER: 987654321987654
  MAPPED: { value: CANARY-mapped-s3cr3t }
  LISTED: [CANARY-listed-s3cr3t]
  BLOCK: |
    CANARY-block-s3cr3t
  LOOKALIKE: "envx:CANARY-lookalike-s3cr3t"
  FROM_ENV: env:ACME_COUPA_CLIENT_ID
"#;

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

#[test]
fn literal_secrets_in_an_instance_file_are_masked_in_every_format_and_command() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::copy(
        project_root().join("connectors/coupa/expense-reports.yaml"),
        dir.path().join("spec.yaml"),
    )
    .expect("copy the spec");
    std::fs::write(dir.path().join("acme.yaml"), INSTANCE).expect("write the instance");

    let mut runs: Vec<(String, Output)> = Vec::new();
    for format in ["human", "json", "sarif", "github", "junit", "gitlab"] {
        for args in [
            vec!["check", "acme.yaml"],
            vec!["check", "spec.yaml", "--instance", "acme.yaml"],
        ] {
            let mut args = args.clone();
            args.extend(["--format", format, "--color", "always"]);
            runs.push((args.join(" "), connspec(dir.path(), &args)));
        }
    }
    for args in [
        vec![
            "compile",
            "spec.yaml",
            "-i",
            "acme.yaml",
            "--color",
            "always",
        ],
        vec!["test", "spec.yaml", "--instance", "acme.yaml"],
    ] {
        runs.push((args.join(" "), connspec(dir.path(), &args)));
    }
    for (what, output) in &runs {
        let text = transcript(output);
        assert_ne!(output.status.code(), Some(0), "{what}: {text}");
        assert!(
            text.contains("S012") || text.contains("S013"),
            "{what}: the schema finding is missing\n{text}"
        );
        for canary in CANARIES {
            assert!(!text.contains(canary), "{what} printed `{canary}`:\n{text}");
        }
    }
    // The human snippet still shows where the fault is, and source references stay readable.
    let (_, human) = &runs[0];
    let text = transcript(human);
    assert!(text.contains("COUPA_CLIENT_SECRET: *******"), "{text}");
}
