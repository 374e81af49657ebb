//! ## What it does
//! Reports a value of the wrong type or outside its list: a list where one name
//! belongs, text where a number belongs, a `kind` that is not one of the kinds.
//!
//! ## Why is this bad?
//! The value cannot mean what the contributor intended, and guessing would store a
//! different fact.
//!
//! ## Example
//! ```yaml
//! facts:
//!   - id: test-event-rockets
//!     value: three
//! ```
//!
//! Use instead:
//! ```yaml
//! facts:
//!   - id: test-event-rockets
//!     value: 3
//! ```

pub const FIX: &str = "write a value of the type the field takes (see claims/README.md): a number in digits, a single id, a list in [brackets], or one of the listed words";

pub fn matches(message: &str) -> bool {
    [
        "invalid type",
        "invalid value",
        "unknown variant",
        "invalid length",
        // The YAML reader's words for text where a number belongs.
        "invalid floating point",
        "invalid integer",
        "invalid boolean",
    ]
    .iter()
    .any(|m| message.contains(m))
}
