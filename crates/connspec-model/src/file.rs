//! Reading the files connspec is given: regular files only, opened without blocking, read up
//! to a limit.
//!
//! Every file the tool reads (specs, instance files, `connspec.toml`, secret and dotenv files,
//! the token cache, CA bundles) goes through [`open_regular`]. A FIFO would block the open or the
//! read forever and `/dev/zero` never ends, so the file is opened with `O_NONBLOCK` (a FIFO
//! opens at once) and judged by what was opened (`fstat`), not by an earlier look at the path,
//! which another process could swap for a FIFO in between. Reading stops one byte past the
//! limit, so a file that grows meanwhile cannot fill the memory either.

use std::fs::File;
use std::io::Read as _;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("it is a folder")]
    Folder,
    #[error("it is not a regular file (a FIFO, a socket or a device)")]
    NotRegular,
    /// Larger than the limit: `size` is the file's size when known before reading, else `None`
    /// (it grew while being read).
    #[error("{}", too_large(*.size, *.limit))]
    TooLarge { size: Option<u64>, limit: u64 },
    #[error("it is not UTF-8 text")]
    NotUtf8,
}

fn too_large(size: Option<u64>, limit: u64) -> String {
    match size {
        Some(size) => format!("it has {size} bytes, more than the {limit} bytes allowed"),
        None => format!("it has more than the {limit} bytes allowed"),
    }
}

/// Opens `path` for reading if it is a regular file, with its size when opened.
///
/// The open never blocks: on Unix it uses `O_NONBLOCK`, which makes opening a FIFO return at
/// once (and has no effect on a regular file's reads). Only then is the file judged, by the
/// open handle's metadata.
pub fn open_regular(path: &Path) -> Result<(File, u64), ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    if metadata.is_dir() {
        return Err(ReadError::Folder);
    }
    if !metadata.is_file() {
        return Err(ReadError::NotRegular);
    }
    Ok((file, metadata.len()))
}

/// Reads a regular file of at most `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, size) = open_regular(path)?;
    if size > limit {
        return Err(ReadError::TooLarge {
            size: Some(size),
            limit,
        });
    }
    read_at_most(file, limit)
}

/// Reads a regular file of at most `limit` bytes as UTF-8 text.
pub fn read_regular_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    String::from_utf8(read_regular(path, limit)?).map_err(|_| ReadError::NotUtf8)
}

/// Reads `reader` to its end, refusing it once it passes `limit` bytes.
pub fn read_at_most(reader: impl std::io::Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: None, limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_are_read_within_the_limit() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("small.txt");
        std::fs::write(&path, "hello").expect("write");
        assert_eq!(read_regular_text(&path, 5).expect("read"), "hello");
        assert!(matches!(
            read_regular(&path, 4),
            Err(ReadError::TooLarge {
                size: Some(5),
                limit: 4
            })
        ));
        assert!(matches!(
            read_regular(dir.path(), 4),
            Err(ReadError::Folder)
        ));
        std::fs::write(&path, [0xff, 0xfe]).expect("write");
        assert!(matches!(
            read_regular_text(&path, 5),
            Err(ReadError::NotUtf8)
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_refused_without_blocking() {
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 10),
            Err(ReadError::NotRegular)
        ));
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        // A blocking open of a FIFO with no writer never returns: run it where a hang shows.
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = sender.send(matches!(
                read_regular(&fifo, 10),
                Err(ReadError::NotRegular)
            ));
        });
        let refused = receiver
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("opening a FIFO returned instead of blocking");
        assert!(refused);
    }

    #[test]
    fn a_stream_is_cut_one_byte_past_the_limit() {
        let endless = std::io::repeat(b'x');
        assert!(matches!(
            read_at_most(endless, 1000),
            Err(ReadError::TooLarge {
                size: None,
                limit: 1000
            })
        ));
    }
}
