//! Provider catalogues: what connspec knows about an API provider (scopes, routes and the scope
//! each needs, token endpoints, conventions), kept as data files embedded at build time.
//!
//! The lint rules read a catalogue to check a connector; the sandbox reads the same catalogue to
//! enforce scopes per route, so the two can never disagree. Catalogues live in
//! `catalogues/<provider>.toml`, found by `build.rs`; teaching connspec about a provider means
//! adding or editing that one file, not code.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::OnceLock;

use serde::Deserialize;

mod hosts;

pub use hosts::{
    HostFacts, RefreshTokens, host_facts, host_matches, is_identity_host, refresh_tokens,
};

/// A provider catalogue.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// The value of a spec's `provider:` key.
    pub name: String,
    pub display_name: String,
    /// One line on the provider for `--provider`'s help.
    pub summary: Option<String>,
    /// What the provider calls the API connectors call (`is not the Coupa Core API`).
    #[serde(default = "default_api_name")]
    pub api_name: String,
    /// Path of the token endpoint on the instance host.
    pub token_path: String,
    /// Path of the authorization endpoint on the instance host.
    pub authorization_path: String,
    /// Token or authorization paths seen in the wild that the provider does not serve.
    #[serde(default)]
    pub wrong_auth_paths: Vec<String>,
    /// Every API path starts with this.
    pub api_prefix: String,
    /// The scope that makes the provider issue refresh tokens.
    pub refresh_scope: Option<String>,
    /// The OAuth client setting that decides whether the provider issues refresh tokens, for
    /// providers that do not use a scope for it.
    #[serde(default)]
    pub refresh_client_setting: Option<String>,
    /// Hosts of the provider that mint tokens for its API on another host.
    #[serde(default)]
    pub identity_hosts: Vec<String>,
    /// Authentication headers the provider no longer accepts.
    #[serde(default)]
    pub legacy_headers: Vec<String>,
    /// Hosts that look like the provider's but are not its API.
    #[serde(default)]
    pub not_api_hosts: Vec<String>,
    /// How the API's requests and scopes are written: formats, paging, sorting, filters.
    #[serde(default)]
    pub conventions: Conventions,
    /// What an admin does at the provider, for the `setup` checklist.
    #[serde(default)]
    pub setup: Setup,
    /// What `connspec init --provider` and `connspec import curl` write for the provider.
    #[serde(default)]
    pub scaffold: Scaffold,
    scopes: BTreeSet<String>,
    #[serde(default)]
    hosts: Vec<HostPattern>,
    /// Wrong object parts of scopes (`core.expense_report`) mapped to the real ones.
    #[serde(default)]
    scope_object_aliases: BTreeMap<String, String>,
    #[serde(default, rename = "routes")]
    route_groups: Vec<RouteGroup>,
    #[serde(skip)]
    routes: Vec<Route>,
}

fn default_api_name() -> String {
    "API".to_owned()
}

/// The API's conventions (`[conventions]`): formats, paging, sorting, filters, scope names.
/// A rule whose parameter is not given does not run.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conventions {
    /// The API answers another format unless `Accept: application/json` is sent.
    #[serde(default)]
    pub accept_json_required: bool,
    /// The format it answers without `Accept: application/json` (`XML`).
    #[serde(default = "default_format_without_accept")]
    pub format_without_accept: String,
    /// The query parameter that sets a page's size (`limit`).
    pub page_size_param: Option<String>,
    /// Largest page a list endpoint returns (a larger page size is clamped).
    pub max_page_size: Option<u32>,
    /// The query parameter that skips records, for the next page (`offset`).
    pub offset_param: Option<String>,
    /// The query parameter that takes the sort direction (`dir`).
    pub sort_direction_param: Option<String>,
    /// The query parameter that takes the field to sort by (`order_by`).
    pub sort_field_param: Option<String>,
    /// Values of the sort direction parameter.
    #[serde(default)]
    pub sort_directions: Vec<String>,
    /// The query parameter that chooses how much of each record is returned.
    pub return_object_param: Option<String>,
    /// Its values.
    #[serde(default)]
    pub return_object_values: Vec<String>,
    /// Its value that returns no record at all, useless on a GET.
    pub return_object_empty: Option<String>,
    /// Operators of `field[op]=value` filters.
    #[serde(default)]
    pub filter_operators: Vec<String>,
    /// Operators of other APIs (`after`, `like`) mapped to the provider's own (`gt`,
    /// `contains`).
    #[serde(default)]
    pub filter_operator_aliases: BTreeMap<String, String>,
    /// Scopes of the identity layer (`openid`, `offline_access`), which no API route needs.
    #[serde(default)]
    pub identity_scopes: Vec<String>,
    /// Endings of the scope names that grant writes (`.write`).
    #[serde(default)]
    pub write_scope_suffixes: Vec<String>,
}

