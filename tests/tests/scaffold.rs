//! End-to-end tests of `connspec init` and `connspec import curl` with the real binary: every
//! scaffold checks without findings, nothing is ever overwritten, and every cURL command of the
//! seed guides imports into a spec that checks without errors.

mod common;

use std::path::{Path, PathBuf};

use common::{connspec, run};
use connspec_tests::project_root;

/// Every `--auth` value of a generic scaffold, and those Coupa supports.
const GENERIC_AUTH: &[&str] = &[
    "client_credentials",
    "authorization_code",
    "password",
    "refresh_token",
    "basic",
    "api_key",
    "bearer",
    "jwt",
    "jwks",
    "on_prem",
    "none",
];
const COUPA_AUTH: &[&str] = &["client_credentials", "authorization_code", "refresh_token"];

fn json_check(args: &[&Path]) -> (i32, serde_json::Value) {
    let mut command = connspec();
    command.args(["check", "--format", "json"]);
    for arg in args {
        command.arg(arg);
    }
    let output = run(&mut command);
    let json = serde_json::from_str(&output.stdout)
        .unwrap_or_else(|e| panic!("check output is not JSON ({e}): {}", output.transcript()));
    (output.code, json)
}

/// Runs `init` into a fresh folder and returns the folder, the spec and the instance file.
fn init_into(dir: &Path, extra: &[&str]) -> (PathBuf, PathBuf) {
    let output = run(connspec().arg("init").args(extra).arg(dir));
    assert_eq!(output.code, 0, "{}", output.transcript());
    let spec = std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "yaml"))
        .expect("a spec was written");
    let instance = dir.join("instances/example.yaml");
    assert!(instance.is_file(), "{}", output.transcript());
    assert!(
        output.stdout.contains("connspec check"),
        "{}",
        output.transcript()
    );
    (spec, instance)
}

#[test]
fn init_scaffolds_check_without_any_finding_for_every_auth_type() {
    let root = tempfile::tempdir().expect("temp dir");
    let cases = GENERIC_AUTH
        .iter()
        .map(|auth| (None, *auth))
        .chain(COUPA_AUTH.iter().map(|auth| (Some("coupa"), *auth)));
    let mut checked = 0;
    for (provider, auth) in cases {
        let dir = root
            .path()
            .join(format!("{}-{auth}", provider.unwrap_or("generic")));
        let mut args = vec!["--auth", auth];
        if let Some(provider) = provider {
            args.extend(["--provider", provider]);
        }
        let (spec, instance) = init_into(&dir, &args);
        let text = std::fs::read_to_string(&spec).expect("spec");
        assert!(
            text.contains(&format!("type: {}", auth_type(auth))),
            "{auth}: {text}"
        );
        let (code, json) = json_check(&[&dir, Path::new("--instance"), &instance]);
        assert_eq!(code, 0, "{provider:?} {auth}: {json:#}");
        assert_eq!(
            json["summary"],
            serde_json::json!({ "files": 2, "errors": 0, "warnings": 0, "infos": 0 }),
            "{provider:?} {auth}: {json:#}"
        );
        if provider == Some("coupa") {
            assert!(text.contains("/oauth2/token"), "{text}");
            assert!(text.contains("format: hostname"), "{text}");
            assert!(text.contains("Accept: application/json"), "{text}");
        }
        checked += 1;
    }
    assert_eq!(checked, GENERIC_AUTH.len() + COUPA_AUTH.len());
}

fn auth_type(auth: &str) -> &str {
    match auth {
        "client_credentials" | "authorization_code" | "password" | "refresh_token" => "oauth2",
        other => other,
    }
}

#[test]
fn init_never_overwrites_and_writes_nothing_when_one_file_exists() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("coupa");
    let (spec, instance) = init_into(&dir, &["--provider", "coupa"]);
    let spec_before = std::fs::read(&spec).expect("spec");
    let instance_before = std::fs::read(&instance).expect("instance");

    let again = run(connspec().args(["init", "--provider", "coupa"]).arg(&dir));
    assert_eq!(again.code, 2, "{}", again.transcript());
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(std::fs::read(&spec).expect("spec"), spec_before);
    assert_eq!(std::fs::read(&instance).expect("instance"), instance_before);

    // Only the instance file exists: the spec must not be written either.
    let other = root.path().join("other");
    std::fs::create_dir_all(other.join("instances")).expect("mkdir");
    std::fs::write(other.join("instances/example.yaml"), "mine\n").expect("write");
    let refused = run(connspec().arg("init").arg(&other));
    assert_eq!(refused.code, 2, "{}", refused.transcript());
    assert_eq!(
        std::fs::read_to_string(other.join("instances/example.yaml")).expect("read"),
        "mine\n"
    );
    assert!(!other.join("my-connector.yaml").exists());
}

