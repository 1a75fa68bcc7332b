//! An instance file's findings against the specs of its folder, paired as `connspec check`
//! pairs them ([`connspec_lint::pairing`]): specs open in the editor are read as edited, the
//! others from disk through the one bounded file reader.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use connspec_diagnostics::Diagnostic;
use connspec_lint::pairing::{check_paired, normalize, spec_folder as folder_of_specs, yaml_files};
use connspec_lint::{CheckedSource, InstanceInput, SpecInput};
use connspec_model::{CheckOptions, DocumentKind};

use crate::settings::DocumentSettings;

/// The folder of the specs the instance file at `path` belongs to.
pub(crate) fn spec_folder(settings: &DocumentSettings, path: &Path) -> Option<PathBuf> {
    let folders: Vec<PathBuf> = settings
        .instance_folders
        .iter()
        .map(|f| normalize(Path::new(f)))
        .collect();
    folder_of_specs(&folders, path)
}

/// The findings in the instance file at `path` (checked as `instance`) from pairing it with
/// the specs of its folder; none when it is in no instance folder or no spec loads there.
pub(crate) fn paired_findings(
    path: &Path,
    instance: &CheckedSource,
    settings: &DocumentSettings,
    open: &HashMap<PathBuf, String>,
) -> Vec<Diagnostic> {
    let (Some(document), Some(instance_file)) =
        (&instance.checked.document, &instance.checked.instance)
    else {
        return Vec::new();
    };
    let Some(folder) = spec_folder(settings, path) else {
        return Vec::new();
    };
    let specs = folder_specs(&folder, None, settings, open);
    let inputs: Vec<((), SpecInput<'_>)> = specs
        .iter()
        .filter_map(|(_, s)| Some(((), spec_input(s)?)))
        .collect();
    let input = InstanceInput {
        file: &instance.file,
        document,
        instance: instance_file,
    };
    check_paired(input, &inputs, &settings.lint).of_instance
}

/// The findings in the spec at `path` (checked as `spec`) from the instance files paired with
/// its folder: its fields that fail to render with an instance's values, once each, as
/// `connspec check` adds them to the spec.
pub(crate) fn spec_findings(
    path: &Path,
    spec: &CheckedSource,
    settings: &DocumentSettings,
    open: &HashMap<PathBuf, String>,
) -> Vec<Diagnostic> {
    let Some(folder) = path.parent() else {
        return Vec::new();
    };
    let instance_paths: Vec<PathBuf> = settings
        .instance_folders
        .iter()
        .flat_map(|f| yaml_files(&folder.join(f)))
        .collect();
    if instance_paths.is_empty() || spec.checked.spec.is_none() {
        return Vec::new();
    }
    // The folder's other specs take part: an instance file pairs with the one it fits best.
    let others = folder_specs(folder, Some(path), settings, open);
    let mut inputs: Vec<(bool, SpecInput<'_>)> = others
        .iter()
        .filter_map(|(_, s)| Some((false, spec_input(s)?)))
        .collect();
    let Some(this) = spec_input(spec) else {
        return Vec::new();
    };
    inputs.push((true, this));
    let options = CheckOptions {
        limits: settings.limits,
        kind: Some(DocumentKind::Instance),
    };
    let mut found: Vec<Diagnostic> = Vec::new();
    for instance_path in instance_paths {
        let Some(text) = read(&instance_path, settings, open) else {
            continue;
        };
        let name = instance_path.display().to_string();
        let checked =
            connspec_lint::check_and_lint(&name, text.as_bytes(), &options, &settings.lint);
        let (Some(document), Some(instance)) =
            (&checked.checked.document, &checked.checked.instance)
        else {
            continue;
        };
        let input = InstanceInput {
            file: &checked.file,
            document,
            instance,
        };
        for (is_this, of_spec) in check_paired(input, &inputs, &settings.lint).of_specs {
            if *is_this {
                for diagnostic in of_spec {
                    if !found.contains(&diagnostic) {
                        found.push(diagnostic);
                    }
                }
            }
        }
    }
    found
}

/// The specs of `folder` that load, but the one at `except`, as the editor has them.
fn folder_specs(
    folder: &Path,
    except: Option<&Path>,
    settings: &DocumentSettings,
    open: &HashMap<PathBuf, String>,
) -> Vec<(PathBuf, CheckedSource)> {
    let options = CheckOptions {
        limits: settings.limits,
        kind: Some(DocumentKind::Connector),
    };
    yaml_files(folder)
        .into_iter()
        .filter(|p| Some(p.as_path()) != except)
        .filter_map(|spec_path| {
            let text = read(&spec_path, settings, open)?;
            let name = spec_path.display().to_string();
            let checked =
                connspec_lint::check_and_lint(&name, text.as_bytes(), &options, &settings.lint);
            checked
                .checked
                .spec
                .is_some()
                .then_some((spec_path, checked))
        })
        .collect()
}

/// A file's text: as open in the editor, else from disk through the bounded reader.
fn read(
    path: &Path,
    settings: &DocumentSettings,
    open: &HashMap<PathBuf, String>,
) -> Option<String> {
    match open.get(path) {
        Some(text) => Some(text.clone()),
        None => connspec_model::file::read_regular_text(
            path,
            u64::try_from(settings.limits.max_bytes).unwrap_or(u64::MAX),
        )
        .ok(),
    }
}

fn spec_input(checked: &CheckedSource) -> Option<SpecInput<'_>> {
    Some(SpecInput {
        file: &checked.file,
        document: checked.checked.document.as_ref()?,
        spec: checked.checked.spec.as_ref()?,
    })
}
