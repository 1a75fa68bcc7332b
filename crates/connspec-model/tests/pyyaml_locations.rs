//! Where the loader points, compared with `PyYAML` on generated faulty files.
//!
//! Each case is a small YAML file with one fault that YAML 1.2 and `PyYAML` both reject: a tab in
//! indentation (at column 1, after spaces, before a nested key or `- ` entry, inside a flow
//! collection, before a value or a continuation line), or a character YAML forbids (NUL, BEL,
//! ESC, DEL, C1 controls, U+FFFE) in a plain or quoted scalar, a key or a comment. Every case is
//! written with `\n`, `\r\n`, lone `\r` and mixed line endings, after zero or more lines of
//! valid content, some with a byte-order mark, so the fault sits at varied lines and columns.
//!
//! `PyYAML` (`yaml.compose`) is the reference: its `problem_mark` for scanner errors, and for the
//! reader's "unacceptable character" its character position turned into a line and column by
//! `PyYAML`'s own counting. Our position is the start of the first error's primary span. They
//! must agree exactly, and our code must be the fault's: S007 for tabs, S006 for characters.
//!
//! `PyYAML` is stricter than YAML 1.2 about tabs (it rejects any tab before a token, so also
//! `key:\tvalue`, `[a,\tb]` or a tab-indented comment); such files are valid YAML 1.2, so the
//! generator makes none of them. No case here needs an allowance for a different position.
//!
//! The interpreter is `CONNSPEC_PYYAML_PYTHON` (set by `cargo xtask ci`, which installs `PyYAML`
//! into a virtual environment when the system Python lacks it), else `python3` if it can
//! import `yaml`. Without either the test says it is skipped, except under `CI=true`, where a
//! missing `PyYAML` fails it.

use std::io::Write as _;
use std::process::{Command, Stdio};

use connspec_diagnostics::{Severity, SourceFile};
use connspec_model::yaml::{Limits, load};
use serde_json::{Value, json};

/// Reads cases as a JSON list of strings on stdin; answers one object per case.
const PYYAML_PROBE: &str = r#"
import json, sys, yaml

def mark_of(text, position):
    # PyYAML's Reader.forward: which characters end a line and which take a column.
    line = column = 0
    for index in range(position):
        ch = text[index]
        following = text[index + 1] if index + 1 < len(text) else '\0'
        if ch in '\n\x85\u2028\u2029' or (ch == '\r' and following != '\n'):
            line += 1
            column = 0
        elif ch != '\ufeff':
            column += 1
    return line, column

answers = []
for case in json.load(sys.stdin):
    text = case["text"]
    point = case.get("point")
    point_mark = mark_of(text, point) if point is not None else None
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
        answers.append({"kind": "ok", "point": point_mark})
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        answers.append({"kind": "scanner", "line": mark.line, "column": mark.column,
                        "problem": error.problem, "point": point_mark})
    except yaml.reader.ReaderError as error:
        line, column = mark_of(text, error.position)
        answers.append({"kind": "reader", "line": line, "column": column,
                        "problem": "unacceptable character #x%04x" % error.character,
                        "point": point_mark})
json.dump({"version": yaml.__version__, "answers": answers}, sys.stdout)
"#;

/// One generated file and the code its fault must get.
struct Case {
    name: String,
    text: String,
    code: &'static str,
    expect: Expect,
}

/// Where our diagnostic must point.
#[derive(Clone, Copy)]
enum Expect {
    /// Where `PyYAML` does.
    AsPyYaml,
    /// At the last `"` of the file, the opening quote of a string never closed. `PyYAML` points
    /// at the end of the input, where it gave up; the quote is where the user must look. Its
    /// line and column are counted by the probe (`PyYAML`'s rules), not by us.
    OpeningQuote,
}

/// A faulty document as lines (joined later with each kind of line ending).
struct Shape {
    name: String,
    lines: Vec<String>,
    code: &'static str,
    /// The fault is at the end: no valid line follows it.
    last: bool,
    expect: Expect,
}

