//! The limits on the files the command line reads besides specs and instance files: the
//! project file, the token cache and CA bundles. Each is read through
//! [`connspec_model::file`] (regular files only, opened without blocking, read up to the limit).

use connspec_diagnostics::{Amount, Limit, Raise};

/// The most `connspec.toml` may hold.
pub(crate) const MAX_PROJECT_FILE_BYTES: u64 = connspec_lint::MAX_PROJECT_FILE_BYTES;
/// The most a token cache file may hold.
pub(crate) const MAX_TOKEN_FILE_BYTES: u64 = 1024 * 1024;
/// The most a `--cacert` PEM bundle may hold.
pub(crate) const MAX_CA_BUNDLE_BYTES: u64 = 4 * 1024 * 1024;

pub(crate) static PROJECT_FILE_READ: Limit = Limit {
    id: "project-file-bytes",
    name: "project file limit",
    bounds: "How large `connspec.toml` may be; it must be a regular file (a FIFO or a device is \
             refused without blocking).",
    default: Amount::Bytes(MAX_PROJECT_FILE_BYTES),
    raise: Raise::Fixed {
        why: "a project file holds a few settings and rule lists",
        instead: "keep rule options short; put long lists of paths in `[check] exclude` patterns",
    },
    codes: &[],
    when_hit: "an error in `connspec.toml` (exit 2); nothing is checked",
};

pub(crate) static TOKEN_FILE_READ: Limit = Limit {
    id: "token-file-bytes",
    name: "token cache file limit",
    bounds: "How large a token cache file `connspec login` wrote may be when `connspec test` \
             reads it; it must be a regular file.",
    default: Amount::Bytes(MAX_TOKEN_FILE_BYTES),
    raise: Raise::Fixed {
        why: "a cached token set is a few KiB; the token response read limit is far below it",
        instead: "run `connspec logout` and `connspec login` again",
    },
    codes: &[],
    when_hit: "a warning naming the file; the run goes on without the cached token",
};

pub(crate) static CA_BUNDLE_READ: Limit = Limit {
    id: "ca-bundle-bytes",
    name: "CA bundle limit",
    bounds: "How large the PEM file `--cacert` names may be; it must be a regular file.",
    default: Amount::Bytes(MAX_CA_BUNDLE_BYTES),
    raise: Raise::Fixed {
        why: "a CA bundle of every public root is about 200 KiB",
        instead: "name the one CA certificate the server's chain ends in",
    },
    codes: &[],
    when_hit: "`connspec test` and `connspec login` stop with an error (exit 2) before any request",
};

/// Every limit this module enforces.
pub(crate) static LIMITS: &[&Limit] = &[&PROJECT_FILE_READ, &TOKEN_FILE_READ, &CA_BUNDLE_READ];
