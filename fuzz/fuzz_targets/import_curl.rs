//! The curl importer on arbitrary command lines: shell words, curl's options, conversion to an
//! action or an `auth` block, the YAML it prints, and insertion into an existing spec. What it
//! prints must be YAML that loads, and a credential of the command must never be copied.
#![no_main]

use connspec_import::{
    ConvertOptions, CurlRequest, ParsedSpec, Target, convert, insert_action, parse_curl,
    render_fragment, render_full_spec,
};
use connspec_model::yaml::{Limits, decode, load};
use libfuzzer_sys::fuzz_target;

/// A small valid spec the imported actions are inserted into.
const SPEC: &str = "spec_version: 1\nname: fuzz_target\nbase_url: https://api.example.com\n\
auth:\n  type: bearer\n  token: \"{{ secrets.TOKEN }}\"\nsecrets: [TOKEN]\nactions:\n  ping:\n    method: GET\n    path: /ping\n";

/// The YAML the importer wrote loads without a syntax error.
fn assert_loads(what: &str, text: &str) {
    let (file, _) = decode("imported.yaml", text.as_bytes());
    let (document, diagnostics) = load(&file, &Limits::default());
    let syntax = diagnostics.iter().find(|d| d.code.code == "S001");
    assert!(
        document.is_some() && syntax.is_none(),
        "{what} is not YAML: {:?}\n{text}",
        syntax.map(|d| &d.message)
    );
}

/// Credentials the parsed command carries (an Authorization value, `-u`'s password, a bearer
/// option, a `client_secret` or `password` field), when each is long, alphanumeric and written
/// only once in the command, so that finding it in the output can only mean a copy.
fn credentials(command: &str, request: &CurlRequest) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for (name, value) in &request.headers {
        if name.eq_ignore_ascii_case("authorization") {
            found.extend(value.split_once(' ').map(|(_, v)| v.trim().to_owned()));
        }
    }
    if let Some(user) = &request.user {
        found.extend(
            user.split_once(':')
                .map(|(_, password)| password.to_owned()),
        );
    }
    found.extend(request.oauth2_bearer.clone());
    for data in &request.data {
        for pair in data.value.split('&') {
            if let Some((key, value)) = pair.split_once('=')
                && matches!(key, "client_secret" | "password")
            {
                found.push(value.to_owned());
            }
        }
    }
    // Only long alphanumeric values count: the importer writes fixed text of its own
    // (`application/x-www-form-urlencoded`) and names made from the command's words in lower
    // case, either of which may contain a looser "credential" without copying it.
    let lowered = command.to_ascii_lowercase();
    found.retain(|v| {
        v.len() >= 12
            && v.bytes().all(|b| b.is_ascii_alphanumeric())
            && lowered.matches(v.to_ascii_lowercase().as_str()).count() == 1
    });
    found
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(command) = std::str::from_utf8(bytes) else {
        return;
    };
    let Ok(request) = parse_curl(command) else {
        return;
    };
    let secrets = credentials(command, &request);
    for provider in [None, Some("coupa".to_owned())] {
        let options = ConvertOptions {
            provider,
            ..ConvertOptions::default()
        };
        let Ok(conversion) = convert(&request, &options) else {
            continue;
        };
        let fragment = render_fragment(&conversion);
        let full = render_full_spec(&conversion);
        assert_loads("the printed fragment", &fragment);
        assert_loads("the printed spec", &full);
        for secret in &secrets {
            assert!(
                !fragment.contains(secret.as_str()) && !full.contains(secret.as_str()),
                "a credential was copied"
            );
        }
        if let Target::Action(action) = &conversion.target {
            let spec = ParsedSpec::from_bytes("spec.yaml", SPEC.as_bytes().to_vec())
                .expect("the embedded spec is valid");
            if let Ok(edited) = insert_action(&spec, action) {
                assert_loads("the edited spec", &edited.text);
                assert!(
                    edited.text.starts_with(SPEC.trim_end()),
                    "the spec's text was changed"
                );
            }
        }
    }
});
