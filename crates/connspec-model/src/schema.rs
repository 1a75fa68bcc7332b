//! JSON Schema: generated from [`crate::spec`] and [`crate::instance`], and validation of a
//! loaded document against it with every error mapped back to a YAML span.

mod generate;
mod types;
mod validate;

pub use validate::validate;

pub use generate::{
    GeneratedSchema, SCHEMA_ID_BASE, SchemaKind, generated_schemas, schema_json, schema_value,
};
pub use types::{Scalar, StatusMatcher, Template};
