//! A cURL command line parsed into its request: method, URL, headers, data and credentials.
//!
//! Shell words come from [`crate::shell`] (bash's quoting, with positions); this module knows
//! curl's options. It is pure: no files are read (`-d @file` is refused)
//! and no value is ever echoed in an error, because values may be secrets.

use crate::shell::{self, End, Position, ShellError, Split, Word};

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
    /// Slips of a printed guide read as the guide means them, not as bash or curl would (a
    /// line without `\` before more options, an option glued to its value, …), each with where
    /// it is. A command without slips was read exactly as bash and curl read it.
    pub slips: Vec<String>,
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

/// Why a command could not be parsed. Messages name options and places, never values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CurlError {
    /// Nothing but white space and comments.
    #[error("the cURL command is empty")]
    Empty,
    /// A quote that is never closed; `at` is where it opened.
    #[error(
        "the cURL command has an unclosed {} quote: the one opened at {at} is never closed",
        if *double { "double" } else { "single" }
    )]
    UnclosedQuote { double: bool, at: Position },
    /// `$'…'` quoting.
    #[error(
        "`$'…'` quoting (at {at}) is not supported; write the value in single or double quotes"
    )]
    AnsiCQuoting { at: Position },
    /// `$(…)` or backticks.
    #[error(
        "the cURL command runs a command with `$(…)` or backticks (at {at}); replace it with \
         the value or a `{{{{placeholder}}}}`"
    )]
    CommandSubstitution { at: Position },
    /// A here-document (`<<EOF`).
    #[error(
        "the cURL command reads a here-document (`<<`, at {at}); paste the body into `-d` instead"
    )]
    HereDocument { at: Position },
    /// A `\`-newline right after a word, with no blank on either side: the shell glues the next
    /// line onto the word, which then breaks the command.
    #[error(
        "line {line} ends with `\\` right after a word, with no space before it, so the shell \
         joins line {} onto that word ({consequence}); put a space before the `\\`",
        line + 1
    )]
    JoinedLines { line: usize, consequence: String },
    /// The first word is not `curl`.
    #[error("the command does not start with `curl` (it starts with a word at {at})")]
    NotCurl { at: Position },
    /// An option that takes a value ends the command.
    #[error("`{option}` (at {at}) needs a value")]
    MissingValue { option: String, at: Position },
    /// An option curl does not know, or one the importer does not support.
    #[error("unknown or unsupported curl option `{option}` (at {at}){hint}")]
    UnknownOption {
        option: String,
        at: Position,
        /// What probably went wrong, with a leading `; `, or nothing.
        hint: String,
    },
    /// No URL.
    #[error("the cURL command has no URL{hint}")]
    NoUrl {
        /// What probably went wrong, with a leading `: `, or nothing.
        hint: String,
    },
    /// More than one URL.
    #[error(
        "the cURL command has more than one URL (the second at {at}){hint}; import one request \
         at a time"
    )]
    SeveralUrls {
        at: Position,
        /// What probably went wrong, with a leading `: `, or nothing.
        hint: String,
    },
    /// White space inside the URL, which curl refuses.
    #[error(
        "the URL's host or path holds white space at {at}, which curl refuses (\"URL using \
         bad/illegal format\"); remove it, or write a space as `%20`"
    )]
    UrlWhiteSpace { at: Position },
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