#[test]
fn init_with_a_yaml_path_writes_that_spec_file_not_a_folder() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("team");
    for (path, name) in [
        (dir.join("new-thing.yaml"), "new_thing"),
        (root.path().join("Other.YML"), "Other"),
    ] {
        let output = run(connspec().arg("init").arg(&path));
        assert_eq!(output.code, 0, "{}", output.transcript());
        assert!(
            path.is_file(),
            "{} is not a file: {}",
            path.display(),
            output.transcript()
        );
        let folder = path.parent().expect("parent");
        assert!(folder.join("instances/example.yaml").is_file());
        let text = std::fs::read_to_string(&path).expect("spec");
        assert!(text.contains(&format!("name: {name}")), "{text}");
        let (code, json) = json_check(&[&path, &folder.join("instances/example.yaml")]);
        assert_eq!(code, 0, "{json}");
    }
    // The file exists now: nothing is overwritten.
    let again = run(connspec().arg("init").arg(dir.join("new-thing.yaml")));
    assert_eq!(again.code, 2, "{}", again.transcript());
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
}

#[test]
fn init_rejects_bad_names_and_auth_a_provider_lacks() {
    let root = tempfile::tempdir().expect("temp dir");
    for name in ["1coupa", "a", "has-dash", "with space", &"x".repeat(65)] {
        let output = run(connspec().args(["init", "--name", name]).arg(root.path()));
        assert_eq!(output.code, 2, "{name}: {}", output.transcript());
        assert!(
            output.stderr.contains("^[a-zA-Z][a-zA-Z0-9_]+$"),
            "{name}: {}",
            output.stderr
        );
    }
    let output = run(connspec()
        .args(["init", "--provider", "coupa", "--auth", "basic"])
        .arg(root.path()));
    assert_eq!(output.code, 2, "{}", output.transcript());
    assert!(output.stderr.contains("OAuth 2.0"), "{}", output.stderr);
    assert_eq!(
        std::fs::read_dir(root.path()).expect("dir").count(),
        0,
        "nothing may be written"
    );
}

#[test]
fn init_modeline_is_relative_inside_the_repository() {
    let target = project_root().join("target");
    std::fs::create_dir_all(&target).expect("target dir");
    let root = tempfile::tempdir_in(&target).expect("temp dir");
    let dir = root.path().join("acme");
    let (spec, instance) = init_into(&dir, &["--name", "acme_api"]);
    let spec_text = std::fs::read_to_string(&spec).expect("spec");
    assert!(
        spec_text.starts_with(
            "# yaml-language-server: $schema=../../../schemas/connector.schema.json\n"
        ),
        "{spec_text}"
    );
    let instance_text = std::fs::read_to_string(&instance).expect("instance");
    assert!(
        instance_text.starts_with(
            "# yaml-language-server: $schema=../../../../schemas/instance.schema.json\n"
        ),
        "{instance_text}"
    );
    assert!(spec.ends_with("acme-api.yaml"), "{}", spec.display());
}

#[test]
fn init_coupa_user_consent_spec_text() {
    let root = tempfile::tempdir().expect("temp dir");
    let (spec, instance) = init_into(
        root.path(),
        &["--provider", "coupa", "--auth", "authorization_code"],
    );
    let spec_text = std::fs::read_to_string(spec).expect("spec");
    let instance_text = std::fs::read_to_string(instance).expect("instance");
    insta::assert_snapshot!(format!(
        "{spec_text}----- instances/example.yaml -----\n{instance_text}"
    ));
}

