//! Provider catalogues: what connspec knows about an API provider (scopes, routes and the scope
//! each needs, token endpoints, conventions), kept as data files embedded at build time.
//!
//! The lint rules read a catalogue to check a connector; the sandbox reads the same catalogue to
//! enforce scopes per route, so the two can never disagree. Catalogues live in
//! `catalogues/<provider>.toml`, found by `build.rs`; teaching connspec about a provider means
//! adding or editing that one file, not code.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

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
    /// The token endpoint: a path on the API host (`/oauth2/token`), or a URL when another
    /// host mints the tokens (`https://oauth2.googleapis.com/token`). A segment may be a
    /// template of a scaffold parameter (`{{ instance.tenant }}`), which matches any value.
    pub token_url: String,
    /// Older token endpoints the provider still serves (Entra ID's v1 `/oauth2/token`).
    #[serde(default)]
    pub other_token_urls: Vec<String>,
    /// The authorization endpoint, written as `token_url` is.
    pub authorization_url: String,
    /// The revocation endpoint, written as `token_url` is, if the provider has one.
    #[serde(default)]
    pub revoke_url: Option<String>,
    /// Token or authorization paths seen in the wild that the provider does not serve.
    #[serde(default)]
    pub wrong_auth_paths: Vec<String>,
    /// Every API path starts with this.
    pub api_prefix: String,
    /// Whether the routes cover every resource under `api_prefix`, so that an unknown resource
    /// is a mistake (false when the source describes only part of the API).
    #[serde(default = "default_true")]
    pub resources_complete: bool,
    /// Path prefixes that route paths leave out (Graph's `/v1.0`); a `{name}` segment matches
    /// any value (Jira's `/ex/jira/{cloudid}`).
    #[serde(default)]
    pub path_prefixes: Vec<String>,
    /// Whether `put` routes accept PATCH too (Coupa's do); generated catalogues list each
    /// method as the source does.
    #[serde(default = "default_true")]
    pub put_accepts_patch: bool,
    /// Whether the API matches path segments without regard to case (Graph does).
    #[serde(default)]
    pub paths_ignore_case: bool,
    /// Where the scopes and routes come from: files of the vendor's API description.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// How the provider issues refresh tokens to an authorization code client: a scope, an
    /// authorization request parameter, or a setting of the OAuth client. Read through
    /// [`refresh_tokens`], which also knows providers without a catalogue.
    #[serde(default)]
    pub refresh: Option<RefreshTokens>,
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
    #[serde(rename = "scopes")]
    scope_list: ScopeList,
    /// Each scope's description (empty when the source gives none).
    #[serde(skip)]
    scopes: BTreeMap<String, String>,
    /// Each scope's `sources` ids, in generated catalogues.
    #[serde(skip)]
    scope_sources: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    hosts: Vec<HostPattern>,
    /// Wrong object parts of scopes (`core.expense_report`) mapped to the real ones.
    #[serde(default)]
    scope_object_aliases: BTreeMap<String, String>,
    #[serde(default, rename = "routes")]
    route_groups: Vec<RouteGroup>,
    #[serde(skip)]
    routes: Vec<Route>,
    /// Which routes a request path can match, by its first segment.
    #[serde(skip)]
    route_index: RouteIndex,
}

/// `text` in lower case, copied only when it has capitals.
fn lower_case(text: &str) -> std::borrow::Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        text.to_ascii_lowercase().into()
    } else {
        text.into()
    }
}

/// The routes by their first segment, so that a lookup compares a request path with the few
/// routes under the same resource (Graph's `users`) instead of all 11,000.
#[derive(Debug, Clone, Default)]
struct RouteIndex {
    /// Positions in `routes` of the routes whose first segment is this text (lower-case).
    by_first_segment: std::collections::HashMap<Box<str>, Vec<usize>>,
    /// Positions of the routes whose first segment is not plain text (a parameter), or that
    /// have none: any request path may match them.
    open: Vec<usize>,
}

impl RouteIndex {
    fn new(routes: &[Route]) -> Self {
        let mut index = Self::default();
        for (position, route) in routes.iter().enumerate() {
            match segments_of(&route.path).next() {
                Some(Segment::Literal(first)) => {
                    let key = lower_case(first);
                    match index.by_first_segment.get_mut(key.as_ref()) {
                        Some(positions) => positions.push(position),
                        None => {
                            index.by_first_segment.insert(key.into(), vec![position]);
                        }
                    }
                }
                _ => index.open.push(position),
            }
        }
        index
    }

