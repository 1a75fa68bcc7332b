//! Spec YAML from what other tools write: a cURL command (as provider guides print them)
//! becomes a connector action or, for an OAuth2 token request, the connector's `auth` block.
//!
//! The pipeline is [`parse_curl`] (shell words and curl's options) → [`convert`] (method, path,
//! query, headers and body; placeholders → inputs; credentials → the auth they imply, never
//! copied) → [`render_fragment`] / [`render_full_spec`] (YAML text), or [`insert_action`] into
//! an existing spec's text, checked again with [`recheck`].
//!
//! Everything here is pure: no file is read or written and nothing is printed. Warnings
//! ([`CurlRequest::warnings`]) and notes ([`Conversion::notes`], [`EditedSpec::notes`],
//! [`auth_note`]) are returned as data for the caller to show; errors are typed and their
//! messages never hold a value of the command, which may be a secret.

mod convert;
mod curl;
mod insert;
mod render;
mod shell;
#[cfg(test)]
mod testing;
pub mod yaml_text;

pub use convert::{
    Connection, Conversion, ConvertOptions, ImportError, ImportedAction, ImportedAuth, Target,
    convert, is_valid_action_name,
};
pub use curl::{CurlError, CurlRequest, DataArg, DataKind, parse_curl};
pub use insert::{
    EditedSpec, InsertError, ParsedSpec, Recheck, SpecError, auth_note, insert_action, recheck,
};
pub use render::{render_fragment, render_full_spec};
pub use shell::Position;

use connspec_diagnostics::{Amount, Limit, Raise};

/// The YAML key length limit the importer enforces (YAML 1.2's own).
pub static YAML_KEY_CHARS: Limit = Limit {
    id: "yaml-key-chars",
    name: "YAML key length limit",
    bounds: "The longest header, query, form or JSON field name `connspec import curl` writes as a \
             YAML mapping key, as written (quotes and escapes included).",
    default: Amount::Count(convert::MAX_KEY_CHARS as u64, "characters"),
    raise: Raise::Fixed {
        why: "YAML 1.2 (§7.4.2) allows implicit keys of at most this length, so a longer one \
              would not read back",
        instead: "shorten the name in the command, or write that part of the spec by hand",
    },
    codes: &[],
    when_hit: "`connspec import curl` stops with an error (exit 2); nothing is written",
};

/// Every limit this crate enforces.
pub static LIMITS: &[&Limit] = &[&YAML_KEY_CHARS];
