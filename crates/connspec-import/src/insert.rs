//! Adding an imported action to an existing spec as text, so every comment and byte the user
//! wrote stays, and re-checking the result.
//!
//! The action goes at the end of `actions:` in the file's own indentation (or replaces an empty
//! `{}`, or starts a new `actions:` key); a scope the provider's catalogue says the route needs
//! is added to `auth.scopes`. Positions come from the loader's spans. Nothing here reads or
//! writes a file: the caller does, and decides what to do with the findings of [`recheck`].

use std::collections::BTreeMap;

use connspec_diagnostics::{Diagnostic, FileReport, Severity, SourceFile};
use connspec_lint::LintSettings;
use connspec_model::spec::{Auth, ConnectorSpec};
use connspec_model::yaml::Document;
use connspec_model::{CheckOptions, check_bytes};
use serde_json::Value;

use crate::convert::ImportedAction;
use crate::render::render_action;
use crate::yaml_text;

/// Why a spec cannot take an imported action.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpecError {
    /// The file is not UTF-8.
    #[error("`{name}` is not UTF-8 text")]
    NotUtf8 {
        /// The spec's name (its path, as shown).
        name: String,
    },
    /// The file is not a schema-valid connector spec.
    #[error(
        "`{name}` is not a valid connector spec, so the action was not added; see \
         `connspec check {name}`"
    )]
    Invalid {
        /// The spec's name (its path, as shown).
        name: String,
    },
}

/// Why an action cannot be inserted into a spec's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InsertError {
    /// An action of that name (compared case-insensitively) exists.
    #[error("{spec} already has an action `{existing}`")]
    DuplicateAction {
        /// The spec's name.
        spec: String,
        /// The existing action's name, as the spec spells it.
        existing: String,
    },
    /// `actions` is a non-empty flow mapping.
    #[error(
        "`actions` in {spec} is a flow mapping (`{{ … }}`); write it as a block mapping to add \
         an action to it"
    )]
    FlowActions {
        /// The spec's name.
        spec: String,
    },
    /// `auth.scopes` is a block list whose first item has no span.
    #[error("cannot find the first scope in `auth.scopes`")]
    NoFirstScope,
    /// An OAuth2 auth without a `grant_type` key to put `scopes` after.
    #[error("cannot find `auth.grant_type`")]
    NoGrantType,
}

/// A connector spec's text with what checking it gave.
#[derive(Debug)]
pub struct ParsedSpec {
    /// The name diagnostics use (the path, as shown).
    pub name: String,
    /// The text as read.
    pub text: String,
    /// The loaded document: its spans place the edits.
    pub document: Document,
    /// The typed spec.
    pub spec: ConnectorSpec,
}

impl ParsedSpec {
    /// Checks `bytes` as a connector spec called `name`.
    pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<Self, SpecError> {
        let (_, checked) = check_bytes(name, &bytes, &CheckOptions::default());
        let text = String::from_utf8(bytes).map_err(|_| SpecError::NotUtf8 {
            name: name.to_owned(),
        })?;
        match (checked.document, checked.spec) {
            (Some(document), Some(spec)) => Ok(Self {
                name: name.to_owned(),
                text,
                document,
                spec,
            }),
            _ => Err(SpecError::Invalid {
                name: name.to_owned(),
            }),
        }
    }
}

/// A note when the command authenticates unlike the spec: the action uses the spec's auth.
pub fn auth_note(spec: &ParsedSpec, action: &ImportedAction) -> Option<String> {
    let implied = action.auth.as_ref()?;
    let implied_type = implied
        .auth
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("none");
    let spec_type = spec.spec.auth.type_name();
    (implied_type != spec_type).then(|| {
        format!(
            "the cURL command authenticates like `auth.type: {implied_type}`; the spec's auth \
             is `{spec_type}`, which the action will use"
        )
    })
}

