//! `connspec login` and `connspec logout`: the authorization code grant with PKCE (S256) and
//! `state` through a loopback listener on 127.0.0.1, and the token set cached per connector and
//! instance in the user's cache folder, in a file only the user can read (mode 0600).
//! `connspec test` reads (and, after a refresh, rewrites) the same file; the cache itself is
//! the session's (`session::tokens`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::Args;
use connspec_compile::{InstanceInput, Overrides, RuntimeAuth, RuntimeInputs, SpecInput, runtime};
use connspec_model::DocumentKind;
use connspec_runtime::limits::DEFAULT_CALLBACK_WAIT;
use connspec_runtime::login::{Loopback, authorization, complete};
use connspec_runtime::secrets;

use crate::ExitStatus;
use crate::args::{ColorChoice, ConfigArgs, LimitArgs};
use crate::session::tokens::{token_path, write_token};
use crate::session::{Session, SessionArgs};

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  connspec login connectors/coupa/approvals-user-consent.yaml --instance acme-test.yaml
  connspec logout connectors/coupa/approvals-user-consent.yaml --instance acme-test.yaml

The redirect URI is http://127.0.0.1:PORT/callback on a free port; the OAuth client must allow
loopback redirect URIs on any port (RFC 8252).")]
pub struct LoginArgs {
    /// The connector spec (its auth must be `oauth2` with `grant_type: authorization_code`).
    #[arg(value_name = "SPEC")]
    pub spec: PathBuf,
    /// The instance file (its values and secret sources).
    #[arg(short = 'i', long = "instance", value_name = "FILE")]
    pub instance: PathBuf,
    /// Override an instance value; repeatable.
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub set: Vec<String>,
    /// Trust HOST with this login's credentials although only the spec names it (repeatable;
    /// `*.example.com` covers subdomains). Instance values, the instance's `allowed_hosts` and
    /// the provider catalogue's hosts are trusted already.
    #[arg(long = "allow-host", value_name = "HOST")]
    pub allow_hosts: Vec<String>,
    /// Trust only this CA certificate (PEM) for HTTPS, e.g. the sandbox's.
    #[arg(long, value_name = "FILE")]
    pub cacert: Option<PathBuf>,
    /// Print the authorization URL only; do not try to open a browser.
    #[arg(long)]
    pub no_browser: bool,
    /// Seconds to wait for the redirect.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = DEFAULT_CALLBACK_WAIT.as_secs(),
        value_parser = clap::value_parser!(u64).range(1..=crate::test_cmd::MAX_SECONDS)
    )]
    pub timeout: u64,
    /// When to use colours in diagnostics.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// The connector spec.
    #[arg(value_name = "SPEC")]
    pub spec: PathBuf,
    /// The instance file.
    #[arg(short = 'i', long = "instance", value_name = "FILE")]
    pub instance: PathBuf,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
}

pub(crate) fn login(args: &LoginArgs) -> Result<ExitStatus> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .thread_stack_size(connspec_model::yaml::STACK_BYTES)
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(login_async(args))
}

