//! The connspec language server: diagnostics and fixes of connector specs where they are
//! written.
//!
//! A synchronous loop on [`lsp_server::Connection`] (as ruff and rust-analyzer use): messages
//! are handled in order, so a change can never race a code-action request. Each open document
//! is re-checked alone on open and on every change, through the same pipeline as
//! `connspec check` ([`connspec_lint::check_and_lint`]) with the settings of the nearest
//! `connspec.toml`. Fixes travel in each diagnostic's `data` and come back as code actions.
//!
//! Completion and hover read the cursor's place from the text ([`cursor`]), so they work while
//! the document is half typed, and the schemas ([`schema`]) and provider catalogues, built once
//! per server. Names a template may use come from the last text that loaded.

mod actions;
mod completion;
mod convert;
mod cursor;
mod document;
mod hover;
mod navigate;
mod position;
mod schema;
mod server;
mod settings;
mod workspace;

pub use position::LineIndex;
pub use server::{ServerError, run, run_stdio};

/// The code-action kind of "apply every safe fix".
pub const FIX_ALL_KIND: &str = "source.fixAll.connspec";
