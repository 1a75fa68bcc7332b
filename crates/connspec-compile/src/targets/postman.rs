//! `postman`: a Postman collection (v2.1) and an environment for one instance, for the Postman
//! app and newman.
//!
//! The collection holds a token request first (newman never fetches OAuth2 tokens itself), one
//! request per action with its example inputs, and tests (`pm.test`) from each action's
//! `expect`. Write actions sit in a folder whose requests are skipped unless `allow_writes` is
//! `true`, so running the whole collection sends no write by accident. Secrets are environment
//! variables of type `secret` with empty values: this crate never sees a value.

use connspec_model::spec::common_header_applies;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt::Write as _;

use connspec_model::spec::{
    Action, ApiKeyPlacement, Auth, Body, Expect, JsonCheck, JsonType, OAuth2,
};
use connspec_model::yaml::push_pointer;
use serde_json::{Value as Json, json};

use super::{
    Leaf, action_pointer, body, example, headers, input_type, inputs_without_example, json_text,
    query, secret_expansion, secrets_used, token_supplied_why, with_variables,
};
use crate::context::Context;
use crate::lower::{Part, encode_path_text, shell_word};
use crate::output::{Field, FieldValue, OutputFile, Section};
use crate::render::{Rendered, Segment};

/// The collection format's schema, as Postman names it.
const SCHEMA: &str = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";
/// The variable the token request fills and the auth reads.
const TOKEN_VAR: &str = "access_token";
/// The variable that lets the write folder's requests run.
const ALLOW_WRITES_VAR: &str = "allow_writes";
/// The folder that holds the write actions.
pub(crate) const WRITES_FOLDER: &str = "Writes (run deliberately)";
/// The name of the token request item.
pub(crate) const TOKEN_ITEM: &str = "Get access token";
/// The largest response body Agent Studio accepts (as `connspec test` checks it).
const RESPONSE_LIMIT_BYTES: usize = crate::limits::AGENT_STUDIO_RESPONSE_BYTES;
/// Agent Studio's request timeout, for the suggested newman command.
const TIMEOUT_MS: u128 = crate::limits::AGENT_STUDIO_TIMEOUT.as_millis();

pub(super) fn build(context: &Context<'_>) -> (Vec<Section>, Vec<String>, Vec<OutputFile>) {
    let builder = Builder {
        context,
        meta: RefCell::default(),
        unset_inputs: RefCell::default(),
        notes: RefCell::default(),
    };
    let collection = builder.collection();
    let environment = builder.environment();
    let names = file_names(&context.spec.name);
    let command = builder.newman_command(&names, &collection.to_string());
    let mut notes = builder.notes.into_inner();
    notes.push(
        "Secrets are environment variables of type secret with empty values: give them with --env-var NAME=value (CI) or fill in a private copy of the environment file; never commit one with values."
            .to_owned(),
    );
    let pretty = |value: &Json| {
        let mut text = connspec_diagnostics::pretty::to_string(value);
        text.push('\n');
        text
    };
    let files = vec![
        OutputFile {
            name: names.collection.clone(),
            text: pretty(&collection),
        },
        OutputFile {
            name: names.environment.clone(),
            text: pretty(&environment),
        },
    ];
    let mut collection_section = Section::new("Collection");
    collection_section
        .fields
        .push(Field::text("File", &names.collection));
    collection_section
        .fields
        .push(Field::new("Collection", FieldValue::Json(collection)));
    let mut environment_section = Section::new("Environment");
    environment_section
        .fields
        .push(Field::text("File", &names.environment));
    environment_section
        .fields
        .push(Field::new("Environment", FieldValue::Json(environment)));
    let mut run = Section::new("Run with newman");
    run.fields.push(Field::new(
        "Command",
        FieldValue::Code {
            language: "sh",
            text: command,
        },
    ));
    (
        vec![collection_section, environment_section, run],
        notes,
        files,
    )
}

/// The file names `-o DIR` writes, in the names Postman exports use.
pub(crate) struct FileNames {
    pub collection: String,
    pub environment: String,
}

pub(crate) fn file_names(connector: &str) -> FileNames {
    FileNames {
        collection: format!("{connector}.postman_collection.json"),
        environment: format!("{connector}.postman_environment.json"),
    }
}

/// How the requests get their access token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenPlan {
    /// The token request item fetches it (client credentials, password, refresh token).
    Request,
    /// A person or a signature Postman cannot make must supply it in `access_token`.
    Supplied,
    /// The auth needs no token.
    None,
}

struct Builder<'c, 'a> {
    context: &'c Context<'a>,
    /// `meta_info` paths the requests use, declared as empty collection variables.
    meta: RefCell<BTreeSet<String>>,
    /// Inputs without an example, declared as empty collection variables.
    unset_inputs: RefCell<BTreeSet<String>>,
    notes: RefCell<Vec<String>>,
}

impl Builder<'_, '_> {
    fn note(&self, note: String) {
        let mut notes = self.notes.borrow_mut();
        if !notes.contains(&note) {
            notes.push(note);
        }
    }

