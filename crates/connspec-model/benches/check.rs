//! The whole static pipeline of one file, `yaml::decode` then `check_source` (load, limits,
//! schema, typed model), as `check/one_spec` and `check/corpus`: the sum that the `load` and
//! `schema` benches split by stage. Run with `cargo bench -p connspec-model --bench check`.

mod common;

use std::hint::black_box;

use common::{SPEC, corpus, total_bytes};
use connspec_model::{CheckOptions, check_source, yaml};
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

fn check(name: &str, bytes: &[u8], options: &CheckOptions) -> usize {
    let (file, diagnostics) = yaml::decode(name, bytes);
    let checked = check_source(&file, options);
    diagnostics.len() + checked.diagnostics.len()
}

fn bench(c: &mut Criterion) {
    let options = CheckOptions::default();
    assert_eq!(
        check("spec.yaml", SPEC.as_bytes(), &options),
        0,
        "the benchmark spec must be clean"
    );
    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Bytes(SPEC.len() as u64));
    group.bench_function("one_spec", |b| {
        b.iter(|| check("spec.yaml", black_box(SPEC.as_bytes()), &options));
    });

    let files = corpus("check");
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
                    .map(|f| check(&f.name, black_box(&f.bytes), &options))
                    .sum::<usize>()
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
