//! What a sandbox is set up with: where it listens, the seed of its data, and the OAuth clients
//! and test users it knows. [`SandboxConfig::default`] is what `connspec sandbox` runs.

use std::fmt;
use std::time::Duration;

/// `expires_in` of Coupa's access tokens: 24 hours less a second.
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(86_399);

/// The client-credentials client of the default configuration.
pub const SERVICE_CLIENT_ID: &str = "sandbox-service";
/// Its secret (a sandbox-only test credential).
pub const SERVICE_CLIENT_SECRET: &str = "sandbox-service-secret";
/// The authorization-code client with a shared secret (PKCE optional).
pub const CONSENT_CLIENT_ID: &str = "sandbox-consent";
/// Its secret (a sandbox-only test credential).
pub const CONSENT_CLIENT_SECRET: &str = "sandbox-consent-secret";
/// The public authorization-code client: no secret, PKCE (S256) required.
pub const PKCE_CLIENT_ID: &str = "sandbox-pkce";
/// The test user who logs in on the consent page.
pub const TEST_USER_LOGIN: &str = "sandbox.approver";
/// Their password (a sandbox-only test credential).
pub const TEST_USER_PASSWORD: &str = "sandbox-password";

/// Whether the sandbox speaks TLS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scheme {
    /// HTTPS with a certificate generated at start, signed by a CA generated at start
    /// ([`crate::Sandbox::ca_pem`]). Specs keep their `https://` URLs.
    #[default]
    Https,
    /// Plain HTTP, for load tools.
    Http,
}

impl Scheme {
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Https => "https",
            Scheme::Http => "http",
        }
    }
}

/// The grant an OAuth client is set up for in Coupa (one per client).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrantType {
    /// System-to-system; no refresh tokens.
    ClientCredentials,
    /// User consent; refresh tokens when `offline_access` is granted.
    AuthorizationCode,
}

impl GrantType {
    /// The `grant_type` value of a token request.
    pub fn as_str(self) -> &'static str {
        match self {
            GrantType::ClientCredentials => "client_credentials",
            GrantType::AuthorizationCode => "authorization_code",
        }
    }
}

/// An OAuth 2.0 client, as an admin sets it up under Setup > Oauth2/OpenID Connect Clients.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// The client's identifier.
    pub id: String,
    /// The shared secret; `None` for a public client, which must use PKCE.
    pub secret: Option<String>,
    /// Shown on the consent page.
    pub name: String,
    pub grant: GrantType,
    /// Scopes granted to the client; a token request may ask for these only.
    pub scopes: Vec<String>,
    /// Redirect URIs an authorization request may use. A loopback URI (`http://127.0.0.1/…`,
    /// `http://localhost/…`, `http://[::1]/…`) matches any port, as RFC 8252 §7.3 asks.
    pub redirect_uris: Vec<String>,
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("id", &self.id)
            .field("secret", &self.secret.as_ref().map(|_| "[REDACTED]"))
            .field("name", &self.name)
            .field("grant", &self.grant)
            .field("scopes", &self.scopes)
            .field("redirect_uris", &self.redirect_uris)
            .finish()
    }
}

/// A person who can log in on the consent page. Their token acts as the generated user
/// `user_id` (whose login becomes `login`) and sees only the approvals assigned to them.
#[derive(Clone, PartialEq, Eq)]
pub struct TestUser {
    pub login: String,
    pub password: String,
    /// Id of the generated user this person is (1 to 60; 1 is the integration user).
    pub user_id: u64,
}

impl fmt::Debug for TestUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestUser")
            .field("login", &self.login)
            .field("password", &"[REDACTED]")
            .field("user_id", &self.user_id)
            .finish()
    }
}

/// What `PUT /api/approvals/:id/approve|reject|hold` answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ApprovalResponse {
    /// The approvable document (the requisition, expense report or invoice), as Coupa's guide
    /// describes and one client relies on.
    #[default]
    Approvable,
    /// The approval itself, as Coupa's R39 API specification says.
    Approval,
}