/// The cURL commands of the seed guides: a line starting with `curl ` and its `\` continuations.
fn seed_commands() -> Option<Vec<(String, String)>> {
    let dir = project_root().join("tests/data/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        assert!(
            std::env::var_os("CONNSPEC_REQUIRE_PEERS").is_none_or(|v| v != "1"),
            "the seed guides are missing at {} but CONNSPEC_REQUIRE_PEERS=1",
            dir.display()
        );
        #[allow(clippy::print_stderr)]
        {
            eprintln!("skipped: no seed guides at {}", dir.display());
        }
        return None;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut commands = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("seed guide");
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            if !line.trim_start().starts_with("curl ") {
                continue;
            }
            let mut command = vec![line];
            while command.last().is_some_and(|l| l.trim_end().ends_with('\\')) {
                match lines.next() {
                    Some(next) => command.push(next),
                    None => break,
                }
            }
            let name = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            commands.push((format!("{name}-{}", commands.len()), command.join("\n")));
        }
    }
    Some(commands)
}

#[test]
fn every_seed_curl_imports_into_a_spec_that_checks() {
    let Some(commands) = seed_commands() else {
        return;
    };
    assert!(!commands.is_empty(), "the seed guides hold cURL commands");
    let root = tempfile::tempdir().expect("temp dir");
    let spec = root.path().join("approvals.yaml");
    let original = project_root().join("connectors/coupa/approvals-service.yaml");
    std::fs::copy(&original, &spec).expect("copy the spec");
    let (mut actions, mut auth_blocks) = (0, 0);
    for (name, command) in &commands {
        let before = std::fs::read_to_string(&spec).expect("spec");
        let imported = run(connspec()
            .args(["import", "curl", "--spec"])
            .arg(&spec)
            .arg(command));
        assert!(!imported.stderr.contains("panicked"), "{}", imported.stderr);
        if imported.stderr.contains("OAuth2 token request") {
            // A token request is the connector's auth, never an action.
            assert_eq!(imported.code, 2, "{name}: {}", imported.transcript());
            assert_eq!(std::fs::read_to_string(&spec).expect("spec"), before);
            let full = run(connspec()
                .args(["import", "curl", "--full", "--provider", "coupa"])
                .arg(command));
            assert_eq!(full.code, 0, "{name}: {}", full.transcript());
            let auth_spec = root.path().join(format!("{name}-auth.yaml"));
            std::fs::write(&auth_spec, &full.stdout).expect("write");
            let (code, json) = json_check(&[&auth_spec]);
            assert_eq!(code, 0, "{name}: {json:#}\n{}", full.stdout);
            assert_eq!(json["summary"]["errors"], 0, "{json:#}");
            assert!(full.stdout.contains("grant_type: client_credentials"));
            assert!(
                full.stdout
                    .contains("token_url: https://{{ instance.domain }}/oauth2/token")
            );
            assert!(
                full.stdout
                    .contains("client_secret: \"{{ secrets.COUPA_CLIENT_SECRET }}\"")
            );
            auth_blocks += 1;
            continue;
        }
        assert_eq!(imported.code, 0, "{name}: {}", imported.transcript());
        let after = std::fs::read_to_string(&spec).expect("spec");
        // The user's text is kept: every original line is still there.
        let mut lines = after.lines();
        for line in before
            .lines()
            .filter(|l| !l.trim_start().starts_with("- core."))
        {
            assert!(lines.any(|l| l == line), "{name}: lost line `{line}`");
        }
        assert!(!after.contains("generated_bearer_token"), "{after}");
        assert!(!after.contains("Authorization"), "{after}");
        let (code, json) = json_check(&[&spec]);
        assert_eq!(code, 0, "{name}: {json:#}\n{after}");
        assert_eq!(json["summary"]["errors"], 0, "{json:#}");
        actions += 1;
    }
    assert_eq!(actions + auth_blocks, commands.len());
    assert!(
        actions >= 1 && auth_blocks >= 1,
        "{actions} actions, {auth_blocks} auth blocks"
    );
}

#[test]
fn seed_curls_imported_yaml() {
    let Some(commands) = seed_commands() else {
        return;
    };
    for (name, command) in &commands {
        let output = run(connspec()
            .args(["import", "curl", "--provider", "coupa"])
            .arg(command));
        assert_eq!(output.code, 0, "{}", output.transcript());
        insta::assert_snapshot!(
            format!("seed_curl_{name}"),
            format!("{command}\n----- import -----\n{}", output.transcript())
        );
    }
}

