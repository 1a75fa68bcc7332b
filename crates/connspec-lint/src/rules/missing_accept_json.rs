//! P005 `missing-accept-json`: an action does not ask for JSON from a provider that answers XML by default.

use connspec_diagnostics::{Diagnostic, Fix};
use connspec_model::edit::insert_entry;

use super::helpers::action_pointer;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports an action that does not send `Accept: application/json` (in its headers or the
    /// connector's common headers) to a provider that answers in another format by default.
    ///
    /// ## Why is this bad?
    /// Coupa answers XML unless asked for JSON, so the reasoning engine, output mappers and
    /// `expect: { json: … }` receive XML.
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
    pub(crate) struct MissingAcceptJson {
        code: "P005",
        name: "missing-accept-json",
        family: Provider,
        severity: Error,
        summary: "an action does not ask for JSON from a provider that answers XML by default",
    }
}

impl Check for MissingAcceptJson {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog.filter(|c| c.conventions.accept_json_required) else {
            return;
        };
        let common_accept = ctx
            .spec
            .common_headers
            .keys()
            .any(|k| k.eq_ignore_ascii_case("accept"));
        for (name, action) in &ctx.spec.actions {
            let has_accept = common_accept
                || action
                    .headers
                    .keys()
                    .any(|k| k.eq_ignore_ascii_case("accept"));
            if has_accept {
                continue;
            }
            let pointer = if action.headers.is_empty() {
                action_pointer(name, &[])
            } else {
                action_pointer(name, &["headers"])
            };
            let mut diagnostic = self
                .diagnostic(format!(
                    "action `{name}` does not send `Accept: application/json`"
                ))
                .with_span(ctx.key_span(&pointer))
                .with_label(format!(
                    "{} will answer {}",
                    catalog.display_name, catalog.conventions.format_without_accept
                ))
                .with_help("add `Accept: application/json` to the action's `headers`");
            let document = (ctx.spans, ctx.value);
            // Without a body, M003's fix renames `Content-Type` to `Accept`: adding one too
            // would write the key twice.
            let renamed = action.body.is_none()
                && action
                    .headers
                    .keys()
                    .any(|k| k.eq_ignore_ascii_case("content-type"));
            let edit = if renamed {
                None
            } else if action.headers.is_empty() {
                insert_entry(
                    ctx.file.text(),
                    document,
                    &action_pointer(name, &[]),
                    "headers",
                    "{ Accept: application/json }",
                )
            } else {
                insert_entry(
                    ctx.file.text(),
                    document,
                    &pointer,
                    "Accept",
                    "application/json",
                )
            };
            if let Some(edit) = edit {
                diagnostic =
                    diagnostic.with_fix(Fix::safe("add `Accept: application/json`", vec![edit]));
            }
            out.push(diagnostic);
        }
    }
}
