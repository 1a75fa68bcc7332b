//! P006 `page-limit-exceeded`: `limit` is above the provider's page size.

use connspec_diagnostics::{Diagnostic, Edit, Fix};
use connspec_model::edit::replace_scalar;

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
        let conventions = &catalog.conventions;
        let (Some(param), Some(max)) = (
            conventions.page_size_param.as_deref(),
            conventions.max_page_size,
        ) else {
            return;
        };
        for (name, action) in &ctx.spec.actions {
            let Some(limit) = action.query.get(param) else {
                continue;
            };
            let Some(value) = query_number(&limit.0) else {
                continue;
            };
            if value <= f64::from(max) {
                continue;
            }
            let help = match &conventions.offset_param {
                Some(offset) => format!("use `{param}: {max}` and page with `{offset}`"),
                None => format!("use `{param}: {max}`"),
            };
            let span = ctx.span(&action_pointer(name, &["query", param]));
            let mut diagnostic = self
                .diagnostic(format!(
                    "`{param}` {} is above {}'s page size of {max}",
                    limit.to_text(),
                    catalog.display_name,
                ))
                .with_span(span)
                .with_label(format!("at most {max}"))
                .with_help(help);
            // The provider already clamps the page to `max`, so asking for `max` changes
            // nothing the action receives: a safe fix. A number stays a number; a quoted
            // value keeps its quotes.
            let written = ctx.file.text().get(span.start..span.end).unwrap_or("");
            let edit = if written.starts_with(['"', '\'']) {
                replace_scalar(ctx.file.text(), span, &max.to_string())
            } else if !written.is_empty() {
                Some(Edit::replacement(span, max.to_string()))
            } else {
                None
            };
            if let Some(edit) = edit {
                diagnostic =
                    diagnostic.with_fix(Fix::safe(format!("use `{param}: {max}`"), vec![edit]));
            }
            out.push(diagnostic);
        }
    }
}
