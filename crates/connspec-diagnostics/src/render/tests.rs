//! Snapshot tests of every format on one shared sample, plus the edge cases renderers must
//! survive: spans past the end or inside a character, huge files and very long lines.

use std::fmt::Write as _;

use super::github::{escape_data, escape_property};
use super::*;
use crate::{Diagnostic, Family, Severity, SourceFile, Span};

static UNKNOWN_KEY: Code = Code {
    code: "S010",
    name: "unknown-key",
    family: Family::Syntax,
    summary: "A mapping has a key its schema does not define",
    explanation: "\
## What it does
Checks for keys the schema does not define.

## Why is this bad?
Agent Studio ignores unknown keys, so a typo silently drops a setting.

## Example
```yaml
auth:
  clent_id: abc
```

## Use instead
```yaml
auth:
  client_id: abc
```
",
};

static UNEXPECTED_EOF: Code = Code {
    code: "S002",
    name: "unexpected-end-of-file",
    family: Family::Syntax,
    summary: "The file ends inside an unclosed collection or string",
    explanation: "",
};

static UNDEFINED_VARIABLE: Code = Code {
    code: "T002",
    name: "undefined-variable",
    family: Family::Template,
    summary: "A template uses a variable that is not defined",
    explanation: "## What it does\nChecks templates for variables that no input or instance\nparameter defines.\n",
};

static LITERAL_SECRET: Code = Code {
    code: "A001",
    name: "literal-secret",
    family: Family::Auth,
    summary: "A secret is written into the spec",
    explanation: "## What it does\nChecks for secrets written as literals.\n",
};

static INSECURE_URL: Code = Code {
    code: "A003",
    name: "insecure-url",
    family: Family::Auth,
    summary: "A URL uses http instead of https",
    explanation: "## What it does\nChecks for `http://` URLs.\n",
};

static NON_ASCII_DESCRIPTION: Code = Code {
    code: "M007",
    name: "non-ascii-description",
    family: Family::Target,
    summary: "A description holds characters Agent Studio may mangle",
    explanation: "## What it does\nFlags non-ASCII descriptions.\n",
};

static UNREADABLE_FILE: Code = Code {
    code: "I001",
    name: "unreadable-file",
    family: Family::Io,
    summary: "A file could not be read",
    explanation: "## What it does\nReports files that cannot be read.\n",
};

static CODES: &[&Code] = &[
    &UNREADABLE_FILE,
    &UNEXPECTED_EOF,
    &UNKNOWN_KEY,
    &UNDEFINED_VARIABLE,
    &LITERAL_SECRET,
    &INSECURE_URL,
    &NON_ASCII_DESCRIPTION,
];

const COUPA: &str = "\
name: coupa
auth:
  type: oauth2
  clent_id: abc
  token_url: http://acme.coupahost.com/oauth2/token
actions:
  - name: get_user
    path: /api/users/{{ user_id }}
    description: Récupère l’utilisateur — ünïcode
";

const CRLF: &str = "name: crlf\r\nauth:\r\n  type: basic\r\n  password: hunter2\r\n  scopes: [read";

/// The span of the `nth` occurrence of `needle` in `text`.
fn find(text: &str, needle: &str, nth: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .map(|(index, _)| index)
        .expect("the fixture contains the needle");
    Span::new(start, start + needle.len())
}

/// `key0: 0`, `key1: 1`, … one per line.
fn numbered_keys(numbers: impl Iterator<Item = usize>) -> String {
    numbers.fold(String::new(), |mut text, i| {
        let _ = writeln!(text, "key{i}: {i}");
        text
    })
}

fn options() -> RenderOptions<'static> {
    RenderOptions {
        color: false,
        codes: CODES,
        tool_version: "0.1.0",
    }
}