    /// A rendered field in Postman's `{{variable}}` syntax, literal text through `encode`.
    fn lower(
        &self,
        rendered: &Rendered,
        action: Option<&Action>,
        encode: &dyn Fn(&str) -> String,
    ) -> String {
        for segment in &rendered.segments {
            match segment {
                Segment::Meta(path) => {
                    self.meta.borrow_mut().insert(path.clone());
                }
                Segment::Input(name) if example(action, name).is_none() => {
                    self.unset_inputs.borrow_mut().insert(name.clone());
                }
                _ => {}
            }
        }
        with_variables(rendered, action, encode, &|path| {
            format!("{{{{meta_info.{path}}}}}")
        })
    }

    fn plain(&self, pointer: &str) -> String {
        self.lower(self.context.field(pointer), None, &str::to_owned)
    }

    fn token_plan(&self) -> TokenPlan {
        match &self.context.spec.auth {
            Auth::Oauth2(
                OAuth2::ClientCredentials(_) | OAuth2::Password(_) | OAuth2::RefreshToken(_),
            ) => TokenPlan::Request,
            Auth::Oauth2(OAuth2::AuthorizationCode(_) | OAuth2::SamlBearer(_))
            | Auth::Jwt(_)
            | Auth::Jwks(_) => TokenPlan::Supplied,
            Auth::None(_)
            | Auth::Basic(_)
            | Auth::ApiKey(_)
            | Auth::Bearer(_)
            | Auth::OnPrem(_) => TokenPlan::None,
        }
    }

    fn collection(&self) -> Json {
        let context = self.context;
        let spec = context.spec;
        let mut items = Vec::new();
        if self.token_plan() == TokenPlan::Request
            && let Auth::Oauth2(oauth2) = &spec.auth
        {
            items.push(self.token_item(oauth2));
        }
        let mut writes = Vec::new();
        for (name, action) in &spec.actions {
            let item = self.action_item(name, action);
            if action.method.is_write() {
                writes.push(item);
            } else {
                items.push(item);
            }
        }
        let has_writes = !writes.is_empty();
        if has_writes {
            items.push(json!({
                "name": WRITES_FOLDER,
                "description": format!(
                    "These requests change data. Each is skipped unless the variable `{ALLOW_WRITES_VAR}` is `true` (newman: `--env-var {ALLOW_WRITES_VAR}=true`), as `connspec test` runs writes only with `--allow-writes`."
                ),
                "item": writes,
                "event": [script("prerequest", &[
                    format!("// Writes change data: they run only when {ALLOW_WRITES_VAR} is \"true\"."),
                    format!("if (pm.variables.get({}) !== \"true\") {{", js_string(ALLOW_WRITES_VAR)),
                    "    pm.execution.skipRequest();".to_owned(),
                    "}".to_owned(),
                ])],
            }));
        }
        let auth = self.auth();
        let mut variables = vec![variable(
            "base_url",
            self.plain("/base_url").trim_end_matches('/'),
            "The API's base URL for this instance.",
        )];
        if self.token_plan() != TokenPlan::None {
            variables.push(variable(
                TOKEN_VAR,
                "",
                match self.token_plan() {
                    TokenPlan::Request => "Set by the test script of the token request.",
                    _ => "Put an access token here (or in the environment's access_token).",
                },
            ));
        }
        if has_writes {
            variables.push(variable(
                ALLOW_WRITES_VAR,
                "false",
                "Set to true to send the requests in the writes folder.",
            ));
        }
        for path in self.meta.borrow().iter() {
            variables.push(variable(
                &format!("meta_info.{path}"),
                "",
                "Agent Studio fills this from the user's context; set it to test by hand.",
            ));
        }
        for input in self.unset_inputs.borrow().iter() {
            variables.push(variable(
                input,
                "",
                "An action input without an example; set it before sending.",
            ));
        }
        if spec.client_certificate.is_some() {
            self.note(
                "Mutual TLS: Postman takes client certificates in its settings (newman: --ssl-client-cert and --ssl-client-key), not in a collection.".to_owned(),
            );
        }
        json!({
            "info": {
                "_postman_id": uuid(&[&spec.name, context.instance_name, "collection"]),
                "name": spec.display_name.clone().map_or_else(
                    || spec.name.clone(),
                    |display| format!("{display} ({})", spec.name),
                ),
                "description": self.description(has_writes),
                "schema": SCHEMA,
            },
            "item": items,
            "auth": auth,
            "variable": variables,
        })
    }