#[test]
fn import_refuses_bad_input_clearly() {
    let cases = [
        (
            "curl 'https://h.example.com/x",
            "unclosed single quote: the one opened at line 1, column 6",
        ),
        ("wget https://h.example.com/x", "does not start with `curl`"),
        ("curl -L", "no URL"),
        ("curl https://h.example.com --frobnicate", "`--frobnicate`"),
        ("curl $'https://h.example.com'", "`$'…'`"),
        ("curl https://h.example.com -d @body.json", "reads a file"),
    ];
    for (command, message) in cases {
        let output = run(connspec().args(["import", "curl", command]));
        assert_eq!(output.code, 2, "{command}: {}", output.transcript());
        assert!(
            output.stderr.contains(message),
            "{command}: {}",
            output.stderr
        );
        assert!(!output.stderr.contains("panicked"), "{}", output.stderr);
    }
    let from_stdin = run(connspec()
        .args(["import", "curl", "-"])
        .write_stdin("curl https://api.example.com/v1/things -H 'Authorization: Bearer s3cr3t'"));
    assert_eq!(from_stdin.code, 0, "{}", from_stdin.transcript());
    assert!(
        from_stdin.stdout.contains("list_things:"),
        "{}",
        from_stdin.stdout
    );
    assert!(!from_stdin.transcript().contains("s3cr3t"));
}

#[test]
fn import_into_a_spec_refuses_duplicates_and_new_errors() {
    let root = tempfile::tempdir().expect("temp dir");
    let spec = root.path().join("approvals.yaml");
    std::fs::copy(
        project_root().join("connectors/coupa/approvals-service.yaml"),
        &spec,
    )
    .expect("copy");
    let before = std::fs::read(&spec).expect("spec");
    let duplicate = run(connspec()
        .args(["import", "curl", "--name", "get_user", "--spec"])
        .arg(&spec)
        .arg("curl https://acme.coupahost.com/api/users/{{id}} -H 'Accept: application/json'"));
    assert_eq!(duplicate.code, 2, "{}", duplicate.transcript());
    assert!(
        duplicate.stderr.contains("already has an action"),
        "{}",
        duplicate.stderr
    );
    let broken = run(connspec()
        .args(["import", "curl", "--name", "lookup_user", "--spec"])
        .arg(&spec)
        .arg("curl 'https://acme.coupahost.com/api/users/{{ instance.nope }}'"));
    assert_eq!(broken.code, 1, "{}", broken.transcript());
    assert!(
        broken.stderr.contains("nothing was written"),
        "{}",
        broken.stderr
    );
    assert_eq!(std::fs::read(&spec).expect("spec"), before);
}

