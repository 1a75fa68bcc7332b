//! T005 `undeclared-input`: a template uses an input the action does not declare.
//!
//! The semantic layer decides this fault for every stage (`connspec_semantic::check`); this rule
//! forwards its findings. The documentation is the code's, in `connspec_semantic::codes`.

use crate::rule::declare_semantic_rule;

declare_semantic_rule! {
    /// Forwards the semantic layer's `T005` findings (see `connspec_semantic::codes::UNDECLARED_INPUT`).
    pub(crate) struct UndeclaredInput => connspec_semantic::codes::UNDECLARED_INPUT, severity: Error;
}
