//! Checks an elapsed claim ("nearly two years ago"): the span from the event named
//! in the clause to the as-of date, against the stated duration and its hedge.

use super::{CheckContext, Evidence, Judgement, Verdict, describe_days, judge_span};
use crate::claims::Claim;
use crate::mentions::Duration;
use crate::rules::Tolerance;
use serde_json::json;

pub fn check(
    claim: &Claim,
    duration: &Duration,
    tolerance: Tolerance,
    context: &mut CheckContext,
) -> Judgement {
    let text = context.text_of(claim.tokens.clone());
    let mut normalized = serde_json::Map::new();
    normalized.insert("duration".into(), json!(duration.iso()));
    normalized.insert("tolerance".into(), json!(tolerance.name()));
    let Some(as_of) = context.as_of else {
        return Judgement::unverified(format!(
            "“{text}” counts from the publication date, and none is given"
        ))
        .with_normalized(normalized);
    };
    let dated =
        context.dated_events_in(claim.sentence.clone(), claim.clause.clone(), &claim.tokens);
    let Some(event) = dated.first() else {
        return Judgement::unverified(format!(
            "“{text}”: no event in the fact base matches this clause"
        ))
        .with_normalized(normalized);
    };
    let name = event.event.describe(context.base);
    let day = event.day();
    let days = (as_of - day).num_days() as f64;
    normalized.insert("event".into(), json!(event.event.id(context.base)));
    normalized.insert("event_date".into(), json!(day.to_string()));
    normalized.insert("elapsed_days".into(), json!(days));
    let span = describe_days(days, duration.unit);
    let verdict = if event.event.strong {
        judge_span(duration, tolerance, days)
    } else {
        Verdict::Unverified
    };
    let explanation = match verdict {
        Verdict::Supported => format!("{name} was on {day}, {span} before {as_of}: “{text}” fits"),
        Verdict::Unverified => {
            format!("“{text}” may be about {name} ({day}), but the name matched only weakly")
        }
        _ => format!("{name} was on {day}, {span} before {as_of}, which is not “{text}”"),
    };
    Judgement {
        verdict,
        explanation,
        evidence: vec![Evidence::of(event.fact)],
        normalized,
    }
}
