//! The one registry type for every resource limit connspec enforces, and the wording messages
//! use when a limit is hit.
//!
//! Each crate that owns limits declares them as `static`s built from the same constants its
//! code uses and collects them in a `LIMITS` slice (like its codes); the CLI gathers them and
//! `cargo xtask codegen` writes `docs/limits.md` from them. A message that reports a hit limit
//! names it with [`Limit::describe`] and says how to raise it with [`Limit::how_to_raise`], so
//! what the documentation says and what a user reads cannot drift apart.

use std::fmt;
use std::time::Duration;

use crate::Code;

/// A limit's size, in its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    /// Bytes, shown in binary units when exact (`8 MiB`, `200 KiB`).
    Bytes(u64),
    /// A count of something, with its plural noun (`64 levels`, `50,000 values`).
    Count(u64, &'static str),
    /// A length of time, shown in seconds or milliseconds.
    Time(Duration),
}

impl Amount {
    /// The number as a flag takes it: bytes, the count, or whole seconds.
    pub fn number(&self) -> u64 {
        match *self {
            Amount::Bytes(n) | Amount::Count(n, _) => n,
            Amount::Time(duration) => duration.as_secs(),
        }
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Amount::Bytes(bytes) => f.write_str(&bytes_text(bytes)),
            Amount::Count(n, noun) => write!(f, "{} {noun}", grouped(n)),
            Amount::Time(duration) if duration.subsec_millis() == 0 => {
                write!(f, "{} s", duration.as_secs())
            }
            Amount::Time(duration) => write!(f, "{} ms", duration.as_millis()),
        }
    }
}

/// `bytes` in the largest binary unit that divides it exactly (`8 MiB`, `200 KiB`,
/// `1,000 bytes`).
pub fn bytes_text(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", grouped(bytes / MIB))
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", grouped(bytes / 1024))
    } else if bytes == 1 {
        "1 byte".to_owned()
    } else {
        format!("{} bytes", grouped(bytes))
    }
}

/// `50000` as `50,000`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// How a user raises a limit, or why they cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Raise {
    /// A command-line flag of the named `connspec` subcommands, and perhaps a `connspec.toml` key
    /// (read by `connspec check`).
    Flag {
        /// The long flag, e.g. `--max-bytes`.
        flag: &'static str,
        /// The subcommands that take it, e.g. `["check", "compile"]`.
        commands: &'static [&'static str],
        /// The key under `[check]` in `connspec.toml`, when there is one.
        config_key: Option<&'static str>,
    },
    /// The limit cannot be raised.
    Fixed {
        /// Why raising it makes no sense.
        why: &'static str,
        /// What to do instead.
        instead: &'static str,
    },
}

/// One resource limit: what it bounds, its default, how to raise it, and what is reported when
/// it is hit.
#[derive(Debug, PartialEq, Eq)]
pub struct Limit {
    /// A stable kebab-case identifier, e.g. `response-read-bytes` (the anchor in `docs/limits.md`).
    pub id: &'static str,
    /// What messages call it, e.g. `response read limit` ("the 8 MiB response read limit").
    pub name: &'static str,
    /// One sentence: what it bounds.
    pub bounds: &'static str,
    /// The default (the only value, for a fixed limit).
    pub default: Amount,
    pub raise: Raise,
    /// The codes reported when it is hit; empty when hitting it is an error without a code or
    /// not an error at all (see [`Limit::when_hit`]).
    pub codes: &'static [&'static Code],
    /// What happens when it is hit, e.g. `the file is not checked further`.
    pub when_hit: &'static str,
}

