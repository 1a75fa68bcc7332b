//! The benchmark corpus: realistic connector specs (DESIGN §3), about a tenth with a schema fault.
//!
//! Generation is deterministic for a given seed, so timings stay comparable between runs. Specs
//! are written as a person would write them (comments, flow maps for short objects, quoted
//! templates), across ten API shapes, every auth type and grant the model has, and 2–20 actions
//! each. Faulty specs carry exactly one kind of [`Fault`], each of which the JSON Schema rejects,
//! so the peer validator's verdicts can be checked against the corpus itself.

use std::fmt::Write as _;

/// One generated spec.
#[derive(Debug)]
pub(crate) struct CorpusFile {
    /// File name, e.g. `coupa_oauth2_client_credentials_0042.yaml`.
    pub(crate) name: String,
    pub(crate) text: String,
    /// The fault put in on purpose, if any.
    pub(crate) fault: Option<Fault>,
}

/// A deliberate mistake that makes a spec invalid against `schemas/connector.schema.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    /// An extra top-level key (`timeout_seconds: 30`).
    UnknownTopLevelKey,
    /// `base_ur:` for `base_url:` (an unknown key and a missing required one).
    MisspeltBaseUrl,
    /// `spec_version: "1"`, a string.
    SpecVersionAsString,
    /// An extra key inside `auth` (`retries: 3`).
    UnknownAuthKey,
    /// `metod:` for `method:` in an action.
    MisspeltMethod,
    /// `method: FETCH`.
    UnknownMethod,
    /// `required: "yes"` on an input, a string.
    RequiredAsString,
    /// `headers: [Accept, application/json]`, a list.
    HeadersAsList,
    /// `expect: { status: ok }`.
    StatusNotACode,
    /// A query value that is a list.
    ListAsQueryValue,
}

impl Fault {
    const ALL: [Fault; 10] = [
        Fault::UnknownTopLevelKey,
        Fault::MisspeltBaseUrl,
        Fault::SpecVersionAsString,
        Fault::UnknownAuthKey,
        Fault::MisspeltMethod,
        Fault::UnknownMethod,
        Fault::RequiredAsString,
        Fault::HeadersAsList,
        Fault::StatusNotACode,
        Fault::ListAsQueryValue,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Fault::UnknownTopLevelKey => "unknown-top-level-key",
            Fault::MisspeltBaseUrl => "misspelt-base-url",
            Fault::SpecVersionAsString => "spec-version-as-string",
            Fault::UnknownAuthKey => "unknown-auth-key",
            Fault::MisspeltMethod => "misspelt-method",
            Fault::UnknownMethod => "unknown-method",
            Fault::RequiredAsString => "required-as-string",
            Fault::HeadersAsList => "headers-as-list",
            Fault::StatusNotACode => "status-not-a-code",
            Fault::ListAsQueryValue => "list-as-query-value",
        }
    }
}

/// Generates `count` specs from `seed`; every tenth one (from the tenth on) has a fault.
pub(crate) fn generate(count: usize, seed: u64) -> Vec<CorpusFile> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|index| {
            let want = (index % 10 == 9).then(|| *rng.pick(&Fault::ALL));
            spec(&mut rng, index, want)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// API shapes.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AuthKind {
    None,
    Basic,
    ApiKeyHeader,
    ApiKeyQuery,
    Bearer,
    ClientCredentials,
    AuthorizationCode,
    Password,
    RefreshToken,
    Jwt,
    OnPrem,
}

impl AuthKind {
    fn slug(self) -> &'static str {
        match self {
            AuthKind::None => "none",
            AuthKind::Basic => "basic",
            AuthKind::ApiKeyHeader => "api_key",
            AuthKind::ApiKeyQuery => "api_key_query",
            AuthKind::Bearer => "bearer",
            AuthKind::ClientCredentials => "oauth2_client_credentials",
            AuthKind::AuthorizationCode => "oauth2_authorization_code",
            AuthKind::Password => "oauth2_password",
            AuthKind::RefreshToken => "oauth2_refresh_token",
            AuthKind::Jwt => "jwt",
            AuthKind::OnPrem => "on_prem",
        }
    }
}

/// One API a connector talks to.
struct Api {
    /// Used in connector and secret names.
    key: &'static str,
    display: &'static str,
    /// Whether connspec has a provider catalogue for it (`provider:` is written).
    catalogue: bool,
    /// Example host of an instance.
    host: &'static str,
    /// Prefix of every action path.
    prefix: &'static str,
    /// An instance parameter besides `domain`, used in the prefix: (name, description, example).
    extra_param: Option<(&'static str, &'static str, &'static str)>,
    token_path: &'static str,
    authorize_path: &'static str,
    /// Joins a scope's resource and right: `.` gives `core.expense.read`, `:` gives `tickets:read`.
    scope_separator: char,
    /// The header an API key goes in and its value pattern.
    key_header: (&'static str, &'static str),
    auths: &'static [AuthKind],
    resources: &'static [Resource],
}

/// A collection of records and what can be done with it.
struct Resource {
    /// Path segment, e.g. `expense_reports`.
    path: &'static str,
    /// Singular noun, e.g. `expense report`.
    noun: &'static str,
    /// Scope without its right, e.g. `core.expense`.
    scope: &'static str,
    /// Filters for the list action: (query key, example value).
    filters: &'static [(&'static str, &'static str)],
    /// Body fields for create and update: (name, example value).
    fields: &'static [(&'static str, &'static str)],
    /// State changes on one record, e.g. `approve`.
    transitions: &'static [&'static str],
}