    fn description(&self, has_writes: bool) -> String {
        let context = self.context;
        let spec = context.spec;
        let mut lines = Vec::new();
        if let Some(description) = &spec.description {
            lines.push(description.clone());
            lines.push(String::new());
        }
        lines.push(format!(
            "Compiled by `connspec compile --target postman` from `{}` for the instance `{}`.",
            context.spec_name, context.instance_name
        ));
        if !spec.secrets.is_empty() {
            let names: Vec<String> = spec
                .secrets
                .iter()
                .map(|s| format!("`{}`", s.name()))
                .collect();
            lines.push(format!(
                "Secrets are environment variables with empty values: {}.",
                names.join(", ")
            ));
        }
        match self.token_plan() {
            TokenPlan::Request => lines.push(format!(
                "The first request, \"{TOKEN_ITEM}\", gets an OAuth 2.0 token and stores it in `{TOKEN_VAR}`; the other requests send it."
            )),
            TokenPlan::Supplied => lines.push(format!(
                "{} Put the token in `{TOKEN_VAR}`.",
                supplied_how(&spec.auth)
            )),
            TokenPlan::None => {}
        }
        if has_writes {
            lines.push(format!(
                "Write actions are in the folder \"{WRITES_FOLDER}\" and are skipped unless `{ALLOW_WRITES_VAR}` is `true`."
            ));
        }
        lines.join("\n")
    }

    /// The collection's auth, inherited by every request but the token request.
    fn auth(&self) -> Json {
        let context = self.context;
        match &context.spec.auth {
            Auth::None(_) => json!({ "type": "noauth" }),
            Auth::OnPrem(_) => {
                self.note(
                    "On Premise Auth: Agent Studio routes requests through the On-Prem Agent; send these from inside that network.".to_owned(),
                );
                json!({ "type": "noauth" })
            }
            Auth::Basic(_) => auth_block(
                "basic",
                &[
                    ("username", self.plain("/auth/username")),
                    ("password", self.plain("/auth/password")),
                ],
            ),
            Auth::Bearer(_) => auth_block("bearer", &[("token", self.plain("/auth/token"))]),
            Auth::ApiKey(key) => {
                let value = self.plain("/auth/key");
                match key.placement {
                    ApiKeyPlacement::Header => {
                        let header = key.header();
                        let pattern = key.pattern();
                        auth_block(
                            "apikey",
                            &[
                                ("key", header.to_owned()),
                                ("value", pattern.replacen("%s", &value, 1)),
                                ("in", "header".to_owned()),
                            ],
                        )
                    }
                    ApiKeyPlacement::Query => auth_block(
                        "apikey",
                        &[
                            ("key", key.param_name.clone().unwrap_or_default()),
                            ("value", value),
                            ("in", "query".to_owned()),
                        ],
                    ),
                }
            }
            Auth::Oauth2(oauth2) => self.oauth2_auth(oauth2),
            Auth::Jwt(_) | Auth::Jwks(_) => token_bearer(),
        }
    }

    fn oauth2_auth(&self, oauth2: &OAuth2) -> Json {
        let common = oauth2.common();
        let token = format!("{{{{{TOKEN_VAR}}}}}");
        let (key, pattern) = common.token_header_parts();
        // Postman's OAuth 2.0 auth writes `Authorization: <prefix> <token>` only; any other
        // header or pattern is an API key header holding the token.
        let prefix = pattern.strip_suffix("%s").filter(|p| !p.contains("%s"));
        let prefix = match prefix {
            Some(prefix) if key.eq_ignore_ascii_case("Authorization") => {
                if prefix.is_empty() || prefix.ends_with(' ') {
                    Some(prefix.trim_end().to_owned())
                } else {
                    None
                }
            }
            _ => None,
        };
        let Some(prefix) = prefix else {
            return auth_block(
                "apikey",
                &[
                    ("key", key.to_owned()),
                    ("value", pattern.replacen("%s", &token, 1)),
                    ("in", "header".to_owned()),
                ],
            );
        };
        let grant = match oauth2 {
            OAuth2::ClientCredentials(_) => "client_credentials",
            OAuth2::Password(_) => "password_credentials",
            OAuth2::AuthorizationCode(grant) if grant.pkce => "authorization_code_with_pkce",
            OAuth2::AuthorizationCode(_) => "authorization_code",
            // Postman's app has no refresh token or SAML grant: a bearer header with the token.
            OAuth2::RefreshToken(_) | OAuth2::SamlBearer(_) => {
                return if prefix == "Bearer" {
                    token_bearer()
                } else {
                    auth_block(
                        "apikey",
                        &[
                            ("key", key.to_owned()),
                            ("value", pattern.replacen("%s", &token, 1)),
                            ("in", "header".to_owned()),
                        ],
                    )
                };
            }
        };
        let mut params: Vec<(&str, Json)> = vec![
            ("grant_type", json!(grant)),
            ("accessTokenUrl", json!(self.plain("/auth/token_url"))),
        ];
        if let OAuth2::AuthorizationCode(grant) = oauth2 {
            params.push(("authUrl", json!(self.plain("/auth/authorization_url"))));
            if grant.pkce {
                params.push(("challengeAlgorithm", json!("S256")));
            }
            if !grant.authorization_query.is_empty() {
                let query: Vec<Json> = grant
                    .authorization_query
                    .keys()
                    .map(|key| {
                        json!({
                            "key": key,
                            "value": self.plain(&push_pointer("/auth/authorization_query", key)),
                            "enabled": true,
                            "send_as": "request_url",
                        })
                    })
                    .collect();
                params.push(("authRequestParams", Json::Array(query)));
            }
        }
        if let OAuth2::Password(_) = oauth2 {
            params.push(("username", json!(self.plain("/auth/username"))));
            params.push(("password", json!(self.plain("/auth/password"))));
        }
        if common.client_id.is_some() {
            params.push(("clientId", json!(self.plain("/auth/client_id"))));
        }
        if common.client_secret.is_some() {
            params.push(("clientSecret", json!(self.plain("/auth/client_secret"))));
        }
        let scopes = self.context.scopes().join(" ");
        if !scopes.is_empty() {
            params.push(("scope", json!(scopes)));
        }
        let client_authentication = if common.client_authentication.is_basic_header() {
            "header"
        } else {
            "body"
        };
        params.extend([
            ("client_authentication", json!(client_authentication)),
            ("addTokenTo", json!("header")),
            ("headerPrefix", json!(prefix)),
            ("tokenName", json!(self.context.spec.name)),
            // newman never runs "Get New Access Token": the token request item fills this.
            ("accessToken", json!(token)),
        ]);
        json!({
            "type": "oauth2",
            "oauth2": params
                .into_iter()
                .map(|(key, value)| {
                    let kind = if value.is_string() { "string" } else { "any" };
                    json!({ "key": key, "value": value, "type": kind })
                })
                .collect::<Vec<_>>(),
        })
    }

