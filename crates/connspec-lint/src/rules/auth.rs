//! A rules: authentication settings that leak, cannot work, or contradict each other.

use connspec_diagnostics::Diagnostic;
use connspec_model::spec::{Auth, ClientAuthentication, OAuth2};

use super::helpers::url::{UrlParts, is_loopback};
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};
use crate::templates::Site;

declare_rule! {
    /// ## What it does
    /// Reports a secret field (client secret, password, API key, token, private key, refresh
    /// token) that holds a literal value instead of a `{{ secrets.NAME }}` reference.
    ///
    /// ## Why is this bad?
    /// A spec is committed, reviewed and shared; a credential in it is leaked to everyone who
    /// can read the repository, forever (git history keeps it). connspec masks the value in its
    /// own output, but the file itself must not hold it: rotate the credential.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: bearer, token: sk_live_51HxQ2 }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// secrets: [API_TOKEN]
    /// base_url: https://api.example.com
    /// auth: { type: bearer, token: "{{ secrets.API_TOKEN }}" }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    pub(crate) struct LiteralSecret {
        code: "A001",
        name: "literal-secret",
        family: Auth,
        severity: Error,
        summary: "a secret field holds a literal value",
    }
}

impl Check for LiteralSecret {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for template in &ctx.templates {
            let field = match &template.site {
                Site::AuthSecret(field) => format!("auth.{field}"),
                Site::ClientCertificate(field) if field == "private_key" => {
                    "client_certificate.private_key".to_owned()
                }
                _ => continue,
            };
            if template.text.trim().is_empty() || template.variables_in("secrets").next().is_some()
            {
                continue;
            }
            if template.is_templated() {
                // A template without a secret (`{{ instance.x }}`) is reported by message only.
                out.push(
                    self.diagnostic(format!("`{field}` does not come from `secrets`"))
                        .with_span(template.span)
                        .with_label("not a secret reference")
                        .with_help(
                            "declare the secret under `secrets:` and write `{{ secrets.NAME }}`",
                        ),
                );
                continue;
            }
            out.push(
                self.diagnostic(format!("`{field}` holds a literal secret"))
                    .with_span(template.span)
                    .with_label("literal value (masked)")
                    .with_help("declare the secret under `secrets:` and write `{{ secrets.NAME }}`")
                    .with_note("the value is in the file and its history: rotate the credential"),
            );
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a base URL or an auth URL (token, authorization, revoke) that does not use
    /// `https://`.
    ///
    /// ## Why is this bad?
    /// Agent Studio requires HTTPS, and tokens and client secrets sent over plain HTTP can be
    /// read by anyone on the path. Only the local sandbox runs on loopback, and it gets its
    /// address from its instance file, not from the spec.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: http://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: none }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    pub(crate) struct InsecureUrl {
        code: "A002",
        name: "insecure-url",
        family: Auth,
        severity: Error,
        summary: "a URL does not use https",
    }
}

impl Check for InsecureUrl {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for template in &ctx.templates {
            let what = match &template.site {
                Site::BaseUrl => "the base URL".to_owned(),
                Site::AuthUrl(field) => format!("`auth.{field}`"),
                _ => continue,
            };
            let url = UrlParts::parse(&template.text);
            let Some(scheme) = url.scheme else {
                out.push(
                    self.diagnostic(format!("{what} has no scheme"))
                        .with_span(template.span)
                        .with_label("missing `https://`")
                        .with_help(format!("write `https://{}`", template.text)),
                );
                continue;
            };
            if scheme.eq_ignore_ascii_case("https") || scheme.contains("{{") {
                continue;
            }
            let mut diagnostic = self
                .diagnostic(format!("{what} uses `{scheme}://`, not `https://`"))
                .with_span(ctx.template_span(template, 0, scheme.len()))
                .with_label("not https");
            diagnostic = if is_loopback(url.host_name()) {
                diagnostic.with_help(
                    "only the sandbox runs on loopback: keep `https://{{ instance.domain }}` and point the sandbox instance at it",
                )
            } else {
                diagnostic.with_help("use `https://`")
            };
            out.push(diagnostic);
        }
    }
}

/// Identity providers whose token endpoints live on their own hosts.
const IDENTITY_HOSTS: &[&str] = &[
    "login.microsoftonline.com",
    "accounts.google.com",
    "oauth2.googleapis.com",
    "auth.atlassian.com",
    "login.salesforce.com",
    "test.salesforce.com",
    "zoom.us",
    "api.box.com",
    "slack.com",
    "github.com",
];

