//! A command line split into words as bash splits it, each character with its place in the
//! text, so a refusal can say where (an unclosed quote names the line and column it opened at).
//!
//! It follows bash's quoting: single quotes keep everything; double quotes keep everything but
//! `\` before `$`, `` ` ``, `"`, `\` and a newline; an unquoted `\` keeps the next character
//! and `\`-newline joins lines. An unquoted newline, `;`, `|`, `&&`, `||` or `&` ends the
//! command; redirections are dropped with their target; `#` starts a comment. Two departures,
//! both for text pasted from guides: `\r\n` reads as `\n` (a `\` before a Windows line end still
//! continues the line), and a `\` at the very end continues into nothing (`"$(cat file)"`
//! strips the file's last newline, which the `\` was escaping). `$NAME` and `${NAME}` stay as
//! written: a guide's placeholders, not the importing shell's variables. What bash would
//! expand by running something (`$(…)`, backticks) and `$'…'` are refused.

use std::fmt;

/// A place in the command: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// One shell word: its text and, per character, the byte offset it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub(crate) text: String,
    /// The byte offset in the (normalised) command of each character of `text`.
    pub(crate) offsets: Vec<usize>,
    /// Where the word starts (its first character, quote included).
    pub(crate) start: usize,
    /// Where a `\`-newline joined two lines inside this word: the offset of the `\` and the
    /// number of characters of `text` before it.
    pub(crate) joins: Vec<(usize, usize)>,
}

/// Why the command cannot be split as bash would.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ShellError {
    UnclosedQuote { double: bool, at: Position },
    AnsiCQuoting { at: Position },
    CommandSubstitution { at: Position },
    HereDocument { at: Position },
}

/// What ended the first command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum End {
    /// The end of the text.
    Input,
    /// An unquoted newline at this offset; `escaped_backslash` when the line ended in `\\`,
    /// which is an escaped backslash, not a continuation.
    Newline { at: usize, escaped_backslash: bool },
    /// A control operator (`|`, `;`, `&&`, …) at this offset.
    Operator { text: String, at: usize },
}

/// One command: its words and what ended it.
#[derive(Debug, Clone)]
pub(crate) struct Command {
    pub(crate) words: Vec<Word>,
    pub(crate) end: End,
}

/// The commands of a text, in order; commands without words (blank lines, comments) are left
/// out.
#[derive(Debug, Clone)]
pub(crate) struct Split {
    /// The command text with `\r\n` read as `\n`; every offset points into it.
    pub(crate) text: String,
    pub(crate) commands: Vec<Command>,
    /// Redirections that were dropped (`> out.json`), by operator.
    pub(crate) redirections: Vec<String>,
    /// Where an unquoted `<NAME>` was read as placeholder text, not as redirections.
    pub(crate) unquoted_placeholders: Vec<usize>,
}

impl Split {
    /// The line and column of a byte offset.
    pub(crate) fn position(&self, offset: usize) -> Position {
        position_in(&self.text, offset)
    }
}