const APIS: &[Api] = &[
    Api {
        key: "coupa",
        display: "Coupa",
        catalogue: true,
        host: "acme-test.coupahost.com",
        prefix: "/api",
        extra_param: None,
        token_path: "/oauth2/token",
        authorize_path: "/oauth2/authorizations/new",
        scope_separator: '.',
        key_header: ("X-COUPA-API-KEY", "%s"),
        auths: &[
            AuthKind::ClientCredentials,
            AuthKind::ClientCredentials,
            AuthKind::AuthorizationCode,
            AuthKind::RefreshToken,
        ],
        resources: &[
            Resource {
                path: "expense_reports",
                noun: "expense report",
                scope: "core.expense",
                filters: &[
                    ("status", "pending_approval"),
                    ("updated-at[gt]", "2026-01-01"),
                ],
                fields: &[("title", "Team offsite"), ("currency", "EUR")],
                transitions: &["submit"],
            },
            Resource {
                path: "approvals",
                noun: "approval",
                scope: "core.approval",
                filters: &[("status", "pending_approval"), ("approver_id", "42")],
                fields: &[("reason", "Within budget")],
                transitions: &["approve", "reject", "hold"],
            },
            Resource {
                path: "requisitions",
                noun: "requisition",
                scope: "core.requisition",
                filters: &[
                    ("status", "pending_buyer_action"),
                    ("requested-by[login]", "jdoe"),
                ],
                fields: &[
                    ("justification", "Replacement laptop"),
                    ("need-by-date", "2026-12-01"),
                ],
                transitions: &["update_and_submit_for_approval"],
            },
            Resource {
                path: "invoices",
                noun: "invoice",
                scope: "core.invoice",
                filters: &[
                    ("status", "pending_approval"),
                    ("invoice-number", "INV-1001"),
                ],
                fields: &[
                    ("invoice-number", "INV-1001"),
                    ("invoice-date", "2026-11-01"),
                ],
                transitions: &["submit", "dispute"],
            },
            Resource {
                path: "purchase_orders",
                noun: "purchase order",
                scope: "core.purchase_order",
                filters: &[("status", "issued"), ("supplier[name]", "Acme Supplies")],
                fields: &[("ship-to-attention", "Receiving dock")],
                transitions: &["issue", "cancel", "close"],
            },
            Resource {
                path: "suppliers",
                noun: "supplier",
                scope: "core.supplier",
                filters: &[("name", "Acme Supplies"), ("status", "active")],
                fields: &[("name", "Acme Supplies"), ("number", "SUP-77")],
                transitions: &[],
            },
            Resource {
                path: "users",
                noun: "user",
                scope: "core.user",
                filters: &[("login", "jdoe"), ("active", "true")],
                fields: &[("login", "jdoe"), ("email", "jdoe@example.com")],
                transitions: &[],
            },
        ],
    },
    Api {
        key: "servicedesk",
        display: "Service Desk",
        catalogue: false,
        host: "acme.service-now.com",
        prefix: "/api/now/table",
        extra_param: None,
        token_path: "/oauth_token.do",
        authorize_path: "/oauth_auth.do",
        scope_separator: '.',
        key_header: ("x-sn-apikey", "%s"),
        auths: &[
            AuthKind::Basic,
            AuthKind::Password,
            AuthKind::RefreshToken,
            AuthKind::AuthorizationCode,
            AuthKind::ApiKeyHeader,
        ],
        resources: &[
            Resource {
                path: "incident",
                noun: "incident",
                scope: "useraccount",
                filters: &[
                    ("sysparm_query", "active=true^priority=1"),
                    ("sysparm_fields", "number,short_description"),
                ],
                fields: &[("short_description", "VPN is down"), ("urgency", "2")],
                transitions: &["resolve"],
            },
            Resource {
                path: "change_request",
                noun: "change request",
                scope: "useraccount",
                filters: &[
                    ("sysparm_query", "state=assess"),
                    ("sysparm_display_value", "true"),
                ],
                fields: &[
                    ("short_description", "Patch database hosts"),
                    ("risk", "moderate"),
                ],
                transitions: &["approve"],
            },
            Resource {
                path: "sc_req_item",
                noun: "requested item",
                scope: "useraccount",
                filters: &[("sysparm_query", "requested_for=javascript:gs.getUserID()")],
                fields: &[("quantity", "1")],
                transitions: &[],
            },
            Resource {
                path: "sys_user",
                noun: "user",
                scope: "useraccount",
                filters: &[("user_name", "jdoe"), ("active", "true")],
                fields: &[("email", "jdoe@example.com")],
                transitions: &[],
            },
        ],
    },
    Api {
        key: "tracker",
        display: "Issue Tracker",
        catalogue: false,
        host: "acme.atlassian.net",
        prefix: "/rest/api/3",
        extra_param: None,
        token_path: "/oauth/token",
        authorize_path: "/authorize",
        scope_separator: ':',
        key_header: ("Authorization", "Bearer %s"),
        auths: &[
            AuthKind::Basic,
            AuthKind::Bearer,
            AuthKind::AuthorizationCode,
            AuthKind::ApiKeyHeader,
        ],
        resources: &[
            Resource {
                path: "issue",
                noun: "issue",
                scope: "jira-work",
                filters: &[
                    (
                        "jql",
                        "assignee = currentUser() AND resolution = Unresolved",
                    ),
                    ("maxResults", "20"),
                ],
                fields: &[
                    ("summary", "Printer on floor 3 is jammed"),
                    ("issuetype", "Task"),
                ],
                transitions: &["transitions"],
            },
            Resource {
                path: "project",
                noun: "project",
                scope: "jira-work",
                filters: &[("query", "IT"), ("orderBy", "name")],
                fields: &[("key", "ITS"), ("name", "IT Support")],
                transitions: &[],
            },
            Resource {
                path: "user",
                noun: "user",
                scope: "jira-user",
                filters: &[("accountId", "5b10ac8d82e05b22cc7d4ef5")],
                fields: &[("emailAddress", "jdoe@example.com")],
                transitions: &[],
            },
        ],
    },
    Api {
        key: "hcm",
        display: "HCM",
        catalogue: false,
        host: "wd5-impl-services1.workday.com",
        prefix: "/ccx/api/v1/{{ instance.tenant }}",
        extra_param: Some(("tenant", "Workday tenant name", "acme_preview")),
        token_path: "/ccx/oauth2/{{ instance.tenant }}/token",
        authorize_path: "/{{ instance.tenant }}/authorize",
        scope_separator: ':',
        key_header: ("Authorization", "Bearer %s"),
        auths: &[
            AuthKind::RefreshToken,
            AuthKind::RefreshToken,
            AuthKind::Jwt,
        ],
        resources: &[
            Resource {
                path: "workers",
                noun: "worker",
                scope: "staffing",
                filters: &[("search", "Jane Doe"), ("limit", "20")],
                fields: &[("businessTitle", "Staff Engineer")],
                transitions: &[],
            },
            Resource {
                path: "timeOffRequests",
                noun: "time off request",
                scope: "time-off",
                filters: &[("status", "submitted")],
                fields: &[("date", "2026-12-24"), ("quantity", "8")],
                transitions: &["cancel"],
            },
            Resource {
                path: "organizations",
                noun: "organization",
                scope: "organizations",
                filters: &[("type", "supervisory")],
                fields: &[("name", "Platform")],
                transitions: &[],
            },
        ],
    },
    Api {
        key: "repos",
        display: "Code Hosting",
        catalogue: false,
        host: "api.github.example.com",
        prefix: "/repos/{{ instance.owner }}",
        extra_param: Some(("owner", "Organisation that owns the repositories", "acme")),
        token_path: "/login/oauth/access_token",
        authorize_path: "/login/oauth/authorize",
        scope_separator: ':',
        key_header: ("Authorization", "token %s"),
        auths: &[AuthKind::Bearer, AuthKind::Jwt, AuthKind::ApiKeyHeader],
        resources: &[
            Resource {
                path: "issues",
                noun: "issue",
                scope: "repo",
                filters: &[("state", "open"), ("labels", "bug")],
                fields: &[
                    ("title", "Flaky test in CI"),
                    ("body", "Fails one run in ten"),
                ],
                transitions: &["lock"],
            },
            Resource {
                path: "pulls",
                noun: "pull request",
                scope: "repo",
                filters: &[("state", "open"), ("base", "main")],
                fields: &[("title", "Bump dependencies"), ("head", "deps/bump")],
                transitions: &["merge"],
            },
            Resource {
                path: "releases",
                noun: "release",
                scope: "repo",
                filters: &[("per_page", "10")],
                fields: &[("tag_name", "v1.2.0"), ("name", "1.2.0")],
                transitions: &[],
            },
        ],
    },
    Api {
        key: "helpdesk",
        display: "Helpdesk",
        catalogue: false,
        host: "acme.zendesk.com",
        prefix: "/api/v2",
        extra_param: None,
        token_path: "/oauth/tokens",
        authorize_path: "/oauth/authorizations/new",
        scope_separator: ':',
        key_header: ("Authorization", "Basic %s"),
        auths: &[
            AuthKind::Basic,
            AuthKind::ApiKeyHeader,
            AuthKind::ClientCredentials,
            AuthKind::AuthorizationCode,
        ],
        resources: &[
            Resource {
                path: "tickets",
                noun: "ticket",
                scope: "tickets",
                filters: &[("status", "open"), ("sort_by", "updated_at")],
                fields: &[("subject", "Cannot log in"), ("priority", "high")],
                transitions: &["mark_as_spam"],
            },
            Resource {
                path: "users",
                noun: "user",
                scope: "users",
                filters: &[("role", "agent")],
                fields: &[("name", "Jane Doe"), ("email", "jdoe@example.com")],
                transitions: &[],
            },
            Resource {
                path: "organizations",
                noun: "organization",
                scope: "organizations",
                filters: &[("external_id", "ACME-1")],
                fields: &[("name", "Acme")],
                transitions: &[],
            },
        ],
    },
    Api {
        key: "identity",
        display: "Identity",
        catalogue: false,
        host: "acme.okta.com",
        prefix: "/api/v1",
        extra_param: None,
        token_path: "/oauth2/v1/token",
        authorize_path: "/oauth2/v1/authorize",
        scope_separator: '.',
        key_header: ("Authorization", "SSWS %s"),
        auths: &[
            AuthKind::ApiKeyHeader,
            AuthKind::ClientCredentials,
            AuthKind::Jwt,
        ],
        resources: &[
            Resource {
                path: "users",
                noun: "user",
                scope: "okta.users",
                filters: &[
                    ("search", "profile.department eq \"Engineering\""),
                    ("limit", "25"),
                ],
                fields: &[("login", "jdoe@example.com"), ("department", "Engineering")],
                transitions: &["lifecycle/suspend", "lifecycle/unlock"],
            },
            Resource {
                path: "groups",
                noun: "group",
                scope: "okta.groups",
                filters: &[("q", "engineering")],
                fields: &[("name", "engineering")],
                transitions: &[],
            },
            Resource {
                path: "apps",
                noun: "app",
                scope: "okta.apps",
                filters: &[("filter", "status eq \"ACTIVE\"")],
                fields: &[("label", "Expense tool")],
                transitions: &["lifecycle/activate"],
            },
        ],
    },
    Api {
        key: "inventory",
        display: "Inventory",
        catalogue: false,
        host: "inventory.corp.internal",
        prefix: "/v1",
        extra_param: None,
        token_path: "/token",
        authorize_path: "/authorize",
        scope_separator: ':',
        key_header: ("X-API-Key", "%s"),
        auths: &[
            AuthKind::OnPrem,
            AuthKind::OnPrem,
            AuthKind::ApiKeyQuery,
            AuthKind::None,
        ],
        resources: &[
            Resource {
                path: "assets",
                noun: "asset",
                scope: "assets",
                filters: &[("owner", "jdoe"), ("type", "laptop")],
                fields: &[("serial", "C02XK0AAJG5H"), ("model", "MacBook Pro")],
                transitions: &["retire"],
            },
            Resource {
                path: "locations",
                noun: "location",
                scope: "locations",
                filters: &[("site", "BER")],
                fields: &[("name", "Berlin office")],
                transitions: &[],
            },
        ],
    },
    Api {
        key: "oncall",
        display: "On-call",
        catalogue: false,
        host: "api.pagerduty.example.com",
        prefix: "",
        extra_param: None,
        token_path: "/oauth/token",
        authorize_path: "/oauth/authorize",
        scope_separator: '.',
        key_header: ("Authorization", "Token token=%s"),
        auths: &[AuthKind::ApiKeyHeader, AuthKind::ClientCredentials],
        resources: &[
            Resource {
                path: "incidents",
                noun: "incident",
                scope: "incidents",
                filters: &[("statuses[]", "triggered"), ("urgencies[]", "high")],
                fields: &[("title", "Checkout is slow"), ("urgency", "high")],
                transitions: &["snooze"],
            },
            Resource {
                path: "oncalls",
                noun: "on-call entry",
                scope: "oncalls",
                filters: &[("escalation_policy_ids[]", "PABC123")],
                fields: &[],
                transitions: &[],
            },
            Resource {
                path: "services",
                noun: "service",
                scope: "services",
                filters: &[("query", "checkout")],
                fields: &[("name", "Checkout")],
                transitions: &[],
            },
        ],
    },
    Api {
        key: "status",
        display: "Status Page",
        catalogue: false,
        host: "status.example.com",
        prefix: "/api/v2",
        extra_param: None,
        token_path: "/oauth/token",
        authorize_path: "/oauth/authorize",
        scope_separator: ':',
        key_header: ("Authorization", "OAuth %s"),
        auths: &[AuthKind::None, AuthKind::Bearer, AuthKind::ApiKeyQuery],
        resources: &[
            Resource {
                path: "components",
                noun: "component",
                scope: "components",
                filters: &[("page", "1")],
                fields: &[("status", "operational")],
                transitions: &[],
            },
            Resource {
                path: "incidents",
                noun: "incident",
                scope: "incidents",
                filters: &[("q", "outage")],
                fields: &[
                    ("name", "Degraded API latency"),
                    ("status", "investigating"),
                ],
                transitions: &["resolve"],
            },
        ],
    },
];

