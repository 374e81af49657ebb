//! Checks an ordinal claim: counts the series up to the subject's own entry (within
//! the window, if one is stated) and compares the subject's place with the ordinal.
//! A series of dated facts counts the facts in the window; a series of office
//! holders counts everyone whose term touches it.

use super::{CheckContext, Evidence, Judgement, Verdict};
use crate::claims::{Claim, OrdinalStatement, SeriesRef, Window};
use crate::factbase::{EntityIdx, Fact, FactBase, FactTime, Property};
use crate::rules::Tolerance;
use chrono::{Duration as Days, NaiveDate};
use serde_json::json;

/// One entry of a series: who, from when (and until when, for a term).
struct Entry<'a> {
    who: EntityIdx,
    start: NaiveDate,
    end: Option<NaiveDate>,
    fact: &'a Fact,
}

fn series(base: &FactBase, property: Property, object: EntityIdx) -> Vec<Entry<'_>> {
    let mut entries: Vec<Entry> = base
        .facts
        .iter()
        .filter(|f| f.property == property && f.object == Some(object))
        .filter_map(|fact| {
            let (start, end) = match fact.time? {
                FactTime::At(at) => (at.first, None),
                FactTime::Between { start, end } => {
                    (start.first, Some(end.map_or(NaiveDate::MAX, |e| e.last)))
                }
            };
            Some(Entry {
                who: fact.subject,
                start,
                end,
                fact,
            })
        })
        .collect();
    entries.sort_by_key(|e| e.start);
    entries
}

/// The run of like events an event is part of, each dated by its occurrence.
fn occasions(base: &FactBase, run: EntityIdx) -> Vec<Entry<'_>> {
    let mut entries: Vec<Entry> = base
        .facts
        .iter()
        .filter(|f| f.property == Property::PartOf && f.object == Some(run))
        .filter_map(|part| {
            let (fact, time) = base.occurrence(part.subject)?;
            Some(Entry {
                who: part.subject,
                start: time.range().first,
                end: None,
                fact,
            })
        })
        .collect();
    entries.sort_by_key(|e| e.start);
    entries
}

/// A series, the subject's place in it, whether the subject's name matched
/// strongly, and what the series is in words.
type Located<'a> = (Vec<Entry<'a>>, usize, bool, String);

/// A series the wording names: the subject is the person named nearest the ordinal
/// who has an entry in it.
fn named_series<'a>(
    base: &'a FactBase,
    statement: &OrdinalStatement,
    property: Property,
    object: EntityIdx,
) -> Result<Located<'a>, String> {
    let entries = series(base, property, object);
    // The fact base may name the series; else it is described from its parts.
    let declared = base
        .series
        .iter()
        .find(|s| s.property == property && s.object == Some(object));
    let what = match (declared, statement.series) {
        (Some(series), _) => lower_first(&series.name),
        (None, SeriesRef::Holders { office }) => {
            format!("holders of the office of {}", base.entities[office].name)
        }
        _ => format!(
            "{} facts about {}",
            property.id(),
            base.entities[object].name
        ),
    };
    let subject = statement.candidates.iter().find_map(|&(person, strong)| {
        entries
            .iter()
            .rposition(|e| e.who == person)
            .map(|i| (i, strong))
    });
    match subject {
        Some((index, strong)) => Ok((entries, index, strong, what)),
        None => Err(format!(
            "no one named here is among the {what} in the fact base"
        )),
    }
}

/// "the second time in a month": the event the clause names, in the run of like
/// events it is part of.
fn occasion_series<'a>(
    base: &'a FactBase,
    claim: &Claim,
    context: &mut CheckContext,
) -> Result<Located<'a>, String> {
    let mut events =
        context.dated_events_in(claim.sentence.clone(), claim.clause.clone(), &claim.tokens);
    // Like events share their cues; the date the clause states tells them apart.
    if let Some(stated) = context.date_in(&claim.clause) {
        events.sort_by_key(|d| !stated.overlaps(&d.time.range()));
    }
    events
        .iter()
        .filter(|d| d.event.fact.is_none())
        .find_map(|d| {
            let run = base
                .facts_about(d.event.event)
                .find(|f| f.property == Property::PartOf)?
                .object?;
            let entries = occasions(base, run);
            let index = entries.iter().position(|e| e.who == d.event.event)?;
            Some((
                entries,
                index,
                d.event.strong,
                lower_first(&base.entities[run].name),
            ))
        })
        .ok_or_else(|| "the fact base knows no run of events like the one named here".to_string())
}

