//! P014 `legacy-api-key-header`: a legacy authentication header the provider no longer accepts.

use connspec_diagnostics::Diagnostic;
use connspec_model::spec::Auth;
use connspec_model::yaml::push_pointer;

use super::helpers::action_pointer;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a legacy authentication header the provider no longer accepts (Coupa's
    /// `X-COUPA-API-KEY`, unsupported since R35).
    ///
    /// ## Why is this bad?
    /// Every request answers 401; API keys are no longer issued, so the connector cannot be
    /// fixed without moving to OAuth2.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: coupa_demo
    /// provider: coupa
    /// instance:
    ///   domain: { format: hostname, example: acme.coupahost.com }
    /// secrets: [COUPA_API_KEY]
    /// base_url: https://{{ instance.domain }}
    /// auth:
    ///   type: api_key
    ///   header_name: X-COUPA-API-KEY
    ///   value_pattern: "%s"
    ///   key: "{{ secrets.COUPA_API_KEY }}"
    /// actions:
    ///   list_approvals:
    ///     method: GET
    ///     path: /api/approvals
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
    ///   scopes: [core.approval.read]
    /// actions:
    ///   list_approvals:
    ///     method: GET
    ///     path: /api/approvals
    ///     headers: { Accept: application/json }
    /// ```
    pub(crate) struct LegacyApiKeyHeader {
        code: "P014",
        name: "legacy-api-key-header",
        family: Provider,
        severity: Error,
        summary: "a legacy authentication header the provider no longer accepts",
    }
}

impl Check for LegacyApiKeyHeader {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else {
            return;
        };
        let is_legacy = |name: &str| {
            catalog
                .legacy_headers
                .iter()
                .any(|h| h.eq_ignore_ascii_case(name))
        };
        let mut pointers = Vec::new();
        if let Auth::ApiKey(api_key) = &ctx.spec.auth
            && api_key.header_name.as_deref().is_some_and(is_legacy)
        {
            pointers.push("/auth/header_name".to_owned());
        }
        pointers.extend(
            ctx.spec
                .common_headers
                .keys()
                .filter(|k| is_legacy(k))
                .map(|k| push_pointer("/common_headers", k)),
        );
        for (name, action) in &ctx.spec.actions {
            pointers.extend(
                action
                    .headers
                    .keys()
                    .filter(|k| is_legacy(k))
                    .map(|k| action_pointer(name, &["headers", k])),
            );
        }
        for pointer in pointers {
            out.push(
                self.diagnostic(format!(
                    "{} no longer accepts this API key header",
                    catalog.display_name
                ))
                .with_span(ctx.key_span(&pointer))
                .with_label("removed")
                .with_help("authenticate with OAuth2 client credentials"),
            );
        }
    }
}
