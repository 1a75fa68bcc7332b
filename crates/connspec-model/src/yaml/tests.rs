//! Loader tests: values, spans, limits and hostile input.

use super::*;

fn load_str(text: &str) -> (Option<Document>, Vec<Diagnostic>) {
    load(&SourceFile::new("t.yaml", text), &Limits::default())
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    diagnostics.iter().map(|d| d.code.code).collect()
}

#[test]
fn plain_scalars_follow_the_yaml_1_2_core_schema() {
    let (doc, diagnostics) = load_str(
        "country: no\nflag: yes\noctal: 0o12\nzero_one: 012\nhex: 0x1F\ntruth: true\nversion: 1.1\n\
         nothing: ~\nempty:\nquoted: \"true\"\nexp: 1e3\nneg: -5\ninf: .inf\n",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let value = doc.unwrap().value;
    assert_eq!(
        value,
        serde_json::json!({
            "country": "no", "flag": "yes", "octal": 10, "zero_one": 12, "hex": 31,
            "truth": true, "version": 1.1, "nothing": null, "empty": null, "quoted": "true",
            "exp": 1000.0, "neg": -5, "inf": ".inf"
        })
    );
}

#[test]
fn key_order_is_kept() {
    let (doc, _) = load_str("b: 1\na: 2\nc: 3\n");
    let keys: Vec<_> = doc
        .unwrap()
        .value
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys, ["b", "a", "c"]);
}

#[test]
fn spans_are_bytes_for_values_and_keys() {
    let text = "name: ä\nauth:\n  scopes: [a, \"b/c\"]\n  \"x/y~z\": 1\n";
    let (doc, _) = load_str(text);
    let doc = doc.unwrap();
    let span = doc.spans.value("/auth/scopes/1").unwrap();
    assert_eq!(&text[span.start..span.end], "\"b/c\"");
    let span = doc.spans.key("/auth/x~1y~0z").unwrap();
    assert_eq!(&text[span.start..span.end], "\"x/y~z\"");
    let span = doc.spans.value("/name").unwrap();
    assert_eq!(&text[span.start..span.end], "ä");
    let span = doc.spans.value("/auth").unwrap();
    assert_eq!(
        &text[span.start..span.end],
        "scopes: [a, \"b/c\"]\n  \"x/y~z\": 1"
    );
}

#[test]
fn crlf_and_bom_keep_spans_exact() {
    let text = "\u{FEFF}name: x\r\nbase_url: https://h\r\n";
    let (doc, diagnostics) = load_str(text);
    assert!(diagnostics.is_empty());
    let doc = doc.unwrap();
    let span = doc.spans.value("/base_url").unwrap();
    assert_eq!(&text[span.start..span.end], "https://h");
    assert_eq!(doc.value["name"], "x");
}

#[test]
fn duplicate_key_is_reported_at_the_second_key() {
    let text = "auth:\n  type: a\n  type: b\n";
    let (doc, diagnostics) = load_str(text);
    assert!(doc.is_none());
    assert_eq!(codes(&diagnostics), ["S002"]);
    let span = diagnostics[0].span.unwrap();
    assert_eq!(span.start, text.rfind("type").unwrap());
    assert_eq!(
        diagnostics[0].labels[0].span.start,
        text.find("type").unwrap()
    );
}

#[test]
fn anchors_and_aliases_are_refused_once() {
    let (doc, diagnostics) = load_str("a: &x 1\nb: *x\nc: *x\n");
    assert!(doc.is_none());
    assert_eq!(codes(&diagnostics), ["S003"]);
}

#[test]
fn alias_bomb_is_refused_quickly() {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        let refs = vec![format!("*{prev}"); 9].join(",");
        text.push_str(&[name, ": &", name, " [", &refs, "]\n"].concat());
    }
    let (doc, diagnostics) = load_str(&text);
    assert!(doc.is_none());
    assert_eq!(codes(&diagnostics), ["S003"]);
}

#[test]
fn deep_block_nesting_hits_the_depth_limit_without_recursion() {
    let text = format!("{}1\n", "- ".repeat(100_000));
    let (doc, diagnostics) = load_str(&text);
    assert!(doc.is_none());
    assert_eq!(codes(&diagnostics), ["S004"]);
    assert!(diagnostics[0].message.contains("64"));
}