/// Tabs YAML 1.2 forbids: in block indentation before a key, an entry or a value, and at or
/// before the enclosing block's indentation inside a flow collection.
fn tab_shapes() -> Vec<Shape> {
    let mut shapes = Vec::new();
    let mut add = |name: String, lines: Vec<String>| {
        shapes.push(Shape {
            name,
            lines,
            code: "S007",
            last: false,
            expect: Expect::AsPyYaml,
        });
    };
    add(
        "tab at column 1 of a document".into(),
        vec!["\tname: x".into()],
    );
    // `depth` wraps the fault in that many mappings, two spaces each.
    for depth in 0..3usize {
        let outer: Vec<String> = (0..depth)
            .map(|level| format!("{}level{level}:", "  ".repeat(level)))
            .collect();
        let indent = "  ".repeat(depth);
        let with = |tail: &[String]| -> Vec<String> {
            outer.iter().cloned().chain(tail.iter().cloned()).collect()
        };
        // Spaces before the tab (from the start of the line): none, one, and up to the column
        // of the keys below `auth:`. More would make the line a valid YAML 1.2 continuation of
        // the scalar before it (tabs may separate once the indentation is passed), which
        // PyYAML rejects at the tab and YAML 1.2 parsers, if at all, at a later `:`.
        let mut counts = vec![0, 1, indent.len() + 1, indent.len() + 2];
        counts.dedup();
        for spaces in counts {
            let lead = format!("{}\t", " ".repeat(spaces));
            add(
                format!("depth {depth}: {spaces} spaces and a tab before a nested key"),
                with(&[format!("{indent}auth:"), format!("{lead}type: none")]),
            );
            add(
                format!("depth {depth}: {spaces} spaces and a tab before a sibling key"),
                with(&[
                    format!("{indent}auth:"),
                    format!("{indent}  type: none"),
                    format!("{lead}name: x"),
                ]),
            );
            add(
                format!("depth {depth}: {spaces} spaces and a tab before a list entry"),
                with(&[
                    format!("{indent}scopes:"),
                    format!("{indent}  - read"),
                    format!("{lead}- write"),
                ]),
            );
            add(
                format!(
                    "depth {depth}: {spaces} spaces and a tab before a key of a nested mapping"
                ),
                with(&[
                    format!("{indent}auth:"),
                    format!("{indent}  token:"),
                    format!("{lead}  header: X"),
                ]),
            );
        }
        // Inside a flow collection a tab may follow the enclosing indentation (`s-indent(n+1)`);
        // at or before it, it is indentation.
        for spaces in 0..=indent.len() {
            let lead = format!("{}\t", " ".repeat(spaces));
            add(
                format!("depth {depth}: {spaces} spaces and a tab inside a flow sequence"),
                with(&[format!("{indent}scopes: [read,"), format!("{lead}write]")]),
            );
            add(
                format!("depth {depth}: {spaces} spaces and a tab inside a flow mapping"),
                with(&[
                    format!("{indent}headers: {{Accept: json,"),
                    format!("{lead}X-Id: 1}}"),
                ]),
            );
            add(
                format!("depth {depth}: {spaces} spaces and a tab before a flow list's end"),
                with(&[format!("{indent}scopes: [read, write"), format!("{lead}]")]),
            );
            add(
                format!("depth {depth}: {spaces} spaces and a tab before a value on its own line"),
                with(&[format!("{indent}name:"), format!("{lead}value")]),
            );
            add(
                format!("depth {depth}: {spaces} spaces and a tab before a continuation line"),
                with(&[
                    format!("{indent}description: first words"),
                    format!("{lead}more words"),
                ]),
            );
        }
        // A list entry's flow collection: the sequence's column is its block indentation.
        for spaces in 0..=indent.len() + 2 {
            let lead = format!("{}\t", " ".repeat(spaces));
            add(
                format!(
                    "depth {depth}: {spaces} spaces and a tab inside a flow sequence in a list entry"
                ),
                with(&[
                    format!("{indent}items:"),
                    format!("{indent}  - [read,"),
                    format!("{lead}write]"),
                ]),
            );
        }
    }
    shapes
}