    /// Positions of the routes that may match a path of `segments`, in data-file order;
    /// `None` when any route may.
    fn candidates(&self, segments: &[Segment<'_>]) -> Option<Vec<usize>> {
        let Some(Segment::Literal(first)) = segments.first() else {
            return None;
        };
        let mut positions: Vec<usize> = self
            .by_first_segment
            .get(lower_case(first).as_ref())
            .cloned()
            .unwrap_or_default();
        positions.extend(&self.open);
        positions.sort_unstable();
        Some(positions)
    }
}

fn default_api_name() -> String {
    "API".to_owned()
}

fn default_true() -> bool {
    true
}

/// The scopes of a catalogue: names (hand-written catalogues) or names with what each grants
/// and the sources that list it (generated ones).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum ScopeList {
    Names(BTreeSet<String>),
    Described(BTreeMap<String, ScopeEntry>),
}

/// One described scope.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScopeEntry {
    #[serde(default)]
    description: String,
    /// The `sources` ids of the files that list it.
    #[serde(default)]
    from: Vec<String>,
}

/// A file of a vendor's API description that a generated catalogue was derived from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// What route groups name in `from`.
    pub id: String,
    /// The repository or package and the file in it.
    pub origin: String,
    /// The commit, release or revision the file was taken at.
    pub revision: String,
    pub licence: String,
    /// Scopes and operations the file lists, and the operations it gives scopes for, counted
    /// by the generator.
    #[serde(default)]
    pub scopes: usize,
    #[serde(default)]
    pub operations: usize,
    #[serde(default)]
    pub scoped_operations: usize,
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
    /// Patterns of scope names that grant writes, `*` matching any text (`write:*`).
    #[serde(default)]
    pub write_scope_patterns: Vec<String>,
    /// Patterns of scope names that only read (`*.readonly`); they win over the others.
    #[serde(default)]
    pub read_scope_patterns: Vec<String>,
    /// Whether a scope no pattern names grants writes when a route other than GET needs it
    /// (for providers whose scope names do not say).
    #[serde(default)]
    pub write_scopes_from_routes: bool,
}

impl Conventions {
    /// Whether `scope` grants writes by its name alone: `Some(false)` for a read pattern,
    /// `Some(true)` for a write suffix or pattern, `None` when the name does not say.
    pub fn write_by_name(&self, scope: &str) -> Option<bool> {
        if self
            .read_scope_patterns
            .iter()
            .any(|p| glob_matches(p, scope))
        {
            return Some(false);
        }
        let write = self
            .write_scope_suffixes
            .iter()
            .any(|suffix| scope.ends_with(suffix.as_str()))
            || self
                .write_scope_patterns
                .iter()
                .any(|p| glob_matches(p, scope));
        write.then_some(true)
    }
}

/// Whether `text` matches `pattern`, where `*` matches any run of characters.
fn glob_matches(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
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
    /// Where an admin finds the client ID and the client secret, when not under
    /// `setup.client_location` (`… > the client's Identifier`).
    #[serde(default)]
    pub client_id_location: Option<String>,
    #[serde(default)]
    pub client_secret_location: Option<String>,
    /// The `--auth` kinds the provider's API accepts (`client_credentials`, `basic`, …); all
    /// when empty.
    #[serde(default)]
    pub auth: Vec<String>,
    /// How long a refresh token lives (`90 days`), for the refresh token grant.
    pub refresh_token_lifetime: Option<String>,
    /// The instance parameter that holds the customer's host.
    pub host: Option<HostParameter>,
    /// The base URL when every customer shares the API host (`https://graph.microsoft.com/v1.0`);
    /// it may use the instance parameters of `parameters`.
    pub base_url: Option<String>,
    /// Other instance parameters the URLs use (an Entra ID tenant).
    #[serde(default)]
    pub parameters: Vec<HostParameter>,
    /// Whether a client credentials token holds the permissions granted to the app rather
    /// than the scopes its request names (Graph's application permissions, Zoom's
    /// Server-to-Server apps): a scaffold or an import lists the actions' scopes under
    /// `granted_scopes` and asks for `client_credentials_scopes` only.
    #[serde(default)]
    pub client_credentials_granted_on_app: bool,
    /// What a client credentials token request asks for when the permissions are granted on
    /// the app (Graph's `https://graph.microsoft.com/.default`; none for Zoom).
    #[serde(default)]
    pub client_credentials_scopes: Vec<String>,
    /// What a client credentials token request sends besides the standard fields, as Agent
    /// Studio's "Additional Request Data" (Zoom's Server-to-Server apps:
    /// `grant_type=account_credentials` and `account_id={{ instance.account_id }}`); values may
    /// use the instance parameters of `parameters`.
    #[serde(default)]
    pub client_credentials_body: BTreeMap<String, String>,
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
    /// The `--auth` kinds whose scaffold uses it; every kind when empty.
    #[serde(default)]
    pub auth: Vec<String>,
}

