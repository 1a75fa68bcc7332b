//! `connspec sandbox`: runs the Coupa-like sandbox (`connspec_sandbox`) in the foreground and
//! prints what a user needs to point connspec, curl or a load tool at it.
//!
//! Its CA certificate is what `--cacert` trusts, so nobody else may choose or change that file:
//! by default it goes to a fresh private (0700) folder with an unpredictable name in the
//! temporary folder, created exclusively and removed when the sandbox stops; `--ca-out` and
//! `--instance-out` go through the session's atomic writer, which never follows a symbolic
//! link and gives the new file its own mode instead of the replaced file's.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;
use connspec_sandbox::{Sandbox, SandboxConfig, Scheme};

use crate::ExitStatus;
use crate::session::write::{Replace, replace};

/// Mode of the files the sandbox writes: readable by all (a CA certificate and an instance
/// file hold nothing secret), writable by the owner only.
const PUBLIC_FILE_MODE: u32 = 0o644;

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  connspec sandbox                                   HTTPS on 127.0.0.1:8443, seed 1
  connspec sandbox --port 0 --instance-out sb.yaml   a free port; write the instance file
  connspec sandbox --http --port 8080                plain HTTP for load tools (wrk, hey)
  connspec sandbox --grant-scope core.invoice.write  a scope the default clients lack

Faults and the request log are at /_sandbox/ on the same port, e.g.
  curl --cacert CA -d '{\"kind\":\"status\",\"status\":503,\"path\":\"/api/*\",\"times\":2}' \\
       https://127.0.0.1:8443/_sandbox/faults")]
pub struct SandboxArgs {
    /// Port on 127.0.0.1; 0 picks a free one. 8443 is the port of
    /// `connectors/coupa/instances/sandbox.yaml`.
    #[arg(long, default_value_t = 8443)]
    pub port: u16,
    /// Seed of the generated records: the same seed gives the same records.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Serve plain HTTP instead of HTTPS, for load tools. Specs use `https://` URLs, so
    /// connspec itself needs the default HTTPS.
    #[arg(long)]
    pub http: bool,
    /// Lifetime of access tokens (`expires_in`), in seconds.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 86_399,
        value_parser = clap::value_parser!(u64).range(1..=31_536_000)
    )]
    pub token_lifetime: u64,
    /// Also grant this scope to the sandbox's OAuth clients, e.g. `core.invoice.write`
    /// (repeatable; comma-separated lists work too).
    #[arg(long = "grant-scope", value_name = "SCOPE", value_delimiter = ',')]
    pub grant_scopes: Vec<String>,
    /// Answer the authorization endpoint at once, as the test user, without the login and
    /// consent pages.
    #[arg(long)]
    pub auto_consent: bool,
    /// Also write the instance file here.
    #[arg(long, value_name = "FILE")]
    pub instance_out: Option<PathBuf>,
    /// Where to write the CA certificate (PEM) that signed the sandbox's certificate [default:
    /// ca.pem in a private folder of its own in the temporary folder, removed on exit]. A
    /// symbolic link there is refused.
    #[arg(long, value_name = "FILE")]
    pub ca_out: Option<PathBuf>,
    /// Print one line per request to standard error (secrets are never printed).
    #[arg(long, short)]
    pub verbose: bool,
}

pub(crate) fn run(args: &SandboxArgs) -> Result<ExitStatus> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(serve(args))
}

