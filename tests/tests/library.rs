//! The connector library against the public guides it was written from: every spec whose
//! first comment cites a Moveworks developer-docs guide has an expectation file in
//! `tests/data/library/` listing what that guide tells the admin to type (UI label → value, with
//! the guide's line), and its compiled `agent-studio` output must match it field by field.
//!
//! The comparison is strict: a label must be the exact UI label and a value exactly what the
//! admin types once the instance's values fill the guide's placeholders. Fields the compiled
//! output shows but the expectations do not list fail too, except the ones a spec author chooses
//! (`AUTHORED_*`) and those an expectation names as `unstated` by the guide. Where the guide's
//! wording differs from the UI's (`guide_label`, `guide_value`), the expectation says why with
//! an id that `MISSES.md` explains. Where connspec cannot express the guide's configuration, the
//! field carries `miss = "L-…"`: the test reports it and fails once it matches (so the mark is
//! removed with the fix). Every `connspec: allow` in such a spec must be a recorded miss too.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{connspec, run};
use connspec_tests::project_root;
use serde_json::Value as Json;

/// Where the expectation files and `MISSES.md` live.
const DATA: &str = "tests/data/library";

/// Where specs cite the guides they follow: a spec whose first comment names this is compared.
const GUIDE_ADDRESS: &str = "https://github.com/moveworks/developer-docs/blob/";

/// Connector fields the spec author chooses (guides say "Name accordingly").
const AUTHORED_CONNECTOR: [&str; 4] = [
    "Connector Name",
    "Display Name",
    "Display Description",
    "Description",
];

/// Action fields the spec author chooses or that derive from the others.
const AUTHORED_ACTION: [&str; 5] = [
    "Connector",
    "Action Name",
    "Description",
    "Input Args",
    "Import cURL",
];

/// The acceptance bar of the library: systems in `connectors/`, and systems compared to guides.
const MIN_SYSTEMS: usize = 22;
const MIN_COMPARED: usize = 15;

/// One system's expectations, read from its TOML file.
struct Expectations {
    /// Relative to the project root.
    file: PathBuf,
    spec: String,
    instance: String,
    guide: String,
    connector: Vec<Expected>,
    connector_unstated: Vec<String>,
    actions: Vec<ExpectedAction>,
    suppressions: BTreeMap<String, String>,
}

struct ExpectedAction {
    name: String,
    source: String,
    fields: Vec<Expected>,
    unstated: Vec<String>,
}

/// One field as the guide gives it.
struct Expected {
    label: String,
    /// `None` for a field that must be absent.
    value: Option<ExpectedValue>,
    line: i64,
    miss: Option<String>,
}

#[derive(Debug)]
enum ExpectedValue {
    Text(String),
    Pairs(Vec<(String, String)>),
    /// Input args: every listed key of every arg, in order.
    Args(Vec<BTreeMap<String, Json>>),
    /// A JSON body, compared as JSON.
    Json(Json),
}

/// What one comparison found.
#[derive(Default)]
struct Tally {
    systems: usize,
    compared: usize,
    matched: usize,
    misses: Vec<String>,
    failures: Vec<String>,
}

#[test]
fn library_matches_the_guides() {
    let root = project_root();
    let ids = Ids::read(&root.join(DATA).join("MISSES.md"));
    let files = expectation_files(&root);
    assert!(
        files.len() >= MIN_COMPARED,
        "only {} expectation files in {DATA}",
        files.len()
    );
    let mut tally = Tally::default();
    let systems: Vec<Expectations> = files
        .iter()
        .map(|file| Expectations::read(&root, file, &ids, &mut tally.failures))
        .collect();
    // One `connspec compile` per system, run side by side: they are independent processes.
    let compiled: Vec<BTreeMap<String, CompiledSection>> = std::thread::scope(|scope| {
        let handles: Vec<_> = systems
            .iter()
            .map(|expectations| scope.spawn(|| compile(&root, expectations)))
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("compile thread"))
            .collect()
    });
    for (expectations, sections) in systems.iter().zip(compiled) {
        compare_system(&root, expectations, sections, &mut tally);
    }
    let cited = specs_citing_guides(&root);
    let covered: BTreeSet<String> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(root.join(f)).expect("expectation file");
            string_key(&toml_table(&text, f), "spec", f)
        })
        .collect();
    for spec in cited.difference(&covered) {
        tally.failures.push(format!(
            "{spec} cites a guide but has no expectation file in {DATA}"
        ));
    }

    #[allow(clippy::print_stderr)] // The figures are the report the lead reads.
    {
        eprintln!(
            "library: {} systems, {} fields compared, {} exact, {} known misses",
            tally.systems,
            tally.compared,
            tally.matched,
            tally.misses.len()
        );
        for miss in &tally.misses {
            eprintln!("  known miss: {miss}");
        }
    }
    assert!(
        tally.failures.is_empty(),
        "{} difference(s) from the guides:\n{}",
        tally.failures.len(),
        tally.failures.join("\n")
    );
}

