//! The whole static pipeline of `connspec check` on arbitrary bytes: decode, load, schema,
//! typed model, lint rules with suppressions, literal-secret masking and every renderer.
#![no_main]

use connspec_lint::LintSettings;
use connspec_model::{CheckOptions, check_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let (file, checked) = check_bytes("fuzz.yaml", bytes, &CheckOptions::default());
    let mut diagnostics = checked.diagnostics.clone();
    if let (Some(document), Some(spec)) = (&checked.document, &checked.spec) {
        diagnostics.extend(connspec_lint::lint(
            &file,
            document,
            spec,
            &LintSettings::default(),
        ));
    }
    connspec_fuzz::assert_spans_in_bounds(&file, &diagnostics);
    let file = match &checked.document {
        Some(document) => file.redacted(&connspec_lint::secret_spans(document)),
        None => file,
    };
    connspec_fuzz::render_every_format(&file, diagnostics);
});
