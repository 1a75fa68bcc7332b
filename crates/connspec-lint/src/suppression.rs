//! Suppression comments: `# connspec: allow CODE -- reason` on the line of a finding, or on
//! its own line above it.

use connspec_diagnostics::{Code, Diagnostic, Family, Severity, SourceFile, Span};

use crate::LintSettings;

pub(crate) static UNUSED_SUPPRESSION: Code = Code {
    code: "S015",
    name: "unused-suppression",
    family: Family::Syntax,
    summary: "a suppression comment suppresses nothing",
    explanation: r#"## What it does
Reports a `# connspec: allow CODE -- reason` comment on a line where that code reports nothing.

## Why is this bad?
The finding it was written for is gone (or was never on this line); a stale suppression would
silently hide the next real finding there.

## Example
```yaml
name: coupa_demo  # connspec: allow M001 -- legacy name
```

## Use instead
Remove the comment.
"#,
};

pub(crate) static INVALID_SUPPRESSION: Code = Code {
    code: "S016",
    name: "invalid-suppression",
    family: Family::Syntax,
    summary: "a suppression comment is malformed",
    explanation: r#"## What it does
Reports a `# connspec: allow` comment without a reason after ` -- `, naming a code that does
not exist, or naming a fault every command refuses (T001, T002, T005, T006, T008, M005: a
template that cannot be rendered, or a secret where it would be printed).

## Why is this bad?
A reviewer must know why a finding is accepted; an unknown code suppresses nothing; and a
fault that `compile` and `test` refuse cannot be hidden from `check`, or `check` would pass
what they refuse.

## Example
```yaml
  scopes: [core.approval.read, core.user.read]  # connspec: allow P003
```

## Use instead
```yaml
  scopes: [core.approval.read, core.user.read]  # connspec: allow P003 -- used by a compound action
```
"#,
};

pub(crate) static CODES: &[&Code] = &[&UNUSED_SUPPRESSION, &INVALID_SUPPRESSION];

/// One parsed suppression comment.
struct Suppression {
    /// 1-based line it applies to.
    line: usize,
    span: Span,
    codes: Vec<String>,
    used: Vec<bool>,
}

const MARKER: &str = "connspec: allow";

/// Removes findings covered by suppression comments and reports malformed or unused ones.
pub(crate) fn apply(file: &SourceFile, diagnostics: &mut Vec<Diagnostic>, settings: &LintSettings) {
    if !file.text().contains(MARKER) {
        return;
    }
    // Schema findings come before lint and cannot be suppressed: the file must be valid.
    let known: Vec<&'static Code> = crate::codes();
    let mut suppressions = Vec::new();
    let mut problems = Vec::new();
    for line in 1..=file.line_count() {
        let text = file.line_text(line);
        let Some(hash) = text.find('#') else {
            continue;
        };
        let comment = text[hash + 1..].trim_start();
        let Some(rest) = comment.strip_prefix(MARKER) else {
            continue;
        };
        let start = file.line_start(line) + hash;
        let span = Span::new(start, start + text.len() - hash);
        let (codes_text, reason) = match rest.split_once("--") {
            Some((codes, reason)) => (codes, reason.trim()),
            None => (rest, ""),
        };
        let codes: Vec<String> = codes_text
            .split([',', ' '])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_ascii_uppercase)
            .collect();
        if reason.is_empty() || codes.is_empty() {
            problems.push(
                Diagnostic::new(
                    &INVALID_SUPPRESSION,
                    Severity::Warning,
                    "suppression needs a code and a reason",
                )
                .with_span(span)
                .with_help("write `# connspec: allow CODE -- why this is fine`"),
            );
            continue;
        }
        if let Some(unknown) = codes
            .iter()
            .find(|c| !known.iter().any(|k| k.code == c.as_str()))
        {
            problems.push(
                Diagnostic::new(
                    &INVALID_SUPPRESSION,
                    Severity::Warning,
                    format!("suppression names unknown code `{unknown}`"),
                )
                .with_span(span),
            );
            continue;
        }
        if let Some(required) = codes.iter().find(|c| {
            known
                .iter()
                .any(|k| k.code == c.as_str() && connspec_semantic::codes::always_reported(k))
        }) {
            problems.push(
                Diagnostic::new(
                    &INVALID_SUPPRESSION,
                    Severity::Warning,
                    format!(
                        "`{required}` cannot be suppressed: compile and test refuse it whatever check says"
                    ),
                )
                .with_span(span)
                .with_help("fix the template instead"),
            );
            continue;
        }
        // A comment alone on its line covers the next line.
        let applies_to = if text[..hash].trim().is_empty() {
            line + 1
        } else {
            line
        };
        let used = vec![false; codes.len()];
        suppressions.push(Suppression {
            line: applies_to,
            span,
            codes,
            used,
        });
    }
    diagnostics.retain(|diagnostic| {
        let Some(primary) = diagnostic.span else {
            return true;
        };
        let line = file.line_col(primary.start).line;
        for suppression in &mut suppressions {
            if suppression.line != line {
                continue;
            }
            if let Some(index) = suppression
                .codes
                .iter()
                .position(|c| c == diagnostic.code.code)
            {
                suppression.used[index] = true;
                return false;
            }
        }
        true
    });
    for suppression in &suppressions {
        for (code, used) in suppression.codes.iter().zip(&suppression.used) {
            let enabled = known
                .iter()
                .find(|k| k.code == code.as_str())
                .is_some_and(|k| settings.is_enabled(k));
            if !used && enabled {
                diagnostics.push(
                    Diagnostic::new(
                        &UNUSED_SUPPRESSION,
                        Severity::Warning,
                        format!("`{code}` reports nothing on this line"),
                    )
                    .with_span(suppression.span)
                    .with_help("remove the suppression"),
                );
            }
        }
    }
    diagnostics.extend(problems);
}
