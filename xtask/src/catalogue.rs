//! `cargo xtask catalogue`: provider catalogues derived from the vendors' own API descriptions.
//!
//! Each provider has a folder `crates/connspec-catalog/sources/<provider>/`:
//! - `catalogue.toml`, the hand-written part (endpoints, hosts, conventions, setup, scaffold),
//!   copied to the top of the generated catalogue;
//! - `generator.toml`, how to read the extracts (`format`, the security scheme, whether a
//!   list of scopes means all or any) and where each extract came from;
//! - the extracts: the vendor's files pruned to what a catalogue needs (`extract`).
//!
//! `refresh` turns them into `catalogues/<provider>.toml`, in the format of Coupa's
//! hand-written catalogue plus `[[sources]]`, described `[scopes]` and `requires` alternatives
//! (least privileged first). `cargo xtask codegen --check` fails when that output is stale.

mod extract;
mod formats;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Subcommand;
use serde::Deserialize;

use crate::util::project_root;

pub(crate) use extract::extract;

/// `cargo xtask catalogue …`.
#[derive(Debug, Subcommand)]
pub(crate) enum CatalogueTask {
    /// Regenerate `crates/connspec-catalog/catalogues/<provider>.toml` from every provider's
    /// `sources/<provider>/` (what `cargo xtask codegen` also does).
    Refresh {
        /// Write nothing; fail when a generated catalogue is stale.
        #[arg(long)]
        check: bool,
    },
    /// Prune a vendor's full API description (JSON, or YAML through `PyYAML`) into the extract
    /// `sources/<provider>/<id>.json` that `generator.toml` names.
    Extract {
        /// The provider (a folder under `sources/`).
        provider: String,
        /// The `[[sources]]` id in its `generator.toml`.
        id: String,
        /// The vendor's file.
        file: PathBuf,
    },
}

pub(crate) fn run(task: CatalogueTask) -> anyhow::Result<()> {
    match task {
        CatalogueTask::Refresh { check } => crate::codegen::generate_all(if check {
            crate::codegen::Mode::Check
        } else {
            crate::codegen::Mode::Write
        }),
        CatalogueTask::Extract { provider, id, file } => extract(&provider, &id, &file),
    }
}

/// The HTTP methods an extract keeps.
pub(crate) fn formats_methods() -> [&'static str; 5] {
    ["get", "post", "put", "patch", "delete"]
}

/// Where the source folders live, relative to the project root.
pub(crate) const SOURCES_DIR: &str = "crates/connspec-catalog/sources";
/// Where generated catalogues go, relative to the project root.
pub(crate) const CATALOGUES_DIR: &str = "crates/connspec-catalog/catalogues";

/// `generator.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Generator {
    pub(crate) format: Format,
    /// The `OpenAPI` security scheme that holds OAuth scopes.
    #[serde(default)]
    pub(crate) scheme: Option<String>,
    /// What a list of scopes in one security requirement means for this vendor.
    #[serde(default)]
    pub(crate) list_means: ListMeaning,
    /// Prepended to every operation path (a server URL's path the routes keep).
    #[serde(default)]
    pub(crate) path_prefix: String,
    /// Whether scope descriptions may be copied (false where the source's terms allow only
    /// names).
    #[serde(default = "yes")]
    pub(crate) descriptions: bool,
    pub(crate) sources: Vec<SourceFile>,
}

fn yes() -> bool {
    true
}

/// The formats of vendor files the generator reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Format {
    /// `OpenAPI` 3 or Swagger 2 with per-operation `security` (and Atlassian's
    /// `x-atlassian-oauth2-scopes`).
    Openapi,
    /// Microsoft Graph's `permissions.json` (devx-content).
    GraphPermissions,
    /// Google API discovery documents.
    GoogleDiscovery,
    /// GitHub's fine-grained permission tables (github/docs).
    GithubPermissions,
}

/// What several scopes in one list mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ListMeaning {
    /// All are needed (`OpenAPI`'s own meaning).
    #[default]
    AllOf,
    /// Any one is enough (Slack, Zoom, Google).
    AnyOf,
}

/// One extract and where it came from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceFile {
    pub(crate) id: String,
    /// The repository or package and the file in it.
    pub(crate) origin: String,
    pub(crate) revision: String,
    pub(crate) licence: String,
}

