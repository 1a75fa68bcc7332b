//! `setup`: the provider-side checklist. For Coupa it follows the Coupa guides (where the
//! OAuth client is created, its grant type, the scopes the actions need, the redirect URI, the
//! service account); for other providers it is a generic checklist.
//!
//! Scopes are least privilege where a provider catalogue maps each action's method and path to
//! a scope (`connspec-catalog`); otherwise they are the scopes the spec requests.

use connspec_catalog::{Catalog, RouteMatch};
use connspec_model::spec::{Auth, DataCenter, OAuth2};

use crate::context::Context;
use crate::lower::{Place, studio};
use crate::output::{Field, FieldValue, Section};

pub(super) fn build(context: &Context<'_>) -> (Vec<Section>, Vec<String>) {
    let mut notes = Vec::new();
    let catalog = context
        .spec
        .provider
        .as_deref()
        .and_then(connspec_catalog::catalog);
    let mut sections = Vec::new();
    let is_coupa = catalog.is_some_and(|c| c.name == "coupa");
    match &context.spec.auth {
        Auth::Oauth2(oauth2) => {
            sections.push(oauth_client(context, oauth2, catalog, &mut notes));
            if is_coupa {
                sections.push(coupa_account(oauth2));
            }
        }
        other => sections.push(generic(context, other)),
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
    let location = catalog
        .and_then(|c| c.setup_location.clone())
        .unwrap_or_else(|| "the provider's OAuth 2.0 client (app) registration".to_owned());
    fields.push(Field::text("Where", format!("{location} > Create")));
    let is_coupa = catalog.is_some_and(|c| c.name == "coupa");
    let grant = match oauth2 {
        OAuth2::ClientCredentials(_) if is_coupa => "Client Credentials",
        OAuth2::AuthorizationCode(_) if is_coupa => "Authorization code",
        OAuth2::ClientCredentials(_) => "client_credentials",
        OAuth2::AuthorizationCode(_) => "authorization_code",
        OAuth2::Password(_) => "password",
        OAuth2::RefreshToken(_) => {
            "refresh_token (mint the refresh token with the authorization code flow first)"
        }
        OAuth2::SamlBearer(_) => "urn:ietf:params:oauth:grant-type:saml2-bearer",
    };
    fields.push(Field::text("Grant type", grant));
    if is_coupa {
        fields.push(Field::text("Name", "Moveworks Client"));
    }
    let requested: Vec<String> = oauth2.scopes().to_vec();
    let scopes = match catalog {
        Some(catalog) => {
            let needed = needed_scopes(context, oauth2, catalog, notes);
            for extra in requested.iter().filter(|s| !needed.contains(s)) {
                notes.push(format!(
                    "The spec requests `{extra}`, which no action needs according to the {} catalogue; leave it out of the client unless you need it.",
                    catalog.display_name
                ));
            }
            for missing in needed.iter().filter(|s| !requested.contains(s)) {
                notes.push(format!(
                    "The actions need `{missing}`, which the spec does not request; add it to `auth.scopes` too."
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
    let copy = if is_coupa {
        "Save, then copy the Identifier and the Secret (and the OIDC scopes) to a safe place"
    } else {
        "Save, then copy the client ID and secret to a safe place"
    };
    fields.push(Field::text("Afterwards", copy));
    section
}

/// Least-privilege scopes: the scope of each action's route, plus the refresh scope when the
/// spec asks for refresh tokens.
fn needed_scopes(
    context: &Context<'_>,
    oauth2: &OAuth2,
    catalog: &Catalog,
    notes: &mut Vec<String>,
) -> Vec<String> {
    let mut needed: Vec<String> = Vec::new();
    let mut unknown_routes = false;
    for (name, action) in &context.spec.actions {
        match catalog.route(action.method.as_str(), action.path.as_str()) {
            RouteMatch::Found(route) => {
                if !needed.contains(&route.scope) {
                    needed.push(route.scope.clone());
                }
            }
            RouteMatch::WrongMethod(_) | RouteMatch::Unknown => {
                unknown_routes = true;
                notes.push(format!(
                    "Action {name}: {} {} is not in the {} catalogue, so its scope is unknown; the requested scopes are kept.",
                    action.method.as_str(),
                    action.path.as_str(),
                    catalog.display_name
                ));
            }
        }
    }
    if unknown_routes {
        for scope in oauth2.scopes() {
            if !needed.contains(scope) {
                needed.push(scope.clone());
            }
        }
    }
    // The spec's order first, then scopes it does not request.
    let requested = oauth2.scopes();
    needed.sort_by_key(|s| requested.iter().position(|r| r == s).unwrap_or(usize::MAX));
    if let Some(refresh) = &catalog.refresh_scope
        && oauth2.scopes().contains(refresh)
        && !needed.contains(refresh)
    {
        needed.push(refresh.clone());
    }
    needed
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

/// Coupa's account requirements: a service account for client credentials (the Coupa
/// approvals access requirements), a user with the right roles for user consent.
fn coupa_account(oauth2: &OAuth2) -> Section {
    if let OAuth2::AuthorizationCode(_) = oauth2 {
        let mut section = Section::new("Coupa users");
        section.fields.push(Field::new(
            "Each user",
            FieldValue::List(vec![
                "Needs basic access: log in and view their own profile, requisitions, approvals, invoices and expenses.".to_owned(),
                "Belongs to a role such as Employee or Approver: the token only reaches what the user sees in Coupa.".to_owned(),
                "An admin who authorizes sees all data; test as the intended user.".to_owned(),
            ]),
        ));
        return section;
    }
    let mut section = Section::new("Coupa service account");
    section.fields.push(Field::new(
        "Steps",
        FieldValue::List(vec![
            "Create a user for Moveworks: Setup > Users > Create.".to_owned(),
            "Under Roles, check User: it is required to fetch all purchase requisitions and approve or deny them.".to_owned(),
            "In the OAuth client, fill in Login, Contact First Name, Contact Last Name and Contact Email with the service account's details.".to_owned(),
            "Keep the service account's email and password with the client ID, secret, scopes and instance URL; share them only encrypted.".to_owned(),
        ]),
    ));
    section
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
