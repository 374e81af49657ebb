//! ## What it does
//! Reports a fact's qualifier that is not declared under `qualifiers` in
//! `rules/properties.yaml`, or that the fact's property does not list among the
//! `qualifiers` it takes.
//!
//! ## Why is this bad?
//! A fact with an undeclared qualifier is left out of the compiled base, so it can
//! never support or contradict anything. A declared qualifier its property does not
//! list is kept, but says something the property gives no meaning to. Usually the
//! qualifier is misspelt, or belongs on a fact of another property.
//!
//! ## Example
//! ```yaml
//! facts:
//!   - id: knesset-confidence-vote-2021-06-13-for
//!     property: votes
//!     qualifiers:
//!       side: for
//!       out-off: 120
//! ```
//!
//! Use instead:
//! ```yaml
//! facts:
//!   - id: knesset-confidence-vote-2021-06-13-for
//!     property: votes
//!     qualifiers:
//!       side: for
//!       out-of: 120
//! ```

use crate::factbase::PropertyDefinition;
use crate::lint::{Diagnostic, LintContext, Rule};

pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    for qualifier in context.qualifiers() {
        let id = &qualifier.id.value;
        // An unknown property is unknown-property's to report; without it there
        // is no list to hold the qualifier against.
        let property = context.properties.get(&qualifier.fact.property.value);
        let declared = context.properties.qualifier(id);
        let (message, fix) = match (declared, property) {
            (None, Some(property)) => (
                format!("unknown qualifier `{id}`"),
                format!(
                    "correct the id ({}), or declare it under `qualifiers` in rules/properties.yaml",
                    takes(context, property)
                ),
            ),
            (None, None) => {
                let known: Vec<&str> = context.properties.qualifier_ids().collect();
                (
                    format!("unknown qualifier `{id}`"),
                    format!(
                        "use one of {} (declared under `qualifiers` in rules/properties.yaml)",
                        known.join(", ")
                    ),
                )
            }
            (Some(declared), Some(property)) if !property.qualifiers.contains(&declared) => (
                format!("`{}` facts take no `{id}` qualifier", property.id),
                format!(
                    "remove `{id}` ({}), or add it to the `qualifiers` of `{}` in rules/properties.yaml if its facts should carry it",
                    takes(context, property),
                    property.id
                ),
            ),
            _ => continue,
        };
        found.push(Diagnostic::at(
            Rule::UnknownQualifier,
            qualifier.path,
            qualifier.id,
            message,
            fix,
        ));
    }
}

/// "`votes` takes the qualifiers side, candidate, out-of" or "`born` takes no qualifiers".
fn takes(context: &LintContext, property: &PropertyDefinition) -> String {
    if property.qualifiers.is_empty() {
        return format!("`{}` takes no qualifiers", property.id);
    }
    let ids: Vec<&str> = property
        .qualifiers
        .iter()
        .map(|&q| context.properties.qualifier_definition(q).id.as_str())
        .collect();
    let noun = if ids.len() == 1 {
        "qualifier"
    } else {
        "qualifiers"
    };
    format!("`{}` takes the {noun} {}", property.id, ids.join(", "))
}
