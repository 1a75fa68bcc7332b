//! Helpers shared by the tasks: the project root, running commands, and a stable hash.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

/// The workspace root: the parent of this crate's directory.
pub(crate) fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// A `cargo` command: the cargo that runs us (`$CARGO`), else the one on `PATH`, in the root.
///
/// Without the variables cargo set for running xtask itself (`CARGO_MANIFEST_DIR`,
/// `CARGO_PKG_NAME`, …): build scripts that watch them (ring's does) would otherwise see a
/// change, and switching between `cargo xtask …` and plain `cargo` would rebuild ring and
/// everything above it every time.
pub(crate) fn cargo() -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.current_dir(project_root());
    connspec_tests::without_package_variables(&mut command);
    command
}

/// The Python the tasks create virtual environments with (`$PYTHON`, else `python3`) and its
/// `--version`, which stamps say so that a new interpreter reinstalls; `needs` says what for.
pub(crate) fn python(needs: &str) -> anyhow::Result<(std::ffi::OsString, String)> {
    let python = std::env::var_os("PYTHON").unwrap_or_else(|| "python3".into());
    let version = Command::new(&python)
        .arg("--version")
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
        .with_context(|| {
            format!(
                "`{} --version` failed: {needs} Python 3 with venv (set PYTHON to use another \
                 interpreter)",
                python.to_string_lossy()
            )
        })?;
    Ok((python, version))
}

/// The command line as a user would type it, for logs and error messages.
pub(crate) fn display_command(command: &Command) -> String {
    let mut words = vec![shell_word(command.get_program())];
    words.extend(command.get_args().map(shell_word));
    words.join(" ")
}

fn shell_word(word: &OsStr) -> String {
    let word = word.to_string_lossy();
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if plain {
        word.into_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Runs `command` with inherited stdio, echoing it first; fails unless it exits 0.
pub(crate) fn run(command: &mut Command) -> anyhow::Result<()> {
    let shown = display_command(command);
    println!("$ {shown}");
    let status = command
        .status()
        .with_context(|| format!("cannot start `{shown}`"))?;
    if !status.success() {
        bail!("`{shown}` failed ({status})");
    }
    Ok(())
}

/// Whether `command` runs and exits 0, with its output discarded.
pub(crate) fn succeeds(command: &mut Command) -> bool {
    command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// 64-bit FNV-1a: a hash that, unlike `DefaultHasher`, is stable across Rust releases, so stamp
/// files stay valid after a toolchain update.
pub(crate) fn fnv1a64(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in *part {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // Separate the parts so that ("ab", "c") and ("a", "bc") differ.
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_stable() {
        assert_ne!(fnv1a64(&[b"ab", b"c"]), fnv1a64(&[b"a", b"bc"]));
        assert_eq!(fnv1a64(&[b"x"]), fnv1a64(&[b"x"]));
    }

    #[test]
    fn commands_are_shell_quoted() {
        let mut command = Command::new("echo");
        command.args(["plain", "two words", "it's"]);
        assert_eq!(
            display_command(&command),
            r"echo plain 'two words' 'it'\''s'"
        );
    }
}
