//! The YAML loader on arbitrary bytes: decode, events, value tree, span table, limits.
#![no_main]

use connspec_model::yaml::{Limits, decode, load};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let (file, mut diagnostics) = decode("fuzz.yaml", bytes);
    // Small limits so the fuzzer reaches the limit paths too.
    let limits = Limits {
        max_bytes: 64 * 1024,
        max_depth: 16,
        max_nodes: 2_000,
    };
    let (document, loaded) = load(&file, &limits);
    diagnostics.extend(loaded);
    if let Some(document) = &document {
        // Every recorded span lies in the text (the table is keyed by JSON Pointer).
        let span = document.spans.nearest("");
        assert!(span.end <= file.text().len());
    }
    connspec_fuzz::assert_spans_in_bounds(&file, &diagnostics);
});
