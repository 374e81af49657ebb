//! ## What it does
//! Reports a record without a field it must have: an entity without `name` or
//! `kind`, a fact without `subject` or `property`, a source without `url` or `title`.
//!
//! ## Why is this bad?
//! A record missing one of these cannot be indexed or cited.
//!
//! ## Example
//! ```yaml
//! entities:
//!   - id: test-event
//!     name: Test event
//! ```
//!
//! Use instead:
//! ```yaml
//! entities:
//!   - id: test-event
//!     name: Test event
//!     kind: event
//! ```

pub const FIX: &str =
    "add the missing field to this record (see claims/README.md for each record's fields)";

pub fn matches(message: &str) -> bool {
    message.contains("missing field")
}