impl HostParameter {
    /// Whether a scaffold for the `--auth` kind `auth` uses this parameter.
    pub fn is_for(&self, auth: &str) -> bool {
        self.auth.is_empty() || self.auth.iter().any(|a| a == auth)
    }
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
    /// The query parameter it fills, when not its name (Graph's `$filter`).
    #[serde(default)]
    pub param: Option<String>,
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

/// A host of the provider: a name suffix of its customers' instances (`.coupahost.com`) or
/// one fixed API host (`graph.microsoft.com`), and what kind of host it is.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostPattern {
    /// A suffix: one more label before it makes an instance host.
    #[serde(default)]
    pub suffix: Option<String>,
    /// A whole host name.
    #[serde(default)]
    pub host: Option<String>,
    pub kind: HostKind,
}

impl HostPattern {
    /// Whether `host` (lower-case, without port) is this pattern's.
    pub fn matches(&self, host: &str) -> bool {
        if let Some(exact) = &self.host {
            return exact == host;
        }
        self.suffix.as_deref().is_some_and(|suffix| {
            host.strip_suffix(suffix)
                .is_some_and(|name| !name.is_empty() && !name.contains('.'))
        })
    }

    /// The pattern as a person reads it: `*.coupahost.com` or `graph.microsoft.com`.
    pub fn display(&self) -> String {
        match (&self.host, &self.suffix) {
            (Some(host), _) => host.clone(),
            (None, Some(suffix)) => format!("*{suffix}"),
            (None, None) => String::new(),
        }
    }
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
    /// The provider's one API host, shared by every customer.
    Api,
}

/// Routes sharing a scope, as written in the data file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RouteGroup {
    /// The one scope the routes need (hand-written catalogues).
    #[serde(default)]
    scope: Option<String>,
    /// Alternatives, any one of which grants the routes; each lists scopes that are all
    /// needed. The least-privileged alternative comes first.
    #[serde(default)]
    requires: Vec<Vec<String>>,
    /// The `sources` entry the routes come from.
    #[serde(default)]
    from: Option<String>,
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

/// One API route and the scopes a token needs to call it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub method: &'static str,
    /// The path template, e.g. `/api/approvals/:id/approve`.
    pub path: String,
    /// The scopes that grant the route.
    pub requirement: Arc<Requirement>,
    /// The `sources` entry the route comes from, if the catalogue is generated.
    pub from: Option<Arc<str>>,
    /// How many segments `path` has. The segments themselves are read from `path` when a
    /// request path of as many segments is matched: building them for Graph's 11,000 routes
    /// cost more than all the lookups of a check.
    segment_count: usize,
}

impl Route {
    /// The scopes of the least-privileged way to call the route.
    pub fn least_privileged(&self) -> &[String] {
        self.requirement.least_privileged()
    }
}

/// The scopes that grant a route: any one alternative, each a set of scopes all needed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    alternatives: Vec<Vec<String>>,
}

impl Requirement {
    /// A requirement from alternatives, least privileged first; `None` when there are none or
    /// one is empty.
    pub fn new(alternatives: Vec<Vec<String>>) -> Option<Self> {
        (!alternatives.is_empty() && alternatives.iter().all(|a| !a.is_empty()))
            .then_some(Self { alternatives })
    }

    /// The alternatives, least privileged first.
    pub fn alternatives(&self) -> &[Vec<String>] {
        &self.alternatives
    }

    /// The scopes of the least-privileged alternative.
    pub fn least_privileged(&self) -> &[String] {
        &self.alternatives[0]
    }

    /// Whether a token holding the scopes `has` accepts may call the route.
    pub fn is_met_by(&self, has: impl Fn(&str) -> bool) -> bool {
        self.alternatives
            .iter()
            .any(|alternative| alternative.iter().all(|scope| has(scope)))
    }

    /// Whether any alternative names `scope`.
    pub fn mentions(&self, scope: &str) -> bool {
        self.alternatives.iter().flatten().any(|s| s == scope)
    }

    /// The alternative that needs the fewest scopes `has` does not accept (the first such,
    /// so the least privileged on a tie), with the missing ones.
    pub fn closest(&self, has: impl Fn(&str) -> bool) -> (&[String], Vec<&str>) {
        self.alternatives
            .iter()
            .map(|alternative| {
                let missing: Vec<&str> = alternative
                    .iter()
                    .map(String::as_str)
                    .filter(|s| !has(s))
                    .collect();
                (alternative.as_slice(), missing)
            })
            .min_by_key(|(_, missing)| missing.len())
            .unwrap_or((&self.alternatives[0], Vec::new()))
    }

