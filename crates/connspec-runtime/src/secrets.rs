//! Secret values for a live run, from the sources an instance file names: `env:VAR`,
//! `dotenv:KEY` (the instance's `dotenv` file) and `file:PATH` (relative to the instance file).

use std::collections::BTreeMap;
use std::path::Path;

use connspec_model::instance::InstanceFile;

/// A secret that could not be resolved, with the reason (never the value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub name: String,
    pub reason: String,
}

/// Resolves every secret source of `instance`. `env` looks up environment variables (the
/// process environment in the CLI, a fixed map in tests); `dir` is the instance file's folder.
pub fn resolve(
    instance: &InstanceFile,
    dir: &Path,
    env: &dyn Fn(&str) -> Option<String>,
) -> (BTreeMap<String, String>, Vec<Unresolved>) {
    let mut values = BTreeMap::new();
    let mut unresolved = Vec::new();
    let mut dotenv: Option<Result<BTreeMap<String, String>, String>> = None;
    for (name, source) in &instance.secrets {
        let source = source.0.as_str();
        let result = if let Some(var) = source.strip_prefix("env:") {
            env(var).ok_or_else(|| format!("environment variable `{var}` is not set"))
        } else if let Some(key) = source.strip_prefix("dotenv:") {
            let file = dotenv.get_or_insert_with(|| match &instance.dotenv {
                Some(path) => read_dotenv(&dir.join(path)),
                None => Err("the instance file names no `dotenv` file".to_owned()),
            });
            match file {
                Ok(map) => map
                    .get(key)
                    .cloned()
                    .ok_or_else(|| format!("`{key}` is not in the dotenv file")),
                Err(reason) => Err(reason.clone()),
            }
        } else if let Some(path) = source.strip_prefix("file:") {
            read_regular_file(&dir.join(path), MAX_SECRET_FILE_BYTES)
                .map(|text| {
                    text.strip_suffix('\n')
                        .unwrap_or(&text)
                        .trim_end_matches('\r')
                        .to_owned()
                })
                .map_err(|e| format!("cannot read `{path}`: {e}"))
        } else {
            Err(format!("unknown source `{source}`"))
        };
        match result {
            Ok(value) => {
                values.insert(name.clone(), value);
            }
            Err(reason) => unresolved.push(Unresolved {
                name: name.clone(),
                reason,
            }),
        }
    }
    (values, unresolved)
}

fn read_dotenv(path: &Path) -> Result<BTreeMap<String, String>, String> {
    let text = read_regular_file(path, MAX_DOTENV_BYTES)
        .map_err(|e| format!("cannot read the dotenv file `{}`: {e}", path.display()))?;
    Ok(parse_dotenv(&text))
}

/// The most a `file:` secret source may hold: a private key or a certificate chain fits.
pub const MAX_SECRET_FILE_BYTES: u64 = 64 * 1024;
/// The most an instance's dotenv file may hold.
pub const MAX_DOTENV_BYTES: u64 = 1024 * 1024;

/// Reads a regular file of at most `limit` bytes as UTF-8 ([`connspec_model::file`]: a FIFO,
/// a device such as `/dev/zero` or a folder is refused without blocking).
pub fn read_regular_file(path: &Path, limit: u64) -> Result<String, String> {
    connspec_model::file::read_regular_text(path, limit).map_err(|e| e.to_string())
}

/// `KEY=VALUE` lines; `#` comments, blank lines and an `export ` prefix are ignored, and one
/// pair of surrounding quotes is removed.
pub fn parse_dotenv(text: &str) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let value = value.trim();
        let value = ['"', '\'']
            .iter()
            .find_map(|q| value.strip_prefix(*q).and_then(|v| v.strip_suffix(*q)))
            .unwrap_or(value);
        map.insert(key.trim().to_owned(), value.to_owned());
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_files_must_be_small_regular_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let big = dir.path().join("big.txt");
        std::fs::write(&big, vec![b'x'; 100]).expect("write");
        assert!(read_regular_file(&big, 100).is_ok());
        let error = read_regular_file(&big, 99).expect_err("over the limit");
        assert!(error.contains("100 bytes"), "{error}");
        assert!(
            read_regular_file(dir.path(), 100)
                .expect_err("folder")
                .contains("folder")
        );
        let device = read_regular_file(Path::new("/dev/zero"), 100).expect_err("device");
        assert!(device.contains("not a regular file"), "{device}");
        #[cfg(unix)]
        {
            let fifo = dir.path().join("fifo");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                // Refused before it is opened: opening a FIFO without a writer would block.
                let error = read_regular_file(&fifo, 100).expect_err("fifo");
                assert!(error.contains("not a regular file"), "{error}");
            }
        }
    }

    #[test]
    fn dotenv_lines() {
        let map = parse_dotenv("# c\nA=1\nexport B=\"two words\"\nC='x=y'\n\nbad line\n");
        assert_eq!(map["A"], "1");
        assert_eq!(map["B"], "two words");
        assert_eq!(map["C"], "x=y");
        assert_eq!(map.len(), 3);
    }

    #[test]
    fn every_source_kind() {
        let dir = std::env::temp_dir().join(format!("connspec-secrets-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(".env"), "FROM_DOTENV=d0t\n").unwrap();
        std::fs::write(dir.join("secret.txt"), "f1le\n").unwrap();
        let instance: InstanceFile = serde_json::from_value(serde_json::json!({
            "instance_version": 1,
            "dotenv": ".env",
            "secrets": {
                "A": "env:VAR_A",
                "B": "dotenv:FROM_DOTENV",
                "C": "file:secret.txt",
                "D": "env:MISSING",
                "E": "dotenv:MISSING"
            }
        }))
        .unwrap();
        let env = |name: &str| (name == "VAR_A").then(|| "3nv".to_owned());
        let (values, unresolved) = resolve(&instance, &dir, &env);
        assert_eq!(values["A"], "3nv");
        assert_eq!(values["B"], "d0t");
        assert_eq!(values["C"], "f1le");
        let missing: Vec<&str> = unresolved.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(missing, ["D", "E"]);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
