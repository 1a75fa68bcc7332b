//! `docs/man/*.1`: man pages from the clap definition, one for `connspec` and one per command.

use clap::Command;

use super::GeneratedFile;

/// Where the pages go; `man -l docs/man/connspec.1` reads one in place.
pub(super) const DIR: &str = "docs/man";

pub(super) fn generate() -> anyhow::Result<Vec<GeneratedFile>> {
    let mut command = connspec_cli::command();
    command.build();
    // Every page names the release it documents; subcommands carry no version of their own.
    let source = format!("connspec {}", command.get_version().unwrap_or_default());
    let mut files = Vec::new();
    render_tree(&command, &source, &mut files)?;
    Ok(files)
}

/// Renders `command` and, under `parent-child` names as `git` does, each visible subcommand.
fn render_tree(
    command: &Command,
    source: &str,
    files: &mut Vec<GeneratedFile>,
) -> anyhow::Result<()> {
    let name = command
        .get_display_name()
        .unwrap_or_else(|| command.get_name());
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone())
        .title(name.to_uppercase())
        .source(source)
        .manual("connspec manual")
        .render(&mut page)?;
    files.push(GeneratedFile {
        path: format!("{DIR}/{name}.1"),
        contents: String::from_utf8(page)?,
    });
    for sub in command.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        let sub = sub
            .clone()
            .display_name(format!("{name}-{}", sub.get_name()));
        render_tree(&sub, source, files)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_page_naming_it() {
        let files = generate().expect("man pages render");
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert!(names.contains(&"docs/man/connspec.1"), "{names:?}");
        assert!(names.contains(&"docs/man/connspec-check.1"), "{names:?}");
        assert!(
            names.contains(&"docs/man/connspec-completions.1"),
            "{names:?}"
        );
        let check = files
            .iter()
            .find(|f| f.path.ends_with("connspec-check.1"))
            .expect("check page");
        assert!(
            check.contents.starts_with(".ie \\n(.g .ds Aq"),
            "roff header"
        );
        assert!(
            check.contents.contains(".TH CONNSPEC-CHECK 1  \"connspec "),
            "{}",
            check.contents
        );
        assert!(
            check.contents.contains("\\-\\-format"),
            "{}",
            check.contents
        );
    }
}