/// Characters YAML forbids anywhere, in each place a user could paste one.
fn character_shapes() -> Vec<Shape> {
    let characters = [
        ('\0', "NUL"),
        ('\u{1}', "SOH"),
        ('\u{7}', "BEL"),
        ('\u{8}', "BS"),
        ('\u{b}', "VT"),
        ('\u{c}', "FF"),
        ('\u{1b}', "ESC"),
        ('\u{7f}', "DEL"),
        ('\u{9c}', "C1 ST"),
        ('\u{fffe}', "U+FFFE"),
    ];
    let mut shapes = Vec::new();
    for (c, name) in characters {
        let places: [(&str, Vec<String>); 7] = [
            ("a plain scalar", vec![format!("name: abc{c}def")]),
            (
                "a double-quoted scalar",
                vec![format!("name: \"abc{c}def\"")],
            ),
            ("a single-quoted scalar", vec![format!("name: 'ab{c}'")]),
            ("a key", vec![format!("na{c}me: x")]),
            ("a comment", vec![format!("name: x  # note{c}")]),
            (
                "a block scalar",
                vec!["description: |".into(), format!("  line {c} one")],
            ),
            ("a flow sequence", vec![format!("scopes: [read, wr{c}ite]")]),
        ];
        for (place, lines) in places {
            shapes.push(Shape {
                name: format!("{name} in {place}"),
                lines,
                code: "S006",
                last: false,
                expect: Expect::AsPyYaml,
            });
        }
    }
    shapes
}

/// Syntax errors whose place both parsers agree on, and an unclosed string (see [`Expect`]).
fn syntax_shapes() -> Vec<Shape> {
    let shape = |name: &str, lines: &[&str], last: bool, expect: Expect| Shape {
        name: name.to_owned(),
        lines: lines.iter().map(|l| (*l).to_owned()).collect(),
        code: "S001",
        last,
        expect,
    };
    vec![
        shape(
            "a second `: ` in a plain value",
            &["name: a: b"],
            false,
            Expect::AsPyYaml,
        ),
        shape(
            "a key indented under a plain value",
            &["name: x", "  bad: 1"],
            false,
            Expect::AsPyYaml,
        ),
        shape(
            "a key among list entries",
            &["scopes:", "  - read", "  write: 1"],
            false,
            Expect::AsPyYaml,
        ),
        shape(
            "text after a quoted value",
            &["name: 'coupa'x"],
            false,
            Expect::AsPyYaml,
        ),
        shape(
            "an unclosed flow list",
            &["scopes: [read, write"],
            true,
            Expect::AsPyYaml,
        ),
        shape(
            "an unclosed flow mapping",
            &["headers: {Accept: json"],
            true,
            Expect::AsPyYaml,
        ),
        shape(
            "an unclosed double-quoted string",
            &["description: \"never closed"],
            true,
            Expect::OpeningQuote,
        ),
    ]
}

/// Valid lines put before the fault so it is not always on the first lines.
fn prefixes() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        ("", vec![]),
        (
            "after a header",
            vec![
                "# yaml-language-server: $schema=../../schemas/connector.schema.json",
                "spec_version: 1",
                "",
                "display_name: \"Näme — ünïcode\"",
            ],
        ),
    ]
}

fn cases() -> Vec<Case> {
    let endings: [(&str, &[&str]); 4] = [
        ("LF", &["\n"]),
        ("CRLF", &["\r\n"]),
        ("CR", &["\r"]),
        ("mixed", &["\r\n", "\r", "\n"]),
    ];
    let mut cases = Vec::new();
    for shape in tab_shapes()
        .into_iter()
        .chain(character_shapes())
        .chain(syntax_shapes())
    {
        for (prefix_name, prefix) in prefixes() {
            for (ending_name, ending) in endings {
                for bom in [false, true] {
                    // A byte-order mark only on some, so the count stays modest.
                    if bom && (ending_name != "CR" || !prefix.is_empty()) {
                        continue;
                    }
                    let lines: Vec<&str> = prefix
                        .iter()
                        .copied()
                        .chain(shape.lines.iter().map(String::as_str))
                        .chain((!shape.last).then_some("after: 1"))
                        .collect();
                    let mut text = String::from(if bom { "\u{FEFF}" } else { "" });
                    for (index, line) in lines.iter().enumerate() {
                        text.push_str(line);
                        text.push_str(ending[index % ending.len()]);
                    }
                    cases.push(Case {
                        name: format!(
                            "{} [{ending_name}{}{}]",
                            shape.name,
                            if prefix_name.is_empty() { "" } else { ", " },
                            prefix_name
                        ) + if bom { " with BOM" } else { "" },
                        text,
                        code: shape.code,
                        expect: shape.expect,
                    });
                }
            }
        }
    }
    cases
}

