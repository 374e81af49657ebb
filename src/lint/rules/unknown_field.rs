//! ## What it does
//! Reports a field the fact file format does not have, usually a misspelt one.
//!
//! ## Why is this bad?
//! A misspelt field is silently lost: `alias: [Kadhimi]` would leave the entity
//! without the alias the contributor meant to add.
//!
//! ## Example
//! ```yaml
//! entities:
//!   - id: mustafa-al-kadhimi
//!     alias: [Kadhimi]
//! ```
//!
//! Use instead:
//! ```yaml
//! entities:
//!   - id: mustafa-al-kadhimi
//!     aliases: [Kadhimi]
//! ```

pub const FIX: &str = "rename the field to one of those listed (see claims/README.md), or remove it; a comment (`# ...`) or a fact's `note:` holds free text";

pub fn matches(message: &str) -> bool {
    message.contains("unknown field")
}
