//! Tests of the embedded catalogues: they parse, and Coupa's facts resolve as documented.

use super::*;

fn coupa() -> &'static Catalog {
    catalog("coupa").expect("coupa catalogue")
}

#[test]
fn every_embedded_catalogue_parses_and_names_itself() {
    for name in providers() {
        let catalog = catalog(name).expect("parses");
        assert_eq!(catalog.name, name);
        assert!(!catalog.routes().is_empty());
    }
}

/// `build.rs` embeds the folder: every file in it is a catalogue `catalog` finds by its `name`,
/// which is the file's stem.
#[test]
fn every_file_in_the_catalogues_folder_is_embedded_and_found_by_name() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalogues");
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).expect("catalogues folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable");
        let parsed: Catalog = toml::from_str(&text)
            .unwrap_or_else(|e| panic!("{} does not load: {e}", path.display()));
        let found =
            catalog(&parsed.name).unwrap_or_else(|| panic!("{} is not embedded", path.display()));
        assert_eq!(found.name, parsed.name);
        assert_eq!(
            path.file_stem().and_then(|s| s.to_str()),
            Some(parsed.name.as_str()),
            "a catalogue file is named after its provider"
        );
        assert!(providers().any(|p| p == parsed.name));
        files += 1;
    }
    assert!(files > 0);
    assert_eq!(providers().count(), files);
}

#[test]
fn scaffold_actions_resolve_to_routes_and_supported_auth() {
    for name in providers() {
        let catalog = catalog(name).expect("parses");
        for action in &catalog.scaffold.actions {
            assert!(
                matches!(catalog.route("GET", &action.path), RouteMatch::Found(_)),
                "{name}: {}",
                action.path
            );
            assert!(
                action.auth.iter().all(|k| catalog.scaffold.supports(k)),
                "{name}: {:?}",
                action.auth
            );
        }
    }
    assert_eq!(
        coupa()
            .scaffold
            .action("client_credentials")
            .map(|a| a.path.as_str()),
        Some("/api/expense_reports")
    );
    assert_eq!(
        coupa()
            .scaffold
            .action("refresh_token")
            .map(|a| a.path.as_str()),
        Some("/api/approvals")
    );
}

#[test]
fn every_route_scope_is_a_known_scope() {
    for route in coupa().routes() {
        for scope in route.requirement.alternatives().iter().flatten() {
            assert!(coupa().is_known_scope(scope), "{route:?}");
        }
        assert!(route.path.starts_with(&coupa().api_prefix), "{route:?}");
    }
}

#[test]
fn expense_report_scope_maps_to_the_real_one() {
    assert!(!coupa().is_known_scope("core.expense_report.read"));
    assert_eq!(
        coupa().suggest_scope("core.expense_report.read"),
        Some("core.expense.read")
    );
    assert_eq!(
        coupa().suggest_scope("core.approvals.write"),
        Some("core.approval.write")
    );
    assert_eq!(
        coupa().suggest_scope("core.inventory.receiveing.read"),
        Some("core.inventory.receiving.read")
    );
    assert_eq!(
        coupa().suggest_scope("core.aproval.read"),
        Some("core.approval.read")
    );
    assert_eq!(coupa().suggest_scope("totally.unrelated"), None);
}