#[test]
fn deep_flow_nesting_is_refused() {
    let text = format!("x: {}1{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let (doc, diagnostics) = load_str(&text);
    assert!(doc.is_none());
    assert_eq!(codes(&diagnostics), ["S004"]);
}

#[test]
fn node_limit_counts_values() {
    let limits = Limits {
        max_nodes: 10,
        ..Limits::default()
    };
    let text = "[1,2,3,4,5,6,7,8,9,10,11,12]";
    let (doc, diagnostics) = load(&SourceFile::new("t", text), &limits);
    assert!(doc.is_none());
    assert_eq!(codes(&diagnostics), ["S004"]);
}

#[test]
fn size_limit_is_checked_before_parsing() {
    let limits = Limits {
        max_bytes: 10,
        ..Limits::default()
    };
    let (_, diagnostics) = load(&SourceFile::new("t", "a: 12345678901"), &limits);
    assert_eq!(codes(&diagnostics), ["S004"]);
}

#[test]
fn second_document_is_refused() {
    let (doc, diagnostics) = load_str("a: 1\n---\nb: 2\n");
    assert!(doc.is_none());
    assert_eq!(codes(&diagnostics), ["S005"]);
}

#[test]
fn empty_and_comment_only_files_are_reported() {
    for text in ["", "# nothing\n", "\n\n"] {
        let (doc, diagnostics) = load_str(text);
        assert!(doc.is_none());
        assert_eq!(codes(&diagnostics), ["S009"], "{text:?}");
    }
}

/// A tab YAML 1.2 forbids is S007 at the tab itself, whether the parser stops late (at the
/// end of the line before, at the start of the scalar before) or not at all; tabs YAML allows
/// load. (`tests/pyyaml_locations.rs` compares the positions with `PyYAML`'s on many more.)
#[test]
fn tabs_are_reported_at_the_tab_and_only_where_yaml_forbids_them() {
    let faults = [
        ("auth:\n\ttype: oauth2\n", (2, 1)),
        ("auth:\n  \ttype: oauth2\n", (2, 3)),
        ("auth:\n  type: none\n  nested:\n    \tx: 1\n", (4, 5)),
        ("a:\n  - x\n\t- y\n", (3, 1)),
        ("scopes: [a,\n\tb]\n", (2, 1)),
        ("a: {x: 1,\n\ty: 2}\n", (2, 1)),
        ("x: 1\n\ty: 2\n", (2, 1)),
        ("a: b\n\tc\n", (2, 1)),
        ("a: |\n  x\n\ty\n", (3, 1)),
        ("\ta: 1\n", (1, 1)),
        ("a: 1\r\tb: 2\r", (2, 1)),
        ("-\t-\n", (1, 2)),
    ];
    for (text, (line, column)) in faults {
        let file = SourceFile::new("t.yaml", text);
        let (doc, diagnostics) = load(&file, &Limits::default());
        assert!(doc.is_none(), "{text:?}");
        assert_eq!(codes(&diagnostics), ["S007"], "{text:?}: {diagnostics:?}");
        let span = diagnostics[0].span.expect("a span");
        assert_eq!(&text[span.start..span.end], "\t", "{text:?}");
        let at = file.line_col(span.start);
        assert_eq!((at.line, at.column), (line, column), "{text:?}");
    }
    let allowed = [
        "a: [x,\tb]\n",
        "a: 1\t\n",
        "a: 1\t# comment\n",
        "- a\n-\tb\n",
        "a: 1\n\t\nb: 2\n",
        "a: 1\n\t# comment\nb: 2\n",
        "a: [x,\n  \tb]\n",
        "a: |\n  x\n  \ty\n",
        "a: b\n  \tc\n",
        "a:\n \tb\n",
    ];
    for text in allowed {
        let (doc, diagnostics) = load_str(text);
        assert!(diagnostics.is_empty(), "{text:?}: {diagnostics:?}");
        assert!(doc.is_some(), "{text:?}");
    }
}

#[test]
fn syntax_errors_point_into_the_text() {
    let text = "name: \"unterminated\nbase: x\n";
    let (_, diagnostics) = load_str(text);
    assert_eq!(codes(&diagnostics), ["S001"]);
    assert!(diagnostics[0].span.unwrap().start <= text.len());
}

#[test]
fn custom_tags_and_complex_keys_are_unsupported() {
    assert_eq!(codes(&load_str("a: !secret x\n").1), ["S008"]);
    assert_eq!(codes(&load_str("? [a, b]\n: 1\n").1), ["S008"]);
    let (doc, diagnostics) = load_str("a: !!str 12\nb: !!int \"7\"\n");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(doc.unwrap().value, serde_json::json!({"a": "12", "b": 7}));
}

#[test]
fn invalid_utf8_is_reported_at_the_bad_byte() {
    let (file, diagnostics) = decode("t", b"name: caf\xE9\n");
    assert_eq!(codes(&diagnostics), ["S006"]);
    assert_eq!(diagnostics[0].span.unwrap().start, 9);
    assert!(file.text().starts_with("name: caf"));
    let (_, diagnostics) = decode("t", b"\xFF\xFEn\0");
    assert_eq!(codes(&diagnostics), ["S006"]);
}

#[test]
fn long_lines_and_multibyte_text_load() {
    let long = "é".repeat(50_000);
    let text = format!(
        "a: [{}]\nb: \"{long}\"\n",
        (0..5000)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    );
    let (doc, diagnostics) = load_str(&text);
    assert!(diagnostics.is_empty());
    let doc = doc.unwrap();
    let span = doc.spans.value("/b").unwrap();
    assert_eq!(&text[span.start + 1..span.end - 1], long);
}

#[test]
fn pointers_escape_tilde_and_slash() {
    assert_eq!(push_pointer("/a", "b/c~d"), "/a/b~1c~0d");
}

/// Each loader limit, hit: the message names the limit at its value and the help says how to
/// raise it (or why it is fixed), in the registry's words.
#[test]
fn every_loader_limit_names_itself_and_how_to_raise_it() {
    use crate::limits::{FLOW_NESTING, INPUT_BYTES, NESTING_DEPTH, VALUE_COUNT};
    let small = Limits {
        max_bytes: 10,
        max_depth: 3,
        max_nodes: 5,
    };
    let deep_flow = format!("x: {}1{}\n", "[".repeat(300), "]".repeat(300));
    let cases: [(&connspec_diagnostics::Limit, Limits, &str, &str); 4] = [
        (
            &INPUT_BYTES,
            small,
            "a: 12345678901",
            "input size limit of 10 bytes",
        ),
        (
            &NESTING_DEPTH,
            Limits::default(),
            &format!("x: {}1{}\n", "[".repeat(100), "]".repeat(100)),
            "nesting depth limit of 64 levels",
        ),
        (
            &NESTING_DEPTH,
            Limits {
                max_bytes: 1000,
                ..small
            },
            "a: {b: {c: {d: 1}}}",
            "nesting depth limit of 3 levels",
        ),
        (
            &VALUE_COUNT,
            Limits {
                max_bytes: 1000,
                ..small
            },
            "[1, 2, 3, 4, 5, 6]",
            "value count limit of 5 values",
        ),
    ];
    for (limit, limits, text, wording) in cases {
        let (_, diagnostics) = load(&SourceFile::new("t", text), &limits);
        let [diagnostic] = diagnostics.as_slice() else {
            panic!("{}: {diagnostics:?}", limit.id);
        };
        assert_eq!(diagnostic.code.code, "S004");
        assert!(
            diagnostic.message.contains(wording),
            "{}",
            diagnostic.message
        );
        let flag = limit.flag().expect("a flag");
        let help = diagnostic.help.as_deref().unwrap_or_default();
        assert!(help.ends_with(&limit.how_to_raise()), "{help}");
        assert!(help.contains(flag), "{help}");
    }
    // The parser's own flow limit: it counts while reading ahead, before the depth limit.
    let (_, diagnostics) = load_str(&deep_flow);
    assert_eq!(codes(&diagnostics), ["S004"]);
    assert!(
        diagnostics[0]
            .message
            .contains("fixed flow nesting limit of 255 levels"),
        "{}",
        diagnostics[0].message
    );
    assert_eq!(
        diagnostics[0].help.as_deref(),
        Some(FLOW_NESTING.how_to_raise().as_str())
    );
}

#[test]
fn a_scalar_span_ends_before_a_trailing_comment() {
    let text =
        "a:\n  q: \"100\"  # c1\n  s: 'x'  # c2\n  p: on  # c3\n  f: [\"y\" , 'z' ]  # c4\nb: 1\n";
    let (doc, diagnostics) = load_str(text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let doc = doc.unwrap();
    for (pointer, written) in [
        ("/a/q", "\"100\""),
        ("/a/s", "'x'"),
        ("/a/p", "on"),
        ("/a/f/0", "\"y\""),
        ("/a/f/1", "'z'"),
    ] {
        let span = doc.spans.value(pointer).unwrap();
        assert_eq!(&text[span.start..span.end], written, "{pointer}");
    }
}