/// `connspec init --provider NAME` for every catalogue and every auth its scaffold accepts:
/// the provider's URLs, least-privilege scopes (or the permissions to grant) and no finding.
#[test]
fn init_scaffolds_every_catalogue_provider_without_any_finding() {
    let root = tempfile::tempdir().expect("temp dir");
    let mut checked = 0;
    for provider in connspec_catalog::providers() {
        let catalog = connspec_catalog::catalog(provider).expect("catalogue");
        for auth in &catalog.scaffold.auth {
            let dir = root.path().join(format!("{provider}-{auth}"));
            let (spec, instance) = init_into(&dir, &["--provider", provider, "--auth", auth]);
            let text = std::fs::read_to_string(&spec).expect("spec");
            assert!(text.contains(&format!("provider: {provider}")), "{text}");
            let (code, json) = json_check(&[&dir, Path::new("--instance"), &instance]);
            assert_eq!(code, 0, "{provider} {auth}: {json:#}\n{text}");
            assert_eq!(
                json["summary"],
                serde_json::json!({ "files": 2, "errors": 0, "warnings": 0, "infos": 0 }),
                "{provider} {auth}: {json:#}\n{text}"
            );
            // The provider's own token request fields (Zoom's `account_credentials`).
            if auth == "client_credentials" {
                for (key, value) in &catalog.scaffold.client_credentials_body {
                    assert!(
                        text.lines()
                            .any(|line| line.trim_start().starts_with(&format!("{key}: "))
                                && line.contains(value.as_str())),
                        "{provider}: no `{key}: {value}`\n{text}"
                    );
                }
            }
            // The scaffold's action is one the catalogue verifies: its scopes are the route's.
            let action = catalog.scaffold.action(auth).expect("an example action");
            let connspec_catalog::RouteMatch::Found(route) = catalog.route("GET", &action.path)
            else {
                panic!("{provider}: {} is not a route", action.path);
            };
            for scope in route.least_privileged() {
                assert!(
                    text.contains(scope.as_str()),
                    "{provider} {auth}: no `{scope}`\n{text}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked} scaffolds");
}

/// `url` with every `{{ instance.NAME }}` of `catalog`'s scaffold replaced by its example.
fn with_examples(url: &str, catalog: &connspec_catalog::Catalog) -> String {
    let mut url = url.to_owned();
    for parameter in catalog
        .scaffold
        .host
        .iter()
        .chain(&catalog.scaffold.parameters)
    {
        url = url.replace(
            &format!("{{{{ instance.{} }}}}", parameter.parameter),
            &parameter.example,
        );
    }
    url
}

/// An authorization code token request, imported, asks for refresh tokens exactly as `check`
/// (A006) expects for the provider: by its catalogue (a token endpoint on its API host or on a
/// shared identity host), by connspec's host facts, or by the `offline_access` convention.
#[test]
fn imported_token_requests_ask_for_refresh_tokens_as_check_expects() {
    let root = tempfile::tempdir().expect("temp dir");
    let mut requests: Vec<(Option<&str>, String, String)> = Vec::new();
    for provider in connspec_catalog::providers() {
        let catalog = connspec_catalog::catalog(provider).expect("catalogue");
        if !(catalog.scaffold.auth.is_empty()
            || catalog
                .scaffold
                .auth
                .iter()
                .any(|a| a == "authorization_code"))
        {
            continue;
        }
        let host = catalog.scaffold.host.as_ref().map_or_else(
            || "api.example.com".to_owned(),
            |h| with_examples(&h.example, catalog),
        );
        let token_url = with_examples(&catalog.token_endpoint(&format!("https://{host}")), catalog);
        let scope = catalog
            .scaffold
            .action("authorization_code")
            .and_then(|action| match catalog.route("GET", &action.path) {
                connspec_catalog::RouteMatch::Found(route) => route.least_privileged().first(),
                _ => None,
            })
            .cloned()
            .unwrap_or_default();
        requests.push((Some(provider), token_url, scope));
    }
    for token_url in [
        "https://login.salesforce.com/services/oauth2/token",
        "https://wd2-impl-services1.workday.com/ccx/oauth2/acme/token",
        "https://auth.example.com/oauth/token",
    ] {
        requests.push((None, token_url.to_owned(), "read".to_owned()));
    }
    assert!(requests.len() >= 6, "{requests:?}");
    for (index, (provider, token_url, scope)) in requests.iter().enumerate() {
        let command = format!(
            "curl -X POST {token_url} -d grant_type=authorization_code -d code=CODE \
             -d client_id=ID -d client_secret=SECRET -d 'scope={scope}'"
        );
        let output = run(connspec().args(["import", "curl", "--full", &command]));
        assert_eq!(output.code, 0, "{}", output.transcript());
        let spec = root.path().join(format!("imported-{index}.yaml"));
        std::fs::write(&spec, &output.stdout).expect("write the spec");
        if let Some(provider) = provider {
            assert!(
                output.stdout.contains(&format!("provider: {provider}")),
                "{token_url}: {}",
                output.transcript()
            );
        }
        let (_, json) = json_check(&[&spec]);
        let findings: Vec<&serde_json::Value> = json["files"]
            .as_array()
            .expect("files")
            .iter()
            .flat_map(|file| file["diagnostics"].as_array().expect("diagnostics"))
            .collect();
        assert!(findings.iter().all(|d| d["code"].is_string()), "{json:#}");
        let wrong: Vec<_> = findings
            .iter()
            .filter(|d| {
                d["severity"] == "error"
                    || ["A006", "P001", "P013"].contains(&d["code"].as_str().unwrap_or_default())
            })
            .collect();
        assert!(
            wrong.is_empty(),
            "{token_url}: {wrong:#?}\n{}",
            output.stdout
        );
    }
}
