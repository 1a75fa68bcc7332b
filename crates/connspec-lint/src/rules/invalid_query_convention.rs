//! P015 `invalid-query-convention`: a filter operator or `return_object` value the provider does not have.

use connspec_diagnostics::Diagnostic;
use connspec_model::spec::Method;

use super::helpers::{action_pointer, did_you_mean};
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports query parameters that break the provider's conventions: a filter operator that
    /// does not exist (`status[equals]=…`), or a `return_object` value that is not one of
    /// `limited`, `shallow`, `none` (and `none` on a GET, which returns nothing).
    ///
    /// ## Why is this bad?
    /// Unknown operators are ignored or rejected, so the filter silently returns everything.
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
    ///     query: { "updated_at[after]": "2024-01-01" }
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
    ///     query: { "updated_at[gt]": "2024-01-01" }
    /// ```
    pub(crate) struct InvalidQueryConvention {
        code: "P015",
        name: "invalid-query-convention",
        family: Provider,
        severity: Error,
        summary: "a filter operator or `return_object` value the provider does not have",
    }
}

impl Check for InvalidQueryConvention {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else {
            return;
        };
        for (name, action) in &ctx.spec.actions {
            for (key, value) in &action.query {
                let pointer = action_pointer(name, &["query", key]);
                if key == "return_object" && !catalog.return_object_values.is_empty() {
                    let text = value.to_text();
                    if text.contains("{{") {
                        continue;
                    }
                    if !catalog.return_object_values.iter().any(|v| *v == text) {
                        out.push(
                            self.diagnostic(format!(
                                "`return_object` must be one of {}",
                                catalog.return_object_values.join(", ")
                            ))
                            .with_span(ctx.span(&pointer))
                            .with_label("unknown value"),
                        );
                    } else if text == "none" && action.method == Method::Get {
                        out.push(
                            self.diagnostic(
                                "`return_object: none` on a GET returns nothing".to_owned(),
                            )
                            .with_span(ctx.span(&pointer))
                            .with_label("empty response")
                            .with_help("use `limited` or `shallow`, or drop the parameter"),
                        );
                    }
                    continue;
                }
                let Some(open) = key.rfind('[') else {
                    continue;
                };
                let Some(operator) = key[open + 1..].strip_suffix(']') else {
                    continue;
                };
                if catalog.filter_operators.is_empty()
                    || catalog.filter_operators.iter().any(|o| o == operator)
                {
                    continue;
                }
                // `supplier[name]` filters on an association's attribute, not an operator.
                if !catalog
                    .filter_operators
                    .iter()
                    .any(|o| strsim::jaro_winkler(o, operator) >= 0.75)
                    && !matches!(
                        operator,
                        "after" | "before" | "equals" | "eq" | "gte" | "lte" | "ne" | "like"
                    )
                {
                    continue;
                }
                let mut diagnostic = self
                    .diagnostic(format!(
                        "`{operator}` is not a {} filter operator",
                        catalog.display_name
                    ))
                    .with_span(ctx.key_span(&pointer))
                    .with_label("unknown operator");
                let operators: Vec<&str> = catalog
                    .filter_operators
                    .iter()
                    .map(String::as_str)
                    .collect();
                let known = match operator {
                    "after" => Some("gt"),
                    "before" => Some("lt"),
                    "gte" => Some("gt_or_eq"),
                    "lte" => Some("lt_or_eq"),
                    "ne" => Some("not_eq"),
                    "like" => Some("contains"),
                    _ => did_you_mean(operator, operators.iter().copied()),
                };
                diagnostic = match known {
                    Some(k) => {
                        diagnostic.with_help(format!("did you mean `{}[{k}]`?", &key[..open]))
                    }
                    None => diagnostic.with_help(format!("operators: {}", operators.join(", "))),
                };
                out.push(diagnostic);
            }
        }
    }
}
