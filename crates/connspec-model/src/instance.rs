//! The instance file: values for a connector's instance parameters and where its secrets come
//! from.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::schema::Scalar;

/// Values for one deployment of a connector (a tenant, a sandbox), and where its secrets come
/// from. Secret values never live here either, only their sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "connspec instance file")]
pub struct InstanceFile {
    /// Where editors find this schema; ignored by connspec.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of the instance file format. Only `1` exists.
    #[schemars(range(min = 1, max = 1))]
    pub instance_version: u32,
    /// What this instance is, e.g. "Acme test tenant".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// This instance is the local sandbox: loopback URLs and its generated certificate are
    /// allowed.
    #[serde(default)]
    pub sandbox: bool,
    /// Values of the connector's instance parameters, by name.
    #[serde(default)]
    #[schemars(example = example_values())]
    pub values: IndexMap<String, Scalar>,
    /// Where each secret comes from: `env:VAR` (an environment variable), `dotenv:KEY` (from
    /// `dotenv`), or `file:PATH` (a file's whole content, trailing newline removed).
    #[serde(default)]
    #[schemars(example = example_secrets())]
    pub secrets: IndexMap<String, SecretSource>,
    /// Hosts this instance trusts with its secrets besides those its values name and the
    /// provider catalogue's: `connspec test` and `connspec login` send credentials only to
    /// those (a host written only in the spec is not trusted, since the spec may come from an
    /// untrusted change). Host names, optionally with a port; `*.example.com` covers the
    /// subdomains of `example.com`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(example = example_allowed_hosts())]
    pub allowed_hosts: Vec<String>,
    /// A dotenv file (relative to this file) that `dotenv:` sources read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &".env")]
    pub dotenv: Option<String>,
}

/// An instance file's values, by name.
pub type Values = IndexMap<String, Scalar>;

/// Where a secret's value comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct SecretSource(#[schemars(regex(pattern = r"^(env|dotenv|file):\S.*$"))] pub String);

fn example_allowed_hosts() -> serde_json::Value {
    serde_json::json!(["acme.okta.com"])
}

fn example_values() -> serde_json::Value {
    serde_json::json!({ "domain": "acme-test.coupahost.com" })
}

fn example_secrets() -> serde_json::Value {
    serde_json::json!({ "COUPA_CLIENT_SECRET": "env:COUPA_CLIENT_SECRET" })
}