impl From<ShellError> for CurlError {
    fn from(error: ShellError) -> Self {
        match error {
            ShellError::UnclosedQuote { double, at } => Self::UnclosedQuote { double, at },
            ShellError::AnsiCQuoting { at } => Self::AnsiCQuoting { at },
            ShellError::CommandSubstitution { at } => Self::CommandSubstitution { at },
            ShellError::HereDocument { at } => Self::HereDocument { at },
        }
    }
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

/// Parses a cURL command as bash would split it.
pub fn parse_curl(command: &str) -> Result<CurlRequest, CurlError> {
    let split = shell::split(command)?;
    let mut request = CurlRequest::default();
    let words = command_words(&split, &mut request.slips, &mut request.warnings);
    for &at in &split.unquoted_placeholders {
        request.slips.push(format!(
            "the `<…>` at {} is not quoted, so the shell would read it as a redirection from a \
             file and fail; it was read as the placeholder the guide means",
            split.position(at)
        ));
    }
    let mut words = words.iter();
    // `NAME=value curl …`: assignments before the command are the shell's, not curl's.
    let first = loop {
        match words.next() {
            Some(word) if is_assignment(&word.text) => {}
            Some(word) => break word,
            None => return Err(CurlError::Empty),
        }
    };
    if !is_curl(&first.text) {
        return Err(CurlError::NotCurl {
            at: split.position(first.start),
        });
    }
    let mut urls: Vec<&Word> = Vec::new();
    let mut method_word: Option<String> = None;
    // (word, text): clusters like `-sSL` expand into several texts of one word.
    let mut rest: Vec<(&Word, String)> = words.map(|w| (w, w.text.clone())).collect();
    rest.reverse(); // pop() from the end reads left to right
    let mut only_urls = false;
    while let Some((word, text)) = rest.pop() {
        if only_urls || !text.starts_with('-') || text == "-" {
            if text == "curl" {
                // `curl --request POST \ curl --location …`: the guide repeats the command.
                request.slips.push(format!(
                    "ignored the word `curl` at {}: the command name is written twice",
                    split.position(word.start)
                ));
                continue;
            }
            urls.push(word);
            continue;
        }
        if text == "--" {
            only_urls = true;
            continue;
        }
        if !text.starts_with("--") && text.chars().count() > 2 {
            // Pushed back in reverse so they are read in order.
            rest.extend(expand_short(&text).into_iter().rev().map(|t| (word, t)));
            continue;
        }
        let option = text;
        let at = split.position(word.start);
        let value = |rest: &mut Vec<(&Word, String)>| -> Result<String, CurlError> {
            rest.pop()
                .map(|(_, text)| text)
                .ok_or_else(|| CurlError::MissingValue {
                    option: option.clone(),
                    at,
                })
        };
        match option.as_str() {
            "-X" | "--request" => {
                let method = value(&mut rest)?;
                method_word = Some(method.clone());
                request.method = Some(method.to_ascii_uppercase());
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
            "--url" => {
                let url = rest.pop().ok_or_else(|| CurlError::MissingValue {
                    option: option.clone(),
                    at,
                })?;
                urls.push(url.0);
            }
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
            _ if glued_value(&option).is_some() => {
                // `--header'Authorization: …'`: the shell glued the value to the option, which
                // curl refuses; the guide means the option and its value.
                let (known, glued) = glued_value(&option).unwrap_or_default();
                request.slips.push(format!(
                    "`{known}` at {at} has its value glued to it (a space is missing), which \
                     curl refuses; it was read as `{known}` and its value"
                ));
                rest.push((word, glued.to_owned()));
                rest.push((word, known.to_owned()));
            }
            _ => {
                let name = option_name(&option);
                if let Some(error) = joined_error(&split, word, "an option curl does not know") {
                    return Err(error);
                }
                return Err(CurlError::UnknownOption {
                    hint: unknown_option_hint(&option, &name),
                    option: name,
                    at,
                });
            }
        }
    }
    for redirection in &split.redirections {
        request.warnings.push(format!(
            "ignored the redirection `{redirection}` and its target"
        ));
    }
    let mut urls = urls.into_iter();
    let Some(url) = urls.next() else {
        let hint = match method_word {
            Some(method) if method.contains("://") => {
                ": the value of `-X` holds `://`, so a space is missing between the method and \
                 the URL"
                    .to_owned()
            }
            _ => String::new(),
        };
        return Err(CurlError::NoUrl { hint });
    };
    if let Some(second) = urls.next() {
        let glued = [url, second]
            .into_iter()
            .find_map(|w| joined_error(&split, w, "the next word becomes a second URL"));
        let hint = if second.text.trim().is_empty() {
            ": it is an escaped blank, as a `\\` followed by spaces escapes a space instead of \
             continuing the line"
                .to_owned()
        } else {
            String::new()
        };
        return Err(glued.unwrap_or(CurlError::SeveralUrls {
            at: split.position(second.start),
            hint,
        }));
    }
    // White space in the host or path makes a URL curl refuses and no spec can mean; in the
    // query string it is a value the guide did not encode, which the spec's `query` encodes.
    // Placeholders (`<DOMAIN NAME (like x.com)>`) may hold spaces: they are replaced anyway.
    let query_start = url.text.find(['?', '#']).unwrap_or(url.text.len());
    let placeholders = connspec_lint::placeholder::find(&url.text);
    let in_placeholder = |byte: usize| {
        placeholders
            .iter()
            .any(|p| (p.start..p.end).contains(&byte))
    };
    if let Some(index) = url.text[..query_start]
        .char_indices()
        .position(|(byte, c)| c.is_whitespace() && !in_placeholder(byte))
    {
        return Err(CurlError::UrlWhiteSpace {
            at: split.position(url.offsets[index]),
        });
    }
    if let Some(method) = &request.method
        && !matches!(method.as_str(), "GET" | "POST" | "PUT" | "PATCH" | "DELETE")
    {
        return Err(CurlError::UnsupportedMethod(method.clone()));
    }
    request.url.clone_from(&url.text);
    if let Some(inner) = url.text.strip_prefix('<').and_then(|u| u.strip_suffix('>'))
        && inner.contains("://")
    {
        // Markdown's autolink `<https://…>` copied with the URL.
        request.slips.push(format!(
            "the URL at {} is wrapped in `<…>`, which curl refuses; it was read without them",
            split.position(url.start)
        ));
        inner.clone_into(&mut request.url);
    }
    Ok(request)
}

fn is_curl(word: &str) -> bool {
    word == "curl" || word.ends_with("/curl") || word == "curl.exe"
}

/// `NAME=value`, as the shell reads it before a command.
fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// The words of the curl command, with two slips of printed guides forgiven (each with a
/// warning), because what the guide means is plain and the shell's reading never works:
/// - a line that does not end with `\` (or ends with Markdown's `\\`) followed by lines of
///   curl options: the shell would run those lines as commands of their own, which fail; they
///   are read as part of the command;
/// - `\` right after a word, with the next line starting with a long option (`'…'\` then
///   `--header …`): the shell would glue the option onto the word; it is read as a word of its
///   own.
///
/// Anything after the command (a pipe, `;`, other lines) is ignored with a warning.
fn command_words(split: &Split, slips: &mut Vec<String>, warnings: &mut Vec<String>) -> Vec<Word> {
    let Some(first) = split.commands.first() else {
        return Vec::new();
    };
    let mut words = unglue(&first.words, split, slips);
    let mut end = &first.end;
    let mut next = 1;
    while let End::Newline {
        at,
        escaped_backslash,
    } = end
    {
        let Some(command) = split.commands.get(next) else {
            break;
        };
        let starts_with_option = command.words.first().is_some_and(|w| is_option(&w.text));
        if !starts_with_option && !escaped_backslash {
            break;
        }
        let line = split.position(*at).line;
        if *escaped_backslash && words.last().is_some_and(|w| w.text == "\\") {
            words.pop();
            slips.push(format!(
                "line {line} ends with `\\\\`, which the shell reads as an escaped backslash that \
                 ends the command; it was read as a line continuation (`\\`), as the guide means"
            ));
        } else {
            slips.push(format!(
                "line {line} does not end with `\\`, so the shell would end the command there \
                 and run line {} on its own; its curl options were read as part of the command",
                line + 1
            ));
        }
        words.extend(unglue(&command.words, split, slips));
        end = &command.end;
        next += 1;
    }
    match end {
        End::Input => {}
        End::Newline { .. } => {
            if let Some(command) = split.commands.get(next) {
                let line = command
                    .words
                    .first()
                    .map_or(0, |w| split.position(w.start).line);
                warnings.push(format!(
                    "ignored everything from line {line} on: the command ends on the line before \
                     (no `\\` at its end)"
                ));
            }
        }
        End::Operator { text, at } => warnings.push(format!(
            "ignored everything from `{text}` at {} on: only the curl command is imported",
            split.position(*at)
        )),
    }
    words
}

/// A word that looks like a curl option: `-X`, `--header`.
fn is_option(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next() == Some('-')
        && match chars.next() {
            Some('-') => chars.next().is_some_and(|c| c.is_ascii_lowercase()),
            Some(c) => c.is_ascii_alphabetic(),
            None => false,
        }
}

/// `words` with every word cut where a `\`-newline glued a long option onto it.
fn unglue(words: &[Word], split: &Split, slips: &mut Vec<String>) -> Vec<Word> {
    let mut out = Vec::with_capacity(words.len());
    for word in words {
        let mut word = word.clone();
        // Cut from the last join back, so earlier char indices stay valid.
        let joins = std::mem::take(&mut word.joins);
        let mut tails = Vec::new();
        for &(at, index) in joins.iter().rev() {
            let rest: String = word.text.chars().skip(index).collect();
            let glued_option = rest.starts_with("--")
                && rest[2..].starts_with(|c: char| c.is_ascii_lowercase())
                && index > 0;
            if !glued_option {
                word.joins.insert(0, (at, index));
                continue;
            }
            let byte = word
                .text
                .char_indices()
                .nth(index)
                .map_or(word.text.len(), |(b, _)| b);
            let tail_offsets = word.offsets.split_off(index);
            let (tail_joins, head_joins) = word.joins.iter().partition(|(_, i)| *i >= index);
            word.joins = head_joins;
            let tail = Word {
                start: tail_offsets.first().copied().unwrap_or(at),
                text: word.text.split_off(byte),
                offsets: tail_offsets,
                joins: tail_joins
                    .into_iter()
                    .map(|(offset, i)| (offset, i - index))
                    .collect(),
            };
            let line = split.position(at).line;
            slips.push(format!(
                "line {line} ends with `\\` right after a word, with no space before it, so the \
                 shell would glue line {} (`{}`) onto that word; it was read as a word of its own",
                line + 1,
                option_name(&tail.text)
            ));
            tails.push(tail);
        }
        out.push(word);
        out.extend(tails.into_iter().rev());
    }
    out
}

/// The refusal to give when `word` holds a `\`-newline that glued two lines together.
fn joined_error(split: &Split, word: &Word, consequence: &str) -> Option<CurlError> {
    let join = word.joins.first()?;
    Some(CurlError::JoinedLines {
        line: split.position(join.0).line,
        consequence: consequence.to_owned(),
    })
}

/// The option part of a word: `--headerAuthorization: x` is `--headerAuthorization`, so a
/// value glued to an option is never echoed.
fn option_name(word: &str) -> String {
    let name: String = word
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
        .take(40)
        .collect();
    if name.is_empty() {
        "-".to_owned()
    } else {
        name
    }
}

/// A hint when an unknown option starts with a known one: `--header'X: y'` lacks a space.
fn unknown_option_hint(word: &str, name: &str) -> String {
    let known = KNOWN_LONG_WITH_VALUE
        .iter()
        .filter(|known| word.starts_with(**known) && word.len() > known.len())
        .max_by_key(|known| known.len());
    match known {
        Some(known) => {
            format!("; a space is missing after `{known}`, which the shell glued to its value")
        }
        None if name.len() < word.len() => "; is a space missing inside it?".to_owned(),
        None => "; remove it and import again".to_owned(),
    }
}

/// A known long option with its value glued on (`--headerAuthorization: x`): the option and
/// the value, when what follows the option cannot continue an option's name.
fn glued_value(word: &str) -> Option<(&'static str, &str)> {
    let known = KNOWN_LONG_WITH_VALUE
        .iter()
        .filter(|known| word.starts_with(**known))
        .max_by_key(|known| known.len())?;
    let value = &word[known.len()..];
    let continues_a_name = value.starts_with(|c: char| c.is_ascii_lowercase() || c == '-');
    (!value.is_empty() && !continues_a_name).then_some((*known, value))
}

/// Long options that take a value, for [`unknown_option_hint`] and [`glued_value`].
const KNOWN_LONG_WITH_VALUE: &[&str] = &[
    "--header",
    "--request",
    "--data",
    "--data-raw",
    "--data-binary",
    "--data-urlencode",
    "--json",
    "--url",
    "--user",
    "--form",
];

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
            ok("    curl -X PUT \\\r\n    \"https://api.example.com/a\" \\\r\n    -H \"X: y\"");
        assert_eq!(request.method.as_deref(), Some("PUT"));
        assert_eq!(request.url, "https://api.example.com/a");
        assert_eq!(request.header("x"), Some("y"));
    }