// ---------------------------------------------------------------------------------------------
// Writing one spec.

/// What the writer of one spec keeps track of across its actions.
struct SpecState {
    faults: Faults,
    /// Action names used so far, to keep them unique.
    action_names: Vec<String>,
}

/// Tracks the one fault a spec should get, so it is put in at the first place it fits.
struct Faults {
    want: Option<Fault>,
    applied: Option<Fault>,
}

impl Faults {
    /// Whether to put in `fault` here (at most once per spec).
    fn take(&mut self, fault: Fault) -> bool {
        if self.want == Some(fault) && self.applied.is_none() {
            self.applied = Some(fault);
            true
        } else {
            false
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verb {
    List,
    Get,
    Create,
    Update,
    Delete,
    Transition(&'static str),
}

fn spec(rng: &mut Rng, index: usize, want: Option<Fault>) -> CorpusFile {
    let api = rng.pick(APIS);
    let auth = *rng.pick(api.auths);
    let mut faults = Faults {
        want,
        applied: None,
    };
    let name = format!("{}_{}_{index:04}", api.key, auth.slug());
    let mut out = String::with_capacity(8 * 1024);

    out.push_str("# yaml-language-server: $schema=../../schemas/connector.schema.json\n");
    if faults.take(Fault::SpecVersionAsString) {
        out.push_str("spec_version: \"1\"\n");
    } else {
        out.push_str("spec_version: 1\n");
    }
    let _ = writeln!(out, "name: {name}");
    let _ = writeln!(out, "display_name: {}", api.display);
    let _ = writeln!(
        out,
        "description: {} access to a {} instance for the {} team.",
        if matches!(auth, AuthKind::AuthorizationCode) {
            "Per-user"
        } else {
            "System-level"
        },
        api.display,
        rng.pick(&[
            "IT",
            "finance",
            "people",
            "procurement",
            "platform",
            "support"
        ])
    );
    if rng.chance(30) {
        let _ = writeln!(
            out,
            "display_description: Look up and act on {} records without leaving chat.",
            api.display
        );
    }
    if api.catalogue {
        let _ = writeln!(out, "provider: {}", api.key);
    }

    out.push_str("instance:\n");
    let _ = writeln!(
        out,
        "  domain: {{ description: {} host, format: hostname, example: {} }}",
        api.display, api.host
    );
    if let Some((param, description, example)) = api.extra_param {
        let _ = writeln!(
            out,
            "  {param}:\n    description: {description}\n    example: {example}"
        );
    }

    let secrets = secrets_for(api, auth);
    if !secrets.is_empty() {
        if rng.chance(50) {
            let _ = writeln!(out, "secrets: [{}]", secrets.join(", "));
        } else {
            out.push_str("secrets:\n");
            for secret in &secrets {
                if rng.chance(50) {
                    let _ = writeln!(
                        out,
                        "  - name: {secret}\n    description: From the {} admin console, kept in the vault.",
                        api.display
                    );
                } else {
                    let _ = writeln!(out, "  - {secret}");
                }
            }
        }
    }

    let base_key = if faults.take(Fault::MisspeltBaseUrl) {
        "base_ur"
    } else {
        "base_url"
    };
    let _ = writeln!(out, "{base_key}: https://{{{{ instance.domain }}}}");

    let verbs = plan_actions(rng, api);
    let needed = needed_scopes(api, &verbs);
    write_auth(&mut out, rng, api, auth, needed.as_deref(), &mut faults);

    if rng.chance(20) {
        out.push_str("common_headers:\n  User-Agent: connspec-moveworks/1.0\n");
        if rng.chance(50) {
            out.push_str("  X-Request-Source: moveworks\n");
        }
    }

    out.push_str("\nactions:\n");
    let mut state = SpecState {
        faults,
        action_names: Vec::new(),
    };
    for (resource, verb) in verbs {
        write_action(&mut out, rng, api, auth, resource, verb, &mut state);
    }
    let mut faults = state.faults;

    // A fault whose place never came up (no input, no GET...) becomes an unknown top-level key.
    if faults.want.is_some() && faults.applied.is_none() {
        faults.applied = Some(Fault::UnknownTopLevelKey);
        out.push_str("timeout_seconds: 30\n");
    }
    CorpusFile {
        name: format!("{name}.yaml"),
        text: out,
        fault: faults.applied,
    }
}

fn secrets_for(api: &Api, auth: AuthKind) -> Vec<String> {
    let prefix = api.key.to_ascii_uppercase();
    let names: &[&str] = match auth {
        AuthKind::None | AuthKind::OnPrem => &[],
        AuthKind::Basic => &["USERNAME", "PASSWORD"],
        AuthKind::ApiKeyHeader | AuthKind::ApiKeyQuery => &["API_KEY"],
        AuthKind::Bearer => &["API_TOKEN"],
        AuthKind::ClientCredentials | AuthKind::AuthorizationCode => {
            &["CLIENT_ID", "CLIENT_SECRET"]
        }
        AuthKind::Password => &[
            "CLIENT_ID",
            "CLIENT_SECRET",
            "SERVICE_USER",
            "SERVICE_PASSWORD",
        ],
        AuthKind::RefreshToken => &["CLIENT_ID", "CLIENT_SECRET", "REFRESH_TOKEN"],
        AuthKind::Jwt => &["JWT_CLIENT_ID", "JWT_PRIVATE_KEY"],
    };
    names
        .iter()
        .map(|name| format!("{prefix}_{name}"))
        .collect()
}

/// The scopes a spec requests: for a provider with a catalogue, exactly those its actions' routes
/// need (so the spec is clean, as specs people keep are); else a plausible set.
fn scopes(rng: &mut Rng, api: &Api, needed: Option<&[String]>, offline: bool) -> Vec<String> {
    if let Some(needed) = needed {
        let mut scopes = needed.to_vec();
        if offline {
            scopes.push("offline_access".to_owned());
        }
        return scopes;
    }
    let mut scopes = Vec::new();
    let count = rng.range(1, api.resources.len().min(4));
    for resource in &api.resources[..count] {
        let scope = format!("{}{}read", resource.scope, api.scope_separator);
        if !scopes.contains(&scope) {
            scopes.push(scope);
        }
        if rng.chance(40) {
            let scope = format!("{}{}write", resource.scope, api.scope_separator);
            if !scopes.contains(&scope) {
                scopes.push(scope);
            }
        }
    }
    if offline {
        scopes.push("offline_access".to_owned());
    }
    scopes
}

fn write_auth(
    out: &mut String,
    rng: &mut Rng,
    api: &Api,
    auth: AuthKind,
    needed: Option<&[String]>,
    faults: &mut Faults,
) {
    let secret = |name: &str| {
        format!(
            "\"{{{{ secrets.{}_{name} }}}}\"",
            api.key.to_ascii_uppercase()
        )
    };
    let url = |path: &str| format!("https://{{{{ instance.domain }}}}{path}");
    out.push_str("auth:\n");
    if faults.take(Fault::UnknownAuthKey) {
        out.push_str("  retries: 3\n");
    }
    match auth {
        AuthKind::None => out.push_str("  type: none\n"),
        AuthKind::Basic => {
            let _ = writeln!(
                out,
                "  type: basic\n  username: {}\n  password: {}",
                secret("USERNAME"),
                secret("PASSWORD")
            );
        }
        AuthKind::ApiKeyHeader => {
            let (header, pattern) = api.key_header;
            let _ = writeln!(
                out,
                "  type: api_key\n  placement: header\n  header_name: {header}\n  value_pattern: \"{pattern}\"\n  key: {}",
                secret("API_KEY")
            );
        }
        AuthKind::ApiKeyQuery => {
            let _ = writeln!(
                out,
                "  type: api_key\n  placement: query\n  param_name: api_key\n  key: {}",
                secret("API_KEY")
            );
        }
        AuthKind::Bearer => {
            let _ = writeln!(out, "  type: bearer\n  token: {}", secret("API_TOKEN"));
        }
        AuthKind::OnPrem => {
            let _ = writeln!(out, "  type: on_prem\n  service_name: {}-agent", api.key);
        }
        AuthKind::Jwt => {
            let _ = writeln!(
                out,
                "  type: jwt\n  private_key: {}\n  client_id: {}\n  key_id: connspec-{}\n  algorithm: {}\n  expiry_seconds: {}",
                secret("JWT_PRIVATE_KEY"),
                secret("JWT_CLIENT_ID"),
                rng.range(1, 9),
                rng.pick(&["RS256", "RS256", "RS384", "ES256"]),
                rng.pick(&[300, 600, 3600])
            );
            let _ = writeln!(
                out,
                "  claims:\n    issuer: {}\n    subject: moveworks-integration@example.com\n    audience: {}",
                secret("JWT_CLIENT_ID"),
                url(api.token_path)
            );
            if rng.chance(60) {
                let _ = writeln!(
                    out,
                    "  token_url: {}\n  assertion_key: assertion\n  custom_grant_type: urn:ietf:params:oauth:grant-type:jwt-bearer",
                    url(api.token_path)
                );
            }
        }
        AuthKind::ClientCredentials
        | AuthKind::AuthorizationCode
        | AuthKind::Password
        | AuthKind::RefreshToken => {
            let grant = match auth {
                AuthKind::ClientCredentials => "client_credentials",
                AuthKind::AuthorizationCode => "authorization_code",
                AuthKind::Password => "password",
                _ => "refresh_token",
            };
            let _ = writeln!(
                out,
                "  type: oauth2\n  grant_type: {grant}\n  token_url: {}\n  client_id: {}\n  client_secret: {}",
                url(api.token_path),
                secret("CLIENT_ID"),
                secret("CLIENT_SECRET")
            );
            match auth {
                AuthKind::AuthorizationCode => {
                    let _ = writeln!(out, "  authorization_url: {}", url(api.authorize_path));
                    let scopes = scopes(rng, api, needed, true);
                    let _ = writeln!(out, "  scopes: [{}]", scopes.join(", "));
                    out.push_str("  pkce: true\n");
                    if rng.chance(50) {
                        out.push_str("  authorization_query: { prompt: consent }\n");
                    }
                    if rng.chance(40) {
                        let _ = writeln!(
                            out,
                            "  revoke_url: {}\n  revoke_authentication: request_body",
                            url("/oauth2/revoke")
                        );
                    }
                    let _ = writeln!(
                        out,
                        "  data_center: {}",
                        rng.pick(&["us", "us", "eu", "ca", "ap"])
                    );
                }
                AuthKind::Password => {
                    let _ = writeln!(
                        out,
                        "  username: {}\n  password: {}",
                        secret("SERVICE_USER"),
                        secret("SERVICE_PASSWORD")
                    );
                    if needed.is_some() || rng.chance(50) {
                        let scopes = scopes(rng, api, needed, false);
                        let _ = writeln!(out, "  scopes: [{}]", scopes.join(", "));
                    }
                }
                AuthKind::RefreshToken => {
                    let _ = writeln!(
                        out,
                        "  refresh_token: {}\n  refresh_token_lifetime: {} days",
                        secret("REFRESH_TOKEN"),
                        rng.pick(&[30, 90, 365])
                    );
                    if needed.is_some() {
                        // A provider that checks scopes sees what the refreshed token needs.
                        let scopes = scopes(rng, api, needed, true);
                        let _ = writeln!(out, "  scopes: [{}]", scopes.join(", "));
                    }
                }
                _ => {
                    out.push_str("  scopes:\n");
                    for scope in scopes(rng, api, needed, false) {
                        let _ = writeln!(out, "    - {scope}");
                    }
                }
            }
            let _ = writeln!(
                out,
                "  client_authentication: {}",
                rng.pick(&["request_body", "request_body", "basic_header", "auto"])
            );
            out.push_str("  token_response: json\n");
            if rng.chance(15) {
                out.push_str(
                    "  token_request:\n    headers: { Accept: application/json }\n    body:\n      audience: https://api.example.com\n",
                );
            }
            if rng.chance(10) {
                out.push_str("  token_response_keys:\n    access_token: token\n    expires_in: ttl\n    expires_in_format: seconds\n");
            }
            if rng.chance(10) {
                out.push_str(
                    "  token_header: { key: Authorization, value_pattern: \"Bearer %s\" }\n",
                );
            }
        }
    }
}

/// Picks 2–20 (resource, verb) pairs, reads first as people write them.
fn plan_actions<'a>(rng: &mut Rng, api: &'a Api) -> Vec<(&'a Resource, Verb)> {
    let mut all = Vec::new();
    for resource in api.resources {
        all.push((resource, Verb::List));
        all.push((resource, Verb::Get));
        if !resource.fields.is_empty() {
            all.push((resource, Verb::Create));
            all.push((resource, Verb::Update));
        }
        all.push((resource, Verb::Delete));
        for transition in resource.transitions {
            all.push((resource, Verb::Transition(transition)));
        }
    }
    if let Some(catalog) = catalogue_of(api) {
        // Only routes the provider serves (Coupa has no DELETE on most resources): a route it
        // does not have is a finding, and the clean specs must be clean.
        all.retain(|(resource, verb)| {
            route_methods(*verb)
                .iter()
                .all(|method| !route_scopes(catalog, api, resource, *verb, method).is_empty())
        });
    }
    let count = rng.range(2, 20).min(all.len());
    rng.shuffle(&mut all);
    all.truncate(count);
    // Reads first, then writes, as in the specs people write.
    all.sort_by_key(|(_, verb)| !matches!(verb, Verb::List | Verb::Get));
    all
}

/// The catalogue of a provider that has one (`provider:` in its specs).
fn catalogue_of(api: &Api) -> Option<&'static connspec_catalog::Catalog> {
    if api.catalogue {
        connspec_catalog::catalog(api.key)
    } else {
        None
    }
}

/// The methods [`write_action`] may pick for `verb`.
fn route_methods(verb: Verb) -> &'static [&'static str] {
    match verb {
        Verb::List | Verb::Get => &["GET"],
        Verb::Create => &["POST"],
        Verb::Update => &["PUT", "PATCH"],
        Verb::Delete => &["DELETE"],
        Verb::Transition(transition) if transition.contains('/') => &["POST"],
        Verb::Transition(_) => &["PUT"],
    }
}

/// The path [`write_action`] writes for `verb` on `resource`.
fn action_path(api: &Api, resource: &Resource, verb: Verb) -> String {
    let collection = format!("{}/{}", api.prefix, resource.path);
    match verb {
        Verb::List | Verb::Create => collection,
        Verb::Get | Verb::Update | Verb::Delete => format!("{collection}/{{{{ inputs.id }}}}"),
        Verb::Transition(transition) => format!("{collection}/{{{{ inputs.id }}}}/{transition}"),
    }
}

/// The scopes the catalogue says `method` on the action's path needs (its least-privileged
/// way), if it has that route.
fn route_scopes(
    catalog: &connspec_catalog::Catalog,
    api: &Api,
    resource: &Resource,
    verb: Verb,
    method: &str,
) -> Vec<String> {
    match catalog.route(method, &action_path(api, resource, verb)) {
        connspec_catalog::RouteMatch::Found(route) => route.least_privileged().to_vec(),
        _ => Vec::new(),
    }
}

/// For a provider with a catalogue, the scopes the planned actions need, in first-use order.
fn needed_scopes(api: &Api, verbs: &[(&Resource, Verb)]) -> Option<Vec<String>> {
    let catalog = catalogue_of(api)?;
    let mut scopes: Vec<String> = Vec::new();
    for (resource, verb) in verbs {
        for method in route_methods(*verb) {
            for scope in route_scopes(catalog, api, resource, *verb, method) {
                if !scopes.contains(&scope) {
                    scopes.push(scope);
                }
            }
        }
    }
    Some(scopes)
}

fn write_action(
    out: &mut String,
    rng: &mut Rng,
    api: &Api,
    auth: AuthKind,
    resource: &Resource,
    verb: Verb,
    state: &mut SpecState,
) {
    let faults = &mut state.faults;
    let used_names = &mut state.action_names;
    let singular = resource.noun.replace([' ', '-'], "_");
    let base_name = match verb {
        Verb::List => format!("list_{}", resource.path.to_ascii_lowercase()),
        Verb::Get => format!("get_{singular}"),
        Verb::Create => format!("create_{singular}"),
        Verb::Update => format!("update_{singular}"),
        Verb::Delete => format!("delete_{singular}"),
        Verb::Transition(transition) => {
            let action = transition.rsplit('/').next().unwrap_or(transition);
            format!("{action}_{singular}")
        }
    };
    let mut name = base_name.clone();
    let mut n = 2;
    while used_names.contains(&name) {
        name = format!("{base_name}_{n}");
        n += 1;
    }
    used_names.push(name.clone());

    let path = action_path(api, resource, verb);
    let (method, description) = match verb {
        Verb::List => (
            "GET",
            format!("Lists {}s, newest first, at most one page.", resource.noun),
        ),
        Verb::Get => ("GET", format!("Fetches one {} by its id.", resource.noun)),
        Verb::Create => (
            "POST",
            format!("Creates a {} from the user's request.", resource.noun),
        ),
        Verb::Update => (
            *rng.pick(route_methods(verb)),
            format!("Updates fields of one {}.", resource.noun),
        ),
        Verb::Delete => ("DELETE", format!("Deletes one {}.", resource.noun)),
        Verb::Transition(transition) => (
            route_methods(verb)[0],
            format!(
                "Moves one {} on with `{transition}` on behalf of the user.",
                resource.noun
            ),
        ),
    };
    let method = if faults.take(Fault::UnknownMethod) {
        "FETCH"
    } else {
        method
    };
    let method_key = if faults.take(Fault::MisspeltMethod) {
        "metod"
    } else {
        "method"
    };

    let _ = writeln!(out, "  {name}:");
    if rng.chance(10) {
        let _ = writeln!(out, "    # Owner: {} integrations team.", api.display);
    }
    let _ = writeln!(out, "    description: {description}");
    let _ = writeln!(out, "    {method_key}: {method}");
    if path.contains("{{") {
        let _ = writeln!(out, "    path: \"{path}\"");
    } else {
        let _ = writeln!(out, "    path: {path}");
    }

    let has_body = matches!(verb, Verb::Create | Verb::Update)
        || (matches!(verb, Verb::Transition(_)) && rng.chance(50));
    if faults.take(Fault::HeadersAsList) {
        out.push_str("    headers: [Accept, application/json]\n");
    } else if has_body {
        out.push_str(
            "    headers:\n      Accept: application/json\n      Content-Type: application/json\n",
        );
    } else if api.catalogue || rng.chance(85) {
        // A provider's catalogue may require `Accept` (Coupa answers XML without it: P005).
        out.push_str("    headers: { Accept: application/json }\n");
    }

    // Inputs: (name, type, example, required, description).
    let mut inputs: Vec<(String, &str, String, bool, String)> = Vec::new();
    if !matches!(verb, Verb::List | Verb::Create) {
        inputs.push((
            "id".to_owned(),
            "integer",
            rng.range(1000, 99_999).to_string(),
            true,
            format!("Id of the {}.", resource.noun),
        ));
    }
    match verb {
        Verb::List => {
            out.push_str("    query:\n");
            for (key, example) in resource.filters {
                let input = key.replace(|c: char| !c.is_ascii_alphanumeric(), "_");
                let input = input.trim_matches('_').to_owned();
                if faults.take(Fault::ListAsQueryValue) {
                    let _ = writeln!(out, "      {}: [open, closed]", yaml_key(key));
                } else {
                    let _ = writeln!(out, "      {}: \"{{{{ inputs.{input} }}}}\"", yaml_key(key));
                }
                inputs.push((
                    input,
                    "string",
                    (*example).to_owned(),
                    rng.chance(30),
                    format!("Only {}s whose {key} matches.", resource.noun),
                ));
            }
            // A page size, unless a filter already is one.
            if !resource.filters.iter().any(|(key, _)| *key == "limit") {
                let page = if api.catalogue {
                    50
                } else {
                    *rng.pick(&[20, 25, 50, 100])
                };
                let _ = writeln!(out, "      limit: {page}");
            }
            if rng.chance(50) {
                out.push_str("      offset: \"{{ inputs.offset }}\"\n");
                inputs.push((
                    "offset".to_owned(),
                    "integer",
                    "0".to_owned(),
                    false,
                    "Records to skip, for the next page.".to_owned(),
                ));
            }
        }
        Verb::Create | Verb::Update => {
            if rng.chance(80) {
                out.push_str("    body:\n");
                for (field, _) in resource.fields {
                    let input = field.replace('-', "_");
                    let _ = writeln!(
                        out,
                        "      {}: \"{{{{ inputs.{input} }}}}\"",
                        yaml_key(field)
                    );
                }
                if matches!(verb, Verb::Create) && rng.chance(30) {
                    out.push_str("      requested_by: \"{{ meta_info.user.email_addr }}\"\n");
                }
            } else {
                let form: Vec<String> = resource
                    .fields
                    .iter()
                    .map(|(field, _)| {
                        format!("{field}={{{{ inputs.{} }}}}", field.replace('-', "_"))
                    })
                    .collect();
                let _ = writeln!(out, "    body: \"{}\"", form.join("&"));
            }
            for (field, example) in resource.fields {
                inputs.push((
                    field.replace('-', "_"),
                    "string",
                    (*example).to_owned(),
                    matches!(verb, Verb::Create),
                    format!("The {}'s {field}.", resource.noun),
                ));
            }
        }
        Verb::Transition(_) if has_body => {
            out.push_str("    body:\n      comment: \"{{ inputs.comment }}\"\n");
            inputs.push((
                "comment".to_owned(),
                "string",
                "Approved in chat".to_owned(),
                false,
                "Why, in the user's words.".to_owned(),
            ));
        }
        _ => {}
    }

    if !inputs.is_empty() {
        out.push_str("    inputs:\n");
        for (input, kind, example, required, description) in &inputs {
            let example = if *kind == "string" {
                format!("\"{}\"", example.replace('"', "\\\""))
            } else {
                example.clone()
            };
            let required = if *required && faults.take(Fault::RequiredAsString) {
                "\"yes\"".to_owned()
            } else {
                required.to_string()
            };
            if rng.chance(50) {
                let _ = writeln!(
                    out,
                    "      {input}: {{ type: {kind}, example: {example}, required: {required} }}"
                );
            } else {
                let _ = writeln!(
                    out,
                    "      {input}:\n        type: {kind}\n        description: {description}\n        example: {example}\n        required: {required}"
                );
            }
        }
    }

    let status = match verb {
        Verb::Create => "201",
        Verb::Delete => "204",
        Verb::Transition(_) | Verb::Update => "2xx",
        Verb::List | Verb::Get => "200",
    };
    if faults.take(Fault::StatusNotACode) {
        out.push_str("    expect: { status: ok }\n");
    } else if matches!(verb, Verb::List) {
        let _ = writeln!(
            out,
            "    expect:\n      status: {status}\n      json: array"
        );
        if rng.chance(30) {
            let _ = writeln!(
                out,
                "      max_latency_ms: {}",
                rng.pick(&[2000, 5000, 10_000])
            );
        }
        if rng.chance(20) {
            out.push_str("      checks:\n        - path: $[0].id\n          exists: true\n");
        }
    } else if matches!(verb, Verb::Get) {
        let _ = writeln!(out, "    expect: {{ status: {status}, json: object }}");
    } else if auth != AuthKind::None || rng.chance(50) {
        // A class such as `2xx` is a string; a code stays a number.
        let status = if status.contains('x') {
            format!("\"{status}\"")
        } else {
            status.to_owned()
        };
        let _ = writeln!(out, "    expect: {{ status: {status} }}");
    }
}

/// A mapping key, quoted when YAML would misread it.
fn yaml_key(key: &str) -> String {
    if key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        key.to_owned()
    } else {
        format!("\"{key}\"")
    }
}

