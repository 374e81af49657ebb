//! Checks relative-event claims ("about a week after Trump warned") and event-order
//! claims ("founded the militia after the 2003 invasion"): the reference event is
//! the one named after "after"/"before"; the claim's own end is the date its clause
//! states, or the event it names.

use super::{CheckContext, Dated, Evidence, Judgement, Verdict, describe_days, judge_span};
use crate::claims::{Claim, Direction, Statement};
use crate::dates::DateRange;
use chrono::NaiveDate;
use serde_json::json;

pub fn check(claim: &Claim, context: &mut CheckContext) -> Judgement {
    let text = context.text_of(claim.tokens.clone());
    let (direction, reference) = match &claim.statement {
        Statement::Relative {
            direction,
            reference,
            ..
        }
        | Statement::Order {
            direction,
            reference,
        } => (*direction, reference.clone()),
        _ => unreachable!("relative_event::check is given relative and order claims"),
    };
    let mut normalized = serde_json::Map::new();
    normalized.insert("direction".into(), json!(direction));
    let base = context.base;
    let referenced =
        context.dated_events_in(claim.sentence.clone(), reference.clone(), &claim.tokens);
    let Some(earlier) = referenced.first().cloned() else {
        return Judgement::unverified(format!(
            "“{text}”: the fact base holds no event matching what follows"
        ))
        .with_normalized(normalized);
    };
    normalized.insert("reference_event".into(), json!(earlier.event.id(base)));
    // The claim's own end: a date its clause states, else an event it names (not
    // the reference event again).
    let own_events: Vec<Dated> = context
        .dated_events_in(claim.sentence.clone(), claim.clause.clone(), &claim.tokens)
        .into_iter()
        .filter(|d| d.event.id(base) != earlier.event.id(base))
        .collect();
    let stated = match &claim.statement {
        Statement::Relative { own_date, .. } => own_date.map(|d| d.range),
        _ => None,
    };
    let (own_range, own_name, own_evidence): (DateRange, String, Option<Evidence>) =
        match (stated, own_events.first()) {
            (Some(range), _) => (range, format!("the date stated ({range})"), None),
            (None, Some(own)) => (
                own.time.range(),
                own.event.describe(base),
                Some(Evidence::of(own.fact)),
            ),
            (None, None) => {
                return Judgement::unverified(format!(
                    "“{text}”: the fact base cannot place the other end of this"
                ))
                .with_normalized(normalized);
            }
        };
    let earlier_name = earlier.event.describe(base);
    let mut evidence = vec![Evidence::of(earlier.fact)];
    evidence.extend(own_evidence);
    let strong = earlier.event.strong
        && own_events
            .first()
            .is_none_or(|o| o.event.strong || stated.is_some());
    let judgement = match &claim.statement {
        Statement::Relative {
            duration,
            tolerance,
            ..
        } => {
            let own_day = middle(&own_range);
            let gap = match direction {
                Direction::After => (own_day - earlier.day()).num_days(),
                Direction::Before => (earlier.day() - own_day).num_days(),
            } as f64;
            normalized.insert("duration".into(), json!(duration.iso()));
            normalized.insert("gap_days".into(), json!(gap));
            let span = describe_days(gap.abs(), duration.unit);
            let way = if direction == Direction::After {
                "after"
            } else {
                "before"
            };
            let verdict = if gap < 0.0 {
                Verdict::Contradicted
            } else {
                judge_span(duration, *tolerance, gap)
            };
            let explanation = match verdict {
                Verdict::Supported => format!(
                    "{own_name} is {span} {way} {earlier_name} ({}): “{text}” fits",
                    earlier.day()
                ),
                _ if gap < 0.0 => format!(
                    "{own_name} comes before {earlier_name} ({}), not {way} it",
                    earlier.day()
                ),
                _ => format!(
                    "{own_name} is {span} {way} {earlier_name} ({}), which is not “{text}”",
                    earlier.day()
                ),
            };
            Judgement {
                verdict,
                explanation,
                evidence,
                normalized: serde_json::Map::new(),
            }
        }
        _ => {
            let earlier_range = earlier.time.range();
            let (first, second) = match direction {
                Direction::After => (earlier_range, own_range),
                Direction::Before => (own_range, earlier_range),
            };
            let (verdict, how) = if first.last < second.first {
                (Verdict::Supported, "fits")
            } else if second.last < first.first {
                (Verdict::Contradicted, "has the order the wrong way round")
            } else {
                (
                    Verdict::Unverified,
                    "cannot be told apart at the precision the fact base knows them",
                )
            };
            let explanation = format!(
                "{own_name} ({own_range}) and {earlier_name} ({earlier_range}): “{text}” {how}"
            );
            Judgement {
                verdict,
                explanation,
                evidence,
                normalized: serde_json::Map::new(),
            }
        }
    };
    let verdict = if strong {
        judgement.verdict
    } else {
        Verdict::Unverified
    };
    Judgement {
        verdict,
        normalized,
        ..judgement
    }
}

fn middle(range: &DateRange) -> NaiveDate {
    range.first + (range.last - range.first) / 2
}