/// Two files with findings (one with CRLF line endings), an unreadable file and a clean one.
fn sample() -> Vec<FileReport> {
    let coupa = SourceFile::new("connectors/coupa.yaml", COUPA);
    let coupa_diagnostics = vec![
        Diagnostic::error(&UNKNOWN_KEY, "unknown key `clent_id`")
            .with_span(find(COUPA, "clent_id", 0))
            .with_label("not a key of `auth`")
            .with_secondary(find(COUPA, "auth", 0), "in this mapping")
            .with_help("did you mean `client_id`?")
            .with_note("keys are case-sensitive"),
        Diagnostic::warning(&INSECURE_URL, "token URL uses `http`")
            .with_span(find(COUPA, "http://acme.coupahost.com/oauth2/token", 0))
            .with_label("sent in clear text")
            .with_help("use `https://`"),
        Diagnostic::error(&UNDEFINED_VARIABLE, "undefined variable `user_id`")
            .with_span(find(COUPA, "user_id", 0))
            .with_label("not an input of `get_user`")
            .with_secondary(find(COUPA, "get_user", 0), "action defined here"),
        Diagnostic::new(
            &NON_ASCII_DESCRIPTION,
            Severity::Info,
            "description holds non-ASCII characters",
        )
        .with_span(find(COUPA, "ünïcode", 0)),
    ];
    let crlf = SourceFile::new("connectors/crlf.yaml", CRLF);
    let crlf_diagnostics = vec![
        Diagnostic::error(&LITERAL_SECRET, "password written into the spec")
            .with_span(find(CRLF, "hunter2", 0))
            .with_help("reference a secret: `{{ secrets.password }}`"),
        Diagnostic::error(&UNEXPECTED_EOF, "unexpected end of file")
            .with_span(Span::at(CRLF.len()))
            .with_label("expected `]`")
            .with_secondary(find(CRLF, "[", 0), "unclosed sequence starts here"),
    ];
    let missing = SourceFile::new("connectors/missing.yaml", "");
    let missing_diagnostics = vec![
        Diagnostic::error(&UNREADABLE_FILE, "cannot read file: permission denied")
            .with_help("check the file's permissions"),
    ];
    vec![
        FileReport::new(coupa, coupa_diagnostics),
        FileReport::new(crlf, crlf_diagnostics),
        FileReport::new(missing, missing_diagnostics),
        FileReport::new(
            SourceFile::new("connectors/clean.yaml", "name: ok\n"),
            vec![],
        ),
    ]
}

fn render_sample(format: Format) -> String {
    render(format, &sample(), &options())
}

#[test]
fn human() {
    insta::assert_snapshot!(render_sample(Format::Human));
}

#[test]
fn json() {
    insta::assert_snapshot!(render_sample(Format::Json));
}

#[test]
fn sarif() {
    insta::assert_snapshot!(render_sample(Format::Sarif));
}

#[test]
fn github() {
    insta::assert_snapshot!(render_sample(Format::Github));
}

#[test]
fn junit() {
    insta::assert_snapshot!(render_sample(Format::Junit));
}

#[test]
fn gitlab() {
    insta::assert_snapshot!(render_sample(Format::Gitlab));
}

/// GitLab tracks a finding across commits by its fingerprint: unique within a report, and the
/// same when the finding only moves to another line.
#[test]
fn gitlab_fingerprints_are_unique_and_survive_a_move() {
    let fingerprints = |reports: &[FileReport]| -> Vec<String> {
        let issues: serde_json::Value =
            serde_json::from_str(&render(Format::Gitlab, reports, &options())).expect("JSON");
        issues
            .as_array()
            .expect("an array")
            .iter()
            .map(|issue| {
                issue["fingerprint"]
                    .as_str()
                    .expect("a fingerprint")
                    .to_owned()
            })
            .collect()
    };
    let reports = sample();
    let first = fingerprints(&reports);
    let mut unique = first.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), first.len(), "{first:?}");
    let moved: Vec<FileReport> = reports
        .iter()
        .map(|r| {
            let text = format!("# a new first line\n{}", r.source.text());
            let diagnostics = r
                .diagnostics
                .iter()
                .map(|d| {
                    let mut d = d.clone();
                    d.span = d.span.map(|s| Span::new(s.start + 19, s.end + 19));
                    d
                })
                .collect();
            FileReport::new(SourceFile::new(r.source.name(), text), diagnostics)
        })
        .collect();
    assert_eq!(fingerprints(&moved), first);
}