fn default_format_without_accept() -> String {
    "another format".to_owned()
}

/// The provider side of the `setup` checklist (`[setup]`); without it the checklist is
/// generic.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Setup {
    /// Where an admin creates the OAuth client (`Setup > Integrations > …`).
    pub client_location: Option<String>,
    /// The name to give the OAuth client.
    pub client_name: Option<String>,
    /// What to keep once the client is saved.
    pub afterwards: Option<String>,
    /// The provider's names of the OAuth 2.0 grant types, as its client form shows them.
    #[serde(default)]
    pub grant_types: GrantTypeNames,
    /// The account a token acts as when no user consents: every grant but
    /// `authorization_code`.
    pub service_account: Option<ChecklistSection>,
    /// What each user who consents needs: the `authorization_code` grant.
    pub user_accounts: Option<ChecklistSection>,
}

/// What a provider's OAuth client form calls each grant type (`Client Credentials`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantTypeNames {
    pub client_credentials: Option<String>,
    pub authorization_code: Option<String>,
    pub password: Option<String>,
    pub refresh_token: Option<String>,
    pub saml_bearer: Option<String>,
}

/// A section of the `setup` checklist: a title and one labelled list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistSection {
    pub title: String,
    /// The list's label (`Steps`).
    pub label: String,
    pub items: Vec<String>,
}

/// What `connspec init --provider` writes (`[scaffold]`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scaffold {
    /// The connector name when `--name` is not given (default `<name>_connector`).
    pub connector_name: Option<String>,
    /// The spec's `description`.
    pub description: Option<String>,
    /// Prefix of the secret names (`COUPA_` makes `COUPA_CLIENT_ID`); default the name in
    /// capitals and `_`.
    pub secret_prefix: Option<String>,
    /// The `--auth` kinds the provider's API accepts (`client_credentials`, `basic`, …); all
    /// when empty.
    #[serde(default)]
    pub auth: Vec<String>,
    /// How long a refresh token lives (`90 days`), for the refresh token grant.
    pub refresh_token_lifetime: Option<String>,
    /// The instance parameter that holds the customer's host.
    pub host: Option<HostParameter>,
    /// Example read actions: the first whose `auth` holds the scaffold's `--auth`, else the
    /// first without `auth`.
    #[serde(default)]
    pub actions: Vec<ScaffoldAction>,
}

/// The instance parameter that holds the host of a customer's instance.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostParameter {
    /// Its name (`domain`).
    pub parameter: String,
    pub description: String,
    /// A host of the provider's instances (`acme-test.coupahost.com`).
    pub example: String,
}

/// An example read action (a GET on a list endpoint) of a scaffold.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaffoldAction {
    /// The `--auth` kinds this action is for; every kind when empty.
    #[serde(default)]
    pub auth: Vec<String>,
    pub name: String,
    pub description: String,
    pub path: String,
    /// The JSON type of the response body (`array`, `object`).
    pub json: String,
    /// Its one input, sent as a query parameter.
    pub input: ScaffoldInput,
}

