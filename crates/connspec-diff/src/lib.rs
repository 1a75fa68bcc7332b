//! Semantic diff of two versions of a connector spec, for reviewers: what a change means for
//! the connector in Agent Studio and at the provider, not which YAML lines moved.
//!
//! Changes are grouped by [`Class`]: breaking (a new connector or changed callers), needs a
//! provider change (an admin must grant or register something), needs re-paste (an Agent Studio
//! field's compiled value changed), and safe (descriptions, examples, expectations). The
//! re-paste class compares the compiled `agent-studio` output of both versions for one
//! instance, so secrets appear only as `<secret NAME>` placeholders.

mod render;

use std::collections::BTreeSet;
use std::fmt::Write;

use connspec_compile::{Field, FieldValue, InstanceInput, Output, Overrides, SpecInput, Target};
use connspec_diagnostics::{SourceFile, Span};
use connspec_model::spec::{Action, Auth, ConnectorSpec, OAuth2};
use connspec_model::yaml::{Document, push_pointer};
use serde::Serialize;

pub use render::{Format, render};

/// What a change means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// Callers or Agent Studio break: a new connector, a changed action contract.
    Breaking,
    /// An admin must change the provider's OAuth client (grant scopes, register a redirect).
    NeedsProviderChange,
    /// An Agent Studio field's compiled value changed and must be pasted again.
    NeedsRepaste,
    /// Nothing to do outside the repository.
    Safe,
}

impl Class {
    pub const ALL: [Class; 4] = [
        Class::Breaking,
        Class::NeedsProviderChange,
        Class::NeedsRepaste,
        Class::Safe,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Class::Breaking => "Breaking",
            Class::NeedsProviderChange => "Needs a provider change",
            Class::NeedsRepaste => "Needs re-paste in Agent Studio",
            Class::Safe => "Safe",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::NeedsProviderChange => "needs_provider_change",
            Class::NeedsRepaste => "needs_repaste",
            Class::Safe => "safe",
        }
    }
}

/// Which version a change is located in: NEW, or OLD for removals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Old,
    New,
}

/// Where a change is: file, line and column of the YAML it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub side: Side,
    pub path: String,
    pub line: usize,
    pub column: usize,
}

/// One semantic change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub class: Class,
    pub message: String,
    /// `old → new`, or a note on what to do.
    pub detail: Option<String>,
    pub location: Option<Location>,
}

/// One version of a spec, checked and loaded.
#[derive(Debug, Clone, Copy)]
pub struct Version<'a> {
    pub file: &'a SourceFile,
    pub document: &'a Document,
    pub spec: &'a ConnectorSpec,
}

impl<'a> Version<'a> {
    fn input(self) -> SpecInput<'a> {
        SpecInput {
            file: self.file,
            document: self.document,
            spec: self.spec,
        }
    }

    fn locate(self, side: Side, pointer: &str) -> Location {
        let spans = &self.document.spans;
        let span = spans
            .key(pointer)
            .or_else(|| spans.value(pointer))
            .unwrap_or_else(|| spans.nearest(pointer));
        location(self.file, side, span)
    }
}

fn location(file: &SourceFile, side: Side, span: Span) -> Location {
    let at = file.line_col(span.start);
    Location {
        side,
        path: file.name().to_owned(),
        line: at.line,
        column: at.column,
    }
}

/// Compares two versions. `instance` is used to compile both for the re-paste comparison;
/// without one, the spec's parameter examples stand in for instance values.
pub fn diff(
    old: Version<'_>,
    new: Version<'_>,
    instance: Option<InstanceInput<'_>>,
) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut d = Differ {
        old,
        new,
        changes: &mut changes,
    };
    d.connector();
    d.auth();
    let renamed = d.actions();
    d.repaste(instance, &renamed);
    changes.sort_by_key(|c| c.class);
    changes
}

struct Differ<'a, 'c> {
    old: Version<'a>,
    new: Version<'a>,
    changes: &'c mut Vec<Change>,
}

impl Differ<'_, '_> {
    fn push(&mut self, class: Class, message: String, detail: Option<String>, at: Location) {
        self.changes.push(Change {
            class,
            message,
            detail,
            location: Some(at),
        });
    }

    fn at_new(&self, pointer: &str) -> Location {
        self.new.locate(Side::New, pointer)
    }

    fn at_old(&self, pointer: &str) -> Location {
        self.old.locate(Side::Old, pointer)
    }

