//! A006 `refresh-without-offline-access`: an authorization code grant does not request `offline_access`.

use connspec_catalog::RefreshTokens;
use connspec_diagnostics::Diagnostic;
use connspec_model::spec::{Auth, AuthorizationCodeGrant, OAuth2};

use super::helpers::url::UrlParts;

use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports an authorization code grant that does not ask for refresh tokens the way its
    /// provider issues them: the refresh scope (`offline_access`, Salesforce's
    /// `refresh_token`), or an authorization request parameter (Google's
    /// `access_type=offline`). Providers that issue refresh tokens by a setting of the OAuth
    /// client (`ServiceNow`, Workday) are not reported. The provider's catalogue says which, else
    /// connspec's host facts for the API host; an unknown provider is expected to use
    /// `offline_access`.
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
        let hosts: Vec<String> = ["/base_url", "/auth/authorization_url", "/auth/token_url"]
            .into_iter()
            .filter_map(|pointer| ctx.template(pointer))
            .map(|template| {
                UrlParts::parse(&template.text)
                    .host_name()
                    .to_ascii_lowercase()
            })
            .collect();
        match connspec_catalog::refresh_tokens(ctx.catalog, hosts.iter().map(String::as_str)) {
            RefreshTokens::ClientSetting(_) => {}
            RefreshTokens::AuthorizationQuery(wanted) => {
                let missing: Vec<String> = wanted
                    .iter()
                    .filter(|(key, value)| {
                        grant
                            .authorization_query
                            .get(key.as_str())
                            .is_none_or(|given| given.as_str().trim() != value.as_str())
                    })
                    .map(|(key, value)| format!("{key}={value}"))
                    .collect();
                if missing.is_empty() {
                    return;
                }
                let span = if grant.authorization_query.is_empty() {
                    ctx.key_span("/auth/grant_type")
                } else {
                    ctx.key_span("/auth/authorization_query")
                };
                let list = missing.join("&");
                out.push(
                    self.diagnostic(format!("the authorization request lacks `{list}`"))
                        .with_span(span)
                        .with_label("no refresh token without it")
                        .with_help(format!(
                            "add `{list}` to `authorization_query` so the provider issues refresh tokens"
                        )),
                );
            }
            RefreshTokens::Scope(scope) => Self.missing_scope(ctx, grant, &scope, out),
        }
    }
}

impl RefreshWithoutOfflineAccess {
    fn missing_scope(
        self,
        ctx: &Context<'_>,
        grant: &AuthorizationCodeGrant,
        refresh_scope: &str,
        out: &mut Vec<Diagnostic>,
    ) {
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