    /// In words: `` `a` `` or `` `a` and `b` ``, then `(or: …)` for the other alternatives.
    pub fn describe(&self) -> String {
        let one = |alternative: &Vec<String>| {
            alternative
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(" and ")
        };
        let mut text = one(&self.alternatives[0]);
        if self.alternatives.len() > 1 {
            let others: Vec<String> = self.alternatives[1..].iter().map(one).collect();
            let _ = write!(text, " (or: {})", others.join("; "));
        }
        text
    }
}

/// A path segment of a route or of a path being matched, borrowed from the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    Literal(&'a str),
    /// A parameter: `:id` in a route, a template expression or a value in a path.
    Param,
    /// Text around a parameter: Graph's `findrooms(roomlist={value})` is `findrooms(roomlist=`
    /// and `)` around it.
    Partial {
        prefix: &'a str,
        suffix: &'a str,
    },
}

impl Segment<'_> {
    /// Whether this route segment accepts `path`'s segment, and whether it did so by its
    /// literal text (a more specific match) rather than by a parameter.
    fn accepts(self, path: Segment<'_>, ignore_case: bool) -> Option<bool> {
        let equal = |a: &str, b: &str| a == b || ignore_case && a.eq_ignore_ascii_case(b);
        let around = |text: &str, prefix: &str, suffix: &str| {
            text.len() >= prefix.len() + suffix.len()
                && text.is_char_boundary(prefix.len())
                && text.is_char_boundary(text.len() - suffix.len())
                && equal(&text[..prefix.len()], prefix)
                && equal(&text[text.len() - suffix.len()..], suffix)
        };
        match (self, path) {
            (Segment::Literal(a), Segment::Literal(b)) => equal(a, b).then_some(true),
            (Segment::Param, _) | (Segment::Partial { .. }, Segment::Param) => Some(false),
            (Segment::Literal(_), Segment::Param) => None,
            (Segment::Partial { prefix, suffix }, Segment::Literal(text))
            | (Segment::Literal(text), Segment::Partial { prefix, suffix }) => {
                around(text, prefix, suffix).then_some(true)
            }
            (
                Segment::Partial { prefix, suffix },
                Segment::Partial {
                    prefix: p,
                    suffix: s,
                },
            ) => (equal(prefix, p) && equal(suffix, s)).then_some(true),
        }
    }
}

/// Splits a path into segments. Route parameters (`:id`) and template expressions
/// (`{{ inputs.id }}`, `{{{id}}}`, `{id}`) become [`Segment::Param`]; text around one becomes
/// [`Segment::Partial`].
pub fn path_segments(path: &str) -> Vec<Segment<'_>> {
    segments_of(path).collect()
}

/// The segments of `path`, as [`path_segments`] lists them, without allocating.
fn segments_of(path: &str) -> impl Iterator<Item = Segment<'_>> {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    path.split('/').filter(|s| !s.is_empty()).map(|segment| {
        if segment.starts_with(':') {
            return Segment::Param;
        }
        match (segment.find('{'), segment.rfind('}')) {
            (Some(open), Some(close)) if open < close => {
                let (prefix, suffix) = (&segment[..open], &segment[close + 1..]);
                if prefix.is_empty() && suffix.is_empty() {
                    Segment::Param
                } else {
                    Segment::Partial { prefix, suffix }
                }
            }
            _ => Segment::Literal(segment),
        }
    })
}

