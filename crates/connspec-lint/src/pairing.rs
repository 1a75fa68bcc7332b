//! Instance pairing: an instance file in an instance folder of a spec's folder (by default
//! `DIR/instances/`) belongs to the specs in `DIR`, and is checked against the one that fits it
//! best. `connspec check` and the language server pair files with these functions, so an
//! instance file gets the same findings in the terminal and in the editor.
//!
//! The instance format does not name its spec, so the spec is chosen by fit: the only spec in
//! `DIR`, else every spec in `DIR` that fits the file best (most of its `values` and `secrets`
//! keys declared, fewest required parameters missing).

use std::path::{Component, Path, PathBuf};

use connspec_diagnostics::Diagnostic;
use connspec_model::instance::InstanceFile;
use connspec_model::spec::ConnectorSpec;
use connspec_semantic::Origin;

use crate::{InstanceInput, LintSettings, SpecInput, check_instance};

/// The folder of the specs an instance file at `path` belongs to, when it sits in one of the
/// instance `folders` (relative to a spec folder, normalized).
pub fn spec_folder(folders: &[PathBuf], path: &Path) -> Option<PathBuf> {
    let parent = folder_of(path);
    folders.iter().find_map(|folder| {
        let depth = folder.components().count();
        parent.ends_with(folder).then(|| {
            let base = parent.ancestors().nth(depth).unwrap_or(Path::new(""));
            if base.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                base.to_path_buf()
            }
        })
    })
}

/// What checking one instance file against its best-fitting specs found.
#[derive(Debug)]
pub struct Paired<'s, T> {
    /// Findings in the instance file, each kept once; a note names the other connectors it
    /// applies to.
    pub of_instance: Vec<Diagnostic>,
    /// Findings in each spec: its fields that fail to render with the instance's values.
    pub of_specs: Vec<(&'s T, Vec<Diagnostic>)>,
}

/// Checks `instance` against the specs among `specs` that fit it best.
pub fn check_paired<'s, T>(
    instance: InstanceInput<'_>,
    specs: &'s [(T, SpecInput<'_>)],
    settings: &LintSettings,
) -> Paired<'s, T> {
    let mut found = Vec::new();
    let mut of_specs = Vec::new();
    for (tag, spec) in best_fits(instance.instance, specs) {
        let mut of_instance = Vec::new();
        let mut of_spec = Vec::new();
        for located in check_instance(*spec, instance, settings) {
            match located.origin {
                Origin::Instance => of_instance.push(located.diagnostic),
                Origin::Spec => of_spec.push(located.diagnostic),
            }
        }
        merge(&mut found, of_instance, &spec.spec.name);
        of_specs.push((tag, of_spec));
    }
    Paired {
        of_instance: with_notes(found),
        of_specs,
    }
}

/// Adds the findings of one more spec; a finding an earlier spec already gave at the same
/// place is kept once, and the other connectors are named in a note.
fn merge(found: &mut Vec<(Diagnostic, Vec<String>)>, more: Vec<Diagnostic>, connector: &str) {
    for diagnostic in more {
        let same = found
            .iter_mut()
            .find(|(d, _)| d.code.code == diagnostic.code.code && d.span == diagnostic.span);
        match same {
            Some((_, others)) => others.push(format!("`{connector}`")),
            None => found.push((diagnostic, Vec::new())),
        }
    }
}

/// The merged findings, each with its note naming the other connectors it applies to.
fn with_notes(found: Vec<(Diagnostic, Vec<String>)>) -> Vec<Diagnostic> {
    found
        .into_iter()
        .map(|(mut diagnostic, others)| {
            if !others.is_empty() {
                let noun = if others.len() == 1 {
                    "connector"
                } else {
                    "connectors"
                };
                let also = format!("the same for {noun} {}", others.join(", "));
                diagnostic.note = Some(match diagnostic.note.take() {
                    Some(note) => format!("{note}; {also}"),
                    None => also,
                });
            }
            diagnostic
        })
        .collect()
}

/// The specs that fit `instance` best: most of its keys declared, fewest required parameters
/// missing; several when they fit equally well.
fn best_fits<'s, T>(
    instance: &InstanceFile,
    specs: &'s [(T, SpecInput<'_>)],
) -> Vec<&'s (T, SpecInput<'s>)> {
    let fit = |spec: &ConnectorSpec| -> i64 {
        let declared_values = instance
            .values
            .keys()
            .filter(|k| spec.instance.contains_key(*k))
            .count();
        let declared_secrets = instance
            .secrets
            .keys()
            .filter(|k| spec.secrets.iter().any(|s| s.name() == k.as_str()))
            .count();
        let missing = spec
            .instance
            .iter()
            .filter(|(name, p)| p.default.is_none() && !instance.values.contains_key(*name))
            .count();
        to_i64(declared_values) + to_i64(declared_secrets) - to_i64(missing)
    };
    let Some(best) = specs.iter().map(|(_, s)| fit(s.spec)).max() else {
        return Vec::new();
    };
    specs.iter().filter(|(_, s)| fit(s.spec) == best).collect()
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The YAML files directly in `folder` (not hidden), sorted.
pub fn yaml_files(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            let visible = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.starts_with('.'));
            let yaml = p
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
            visible && yaml
        })
        .collect();
    files.sort();
    files
}

/// The folder a file is in, normalized (`.` for the current folder).
pub fn folder_of(path: &Path) -> PathBuf {
    path.parent().map_or_else(|| PathBuf::from("."), normalize)
}

/// `./a/./b` and `a/b` are the same path here; the empty path is `.`.
pub fn normalize(path: &Path) -> PathBuf {
    let normal: PathBuf = path
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    if normal.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        normal
    }
}
