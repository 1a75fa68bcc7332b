//! `cargo xtask vsix`: builds the VS Code extension in `editors/vscode` and packages it as
//! `target/vsix/connspec-<version>.vsix`, then checks the package.
//!
//! Everything comes from the committed lock file through `npm ci` into
//! `editors/vscode/node_modules` (skipped when a stamp says it is current); vsce runs from that
//! install, and nothing downloads VS Code. The extension's version is connspec's (the
//! `connspec-cli` package's): [`check_versions`] fails when `package.json` or its lock file says
//! otherwise. The check opens the archive ([`zip`]), reads `extension/package.json` and loads
//! the bundle it names with Node, outside any `node_modules`, with a stand-in `vscode` module.

mod zip;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail, ensure};
use serde_json::Value;

use crate::peers::{is_current, write_stamp};
use crate::util::{display_command, fnv1a64, project_root, run};

/// The extension's folder, relative to the project root.
const EXTENSION_DIR: &str = "editors/vscode";
/// The manifest whose version is connspec's.
const CLI_MANIFEST: &str = "crates/connspec-cli/Cargo.toml";
/// The extension's `name` (and so the package's file name).
const EXTENSION_NAME: &str = "connspec";
/// Steps of [`build`], for the progress lines.
const STEPS: usize = 6;

