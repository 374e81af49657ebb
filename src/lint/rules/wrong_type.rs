//! ## What it does
//! Reports a value of the wrong type or outside its list: a list where one name
//! belongs, text where a number belongs, a `kind` that is not one of the kinds, a
//! fact's `value` that is not what its property's `value-type` says (a number for a
//! quantity, a whole number from 1 for an ordinal, words for text), a qualifier's
//! value that is not what the qualifier's `value` says (an entity id, a number, a
//! whole number from 1, a date), and a text qualifier's value that is not one of its
//! `values` (`side: for`, `against`, ...).
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

use crate::dates::DateRange;
use crate::factbase::schema::Scalar;
use crate::factbase::{QualifierType, ValueType};
use crate::lint::{Diagnostic, LintContext, Rule};

pub const FIX: &str = "write a value of the type the field takes (see claims/README.md): a number in digits, a single id, a list in [brackets], or one of the listed words";

/// The YAML reader's words for a value of the wrong shape, and what to say instead.
const SHAPES: [(&str, &str); 3] = [
    (
        "expected string scalar",
        "a single value belongs here, not a list or a mapping",
    ),
    (
        "expected sequence start",
        "a list belongs here: `[a, b]`, or one `- ` line per item",
    ),
    (
        "expected mapping start",
        "a mapping belongs here: one `key: value` line per field",
    ),
];

pub fn matches(message: &str) -> bool {
    SHAPES.iter().any(|(words, _)| message.contains(words))
        || [
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

/// The message for a YAML type error: the reader's own, unless it only names the
/// parser event it expected.
pub fn explain(message: &str) -> String {
    SHAPES
        .iter()
        .find(|(words, _)| message.trim() == *words)
        .map_or_else(|| message.to_string(), |(_, said)| said.to_string())
}

/// Facts whose `value` is not of their property's `value-type`, and qualifiers
/// whose value is not of their declared type or not in their list.
pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    check_values(context, found);
    check_qualifiers(context, found);
}

fn check_values(context: &LintContext, found: &mut Vec<Diagnostic>) {
    for (path, fact) in context.facts() {
        let Some(definition) = context.properties.get(&fact.property.value) else {
            continue;
        };
        let property = &fact.property.value;
        if let Some(value) = &fact.value {
            let fits = match (definition.value_type, &value.value) {
                (Some(ValueType::Quantity), Scalar::Number(_)) => true,
                (Some(ValueType::Ordinal), Scalar::Number(n)) => is_ordinal(*n),
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

fn check_qualifiers(context: &LintContext, found: &mut Vec<Diagnostic>) {
    for qualifier in context.qualifiers() {
        let Some(declared) = context.properties.get_qualifier(&qualifier.id.value) else {
            continue; // unknown-qualifier says so
        };
        let id = &declared.id;
        let value = &qualifier.value.value;
        let text = value.as_text();
        // What the value should have been, when it is not of the declared type.
        // Numbers are read as text, so `edition: 2021` needs no quotes.
        let wanted = match (declared.value, value) {
            (QualifierType::Entity, Scalar::Number(_)) => Some("an entity id"),
            (QualifierType::Quantity, Scalar::Text(_)) => Some("a number"),
            (QualifierType::Ordinal, Scalar::Text(_)) => Some("a whole number from 1"),
            (QualifierType::Ordinal, Scalar::Number(n)) if !is_ordinal(*n) => {
                Some("a whole number from 1")
            }
            (QualifierType::Date, _) if DateRange::parse(&text).is_none() => {
                Some("a date (YYYY-MM-DD, YYYY-MM or YYYY)")
            }
            _ => None,
        };
        if let Some(wanted) = wanted {
            found.push(Diagnostic::at(
                Rule::WrongType,
                qualifier.path,
                qualifier.value,
                format!("the `{id}` qualifier takes {wanted}, not `{text}`"),
                format!("give {wanted} as `{id}`"),
            ));
        } else if !declared.values.is_empty() && !declared.values.iter().any(|(v, _)| *v == text) {
            let allowed: Vec<&str> = declared.values.iter().map(|(v, _)| v.as_str()).collect();
            found.push(Diagnostic::at(
                Rule::WrongType,
                qualifier.path,
                qualifier.value,
                format!("`{text}` is not one of the values of the `{id}` qualifier"),
                format!(
                    "write one of {} (listed under `{id}` in rules/properties.yaml)",
                    allowed.join(", ")
                ),
            ));
        }
    }
}

/// Whether a number can be a place in a run: a whole number from 1.
fn is_ordinal(number: f64) -> bool {
    number.fract() == 0.0 && number >= 1.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::factbase::schema::FactFile;
    use crate::factbase::{ParsedFile, PropertiesFile, PropertyTable};
    use std::path::{Path, PathBuf};

    /// No bundled qualifier is a date yet, so this declares one.
    const PROPERTIES: &str = "
properties:
  - id: signed
    description: A treaty (the subject) was signed on `date`.
    role: occurrence
    value: forbidden
    time: required
    qualifiers: [ratified]
qualifiers:
  - id: ratified
    value: date
    description: When the treaty was ratified.
";

    const FACTS: &str = "
facts:
  - id: treaty-signed
    subject: treaty
    property: signed
    date: 2020-03-02
    qualifiers: {ratified: 2020-02-30}
  - id: treaty-signed-again
    subject: treaty
    property: signed
    date: 2020-03-02
    qualifiers: {ratified: last spring}
  - id: treaty-signed-right
    subject: treaty
    property: signed
    date: 2020-03-02
    qualifiers: {ratified: 2021}
";

    #[test]
    fn a_shape_error_says_what_belongs_there() {
        assert_eq!(
            explain("expected string scalar"),
            "a single value belongs here, not a list or a mapping"
        );
        let serde_words = "invalid type: string \"x\", expected a number";
        assert_eq!(explain(serde_words), serde_words);
    }

    #[test]
    fn a_date_qualifier_takes_a_date() {
        let path = Path::new("treaty.yaml");
        let file: PropertiesFile = crate::yaml::parse(path, PROPERTIES, 0).unwrap();
        let properties = PropertyTable::new(file).unwrap();
        let files = [ParsedFile {
            path: PathBuf::from(path),
            file: crate::yaml::parse::<FactFile>(path, FACTS, 0).unwrap(),
        }];
        let mut found = Vec::new();
        check(&LintContext::new(&files, &properties, true), &mut found);
        let at: Vec<(usize, usize)> = found.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(at, [(7, 28), (12, 28)]);
        assert!(found[0].message.contains("takes a date"), "{}", found[0]);
    }
}
