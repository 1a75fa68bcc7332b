//! The path syntax of `expect.checks[].path` (`$[0].status`, `$['approvable-type']`), read one
//! way by everything that consumes it: the runtime evaluates it, the Hurl and Postman targets
//! translate it.

/// One step of a check path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// `.key`, `['key']` or `["key"]`.
    Key(String),
    /// `[0]`.
    Index(usize),
}

/// Why a check path cannot be read; the message names the offending part.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct CheckPathError(String);

/// Reads `$`, `.key`, `[0]`, `['key']` and `["key"]` steps.
pub fn parse_check_path(path: &str) -> Result<Vec<PathSegment>, CheckPathError> {
    let error = |message: String| CheckPathError(message);
    let rest = path
        .trim()
        .strip_prefix('$')
        .ok_or_else(|| error("a path starts with `$`".to_owned()))?;
    let mut segments = Vec::new();
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '.' => {
                let mut key = String::new();
                while let Some(&c) = chars.peek() {
                    if c == '.' || c == '[' {
                        break;
                    }
                    key.push(c);
                    chars.next();
                }
                if key.is_empty() {
                    return Err(error("empty key after `.`".to_owned()));
                }
                segments.push(PathSegment::Key(key));
            }
            '[' => {
                let mut inner = String::new();
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                    inner.push(c);
                }
                let inner = inner.trim();
                let quoted = ['\'', '"']
                    .iter()
                    .find_map(|q| inner.strip_prefix(*q).and_then(|i| i.strip_suffix(*q)));
                match quoted {
                    Some(key) => segments.push(PathSegment::Key(key.to_owned())),
                    None => segments.push(PathSegment::Index(inner.parse().map_err(|_| {
                        error(format!("`[{inner}]` is not an index or a quoted key"))
                    })?)),
                }
            }
            other => return Err(error(format!("unexpected `{other}`"))),
        }
    }
    Ok(segments)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_step_kind() {
        assert_eq!(
            parse_check_path("$[0].status['a b'][\"approvable-type\"]"),
            Ok(vec![
                PathSegment::Index(0),
                PathSegment::Key("status".into()),
                PathSegment::Key("a b".into()),
                PathSegment::Key("approvable-type".into()),
            ])
        );
        assert_eq!(parse_check_path(" $ "), Ok(vec![]));
    }

    #[test]
    fn says_what_is_wrong() {
        let message = |path: &str| parse_check_path(path).map_err(|e| e.to_string());
        assert_eq!(message("status"), Err("a path starts with `$`".into()));
        assert_eq!(message("$."), Err("empty key after `.`".into()));
        assert_eq!(
            message("$[x]"),
            Err("`[x]` is not an index or a quoted key".into())
        );
        assert_eq!(message("$x"), Err("unexpected `x`".into()));
    }
}
