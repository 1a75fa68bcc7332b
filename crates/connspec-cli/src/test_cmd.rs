//! `connspec test`: runs a connector's actions live, against an instance or the embedded
//! sandbox, and reports per action with the YAML line of each failed expectation.
//!
//! The spec (and the instance file) are checked through the session and rendered first,
//! exactly as `compile` does; secrets are resolved from the instance's sources (or the
//! sandbox's test client); then `connspec_runtime::run` obtains one token and runs the
//! selected read actions, and `connspec_runtime::report` renders the report. Exit status: 0
//! when every action that ran passed, 1 when a check, the token or an action failed, 2 on usage
//! or I/O errors.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use connspec_compile::{InstanceInput, Overrides, RuntimeAuth, RuntimeInputs, SpecInput, runtime};
use connspec_model::DocumentKind;
use connspec_model::spec::{Auth, ConnectorSpec};
use connspec_runtime::report::{
    ReportContext, auth_label, render_action_line, render_footer, render_header, render_human,
    render_json, render_junit,
};
use connspec_runtime::{EventSink, RunEvent, RunOptions, secrets};
use connspec_sandbox::{
    ENV_CLIENT_ID, ENV_CLIENT_SECRET, ENV_CONSENT_CLIENT_ID, ENV_CONSENT_CLIENT_SECRET, GrantType,
    Sandbox, SandboxConfig,
};

use crate::ExitStatus;
use crate::args::{ColorChoice, ConfigArgs, LimitArgs};
use crate::session::tokens::{read_token, token_path, write_token};
use crate::session::{Loaded, Session, SessionArgs};
use connspec_runtime::http::{AGENT_STUDIO_TIMEOUT, MAX_RESPONSE_BYTES, MAX_TOKEN_RESPONSE_BYTES};
use connspec_runtime::limits::{
    DEFAULT_DEADLINE, DEFAULT_JOBS, DEFAULT_MAX_ATTEMPTS, MAX_ATTEMPTS, MAX_JOBS,
};

/// The longest `--timeout` or `--deadline`: a week. Longer ones would overflow the clock's
/// arithmetic and mean nothing for a test run.
pub(crate) const MAX_SECONDS: u64 = 7 * 86_400;
/// The most `--max-response-bytes` and `--max-token-response-bytes` take: 1 GiB.
const MAX_READ_BYTES: u64 = 1 << 30;

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  connspec test connectors/coupa/expense-reports.yaml --sandbox
  connspec test spec.yaml --instance connectors/coupa/instances/acme-test.yaml
  connspec test spec.yaml --sandbox --action list_approvals --input status=pending_approval
  connspec test spec.yaml --sandbox --allow-writes --format junit --report report.xml
  connspec test spec.yaml --instance acme-test.yaml --record cassettes/
  connspec test spec.yaml --replay cassettes/

