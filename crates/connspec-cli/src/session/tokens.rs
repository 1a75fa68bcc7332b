//! The token cache `connspec login` writes and `connspec test` reads (and rewrites after a
//! refresh): one file per connector and instance file in the user's cache folder, readable by
//! the user only (mode 0600, in folders of mode 0700).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use connspec_runtime::StoredToken;

use super::write::{Replace, replace};

/// Where the token set of `connector` for the instance file `instance` lives:
/// `$CONNSPEC_CACHE_DIR`, else `$XDG_CACHE_HOME/connspec`, else `~/.cache/connspec`, then
/// `tokens/<connector>--<instance file stem>.json`.
pub(crate) fn token_path(connector: &str, instance: &Path) -> Option<PathBuf> {
    let base = std::env::var_os("CONNSPEC_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("connspec")))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/connspec")))?;
    let stem = instance
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("instance");
    let safe = |s: &str| {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect::<String>()
    };
    Some(
        base.join("tokens")
            .join(format!("{}--{}.json", safe(connector), safe(stem))),
    )
}

/// The token set cached at `path`: `Ok(None)` when there is none, an error (a reason) when
/// the file is there but is not a token file connspec could have written.
pub(crate) fn read_token(path: &Path) -> Result<Option<StoredToken>, String> {
    use connspec_model::file::{ReadError, read_regular_text};
    match read_regular_text(path, super::files::MAX_TOKEN_FILE_BYTES) {
        Err(ReadError::Io(error)) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error.to_string()),
        Ok(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|_| "it is not a token set `connspec login` wrote".to_owned()),
    }
}

/// Writes the token set through a temporary file created with mode 0600. Folders it creates
/// are 0700, and the token folder is made 0700 even when it existed, so other users cannot
/// list which connectors and instances have a login.
pub(crate) fn write_token(path: &Path, token: &StoredToken) -> Result<()> {
    let dir = path.parent().context("the token path has no folder")?;
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt as _, PermissionsExt as _};
        builder.mode(0o700);
        builder
            .create(dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .with_context(|| format!("cannot restrict {}", dir.display()))?;
    }
    #[cfg(not(unix))]
    builder
        .create(dir)
        .with_context(|| format!("cannot create {}", dir.display()))?;
    let text = serde_json::to_string_pretty(token)?;
    replace(
        path,
        text.as_bytes(),
        Replace {
            mode: Some(0o600),
            unchanged_from: None,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::write::temporary_path;

    #[test]
    fn a_token_cache_that_is_not_a_small_regular_file_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c--i.json");
        assert_eq!(read_token(&path), Ok(None), "no file is no token");
        std::fs::write(&path, "not json").unwrap();
        assert!(read_token(&path).is_err());
        std::fs::write(&path, vec![b' '; 2 * 1024 * 1024]).unwrap();
        let too_large = read_token(&path).unwrap_err();
        assert!(too_large.contains("more than"), "{too_large}");
        #[cfg(unix)]
        {
            std::fs::remove_file(&path).unwrap();
            let made = std::process::Command::new("mkfifo")
                .arg(&path)
                .status()
                .unwrap();
            assert!(made.success());
            let (sender, receiver) = std::sync::mpsc::channel();
            let fifo = path.clone();
            std::thread::spawn(move || {
                let _ = sender.send(read_token(&fifo));
            });
            let read = receiver
                .recv_timeout(std::time::Duration::from_secs(10))
                .expect("reading a FIFO token cache returned instead of blocking");
            assert!(read.unwrap_err().contains("not a regular file"));
        }
    }

    #[test]
    fn token_files_are_private_and_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tokens/c--i.json");
        let token = StoredToken {
            access_token: "a".into(),
            refresh_token: Some("r".into()),
            expires_at: Some(1),
            scopes: None,
        };
        write_token(&path, &token).unwrap();
        assert_eq!(read_token(&path), Ok(Some(token)));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_token_folder_is_private_even_when_it_existed() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let tokens = dir.path().join("tokens");
        let path = tokens.join("c--i.json");
        let token = StoredToken {
            access_token: "a".into(),
            refresh_token: None,
            expires_at: None,
            scopes: None,
        };
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        write_token(&path, &token).unwrap();
        assert_eq!(mode(&tokens), 0o700, "a new token folder");
        assert_eq!(mode(&path), 0o600);
        // A folder (and a leftover temporary file) from before, readable by everyone.
        std::fs::set_permissions(&tokens, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let leftover = temporary_path(&path);
        std::fs::write(&leftover, "old").unwrap();
        std::fs::set_permissions(&leftover, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_token(&path, &token).unwrap();
        assert_eq!(mode(&tokens), 0o700, "an existing token folder");
        assert_eq!(mode(&path), 0o600, "the rewritten token file");
        assert!(!leftover.exists());
    }
}
