//! M005 `template-not-expressible`: a template transforms an input, secret or `meta_info` value.
//!
//! The semantic layer decides this fault for every stage (`connspec_semantic::check`); this rule
//! forwards its findings. The documentation is the code's, in `connspec_semantic::codes`.

use crate::rule::declare_semantic_rule;

declare_semantic_rule! {
    /// Forwards the semantic layer's `M005` findings (see `connspec_semantic::codes::INEXPRESSIBLE_TEMPLATE`).
    pub(crate) struct TemplateNotExpressible => connspec_semantic::codes::INEXPRESSIBLE_TEMPLATE, severity: Error;
}
