//! P008 `unknown-resource-path`: an action path names no resource of the provider's API.

use connspec_diagnostics::Diagnostic;

use super::helpers::{action_pointer, did_you_mean};
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports an action path that is not one of the provider's resources: outside the API
    /// prefix (Coupa: `/api/`), or naming a resource that does not exist, with the closest real
    /// one (`/api/expense-reports` → `/api/expense_reports`).
    ///
    /// ## Why is this bad?
    /// The request answers 404, or an HTML page when it misses the API entirely.
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
    ///   scopes: [core.expense.read]
    /// actions:
    ///   list_expense_reports:
    ///     method: GET
    ///     path: /api/expense-reports
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
    pub(crate) struct UnknownResourcePath {
        code: "P008",
        name: "unknown-resource-path",
        family: Provider,
        severity: Error,
        summary: "an action path names no resource of the provider's API",
    }
}

impl Check for UnknownResourcePath {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // Only a catalogue whose routes cover the whole API can call a resource unknown.
        let Some(catalog) = ctx.catalog.filter(|c| c.resources_complete) else {
            return;
        };
        let resources = catalog.resources();
        for (name, action) in &ctx.spec.actions {
            let pointer = action_pointer(name, &["path"]);
            let Some(template) = ctx.template(&pointer) else {
                continue;
            };
            let path = action.path.as_str();
            if !path.starts_with('/') || path.contains("://") {
                continue; // M002 reports these
            }
            let Some(rest) = path.strip_prefix(catalog.api_prefix.as_str()) else {
                out.push(
                    self.diagnostic(format!(
                        "{} API paths start with `{}`",
                        catalog.display_name, catalog.api_prefix
                    ))
                    .with_span(template.span)
                    .with_label("outside the API")
                    .with_help(format!(
                        "did you mean `{}{}`?",
                        catalog.api_prefix.trim_end_matches('/'),
                        path
                    )),
                );
                continue;
            };
            let resource = rest.split(['/', '?']).next().unwrap_or("");
            if resource.is_empty() || resource.contains('{') || resources.contains(&resource) {
                continue;
            }
            let normalised = resource.replace('-', "_").to_ascii_lowercase();
            let suggestion = if resources.contains(&normalised.as_str()) {
                Some(normalised.clone())
            } else {
                let plural = format!("{normalised}s");
                if resources.contains(&plural.as_str()) {
                    Some(plural)
                } else {
                    did_you_mean(&normalised, resources.iter().copied()).map(str::to_owned)
                }
            };
            let start = catalog.api_prefix.len();
            let mut diagnostic = self
                .diagnostic(format!(
                    "`{resource}` is not a {} API resource",
                    catalog.display_name
                ))
                .with_span(ctx.template_span(template, start, start + resource.len()))
                .with_label("unknown resource");
            if let Some(suggestion) = suggestion {
                diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
            }
            out.push(diagnostic);
        }
    }
}
