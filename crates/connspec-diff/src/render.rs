//! Renders a list of changes for people (human), pull-request comments (Markdown) and scripts
//! (JSON).

use std::fmt::Write;

use serde_json::json;

use crate::{Change, Class, Location, Side};

/// An output format of `connspec diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Markdown,
    Json,
}

/// Renders `changes` between `old` and `new` (the names the user gave).
pub fn render(format: Format, old: &str, new: &str, changes: &[Change]) -> String {
    match format {
        Format::Human => human(old, new, changes),
        Format::Markdown => markdown(old, new, changes),
        Format::Json => json_document(old, new, changes),
    }
}

fn place(location: Option<&Location>) -> String {
    location.map_or_else(String::new, |l| {
        let side = match l.side {
            Side::Old => " (old)",
            Side::New => "",
        };
        format!("{}:{}:{}{side}", l.path, l.line, l.column)
    })
}

fn human(old: &str, new: &str, changes: &[Change]) -> String {
    let mut out = String::new();
    if changes.is_empty() {
        let _ = writeln!(out, "No semantic changes between {old} and {new}.");
        return out;
    }
    for class in Class::ALL {
        let group: Vec<&Change> = changes.iter().filter(|c| c.class == class).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{} ({})", class.title(), group.len());
        for change in group {
            let _ = writeln!(out, "  - {}", change.message);
            if let Some(detail) = &change.detail {
                let _ = writeln!(out, "      {detail}");
            }
            if change.location.is_some() {
                let _ = writeln!(out, "      --> {}", place(change.location.as_ref()));
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}", summary(changes));
    out
}

fn summary(changes: &[Change]) -> String {
    let count = |class: Class| changes.iter().filter(|c| c.class == class).count();
    format!(
        "{} breaking, {} provider, {} re-paste, {} safe.",
        count(Class::Breaking),
        count(Class::NeedsProviderChange),
        count(Class::NeedsRepaste),
        count(Class::Safe)
    )
}

fn markdown(old: &str, new: &str, changes: &[Change]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "### connspec diff: `{old}` → `{new}`\n");
    if changes.is_empty() {
        out.push_str("No semantic changes.\n");
        return out;
    }
    let _ = writeln!(out, "**{}**\n", summary(changes));
    for class in Class::ALL {
        let group: Vec<&Change> = changes.iter().filter(|c| c.class == class).collect();
        if group.is_empty() {
            continue;
        }
        let marker = match class {
            Class::Breaking => "🔴",
            Class::NeedsProviderChange => "🟠",
            Class::NeedsRepaste => "🟡",
            Class::Safe => "🟢",
        };
        let _ = writeln!(out, "#### {marker} {} ({})\n", class.title(), group.len());
        for change in group {
            let mut line = format!("- {}", escape(&change.message));
            if let Some(detail) = &change.detail {
                let _ = write!(line, ": {}", escape(detail));
            }
            if change.location.is_some() {
                let _ = write!(line, " (`{}`)", place(change.location.as_ref()));
            }
            let _ = writeln!(out, "{line}");
        }
        out.push('\n');
    }
    out
}

/// Keeps Markdown from reading `|`, `<` and `>` in values as table or HTML syntax.
fn escape(text: &str) -> String {
    text.replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn json_document(old: &str, new: &str, changes: &[Change]) -> String {
    let count = |class: Class| changes.iter().filter(|c| c.class == class).count();
    let document = json!({
        "version": 1,
        "old": old,
        "new": new,
        "summary": {
            "breaking": count(Class::Breaking),
            "needs_provider_change": count(Class::NeedsProviderChange),
            "needs_repaste": count(Class::NeedsRepaste),
            "safe": count(Class::Safe),
        },
        "changes": changes,
    });
    let mut text = connspec_diagnostics::pretty::to_string(&document);
    text.push('\n');
    text
}
