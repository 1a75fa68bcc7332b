//! Finding and reading the project file `connspec.toml`: shared by the CLI and the language
//! server, so both apply the same settings and limits to a spec.

use std::path::{Path, PathBuf};

use connspec_diagnostics::{Code, Diagnostic, FileReport, SourceFile};
use connspec_model::codes::UNREADABLE_FILE;
use connspec_model::yaml::Limits;

use crate::ProjectConfig;

/// The name of the project file.
pub const PROJECT_FILE: &str = "connspec.toml";

/// The most `connspec.toml` may hold.
pub const MAX_PROJECT_FILE_BYTES: u64 = 1024 * 1024;

/// Walks up from `start` (a file or folder; a path that does not exist yet starts from its
/// nearest existing folder) to the nearest `connspec.toml`, as a canonical path. A relative
/// `start` that has no existing ancestor starts from the current folder.
pub fn find_project_file(start: &Path) -> Option<PathBuf> {
    let start = start
        .ancestors()
        .filter(|p| !p.as_os_str().is_empty())
        .find_map(|p| std::fs::canonicalize(p).ok())
        .or_else(|| std::env::current_dir().ok())?;
    let mut dir = if start.is_dir() {
        start.as_path()
    } else {
        start.parent()?
    };
    loop {
        let candidate = dir.join(PROJECT_FILE);
        // Any entry but a folder is the project file: one that is not a regular file (a FIFO)
        // is then refused with a message rather than passed over in silence.
        if candidate.exists() && !candidate.is_dir() {
            return Some(candidate);
        }
        dir = dir.parent()?;
    }
}

/// Reads and parses the project file at `path` (shown as `name`); selectors are checked
/// against `codes`. A file that cannot be used is returned as a report in that file.
pub fn read_project_file(
    path: &Path,
    name: &str,
    codes: &[&'static Code],
) -> Result<ProjectConfig, Box<FileReport>> {
    let text = match connspec_model::file::read_regular_text(path, MAX_PROJECT_FILE_BYTES) {
        Ok(text) => text,
        Err(error) => {
            let diagnostic = Diagnostic::error(&UNREADABLE_FILE, format!("cannot read: {error}"));
            return Err(Box::new(FileReport::new(
                SourceFile::new(name, ""),
                vec![diagnostic],
            )));
        }
    };
    let file = SourceFile::new(name, text);
    ProjectConfig::parse(&file, codes)
        .map_err(|error| Box::new(FileReport::new(file, vec![*error.diagnostic])))
}

impl ProjectConfig {
    /// The limits the project file sets, each key over the default.
    pub fn limits(&self) -> Limits {
        let defaults = Limits::default();
        Limits {
            max_bytes: self.check.max_bytes.unwrap_or(defaults.max_bytes),
            max_depth: self.check.max_depth.unwrap_or(defaults.max_depth),
            max_nodes: self.check.max_nodes.unwrap_or(defaults.max_nodes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_project_file_above_a_file_is_found() {
        let dir = tempfile::tempdir().expect("temp dir");
        let nested = dir.path().join("a").join("b");
        std::fs::create_dir_all(&nested).expect("folders");
        std::fs::write(dir.path().join(PROJECT_FILE), "[check]\nignore = [\"P\"]\n")
            .expect("write");
        let found = find_project_file(&nested.join("spec.yaml")).expect("found");
        assert_eq!(
            found,
            std::fs::canonicalize(dir.path().join(PROJECT_FILE)).expect("canonical")
        );
        let config = read_project_file(&found, "connspec.toml", &crate::codes()).expect("parsed");
        assert_eq!(config.check.ignore, ["P"]);
        assert_eq!(config.limits(), Limits::default());
    }
}
