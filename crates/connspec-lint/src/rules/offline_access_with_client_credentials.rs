//! P013 `offline-access-with-client-credentials`: `offline_access` is requested with client credentials, which get no refresh token.

use connspec_catalog::RefreshTokens;
use connspec_diagnostics::Diagnostic;
use connspec_model::spec::{Auth, OAuth2};

use super::helpers::scopes::scope_pointer;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports the provider's refresh scope (`offline_access`) requested with the client
    /// credentials grant.
    ///
    /// ## Why is this bad?
    /// Client credentials never get a refresh token (Coupa: "provides only access token and
    /// expiry"); a new token is minted instead. The scope suggests a refresh flow that will
    /// not happen.
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
    ///   scopes: [core.approval.read, offline_access]
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
    pub(crate) struct OfflineAccessWithClientCredentials {
        code: "P013",
        name: "offline-access-with-client-credentials",
        family: Provider,
        severity: Warning,
        summary: "`offline_access` is requested with client credentials, which get no refresh token",
    }
}

impl Check for OfflineAccessWithClientCredentials {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else {
            return;
        };
        let Auth::Oauth2(OAuth2::ClientCredentials(grant)) = &ctx.spec.auth else {
            return;
        };
        // Only a scope can be asked for in vain; Google's `access_type` is not a scope.
        let RefreshTokens::Scope(refresh_scope) =
            connspec_catalog::refresh_tokens(Some(catalog), [])
        else {
            return;
        };
        for (index, scope) in grant.scopes.iter().enumerate() {
            if *scope == refresh_scope {
                out.push(
                    self.diagnostic(format!(
                        "`{refresh_scope}` has no effect with client credentials"
                    ))
                    .with_span(ctx.span(&scope_pointer(index)))
                    .with_label("no refresh token is issued")
                    .with_help(
                        "remove it; connspec and Agent Studio mint a new token when one expires",
                    ),
                );
            }
        }
    }
}
