//! ## What it does
//! Reports a value of the wrong type or outside its list: a list where one name
//! belongs, text where a number belongs, a `kind` that is not one of the kinds, a
//! fact's `value` that is not what its property's `value-type` says (a number for a
//! quantity, a whole number from 1 for an ordinal, words for text).
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

use crate::factbase::ValueType;
use crate::factbase::schema::Scalar;
use crate::lint::{Diagnostic, LintContext, Rule};

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

/// Facts whose `value` is not of their property's `value-type`.
pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    for (path, fact) in context.facts() {
        let Some(definition) = context.properties.get(&fact.property.value) else {
            continue;
        };
        let property = &fact.property.value;
        if let Some(value) = &fact.value {
            let fits = match (definition.value_type, &value.value) {
                (Some(ValueType::Quantity), Scalar::Number(_)) => true,
                (Some(ValueType::Ordinal), Scalar::Number(n)) => n.fract() == 0.0 && *n >= 1.0,
                (Some(ValueType::Text), Scalar::Text(_)) => true,
                (None, _) => true,
                _ => false,
            };
            if !fits {
                let wanted = match definition.value_type {
                    Some(ValueType::Quantity) => "a number, with its `unit`",
                    Some(ValueType::Ordinal) => "a whole number from 1",
                    _ => "words",
                };
                found.push(Diagnostic::at(
                    Rule::WrongType,
                    path,
                    value,
                    format!("the `value` of a `{property}` fact is {wanted}"),
                    format!("give {wanted} as `value`"),
                ));
            }
        }
    }
}
