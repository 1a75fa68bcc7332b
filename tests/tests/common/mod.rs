//! Helpers shared by the end-to-end test binaries: the `connspec` command and its output.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

/// The workspace root (this crate lives in `tests/`).
pub(crate) fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// A `connspec` command for the binary built from this workspace.
pub(crate) fn connspec() -> assert_cmd::Command {
    assert_cmd::Command::new(binary())
}

/// The debug binary; built on first use when `cargo test -p connspec-tests` did not build it.
pub(crate) fn binary() -> &'static PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map_or_else(|| project_root().join("target"), PathBuf::from);
        let binary = target
            .join("debug")
            .join(format!("connspec{}", std::env::consts::EXE_SUFFIX));
        let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        let status = connspec_tests::without_package_variables(&mut cargo)
            .current_dir(project_root())
            .args([
                "build",
                "--quiet",
                "-p",
                "connspec-cli",
                "--bin",
                "connspec",
            ])
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building connspec failed");
        binary
    })
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
