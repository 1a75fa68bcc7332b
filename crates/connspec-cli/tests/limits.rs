//! The limits registry against the real command line: every flag a limit names exists on the
//! commands it names, with the registry's default; every code is a registered one; and the
//! limits this crate wires through (`--max-bytes` on every loading command, the response read
//! limits of `connspec test`, the cURL command size) name themselves when hit.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use connspec_diagnostics::{Amount, Limit, Raise};

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn connspec(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_connspec"))
        .current_dir(project_root())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("connspec runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn every_limit_flag_exists_on_its_commands_with_the_registry_default() {
    let root = connspec_cli::command();
    let limits = connspec_cli::all_limits();
    let mut flags_checked = 0;
    for limit in &limits {
        let Raise::Flag { flag, commands, .. } = limit.raise else {
            continue;
        };
        assert!(
            !commands.is_empty(),
            "{}: no command takes {flag}",
            limit.id
        );
        for name in commands {
            let command = root
                .find_subcommand(name)
                .unwrap_or_else(|| panic!("{}: no `connspec {name}`", limit.id));
            let long = flag.strip_prefix("--").expect("a long flag");
            let arg = command
                .get_arguments()
                .find(|a| a.get_long() == Some(long))
                .unwrap_or_else(|| panic!("{}: `connspec {name}` has no {flag}", limit.id));
            let wanted = limit.default.number().to_string();
            let defaults: Vec<String> = arg
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            if defaults.is_empty() {
                // An optional flag over a project-file value: its help states the default.
                let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
                assert!(
                    help.contains(&format!("[default: {wanted}]")),
                    "{}: `connspec {name} {flag}` help `{help}` does not say {wanted}",
                    limit.id
                );
            } else {
                assert_eq!(defaults, [wanted], "{}: `connspec {name} {flag}`", limit.id);
            }
            flags_checked += 1;
        }
    }
    assert!(flags_checked >= 10, "only {flags_checked} flags checked");
}

#[test]
fn every_limit_is_well_formed_and_reports_registered_codes() {
    let codes = connspec_cli::all_codes();
    let limits = connspec_cli::all_limits();
    let mut ids = std::collections::BTreeSet::new();
    for limit in &limits {
        assert!(ids.insert(limit.id), "{} is registered twice", limit.id);
        assert!(
            limit
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{} is not kebab-case",
            limit.id
        );
        for code in limit.codes {
            assert!(
                codes.iter().any(|c| c.code == code.code),
                "{}: {} is not a registered code",
                limit.id,
                code.code
            );
        }
        if let Raise::Fixed { why, instead } = limit.raise {
            assert!(!why.is_empty() && !instead.is_empty(), "{}", limit.id);
        }
        assert!(
            limit.bounds.ends_with('.'),
            "{}: bounds is a sentence",
            limit.id
        );
    }
    assert!(limits.len() >= 20, "{} limits", limits.len());
}

/// `--max-bytes` exists on every command that loads YAML, and a file over it is S004 with the
/// limit and the flag named, on each of them.
#[test]
fn the_input_size_limit_names_itself_on_every_loading_command() {
    let spec = "connectors/coupa/expense-reports.yaml";
    let instance = "connectors/coupa/instances/acme-test.yaml";
    let limit = &connspec_model::limits::INPUT_BYTES;
    let named = limit.describe(Amount::Bytes(10));
    let runs: [&[&str]; 5] = [
        &["check", "--color", "never", "--max-bytes", "10", spec],
        &[
            "compile",
            "--color",
            "never",
            "--max-bytes",
            "10",
            spec,
            "-i",
            instance,
        ],
        &[
            "test",
            "--color",
            "never",
            "--max-bytes",
            "10",
            spec,
            "--sandbox",
        ],
        &[
            "login",
            "--color",
            "never",
            "--max-bytes",
            "10",
            spec,
            "-i",
            instance,
        ],
        &["diff", "--max-bytes", "10", spec, spec],
    ];
    for args in runs {
        let output = connspec(args);
        let all = text(&output);
        assert_ne!(output.status.code(), Some(0), "{args:?}\n{all}");
        assert!(all.contains(&named), "{args:?}: no `{named}` in\n{all}");
        assert!(all.contains("`--max-bytes`"), "{args:?}\n{all}");
    }
}

/// The same file over `--max-bytes` gives the same figures (its exact size in bytes, the limit)
/// from every command that reads it; standard input, whose size is unknown, gives no figure
/// for itself rather than where reading stopped.
#[test]
fn the_input_size_figures_agree_across_commands() {
    let spec = "connectors/coupa/expense-reports.yaml";
    let instance = "connectors/coupa/instances/acme-test.yaml";
    let size = std::fs::metadata(project_root().join(spec))
        .expect("the spec exists")
        .len();
    let expected = format!(
        "file is {}, over {}",
        connspec_diagnostics::bytes_text(size),
        connspec_model::limits::INPUT_BYTES.describe(Amount::Bytes(1000))
    );
    let runs: [&[&str]; 4] = [
        &["check", "--color", "never", "--max-bytes", "1000", spec],
        &[
            "compile",
            "--color",
            "never",
            "--max-bytes",
            "1000",
            spec,
            "-i",
            instance,
        ],
        &[
            "test",
            "--color",
            "never",
            "--max-bytes",
            "1000",
            spec,
            "-i",
            instance,
        ],
        &[
            "test",
            "--color",
            "never",
            "--max-bytes",
            "1000",
            spec,
            "--sandbox",
        ],
    ];
    for args in runs {
        let all = text(&connspec(args));
        let message: Vec<&str> = all.lines().filter(|l| l.contains("[S004]")).collect();
        assert_eq!(
            message,
            [format!("error[S004]: {expected}")],
            "{args:?}\n{all}"
        );
    }
    let mut stdin = Command::new(env!("CARGO_BIN_EXE_connspec"))
        .current_dir(project_root())
        .args(["check", "--color", "never", "--max-bytes", "1000", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("connspec runs");
    let bytes = std::fs::read(project_root().join(spec)).expect("the spec reads");
    if let Some(mut input) = stdin.stdin.take() {
        use std::io::Write as _;
        // The command stops reading past the limit, so a broken pipe is expected.
        let _ = input.write_all(&bytes);
    }
    let output = stdin.wait_with_output().expect("connspec ends");
    let all = text(&output);
    assert!(
        all.contains("error[S004]: input is larger than the input size limit of 1,000 bytes"),
        "{all}"
    );
}

/// The project file's key raises the limit as the registry says.
#[test]
fn the_input_size_limit_reads_its_connspec_toml_key() {
    let limit = &connspec_model::limits::INPUT_BYTES;
    let Raise::Flag {
        config_key: Some(key),
        ..
    } = limit.raise
    else {
        panic!("no connspec.toml key");
    };
    let dir = std::env::temp_dir().join(format!("connspec-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    std::fs::write(dir.join("connspec.toml"), format!("[check]\n{key} = 10\n")).expect("writes");
    std::fs::copy(
        project_root().join("connectors/coupa/expense-reports.yaml"),
        dir.join("spec.yaml"),
    )
    .expect("copies");
    let output = Command::new(env!("CARGO_BIN_EXE_connspec"))
        .current_dir(&dir)
        .args(["check", "--color", "never", "spec.yaml"])
        .output()
        .expect("connspec runs");
    let all = text(&output);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(output.status.code(), Some(1), "{all}");
    assert!(all.contains(&limit.describe(Amount::Bytes(10))), "{all}");
}

/// The read limits of `connspec test` are wired through `RunOptions`: lowered below what the
/// sandbox sends, each one is hit and named with its flag.
#[test]
fn the_response_read_limits_are_flags_of_connspec_test() {
    let spec = "connectors/coupa/expense-reports.yaml";
    let cases: [(&Limit, &str, &str); 2] = [
        (&connspec_runtime::limits::RESPONSE_READ, "1000", "R005"),
        (&connspec_runtime::limits::TOKEN_RESPONSE_READ, "10", "R001"),
    ];
    for (limit, value, code) in cases {
        let flag = limit.flag().expect("a flag");
        let output = connspec(&["test", "--color", "never", spec, "--sandbox", flag, value]);
        let all = text(&output);
        assert_eq!(output.status.code(), Some(1), "{flag}\n{all}");
        assert!(all.contains(&format!("error[{code}]")), "{flag}\n{all}");
        let named = limit.describe(Amount::Bytes(value.parse().expect("a number")));
        assert!(all.contains(&named), "{flag}: no `{named}` in\n{all}");
        assert!(all.contains(&limit.remedy()), "{flag}\n{all}");
    }
}

/// A cURL command over the fixed size limit on standard input is refused by name, with why the
/// limit is fixed.
#[test]
fn an_oversized_curl_command_names_the_fixed_limit() {
    let limit = connspec_cli::all_limits()
        .into_iter()
        .find(|l| l.id == "curl-command-bytes")
        .expect("registered");
    let mut child = Command::new(env!("CARGO_BIN_EXE_connspec"))
        .args(["import", "curl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("connspec runs");
    let command = format!(
        "curl https://api.example.com/x -d '{}'",
        "x".repeat(usize::try_from(limit.default.number()).expect("fits"))
    );
    {
        use std::io::Write as _;
        let mut stdin = child.stdin.take().expect("stdin");
        let _ = stdin.write_all(command.as_bytes());
    }
    let output = child.wait_with_output().expect("connspec ends");
    let all = text(&output);
    assert_eq!(output.status.code(), Some(2), "{all}");
    assert!(all.contains(&limit.describe_default()), "{all}");
    assert!(all.contains(&limit.remedy()), "{all}");
}
