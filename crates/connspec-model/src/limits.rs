//! The loader's resource limits as registry entries: input size, nesting depth, value count,
//! and the YAML parser's own flow-nesting counter. Built from the constants [`yaml::Limits`]
//! uses, so `docs/limits.md` and the messages cannot disagree with the code.
//!
//! [`yaml::Limits`]: crate::yaml::Limits

use connspec_diagnostics::{Amount, Limit, Raise};

use crate::codes::LIMIT_EXCEEDED;
use crate::yaml::{DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES, PARSER_FLOW_NESTING};

/// The subcommands that load YAML and take `--max-bytes`, `--max-depth` and `--max-nodes`.
const LOADING_COMMANDS: &[&str] = &["check", "compile", "test", "login", "logout", "diff"];

const fn count(n: usize, noun: &'static str) -> Amount {
    Amount::Count(n as u64, noun)
}

pub static INPUT_BYTES: Limit = Limit {
    id: "input-bytes",
    name: "input size limit",
    bounds: "The size of one spec or instance file (or standard input); a larger file is refused \
             before it is read into memory.",
    default: Amount::Bytes(DEFAULT_MAX_BYTES as u64),
    raise: Raise::Flag {
        flag: "--max-bytes",
        commands: LOADING_COMMANDS,
        config_key: Some("max-bytes"),
    },
    codes: &[&LIMIT_EXCEEDED],
    when_hit: "an error at the top of the file; nothing else in it is checked",
};

pub static NESTING_DEPTH: Limit = Limit {
    id: "nesting-depth",
    name: "nesting depth limit",
    bounds: "How deeply mappings and lists may nest in one file. It can be raised to at most \
             10,000 levels: the stages after loading walk values recursively, and their stack \
             is sized for that depth; memory grows linearly with the depth.",
    default: count(DEFAULT_MAX_DEPTH, "levels"),
    raise: Raise::Flag {
        flag: "--max-depth",
        commands: LOADING_COMMANDS,
        config_key: Some("max-depth"),
    },
    codes: &[&LIMIT_EXCEEDED],
    when_hit: "an error at the first value too deep; the file is not checked further",
};

pub static VALUE_COUNT: Limit = Limit {
    id: "value-count",
    name: "value count limit",
    bounds: "How many values (scalars, mappings and lists) one file may hold.",
    default: count(DEFAULT_MAX_NODES, "values"),
    raise: Raise::Flag {
        flag: "--max-nodes",
        commands: LOADING_COMMANDS,
        config_key: Some("max-nodes"),
    },
    codes: &[&LIMIT_EXCEEDED],
    when_hit: "an error at the first value over the limit; the file is not checked further",
};

pub static FLOW_NESTING: Limit = Limit {
    id: "flow-nesting",
    name: "flow nesting limit",
    bounds: "How deeply `[...]` and `{...}` collections may nest. The parser counts them as it \
             reads ahead, so this can be reached before the nesting depth limit.",
    default: count(PARSER_FLOW_NESTING, "levels"),
    raise: Raise::Fixed {
        why: "the YAML parser (saphyr-parser) counts open `[` and `{` in 8 bits",
        instead: "write the deepest part in block style (indented mappings and `- ` lists)",
    },
    codes: &[&LIMIT_EXCEEDED],
    when_hit: "an error at the bracket over the limit; the file is not checked further",
};

/// Every limit this crate enforces.
pub static LIMITS: &[&Limit] = &[&INPUT_BYTES, &NESTING_DEPTH, &VALUE_COUNT, &FLOW_NESTING];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::MAX_DEPTH_CEILING;

    #[test]
    fn the_depth_ceiling_is_the_one_documented() {
        let written = MAX_DEPTH_CEILING
            .to_string()
            .as_bytes()
            .rchunks(3)
            .rev()
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(",");
        assert!(
            NESTING_DEPTH.bounds.contains(&format!("{written} levels")),
            "{}",
            NESTING_DEPTH.bounds
        );
    }
}
