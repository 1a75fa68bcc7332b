//! An embedded server that behaves like Coupa in the ways that break real connectors, so
//! `connspec test --sandbox`, the runtime tests and the benchmarks exercise the whole pipeline
//! on one machine, with no Coupa tenant and no network.
//!
//! It listens on 127.0.0.1 (a chosen or a free port), by default over HTTPS with a certificate
//! signed by a CA generated at start ([`Sandbox::ca_pem`]), and serves:
//!
//! - OAuth 2.0 (`oauth`): `POST /oauth2/token` for client credentials (Basic or body client
//!   authentication, not both), authorization code with PKCE (S256) or a shared secret, and
//!   refresh tokens (authorization code with `offline_access` only); `GET
//!   /oauth2/authorizations/new` with a login page and a consent page; JWT-shaped tokens.
//! - The API (`api`): approvals (list, show, approve/reject/hold pending ones), expense
//!   reports, requisitions, invoices, purchase orders, users, user groups and suppliers,
//!   generated from a seed (`data`), with scopes enforced per route by the provider catalogue
//!   (`connspec_catalog`), XML unless `Accept: application/json`, 50-record pages and
//!   `field[op]=value` filters (`query`).
//! - Faults a test switches on per route ([`Fault`]) and a redacted request log ([`LogEntry`]),
//!   also over HTTP under `/_sandbox/` (`admin`).
//!
//! ```no_run
//! # async fn example() -> Result<(), connspec_sandbox::Error> {
//! use connspec_sandbox::{Fault, Sandbox, SandboxConfig};
//! let sandbox = Sandbox::start(SandboxConfig::default()).await?;
//! let url = sandbox.base_url(); // https://127.0.0.1:PORT; trust sandbox.ca_pem()
//! sandbox.add_fault(Fault::status(503).on("/api/approvals").times(1));
//! // ... run a client against `url` ...
//! let log = sandbox.requests();
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```

mod admin;
mod api;
mod app;
mod config;
mod data;
mod faults;
mod format;
mod log;
mod oauth;
mod query;
pub mod replay;
mod server;
mod time;
mod token;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use axum::Router;
use axum::middleware;
use axum::routing::{any, get, post};
use serde_json::Value;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use config::{
    APPROVAL_SCOPES, ApprovalResponse, CONSENT_CLIENT_ID, CONSENT_CLIENT_SECRET, ClientConfig,
    DEFAULT_TOKEN_LIFETIME, GrantType, PKCE_CLIENT_ID, SERVICE_CLIENT_ID, SERVICE_CLIENT_SECRET,
    SandboxConfig, Scheme, TEST_USER_LOGIN, TEST_USER_PASSWORD, TestUser,
};
pub use data::{EXAMPLE_APPROVAL_ID, EXAMPLE_REJECT_APPROVAL_ID, Resource};
pub use faults::{Fault, FaultId, FaultKind, OVERSIZED_BODY_BYTES};
pub use log::{ClientAuth, LogEntry};

use crate::app::App;
use crate::data::Store;
use crate::faults::Faults;
use crate::log::RequestLog;
use crate::oauth::OAuthState;
use crate::token::Tokens;

/// The provider the sandbox emulates: its catalogue gives the routes and their scopes.
pub const PROVIDER: &str = "coupa";

/// Environment variable the instance file reads the client id from.
pub const ENV_CLIENT_ID: &str = "COUPA_SANDBOX_CLIENT_ID";
/// Environment variable the instance file reads the client secret from.
pub const ENV_CLIENT_SECRET: &str = "COUPA_SANDBOX_CLIENT_SECRET";
/// Environment variable for the user-consent client's id.
pub const ENV_CONSENT_CLIENT_ID: &str = "COUPA_SANDBOX_CONSENT_CLIENT_ID";
/// Environment variable for the user-consent client's secret.
pub const ENV_CONSENT_CLIENT_SECRET: &str = "COUPA_SANDBOX_CONSENT_CLIENT_SECRET";

/// Why a sandbox could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A listener could not be bound (the port is taken, say).
    #[error("cannot listen on {addr}")]
    Bind {
        addr: String,
        #[source]
        source: std::io::Error,
    },
    /// The certificate could not be generated.
    #[error("cannot generate the sandbox's TLS certificate")]
    Certificate(#[from] rcgen::Error),
    /// TLS could not be set up with the certificate.
    #[error("cannot set up TLS")]
    Tls(#[from] tokio_rustls::rustls::Error),
    /// The configuration contradicts itself or the provider catalogue.
    #[error("invalid sandbox configuration: {0}")]
    Config(String),
}

/// A running sandbox. Dropping it (or [`Sandbox::shutdown`]) stops it.
#[derive(Debug)]
pub struct Sandbox {
    app: Arc<App>,
    addr: SocketAddr,
    redirect_addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl Sandbox {
    /// Starts a sandbox on the current tokio runtime and returns once it accepts connections.
    pub async fn start(config: SandboxConfig) -> Result<Sandbox, Error> {
        let catalog = connspec_catalog::catalog(PROVIDER)
            .ok_or_else(|| Error::Config("no Coupa catalogue".to_owned()))?;
        validate(&config, catalog)?;
        let (main, other) = server::bind(config.port).await?;
        let addr = main.local_addr().map_err(|source| Error::Bind {
            addr: format!("127.0.0.1:{}", config.port),
            source,
        })?;
        let redirect_addr = other.local_addr().map_err(|source| Error::Bind {
            addr: "127.0.0.2:0".to_owned(),
            source,
        })?;
        let tls = match config.scheme {
            Scheme::Https => Some(server::tls()?),
            Scheme::Http => None,
        };
        let scheme = config.scheme.as_str();
        let base_url = format!("{scheme}://{addr}");
        let app = Arc::new(App {
            catalog,
            store: RwLock::new(Store::generate(config.seed, &config.users)),
            tokens: Tokens::new(base_url.clone(), config.token_lifetime),
            oauth: Mutex::new(OAuthState::default()),
            faults: Faults::default(),
            log: RequestLog::new(config.log_capacity),
            started: Instant::now(),
            redirect_base: format!("{scheme}://{redirect_addr}"),
            base_url,
            ca_pem: tls.as_ref().map(|t| t.ca_pem.clone()),
            config,
        });
        let router = router(app.clone());
        let acceptor = tls.map(|t| t.acceptor);
        let (shutdown, receiver) = watch::channel(false);
        let tasks = vec![
            tokio::spawn(server::accept_loop(
                main,
                acceptor.clone(),
                router.clone(),
                true,
                receiver.clone(),
            )),
            tokio::spawn(server::accept_loop(
                other, acceptor, router, false, receiver,
            )),
        ];
        Ok(Sandbox {
            app,
            addr,
            redirect_addr,
            shutdown,
            tasks,
        })
    }

    /// `https://127.0.0.1:PORT` (or `http://` for [`Scheme::Http`]).
    pub fn base_url(&self) -> &str {
        &self.app.base_url
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The instance file's `domain` value: `127.0.0.1:PORT`.
    pub fn domain(&self) -> String {
        self.addr.to_string()
    }

    pub fn scheme(&self) -> Scheme {
        self.app.config.scheme
    }

    /// `…/oauth2/token`.
    pub fn token_url(&self) -> String {
        self.app.catalog.token_endpoint(&self.app.base_url)
    }

    /// `…/oauth2/authorizations/new`.
    pub fn authorization_url(&self) -> String {
        self.app.catalog.authorization_endpoint(&self.app.base_url)
    }

    /// Base URL of the other host that redirect faults point to (`https://127.0.0.2:PORT`).
    pub fn redirect_target(&self) -> String {
        self.app.redirect_base.clone()
    }

    /// The address of the redirect target.
    pub fn redirect_addr(&self) -> SocketAddr {
        self.redirect_addr
    }

    /// PEM of the CA that signed the sandbox's certificate, for a client to trust (HTTPS only).
    pub fn ca_pem(&self) -> Option<&str> {
        self.app.ca_pem.as_deref()
    }

    /// The configuration: clients, test users, seed.
    pub fn config(&self) -> &SandboxConfig {
        &self.app.config
    }

    /// The request log, oldest first.
    pub fn requests(&self) -> Vec<LogEntry> {
        self.app.log.snapshot()
    }

    /// Log entries after sequence number `seq`.
    pub fn requests_since(&self, seq: u64) -> Vec<LogEntry> {
        self.app.log.since(seq)
    }

    pub fn clear_requests(&self) {
        self.app.log.clear();
    }

    /// Switches a fault on.
    pub fn add_fault(&self, fault: Fault) -> FaultId {
        self.app.faults.add(fault)
    }

    /// Switches a fault off; false when it was not on (any more).
    pub fn remove_fault(&self, id: FaultId) -> bool {
        self.app.faults.remove(id)
    }

    pub fn clear_faults(&self) {
        self.app.faults.clear();
    }

    /// The faults that are on.
    pub fn faults(&self) -> Vec<(FaultId, Fault)> {
        self.app.faults.list()
    }

    /// Every access token issued so far expires now; new ones work.
    pub fn expire_tokens(&self) {
        self.app.tokens.expire_all();
    }

    /// A valid access token for `client_id` with `scopes` (granted or not), without the token
    /// endpoint: for load tests and for tests of a scope the client lacks.
    pub fn issue_token(&self, client_id: &str, scopes: &[&str]) -> String {
        let scopes: Vec<String> = scopes.iter().map(|s| (*s).to_owned()).collect();
        self.app.tokens.mint(client_id, &scopes, None)
    }

    /// Every record of a resource, as the API shows them in JSON.
    pub fn records(&self, resource: Resource) -> Vec<Value> {
        self.app.store().table(resource).to_vec()
    }

    /// One record.
    pub fn record(&self, resource: Resource, id: u64) -> Option<Value> {
        self.app.store().find(resource, id).cloned()
    }

    /// The `export VAR=value` pairs of the test client credentials the instance file reads
    /// (sandbox-only credentials, fine to print).
    pub fn credential_env(&self) -> Vec<(&'static str, String)> {
        let mut env = Vec::new();
        let config = &self.app.config;
        if let Some(client) = config.first_client(GrantType::ClientCredentials) {
            env.push((ENV_CLIENT_ID, client.id.clone()));
            env.push((ENV_CLIENT_SECRET, client.secret.clone().unwrap_or_default()));
        }
        if let Some(client) = config
            .clients
            .iter()
            .find(|c| c.grant == GrantType::AuthorizationCode && c.secret.is_some())
        {
            env.push((ENV_CONSENT_CLIENT_ID, client.id.clone()));
            env.push((
                ENV_CONSENT_CLIENT_SECRET,
                client.secret.clone().unwrap_or_default(),
            ));
        }
        env
    }

    /// An instance file for the sandbox, in the format of
    /// `connectors/coupa/instances/sandbox.yaml`: the domain is `127.0.0.1:PORT` and the
    /// secrets come from [`ENV_CLIENT_ID`] and [`ENV_CLIENT_SECRET`].
    pub fn instance_file(&self) -> String {
        format!(
            "# The local Coupa-like sandbox (`connspec sandbox`) at {url}, seed {seed}.\n\
             # Its secrets are the sandbox's test client credentials, read from the environment.\n\
             instance_version: 1\n\
             description: Local Coupa sandbox on the loopback interface\n\
             sandbox: true\n\
             values:\n  domain: {domain}\n\
             secrets:\n  COUPA_CLIENT_ID: env:{ENV_CLIENT_ID}\n  COUPA_CLIENT_SECRET: env:{ENV_CLIENT_SECRET}\n",
            url = self.base_url(),
            seed = self.app.config.seed,
            domain = self.domain(),
        )
    }

    /// Stops accepting, closes every connection and waits for the listeners to close.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        for task in self.tasks.drain(..) {
            let _ = task.await;
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/oauth2/token", post(oauth::token))
        .route("/oauth2/authorizations/new", get(oauth::authorize))
        .route("/oauth2/authorizations/login", post(oauth::login))
        .route("/oauth2/authorizations/consent", post(oauth::consent))
        .route("/api", any(api::handle))
        .route("/api/{*rest}", any(api::handle))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(app.clone(), app::gate))
        .with_state(app.clone())
        .merge(admin::router(app))
}