async fn serve(args: &SandboxArgs) -> Result<ExitStatus> {
    let mut config = SandboxConfig {
        port: args.port,
        seed: args.seed,
        scheme: if args.http {
            Scheme::Http
        } else {
            Scheme::Https
        },
        token_lifetime: Duration::from_secs(args.token_lifetime.max(1)),
        auto_consent: args.auto_consent,
        ..SandboxConfig::default()
    };
    for client in &mut config.clients {
        for scope in &args.grant_scopes {
            if !client.scopes.contains(scope) {
                client.scopes.push(scope.clone());
            }
        }
    }
    let sandbox = match Sandbox::start(config).await {
        Ok(sandbox) => sandbox,
        Err(error @ connspec_sandbox::Error::Bind { .. }) => {
            return Err(anyhow::Error::new(error).context(format!(
                "cannot start the sandbox on port {} (is one running already? `--port 0` picks a free port)",
                args.port
            )));
        }
        Err(error) => return Err(anyhow::Error::new(error).context("cannot start the sandbox")),
    };
    // Held until the sandbox stops: dropping it removes the private folder and the CA in it.
    let mut private_folder = None;
    let ca_path = match sandbox.ca_pem() {
        Some(pem) => {
            let path = if let Some(path) = &args.ca_out {
                write_public(path, pem).with_context(|| {
                    format!("cannot write the CA certificate to {}", path.display())
                })?;
                path.clone()
            } else {
                let (folder, path) = write_private_ca(pem)?;
                private_folder = Some(folder);
                path
            };
            Some(path)
        }
        None => None,
    };
    let instance = sandbox.instance_file();
    if let Some(path) = &args.instance_out {
        write_public(path, instance.as_bytes())
            .with_context(|| format!("cannot write the instance file to {}", path.display()))?;
    }
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    // Polled once before the banner says "Press Ctrl-C": that installs the handler, so an
    // interrupt from then on stops the sandbox cleanly (and removes the CA's private folder)
    // instead of killing the process.
    let mut interrupted = tokio::select! {
        biased;
        _ = &mut ctrl_c => true,
        () = std::future::ready(()) => false,
    };
    print_banner(&sandbox, args, ca_path.as_ref(), &instance)?;

    let mut seen = 0;
    let mut ticker = tokio::time::interval(Duration::from_millis(200));
    while !interrupted {
        tokio::select! {
            _ = &mut ctrl_c => interrupted = true,
            _ = ticker.tick(), if args.verbose => {
                for entry in sandbox.requests_since(seen) {
                    seen = entry.seq;
                    let status = entry.status.map_or_else(|| "dropped".to_owned(), |s| s.to_string());
                    let query = entry.query.map(|q| format!("?{q}")).unwrap_or_default();
                    let fault = entry.fault.map(|f| format!(" fault={f}")).unwrap_or_default();
                    let token = if entry.token_presented { " token" } else { "" };
                    eprintln!(
                        "{} {}{query} {status} {}ms{token}{fault}",
                        entry.method, entry.path, entry.duration_ms
                    );
                }
            }
        }
    }
    sandbox.shutdown().await;
    drop(private_folder);
    Ok(ExitStatus::Success)
}

/// Writes a file the user named, atomically: a symbolic link there is refused, and the new
/// file gets [`PUBLIC_FILE_MODE`], not the mode of a file it replaces (which another user
/// may have made world-writable).
fn write_public(path: &Path, bytes: impl AsRef<[u8]>) -> Result<()> {
    replace(
        path,
        bytes.as_ref(),
        Replace {
            mode: Some(PUBLIC_FILE_MODE),
            ..Replace::default()
        },
    )
}

/// Writes the CA into a new private folder (0700, a random name, created exclusively in the
/// temporary folder) as `ca.pem`, created exclusively: nothing anybody planted in the shared
/// temporary folder is followed, reused or readable as ours.
fn write_private_ca(pem: &str) -> Result<(tempfile::TempDir, PathBuf)> {
    let folder = tempfile::Builder::new()
        .prefix("connspec-sandbox-")
        .tempdir()
        .context("cannot create a private folder for the CA certificate")?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(folder.path(), std::fs::Permissions::from_mode(0o700))
            .with_context(|| format!("cannot make {} private", folder.path().display()))?;
    }
    let path = folder.path().join("ca.pem");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(PUBLIC_FILE_MODE);
    }
    options
        .open(&path)
        .and_then(|mut file| file.write_all(pem.as_bytes()))
        .with_context(|| format!("cannot write the CA certificate to {}", path.display()))?;
    Ok((folder, path))
}

fn print_banner(
    sandbox: &Sandbox,
    args: &SandboxArgs,
    ca_path: Option<&PathBuf>,
    instance: &str,
) -> Result<()> {
    let url = sandbox.base_url();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "connspec sandbox listening on {url} (seed {})",
        args.seed
    )?;
    let cacert = if let Some(path) = ca_path {
        writeln!(out, "CA certificate: {}", path.display())?;
        format!("--cacert {} ", path.display())
    } else {
        writeln!(
            out,
            "Plain HTTP: for load tools only; specs use https:// URLs"
        )?;
        String::new()
    };
    writeln!(out, "\n# Test credentials (sandbox only):")?;
    for (name, value) in sandbox.credential_env() {
        writeln!(out, "export {name}={value}")?;
    }
    if let Some(user) = sandbox.config().users.first() {
        writeln!(
            out,
            "# Consent page login: {} / {}",
            user.login, user.password
        )?;
    }
    match &args.instance_out {
        Some(path) => writeln!(out, "\n# Instance file (written to {}):", path.display())?,
        None => writeln!(out, "\n# Instance file:")?,
    }
    write!(out, "{instance}")?;
    writeln!(out, "\n# Try:")?;
    writeln!(
        out,
        "curl -s {cacert}-d grant_type=client_credentials -d client_id=\"$COUPA_SANDBOX_CLIENT_ID\" \
         -d client_secret=\"$COUPA_SANDBOX_CLIENT_SECRET\" {}",
        sandbox.token_url()
    )?;
    writeln!(
        out,
        "curl -s {cacert}-H 'Accept: application/json' -H \"Authorization: Bearer $TOKEN\" \
         '{url}/api/approvals?status=pending_approval&limit=5'"
    )?;
    writeln!(out, "\nPress Ctrl-C to stop.")?;
    out.flush()?;
    Ok(())
}
