//! The whole static pipeline of `connspec check` on arbitrary bytes: decode, load, schema,
//! typed model, lint rules with suppressions, literal-secret masking and every renderer; and,
//! for a valid spec, the semantic layer's invariant: `check --instance` errs exactly when
//! `compile` refuses (the last byte chooses the instance's values).
#![no_main]

use connspec_lint::{LintSettings, check_and_lint};
use connspec_model::CheckOptions;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let checked = check_and_lint(
        "fuzz.yaml",
        bytes,
        &CheckOptions::default(),
        &LintSettings::default(),
    );
    connspec_fuzz::assert_spans_in_bounds(&checked.file, &checked.checked.diagnostics);
    connspec_fuzz::assert_check_matches_compile(&checked, bytes.last().copied().unwrap_or(0));
    connspec_fuzz::render_every_format(&checked.shown, checked.checked.diagnostics);
});
