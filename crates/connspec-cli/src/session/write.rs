//! The one way connspec writes a file: the bytes go to a new temporary file beside the
//! destination (created exclusively, so a planted file or symbolic link at that name is never
//! written through), are synced, and are then renamed (to replace) or hard-linked (to create
//! only) into place. A reader never sees a half-written file, and a destination that is a
//! symbolic link is refused rather than replaced or followed.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// How [`replace`] treats the file it replaces.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Replace<'a> {
    /// Unix permission bits of the new file; `None` keeps those of the file replaced (or the
    /// process default for a new file).
    pub(crate) mode: Option<u32>,
    /// The bytes the file must still hold, so a concurrent edit is never lost: the command
    /// read them earlier and computed the new text from them.
    pub(crate) unchanged_from: Option<&'a [u8]>,
}

/// Writes `bytes` to `path`, replacing the file there if there is one.
pub(crate) fn replace(path: &Path, bytes: &[u8], options: Replace<'_>) -> Result<()> {
    let existing = match std::fs::symlink_metadata(path) {
        Ok(metadata) => Some(metadata),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => {
            return Err(error).with_context(|| format!("cannot read `{}`", path.display()));
        }
    };
    if let Some(metadata) = &existing {
        if metadata.file_type().is_symlink() {
            bail!(
                "`{}` is a symbolic link; connspec does not replace links (write to the file it \
                 points to instead)",
                path.display()
            );
        }
        if !metadata.is_file() {
            bail!("`{}` is not a regular file", path.display());
        }
    }
    if let Some(original) = options.unchanged_from {
        // A file longer than what was read has changed; reading stops one byte past it.
        let limit = u64::try_from(original.len()).unwrap_or(u64::MAX);
        let current = match connspec_model::file::read_regular(path, limit) {
            Ok(current) => Some(current),
            Err(connspec_model::file::ReadError::TooLarge { .. }) => None,
            Err(error) => {
                return Err(error).with_context(|| format!("cannot read `{}`", path.display()));
            }
        };
        if current.as_deref() != Some(original) {
            bail!(
                "`{}` changed since connspec read it; nothing was written, run the command again",
                path.display()
            );
        }
    }
    let permissions = existing.map(|m| m.permissions());
    let temporary = write_temporary(path, bytes, options.mode)?;
    let result = (|| -> Result<()> {
        if options.mode.is_none()
            && let Some(permissions) = permissions
        {
            std::fs::set_permissions(&temporary, permissions)
                .with_context(|| format!("cannot set the permissions of `{}`", path.display()))?;
        }
        std::fs::rename(&temporary, path)
            .with_context(|| format!("cannot move `{}` into place", path.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// Writes `bytes` to a new file `path`; fails, writing nothing there, when `path` exists
/// (even as a dangling symbolic link), also when it appears meanwhile.
pub(crate) fn create_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let temporary = write_temporary(path, bytes, None)?;
    let result = match std::fs::hard_link(&temporary, path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Err(anyhow::anyhow!(
            "`{}` already exists; connspec never overwrites a file",
            path.display()
        )),
        // File systems without hard links: create the file itself, still never replacing one.
        Err(_) => std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .and_then(|mut file| file.write_all(bytes))
            .with_context(|| format!("cannot write `{}`", path.display())),
    };
    let _ = std::fs::remove_file(&temporary);
    result
}

/// The temporary name beside `path` that this process writes first.
pub(crate) fn temporary_path(path: &Path) -> PathBuf {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{file_name}.{}.connspec-tmp", std::process::id()))
}

/// Writes `bytes` to a fresh [`temporary_path`], created exclusively with `mode` (Unix).
fn write_temporary(path: &Path, bytes: &[u8], mode: Option<u32>) -> Result<PathBuf> {
    let temporary = temporary_path(path);
    let open = || {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if let Some(mode) = mode {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(mode);
        }
        #[cfg(not(unix))]
        let _ = mode;
        options.open(&temporary)
    };
    // A leftover of an interrupted run with the same process id is ours to remove (a link is
    // removed, not followed); a fresh file gets the mode, which an existing one would keep.
    let mut file = match open() {
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            let _ = std::fs::remove_file(&temporary);
            open()
        }
        other => other,
    }
    .with_context(|| format!("cannot create `{}`", temporary.display()))?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    if let Err(error) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(error).with_context(|| format!("cannot write `{}`", temporary.display()));
    }
    Ok(temporary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_keeps_nothing_half_written_and_refuses_links_and_concurrent_edits() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        replace(&path, b"one", Replace::default()).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        let stale = Replace {
            unchanged_from: Some(b"zero"),
            ..Replace::default()
        };
        assert!(replace(&path, b"two", stale).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        let fresh = Replace {
            unchanged_from: Some(b"one"),
            ..Replace::default()
        };
        replace(&path, b"two", fresh).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert!(!temporary_path(&path).exists());
        #[cfg(unix)]
        {
            let link = dir.path().join("link.yaml");
            std::os::unix::fs::symlink(&path, &link).unwrap();
            assert!(replace(&link, b"three", Replace::default()).is_err());
            assert_eq!(std::fs::read(&path).unwrap(), b"two");
        }
    }

    #[test]
    fn create_new_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        create_new(&path, b"one").unwrap();
        assert!(create_new(&path, b"two").is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        assert!(!temporary_path(&path).exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_at_the_temporary_name_is_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let path = dir.path().join("out.txt");
        std::os::unix::fs::symlink(&victim, temporary_path(&path)).unwrap();
        replace(&path, b"new", Replace::default()).unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }
}
