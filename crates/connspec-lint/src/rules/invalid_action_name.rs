//! M007 `invalid-action-name`: an action name is not a valid identifier.

use connspec_diagnostics::Diagnostic;

use super::helpers::{action_pointer, is_identifier};
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports an action name that compound actions cannot call: it must start with a letter
    /// and hold only letters, digits and `_`, at most 64 characters.
    ///
    /// ## Why is this bad?
    /// Compound actions refer to HTTP actions by `action_name`; a name with spaces, dashes or
    /// dots cannot be referenced reliably.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list-items: { method: GET, path: /items }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list_items: { method: GET, path: /items }
    /// ```
    pub(crate) struct InvalidActionName {
        code: "M007",
        name: "invalid-action-name",
        family: Target,
        severity: Error,
        summary: "an action name is not a valid identifier",
    }
}

impl Check for InvalidActionName {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for name in ctx.spec.actions.keys() {
            if is_identifier(name, 64, 1) {
                continue;
            }
            let suggestion: String = name
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            let mut diagnostic = self
                .diagnostic(format!("action name `{name}` is not a valid identifier"))
                .with_span(ctx.key_span(&action_pointer(name, &[])))
                .with_label("letters, digits and `_`, starting with a letter");
            if is_identifier(&suggestion, 64, 1) {
                diagnostic = diagnostic.with_help(format!("use `{suggestion}`"));
            }
            out.push(diagnostic);
        }
    }
}