/// The input of a scaffold's action.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaffoldInput {
    pub name: String,
    pub description: String,
    pub example: String,
}

impl Scaffold {
    /// The example action for `auth`, if the catalogue has one.
    pub fn action(&self, auth: &str) -> Option<&ScaffoldAction> {
        self.actions
            .iter()
            .find(|a| a.auth.iter().any(|k| k == auth))
            .or_else(|| self.actions.iter().find(|a| a.auth.is_empty()))
    }

    /// Whether the provider's API accepts the `--auth` kind `auth`.
    pub fn supports(&self, auth: &str) -> bool {
        self.auth.is_empty() || self.auth.iter().any(|k| k == auth)
    }
}

/// A host name suffix and what kind of instance it marks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostPattern {
    pub suffix: String,
    pub kind: HostKind,
}

/// Kinds of provider instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HostKind {
    /// A customer's production or test instance.
    Customer,
    /// A partner or demo instance.
    Partner,
    /// The provider's own development hosts.
    Internal,
}

/// Routes sharing a scope, as written in the data file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RouteGroup {
    scope: String,
    #[serde(default)]
    get: Vec<String>,
    #[serde(default)]
    post: Vec<String>,
    /// PUT routes; they accept PATCH too.
    #[serde(default)]
    put: Vec<String>,
    #[serde(default)]
    patch: Vec<String>,
    #[serde(default)]
    delete: Vec<String>,
}

/// One API route and the scope a token needs to call it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub method: &'static str,
    /// The path template, e.g. `/api/approvals/:id/approve`.
    pub path: String,
    pub scope: String,
    segments: Vec<Segment>,
}

/// A path segment of a route or of a path being matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Literal(String),
    /// A parameter: `:id` in a route, a template expression or a value in a path.
    Param,
}

/// Splits a path into segments. Route parameters (`:id`) and template expressions
/// (`{{ inputs.id }}`, `{{{id}}}`, `{id}`) become [`Segment::Param`].
pub fn path_segments(path: &str) -> Vec<Segment> {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|segment| {
            if segment.starts_with(':') || segment.contains('{') {
                Segment::Param
            } else {
                Segment::Literal(segment.to_owned())
            }
        })
        .collect()
}

impl Route {
    /// How well `segments` match this route: `None` when they don't, else the number of
    /// literal segments matched exactly (more is a more specific match).
    fn score(&self, segments: &[Segment]) -> Option<usize> {
        if segments.len() != self.segments.len() {
            return None;
        }
        let mut literal_matches = 0;
        for (route, path) in self.segments.iter().zip(segments) {
            match (route, path) {
                (Segment::Literal(a), Segment::Literal(b)) if a == b => literal_matches += 1,
                (Segment::Param, _) => {}
                _ => return None,
            }
        }
        Some(literal_matches)
    }
}