    /// The token request: a form POST exactly as `connspec test` sends it.
    fn token_item(&self, oauth2: &OAuth2) -> Json {
        let common = oauth2.common();
        let grant = common
            .custom_grant_type
            .clone()
            .unwrap_or_else(|| oauth2.grant_name().to_owned());
        let mut form: Vec<(String, String)> = vec![("grant_type".to_owned(), grant)];
        let basic = common.client_authentication.is_basic_header();
        if !basic {
            if common.client_id.is_some() {
                form.push(("client_id".to_owned(), self.plain("/auth/client_id")));
            }
            if common.client_secret.is_some() {
                form.push((
                    "client_secret".to_owned(),
                    self.plain("/auth/client_secret"),
                ));
            }
        }
        match oauth2 {
            OAuth2::Password(_) => {
                form.push(("username".to_owned(), self.plain("/auth/username")));
                form.push(("password".to_owned(), self.plain("/auth/password")));
            }
            OAuth2::RefreshToken(_) => {
                form.push((
                    "refresh_token".to_owned(),
                    self.plain("/auth/refresh_token"),
                ));
            }
            _ => {}
        }
        let scopes = self.context.scopes().join(" ");
        if !scopes.is_empty() {
            form.push(("scope".to_owned(), scopes));
        }
        // The spec's extra fields win over ours (e.g. Zoom's `grant_type: account_credentials`).
        for key in common.token_request.body.keys() {
            let value = self.plain(&push_pointer("/auth/token_request/body", key));
            match form.iter_mut().find(|(name, _)| name == key) {
                Some(slot) => slot.1 = value,
                None => form.push((key.clone(), value)),
            }
        }
        let mut header = vec![header_json("Accept", "application/json")];
        for key in common.token_request.headers.keys() {
            let value = self.plain(&push_pointer("/auth/token_request/headers", key));
            header.retain(|h| {
                !h["key"]
                    .as_str()
                    .is_some_and(|k| k.eq_ignore_ascii_case(key))
            });
            header.push(header_json(key, &value));
        }
        let auth = if basic {
            auth_block(
                "basic",
                &[
                    ("username", self.plain("/auth/client_id")),
                    ("password", self.plain("/auth/client_secret")),
                ],
            )
        } else {
            json!({ "type": "noauth" })
        };
        let key = common
            .token_response_keys
            .as_ref()
            .map_or("access_token", |k| k.access_token.as_str());
        let how = if basic {
            "the client authenticates with a Basic header"
        } else {
            "the client id and secret are in the form body"
        };
        let test = vec![
            "// Stores the access token for the requests after this one.".to_owned(),
            "var connspecToken;".to_owned(),
            format!(
                "pm.test({}, function () {{",
                js_string(&format!(
                    "token endpoint answers 200 with `{key}` (grant {})",
                    oauth2.grant_name()
                ))
            ),
            "    pm.response.to.have.status(200);".to_owned(),
            format!(
                "    connspecToken = pm.response.json()[{}];",
                js_string(key)
            ),
            format!(
                "    pm.expect(connspecToken, {}).to.be.a(\"string\").that.is.not.empty;",
                js_string(&format!("`{key}` in the token response"))
            ),
            "});".to_owned(),
            "if (connspecToken) {".to_owned(),
            format!(
                "    pm.collectionVariables.set({}, connspecToken);",
                js_string(TOKEN_VAR)
            ),
            format!("    if (pm.environment.has({})) {{", js_string(TOKEN_VAR)),
            format!(
                "        pm.environment.set({}, connspecToken);",
                js_string(TOKEN_VAR)
            ),
            "    }".to_owned(),
            "} else {".to_owned(),
            "    // Without a token every later request could only answer 401: stop the run."
                .to_owned(),
            "    pm.execution.setNextRequest(null);".to_owned(),
            "}".to_owned(),
        ];
        json!({
            "name": TOKEN_ITEM,
            "event": [script("test", &test)],
            "request": {
                "auth": auth,
                "method": "POST",
                "header": header,
                "body": {
                    "mode": "urlencoded",
                    "urlencoded": form
                        .into_iter()
                        .map(|(key, value)| json!({ "key": key, "value": value, "type": "text" }))
                        .collect::<Vec<_>>(),
                },
                "url": self.plain("/auth/token_url"),
                "description": format!(
                    "OAuth 2.0 {} token request, as `connspec test` sends it ({how}). Its test stores `{key}` of the response in the variable `{TOKEN_VAR}`, which the collection's auth sends; when no token comes back, the run stops here.",
                    oauth2.grant_name()
                ),
            },
        })
    }

