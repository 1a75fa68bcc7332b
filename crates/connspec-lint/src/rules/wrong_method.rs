//! P009 `wrong-method`: the path exists, but not for this method.

use connspec_catalog::RouteMatch;
use connspec_diagnostics::Diagnostic;

use super::helpers::action_pointer;
use super::helpers::scopes::action_route;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports an action whose path exists but not for its method, and lists the methods that
    /// do (Coupa approves and rejects with PUT or PATCH, never POST).
    ///
    /// ## Why is this bad?
    /// The provider answers 404 or 405, and for approvals the approver believes a decision was
    /// recorded when it was not.
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
    ///   scopes: [core.approval.write]
    /// actions:
    ///   approve:
    ///     method: POST
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
    ///   scopes: [core.approval.write]
    /// actions:
    ///   approve:
    ///     method: PUT
    ///     path: /api/approvals/{{ inputs.id }}/approve
    ///     headers: { Accept: application/json }
    ///     inputs:
    ///       id: { type: integer, required: true }
    /// ```
    pub(crate) struct WrongMethod {
        code: "P009",
        name: "wrong-method",
        family: Provider,
        severity: Error,
        summary: "the path exists, but not for this method",
    }
}

impl Check for WrongMethod {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else {
            return;
        };
        for (name, action) in &ctx.spec.actions {
            let RouteMatch::WrongMethod(methods) = action_route(ctx, catalog, action) else {
                continue;
            };
            out.push(
                self.diagnostic(format!(
                    "{} does not accept {} on this path",
                    catalog.display_name,
                    action.method.as_str()
                ))
                .with_span(ctx.span(&action_pointer(name, &["method"])))
                .with_label(format!("use {}", methods.join(" or ")))
                .with_secondary(ctx.span(&action_pointer(name, &["path"])), "this path"),
            );
        }
    }
}