    fn connector(&mut self) {
        let (old, new) = (self.old.spec, self.new.spec);
        if old.name != new.name {
            self.push(
                Class::Breaking,
                "connector name changed".to_owned(),
                Some(format!(
                    "`{}` → `{}`: names are immutable in Agent Studio, so a new connector must be created and every action moved to it",
                    old.name, new.name
                )),
                self.at_new("/name"),
            );
        }
        let (old_host, new_host) = (host(old.base_url.as_str()), host(new.base_url.as_str()));
        if old_host != new_host {
            self.push(
                Class::Breaking,
                "base URL host changed".to_owned(),
                Some(format!("`{old_host}` → `{new_host}`")),
                self.at_new("/base_url"),
            );
        }
        for (pointer, old_text, new_text) in [
            ("/description", &old.description, &new.description),
            ("/display_name", &old.display_name, &new.display_name),
            (
                "/display_description",
                &old.display_description,
                &new.display_description,
            ),
        ] {
            if old_text != new_text {
                self.push(
                    Class::Safe,
                    format!("`{}` changed", &pointer[1..]),
                    None,
                    self.at_new(pointer),
                );
            }
        }
    }

    fn auth(&mut self) {
        let (old, new) = (&self.old.spec.auth, &self.new.spec.auth);
        if old.type_name() != new.type_name() {
            self.push(
                Class::Breaking,
                "auth type changed".to_owned(),
                Some(format!("`{}` → `{}`", old.type_name(), new.type_name())),
                self.at_new("/auth/type"),
            );
            return;
        }
        let (Auth::Oauth2(old), Auth::Oauth2(new)) = (old, new) else {
            return;
        };
        if old.grant_name() != new.grant_name() {
            self.push(
                Class::Breaking,
                "OAuth2 grant changed".to_owned(),
                Some(format!(
                    "`{}` → `{}`: the provider's client must allow the new grant",
                    old.grant_name(),
                    new.grant_name()
                )),
                self.at_new("/auth/grant_type"),
            );
        }
        let old_scopes: BTreeSet<&str> = old.scopes().iter().map(String::as_str).collect();
        let new_scopes: BTreeSet<&str> = new.scopes().iter().map(String::as_str).collect();
        for (index, scope) in old.scopes().iter().enumerate() {
            if !new_scopes.contains(scope.as_str()) {
                let pointer = push_pointer("/auth/scopes", &index.to_string());
                self.push(
                    Class::Breaking,
                    format!("scope `{scope}` removed"),
                    Some("actions that needed it now answer 403".to_owned()),
                    self.at_old(&pointer),
                );
            }
        }
        for (index, scope) in new.scopes().iter().enumerate() {
            if !old_scopes.contains(scope.as_str()) {
                let pointer = push_pointer("/auth/scopes", &index.to_string());
                self.push(
                    Class::NeedsProviderChange,
                    format!("scope `{scope}` added"),
                    Some("an admin must grant it to the OAuth client".to_owned()),
                    self.at_new(&pointer),
                );
            }
        }
        if let (OAuth2::AuthorizationCode(old), OAuth2::AuthorizationCode(new)) = (old, new)
            && old.data_center != new.data_center
        {
            self.push(
                Class::NeedsProviderChange,
                "redirect URI changed (data centre)".to_owned(),
                Some(format!(
                    "{} → {}: register the new callback URL at the provider",
                    data_center(old.data_center),
                    data_center(new.data_center)
                )),
                self.at_new("/auth/data_center"),
            );
        }
    }

    /// Compares actions; returns the renames found (old name, new name).
    fn actions(&mut self) -> Vec<(String, String)> {
        let old = &self.old.spec.actions;
        let new = &self.new.spec.actions;
        let removed: Vec<&String> = old.keys().filter(|k| !new.contains_key(*k)).collect();
        let added: Vec<&String> = new.keys().filter(|k| !old.contains_key(*k)).collect();
        let mut renamed = Vec::new();
        for name in &removed {
            let action = &old[name.as_str()];
            let twin = added.iter().find(|a| {
                same_request(action, &new[a.as_str()])
                    && !renamed.iter().any(|(_, n): &(String, String)| n == **a)
            });
            if let Some(twin) = twin {
                renamed.push(((*name).clone(), (*twin).clone()));
                self.push(
                    Class::Breaking,
                    format!("action `{name}` renamed to `{twin}`"),
                    Some("compound actions calling it by name must be updated".to_owned()),
                    self.at_new(&push_pointer("/actions", twin)),
                );
            } else {
                self.push(
                    Class::Breaking,
                    format!("action `{name}` removed"),
                    Some("compound actions calling it break".to_owned()),
                    self.at_old(&push_pointer("/actions", name)),
                );
            }
        }
        for name in &added {
            if renamed.iter().any(|(_, n)| n == *name) {
                continue;
            }
            self.push(
                Class::NeedsRepaste,
                format!("action `{name}` added"),
                Some("create it in Agent Studio".to_owned()),
                self.at_new(&push_pointer("/actions", name)),
            );
        }
        for (name, old_action) in old {
            let Some(new_action) = new.get(name) else {
                continue;
            };
            self.action(name, old_action, new_action);
        }
        renamed
    }