/// What re-checking an edited spec found that the original did not have.
#[derive(Debug)]
pub struct Recheck {
    /// The edited text as a source file, literal secrets masked, for rendering the findings.
    pub source: SourceFile,
    /// New errors: the edit must not be written.
    pub new_errors: Vec<Diagnostic>,
    /// New warnings, then new infos.
    pub new_warnings: Vec<Diagnostic>,
}

/// Runs the whole check pipeline (check, then lint, with the caller's limits and rule
/// selection) on `before` and `after` and keeps the findings of `after` that `before` does not
/// have, compared by code and message.
pub fn recheck(
    name: &str,
    before: &str,
    after: &str,
    options: &CheckOptions,
    settings: &LintSettings,
) -> Recheck {
    let before = check_text(name, before, options, settings);
    let after = check_text(name, after, options, settings);
    let new_errors = new_findings(&before, &after, Severity::Error);
    let new_warnings = [Severity::Warning, Severity::Info]
        .into_iter()
        .flat_map(|severity| new_findings(&before, &after, severity))
        .collect();
    Recheck {
        source: after.source,
        new_errors,
        new_warnings,
    }
}

/// Errors of a spec text through the whole check pipeline: check then lint.
fn check_text(
    name: &str,
    text: &str,
    options: &CheckOptions,
    settings: &LintSettings,
) -> FileReport {
    // Literal secrets are masked in every snippet (`shown`), as `connspec check` masks them.
    let checked = connspec_lint::check_and_lint(name, text.as_bytes(), options, settings);
    FileReport::new(checked.shown, checked.checked.diagnostics)
}

/// Diagnostics of `after` at `severity` that `before` does not have, compared by code and
/// message (positions move when text is inserted).
fn new_findings(before: &FileReport, after: &FileReport, severity: Severity) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    for d in before.diagnostics.iter().filter(|d| d.severity == severity) {
        *seen
            .entry((d.code.code.to_owned(), d.message.clone()))
            .or_default() += 1;
    }
    after
        .diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .filter(|d| {
            let key = (d.code.code.to_owned(), d.message.clone());
            match seen.get_mut(&key) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    false
                }
                _ => true,
            }
        })
        .cloned()
        .collect()
}

/// The spec text with the action (and the scope it needs) inserted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditedSpec {
    /// The whole edited text.
    pub text: String,
    /// What the edit did besides adding the action (a scope added to `auth.scopes`).
    pub notes: Vec<String>,
}

