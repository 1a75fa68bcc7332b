//! The settings of a document: those of the nearest `connspec.toml` above its file, found and
//! parsed as the CLI does (connspec-lint owns both), or the defaults.

use std::path::Path;

use connspec_diagnostics::Code;
use connspec_lint::LintSettings;
use connspec_model::yaml::Limits;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DocumentSettings {
    pub(crate) lint: LintSettings,
    pub(crate) limits: Limits,
}

/// The codes a project file's selectors may name: every stage's the server runs.
pub(crate) fn codes() -> Vec<&'static Code> {
    let mut codes: Vec<&'static Code> = connspec_model::codes::ALL.to_vec();
    codes.extend(connspec_lint::codes());
    codes.extend_from_slice(connspec_semantic::codes::ALL);
    codes
}

/// The settings for the file at `path` (`None` for a document that is not a file), and the
/// problem with its project file when there is one and it cannot be used (the defaults apply
/// then, as `check` goes on with them).
pub(crate) fn resolve(
    path: Option<&Path>,
    codes: &[&'static Code],
) -> (DocumentSettings, Option<String>) {
    let Some(found) = path.and_then(connspec_lint::find_project_file) else {
        return (DocumentSettings::default(), None);
    };
    let name = found.display().to_string();
    match connspec_lint::read_project_file(&found, &name, codes) {
        Ok(config) => (
            DocumentSettings {
                lint: config.lint_settings(),
                limits: config.limits(),
            },
            None,
        ),
        Err(report) => {
            let message = report
                .diagnostics
                .first()
                .map_or_else(String::new, |d| format!("{}: {}", d.code.code, d.message));
            (
                DocumentSettings::default(),
                Some(format!("{name}: {message}; using the default settings")),
            )
        }
    }
}