    fn action_item(&self, name: &str, action: &Action) -> Json {
        let context = self.context;
        let base = action_pointer(name);
        let path = self.lower(
            context.field(&format!("{base}/path")),
            Some(action),
            &encode_path_text,
        );
        let query: Vec<(String, String)> = query(context, name, action)
            .into_iter()
            .map(|(key, value)| {
                (
                    encode_query(&key),
                    self.lower(value, Some(action), &encode_query),
                )
            })
            .collect();
        let mut raw = format!("{{{{base_url}}}}{path}");
        if !query.is_empty() {
            let pairs: Vec<String> = query.iter().map(|(k, v)| format!("{k}={v}")).collect();
            raw.push('?');
            raw.push_str(&pairs.join("&"));
        }
        let mut url = json!({
            "raw": raw,
            "host": ["{{base_url}}"],
            "path": path.trim_start_matches('/').split('/').collect::<Vec<_>>(),
        });
        if !query.is_empty() {
            url["query"] = Json::Array(
                query
                    .iter()
                    .map(|(key, value)| json!({ "key": key, "value": value }))
                    .collect(),
            );
        }
        let own = headers(context, name, action);
        let mut header: Vec<Json> = own
            .iter()
            .map(|(key, value)| header_json(key, &self.lower(value, Some(action), &str::to_owned)))
            .collect();
        for key in context.spec.common_headers.keys() {
            if !common_header_applies(key, own.iter().map(|(k, _)| k.as_str())) {
                continue;
            }
            header.push(header_json(
                key,
                &self.plain(&push_pointer("/common_headers", key)),
            ));
        }
        let mut request = json!({
            "method": action.method.as_str(),
            "header": header,
            "url": url,
            "description": Self::action_description(name, action),
        });
        let text = |r: &Rendered| self.lower(r, Some(action), &str::to_owned);
        let leaf = |r: &Rendered, _kind| match r.single() {
            Some(Segment::Input(input)) => match example(Some(action), input) {
                Some(example) => Leaf::Value(example.clone()),
                None => Leaf::Quoted(text(r)),
            },
            _ => Leaf::Quoted(text(r)),
        };
        if let Some(raw) = body(context, name, action, &text, &leaf) {
            let language = match action.body {
                Some(Body::Json(_)) => "json",
                _ => "text",
            };
            request["body"] = json!({
                "mode": "raw",
                "raw": raw,
                "options": { "raw": { "language": language } },
            });
        }
        for input in inputs_without_example(action) {
            self.note(format!(
                "Action {name}: input `{input}` has no example; set the collection variable `{input}` before sending it."
            ));
        }
        json!({
            "name": name,
            "event": [script("test", &tests(action.expect.as_ref()))],
            "request": request,
        })
    }

    fn action_description(name: &str, action: &Action) -> String {
        let mut lines = Vec::new();
        lines.push(
            action
                .description
                .clone()
                .unwrap_or_else(|| format!("The action `{name}`.")),
        );
        if !action.inputs.is_empty() {
            lines.push(String::new());
            lines.push("Inputs (sent with their example values):".to_owned());
            for (input, spec) in &action.inputs {
                let example = spec.example.as_ref().map_or_else(
                    || format!("no example: `{{{{{input}}}}}`"),
                    |e| format!("example `{}`", json_text(e)),
                );
                let required = if spec.required { ", required" } else { "" };
                let description = spec
                    .description
                    .as_ref()
                    .map(|d| format!(": {d}"))
                    .unwrap_or_default();
                lines.push(format!(
                    "- `{input}` ({}{required}){description}; {example}",
                    input_type(spec.kind)
                ));
            }
        }
        if action.method.is_write() {
            lines.push(String::new());
            lines.push(format!(
                "{} changes data: it runs only when `{ALLOW_WRITES_VAR}` is `true`.",
                action.method.as_str()
            ));
        }
        lines.join("\n")
    }

