//! The lint rules alone: `connspec_lint::lint` (every rule, default settings, suppressions) on
//! files that already went through `check_bytes`, as `lint/one_spec` and `lint/corpus` (the
//! corpus specs that reach the linter, i.e. the schema-valid ones). Run with
//! `cargo bench -p connspec-lint --bench lint`.

#[path = "../../connspec-model/benches/common/mod.rs"]
mod common;

use std::hint::black_box;

use common::{SPEC, corpus};
use connspec_diagnostics::SourceFile;
use connspec_lint::{LintSettings, lint};
use connspec_model::{CheckOptions, CheckedFile, check_bytes};
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

/// A checked file that has a typed spec, which is when `check_and_lint` lints it.
struct Checked {
    file: SourceFile,
    checked: CheckedFile,
}

impl Checked {
    fn new(name: &str, bytes: &[u8]) -> Option<Self> {
        let (file, checked) = check_bytes(name, bytes, &CheckOptions::default());
        (checked.document.is_some() && checked.spec.is_some()).then_some(Self { file, checked })
    }

    fn lint(&self, settings: &LintSettings) -> usize {
        let (Some(document), Some(spec)) = (&self.checked.document, &self.checked.spec) else {
            unreachable!("only files with a spec are kept")
        };
        lint(&self.file, document, spec, settings).len()
    }
}

fn bench(c: &mut Criterion) {
    let settings = LintSettings::default();
    let spec = Checked::new("spec.yaml", SPEC.as_bytes()).expect("the benchmark spec checks");
    let files = corpus("lint");
    let checked: Vec<Checked> = files
        .iter()
        .filter_map(|f| Checked::new(&f.name, &f.bytes))
        .collect();

    let mut group = c.benchmark_group("lint");
    group.throughput(Throughput::Bytes(SPEC.len() as u64));
    group.bench_function("one_spec", |b| {
        b.iter(|| black_box(&spec).lint(&settings));
    });
    if !checked.is_empty() {
        group
            .throughput(Throughput::Bytes(
                checked.iter().map(|c| c.file.text().len() as u64).sum(),
            ))
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat);
        group.bench_function("corpus", |b| {
            b.iter(|| {
                checked
                    .iter()
                    .map(|c| black_box(c).lint(&settings))
                    .sum::<usize>()
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
