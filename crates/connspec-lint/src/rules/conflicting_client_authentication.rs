//! A007 `conflicting-client-authentication`: client credentials are sent in two ways at once.

use connspec_diagnostics::Diagnostic;
use connspec_model::spec::{Auth, ClientCredentialsPlacement};

use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports client credentials sent two ways at once: `client_authentication: basic_header`
    /// with `client_id`/`client_secret` also in the token request body, or `request_body` with
    /// an `Authorization` header on the token request.
    ///
    /// ## Why is this bad?
    /// RFC 6749 §2.3 forbids more than one authentication method per request; providers such
    /// as Coupa reject it ("you must have provided multiple credentials").
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
    ///   token_url: https://api.example.com/oauth/token
    ///   client_id: "{{ secrets.CLIENT_ID }}"
    ///   client_secret: "{{ secrets.CLIENT_SECRET }}"
    ///   client_authentication: basic_header
    ///   token_request:
    ///     body: { client_secret: "{{ secrets.CLIENT_SECRET }}" }
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
    ///   grant_type: client_credentials
    ///   token_url: https://api.example.com/oauth/token
    ///   client_id: "{{ secrets.CLIENT_ID }}"
    ///   client_secret: "{{ secrets.CLIENT_SECRET }}"
    ///   client_authentication: basic_header
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    pub(crate) struct ConflictingClientAuthentication {
        code: "A007",
        name: "conflicting-client-authentication",
        family: Auth,
        severity: Error,
        summary: "client credentials are sent in two ways at once",
    }
}

impl Check for ConflictingClientAuthentication {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Auth::Oauth2(oauth2) = &ctx.spec.auth else {
            return;
        };
        let common = oauth2.common();
        let body_credentials: Vec<&String> = common
            .token_request
            .body
            .keys()
            .filter(|k| matches!(k.as_str(), "client_id" | "client_secret"))
            .collect();
        let header_credentials: Vec<&String> = common
            .token_request
            .headers
            .keys()
            .filter(|k| k.eq_ignore_ascii_case("authorization"))
            .collect();
        let (keys, parent, message) = match common.client_authentication.placement() {
            ClientCredentialsPlacement::BasicHeader if !body_credentials.is_empty() => (
                body_credentials,
                "/auth/token_request/body",
                "client credentials in the body although `client_authentication` is",
            ),
            ClientCredentialsPlacement::RequestBody if !header_credentials.is_empty() => (
                header_credentials,
                "/auth/token_request/headers",
                "an `Authorization` header although `client_authentication` is",
            ),
            _ => return,
        };
        for key in keys {
            let pointer = connspec_model::yaml::push_pointer(parent, key);
            out.push(
                self.diagnostic(format!(
                    "{message} `{}`",
                    common.client_authentication.as_str()
                ))
                .with_span(ctx.key_span(&pointer))
                .with_label("second way")
                .with_secondary(ctx.span("/auth/client_authentication"), "first way")
                .with_help(
                    "send the credentials one way: remove this, or change `client_authentication`",
                ),
            );
        }
    }
}