Secrets come from the sources the instance file names (env:, dotenv:, file:), never from the
command line. With --sandbox they are the sandbox's own test client credentials.")]
pub struct TestArgs {
    /// The connector spec to run.
    #[arg(value_name = "SPEC")]
    pub spec: PathBuf,
    /// The instance file to run against (its values and secret sources).
    #[arg(
        short = 'i',
        long = "instance",
        value_name = "FILE",
        required_unless_present_any = ["sandbox", "replay"],
        conflicts_with = "sandbox"
    )]
    pub instance: Option<PathBuf>,
    /// Start the embedded Coupa-like sandbox on a free port, provision an OAuth client with
    /// the spec's scopes, and run against it.
    #[arg(long)]
    pub sandbox: bool,
    /// Record the run: write every token exchange and action request with its response to
    /// `DIR/NAME.INSTANCE.cassette.yaml`, secrets and tokens as `<redacted NAME>`
    /// placeholders and volatile headers dropped, for `--replay`.
    #[arg(long, value_name = "DIR", conflicts_with = "replay")]
    pub record: Option<PathBuf>,
    /// Replay a recorded run: answer every request from the cassette in DIR (or the cassette
    /// FILE) on a local replay server, with no credentials and no network. A request the
    /// cassette does not have fails its action (R011) with the nearest recorded one. With
    /// several cassettes of the spec in DIR, `--instance` or `--sandbox` picks by name.
    #[arg(long, value_name = "DIR|FILE", conflicts_with = "cacert")]
    pub replay: Option<PathBuf>,
    /// Trust only this CA certificate (PEM) for HTTPS, e.g. the one `connspec sandbox` prints.
    #[arg(long, value_name = "FILE", conflicts_with = "sandbox")]
    pub cacert: Option<PathBuf>,
    /// Run only this action; repeatable. Default: every action.
    #[arg(long = "action", value_name = "NAME")]
    pub actions: Vec<String>,
    /// An input value, `NAME=VALUE` (every action with that input) or `ACTION.NAME=VALUE`;
    /// repeatable. A value that parses as JSON is used as JSON. Default: the inputs' examples.
    #[arg(long = "input", value_name = "[ACTION.]NAME=VALUE")]
    pub inputs: Vec<String>,
    /// Override an instance value, e.g. `--set domain=127.0.0.1:8443`; repeatable.
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub set: Vec<String>,
    /// Also run POST, PUT, PATCH and DELETE actions (they change data). Without it they are
    /// listed as skipped.
    #[arg(long)]
    pub allow_writes: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TestFormat::Human)]
    pub format: TestFormat,
    /// Write the report (in `--format`) to this file; a human summary still goes to
    /// standard output.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Actions in flight at once.
    #[arg(
        short = 'j',
        long,
        default_value_t = DEFAULT_JOBS,
        value_parser = clap::value_parser!(u16).range(1..=i64::from(MAX_JOBS))
    )]
    pub jobs: u16,
    /// Per-request timeout in seconds, connecting and the whole body included (Agent Studio's
    /// own timeout is the default).
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = AGENT_STUDIO_TIMEOUT.as_secs(),
        value_parser = clap::value_parser!(u64).range(1..=MAX_SECONDS)
    )]
    pub timeout: u64,
    /// Deadline of the whole run, in seconds.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = DEFAULT_DEADLINE.as_secs(),
        value_parser = clap::value_parser!(u64).range(1..=MAX_SECONDS)
    )]
    pub deadline: u64,
    /// Attempts per request for 429, 502, 503, 504 and connection errors, the first included.
    #[arg(
        long,
        value_name = "N",
        default_value_t = DEFAULT_MAX_ATTEMPTS,
        value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_ATTEMPTS))
    )]
    pub max_attempts: u32,
    /// The most of an action's response body read into memory, in bytes; a longer body fails
    /// the action (R005) unread. Agent Studio itself accepts at most 200 KB.
    #[arg(
        long,
        value_name = "BYTES",
        default_value_t = MAX_RESPONSE_BYTES as u64,
        value_parser = clap::value_parser!(u64).range(1..=MAX_READ_BYTES)
    )]
    pub max_response_bytes: u64,
    /// The most of a token response read into memory, in bytes.
    #[arg(
        long,
        value_name = "BYTES",
        default_value_t = MAX_TOKEN_RESPONSE_BYTES as u64,
        value_parser = clap::value_parser!(u64).range(1..=MAX_READ_BYTES)
    )]
    pub max_token_response_bytes: u64,
    /// Show secret values and tokens in the output instead of `<redacted NAME>`.
    #[arg(long)]
    pub reveal_secrets: bool,
    /// Show each action's request (method, URL, headers) and response (status, headers, the
    /// start of the body) under its line; `-vv` also each token exchange under the token
    /// report. Credential headers show `<redacted>`, secrets and tokens are redacted.
    #[arg(short, long, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Trust HOST with this run's credentials although only the spec names it (repeatable;
    /// `*.example.com` covers subdomains; a loopback host outside a sandbox instance too).
    /// Instance values, the instance's `allowed_hosts` and the provider catalogue's hosts are
    /// trusted already; a host nobody vouches for is refused before any request (T014).
    #[arg(long = "allow-host", value_name = "HOST")]
    pub allow_hosts: Vec<String>,
    /// When to use colours in diagnostics.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TestFormat {
    /// One line per action, the failed expectations as diagnostics, the token report.
    Human,
    /// A stable JSON document (version 1).
    Json,
    /// JUnit XML: one test case per action.
    Junit,
}

pub(crate) fn run(args: &TestArgs) -> Result<ExitStatus> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .thread_stack_size(connspec_model::yaml::STACK_BYTES)
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(test(args))
}

