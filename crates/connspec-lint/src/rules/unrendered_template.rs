//! T008 `unrendered-template`: template syntax in a field that is never rendered.
//!
//! The semantic layer decides this fault for every stage (`connspec_semantic::check`); this rule
//! forwards its findings. The documentation is the code's, in `connspec_semantic::codes`.

use crate::rule::declare_semantic_rule;

declare_semantic_rule! {
    /// Forwards the semantic layer's `T008` findings (see `connspec_semantic::codes::UNRENDERED_TEMPLATE`).
    pub(crate) struct UnrenderedTemplate => connspec_semantic::codes::UNRENDERED_TEMPLATE, severity: Error;
}
