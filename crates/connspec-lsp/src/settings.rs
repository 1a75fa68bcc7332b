//! The settings of a document: those of the nearest `connspec.toml` above its file, found and
//! parsed as the CLI does (connspec-lint owns both), or the defaults.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use connspec_diagnostics::{Code, Diagnostic, SourceFile};
use connspec_lint::{LintSettings, ProjectConfig};
use connspec_model::yaml::Limits;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocumentSettings {
    pub(crate) lint: LintSettings,
    pub(crate) limits: Limits,
    /// Where instance files sit relative to their specs' folder (`[instances] folders`).
    pub(crate) instance_folders: Vec<String>,
}

impl Default for DocumentSettings {
    fn default() -> Self {
        Self {
            lint: LintSettings::default(),
            limits: Limits::default(),
            instance_folders: connspec_lint::InstancesConfig::default().folders,
        }
    }
}

/// The codes a project file's selectors may name: every code connspec has, the live runs'
/// included (a `connspec.toml` that ignores an R code is valid for every command).
pub(crate) fn codes() -> Vec<&'static Code> {
    connspec_compile::all_codes()
}

/// The settings for the file at `path` (`None` for a document that is not a file), and the
/// problem with its project file when there is one and it cannot be used (the defaults apply
/// then, as `check` goes on with them). A project file open in the editor is read as edited
/// (`open_projects`, by canonical path), so a change applies before it is saved.
pub(crate) fn resolve(
    path: Option<&Path>,
    codes: &[&'static Code],
    open_projects: &HashMap<PathBuf, String>,
) -> (DocumentSettings, Option<String>) {
    let Some(found) = path.and_then(connspec_lint::find_project_file) else {
        return (DocumentSettings::default(), None);
    };
    let name = found.display().to_string();
    let parsed = match open_projects.get(&found) {
        Some(text) => parse(&name, text, codes).map_err(|d| summary(&d)),
        None => connspec_lint::read_project_file(&found, &name, codes)
            .map_err(|report| report.diagnostics.first().map_or_else(String::new, summary)),
    };
    match parsed {
        Ok(config) => (
            DocumentSettings {
                lint: config.lint_settings(),
                limits: config.limits(),
                instance_folders: config.instances.folders,
            },
            None,
        ),
        Err(message) => (
            DocumentSettings::default(),
            Some(format!("{name}: {message}; using the default settings")),
        ),
    }
}

fn summary(diagnostic: &Diagnostic) -> String {
    format!("{}: {}", diagnostic.code.code, diagnostic.message)
}

/// Parses a project file's text as `connspec check` does.
pub(crate) fn parse(
    name: &str,
    text: &str,
    codes: &[&'static Code],
) -> Result<ProjectConfig, Box<Diagnostic>> {
    ProjectConfig::parse(&SourceFile::new(name, text), codes).map_err(|error| error.diagnostic)
}

/// The findings of a project file's text: none, or the one that stops it being used.
pub(crate) fn check_project(name: &str, text: &str, codes: &[&'static Code]) -> Vec<Diagnostic> {
    parse(name, text, codes)
        .err()
        .map(|d| vec![*d])
        .unwrap_or_default()
}

/// Whether `path` names a project file.
pub(crate) fn is_project_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name == connspec_lint::PROJECT_FILE)
}