/// The ids `MISSES.md` explains: `### L-…` misses, `### V-…` wording variants, `### E-…` guide
/// errata.
struct Ids(BTreeSet<String>);

impl Ids {
    fn read(path: &Path) -> Self {
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Self(
            text.lines()
                .filter_map(|line| line.strip_prefix("### "))
                .filter_map(|heading| heading.split_whitespace().next())
                .map(|id| id.trim_end_matches(':').to_owned())
                .collect(),
        )
    }

    fn check(&self, id: &str, prefixes: &[&str], place: &str, failures: &mut Vec<String>) {
        if !prefixes.iter().any(|p| id.starts_with(p)) {
            failures.push(format!(
                "{place}: `{id}` should start with one of {prefixes:?}"
            ));
        } else if !self.0.contains(id) {
            failures.push(format!(
                "{place}: `{id}` is not explained in {DATA}/MISSES.md"
            ));
        }
    }
}

fn expectation_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(DATA))
        .expect("tests/data/library")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| connspec_tests::relative(&p))
        .collect();
    files.sort();
    files
}

/// Specs (relative paths) whose first comment block cites a developer-docs guide.
fn specs_citing_guides(root: &Path) -> BTreeSet<String> {
    connspec_tests::connectors()
        .into_iter()
        .filter(|(spec, _)| {
            let text = std::fs::read_to_string(root.join(spec)).expect("spec");
            text.lines()
                .take_while(|line| line.starts_with('#'))
                .any(|line| line.contains(GUIDE_ADDRESS))
        })
        .map(|(spec, _)| spec.to_string_lossy().into_owned())
        .collect()
}

fn toml_table(text: &str, file: &Path) -> toml::Table {
    text.parse::<toml::Table>()
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn string_key(table: &toml::Table, key: &str, file: &Path) -> String {
    table
        .get(key)
        .and_then(toml::Value::as_str)
        .unwrap_or_else(|| panic!("{}: `{key}` must be a string", file.display()))
        .to_owned()
}

fn string_list(table: &toml::Table, key: &str, file: &Path) -> Vec<String> {
    table.get(key).map_or_else(Vec::new, |value| {
        value
            .as_array()
            .unwrap_or_else(|| panic!("{}: `{key}` must be a list", file.display()))
            .iter()
            .map(|v| {
                v.as_str()
                    .unwrap_or_else(|| panic!("{}: `{key}` holds strings", file.display()))
                    .to_owned()
            })
            .collect()
    })
}

fn tables<'a>(table: &'a toml::Table, key: &str, file: &Path) -> Vec<&'a toml::Table> {
    table.get(key).map_or_else(Vec::new, |value| {
        value
            .as_array()
            .unwrap_or_else(|| panic!("{}: `{key}` must be an array of tables", file.display()))
            .iter()
            .map(|v| {
                v.as_table()
                    .unwrap_or_else(|| panic!("{}: `{key}` holds tables", file.display()))
            })
            .collect()
    })
}