    /// `connspec import curl "$(cat request.sh)"`: command substitution strips the file's last
    /// newline, leaving the final continuation `\` alone at the end.
    #[test]
    fn a_final_continuation_is_accepted() {
        let request = ok("curl https://h/x \\\n  -H 'Accept: application/json' \\");
        assert_eq!(request.header("accept"), Some("application/json"));
        let request = ok("curl https://h/x \\\r\n  -H 'A: b' \\\r\n");
        assert_eq!(request.header("a"), Some("b"));
    }

    #[test]
    fn the_shells_command_ends_where_bash_ends_it() {
        let request = ok("curl https://h/x -H 'A: b'\nCopy");
        assert_eq!(request.header("a"), Some("b"));
        assert!(
            request.warnings.iter().any(|w| w.contains("from line 2")),
            "{:?}",
            request.warnings
        );
        // Lines of options after a line without `\`, and after Markdown's `\\`, are what
        // the guide means, with a warning.
        let request = ok("curl https://h/x\n-H 'A: b'\n  --header 'C: d'\nCopy");
        assert_eq!(request.header("c"), Some("d"));
        assert_eq!(request.slips.len(), 2, "{:?}", request.slips);
        assert_eq!(request.warnings.len(), 1, "{:?}", request.warnings);
        let request = ok("curl --request GET \\\\\n  --url 'https://h/x' \\\\\n  -H 'A: b'");
        assert_eq!(request.url, "https://h/x");
        assert_eq!(request.header("a"), Some("b"));
        assert!(
            request.slips[0].contains("escaped backslash"),
            "{:?}",
            request.slips
        );
        // The guide repeats `curl` on the second line.
        let request = ok("curl --request POST \\\ncurl --location 'https://h/x'");
        assert_eq!(request.url, "https://h/x");
        assert_eq!(request.method.as_deref(), Some("POST"));
    }