pub(crate) fn position_in(text: &str, offset: usize) -> Position {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    Position {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// Splits `command` into its commands' words.
pub(crate) fn split(command: &str) -> Result<Split, ShellError> {
    let text = command.replace("\r\n", "\n");
    let mut lexer = Lexer {
        text: &text,
        chars: text.char_indices().collect(),
        index: 0,
        redirections: Vec::new(),
        unquoted_placeholders: Vec::new(),
    };
    let mut commands = Vec::new();
    loop {
        let (words, end) = lexer.command()?;
        let done = end == End::Input;
        if !words.is_empty() {
            commands.push(Command { words, end });
        }
        if done {
            break;
        }
    }
    Ok(Split {
        commands,
        redirections: lexer.redirections,
        unquoted_placeholders: lexer.unquoted_placeholders,
        text,
    })
}

struct Lexer<'a> {
    text: &'a str,
    chars: Vec<(usize, char)>,
    index: usize,
    redirections: Vec<String>,
    unquoted_placeholders: Vec<usize>,
}

/// A word being built.
#[derive(Default)]
struct Building {
    text: String,
    offsets: Vec<usize>,
    start: Option<usize>,
    joins: Vec<(usize, usize)>,
}

impl Building {
    fn push(&mut self, c: char, at: usize) {
        self.text.push(c);
        self.offsets.push(at);
    }

    fn begin(&mut self, at: usize) {
        self.start.get_or_insert(at);
    }

    fn take(&mut self) -> Option<Word> {
        let start = self.start.take()?;
        Some(Word {
            text: std::mem::take(&mut self.text),
            offsets: std::mem::take(&mut self.offsets),
            start,
            joins: std::mem::take(&mut self.joins),
        })
    }
}

impl Lexer<'_> {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.index + ahead).map(|&(_, c)| c)
    }

    fn offset(&self) -> usize {
        self.chars
            .get(self.index)
            .map_or(self.text.len(), |&(at, _)| at)
    }

    fn position(&self, offset: usize) -> Position {
        position_in(self.text, offset)
    }

    /// One command: words up to a newline, a control operator or the end.
    fn command(&mut self) -> Result<(Vec<Word>, End), ShellError> {
        let mut words: Vec<Word> = Vec::new();
        let mut word = Building::default();
        // The target of a redirection is read as a word and dropped.
        let mut drop_next = false;
        let finish = |word: &mut Building, words: &mut Vec<Word>, drop_next: &mut bool| {
            if let Some(done) = word.take() {
                if *drop_next {
                    *drop_next = false;
                } else {
                    words.push(done);
                }
            }
        };
        while let Some(c) = self.peek(0) {
            let at = self.offset();
            match c {
                ' ' | '\t' => {
                    finish(&mut word, &mut words, &mut drop_next);
                    self.index += 1;
                }
                '\n' => {
                    finish(&mut word, &mut words, &mut drop_next);
                    self.index += 1;
                    if words.is_empty() {
                        continue; // blank lines before the command
                    }
                    let escaped_backslash =
                        self.text[..at].ends_with("\\\\") && !self.text[..at].ends_with("\\\\\\");
                    return Ok((
                        words,
                        End::Newline {
                            at,
                            escaped_backslash,
                        },
                    ));
                }
                '#' if word.start.is_none() => {
                    while self.peek(0).is_some_and(|c| c != '\n') {
                        self.index += 1;
                    }
                }
                '\\' => {
                    match self.peek(1) {
                        Some('\n') => {
                            // A continuation joins two words only if neither side is blank.
                            let next_blank = self.peek(2).is_none_or(|c| c == ' ' || c == '\t');
                            if word.start.is_some() && !next_blank {
                                word.joins.push((at, word.text.chars().count()));
                            }
                            self.index += 2;
                        }
                        // At the very end: the newline `$(cat …)` stripped.
                        None => self.index += 1,
                        Some(next) => {
                            word.begin(at);
                            let next_at = self.chars[self.index + 1].0;
                            word.push(next, next_at);
                            self.index += 2;
                        }
                    }
                }
                '\'' => {
                    word.begin(at);
                    self.index += 1;
                    loop {
                        match self.peek(0) {
                            None => {
                                return Err(ShellError::UnclosedQuote {
                                    double: false,
                                    at: self.position(at),
                                });
                            }
                            Some('\'') => {
                                self.index += 1;
                                break;
                            }
                            Some(inner) => {
                                word.push(inner, self.offset());
                                self.index += 1;
                            }
                        }
                    }
                }
                '"' => {
                    word.begin(at);
                    self.index += 1;
                    self.double_quoted(&mut word, at)?;
                }
                '$' => {
                    match self.peek(1) {
                        Some('\'') => {
                            return Err(ShellError::AnsiCQuoting {
                                at: self.position(at),
                            });
                        }
                        Some('(') => {
                            return Err(ShellError::CommandSubstitution {
                                at: self.position(at),
                            });
                        }
                        Some('"') => {
                            // `$"…"` is a translatable string: a double-quoted one.
                            word.begin(at);
                            self.index += 2;
                            self.double_quoted(&mut word, at + 1)?;
                        }
                        _ => {
                            word.begin(at);
                            word.push('$', at);
                            self.index += 1;
                        }
                    }
                }
                '`' => {
                    return Err(ShellError::CommandSubstitution {
                        at: self.position(at),
                    });
                }
                '<' if self.angle_placeholder_length(at).is_some() => {
                    // `https://<YOUR_HOST>/x` unquoted: to bash, a redirection from the file
                    // `YOUR_HOST`, which fails; the guide means placeholder text.
                    let length = self.angle_placeholder_length(at).unwrap_or(1);
                    word.begin(at);
                    for _ in 0..length {
                        if let Some((offset, placeholder_char)) = self.chars.get(self.index) {
                            word.push(*placeholder_char, *offset);
                        }
                        self.index += 1;
                    }
                    self.unquoted_placeholders.push(at);
                }
                '|' | '&' | ';' | '<' | '>' | '(' | ')' => {
                    // `2>` and `2>>`: a number right before a redirection is its descriptor.
                    if matches!(c, '<' | '>')
                        && word.start.is_some()
                        && !word.text.is_empty()
                        && word.text.bytes().all(|b| b.is_ascii_digit())
                        && word.offsets.len() == word.text.len()
                    {
                        word = Building::default();
                    }
                    finish(&mut word, &mut words, &mut drop_next);
                    let operator = self.operator();
                    if operator == "<<" || operator == "<<-" {
                        return Err(ShellError::HereDocument {
                            at: self.position(at),
                        });
                    }
                    if is_redirection(&operator) {
                        self.redirections.push(operator);
                        drop_next = true;
                        continue;
                    }
                    return Ok((words, End::Operator { text: operator, at }));
                }
                other => {
                    word.begin(at);
                    word.push(other, at);
                    self.index += 1;
                }
            }
        }
        finish(&mut word, &mut words, &mut drop_next);
        Ok((words, End::Input))
    }

    /// The length in characters of a `<NAME>` placeholder at byte `at`, up to the next blank.
    fn angle_placeholder_length(&self, at: usize) -> Option<usize> {
        let rest = &self.text[at..];
        let word = &rest[..rest.find([' ', '\t', '\n']).unwrap_or(rest.len())];
        let first = connspec_lint::placeholder::find(word).into_iter().next()?;
        (first.start == 0 && first.kind == connspec_lint::placeholder::PlaceholderKind::Angle)
            .then(|| word[..first.end].chars().count())
    }

    /// The rest of a double-quoted string, after its opening quote (at `open`).
    fn double_quoted(&mut self, word: &mut Building, open: usize) -> Result<(), ShellError> {
        loop {
            let at = self.offset();
            match self.peek(0) {
                None => {
                    return Err(ShellError::UnclosedQuote {
                        double: true,
                        at: self.position(open),
                    });
                }
                Some('"') => {
                    self.index += 1;
                    return Ok(());
                }
                Some('\\') => match self.peek(1) {
                    Some('\n') => self.index += 2,
                    Some(next @ ('$' | '`' | '"' | '\\')) => {
                        let next_at = self.chars[self.index + 1].0;
                        word.push(next, next_at);
                        self.index += 2;
                    }
                    _ => {
                        word.push('\\', at);
                        self.index += 1;
                    }
                },
                Some('$') if self.peek(1) == Some('(') => {
                    return Err(ShellError::CommandSubstitution {
                        at: self.position(at),
                    });
                }
                Some('`') => {
                    return Err(ShellError::CommandSubstitution {
                        at: self.position(at),
                    });
                }
                Some(inner) => {
                    word.push(inner, at);
                    self.index += 1;
                }
            }
        }
    }

    /// The longest operator at the cursor, consumed.
    fn operator(&mut self) -> String {
        const OPERATORS: &[&str] = &[
            "&>>", "<<<", "<<-", "||", "|&", "&&", "&>", ";;", ">>", ">&", ">|", "<<", "<&", "<>",
            "|", "&", ";", ">", "<", "(", ")",
        ];
        let rest = &self.text[self.offset()..];
        let operator = OPERATORS
            .iter()
            .find(|op| rest.starts_with(**op))
            .copied()
            .unwrap_or_default();
        self.index += operator.chars().count().max(1);
        operator.to_owned()
    }
}

