//! GitLab Code Quality: the JSON array a CI job publishes as `artifacts:reports:codequality`,
//! which GitLab shows in merge requests and the pipeline's Code Quality tab.
//!
//! ```json
//! [{"description": "S010 unknown key `clent_id`", "check_name": "S010 unknown-key",
//!   "fingerprint": "…", "severity": "major",
//!   "location": {"path": "connectors/coupa.yaml", "lines": {"begin": 4, "end": 4}}}]
//! ```
//!
//! Severities map as error → `major`, warning → `minor`, info → `info` (GitLab's scale has
//! `info`, `minor`, `major`, `critical`, `blocker`). The fingerprint identifies a finding
//! across commits, so it is built from the file, the code, the message and the finding's rank
//! among identical ones, never from its line: moving a finding does not make it "new".

use std::fmt::Write as _;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::Location;
use crate::{FileReport, Severity};

pub(super) fn render(reports: &[FileReport]) -> String {
    let mut issues = Vec::new();
    for report in reports {
        let path = report.source.name();
        let mut seen: Vec<String> = Vec::new();
        for diagnostic in &report.diagnostics {
            let identity = format!("{path}\0{}\0{}", diagnostic.code.code, diagnostic.message);
            let rank = seen.iter().filter(|s| **s == identity).count();
            let fingerprint = hex(&Sha256::digest(format!("{identity}\0{rank}").as_bytes()));
            seen.push(identity);
            let lines = match diagnostic.span {
                Some(span) => {
                    let location = Location::new(&report.source, span);
                    json!({ "begin": location.line, "end": location.end_line.max(location.line) })
                }
                None => json!({ "begin": 1, "end": 1 }),
            };
            let mut description = format!("{} {}", diagnostic.code.code, diagnostic.message);
            if let Some(help) = &diagnostic.help {
                let _ = write!(description, " (help: {help})");
            }
            issues.push(json!({
                "type": "issue",
                "description": description,
                "check_name": format!("{} {}", diagnostic.code.code, diagnostic.code.name),
                "fingerprint": fingerprint,
                "severity": severity(diagnostic.severity),
                "location": { "path": path, "lines": lines },
            }));
        }
    }
    let mut out = crate::pretty::to_string(&Value::Array(issues));
    out.push('\n');
    out
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}
