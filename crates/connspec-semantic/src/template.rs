//! A template string parsed once: its blocks, the variables it references with their offsets,
//! and its syntax error.
//!
//! The variables are located inside the text, so a diagnostic can point at `domian` in
//! `https://{{ instance.domian }}` rather than at the whole value.

/// One `{{ … }}`, `{% … %}` block of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Byte range of the whole block in the template text, delimiters included.
    pub start: usize,
    pub end: usize,
    /// The text between the delimiters, untrimmed.
    pub inner: String,
    pub is_statement: bool,
}

impl Block {
    /// Whether the block is a plain `{{ a.b.c }}` substitution, which every target can express.
    pub fn is_plain_variable(&self) -> bool {
        !self.is_statement && is_dotted_name(self.inner.trim())
    }
}

/// A variable a template references, e.g. `instance.domain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariableRef {
    /// The dotted path as written, e.g. `inputs.status`.
    pub path: String,
    /// Byte offset of the path in the template text.
    pub offset: usize,
}

impl VariableRef {
    /// The first segment: `instance`, `secrets`, `inputs`, `meta_info`, or anything else.
    pub fn namespace(&self) -> &str {
        self.path.split('.').next().unwrap_or("")
    }

    /// The second segment (the declared name), if any.
    pub fn name(&self) -> Option<&str> {
        self.path.split('.').nth(1)
    }
}

/// A syntax error inside a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub message: String,
    /// Byte range in the template text, when minijinja knows it.
    pub range: Option<(usize, usize)>,
}

/// What a template string holds: its blocks, the variables they reference, and whether it
/// parses. Computed once per field; every stage reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    pub blocks: Vec<Block>,
    /// Every reference to a variable, in text order.
    pub variables: Vec<VariableRef>,
    pub error: Option<TemplateError>,
}

impl Analysis {
    /// Parses `text` once. Plain `{{ a.b }}` substitutions, the common case, skip the parser.
    pub fn of(text: &str) -> Self {
        let mut analysis = Self {
            blocks: blocks(text),
            ..Self::default()
        };
        if analysis.blocks.is_empty() && !text.contains("{{") && !text.contains("{%") {
            return analysis;
        }
        // Every `{{` opens a block that holds just a dotted name: no parser needed.
        let plain = analysis.blocks.iter().all(Block::is_plain_variable)
            && text.matches("{{").count() == analysis.blocks.len()
            && !text.contains("{%")
            && !text.contains("{#");
        if plain {
            for block in &analysis.blocks {
                let name = block.inner.trim();
                let leading = block.inner.len() - block.inner.trim_start().len();
                analysis.variables.push(VariableRef {
                    path: name.to_owned(),
                    offset: block.start + 2 + leading,
                });
            }
            return analysis;
        }
        match crate::render::environment().template_from_str(text) {
            Ok(parsed) => {
                let mut names: Vec<String> =
                    parsed.undeclared_variables(true).into_iter().collect();
                names.sort();
                for name in names {
                    for offset in find_references(&analysis.blocks, text, &name) {
                        analysis.variables.push(VariableRef {
                            path: name.clone(),
                            offset,
                        });
                    }
                }
                // minijinja does not report every form (a slice such as `secrets.KEY[0:6]`
                // is missing), and a secret must be found in every form it is used in.
                for reference in namespace_references(&analysis.blocks, text) {
                    match analysis
                        .variables
                        .iter_mut()
                        .find(|v| v.offset == reference.offset)
                    {
                        // `secrets['KEY']` is reported as `secrets` alone.
                        Some(known) if reference.path.len() > known.path.len() => {
                            *known = reference;
                        }
                        Some(_) => {}
                        None => analysis.variables.push(reference),
                    }
                }
                analysis.variables.sort_by_key(|v| v.offset);
            }
            Err(error) => {
                analysis.error = Some(TemplateError {
                    message: error
                        .detail()
                        .map_or_else(|| error.kind().to_string(), str::to_owned),
                    range: error.range().map(|r| (r.start, r.end)),
                });
            }
        }
        analysis
    }
}

