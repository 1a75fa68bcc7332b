//! The YAML loader alone: `yaml::decode` (UTF-8) then `yaml::load` (JSON value + span table,
//! limits), no schema, as `load/one_spec` and `load/corpus`. Run with
//! `cargo bench -p connspec-model --bench load`.

mod common;

use std::hint::black_box;

use common::{CorpusFile, SPEC, corpus, total_bytes};
use connspec_model::yaml::{self, Limits};
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

/// Decodes and loads one file; returns the diagnostics and span entries found, so nothing is
/// optimised away.
fn load(name: &str, bytes: &[u8], limits: &Limits) -> usize {
    let (file, mut diagnostics) = yaml::decode(name, bytes);
    let (document, loaded) = yaml::load(&file, limits);
    diagnostics.extend(loaded);
    diagnostics.len() + usize::from(document.is_some())
}

fn bench(c: &mut Criterion) {
    let limits = Limits::default();
    assert_eq!(
        load("spec.yaml", SPEC.as_bytes(), &limits),
        1,
        "the benchmark spec must load without diagnostics"
    );
    let mut group = c.benchmark_group("load");
    group.throughput(Throughput::Bytes(SPEC.len() as u64));
    group.bench_function("one_spec", |b| {
        b.iter(|| load("spec.yaml", black_box(SPEC.as_bytes()), &limits));
    });

    let files: Vec<CorpusFile> = corpus("load");
    if !files.is_empty() {
        group
            .throughput(Throughput::Bytes(total_bytes(
                files.iter().map(|f| f.bytes.as_slice()),
            )))
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat);
        group.bench_function("corpus", |b| {
            b.iter(|| {
                files
                    .iter()
                    .map(|f| load(&f.name, black_box(&f.bytes), &limits))
                    .sum::<usize>()
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
