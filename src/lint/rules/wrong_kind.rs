//! ## What it does
//! Reports a reference to an entity of the wrong kind: a fact whose object is not
//! of the kind its property names (`object-kind` in `rules/properties.yaml`: an
//! office for `held-office`, a category for `gender`), and a `leads` that is not
//! an office's or does not point at an organization or country.
//!
//! ## Why is this bad?
//! Checks look facts up by what their objects are: a term "held" in a person, or
//! an office leading another office, is never found where a claim looks for it,
//! and usually means the wrong id was pasted.
//!
//! ## Example
//! ```yaml
//! - id: pompeo-us-secretary-of-state
//!   subject: mike-pompeo
//!   property: held-office
//!   object: united-states
//! ```
//!
//! Use instead:
//! ```yaml
//! - id: pompeo-us-secretary-of-state
//!   subject: mike-pompeo
//!   property: held-office
//!   object: us-secretary-of-state
//! ```

use crate::factbase::EntityKind;
use crate::lint::{Diagnostic, LintContext, Rule};

/// What an office may head.
const LED_KINDS: [EntityKind; 2] = [EntityKind::Organization, EntityKind::Country];

pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    let kind_of = |id: &str| context.entity(id).map(|e| e.kind);
    for (path, fact) in context.facts() {
        let wanted = context
            .properties
            .get(&fact.property.value)
            .and_then(|d| d.object_kind);
        let (Some(wanted), Some(object)) = (wanted, &fact.object) else {
            continue;
        };
        // An undefined object is unknown-entity's to report.
        if let Some(kind) = kind_of(&object.value).filter(|&k| k != wanted) {
            found.push(Diagnostic::at(
                Rule::WrongKind,
                path,
                object,
                format!(
                    "the object of a `{}` fact must be {}, and `{}` is {}",
                    fact.property.value,
                    a_kind(wanted),
                    object.value,
                    a_kind(kind)
                ),
                format!(
                    "give the id of {} here, or choose the property this fact states (rules/properties.yaml)",
                    a_kind(wanted)
                ),
            ));
        }
    }
    for (path, entity) in context.all_entities() {
        let Some(led) = &entity.leads else {
            continue;
        };
        if entity.kind != EntityKind::Office {
            found.push(Diagnostic::at(
                Rule::WrongKind,
                path,
                led,
                format!(
                    "`{}` is {}, and only offices lead",
                    entity.id.value,
                    a_kind(entity.kind)
                ),
                "move `leads` to the office that heads it, or remove it".into(),
            ));
        } else if let Some(kind) = kind_of(&led.value).filter(|k| !LED_KINDS.contains(k)) {
            found.push(Diagnostic::at(
                Rule::WrongKind,
                path,
                led,
                format!(
                    "an office leads an organization or a country, and `{}` is {}",
                    led.value,
                    a_kind(kind)
                ),
                "give the id of the organization or country the office heads".into(),
            ));
        }
    }
}

/// "an office", "a person".
fn a_kind(kind: EntityKind) -> String {
    let name = kind.as_str();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}
