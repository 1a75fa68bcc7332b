//! The template limits as registry entries: fuel, recursion and field size, all reported as
//! T105 by the renderer.

use connspec_diagnostics::{Amount, Limit, Raise};

use crate::codes::TEMPLATE_LIMIT;
use crate::render::{FUEL, MAX_FIELD_BYTES, RECURSION_LIMIT};

pub static TEMPLATE_FUEL: Limit = Limit {
    id: "template-fuel",
    name: "template fuel",
    bounds: "The work one template string may do while rendering (minijinja's fuel: roughly one \
             unit per instruction, so loops and data built in the template count).",
    default: Amount::Count(FUEL, "instructions"),
    raise: Raise::Fixed {
        why: "a connector field is a short string, and a template that needs more than this loops or \
              grows without bound (a mistake, or an attack on the machine that compiles the spec)",
        instead: "substitute values (`{{ instance.domain }}`, `{{ inputs.status }}`) instead of \
                  computing them in a loop",
    },
    codes: &[&TEMPLATE_LIMIT],
    when_hit: "an error at the template; nothing is compiled",
};

pub static TEMPLATE_RECURSION: Limit = Limit {
    id: "template-recursion",
    name: "template recursion limit",
    bounds: "How deeply macro calls and nested blocks may recurse in one template string.",
    default: Amount::Count(RECURSION_LIMIT as u64, "levels"),
    raise: Raise::Fixed {
        why: "connector fields have no use for deep recursion, and unbounded recursion would \
              exhaust the stack",
        instead: "write the value out, or nest macros less deeply",
    },
    codes: &[&TEMPLATE_LIMIT],
    when_hit: "an error at the template; nothing is compiled",
};

pub static FIELD_BYTES: Limit = Limit {
    id: "field-bytes",
    name: "field size limit",
    bounds: "The longest text one template string may render to.",
    default: Amount::Bytes(MAX_FIELD_BYTES as u64),
    raise: Raise::Fixed {
        why: "Agent Studio fields are short strings, and this is far beyond any real one",
        instead: "render less text: a template that repeats or joins large values is a mistake",
    },
    codes: &[&TEMPLATE_LIMIT],
    when_hit: "an error at the template; nothing is compiled",
};

/// Every limit this crate enforces.
pub static LIMITS: &[&Limit] = &[&TEMPLATE_FUEL, &TEMPLATE_RECURSION, &FIELD_BYTES];
