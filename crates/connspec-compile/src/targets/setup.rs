//! `setup`: the provider-side checklist: where the OAuth client is created, its grant type, the
//! scopes the actions need, the redirect URI, the accounts. What a provider's catalogue says
//! (its `[setup]` table) is shown as it is; without a catalogue the checklist is generic.
//!
//! Scopes are least privilege where a provider catalogue maps each action's method and path to
//! a scope (`connspec-catalog`); otherwise they are the scopes the spec requests.

use connspec_catalog::{Catalog, ChecklistSection, RefreshTokens, RouteMatch};
use connspec_model::spec::{Auth, DataCenter, OAuth2};

use connspec_model::yaml::push_pointer;

use crate::context::Context;
use crate::lower::{Place, studio};
use crate::output::{Field, FieldValue, Section};

pub(super) fn build(context: &Context<'_>) -> (Vec<Section>, Vec<String>) {
    let mut notes = Vec::new();
    // The catalogue the lint rules check against: the spec's provider, else its host's.
    let catalog = connspec_catalog::catalog_of_spec(
        context.spec.provider.as_deref(),
        context.spec.base_url.as_str(),
    );
    let mut sections = Vec::new();
    match &context.spec.auth {
        Auth::Oauth2(oauth2) => {
            sections.push(oauth_client(context, oauth2, catalog, &mut notes));
            if let Some(accounts) = catalog.and_then(|c| accounts(c, oauth2)) {
                sections.push(accounts);
            }
        }
        other => {
            let mut section = generic(context, other);
            if let Some(catalog) = catalog {
                permissions(context, catalog, &mut section, &mut notes);
            }
            sections.push(section);
        }
    }
    if let Some(secrets) = secrets_section(context) {
        sections.push(secrets);
    }
    let mut agent_studio = Section::new("Agent Studio");
    agent_studio.fields.push(Field::new(
        "Then",
        FieldValue::List(vec![
            format!(
                "Create the connector and actions from `connspec compile {} --instance {} --target agent-studio`.",
                context.spec_name, context.instance_name
            ),
            "Test each action; for a user-consent connector, Test > Generate New Access Token first."
                .to_owned(),
        ]),
    ));
    sections.push(agent_studio);
    (sections, notes)
}

/// The OAuth client to create at the provider.
fn oauth_client(
    context: &Context<'_>,
    oauth2: &OAuth2,
    catalog: Option<&Catalog>,
    notes: &mut Vec<String>,
) -> Section {
    let provider = catalog.map_or("the provider", |c| c.display_name.as_str());
    let mut section = Section::new(format!("OAuth client in {provider}"));
    let fields = &mut section.fields;
    let instance = studio(context.field("/base_url"), Place::Other);
    fields.push(Field::text("Instance URL", &instance));
    let setup = catalog.map(|c| &c.setup);
    let location = setup
        .and_then(|s| s.client_location.as_deref())
        .unwrap_or("the provider's OAuth 2.0 client (app) registration");
    fields.push(Field::text("Where", format!("{location} > Create")));
    let grant_names = setup.map(|s| &s.grant_types);
    let provider_grant_name = grant_names.and_then(|names| match oauth2 {
        OAuth2::ClientCredentials(_) => names.client_credentials.as_deref(),
        OAuth2::AuthorizationCode(_) => names.authorization_code.as_deref(),
        OAuth2::Password(_) => names.password.as_deref(),
        OAuth2::RefreshToken(_) => names.refresh_token.as_deref(),
        OAuth2::SamlBearer(_) => names.saml_bearer.as_deref(),
    });
    let grant = provider_grant_name.unwrap_or(match oauth2 {
        OAuth2::ClientCredentials(_) => "client_credentials",
        OAuth2::AuthorizationCode(_) => "authorization_code",
        OAuth2::Password(_) => "password",
        OAuth2::RefreshToken(_) => {
            "refresh_token (mint the refresh token with the authorization code flow first)"
        }
        OAuth2::SamlBearer(_) => "urn:ietf:params:oauth:grant-type:saml2-bearer",
    });
    fields.push(Field::text("Grant type", grant));
    if let Some(name) = setup.and_then(|s| s.client_name.as_deref()) {
        fields.push(Field::text("Name", name));
    }
    let requested: Vec<String> = held_scopes(context);
    let scopes = match catalog {
        Some(catalog) => {
            let needed = needed_scopes(context, catalog, notes);
            for extra in requested
                .iter()
                .filter(|s| !needed.contains(s) && !catalog.is_identity_scope(s))
            {
                notes.push(format!(
                    "The spec requests `{extra}`, which no action needs according to the {} catalogue; leave it out of the client unless you need it.",
                    catalog.display_name
                ));
            }
            let list = context
                .spec
                .scope_refs()
                .and_then(|refs| refs.list)
                .unwrap_or("/auth/scopes")
                .trim_start_matches('/')
                .replace('/', ".");
            for missing in needed.iter().filter(|s| !requested.contains(s)) {
                notes.push(format!(
                    "The actions need `{missing}`, which the spec does not request; add it to `{list}` too."
                ));
            }
            needed
        }
        None => requested,
    };
    if scopes.is_empty() {
        fields.push(Field::text("Scopes", "(none)"));
    } else {
        fields.push(Field::new("Scopes", FieldValue::List(scopes)));
    }
    if let OAuth2::AuthorizationCode(grant) = oauth2 {
        fields.push(Field::text("Redirect URI", redirect_uri(grant.data_center)));
        notes.push(
            "<org> in the redirect URI is your org domain: the host of your Agent Studio URL, before `.moveworks.com`."
                .to_owned(),
        );
        if grant.data_center.is_none() {
            notes.push(
                "No `auth.data_center` in the spec: the US redirect URI is shown.".to_owned(),
            );
        }
    }
    fields.push(Field::text(
        "Token URL",
        studio(context.field("/auth/token_url"), Place::Other),
    ));
    if let OAuth2::AuthorizationCode(_) = oauth2 {
        fields.push(Field::text(
            "Authorization URL",
            studio(context.field("/auth/authorization_url"), Place::Other),
        ));
    }
    let afterwards = setup
        .and_then(|s| s.afterwards.as_deref())
        .unwrap_or("Save, then copy the client ID and secret to a safe place");
    fields.push(Field::text("Afterwards", afterwards));
    section
}