/// Inserts the action at the end of `actions:` (a block mapping, `{}`, or a missing key) and,
/// when the provider's catalogue names a scope the OAuth2 auth lacks, the scope; each edit
/// keeps every other byte. An action of the same name (case-insensitively) is refused.
pub fn insert_action(
    input: &ParsedSpec,
    action: &ImportedAction,
) -> Result<EditedSpec, InsertError> {
    if let Some(existing) = input
        .spec
        .actions
        .keys()
        .find(|existing| existing.eq_ignore_ascii_case(&action.name))
    {
        return Err(InsertError::DuplicateAction {
            spec: input.name.clone(),
            existing: existing.clone(),
        });
    }
    let text = &input.text;
    let spans = &input.document.spans;
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut notes = Vec::new();

    if let (Some(key), Some(value)) = (spans.key("/actions"), spans.value("/actions")) {
        let key_column = column(text, key.start);
        let value_text = &text[value.start.min(text.len())..value.end.min(text.len())];
        let has_actions = !input.spec.actions.is_empty();
        if value_text.trim_start().starts_with('{') {
            if has_actions {
                return Err(InsertError::FlowActions {
                    spec: input.name.clone(),
                });
            }
            let block = render_action(action, key_column + 2, 2);
            // Replace from just after `actions:` through the closing brace of `{}`.
            let colon = text[key.end..value.start]
                .find(':')
                .map_or(value.start, |i| key.end + i + 1);
            let close = text[value.start..]
                .find('}')
                .map_or(value.end, |i| value.start + i + 1);
            edits.push((colon, close - colon, format!("\n{block}")));
            // The block ends with a newline; drop the one after `{}` if nothing follows.
            if text[close..].starts_with('\n')
                && let Some(last) = edits.last_mut()
            {
                last.2.pop();
            }
        } else {
            let (indent, step) = action_layout(input, key_column);
            let at = line_end_after(text, value.end);
            let mut block = String::new();
            if at == text.len() && !text.ends_with('\n') {
                block.push('\n');
            }
            block.push_str(&render_action(action, indent, step));
            edits.push((at, 0, block));
        }
    } else {
        let mut block = String::new();
        if !text.is_empty() && !text.ends_with('\n') {
            block.push('\n');
        }
        block.push_str("actions:\n");
        block.push_str(&render_action(action, 2, 2));
        edits.push((text.len(), 0, block));
    }

    // The list where the spec keeps its scopes: `granted_scopes`, else an OAuth 2.0 auth's.
    let list = input.spec.scope_refs().and_then(|refs| refs.list);
    if let Some(list) =
        list.filter(|l| *l == "/granted_scopes" || matches!(input.spec.auth, Auth::Oauth2(_)))
    {
        let held = input.spec.scope_refs().unwrap_or_default();
        let missing: Vec<&String> = action
            .scopes
            .iter()
            .filter(|scope| !held.scopes.iter().any(|r| r.scope == scope.as_str()))
            .collect();
        // One edit for every scope: edits at one place would overlap.
        if !missing.is_empty() {
            let joined: Vec<&str> = missing.iter().map(|s| s.as_str()).collect();
            edits.push(scope_edit(input, list, &joined)?);
            notes.push(format!(
                "added {} to `{}`: the provider's catalogue says `{} {}` needs it; \
                 grant it to the OAuth client too",
                joined
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                list.trim_start_matches('/').replace('/', "."),
                action.method,
                action.path
            ));
        }
    }

    edits.sort_by_key(|edit| std::cmp::Reverse(edit.0));
    let mut edited = text.clone();
    for (at, remove, insert) in edits {
        edited.replace_range(at..at + remove, &insert);
    }
    Ok(EditedSpec {
        text: edited,
        notes,
    })
}

/// Indentation of the existing actions, and of their keys relative to them.
fn action_layout(input: &ParsedSpec, key_column: usize) -> (usize, usize) {
    let spans = &input.document.spans;
    let text = &input.text;
    let fallback = (key_column + 2, 2);
    let Some(first) = input.spec.actions.keys().next() else {
        return fallback;
    };
    let pointer = connspec_model::yaml::push_pointer("/actions", first);
    let Some(first_key) = spans.key(&pointer) else {
        return fallback;
    };
    let indent = column(text, first_key.start);
    // A key inside the first action, when it sits on a line of its own (block style).
    let child = ["description", "method", "path"]
        .iter()
        .filter_map(|k| spans.key(&connspec_model::yaml::push_pointer(&pointer, k)))
        .map(|span| span.start)
        .min()
        .filter(|&start| line_start(text, start) != line_start(text, first_key.start))
        .map(|start| column(text, start));
    let step = child
        .and_then(|c| c.checked_sub(indent))
        .filter(|&s| s > 0)
        .unwrap_or_else(|| indent.saturating_sub(key_column).max(2));
    (indent, step)
}

