//! Embeds every `catalogues/*.toml` file: adding a provider is adding one data file.
//!
//! Writes `$OUT_DIR/embedded.rs`, the table of file stems and `include_str!`s that `lib.rs`
//! includes, sorted by file name so the build is reproducible.

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
    let mut table = String::from("/// The embedded catalogue files: file stem and TOML text.\n");
    table.push_str("const EMBEDDED: &[(&str, &str)] = &[\n");
    for path in &files {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_else(|| panic!("{} is not a UTF-8 file name", path.display()));
        let absolute = path
            .to_str()
            .unwrap_or_else(|| panic!("{} is not a UTF-8 path", path.display()));
        let _ = writeln!(table, "    ({stem:?}, include_str!({absolute:?})),");
    }
    table.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    std::fs::write(&out, table).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
