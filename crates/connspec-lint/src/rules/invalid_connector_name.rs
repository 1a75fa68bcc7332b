//! M001 `invalid-connector-name`: the connector name is not valid in Agent Studio.

use connspec_diagnostics::Diagnostic;

use super::helpers::is_identifier;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a connector name that Agent Studio does not accept: it must match
    /// `^[a-zA-Z][a-zA-Z0-9_]+$` and be 2 to 64 characters long.
    ///
    /// ## Why is this bad?
    /// Agent Studio rejects the connector, and the name cannot be changed once a connector is
    /// created, so a name fixed later means a new connector.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: coupa-approvals
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: coupa_approvals
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    pub(crate) struct InvalidConnectorName {
        code: "M001",
        name: "invalid-connector-name",
        family: Target,
        severity: Error,
        summary: "the connector name is not valid in Agent Studio",
    }
}

impl Check for InvalidConnectorName {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let name = &ctx.spec.name;
        if is_identifier(name, 64, 2) {
            return;
        }
        let suggestion: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let mut diagnostic = self
            .diagnostic(format!(
                "connector name `{name}` is not valid in Agent Studio"
            ))
            .with_span(ctx.span("/name"))
            .with_label("letters, digits and `_`, starting with a letter, 2–64 long");
        if is_identifier(&suggestion, 64, 2) {
            diagnostic = diagnostic.with_help(format!("use `{suggestion}`"));
        }
        out.push(diagnostic.with_note("the name cannot be changed once the connector exists"));
    }
}
