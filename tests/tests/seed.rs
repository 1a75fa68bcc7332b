//! The seed guide as a test: the connector exactly as Coupa's Agent Studio guide sets it up
//! must get exactly its three known mistakes reported, each at its line.

mod common;

use common::{connspec, run};
use connspec_tests::project_root;

const SEED: &str = "tests/cases/seed/coupa-guide-verbatim.yaml";

#[test]
fn seed_guide_connector_reports_exactly_its_three_mistakes() {
    let output = run(connspec()
        .current_dir(project_root())
        .args(["check", "--format", "json", SEED]));
    assert_eq!(output.code, 1, "{}", output.transcript());
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("json");
    let mut found: Vec<(String, u64, String)> = json["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                d["location"]["line"].as_u64().unwrap_or_default(),
                d["help"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    found.sort();
    let codes: Vec<(&str, u64)> = found.iter().map(|(c, l, _)| (c.as_str(), *l)).collect();
    assert_eq!(
        codes,
        [("M003", 27), ("P001", 20), ("P005", 26)],
        "{}",
        output.stdout
    );
    let unknown_scope = found.iter().find(|(c, ..)| c == "P001").expect("P001");
    assert!(
        unknown_scope.2.contains("`core.expense.read`"),
        "{unknown_scope:?}"
    );
    let content_type = found.iter().find(|(c, ..)| c == "M003").expect("M003");
    assert!(content_type.2.contains("Accept"), "{content_type:?}");

    let human = run(connspec()
        .current_dir(project_root())
        .args(["check", "--color", "never", SEED]));
    insta::assert_snapshot!(human.transcript());
}
