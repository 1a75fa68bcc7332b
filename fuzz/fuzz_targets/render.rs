//! Template rendering with arbitrary templates and values: a spec whose base URL, path, header,
//! query and body are fuzzed templates, an instance with fuzzed values, then check, compile to
//! every target and format, and the runtime view with secret values. Beyond "no panic, no hang"
//! (fuel and output limits), what the runtime view prints must not depend on a secret's value,
//! `check --instance` must err exactly when `compile` refuses, and when compile succeeds no
//! rendered value, as the targets print it (inputs' examples in place), holds template syntax
//! of the targets (`{{`, `{%`, `{#`), which Agent Studio, Postman and Hurl would substitute.
#![no_main]

use arbitrary::Arbitrary;
use connspec_compile::output::{self, Format};
use connspec_compile::{
    InstanceInput, Overrides, RuntimeInputs, SpecInput, Target, compile, runtime,
};
use connspec_model::{CheckOptions, check_bytes};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Case {
    base_url: String,
    path: String,
    header: String,
    query: Vec<(String, String)>,
    body: Option<String>,
    input_example: String,
    domain: String,
    secret_suffix: u64,
}

/// A YAML double-quoted scalar: JSON's string syntax is a subset of YAML 1.2's.
fn quoted(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

fn spec_text(case: &Case) -> String {
    let mut text = format!(
        "spec_version: 1\nname: fuzz_connector\ninstance:\n  domain: {{ description: host, example: example.com }}\n\
         secrets: [API_TOKEN]\nbase_url: {}\nauth:\n  type: bearer\n  token: \"{{{{ secrets.API_TOKEN }}}}\"\n\
         actions:\n  act:\n    method: POST\n    path: {}\n    headers:\n      X-Fuzz: {}\n",
        quoted(&case.base_url),
        quoted(&case.path),
        quoted(&case.header),
    );
    if !case.query.is_empty() {
        text.push_str("    query:\n");
        for (index, (_, value)) in case.query.iter().take(8).enumerate() {
            text.push_str(&format!("      q{index}: {}\n", quoted(value)));
        }
    }
    if let Some(body) = &case.body {
        text.push_str(&format!("    body: {}\n", quoted(body)));
    }
    text.push_str(&format!(
        "    inputs:\n      q: {{ type: string, example: {} }}\n",
        quoted(&case.input_example)
    ));
    text
}

/// Every field of a spec that compiled, as the printed targets print it: the rendered text with
/// each input's example in its place (secrets and `meta_info` are the targets' own references,
/// here a separator). None may hold an opener of the targets' template syntax, nor may an
/// example.
fn assert_no_target_syntax(
    spec: SpecInput<'_>,
    instance: InstanceInput<'_>,
    overrides: &Overrides,
) {
    use connspec_semantic::render::printed_text;
    use connspec_semantic::{InputMode, Segment, Semantic, Trust, resolve};
    const OPENERS: [&str; 3] = ["{{", "{%", "{#"];
    let semantic = Semantic::new(spec);
    let (resolved, _) = resolve(
        spec,
        &semantic,
        instance,
        overrides,
        &Trust::default(),
        InputMode::Placeholders,
    );
    let example = |action: Option<&str>, input: &str| {
        spec.spec
            .actions
            .get(action?)?
            .inputs
            .get(input)?
            .example
            .as_ref()
            .map(printed_text)
    };
    for field in semantic.table.iter() {
        let mut printed = String::new();
        for segment in &resolved.field(&field.pointer).segments {
            match segment {
                Segment::Text(text) => printed.push_str(text),
                Segment::Input(name) => printed.push_str(
                    &example(field.action(), name).unwrap_or_else(|| "\u{E002}".to_owned()),
                ),
                Segment::Secret(_) | Segment::Meta(_) => printed.push('\u{E002}'),
            }
        }
        for opener in OPENERS {
            assert!(
                !printed.contains(opener),
                "{} prints `{opener}` and compile did not refuse it",
                field.pointer
            );
        }
    }
    for action in spec.spec.actions.values() {
        for input in action.inputs.values() {
            if let Some(example) = &input.example {
                let printed = printed_text(example);
                assert!(
                    !OPENERS.iter().any(|o| printed.contains(o)),
                    "an example prints template syntax and compile did not refuse it"
                );
            }
        }
    }
}

fuzz_target!(|case: Case| {
    let spec_text = spec_text(&case);
    let instance_text = format!(
        "instance_version: 1\nvalues:\n  domain: {}\nsecrets:\n  API_TOKEN: env:FUZZ_API_TOKEN\n",
        quoted(&case.domain)
    );
    let options = CheckOptions::default();
    let (spec_file, spec) = check_bytes("spec.yaml", spec_text.as_bytes(), &options);
    let (instance_file, instance) =
        check_bytes("instance.yaml", instance_text.as_bytes(), &options);
    connspec_fuzz::assert_spans_in_bounds(&spec_file, &spec.diagnostics);
    let (Some(spec_document), Some(spec_model), Some(instance_document), Some(instance_model)) = (
        &spec.document,
        &spec.spec,
        &instance.document,
        &instance.instance,
    ) else {
        return;
    };
    let spec_input = SpecInput {
        file: &spec_file,
        document: spec_document,
        spec: spec_model,
    };
    let instance_input = InstanceInput {
        file: &instance_file,
        document: instance_document,
        instance: instance_model,
    };
    let overrides = Overrides::default();
    let compiled = compile(spec_input, instance_input, &Target::ALL, &overrides);
    for diagnostic in &compiled.diagnostics {
        let file = match diagnostic.origin {
            connspec_compile::Origin::Spec => &spec_file,
            connspec_compile::Origin::Instance => &instance_file,
        };
        connspec_fuzz::assert_spans_in_bounds(file, std::slice::from_ref(&diagnostic.diagnostic));
    }
    if !compiled.has_errors() {
        assert_no_target_syntax(spec_input, instance_input, &overrides);
    }
    // Compile never sees a secret value; its outputs must at least render in every format.
    for format in [Format::Text, Format::Markdown, Format::Json] {
        let _ = output::render(format, &compiled.outputs);
    }
    // The runtime view holds real secret values. What it prints must not depend on them: two
    // different values give the same text. (Searching for the value itself would misfire when
    // the fuzzed templates spell it out.)
    let printed = |secret: &str| {
        let mut given = RuntimeInputs::default();
        given
            .secrets
            .insert("API_TOKEN".to_owned(), secret.to_owned());
        let (connector, diagnostics) = runtime(spec_input, instance_input, &overrides, &given);
        format!("{connector:?} {diagnostics:?}")
    };
    let first = printed(&format!("CANARY{:016x}Z", case.secret_suffix));
    let second = printed(&format!("canary{:016x}z", !case.secret_suffix));
    assert_eq!(first, second, "the runtime view prints its secret value");
    let linted = connspec_lint::check_and_lint(
        "spec.yaml",
        spec_text.as_bytes(),
        &options,
        &connspec_lint::LintSettings::default(),
    );
    connspec_fuzz::assert_check_matches_compile_for(&linted, &instance_text);
});
