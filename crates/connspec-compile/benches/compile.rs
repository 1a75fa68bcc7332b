//! The compile targets: `connspec_compile::compile` of one realistic spec (Coupa approvals, six
//! actions) for one instance, into each target alone (`compile/<target>`, `-` spelt `_`) and into
//! all of them (`compile/all_targets`). Throughput is the bytes of the spec and the instance. The
//! issue's budget is 2 ms per spec × instance. Run with
//! `cargo bench -p connspec-compile --bench compile`.

use std::hint::black_box;

use connspec_compile::{InstanceInput, Overrides, SpecInput, Target, compile};
use connspec_diagnostics::SourceFile;
use connspec_model::{CheckOptions, DocumentKind, check_source};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SPEC: &str = include_str!("../../../connectors/coupa/approvals-service.yaml");
const INSTANCE: &str = include_str!("../../../connectors/coupa/instances/acme-test.yaml");

fn checked(
    name: &str,
    text: &str,
    kind: DocumentKind,
) -> (SourceFile, connspec_model::CheckedFile) {
    let file = SourceFile::new(name, text);
    let options = CheckOptions {
        kind: Some(kind),
        ..CheckOptions::default()
    };
    let checked = check_source(&file, &options);
    assert!(!checked.has_errors(), "{name} must be clean");
    (file, checked)
}

fn bench(c: &mut Criterion) {
    let (spec_file, spec) = checked("spec.yaml", SPEC, DocumentKind::Connector);
    let (instance_file, instance) = checked("instance.yaml", INSTANCE, DocumentKind::Instance);
    let spec_input = SpecInput {
        file: &spec_file,
        document: spec.document.as_ref().expect("document"),
        spec: spec.spec.as_ref().expect("spec"),
    };
    let instance_input = InstanceInput {
        file: &instance_file,
        document: instance.document.as_ref().expect("document"),
        instance: instance.instance.as_ref().expect("instance"),
    };
    let overrides = Overrides::default();
    let mut group = c.benchmark_group("compile");
    group.throughput(Throughput::Bytes((SPEC.len() + INSTANCE.len()) as u64));
    for target in Target::ALL {
        group.bench_function(target.as_str().replace('-', "_"), |b| {
            b.iter(|| {
                compile(
                    black_box(spec_input),
                    black_box(instance_input),
                    &[target],
                    &overrides,
                )
            });
        });
    }
    group.bench_function("all_targets", |b| {
        b.iter(|| {
            compile(
                black_box(spec_input),
                black_box(instance_input),
                &Target::ALL,
                &overrides,
            )
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
