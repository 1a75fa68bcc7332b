//! Where secrets may go, decided on resolved values.
//!
//! In CI the spec may come from an untrusted pull request while the instance file and the
//! secrets belong to the team. So a host that receives credentials (the token URL, the base
//! URL of an authenticated connector, the revoke and IdP URLs) must be vouched for by something
//! other than the spec: a value of the instance file, the instance's `allowed_hosts`, the
//! provider catalogue's host patterns, or `--allow-host`. Loopback hosts only for a
//! `sandbox: true` instance. A catalogue pattern of tenant hosts (`*.coupahost.com`) vouches
//! for the shape of a host, not for the tenant: the tenant's name (the label before the
//! pattern's suffix) must come from the instance too, or a spec could send one organisation's
//! credentials to another organisation's tenant of the same provider.
//!
//! `check --instance` and `compile` report an unvouched host as a warning (printed settings
//! send nothing); `connspec test` and `connspec login` refuse it before any request
//! ([`blocks_sending`]).

use connspec_diagnostics::{Diagnostic, Severity};
use connspec_model::spec::{Auth, OAuth2};
use serde_json::Value as Json;

use crate::codes::UNTRUSTED_HOST;
use crate::host::{is_loopback, strip_port, url_host};
use crate::resolve::Resolved;
use crate::{InstanceInput, Located, Origin, Semantic, SpecInput};

/// Hosts the person running connspec vouches for (`--allow-host HOST`, repeatable).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trust {
    pub allowed_hosts: Vec<String>,
}

impl Trust {
    /// Whether `host` (a name, lower-case, without port) is allowed on the command line.
    pub fn allows(&self, host: &str) -> bool {
        matches_any(&self.allowed_hosts, host)
    }
}

/// Whether a finding stops `connspec test` and `connspec login` before they send anything.
pub fn blocks_sending(diagnostic: &Diagnostic) -> bool {
    diagnostic.severity == Severity::Error || diagnostic.code.code == UNTRUSTED_HOST.code
}

/// The fields whose host receives credentials, as (pointer, what it carries).
fn credential_destinations(
    spec: &connspec_model::spec::ConnectorSpec,
) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    let authenticated = !matches!(spec.auth, Auth::None(_) | Auth::OnPrem(_))
        || !spec.common_headers.is_empty()
        || spec.client_certificate.is_some();
    if authenticated {
        out.push(("/base_url", "every action's credentials"));
    }
    match &spec.auth {
        Auth::Oauth2(oauth2) => {
            out.push(("/auth/token_url", "the client credentials"));
            if let OAuth2::AuthorizationCode(grant) = oauth2
                && grant.revoke_url.is_some()
            {
                out.push(("/auth/revoke_url", "the tokens"));
            }
            if let OAuth2::SamlBearer(grant) = oauth2
                && grant.idp_url.is_some()
            {
                out.push(("/auth/idp_url", "the SAML credentials"));
            }
        }
        Auth::Jwt(jwt) if jwt.token_url.is_some() => {
            out.push(("/auth/token_url", "the signed assertion"));
        }
        Auth::Jwks(jwks) if jwks.token_url.is_some() => {
            out.push(("/auth/token_url", "the signed assertion"));
        }
        _ => {}
    }
    out
}

/// Reports every credential destination whose resolved host nothing but the spec vouches for.
pub fn check_hosts(
    spec: SpecInput<'_>,
    semantic: &Semantic,
    resolved: &Resolved,
    instance: InstanceInput<'_>,
    trust: &Trust,
) -> Vec<Located> {
    let catalog = connspec_catalog::catalog_of_spec(
        spec.spec.provider.as_deref(),
        spec.spec.base_url.as_str(),
    );
    let instance_hosts = instance_hosts(resolved);
    let mut out = Vec::new();
    for (pointer, carries) in credential_destinations(spec.spec) {
        let Some(field) = semantic.table.get(pointer) else {
            continue;
        };
        let rendered = resolved.field(pointer);
        if rendered.segments.is_empty() || !rendered.is_literal() {
            continue;
        }
        let url = rendered.lower(|_| String::new());
        let Some(host) = url_host(&url) else {
            continue;
        };
        let tenant_host = catalog.is_some_and(|c| {
            matches!(
                c.host_kind(&host),
                Some(connspec_catalog::HostKind::Customer | connspec_catalog::HostKind::Partner)
            )
        });
        // The label before the pattern's suffix names the organisation (`acme` of
        // `acme.coupahost.com`); `host_kind` matched exactly one label there.
        let tenant = host.split('.').next().unwrap_or_default();
        let vouched = if is_loopback(&host) {
            instance.instance.sandbox || trust.allows(&host)
        } else {
            instance_hosts.contains(&host)
                || matches_any(&instance.instance.allowed_hosts, &host)
                || trust.allows(&host)
                || (tenant_host && instance_hosts.iter().any(|h| h == tenant))
                || catalog.is_some_and(|c| c.vouches_for(&host))
        };
        if vouched {
            continue;
        }
        let why = if is_loopback(&host) {
            "a loopback host, and the instance is not `sandbox: true`".to_owned()
        } else if let (true, Some(catalog)) = (tenant_host, catalog) {
            format!(
                "another organisation's {} tenant: the instance names neither this host nor \
                 the tenant `{tenant}`",
                catalog.display_name
            )
        } else {
            "a host that only the spec names: no value of the instance, its `allowed_hosts` or \
             the provider catalogue vouches for it"
                .to_owned()
        };
        out.push(Located {
            origin: Origin::Spec,
            diagnostic: Diagnostic::warning(
                &UNTRUSTED_HOST,
                format!(
                    "{} sends {carries} to `{host}`, {why}",
                    field.site.describe()
                ),
            )
            .with_span(field.span)
            .with_label("credentials go here")
            .with_help(format!(
                "if `{host}` is yours, add `allowed_hosts: [{host}]` to instance `{}` or pass \
                 `--allow-host {host}`; `connspec test` and `connspec login` refuse it until then",
                instance.file.name()
            )),
        });
    }
    out
}

/// Hosts the instance's own values name: a value that is a host, a `host:port`, or a URL.
fn instance_hosts(resolved: &Resolved) -> Vec<String> {
    let mut hosts = Vec::new();
    for value in resolved.values.values() {
        let Json::String(text) = value else { continue };
        let text = text.trim().to_ascii_lowercase();
        if let Some(host) = url_host(&text) {
            hosts.push(host);
        } else if !text.contains(['/', ' ']) && !text.is_empty() {
            hosts.push(strip_port(&text).to_owned());
        }
    }
    hosts
}

/// Whether `host` is one of `patterns`: a name (with or without a port), or `*.suffix` for the
/// subdomains of `suffix`.
fn matches_any(patterns: &[String], host: &str) -> bool {
    patterns.iter().any(|pattern| {
        let pattern = pattern.trim().to_ascii_lowercase();
        match pattern.strip_prefix("*.") {
            Some(suffix) => host.len() > suffix.len() + 1 && host.ends_with(&format!(".{suffix}")),
            None => strip_port(&pattern) == host,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::matches_any;

    #[test]
    fn patterns_match_names_and_subdomains() {
        let patterns = vec!["*.okta.com".to_owned(), "API.example.com:8443".to_owned()];
        assert!(matches_any(&patterns, "acme.okta.com"));
        assert!(!matches_any(&patterns, "okta.com"));
        assert!(!matches_any(&patterns, "evilokta.com"));
        assert!(matches_any(&patterns, "api.example.com"));
        assert!(!matches_any(&patterns, "example.com"));
    }
}