#[test]
fn human_color_only_when_asked() {
    let colored = render(
        Format::Human,
        &sample(),
        &RenderOptions {
            color: true,
            ..options()
        },
    );
    assert!(colored.contains("\u{1b}["), "{colored}");
    assert!(!render_sample(Format::Human).contains('\u{1b}'));
}

#[test]
fn human_summary_when_clean() {
    let reports = [
        FileReport::new(SourceFile::new("a.yaml", "a: 1\n"), vec![]),
        FileReport::new(SourceFile::new("b.yaml", "b: 1\n"), vec![]),
    ];
    assert_eq!(
        render(Format::Human, &reports, &options()),
        "All checks passed (2 files).\n"
    );
    assert_eq!(
        render(Format::Human, &reports[..1], &options()),
        "All checks passed (1 file).\n"
    );
}

#[test]
fn human_summary_counts_files_with_findings() {
    let out = render_sample(Format::Human);
    let summary = out.lines().last().expect("output has a summary line");
    assert_eq!(summary, "Found 5 errors, 1 warning and 1 info in 3 files.");
}

#[test]
fn json_columns_count_characters() {
    let json: serde_json::Value =
        serde_json::from_str(&render_sample(Format::Json)).expect("the output is JSON");
    let info = &json["files"][0]["diagnostics"][3];
    assert_eq!(info["code"], "M007");
    // `    description: Récupère l’utilisateur — ` is 42 characters but 47 bytes.
    let location = &info["location"];
    assert_eq!(location["line"], 9);
    assert_eq!(location["column"], 43);
    assert_eq!(location["end_column"], 50);
    let start = COUPA.find("ünïcode").expect("fixture");
    assert_eq!(location["byte_start"], start);
    assert_eq!(location["byte_end"], start + "ünïcode".len());
}

