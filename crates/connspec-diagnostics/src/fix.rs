//! Fixes as data: the text edits that repair a finding, and how sure the rule is of them.
//!
//! Modelled on ruff's `Fix`/`Edit`/`Applicability`. A rule that knows the one obvious repair
//! attaches a [`Fix`] to its [`crate::Diagnostic`]; `connspec check --fix` applies the safe ones
//! (`--unsafe-fixes` the others), the JSON and SARIF outputs carry them, and the language server
//! offers them as code actions. Edits replace byte ranges of the file as written, so every other
//! byte, comments included, is kept.

use crate::Span;

/// How sure a fix is, in increasing order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Shown, never applied: it may be wrong (a guess among several names).
    DisplayOnly,
    /// Applied with `--unsafe-fixes`: valid, but it may change what the connector does or
    /// needs (removing a scope the provider grants).
    Unsafe,
    /// Applied with `--fix`: keeps what the author meant.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// One replacement: the bytes of `span` become `content` (an empty span inserts, empty content
/// deletes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub content: String,
}

impl Edit {
    pub fn replacement(span: Span, content: impl Into<String>) -> Self {
        Self {
            span,
            content: content.into(),
        }
    }

    pub fn insertion(at: usize, content: impl Into<String>) -> Self {
        Self::replacement(Span::at(at), content)
    }

    pub fn deletion(span: Span) -> Self {
        Self::replacement(span, String::new())
    }
}

/// The repair of one finding: a short imperative title ("replace with `Accept`"), its edits
/// (sorted, non-overlapping) and how sure it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

impl Fix {
    pub fn new(
        title: impl Into<String>,
        mut edits: Vec<Edit>,
        applicability: Applicability,
    ) -> Self {
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        Self {
            title: title.into(),
            edits,
            applicability,
        }
    }

    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(title, edits, Applicability::Safe)
    }

    pub fn unsafe_edits(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(title, edits, Applicability::Unsafe)
    }

    pub fn display_only(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(title, edits, Applicability::DisplayOnly)
    }

    /// Whether `--fix` (threshold `Safe`) or `--unsafe-fixes` (threshold `Unsafe`) applies it.
    pub fn applies(&self, threshold: Applicability) -> bool {
        self.applicability >= threshold && self.applicability > Applicability::DisplayOnly
    }

    /// The span every edit falls in.
    fn extent(&self) -> Option<(usize, usize)> {
        let start = self.edits.iter().map(|e| e.span.start).min()?;
        let end = self.edits.iter().map(|e| e.span.end).max()?;
        Some((start, end))
    }
}

/// The text with every applicable fix applied, in file order; a fix whose edits overlap one
/// already taken (or fall outside the text) waits for the next round. Returns the new text and
/// how many fixes were applied.
pub fn apply_fixes<'a>(
    text: &str,
    fixes: impl IntoIterator<Item = &'a Fix>,
    threshold: Applicability,
) -> (String, usize) {
    let mut chosen: Vec<&Fix> = fixes
        .into_iter()
        .filter(|fix| fix.applies(threshold) && !fix.edits.is_empty())
        .collect();
    chosen.sort_by_key(|fix| fix.extent());
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    let mut applied = 0;
    for fix in chosen {
        let Some((start, end)) = fix.extent() else {
            continue;
        };
        // A fix that touches or overlaps the one before waits for the next round (two
        // insertions at one offset, an edit inside another fix's range).
        if applied > 0 && start <= cursor {
            continue;
        }
        let mut previous_end = start;
        let well_formed = end <= text.len()
            && fix.edits.iter().all(|e| {
                let ordered = e.span.start <= e.span.end && e.span.start >= previous_end;
                previous_end = e.span.end;
                ordered && text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end)
            });
        if !well_formed {
            continue;
        }
        for edit in &fix.edits {
            out.push_str(&text[cursor..edit.span.start]);
            out.push_str(&edit.content);
            cursor = edit.span.end;
        }
        applied += 1;
    }
    out.push_str(&text[cursor.min(text.len())..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_apply_in_order_and_keep_every_other_byte() {
        let text = "a: 1 # keep\nb: 2\n";
        let one = Fix::safe("x", vec![Edit::replacement(Span::new(0, 1), "alpha")]);
        let two = Fix::safe("y", vec![Edit::replacement(Span::new(12, 13), "beta")]);
        let (fixed, applied) = apply_fixes(text, [&two, &one], Applicability::Safe);
        assert_eq!(fixed, "alpha: 1 # keep\nbeta: 2\n");
        assert_eq!(applied, 2);
    }

    #[test]
    fn overlapping_and_unsafe_fixes_wait() {
        let text = "abcdef";
        let wide = Fix::safe("wide", vec![Edit::replacement(Span::new(1, 4), "X")]);
        let inner = Fix::safe("inner", vec![Edit::replacement(Span::new(2, 3), "Y")]);
        let risky = Fix::unsafe_edits("risky", vec![Edit::deletion(Span::new(5, 6))]);
        let shown = Fix::display_only("shown", vec![Edit::deletion(Span::new(0, 1))]);
        let (fixed, applied) =
            apply_fixes(text, [&wide, &inner, &risky, &shown], Applicability::Safe);
        assert_eq!((fixed.as_str(), applied), ("aXef", 1));
        let (fixed, applied) = apply_fixes(text, [&risky, &shown], Applicability::Unsafe);
        assert_eq!((fixed.as_str(), applied), ("abcde", 1));
    }

    #[test]
    fn two_insertions_at_one_place_are_not_both_applied() {
        let text = "ab";
        let one = Fix::safe("1", vec![Edit::insertion(1, "X")]);
        let two = Fix::safe("2", vec![Edit::insertion(1, "Y")]);
        let (fixed, applied) = apply_fixes(text, [&one, &two], Applicability::Safe);
        assert_eq!((fixed.as_str(), applied), ("aXb", 1));
    }

    #[test]
    fn edits_outside_the_text_or_a_character_are_skipped() {
        let text = "é";
        let split = Fix::safe("split", vec![Edit::replacement(Span::new(1, 2), "x")]);
        let past = Fix::safe("past", vec![Edit::insertion(10, "x")]);
        let (fixed, applied) = apply_fixes(text, [&split, &past], Applicability::Safe);
        assert_eq!((fixed.as_str(), applied), ("é", 0));
    }
}
