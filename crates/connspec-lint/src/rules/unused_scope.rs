//! P003 `unused-scope`: a requested scope no action needs.

use std::collections::BTreeSet;

use connspec_catalog::Route;
use connspec_diagnostics::{Diagnostic, Fix};
use connspec_model::edit::delete_list_item;
use connspec_model::spec::Method;

use super::helpers::scopes::{SpecScopes, every_action_route, spec_scopes};
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

/// The scopes the routes use: those of every alternative the spec's scopes meet, else of the
/// closest one (whose missing scope P002 reports).
fn needed_scopes<'c>(routes: &[&'c Route], scopes: &SpecScopes<'_>) -> BTreeSet<&'c str> {
    let mut needed = BTreeSet::new();
    for route in routes {
        let requirement = &route.requirement;
        let met: Vec<&Vec<String>> = requirement
            .alternatives()
            .iter()
            .filter(|alternative| alternative.iter().all(|s| scopes.has(s)))
            .collect();
        if met.is_empty() {
            let (closest, _) = requirement.closest(|s| scopes.has(s));
            needed.extend(closest.iter().map(String::as_str));
        } else {
            needed.extend(met.into_iter().flatten().map(String::as_str));
        }
    }
    needed
}

declare_rule! {
    /// ## What it does
    /// Reports a requested scope that no action needs, when every action's route is known.
    ///
    /// ## Why is this bad?
    /// Least privilege: a token with more scopes than the connector uses turns any leak into a
    /// larger one, and admins are asked to grant more than necessary.
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
    ///   scopes: [core.approval.read, core.user.read]
    /// actions:
    ///   list_approvals:
    ///     method: GET
    ///     path: /api/approvals
    ///     headers: { Accept: application/json }
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
    ///   scopes: [core.approval.read]
    /// actions:
    ///   list_approvals:
    ///     method: GET
    ///     path: /api/approvals
    ///     headers: { Accept: application/json }
    /// ```
    pub(crate) struct UnusedScope {
        code: "P003",
        name: "unused-scope",
        family: Provider,
        severity: Warning,
        summary: "a requested scope no action needs",
    }
}

impl Check for UnusedScope {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (Some(catalog), Some(scopes)) = (ctx.catalog, spec_scopes(ctx)) else {
            return;
        };
        let Some(routes) = every_action_route(ctx, catalog) else {
            return;
        };
        let needed = needed_scopes(&routes, &scopes);
        let all_read = ctx.spec.actions.values().all(|a| a.method == Method::Get);
        for item in &scopes.items {
            let scope = item.scope;
            if needed.contains(scope)
                || catalog.is_identity_scope(scope)
                || !catalog.is_known_scope(scope)
                || (all_read && catalog.is_write_scope(scope))
            {
                continue;
            }
            let span = item.span;
            let mut diagnostic = self
                .diagnostic(format!(
                    "scope `{scope}` is requested but no action needs it"
                ))
                .with_span(span)
                .with_label("unused")
                .with_help("remove it (least privilege), or add the action that needs it");
            // Unsafe: the token then lacks the scope, which an action added later may need.
            if item.pointer.is_some()
                && let Some(edit) = delete_list_item(ctx.file.text(), span)
            {
                diagnostic =
                    diagnostic.with_fix(Fix::unsafe_edits(format!("remove `{scope}`"), vec![edit]));
            }
            out.push(diagnostic);
        }
    }
}
