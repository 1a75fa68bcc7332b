//! A004 `authorization-code-without-authorization-url`: the authorization code grant is requested without an authorization URL.

use connspec_diagnostics::Diagnostic;
use connspec_model::spec::{Auth, OAuth2};

use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a grant that asks for the `authorization_code` grant type through
    /// `custom_grant_type` or the token request body, although it has no authorization URL.
    ///
    /// ## Why is this bad?
    /// The authorization code flow starts with the user's consent at an authorization URL; with
    /// none, Agent Studio can never obtain a code to exchange. Use `grant_type:
    /// authorization_code`, which requires `authorization_url`.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// secrets: [CLIENT_ID, CLIENT_SECRET]
    /// base_url: https://api.example.com
    /// auth:
    ///   type: oauth2
    ///   grant_type: client_credentials
    ///   custom_grant_type: authorization_code
    ///   token_url: https://api.example.com/oauth/token
    ///   client_id: "{{ secrets.CLIENT_ID }}"
    ///   client_secret: "{{ secrets.CLIENT_SECRET }}"
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
    pub(crate) struct AuthorizationCodeWithoutAuthorizationUrl {
        code: "A004",
        name: "authorization-code-without-authorization-url",
        family: Auth,
        severity: Error,
        summary: "the authorization code grant is requested without an authorization URL",
    }
}

impl Check for AuthorizationCodeWithoutAuthorizationUrl {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Auth::Oauth2(oauth2) = &ctx.spec.auth else {
            return;
        };
        if matches!(oauth2, OAuth2::AuthorizationCode(_)) {
            return;
        }
        let common = oauth2.common();
        let pointers = [
            (
                "/auth/custom_grant_type",
                common.custom_grant_type.as_deref(),
            ),
            (
                "/auth/token_request/body/grant_type",
                common
                    .token_request
                    .body
                    .get("grant_type")
                    .map(connspec_model::schema::Template::as_str),
            ),
        ];
        for (pointer, value) in pointers {
            if value.is_some_and(|v| v.trim() == "authorization_code") {
                out.push(
                    self.diagnostic(format!(
                        "`authorization_code` requested with grant `{}`, which has no authorization URL",
                        oauth2.grant_name()
                    ))
                    .with_span(ctx.span(pointer))
                    .with_label("authorization code")
                    .with_help("use `grant_type: authorization_code` with an `authorization_url`"),
                );
            }
        }
    }
}
