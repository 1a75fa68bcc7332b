//! P003 `unused-scope`: a requested scope no action needs.

use std::collections::BTreeSet;

use connspec_catalog::{Catalog, RouteMatch};
use connspec_diagnostics::{Diagnostic, Fix};
use connspec_model::edit::delete_list_item;
use connspec_model::spec::{Action, Method};

use super::helpers::scopes::{oauth2_scopes, scope_pointer};
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

/// The scope each action needs, when every action resolves to a catalogue route.
fn needed_scopes(catalog: &Catalog, actions: &[(&String, &Action)]) -> Option<BTreeSet<String>> {
    let mut needed = BTreeSet::new();
    for (_, action) in actions {
        match catalog.route(action.method.as_str(), action.path.as_str()) {
            RouteMatch::Found(route) => {
                needed.insert(route.scope.clone());
            }
            _ => return None,
        }
    }
    Some(needed)
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
        let (Some(catalog), Some(scopes)) = (ctx.catalog, oauth2_scopes(ctx)) else {
            return;
        };
        let actions: Vec<(&String, &Action)> = ctx.spec.actions.iter().collect();
        let Some(needed) = needed_scopes(catalog, &actions) else {
            return;
        };
        let all_read = actions.iter().all(|(_, a)| a.method == Method::Get);
        for (index, scope) in scopes.iter().enumerate() {
            if needed.contains(scope)
                || catalog.is_identity_scope(scope)
                || !catalog.is_known_scope(scope)
                || (all_read && catalog.is_write_scope(scope))
            {
                continue;
            }
            let span = ctx.span(&scope_pointer(index));
            let mut diagnostic = self
                .diagnostic(format!(
                    "scope `{scope}` is requested but no action needs it"
                ))
                .with_span(span)
                .with_label("unused")
                .with_help("remove it (least privilege), or add the action that needs it");
            // Unsafe: the token then lacks the scope, which an action added later may need.
            if let Some(edit) = delete_list_item(ctx.file.text(), span) {
                diagnostic =
                    diagnostic.with_fix(Fix::unsafe_edits(format!("remove `{scope}`"), vec![edit]));
            }
            out.push(diagnostic);
        }
    }
}