/// Builds, packages and checks the extension; prints the package's path and size.
pub(crate) fn build() -> anyhow::Result<()> {
    let started = Instant::now();
    let root = project_root();
    let dir = root.join(EXTENSION_DIR);

    step(1, "versions");
    let version = check_versions(&root)?;
    println!("vsix: connspec and the extension are both {version}");

    step(2, "npm ci");
    let node = command_output(Command::new("node").arg("--version")).context(
        "the VS Code extension needs Node.js 20 or later with npm (`node --version` failed)",
    )?;
    install(&dir, &node)?;

    step(3, "type check (tsc)");
    run(npm()
        .args(["run", "--silent", "typecheck"])
        .current_dir(&dir))?;

    step(4, "unit tests (node --test)");
    run(npm().args(["test"]).current_dir(&dir))?;

    step(5, "package (vsce)");
    let out_dir = root.join("target/vsix");
    fs::create_dir_all(&out_dir).with_context(|| format!("cannot create {}", out_dir.display()))?;
    let package = out_dir.join(format!("{EXTENSION_NAME}-{version}.vsix"));
    if package.exists() {
        fs::remove_file(&package)
            .with_context(|| format!("cannot remove the old {}", package.display()))?;
    }
    // `vscode:prepublish` bundles with esbuild first. No `node_modules` in the package (the
    // bundle holds every dependency); the project keeps its licence texts at the root.
    run(npm()
        .args([
            "exec",
            "--no",
            "--",
            "vsce",
            "package",
            "--no-dependencies",
            "--skip-license",
            "--out",
        ])
        .arg(&package)
        .current_dir(&dir))?;

    step(6, "check the package");
    let bytes = fs::read(&package).with_context(|| format!("cannot read {}", package.display()))?;
    let entries = zip::read_entries(&bytes)
        .with_context(|| format!("{} is not a valid zip archive", package.display()))?;
    let main = check_package(&entries, &version)
        .with_context(|| format!("{} is not the extension it should be", package.display()))?;
    load_bundle(main)?;
    println!(
        "vsix: {} ({:.1} KiB, {} files) checked: version {version}, `main` {} loads without \
         node_modules; {:.1} s in all",
        relative(&package),
        kibibytes(bytes.len()),
        entries.len(),
        main.name,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn step(number: usize, title: &str) {
    println!("vsix [{number}/{STEPS}] {title}");
}

/// connspec's version, after checking that the extension's `package.json` and
/// `package-lock.json` (its own entry and its root package's) carry the same.
pub(crate) fn check_versions(root: &Path) -> anyhow::Result<String> {
    let manifest_path = root.join(CLI_MANIFEST);
    let manifest: toml::Table = toml::from_str(&read_text(&manifest_path)?)
        .with_context(|| format!("{} is not valid TOML", manifest_path.display()))?;
    let package_version = manifest
        .get("package")
        .and_then(|package| package.get("version"))
        .with_context(|| format!("{} has no package.version", manifest_path.display()))?;
    // `version.workspace = true`: the workspace's one version.
    let version = if let Some(version) = package_version.as_str() {
        version.to_owned()
    } else {
        let workspace_path = root.join("Cargo.toml");
        let workspace: toml::Table = toml::from_str(&read_text(&workspace_path)?)
            .with_context(|| format!("{} is not valid TOML", workspace_path.display()))?;
        workspace
            .get("workspace")
            .and_then(|w| w.get("package"))
            .and_then(|p| p.get("version"))
            .and_then(toml::Value::as_str)
            .with_context(|| {
                format!(
                    "{} inherits its version, but {} has no workspace.package.version",
                    manifest_path.display(),
                    workspace_path.display()
                )
            })?
            .to_owned()
    };

    let dir = root.join(EXTENSION_DIR);
    let package = read_json(&dir.join("package.json"))?;
    let lock = read_json(&dir.join("package-lock.json"))?;
    let found = [
        ("package.json", &package["version"]),
        ("package-lock.json", &lock["version"]),
        (
            "package-lock.json (packages[\"\"])",
            &lock["packages"][""]["version"],
        ),
    ];
    let wrong: Vec<String> = found
        .iter()
        .filter(|(_, value)| value.as_str() != Some(version.as_str()))
        .map(|(file, value)| format!("{file} has {value}"))
        .collect();
    if !wrong.is_empty() {
        bail!(
            "the VS Code extension must carry connspec's version {version} ({CLI_MANIFEST}), but \
             {}; run `npm version {version} --no-git-tag-version` in {EXTENSION_DIR}",
            wrong.join(", ")
        );
    }
    Ok(version)
}

/// `npm ci`, unless the stamp in `node_modules` matches the manifest, the lock file and Node.
fn install(dir: &Path, node: &str) -> anyhow::Result<()> {
    let manifest = fs::read(dir.join("package.json"))?;
    let lock = fs::read(dir.join("package-lock.json"))?;
    let node_modules = dir.join("node_modules");
    let stamp = format!("{:016x}\n", fnv1a64(&[&manifest, &lock, node.as_bytes()]));
    if is_current(&node_modules, &stamp) {
        println!(
            "vsix: {} is up to date (node {node})",
            relative(&node_modules)
        );
        return Ok(());
    }
    run(npm()
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir))
    .context("cannot install the extension's npm packages")?;
    write_stamp(&node_modules, &stamp)
}

/// The entry `main` names, after checking what VS Code reads from the package: its manifest,
/// `extension/package.json` with connspec's name and `version`, and no `node_modules`.
fn check_package<'a>(entries: &'a [zip::Entry], version: &str) -> anyhow::Result<&'a zip::Entry> {
    let find = |name: &str| entries.iter().find(|entry| entry.name == name);
    let manifest = find("extension.vsixmanifest").context("extension.vsixmanifest is missing")?;
    ensure!(
        String::from_utf8_lossy(&manifest.data).contains(&format!("Version=\"{version}\"")),
        "extension.vsixmanifest does not give version {version}"
    );
    let package_entry =
        find("extension/package.json").context("extension/package.json is missing")?;
    let package: Value = serde_json::from_slice(&package_entry.data)
        .context("extension/package.json is not JSON")?;
    ensure!(
        package["name"] == EXTENSION_NAME,
        "extension/package.json names {}, not {EXTENSION_NAME}",
        package["name"]
    );
    ensure!(
        package["version"] == version,
        "extension/package.json has version {}, not {version}",
        package["version"]
    );
    let main = package["main"]
        .as_str()
        .context("extension/package.json has no `main`")?;
    // VS Code resolves `main` against the extension folder, adding `.js` when it has none.
    let relative_main = main.trim_start_matches("./");
    let main_entry = [
        format!("extension/{relative_main}"),
        format!("extension/{relative_main}.js"),
    ]
    .iter()
    .find_map(|name| find(name))
    .with_context(|| format!("`main` is {main}, which the package does not hold"))?;
    ensure!(!main_entry.data.is_empty(), "{} is empty", main_entry.name);
    if let Some(module) = entries
        .iter()
        .find(|entry| entry.name.starts_with("extension/node_modules/"))
    {
        bail!(
            "{} is packaged: the bundle should hold every dependency",
            module.name
        );
    }
    Ok(main_entry)
}

/// Loads the bundle with Node from a folder outside any `node_modules`, `vscode` replaced by a
/// stand-in, and checks that it exports `activate` and `deactivate`: a dependency esbuild left
/// out fails here, not in the user's editor.
fn load_bundle(main: &zip::Entry) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("connspec-vsix-{}", std::process::id()));
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let bundle = dir.join("extension.js");
    let result = fs::write(&bundle, &main.data)
        .with_context(|| format!("cannot write {}", bundle.display()))
        .and_then(|()| {
            // The script itself is not echoed: `run` would print all of it.
            println!("$ node -e <load check> {}", bundle.display());
            let status = Command::new("node")
                .args(["-e", LOAD_SCRIPT])
                .arg(&bundle)
                .current_dir(&dir)
                .status()
                .context("cannot start node")?;
            ensure!(status.success(), "node failed ({status})");
            Ok(())
        })
        .with_context(|| format!("the packaged {} does not load", main.name));
    // Best effort: a leftover file in the temporary folder harms nothing.
    let _ = fs::remove_dir_all(&dir);
    result
}