    fn environment(&self) -> Json {
        let context = self.context;
        let mut values: Vec<Json> = context
            .spec
            .secrets
            .iter()
            .map(|secret| secret_variable(secret.name()))
            .collect();
        if self.token_plan() == TokenPlan::Supplied {
            values.push(secret_variable(TOKEN_VAR));
        }
        let instance = instance_stem(context.instance_name);
        json!({
            "id": uuid(&[&context.spec.name, context.instance_name, "environment"]),
            "name": format!("{} · {instance}", context.spec.name),
            "values": values,
            "_postman_variable_scope": "environment",
        })
    }

    /// The newman command line for this instance: secrets from where the instance keeps them.
    fn newman_command(&self, names: &FileNames, collection: &str) -> String {
        let context = self.context;
        let mut lines = vec![format!(
            "newman run {} \\\n  --environment {}",
            shell_word(&[Part::Literal(names.collection.clone())]),
            shell_word(&[Part::Literal(names.environment.clone())])
        )];
        for name in secrets_used(context, collection) {
            lines.push(format!(
                "  --env-var {}",
                shell_word(&[
                    Part::Literal(format!("{name}=")),
                    Part::Expansion(secret_expansion(context, name)),
                ])
            ));
        }
        if self.token_plan() == TokenPlan::Supplied {
            lines.push(format!(
                "  --env-var {}",
                shell_word(&[
                    Part::Literal(format!("{TOKEN_VAR}=")),
                    Part::Expansion("$ACCESS_TOKEN".to_owned()),
                ])
            ));
            self.note(format!(
                "{} Put it in `{TOKEN_VAR}` (newman: --env-var {TOKEN_VAR}=…).",
                supplied_how(&context.spec.auth)
            ));
        }
        if context.instance.sandbox {
            lines.push("  --ssl-extra-ca-certs sandbox-ca.pem".to_owned());
            self.note(
                "A sandbox instance: trust the CA that `connspec sandbox --ca-out sandbox-ca.pem` writes.".to_owned(),
            );
        }
        lines.push(format!("  --timeout-request {TIMEOUT_MS}"));
        let mut command = lines.join(" \\\n");
        if context.spec.actions.values().any(|a| a.method.is_write()) {
            let _ = write!(
                command,
                "\n# Write actions are skipped; add --env-var {ALLOW_WRITES_VAR}=true to send them too."
            );
        }
        command
    }
}

/// Why and how a token must be supplied for this auth.
fn supplied_how(auth: &Auth) -> String {
    let why = token_supplied_why(auth).unwrap_or("This auth has no token request");
    let how = if matches!(auth, Auth::Oauth2(OAuth2::AuthorizationCode(_))) {
        "in the Postman app, use the collection's Authorization tab > Get New Access Token (register Postman's callback URL as a redirect URI of the OAuth client), or get a user's token in Agent Studio (Test > Generate New Access Token)"
    } else {
        "get an access token elsewhere (in Agent Studio: Test > Generate New Access Token)"
    };
    format!("{why}: {how}.")
}

