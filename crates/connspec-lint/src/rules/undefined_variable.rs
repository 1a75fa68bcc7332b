//! T002 `undefined-variable`: a template uses a variable that is not declared.
//!
//! The semantic layer decides this fault for every stage (`connspec_semantic::check`); this rule
//! forwards its findings. The documentation is the code's, in `connspec_semantic::codes`.

use crate::rule::declare_semantic_rule;

declare_semantic_rule! {
    /// Forwards the semantic layer's `T002` findings (see `connspec_semantic::codes::UNDEFINED_VARIABLE`).
    pub(crate) struct UndefinedVariable => connspec_semantic::codes::UNDEFINED_VARIABLE, severity: Error;
}
