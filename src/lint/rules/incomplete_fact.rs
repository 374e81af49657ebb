//! ## What it does
//! Reports a fact that leaves out what its property requires, or gives what its
//! property forbids, as `rules/properties.yaml` declares: a `count` without `value`
//! and `unit`, a `held-office` without the office (`object`) or a `start`, an
//! `occurred` with an `object`.
//!
//! ## Why is this bad?
//! A fact without the values its property is checked by can never decide a claim;
//! one with a field its property ignores has been misunderstood.
//!
//! ## Example
//! ```yaml
//! - id: burjesia-rocket-attack-2020-rockets
//!   subject: burjesia-rocket-attack-2020
//!   property: count
//!   value: 3
//! ```
//!
//! Use instead:
//! ```yaml
//! - id: burjesia-rocket-attack-2020-rockets
//!   subject: burjesia-rocket-attack-2020
//!   property: count
//!   value: 3
//!   unit: rocket
//! ```

use crate::factbase::{Need, ValueType};
use crate::lint::{Diagnostic, LintContext, Rule};

pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    for (path, fact) in context.facts() {
        let Some(definition) = context.properties.get(&fact.property.value) else {
            continue; // unknown-property says so
        };
        let fields = [
            (
                definition.object,
                fact.object.is_some(),
                "`object`",
                "the other entity's id",
            ),
            (
                definition.value,
                fact.value.is_some() || fact.unit.is_some(),
                "`value` and `unit`",
                "the number and a singular noun for what is counted",
            ),
            (
                definition.time,
                fact.date.is_some() || fact.start.is_some() || fact.end.is_some(),
                "a time (`date`, or `start` and `end`)",
                "the date as precisely as the source gives it",
            ),
        ];
        let property = &fact.property.value;
        for (need, given, what, hint) in fields {
            match need {
                Need::Required if !given => found.push(Diagnostic::at(
                    Rule::IncompleteFact,
                    path,
                    &fact.id,
                    format!("this `{property}` fact needs {what}"),
                    format!("add {what}: {hint}"),
                )),
                Need::Forbidden if given => found.push(Diagnostic::at(
                    Rule::IncompleteFact,
                    path,
                    &fact.id,
                    format!("`{property}` facts take no {what}"),
                    format!(
                        "remove {what}, or choose the property this fact states (rules/properties.yaml)"
                    ),
                )),
                _ => {}
            }
        }
        // A quantity needs its unit and a unit its value; words and whole numbers take none.
        let quantity = definition.value_type == Some(ValueType::Quantity);
        if !quantity && fact.unit.is_some() {
            found.push(Diagnostic::at(
                Rule::IncompleteFact,
                path,
                &fact.id,
                format!("`{property}` facts state no quantity, so they take no `unit`"),
                "remove `unit`".into(),
            ));
        }
        if quantity && fact.value.is_some() != fact.unit.is_some() {
            let missing = if fact.value.is_none() {
                "`value`"
            } else {
                "`unit`"
            };
            found.push(Diagnostic::at(
                Rule::IncompleteFact,
                path,
                &fact.id,
                format!("this `{property}` fact needs {missing} too"),
                "give `value` (a number) and `unit` (a singular noun) together".into(),
            ));
        }
    }
}
