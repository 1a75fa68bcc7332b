//! The diagnostics renderers, `connspec_diagnostics::render::render` in every format (human,
//! json, sarif, github, junit), on reports built as `connspec check` builds them
//! (`check_and_lint`, then `FileReport::new` over the masked text): `render/<format>/one_spec`
//! on one faulty spec, `render/<format>/corpus` on the reports of the whole corpus (about a
//! tenth faulty). Throughput is the bytes of the files reported on. Run with
//! `cargo bench -p connspec-lint --bench render`.
//!
//! It lives here rather than in `connspec-diagnostics` because realistic reports need the model
//! and the linter, and the diagnostics crate depends on no crate of ours.

#[path = "../../connspec-model/benches/common/mod.rs"]
mod common;

use std::hint::black_box;

use common::{SPEC, corpus, total_bytes};
use connspec_diagnostics::render::{Format, RenderOptions, render};
use connspec_diagnostics::{Code, FileReport};
use connspec_lint::{LintSettings, check_and_lint};
use connspec_model::CheckOptions;
use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};

/// Every format, named as `--format` names it.
const FORMATS: [(&str, Format); 5] = [
    ("human", Format::Human),
    ("json", Format::Json),
    ("sarif", Format::Sarif),
    ("github", Format::Github),
    ("junit", Format::Junit),
];

/// The benchmark spec with mistakes the linter reports: a misspelt scope, a page size over the
/// provider's limit, an undefined template variable and an action without `Accept`.
fn faulty_spec() -> String {
    SPEC.replace("core.approval.read,", "core.aproval.read,")
        .replace("limit: 50\n", "limit: 500\n")
        .replace(
            "reason: \"{{ inputs.reason }}\"",
            "reason: \"{{ inputs.reasn }}\"",
        )
        .replacen("    headers: { Accept: application/json }\n", "", 1)
}

fn report(name: &str, bytes: &[u8]) -> FileReport {
    let checked = check_and_lint(
        name,
        bytes,
        &CheckOptions::default(),
        &LintSettings::default(),
    );
    FileReport::new(checked.shown, checked.checked.diagnostics)
}

fn bench(c: &mut Criterion) {
    let mut codes: Vec<&'static Code> = connspec_model::codes::ALL.to_vec();
    codes.extend(connspec_lint::codes());
    let options = RenderOptions {
        color: false,
        codes: &codes,
        tool_version: env!("CARGO_PKG_VERSION"),
    };
    let faulty = faulty_spec();
    let one_spec = [report("spec.yaml", faulty.as_bytes())];
    assert!(
        one_spec[0].diagnostics.len() >= 4,
        "the faulty spec must have findings to render, got {:?}",
        one_spec[0].diagnostics
    );
    let files = corpus("render");
    let reports: Vec<FileReport> = files.iter().map(|f| report(&f.name, &f.bytes)).collect();

    let mut group = c.benchmark_group("render");
    group.throughput(Throughput::Bytes(faulty.len() as u64));
    for (name, format) in FORMATS {
        group.bench_function(BenchmarkId::new(name, "one_spec"), |b| {
            b.iter(|| render(format, black_box(&one_spec), &options).len());
        });
    }
    if !reports.is_empty() {
        group
            .throughput(Throughput::Bytes(total_bytes(
                files.iter().map(|f| f.bytes.as_slice()),
            )))
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat);
        for (name, format) in FORMATS {
            group.bench_function(BenchmarkId::new(name, "corpus"), |b| {
                b.iter(|| render(format, black_box(&reports), &options).len());
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
