//! The project file `connspec.toml`: found once per run (`--config FILE`, else the nearest one
//! above the first path), parsed, and turned into lint settings, limits and instance folders.

use std::path::{Path, PathBuf};

use connspec_diagnostics::{Code, Diagnostic, FileReport, SourceFile};
use connspec_lint::ProjectConfig;
use connspec_model::codes::UNREADABLE_FILE;
use connspec_model::yaml::Limits;

use crate::args::{ConfigArgs, LimitArgs};

/// The name of the project file.
const CONFIG_FILE: &str = "connspec.toml";

/// The project file that applies to a run: `--config FILE`, else the nearest `connspec.toml`
/// above `start` (a file or folder; the current folder when `None`). A file that cannot be
/// used is returned as a report in that file.
pub(super) fn load(
    args: &ConfigArgs,
    start: Option<&Path>,
    codes: &[&'static Code],
) -> Result<Option<ProjectConfig>, Box<FileReport>> {
    if args.no_config {
        return Ok(None);
    }
    let path = match &args.config {
        Some(path) => Some(path.clone()),
        None => find(start.unwrap_or_else(|| Path::new("."))),
    };
    let Some(path) = path else {
        return Ok(None);
    };
    let name = path.display().to_string();
    let text = match connspec_model::file::read_regular_text(
        &path,
        super::files::MAX_PROJECT_FILE_BYTES,
    ) {
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
        .map(Some)
        .map_err(|error| Box::new(FileReport::new(file, vec![*error.diagnostic])))
}

/// The limits of a run: each flag over the project file's key over the default.
pub(super) fn limits(flags: Option<&LimitArgs>, config: &ProjectConfig) -> Limits {
    let defaults = Limits::default();
    let from_config = Limits {
        max_bytes: config.check.max_bytes.unwrap_or(defaults.max_bytes),
        max_depth: config.check.max_depth.unwrap_or(defaults.max_depth),
        max_nodes: config.check.max_nodes.unwrap_or(defaults.max_nodes),
    };
    match flags {
        Some(flags) => flags.over(from_config),
        None => from_config,
    }
}

/// Walks up from `start` (a file or folder; a path that does not exist yet starts from its
/// nearest existing folder) to the nearest `connspec.toml`.
fn find(start: &Path) -> Option<PathBuf> {
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
        let candidate = dir.join(CONFIG_FILE);
        // Any entry but a folder is the project file: one that is not a regular file (a FIFO)
        // is then refused with a message rather than passed over in silence.
        if candidate.exists() && !candidate.is_dir() {
            return Some(relative_to_cwd(&candidate));
        }
        dir = dir.parent()?;
    }
}

fn relative_to_cwd(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}
