//! A003 `token-host-mismatch`: the token URL is on another host than the base URL.

use connspec_diagnostics::Diagnostic;

use super::helpers::url::UrlParts;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

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