    #[test]
    fn glued_lines_and_glued_options_are_named() {
        // A long option glued onto the word before is read as a word of its own.
        let request = ok("curl --request POST\\\n--location 'https://h/x'\\\n--header 'A: b'");
        assert_eq!(request.method.as_deref(), Some("POST"));
        assert_eq!(request.url, "https://h/x");
        assert_eq!(request.header("a"), Some("b"));
        assert_eq!(request.slips.len(), 2, "{:?}", request.slips);
        // Anything else glued on is refused, naming the line.
        let error = parse_curl("curl 'https://h/x'\\\n-d a=1").unwrap_err();
        assert!(
            matches!(error, CurlError::JoinedLines { line: 1, .. }),
            "{error}"
        );
        // An option glued to its value is read as the guide means it.
        let request = ok("curl https://h/x \\\n--header'Authorization: Bearer sk_live_9'");
        assert!(request.header("authorization").is_some());
        assert_eq!(request.slips.len(), 1, "{:?}", request.slips);
        assert!(!request.slips[0].contains("sk_live_9"));
        let error = parse_curl("curl https://h/x --headersfoo").unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown or unsupported curl option `--headersfoo` (at line 1, column 18); a space \
             is missing after `--header`, which the shell glued to its value"
        );
        let error = parse_curl("curl -X GET\"https://h/x\"").unwrap_err();
        assert!(error.to_string().contains("a space is missing"), "{error}");
    }

    #[test]
    fn white_space_in_the_url_is_refused_where_it_is() {
        let error = parse_curl("curl -X GET \"https://h/x\"\\  -H 'A: b'").unwrap_err();
        assert_eq!(
            error,
            CurlError::UrlWhiteSpace {
                at: Position {
                    line: 1,
                    column: 27
                }
            }
        );
        let error = parse_curl("curl \"https://h/x\n  ?q=1\"").unwrap_err();
        assert!(
            matches!(error, CurlError::UrlWhiteSpace { at } if at.line == 1 && at.column == 18),
            "{error:?}"
        );
        // In the query string it is a value to encode (the conversion notes it).
        let request = ok("curl 'https://h/x?q=SELECT Id FROM User'");
        assert_eq!(request.url, "https://h/x?q=SELECT Id FROM User");
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
        let at = |line, column| Position { line, column };
        let cases: &[(&str, CurlError)] = &[
            ("", CurlError::Empty),
            ("   \n ", CurlError::Empty),
            ("# only a comment", CurlError::Empty),
            (
                "curl 'https://h/x",
                CurlError::UnclosedQuote {
                    double: false,
                    at: at(1, 6),
                },
            ),
            (
                "curl \\\n  -H \"A: b",
                CurlError::UnclosedQuote {
                    double: true,
                    at: at(2, 6),
                },
            ),
            (
                "curl $'https://h/x'",
                CurlError::AnsiCQuoting { at: at(1, 6) },
            ),
            (
                "curl https://h/$(whoami)",
                CurlError::CommandSubstitution { at: at(1, 16) },
            ),
            (
                "curl https://h/`id`",
                CurlError::CommandSubstitution { at: at(1, 16) },
            ),
            ("wget https://h/x", CurlError::NotCurl { at: at(1, 1) }),
            (
                "curl",
                CurlError::NoUrl {
                    hint: String::new(),
                },
            ),
            (
                "curl -L",
                CurlError::NoUrl {
                    hint: String::new(),
                },
            ),
            (
                "curl https://a https://b",
                CurlError::SeveralUrls {
                    at: at(1, 16),
                    hint: String::new(),
                },
            ),
            (
                "curl https://a \\  \n  -H 'A: b'",
                CurlError::SeveralUrls {
                    at: at(1, 16),
                    hint: ": it is an escaped blank, as a `\\` followed by spaces escapes a space \
                           instead of continuing the line"
                        .into(),
                },
            ),
            (
                "curl https://h -H",
                CurlError::MissingValue {
                    option: "-H".into(),
                    at: at(1, 16),
                },
            ),
            (
                "curl https://h --frobnicate",
                CurlError::UnknownOption {
                    option: "--frobnicate".into(),
                    at: at(1, 16),
                    hint: "; remove it and import again".into(),
                },
            ),
            (
                "curl https://h -Z",
                CurlError::UnknownOption {
                    option: "-Z".into(),
                    at: at(1, 16),
                    hint: "; remove it and import again".into(),
                },
            ),
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
        for command in [
            "curl https://h -H 'Authorization Bearer sk_live_1'",
            "curl https://h --headerssk_live_1",
            "curl https://h -Hsk_live_1",
            "curl https://h '--x=sk_live_1'",
        ] {
            let error = parse_curl(command).unwrap_err();
            assert!(!error.to_string().contains("sk_live_1"), "{error}");
        }
    }

    #[test]
    fn error_messages_are_stable() {
        let at = Position { line: 3, column: 7 };
        let cases: &[(CurlError, &str)] = &[
            (
                CurlError::UnclosedQuote { double: false, at },
                "the cURL command has an unclosed single quote: the one opened at line 3, \
                 column 7 is never closed",
            ),
            (
                CurlError::CommandSubstitution { at },
                "the cURL command runs a command with `$(…)` or backticks (at line 3, column 7); \
                 replace it with the value or a `{{placeholder}}`",
            ),
            (
                CurlError::MissingValue {
                    option: "-H".into(),
                    at,
                },
                "`-H` (at line 3, column 7) needs a value",
            ),
            (
                CurlError::JoinedLines {
                    line: 2,
                    consequence: "the next word becomes a second URL".into(),
                },
                "line 2 ends with `\\` right after a word, with no space before it, so the shell \
                 joins line 3 onto that word (the next word becomes a second URL); put a space \
                 before the `\\`",
            ),
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
    fn pipes_and_redirections_end_or_leave_the_command() {
        let request = ok("curl -s https://h/x | jq .");
        assert_eq!(request.url, "https://h/x");
        assert!(request.warnings.iter().any(|w| w.contains("`|`")));
        let request = ok("curl -s https://h/x > out.json -H 'A: b'");
        assert_eq!(request.header("a"), Some("b"));
        assert!(request.warnings.iter().any(|w| w.contains("`>`")));
        let request = ok("TOKEN=x curl https://h/x");
        assert_eq!(request.url, "https://h/x");
    }
}
