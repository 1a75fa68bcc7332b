//! Instance pairing: an instance file in an instance folder of a spec's folder (by default
//! `DIR/instances/`) is checked against the specs in `DIR`, without `--instance`.
//!
//! The instance format does not name its spec, so the spec is chosen by fit: the only spec in
//! `DIR`, else every spec in `DIR` that fits the file best (most of its `values` and `secrets`
//! keys declared, fewest required parameters missing). Every spec in `DIR` takes part, also
//! those not named on the command line (they are checked quietly, for pairing only), so the
//! pairing of a file does not depend on which files a run was given.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use connspec_diagnostics::{Diagnostic, SourceFile};
use connspec_lint::{InstanceInput, SpecInput};
use connspec_model::CheckedFile;
use connspec_model::instance::InstanceFile;
use connspec_model::spec::ConnectorSpec;
use connspec_semantic::Origin;

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
            let mut found = Vec::new();
            for (spec_index, spec) in best_fits(instance, &specs) {
                let mut of_instance = Vec::new();
                let mut of_spec = Vec::new();
                for located in connspec_lint::check_instance(*spec, input, &session.settings) {
                    match located.origin {
                        Origin::Instance => of_instance.push(located.diagnostic),
                        Origin::Spec => of_spec.push(located.diagnostic),
                    }
                }
                merge(&mut found, of_instance, &spec.spec.name);
                if let Some(spec_index) = spec_index {
                    out.push((*spec_index, of_spec));
                }
            }
            out.push((index, with_notes(found)));
        }
        out
    }

    /// The folder of the specs an instance file at `path` belongs to, when it sits in an
    /// instance folder.
    fn spec_folder(&self, path: &Path) -> Option<PathBuf> {
        let parent = folder_of(path);
        self.folders.iter().find_map(|folder| {
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
}

/// A spec of a spec folder: a file of the run, or one checked for pairing only.
enum SpecRef {
    InRun(usize),
    Extra(usize),
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
fn yaml_files(folder: &Path) -> Vec<PathBuf> {
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
fn folder_of(path: &Path) -> PathBuf {
    path.parent().map_or_else(|| PathBuf::from("."), normalize)
}

/// `./a/./b` and `a/b` are the same path here; the empty path is `.`.
fn normalize(path: &Path) -> PathBuf {
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
