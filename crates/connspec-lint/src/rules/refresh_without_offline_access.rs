//! A006 `refresh-without-offline-access`: an authorization code grant does not request `offline_access`.

use connspec_diagnostics::Diagnostic;
use connspec_model::spec::{Auth, OAuth2};

use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports an authorization code grant whose scopes lack `offline_access` (or the
    /// provider's refresh scope).
    ///
    /// ## Why is this bad?
    /// Without it most providers issue no refresh token, so every user must consent again each
    /// time the access token expires (a day for Coupa).
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// secrets: [CLIENT_ID, CLIENT_SECRET]
    /// base_url: https://api.example.com
    /// auth:
    ///   type: oauth2
    ///   grant_type: authorization_code
    ///   authorization_url: https://api.example.com/oauth/authorize
    ///   token_url: https://api.example.com/oauth/token
    ///   client_id: "{{ secrets.CLIENT_ID }}"
    ///   client_secret: "{{ secrets.CLIENT_SECRET }}"
    ///   scopes: [read]
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// secrets: [CLIENT_ID, CLIENT_SECRET]
    /// base_url: https://api.example.com
    /// auth:
    ///   type: oauth2
    ///   grant_type: authorization_code
    ///   authorization_url: https://api.example.com/oauth/authorize
    ///   token_url: https://api.example.com/oauth/token
    ///   client_id: "{{ secrets.CLIENT_ID }}"
    ///   client_secret: "{{ secrets.CLIENT_SECRET }}"
    ///   scopes: [read, offline_access]
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    pub(crate) struct RefreshWithoutOfflineAccess {
        code: "A006",
        name: "refresh-without-offline-access",
        family: Auth,
        severity: Warning,
        summary: "an authorization code grant does not request `offline_access`",
    }
}

impl Check for RefreshWithoutOfflineAccess {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Auth::Oauth2(OAuth2::AuthorizationCode(grant)) = &ctx.spec.auth else {
            return;
        };
        let refresh_scope = ctx
            .catalog
            .and_then(|c| c.refresh_scope.as_deref())
            .unwrap_or("offline_access");
        if grant.scopes.iter().any(|s| s == refresh_scope) {
            return;
        }
        let span = if grant.scopes.is_empty() {
            ctx.key_span("/auth/grant_type")
        } else {
            ctx.span("/auth/scopes")
        };
        out.push(
            self.diagnostic(format!("scopes do not include `{refresh_scope}`"))
                .with_span(span)
                .with_label("no refresh token without it")
                .with_help(format!(
                    "add `{refresh_scope}` so Agent Studio can refresh tokens without asking users again"
                )),
        );
    }
}
