//! A005 `redirect-uri-in-authorization-query`: `redirect_uri` is set in the authorization query.

use connspec_diagnostics::Diagnostic;
use connspec_model::spec::{Auth, OAuth2};

use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports `redirect_uri` among the authorization query parameters.
    ///
    /// ## Why is this bad?
    /// Agent Studio sets the redirect URI itself (its OAuth callback for your data centre) and
    /// its documentation says not to provide one; a second value makes the provider reject the
    /// authorization or redirect the code elsewhere.
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
    ///   scopes: [read, offline_access]
    ///   authorization_query:
    ///     redirect_uri: https://acme.moveworks.com/auth/oauthCallback
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
    ///   data_center: us
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    pub(crate) struct RedirectUriInAuthorizationQuery {
        code: "A005",
        name: "redirect-uri-in-authorization-query",
        family: Auth,
        severity: Error,
        summary: "`redirect_uri` is set in the authorization query",
    }
}

impl Check for RedirectUriInAuthorizationQuery {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Auth::Oauth2(OAuth2::AuthorizationCode(grant)) = &ctx.spec.auth else {
            return;
        };
        for key in grant.authorization_query.keys() {
            if key.eq_ignore_ascii_case("redirect_uri") {
                let pointer = connspec_model::yaml::push_pointer("/auth/authorization_query", key);
                out.push(
                    self.diagnostic("`redirect_uri` must not be set: Agent Studio sets it".to_owned())
                        .with_span(ctx.key_span(&pointer))
                        .with_label("remove this")
                        .with_help("set `data_center` so the setup checklist shows the callback URL to register"),
                );
            }
        }
    }
}