/// What a method + path resolves to in a catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteMatch<'a> {
    /// The route exists for this method.
    Found(&'a Route),
    /// The path exists, but only for other methods (listed).
    WrongMethod(Vec<&'static str>),
    /// No route has this path.
    Unknown,
}

impl Catalog {
    fn finish(mut self) -> Self {
        let mut routes = Vec::new();
        for group in &self.route_groups {
            let methods: [(&'static str, &Vec<String>); 6] = [
                ("GET", &group.get),
                ("POST", &group.post),
                ("PUT", &group.put),
                ("PATCH", &group.put),
                ("PATCH", &group.patch),
                ("DELETE", &group.delete),
            ];
            for (method, paths) in methods {
                for path in paths {
                    routes.push(Route {
                        method,
                        path: path.clone(),
                        scope: group.scope.clone(),
                        segments: path_segments(path),
                    });
                }
            }
        }
        self.routes = routes;
        self
    }

    /// Every route, in data-file order.
    pub fn routes(&self) -> &[Route] {
        &self.routes
    }

    /// Every known scope, sorted.
    pub fn scopes(&self) -> impl Iterator<Item = &str> {
        self.scopes.iter().map(String::as_str)
    }

    pub fn is_known_scope(&self, scope: &str) -> bool {
        self.scopes.contains(scope)
    }

    /// Whether `scope` belongs to the identity layer, which no API route needs.
    pub fn is_identity_scope(&self, scope: &str) -> bool {
        self.conventions.identity_scopes.iter().any(|s| s == scope)
    }

    /// Whether `scope` grants writes, by the provider's scope naming.
    pub fn is_write_scope(&self, scope: &str) -> bool {
        self.conventions
            .write_scope_suffixes
            .iter()
            .any(|suffix| scope.ends_with(suffix.as_str()))
    }

    /// What `scope` grants, in Markdown, from the catalogue's own data: the routes that need
    /// it (the first `max_routes`, then how many more), whether it writes, whether it is the
    /// identity layer's or the one that brings refresh tokens. `None` for an unknown scope.
    pub fn describe_scope(&self, scope: &str, max_routes: usize) -> Option<String> {
        if !self.is_known_scope(scope) {
            return None;
        }
        let mut text = format!("{} scope `{scope}`", self.display_name);
        if self.is_identity_scope(scope) {
            text.push_str(": identity (OpenID Connect); no API route needs it");
        } else if self.is_write_scope(scope) {
            text.push_str(": grants writes");
        }
        if self.refresh_scope.as_deref() == Some(scope) {
            text.push_str("; makes the provider issue refresh tokens");
        }
        text.push('.');
        let routes: Vec<&Route> = self.routes.iter().filter(|r| r.scope == scope).collect();
        if !routes.is_empty() {
            text.push_str("\n\nNeeded by:\n");
            for route in routes.iter().take(max_routes) {
                let _ = writeln!(text, "- `{} {}`", route.method, route.path);
            }
            if routes.len() > max_routes {
                let _ = writeln!(text, "- and {} more", routes.len() - max_routes);
            }
        }
        Some(text)
    }

    /// The real scope a wrong one was probably meant to be: a known misspelling first
    /// (`core.expense_report.read` → `core.expense.read`), then the closest known name.
    pub fn suggest_scope(&self, scope: &str) -> Option<&str> {
        if let Some((object, right)) = scope.rsplit_once('.')
            && let Some(real_object) = self.scope_object_aliases.get(object)
        {
            let candidate = format!("{real_object}.{right}");
            if let Some(known) = self.scopes.get(&candidate) {
                return Some(known);
            }
        }
        self.scopes
            .iter()
            .map(|known| (strsim::jaro_winkler(scope, known), known))
            .filter(|(score, _)| *score >= 0.9)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, known)| known.as_str())
    }

    /// Resolves a method and a path (a route template, a spec's path template or a concrete
    /// request path) to a route.
    pub fn route(&self, method: &str, path: &str) -> RouteMatch<'_> {
        let segments = path_segments(path);
        let best = |method_filter: Option<&str>| {
            self.routes
                .iter()
                .filter(|r| method_filter.is_none_or(|m| r.method.eq_ignore_ascii_case(m)))
                .filter_map(|r| r.score(&segments).map(|score| (score, r)))
                .max_by_key(|(score, _)| *score)
                .map(|(_, r)| r)
        };
        if let Some(route) = best(Some(method)) {
            return RouteMatch::Found(route);
        }
        let mut methods: Vec<&'static str> = self
            .routes
            .iter()
            .filter(|r| r.score(&segments).is_some())
            .map(|r| r.method)
            .collect();
        methods.dedup();
        methods.sort_unstable();
        methods.dedup();
        if methods.is_empty() {
            RouteMatch::Unknown
        } else {
            RouteMatch::WrongMethod(methods)
        }
    }

    /// Resource names under the API prefix (`approvals`, `expense_reports`, …), sorted.
    pub fn resources(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .routes
            .iter()
            .filter_map(|r| r.path.strip_prefix(self.api_prefix.as_str()))
            .filter_map(|rest| rest.split('/').next())
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// The kind of instance a host belongs to, if it is one of the provider's.
    pub fn host_kind(&self, host: &str) -> Option<HostKind> {
        let host = host.to_ascii_lowercase();
        let host = host.split(':').next().unwrap_or(&host);
        self.hosts
            .iter()
            .find(|p| {
                host.strip_suffix(p.suffix.as_str())
                    .is_some_and(|name| !name.is_empty() && !name.contains('.'))
            })
            .map(|p| p.kind)
    }

    /// Prefix of the secret names a scaffold or an import declares (`COUPA_`).
    pub fn secret_prefix(&self) -> String {
        self.scaffold
            .secret_prefix
            .clone()
            .unwrap_or_else(|| format!("{}_", self.name.to_ascii_uppercase()))
    }

    /// What the instance parameter that holds the customer's host is.
    pub fn host_description(&self) -> String {
        self.scaffold.host.as_ref().map_or_else(
            || format!("{} host of the customer's instance", self.display_name),
            |h| h.description.clone(),
        )
    }

    /// The host name suffixes of the provider's instances.
    pub fn host_suffixes(&self) -> impl Iterator<Item = &str> {
        self.hosts.iter().map(|h| h.suffix.as_str())
    }
}

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// Every embedded catalogue, parsed once.
fn catalogs() -> &'static [Catalog] {
    static CATALOGS: OnceLock<Vec<Catalog>> = OnceLock::new();
    CATALOGS.get_or_init(|| {
        EMBEDDED
            .iter()
            .map(|(file, text)| {
                // Embedded data, checked by the tests; not user input.
                let catalog: Catalog = toml::from_str(text)
                    .unwrap_or_else(|e| panic!("catalogues/{file}.toml is invalid: {e}"));
                catalog.finish()
            })
            .collect()
    })
}