/// Finds the `{{ }}` and `{% %}` blocks of a template (comments `{# #}` are skipped).
fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut rest = 0;
    while let Some(found) = text[rest..].find('{') {
        let start = rest + found;
        let opener = text.get(start..start + 2).unwrap_or("");
        let closer = match opener {
            "{{" => "}}",
            "{%" => "%}",
            "{#" => "#}",
            _ => {
                rest = start + 1;
                continue;
            }
        };
        // Moveworks' triple braces `{{{x}}}` close with `}}}`; take the outermost.
        let Some(close) = text[start + 2..].find(closer) else {
            break;
        };
        let mut end = start + 2 + close + 2;
        if text[start..].starts_with("{{{") && text[end..].starts_with('}') {
            end += 1;
        }
        if opener != "{#" {
            out.push(Block {
                start,
                end,
                inner: text[start + 2..start + 2 + close].to_owned(),
                is_statement: opener == "{%",
            });
        }
        rest = end;
    }
    out
}

/// Every use of a namespace (`instance`, `secrets`, `inputs`, `meta_info`) inside the blocks,
/// found lexically: outside string literals, not as an attribute (`x.secrets`), with the name
/// that follows as `.NAME` or `['NAME']` when there is one.
fn namespace_references(blocks: &[Block], text: &str) -> Vec<VariableRef> {
    const NAMESPACES: [&str; 4] = ["instance", "secrets", "inputs", "meta_info"];
    let mut out = Vec::new();
    for block in blocks {
        let bytes = text.as_bytes();
        let end = block.end.min(bytes.len());
        let mut at = block.start + 2;
        let mut previous = b' ';
        while at < end {
            let byte = bytes[at];
            if byte == b'\'' || byte == b'"' {
                at += 1;
                while at < end && bytes[at] != byte {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
                at += 1;
                previous = byte;
                continue;
            }
            if byte.is_ascii_alphabetic() || byte == b'_' {
                let start = at;
                while at < end && (bytes[at].is_ascii_alphanumeric() || bytes[at] == b'_') {
                    at += 1;
                }
                let ident = &text[start..at];
                if previous != b'.' && NAMESPACES.contains(&ident) {
                    let path = match attribute_after(text, at, end) {
                        Some(name) => format!("{ident}.{name}"),
                        None => ident.to_owned(),
                    };
                    out.push(VariableRef {
                        path,
                        offset: start,
                    });
                }
                previous = b'a';
                continue;
            }
            if !byte.is_ascii_whitespace() {
                previous = byte;
            }
            at += 1;
        }
    }
    out
}

/// The attribute named right after a namespace: `.NAME` or `['NAME']` / `["NAME"]`.
fn attribute_after(text: &str, at: usize, end: usize) -> Option<&str> {
    let rest = text.get(at..end)?;
    let name = if let Some(after_dot) = rest.strip_prefix('.') {
        let len = after_dot
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after_dot.len());
        &after_dot[..len]
    } else {
        let inner = rest.strip_prefix('[')?;
        let quote = inner.chars().next().filter(|c| *c == '\'' || *c == '"')?;
        let inner = &inner[1..];
        &inner[..inner.find(quote)?]
    };
    (!name.is_empty()).then_some(name)
}

/// Offsets of `name` used as a whole dotted path inside the blocks.
fn find_references(blocks: &[Block], text: &str, name: &str) -> Vec<usize> {
    let mut offsets = Vec::new();
    for block in blocks {
        let region = &text[block.start..block.end];
        let mut from = 0;
        while let Some(found) = region[from..].find(name) {
            let at = from + found;
            let before = region[..at].chars().next_back();
            let after = region[at + name.len()..].chars().next();
            let boundary_before =
                before.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '.'));
            let boundary_after = after.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
            if boundary_before && boundary_after {
                offsets.push(block.start + at);
            }
            from = at + name.len();
        }
    }
    offsets
}

fn is_dotted_name(text: &str) -> bool {
    !text.is_empty()
        && text.split('.').all(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(text: &str) -> Vec<(String, usize)> {
        Analysis::of(text)
            .variables
            .into_iter()
            .map(|v| (v.path, v.offset))
            .collect()
    }

    #[test]
    fn every_expression_form_names_its_variables() {
        assert_eq!(
            paths("/items/{{ secrets.KEY[0:6] }}"),
            [("secrets.KEY".to_owned(), 10)]
        );
        assert_eq!(paths("{{ (secrets).KEY }}"), [("secrets".to_owned(), 4)]);
        assert_eq!(
            paths("{{ secrets['KEY'] }}"),
            [("secrets.KEY".to_owned(), 3)]
        );
        assert_eq!(
            paths("{{ 'secrets.X' ~ x.secrets }}"),
            [("x.secrets".to_owned(), 17)]
        );
        assert_eq!(
            paths("{{ 'k-' ~ secrets.KEY | lower }}"),
            [("secrets.KEY".to_owned(), 10)]
        );
    }
}
