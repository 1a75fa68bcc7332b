//! Instance pairing in a run: which files of the run take part, and the specs of each spec
//! folder, from the run or checked quietly for pairing only (so the pairing of a file does not
//! depend on which files a run was given). How a spec folder is found and which spec fits an
//! instance file best is [`connspec_lint::pairing`]'s, shared with the language server.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use connspec_diagnostics::{Diagnostic, SourceFile};
use connspec_lint::pairing::{check_paired, folder_of, normalize, spec_folder, yaml_files};
use connspec_lint::{InstanceInput, SpecInput};
use connspec_model::CheckedFile;

use super::Session;
use super::load::Loaded;

/// One file of a run, as pairing sees it.
pub(crate) struct RunFile<'a> {
    pub(crate) path: &'a Path,
    /// The file as reported; instance findings point into it.
    pub(crate) source: &'a SourceFile,
    pub(crate) checked: Option<&'a CheckedFile>,
}

/// Which files of a run take part in pairing, known from their paths alone, so that a run
/// without instance folders keeps no checked documents.
pub(crate) struct PairingPlan {
    folders: Vec<PathBuf>,
    spec_folders: BTreeSet<PathBuf>,
    /// Files named with `--instance`: checked against every spec, never paired.
    explicit: BTreeSet<PathBuf>,
}

impl PairingPlan {
    pub(crate) fn new<'a>(
        session: &Session,
        paths: impl Iterator<Item = &'a Path>,
        explicit: &[PathBuf],
    ) -> Self {
        let mut plan = Self {
            folders: session
                .instance_folders
                .iter()
                .map(|f| normalize(Path::new(f)))
                .collect(),
            spec_folders: BTreeSet::new(),
            explicit: explicit.iter().map(|p| normalize(p)).collect(),
        };
        for path in paths {
            if let Some(folder) = plan.spec_folder(path) {
                plan.spec_folders.insert(folder);
            }
        }
        plan
    }

    /// Whether the checked document of the file at `path` is needed for pairing.
    pub(crate) fn keeps(&self, path: &Path) -> bool {
        self.spec_folder(path).is_some() || self.spec_folders.contains(&folder_of(path))
    }

    /// Checks every paired instance file of `files` against its spec(s); the findings of each,
    /// by index in `files`.
    pub(crate) fn check(
        &self,
        session: &Session,
        files: &[RunFile<'_>],
    ) -> Vec<(usize, Vec<Diagnostic>)> {
        if self.spec_folders.is_empty() {
            return Vec::new();
        }
        let in_run: BTreeMap<PathBuf, usize> = files
            .iter()
            .enumerate()
            .map(|(i, f)| (normalize(f.path), i))
            .collect();
        // The specs of each spec folder: from the run, else checked here.
        let mut extra: Vec<Loaded> = Vec::new();
        let mut specs_by_folder: BTreeMap<&PathBuf, Vec<SpecRef>> = BTreeMap::new();
        for folder in &self.spec_folders {
            let mut specs = Vec::new();
            for path in yaml_files(folder) {
                let found = match in_run.get(&normalize(&path)) {
                    Some(&index) => files[index]
                        .checked
                        .and_then(|c| c.spec.as_ref())
                        .map(|_| SpecRef::InRun(index)),
                    None => session
                        .load_path(&path, None)
                        .ok()
                        .filter(|loaded| loaded.checked.spec.is_some())
                        .map(|loaded| {
                            extra.push(loaded);
                            SpecRef::Extra(extra.len() - 1)
                        }),
                };
                specs.extend(found);
            }
            specs_by_folder.insert(folder, specs);
        }
        // A spec as the semantic layer reads it, with its index in the run when it is in it
        // (fields that fail to render with an instance's values are reported there).
        let spec_of = |spec: &SpecRef| -> Option<(Option<usize>, SpecInput<'_>)> {
            let (index, file, checked) = match *spec {
                SpecRef::InRun(i) => (Some(i), files[i].source, files[i].checked?),
                SpecRef::Extra(i) => (None, &extra[i].file, &extra[i].checked),
            };
            Some((
                index,
                SpecInput {
                    file,
                    document: checked.document.as_ref()?,
                    spec: checked.spec.as_ref()?,
                },
            ))
        };
        let mut out = Vec::new();
        for (index, file) in files.iter().enumerate() {
            if self.explicit.contains(&normalize(file.path)) {
                continue;
            }
            let Some(folder) = self.spec_folder(file.path) else {
                continue;
            };
            let Some(checked) = file.checked else {
                continue;
            };
            let (Some(document), Some(instance)) = (&checked.document, &checked.instance) else {
                continue;
            };
            let Some(candidates) = specs_by_folder.get(&folder) else {
                continue;
            };
            let specs: Vec<(Option<usize>, SpecInput<'_>)> =
                candidates.iter().filter_map(spec_of).collect();
            let input = InstanceInput {
                file: file.source,
                document,
                instance,
            };
            let paired = check_paired(input, &specs, &session.settings);
            for (spec_index, of_spec) in paired.of_specs {
                if let Some(spec_index) = spec_index {
                    out.push((*spec_index, of_spec));
                }
            }
            out.push((index, paired.of_instance));
        }
        out
    }

    /// The folder of the specs an instance file at `path` belongs to, when it sits in an
    /// instance folder.
    fn spec_folder(&self, path: &Path) -> Option<PathBuf> {
        spec_folder(&self.folders, path)
    }
}

/// A spec of a spec folder: a file of the run, or one checked for pairing only.
enum SpecRef {
    InRun(usize),
    Extra(usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(folders: &[&str]) -> PairingPlan {
        PairingPlan {
            folders: folders.iter().map(PathBuf::from).collect(),
            spec_folders: BTreeSet::new(),
            explicit: BTreeSet::new(),
        }
    }

    #[test]
    fn instance_files_belong_to_the_folder_above_their_instance_folder() {
        let plan = plan(&["instances", "deploy/tenants"]);
        let folder = |p: &str| plan.spec_folder(Path::new(p));
        assert_eq!(
            folder("connectors/coupa/instances/a.yaml"),
            Some("connectors/coupa".into())
        );
        assert_eq!(folder("./instances/a.yaml"), Some(".".into()));
        assert_eq!(folder("instances/a.yaml"), Some(".".into()));
        assert_eq!(folder("x/deploy/tenants/a.yaml"), Some("x".into()));
        assert_eq!(folder("x/tenants/a.yaml"), None);
        assert_eq!(folder("connectors/coupa/a.yaml"), None);
        assert_eq!(folder("a.yaml"), None);
    }
}
