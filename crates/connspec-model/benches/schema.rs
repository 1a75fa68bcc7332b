//! The schema stage on already-loaded documents: `schema::validate` (JSON Schema + span mapping)
//! then, when it found no error, the typed model, as `check_source` runs them after the loader:
//! `schema/one_spec` and `schema/corpus`, and each half alone (`schema/validate/…`,
//! `schema/typed/…`). Run with `cargo bench -p connspec-model --bench schema`.
//!
//! The typed deserialization in `check.rs` is private, so `typed` repeats its call
//! (`serde_path_to_error::deserialize` over the document's value) and must follow it when it
//! changes; a public `check` entry from a loaded `Document` would let this bench call the real one.

mod common;

use std::hint::black_box;

use common::{SPEC, corpus};
use connspec_diagnostics::Severity;
use connspec_model::DocumentKind;
use connspec_model::instance::InstanceFile;
use connspec_model::schema::validate;
use connspec_model::spec::ConnectorSpec;
use connspec_model::yaml::{self, Document, Limits};
use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};

/// A loaded document, what kind `check_source` would take it for, and its size in bytes.
struct Loaded {
    kind: DocumentKind,
    document: Document,
    bytes: u64,
}

fn loaded(name: &str, bytes: &[u8]) -> Option<Loaded> {
    let (file, _) = yaml::decode(name, bytes);
    let (document, _) = yaml::load(&file, &Limits::default());
    let document = document?;
    Some(Loaded {
        kind: DocumentKind::detect(&file, Some(&document.value)),
        document,
        bytes: bytes.len() as u64,
    })
}

/// Whether the typed model builds, as `check.rs`'s `deserialize` does it.
fn typed(kind: DocumentKind, document: &Document) -> bool {
    match kind {
        DocumentKind::Connector => {
            serde_path_to_error::deserialize::<_, ConnectorSpec>(&document.value).is_ok()
        }
        DocumentKind::Instance => {
            serde_path_to_error::deserialize::<_, InstanceFile>(&document.value).is_ok()
        }
        DocumentKind::Cassette => serde_path_to_error::deserialize::<
            _,
            connspec_model::cassette::Cassette,
        >(&document.value)
        .is_ok(),
    }
}

/// The whole stage: validation, then the typed model when validation found no error.
fn schema(loaded: &Loaded) -> usize {
    let diagnostics = validate(loaded.kind.schema(), &loaded.document);
    let valid = diagnostics.iter().all(|d| d.severity != Severity::Error);
    diagnostics.len() + usize::from(valid && typed(loaded.kind, &loaded.document))
}

fn bench(c: &mut Criterion) {
    let spec = loaded("spec.yaml", SPEC.as_bytes()).expect("the benchmark spec loads");
    assert_eq!(schema(&spec), 1, "the benchmark spec must be schema-valid");
    let files = corpus("schema");
    let documents: Vec<Loaded> = files
        .iter()
        .filter_map(|f| loaded(&f.name, &f.bytes))
        .collect();
    // Only schema-valid documents reach the typed model.
    let valid: Vec<&Loaded> = documents
        .iter()
        .filter(|l| {
            validate(l.kind.schema(), &l.document)
                .iter()
                .all(|d| d.severity != Severity::Error)
        })
        .collect();

    let mut group = c.benchmark_group("schema");
    group.throughput(Throughput::Bytes(spec.bytes));
    group.bench_function("one_spec", |b| b.iter(|| schema(black_box(&spec))));
    group.bench_function(BenchmarkId::new("validate", "one_spec"), |b| {
        b.iter(|| validate(spec.kind.schema(), black_box(&spec.document)).len());
    });
    group.bench_function(BenchmarkId::new("typed", "one_spec"), |b| {
        b.iter(|| typed(spec.kind, black_box(&spec.document)));
    });

    if !documents.is_empty() {
        group
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .throughput(Throughput::Bytes(documents.iter().map(|l| l.bytes).sum()));
        group.bench_function("corpus", |b| {
            b.iter(|| {
                documents
                    .iter()
                    .map(|l| schema(black_box(l)))
                    .sum::<usize>()
            });
        });
        group.bench_function(BenchmarkId::new("validate", "corpus"), |b| {
            b.iter(|| {
                documents
                    .iter()
                    .map(|l| validate(l.kind.schema(), black_box(&l.document)).len())
                    .sum::<usize>()
            });
        });
        group.throughput(Throughput::Bytes(valid.iter().map(|l| l.bytes).sum()));
        group.bench_function(BenchmarkId::new("typed", "corpus"), |b| {
            b.iter(|| {
                valid
                    .iter()
                    .filter(|l| typed(l.kind, black_box(&l.document)))
                    .count()
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
