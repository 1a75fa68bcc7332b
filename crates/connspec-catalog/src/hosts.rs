//! Host facts for providers without a full catalogue (`data/hosts.toml`): which hosts mint
//! tokens for APIs on other hosts, and how a provider issues refresh tokens.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::Catalog;

/// How a provider issues refresh tokens to an authorization code client.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum RefreshTokens {
    /// A scope asks for them (`offline_access`).
    Scope(String),
    /// Authorization request parameters ask for them (Google's `access_type=offline`).
    AuthorizationQuery(BTreeMap<String, String>),
    /// A setting of the OAuth client at the provider decides; nothing in the spec can.
    ClientSetting(String),
}

/// What connspec knows about one provider's hosts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostFacts {
    pub name: String,
    /// API and identity hosts; `*.suffix` matches any subdomain.
    pub hosts: Vec<String>,
    /// Hosts that mint tokens for APIs on other hosts.
    #[serde(default)]
    pub identity_hosts: Vec<String>,
    pub refresh: Option<RefreshTokens>,
}

impl HostFacts {
    fn matches(&self, host: &str) -> bool {
        self.hosts.iter().any(|pattern| host_matches(pattern, host))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HostsFile {
    provider: Vec<HostFacts>,
}

fn all() -> &'static [HostFacts] {
    static FACTS: OnceLock<Vec<HostFacts>> = OnceLock::new();
    FACTS.get_or_init(|| {
        // Embedded data, checked by the tests; not user input.
        toml::from_str::<HostsFile>(include_str!("../data/hosts.toml"))
            .unwrap_or_else(|e| panic!("data/hosts.toml is invalid: {e}"))
            .provider
    })
}

/// Whether `host` (lower-case, without port) matches `pattern`: a name, or `*.suffix` for
/// any subdomain of `suffix`.
pub fn host_matches(pattern: &str, host: &str) -> bool {
    match pattern.strip_prefix("*.") {
        Some(suffix) => host.len() > suffix.len() + 1 && host.ends_with(&format!(".{suffix}")),
        None => pattern.eq_ignore_ascii_case(host),
    }
}

/// The facts of the provider whose hosts include `host`, if connspec has any.
pub fn host_facts(host: &str) -> Option<&'static HostFacts> {
    let host = host.to_ascii_lowercase();
    all().iter().find(|facts| facts.matches(&host))
}

/// Whether `host` mints tokens for APIs on other hosts: one of `catalog`'s identity hosts or
/// a known provider's.
pub fn is_identity_host(catalog: Option<&Catalog>, host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    catalog.is_some_and(|c| c.identity_hosts.iter().any(|p| host_matches(p, &host)))
        || all()
            .iter()
            .flat_map(|facts| &facts.identity_hosts)
            .any(|p| host_matches(p, &host))
}

/// The scope that asks for refresh tokens where connspec knows nothing of the provider: the
/// `OpenID` Connect convention most providers follow.
const CONVENTIONAL_REFRESH_SCOPE: &str = "offline_access";

/// How the provider of a connector issues refresh tokens to an authorization code client: its
/// catalogue's answer, else the facts of the first of `hosts` (the API host, then the
/// authorization and token URLs' hosts) that connspec knows, else the conventional
/// `offline_access` scope. Every stage that asks for refresh tokens or checks that a spec does
/// (A006, P013, `init`, `import curl`, the setup checklist) asks this one function.
pub fn refresh_tokens<'a>(
    catalog: Option<&Catalog>,
    hosts: impl IntoIterator<Item = &'a str>,
) -> RefreshTokens {
    if let Some(refresh) = catalog.and_then(|c| c.refresh.as_ref()) {
        return refresh.clone();
    }
    hosts
        .into_iter()
        .filter_map(host_facts)
        .find_map(|facts| facts.refresh.clone())
        .unwrap_or_else(|| RefreshTokens::Scope(CONVENTIONAL_REFRESH_SCOPE.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_parses_and_every_pattern_is_lower_case() {
        assert!(all().len() >= 10);
        for facts in all() {
            for pattern in facts.hosts.iter().chain(&facts.identity_hosts) {
                assert_eq!(pattern, &pattern.to_ascii_lowercase(), "{}", facts.name);
                assert!(!pattern.contains("://"), "{pattern}");
            }
        }
    }

    #[test]
    fn hosts_find_their_provider() {
        assert_eq!(
            host_facts("Acme.Service-Now.com").map(|f| f.name.as_str()),
            Some("servicenow")
        );
        assert!(host_facts("service-now.com").is_none());
        assert!(is_identity_host(None, "login.microsoftonline.com"));
        assert!(!is_identity_host(None, "acme.coupahost.com"));
        assert_eq!(
            refresh_tokens(None, ["api.example.com", "www.googleapis.com"]),
            RefreshTokens::AuthorizationQuery(BTreeMap::from([(
                "access_type".to_owned(),
                "offline".to_owned()
            )]))
        );
        assert!(matches!(
            refresh_tokens(None, ["wd2-impl-services1.workday.com"]),
            RefreshTokens::ClientSetting(_)
        ));
        assert_eq!(
            refresh_tokens(None, ["api.example.com"]),
            RefreshTokens::Scope("offline_access".to_owned())
        );
        // A catalogue's answer wins over the facts of any host.
        let google = crate::catalog("google").expect("the Google catalogue");
        assert_eq!(
            refresh_tokens(Some(google), ["wd2-impl-services1.workday.com"]),
            refresh_tokens(None, ["www.googleapis.com"])
        );
    }
}
