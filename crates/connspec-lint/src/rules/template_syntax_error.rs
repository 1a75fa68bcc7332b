//! T001 `template-syntax-error`: a template cannot be parsed.
//!
//! The semantic layer decides this fault for every stage (`connspec_semantic::check`); this rule
//! forwards its findings. The documentation is the code's, in `connspec_semantic::codes`.

use crate::rule::declare_semantic_rule;

declare_semantic_rule! {
    /// Forwards the semantic layer's `T001` findings (see `connspec_semantic::codes::TEMPLATE_SYNTAX`).
    pub(crate) struct TemplateSyntaxError => connspec_semantic::codes::TEMPLATE_SYNTAX, severity: Error;
}
