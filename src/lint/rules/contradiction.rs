//! ## What it does
//! Reports two facts that cannot both be true: the same subject, property, object
//! and unit, for a property that has one value at a time (`one-value` in
//! `rules/properties.yaml`), with different values at overlapping times, or, for a
//! property whose value is its date (`occurred`), with dates that cannot overlap;
//! or the same subject and property, for a property with one object at a time
//! (`one-object`: `gender`), with different objects at overlapping times.
//!
//! Facts that merely differ in precision agree: an event dated `2020-01` and
//! `2020-01-03`. Facts of properties a subject may hold many times (offices,
//! being named to head a government) never contradict each other here.
//!
//! ## Why is this bad?
//! A claim checked against the base would be supported by one fact and
//! contradicted by the other; which verdict a reader gets would depend on order.
//!
//! ## Example
//! ```yaml
//! - id: burjesia-rocket-attack-2020-rockets
//!   subject: burjesia-rocket-attack-2020
//!   property: count
//!   value: 3
//!   unit: rocket
//! - id: burjesia-rocket-attack-2020-rockets-police
//!   subject: burjesia-rocket-attack-2020
//!   property: count
//!   value: 4
//!   unit: rocket
//! ```
//!
//! Use instead: keep the value the better sources give, and say in its `note`
//! what other reports said.

use crate::factbase::FactTime;
use crate::factbase::schema::FactRecord;
use crate::lint::{Diagnostic, LintContext, Rule, location};
use std::collections::HashMap;
use std::path::Path;

/// Facts that must agree: same subject, property, object and unit.
type Group<'a> = (&'a str, &'a str, Option<&'a str>, Option<String>);
/// A fact with its file and its time, if well formed.
type Located<'a> = (&'a Path, &'a FactRecord, Option<FactTime>);

pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    let mut groups: HashMap<Group, Vec<Located>> = HashMap::new();
    // An imported fact that gives way to a hand-written one is imported-disagrees'
    // to report, and is not in the base.
    for (path, fact, _) in context.kept_facts() {
        let Some(definition) = context.properties.get(&fact.property.value) else {
            continue;
        };
        if !definition.one_value && !definition.one_object {
            continue;
        }
        let key = (
            context.links.resolve(&fact.subject.value),
            fact.property.value.as_str(),
            // Facts with one object at a time must agree whatever their objects.
            fact.object
                .as_ref()
                .filter(|_| !definition.one_object)
                .map(|o| context.links.resolve(&o.value)),
            fact.unit.as_ref().map(|u| u.to_lowercase()),
        );
        groups
            .entry(key)
            .or_default()
            .push((path, fact, fact.time()));
    }
    for (key, facts) in &groups {
        let one_object = context.properties.get(key.1).is_some_and(|d| d.one_object);
        for (i, &(path, fact, time)) in facts.iter().enumerate() {
            let earlier = facts[..i].iter().find(|(_, other, other_time)| {
                conflict(context, (fact, time), (other, *other_time), one_object)
            });
            if let Some((other_path, other, _)) = earlier {
                found.push(Diagnostic::at(
                    Rule::Contradiction,
                    path,
                    &fact.id,
                    format!(
                        "fact `{}` contradicts `{}` ({}:{}): {}",
                        fact.id.value,
                        other.id.value,
                        other_path.display(),
                        location(&other.id).0,
                        describe(fact, other)
                    ),
                    "keep the fact the better sources support and record the disagreement in its `note`; if both are right, they differ in subject, object, unit or time, so say how".into(),
                ));
            }
        }
    }
}

/// Whether two facts of one group disagree; `one_object` when the property has
/// one object at a time (and the group is one subject's, whatever the object).
fn conflict(
    context: &LintContext,
    a: (&FactRecord, Option<FactTime>),
    b: (&FactRecord, Option<FactTime>),
    one_object: bool,
) -> bool {
    let overlap = match (a.1, b.1) {
        (Some(x), Some(y)) => {
            let (x, y) = (x.range(), y.range());
            x.first <= y.last && y.first <= x.last
        }
        // A fact without a time holds whenever the other does.
        _ => true,
    };
    if one_object {
        let object = |fact: &FactRecord| {
            fact.object
                .as_ref()
                .map(|o| context.links.resolve(&o.value).to_string())
        };
        return overlap && object(a.0) != object(b.0);
    }
    match (&a.0.value, &b.0.value) {
        (Some(x), Some(y)) => {
            overlap
                && match (x.value.number(), y.value.number()) {
                    (Some(x), Some(y)) => (x - y).abs() > 1e-9,
                    _ => x.value.as_text() != y.value.as_text(),
                }
        }
        (None, None) => a.1.is_some() && b.1.is_some() && !overlap,
        _ => false,
    }
}

fn describe(fact: &FactRecord, other: &FactRecord) -> String {
    match (&fact.value, &other.value, &fact.object, &other.object) {
        (Some(x), Some(y), ..) => format!(
            "{} against {} at the same time",
            x.value.as_text(),
            y.value.as_text()
        ),
        (_, _, Some(x), Some(y)) if x.value != y.value => {
            format!("`{}` against `{}` at the same time", x.value, y.value)
        }
        _ => "their dates cannot both be right".into(),
    }
}