/// The edit that adds `scope` to `auth.scopes` (a flow list, a block list, or no key yet).
fn scope_edit(
    input: &ParsedSpec,
    list: &str,
    scopes: &[&str],
) -> Result<(usize, usize, String), InsertError> {
    let text = &input.text;
    let spans = &input.document.spans;
    let items: Vec<String> = scopes.iter().map(|s| yaml_text::scalar(s)).collect();
    let item = items.join(", ");
    if let Some(value) = spans.value(list) {
        let value_text = &text[value.start..value.end];
        if value_text.starts_with('[') {
            let close = value_text.rfind(']').map_or(value.end, |i| value.start + i);
            let inner = value_text[1..close - value.start].trim();
            let insert = if inner.is_empty() {
                item
            } else {
                format!(", {item}")
            };
            // Just after the last item, before any space or comment ahead of `]`.
            let last_item_end =
                value.start + 1 + value_text[1..close - value.start].trim_end().len();
            return Ok((last_item_end, 0, insert));
        }
        let first = spans
            .value(&format!("{list}/0"))
            .ok_or(InsertError::NoFirstScope)?;
        let dash = text[..first.start].rfind('-').unwrap_or(first.start);
        let dash_column = column(text, dash);
        let at = line_end_after(text, value.end);
        let prefix = if at == text.len() && !text.ends_with('\n') {
            "\n"
        } else {
            ""
        };
        let indent = " ".repeat(dash_column);
        let mut lines = String::new();
        for item in &items {
            lines.push_str(&indent);
            lines.push_str("- ");
            lines.push_str(item);
            lines.push('\n');
        }
        return Ok((at, 0, format!("{prefix}{lines}")));
    }
    let grant = spans
        .key("/auth/grant_type")
        .ok_or(InsertError::NoGrantType)?;
    let at = line_end_after(text, grant.end);
    Ok((
        at,
        0,
        format!(
            "{}scopes: [{item}]\n",
            " ".repeat(column(text, grant.start))
        ),
    ))
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1)
}

/// Column in bytes; indentation is spaces, so bytes and characters agree there.
fn column(text: &str, offset: usize) -> usize {
    offset.min(text.len()) - line_start(text, offset)
}

