//! `schemas/*.schema.json`: the JSON Schemas generated from the model's Rust types.

use std::path::Path;

use anyhow::bail;

use super::GeneratedFile;

/// The directory, relative to the project root, that holds only generated schemas.
pub(super) const DIR: &str = "schemas";

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
