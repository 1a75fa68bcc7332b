//! P016 `provider-inferred`: the provider's catalogue was chosen by the base URL's host.

use connspec_diagnostics::Diagnostic;

use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Notes that a spec without `provider:` is checked against the catalogue whose hosts
    /// include its base URL's host (`graph.microsoft.com` is Microsoft Graph's), so its scopes,
    /// routes and endpoints get the provider rules.
    ///
    /// ## Why is this bad?
    /// It is not: the note says where the P findings come from. Declaring the provider makes
    /// the choice explicit, and keeps it when the base URL moves to a host connspec does not
    /// know (a proxy, a vanity domain).
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: graph_users
    /// base_url: https://graph.microsoft.com/v1.0
    /// granted_scopes: [User.Read.All]
    /// auth:
    ///   type: bearer
    ///   token: "{{ secrets.GRAPH_TOKEN }}"
    /// secrets: [GRAPH_TOKEN]
    /// actions:
    ///   list_users: { method: GET, path: /users }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: graph_users
    /// provider: microsoft-graph
    /// base_url: https://graph.microsoft.com/v1.0
    /// granted_scopes: [User.Read.All]
    /// auth:
    ///   type: bearer
    ///   token: "{{ secrets.GRAPH_TOKEN }}"
    /// secrets: [GRAPH_TOKEN]
    /// actions:
    ///   list_users: { method: GET, path: /users }
    /// ```
    pub(crate) struct ProviderInferred {
        code: "P016",
        name: "provider-inferred",
        family: Provider,
        severity: Info,
        summary: "the provider's catalogue was chosen by the base URL's host",
    }
}

impl Check for ProviderInferred {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog.filter(|_| ctx.catalog_inferred) else {
            return;
        };
        out.push(
            self.diagnostic(format!(
                "checked against the {} catalogue, chosen by the base URL's host",
                catalog.display_name
            ))
            .with_span(ctx.span("/base_url"))
            .with_label(format!("a {} host", catalog.display_name))
            .with_help(format!("declare it: `provider: {}`", catalog.name)),
        );
    }
}