impl Route {
    /// How well `segments` match this route: `None` when they don't, else the number of
    /// literal segments matched exactly (more is a more specific match).
    fn score(&self, segments: &[Segment<'_>], ignore_case: bool) -> Option<usize> {
        if segments.len() != self.segment_count {
            return None;
        }
        let mut literal_matches = 0;
        for (route, path) in segments_of(&self.path).zip(segments) {
            if route.accepts(*path, ignore_case)? {
                literal_matches += 1;
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
    fn finish(mut self) -> Result<Self, String> {
        match std::mem::replace(&mut self.scope_list, ScopeList::Names(BTreeSet::new())) {
            ScopeList::Names(names) => {
                self.scopes = names.into_iter().map(|n| (n, String::new())).collect();
            }
            ScopeList::Described(described) => {
                for (scope, entry) in described {
                    if let Some(unknown) = entry
                        .from
                        .iter()
                        .find(|id| !self.sources.iter().any(|s| &&s.id == id))
                    {
                        return Err(format!(
                            "scope `{scope}` names an unknown source `{unknown}`"
                        ));
                    }
                    self.scope_sources.insert(scope.clone(), entry.from);
                    self.scopes.insert(scope, entry.description);
                }
            }
        }
        let mut routes = Vec::new();
        for group in std::mem::take(&mut self.route_groups) {
            let alternatives = match (group.scope, group.requires.is_empty()) {
                (Some(scope), true) => vec![vec![scope]],
                (None, false) => group.requires,
                _ => return Err("a route group has `scope` or `requires`, not both".to_owned()),
            };
            let requirement = Arc::new(
                Requirement::new(alternatives)
                    .ok_or("a route group's `requires` has an empty alternative")?,
            );
            if let Some(unknown) = requirement
                .alternatives()
                .iter()
                .flatten()
                .find(|s| !self.scopes.contains_key(s.as_str()))
            {
                return Err(format!("route scope `{unknown}` is not in `scopes`"));
            }
            let from: Option<Arc<str>> = group.from.as_deref().map(Arc::from);
            // PUT routes that accept PATCH are PATCH routes too, before the group's own.
            let put_as_patch = if self.put_accepts_patch {
                group.put.clone()
            } else {
                Vec::new()
            };
            let methods: [(&'static str, Vec<String>); 6] = [
                ("GET", group.get),
                ("POST", group.post),
                ("PUT", group.put),
                ("PATCH", put_as_patch),
                ("PATCH", group.patch),
                ("DELETE", group.delete),
            ];
            for (method, paths) in methods {
                for path in paths {
                    routes.push(Route {
                        method,
                        segment_count: segments_of(&path).count(),
                        path,
                        requirement: Arc::clone(&requirement),
                        from: from.clone(),
                    });
                }
            }
        }
        self.route_index = RouteIndex::new(&routes);
        self.routes = routes;
        Ok(self)
    }

    /// Every route, in data-file order.
    pub fn routes(&self) -> &[Route] {
        &self.routes
    }

    /// Every known scope, sorted.
    pub fn scopes(&self) -> impl Iterator<Item = &str> {
        self.scopes.keys().map(String::as_str)
    }

    pub fn is_known_scope(&self, scope: &str) -> bool {
        self.scopes.contains_key(scope)
    }

    /// What the vendor says `scope` grants, when its source describes it.
    pub fn scope_description(&self, scope: &str) -> Option<&str> {
        self.scopes
            .get(scope)
            .map(String::as_str)
            .filter(|d| !d.is_empty())
    }

    /// The sources that list `scope` (empty for a hand-written catalogue).
    pub fn scope_sources(&self, scope: &str) -> impl Iterator<Item = &Source> {
        let ids = self
            .scope_sources
            .get(scope)
            .map(Vec::as_slice)
            .unwrap_or_default();
        self.sources.iter().filter(move |s| ids.contains(&s.id))
    }

    /// How many routes `scope` grants: a measure of its breadth.
    pub fn routes_granted_by(&self, scope: &str) -> usize {
        self.routes
            .iter()
            .filter(|r| r.requirement.mentions(scope))
            .count()
    }

    /// The scope that makes the provider issue refresh tokens, when a scope does.
    pub fn refresh_scope(&self) -> Option<&str> {
        match &self.refresh {
            Some(RefreshTokens::Scope(scope)) => Some(scope),
            _ => None,
        }
    }

    /// Whether `scope` belongs to the identity layer, which no API route needs.
    pub fn is_identity_scope(&self, scope: &str) -> bool {
        self.conventions.identity_scopes.iter().any(|s| s == scope)
    }

    /// Whether `scope` grants writes: by the provider's scope naming, else (where the
    /// catalogue says so) by the routes that need it.
    pub fn is_write_scope(&self, scope: &str) -> bool {
        self.conventions.write_by_name(scope).unwrap_or_else(|| {
            self.conventions.write_scopes_from_routes
                && self
                    .routes
                    .iter()
                    .any(|r| r.method != "GET" && r.requirement.mentions(scope))
        })
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
        if self.refresh_scope() == Some(scope) {
            text.push_str("; makes the provider issue refresh tokens");
        }
        text.push('.');
        if let Some(description) = self.scope_description(scope) {
            let _ = write!(text, "\n\n{description}");
        }
        for source in self.scope_sources(scope) {
            let _ = write!(
                text,
                "\n\nSource: {} at {} ({})",
                source.origin, source.revision, source.licence
            );
        }
        let routes: Vec<&Route> = self
            .routes
            .iter()
            .filter(|r| r.requirement.mentions(scope))
            .collect();
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
            if let Some((known, _)) = self.scopes.get_key_value(&candidate) {
                return Some(known);
            }
        }
        self.scopes
            .keys()
            .map(|known| (strsim::jaro_winkler(scope, known), known))
            .filter(|(score, _)| *score >= 0.9)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, known)| known.as_str())
    }

    /// Resolves a method and a path (a route template, a spec's path template or a concrete
    /// request path) to a route.
    pub fn route(&self, method: &str, path: &str) -> RouteMatch<'_> {
        let segments = self.without_prefix(path_segments(path));
        match self.route_index.candidates(&segments) {
            Some(positions) => self.resolve(method, &segments, || {
                positions.iter().map(|&position| &self.routes[position])
            }),
            None => self.resolve(method, &segments, || self.routes.iter()),
        }
    }

    /// [`Catalog::route`] among `candidates`, which yields the routes that may match, in
    /// data-file order: of equally specific routes, the last one wins.
    fn resolve<'a, I>(
        &'a self,
        method: &str,
        segments: &[Segment<'_>],
        candidates: impl Fn() -> I,
    ) -> RouteMatch<'a>
    where
        I: Iterator<Item = &'a Route>,
    {
        let ignore_case = self.paths_ignore_case;
        let best = |method_filter: Option<&str>| {
            candidates()
                .filter(|r| method_filter.is_none_or(|m| r.method.eq_ignore_ascii_case(m)))
                .filter_map(|r| r.score(segments, ignore_case).map(|score| (score, r)))
                .max_by_key(|(score, _)| *score)
                .map(|(_, r)| r)
        };
        if let Some(route) = best(Some(method)) {
            return RouteMatch::Found(route);
        }
        let mut methods: Vec<&'static str> = candidates()
            .filter(|r| r.score(segments, ignore_case).is_some())
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
        self.hosts.iter().find(|p| p.matches(host)).map(|p| p.kind)
    }

    /// Prefix of the secret names a scaffold or an import declares (`COUPA_`).
    pub fn secret_prefix(&self) -> String {
        self.scaffold
            .secret_prefix
            .clone()
            .unwrap_or_else(|| format!("{}_", self.name.to_ascii_uppercase()))
    }

    /// Where an admin finds the OAuth client's ID and its secret, as the secrets of a scaffold
    /// or an import describe them.
    pub fn client_credential_locations(&self) -> (String, String) {
        let setup = self
            .setup
            .client_location
            .as_deref()
            .unwrap_or(GENERIC_CLIENT_LOCATION);
        (
            self.scaffold
                .client_id_location
                .clone()
                .unwrap_or_else(|| format!("{setup} > the client ID")),
            self.scaffold
                .client_secret_location
                .clone()
                .unwrap_or_else(|| format!("{setup} > the client secret")),
        )
    }

    /// The token endpoint template (`token_url` or one of `other_token_urls`) that a request to
    /// `host` and `path` is sent to, when it is a whole URL on a host every customer shares
    /// (`https://login.microsoftonline.com/{{ instance.tenant }}/oauth2/v2.0/token`). A
    /// template expression stands for any one segment.
    pub fn token_url_of_request(&self, host: &str, path: &str) -> Option<&str> {
        let requested = path_segments(path);
        std::iter::once(&self.token_url)
            .chain(&self.other_token_urls)
            .map(String::as_str)
            .find(|template| {
                let Some((endpoint_host, endpoint_path)) = absolute_url_parts(template) else {
                    return false;
                };
                let endpoint = path_segments(endpoint_path);
                endpoint_host.eq_ignore_ascii_case(host)
                    && endpoint.len() == requested.len()
                    && endpoint
                        .iter()
                        .zip(&requested)
                        .all(|(e, r)| e.accepts(*r, false).is_some())
            })
    }

    /// What the instance parameter that holds the customer's host is.
    pub fn host_description(&self) -> String {
        self.scaffold.host.as_ref().map_or_else(
            || format!("{} host of the customer's instance", self.display_name),
            |h| h.description.clone(),
        )
    }

    /// Whether the provider's own data names `host` (lower-case, without port) as one that
    /// every customer shares: a fixed API host (`graph.microsoft.com`), an identity host, or
    /// the host of one of its OAuth endpoints. Tenant hosts (`*.coupahost.com`) are not: which
    /// tenant is the customer's, only the instance can say.
    pub fn vouches_for(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        if self.host_kind(&host) == Some(HostKind::Api)
            || self.identity_hosts.iter().any(|p| host_matches(p, &host))
        {
            return true;
        }
        [&self.token_url, &self.authorization_url]
            .into_iter()
            .chain(self.revoke_url.as_ref())
            .chain(&self.other_token_urls)
            .filter_map(|url| url.split_once("://"))
            .map(|(_, rest)| rest.split('/').next().unwrap_or_default())
            .any(|endpoint_host| {
                !endpoint_host.contains('{') && endpoint_host.eq_ignore_ascii_case(&host)
            })
    }

    /// The provider's host patterns, as people read them (`*.coupahost.com`).
    pub fn host_patterns(&self) -> impl Iterator<Item = String> + '_ {
        self.hosts.iter().map(HostPattern::display)
    }