/// The Python to ask, or why there is none.
fn python() -> Result<String, String> {
    if let Some(python) = std::env::var_os("CONNSPEC_PYYAML_PYTHON") {
        return Ok(python.to_string_lossy().into_owned());
    }
    let imports = Command::new("python3")
        .args(["-c", "import yaml"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if imports {
        Ok("python3".to_owned())
    } else {
        Err("CONNSPEC_PYYAML_PYTHON is not set and `python3 -c 'import yaml'` fails".to_owned())
    }
}

fn ask_pyyaml(python: &str, cases: &[Case]) -> (String, Vec<Value>) {
    let texts: Vec<Value> = cases
        .iter()
        .map(|case| match case.expect {
            Expect::AsPyYaml => json!({ "text": case.text }),
            Expect::OpeningQuote => {
                let quote = case.text.rfind('"').expect("an opening quote");
                json!({ "text": case.text, "point": case.text[..quote].chars().count() })
            }
        })
        .collect();
    let mut child = Command::new(python)
        .args(["-c", PYYAML_PROBE])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|error| panic!("cannot run {python}: {error}"));
    let input = serde_json::to_vec(&json!(texts)).expect("cases serialise");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(&input)
        .expect("the probe reads its input");
    let output = child.wait_with_output().expect("the probe ends");
    assert!(output.status.success(), "the PyYAML probe failed");
    let answer: Value = serde_json::from_slice(&output.stdout).expect("the probe answers JSON");
    let version = answer["version"].as_str().unwrap_or("?").to_owned();
    let answers = answer["answers"].as_array().cloned().unwrap_or_default();
    assert_eq!(answers.len(), cases.len(), "one answer per case");
    (version, answers)
}

/// Our first error: its code and 1-based line and column.
fn ours(text: &str) -> Option<(&'static str, usize, usize, String)> {
    let file = SourceFile::new("case.yaml", text);
    let (_, diagnostics) = load(&file, &Limits::default());
    let error = diagnostics
        .into_iter()
        .find(|d| d.severity == Severity::Error)?;
    let at = file.line_col(error.span.map_or(0, |s| s.start));
    Some((error.code.code, at.line, at.column, error.message))
}

#[test]
fn locations_agree_with_pyyaml() {
    let python = match python() {
        Ok(python) => python,
        Err(why) => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "PyYAML is required under CI=true (cargo xtask ci installs it): {why}"
            );
            println!("skipped: PyYAML is not available ({why})");
            return;
        }
    };
    let cases = cases();
    let (version, answers) = ask_pyyaml(&python, &cases);
    let mut agree = 0;
    let mut documented = 0;
    let mut failures = Vec::new();
    for (case, answer) in cases.iter().zip(&answers) {
        let theirs = match answer["kind"].as_str() {
            Some("scanner" | "reader") => {
                let n = |k: &str| answer[k].as_u64().and_then(|n| usize::try_from(n).ok());
                n("line").zip(n("column")).map(|(l, c)| (l + 1, c + 1))
            }
            _ => None,
        };
        let Some(pyyaml_position) = theirs else {
            failures.push(format!(
                "{}: PyYAML accepts the file; the generator must make faulty YAML\n{:?}",
                case.name, case.text
            ));
            continue;
        };
        let (their_line, their_column) = match case.expect {
            Expect::AsPyYaml => pyyaml_position,
            Expect::OpeningQuote => {
                let point = &answer["point"];
                let n = |k: usize| point[k].as_u64().and_then(|n| usize::try_from(n).ok());
                n(0).zip(n(1))
                    .map(|(l, c)| (l + 1, c + 1))
                    .expect("the probe placed the quote")
            }
        };
        match ours(&case.text) {
            Some((code, line, column, _))
                if (code, line, column) == (case.code, their_line, their_column) =>
            {
                if matches!(case.expect, Expect::AsPyYaml) {
                    agree += 1;
                } else {
                    documented += 1;
                }
            }
            found => failures.push(format!(
                "{}: PyYAML {} at {their_line}:{their_column} ({}), we {:?}\n{:?}",
                case.name,
                case.code,
                answer["problem"].as_str().unwrap_or_default(),
                found,
                case.text
            )),
        }
    }
    println!(
        "{agree} of {} generated cases agree exactly with PyYAML {version}; {documented} more \
         point where documented (an unclosed string's opening quote)",
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases disagree:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    assert!(cases.len() >= 300, "only {} cases", cases.len());
}
