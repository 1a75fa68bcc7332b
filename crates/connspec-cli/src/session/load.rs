//! Reading and checking inputs: regular files and standard input, with the size limit applied
//! before anything is read, through `connspec_lint::check_and_lint` with the run's settings.

use std::io::Read;
use std::path::Path;

use connspec_diagnostics::{Diagnostic, FileReport, SourceFile};
use connspec_model::cassette::{CASSETTE_LIMITS, CASSETTE_SUFFIX};
use connspec_model::codes::UNREADABLE_FILE;
use connspec_model::yaml::{Document, InputSize, Limits, input_too_large};
use connspec_model::{CheckOptions, CheckedFile, DocumentKind};

use super::Session;

/// A checked input file.
#[derive(Debug, Clone)]
pub(crate) struct Loaded {
    /// The file as read; diagnostics' spans index into it.
    pub(crate) file: SourceFile,
    /// The same text with literal secrets masked: what snippets print.
    pub(crate) shown: SourceFile,
    pub(crate) checked: CheckedFile,
}

impl Loaded {
    /// The file's diagnostics, to print.
    pub(crate) fn report(&self) -> FileReport {
        FileReport::new(self.shown.clone(), self.checked.diagnostics.clone())
    }

    pub(crate) fn document(&self) -> Option<&Document> {
        self.checked.document.as_ref()
    }
}

/// What reading an input gave.
enum Bytes {
    All(Vec<u8>),
    /// Over the size limit: the size as far as it is known, and the first line or so, for the
    /// snippet.
    TooLarge {
        size: InputSize,
        head: Vec<u8>,
    },
}

impl Session {
    /// Reads and checks the file at `path` as `kind` (recognised when `None`). A file over the
    /// size limit is a checked file with that error; `Err` is a file that cannot be read.
    pub(crate) fn load_path(
        &self,
        path: &Path,
        kind: Option<DocumentKind>,
    ) -> Result<Loaded, FileReport> {
        let name = path.display().to_string();
        match read_file(path, self.limits_for(&name, kind).max_bytes) {
            Ok(bytes) => Ok(self.load_read(&name, bytes, kind)),
            Err(reason) => Err(unreadable(&name, &reason)),
        }
    }

    /// Reads the file at `path` without checking it: a file over the size limit is refused
    /// with that error, like one that cannot be read.
    pub(crate) fn read_path(&self, path: &Path) -> Result<Vec<u8>, FileReport> {
        let name = path.display().to_string();
        match read_file(path, self.limits.max_bytes) {
            Ok(Bytes::All(bytes)) => Ok(bytes),
            Ok(too_large @ Bytes::TooLarge { .. }) => {
                Err(self.load_read(&name, too_large, None).report())
            }
            Err(reason) => Err(unreadable(&name, &reason)),
        }
    }

    /// Reads and checks standard input under `name`.
    pub(crate) fn load_stdin(
        &self,
        name: &str,
        kind: Option<DocumentKind>,
    ) -> Result<Loaded, FileReport> {
        let stdin = std::io::stdin().lock();
        match read_limited(stdin, 0, self.limits.max_bytes) {
            Ok(bytes) => Ok(self.load_read(name, bytes, kind)),
            Err(reason) => Err(unreadable(name, &reason)),
        }
    }

    /// Checks `bytes` (already in memory: a git revision, the sandbox's instance) under `name`.
    pub(crate) fn load_bytes(
        &self,
        name: &str,
        bytes: &[u8],
        kind: Option<DocumentKind>,
    ) -> Loaded {
        let connspec_lint::CheckedSource {
            file,
            shown,
            checked,
        } = connspec_lint::check_and_lint(
            name,
            bytes,
            &CheckOptions {
                limits: self.limits_for(name, kind),
                kind,
            },
            &self.settings,
        );
        Loaded {
            file,
            shown,
            checked,
        }
    }

    /// The limits a file is read with: the run's, raised for a cassette (a recorded run's
    /// response bodies outgrow a spec's 1 MiB, and its author is connspec itself).
    fn limits_for(&self, name: &str, kind: Option<DocumentKind>) -> Limits {
        let cassette = kind == Some(DocumentKind::Cassette)
            || (kind.is_none() && name.ends_with(CASSETTE_SUFFIX));
        if cassette {
            CASSETTE_LIMITS.at_least(&self.limits)
        } else {
            self.limits
        }
    }

    fn load_read(&self, name: &str, bytes: Bytes, kind: Option<DocumentKind>) -> Loaded {
        match bytes {
            Bytes::All(bytes) => self.load_bytes(name, &bytes, kind),
            Bytes::TooLarge { size, head } => {
                let file = SourceFile::new(name, String::from_utf8_lossy(&head).into_owned());
                let kind = kind.unwrap_or_else(|| DocumentKind::detect(&file, None));
                Loaded {
                    shown: file.clone(),
                    file,
                    checked: CheckedFile {
                        kind,
                        document: None,
                        spec: None,
                        instance: None,
                        cassette: None,
                        diagnostics: input_too_large(size, &self.limits_for(name, Some(kind)))
                            .into_iter()
                            .collect(),
                    },
                }
            }
        }
    }
}

/// A file that could not be read, as a report in it.
pub(crate) fn unreadable(name: &str, reason: &str) -> FileReport {
    let diagnostic = Diagnostic::error(&UNREADABLE_FILE, format!("cannot read: {reason}"));
    FileReport::new(SourceFile::new(name, ""), vec![diagnostic])
}

/// Reads a regular file ([`connspec_model::file::open_regular`]: a FIFO or a device is refused
/// without blocking, judged by what was opened).
fn read_file(path: &Path, max_bytes: usize) -> Result<Bytes, String> {
    let (file, size) = connspec_model::file::open_regular(path).map_err(|e| e.to_string())?;
    read_limited(file, size, max_bytes)
}

/// Reads at most one byte past the limit, so a huge input is refused without loading it.
///
/// A regular file's size is known before reading and is what the message gives; a stream's
/// (standard input) is not, and reading stops past the limit, so its message says only that
/// it is larger than the limit rather than a figure that is merely where reading stopped.
fn read_limited(reader: impl Read, known_size: u64, max_bytes: usize) -> Result<Bytes, String> {
    let limit = u64::try_from(max_bytes).unwrap_or(u64::MAX);
    if known_size > limit {
        let mut head = Vec::new();
        let _ = reader.take(200).read_to_end(&mut head);
        return Ok(Bytes::TooLarge {
            size: InputSize::Exact(known_size),
            head,
        });
    }
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() > max_bytes {
        bytes.truncate(200);
        return Ok(Bytes::TooLarge {
            size: InputSize::Over,
            head: bytes,
        });
    }
    Ok(Bytes::All(bytes))
}