    /// The token endpoint's URL for an API at `base` (`https://host`), when the catalogue
    /// gives a path on the API host; the catalogue's URL otherwise.
    pub fn token_endpoint(&self, base: &str) -> String {
        endpoint_on(base, &self.token_url)
    }

    /// The authorization endpoint's URL, as [`Catalog::token_endpoint`] gives the token's.
    pub fn authorization_endpoint(&self, base: &str) -> String {
        endpoint_on(base, &self.authorization_url)
    }

    /// The scopes an OAuth client needs for a connector's routes: the least-privileged
    /// alternative of each, in first-seen order.
    pub fn least_privileged_scopes<'a>(
        &'a self,
        routes: impl IntoIterator<Item = &'a Route>,
    ) -> Vec<&'a str> {
        let mut scopes: Vec<&str> = Vec::new();
        for route in routes {
            for scope in route.least_privileged() {
                if !scopes.contains(&scope.as_str()) {
                    scopes.push(scope);
                }
            }
        }
        scopes
    }

    /// Resolves an action of a spec whose base URL is `base_url`: the static path of the base
    /// URL (`/v1.0`) is joined to the action's path, then the catalogue's `path_prefixes` are
    /// left out.
    pub fn route_of(&self, base_url: &str, method: &str, path: &str) -> RouteMatch<'_> {
        self.route(method, &join_base_path(base_url, path))
    }

    /// `segments` without the first of the catalogue's `path_prefixes` they start with.
    fn without_prefix<'a>(&self, mut segments: Vec<Segment<'a>>) -> Vec<Segment<'a>> {
        for prefix in &self.path_prefixes {
            let prefix = path_segments(prefix);
            let matches = prefix.len() <= segments.len()
                && prefix
                    .iter()
                    .zip(&segments)
                    .all(|(p, s)| p.accepts(*s, true).is_some());
            if matches {
                segments.drain(..prefix.len());
                return segments;
            }
        }
        segments
    }
}