#[test]
fn routes_resolve_templates_and_concrete_paths() {
    let RouteMatch::Found(route) = coupa().route("GET", "/api/requisitions/{{ inputs.id }}") else {
        panic!("no route");
    };
    assert_eq!(route.least_privileged(), ["core.requisition.read"]);
    let RouteMatch::Found(route) = coupa().route("PUT", "/api/approvals/12622/approve") else {
        panic!("no route");
    };
    assert_eq!(route.least_privileged(), ["core.approval.write"]);
    let RouteMatch::Found(route) = coupa().route("PATCH", "/api/approvals/{{{id}}}/reject") else {
        panic!("no route");
    };
    assert_eq!(route.least_privileged(), ["core.approval.write"]);
    // The literal `mine` beats the `:id` parameter.
    let RouteMatch::Found(route) = coupa().route("GET", "/api/requisitions/mine") else {
        panic!("no route");
    };
    assert_eq!(route.path, "/api/requisitions/mine");
    assert_eq!(
        coupa().route("POST", "/api/approvals/{{ inputs.id }}/approve"),
        RouteMatch::WrongMethod(vec!["PATCH", "PUT"])
    );
    assert_eq!(
        coupa().route("GET", "/api/expense-reports"),
        RouteMatch::Unknown
    );
    assert_eq!(
        coupa().route("GET", "/api/approvals?status=x").clone(),
        coupa().route("GET", "/api/approvals")
    );
}

#[test]
fn hosts_are_classified() {
    assert_eq!(
        coupa().host_kind("acme-test.coupahost.com"),
        Some(HostKind::Customer)
    );
    assert_eq!(
        coupa().host_kind("demo.coupacloud.com:443"),
        Some(HostKind::Partner)
    );
    assert_eq!(
        coupa().host_kind("r39.coupadev.com"),
        Some(HostKind::Internal)
    );
    assert_eq!(coupa().host_kind("a.b.coupahost.com"), None);
    assert_eq!(coupa().host_kind("coupahost.com"), None);
    assert_eq!(coupa().host_kind("example.com"), None);
}

#[test]
fn resources_are_listed_for_suggestions() {
    let resources = coupa().resources();
    assert!(resources.contains(&"expense_reports"));
    assert!(resources.contains(&"approvals"));
}

/// A provider needs only its identity, endpoints and scopes; every sub-table has defaults, and
/// rules whose convention is missing do not run.
#[test]
fn a_minimal_catalogue_loads_with_defaults() {
    let catalog: Catalog = toml::from_str(
        r#"
name = "acme"
display_name = "Acme"
token_url = "/oauth/token"
authorization_url = "/oauth/authorize"
api_prefix = "/v1/"
scopes = ["items.read"]
"#,
    )
    .expect("loads");
    let catalog = catalog.finish().expect("consistent");
    assert_eq!(catalog.api_name, "API");
    assert_eq!(catalog.secret_prefix(), "ACME_");
    assert_eq!(
        catalog.host_description(),
        "Acme host of the customer's instance"
    );
    assert!(!catalog.conventions.accept_json_required);
    assert_eq!(catalog.conventions.page_size_param, None);
    assert!(catalog.setup.service_account.is_none());
    assert!(catalog.scaffold.supports("basic"));
    assert!(catalog.scaffold.action("client_credentials").is_none());
    assert!(!catalog.is_write_scope("items.write"));
}

#[test]
fn coupa_conventions_and_scaffold_are_data() {
    let conventions = &coupa().conventions;
    assert_eq!(conventions.page_size_param.as_deref(), Some("limit"));
    assert_eq!(conventions.offset_param.as_deref(), Some("offset"));
    assert_eq!(
        conventions.return_object_param.as_deref(),
        Some("return_object")
    );
    assert!(coupa().is_write_scope("core.approval.write"));
    assert!(!coupa().is_write_scope("core.approval.read"));
    assert!(coupa().is_identity_scope("offline_access"));
    assert_eq!(coupa().secret_prefix(), "COUPA_");
    assert!(coupa().scaffold.supports("refresh_token"));
    assert!(!coupa().scaffold.supports("basic"));
}

#[test]
fn a_scope_is_described_by_the_routes_that_need_it() {
    let text = coupa()
        .describe_scope("core.approval.read", 2)
        .expect("known");
    assert!(text.contains("`GET /api/approvals`"), "{text}");
    assert!(text.contains("and 1 more"), "{text}");
    let write = coupa()
        .describe_scope("core.approval.write", 10)
        .expect("known");
    assert!(write.contains("grants writes"), "{write}");
    let identity = coupa().describe_scope("openid", 10).expect("known");
    assert!(identity.contains("identity"), "{identity}");
    assert!(coupa().describe_scope("core.aproval.read", 10).is_none());
}

