//! Robustness: thousands of mutated specs go through the whole static pipeline without a panic,
//! and every diagnostic points inside the file.

use connspec_model::{CheckOptions, check_bytes};

const SEED_SPEC: &str = include_str!("../../../connectors/coupa/approvals-service.yaml");

/// A tiny deterministic generator (xorshift), so failures reproduce without a fuzzing crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }
}

const INSERTS: &[&[u8]] = &[
    b":",
    b"- ",
    b"\t",
    b"&a ",
    b"*a",
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b"'",
    b"#",
    b"\n",
    b"\r\n",
    b"---\n",
    b"? ",
    b"!!str ",
    b"!x ",
    b"\xEF\xBB\xBF",
    b"\xFF",
    b"\xC3",
    b"%YAML 1.2\n",
    b"|\n",
    b">-\n",
    b"  ",
    b"~",
    b"0x",
    b"1e9",
    b"\xF0\x9F\xA7\xBE",
    b"type: oauth2\n",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut bytes = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(3) {
            0 => {
                let insert = INSERTS[rng.below(INSERTS.len())];
                bytes.splice(at..at, insert.iter().copied());
            }
            1 if at < bytes.len() => {
                let len = rng.below(16).min(bytes.len() - at);
                bytes.drain(at..at + len);
            }
            _ if at < bytes.len() => {
                let other = rng.below(bytes.len());
                bytes.swap(at, other);
            }
            _ => {}
        }
    }
    bytes
}

#[test]
fn mutated_specs_never_panic_and_spans_stay_in_bounds() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let options = CheckOptions::default();
    let mut with_findings = 0;
    for round in 0..3000 {
        let bytes = mutate(&mut rng, SEED_SPEC.as_bytes());
        let (file, checked) = check_bytes("mutated.yaml", &bytes, &options);
        for diagnostic in &checked.diagnostics {
            if let Some(span) = diagnostic.span {
                assert!(
                    span.start <= span.end && span.end <= file.text().len(),
                    "round {round}: span {span:?} outside {} bytes for {}",
                    file.text().len(),
                    diagnostic.message
                );
                assert!(file.text().is_char_boundary(span.start), "round {round}");
                assert!(file.text().is_char_boundary(span.end), "round {round}");
            }
            assert!(!diagnostic.message.is_empty());
        }
        with_findings += usize::from(!checked.diagnostics.is_empty());
    }
    // The mutations must actually break things, or this test proves nothing.
    assert!(
        with_findings > 1500,
        "only {with_findings} mutated specs had findings"
    );
}
