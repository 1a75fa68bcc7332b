//! `schemas/*.schema.json`: the JSON Schemas generated from the model's Rust types.

use std::fs;
use std::path::Path;

use anyhow::{Context, bail};

use super::{FIX_COMMAND, GeneratedFile, Mode};

/// The directory, relative to the project root, that holds only generated schemas.
const DIR: &str = "schemas";

pub(super) fn generate() -> anyhow::Result<Vec<GeneratedFile>> {
    connspec_model::schema::generated_schemas()
        .into_iter()
        .map(|schema| {
            let name = schema.file_name;
            let is_json = Path::new(name)
                .extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
            if name.contains(['/', '\\']) || !is_json {
                bail!("schema file name `{name}` must be a plain `*.json` file name");
            }
            Ok(GeneratedFile {
                path: format!("{DIR}/{name}"),
                contents: schema.text,
            })
        })
        .collect()
}

/// Finds `schemas/*.schema.json` files that no generator produces any more (a renamed schema):
/// deletes them in write mode, reports them in check mode.
pub(super) fn remove_orphans(
    root: &Path,
    generated: &[GeneratedFile],
    mode: Mode,
) -> anyhow::Result<Vec<String>> {
    let dir = root.join(DIR);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(err).with_context(|| format!("cannot list {}", dir.display())),
    };
    let mut problems = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = format!("{DIR}/{name}");
        if !name.ends_with(".schema.json") || generated.iter().any(|file| file.path == path) {
            continue;
        }
        match mode {
            Mode::Write => {
                fs::remove_file(entry.path()).with_context(|| format!("cannot remove {path}"))?;
                println!("codegen: removed {path} (no longer generated)");
            }
            Mode::Check => problems.push(format!(
                "{path} is no longer generated; `{FIX_COMMAND}` deletes it\n"
            )),
        }
    }
    Ok(problems)
}