async fn test(args: &TestArgs) -> Result<ExitStatus> {
    let session = match Session::open_or_stop(&SessionArgs::new(
        &args.config,
        Some(&args.spec),
        Some(&args.limits),
        args.color,
    ))? {
        Ok(session) => session,
        Err(status) => return Ok(status),
    };
    let output = &session.output;
    let overrides = match Overrides::parse(args.set.iter().map(String::as_str)) {
        Ok(overrides) => overrides,
        Err(error) => {
            eprintln!("connspec: error: --set {error}");
            return Ok(ExitStatus::Error);
        }
    };

    // A replay whose cassette is known before the spec is read (a file, or the only cassette
    // of its folder) loads it while the spec is checked: both are whole-file parses.
    let early_cassette = args.replay.as_deref().and_then(sole_cassette);
    let (spec, mut early_loaded) = std::thread::scope(|scope| {
        let cassette = early_cassette.as_ref().and_then(|path| {
            std::thread::Builder::new()
                .stack_size(connspec_model::yaml::STACK_BYTES)
                .spawn_scoped(scope, || {
                    (
                        path.clone(),
                        session.load_path(path, Some(DocumentKind::Cassette)),
                    )
                })
                .ok()
        });
        let spec = session.load_path(&args.spec, Some(DocumentKind::Connector));
        (spec, cassette.and_then(|handle| handle.join().ok()))
    });
    let spec = match spec {
        Ok(spec) => spec,
        Err(report) => {
            output.eprint_reports(&[report])?;
            return Ok(ExitStatus::Error);
        }
    };
    let (Some(spec_model), Some(spec_document), false) = (
        spec.checked.spec.as_ref(),
        spec.checked.document.as_ref(),
        spec.checked.has_errors(),
    ) else {
        output.eprint_reports(&[spec.report()])?;
        return Ok(ExitStatus::Failure);
    };
    output.eprint_reports(&[spec.report()])?;

    // The cassette's folder exists before the run: a live run (writes included) is not made
    // only to find that its recording cannot be kept.
    if let Some(dir) = &args.record
        && let Err(error) = std::fs::create_dir_all(dir)
    {
        eprintln!(
            "connspec: error: --record `{}`: cannot create the folder: {error}",
            dir.display()
        );
        return Ok(ExitStatus::Error);
    }

    // The instance: a file, the sandbox's, or the one a cassette recorded.
    let mut sandbox = None;
    let mut replay = None;
    let (instance, env, dir): (Loaded, BTreeMap<String, String>, PathBuf) = if let Some(path) =
        &args.replay
    {
        let selector = if args.sandbox {
            Some("sandbox".to_owned())
        } else {
            args.instance.as_deref().map(|p| p.display().to_string())
        };
        let path = match find_cassette(path, &spec_model.name, selector.as_deref()) {
            Ok(path) => path,
            Err(message) => {
                eprintln!("connspec: error: --replay {message}");
                return Ok(ExitStatus::Error);
            }
        };
        let loaded = match early_loaded.take() {
            Some((early, loaded)) if early == path => loaded,
            _ => session.load_path(&path, Some(DocumentKind::Cassette)),
        };
        let mut loaded = match loaded {
            Ok(loaded) => loaded,
            Err(report) => {
                output.eprint_reports(&[report])?;
                return Ok(ExitStatus::Error);
            }
        };
        // Taken, not copied: a cassette's bodies can run to megabytes.
        let failed = loaded.checked.has_errors();
        let (Some(cassette), false) = (loaded.checked.cassette.take(), failed) else {
            output.eprint_reports(&[loaded.report()])?;
            return Ok(ExitStatus::Failure);
        };
        output.eprint_reports(&[loaded.report()])?;
        if cassette.connector != spec_model.name {
            eprintln!(
                "connspec: error: --replay `{}` records connector `{}`, not `{}`",
                path.display(),
                cassette.connector,
                spec_model.name
            );
            return Ok(ExitStatus::Error);
        }
        let (text, env) = replay_instance(&cassette);
        let instance = session.load_bytes(
            &format!("<instance recorded in {}>", path.display()),
            text.as_bytes(),
            Some(DocumentKind::Instance),
        );
        replay = Some((path, cassette));
        (instance, env, PathBuf::from("."))
    } else if args.sandbox {
        // The sandbox serves one provider's OAuth and API: any other connector would only
        // meet its instance file's missing values and routes it never heard of.
        if spec_model.provider.as_deref() != Some(connspec_sandbox::PROVIDER) {
            let emulated = connspec_catalog::catalog(connspec_sandbox::PROVIDER)
                .map_or(connspec_sandbox::PROVIDER, |c| c.display_name.as_str());
            let what = match spec_model.provider.as_deref() {
                Some(provider) => format!("a `{provider}` connector"),
                None => "a connector without `provider:`".to_owned(),
            };
            eprintln!(
                "connspec: error: --sandbox serves {emulated} only (its OAuth 2.0 token \
                 endpoint and API), and `{}` is {what}\n  \
                 = help: run it against a real instance with `--instance FILE` (add `--record \
                 DIR` once), then anywhere with no credentials and no network with `--replay \
                 DIR`; a {emulated} connector declares `provider: {}`",
                spec_model.name,
                connspec_sandbox::PROVIDER
            );
            return Ok(ExitStatus::Error);
        }
        let started = match Sandbox::start(sandbox_config(spec_model)).await {
            Ok(sandbox) => sandbox,
            Err(error) => {
                eprintln!("connspec: error: cannot start the sandbox: {error}");
                return Ok(ExitStatus::Error);
            }
        };
        let text = started.instance_file();
        let instance = session.load_bytes(
            "<sandbox instance>",
            text.as_bytes(),
            Some(DocumentKind::Instance),
        );
        let mut env: BTreeMap<String, String> = started
            .credential_env()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        // An authorization code spec runs as the sandbox's consent client.
        if matches!(&spec_model.auth, Auth::Oauth2(o) if o.grant_name() == "authorization_code") {
            for (from, to) in [
                (ENV_CONSENT_CLIENT_ID, ENV_CLIENT_ID),
                (ENV_CONSENT_CLIENT_SECRET, ENV_CLIENT_SECRET),
            ] {
                if let Some(value) = env.get(from).cloned() {
                    env.insert(to.to_owned(), value);
                }
            }
        }
        sandbox = Some(started);
        (instance, env, PathBuf::from("."))
    } else {
        let path = args.instance.clone().unwrap_or_default();
        let instance = match session.load_path(&path, Some(DocumentKind::Instance)) {
            Ok(instance) => instance,
            Err(report) => {
                output.eprint_reports(&[report])?;
                return Ok(ExitStatus::Error);
            }
        };
        let dir = path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        (instance, std::env::vars().collect(), dir)
    };
    let (Some(instance_model), Some(instance_document), false) = (
        instance.checked.instance.as_ref(),
        instance.checked.document.as_ref(),
        instance.checked.has_errors(),
    ) else {
        output.eprint_reports(&[instance.report()])?;
        return Ok(ExitStatus::Failure);
    };
    output.eprint_reports(&[instance.report()])?;

    let inputs = match parse_inputs(&args.inputs, spec_model) {
        Ok(inputs) => inputs,
        Err(message) => {
            eprintln!("connspec: error: --input {message}");
            return Ok(ExitStatus::Error);
        }
    };
    for name in &args.actions {
        if !spec_model.actions.contains_key(name) {
            let known: Vec<&str> = spec_model.actions.keys().map(String::as_str).collect();
            eprintln!(
                "connspec: error: --action `{name}`: no such action; the spec has {}",
                known.join(", ")
            );
            return Ok(ExitStatus::Error);
        }
    }

    let (secret_values, unresolved) =
        secrets::resolve(instance_model, &dir, &|name| env.get(name).cloned());
    let spec_input = SpecInput {
        file: &spec.file,
        document: spec_document,
        spec: spec_model,
    };
    let instance_input = InstanceInput {
        file: &instance.file,
        document: instance_document,
        instance: instance_model,
    };
    for host in &args.allow_hosts {
        eprintln!("connspec: --allow-host: trusting `{host}` with this run's credentials");
    }
    // A replay sends everything to its own server, with stand-in credentials: every host the
    // cassette recorded may be named.
    let mut allowed_hosts = args.allow_hosts.clone();
    if let Some((_, cassette)) = &replay {
        allowed_hosts.extend(recorded_hosts(cassette));
    }
    let given = RuntimeInputs {
        secrets: secret_values,
        inputs,
        meta_info: serde_json::Value::Null,
        trust: connspec_semantic::Trust { allowed_hosts },
    };
    let (connector, diagnostics) = runtime(spec_input, instance_input, &overrides, &given);
    let failed_render = connector.is_none();
    output.eprint_compile_diagnostics(diagnostics, &spec, &instance)?;
    let Some(connector) = connector else {
        for secret in &unresolved {
            eprintln!("note: secret `{}`: {}", secret.name, secret.reason);
        }
        debug_assert!(failed_render);
        return Ok(ExitStatus::Failure);
    };

    let ca_pem = match (&sandbox, &args.cacert) {
        (Some(sandbox), _) => sandbox.ca_pem().map(str::to_owned),
        (None, Some(path)) => match connspec_model::file::read_regular_text(
            path,
            crate::session::files::MAX_CA_BUNDLE_BYTES,
        ) {
            Ok(pem) => Some(pem),
            Err(error) => {
                eprintln!("connspec: error: --cacert {}: {error}", path.display());
                return Ok(ExitStatus::Error);
            }
        },
        (None, None) => None,
    };
    // The authorization code grant: the token from `connspec login`, or (sandbox) a login
    // driven here against the sandbox's automatic consent.
    let mut token_file = None;
    let mut stored_token = None;
    if let RuntimeAuth::OAuth2(oauth) = &connector.auth
        && oauth.grant == "authorization_code"
    {
        if sandbox.is_some() {
            match sandbox_login(oauth, ca_pem.as_deref()).await {
                Ok(token) => stored_token = Some(token),
                Err(message) => eprintln!(
                    "connspec: sandbox login failed: {}",
                    connector.redactor.scrub(&message)
                ),
            }
        } else if let Some(path) = args
            .instance
            .as_deref()
            .and_then(|i| token_path(&connector.name, i))
        {
            match read_token(&path) {
                Ok(token) => stored_token = token,
                Err(reason) => eprintln!(
                    "connspec: warning: the token cache `{}` is ignored: {reason}",
                    path.display()
                ),
            }
            token_file = Some(path);
        }
    }
    if args.record.is_some() && !connector.redactor.too_short().is_empty() {
        eprintln!(
            "connspec: error: --record: secret `{}` is shorter than {} characters, too short to \
             be found and replaced in a cassette; nothing was recorded",
            connector.redactor.too_short().join("`, `"),
            connspec_compile::redact::MIN_REDACTED_LEN
        );
        return Ok(ExitStatus::Error);
    }
    if args.reveal_secrets {
        eprintln!("warning: --reveal-secrets: secret values and tokens are printed unredacted");
    } else {
        for name in connector.redactor.too_short() {
            eprintln!(
                "warning: secret `{name}` is shorter than {} characters: where a response or an \
                 error echoes it, it cannot be told from ordinary text and is not redacted",
                connspec_compile::redact::MIN_REDACTED_LEN
            );
        }
    }
    // Standard output gets the human report (as it streams) unless it gets the JSON or JUnit
    // one; the progress bar is on standard error, on a terminal only.
    let stream_human = args.format == TestFormat::Human || args.report.is_some();
    let instance_name = match (&replay, args.sandbox) {
        (Some((_, cassette)), _) => cassette.instance.name.clone(),
        (None, true) => "sandbox".to_owned(),
        (None, false) => instance.file.name().to_owned(),
    };
    // The replay server, answering from the cassette with the run's own redactor.
    let run_redactor = Arc::new(Mutex::new(connspec_compile::Redactor::new()));
    let replay_path = replay.as_ref().map(|(path, _): &(PathBuf, _)| path.clone());
    let replay_server = match replay.take() {
        Some((_, cassette)) => {
            let redactor = Arc::clone(&run_redactor);
            let scrub: connspec_sandbox::replay::Scrub = Arc::new(move |text: &str| {
                redactor
                    .lock()
                    .map(|r| r.scrub(text).into_owned())
                    .unwrap_or_default()
            });
            match connspec_sandbox::replay::ReplayServer::start(cassette, scrub).await {
                Ok(server) => Some(server),
                Err(error) => {
                    eprintln!("connspec: error: cannot start the replay server: {error}");
                    return Ok(ExitStatus::Error);
                }
            }
        }
        None => None,
    };
    let ca_pem = match &replay_server {
        Some(server) => Some(server.ca_pem().to_owned()),
        None => ca_pem,
    };
    let recorded_instance = connspec_model::cassette::RecordedInstance {
        name: match &args.instance {
            Some(path) if !args.sandbox => path.file_name().map_or_else(
                || "instance".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            ),
            _ => "sandbox".to_owned(),
        },
        sandbox: instance_model.sandbox,
        values: recorded_values(instance_model, &overrides),
        secrets: instance_model.secrets.keys().cloned().collect(),
    };
    let auth = auth_label(&connector.auth);
    let printer = Arc::new(Mutex::new(StreamPrinter {
        human: stream_human,
        progress: std::io::stderr().is_terminal(),
        progress_shown: false,
        connector: connector.name.clone(),
        instance: instance_name.clone(),
        auth: auth.clone(),
    }));
    let events: Option<EventSink> = (stream_human || std::io::stderr().is_terminal()).then(|| {
        let printer = Arc::clone(&printer);
        Arc::new(move |event: RunEvent<'_>| {
            if let Ok(mut printer) = printer.lock() {
                printer.event(&event);
            }
        }) as EventSink
    });
    let options = RunOptions {
        jobs: usize::from(args.jobs),
        timeout: Duration::from_secs(args.timeout.max(1)),
        deadline: Duration::from_secs(args.deadline.max(1)),
        max_attempts: args.max_attempts,
        // In range by the parser (at most 1 GiB), which fits every `usize` we build for.
        max_response_bytes: usize::try_from(args.max_response_bytes).unwrap_or(usize::MAX),
        max_token_response_bytes: usize::try_from(args.max_token_response_bytes)
            .unwrap_or(usize::MAX),
        allow_writes: args.allow_writes,
        only: args.actions.clone(),
        ca_pem,
        reveal_secrets: args.reveal_secrets,
        stored_token,
        verbose: args.verbose >= 1,
        verbose_tokens: args.verbose >= 2,
        events,
        record: args.record.is_some(),
        proxy: replay_server
            .as_ref()
            .map(connspec_sandbox::replay::ReplayServer::proxy_url),
        replay: replay_server.is_some(),
        redactor: Some(Arc::clone(&run_redactor)),
        ..RunOptions::default()
    };
    let mut report = connspec_runtime::run(connector, options).await?;
    if let Ok(mut printer) = printer.lock() {
        printer.clear_progress();
    }
    if let Some(sandbox) = sandbox {
        sandbox.shutdown().await;
    }
    if let (Some(server), Some(path)) = (replay_server, &replay_path) {
        let missed = server.mismatched();
        // Recorded requests nobody asked for: an action removed or changed since, or one not
        // selected this time (`--action`, writes without `--allow-writes`).
        let unasked = server.unused();
        eprintln!(
            "connspec: replayed from {}: {} request(s) answered{}{}",
            path.display(),
            server.served(),
            if missed > 0 {
                format!(", {missed} not in the cassette")
            } else {
                String::new()
            },
            if unasked > 0 {
                format!(", {unasked} recorded one(s) not asked for")
            } else {
                String::new()
            }
        );
        server.shutdown().await;
    }
    if let Some(dir) = &args.record {
        let cassette = connspec_model::cassette::Cassette {
            schema: None,
            cassette_version: connspec_model::cassette::CASSETTE_VERSION,
            connector: report.connector.clone(),
            instance: recorded_instance,
            interactions: std::mem::take(&mut report.interactions),
        };
        let path = dir.join(connspec_model::cassette::Cassette::file_name(
            &cassette.connector,
            &cassette.instance.name,
        ));
        crate::session::write::replace(
            &path,
            cassette.to_yaml().as_bytes(),
            crate::session::write::Replace::default(),
        )?;
        eprintln!(
            "connspec: recorded {} interaction(s) to {}",
            cassette.interactions.len(),
            path.display()
        );
    }
    if let (Some(path), Some(token)) = (&token_file, &report.renewed_token) {
        write_token(path, token)?;
    }

    let context = ReportContext {
        spec: &spec.file,
        shown: &spec.shown,
        document: spec_document,
        instance: &instance_name,
        auth: &auth,
    };
    // The head and the action lines were printed as they happened.
    let human_tail = || render_footer(&report, &context, output.stdout_color());
    let shown = match (&args.report, args.format) {
        (Some(path), format) => {
            let text = match format {
                TestFormat::Human => render_human(&report, &context, false),
                TestFormat::Json => render_json(&report, &context),
                TestFormat::Junit => render_junit(&report, &context),
            };
            // Written in place, not through the atomic writer: a report may go to a pipe or
            // a device (`--report /dev/stdout`), and a CI job reads it only after the run.
            std::fs::write(path, &text)
                .with_context(|| format!("cannot write the report to {}", path.display()))?;
            human_tail()
        }
        (None, TestFormat::Human) => human_tail(),
        (None, TestFormat::Json) => render_json(&report, &context),
        (None, TestFormat::Junit) => render_junit(&report, &context),
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(shown.as_bytes())?;
    stdout.flush()?;
    Ok(if report.failed() {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// The sandbox's configuration, with its client-credentials client granted exactly the spec's
/// scopes (so a scope missing from the spec is a 403, as on a real tenant).
fn sandbox_config(spec: &ConnectorSpec) -> SandboxConfig {
    let mut config = SandboxConfig {
        port: 0,
        auto_consent: true,
        ..SandboxConfig::default()
    };
    if let Auth::Oauth2(oauth2) = &spec.auth {
        let grant = if oauth2.grant_name() == "authorization_code" {
            GrantType::AuthorizationCode
        } else {
            GrantType::ClientCredentials
        };
        if let Some(client) = config
            .clients
            .iter_mut()
            .find(|c| c.grant == grant && c.secret.is_some())
        {
            client.scopes = oauth2.scopes().to_vec();
        }
    }
    config
}

/// The authorization code grant against the sandbox, which consents at once: the redirect is
/// followed to our loopback listener by hand.
async fn sandbox_login(
    oauth: &connspec_compile::RuntimeOAuth2,
    ca_pem: Option<&str>,
) -> Result<connspec_runtime::StoredToken, String> {
    use connspec_runtime::login::{Loopback, authorization, complete};
    let client = connspec_runtime::http::client(ca_pem, Duration::from_secs(30), false, None)
        .map_err(|e| e.to_string())?;
    let loopback = Loopback::bind().await.map_err(|e| e.message)?;
    let request = authorization(oauth, &loopback).map_err(|e| e.message)?;
    let url = request.url.clone();
    let browser = client.clone();
    let driver = tokio::spawn(async move {
        let response = browser.get(&url).send().await.ok()?;
        let location = response
            .headers()
            .get(reqwest::header::LOCATION)?
            .to_str()
            .ok()?
            .to_owned();
        browser.get(location).send().await.ok()
    });
    let token = complete(oauth, &loopback, request, &client, Duration::from_secs(30))
        .await
        .map_err(|e| e.message);
    driver.abort();
    token
}

/// `--input` values by action, then input name.
fn parse_inputs(
    given: &[String],
    spec: &ConnectorSpec,
) -> Result<BTreeMap<String, BTreeMap<String, serde_json::Value>>, String> {
    let mut out: BTreeMap<String, BTreeMap<String, serde_json::Value>> = BTreeMap::new();
    for item in given {
        let (name, value) = item
            .split_once('=')
            .ok_or_else(|| format!("`{item}` is not NAME=VALUE"))?;
        let value = serde_json::from_str(value)
            .unwrap_or_else(|_| serde_json::Value::String(value.to_owned()));
        let (action, input) = match name.split_once('.') {
            Some((action, input)) => (Some(action), input),
            None => (None, name),
        };
        let mut used = false;
        for (action_name, spec_action) in &spec.actions {
            if action.is_some_and(|a| a != action_name) || !spec_action.inputs.contains_key(input) {
                continue;
            }
            used = true;
            out.entry(action_name.clone())
                .or_default()
                .insert(input.to_owned(), value.clone());
        }
        if !used {
            return Err(format!("`{name}`: no action has this input"));
        }
    }
    Ok(out)
}

/// Prints a run as it happens: the head once the token step is over, each action's line as it
/// finishes (on standard output), and a progress bar on standard error when that is a
/// terminal, cleared before each line so the two never mix.
struct StreamPrinter {
    /// Standard output gets the human report.
    human: bool,
    /// Standard error is a terminal: show the progress bar there.
    progress: bool,
    progress_shown: bool,
    connector: String,
    instance: String,
    auth: String,
}

impl StreamPrinter {
    const BAR_WIDTH: usize = 30;

    fn event(&mut self, event: &RunEvent<'_>) {
        match event {
            RunEvent::Token { token, error } => {
                if self.human {
                    let head = render_header(
                        &self.connector,
                        &self.instance,
                        &self.auth,
                        *token,
                        error.is_some(),
                    );
                    self.print(&head);
                }
            }
            RunEvent::Action {
                report,
                done,
                total,
            } => {
                if self.human {
                    self.print(&render_action_line(report));
                }
                if self.progress {
                    let filled = (done * Self::BAR_WIDTH)
                        .checked_div(*total)
                        .unwrap_or(Self::BAR_WIDTH)
                        .min(Self::BAR_WIDTH);
                    let mut stderr = std::io::stderr().lock();
                    let _ = write!(
                        stderr,
                        "\r[{}{}] {done}/{total}",
                        "#".repeat(filled),
                        " ".repeat(Self::BAR_WIDTH - filled)
                    );
                    let _ = stderr.flush();
                    self.progress_shown = true;
                }
            }
        }
    }

    /// Prints `text` on standard output, the progress bar cleared first.
    fn print(&mut self, text: &str) {
        self.clear_progress();
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(text.as_bytes());
        let _ = stdout.flush();
    }

    fn clear_progress(&mut self) {
        if self.progress_shown {
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r{}\r", " ".repeat(Self::BAR_WIDTH + 24));
            let _ = stderr.flush();
            self.progress_shown = false;
        }
    }
}

/// The cassette `--replay PATH` names: PATH itself, or in the folder PATH the one of
/// `connector` (picked by `instance`'s name when there are several).
fn find_cassette(
    path: &Path,
    connector: &str,
    instance: Option<&str>,
) -> std::result::Result<PathBuf, String> {
    use connspec_model::cassette::{CASSETTE_SUFFIX, Cassette};
    if path.is_file() {
        return Ok(path.to_path_buf());
    }
    if !path.is_dir() {
        return Err(format!("`{}`: no such file or folder", path.display()));
    }
    if let Some(instance) = instance {
        let wanted = path.join(Cassette::file_name(connector, instance));
        return if wanted.is_file() {
            Ok(wanted)
        } else {
            Err(format!(
                "`{}` has no `{}`; record it with `--record {}`",
                path.display(),
                wanted
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                path.display()
            ))
        };
    }
    // `NAME.INSTANCE.cassette.yaml`: the name's part is everything before the instance's.
    let prefix = Cassette::file_name(connector, "x");
    let prefix = prefix.trim_end_matches(&format!("x{CASSETTE_SUFFIX}"));
    let entries =
        std::fs::read_dir(path).map_err(|error| format!("`{}`: {error}", path.display()))?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(std::result::Result::ok)
        .map(|entry| entry.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|name| {
                name.starts_with(prefix)
                    && name.ends_with(CASSETTE_SUFFIX)
                    && !name[prefix.len()..name.len() - CASSETTE_SUFFIX.len()].contains('.')
            })
        })
        .collect();
    found.sort();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(format!(
            "`{}` has no cassette of `{connector}`; record one with `--record {}`",
            path.display(),
            path.display()
        )),
        _ => Err(format!(
            "`{}` has {} cassettes of `{connector}` ({}); pick one with `--instance FILE` or \
             `--sandbox`, or name the file",
            path.display(),
            found.len(),
            found
                .iter()
                .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The cassette `--replay PATH` names whatever the spec: PATH itself when it is a file, or the
/// only cassette in the folder PATH.
fn sole_cassette(path: &Path) -> Option<PathBuf> {
    if path.is_file() {
        return Some(path.to_path_buf());
    }
    let mut found = std::fs::read_dir(path).ok()?.filter_map(|entry| {
        let path = entry.ok()?.path();
        path.file_name()?
            .to_str()?
            .ends_with(connspec_model::cassette::CASSETTE_SUFFIX)
            .then_some(path)
    });
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// The environment variable a replay reads stand-in secret number `index` from.
fn replay_secret_variable(index: usize) -> String {
    format!("CONNSPEC_REPLAY_SECRET_{index}")
}

/// The instance file of a replay (the values the cassette recorded) and the environment its
/// secrets come from: each secret's stand-in is its own placeholder, so what the run sends
/// scrubs to exactly what the recording wrote.
fn replay_instance(
    cassette: &connspec_model::cassette::Cassette,
) -> (String, BTreeMap<String, String>) {
    let recorded = &cassette.instance;
    let values = serde_json::to_string(&recorded.values).unwrap_or_else(|_| "{}".to_owned());
    let mut text = format!(
        "instance_version: 1\ndescription: {}\nsandbox: {}\nvalues: {values}\n",
        serde_json::to_string(&format!("replay of `{}`", recorded.name)).unwrap_or_default(),
        recorded.sandbox
    );
    let mut env = BTreeMap::new();
    if recorded.secrets.is_empty() {
        text.push_str("secrets: {}\n");
    } else {
        text.push_str("secrets:\n");
        for (index, name) in recorded.secrets.iter().enumerate() {
            let variable = replay_secret_variable(index);
            let _ = writeln!(
                text,
                "  {}: env:{variable}",
                serde_json::to_string(name).unwrap_or_default()
            );
            env.insert(variable, connspec_model::cassette::placeholder(name));
        }
    }
    (text, env)
}

/// Every host (with its port) a cassette's requests went to.
fn recorded_hosts(cassette: &connspec_model::cassette::Cassette) -> Vec<String> {
    let mut hosts: Vec<String> = cassette
        .interactions
        .iter()
        .filter_map(|interaction| connspec_semantic::host::url_host(&interaction.request.url))
        .collect();
    hosts.sort();
    hosts.dedup();
    hosts
}

/// The instance's values as the run used them: the file's, then `--set`.
fn recorded_values(
    instance: &connspec_model::instance::InstanceFile,
    overrides: &Overrides,
) -> connspec_model::instance::Values {
    let mut values = instance.values.clone();
    for (name, value) in &overrides.0 {
        values.insert(
            name.clone(),
            connspec_model::schema::Scalar(serde_json::Value::String(value.clone())),
        );
    }
    values
}
