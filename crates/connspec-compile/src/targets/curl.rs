//! `curl`: one runnable command per action, the token request first. Secrets are environment
//! variable references (`"$COUPA_CLIENT_SECRET"`), never values; inputs are their examples.

use connspec_model::spec::common_header_applies;
use connspec_model::spec::{
    Action, ApiKeyPlacement, Auth, ClientCredentialsPlacement, OAuth2, TokenRequestOptions,
};
use connspec_model::yaml::push_pointer;

use super::{
    Leaf, action_pointer, body, headers, is_variable_name, json_text, query, relative_to_instance,
    secret_expansion,
};
use crate::context::Context;
use crate::lower::{Part, encode_path_text, shell_word};
use crate::output::{Field, FieldValue, Section};
use crate::render::{Rendered, Segment};

/// The variable holding the access token between the token request and the actions.
const TOKEN_VAR: &str = "ACCESS_TOKEN";

pub(super) fn build(context: &Context<'_>) -> (Vec<Section>, Vec<String>) {
    let mut notes = vec![
        "Needs curl 7.87 or later (--url-query) and jq; secrets are read from the environment, never written here."
            .to_owned(),
    ];
    let lowering = Lowering { context };
    let mut sections = Vec::new();
    let variables = lowering.variables();
    if !variables.is_empty() {
        let mut section = Section::new("Environment");
        section.fields.push(Field::new(
            "Set before running",
            FieldValue::List(variables),
        ));
        sections.push(section);
    }
    if let Some(dotenv) = &context.instance.dotenv {
        let path = relative_to_instance(context, dotenv);
        notes.push(format!(
            "Load the instance's dotenv file first: set -a; . {}; set +a",
            shell_word(&[Part::Literal(path)])
        ));
    }
    if let Some(token) = lowering.token_section(&mut notes) {
        sections.push(token);
    }
    for (name, action) in &context.spec.actions {
        let mut section = Section::new(format!("Action {name}"));
        section.fields.push(Field::new(
            "Command",
            FieldValue::Code {
                language: "sh",
                text: lowering.action(name, action, &mut notes),
            },
        ));
        sections.push(section);
    }
    (sections, notes)
}

struct Lowering<'c, 'a> {
    context: &'c Context<'a>,
}

impl Lowering<'_, '_> {
    /// The expansion that reads a secret where the instance file says it lives.
    fn secret(&self, name: &str) -> String {
        secret_expansion(self.context, name)
    }

    /// The environment variables (and files) the commands read.
    fn variables(&self) -> Vec<String> {
        let mut out = Vec::new();
        for secret in &self.context.spec.secrets {
            let name = secret.name();
            let expansion = self.secret(name);
            let line = match expansion.strip_prefix('$') {
                Some(var) if !var.starts_with('(') => format!("{var} (secret {name})"),
                _ => format!("{expansion} (secret {name})"),
            };
            out.push(line);
        }
        if self.needs_user_token() {
            out.push(format!(
                "{TOKEN_VAR} (an access token; see the token section)"
            ));
        }
        out
    }

    fn needs_user_token(&self) -> bool {
        matches!(
            &self.context.spec.auth,
            Auth::Oauth2(OAuth2::AuthorizationCode(_) | OAuth2::SamlBearer(_))
                | Auth::Jwt(_)
                | Auth::Jwks(_)
        )
    }

    /// Parts of a rendered field: text literal, secrets as expansions, inputs as examples.
    fn parts(
        &self,
        rendered: &Rendered,
        action: Option<&Action>,
        encode: Option<fn(&str) -> String>,
    ) -> Vec<Part> {
        let literal =
            |text: &str| Part::Literal(encode.map_or_else(|| text.to_owned(), |e| e(text)));
        rendered
            .segments
            .iter()
            .map(|segment| match segment {
                Segment::Text(text) => literal(text),
                Segment::Secret(name) => Part::Expansion(self.secret(name)),
                Segment::Input(name) => {
                    match action
                        .and_then(|a| a.inputs.get(name))
                        .and_then(|i| i.example.as_ref())
                    {
                        Some(example) => literal(&json_text(example)),
                        None => Part::Expansion(format!("${name}")),
                    }
                }
                Segment::Meta(path) => Part::Expansion(format!(
                    "$META_{}",
                    path.replace('.', "_").to_ascii_uppercase()
                )),
            })
            .collect()
    }

