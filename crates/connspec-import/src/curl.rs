//! A cURL command line parsed into its request: method, URL, headers, data and credentials.
//!
//! Shell words are split by the `shlex` crate (POSIX quoting, `\`-newline continuations);
//! this module only knows curl's options. It is pure: no files are read (`-d @file` is refused)
//! and no value is ever echoed in an error, because values may be secrets.

/// One `-d`-style option and its argument, in command-line order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataArg {
    pub kind: DataKind,
    pub value: String,
}

/// Which data option gave a [`DataArg`]; they differ in how curl encodes the argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKind {
    /// `-d`, `--data`, `--data-ascii`, `--data-raw`, `--data-binary`: sent as written.
    Raw,
    /// `--data-urlencode`: `name=content` with the content percent-encoded by curl.
    UrlEncode,
    /// `--json`: sent as written, with JSON `Content-Type` and `Accept`.
    Json,
}

/// A parsed cURL command.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CurlRequest {
    /// The method given with `-X`/`--request`, upper-cased.
    pub method: Option<String>,
    pub url: String,
    /// Headers in order, names as written.
    pub headers: Vec<(String, String)>,
    pub data: Vec<DataArg>,
    /// `-F name=value` fields.
    pub form: Vec<(String, String)>,
    /// `-G`/`--get`: the data goes into the query string.
    pub get: bool,
    /// `-u`/`--user` (`user:password`), or user info in the URL.
    pub user: Option<String>,
    /// `--oauth2-bearer TOKEN`.
    pub oauth2_bearer: Option<String>,
    /// Options that were ignored, for the user to know.
    pub warnings: Vec<String>,
}

impl CurlRequest {
    /// The method curl would use: `-X`, else GET with `-G`, else POST when there is data.
    pub fn effective_method(&self) -> String {
        if let Some(method) = &self.method {
            return method.clone();
        }
        if !self.get && (!self.data.is_empty() || !self.form.is_empty()) {
            "POST".to_owned()
        } else {
            "GET".to_owned()
        }
    }

    /// The value of the first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why a command could not be parsed. Messages name options, never their values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CurlError {
    /// Nothing but white space.
    #[error("the cURL command is empty")]
    Empty,
    /// An unclosed quote, or a lone `\` at the end.
    #[error("the cURL command has an unclosed quote or ends with a lone `\\`")]
    UnbalancedQuotes,
    /// `$'…'` quoting.
    #[error("`$'…'` quoting is not supported; write the value in single or double quotes")]
    AnsiCQuoting,
    /// `$(…)` or backticks.
    #[error(
        "the cURL command uses `$(…)` or backticks; replace them with the values or \
         `{{{{placeholders}}}}`"
    )]
    CommandSubstitution,
    /// The first word is not `curl`.
    #[error("the command does not start with `curl`")]
    NotCurl,
    /// An option that takes a value ends the command.
    #[error("`{0}` needs a value")]
    MissingValue(String),
    /// An option curl may know but the importer does not.
    #[error("unknown or unsupported curl option `{0}`; remove it and import again")]
    UnknownOption(String),
    /// No URL.
    #[error("the cURL command has no URL")]
    NoUrl,
    /// More than one URL.
    #[error("the cURL command has more than one URL; import one request at a time")]
    SeveralUrls,
    /// An option argument that reads a file (`@file`, `<file`).
    #[error("`{0}` reads a file (`@…` or `<…`); paste the content into the command instead")]
    FileArgument(String),
    /// A method Agent Studio does not offer.
    #[error("method `{0}` is not one Agent Studio offers (GET, POST, PUT, PATCH, DELETE)")]
    UnsupportedMethod(String),
    /// A use of an option that cannot be imported; the message says which.
    #[error("{0}")]
    Unsupported(String),
}

/// Options that change nothing an Agent Studio action can express; ignored with a warning.
const IGNORED_FLAGS: &[&str] = &[
    "-L",
    "--location",
    "-s",
    "--silent",
    "-S",
    "--show-error",
    "-v",
    "--verbose",
    "--compressed",
    "-i",
    "--include",
    "-f",
    "--fail",
    "--fail-with-body",
    "-k",
    "--insecure",
    "-g",
    "--globoff",
    "--http1.1",
    "--http2",
    "-#",
    "--progress-bar",
    "-N",
    "--no-buffer",
    "--basic",
    "--location-trusted",
    "-q",
    "--disable",
];