async fn login_async(args: &LoginArgs) -> Result<ExitStatus> {
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
        Err(error) => bail!("--set {error}"),
    };
    let (spec, instance) = match (
        session.load_path(&args.spec, Some(DocumentKind::Connector)),
        session.load_path(&args.instance, Some(DocumentKind::Instance)),
    ) {
        (Ok(spec), Ok(instance)) => (spec, instance),
        (spec, instance) => {
            let reports: Vec<_> = [spec.err(), instance.err()].into_iter().flatten().collect();
            output.eprint_reports(&reports)?;
            return Ok(ExitStatus::Error);
        }
    };
    output.eprint_reports(&[spec.report(), instance.report()])?;
    let (
        Some(spec_model),
        Some(spec_document),
        Some(instance_model),
        Some(instance_document),
        false,
    ) = (
        spec.checked.spec.as_ref(),
        spec.checked.document.as_ref(),
        instance.checked.instance.as_ref(),
        instance.checked.document.as_ref(),
        spec.checked.has_errors() || instance.checked.has_errors(),
    )
    else {
        return Ok(ExitStatus::Failure);
    };
    let dir = args
        .instance
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let (secret_values, _) =
        secrets::resolve(instance_model, &dir, &|name| std::env::var(name).ok());
    let (connector, diagnostics) = runtime(
        SpecInput {
            file: &spec.file,
            document: spec_document,
            spec: spec_model,
        },
        InstanceInput {
            file: &instance.file,
            document: instance_document,
            instance: instance_model,
        },
        &overrides,
        &RuntimeInputs {
            secrets: secret_values,
            trust: connspec_semantic::Trust {
                allowed_hosts: args.allow_hosts.clone(),
            },
            ..RuntimeInputs::default()
        },
    );
    output.eprint_compile_diagnostics(diagnostics, &spec, &instance)?;
    let Some(connector) = connector else {
        return Ok(ExitStatus::Failure);
    };
    let RuntimeAuth::OAuth2(oauth) = &connector.auth else {
        bail!("`connspec login` is for `oauth2` connectors with `grant_type: authorization_code`");
    };
    if oauth.grant != "authorization_code" {
        bail!(
            "`connspec login` is for the authorization code grant; this connector uses `{}`",
            oauth.grant
        );
    }
    let ca_pem = match &args.cacert {
        Some(path) => Some(
            connspec_model::file::read_regular_text(
                path,
                crate::session::files::MAX_CA_BUNDLE_BYTES,
            )
            .with_context(|| format!("--cacert {}", path.display()))?,
        ),
        None => None,
    };
    let client =
        connspec_runtime::http::client(ca_pem.as_deref(), Duration::from_secs(60), false, None)?;
    let loopback = Loopback::bind()
        .await
        .map_err(|e| anyhow::anyhow!(e.message))?;
    let request = authorization(oauth, &loopback).map_err(|e| anyhow::anyhow!(e.message))?;
    eprintln!(
        "Open this URL to authorize {} (waiting for the redirect to {}):\n\n  {}\n",
        connector.name,
        loopback.redirect_uri(),
        request.url
    );
    if !args.no_browser {
        // The opener (and the browser it starts) inherits our environment: not the variables
        // this instance reads its secrets from.
        let secret_vars: Vec<&str> = instance_model
            .secrets
            .values()
            .filter_map(|source| source.0.strip_prefix("env:"))
            .collect();
        open_browser(&request.url, &secret_vars);
    }
    let token = complete(
        oauth,
        &loopback,
        request,
        &client,
        Duration::from_secs(args.timeout.max(1)),
    )
    .await
    .map_err(|e| anyhow::anyhow!(connector.redactor.scrub(&e.message).into_owned()))?;
    let path = token_path(&connector.name, &args.instance)
        .context("no cache folder: set CONNSPEC_CACHE_DIR, XDG_CACHE_HOME or HOME")?;
    write_token(&path, &token)?;
    let refresh = if token.refresh_token.is_some() {
        "with a refresh token"
    } else {
        "without a refresh token (add `offline_access` for one)"
    };
    println!("Logged in: token stored {refresh} in {}", path.display());
    Ok(ExitStatus::Success)
}

/// Tries the platform's URL opener, with the URL (which holds no secret) as its only argument
/// and without the environment variables `hidden`; failure is fine, the URL is printed.
fn open_browser(url: &str, hidden: &[&str]) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let mut command = std::process::Command::new(program);
    for var in hidden {
        command.env_remove(var);
    }
    let _ = command
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

pub(crate) fn logout(args: &LogoutArgs) -> Result<ExitStatus> {
    // Logout has no --color flag and prints a diagnostic only for a broken spec.
    let session = match Session::open_or_stop(&SessionArgs::new(
        &args.config,
        Some(&args.spec),
        Some(&args.limits),
        ColorChoice::Never,
    ))? {
        Ok(session) => session,
        Err(status) => return Ok(status),
    };
    let spec = match session.load_path(&args.spec, Some(DocumentKind::Connector)) {
        Ok(spec) => spec,
        Err(report) => {
            session.output.eprint_reports(&[report])?;
            return Ok(ExitStatus::Error);
        }
    };
    let Some(model) = spec.checked.spec.as_ref() else {
        session.output.eprint_reports(&[spec.report()])?;
        return Ok(ExitStatus::Failure);
    };
    let path = token_path(&model.name, &args.instance)
        .context("no cache folder: set CONNSPEC_CACHE_DIR, XDG_CACHE_HOME or HOME")?;
    match std::fs::remove_file(&path) {
        Ok(()) => println!("Logged out: deleted {}", path.display()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            println!("Not logged in: no token at {}", path.display());
        }
        Err(error) => {
            return Err(error).with_context(|| format!("cannot delete {}", path.display()));
        }
    }
    Ok(ExitStatus::Success)
}
