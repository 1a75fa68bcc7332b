//! Which rules run: `--select`/`--ignore` and the project file `connspec.toml`.

use connspec_diagnostics::{Code, Diagnostic, Family, SourceFile, Span};
use serde::Deserialize;

/// Rule selection. A selector is a code (`P003`), a code prefix (`P`, `T00`), a rule name
/// (`unused-scope`) or `ALL`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LintSettings {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

fn matches(selector: &str, code: &Code) -> bool {
    selector.eq_ignore_ascii_case("ALL")
        || code.code.starts_with(&selector.to_ascii_uppercase())
        || selector.eq_ignore_ascii_case(code.name)
}

impl LintSettings {
    /// Whether findings of `code` are reported.
    pub fn is_enabled(&self, code: &Code) -> bool {
        // Faults compile refuses are always checked, or check would pass what compile refuses.
        connspec_semantic::codes::always_reported(code)
            || ((self.select.is_empty() || self.select.iter().any(|s| matches(s, code)))
                && !self.ignore.iter().any(|s| matches(s, code)))
    }

    /// Selectors that match no code in `codes`.
    pub fn unknown_selectors<'a>(&'a self, codes: &[&'static Code]) -> Vec<&'a str> {
        self.select
            .iter()
            .chain(&self.ignore)
            .filter(|s| !codes.iter().any(|c| matches(s, c)))
            .map(String::as_str)
            .collect()
    }

    /// Adds selectors from the command line after those of a project file.
    #[must_use]
    pub fn merged_with(mut self, select: &[String], ignore: &[String]) -> Self {
        if !select.is_empty() {
            self.select = select.to_vec();
        }
        self.ignore.extend(ignore.iter().cloned());
        self
    }
}

pub(crate) static INVALID_CONFIG: Code = Code {
    code: "S014",
    name: "invalid-config",
    family: Family::Syntax,
    summary: "`connspec.toml` is not valid",
    explanation: r#"## What it does
Reports a project file `connspec.toml` that cannot be read: TOML syntax errors, unknown keys,
wrong types, and rule selectors that match no code.

## Why is this bad?
A misspelt setting would silently be ignored, so a rule the team turned off would still run,
or one they turned on would not.

## Example
```toml
[check]
ignor = ["P003"]
```

## Use instead
```toml
[check]
ignore = ["P003"]
```
"#,
};

/// A relative path that stays below its base: no root, no `..`, not empty.
fn is_relative_folder(folder: &str) -> bool {
    let path = std::path::Path::new(folder);
    !folder.trim().is_empty()
        && path.components().all(|c| {
            matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        })
        && path
            .components()
            .any(|c| matches!(c, std::path::Component::Normal(_)))
}

pub(crate) static CODES: &[&Code] = &[&INVALID_CONFIG];

/// The project file `connspec.toml`, found by walking up from the checked files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectConfig {
    #[serde(default)]
    pub check: CheckConfig,
    #[serde(default)]
    pub instances: InstancesConfig,
}

/// The `[check]` table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckConfig {
    /// Codes, prefixes or names of the rules to run (default: all).
    #[serde(default)]
    pub select: Vec<String>,
    /// Codes, prefixes or names of rules not to run.
    #[serde(default)]
    pub ignore: Vec<String>,
    pub max_bytes: Option<usize>,
    #[serde(default, deserialize_with = "depth_within_ceiling")]
    pub max_depth: Option<usize>,
    pub max_nodes: Option<usize>,
}

/// `max-depth`, from 1 up to the ceiling the stages' stacks are sized for.
fn depth_within_ceiling<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<usize>, D::Error> {
    use connspec_model::yaml::MAX_DEPTH_CEILING;
    let depth = <usize as Deserialize>::deserialize(deserializer)?;
    if (1..=MAX_DEPTH_CEILING).contains(&depth) {
        Ok(Some(depth))
    } else {
        Err(serde::de::Error::custom(format!(
            "`max-depth` {depth} is not in 1..={MAX_DEPTH_CEILING}"
        )))
    }
}

/// The `[instances]` table: where `connspec check` finds the instance files of a spec.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct InstancesConfig {
    /// Folders, relative to a spec's folder, whose YAML files are instance files of the specs
    /// in that folder (default: `["instances"]`; `[]` turns pairing off).
    #[serde(default = "default_instance_folders")]
    pub folders: Vec<String>,
}

impl Default for InstancesConfig {
    fn default() -> Self {
        Self {
            folders: default_instance_folders(),
        }
    }
}

fn default_instance_folders() -> Vec<String> {
    vec!["instances".to_owned()]
}

/// A project file that could not be used, as a diagnostic in that file.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", .diagnostic.message)]
pub struct ConfigError {
    pub diagnostic: Box<Diagnostic>,
}

impl ConfigError {
    /// An error at the first quoted `"value"` of the file (or its start).
    fn at_string(file: &SourceFile, value: &str, message: String, help: &str) -> Self {
        let span = file
            .text()
            .find(&format!("\"{value}\""))
            .map_or(Span::at(0), |at| Span::new(at, at + value.len() + 2));
        ConfigError {
            diagnostic: Box::new(
                Diagnostic::error(&INVALID_CONFIG, message)
                    .with_span(span)
                    .with_help(help),
            ),
        }
    }
}

impl ProjectConfig {
    /// Parses `connspec.toml`; selectors are checked against `codes`.
    pub fn parse(file: &SourceFile, codes: &[&'static Code]) -> Result<Self, ConfigError> {
        let config: ProjectConfig = toml::from_str(file.text()).map_err(|error| {
            let span = error
                .span()
                .map_or(Span::at(0), |r| Span::new(r.start, r.end.max(r.start)));
            let message = error.message().trim().trim_end_matches('.').to_owned();
            ConfigError {
                diagnostic: Box::new(
                    Diagnostic::error(&INVALID_CONFIG, message)
                        .with_span(span)
                        .with_help(
                            "keys: [check] select, ignore, max-bytes, max-depth, max-nodes; \
                             [instances] folders",
                        ),
                ),
            }
        })?;
        let settings = config.lint_settings();
        if let Some(unknown) = settings.unknown_selectors(codes).first() {
            return Err(ConfigError::at_string(
                file,
                unknown,
                format!("`{unknown}` matches no rule code"),
                "use a code (`P003`), a prefix (`P`) or a rule name (`unused-scope`); see `connspec explain --all`",
            ));
        }
        if let Some(folder) = config
            .instances
            .folders
            .iter()
            .find(|folder| !is_relative_folder(folder))
        {
            return Err(ConfigError::at_string(
                file,
                folder,
                format!("`{folder}` is not a folder below a spec's folder"),
                "use a relative path without `..`, e.g. `instances`",
            ));
        }
        Ok(config)
    }

    pub fn lint_settings(&self) -> LintSettings {
        LintSettings {
            select: self.check.select.clone(),
            ignore: self.check.ignore.clone(),
        }
    }
}
