//! The limits of Agent Studio itself that the Postman and Hurl targets and `connspec test`
//! check against, and the template limits of the semantic layer (re-exported: compiling is
//! where users meet them).

use std::time::Duration;

pub use connspec_semantic::limits::{FIELD_BYTES, LIMITS, TEMPLATE_FUEL, TEMPLATE_RECURSION};

/// The largest response body Agent Studio accepts (200 KB, as Moveworks documents it).
pub const AGENT_STUDIO_RESPONSE_BYTES: usize = 200 * 1024;

/// Agent Studio's per-request timeout.
pub const AGENT_STUDIO_TIMEOUT: Duration = Duration::from_secs(60);