/// The catalogue of `provider`, if connspec has one.
pub fn catalog(provider: &str) -> Option<&'static Catalog> {
    catalogs()
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(provider))
}

/// The catalogue whose instance host patterns include `host` (`acme.coupahost.com`), if any.
pub fn catalog_of_instance_host(host: &str) -> Option<&'static Catalog> {
    catalogs().iter().find(|c| c.host_kind(host).is_some())
}

/// Names of every provider with a catalogue, sorted.
pub fn providers() -> impl Iterator<Item = &'static str> {
    catalogs().iter().map(|c| c.name.as_str())
}

#[cfg(test)]
mod tests;

impl Catalog {
    /// What is wrong with `host` (a name with an optional port) as an instance of this
    /// provider: one of its hosts that is not its API, its own development hosts, or a host
    /// outside its host patterns. Loopback hosts are for the sandbox and pass here.
    pub fn host_problem(&self, host: &str) -> Option<String> {
        let host = host.trim().to_ascii_lowercase();
        let name = host.split(':').next().unwrap_or(&host);
        let bare = name.trim_start_matches('[').trim_end_matches(']');
        if bare == "localhost" || bare.starts_with("127.") || bare == "::1" {
            return None;
        }
        if self.not_api_hosts.iter().any(|h| h == name) {
            return Some(format!(
                "`{name}` is not the {} Core API",
                self.display_name
            ));
        }
        match self.host_kind(name) {
            Some(HostKind::Customer | HostKind::Partner) => None,
            Some(HostKind::Internal) => Some(format!(
                "`{name}` is {}'s own development host",
                self.display_name
            )),
            None => Some(format!(
                "`{name}` is not a {} instance host ({})",
                self.display_name,
                self.host_suffixes()
                    .map(|s| format!("*{s}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
}
