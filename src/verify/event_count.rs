//! Checks an event-count claim: the number, within its hedge's tolerance, against
//! the count the fact base holds for the event named in the same clause, in the
//! same unit.

use super::{CheckContext, Evidence, Judgement, Verdict};
use crate::claims::Claim;
use crate::factbase::{Fact, Property};
use crate::rules::Tolerance;
use serde_json::json;

/// Whether a draft's word names a fact's unit: "rockets" and "rocket" for "rocket".
fn names_unit(word: &str, unit: &str) -> bool {
    word.strip_prefix(unit)
        .is_some_and(|rest| matches!(rest, "" | "s" | "es"))
        || unit
            .strip_suffix('y')
            .is_some_and(|stem| word == format!("{stem}ies"))
}

fn plural(unit: &str) -> String {
    match unit.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{stem}ies"),
        _ if unit.ends_with('s') || unit.ends_with("sh") || unit.ends_with("ch") => {
            format!("{unit}es")
        }
        _ => format!("{unit}s"),
    }
}

pub fn check(
    claim: &Claim,
    value: f64,
    tolerance: Tolerance,
    unit_words: &[String],
    context: &mut CheckContext,
) -> Judgement {
    let text = context.text_of(claim.tokens.clone());
    let base = context.base;
    let mut normalized = serde_json::Map::new();
    normalized.insert("value".into(), json!(value));
    normalized.insert("unit".into(), json!(unit_words.join(" ")));
    normalized.insert(
        "tolerance".into(),
        json!(format!("{tolerance:?}").to_lowercase()),
    );

    let mut events = context.events_for(claim);
    events.retain(|m| m.fact.is_none());
    events.sort_by_key(|m| (!m.strong, m.distance(&claim.tokens)));
    let counted = events.iter().find_map(|m| {
        let fact = base.facts_about(m.event).find(|f: &&Fact| {
            f.property == Property::Count
                && f.unit
                    .as_deref()
                    .is_some_and(|unit| unit_words.iter().any(|w| names_unit(w, unit)))
        })?;
        Some((m, fact))
    });
    let Some((event, fact)) = counted else {
        let mut judgement = match events.first() {
            Some(m) => Judgement::unverified(format!(
                "the fact base holds no count of {} for {}",
                unit_words.join(" "),
                base.entities[m.event].name
            )),
            None => Judgement::unverified(format!(
                "“{text}”: no event in the fact base matches this clause"
            )),
        };
        judgement.normalized = normalized;
        return judgement;
    };
    let actual = fact.value.unwrap_or(f64::NAN);
    let unit = fact.unit.as_deref().unwrap_or_default();
    let unit = if actual == 1.0 {
        unit.to_string()
    } else {
        plural(unit)
    };
    let event_name = &base.entities[event.event].name;
    normalized.insert("event".into(), json!(base.entities[event.event].id));
    normalized.insert("actual".into(), json!(actual));
    let (verdict, explanation) = if !event.strong {
        (
            Verdict::Unverified,
            format!(
                "may be about {event_name} ({actual} {unit}), but the name matched only weakly"
            ),
        )
    } else if tolerance.admits(value, actual) {
        (
            Verdict::Supported,
            format!("“{text}”: {event_name} involved {actual} {unit}"),
        )
    } else {
        (
            Verdict::Contradicted,
            format!("“{text}” states {value}, but {event_name} involved {actual} {unit}"),
        )
    };
    Judgement {
        verdict,
        explanation,
        evidence: vec![Evidence::of(fact)],
        normalized,
    }
}