    fn action(&mut self, name: &str, old: &Action, new: &Action) {
        let pointer = push_pointer("/actions", name);
        if old.method != new.method {
            self.push(
                Class::Breaking,
                format!("method of action `{name}` changed"),
                Some(format!("{} → {}", old.method.as_str(), new.method.as_str())),
                self.at_new(&push_pointer(&pointer, "method")),
            );
        }
        if normalise_path(old.path.as_str()) != normalise_path(new.path.as_str()) {
            self.push(
                Class::Breaking,
                format!("path of action `{name}` changed"),
                Some(format!("`{}` → `{}`", old.path, new.path)),
                self.at_new(&push_pointer(&pointer, "path")),
            );
        }
        for (input, spec) in &new.inputs {
            let was_required = old.inputs.get(input).map(|i| i.required);
            if spec.required && was_required != Some(true) {
                let what = if was_required.is_some() {
                    "became required"
                } else {
                    "added as required"
                };
                self.push(
                    Class::Breaking,
                    format!("input `{input}` of action `{name}` {what}"),
                    Some("callers that do not pass it fail".to_owned()),
                    self.at_new(&push_pointer(&push_pointer(&pointer, "inputs"), input)),
                );
            }
        }
        if old.description != new.description {
            self.push(
                Class::Safe,
                format!("description of action `{name}` changed"),
                None,
                self.at_new(&push_pointer(&pointer, "description")),
            );
        }
        let examples = |a: &Action| -> Vec<(String, Option<String>, Option<String>)> {
            a.inputs
                .iter()
                .map(|(k, i)| {
                    (
                        k.clone(),
                        i.description.clone(),
                        i.example.as_ref().map(ToString::to_string),
                    )
                })
                .collect()
        };
        if examples(old) != examples(new) {
            self.push(
                Class::Safe,
                format!("input descriptions or examples of action `{name}` changed"),
                None,
                self.at_new(&push_pointer(&pointer, "inputs")),
            );
        }
        if old.expect != new.expect {
            self.push(
                Class::Safe,
                format!("expectations of action `{name}` changed"),
                Some("live tests only".to_owned()),
                self.at_new(&push_pointer(&pointer, "expect")),
            );
        }
    }

    /// Compiles both versions for Agent Studio and reports every field whose value changed,
    /// except those already explained as breaking or safe. Sections and fields are matched,
    /// and located in the spec, by the spec pointer each compiled field carries (its
    /// `source`), never by label text.
    fn repaste(&mut self, instance: Option<InstanceInput<'_>>, renamed: &[(String, String)]) {
        let (Some(old), Some(new)) = (compile(self.old, instance), compile(self.new, instance))
        else {
            return;
        };
        let renamed_sources: BTreeSet<String> = renamed
            .iter()
            .flat_map(|(o, n)| [push_pointer("/actions", o), push_pointer("/actions", n)])
            .collect();
        for new_section in &new.sections {
            let Some(section) = &new_section.source else {
                continue;
            };
            if renamed_sources.contains(section) {
                continue;
            }
            let Some(old_section) = old
                .sections
                .iter()
                .find(|s| s.source.as_ref() == Some(section))
            else {
                continue; // a new action, reported above
            };
            // Fields are matched by their source; among fields of one source (the fixed fields
            // an auth type implies), by their order.
            let old_fields = keyed(&old_section.fields);
            let new_fields = keyed(&new_section.fields);
            for (key, field) in &new_fields {
                let old_value = old_fields
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, f)| show(&f.value));
                let new_value = show(&field.value);
                if old_value.as_deref() == Some(new_value.as_str()) {
                    continue;
                }
                self.push(
                    Class::NeedsRepaste,
                    format!("{} › {}", new_section.title, field.label),
                    Some(format!(
                        "{} → {}",
                        old_value.as_deref().unwrap_or("(not set)"),
                        new_value
                    )),
                    self.at_new(&key.0),
                );
            }
            for (key, field) in &old_fields {
                if !new_fields.iter().any(|(k, _)| k == key) {
                    self.push(
                        Class::NeedsRepaste,
                        format!("{} › {}", new_section.title, field.label),
                        Some(format!("{} → (not set)", show(&field.value))),
                        self.at_new(&key.0),
                    );
                }
            }
        }
    }
}

