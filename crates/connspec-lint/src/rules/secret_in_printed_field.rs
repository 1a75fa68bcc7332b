//! T006 `secret-in-printed-field`: a secret is used where its value would be printed.
//!
//! The semantic layer decides this fault for every stage (`connspec_semantic::check`); this rule
//! forwards its findings. The documentation is the code's, in `connspec_semantic::codes`.

use crate::rule::declare_semantic_rule;

declare_semantic_rule! {
    /// Forwards the semantic layer's `T006` findings (see `connspec_semantic::codes::SECRET_IN_PRINTED_FIELD`).
    pub(crate) struct SecretInPrintedField => connspec_semantic::codes::SECRET_IN_PRINTED_FIELD, severity: Error;
}
