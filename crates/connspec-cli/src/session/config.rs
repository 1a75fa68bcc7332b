//! The project file `connspec.toml`: found once per run (`--config FILE`, else the nearest one
//! above the first path), parsed, and turned into lint settings, limits and instance folders.
//! Finding and parsing live in connspec-lint, which the language server shares.

use std::path::{Path, PathBuf};

use connspec_diagnostics::{Code, FileReport};
use connspec_lint::ProjectConfig;
use connspec_model::yaml::Limits;

use crate::args::{ConfigArgs, LimitArgs};

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
        None => connspec_lint::find_project_file(start.unwrap_or_else(|| Path::new(".")))
            .map(|found| relative_to_cwd(&found)),
    };
    let Some(path) = path else {
        return Ok(None);
    };
    let name = path.display().to_string();
    connspec_lint::read_project_file(&path, &name, codes).map(Some)
}

/// The limits of a run: each flag over the project file's key over the default.
pub(super) fn limits(flags: Option<&LimitArgs>, config: &ProjectConfig) -> Limits {
    let from_config = config.limits();
    match flags {
        Some(flags) => flags.over(from_config),
        None => from_config,
    }
}

fn relative_to_cwd(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}