#[test]
fn glob_patterns_match_whole_names() {
    assert!(glob_matches("write:*", "write:jira-work"));
    assert!(!glob_matches("write:*", "read:jira-work"));
    assert!(glob_matches(
        "*.readonly",
        "https://www.googleapis.com/auth/calendar.readonly"
    ));
    assert!(glob_matches("*:write:*", "phone:write:admin"));
    assert!(!glob_matches("*:write:*", "phone:read:admin"));
    assert!(glob_matches("*.ReadWrite*", "User.ReadWrite.All"));
    assert!(glob_matches("exact", "exact"));
    assert!(!glob_matches("exact", "exactly"));
    assert!(!glob_matches("a*a", "a"));
}

/// Each generated catalogue holds (at least 95% of) the scopes and the scoped operations its
/// sources list, as the generator counted them: nothing was lost between the vendor's file and
/// the embedded data.
#[test]
fn generated_catalogues_hold_what_their_sources_list() {
    let mut generated = 0;
    for name in providers() {
        let catalog = catalog(name).expect("parses");
        for source in &catalog.sources {
            generated += 1;
            let operations: std::collections::BTreeSet<(&str, &str)> = catalog
                .routes()
                .iter()
                .filter(|r| r.from.as_deref() == Some(source.id.as_str()))
                .map(|r| (r.method, r.path.as_str()))
                .collect();
            assert!(
                operations.len() * 100 >= source.scoped_operations * 95,
                "{name}/{}: {} of {} scoped operations",
                source.id,
                operations.len(),
                source.scoped_operations
            );
            assert!(
                source.scoped_operations * 100 >= source.operations * 80,
                "{name}/{}: only {} of {} operations have scopes",
                source.id,
                source.scoped_operations,
                source.operations
            );
        }
        // Every scope but the identity layer's names the files that list it.
        if !catalog.sources.is_empty() {
            for scope in catalog.scopes() {
                assert!(
                    catalog.is_identity_scope(scope) || catalog.scope_sources(scope).count() > 0,
                    "{name}: `{scope}` has no source"
                );
            }
        }
        let declared: usize = catalog.sources.iter().map(|s| s.scopes).sum();
        if !catalog.sources.is_empty() {
            assert!(
                catalog.scopes().count() * 100 >= declared.min(catalog.scopes().count()) * 95,
                "{name}"
            );
        }
    }
    assert!(generated >= 6, "{generated} generated sources");
}

/// Route requirements follow each vendor's meaning of a list of scopes, least privilege first.
#[test]
fn vendor_requirements_resolve_as_their_sources_say() {
    let route = |provider: &str, method: &str, path: &str| match catalog(provider)
        .expect("catalogue")
        .route(method, path)
    {
        RouteMatch::Found(route) => route.requirement.alternatives().to_vec(),
        other => panic!("{provider} {method} {path}: {other:?}"),
    };
    // Okta: all scopes of one requirement are needed.
    assert_eq!(route("okta", "GET", "/api/v1/users"), [["okta.users.read"]]);
    // Google: any listed scope applies; the narrowest read-only one first.
    let events = route("google", "GET", "/calendar/v3/calendars/primary/events");
    assert_eq!(
        events[0],
        ["https://www.googleapis.com/auth/calendar.events.readonly"]
    );
    assert!(events.contains(&vec!["https://www.googleapis.com/auth/calendar".to_owned()]));
    // Graph: the source's least-privilege mark first; paths without the version, any case.
    let graph = catalog("microsoft-graph").expect("graph");
    let RouteMatch::Found(me) = graph.route_of(
        "https://graph.microsoft.com/v1.0",
        "GET",
        "/me/calendar/calendarView",
    ) else {
        panic!("no /me/calendar/calendarView");
    };
    assert_eq!(me.least_privileged(), ["Calendars.ReadBasic"]);
    // Zoom: classic and granular scopes are alternatives.
    assert_eq!(
        route("zoom", "GET", "/v2/phone/users"),
        [["phone:read:list_users:admin"], ["phone:read:admin"]]
    );
    // Jira through Atlassian's gateway: classic scope, or the granular ones together.
    let issue = route(
        "jira",
        "GET",
        "/ex/jira/{{ instance.cloud_id }}/rest/api/3/issue/{{ inputs.key }}",
    );
    assert_eq!(issue[0], ["read:jira-work"]);
    assert!(issue.iter().any(|a| a.len() > 1));
    // GitHub: write access includes read.
    assert_eq!(
        route("github", "GET", "/repos/{owner}/{repo}/issues"),
        [["issues:read"], ["issues:write"]]
    );
    assert!(
        catalog("github")
            .expect("github")
            .is_write_scope("issues:write")
    );
    assert!(
        !catalog("google")
            .expect("google")
            .is_write_scope("https://www.googleapis.com/auth/calendar.readonly")
    );
    assert!(
        catalog("google")
            .expect("google")
            .is_write_scope("https://www.googleapis.com/auth/calendar")
    );
}