/// How far back the window reaches, in days: a bare duration up to half a unit
/// more (it was rounded), "about" by its fraction, "just"/"nearly" no further.
fn reach(window: &Window) -> Option<f64> {
    let days = window.duration.days();
    match window.tolerance {
        Tolerance::Exact => Some(days + window.duration.unit.days() / 2.0),
        Tolerance::Around { fraction } => Some(days * (1.0 + fraction)),
        Tolerance::Nearly { .. } | Tolerance::AtMost | Tolerance::Below => Some(days),
        Tolerance::AtLeast | Tolerance::Above => None,
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// "10 weeks", "a week".
fn describe_duration(duration: &crate::mentions::Duration) -> String {
    let unit = format!("{:?}", duration.unit).to_lowercase();
    if duration.amount == 1.0 {
        format!("one {unit}")
    } else {
        format!("{} {unit}s", duration.amount)
    }
}

fn ordinal_word(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    WORDS
        .get(n.wrapping_sub(1))
        .map_or_else(|| format!("{n}th"), |w| w.to_string())
}

pub fn check(claim: &Claim, statement: &OrdinalStatement, context: &mut CheckContext) -> Judgement {
    let base = context.base;
    let text = context.text_of(claim.tokens.clone());
    let mut normalized = serde_json::Map::new();
    normalized.insert("ordinal".into(), json!(statement.ordinal));
    if let Some(window) = &statement.window {
        normalized.insert("window".into(), json!(window.duration.iso()));
    }
    let found = match statement.series.property_and_object() {
        Some((property, object)) => named_series(base, statement, property, object),
        None => occasion_series(base, claim, context),
    };
    let (entries, subject_index, strong, what) = match found {
        Ok(found) => found,
        Err(why) => {
            return Judgement::unverified(format!("“{text}”: {why}")).with_normalized(normalized);
        }
    };
    normalized.insert("series".into(), json!(what));
    let subject = &entries[subject_index];
    let reference = subject.start;
    let from = statement
        .window
        .as_ref()
        .and_then(reach)
        .map(|days| reference - Days::days(days.floor() as i64));
    let counted: Vec<&Entry> = entries[..=subject_index]
        .iter()
        .filter(|e| match (from, e.end) {
            (None, _) => true,
            (Some(from), None) => e.start >= from,
            (Some(from), Some(end)) => end >= from,
        })
        .collect();
    let position = counted.len();
    let name = |e: &Entry| base.entities[e.who].name.clone();
    normalized.insert("subject".into(), json!(base.entities[subject.who].id));
    normalized.insert("position".into(), json!(position));
    let first = counted[0];
    let window_text = statement
        .window
        .as_ref()
        .map(|w| format!(" in the {} to {reference}", describe_duration(&w.duration)))
        .unwrap_or_default();
    let found = match statement.series {
        SeriesRef::Holders { .. } => format!(
            "{} took office on {reference}; the first of {position}{window_text} was {}, in office from {}{}",
            name(subject),
            name(first),
            first.start,
            first
                .end
                .filter(|e| *e != NaiveDate::MAX)
                .map(|e| format!(" to {e}"))
                .unwrap_or_default()
        ),
        SeriesRef::Occasions => format!(
            "{} was on {reference}; the first of {position}{window_text} was {}, on {}, {} days earlier",
            name(subject),
            name(first),
            first.start,
            (reference - first.start).num_days()
        ),
        SeriesRef::Facts { .. } => format!(
            "{} was named on {reference}; the first of {position}{window_text} was {}, named on {}, {} days earlier",
            name(subject),
            name(first),
            first.start,
            (reference - first.start).num_days()
        ),
    };
    let (verdict, explanation) = if position as u64 == statement.ordinal {
        (
            Verdict::Supported,
            format!("{found}: the {} of the {what}", ordinal_word(position)),
        )
    } else {
        (
            Verdict::Contradicted,
            format!(
                "{found}: the {}, not the {}, of the {what}",
                ordinal_word(position),
                ordinal_word(statement.ordinal as usize)
            ),
        )
    };
    let verdict = if strong { verdict } else { Verdict::Unverified };
    Judgement {
        verdict,
        explanation,
        evidence: counted.iter().map(|e| Evidence::of(e.fact)).collect(),
        normalized,
    }
}