/// The fields a re-paste comparison looks at, keyed by their source and their place among the
/// fields of that source.
fn keyed(fields: &[Field]) -> Vec<((String, usize), &Field)> {
    let mut out: Vec<((String, usize), &Field)> = Vec::new();
    for field in fields {
        let Some(source) = field.source.as_deref() else {
            continue;
        };
        if is_described_elsewhere(source) {
            continue;
        }
        let index = out.iter().filter(|((s, _), _)| s == source).count();
        out.push(((source.to_owned(), index), field));
    }
    out
}

/// Spec values whose changes are reported as their own, clearer change (or as safe): names
/// and descriptions, the auth type and grant, scopes, an action's method, path and inputs.
/// Fields derived from several values (Import cURL, an action's Connector) have no source
/// and are never compared: their causes are listed.
fn is_described_elsewhere(source: &str) -> bool {
    let tokens: Vec<&str> = source.split('/').skip(1).collect();
    matches!(
        tokens.as_slice(),
        ["name" | "display_name" | "display_description" | "description"]
            | ["auth", "type" | "grant_type" | "scopes"]
            | ["actions", _]
            | ["actions", _, "description" | "method" | "path" | "inputs"]
    )
}

fn show(value: &FieldValue) -> String {
    match value {
        FieldValue::Text(text) => text.clone(),
        FieldValue::Pairs(pairs) => pairs
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join(", "),
        FieldValue::Args(args) => args
            .iter()
            .map(|a| {
                format!(
                    "{} ({}{})",
                    a.name,
                    a.kind,
                    if a.required { ", required" } else { "" }
                )
            })
            .collect::<Vec<_>>()
            .join(", "),
        FieldValue::Code { text, .. } => text.split_whitespace().collect::<Vec<_>>().join(" "),
        FieldValue::Json(json) => serde_json::to_string(json).unwrap_or_default(),
        FieldValue::List(items) => items.join("; "),
    }
}

/// Compiles one version for Agent Studio, with the instance or with the parameters' examples.
fn compile(version: Version<'_>, instance: Option<InstanceInput<'_>>) -> Option<Output> {
    let run = |instance: InstanceInput<'_>| {
        let compiled = connspec_compile::compile(
            version.input(),
            instance,
            &[Target::AgentStudio],
            &Overrides::default(),
        );
        compiled.outputs.into_iter().next()
    };
    if let Some(instance) = instance {
        return run(instance);
    }
    // `values: {}` when the spec has no parameters: an empty `values:` is null, which is no
    // instance file, and the diff would find no field to re-paste at all.
    let mut text = String::from("instance_version: 1\nvalues: {}\n");
    if !version.spec.instance.is_empty() {
        text = String::from("instance_version: 1\nvalues:\n");
    }
    for (name, parameter) in &version.spec.instance {
        let value = parameter
            .example
            .as_ref()
            .or(parameter.default.as_ref())
            .map_or_else(|| format!("<{name}>"), |v| v.to_text().into_owned());
        let _ = writeln!(text, "  {}: {}", json_string(name), json_string(&value));
    }
    let (file, checked) = connspec_model::check_bytes(
        "(examples)",
        text.as_bytes(),
        &connspec_model::CheckOptions {
            kind: Some(connspec_model::DocumentKind::Instance),
            ..connspec_model::CheckOptions::default()
        },
    );
    let (Some(document), Some(instance)) = (&checked.document, &checked.instance) else {
        return None;
    };
    run(InstanceInput {
        file: &file,
        document,
        instance,
    })
}

/// A YAML flow scalar that reads back as exactly `text` (JSON strings are valid YAML).
fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

/// Whether two actions make the same request (a rename keeps method and path).
fn same_request(a: &Action, b: &Action) -> bool {
    a.method == b.method && normalise_path(a.path.as_str()) == normalise_path(b.path.as_str())
}

/// A path with whitespace inside template braces removed.
fn normalise_path(path: &str) -> String {
    path.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The host part of a base URL (templated hosts compare as written).
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find('/').unwrap_or(rest.len());
    rest[..end].chars().filter(|c| !c.is_whitespace()).collect()
}

fn data_center(dc: Option<connspec_model::spec::DataCenter>) -> String {
    dc.map_or_else(
        || "(none)".to_owned(),
        |dc| {
            serde_json::to_value(dc)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        },
    )
}