#[test]
fn providers_are_found_by_host_without_parsing_others() {
    assert_eq!(
        catalog_for_spec(None, "https://graph.microsoft.com/v1.0")
            .map(|(c, inferred)| (c.name.as_str(), inferred)),
        Some(("microsoft-graph", true))
    );
    assert_eq!(
        catalog_of_spec(None, "https://{{ instance.org }}.okta.com").map(|c| c.name.as_str()),
        Some("okta")
    );
    assert_eq!(
        catalog_of_spec(Some("coupa"), "https://graph.microsoft.com").map(|c| c.name.as_str()),
        Some("coupa")
    );
    assert!(catalog_of_spec(None, "https://api.example.com").is_none());
    assert!(catalog_of_spec(None, "https://{{ instance.domain }}").is_none());
    let graph = catalog("microsoft-graph").expect("graph");
    assert!(graph.vouches_for("graph.microsoft.com"));
    assert!(graph.vouches_for("login.microsoftonline.com"));
    assert!(!graph.vouches_for("graph.microsoft.com.evil.example"));
    assert!(
        !coupa().vouches_for("acme.coupahost.com"),
        "a tenant host needs the instance"
    );
}

/// Every catalogue says how its provider issues refresh tokens: `init`, `import curl` and A006
/// would otherwise fall back to `offline_access`, which Google and GitHub do not know.
#[test]
fn every_catalogue_says_how_its_provider_issues_refresh_tokens() {
    for name in providers() {
        let catalog = catalog(name).expect("parses");
        let refresh = catalog.refresh.as_ref();
        assert!(refresh.is_some(), "{name} has no `refresh`");
        if let Some(RefreshTokens::Scope(scope)) = refresh {
            assert!(
                catalog.is_known_scope(scope) && catalog.is_identity_scope(scope),
                "{name}: `{scope}` is not a known identity scope"
            );
            assert_eq!(catalog.refresh_scope(), Some(scope.as_str()));
        }
    }
    assert!(matches!(
        catalog("google").and_then(|c| c.refresh.as_ref()),
        Some(RefreshTokens::AuthorizationQuery(query)) if query["access_type"] == "offline"
    ));
}