/// Where connspec says an admin finds an OAuth client when it knows nothing of the provider.
const GENERIC_CLIENT_LOCATION: &str = "The API's OAuth client settings";

/// Where an admin finds the OAuth client's ID and secret: the catalogue's words
/// ([`Catalog::client_credential_locations`]), else generic ones.
pub fn client_credential_locations(catalog: Option<&Catalog>) -> (String, String) {
    catalog.map_or_else(
        || {
            (
                format!("{GENERIC_CLIENT_LOCATION} > the client ID"),
                format!("{GENERIC_CLIENT_LOCATION} > the client secret"),
            )
        },
        Catalog::client_credential_locations,
    )
}

/// The host and path of an absolute `https://` URL template whose host is fixed.
fn absolute_url_parts(url: &str) -> Option<(&str, &str)> {
    let rest = url.strip_prefix("https://")?;
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    (!host.contains('{')).then_some((host, path))
}

/// `base` (`https://host`, no trailing slash) joined to `endpoint` when it is a path; else
/// `endpoint`.
fn endpoint_on(base: &str, endpoint: &str) -> String {
    if endpoint.starts_with('/') {
        format!("{}{endpoint}", base.trim_end_matches('/'))
    } else {
        endpoint.to_owned()
    }
}

/// The path of a base URL template (`https://graph.microsoft.com/v1.0` → `/v1.0`) joined to
/// `path`; a template expression in it stands for one segment.
pub fn join_base_path(base_url: &str, path: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let base_path = after_scheme
        .find('/')
        .map_or("", |slash| &after_scheme[slash..])
        .trim_end_matches('/');
    if base_path.is_empty() {
        return path.to_owned();
    }
    if path.is_empty() || path.starts_with('/') {
        format!("{base_path}{path}")
    } else {
        format!("{base_path}/{path}")
    }
}

/// An embedded catalogue file, with what finding a provider needs (read by `build.rs`), so
/// the file itself is parsed only when its provider is used.
struct Embedded {
    /// The provider's name: the file's stem.
    name: &'static str,
    /// The catalogue, converted from TOML to JSON by `build.rs`.
    json: &'static str,
    summary: Option<&'static str>,
    /// Host patterns: a whole host name (`true`) or a suffix that takes one more label.
    hosts: &'static [(&'static str, bool)],
    /// Hosts of the token endpoints given as whole URLs (`oauth2.googleapis.com`).
    token_hosts: &'static [&'static str],
}

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// Parses one embedded catalogue. Embedded data, checked by the tests; not user input.
fn parse(entry: &Embedded) -> Catalog {
    serde_json::from_str::<Catalog>(entry.json)
        .map_err(|e| e.to_string())
        .and_then(Catalog::finish)
        .unwrap_or_else(|e| panic!("catalogues/{}.toml is invalid: {e}", entry.name))
}