/// Node script: `vscode` is a proxy that is every value (a class to extend, a function, an
/// enum), so the bundle's top level runs as in the editor, without one.
const LOAD_SCRIPT: &str = r#"
const Module = require("node:module");
const standIn = new Proxy(function () {}, {
  get: (target, key) => (key === "prototype" ? target.prototype : standIn),
  apply: () => standIn,
  construct: () => standIn,
});
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === "vscode" ? standIn : load.call(this, request, ...rest);
};
const extension = require(process.argv[1]);
const missing = ["activate", "deactivate"].filter((name) => typeof extension[name] !== "function");
if (missing.length > 0) {
  console.error(`the bundle exports no ${missing.join(" or ")} function`);
  process.exit(1);
}
console.log("vsix: the bundle loads and exports activate and deactivate");
"#;

fn npm() -> Command {
    Command::new(std::env::var_os("NPM").unwrap_or_else(|| "npm".into()))
}

/// The trimmed standard output of a command that must succeed.
fn command_output(command: &mut Command) -> anyhow::Result<String> {
    let shown = display_command(command);
    let output = command
        .output()
        .with_context(|| format!("cannot start `{shown}`"))?;
    ensure!(
        output.status.success(),
        "`{shown}` failed ({})",
        output.status
    );
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

fn read_text(path: &Path) -> anyhow::Result<String> {
    fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

fn read_json(path: &Path) -> anyhow::Result<Value> {
    serde_json::from_str(&read_text(path)?)
        .with_context(|| format!("{} is not valid JSON", path.display()))
}

fn relative(path: &Path) -> String {
    path.strip_prefix(project_root())
        .map_or_else(|_| path.to_path_buf(), PathBuf::from)
        .display()
        .to_string()
}

#[allow(clippy::cast_precision_loss)] // a package is far below 2^52 bytes
fn kibibytes(bytes: usize) -> f64 {
    bytes as f64 / 1024.0
}

#[cfg(test)]
mod tests {
    use super::zip::tests::write_archive;
    use super::*;

    #[test]
    fn the_committed_extension_carries_connspecs_version() {
        check_versions(&project_root()).unwrap();
    }

    const MANIFEST: &[u8] =
        br#"<Identity Language="en-US" Id="connspec" Version="1.2.3" Publisher="connspec" />"#;

    fn package(json: &str, extra: &[(&str, &[u8])]) -> Vec<zip::Entry> {
        let mut files: Vec<(&str, &[u8], bool)> = vec![
            ("extension.vsixmanifest", MANIFEST, true),
            ("extension/package.json", json.as_bytes(), true),
            (
                "extension/dist/extension.js",
                b"exports.activate = 1;",
                true,
            ),
        ];
        files.extend(extra.iter().map(|&(name, data)| (name, data, false)));
        zip::read_entries(&write_archive(&files)).unwrap()
    }

    fn problem(entries: &[zip::Entry]) -> String {
        format!("{:#}", check_package(entries, "1.2.3").unwrap_err())
    }

    #[test]
    fn a_good_package_names_its_main_entry() {
        for main in ["./dist/extension.js", "dist/extension", "dist/extension.js"] {
            let json = format!(r#"{{"name":"connspec","version":"1.2.3","main":"{main}"}}"#);
            let entries = package(&json, &[]);
            assert_eq!(
                check_package(&entries, "1.2.3").unwrap().name,
                "extension/dist/extension.js"
            );
        }
    }

    #[test]
    fn a_package_that_vs_code_would_not_run_is_refused() {
        let good = r#"{"name":"connspec","version":"1.2.3","main":"./dist/extension.js"}"#;
        let cases: [(Vec<zip::Entry>, &str); 5] = [
            (
                package(&good.replace("1.2.3", "1.2.4"), &[]),
                "has version \"1.2.4\", not 1.2.3",
            ),
            (
                package(&good.replace("dist/extension.js", "out/main.js"), &[]),
                "`main` is ./out/main.js, which the package does not hold",
            ),
            (
                package(r#"{"name":"connspec","version":"1.2.3"}"#, &[]),
                "has no `main`",
            ),
            (
                package(good, &[("extension/node_modules/semver/index.js", b"x")]),
                "extension/node_modules/semver/index.js is packaged",
            ),
            (
                package(&good.replace("\"connspec\"", "\"other\""), &[]),
                "names \"other\", not connspec",
            ),
        ];
        for (entries, expected) in cases {
            let error = problem(&entries);
            assert!(error.contains(expected), "{expected:?} not in {error:?}");
        }
        let without_manifest: Vec<zip::Entry> = package(good, &[])
            .into_iter()
            .filter(|entry| entry.name != "extension.vsixmanifest")
            .collect();
        assert!(problem(&without_manifest).contains("extension.vsixmanifest is missing"));
    }
}