    fn word(&self, pointer: &str) -> String {
        shell_word(&self.parts(self.context.field(pointer), None, None))
    }

    /// `prefix` + a rendered field as one shell word.
    fn prefixed(&self, prefix: &str, rendered: &Rendered, action: Option<&Action>) -> String {
        let mut parts = vec![Part::Literal(prefix.to_owned())];
        parts.extend(self.parts(rendered, action, None));
        shell_word(&parts)
    }

    fn token_section(&self, notes: &mut Vec<String>) -> Option<Section> {
        let context = self.context;
        let mut section = Section::new("Token request");
        let text = match &context.spec.auth {
            Auth::Oauth2(oauth2) => {
                let common = oauth2.common();
                let grant = match oauth2 {
                    OAuth2::ClientCredentials(_) => "client_credentials",
                    OAuth2::Password(_) => "password",
                    OAuth2::RefreshToken(_) => "refresh_token",
                    OAuth2::AuthorizationCode(_) | OAuth2::SamlBearer(_) => {
                        let what = if matches!(oauth2, OAuth2::AuthorizationCode(_)) {
                            "The authorization code grant needs a user's consent in a browser"
                        } else {
                            "The SAML bearer grant needs a user's SAML assertion"
                        };
                        notes.push(format!(
                            "{what}: get a user's access token (in Agent Studio, Test > Generate New Access Token) and export it as {TOKEN_VAR}."
                        ));
                        section.fields.push(Field::new(
                            "Command",
                            FieldValue::Code {
                                language: "sh",
                                text: format!(": \"${{{TOKEN_VAR}:?export {TOKEN_VAR}=<a user's access token>}}\""),
                            },
                        ));
                        return Some(section);
                    }
                };
                let grant = common.custom_grant_type.as_deref().unwrap_or(grant);
                let mut lines = vec![format!(
                    "{TOKEN_VAR}=$(curl --silent --show-error --fail-with-body --request POST {}",
                    self.word("/auth/token_url")
                )];
                lines.push(format!(
                    "  --header {}",
                    shell_word(&[Part::Literal("Accept: application/json".into())])
                ));
                self.token_request_lines(&common.token_request, &mut lines);
                let grant_in_body = common.token_request.body.contains_key("grant_type");
                if !grant_in_body {
                    lines.push(format!(
                        "  --data-urlencode {}",
                        shell_word(&[Part::Literal(format!("grant_type={grant}"))])
                    ));
                }
                let id = context.field("/auth/client_id");
                let secret = context.field("/auth/client_secret");
                match common.client_authentication.placement() {
                    ClientCredentialsPlacement::BasicHeader => {
                        let mut parts = self.parts(id, None, None);
                        parts.push(Part::Literal(":".into()));
                        parts.extend(self.parts(secret, None, None));
                        lines.push(format!("  --user {}", shell_word(&parts)));
                    }
                    ClientCredentialsPlacement::RequestBody
                    | ClientCredentialsPlacement::Either => {
                        if common.client_id.is_some() {
                            lines.push(format!(
                                "  --data-urlencode {}",
                                self.prefixed("client_id=", id, None)
                            ));
                        }
                        if common.client_secret.is_some() {
                            lines.push(format!(
                                "  --data-urlencode {}",
                                self.prefixed("client_secret=", secret, None)
                            ));
                        }
                    }
                }
                match oauth2 {
                    OAuth2::Password(_) => {
                        lines.push(format!(
                            "  --data-urlencode {}",
                            self.prefixed("username=", context.field("/auth/username"), None)
                        ));
                        lines.push(format!(
                            "  --data-urlencode {}",
                            self.prefixed("password=", context.field("/auth/password"), None)
                        ));
                    }
                    OAuth2::RefreshToken(_) => {
                        lines.push(format!(
                            "  --data-urlencode {}",
                            self.prefixed(
                                "refresh_token=",
                                context.field("/auth/refresh_token"),
                                None
                            )
                        ));
                    }
                    _ => {}
                }
                let scopes = self.context.scopes().join(" ");
                if !scopes.is_empty() {
                    lines.push(format!(
                        "  --data-urlencode {}",
                        shell_word(&[Part::Literal(format!("scope={scopes}"))])
                    ));
                }
                let key = common
                    .token_response_keys
                    .as_ref()
                    .map_or("access_token", |k| k.access_token.as_str());
                let filter = if is_variable_name(key) {
                    format!(".{key}")
                } else {
                    format!(".{}", serde_json::Value::String(key.to_owned()))
                };
                lines.push(format!(
                    "  | jq -r {})",
                    shell_word(&[Part::Literal(filter)])
                ));
                lines.join(" \\\n")
            }
            Auth::Jwt(jwt) => {
                let how = if jwt.token_url.is_some() {
                    "sign a JWT with the private key and exchange it at the token URL"
                } else {
                    "sign a JWT with the private key; it is the bearer token itself"
                };
                notes.push(format!(
                    "JWT auth: {how}, then export the token as {TOKEN_VAR} (curl cannot sign)."
                ));
                format!(": \"${{{TOKEN_VAR}:?export {TOKEN_VAR}=<the access token>}}\"")
            }
            Auth::Jwks(_) => {
                notes.push(format!(
                    "JWKS auth: Moveworks signs the JWT; export a token as {TOKEN_VAR} to call the API from here."
                ));
                format!(": \"${{{TOKEN_VAR}:?export {TOKEN_VAR}=<the access token>}}\"")
            }
            Auth::OnPrem(_) => {
                notes.push(
                    "On Premise Auth: Agent Studio routes requests through the On-Prem Agent; run these commands from inside that network."
                        .to_owned(),
                );
                return None;
            }
            Auth::None(_) | Auth::Basic(_) | Auth::ApiKey(_) | Auth::Bearer(_) => return None,
        };
        section.fields.push(Field::new(
            "Command",
            FieldValue::Code {
                language: "sh",
                text,
            },
        ));
        Some(section)
    }