/// The offset just after the line break that ends the line holding `offset`.
fn line_end_after(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    // A span can end just after its line break already.
    if offset > 0 && text.as_bytes()[offset - 1] == b'\n' {
        return offset;
    }
    text[offset..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{action, convert_command};

    fn spec_input(text: &str) -> ParsedSpec {
        match ParsedSpec::from_bytes("spec.yaml", text.as_bytes().to_vec()) {
            Ok(spec) => spec,
            Err(error) => panic!("{error}"),
        }
    }

    const SPEC: &str = "# my comment\nspec_version: 1\nname: coupa_x\nprovider: coupa\n\
        instance:\n  domain: { format: hostname, example: acme.coupahost.com }\n\
        secrets: [C_ID, C_SECRET]\nbase_url: https://{{ instance.domain }}\nauth:\n  type: oauth2\n\
        \x20 grant_type: client_credentials\n  token_url: https://{{ instance.domain }}/oauth2/token\n\
        \x20 client_id: \"{{ secrets.C_ID }}\"\n  client_secret: \"{{ secrets.C_SECRET }}\"\n\
        \x20 scopes: [core.user.read]   # kept\nactions:\n    get_user:   # four spaces\n\
        \x20       method: GET\n        path: /api/users/{{ inputs.id }}\n\
        \x20       headers: { Accept: application/json }\n        inputs: { id: { type: integer } }\n\
        # trailing comment\n";

    #[test]
    fn appending_keeps_every_byte_and_the_layout() {
        let input = spec_input(SPEC);
        let conversion = convert_command(
            "curl https://{{INSTANCE_DOMAIN}}/api/approvals -H 'Accept: application/json'",
            Some("coupa"),
        );
        let edited = insert_action(&input, action(&conversion)).expect("edit");
        assert!(
            edited
                .text
                .contains("scopes: [core.user.read, core.approval.read]   # kept")
        );
        assert!(
            edited
                .text
                .contains("\n    list_approvals:\n        description:")
        );
        assert!(edited.text.ends_with("# trailing comment\n"));
        // Every original line is still there, in order.
        let mut lines = edited.text.lines();
        for line in SPEC.lines().filter(|l| !l.contains("scopes:")) {
            assert!(lines.any(|l| l == line), "lost: {line}");
        }
        let report = check_text(
            "spec.yaml",
            &edited.text,
            &CheckOptions::default(),
            &LintSettings::default(),
        );
        assert!(
            !report
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error),
            "{:?}",
            report.diagnostics
        );
    }

    #[test]
    fn appending_to_empty_or_missing_actions() {
        for tail in ["actions: {}\n", ""] {
            let text = SPEC.split("actions:").next().unwrap_or_default().to_owned() + tail;
            let text = text.replace("scopes: [core.user.read]", "scopes: []");
            let input = spec_input(&text);
            let conversion = convert_command("curl https://{{D}}/api/users", Some("coupa"));
            let edited = insert_action(&input, action(&conversion)).expect("edit");
            assert!(
                edited
                    .text
                    .contains("actions:\n  list_users:\n    description:"),
                "{}",
                edited.text
            );
            assert!(
                edited.text.contains("scopes: [core.user.read]"),
                "{}",
                edited.text
            );
        }
    }

    #[test]
    fn refusals_name_the_spec() {
        let input = spec_input(SPEC);
        let conversion = convert_command(
            "curl https://{{INSTANCE_DOMAIN}}/api/users/{{id}}",
            Some("coupa"),
        );
        assert_eq!(
            insert_action(&input, action(&conversion)),
            Err(InsertError::DuplicateAction {
                spec: "spec.yaml".to_owned(),
                existing: "get_user".to_owned(),
            })
        );
        let flow = SPEC.split("actions:").next().unwrap_or_default().to_owned()
            + "actions: { get_user: { method: GET, path: /api/users } }\n";
        let conversion = convert_command("curl https://{{D}}/api/approvals", Some("coupa"));
        let error = insert_action(&spec_input(&flow), action(&conversion)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "`actions` in spec.yaml is a flow mapping (`{ … }`); write it as a block mapping to \
             add an action to it"
        );
        let not_a_spec = ParsedSpec::from_bytes("x.yaml", b"spec_version: 1\n".to_vec());
        assert_eq!(
            not_a_spec.unwrap_err().to_string(),
            "`x.yaml` is not a valid connector spec, so the action was not added; see \
             `connspec check x.yaml`"
        );
        let not_utf8 = ParsedSpec::from_bytes("y.yaml", vec![0xff, 0xfe]);
        assert_eq!(
            not_utf8.unwrap_err(),
            SpecError::NotUtf8 {
                name: "y.yaml".to_owned()
            }
        );
    }

    #[test]
    fn recheck_reports_only_new_findings() {
        let input = spec_input(SPEC);
        let check = |after: &str| {
            recheck(
                "spec.yaml",
                &input.text,
                after,
                &CheckOptions::default(),
                &LintSettings::default(),
            )
        };
        let unchanged = check(&input.text);
        assert!(unchanged.new_errors.is_empty() && unchanged.new_warnings.is_empty());
        // An undeclared input in the path is a new error.
        let broken = SPEC.replace(
            "# trailing comment\n",
            "    broken:\n        method: GET\n        path: /api/users/{{ inputs.nope }}\n",
        );
        let found = check(&broken);
        assert!(!found.new_errors.is_empty(), "{:?}", found.new_warnings);
        assert_eq!(found.source.name(), "spec.yaml");
    }

    #[test]
    fn auth_note_when_the_command_authenticates_otherwise() {
        let input = spec_input(SPEC);
        let basic = convert_command("curl -u a:b https://{{D}}/api/users", Some("coupa"));
        let note = auth_note(&input, action(&basic)).expect("note");
        assert!(note.contains("`auth.type: basic`"), "{note}");
        assert!(note.contains("`oauth2`"), "{note}");
        let bearer = convert_command(
            "curl https://{{D}}/api/users -H 'Authorization: Bearer t'",
            Some("coupa"),
        );
        assert_eq!(auth_note(&input, action(&bearer)), None);
    }
}
