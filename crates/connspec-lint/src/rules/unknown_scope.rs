//! P001 `unknown-scope`: a scope the provider does not have.

use connspec_diagnostics::{Diagnostic, Fix};
use connspec_model::edit::replace_scalar;

use super::helpers::scopes::{is_joined, spec_scopes};
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a scope the provider does not have, with the real scope it was probably meant
    /// to be. For Coupa, `core.expense_report.read` (written in Coupa's own guides) is really
    /// `core.expense.read`; plural forms (`core.approvals.read`) and known misspellings are
    /// mapped too.
    ///
    /// ## Why is this bad?
    /// The token request fails with `invalid_scope`, or the scope is silently dropped and every
    /// API call answers 403.
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
    ///   scopes: [core.expense.read, core.approvals.read]
    /// actions:
    ///   list_expense_reports:
    ///     method: GET
    ///     path: /api/expense_reports
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
    ///   scopes: [core.expense.read]
    /// actions:
    ///   list_expense_reports:
    ///     method: GET
    ///     path: /api/expense_reports
    ///     headers: { Accept: application/json }
    /// ```
    pub(crate) struct UnknownScope {
        code: "P001",
        name: "unknown-scope",
        family: Provider,
        severity: Error,
        summary: "a scope the provider does not have",
    }
}

impl Check for UnknownScope {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (Some(catalog), Some(scopes)) = (ctx.catalog, spec_scopes(ctx)) else {
            return;
        };
        for item in &scopes.items {
            let (scope, span) = (item.scope, item.span);
            if is_joined(scope) || catalog.is_known_scope(scope) {
                continue;
            }
            let mut diagnostic = self
                .diagnostic(format!("unknown {} scope `{scope}`", catalog.display_name))
                .with_span(span)
                .with_label("not a scope");
            diagnostic = match catalog.suggest_scope(scope) {
                Some(real) => {
                    let fix = replace_scalar(ctx.file.text(), span, real)
                        .map(|edit| Fix::safe(format!("replace with `{real}`"), vec![edit]));
                    let diagnostic = diagnostic.with_help(format!("did you mean `{real}`?"));
                    match fix {
                        Some(fix) => diagnostic.with_fix(fix),
                        None => diagnostic,
                    }
                }
                None => diagnostic.with_help(format!(
                    "{} lists its scopes under {}",
                    catalog.display_name,
                    catalog
                        .setup
                        .client_location
                        .as_deref()
                        .unwrap_or("its OAuth client settings")
                )),
            };
            out.push(diagnostic);
        }
    }
}
