//! `connspec login` and `connspec logout`: the authorization code grant with PKCE (S256) and
//! `state` through a loopback listener on 127.0.0.1, and the token set cached per connector and
//! instance in the user's cache folder, in a file only the user can read (mode 0600).
//! `connspec test` reads (and, after a refresh, rewrites) the same file.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::Args;
use connspec_compile::{InstanceInput, Overrides, RuntimeAuth, RuntimeInputs, SpecInput, runtime};
use connspec_model::DocumentKind;
use connspec_runtime::login::{Loopback, authorization, complete};
use connspec_runtime::{StoredToken, secrets};

use crate::ExitStatus;
use crate::args::{ColorChoice, LimitArgs};
use crate::test_cmd::{load_path, print_compile_diagnostics, print_reports, use_color};
use connspec_model::yaml::Limits;
use connspec_runtime::limits::DEFAULT_CALLBACK_WAIT;

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
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_CALLBACK_WAIT.as_secs())]
    pub timeout: u64,
    /// When to use colours in diagnostics.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
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
    pub limits: LimitArgs,
}

/// Where the token set of `connector` for the instance file `instance` lives:
/// `$CONNSPEC_CACHE_DIR`, else `$XDG_CACHE_HOME/connspec`, else `~/.cache/connspec`, then
/// `tokens/<connector>--<instance file stem>.json`.
pub(crate) fn token_path(connector: &str, instance: &Path) -> Option<PathBuf> {
    let base = std::env::var_os("CONNSPEC_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("connspec")))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/connspec")))?;
    let stem = instance
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("instance");
    let safe = |s: &str| {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect::<String>()
    };
    Some(
        base.join("tokens")
            .join(format!("{}--{}.json", safe(connector), safe(stem))),
    )
}

pub(crate) fn read_token(path: &Path) -> Option<StoredToken> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

/// Writes the token set to a temporary file created with mode 0600, then renames it into place.
/// Folders it creates are 0700, and the token folder is made 0700 even when it existed, so other
/// users cannot list which connectors and instances have a login.
pub(crate) fn write_token(path: &Path, token: &StoredToken) -> Result<()> {
    let dir = path.parent().context("the token path has no folder")?;
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt as _, PermissionsExt as _};
        builder.mode(0o700);
        builder
            .create(dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .with_context(|| format!("cannot restrict {}", dir.display()))?;
    }
    #[cfg(not(unix))]
    builder
        .create(dir)
        .with_context(|| format!("cannot create {}", dir.display()))?;
    let temporary = path.with_extension(format!("{}.tmp", std::process::id()));
    // A leftover temporary file keeps its mode when opened; start from a fresh one.
    let _ = std::fs::remove_file(&temporary);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options
        .open(&temporary)
        .with_context(|| format!("cannot create {}", temporary.display()))?;
    file.write_all(serde_json::to_string_pretty(token)?.as_bytes())?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temporary, path)
        .with_context(|| format!("cannot move the token file to {}", path.display()))?;
    Ok(())
}

pub(crate) fn login(args: &LoginArgs) -> Result<ExitStatus> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(login_async(args))
}

async fn login_async(args: &LoginArgs) -> Result<ExitStatus> {
    let color = use_color(args.color);
    let overrides = match Overrides::parse(args.set.iter().map(String::as_str)) {
        Ok(overrides) => overrides,
        Err(error) => bail!("--set {error}"),
    };
    let (spec, instance) = match (
        load_path(
            &args.spec,
            DocumentKind::Connector,
            args.limits.over(Limits::default()),
        ),
        load_path(
            &args.instance,
            DocumentKind::Instance,
            args.limits.over(Limits::default()),
        ),
    ) {
        (Ok(spec), Ok(instance)) => (spec, instance),
        (spec, instance) => {
            let reports: Vec<_> = [spec.err(), instance.err()].into_iter().flatten().collect();
            print_reports(&reports, color)?;
            return Ok(ExitStatus::Error);
        }
    };
    print_reports(&[spec.report(), instance.report()], color)?;
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
    print_compile_diagnostics(diagnostics, &spec, &instance, color)?;
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
            std::fs::read_to_string(path)
                .with_context(|| format!("--cacert {}", path.display()))?,
        ),
        None => None,
    };
    let client = connspec_runtime::http::client(ca_pem.as_deref(), Duration::from_secs(60), false)?;
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
    let spec = match load_path(
        &args.spec,
        DocumentKind::Connector,
        args.limits.over(Limits::default()),
    ) {
        Ok(spec) => spec,
        Err(report) => {
            print_reports(&[report], false)?;
            return Ok(ExitStatus::Error);
        }
    };
    let Some(model) = spec.checked.spec.as_ref() else {
        print_reports(&[spec.report()], false)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_files_are_private_and_round_trip() {
        let dir = std::env::temp_dir().join(format!("connspec-login-test-{}", std::process::id()));
        let path = dir.join("tokens/c--i.json");
        let token = StoredToken {
            access_token: "a".into(),
            refresh_token: Some("r".into()),
            expires_at: Some(1),
            scopes: None,
        };
        write_token(&path, &token).unwrap();
        assert_eq!(read_token(&path), Some(token));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn the_token_folder_is_private_even_when_it_existed() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = std::env::temp_dir().join(format!("connspec-login-dir-{}", std::process::id()));
        let tokens = dir.join("tokens");
        let path = tokens.join("c--i.json");
        let token = StoredToken {
            access_token: "a".into(),
            refresh_token: None,
            expires_at: None,
            scopes: None,
        };
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        write_token(&path, &token).unwrap();
        assert_eq!(mode(&tokens), 0o700, "a new token folder");
        assert_eq!(mode(&path), 0o600);
        // A folder (and a leftover temporary file) from before, readable by everyone.
        std::fs::set_permissions(&tokens, std::fs::Permissions::from_mode(0o755)).unwrap();
        let leftover = path.with_extension(format!("{}.tmp", std::process::id()));
        std::fs::write(&leftover, "old").unwrap();
        std::fs::set_permissions(&leftover, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_token(&path, &token).unwrap();
        assert_eq!(mode(&tokens), 0o700, "an existing token folder");
        assert_eq!(mode(&path), 0o600, "the rewritten token file");
        assert!(!leftover.exists());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
