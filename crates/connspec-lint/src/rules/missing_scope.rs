//! P002 `missing-scope`: an action needs a scope the connector does not request.

use std::fmt::Write as _;

use connspec_catalog::RouteMatch;
use connspec_diagnostics::{Diagnostic, Fix};
use connspec_model::edit::append_list_item;

use super::helpers::action_pointer;
use super::helpers::scopes::{action_route, spec_scopes};
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
        let (Some(catalog), Some(scopes)) = (ctx.catalog, spec_scopes(ctx)) else {
            return;
        };
        // What each unknown scope was probably meant to be, computed once per spec.
        let meant: Vec<&str> = scopes
            .items
            .iter()
            .map(|item| item.scope)
            .filter(|s| !catalog.is_known_scope(s))
            .filter_map(|s| catalog.suggest_scope(s))
            .collect();
        // A misspelt scope that means a needed one is reported by P001 already.
        let has = |scope: &str| scopes.has(scope) || meant.contains(&scope);
        for (name, action) in &ctx.spec.actions {
            let RouteMatch::Found(route) = action_route(ctx, catalog, action) else {
                continue;
            };
            if route.requirement.is_met_by(has) {
                continue;
            }
            // The least-privileged alternative, unless another needs fewer additions.
            let (alternative, missing) = route.requirement.closest(has);
            let missing_list = missing
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let noun = if missing.len() == 1 {
                "scope"
            } else {
                "scopes"
            };
            let mut diagnostic = self
                .diagnostic(format!(
                    "action `{name}` ({} {}) needs {noun} {missing_list}, which the connector \
                     does not {}",
                    route.method,
                    route.path,
                    if scopes.list == Some("/granted_scopes") {
                        "hold"
                    } else {
                        "request"
                    }
                ))
                .with_span(ctx.span(&action_pointer(name, &["path"])))
                .with_label(format!("needs {missing_list}"));
            diagnostic = match scopes.anchor(ctx) {
                Some(span) => diagnostic.with_secondary(span, "requested scopes"),
                None => {
                    diagnostic.with_secondary(ctx.key_span("/auth/grant_type"), "requested scopes")
                }
            };
            let list = scopes.list.unwrap_or("/auth/scopes");
            let field = list.trim_start_matches('/').replace('/', ".");
            let mut help = format!("add {missing_list} to `{field}`");
            if route.requirement.alternatives().len() > 1 {
                let _ = write!(
                    help,
                    "; the least privilege that grants this route is {}",
                    alternative
                        .iter()
                        .map(|s| format!("`{s}`"))
                        .collect::<Vec<_>>()
                        .join(" and ")
                );
                let others = route.requirement.alternatives().len() - 1;
                let _ = write!(
                    help,
                    " ({others} broader alternative{} also would)",
                    if others == 1 { "" } else { "s" }
                );
            }
            diagnostic = diagnostic.with_help(help);
            // Only into a written list: where it is absent the grant may not take any.
            if !scopes.items.is_empty()
                && scopes.list.is_some()
                && let Some(edit) = missing.iter().try_fold(Vec::new(), |mut edits, scope| {
                    edits.push(append_list_item(
                        ctx.file.text(),
                        (ctx.spans, ctx.value),
                        list,
                        scope,
                    )?);
                    Some(edits)
                })
                && missing.len() == 1
            {
                diagnostic =
                    diagnostic.with_fix(Fix::safe(format!("request {missing_list}"), edit));
            }
            out.push(diagnostic);
        }
    }
}
