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
    let options = CheckOptions {
        limits: settings.limits,
        kind: Some(DocumentKind::Connector),
    };
    let specs: Vec<CheckedSource> = yaml_files(&folder)
        .into_iter()
        .filter_map(|spec_path| {
            let text = match open.get(&spec_path) {
                Some(text) => text.clone(),
                None => connspec_model::file::read_regular_text(
                    &spec_path,
                    u64::try_from(settings.limits.max_bytes).unwrap_or(u64::MAX),
                )
                .ok()?,
            };
            let name = spec_path.display().to_string();
            let checked =
                connspec_lint::check_and_lint(&name, text.as_bytes(), &options, &settings.lint);
            checked.checked.spec.is_some().then_some(checked)
        })
        .collect();
    let inputs: Vec<((), SpecInput<'_>)> = specs
        .iter()
        .filter_map(|s| {
            Some((
                (),
                SpecInput {
                    file: &s.file,
                    document: s.checked.document.as_ref()?,
                    spec: s.checked.spec.as_ref()?,
                },
            ))
        })
        .collect();
    let input = InstanceInput {
        file: &instance.file,
        document,
        instance: instance_file,
    };
    check_paired(input, &inputs, &settings.lint).of_instance
}
