//! P012 `comma-separated-scopes`: several scopes are written as one list item.

use connspec_diagnostics::{Diagnostic, Fix};
use connspec_model::edit::split_list_item;

use super::helpers::scopes::{is_joined, oauth2_scopes, scope_pointer};
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports several scopes written as one list item: comma-, plus- or space-separated.
    ///
    /// ## Why is this bad?
    /// The token request sends `core.approval.read,core.user.read` as a single unknown scope;
    /// Coupa's guides say to paste scopes "without the comma", space-separated, which connspec
    /// does from a list.
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
    ///   scopes: ["core.approval.read,core.user.read"]
    /// actions:
    ///   list_approvals:
    ///     method: GET
    ///     path: /api/approvals
    ///     headers: { Accept: application/json }
    ///   get_user:
    ///     method: GET
    ///     path: /api/users/{{ inputs.id }}
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
    ///   scopes: [core.approval.read, core.user.read]
    /// actions:
    ///   list_approvals:
    ///     method: GET
    ///     path: /api/approvals
    ///     headers: { Accept: application/json }
    ///   get_user:
    ///     method: GET
    ///     path: /api/users/{{ inputs.id }}
    ///     headers: { Accept: application/json }
    ///     inputs:
    ///       id: { type: integer, required: true }
    /// ```
    pub(crate) struct CommaSeparatedScopes {
        code: "P012",
        name: "comma-separated-scopes",
        family: Provider,
        severity: Error,
        summary: "several scopes are written as one list item",
    }
}

impl Check for CommaSeparatedScopes {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (Some(_), Some(scopes)) = (ctx.catalog, oauth2_scopes(ctx)) else {
            return;
        };
        for (index, scope) in scopes.iter().enumerate() {
            if !is_joined(scope) {
                continue;
            }
            let parts: Vec<&str> = scope
                .split([',', '+', ' ', '\t'])
                .filter(|p| !p.is_empty())
                .collect();
            let span = ctx.span(&scope_pointer(index));
            let mut diagnostic = self
                .diagnostic(format!("{} scopes written as one item", parts.len()))
                .with_span(span)
                .with_label("one item")
                .with_help(format!(
                    "write each scope as its own item: [{}]",
                    parts.join(", ")
                ));
            if let Some(edit) = split_list_item(ctx.file.text(), span, &parts) {
                diagnostic =
                    diagnostic.with_fix(Fix::safe("write each scope as its own item", vec![edit]));
            }
            out.push(diagnostic);
        }
    }
}
