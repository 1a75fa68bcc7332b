//! Finds the files `connspec check` reads: explicit files, YAML files below folders, stdin.

use std::path::{Path, PathBuf};

/// One input to check.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Input {
    Stdin,
    File(PathBuf),
    /// A path that does not exist or cannot be walked, with the reason.
    Missing(PathBuf, String),
}

/// Expands `paths` into inputs, sorted by path, without duplicates.
///
/// Folders are walked recursively for `*.yaml` and `*.yml`, honouring `.gitignore` and
/// skipping hidden entries; a file named explicitly is checked whatever its extension.
pub(crate) fn discover(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut inputs),
            Ok(_) => inputs.push(Input::File(path.clone())),
            Err(error) => inputs.push(Input::Missing(path.clone(), error.to_string())),
        }
    }
    inputs.sort();
    inputs.dedup();
    inputs
}

fn walk(root: &Path, inputs: &mut Vec<Input>) {
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .require_git(false)
        .sort_by_file_name(std::cmp::Ord::cmp)
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && is_yaml(entry.path()) {
                    inputs.push(Input::File(clean(entry.path())));
                }
            }
            Err(error) => {
                let path = error_path(&error).unwrap_or_else(|| root.to_path_buf());
                inputs.push(Input::Missing(path, error.to_string()));
            }
        }
    }
}

fn is_yaml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// `./a/b.yaml` prints as `a/b.yaml`, as users and CI annotations expect.
fn clean(path: &Path) -> PathBuf {
    path.strip_prefix(".").unwrap_or(path).to_path_buf()
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

impl Input {
    /// The file's path; `None` for standard input.
    pub(crate) fn path(&self) -> Option<&Path> {
        match self {
            Input::Stdin => None,
            Input::File(path) | Input::Missing(path, _) => Some(path),
        }
    }
}