/// Least-privilege scopes: the scope of each action's route, plus the refresh scope when the
/// spec asks for refresh tokens.
fn needed_scopes(context: &Context<'_>, catalog: &Catalog, notes: &mut Vec<String>) -> Vec<String> {
    let mut needed: Vec<String> = Vec::new();
    let mut unknown_routes = false;
    let requested = held_scopes(context);
    for (name, action) in &context.spec.actions {
        match catalog.route_of(
            context.spec.base_url.as_str(),
            action.method.as_str(),
            action.path.as_str(),
        ) {
            RouteMatch::Found(route) => {
                // The alternative the spec already takes, else the least privileged one.
                let (alternative, _) = route
                    .requirement
                    .closest(|s| requested.iter().any(|r| r == s));
                for scope in alternative {
                    if !needed.contains(scope) {
                        needed.push(scope.clone());
                    }
                }
            }
            RouteMatch::WrongMethod(_) | RouteMatch::Unknown => {
                unknown_routes = true;
                // The path as Agent Studio shows it: never the spec's own template syntax.
                let path = crate::lower::studio(
                    context.field(&format!("{}/path", push_pointer("/actions", name))),
                    crate::lower::Place::Other,
                );
                notes.push(format!(
                    "Action {name}: {} {path} is not in the {} catalogue, so its scope is unknown; the requested scopes are kept.",
                    action.method.as_str(),
                    catalog.display_name
                ));
            }
        }
    }
    if unknown_routes {
        for scope in &requested {
            if !needed.contains(scope) {
                needed.push(scope.clone());
            }
        }
    }
    // The spec's order first, then scopes it does not request.
    needed.sort_by_key(|s| requested.iter().position(|r| r == s).unwrap_or(usize::MAX));
    if let RefreshTokens::Scope(refresh) = connspec_catalog::refresh_tokens(Some(catalog), [])
        && requested.contains(&refresh)
        && !needed.contains(&refresh)
    {
        needed.push(refresh);
    }
    needed
}

/// The scopes the spec requests (as rendered: they may use instance values) and those it says
/// the credential was granted.
fn held_scopes(context: &Context<'_>) -> Vec<String> {
    let mut scopes = context.scopes();
    for scope in &context.spec.granted_scopes {
        if !scopes.contains(scope) {
            scopes.push(scope.clone());
        }
    }
    scopes
}

/// For a credential made at the provider (a token, a service app): the permissions to grant
/// it there, least privilege by the catalogue.
fn permissions(
    context: &Context<'_>,
    catalog: &Catalog,
    section: &mut Section,
    notes: &mut Vec<String>,
) {
    let needed = needed_scopes(context, catalog, notes);
    if needed.is_empty() {
        return;
    }
    if let Some(location) = catalog.setup.client_location.as_deref() {
        section.fields.push(Field::text("Where", location));
    }
    section.fields.push(Field::new(
        format!("{} permissions to grant", catalog.display_name),
        FieldValue::List(needed),
    ));
}

