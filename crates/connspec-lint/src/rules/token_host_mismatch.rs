//! A003 `token-host-mismatch`: the token URL is on another host than the base URL.

use connspec_diagnostics::Diagnostic;

use connspec_catalog::Catalog;
use connspec_semantic::host::registrable_domain;

use super::helpers::url::UrlParts;
use crate::Context;
use crate::rule::{Check, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a token URL whose host belongs to another organisation than the base URL's:
    /// their registrable domains (by the public suffix list) differ, and the token host is not
    /// an identity host of the provider (its catalogue's `identity_hosts`, or connspec's host
    /// facts for providers without one). On a provider's tenant hosts (`*.coupahost.com`) the
    /// hosts must be equal, since another tenant is another customer.
    ///
    /// Templated hosts are compared on resolved values: `check --instance` and `compile`
    /// report the hosts the instance gives; `check` alone compares only hosts it can read.
    ///
    /// ## Why is this bad?
    /// Most APIs mint tokens on their own host or their organisation's identity host
    /// (`wd2-impl-services1.workday.com` for `wd2-impl.workday.com`). A token URL elsewhere is
    /// usually a copy-paste from another tenant or provider, and sends the client secret to it.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// provider: coupa
    /// secrets: [CLIENT_ID, CLIENT_SECRET]
    /// base_url: https://acme.coupahost.com
    /// auth:
    ///   type: oauth2
    ///   grant_type: client_credentials
    ///   token_url: https://other.coupahost.com/oauth2/token
    ///   client_id: "{{ secrets.CLIENT_ID }}"
    ///   client_secret: "{{ secrets.CLIENT_SECRET }}"
    ///   scopes: [core.approval.read]
    /// actions:
    ///   list:
    ///     method: GET
    ///     path: /api/approvals
    ///     headers: { Accept: application/json }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// provider: coupa
    /// secrets: [CLIENT_ID, CLIENT_SECRET]
    /// base_url: https://acme.coupahost.com
    /// auth:
    ///   type: oauth2
    ///   grant_type: client_credentials
    ///   token_url: https://acme.coupahost.com/oauth2/token
    ///   client_id: "{{ secrets.CLIENT_ID }}"
    ///   client_secret: "{{ secrets.CLIENT_SECRET }}"
    ///   scopes: [core.approval.read]
    /// actions:
    ///   list:
    ///     method: GET
    ///     path: /api/approvals
    ///     headers: { Accept: application/json }
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
        let Some(token) = ctx.template("/auth/token_url") else {
            return;
        };
        let base_url = UrlParts::parse(&base.text);
        let token_url = UrlParts::parse(&token.text);
        let (base_host, token_host) = (base_url.host_name(), token_url.host_name());
        if base_host.is_empty() || token_host.is_empty() || same(base_host, token_host) {
            return;
        }
        // A templated host is known only with an instance: `check_instance` compares the
        // resolved hosts.
        if base_host.contains("{{") || token_host.contains("{{") {
            return;
        }
        let (base_host, token_host) = (
            base_host.to_ascii_lowercase(),
            token_host.to_ascii_lowercase(),
        );
        if !hosts_differ(ctx.catalog, &base_host, &token_host) {
            return;
        }
        let start = token.text.find(token_url.host).unwrap_or(0);
        out.push(
            mismatch(&base_host, &token_host)
                .with_span(ctx.template_span(token, start, start + token_url.host.len()))
                .with_secondary(base.span, "API host"),
        );
    }
}

/// The finding for hosts `base` and `token`, without spans.
pub(crate) fn mismatch(base: &str, token: &str) -> Diagnostic {
    TokenHostMismatch
        .diagnostic(format!(
            "token URL host `{token}` is not of the base URL's organisation (`{base}`)"
        ))
        .with_label("other organisation")
        .with_help("use the API's own token endpoint, or list the identity host in the provider's catalogue")
}

/// Whitespace inside template braces does not matter: `{{instance.domain}}` is the same host.
fn same(a: &str, b: &str) -> bool {
    let normalise = |host: &str| -> String {
        host.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase()
    };
    normalise(a) == normalise(b)
}

/// Whether a token URL on `token` for an API on `base` (both literal, lower-case, without
/// ports) leaves the API's organisation.
pub(crate) fn hosts_differ(catalog: Option<&Catalog>, base: &str, token: &str) -> bool {
    if base == token || connspec_catalog::is_identity_host(catalog, token) {
        return false;
    }
    // Tenants of one provider share a registrable domain but are different customers.
    // A provider's one API host (`api.zoom.us`) is every customer's, not a tenant.
    let tenant_of = |c: &Catalog, host: &str| {
        c.host_kind(host)
            .is_some_and(|kind| kind != connspec_catalog::HostKind::Api)
    };
    let tenant = |host: &str| {
        catalog.is_some_and(|c| tenant_of(c, host))
            || connspec_catalog::catalog_of_instance_host(host).is_some_and(|c| tenant_of(c, host))
    };
    if tenant(base) || tenant(token) {
        return true;
    }
    if let (Some(a), Some(b)) = (
        connspec_catalog::host_facts(base),
        connspec_catalog::host_facts(token),
    ) && a.name == b.name
    {
        return false;
    }
    registrable_domain(base) != registrable_domain(token)
}

#[cfg(test)]
mod tests {
    use super::hosts_differ;

    #[test]
    fn hosts_of_one_organisation_do_not_differ() {
        for (base, token) in [
            ("wd2-impl.workday.com", "wd2-impl-services1.workday.com"),
            ("api.zoom.us", "zoom.us"),
            ("www.googleapis.com", "oauth2.googleapis.com"),
            ("graph.microsoft.com", "login.microsoftonline.com"),
            ("acme.my.salesforce.com", "login.salesforce.com"),
            ("api.example.co.uk", "auth.example.co.uk"),
        ] {
            assert!(!hosts_differ(None, base, token), "{base} {token}");
        }
        for (base, token) in [
            ("api.example.com", "auth.other.com"),
            ("api.example.co.uk", "auth.other.co.uk"),
            ("wd2-impl.workday.com", "login.microsoftonline.co"),
        ] {
            assert!(hosts_differ(None, base, token), "{base} {token}");
        }
        let coupa = connspec_catalog::catalog("coupa");
        assert!(hosts_differ(
            coupa,
            "acme.coupahost.com",
            "other.coupahost.com"
        ));
        assert!(hosts_differ(
            None,
            "acme.coupahost.com",
            "other.coupahost.com"
        ));
        assert!(!hosts_differ(
            coupa,
            "acme.coupahost.com",
            "acme.coupahost.com"
        ));
    }
}