/// Ignored options that take a value.
const IGNORED_WITH_VALUE: &[&str] = &[
    "-o",
    "--output",
    "-m",
    "--max-time",
    "--connect-timeout",
    "--retry",
    "--retry-delay",
    "--retry-max-time",
    "-w",
    "--write-out",
    "--max-redirs",
    "-c",
    "--cookie-jar",
    "--cacert",
    "--resolve",
];

/// Short options that take a value, for splitting `-XPOST` and clusters like `-sSX`.
const SHORT_WITH_VALUE: &str = "XHdFuAebomwc";

/// Parses a cURL command as a shell would split it.
pub fn parse_curl(command: &str) -> Result<CurlRequest, CurlError> {
    let words = split_words(command)?;
    let mut words = words.into_iter();
    match words.next() {
        Some(first) if first == "curl" || first.ends_with("/curl") || first == "curl.exe" => {}
        Some(_) => return Err(CurlError::NotCurl),
        None => return Err(CurlError::Empty),
    }
    let mut request = CurlRequest::default();
    let mut urls: Vec<String> = Vec::new();
    let mut rest: Vec<String> = words.collect();
    rest.reverse(); // pop() from the end reads left to right
    let mut only_urls = false;
    while let Some(word) = rest.pop() {
        if only_urls || !word.starts_with('-') || word == "-" {
            if is_shell_operator(&word) {
                request.warnings.push(format!(
                    "ignored everything from `{word}` on: only the curl command is imported"
                ));
                break;
            }
            urls.push(word);
            continue;
        }
        if word == "--" {
            only_urls = true;
            continue;
        }
        if !word.starts_with("--") && word.chars().count() > 2 {
            // Pushed back in reverse so they are read in order.
            rest.extend(expand_short(&word).into_iter().rev());
            continue;
        }
        let option = word;
        let value = |rest: &mut Vec<String>| -> Result<String, CurlError> {
            rest.pop()
                .ok_or_else(|| CurlError::MissingValue(option.clone()))
        };
        match option.as_str() {
            "-X" | "--request" => {
                let method = value(&mut rest)?.to_ascii_uppercase();
                request.method = Some(method);
            }
            "-H" | "--header" => {
                let header = value(&mut rest)?;
                if header.starts_with('@') {
                    return Err(CurlError::FileArgument(option));
                }
                push_header(&mut request, &header, &option)?;
            }
            "-d" | "--data" | "--data-ascii" | "--data-binary" | "--data-raw" | "--json"
            | "--data-urlencode" => {
                let data = value(&mut rest)?;
                let (kind, reads_file) = match option.as_str() {
                    // `--data-raw` never reads files: `@` is literal.
                    "--data-raw" => (DataKind::Raw, false),
                    "--json" => (DataKind::Json, data.starts_with('@')),
                    // `name@file` and `@file` read a file; `name=content` does not.
                    "--data-urlencode" => (
                        DataKind::UrlEncode,
                        data.find(['=', '@'])
                            .is_some_and(|at| data.as_bytes().get(at) == Some(&b'@')),
                    ),
                    _ => (DataKind::Raw, data.starts_with('@')),
                };
                if reads_file {
                    return Err(CurlError::FileArgument(option));
                }
                request.data.push(DataArg { kind, value: data });
            }
            "-F" | "--form" | "--form-string" => {
                let field = value(&mut rest)?;
                let Some((name, content)) = field.split_once('=') else {
                    return Err(CurlError::Unsupported(format!(
                        "`{option}` needs `name=value`"
                    )));
                };
                if option != "--form-string"
                    && (content.starts_with('@') || content.starts_with('<'))
                {
                    return Err(CurlError::FileArgument(option));
                }
                if option != "--form-string" && content.contains(";type=") {
                    return Err(CurlError::Unsupported(format!(
                        "`{option}` with `;type=` is a multipart part; only simple `name=value` \
                         fields can be imported"
                    )));
                }
                request.form.push((name.to_owned(), content.to_owned()));
            }
            "-G" | "--get" => request.get = true,
            "-I" | "--head" => {
                return Err(CurlError::UnsupportedMethod("HEAD".to_owned()));
            }
            "-u" | "--user" => request.user = Some(value(&mut rest)?),
            "--oauth2-bearer" => request.oauth2_bearer = Some(value(&mut rest)?),
            "--url" => urls.push(value(&mut rest)?),
            "-A" | "--user-agent" => {
                let agent = value(&mut rest)?;
                request.headers.push(("User-Agent".to_owned(), agent));
            }
            "-e" | "--referer" => {
                let referer = value(&mut rest)?;
                request.headers.push(("Referer".to_owned(), referer));
            }
            "-b" | "--cookie" => {
                let cookie = value(&mut rest)?;
                request.headers.push(("Cookie".to_owned(), cookie));
            }
            _ if IGNORED_FLAGS.contains(&option.as_str()) => {
                let note = if matches!(option.as_str(), "-k" | "--insecure") {
                    " (Agent Studio always verifies certificates)"
                } else {
                    ""
                };
                request.warnings.push(format!("ignored `{option}`{note}"));
            }
            _ if IGNORED_WITH_VALUE.contains(&option.as_str()) => {
                value(&mut rest)?;
                request
                    .warnings
                    .push(format!("ignored `{option}` and its value"));
            }
            _ => return Err(CurlError::UnknownOption(option)),
        }
    }
    let mut urls = urls.into_iter();
    let url = urls.next().ok_or(CurlError::NoUrl)?;
    if urls.next().is_some() {
        return Err(CurlError::SeveralUrls);
    }
    if let Some(method) = &request.method
        && !matches!(method.as_str(), "GET" | "POST" | "PUT" | "PATCH" | "DELETE")
    {
        return Err(CurlError::UnsupportedMethod(method.clone()));
    }
    request.url = url;
    Ok(request)
}

