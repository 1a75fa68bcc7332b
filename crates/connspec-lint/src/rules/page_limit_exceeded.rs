//! P006 `page-limit-exceeded`: `limit` is above the provider's page size.

use connspec_diagnostics::Diagnostic;

use super::helpers::action_pointer;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

/// A query value as a number, whether written `100` or `"100"`.
fn query_number(value: &serde_json::Value) -> Option<f64> {
    match value {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a `limit` query parameter above the provider's page size (Coupa: 50).
    ///
    /// ## Why is this bad?
    /// The provider clamps the page silently, so an action that expects 100 records gets 50
    /// and never asks for the rest.
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
    ///     query: { limit: 100 }
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
    ///     query: { limit: 50 }
    /// ```
    pub(crate) struct PageLimitExceeded {
        code: "P006",
        name: "page-limit-exceeded",
        family: Provider,
        severity: Error,
        summary: "`limit` is above the provider's page size",
    }
}

impl Check for PageLimitExceeded {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else {
            return;
        };
        for (name, action) in &ctx.spec.actions {
            let Some(limit) = action.query.get("limit") else {
                continue;
            };
            let Some(value) = query_number(&limit.0) else {
                continue;
            };
            if value <= f64::from(catalog.max_page_size) {
                continue;
            }
            out.push(
                self.diagnostic(format!(
                    "`limit` {} is above {}'s page size of {}",
                    limit.to_text(),
                    catalog.display_name,
                    catalog.max_page_size
                ))
                .with_span(ctx.span(&action_pointer(name, &["query", "limit"])))
                .with_label(format!("at most {}", catalog.max_page_size))
                .with_help(format!(
                    "use `limit: {}` and page with `offset`",
                    catalog.max_page_size
                )),
            );
        }
    }
}