impl Expectations {
    fn read(root: &Path, file: &Path, ids: &Ids, failures: &mut Vec<String>) -> Self {
        let text = std::fs::read_to_string(root.join(file)).expect("expectation file");
        let table = toml_table(&text, file);
        let known = [
            "spec",
            "instance",
            "guide",
            "connector",
            "connector_unstated",
            "action",
            "suppressions",
        ];
        for key in table.keys() {
            assert!(
                known.contains(&key.as_str()),
                "{}: unknown key `{key}`",
                file.display()
            );
        }
        let guide = string_key(&table, "guide", file);
        let spec = string_key(&table, "spec", file);
        let spec_text = std::fs::read_to_string(root.join(&spec))
            .unwrap_or_else(|e| panic!("{}: spec {spec}: {e}", file.display()));
        let citation = format!("{GUIDE_ADDRESS}c7861f8a/{guide}");
        assert!(
            spec_text
                .lines()
                .take_while(|l| l.starts_with('#'))
                .any(|l| l.contains(&citation)),
            "{spec}: its first comment must cite {citation}"
        );
        let place = |what: &str| format!("{}: {what}", file.display());
        let connector = tables(&table, "connector", file)
            .into_iter()
            .map(|t| Expected::read(t, &place("connector"), ids, failures))
            .collect();
        let actions = tables(&table, "action", file)
            .into_iter()
            .map(|t| {
                let name = t
                    .get("name")
                    .and_then(toml::Value::as_str)
                    .unwrap_or_else(|| panic!("{}: an action needs `name`", file.display()))
                    .to_owned();
                let source = t
                    .get("source")
                    .and_then(toml::Value::as_str)
                    .map_or_else(|| guide.clone(), str::to_owned);
                let here = place(&format!("action {name}"));
                let cited = format!("{GUIDE_ADDRESS}c7861f8a/{source}");
                if !spec_text
                    .lines()
                    .take_while(|l| l.starts_with('#'))
                    .any(|l| l.contains(&cited))
                {
                    failures.push(format!(
                        "{here}: the spec's first comment must cite {cited}"
                    ));
                }
                ExpectedAction {
                    fields: tables(t, "field", file)
                        .into_iter()
                        .map(|f| Expected::read(f, &here, ids, failures))
                        .collect(),
                    unstated: string_list(t, "unstated", file),
                    name,
                    source,
                }
            })
            .collect();
        let suppressions = table.get("suppressions").map_or_else(BTreeMap::new, |v| {
            v.as_table()
                .unwrap_or_else(|| panic!("{}: `suppressions` is a table", file.display()))
                .iter()
                .map(|(code, miss)| {
                    let miss = miss.as_str().unwrap_or_default().to_owned();
                    // A miss of connspec's, or a guide-prescribed configuration that draws
                    // only an info.
                    ids.check(
                        &miss,
                        &["L-", "V-"],
                        &place(&format!("suppression {code}")),
                        failures,
                    );
                    (code.clone(), miss)
                })
                .collect()
        });
        Self {
            file: file.to_path_buf(),
            instance: string_key(&table, "instance", file),
            connector_unstated: string_list(&table, "connector_unstated", file),
            spec,
            guide,
            connector,
            actions,
            suppressions,
        }
    }
}

impl Expected {
    fn read(table: &toml::Table, place: &str, ids: &Ids, failures: &mut Vec<String>) -> Self {
        let known = [
            "label",
            "value",
            "json",
            "absent",
            "line",
            "miss",
            "guide_label",
            "variant",
            "guide_value",
            "value_variant",
            "erratum",
        ];
        for key in table.keys() {
            assert!(
                known.contains(&key.as_str()),
                "{place}: unknown key `{key}`"
            );
        }
        let label = table
            .get("label")
            .and_then(toml::Value::as_str)
            .unwrap_or_else(|| panic!("{place}: a field needs `label`"))
            .to_owned();
        let place = format!("{place}, {label}");
        let line = table
            .get("line")
            .and_then(toml::Value::as_integer)
            .unwrap_or_else(|| panic!("{place}: every field cites the guide's `line`"));
        let absent = table.get("absent").and_then(toml::Value::as_bool) == Some(true);
        let value = match (table.get("value"), table.get("json"), absent) {
            (Some(value), None, false) => Some(expected_value(value, &place)),
            (None, Some(json), false) => {
                let text = json
                    .as_str()
                    .unwrap_or_else(|| panic!("{place}: `json` is text"));
                Some(ExpectedValue::Json(
                    serde_json::from_str(text).unwrap_or_else(|e| panic!("{place}: {e}")),
                ))
            }
            (None, None, true) => None,
            _ => panic!("{place}: give exactly one of `value`, `json` or `absent = true`"),
        };
        // Wording the guide uses instead of the UI's must say why.
        for (what, why, prefixes) in [
            ("guide_label", "variant", &["V-"][..]),
            ("guide_value", "value_variant", &["V-", "E-"][..]),
        ] {
            match (
                table.get(what).and_then(toml::Value::as_str),
                table.get(why),
            ) {
                (Some(said), Some(id)) => {
                    let id = id.as_str().unwrap_or_default();
                    ids.check(id, prefixes, &place, failures);
                    let shown = if what == "guide_label" {
                        label.clone()
                    } else {
                        match &value {
                            Some(ExpectedValue::Text(text)) => text.clone(),
                            _ => String::new(),
                        }
                    };
                    if id == "V-CASE" && squash(said) != squash(&shown) {
                        failures.push(format!(
                            "{place}: `{said}` differs from `{shown}` by more than letter case"
                        ));
                    }
                }
                (None, None) => {}
                _ => failures.push(format!("{place}: `{what}` and `{why}` go together")),
            }
        }
        let miss = table.get("miss").map(|m| {
            let id = m.as_str().unwrap_or_default().to_owned();
            ids.check(&id, &["L-"], &place, failures);
            id
        });
        // A field the guide lists but the UI does not have is the guide's error, explained.
        match table.get("erratum").and_then(toml::Value::as_str) {
            Some(id) => ids.check(id, &["E-"], &place, failures),
            None if absent && miss.is_none() => {
                failures.push(format!("{place}: an absent field needs its `erratum`"));
            }
            None => {}
        }
        Self {
            label,
            value,
            line,
            miss,
        }
    }
}