    fn token_request_lines(&self, options: &TokenRequestOptions, lines: &mut Vec<String>) {
        for key in options.headers.keys() {
            let value = self
                .context
                .field(&push_pointer("/auth/token_request/headers", key));
            lines.push(format!(
                "  --header {}",
                self.prefixed(&format!("{key}: "), value, None)
            ));
        }
        for key in options.body.keys() {
            let value = self
                .context
                .field(&push_pointer("/auth/token_request/body", key));
            lines.push(format!(
                "  --data-urlencode {}",
                self.prefixed(&format!("{key}="), value, None)
            ));
        }
    }

    /// Authentication options of an API request.
    fn auth_lines(&self, lines: &mut Vec<String>, own_headers: &[String]) {
        let context = self.context;
        match &context.spec.auth {
            Auth::None(_) | Auth::OnPrem(_) => {}
            Auth::Basic(_) => {
                let mut parts = self.parts(context.field("/auth/username"), None, None);
                parts.push(Part::Literal(":".into()));
                parts.extend(self.parts(context.field("/auth/password"), None, None));
                lines.push(format!("  --user {}", shell_word(&parts)));
            }
            Auth::ApiKey(key) => {
                let value = self.parts(context.field("/auth/key"), None, None);
                match key.placement {
                    ApiKeyPlacement::Header => {
                        let header = key.header();
                        let pattern = key.pattern();
                        lines.push(format!(
                            "  --header {}",
                            shell_word(&pattern_parts(&format!("{header}: {pattern}"), &value))
                        ));
                    }
                    ApiKeyPlacement::Query => {
                        let param = key.param_name.as_deref().unwrap_or_default();
                        let mut parts = vec![Part::Literal(format!("{param}="))];
                        parts.extend(value);
                        lines.push(format!("  --url-query {}", shell_word(&parts)));
                    }
                }
            }
            Auth::Bearer(_) => {
                let value = self.parts(context.field("/auth/token"), None, None);
                lines.push(format!(
                    "  --header {}",
                    shell_word(&pattern_parts("Authorization: Bearer %s", &value))
                ));
            }
            Auth::Oauth2(oauth2) => {
                let common = oauth2.common();
                let (key, pattern) = common.token_header_parts();
                let token = vec![Part::Expansion(format!("${TOKEN_VAR}"))];
                lines.push(format!(
                    "  --header {}",
                    shell_word(&pattern_parts(&format!("{key}: {pattern}"), &token))
                ));
            }
            Auth::Jwt(_) | Auth::Jwks(_) => {
                let token = vec![Part::Expansion(format!("${TOKEN_VAR}"))];
                lines.push(format!(
                    "  --header {}",
                    shell_word(&pattern_parts("Authorization: Bearer %s", &token))
                ));
            }
        }
        for key in context.spec.common_headers.keys() {
            if !common_header_applies(key, own_headers.iter().map(String::as_str)) {
                continue;
            }
            let value = context.field(&push_pointer("/common_headers", key));
            lines.push(format!(
                "  --header {}",
                self.prefixed(&format!("{key}: "), value, None)
            ));
        }
    }

