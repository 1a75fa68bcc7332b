//! `connspec compile --target postman` proven by a real Postman client: newman runs the
//! compiled Coupa collections against the embedded sandbox on 127.0.0.1. Every request and
//! every test passes with exactly one token request and no write; a broken expectation and an
//! oversized body fail with their tests named; a wrong secret stops the run at the token
//! request. newman runs offline (a dead proxy for anything but 127.0.0.1) and bounded in time.
//! Postman's own collection SDK (postman-collection, newman's) reads the collection of every
//! connector × instance as the spec says it should be.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{connspec, run};
use connspec_diagnostics::SourceFile;
use connspec_model::spec::{Auth, ConnectorSpec};
use connspec_model::{CheckOptions, DocumentKind, check_source};
use connspec_sandbox::{
    Fault, GrantType, LogEntry, SERVICE_CLIENT_ID, SERVICE_CLIENT_SECRET, Sandbox, SandboxConfig,
};
use connspec_tests::project_root;
use connspec_tests::{
    node_modules, node_package_or_skip, node_peer, offline_command, output_within,
};
use serde_json::Value as Json;

const EXPENSE_REPORTS: &str = "connectors/coupa/expense-reports.yaml";
const APPROVALS: &str = "connectors/coupa/approvals-service.yaml";
/// A newman run against the sandbox takes about a second; this bound only catches hangs.
const NEWMAN_BOUND: Duration = Duration::from_secs(120);
const TOKEN_ITEM: &str = "Get access token";

fn typed_spec(name: &str, text: &str) -> ConnectorSpec {
    let checked = check_source(
        &SourceFile::new(name, text),
        &CheckOptions {
            kind: Some(DocumentKind::Connector),
            ..CheckOptions::default()
        },
    );
    checked
        .spec
        .unwrap_or_else(|| panic!("{name} is a valid spec: {:?}", checked.diagnostics))
}

/// A sandbox on 127.0.0.1 whose client-credentials client is granted exactly the spec's scopes,
/// as `connspec test --sandbox` provisions it, on a runtime of its own that serves it while the
/// test blocks on newman.
struct Running {
    sandbox: Sandbox,
    // Kept alive for as long as the sandbox: its worker threads serve it.
    _runtime: tokio::runtime::Runtime,
}

impl Running {
    fn start(spec: &ConnectorSpec) -> Self {
        let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
        let mut config = SandboxConfig {
            port: 0,
            ..SandboxConfig::default()
        };
        if let Auth::Oauth2(oauth2) = &spec.auth {
            for client in &mut config.clients {
                if client.grant == GrantType::ClientCredentials && client.secret.is_some() {
                    client.scopes = oauth2.scopes().to_vec();
                }
            }
        }
        let sandbox = runtime
            .block_on(Sandbox::start(config))
            .expect("the sandbox starts");
        Self {
            sandbox,
            _runtime: runtime,
        }
    }

    fn requests(&self) -> Vec<LogEntry> {
        self.sandbox.requests()
    }

    fn token_requests(&self) -> usize {
        self.requests()
            .iter()
            .filter(|e| e.path == "/oauth2/token")
            .count()
    }
}

/// The collection and environment `connspec compile --target postman -o` writes for the
/// sandbox's instance file, in `dir`.
struct Compiled {
    collection: PathBuf,
    environment: PathBuf,
    ca: PathBuf,
}

fn compile(spec: &Path, running: &Running, dir: &Path) -> Compiled {
    let instance = dir.join("sandbox.yaml");
    std::fs::write(&instance, running.sandbox.instance_file()).expect("write the instance");
    let ca = dir.join("sandbox-ca.pem");
    std::fs::write(&ca, running.sandbox.ca_pem().expect("HTTPS sandbox")).expect("write the CA");
    let out = dir.join("out");
    let output = run(connspec()
        .current_dir(project_root())
        .args(["compile", "--color", "never", "--target", "postman"])
        .arg(spec)
        .arg("--instance")
        .arg(&instance)
        .arg("-o")
        .arg(&out));
    assert_eq!(output.code, 0, "{}", output.transcript());
    let text = std::fs::read_to_string(spec).expect("spec");
    let name = typed_spec("spec.yaml", &text).name;
    let folder = out.join("sandbox");
    Compiled {
        collection: folder.join(format!("{name}.postman_collection.json")),
        environment: folder.join(format!("{name}.postman_environment.json")),
        ca,
    }
}