/// The tests of one action, from its `expect`, as `connspec test` checks them.
fn tests(expect: Option<&Expect>) -> Vec<String> {
    let mut lines =
        vec!["// Tests from the action's `expect` (connspec compile --target postman).".to_owned()];
    let status = expect.and_then(|e| e.status);
    let (name, condition) = match status {
        Some(connspec_model::schema::StatusMatcher::Code(code)) => (
            format!("status is {code}"),
            format!("pm.response.code === {code}"),
        ),
        Some(connspec_model::schema::StatusMatcher::Class(class)) => (
            format!("status is {class}xx"),
            format!("Math.floor(pm.response.code / 100) === {class}"),
        ),
        None => (
            "status is 2xx (expect gives no status)".to_owned(),
            "Math.floor(pm.response.code / 100) === 2".to_owned(),
        ),
    };
    lines.push(format!("var connspecStatusOk = {condition};"));
    lines.push(format!("pm.test({}, function () {{", js_string(&name)));
    match status {
        Some(connspec_model::schema::StatusMatcher::Code(code)) => lines.push(format!(
            "    pm.expect(pm.response.code, \"the response status\").to.equal({code});"
        )),
        Some(connspec_model::schema::StatusMatcher::Class(class)) => lines.push(format!(
            "    pm.expect(Math.floor(pm.response.code / 100) + \"xx\", \"the response status class\").to.equal(\"{class}xx\");"
        )),
        None => lines.push(
            "    pm.expect(Math.floor(pm.response.code / 100) + \"xx\", \"the response status class\").to.equal(\"2xx\");"
                .to_owned(),
        ),
    }
    lines.push("});".to_owned());
    if let Some(max) = expect.and_then(|e| e.max_latency_ms) {
        lines.push(format!(
            "pm.test({}, function () {{",
            js_string(&format!("responds within {max} ms"))
        ));
        lines.push(format!(
            "    pm.expect(pm.response.responseTime, \"response time in ms\").to.be.at.most({max});"
        ));
        lines.push("});".to_owned());
    }
    lines.push(format!(
        "pm.test({}, function () {{",
        js_string(&format!(
            "body is at most {RESPONSE_LIMIT_BYTES} bytes (Agent Studio's response limit)"
        ))
    ));
    lines.push(format!(
        "    pm.expect(pm.response.responseSize, \"body size in bytes\").to.be.at.most({RESPONSE_LIMIT_BYTES});"
    ));
    lines.push("});".to_owned());
    let Some(expect) = expect else {
        return lines;
    };
    let wants_body = expect.json.is_some() || expect.schema.is_some() || !expect.checks.is_empty();
    if !wants_body {
        return lines;
    }
    // Body checks only make sense on the expected status, as in `connspec test`.
    lines.push("if (connspecStatusOk) {".to_owned());
    let mut body = Vec::new();
    if let Some(kind) = expect.json {
        let (what, assertion) = match kind {
            JsonType::Object => ("a JSON object", "to.be.an(\"object\")"),
            JsonType::Array => ("a JSON array", "to.be.an(\"array\")"),
            JsonType::String => ("a JSON string", "to.be.a(\"string\")"),
            JsonType::Number => ("a JSON number", "to.be.a(\"number\")"),
            JsonType::Boolean => ("a JSON boolean", "to.be.a(\"boolean\")"),
            JsonType::Null => ("JSON null", "to.be.null"),
        };
        body.push(format!(
            "pm.test({}, function () {{",
            js_string(&format!("body is {what}"))
        ));
        body.push(format!(
            "    pm.expect(connspecBody(), \"the body\").{assertion};"
        ));
        body.push("});".to_owned());
    }
    if let Some(schema) = &expect.schema {
        // The sandbox's validator knows draft-07: the draft 2020-12 `$schema` would stop it;
        // the keywords simple schemas use mean the same in both.
        let mut schema = schema.clone();
        schema.remove("$schema");
        body.push(format!(
            "pm.test({}, function () {{",
            js_string("body matches the JSON Schema of expect.schema")
        ));
        body.push("    connspecBody();".to_owned());
        body.push(format!(
            "    pm.response.to.have.jsonSchema({});",
            serde_json::to_string(&Json::Object(schema)).unwrap_or_default()
        ));
        body.push("});".to_owned());
    }
    for check in &expect.checks {
        body.extend(check_test(check));
    }
    lines.extend(body.into_iter().map(|line| format!("    {line}")));
    lines.push("}".to_owned());
    lines.push(String::new());
    lines.extend(BODY_HELPER.lines().map(str::to_owned));
    if !expect.checks.is_empty() {
        lines.push(String::new());
        lines.extend(PATH_HELPER.lines().map(str::to_owned));
    }
    lines
}

/// One `checks` entry as a test named after what it checks.
fn check_test(check: &JsonCheck) -> Vec<String> {
    let path = &check.path;
    let mut what = Vec::new();
    let mut asserts = vec![format!(
        "    var found = connspecPath(connspecBody(), {});",
        js_string(path)
    )];
    match check.exists {
        Some(true) => {
            what.push("exists".to_owned());
            asserts.push(format!(
                "    pm.expect(found.exists, {}).to.equal(true);",
                js_string(&format!("`{path}` exists"))
            ));
        }
        Some(false) => {
            what.push("does not exist".to_owned());
            asserts.push(format!(
                "    pm.expect(found.exists, {}).to.equal(false);",
                js_string(&format!("`{path}` does not exist"))
            ));
        }
        None => {}
    }
    if let Some(wanted) = &check.equals {
        what.push(format!("equals {wanted}"));
        asserts.push(format!(
            "    pm.expect(found.exists, {}).to.equal(true);",
            js_string(&format!("`{path}` exists"))
        ));
        asserts.push(format!(
            "    pm.expect(found.value, {}).to.deep.equal({wanted});",
            js_string(&format!("`{path}`"))
        ));
    }
    if let Some(pattern) = &check.matches {
        what.push(format!("matches /{pattern}/"));
        asserts.push(format!(
            "    pm.expect(found.exists, {}).to.equal(true);",
            js_string(&format!("`{path}` exists"))
        ));
        asserts.push(
            "    var text = typeof found.value === \"string\" ? found.value : JSON.stringify(found.value);"
                .to_owned(),
        );
        asserts.push(format!(
            "    pm.expect(text, {}).to.match(new RegExp({}));",
            js_string(&format!("`{path}`")),
            js_string(pattern)
        ));
    }
    if what.is_empty() {
        what.push("is checked".to_owned());
    }
    let mut lines = vec![format!(
        "pm.test({}, function () {{",
        js_string(&format!("`{path}` {}", what.join(", ")))
    )];
    lines.extend(asserts);
    lines.push("});".to_owned());
    lines
}

/// Reads the body as JSON, failing a test clearly when it is not.
const BODY_HELPER: &str = r#"function connspecBody() {
    var text = pm.response.text();
    try {
        return JSON.parse(text);
    } catch (error) {
        throw new Error("the body is not JSON; it starts with " + JSON.stringify(text.slice(0, 12)));
    }
}"#;