    fn action(&self, name: &str, action: &Action, notes: &mut Vec<String>) -> String {
        let context = self.context;
        let base = action_pointer(name);
        let mut url = self.parts(context.field("/base_url"), None, None);
        if let Some(Part::Literal(last)) = url.last_mut() {
            *last = last.trim_end_matches('/').to_owned();
        }
        url.extend(self.parts(
            context.field(&format!("{base}/path")),
            Some(action),
            Some(encode_path_text),
        ));
        let mut lines = vec![format!(
            "curl --silent --show-error --request {} {}",
            action.method.as_str(),
            shell_word(&url)
        )];
        let own_headers = headers(context, name, action);
        let own_keys: Vec<String> = own_headers.iter().map(|(k, _)| k.clone()).collect();
        self.auth_lines(&mut lines, &own_keys);
        for (key, value) in own_headers {
            lines.push(format!(
                "  --header {}",
                self.prefixed(&format!("{key}: "), &value, Some(action))
            ));
        }
        for (key, value) in query(context, name, action) {
            lines.push(format!(
                "  --url-query {}",
                self.prefixed(&format!("{key}="), value, Some(action))
            ));
        }
        let body = body(
            context,
            name,
            action,
            &|r| marked(&self.parts(r, Some(action), None)),
            &|r: &Rendered, _kind| match r.single() {
                Some(Segment::Input(input)) => {
                    match action.inputs.get(input).and_then(|i| i.example.clone()) {
                        Some(example) => Leaf::Value(example),
                        None => Leaf::Quoted(marked(&self.parts(r, Some(action), None))),
                    }
                }
                _ => Leaf::Quoted(marked(&self.parts(r, Some(action), None))),
            },
        );
        if let Some(body) = body {
            lines.push(format!("  --data-raw {}", shell_word(&unmark(&body))));
        }
        for input in action
            .inputs
            .iter()
            .filter(|(_, i)| i.example.is_none())
            .map(|(n, _)| n)
        {
            notes.push(format!(
                "Action {name}: input `{input}` has no example; export {input}=… before running it."
            ));
        }
        lines.join(" \\\n")
    }
}

/// Splits `pattern` at `%s` and puts `value` there.
fn pattern_parts(pattern: &str, value: &[Part]) -> Vec<Part> {
    let mut parts = Vec::new();
    match pattern.split_once("%s") {
        Some((before, after)) => {
            parts.push(Part::Literal(before.to_owned()));
            parts.extend(value.iter().cloned());
            parts.push(Part::Literal(after.to_owned()));
        }
        None => parts.push(Part::Literal(pattern.to_owned())),
    }
    parts
}

const EXPANSION: char = '\u{E003}';

/// Parts as text with each expansion between markers, to pass through JSON serialization.
fn marked(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Part::Literal(text) => text.clone(),
            Part::Expansion(e) => format!("{EXPANSION}{e}{EXPANSION}"),
        })
        .collect()
}

/// The inverse of [`marked`].
fn unmark(text: &str) -> Vec<Part> {
    text.split(EXPANSION)
        .enumerate()
        .filter(|(_, piece)| !piece.is_empty())
        .map(|(index, piece)| {
            if index % 2 == 1 {
                Part::Expansion(piece.to_owned())
            } else {
                Part::Literal(piece.to_owned())
            }
        })
        .collect()
}
