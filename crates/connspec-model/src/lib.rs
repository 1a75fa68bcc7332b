//! The connector spec model: YAML text to a span table to a typed [`spec::ConnectorSpec`].
//!
//! The pipeline of this crate, each step returning diagnostics rather than failing fast:
//! 1. [`yaml::decode`] turns bytes into a [`SourceFile`](connspec_diagnostics::SourceFile)
//!    (UTF-8, BOM);
//! 2. [`yaml::load`] parses YAML 1.2 into a `serde_json::Value` plus a [`yaml::SpanTable`],
//!    enforcing [`yaml::Limits`];
//! 3. [`schema`] validates the value against the JSON Schema generated from [`spec`] and maps
//!    every error back to a span;
//! 4. [`check`] ties the steps together and deserializes the typed spec.
//!
//! [`limits`] describes the loader's limits for `docs/limits.md` and the messages.

pub mod cassette;
pub mod check;
pub mod check_path;
pub mod codes;
pub mod edit;
pub mod file;
pub mod instance;
pub mod limits;
pub mod schema;
pub mod spec;
pub mod yaml;

/// connspec's version: the workspace's one version, which every crate inherits. Reports, the
/// User-Agent and the schemas' `$id` all say this.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub use check::{CheckOptions, CheckedFile, DocumentKind, check_bytes, check_source};