async fn not_found() -> axum::response::Response {
    format::html(
        axum::http::StatusCode::NOT_FOUND,
        "404 Not Found",
        "<p>The page you were looking for doesn't exist.</p>",
    )
}

/// Checks a configuration against itself and the catalogue.
fn validate(config: &SandboxConfig, catalog: &connspec_catalog::Catalog) -> Result<(), Error> {
    let fail = |message: String| Err(Error::Config(message));
    for (index, client) in config.clients.iter().enumerate() {
        if client.id.is_empty() {
            return fail("a client has an empty id".to_owned());
        }
        if config.clients[..index].iter().any(|c| c.id == client.id) {
            return fail(format!("client id `{}` is used twice", client.id));
        }
        if client.secret.is_none() && client.grant == GrantType::ClientCredentials {
            return fail(format!(
                "client `{}` uses client credentials and so needs a secret",
                client.id
            ));
        }
        if let Some(scope) = client.scopes.iter().find(|s| !catalog.is_known_scope(s)) {
            return fail(format!(
                "client `{}` is granted `{scope}`, which Coupa does not have",
                client.id
            ));
        }
    }
    for (index, user) in config.users.iter().enumerate() {
        if !(1..=60).contains(&user.user_id) {
            return fail(format!(
                "test user `{}` stands for user {}, but users are 1 to 60",
                user.login, user.user_id
            ));
        }
        if config.users[..index]
            .iter()
            .any(|u| u.login == user.login || u.user_id == user.user_id)
        {
            return fail(format!("test user `{}` is given twice", user.login));
        }
    }
    Ok(())
}
