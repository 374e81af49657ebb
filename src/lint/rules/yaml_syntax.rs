//! ## What it does
//! Reports a fact file that is not valid YAML: an unclosed quote, a bad indent, a
//! tab where spaces belong.
//!
//! ## Why is this bad?
//! Nothing in a file that cannot be parsed can be checked, and the rest of the base
//! may refer to entities defined in it.
//!
//! ## Example
//! ```yaml
//! entities:
//!   - id: test-event
//!     name: "Test event
//! ```
//!
//! Use instead:
//! ```yaml
//! entities:
//!   - id: test-event
//!     name: "Test event"
//! ```

pub const FIX: &str = "fix the YAML at this place: close quotes and brackets, indent with spaces, and quote text that contains `: ` or starts with a special character";