#[test]
fn a_token_request_on_a_shared_identity_host_names_its_provider_and_endpoint() {
    let found = |host: &str, path: &str| {
        catalog_of_token_url(host, path)
            .map(|(catalog, endpoint)| (catalog.name.as_str(), endpoint))
    };
    assert_eq!(
        found("oauth2.googleapis.com", "/token"),
        Some(("google", "https://oauth2.googleapis.com/token"))
    );
    let graph_v2 = "https://login.microsoftonline.com/{{ instance.tenant }}/oauth2/v2.0/token";
    // A literal tenant, a guide's placeholder, and the host in capitals.
    for (host, path) in [
        (
            "login.microsoftonline.com",
            "/contoso.onmicrosoft.com/oauth2/v2.0/token",
        ),
        (
            "login.microsoftonline.com",
            "/{tenant-id}/oauth2/v2.0/token",
        ),
        ("Login.MicrosoftOnline.com", "/common/oauth2/v2.0/token"),
    ] {
        assert_eq!(
            found(host, path),
            Some(("microsoft-graph", graph_v2)),
            "{host}{path}"
        );
    }
    // Entra ID's v1 endpoint is one of `other_token_urls`.
    assert_eq!(
        found(
            "login.microsoftonline.com",
            "/contoso.onmicrosoft.com/oauth2/token"
        ),
        Some((
            "microsoft-graph",
            "https://login.microsoftonline.com/{{ instance.tenant }}/oauth2/token"
        ))
    );
    assert_eq!(found("zoom.us", "/oauth/token").map(|f| f.0), Some("zoom"));
    assert_eq!(
        found("github.com", "/login/oauth/access_token").map(|f| f.0),
        Some("github")
    );
    // Another path on the identity host, a token path on a tenant host, an unknown host.
    assert_eq!(
        found("login.microsoftonline.com", "/tenant/oauth2/v2.0/authorize"),
        None
    );
    assert_eq!(found("oauth2.googleapis.com", "/revoke"), None);
    assert_eq!(found("acme.coupahost.com", "/oauth2/token"), None);
    assert_eq!(found("auth.example.com", "/oauth/token"), None);
}

#[test]
fn the_client_id_and_secret_are_described_where_an_admin_finds_them() {
    let (id, secret) = coupa().client_credential_locations();
    assert!(id.ends_with("the client's Identifier"), "{id}");
    assert!(secret.ends_with("the client's Secret"), "{secret}");
    let graph = catalog("microsoft-graph").expect("Graph");
    assert!(
        graph
            .client_credential_locations()
            .0
            .contains("Application (client) ID")
    );
    let (id, secret) = client_credential_locations(None);
    assert!(id.ends_with("the client ID") && secret.ends_with("the client secret"));
}

/// What `Catalog::route` answered before the index: the same resolution over every route.
fn scan<'a>(catalog: &'a Catalog, method: &str, path: &str) -> RouteMatch<'a> {
    let segments = catalog.without_prefix(path_segments(path));
    catalog.resolve(method, &segments, || catalog.routes().iter())
}

/// The first-segment index changes no answer: every catalogue's routes (a sample of the
/// large ones), as written, with values for their parameters, in capitals, and behind a
/// template expression, resolve as a scan of every route resolves them.
#[test]
fn the_route_index_answers_as_a_scan_of_every_route() {
    let mut compared = 0;
    for name in providers() {
        let catalog = catalog(name).expect("parses");
        let step = (catalog.routes().len() / 40).max(1);
        for route in catalog.routes().iter().step_by(step) {
            let concrete: String = segments_of(&route.path)
                .map(|segment| match segment {
                    Segment::Literal(text) => format!("/{text}"),
                    Segment::Param => "/x1".to_owned(),
                    Segment::Partial { prefix, suffix } => format!("/{prefix}x1{suffix}"),
                })
                .collect();
            let behind_template = concrete.splitn(3, '/').nth(2).map_or_else(
                || "/{{ inputs.a }}".to_owned(),
                |rest| format!("/{{{{ inputs.a }}}}/{rest}"),
            );
            let paths = [
                route.path.clone(),
                concrete.clone(),
                concrete.to_ascii_uppercase(),
                behind_template,
                format!("{concrete}/unknown-segment"),
            ];
            for path in &paths {
                for method in ["GET", "DELETE"] {
                    assert_eq!(
                        catalog.route(method, path),
                        scan(catalog, method, path),
                        "{name}: {method} {path}"
                    );
                    compared += 1;
                }
            }
        }
    }
    assert!(compared > 2_000, "{compared}");
}
