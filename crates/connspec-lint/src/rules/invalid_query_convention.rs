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

/// Operator spellings of other APIs: a bracketed key that is one of these (or close to one
/// of the provider's operators) is a filter, not an association's attribute.
const COMMON_OPERATORS: &[&str] = &[
    "after", "before", "equals", "eq", "gte", "lte", "ne", "like",
];

impl Check for InvalidQueryConvention {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else {
            return;
        };
        let conventions = &catalog.conventions;
        for (name, action) in &ctx.spec.actions {
            for (key, value) in &action.query {
                let pointer = action_pointer(name, &["query", key]);
                if conventions.return_object_param.as_ref() == Some(key)
                    && !conventions.return_object_values.is_empty()
                {
                    let text = value.to_text();
                    if text.contains("{{") {
                        continue;
                    }
                    if !conventions.return_object_values.iter().any(|v| *v == text) {
                        out.push(
                            self.diagnostic(format!(
                                "`{key}` must be one of {}",
                                conventions.return_object_values.join(", ")
                            ))
                            .with_span(ctx.span(&pointer))
                            .with_label("unknown value"),
                        );
                    } else if conventions.return_object_empty.as_deref() == Some(&*text)
                        && action.method == Method::Get
                    {
                        let others: Vec<String> = conventions
                            .return_object_values
                            .iter()
                            .filter(|v| **v != text)
                            .map(|v| format!("`{v}`"))
                            .collect();
                        out.push(
                            self.diagnostic(format!("`{key}: {text}` on a GET returns nothing"))
                                .with_span(ctx.span(&pointer))
                                .with_label("empty response")
                                .with_help(format!(
                                    "use {}, or drop the parameter",
                                    others.join(" or ")
                                )),
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
                let operators = &conventions.filter_operators;
                if operators.is_empty() || operators.iter().any(|o| o == operator) {
                    continue;
                }
                // `supplier[name]` filters on an association's attribute, not an operator.
                if !operators
                    .iter()
                    .any(|o| strsim::jaro_winkler(o, operator) >= 0.75)
                    && !COMMON_OPERATORS.contains(&operator)
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
                let operators: Vec<&str> = operators.iter().map(String::as_str).collect();
                let known = conventions
                    .filter_operator_aliases
                    .get(operator)
                    .map(String::as_str)
                    .or_else(|| did_you_mean(operator, operators.iter().copied()));
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
