//! `connspec check --fix`: apply the fixes the rules attach, round after round until none
//! applies, and write each changed file atomically (or show the changes with `--diff`).

use std::path::Path;

use anyhow::Result;
use connspec_diagnostics::{Applicability, apply_fixes};
use connspec_model::DocumentKind;

use crate::session::Session;
use crate::session::write::{Replace, replace};

/// Rounds of fixing one file: a fix may uncover another (a renamed key then checked), and
/// fixes that touch wait a round; a fix that keeps undoing another stops here.
pub(crate) const MAX_ROUNDS: usize = 100;

/// What fixing one file did.
pub(crate) struct Fixed {
    /// How many fixes were applied.
    pub(crate) count: usize,
    /// The text before and after; equal when nothing applied.
    pub(crate) before: String,
    pub(crate) after: String,
}

/// Applies every fix at or above `threshold` to `text`, re-checking between rounds.
pub(crate) fn fix_text(
    session: &Session,
    name: &str,
    text: &str,
    kind: Option<DocumentKind>,
    threshold: Applicability,
) -> Fixed {
    let mut current = text.to_owned();
    let mut count = 0;
    for _ in 0..MAX_ROUNDS {
        let loaded = session.load_bytes(name, current.as_bytes(), kind);
        let fixes = loaded
            .checked
            .diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref());
        let (next, applied) = apply_fixes(&current, fixes, threshold);
        if applied == 0 || next == current {
            break;
        }
        count += applied;
        current = next;
    }
    Fixed {
        count,
        before: text.to_owned(),
        after: current,
    }
}

/// Fixes the file at `path` in place; `None` when it cannot be read as text (the check that
/// follows reports why).
pub(crate) fn fix_file(
    session: &Session,
    path: &Path,
    kind: Option<DocumentKind>,
    threshold: Applicability,
    write: bool,
) -> Result<Option<Fixed>> {
    let limit = u64::try_from(session.limits.max_bytes).unwrap_or(u64::MAX);
    let Ok(bytes) = connspec_model::file::read_regular(path, limit) else {
        return Ok(None);
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Ok(None);
    };
    let fixed = fix_text(session, &path.display().to_string(), &text, kind, threshold);
    if write && fixed.after != fixed.before {
        replace(
            path,
            fixed.after.as_bytes(),
            Replace {
                unchanged_from: Some(fixed.before.as_bytes()),
                ..Replace::default()
            },
        )?;
    }
    Ok(Some(fixed))
}

/// A unified diff of one file's fixes, as `git diff` shows it.
pub(crate) fn unified_diff(path: &Path, fixed: &Fixed) -> String {
    let name = path.display().to_string();
    similar::TextDiff::from_lines(&fixed.before, &fixed.after)
        .unified_diff()
        .context_radius(3)
        .header(
            &format!("a/{}", name.trim_start_matches('/')),
            &format!("b/{}", name.trim_start_matches('/')),
        )
        .to_string()
}