/// One operation of a vendor's API and the scopes it needs.
#[derive(Debug, Clone)]
pub(crate) struct Operation {
    pub(crate) method: String,
    pub(crate) path: String,
    /// Alternatives, each all needed, in the source's order.
    pub(crate) alternatives: Vec<Vec<String>>,
    /// Indexes of alternatives the source marks least privileged.
    pub(crate) least: Vec<usize>,
}

/// What a format reader finds in one extract.
#[derive(Debug, Default)]
pub(crate) struct Derived {
    /// Scopes the file declares, with descriptions (empty when it has none).
    pub(crate) scopes: BTreeMap<String, String>,
    pub(crate) operations: Vec<Operation>,
    /// Operations the file lists, scoped or not.
    pub(crate) operations_listed: usize,
}

/// The generated catalogue of every provider folder.
pub(crate) fn generate() -> anyhow::Result<Vec<(String, String)>> {
    let root = project_root();
    let mut out = Vec::new();
    let mut providers: Vec<PathBuf> = fs::read_dir(root.join(SOURCES_DIR))
        .with_context(|| format!("listing {SOURCES_DIR}"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    providers.sort();
    for dir in providers.into_iter().filter(|p| p.is_dir()) {
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .context("a provider folder's name is not UTF-8")?
            .to_owned();
        let text = generate_one(&dir).with_context(|| format!("catalogue of `{name}`"))?;
        out.push((format!("{CATALOGUES_DIR}/{name}.toml"), text));
    }
    Ok(out)
}

pub(crate) fn read_generator(dir: &Path) -> anyhow::Result<Generator> {
    let path = dir.join("generator.toml");
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

fn generate_one(dir: &Path) -> anyhow::Result<String> {
    let generator = read_generator(dir)?;
    let head_path = dir.join("catalogue.toml");
    let head = fs::read_to_string(&head_path)
        .with_context(|| format!("reading {}", head_path.display()))?;
    let conventions: connspec_catalog::Conventions = toml::from_str::<HeadConventions>(&head)
        .with_context(|| format!("parsing {}", head_path.display()))?
        .conventions;

    let mut scopes: BTreeMap<String, String> = BTreeMap::new();
    // The sources that list each scope, declared or needed by an operation.
    let mut listed_by: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut operations: Vec<(String, Operation)> = Vec::new();
    let mut counts = Vec::new();
    for source in &generator.sources {
        let path = dir.join(format!("{}.json", source.id));
        let text =
            fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let value: serde_json::Value =
            serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
        let derived = formats::read(&generator, &value)
            .with_context(|| format!("reading {}", path.display()))?;
        counts.push((
            derived.scopes.len(),
            derived.operations_listed,
            derived.operations.len(),
        ));
        for operation in &derived.operations {
            for scope in operation.alternatives.iter().flatten() {
                listed_by
                    .entry(scope.clone())
                    .or_default()
                    .insert(source.id.clone());
            }
        }
        for (scope, description) in derived.scopes {
            listed_by
                .entry(scope.clone())
                .or_default()
                .insert(source.id.clone());
            let entry = scopes.entry(scope).or_default();
            if entry.is_empty() && generator.descriptions {
                *entry = description;
            }
        }
        operations.extend(
            derived
                .operations
                .into_iter()
                .map(|o| (source.id.clone(), o)),
        );
    }
    // The identity layer's scopes (`openid`, `offline_access`) are the provider's too.
    for scope in &conventions.identity_scopes {
        scopes.entry(scope.clone()).or_default();
    }
    // Scopes operations need but the file does not declare are scopes all the same.
    for (_, operation) in &operations {
        for scope in operation.alternatives.iter().flatten() {
            scopes.entry(scope.clone()).or_default();
        }
    }

    // How much each scope grants: the number of operations that name it.
    let mut breadth: BTreeMap<&str, usize> = BTreeMap::new();
    let mut writes: BTreeSet<&str> = BTreeSet::new();
    for (_, operation) in &operations {
        for scope in operation.alternatives.iter().flatten() {
            *breadth.entry(scope.as_str()).or_default() += 1;
            if operation.method != "GET" {
                writes.insert(scope.as_str());
            }
        }
    }
    let is_write = |scope: &str| {
        conventions
            .write_by_name(scope)
            .unwrap_or(conventions.write_scopes_from_routes && writes.contains(scope))
    };

    // Routes grouped by source and requirement; least privileged alternative first: one the
    // source marks, then read-only before write, then the narrowest, then the fewest scopes.
    let mut groups: BTreeMap<(String, Vec<Vec<String>>), PathsByMethod> = BTreeMap::new();
    for (from, operation) in &operations {
        let mut ranked: Vec<(usize, &Vec<String>)> =
            operation.alternatives.iter().enumerate().collect();
        ranked.sort_by_key(|(index, alternative)| {
            (
                !operation.least.contains(index),
                alternative.iter().any(|s| is_write(s)),
                alternative
                    .iter()
                    .map(|s| breadth[s.as_str()])
                    .sum::<usize>(),
                alternative.len(),
                *index,
            )
        });
        let mut alternatives: Vec<Vec<String>> = Vec::new();
        for (_, alternative) in ranked {
            if !alternatives.contains(alternative) {
                alternatives.push(alternative.clone());
            }
        }
        groups
            .entry((from.clone(), alternatives))
            .or_default()
            .entry(operation.method.to_ascii_lowercase())
            .or_default()
            .insert(operation.path.clone());
    }

    let mut text = String::from(
        "# Generated by `cargo xtask catalogue refresh` from the files in\n\
         # `crates/connspec-catalog/sources/",
    );
    let folder = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let _ = writeln!(text, "{folder}/`; do not edit by hand.\n");
    text.push_str(head.trim_end());
    text.push_str("\n\n# Where the scopes and routes below come from.\n");
    for (source, (scope_count, operation_count, scoped_count)) in
        generator.sources.iter().zip(&counts)
    {
        text.push_str("[[sources]]\n");
        let _ = writeln!(text, "id = {}", quote(&source.id));
        let _ = writeln!(text, "origin = {}", quote(&source.origin));
        let _ = writeln!(text, "revision = {}", quote(&source.revision));
        let _ = writeln!(text, "licence = {}", quote(&source.licence));
        let _ = writeln!(text, "scopes = {scope_count}");
        let _ = writeln!(text, "operations = {operation_count}");
        let _ = writeln!(text, "scoped_operations = {scoped_count}\n");
    }
    text.push_str(
        "# Every scope, with what the vendor says it grants and the sources that list it (none\n\
         # for the identity layer's, which the catalogue's head names).\n[scopes]\n",
    );
    for (scope, description) in &scopes {
        let from: Vec<String> = listed_by
            .get(scope)
            .into_iter()
            .flatten()
            .map(|id| quote(id))
            .collect();
        let _ = writeln!(
            text,
            "{} = {{ description = {}, from = [{}] }}",
            quote(scope),
            quote(description),
            from.join(", ")
        );
    }
    text.push_str(
        "\n# Routes: method + path template → the scopes that grant them. `requires` lists\n\
         # alternatives, any one of which is enough; each lists scopes that are all needed.\n",
    );
    for ((from, alternatives), methods) in &groups {
        text.push_str("\n[[routes]]\n");
        let _ = writeln!(text, "from = {}", quote(from));
        let alternatives: Vec<String> = alternatives
            .iter()
            .map(|a| {
                format!(
                    "[{}]",
                    a.iter().map(|s| quote(s)).collect::<Vec<_>>().join(", ")
                )
            })
            .collect();
        let _ = writeln!(text, "requires = [{}]", alternatives.join(", "));
        for (method, paths) in methods {
            let paths: Vec<String> = paths.iter().map(|p| quote(p)).collect();
            let _ = writeln!(text, "{method} = [{}]", paths.join(", "));
        }
    }
    Ok(text)
}

/// Route paths by lower-case method, sorted.
type PathsByMethod = BTreeMap<String, BTreeSet<String>>;

/// The `[conventions]` of a `catalogue.toml`, read to rank scopes; other keys are ignored.
#[derive(Deserialize)]
struct HeadConventions {
    #[serde(default)]
    conventions: connspec_catalog::Conventions,
}

/// A TOML basic string.
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
