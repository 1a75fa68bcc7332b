//! Helpers shared by the end-to-end test binaries: the `connspec` command and its output.

use std::path::PathBuf;

/// A `connspec` command for the binary built from this workspace.
pub(crate) fn connspec() -> assert_cmd::Command {
    assert_cmd::Command::new(binary())
}

/// The debug binary; built on first use when `cargo test -p connspec-tests` did not build it.
pub(crate) fn binary() -> &'static PathBuf {
    connspec_tests::connspec_binary()
}

/// A finished run: exit code and output as text.
pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Run {
    /// Exit code, stdout and stderr, for a snapshot.
    pub(crate) fn transcript(&self) -> String {
        let mut text = format!("exit: {}\n----- stdout -----\n{}", self.code, self.stdout);
        if !self.stderr.is_empty() {
            text.push_str("----- stderr -----\n");
            text.push_str(&self.stderr);
        }
        text
    }
}

pub(crate) fn run(command: &mut assert_cmd::Command) -> Run {
    let output = command.output().expect("connspec runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}
