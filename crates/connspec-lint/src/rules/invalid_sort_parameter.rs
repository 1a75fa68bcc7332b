//! P007 `invalid-sort-parameter`: a sort parameter is used the wrong way (`order_by=desc`).

use connspec_diagnostics::Diagnostic;

use super::helpers::action_pointer;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports sort parameters used the wrong way: a direction given to `order_by` (which
    /// takes a field name), or a `dir` that is not `asc` or `desc`.
    ///
    /// ## Why is this bad?
    /// `order_by=desc` sorts by a field called `desc`, which does not exist, so results come
    /// back in an arbitrary order, or the request fails.
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
    ///     query: { order_by: desc }
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
    ///     query: { order_by: created_at, dir: desc }
    /// ```
    pub(crate) struct InvalidSortParameter {
        code: "P007",
        name: "invalid-sort-parameter",
        family: Provider,
        severity: Error,
        summary: "a sort parameter is used the wrong way (`order_by=desc`)",
    }
}

impl Check for InvalidSortParameter {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else {
            return;
        };
        let (Some(field_param), Some(dir_param)) = (
            catalog.conventions.sort_field_param.as_deref(),
            catalog.conventions.sort_direction_param.as_deref(),
        ) else {
            return;
        };
        for (name, action) in &ctx.spec.actions {
            if let Some(value) = action.query.get(field_param) {
                let text = value.to_text();
                if catalog
                    .conventions
                    .sort_directions
                    .iter()
                    .any(|d| d.eq_ignore_ascii_case(&text))
                {
                    out.push(
                        self.diagnostic(format!(
                            "`{field_param}` takes a field name, not a direction"
                        ))
                        .with_span(ctx.span(&action_pointer(name, &["query", field_param])))
                        .with_label("a direction")
                        .with_help(format!(
                            "sort with `{field_param}: <field>` and `{dir_param}: {text}`"
                        )),
                    );
                }
            }
            if let Some(value) = action.query.get(dir_param) {
                let text = value.to_text();
                let templated = text.contains("{{");
                if !templated
                    && !catalog
                        .conventions
                        .sort_directions
                        .iter()
                        .any(|d| *d == text)
                {
                    out.push(
                        self.diagnostic(format!(
                            "`{dir_param}` must be one of {}",
                            catalog.conventions.sort_directions.join(", ")
                        ))
                        .with_span(ctx.span(&action_pointer(name, &["query", dir_param])))
                        .with_label("not a direction"),
                    );
                }
            }
        }
    }
}