fn is_redirection(operator: &str) -> bool {
    matches!(
        operator,
        ">" | ">>" | ">|" | ">&" | "&>" | "&>>" | "<" | "<&" | "<>" | "<<<"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(command: &str) -> Vec<String> {
        split(command).expect(command).commands[0]
            .words
            .iter()
            .map(|w| w.text.clone())
            .collect()
    }

    #[test]
    fn quoting_is_bashs() {
        assert_eq!(
            words(r#"curl 'a b' "c \"d\" \x $E" f\ g 'h'"'"'i'"#),
            ["curl", "a b", "c \"d\" \\x $E", "f g", "h'i"]
        );
        assert_eq!(words("curl \"a\\\nb\""), ["curl", "ab"]);
        assert_eq!(words("curl '' \"\""), ["curl", "", ""]);
    }

    #[test]
    fn continuations_and_the_stripped_last_newline() {
        assert_eq!(words("curl a \\\n  -H x \\"), ["curl", "a", "-H", "x"]);
        assert_eq!(words("curl a \\\r\n  b"), ["curl", "a", "b"]);
        let split = split("curl 'a'\\\n--b c").expect("splits");
        let word = &split.commands[0].words[1];
        assert_eq!(word.text, "a--b");
        assert_eq!(word.joins, [(8, 1)]);
    }

    #[test]
    fn newlines_and_operators_end_the_command() {
        let split = split("# comment\n\ncurl a \\\\\n  --url b\nCopy").expect("splits");
        let first = &split.commands[0];
        assert_eq!(first.words.len(), 3);
        assert_eq!(first.words[2].text, "\\");
        assert!(matches!(
            first.end,
            End::Newline {
                escaped_backslash: true,
                ..
            }
        ));
        let later: Vec<&str> = split.commands[1..]
            .iter()
            .map(|c| c.words[0].text.as_str())
            .collect();
        assert_eq!(later, ["--url", "Copy"]);
        let split = super::split("curl a | jq . ; echo done").expect("splits");
        assert!(matches!(split.commands[0].end, End::Operator { ref text, .. } if text == "|"));
        assert_eq!(words("curl a > out.json 2>&1 -s"), ["curl", "a", "-s"]);
        // An unquoted `<NAME>` is the guide's placeholder, not two redirections.
        let split = super::split("curl --url https://<YOUR_HOST>/x > out").expect("splits");
        assert_eq!(split.commands[0].words[2].text, "https://<YOUR_HOST>/x");
        assert_eq!(split.unquoted_placeholders, [19]);
        assert_eq!(split.redirections, [">"]);
    }

    #[test]
    fn refusals_say_where() {
        let error = split("curl -H 'a\n  -d \"b").unwrap_err();
        assert_eq!(
            error,
            ShellError::UnclosedQuote {
                double: false,
                at: Position { line: 1, column: 9 }
            }
        );
        let error = split("curl -H 'a' \\\n  -d \"b").unwrap_err();
        assert_eq!(
            error,
            ShellError::UnclosedQuote {
                double: true,
                at: Position { line: 2, column: 6 }
            }
        );
        let error = split("curl 'a' \\\n  'b").unwrap_err();
        assert_eq!(
            error,
            ShellError::UnclosedQuote {
                double: false,
                at: Position { line: 2, column: 3 }
            }
        );
        assert!(matches!(
            split("curl \"x$(id)\""),
            Err(ShellError::CommandSubstitution { .. })
        ));
        assert!(matches!(
            split("curl $'x'"),
            Err(ShellError::AnsiCQuoting { .. })
        ));
        assert!(matches!(
            split("curl x <<EOF"),
            Err(ShellError::HereDocument { .. })
        ));
        // Inside single quotes nothing is special.
        assert_eq!(
            words("curl '$(id) `x` $'\"'\"'y'"),
            ["curl", "$(id) `x` $'y"]
        );
    }

    #[test]
    fn offsets_point_at_each_character() {
        let split = split("curl \\\n 'ab' c\\d").expect("splits");
        let words = &split.commands[0].words;
        assert_eq!(words[1].offsets, [9, 10]);
        assert_eq!(
            split.position(words[1].start),
            Position { line: 2, column: 2 }
        );
        assert_eq!(words[2].text, "cd");
        assert_eq!(words[2].offsets, [13, 15]);
    }
}