/// Splits the command into shell words, refusing what a shell would expand.
fn split_words(command: &str) -> Result<Vec<String>, CurlError> {
    // Windows line ends would leave a `\r` after each continuation backslash.
    let command = command.replace("\r\n", "\n");
    if command.trim().is_empty() {
        return Err(CurlError::Empty);
    }
    check_expansions(&command)?;
    let command = join_continuations(&command);
    let mut lexer = shlex::Shlex::new(&command);
    let words: Vec<String> = lexer.by_ref().collect();
    if lexer.had_error {
        return Err(CurlError::UnbalancedQuotes);
    }
    if words.is_empty() {
        return Err(CurlError::Empty);
    }
    Ok(words)
}

/// Finds `$'…'`, `$(…)` and backticks outside single quotes: shlex would keep them literally,
/// which would silently import something other than what the shell sends.
fn check_expansions(command: &str) -> Result<(), CurlError> {
    let mut in_single = false;
    let mut in_double = false;
    let mut chars = command.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if !in_single => {
                chars.next();
            }
            '\'' if !in_double => in_single = !in_single,
            '"' if !in_single => in_double = !in_double,
            '$' if !in_single => match chars.peek() {
                Some('\'') if !in_double => return Err(CurlError::AnsiCQuoting),
                Some('(') => return Err(CurlError::CommandSubstitution),
                _ => {}
            },
            '`' if !in_single => return Err(CurlError::CommandSubstitution),
            _ => {}
        }
    }
    Ok(())
}

/// Removes `\`-newline continuations outside single quotes, as the shell does. shlex would
/// turn a continuation that starts a word into an empty word.
fn join_continuations(command: &str) -> String {
    let mut out = String::with_capacity(command.len());
    let mut in_single = false;
    let mut in_double = false;
    let mut chars = command.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if !in_single => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                    continue;
                }
                out.push(c);
                if let Some(next) = chars.next() {
                    out.push(next);
                }
                continue;
            }
            '\'' if !in_double => in_single = !in_single,
            '"' if !in_single => in_double = !in_double,
            _ => {}
        }
        out.push(c);
    }
    out
}

fn is_shell_operator(word: &str) -> bool {
    matches!(word, "|" | "||" | "&&" | ";" | ">" | ">>" | "2>" | "&")
}