/// Letter case and spacing only: `OAuth2 Token URL` is `Oauth2 Token Url`.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

fn expected_value(value: &toml::Value, place: &str) -> ExpectedValue {
    match value {
        toml::Value::String(text) => ExpectedValue::Text(text.clone()),
        toml::Value::Array(items) if items.iter().all(toml::Value::is_table) => {
            ExpectedValue::Args(
                items
                    .iter()
                    .filter_map(toml::Value::as_table)
                    .map(|arg| {
                        arg.iter()
                            .map(|(k, v)| (k.clone(), toml_to_json(v)))
                            .collect()
                    })
                    .collect(),
            )
        }
        toml::Value::Array(items) => ExpectedValue::Pairs(
            items
                .iter()
                .map(|pair| match pair.as_array().map(Vec::as_slice) {
                    Some([toml::Value::String(k), toml::Value::String(v)]) => {
                        (k.clone(), v.clone())
                    }
                    _ => panic!("{place}: pairs are [\"key\", \"value\"] lists of text"),
                })
                .collect(),
        ),
        _ => panic!("{place}: a value is text, a list of pairs or a list of input args"),
    }
}

fn toml_to_json(value: &toml::Value) -> Json {
    match value {
        toml::Value::String(s) => Json::String(s.clone()),
        toml::Value::Integer(i) => Json::from(*i),
        toml::Value::Float(f) => Json::from(*f),
        toml::Value::Boolean(b) => Json::Bool(*b),
        toml::Value::Array(items) => Json::Array(items.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Json::Object(
            t.iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
        toml::Value::Datetime(d) => Json::String(d.to_string()),
    }
}

/// A compiled section: its fields by label (labels are unique within a section).
type CompiledSection = BTreeMap<String, Json>;

fn compile(root: &Path, expectations: &Expectations) -> BTreeMap<String, CompiledSection> {
    let output = run(connspec().current_dir(root).args([
        "compile",
        "--color",
        "never",
        "--target",
        "agent-studio",
        "--format",
        "json",
        &expectations.spec,
        "--instance",
        &expectations.instance,
    ]));
    assert_eq!(output.code, 0, "{}", output.transcript());
    let json: Json = serde_json::from_str(&output.stdout).expect("compile --format json");
    let mut sections = BTreeMap::new();
    for section in json["outputs"][0]["sections"].as_array().expect("sections") {
        let title = section["title"].as_str().expect("title").to_owned();
        let mut fields = CompiledSection::new();
        for field in section["fields"].as_array().expect("fields") {
            let label = field["label"].as_str().expect("label").to_owned();
            let previous = fields.insert(label.clone(), field.clone());
            assert!(previous.is_none(), "{title}: label `{label}` twice");
        }
        sections.insert(title, fields);
    }
    sections
}

fn compare_system(
    root: &Path,
    expectations: &Expectations,
    mut sections: BTreeMap<String, CompiledSection>,
    tally: &mut Tally,
) {
    tally.systems += 1;
    let name = expectations
        .file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("?")
        .to_owned();
    let connector = sections.remove("Connector").unwrap_or_default();
    compare_section(
        &format!("{name}: Connector ({})", expectations.guide),
        &connector,
        &expectations.connector,
        &AUTHORED_CONNECTOR,
        &expectations.connector_unstated,
        tally,
    );
    for action in &expectations.actions {
        let title = format!("Action {}", action.name);
        let Some(compiled) = sections.remove(&title) else {
            tally
                .failures
                .push(format!("{name}: the spec has no action `{}`", action.name));
            continue;
        };
        compare_section(
            &format!("{name}: {title} ({})", action.source),
            &compiled,
            &action.fields,
            &AUTHORED_ACTION,
            &action.unstated,
            tally,
        );
    }
    for title in sections.keys().filter(|t| t.starts_with("Action ")) {
        tally.failures.push(format!(
            "{name}: `{title}` is compiled but not compared: add it to {}",
            expectations.file.display()
        ));
    }
    check_suppressions(root, expectations, &name, tally);
}

fn compare_section(
    place: &str,
    compiled: &CompiledSection,
    expected: &[Expected],
    authored: &[&str],
    unstated: &[String],
    tally: &mut Tally,
) {
    let mut listed = BTreeSet::new();
    for field in expected {
        listed.insert(field.label.as_str());
        tally.compared += 1;
        let found = compiled.get(&field.label);
        let difference = match (&field.value, found) {
            (None, None) => None,
            (None, Some(got)) => Some(format!(
                "shown as `{}`, the guide has no such field",
                got["value"]
            )),
            (Some(want), None) => Some(format!("missing, the guide gives {want:?}")),
            (Some(want), Some(got)) => differs(want, got),
        };
        let at = format!("{place}, line {}: {}", field.line, field.label);
        match (&field.miss, difference) {
            (None, None) => tally.matched += 1,
            (None, Some(why)) => tally.failures.push(format!("{at}: {why}")),
            (Some(miss), Some(why)) => tally.misses.push(format!("{miss} {at}: {why}")),
            (Some(miss), None) => tally.failures.push(format!(
                "{at}: matches the guide now; remove `miss = \"{miss}\"` and its MISSES.md entry"
            )),
        }
    }
    for label in compiled.keys() {
        let label = label.as_str();
        if !listed.contains(label)
            && !authored.contains(&label)
            && !unstated.iter().any(|u| u == label)
        {
            tally.failures.push(format!(
                "{place}: `{label}` is compiled ({}) but the expectations do not list it",
                compiled[label]["value"]
            ));
        }
    }
}

/// Why a compiled field differs from the expected one, if it does.
fn differs(want: &ExpectedValue, got: &Json) -> Option<String> {
    let value = &got["value"];
    let same = match want {
        ExpectedValue::Text(text) => value.as_str() == Some(text.as_str()),
        ExpectedValue::Pairs(pairs) => value.as_array().is_some_and(|items| {
            items.len() == pairs.len()
                && items.iter().zip(pairs).all(|(item, (k, v))| {
                    item["key"].as_str() == Some(k.as_str())
                        && item["value"].as_str() == Some(v.as_str())
                })
        }),
        ExpectedValue::Args(args) => value.as_array().is_some_and(|items| {
            items.len() == args.len()
                && items
                    .iter()
                    .zip(args)
                    .all(|(item, arg)| arg.iter().all(|(k, v)| &item[k] == v))
        }),
        ExpectedValue::Json(json) => value
            .as_str()
            .and_then(|text| serde_json::from_str::<Json>(text).ok())
            .is_some_and(|body| &body == json),
    };
    (!same).then(|| format!("compiled {value}, the guide gives {want:?}"))
}

/// Every `connspec: allow CODE` in a compared spec is a recorded miss, and every recorded
/// suppression is still in the spec.
fn check_suppressions(root: &Path, expectations: &Expectations, name: &str, tally: &mut Tally) {
    let text = std::fs::read_to_string(root.join(&expectations.spec)).expect("spec");
    let in_spec: BTreeSet<String> = text
        .lines()
        .filter_map(|line| line.split_once("connspec: allow ").map(|(_, rest)| rest))
        .flat_map(|rest| {
            rest.split("--")
                .next()
                .unwrap_or_default()
                .split([',', ' '])
                .filter(|code| !code.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    let recorded: BTreeSet<String> = expectations.suppressions.keys().cloned().collect();
    for code in in_spec.difference(&recorded) {
        tally.failures.push(format!(
            "{name}: `{}` suppresses {code}, which no miss in `suppressions` explains",
            expectations.spec
        ));
    }
    for code in recorded.difference(&in_spec) {
        tally.failures.push(format!(
            "{name}: `suppressions` names {code}, which `{}` no longer suppresses",
            expectations.spec
        ));
    }
    for (code, miss) in &expectations.suppressions {
        if in_spec.contains(code) {
            tally.misses.push(format!(
                "{miss} {name}: {code} suppressed in {}",
                expectations.spec
            ));
        }
    }
}

/// The library's size and shape: enough systems, each with a spec and an instance to check it
/// with (`connectors_library_passes` in `cli.rs` checks them all clean).
#[test]
fn library_has_the_systems_the_issue_asks_for() {
    let root = project_root();
    let connectors = connspec_tests::connectors();
    let systems: BTreeSet<PathBuf> = connectors
        .iter()
        .filter_map(|(spec, _)| spec.parent().map(Path::to_path_buf))
        .collect();
    assert!(
        systems.len() >= MIN_SYSTEMS,
        "{} systems in connectors/: {systems:?}",
        systems.len()
    );
    for (spec, instances) in &connectors {
        assert!(
            !instances.is_empty(),
            "{}: no instance file in its instances/ folder",
            spec.display()
        );
        assert!(root.join(spec).is_file());
    }
}
