//! Template namespaces (`instance`, `secrets`, `inputs`, `meta_info`), shared by the T rules.

use crate::Context;

/// The namespaces a template variable may start with.
pub(crate) const NAMESPACES: &[&str] = &["instance", "secrets", "inputs", "meta_info"];

/// Whether some template references an undeclared name in `namespace`; then "unused" is
/// uncertain (the reference is probably a typo of the unused name), so it is not reported.
pub(crate) fn has_undeclared(ctx: &Context<'_>, namespace: &str, declared: &[&str]) -> bool {
    ctx.templates.iter().any(|t| t.error.is_some())
        || ctx
            .templates
            .iter()
            .flat_map(|t| t.variables_in(namespace))
            .any(|v| v.name().is_none_or(|n| !declared.contains(&n)))
        || ctx
            .templates
            .iter()
            .flat_map(|t| &t.variables)
            .any(|v| !NAMESPACES.contains(&v.namespace()))
}