/// The catalogue of the embedded entry at `index`, parsed on first use: a check of a Coupa
/// spec never parses Graph's thousands of routes.
fn loaded(index: usize) -> &'static Catalog {
    static LOADED: [OnceLock<Catalog>; EMBEDDED.len()] =
        [const { OnceLock::new() }; EMBEDDED.len()];
    LOADED[index].get_or_init(|| parse(&EMBEDDED[index]))
}

/// The catalogue of `provider`, if connspec has one.
pub fn catalog(provider: &str) -> Option<&'static Catalog> {
    EMBEDDED
        .iter()
        .position(|e| e.name.eq_ignore_ascii_case(provider))
        .map(loaded)
}

/// The catalogue whose host patterns include `host` (`acme.coupahost.com`,
/// `graph.microsoft.com`), if any. Only that catalogue is parsed.
pub fn catalog_of_instance_host(host: &str) -> Option<&'static Catalog> {
    let host = host.to_ascii_lowercase();
    let host = host.split(':').next().unwrap_or(&host);
    EMBEDDED
        .iter()
        .position(|e| {
            e.hosts.iter().any(|(pattern, exact)| {
                if *exact {
                    *pattern == host
                } else {
                    host.strip_suffix(pattern)
                        .is_some_and(|name| !name.is_empty() && !name.contains('.'))
                }
            })
        })
        .map(loaded)
}

/// The catalogue whose token endpoint a request to `host` and `path` is sent to, with that
/// endpoint's template: a token request to `oauth2.googleapis.com/token` is Google's, one to
/// `login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token` Microsoft Graph's.
/// Only catalogues with a token endpoint on `host` are parsed.
pub fn catalog_of_token_url(host: &str, path: &str) -> Option<(&'static Catalog, &'static str)> {
    let host = host.to_ascii_lowercase();
    let host = host.split(':').next().unwrap_or(&host);
    EMBEDDED
        .iter()
        .enumerate()
        .filter(|(_, e)| e.token_hosts.contains(&host))
        .find_map(|(index, _)| {
            let catalog = loaded(index);
            catalog
                .token_url_of_request(host, path)
                .map(|template| (catalog, template))
        })
}

/// The catalogue a spec's rules use: its `provider`'s, else the one whose hosts include the
/// base URL's host (a template expression in the host stands for one label, so
/// `https://{{ instance.org }}.okta.com` is Okta's). The flag is true when it was inferred.
pub fn catalog_for_spec(
    provider: Option<&str>,
    base_url: &str,
) -> Option<(&'static Catalog, bool)> {
    if let Some(provider) = provider {
        return catalog(provider).map(|c| (c, false));
    }
    let after_scheme = base_url.split_once("://")?.1;
    let authority = after_scheme.split(['/', '?', '#']).next()?;
    let mut host = String::new();
    let mut rest = authority;
    while let Some(start) = rest.find("{{") {
        host.push_str(&rest[..start]);
        host.push('x');
        rest = rest[start..]
            .find("}}")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    host.push_str(rest);
    catalog_of_instance_host(&host).map(|c| (c, true))
}

/// The catalogue a spec is checked against, as [`catalog_for_spec`] chooses it: every stage
/// (lint, compile, the send policy, the editor) asks this one function.
pub fn catalog_of_spec(provider: Option<&str>, base_url: &str) -> Option<&'static Catalog> {
    catalog_for_spec(provider, base_url).map(|(catalog, _)| catalog)
}

/// Names of every provider with a catalogue, sorted.
pub fn providers() -> impl Iterator<Item = &'static str> {
    EMBEDDED.iter().map(|e| e.name)
}

/// The one-line summary of `provider`'s catalogue, without parsing it.
pub fn provider_summary(provider: &str) -> Option<&'static str> {
    EMBEDDED
        .iter()
        .find(|e| e.name.eq_ignore_ascii_case(provider))
        .and_then(|e| e.summary)
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
            Some(HostKind::Customer | HostKind::Partner | HostKind::Api) => None,
            Some(HostKind::Internal) => Some(format!(
                "`{name}` is {}'s own development host",
                self.display_name
            )),
            None => Some(format!(
                "`{name}` is not a {} instance host ({})",
                self.display_name,
                self.host_patterns().collect::<Vec<_>>().join(", ")
            )),
        }
    }
}