/// A finished newman run: its exit code and the JSON reporter's document.
struct Newman {
    code: i32,
    report: Json,
    transcript: String,
    took: Duration,
}

impl Newman {
    fn stat(&self, what: &str, field: &str) -> u64 {
        self.report["run"]["stats"][what][field]
            .as_u64()
            .unwrap_or_else(|| panic!("run.stats.{what}.{field} in the report"))
    }

    /// Executed items by name, in order.
    fn executed(&self) -> Vec<String> {
        self.executions()
            .iter()
            .map(|e| e["item"]["name"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    fn executions(&self) -> Vec<Json> {
        self.report["run"]["executions"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Every assertion: (item, test name, passed).
    fn assertions(&self) -> Vec<(String, String, bool)> {
        let mut out = Vec::new();
        for execution in self.executions() {
            let item = execution["item"]["name"].as_str().unwrap_or_default();
            for assertion in execution["assertions"].as_array().into_iter().flatten() {
                out.push((
                    item.to_owned(),
                    assertion["assertion"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                    assertion.get("error").is_none_or(Json::is_null),
                ));
            }
        }
        out
    }

    /// The failures newman lists: (item, test name or error, message).
    fn failures(&self) -> Vec<(String, String, String)> {
        self.report["run"]["failures"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| {
                let error = &f["error"];
                let test = error["test"]
                    .as_str()
                    .or_else(|| error["name"].as_str())
                    .unwrap_or_default();
                (
                    f["source"]["name"].as_str().unwrap_or_default().to_owned(),
                    test.to_owned(),
                    error["message"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    }
}

/// Runs newman on the compiled files with `secrets` on the command line (the CI way), trusting
/// the sandbox's CA; `None` when newman is not installed (a failure under
/// `CONNSPEC_REQUIRE_PEERS=1`).
fn newman(compiled: &Compiled, secrets: &[(&str, &str)], dir: &Path) -> Option<Newman> {
    let program = node_peer("newman", "newman")?;
    let report = dir.join("newman-report.json");
    let mut command = offline_command(&program);
    // Only the sandbox is reachable: every other address goes to the dead proxy.
    command
        .env("NO_PROXY", "127.0.0.1")
        .env("no_proxy", "127.0.0.1");
    command
        .arg("run")
        .arg(&compiled.collection)
        .arg("--environment")
        .arg(&compiled.environment)
        .arg("--ssl-extra-ca-certs")
        .arg(&compiled.ca)
        .args(["--timeout", "100000", "--timeout-request", "60000"])
        .args(["--reporters", "cli,json", "--reporter-json-export"])
        .arg(&report)
        .args(["--color", "off", "--disable-unicode"]);
    for (name, value) in secrets {
        command.arg("--env-var").arg(format!("{name}={value}"));
    }
    let started = Instant::now();
    let output = output_within(&mut command, NEWMAN_BOUND);
    let took = started.elapsed();
    let text = std::fs::read_to_string(&report).unwrap_or_else(|e| {
        panic!(
            "newman wrote no report ({e}):\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let report: Json = serde_json::from_str(&text).expect("the report is JSON");
    Some(Newman {
        code: output.status.code().unwrap_or(-1),
        report,
        transcript: format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
        took,
    })
}

fn sandbox_secrets() -> [(&'static str, &'static str); 2] {
    [
        ("COUPA_CLIENT_ID", SERVICE_CLIENT_ID),
        ("COUPA_CLIENT_SECRET", SERVICE_CLIENT_SECRET),
    ]
}

#[test]
#[allow(clippy::print_stderr)] // The figures go to the test log (`--nocapture`).
fn newman_passes_every_request_and_test_of_the_coupa_collections() {
    for spec_path in [EXPENSE_REPORTS, APPROVALS] {
        let path = project_root().join(spec_path);
        let spec = typed_spec(spec_path, &std::fs::read_to_string(&path).expect("spec"));
        let reads: Vec<&str> = spec
            .actions
            .iter()
            .filter(|(_, a)| !a.method.is_write())
            .map(|(n, _)| n.as_str())
            .collect();
        let writes = spec.actions.len() - reads.len();
        let running = Running::start(&spec);
        let dir = tempfile::tempdir().expect("temp dir");
        let compiled = compile(&path, &running, dir.path());
        let Some(newman) = newman(&compiled, &sandbox_secrets(), dir.path()) else {
            return;
        };
        let context = format!("{spec_path}:\n{}", newman.transcript);
        assert_eq!(newman.code, 0, "{context}");
        assert!(
            newman.failures().is_empty(),
            "{:?}\n{context}",
            newman.failures()
        );

        // The token request first, then every read action; the writes were skipped.
        let mut expected = vec![TOKEN_ITEM.to_owned()];
        expected.extend(reads.iter().map(|r| (*r).to_owned()));
        assert_eq!(newman.executed(), expected, "{context}");
        assert_eq!(newman.stat("requests", "total"), expected.len() as u64);
        assert_eq!(newman.stat("requests", "failed"), 0);
        assert_eq!(newman.stat("testScripts", "failed"), 0);
        let assertions = newman.assertions();
        assert_eq!(newman.stat("assertions", "total"), assertions.len() as u64);
        assert_eq!(newman.stat("assertions", "failed"), 0);
        assert!(
            assertions.iter().all(|(_, _, passed)| *passed),
            "{assertions:?}"
        );
        for read in &reads {
            for test in [
                "status is 200",
                "body is at most 204800 bytes (Agent Studio's response limit)",
            ] {
                assert!(
                    assertions
                        .iter()
                        .any(|(item, name, _)| item == read && name == test),
                    "{read} lacks `{test}`: {assertions:?}"
                );
            }
        }

        // What reached the sandbox: one token, the reads, no write.
        let log = running.requests();
        assert_eq!(running.token_requests(), 1, "{log:#?}");
        let api: Vec<&LogEntry> = log.iter().filter(|e| e.path.starts_with("/api/")).collect();
        assert_eq!(api.len(), reads.len(), "{log:#?}");
        assert!(
            api.iter()
                .all(|e| e.method == "GET" && e.token_presented && e.status == Some(200)),
            "{log:#?}"
        );
        eprintln!(
            "{spec_path}: newman {} requests, {} tests passed, {writes} writes skipped, 1 token request, {:?}",
            expected.len(),
            assertions.len(),
            newman.took
        );
    }
}

/// The expense reports connector with every kind of expectation, one of which cannot hold.
fn with_expectations(failing: bool) -> String {
    let spec = std::fs::read_to_string(project_root().join(EXPENSE_REPORTS)).expect("spec");
    let last = if failing {
        "        - { path: \"$[0].status\", equals: never-a-status }\n"
    } else {
        ""
    };
    let expect = format!(
        "    expect:
      status: 200
      json: array
      max_latency_ms: 30000
      schema:
        type: array
        items: {{ type: object, required: [id, status] }}
      checks:
        - {{ path: \"$[0].status\", equals: pending_approval }}
        - {{ path: \"$[0].id\", exists: true }}
        - {{ path: \"$[0]['no-such-key']\", exists: false }}
        - {{ path: \"$[0].created-at\", matches: \"^[0-9]{{4}}-\" }}
{last}"
    );
    let replaced = spec.replace(
        "    expect:\n      status: 200\n      json: array\n",
        &expect,
    );
    assert_ne!(replaced, spec, "the expect block was found");
    replaced
}

#[test]
fn every_kind_of_expectation_passes_and_a_broken_one_fails_with_its_test_named() {
    let passing_tests = [
        "status is 200",
        "responds within 30000 ms",
        "body is at most 204800 bytes (Agent Studio's response limit)",
        "body is a JSON array",
        "body matches the JSON Schema of expect.schema",
        "`$[0].status` equals \"pending_approval\"",
        "`$[0].id` exists",
        "`$[0]['no-such-key']` does not exist",
        "`$[0].created-at` matches /^[0-9]{4}-/",
    ];
    let broken = "`$[0].status` equals \"never-a-status\"";
    for failing in [false, true] {
        let spec_text = with_expectations(failing);
        let spec = typed_spec("expectations.yaml", &spec_text);
        let running = Running::start(&spec);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("expectations.yaml");
        std::fs::write(&path, &spec_text).expect("write the spec");
        let compiled = compile(&path, &running, dir.path());
        let Some(newman) = newman(&compiled, &sandbox_secrets(), dir.path()) else {
            return;
        };
        let assertions = newman.assertions();
        for test in passing_tests {
            assert!(
                assertions
                    .iter()
                    .any(|(item, name, passed)| item == "list_expense_reports"
                        && name == test
                        && *passed),
                "`{test}` did not pass: {assertions:?}\n{}",
                newman.transcript
            );
        }
        if failing {
            assert_eq!(newman.code, 1, "{}", newman.transcript);
            let failures = newman.failures();
            assert_eq!(failures.len(), 1, "{failures:?}");
            let (item, failed_test, message) = &failures[0];
            assert_eq!(item, "list_expense_reports");
            assert_eq!(failed_test, broken);
            assert!(message.contains("never-a-status"), "{message}");
            assert!(newman.transcript.contains(broken), "{}", newman.transcript);
        } else {
            assert_eq!(newman.code, 0, "{}", newman.transcript);
            assert!(newman.failures().is_empty(), "{:?}", newman.failures());
        }
    }
}

#[test]
fn a_body_over_agent_studios_limit_fails_the_size_test() {
    let path = project_root().join(EXPENSE_REPORTS);
    let spec = typed_spec(
        EXPENSE_REPORTS,
        &std::fs::read_to_string(&path).expect("spec"),
    );
    let running = Running::start(&spec);
    running
        .sandbox
        .add_fault(Fault::oversized_body().on("/api/expense_reports"));
    let dir = tempfile::tempdir().expect("temp dir");
    let compiled = compile(&path, &running, dir.path());
    let Some(newman) = newman(&compiled, &sandbox_secrets(), dir.path()) else {
        return;
    };
    assert_eq!(newman.code, 1, "{}", newman.transcript);
    let failures = newman.failures();
    assert!(
        failures
            .iter()
            .any(|(item, test, _)| item == "list_expense_reports"
                && test == "body is at most 204800 bytes (Agent Studio's response limit)"),
        "{failures:?}"
    );
}

#[test]
fn a_wrong_secret_stops_the_run_at_the_token_request() {
    let path = project_root().join(EXPENSE_REPORTS);
    let spec = typed_spec(
        EXPENSE_REPORTS,
        &std::fs::read_to_string(&path).expect("spec"),
    );
    let running = Running::start(&spec);
    let dir = tempfile::tempdir().expect("temp dir");
    let compiled = compile(&path, &running, dir.path());
    let secrets = [
        ("COUPA_CLIENT_ID", SERVICE_CLIENT_ID),
        ("COUPA_CLIENT_SECRET", "not-the-secret"),
    ];
    let Some(newman) = newman(&compiled, &secrets, dir.path()) else {
        return;
    };
    assert_eq!(newman.code, 1, "{}", newman.transcript);
    assert_eq!(
        newman.executed(),
        [TOKEN_ITEM],
        "the run stops at the token"
    );
    let failures = newman.failures();
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert_eq!(
        failures[0].1,
        "token endpoint answers 200 with `access_token` (grant client_credentials)"
    );
    assert!(failures[0].2.contains("401"), "{failures:?}");
    let log = running.requests();
    assert_eq!(running.token_requests(), 1, "{log:#?}");
    assert!(log.iter().all(|e| !e.path.starts_with("/api/")), "{log:#?}");
}

/// Reads collections with postman-collection, the SDK the Postman app and newman load them with,
/// and prints what it understood: name, auth, and each request (depth first).
const SDK_READER: &str = r#"
const fs = require("fs");
const { Collection } = require("postman-collection");
const out = [];
for (const file of process.argv.slice(1)) {
    const collection = new Collection(JSON.parse(fs.readFileSync(file, "utf8")));
    const items = [];
    collection.forEachItem((item) => {
        const auth = item.getAuth();
        items.push({
            name: item.name,
            method: item.request.method,
            url: item.request.url.toString(),
            tests: item.events.listeners("test").length,
            auth: auth ? auth.type : null,
        });
    });
    out.push({ name: collection.name, auth: collection.auth ? collection.auth.type : null, items });
}
console.log(JSON.stringify(out));
"#;

#[test]
fn postmans_sdk_reads_every_connectors_collection_as_the_spec_says() {
    // postman-collection comes with newman (its lock file pins it).
    if !node_package_or_skip("postman-collection") {
        return;
    }
    let root = project_root();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut expected = Vec::new();
    let mut files = Vec::new();
    for (spec_path, instances) in connspec_tests::connectors() {
        let spec = typed_spec(
            "spec.yaml",
            &std::fs::read_to_string(root.join(&spec_path)).expect("spec"),
        );
        for instance in instances {
            let out = dir.path().join(files.len().to_string());
            let output = run(connspec()
                .current_dir(&root)
                .args(["compile", "--color", "never", "-t", "postman"])
                .arg(&spec_path)
                .arg("--instance")
                .arg(&instance)
                .arg("-o")
                .arg(&out));
            assert_eq!(output.code, 0, "{}", output.transcript());
            let stem = instance.file_stem().and_then(|s| s.to_str()).expect("stem");
            files.push(
                out.join(stem)
                    .join(format!("{}.postman_collection.json", spec.name)),
            );
            expected.push((spec_path.clone(), spec.clone()));
        }
    }
    assert!(files.len() >= 9, "{files:?}");
    let node = PathBuf::from("node");
    let mut command = offline_command(&node);
    command.current_dir(node_modules().parent().expect("tests/peers"));
    command.arg("-e").arg(SDK_READER).args(&files);
    let output = output_within(&mut command, NEWMAN_BOUND);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let read: Vec<Json> = serde_json::from_slice(&output.stdout).expect("the reader prints JSON");
    assert_eq!(read.len(), expected.len());
    for (collection, (path, spec)) in read.iter().zip(&expected) {
        let what = path.display();
        let items = collection["items"].as_array().expect("items");
        let token = items.first().is_some_and(|i| i["name"] == TOKEN_ITEM);
        let actions = &items[usize::from(token)..];
        // Reads in the order written, then the writes folder.
        let mut order: Vec<(&String, &connspec_model::spec::Action)> = spec
            .actions
            .iter()
            .filter(|(_, a)| !a.method.is_write())
            .collect();
        order.extend(spec.actions.iter().filter(|(_, a)| a.method.is_write()));
        assert_eq!(actions.len(), order.len(), "{what}: {items:?}");
        for (item, (name, action)) in actions.iter().zip(order) {
            assert_eq!(item["name"], name.as_str(), "{what}");
            assert_eq!(item["method"], action.method.as_str(), "{what}: {name}");
            assert!(
                item["url"]
                    .as_str()
                    .is_some_and(|u| u.starts_with("{{base_url}}/")),
                "{what}: {name}: {item}"
            );
            assert_eq!(item["tests"], 1, "{what}: {name}");
            assert_eq!(
                item["auth"], collection["auth"],
                "{what}: {name} inherits the auth"
            );
        }
        if token {
            assert_eq!(items[0]["method"], "POST", "{what}");
            assert!(
                ["noauth", "basic"].contains(&items[0]["auth"].as_str().unwrap_or_default()),
                "{what}: the token request has its own auth"
            );
        }
    }
}
