//! The codes of live runs, the R family: declared in `connspec_compile::run_codes` so that
//! static tools know them too (the language server reads `connspec.toml` selectors naming them).

pub use connspec_compile::run_codes::*;