declare_rule! {
    /// ## What it does
    /// Reports a token URL on another host than the base URL, unless the host is a known
    /// identity provider or shares the API's domain (`zoom.us` for `api.zoom.us`).
    ///
    /// ## Why is this bad?
    /// Most APIs mint tokens on their own host (Coupa: `https://{instance}/oauth2/token`). A token
    /// URL on another host is usually a copy-paste from another tenant or provider, and sends
    /// the client secret to it.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// secrets: [CLIENT_ID, CLIENT_SECRET]
    /// base_url: https://acme.coupahost.com
    /// auth:
    ///   type: oauth2
    ///   grant_type: client_credentials
    ///   token_url: https://other.coupahost.com/oauth2/token
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
    /// base_url: https://acme.coupahost.com
    /// auth:
    ///   type: oauth2
    ///   grant_type: client_credentials
    ///   token_url: https://acme.coupahost.com/oauth2/token
    ///   client_id: "{{ secrets.CLIENT_ID }}"
    ///   client_secret: "{{ secrets.CLIENT_SECRET }}"
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    pub(crate) struct TokenHostMismatch {
        code: "A003",
        name: "token-host-mismatch",
        family: Auth,
        severity: Warning,
        summary: "the token URL is on another host than the base URL",
    }
}

impl Check for TokenHostMismatch {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(base) = ctx.template("/base_url") else {
            return;
        };
        let base_host = UrlParts::parse(&base.text).host_name().to_ascii_lowercase();
        let Some(token) = ctx.template("/auth/token_url") else {
            return;
        };
        let token_url = UrlParts::parse(&token.text);
        let token_host = token_url.host_name().to_ascii_lowercase();
        if token_host.is_empty()
            || base_host.is_empty()
            || normalise(&token_host) == normalise(&base_host)
        {
            return;
        }
        if IDENTITY_HOSTS.contains(&token_host.as_str())
            || token_host.ends_with(".okta.com")
            || same_service(&token_host, &base_host)
        {
            return;
        }
        let start = token.text.find(token_url.host).unwrap_or(0);
        out.push(
            self.diagnostic(format!(
                "token URL host `{token_host}` differs from the base URL host `{base_host}`"
            ))
            .with_span(ctx.template_span(token, start, start + token_url.host.len()))
            .with_label("other host")
            .with_secondary(base.span, "API host")
            .with_help("use the API's own token endpoint, or confirm this identity host"),
        );
    }
}

/// Whitespace inside template braces does not matter: `{{instance.domain}}` is the same host.
fn normalise(host: &str) -> String {
    host.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Labels that name a service of the same organisation (`api.zoom.us`, `auth.example.com`).
const SERVICE_LABELS: &[&str] = &[
    "api", "www", "auth", "login", "oauth", "accounts", "identity", "sso",
];

/// Whether two hosts belong to the same service: one is a parent domain of the other
/// (`zoom.us` and `api.zoom.us`), or they differ only in a service label (`api.x.com` and
/// `auth.x.com`). Tenants on a shared domain (`acme.coupahost.com`, `other.coupahost.com`) do not.
fn same_service(a: &str, b: &str) -> bool {
    if a.contains("{{") || b.contains("{{") {
        return false;
    }
    let is_parent = |parent: &str, child: &str| child.ends_with(&format!(".{parent}"));
    if is_parent(a, b) || is_parent(b, a) {
        return true;
    }
    match (a.split_once('.'), b.split_once('.')) {
        (Some((label_a, rest_a)), Some((label_b, rest_b))) => {
            rest_a == rest_b
                && rest_a.contains('.')
                && (SERVICE_LABELS.contains(&label_a) || SERVICE_LABELS.contains(&label_b))
        }
        _ => false,
    }
}

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
        let (keys, parent, message) = match common.client_authentication {
            ClientAuthentication::BasicHeader if !body_credentials.is_empty() => (
                body_credentials,
                "/auth/token_request/body",
                "client credentials in the body although `client_authentication` is `basic_header`",
            ),
            ClientAuthentication::RequestBody if !header_credentials.is_empty() => (
                header_credentials,
                "/auth/token_request/headers",
                "an `Authorization` header although `client_authentication` is `request_body`",
            ),
            _ => return,
        };
        for key in keys {
            let pointer = connspec_model::yaml::push_pointer(parent, key);
            out.push(
                self.diagnostic(message.to_owned())
                    .with_span(ctx.key_span(&pointer))
                    .with_label("second way")
                    .with_secondary(ctx.span("/auth/client_authentication"), "first way")
                    .with_help("send the credentials one way: remove this, or change `client_authentication`"),
            );
        }
    }
}
