//! Memory of loading grows linearly with the nesting depth, also with the depth limit raised
//! to its ceiling: a list of lists 4 times as deep costs about 4 times as much, not 16.
//!
//! The span table once kept one JSON Pointer string per value, `/0/0/0/…` as long as its
//! depth: 5.8 GB for a 200 KB file of nested `- - -`. dhat's allocator measures the peak.

use connspec_diagnostics::SourceFile;
use connspec_model::yaml::{Limits, MAX_DEPTH_CEILING, STACK_BYTES, load};

#[global_allocator]
static ALLOCATOR: dhat::Alloc = dhat::Alloc;

/// The peak bytes allocated while loading `depth` nested lists, beyond what was live before.
fn peak_of_loading(depth: usize) -> usize {
    let text = format!("{}1\n", "- ".repeat(depth));
    let file = SourceFile::new("deep.yaml", text);
    let limits = Limits {
        max_depth: MAX_DEPTH_CEILING,
        ..Limits::default()
    };
    let before = dhat::HeapStats::get().curr_bytes;
    let (document, diagnostics) = load(&file, &limits);
    // The peak since the profiler started: the deeper load, measured second, sets it.
    let peak = dhat::HeapStats::get().max_bytes - before;
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let document = document.expect("loads");
    let pointer = "/0".repeat(depth);
    assert!(
        document.spans.value(&pointer).is_some(),
        "the deepest value has its span"
    );
    drop(document);
    peak
}

#[test]
fn loading_memory_grows_linearly_with_depth() {
    // Dropping a deep value recurses once per level: run where the CLI would, on a big stack.
    let _profiler = dhat::Profiler::builder().testing().build();
    let (shallow, deep) = std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(|| {
            (
                peak_of_loading(MAX_DEPTH_CEILING / 4),
                peak_of_loading(MAX_DEPTH_CEILING - 1),
            )
        })
        .expect("thread")
        .join()
        .expect("no panic");
    // Linear growth gives about 4; one pointer string per value gave about 16.
    #[allow(clippy::cast_precision_loss)] // byte counts far below 2^52
    let ratio = deep as f64 / shallow as f64;
    assert!(
        ratio < 6.0,
        "loading {} levels peaked at {deep} bytes, {ratio:.1} times the {shallow} bytes of {} levels",
        MAX_DEPTH_CEILING - 1,
        MAX_DEPTH_CEILING / 4
    );
    // And in absolute terms: a few kilobytes per level (the parser's, the loader's and the
    // span table's entry for it, and the value), about 1 KiB today.
    assert!(deep < MAX_DEPTH_CEILING * 4096, "{deep} bytes");
    eprintln!(
        "loading peaks: {shallow} bytes ({} levels), {deep} bytes ({} levels), {ratio:.2}×",
        MAX_DEPTH_CEILING / 4,
        MAX_DEPTH_CEILING - 1
    );
}