/// Expands `-XPOST` into `-X` `POST`, and clusters such as `-sSL` into `-s` `-S` `-L`: after
/// a value-taking letter, the rest of the word is its value.
fn expand_short(word: &str) -> Vec<String> {
    let letters: Vec<char> = word.chars().skip(1).collect();
    let mut words = Vec::new();
    for (index, letter) in letters.iter().enumerate() {
        words.push(format!("-{letter}"));
        if SHORT_WITH_VALUE.contains(*letter) {
            let value: String = letters[index + 1..].iter().collect();
            if !value.is_empty() {
                words.push(value);
            }
            break;
        }
    }
    words
}

fn push_header(request: &mut CurlRequest, header: &str, option: &str) -> Result<(), CurlError> {
    let Some((name, value)) = header.split_once(':') else {
        // `-H 'Name;'` sends an empty header, `-H 'Name'` removes one: neither is expressible.
        return Err(CurlError::Unsupported(format!(
            "`{option}` needs `Name: value`"
        )));
    };
    let name = name.trim();
    if name.is_empty() || name.contains(char::is_whitespace) {
        return Err(CurlError::Unsupported(format!(
            "`{option}` has no valid header name before `:`"
        )));
    }
    let value = value.trim();
    if value.is_empty() {
        // curl removes an internal header given as `Name:`; nothing to import.
        request
            .warnings
            .push(format!("ignored header `{name}` without a value"));
        return Ok(());
    }
    request.headers.push((name.to_owned(), value.to_owned()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(command: &str) -> CurlRequest {
        match parse_curl(command) {
            Ok(request) => request,
            Err(error) => panic!("{command}: {error}"),
        }
    }

    #[test]
    fn seed_style_continuations_and_long_options() {
        let request = ok(
            "curl --location 'https://{{INSTANCE_DOMAIN}}/oauth2/token' \\\n\
             --header 'Content-Type: application/x-www-form-urlencoded' \\\n\
             --data-urlencode 'grant_type=client_credentials' \\\n\
             --data-urlencode 'client_id={{Identifier}}'",
        );
        assert_eq!(request.url, "https://{{INSTANCE_DOMAIN}}/oauth2/token");
        assert_eq!(
            request.header("content-type"),
            Some("application/x-www-form-urlencoded")
        );
        assert_eq!(request.data.len(), 2);
        assert_eq!(request.data[0].kind, DataKind::UrlEncode);
        assert_eq!(request.data[1].value, "client_id={{Identifier}}");
        assert_eq!(request.effective_method(), "POST");
        assert_eq!(request.warnings, ["ignored `--location`"]);
    }

    #[test]
    fn windows_line_ends_and_indented_continuations() {
        let request =
            ok("    curl -X PUT \\\r\n    \"https://api.example.com/a b\" \\\r\n    -H \"X: y\"");
        assert_eq!(request.method.as_deref(), Some("PUT"));
        assert_eq!(request.url, "https://api.example.com/a b");
        assert_eq!(request.header("x"), Some("y"));
    }

    #[test]
    fn quoting_rules_are_the_shells() {
        let request = ok(r#"curl 'https://h/x' -H "A: it's \"quoted\"" -d 'a=1&b=two words'"#);
        assert_eq!(request.header("A"), Some("it's \"quoted\""));
        assert_eq!(request.data[0].value, "a=1&b=two words");
        let request = ok(r#"curl https://h/x -H 'B: '"'"'single'"'"''"#);
        assert_eq!(request.header("B"), Some("'single'"));
    }

    #[test]
    fn attached_values_and_flag_clusters() {
        let request = ok("curl -sSL -XPATCH -HAccept:application/json https://h/x");
        assert_eq!(request.method.as_deref(), Some("PATCH"));
        assert_eq!(request.header("Accept"), Some("application/json"));
        assert_eq!(request.warnings.len(), 3);
        let request = ok("curl -sX DELETE https://h/x");
        assert_eq!(request.method.as_deref(), Some("DELETE"));
    }

    #[test]
    fn every_data_option() {
        let request = ok(
            "curl https://h/x -d a=1 --data b=2 --data-raw @c --data-binary d=4 \
             --data-ascii e=5 --data-urlencode 'f=six seven' --json '{\"g\":7}'",
        );
        let kinds: Vec<DataKind> = request.data.iter().map(|d| d.kind).collect();
        assert_eq!(
            kinds,
            [
                DataKind::Raw,
                DataKind::Raw,
                DataKind::Raw,
                DataKind::Raw,
                DataKind::Raw,
                DataKind::UrlEncode,
                DataKind::Json
            ]
        );
        assert_eq!(request.data[2].value, "@c");
        assert_eq!(request.effective_method(), "POST");
    }

    #[test]
    fn get_moves_data_to_the_query_and_forms_are_fields() {
        let request = ok("curl -G https://h/x -d status=open");
        assert!(request.get);
        assert_eq!(request.effective_method(), "GET");
        let request = ok("curl https://h/x -F name=value -F 'other=two words'");
        assert_eq!(
            request.form,
            [
                ("name".to_owned(), "value".to_owned()),
                ("other".to_owned(), "two words".to_owned())
            ]
        );
        assert_eq!(request.effective_method(), "POST");
    }

    #[test]
    fn credentials_are_kept_for_the_importer() {
        let request = ok("curl -u user:pass --oauth2-bearer tok https://h/x");
        assert_eq!(request.user.as_deref(), Some("user:pass"));
        assert_eq!(request.oauth2_bearer.as_deref(), Some("tok"));
    }

    #[test]
    fn bad_input_gets_a_clear_error_without_values() {
        let cases: &[(&str, CurlError)] = &[
            ("", CurlError::Empty),
            ("   \n ", CurlError::Empty),
            ("curl 'https://h/x", CurlError::UnbalancedQuotes),
            ("curl \"https://h/x", CurlError::UnbalancedQuotes),
            ("curl https://h/x \\", CurlError::UnbalancedQuotes),
            ("curl $'https://h/x'", CurlError::AnsiCQuoting),
            ("curl https://h/$(whoami)", CurlError::CommandSubstitution),
            ("curl https://h/`id`", CurlError::CommandSubstitution),
            ("wget https://h/x", CurlError::NotCurl),
            ("curl", CurlError::NoUrl),
            ("curl -L", CurlError::NoUrl),
            ("curl https://a https://b", CurlError::SeveralUrls),
            ("curl https://h -H", CurlError::MissingValue("-H".into())),
            (
                "curl https://h --frobnicate",
                CurlError::UnknownOption("--frobnicate".into()),
            ),
            ("curl https://h -Z", CurlError::UnknownOption("-Z".into())),
            (
                "curl https://h -d @secrets.txt",
                CurlError::FileArgument("-d".into()),
            ),
            (
                "curl https://h --data-urlencode name@f",
                CurlError::FileArgument("--data-urlencode".into()),
            ),
            (
                "curl https://h -F file=@a.png",
                CurlError::FileArgument("-F".into()),
            ),
            (
                "curl -X TRACE https://h",
                CurlError::UnsupportedMethod("TRACE".into()),
            ),
            (
                "curl -I https://h",
                CurlError::UnsupportedMethod("HEAD".into()),
            ),
        ];
        for (command, expected) in cases {
            assert_eq!(parse_curl(command).as_ref(), Err(expected), "{command}");
        }
        let error = parse_curl("curl https://h -H 'Authorization Bearer sk_live_1'").unwrap_err();
        assert!(!error.to_string().contains("sk_live_1"), "{error}");
    }

    #[test]
    fn error_messages_are_stable() {
        let cases: &[(CurlError, &str)] = &[
            (
                CurlError::UnbalancedQuotes,
                "the cURL command has an unclosed quote or ends with a lone `\\`",
            ),
            (
                CurlError::CommandSubstitution,
                "the cURL command uses `$(…)` or backticks; replace them with the values or \
                 `{{placeholders}}`",
            ),
            (CurlError::MissingValue("-H".into()), "`-H` needs a value"),
            (
                CurlError::Unsupported("`-F` needs `name=value`".into()),
                "`-F` needs `name=value`",
            ),
        ];
        for (error, message) in cases {
            assert_eq!(error.to_string(), *message);
        }
    }

    #[test]
    fn single_quotes_protect_dollar_signs() {
        let request = ok("curl 'https://h/x?q=$(not)' -H 'A: $'\"'\"'x'");
        assert_eq!(request.url, "https://h/x?q=$(not)");
    }

    #[test]
    fn pipes_end_the_command() {
        let request = ok("curl -s https://h/x | jq .");
        assert_eq!(request.url, "https://h/x");
        assert!(request.warnings.iter().any(|w| w.contains("`|`")));
    }
}
