//! P002 `missing-scope`: an action needs a scope the connector does not request.

use connspec_catalog::RouteMatch;
use connspec_diagnostics::{Diagnostic, Fix};
use connspec_model::edit::append_list_item;

use super::helpers::action_pointer;
use super::helpers::scopes::oauth2_scopes;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports an action whose method and path need a scope the connector does not request,
    /// using the provider's route → scope map (Coupa: `GET /api/approvals` needs
    /// `core.approval.read`; approving needs `core.approval.write`).
    ///
    /// ## Why is this bad?
    /// The token lacks the scope, so the action answers 403 at run time, after the connector
    /// has been pasted and shipped.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: coupa_demo
    /// provider: coupa
    /// instance:
    ///   domain: { format: hostname, example: acme.coupahost.com }
    /// secrets: [COUPA_CLIENT_ID, COUPA_CLIENT_SECRET]
    /// base_url: https://{{ instance.domain }}
    /// auth:
    ///   type: oauth2
    ///   grant_type: client_credentials
    ///   token_url: https://{{ instance.domain }}/oauth2/token
    ///   client_id: "{{ secrets.COUPA_CLIENT_ID }}"
    ///   client_secret: "{{ secrets.COUPA_CLIENT_SECRET }}"
    ///   scopes: [core.approval.read]
    /// actions:
    ///   list_approvals:
    ///     method: GET
    ///     path: /api/approvals
    ///     headers: { Accept: application/json }
    ///   approve:
    ///     method: PUT
    ///     path: /api/approvals/{{ inputs.id }}/approve
    ///     headers: { Accept: application/json }
    ///     inputs:
    ///       id: { type: integer, required: true }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: coupa_demo
    /// provider: coupa
    /// instance:
    ///   domain: { format: hostname, example: acme.coupahost.com }
    /// secrets: [COUPA_CLIENT_ID, COUPA_CLIENT_SECRET]
    /// base_url: https://{{ instance.domain }}
    /// auth:
    ///   type: oauth2
    ///   grant_type: client_credentials
    ///   token_url: https://{{ instance.domain }}/oauth2/token
    ///   client_id: "{{ secrets.COUPA_CLIENT_ID }}"
    ///   client_secret: "{{ secrets.COUPA_CLIENT_SECRET }}"
    ///   scopes: [core.approval.read, core.approval.write]
    /// actions:
    ///   list_approvals:
    ///     method: GET
    ///     path: /api/approvals
    ///     headers: { Accept: application/json }
    ///   approve:
    ///     method: PUT
    ///     path: /api/approvals/{{ inputs.id }}/approve
    ///     headers: { Accept: application/json }
    ///     inputs:
    ///       id: { type: integer, required: true }
    /// ```
    pub(crate) struct MissingScope {
        code: "P002",
        name: "missing-scope",
        family: Provider,
        severity: Error,
        summary: "an action needs a scope the connector does not request",
    }
}

impl Check for MissingScope {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (Some(catalog), Some(scopes)) = (ctx.catalog, oauth2_scopes(ctx)) else {
            return;
        };
        // What each unknown scope was probably meant to be, computed once per spec.
        let meant: Vec<&str> = scopes
            .iter()
            .filter(|s| !catalog.is_known_scope(s))
            .filter_map(|s| catalog.suggest_scope(s))
            .collect();
        for (name, action) in &ctx.spec.actions {
            let RouteMatch::Found(route) =
                catalog.route(action.method.as_str(), action.path.as_str())
            else {
                continue;
            };
            // A joined item (`"a,b"`) is reported by P012; count its parts here.
            let requested = scopes
                .iter()
                .flat_map(|s| s.split([',', '+', ' ', '\t']))
                .any(|s| s == route.scope);
            // A misspelt scope that means this one is reported by P001 already.
            let misspelt = meant.contains(&route.scope.as_str());
            if requested || misspelt {
                continue;
            }
            let span = if scopes.is_empty() {
                ctx.key_span("/auth/grant_type")
            } else {
                ctx.span("/auth/scopes")
            };
            let mut diagnostic = self
                .diagnostic(format!(
                    "action `{name}` ({} {}) needs scope `{}`, which the connector does not request",
                    route.method, route.path, route.scope
                ))
                .with_span(ctx.span(&action_pointer(name, &["path"])))
                .with_label(format!("needs `{}`", route.scope))
                .with_secondary(span, "requested scopes")
                .with_help(format!("add `{}` to `auth.scopes`", route.scope));
            // Only into a written list: where `scopes` is absent the grant may not take any.
            if !scopes.is_empty()
                && let Some(edit) = append_list_item(
                    ctx.file.text(),
                    (ctx.spans, ctx.value),
                    "/auth/scopes",
                    &route.scope,
                )
            {
                diagnostic = diagnostic
                    .with_fix(Fix::safe(format!("request `{}`", route.scope), vec![edit]));
            }
            out.push(diagnostic);
        }
    }
}