/// The path syntax of `expect.checks`, read exactly as `connspec test` reads it.
const PATH_HELPER: &str = r#"// `$`, `.key`, `[0]`, `['key']` and `["key"]`, as `connspec test` reads a check's path.
function connspecPath(root, path) {
    var rest = path.trim();
    if (rest.charAt(0) !== "$") {
        throw new Error("a path starts with `$`: " + path);
    }
    var value = root;
    var i = 1;
    while (i < rest.length) {
        var key;
        if (rest.charAt(i) === ".") {
            var end = i + 1;
            while (end < rest.length && rest.charAt(end) !== "." && rest.charAt(end) !== "[") {
                end += 1;
            }
            key = rest.slice(i + 1, end);
            if (key === "") {
                throw new Error("empty key after `.` in " + path);
            }
            i = end;
        } else if (rest.charAt(i) === "[") {
            var close = rest.indexOf("]", i);
            if (close < 0) {
                close = rest.length;
            }
            var inner = rest.slice(i + 1, close).trim();
            i = close + 1;
            var quoted = /^'(.*)'$/.exec(inner) || /^"(.*)"$/.exec(inner);
            if (quoted) {
                key = quoted[1];
            } else if (/^[0-9]+$/.test(inner)) {
                key = Number(inner);
            } else {
                throw new Error("`[" + inner + "]` is not an index or a quoted key in " + path);
            }
        } else {
            throw new Error("unexpected `" + rest.charAt(i) + "` in " + path);
        }
        if (typeof key === "number") {
            if (!Array.isArray(value) || key >= value.length) {
                return { exists: false };
            }
        } else if (value === null || typeof value !== "object" || Array.isArray(value) ||
                !Object.prototype.hasOwnProperty.call(value, key)) {
            return { exists: false };
        }
        value = value[key];
    }
    return { exists: true, value: value };
}"#;

/// A JavaScript string literal (JSON's string syntax is valid JavaScript).
fn js_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// An `event` holding a script.
fn script(listen: &str, lines: &[String]) -> Json {
    json!({
        "listen": listen,
        "script": { "type": "text/javascript", "exec": lines },
    })
}

/// An auth block: `{type, <type>: [{key, value, type: string}]}`.
fn auth_block(kind: &str, params: &[(&str, String)]) -> Json {
    let params: Vec<Json> = params
        .iter()
        .map(|(key, value)| json!({ "key": key, "value": value, "type": "string" }))
        .collect();
    let mut block = json!({ "type": kind });
    block[kind] = Json::Array(params);
    block
}

/// Bearer auth with the token in `access_token`.
fn token_bearer() -> Json {
    auth_block("bearer", &[("token", format!("{{{{{TOKEN_VAR}}}}}"))])
}

fn header_json(key: &str, value: &str) -> Json {
    json!({ "key": key, "value": value, "type": "text" })
}

fn variable(key: &str, value: &str, description: &str) -> Json {
    json!({ "key": key, "value": value, "type": "string", "description": description })
}

/// An environment variable for a secret: type `secret`, never a value.
fn secret_variable(name: &str) -> Json {
    json!({ "key": name, "value": "", "type": "secret", "enabled": true })
}

/// Percent-encodes what Postman leaves as is in a query key or value but a server would
/// decode: `%` and `+` (Postman encodes spaces, `&`, `=`, `#` and quotes itself).
fn encode_query(text: &str) -> String {
    text.replace('%', "%25").replace('+', "%2B")
}

/// An instance's name without folder and extension, as `-o DIR` names its folder.
fn instance_stem(name: &str) -> &str {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    file.rsplit_once('.').map_or(file, |(stem, _)| stem)
}

/// A stable UUID-shaped id from `parts`, so a re-import replaces the collection rather than
/// adding a copy. FNV-1a, twice with different offsets: not cryptographic, only stable.
fn uuid(parts: &[&str]) -> String {
    let hash = |offset: u64| {
        let mut h = offset;
        for part in parts {
            for byte in part.bytes().chain([0]) {
                h ^= u64::from(byte);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        h
    };
    let high = hash(0xcbf2_9ce4_8422_2325);
    let low = hash(0x6c62_272e_07bb_0142);
    let bytes: Vec<u8> = high
        .to_be_bytes()
        .into_iter()
        .chain(low.to_be_bytes())
        .collect();
    let hex = bytes.iter().fold(String::new(), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    });
    // Version 8 (custom) and the RFC 4122 variant, so the id is a well-formed UUID.
    format!(
        "{}-{}-8{}-{:x}{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        (u8::from_str_radix(&hex[16..17], 16).unwrap_or(0) & 0x3) | 0x8,
        &hex[17..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_uuids() {
        let id = uuid(&["a", "b"]);
        assert_eq!(id, uuid(&["a", "b"]));
        assert_ne!(id, uuid(&["ab", ""]));
        let groups: Vec<usize> = id.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{id}");
        assert_eq!(&id[14..15], "8");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"), "{id}");
    }

    #[test]
    fn query_values_keep_plus_and_percent() {
        assert_eq!(encode_query("a+b 100%"), "a%2Bb 100%25");
        assert_eq!(
            instance_stem("connectors/coupa/instances/acme-test.yaml"),
            "acme-test"
        );
    }
}
