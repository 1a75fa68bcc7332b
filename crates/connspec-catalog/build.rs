//! Embeds every `catalogues/*.toml` file: adding a provider is adding one data file.
//!
//! Writes `$OUT_DIR/embedded.rs`, the table `lib.rs` includes: per file (sorted by name, so the
//! build is reproducible) its stem, the summary and host patterns read here, so that finding a
//! provider by name or host never parses a whole catalogue at run time, and the catalogue as
//! JSON in `$OUT_DIR/<stem>.json`: a JSON parser reads Graph's 11,000 routes about ten times
//! faster than a TOML one, and the TOML files stay what people edit and review.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalogues");
    // A directory: cargo reruns this script when any file in it is added, removed or changed.
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
                .path()
        })
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let out_dir = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf();
    let mut table = String::from("/// The embedded catalogue files.\n");
    table.push_str("const EMBEDDED: &[Embedded] = &[\n");
    for path in &files {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_else(|| panic!("{} is not a UTF-8 file name", path.display()));
        let absolute = path
            .to_str()
            .unwrap_or_else(|| panic!("{} is not a UTF-8 path", path.display()));
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let document: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{} is not TOML: {e}", path.display()));
        let summary = document.get("summary").and_then(toml::Value::as_str);
        let mut hosts = Vec::new();
        for pattern in document
            .get("hosts")
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(host) = pattern.get("host").and_then(toml::Value::as_str) {
                hosts.push(format!("({:?}, true)", host.to_ascii_lowercase()));
            } else if let Some(suffix) = pattern.get("suffix").and_then(toml::Value::as_str) {
                hosts.push(format!("({:?}, false)", suffix.to_ascii_lowercase()));
            }
        }
        let mut token_hosts: Vec<String> = Vec::new();
        let token_urls = document
            .get("token_url")
            .into_iter()
            .chain(
                document
                    .get("other_token_urls")
                    .and_then(toml::Value::as_array)
                    .into_iter()
                    .flatten(),
            )
            .filter_map(toml::Value::as_str);
        for url in token_urls {
            if let Some(rest) = url.strip_prefix("https://") {
                let host = rest
                    .split('/')
                    .next()
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if !host.contains('{') && !token_hosts.contains(&host) {
                    token_hosts.push(host);
                }
            }
        }
        let token_hosts: Vec<String> = token_hosts.iter().map(|h| format!("{h:?}")).collect();
        let json_path = out_dir.join(format!("{stem}.json"));
        let json = serde_json::to_string(&document)
            .unwrap_or_else(|e| panic!("{} does not convert to JSON: {e}", path.display()));
        std::fs::write(&json_path, json)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", json_path.display()));
        let json_path = json_path
            .to_str()
            .unwrap_or_else(|| panic!("{} is not a UTF-8 path", json_path.display()));
        let _ = absolute;
        let _ = writeln!(
            table,
            "    Embedded {{ name: {stem:?}, json: include_str!({json_path:?}), summary: {summary:?}, hosts: &[{}], token_hosts: &[{}] }},",
            hosts.join(", "),
            token_hosts.join(", ")
        );
    }
    table.push_str("];\n");
    let out = out_dir.join("embedded.rs");
    std::fs::write(&out, table).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
