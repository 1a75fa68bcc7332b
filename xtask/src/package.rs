//! `cargo xtask package [--verify]`: packages every publishable crate as `cargo publish` would,
//! in dependency order, after checking what cargo does not.
//!
//! cargo packages a workspace in dependency order itself (`cargo package --workspace`, each crate
//! resolved against the ones packaged before it), so this task adds the project's rules: every
//! crate but `xtask` and the tests is published, each carries the metadata the registry shows,
//! and the workspace's own crates are required at the workspace's one version. Without
//! `--verify` the packages are not compiled, which CI skips since the test step has built the
//! same sources already; the release workflow verifies.

use std::collections::BTreeMap;
use std::fs;

use anyhow::{Context, bail};

use crate::util::{cargo, project_root, run};

/// The workspace members that are never published.
const UNPUBLISHED: [&str; 2] = ["xtask", "connspec-tests"];

/// What the registry shows of each crate, which cargo only warns about when missing.
const REQUIRED_FIELDS: [&str; 5] = [
    "description",
    "license",
    "repository",
    "rust-version",
    "version",
];

#[derive(Debug, Default, clap::Args)]
pub(crate) struct PackageArgs {
    /// Also build each package from its `.crate` file, as `cargo publish` does.
    #[arg(long)]
    verify: bool,
}

pub(crate) fn run_task(args: &PackageArgs) -> anyhow::Result<()> {
    let members = publishable_members()?;
    check_manifests(&members)?;
    let mut command = cargo();
    // --allow-dirty: this checks that the crates can be published, also from a working tree
    // with changes; the release workflow publishes from the tag.
    command.args(["package", "--workspace", "--locked", "--allow-dirty"]);
    for name in UNPUBLISHED {
        command.args(["--exclude", name]);
    }
    if !args.verify {
        command.arg("--no-verify");
    }
    run(&mut command)?;
    println!(
        "package: {} crates packaged into target/package/ ({})",
        members.len(),
        if args.verify {
            "each built from its package"
        } else {
            "not compiled: --verify builds each"
        }
    );
    Ok(())
}

/// The workspace's crates under `crates/`, by package name, with their manifests.
fn publishable_members() -> anyhow::Result<BTreeMap<String, toml::Table>> {
    let crates = project_root().join("crates");
    let mut members = BTreeMap::new();
    for entry in
        fs::read_dir(&crates).with_context(|| format!("cannot list {}", crates.display()))?
    {
        let path = entry?.path().join("Cargo.toml");
        if !path.is_file() {
            continue;
        }
        let manifest: toml::Table = toml::from_str(
            &fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?,
        )
        .with_context(|| format!("{} is not valid TOML", path.display()))?;
        let name = manifest
            .get("package")
            .and_then(|package| package.get("name"))
            .and_then(toml::Value::as_str)
            .with_context(|| format!("{} has no package.name", path.display()))?
            .to_owned();
        members.insert(name, manifest);
    }
    Ok(members)
}

/// The workspace manifest's `[workspace]` table.
fn workspace_table() -> anyhow::Result<toml::Table> {
    let path = project_root().join("Cargo.toml");
    let manifest: toml::Table = toml::from_str(&fs::read_to_string(&path)?)
        .with_context(|| format!("{} is not valid TOML", path.display()))?;
    manifest
        .get("workspace")
        .and_then(toml::Value::as_table)
        .cloned()
        .context("Cargo.toml has no [workspace]")
}

/// Every problem that would make a publish fail or a crate page poor, all at once.
fn check_manifests(members: &BTreeMap<String, toml::Table>) -> anyhow::Result<()> {
    let workspace = workspace_table()?;
    let mut problems = problems_with_internal_versions(&workspace, members);
    for (name, manifest) in members {
        let package = manifest.get("package").and_then(toml::Value::as_table);
        for field in REQUIRED_FIELDS {
            if package.and_then(|p| p.get(field)).is_none() {
                problems.push(format!("{name}: package.{field} is missing"));
            }
        }
        if package
            .and_then(|p| p.get("publish"))
            .is_some_and(|publish| publish.as_bool() == Some(false))
        {
            problems.push(format!(
                "{name}: publish = false, but every crate under crates/ is published"
            ));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    bail!(
        "the crates cannot be published:\n  {}",
        problems.join("\n  ")
    )
}

/// Each of the workspace's own crates in `[workspace.dependencies]` must name a path and the
/// workspace's version: the path builds here, the version is what the registry resolves.
fn problems_with_internal_versions(
    workspace: &toml::Table,
    members: &BTreeMap<String, toml::Table>,
) -> Vec<String> {
    let version = workspace
        .get("package")
        .and_then(|package| package.get("version"))
        .and_then(toml::Value::as_str);
    let Some(version) = version else {
        return vec!["Cargo.toml: workspace.package.version is missing".to_owned()];
    };
    let dependencies = workspace
        .get("dependencies")
        .and_then(toml::Value::as_table)
        .cloned()
        .unwrap_or_default();
    let mut problems = Vec::new();
    for name in members.keys() {
        let Some(dependency) = dependencies.get(name).and_then(toml::Value::as_table) else {
            problems.push(format!(
                "{name}: not in [workspace.dependencies] (add it with its path and version)"
            ));
            continue;
        };
        match dependency.get("version").and_then(toml::Value::as_str) {
            Some(required) if required == version || required == format!("={version}") => {}
            Some(required) => problems.push(format!(
                "[workspace.dependencies] {name} requires version {required:?}, but the workspace is {version:?}"
            )),
            None => problems.push(format!(
                "[workspace.dependencies] {name} has no version: the registry could not resolve it"
            )),
        }
        if dependency.get("path").is_none() {
            problems.push(format!("[workspace.dependencies] {name} has no path"));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed manifests are publishable as they stand.
    #[test]
    fn the_workspace_manifests_are_publishable() {
        let members = publishable_members().expect("crates/");
        assert!(members.len() >= 12, "{:?}", members.keys());
        if let Err(err) = check_manifests(&members) {
            panic!("{err:#}");
        }
    }

    #[test]
    fn a_version_left_behind_is_named() {
        let workspace: toml::Table = toml::from_str(
            r#"
            package = { version = "0.2.0" }
            [dependencies]
            connspec-model = { path = "crates/connspec-model", version = "0.1.0" }
            connspec-lint = { path = "crates/connspec-lint" }
            "#,
        )
        .expect("toml");
        let members: BTreeMap<String, toml::Table> =
            ["connspec-model", "connspec-lint", "connspec-diff"]
                .into_iter()
                .map(|name| (name.to_owned(), toml::Table::new()))
                .collect();
        let problems = problems_with_internal_versions(&workspace, &members);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(
            problems
                .iter()
                .any(|p| p.contains("connspec-model requires version \"0.1.0\""))
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("connspec-lint has no version"))
        );
        assert!(problems.iter().any(|p| p.contains("connspec-diff: not in")));
    }
}