/// Everything a sandbox is started with.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Port on 127.0.0.1; `0` picks a free one.
    pub port: u16,
    /// Seed of the generated records; the same seed gives the same records.
    pub seed: u64,
    pub scheme: Scheme,
    /// Lifetime of access tokens (`expires_in`).
    pub token_lifetime: Duration,
    pub clients: Vec<ClientConfig>,
    pub users: Vec<TestUser>,
    /// Skip the login and consent pages: the authorization endpoint redirects with a code at
    /// once, as the first test user.
    pub auto_consent: bool,
    pub approval_response: ApprovalResponse,
    /// Most request-log entries kept; older ones are dropped first.
    pub log_capacity: usize,
}

/// The five scopes of the Coupa approvals access requirements.
pub const APPROVAL_SCOPES: [&str; 5] = [
    "core.approval.read",
    "core.approval.write",
    "core.requisition.read",
    "core.user.read",
    "core.user_group.read",
];

impl Default for SandboxConfig {
    fn default() -> Self {
        let loopback = vec![
            "http://127.0.0.1/callback".to_owned(),
            "http://localhost/callback".to_owned(),
        ];
        let mut service_scopes: Vec<String> =
            APPROVAL_SCOPES.iter().map(|s| (*s).to_owned()).collect();
        service_scopes.extend(
            [
                "core.expense.read",
                "core.invoice.read",
                "core.purchase_order.read",
                "core.supplier.read",
                "core.common.read",
            ]
            .map(str::to_owned),
        );
        let consent_scopes: Vec<String> = [
            "core.approval.read",
            "core.approval.write",
            "core.requisition.read",
            "core.expense.read",
            "core.invoice.read",
            "core.user.read",
            "offline_access",
            "openid",
            "profile",
            "email",
            "login",
        ]
        .map(str::to_owned)
        .to_vec();
        SandboxConfig {
            port: 0,
            seed: 1,
            scheme: Scheme::Https,
            token_lifetime: DEFAULT_TOKEN_LIFETIME,
            clients: vec![
                ClientConfig {
                    id: SERVICE_CLIENT_ID.to_owned(),
                    secret: Some(SERVICE_CLIENT_SECRET.to_owned()),
                    name: "Moveworks (client credentials)".to_owned(),
                    grant: GrantType::ClientCredentials,
                    scopes: service_scopes,
                    redirect_uris: Vec::new(),
                },
                ClientConfig {
                    id: CONSENT_CLIENT_ID.to_owned(),
                    secret: Some(CONSENT_CLIENT_SECRET.to_owned()),
                    name: "Moveworks (user consent)".to_owned(),
                    grant: GrantType::AuthorizationCode,
                    scopes: consent_scopes.clone(),
                    redirect_uris: loopback.clone(),
                },
                ClientConfig {
                    id: PKCE_CLIENT_ID.to_owned(),
                    secret: None,
                    name: "connspec login (PKCE)".to_owned(),
                    grant: GrantType::AuthorizationCode,
                    scopes: consent_scopes,
                    redirect_uris: loopback,
                },
            ],
            users: vec![TestUser {
                login: TEST_USER_LOGIN.to_owned(),
                password: TEST_USER_PASSWORD.to_owned(),
                user_id: 3,
            }],
            auto_consent: false,
            approval_response: ApprovalResponse::Approvable,
            log_capacity: 10_000,
        }
    }
}

impl SandboxConfig {
    /// The client with this id.
    pub fn client(&self, id: &str) -> Option<&ClientConfig> {
        self.clients.iter().find(|c| c.id == id)
    }

    /// The first client set up for `grant`.
    pub fn first_client(&self, grant: GrantType) -> Option<&ClientConfig> {
        self.clients.iter().find(|c| c.grant == grant)
    }
}
