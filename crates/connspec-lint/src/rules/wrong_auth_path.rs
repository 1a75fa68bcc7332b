//! P010 `wrong-auth-path`: the token or authorization URL path is not the provider's.

use connspec_diagnostics::Diagnostic;
use connspec_model::spec::{Auth, OAuth2};

use super::helpers::url::UrlParts;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a token or authorization URL whose path is not the provider's (Coupa:
    /// `/oauth2/token` and `/oauth2/authorizations/new`), such as `/oauth/token` or the
    /// `/oauth2/access_tokens` artifact of Coupa's `OpenAPI` file.
    ///
    /// ## Why is this bad?
    /// The token request answers 404 or an HTML login page, which shows up only at run time as
    /// "invalid token response".
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
    ///   token_url: https://{{ instance.domain }}/oauth2/access_tokens
    ///   client_id: "{{ secrets.COUPA_CLIENT_ID }}"
    ///   client_secret: "{{ secrets.COUPA_CLIENT_SECRET }}"
    ///   scopes: [core.approval.read]
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
    pub(crate) struct WrongAuthPath {
        code: "P010",
        name: "wrong-auth-path",
        family: Provider,
        severity: Error,
        summary: "the token or authorization URL path is not the provider's",
    }
}

impl Check for WrongAuthPath {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else {
            return;
        };
        let Auth::Oauth2(oauth2) = &ctx.spec.auth else {
            return;
        };
        let accepted = |path: &str, endpoint: &str| {
            let expected = endpoint.split_once("://").map_or(endpoint, |(_, rest)| {
                &rest[rest.find('/').unwrap_or(rest.len())..]
            });
            path == expected
                || !path.is_empty()
                    && connspec_catalog::path_segments(path)
                        == connspec_catalog::path_segments(expected)
        };
        let mut checks = vec![("/auth/token_url", catalog.token_url.as_str(), "token")];
        if matches!(oauth2, OAuth2::AuthorizationCode(_)) {
            checks.push((
                "/auth/authorization_url",
                catalog.authorization_url.as_str(),
                "authorization",
            ));
        }
        for (pointer, endpoint, what) in checks {
            let Some(template) = ctx.template(pointer) else {
                continue;
            };
            let url = UrlParts::parse(&template.text);
            let host = url.host_name();
            // A path is on the API host; a URL names the identity host that serves it.
            let (applies, expected) = match endpoint.split_once("://") {
                None => (
                    host.contains("{{") || catalog.host_kind(host).is_some(),
                    endpoint,
                ),
                Some((_, rest)) => {
                    let (endpoint_host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
                    (endpoint_host.eq_ignore_ascii_case(host), path)
                }
            };
            let other_endpoints: &[String] = if what == "token" {
                &catalog.other_token_urls
            } else {
                &[]
            };
            if !applies
                || accepted(url.path, endpoint)
                || other_endpoints.iter().any(|e| accepted(url.path, e))
            {
                continue;
            }
            let span = if url.path.is_empty() {
                template.span
            } else {
                ctx.template_span(template, url.path_offset, url.path_offset + url.path.len())
            };
            out.push(
                self.diagnostic(format!(
                    "{} {what} endpoint is `{expected}`, not `{}`",
                    catalog.display_name,
                    if url.path.is_empty() { "/" } else { url.path }
                ))
                .with_span(span)
                .with_label("wrong path")
                .with_help(format!("use `https://{}{expected}`", url.host)),
            );
        }
    }
}
