//! `connspec completions`: the generated scripts load in their shell and complete commands,
//! flags and flag values. Shells that are not installed are skipped with a note.

mod common;

use std::io::Write as _;
use std::process::{Command, Stdio};

use common::{connspec, run};

/// The completion script for `shell`, as `connspec completions` prints it.
fn script(shell: &str) -> String {
    let output = run(connspec().args(["completions", shell]));
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert!(!output.stdout.is_empty());
    output.stdout
}

fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// What bash's completion function offers for `words`, the last one being completed.
fn bash_complete(script: &str, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "{script}\nCOMP_WORDS=({words}); COMP_CWORD={cword}; COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}\n\
         _connspec connspec '{current}' '{previous}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        words = quoted.join(" "),
        cword = words.len() - 1,
        line = words.join(" "),
        current = words[words.len() - 1],
        previous = words[words.len() - 2],
    );
    let mut child = Command::new("bash")
        .arg("--norc")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bash starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(program.as_bytes())
        .expect("write to bash");
    let output = child.wait_with_output().expect("bash runs");
    assert!(
        output.status.success(),
        "bash failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
#[allow(clippy::print_stderr)] // the skip note
fn bash_completes_commands_flags_and_values() {
    if !have("bash") {
        eprintln!("skipped: bash is not installed");
        return;
    }
    let script = script("bash");
    let commands = bash_complete(&script, &["connspec", "c"]);
    for expected in ["check", "compile", "completions"] {
        assert!(commands.iter().any(|c| c == expected), "{commands:?}");
    }
    assert!(!commands.iter().any(|c| c == "test"), "{commands:?}");
    let flags = bash_complete(&script, &["connspec", "check", "--fo"]);
    assert_eq!(flags, ["--format"]);
    let formats = bash_complete(&script, &["connspec", "check", "--format", ""]);
    for expected in ["human", "json", "sarif", "github", "junit"] {
        assert!(formats.iter().any(|f| f == expected), "{formats:?}");
    }
    let shells = bash_complete(&script, &["connspec", "completions", "z"]);
    assert_eq!(shells, ["zsh"]);
}

#[test]
fn every_shell_gets_a_script_naming_every_command() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let text = script(shell);
        for command in ["check", "compile", "test", "completions"] {
            assert!(text.contains(command), "{shell} script lacks `{command}`");
        }
    }
}

#[test]
#[allow(clippy::print_stderr)] // the skip note
fn zsh_and_fish_scripts_parse() {
    for (shell, args) in [("zsh", ["-n", "-c"]), ("fish", ["--no-execute", "-c"])] {
        if !have(shell) {
            eprintln!("skipped: {shell} is not installed");
            continue;
        }
        let text = script(shell);
        let status = Command::new(shell)
            .args(args)
            .arg(&text)
            .status()
            .expect("shell runs");
        assert!(
            status.success(),
            "{shell} cannot parse its completion script"
        );
    }
}

#[test]
fn unknown_shell_is_a_usage_error() {
    let output = run(connspec().args(["completions", "tcsh"]));
    assert_eq!(output.code, 2, "{}", output.transcript());
    assert!(
        output.stderr.contains("invalid value 'tcsh'"),
        "{}",
        output.transcript()
    );
}