impl Limit {
    /// The flag that raises it, if any.
    pub fn flag(&self) -> Option<&'static str> {
        match self.raise {
            Raise::Flag { flag, .. } => Some(flag),
            Raise::Fixed { .. } => None,
        }
    }

    /// Whether it can be raised.
    pub fn is_fixed(&self) -> bool {
        matches!(self.raise, Raise::Fixed { .. })
    }

    /// The limit at `value` by name: `the response read limit of 8 MiB`, or
    /// `the fixed field size limit of 64 KiB`.
    pub fn describe(&self, value: Amount) -> String {
        match self.raise {
            Raise::Flag { .. } => format!("the {} of {value}", self.name),
            Raise::Fixed { .. } => format!("the fixed {} of {value}", self.name),
        }
    }

    /// The limit at its default, by name (see [`Limit::describe`]).
    pub fn describe_default(&self) -> String {
        self.describe(self.default)
    }

    /// How to raise it, as a help line that names it: ``raise the input size limit with
    /// `--max-bytes` `` (and the `connspec.toml` key), or `the field size limit is fixed: WHY;
    /// INSTEAD`.
    pub fn how_to_raise(&self) -> String {
        match self.raise {
            Raise::Flag {
                flag,
                config_key: Some(key),
                ..
            } => format!(
                "raise the {} with `{flag}` (or `{key}` under `[check]` in connspec.toml)",
                self.name
            ),
            Raise::Flag { flag, .. } => format!("raise the {} with `{flag}`", self.name),
            Raise::Fixed { why, instead } => {
                format!("the {} is fixed: {why}; {instead}", self.name)
            }
        }
    }

    /// How to raise it, after a message that already named it: ``raise it with `--timeout` ``,
    /// or `it is fixed: WHY; INSTEAD`.
    pub fn remedy(&self) -> String {
        match self.raise {
            Raise::Flag { flag, .. } => format!("raise it with `{flag}`"),
            Raise::Fixed { why, instead } => format!("it is fixed: {why}; {instead}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static FLAGGED: Limit = Limit {
        id: "response-read-bytes",
        name: "response read limit",
        bounds: "How much of a response body is read.",
        default: Amount::Bytes(8 * 1024 * 1024),
        raise: Raise::Flag {
            flag: "--max-response-bytes",
            commands: &["test"],
            config_key: None,
        },
        codes: &[],
        when_hit: "the action fails",
    };

    static FIXED: Limit = Limit {
        id: "field-bytes",
        name: "field size limit",
        bounds: "How long one rendered field may be.",
        default: Amount::Bytes(64 * 1024),
        raise: Raise::Fixed {
            why: "fields are short strings",
            instead: "render less text",
        },
        codes: &[],
        when_hit: "an error at the template",
    };

    #[test]
    fn amounts_read_as_people_write_them() {
        assert_eq!(Amount::Bytes(8 * 1024 * 1024).to_string(), "8 MiB");
        assert_eq!(Amount::Bytes(200 * 1024).to_string(), "200 KiB");
        assert_eq!(Amount::Bytes(1500).to_string(), "1,500 bytes");
        assert_eq!(Amount::Bytes(1).to_string(), "1 byte");
        assert_eq!(Amount::Count(50_000, "values").to_string(), "50,000 values");
        assert_eq!(Amount::Count(1_000_000, "x").to_string(), "1,000,000 x");
        assert_eq!(Amount::Count(64, "levels").to_string(), "64 levels");
        assert_eq!(Amount::Time(Duration::from_secs(60)).to_string(), "60 s");
        assert_eq!(
            Amount::Time(Duration::from_millis(250)).to_string(),
            "250 ms"
        );
        assert_eq!(Amount::Time(Duration::from_secs(300)).number(), 300);
    }

    #[test]
    fn messages_name_the_limit_and_how_to_raise_it() {
        assert_eq!(
            FLAGGED.describe_default(),
            "the response read limit of 8 MiB"
        );
        assert_eq!(
            FLAGGED.how_to_raise(),
            "raise the response read limit with `--max-response-bytes`"
        );
        assert_eq!(
            FIXED.describe_default(),
            "the fixed field size limit of 64 KiB"
        );
        assert_eq!(
            FIXED.how_to_raise(),
            "the field size limit is fixed: fields are short strings; render less text"
        );
        assert_eq!(FLAGGED.remedy(), "raise it with `--max-response-bytes`");
        assert_eq!(
            FIXED.remedy(),
            "it is fixed: fields are short strings; render less text"
        );
        assert_eq!(FLAGGED.flag(), Some("--max-response-bytes"));
        assert!(FIXED.is_fixed() && FIXED.flag().is_none());
    }
}