#[test]
fn sarif_is_valid_against_the_schema() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/sarif-2.1.0.json"
    );
    let schema = std::fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("cannot read the SARIF schema at {path}: {error}"));
    let schema: serde_json::Value = serde_json::from_str(&schema).expect("the schema is JSON");
    // The schema file declares draft-04 (`"$schema": ".../draft-04/schema#"`, `id`).
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .build(&schema)
        .expect("the SARIF schema compiles");
    let mut sarif: serde_json::Value =
        serde_json::from_str(&render_sample(Format::Sarif)).expect("the output is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does check results: a level SARIF does not know is rejected.
    sarif["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&sarif));
}

#[test]
fn sarif_rules_cover_emitted_codes_missing_from_the_table() {
    let reports = sample();
    let sarif = render(
        Format::Sarif,
        &reports,
        &RenderOptions {
            codes: &[&UNKNOWN_KEY, &UNKNOWN_KEY],
            ..options()
        },
    );
    let sarif: serde_json::Value = serde_json::from_str(&sarif).expect("the output is JSON");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules is an array");
    let ids: Vec<&str> = rules
        .iter()
        .filter_map(|rule| rule["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        ["S010", "A003", "T002", "M007", "A001", "S002", "I001"]
    );
    for result in sarif["runs"][0]["results"]
        .as_array()
        .expect("results is an array")
    {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex is set");
        let index = usize::try_from(index).expect("small index");
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

#[test]
fn github_escapes_like_the_actions_toolkit() {
    assert_eq!(escape_data("100% done\r\nnext"), "100%25 done%0D%0Anext");
    assert_eq!(escape_property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
    let source = SourceFile::new("dir,x/a:b.yaml", "key: 50%\n");
    let reports = [FileReport::new(
        source,
        vec![
            Diagnostic::error(&UNKNOWN_KEY, "bad: 50%, really\nsecond line")
                .with_span(Span::new(0, 3))
                .with_help("fix it"),
        ],
    )];
    assert_eq!(
        render(Format::Github, &reports, &options()),
        "::error file=dir%2Cx/a%3Ab.yaml,line=1,col=1,endLine=1,endColumn=4,\
         title=S010 unknown-key::bad: 50%25, really%0Asecond line%0Ahelp: fix it\n"
    );
}

#[test]
fn junit_escapes_markup_and_drops_illegal_characters() {
    let source = SourceFile::new("a&b.yaml", "key: x\n");
    let reports = [FileReport::new(
        source,
        vec![
            Diagnostic::error(&UNKNOWN_KEY, "<\"it's\"> \u{1b}[31m\u{0}bad")
                .with_span(Span::new(0, 3)),
        ],
    )];
    let xml = render(Format::Junit, &reports, &options());
    assert!(
        xml.contains(
            "<testcase name=\"a&amp;b.yaml\" classname=\"connspec.check\">\n      \
             <failure message=\"1 error\" type=\"error\">a&amp;b.yaml:1:1: S010 \
             &lt;&quot;it&apos;s&quot;&gt; [31mbad</failure>"
        ),
        "{xml}"
    );
}

/// Every format, every span from before the start to past the end, including ones inside
/// multi-byte characters, reversed ones and ones in CRLF line endings: nothing may panic.
#[test]
fn no_span_panics() {
    let text = "\u{feff}a: ä\tb\r\n\r\nnäme: \"x€\"\n𝄞: 1";
    let source = SourceFile::new("edge.yaml", text);
    let formats = [
        Format::Human,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Junit,
        Format::Gitlab,
    ];
    for start in 0..text.len() + 3 {
        for end in 0..text.len() + 3 {
            let span = Span { start, end };
            let diagnostic = Diagnostic::error(&UNKNOWN_KEY, "edge")
                .with_span(span)
                .with_label("here")
                .with_secondary(
                    Span {
                        start: end,
                        end: start,
                    },
                    "there",
                );
            let reports = [FileReport::new(source.clone(), vec![diagnostic])];
            for format in formats {
                let out = render(format, &reports, &options());
                assert!(!out.is_empty(), "{format:?} {start}..{end}");
            }
        }
    }
}

#[test]
fn span_past_the_end_points_at_the_end() {
    let source = SourceFile::new("short.yaml", "a: 1");
    let reports = [FileReport::new(
        source,
        vec![Diagnostic::error(&UNKNOWN_KEY, "past the end").with_span(Span::new(3, 99))],
    )];
    let human = render(Format::Human, &reports, &options());
    assert!(human.contains(" --> short.yaml:1:4\n"), "{human}");
    let json = render(Format::Json, &reports, &options());
    assert!(json.contains("\"byte_start\": 3,\n"), "{json}");
    assert!(json.contains("\"byte_end\": 4\n"), "{json}");
}

#[test]
fn span_inside_a_character_covers_it() {
    let source = SourceFile::new("mb.yaml", "k: ä\n");
    let reports = [FileReport::new(
        source,
        vec![Diagnostic::error(&UNKNOWN_KEY, "inside").with_span(Span::new(4, 5))],
    )];
    let human = render(Format::Human, &reports, &options());
    assert!(human.contains(" --> mb.yaml:1:4\n"), "{human}");
    assert!(human.contains("1 | k: ä\n  |    ^\n"), "{human}");
}

/// A 100 KB minified line: the snippet is windowed around the span, the header keeps the
/// real column, and the output stays small.
#[test]
fn long_line_is_windowed() {
    let text = format!(
        "data: {{{}\"needle\": 1, {}}}\nnext: 1\n",
        "\"a\": 1, ".repeat(7_000),
        "\"b\": 2, ".repeat(7_000)
    );
    assert!(text.len() > 100_000);
    let source = SourceFile::new("long.yaml", text.as_str());
    let span = find(&text, "needle", 0);
    let column = source.line_col(span.start).column;
    let reports = [FileReport::new(
        source,
        vec![
            Diagnostic::error(&UNKNOWN_KEY, "unknown key `needle`")
                .with_span(span)
                .with_label("here")
                .with_secondary(Span::new(0, 4), "in this mapping")
                .with_secondary(
                    Span::at(text.find('\n').expect("fixture")),
                    "line ends here",
                )
                .with_help("remove it"),
        ],
    )];
    let human = render(Format::Human, &reports, &options());
    let diagnostic = human.split("\n\n").next().expect("one diagnostic");
    assert!(
        diagnostic.len() < 1_024,
        "{} bytes:\n{diagnostic}",
        diagnostic.len()
    );
    assert!(
        diagnostic.contains(&format!(" --> long.yaml:1:{column}\n")),
        "{diagnostic}"
    );
    assert!(
        diagnostic.contains("\"a\": 1, \"needle\": 1, \"b\": 2"),
        "{diagnostic}"
    );
    assert_eq!(
        diagnostic.matches(super::human::CUT).count(),
        2,
        "{diagnostic}"
    );
    insta::assert_snapshot!(diagnostic);
}

/// A 50 MB file: only the lines around the span reach `annotate-snippets`.
#[test]
fn huge_file_renders_only_the_lines_around_the_span() {
    let line = "key_000000: some value that is fairly long to fill the file up\n";
    let mut text = line.repeat(50 * 1024 * 1024 / line.len());
    let offset = text.len() / 2 - (text.len() / 2) % line.len();
    text.replace_range(offset..offset + 3, "kex");
    let source = SourceFile::new("huge.yaml", text);
    let span = Span::new(offset, offset + 10);
    let expected_line = source.line_col(offset).line;
    let reports = [FileReport::new(
        source,
        vec![Diagnostic::error(&UNKNOWN_KEY, "unknown key `kex_000000`").with_span(span)],
    )];
    let human = render(Format::Human, &reports, &options());
    assert!(human.len() < 1_024, "{human}");
    assert!(
        human.contains(&format!("{expected_line} | kex_000000: some value")),
        "{human}"
    );
}

/// A span over a whole long document is drawn on its first line, saying where it ends.
#[test]
fn very_tall_span_is_cut_to_its_first_line() {
    let text = numbered_keys(0..1_000);
    let source = SourceFile::new("tall.yaml", text.as_str());
    let reports = [FileReport::new(
        source,
        vec![
            Diagnostic::error(&UNEXPECTED_EOF, "document too large")
                .with_span(Span::new(0, text.len()))
                .with_label("this document"),
        ],
    )];
    let human = render(Format::Human, &reports, &options());
    insta::assert_snapshot!(human);
}

/// Labels far from the primary get their own excerpt instead of a huge one.
#[test]
fn distant_labels_get_their_own_excerpt() {
    let text = numbered_keys(1..=200);
    let source = SourceFile::new("far.yaml", text.as_str());
    let reports = [FileReport::new(
        source,
        vec![
            Diagnostic::error(&UNKNOWN_KEY, "duplicate key `key150`")
                .with_span(find(&text, "key150", 0))
                .with_label("second definition")
                .with_secondary(find(&text, "key3:", 0), "near the top")
                .with_secondary(find(&text, "key152", 0), "nearby"),
        ],
    )];
    let human = render(Format::Human, &reports, &options());
    insta::assert_snapshot!(human);
}

/// The `:::` header of a distant excerpt also keeps the real column when its line is windowed.
#[test]
fn distant_label_on_a_long_line_keeps_its_column() {
    let text = format!(
        "blob: {}needle{}\n{}",
        "x".repeat(5_000),
        "y".repeat(5_000),
        numbered_keys(0..100)
    );
    let source = SourceFile::new("blob.yaml", text.as_str());
    let needle = find(&text, "needle", 0);
    let column = source.line_col(needle.start).column;
    let reports = [FileReport::new(
        source,
        vec![
            Diagnostic::error(&UNKNOWN_KEY, "duplicate key `key90`")
                .with_span(find(&text, "key90", 0))
                .with_secondary(needle, "first used here"),
        ],
    )];
    for color in [false, true] {
        let human = render(
            Format::Human,
            &reports,
            &RenderOptions { color, ..options() },
        );
        assert!(human.contains("::: "), "{human}");
        assert!(
            human.contains(&format!("blob.yaml:1:{column}\n")),
            "{human}"
        );
        assert!(color || human.len() < 1_024, "{human}");
    }
}

/// An old-Mac file (`\r` alone ends each line): the snippet shows the right line, one per row,
/// and the location counts `\r` as a line break.
#[test]
fn human_renders_carriage_return_only_lines() {
    let text = "name: x\rauth:\r  type: basic\r  pasword: y\rnext: 1\r";
    let file = SourceFile::new("cr.yaml", text);
    let start = text.find("pasword").expect("fixture");
    let diagnostic = Diagnostic::error(&UNKNOWN_KEY, "unknown key `pasword`")
        .with_span(Span::new(start, start + "pasword".len()))
        .with_label("not allowed here");
    let out = render(
        Format::Human,
        &[FileReport::new(file, vec![diagnostic])],
        &options(),
    );
    assert!(out.contains("cr.yaml:4:3"), "{out}");
    assert!(out.contains("4 |   pasword: y\n"), "{out}");
    assert!(!out.contains('\r'), "{out:?}");
    assert!(!out.contains("next: 1"), "{out}");
}

/// Control and bidirectional characters in any part of a diagnostic (message, labels, help,
/// note, the file's name, its text) never reach the human output raw, with colours or without;
/// carets stay under the right characters.
#[test]
fn human_output_never_prints_control_or_bidirectional_characters() {
    let hostile = "\u{1b}[2K\u{1b}]52;c;ZXZpbA==\u{7}\r\u{202e}\u{200f}\u{61c}\u{9b}31m\u{85}";
    let text = format!("key: a{hostile}b\nnext: \u{200e}c\u{9b}d\n");
    let source = SourceFile::new(format!("evil{hostile}.yaml"), text.as_str());
    let target = find(&text, "d", 0);
    let reports = [FileReport::new(
        source,
        vec![
            Diagnostic::error(&UNKNOWN_KEY, format!("message {hostile}"))
                .with_span(find(&text, "a", 0))
                .with_label(format!("label {hostile}"))
                .with_secondary(target, format!("secondary {hostile}"))
                .with_help(format!("help {hostile}"))
                .with_note(format!("note {hostile}")),
            Diagnostic::error(&UNKNOWN_KEY, format!("no span {hostile}"))
                .with_help(format!("help {hostile}")),
        ],
    )];
    for color in [false, true] {
        let options = RenderOptions { color, ..options() };
        let human = render(Format::Human, &reports, &options);
        let unstyled = strip_sgr(&human);
        if let Some(c) = unstyled.chars().find(|c| crate::terminal::is_unsafe(*c)) {
            panic!("{c:?} printed raw (color {color}):\n{human}");
        }
        assert!(unstyled.contains("message \\u{1b}[2K"), "{unstyled}");
        assert!(unstyled.contains("label \\u{1b}"), "{unstyled}");
    }
    // The caret under `d` stays under it: placeholders keep the columns.
    let human = render(Format::Human, &reports, &options());
    let line = human
        .lines()
        .find(|l| l.contains("next:"))
        .expect("the second line is shown");
    let caret = human
        .lines()
        .skip_while(|l| !l.contains("next:"))
        .nth(1)
        .expect("a caret line");
    let column = |s: &str, c: char| s.chars().position(|x| x == c);
    assert_eq!(
        column(line, 'd'),
        column(caret, '-').or(column(caret, '^')),
        "{human}"
    );
}

/// `text` without the SGR colour sequences (`ESC [ digits ; … m`) a renderer adds; any other
/// escape stays.
fn strip_sgr(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('\u{1b}') {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let digits = after.strip_prefix("\u{1b}[").map(|tail| {
            tail.len()
                - tail
                    .trim_start_matches(|c: char| c.is_ascii_digit() || c == ';')
                    .len()
        });
        match digits {
            Some(n) if after[2 + n..].starts_with('m') => rest = &after[3 + n..],
            _ => {
                out.push('\u{1b}');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn github_annotations_never_print_control_or_bidirectional_characters() {
    let source = SourceFile::new("a\u{202e}.yaml", "key: x\n");
    let reports = [FileReport::new(
        source,
        vec![
            Diagnostic::error(
                &UNKNOWN_KEY,
                "unknown key `\u{1b}]52;c;ZXZpbA==\u{7}\u{9b}`",
            )
            .with_span(Span::new(0, 3)),
        ],
    )];
    let text = render(Format::Github, &reports, &options());
    assert!(!text.chars().any(crate::terminal::is_unsafe), "{text}");
    assert!(text.contains("\\u{1b}]52"), "{text}");
}
