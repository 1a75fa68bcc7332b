//! The S family (syntax, limits, schema) and I family (input/output) of diagnostic codes.
//!
//! Codes are stable: never renumber or reuse one. Loader codes are in `codes/syntax.rs`,
//! schema codes in `codes/schema.rs`; [`ALL`] is the one table of them.

use connspec_diagnostics::Code;

mod schema;
mod syntax;

pub use schema::*;
pub use syntax::*;

/// Every code this crate emits, in code order.
pub static ALL: &[&Code] = &[
    &YAML_SYNTAX_ERROR,
    &DUPLICATE_KEY,
    &YAML_ALIAS,
    &LIMIT_EXCEEDED,
    &MULTIPLE_DOCUMENTS,
    &INVALID_ENCODING,
    &TAB_INDENTATION,
    &UNSUPPORTED_YAML,
    &EMPTY_DOCUMENT,
    &UNKNOWN_KEY,
    &MISSING_KEY,
    &WRONG_TYPE,
    &INVALID_VALUE,
    &UNREADABLE_FILE,
];