// ---------------------------------------------------------------------------------------------
// Randomness.

/// `SplitMix64`: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        // The modulo bias is irrelevant for a benchmark corpus.
        let n64 = u64::try_from(n).unwrap_or(u64::MAX);
        usize::try_from(self.next_u64() % n64).unwrap_or(0)
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_is_deterministic_and_a_tenth_is_faulty() {
        let a = generate(200, 7);
        let b = generate(200, 7);
        assert!(
            a.iter()
                .zip(&b)
                .all(|(x, y)| x.text == y.text && x.name == y.name)
        );
        assert_eq!(a.iter().filter(|file| file.fault.is_some()).count(), 20);
    }

    /// `connspec check` (YAML, limits, schema and every lint rule) finds an error in exactly the
    /// specs with a fault put in on purpose: the clean ones are clean, so a tool that rejects one
    /// is wrong, and the benchmark can hold every tool to the same verdicts.
    #[test]
    fn exactly_the_faulty_specs_have_errors() {
        let options = connspec_model::CheckOptions::default();
        let settings = connspec_lint::LintSettings::default();
        for file in generate(400, 3) {
            let checked = connspec_lint::check_and_lint(
                &file.name,
                file.text.as_bytes(),
                &options,
                &settings,
            )
            .checked;
            let messages: Vec<_> = checked
                .diagnostics
                .iter()
                .filter(|d| d.severity == connspec_diagnostics::Severity::Error)
                .map(|d| format!("{}: {}", d.code, d.message))
                .collect();
            assert_eq!(
                checked.has_errors(),
                file.fault.is_some(),
                "{} (fault {:?}): {messages:?}\n{}",
                file.name,
                file.fault,
                file.text
            );
        }
    }

    #[test]
    fn specs_have_between_2_and_20_actions_and_varied_auth() {
        let corpus = generate(300, 1);
        for file in &corpus {
            let actions = file
                .text
                .lines()
                .skip_while(|line| *line != "actions:")
                .filter(|line| {
                    line.starts_with("  ") && !line.starts_with("   ") && line.ends_with(':')
                })
                .count();
            assert!(
                (2..=20).contains(&actions),
                "{} has {actions} actions",
                file.name
            );
        }
        for auth in [
            "none", "basic", "api_key", "bearer", "oauth2", "jwt", "on_prem",
        ] {
            let needle = format!("  type: {auth}\n");
            assert!(
                corpus.iter().any(|file| file.text.contains(&needle)),
                "no {auth} spec"
            );
        }
        for grant in [
            "client_credentials",
            "authorization_code",
            "password",
            "refresh_token",
        ] {
            let needle = format!("  grant_type: {grant}\n");
            assert!(
                corpus.iter().any(|file| file.text.contains(&needle)),
                "no {grant} spec"
            );
        }
    }
}
