//! The curl importer on arbitrary command lines: shell words, curl's options, conversion to an
//! action or an `auth` block, the YAML it prints, and insertion into an existing spec. What it
//! prints must be YAML that loads, and a credential of the command must never be copied: no
//! credential header's value, whatever its shape, reaches the output.
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

/// Credentials the parsed command carries outside headers (`-u`'s password, a bearer option, a
/// `client_secret` or `password` field), when each is long, alphanumeric and written only once
/// in the command, so that finding it in the output can only mean a copy. Headers are checked
/// by [`assert_no_header_value_is_copied`], whatever the shape of their values.
fn credentials(command: &str, request: &CurlRequest) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
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

/// Whether a header name says its value is a credential, by this target's own reading (wider
/// than the importer's, so that a header the importer misses still gets checked).
fn is_credential_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    matches!(
        name.as_str(),
        "authorization" | "proxy-authorization" | "cookie"
    ) || [
        "key",
        "token",
        "secret",
        "auth",
        "signature",
        "password",
        "passwd",
        "session",
        "credential",
    ]
    .iter()
    .any(|word| name.contains(word))
}

/// The credential in a header value: what follows a scheme word (`Bearer x`, `Token x`), or the
/// whole value when there is none, whatever its shape (`4f9a8b…`, `<TOKEN>`, `a b c`).
fn credential_part(value: &str) -> &str {
    let value = value.trim();
    match value.split_once(char::is_whitespace) {
        Some((scheme, rest))
            if !scheme.is_empty()
                && scheme.chars().all(|c| c.is_ascii_alphabetic() || c == '-') =>
        {
            rest.trim()
        }
        _ => value,
    }
}

/// Everything the importer shows for `request`: the fragment, the full spec, the notes and
/// the edited spec, per provider; `None` where conversion fails.
fn shown(request: &CurlRequest, provider: Option<&str>) -> Option<String> {
    let options = ConvertOptions {
        provider: provider.map(str::to_owned),
        ..ConvertOptions::default()
    };
    let conversion = convert(request, &options).ok()?;
    let mut text = render_fragment(&conversion);
    text.push_str(&render_full_spec(&conversion));
    for note in &conversion.notes {
        text.push_str(note);
    }
    if let Target::Action(action) = &conversion.target {
        let spec = ParsedSpec::from_bytes("spec.yaml", SPEC.as_bytes().to_vec())
            .expect("the embedded spec is valid");
        if let Ok(edited) = insert_action(&spec, action) {
            text.push_str(&edited.text);
            for note in &edited.notes {
                text.push_str(note);
            }
        }
    }
    Some(text)
}

/// No credential header's value reaches what the importer shows. A value could appear for
/// another reason (it is also the path, or a word of the importer's own text), so the check is
/// differential: the value may appear only if it also appears with that header left out.
/// Values shorter than 8 characters, written more than once in the command, or shaped like a
/// secret's name (`API_KEY`, which the importer legitimately writes) prove nothing and are
/// skipped.
fn assert_no_header_value_is_copied(command: &str, request: &CurlRequest, provider: Option<&str>) {
    let Some(with_headers) = shown(request, provider) else {
        return;
    };
    let lowered = command.to_ascii_lowercase();
    for (index, (name, value)) in request.headers.iter().enumerate() {
        if !is_credential_name(name) {
            continue;
        }
        for secret in [credential_part(value), value.trim()] {
            let looks_like_a_name = secret
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
            if secret.chars().count() < 8
                || looks_like_a_name
                || lowered.matches(&secret.to_ascii_lowercase()).count() != 1
                || !with_headers.contains(secret)
            {
                continue;
            }
            let mut without = request.clone();
            without.headers.remove(index);
            let explained = shown(&without, provider).is_some_and(|text| text.contains(secret));
            assert!(
                explained,
                "the value of the credential header `{name}` was copied into the output"
            );
        }
    }
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(command) = std::str::from_utf8(bytes) else {
        return;
    };
    let Ok(request) = parse_curl(command) else {
        return;
    };
    let secrets = credentials(command, &request);
    for provider in [None, Some("coupa")] {
        let options = ConvertOptions {
            provider: provider.map(str::to_owned),
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
        assert_no_header_value_is_copied(command, &request, provider);
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