fn redirect_uri(data_center: Option<DataCenter>) -> String {
    let host = match data_center.unwrap_or(DataCenter::Us) {
        DataCenter::Us => "<org>.moveworks.com",
        DataCenter::Ca => "<org>.am-ca-central.moveworks.com",
        DataCenter::Eu => "<org>.am-eu-central.moveworks.com",
        DataCenter::Ap => "<org>.am-ap-southeast.moveworks.com",
        DataCenter::Gov => "<org>.moveworksgov.com",
    };
    format!("https://{host}/auth/oauthCallback")
}

/// The provider's account requirements: the users who consent for the authorization code
/// grant, the service account a token acts as for every other grant.
fn accounts(catalog: &Catalog, oauth2: &OAuth2) -> Option<Section> {
    let checklist: &ChecklistSection = match oauth2 {
        OAuth2::AuthorizationCode(_) => catalog.setup.user_accounts.as_ref()?,
        _ => catalog.setup.service_account.as_ref()?,
    };
    let mut section = Section::new(checklist.title.as_str());
    section.fields.push(Field::new(
        checklist.label.as_str(),
        FieldValue::List(checklist.items.clone()),
    ));
    Some(section)
}

/// A generic checklist for auth types other than OAuth 2.0.
fn generic(context: &Context<'_>, auth: &Auth) -> Section {
    let mut section = Section::new("At the provider");
    let instance = studio(context.field("/base_url"), Place::Other);
    section.fields.push(Field::text("API base URL", instance));
    let steps: Vec<String> = match auth {
        Auth::None(_) => vec!["Nothing to create: the API takes no credentials.".to_owned()],
        Auth::Basic(_) => vec![
            "Create a service account for Moveworks with the least access the actions need.".to_owned(),
            "Store its username and password as the secrets below.".to_owned(),
        ],
        Auth::ApiKey(_) | Auth::Bearer(_) => vec![
            "Create an API key or token for Moveworks, owned by a service account if the provider allows it.".to_owned(),
            "Grant it only the permissions the actions need.".to_owned(),
            "Store it as the secrets below.".to_owned(),
        ],
        Auth::Jwt(jwt) => {
            let mut steps = vec![
                "Create a service app (client) that authenticates with a signed JWT (private_key_jwt).".to_owned(),
                "Generate a key pair; register the public key with the app and keep the private key as a secret.".to_owned(),
            ];
            if jwt.key_id.is_some() {
                steps.push("Note the key ID (KID) the provider assigns to the public key.".to_owned());
            }
            if let Some(scope) = jwt.claims.extra.get("scope").or_else(|| jwt.token_request.body.get("scope")) {
                steps.push(format!("Grant the app the scopes: {scope}"));
            }
            steps
        }
        Auth::Jwks(_) => vec![
            "Trust Moveworks' public keys: register https://<org>.moveworks.com/.well-known/jwks.json with the provider.".to_owned(),
            "Configure the claims the provider expects (issuer, subject, audience).".to_owned(),
        ],
        Auth::OnPrem(on_prem) => vec![
            "Install the Moveworks On-Prem Agent (v2.10 or later) where it can reach the API.".to_owned(),
            format!("Configure a service named `{}` on it.", on_prem.service_name),
        ],
        Auth::Oauth2(_) => Vec::new(),
    };
    section
        .fields
        .push(Field::new("Steps", FieldValue::List(steps)));
    section
}

/// Where each secret comes from and where the instance keeps it.
fn secrets_section(context: &Context<'_>) -> Option<Section> {
    if context.spec.secrets.is_empty() {
        return None;
    }
    let rows = context
        .spec
        .secrets
        .iter()
        .map(|secret| {
            let name = secret.name();
            let origin = match secret {
                connspec_model::spec::SecretDeclaration::Described(d) => d.description.clone(),
                connspec_model::spec::SecretDeclaration::Name(_) => {
                    "(no description in the spec)".to_owned()
                }
            };
            let store = context.instance.secrets.get(name).map_or_else(
                || "the instance file names no source for it".to_owned(),
                |s| format!("store it as {}", s.0),
            );
            (name.to_owned(), format!("{origin}; {store}"))
        })
        .collect();
    let mut section = Section::new("Secrets");
    section
        .fields
        .push(Field::new("Secrets", FieldValue::Pairs(rows)));
    Some(section)
}
