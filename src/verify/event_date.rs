//! Checks an event-date or event-year claim: the date must cover the day the event
//! named in the same clause took place.

use super::events::EventMatch;
use super::{CheckContext, Evidence, Judgement, Verdict};
use crate::claims::Claim;
use crate::dates::{DateRange, Precision};
use crate::factbase::{Fact, FactTime};
use crate::mentions::{DateMention, Tense};
use serde_json::json;

/// How a fact's time relates to the claimed date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    /// The fact falls inside the claimed date (or a span of time meets it).
    Agrees,
    /// They overlap, but the fact is known less precisely than the claim states.
    TooCoarse,
    Disagrees,
}

fn fit(claimed: &DateRange, time: &FactTime) -> Fit {
    match time {
        FactTime::At(at) if claimed.contains(at) => Fit::Agrees,
        FactTime::At(at) if claimed.overlaps(at) => Fit::TooCoarse,
        FactTime::Between { .. } if claimed.overlaps(&time.range()) => Fit::Agrees,
        _ => Fit::Disagrees,
    }
}

struct Candidate<'a> {
    event: EventMatch,
    distance: usize,
    fact: &'a Fact,
    time: FactTime,
    fit: Fit,
}

pub fn check(claim: &Claim, date: &DateMention, context: &mut CheckContext) -> Judgement {
    let text = context.text_of(claim.tokens.clone());
    let base = context.base;
    // "the 2015 Iran nuclear deal": a date right before an event's name is that event's.
    let events: Vec<EventMatch> = match context.event_named_at(claim.tokens.end) {
        Some((event, strong)) => vec![EventMatch {
            event,
            fact: None,
            anchors: vec![claim.tokens.end],
            strong,
        }],
        None => context.events_for(claim),
    };
    let mut normalized = serde_json::Map::new();
    normalized.insert("date".into(), json!(date.range.to_string()));
    normalized.insert("precision".into(), json!(date.range.precision));
    normalized.insert("first_day".into(), json!(date.range.first.to_string()));
    normalized.insert("last_day".into(), json!(date.range.last.to_string()));

    let looks_ahead = date.tense == Tense::Future && date.expr.depends_on_tense();
    let as_of = context.as_of;
    let mut candidates: Vec<Candidate> = events
        .iter()
        .filter_map(|event| {
            let (fact, time) = event.dated(base)?;
            // Wording about the future ("to be held in June") is not about an event
            // that was over before the draft was written.
            if looks_ahead && as_of.is_some_and(|as_of| time.range().last < as_of) {
                return None;
            }
            Some(Candidate {
                distance: event.distance(&claim.tokens),
                event: event.clone(),
                fact,
                time,
                fit: fit(&date.range, &time),
            })
        })
        .collect();
    if candidates.is_empty() {
        let mut judgement = match events.first() {
            Some(event) if looks_ahead => Judgement::unverified(format!(
                "“{text}” looks ahead to {}, but what the fact base names here ({}) was over before the draft",
                describe(&date.range),
                event.describe(base)
            )),
            Some(event) => Judgement::unverified(format!(
                "“{text}” reads as {}; the fact base names {} here but holds no date for it",
                describe(&date.range),
                event.describe(base)
            )),
            None => Judgement::unverified(format!(
                "“{text}” reads as {}; no event in the fact base matches this clause",
                describe(&date.range)
            )),
        };
        judgement.normalized = normalized;
        return judgement;
    }
    // Strong matches first, then the best fit, then the nearest.
    candidates.sort_by_key(|c| (!c.event.strong, c.fit, c.distance));
    let best = &candidates[0];
    let event_name = &best.event.describe(base);
    normalized.insert("event".into(), json!(best.event.id(base)));
    let fact_time = describe_time(&best.time);
    normalized.insert("event_date".into(), json!(iso_time(&best.time)));
    let (verdict, explanation) = if !best.event.strong {
        (
            Verdict::Unverified,
            format!(
                "“{text}” may be about {event_name} ({fact_time}), but the name matched only weakly"
            ),
        )
    } else {
        match best.fit {
            Fit::Agrees => (
                Verdict::Supported,
                format!(
                    "“{text}” reads as {}; {event_name} {fact_time}",
                    describe(&date.range)
                ),
            ),
            Fit::TooCoarse => (
                Verdict::Unverified,
                format!(
                    "“{text}” reads as {}; the fact base dates {event_name} less precisely: it {fact_time}",
                    describe(&date.range)
                ),
            ),
            Fit::Disagrees if best.distance > context.rules.contradiction_window => (
                Verdict::Unverified,
                format!(
                    "“{text}” reads as {}; the sentence also names {event_name} ({fact_time}), but too far from the date to tell whether it is meant",
                    describe(&date.range)
                ),
            ),
            Fit::Disagrees => (
                Verdict::Contradicted,
                format!(
                    "“{text}” reads as {}, but {event_name} {fact_time}{}",
                    describe(&date.range),
                    gap(&date.range, &best.time)
                ),
            ),
        }
    };
    Judgement {
        verdict,
        explanation,
        evidence: vec![Evidence::of(best.fact)],
        normalized,
    }
}

fn describe(range: &DateRange) -> String {
    match range.precision {
        Precision::Week => format!("the week of {}", range.first),
        _ if range.first != range.last && range.precision == Precision::Day => {
            format!("{} to {}", range.first, range.last)
        }
        _ => range.to_string(),
    }
}

fn describe_time(time: &FactTime) -> String {
    match time {
        FactTime::At(at) => format!("took place on {at}"),
        FactTime::Between {
            start,
            end: Some(end),
        } => format!("ran from {start} to {end}"),
        FactTime::Between { start, end: None } => format!("began on {start}"),
    }
}

/// A fact's time in ISO 8601: a date, or an interval "start/end" ("start/.." when open).
fn iso_time(time: &FactTime) -> String {
    match time {
        FactTime::At(at) => at.to_string(),
        FactTime::Between { start, end } => {
            format!(
                "{start}/{}",
                end.map_or("..".to_string(), |e| e.to_string())
            )
        }
    }
}

/// ", 5 days earlier": how far off a claimed day is, when both are days.
fn gap(claimed: &DateRange, time: &FactTime) -> String {
    match time {
        FactTime::At(at)
            if at.precision == Precision::Day && claimed.precision == Precision::Day =>
        {
            let days = (claimed.first - at.first).num_days();
            match days {
                d if d > 0 => format!(", {d} day{} earlier", if d == 1 { "" } else { "s" }),
                d => format!(", {} day{} later", -d, if d == -1 { "" } else { "s" }),
            }
        }
        _ => String::new(),
    }
}
