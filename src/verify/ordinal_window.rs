//! Checks an ordinal claim: counts the series up to the subject's own entry (within
//! the window, if one is stated; only the entries of the qualifier's category, if
//! one is stated) and compares the subject's place with the ordinal.
//! A series of dated facts counts the facts in the window; a series of office
//! holders counts everyone whose term touches it.
//!
//! A count is exact only where the fact base holds every entry it reaches (the
//! series' `complete-from`) and knows the category of each. Elsewhere it is a
//! lower bound: an ordinal below it is still contradicted, one at or above it is
//! unverified.

use super::{CheckContext, Evidence, Judgement, Verdict};
use crate::claims::{Claim, OrdinalStatement, SeriesRef, Window};
use crate::dates::DateRange;
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
        .facts_of(property, object)
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
        .facts_of(Property::PartOf, run)
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

/// A series found for a claim, with the subject's place in it.
struct Located<'a> {
    entries: Vec<Entry<'a>>,
    subject: usize,
    /// Whether the subject's name matched strongly.
    strong: bool,
    /// What the series is, in words.
    what: String,
    /// From when the base holds every entry, if it says.
    complete_from: Option<NaiveDate>,
}

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
    let declared = base.declared_series(property, object);
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
        Some((subject, strong)) => Ok(Located {
            entries,
            subject,
            strong,
            what,
            complete_from: declared.and_then(|s| s.complete_from),
        }),
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
            let subject = entries.iter().position(|e| e.who == d.event.event)?;
            Some(Located {
                entries,
                subject,
                strong: d.event.strong,
                what: lower_first(&base.entities[run].name),
                complete_from: base
                    .declared_series(Property::PartOf, run)
                    .and_then(|s| s.complete_from),
            })
        })
        .ok_or_else(|| "the fact base knows no run of events like the one named here".to_string())
}

/// Whether an entry's subject is of a category, by the fact base.
enum Membership<'a> {
    /// A fact says so.
    Member(&'a Fact),
    /// A fact names another category.
    Other(&'a Fact),
    Unknown,
}

/// The qualifier's property and category, resolved in the fact base.
#[derive(Clone, Copy)]
struct Category {
    property: Property,
    entity: EntityIdx,
}

impl Category {
    /// Which of the category's facts about `who` hold at `at` says.
    fn of<'a>(self, base: &'a FactBase, who: EntityIdx, at: NaiveDate) -> Membership<'a> {
        let mut other = None;
        let day = DateRange::day(at);
        for fact in base.facts_about(who).filter(|f| {
            f.property == self.property && f.time.is_none_or(|t| t.range().contains(&day))
        }) {
            if fact.object == Some(self.entity) {
                return Membership::Member(fact);
            }
            other = other.or(Some(fact));
        }
        other.map_or(Membership::Unknown, Membership::Other)
    }

    fn name(self, base: &FactBase) -> &str {
        &base.entities[self.entity].name
    }
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

/// "a woman", "an office".
fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

pub fn check(claim: &Claim, statement: &OrdinalStatement, context: &mut CheckContext) -> Judgement {
    let base = context.base;
    let text = context.text_of(claim.tokens.clone());
    let mut normalized = serde_json::Map::new();
    normalized.insert("ordinal".into(), json!(statement.ordinal));
    if let Some(window) = &statement.window {
        normalized.insert("window".into(), json!(window.duration.iso()));
    }
    if let Some(qualifier) = &statement.qualifier {
        normalized.insert("category".into(), json!(qualifier.object));
    }
    let unverified = |why: String, normalized| {
        Judgement::unverified(format!("“{text}”: {why}")).with_normalized(normalized)
    };
    let category = match &statement.qualifier {
        Some(qualifier) => match base.category(&qualifier.object) {
            Some(entity) => Some(Category {
                property: qualifier.property,
                entity,
            }),
            None => {
                return unverified(
                    format!("the fact base has no category `{}`", qualifier.object),
                    normalized,
                );
            }
        },
        None => None,
    };
    let found = match statement.series.property_and_object() {
        Some((property, object)) => named_series(base, statement, property, object),
        None if statement.series == SeriesRef::Occasions => occasion_series(base, claim, context),
        None => Err("the fact base holds no series this counts along".to_string()),
    };
    let located = match found {
        Ok(located) => located,
        Err(why) => return unverified(why, normalized),
    };
    normalized.insert("series".into(), json!(located.what));
    let entries = &located.entries;
    let subject = &entries[located.subject];
    let name = |e: &Entry| base.entities[e.who].name.clone();
    normalized.insert("subject".into(), json!(base.entities[subject.who].id));
    if let Some(category) = category {
        match category.of(base, subject.who, subject.start) {
            Membership::Member(_) => {}
            Membership::Other(fact) => {
                let other = fact.object.map_or("", |o| base.entities[o].name.as_str());
                return Judgement {
                    verdict: if located.strong {
                        Verdict::Contradicted
                    } else {
                        Verdict::Unverified
                    },
                    explanation: format!(
                        "{} is listed as {}, not {}",
                        name(subject),
                        with_article(other),
                        with_article(category.name(base))
                    ),
                    evidence: vec![Evidence::of(fact), Evidence::of(subject.fact)],
                    normalized,
                };
            }
            Membership::Unknown => {
                return unverified(
                    format!(
                        "the fact base does not say whether {} is {}",
                        name(subject),
                        with_article(category.name(base))
                    ),
                    normalized,
                );
            }
        }
    }

    let reference = subject.start;
    let from = statement
        .window
        .as_ref()
        .and_then(reach)
        // A window reaching back past the calendar's start reaches every entry.
        .map(|days| {
            Days::try_days(days.floor() as i64)
                .and_then(|span| reference.checked_sub_signed(span))
                .unwrap_or(NaiveDate::MIN)
        });
    let counted: Vec<&Entry> = entries[..=located.subject]
        .iter()
        .filter(|e| match (from, e.end) {
            (None, _) => true,
            (Some(from), None) => e.start >= from,
            (Some(from), Some(end)) => end >= from,
        })
        .collect();
    // The count is exact where the base holds every entry it reaches back to.
    let held_in_full = located
        .complete_from
        .is_some_and(|complete| from.unwrap_or(NaiveDate::MIN) >= complete);
    let mut members: Vec<&Entry> = Vec::new();
    let mut member_facts: Vec<&Fact> = Vec::new();
    let mut unknown = 0;
    for &entry in &counted {
        match category.map(|c| c.of(base, entry.who, entry.start)) {
            None => members.push(entry),
            Some(Membership::Member(fact)) => {
                members.push(entry);
                member_facts.push(fact);
            }
            Some(Membership::Other(_)) => {}
            Some(Membership::Unknown) => unknown += 1,
        }
    }
    let position = members.len();
    normalized.insert("position".into(), json!(position));
    normalized.insert("complete".into(), json!(held_in_full && unknown == 0));

    let window_text = statement
        .window
        .as_ref()
        .map(|w| format!(" in the {} to {reference}", describe_duration(&w.duration)))
        .unwrap_or_default();
    let found = match statement.series {
        SeriesRef::Holders { .. } => format!("{} took office on {reference}", name(subject)),
        SeriesRef::Occasions => format!("{} was on {reference}", name(subject)),
        _ => format!("{} was named on {reference}", name(subject)),
    };
    let first = members[0];
    let first_detail = match statement.series {
        SeriesRef::Holders { .. } => format!(
            "in office from {}{}",
            first.start,
            first
                .end
                .filter(|e| *e != NaiveDate::MAX)
                .map(|e| format!(" to {e}"))
                .unwrap_or_default()
        ),
        SeriesRef::Occasions => format!(
            "on {}, {} days earlier",
            first.start,
            (reference - first.start).num_days()
        ),
        _ => format!(
            "named on {}, {} days earlier",
            first.start,
            (reference - first.start).num_days()
        ),
    };
    let count = match category {
        None if position == 1 => format!("; none came before{window_text}"),
        None => format!(
            "; the first of {position}{window_text} was {}, {first_detail}",
            name(first)
        ),
        Some(category) => {
            let one = with_article(category.name(base));
            if position == 1 {
                format!(
                    "; none of the {} before{window_text} is known to be {one}",
                    counted.len() - 1
                )
            } else {
                format!(
                    "; {position} of the {} counted{window_text} are each known to be {one}, the first {}, {first_detail}",
                    counted.len(),
                    name(first)
                )
            }
        }
    };
    // "the third of the holders of ...", "the first woman among the presidents of ...".
    let among = match category {
        Some(category) => format!("{} among the {}", category.name(base), located.what),
        None => format!("of the {}", located.what),
    };
    // Why the count is only a lower bound.
    let partial = match located.complete_from {
        _ if held_in_full => None,
        Some(complete) if complete != NaiveDate::MIN => {
            Some(format!("holds them in full only from {complete}"))
        }
        _ => Some("does not hold them in full".to_string()),
    };
    let uncategorised = category.filter(|_| unknown > 0).map(|c| {
        format!(
            "gives no {} for {unknown} of those counted",
            c.property.id()
        )
    });
    let why_open = format!(
        "the fact base {}",
        partial
            .into_iter()
            .chain(uncategorised)
            .collect::<Vec<_>>()
            .join(" and ")
    );
    let claimed = statement.ordinal as usize;
    // The subject's place is at least `position`, and at most `highest` if known.
    let highest = held_in_full.then_some(position + unknown);
    let exact = highest == Some(position);
    let (verdict, verdict_text) = if exact && claimed == position {
        (
            Verdict::Supported,
            format!("the {} {among}", ordinal_word(position)),
        )
    } else if exact {
        (
            Verdict::Contradicted,
            format!(
                "the {}, not the {}, {among}",
                ordinal_word(position),
                ordinal_word(claimed)
            ),
        )
    } else if claimed < position || highest.is_some_and(|h| claimed > h) {
        (
            Verdict::Contradicted,
            format!(
                "at least the {}, not the {}, {among} ({why_open})",
                ordinal_word(position),
                ordinal_word(claimed)
            ),
        )
    } else {
        (
            Verdict::Unverified,
            format!(
                "at least the {} {among}, but {why_open}, so the {} cannot be confirmed",
                ordinal_word(position),
                ordinal_word(claimed)
            ),
        )
    };
    let verdict = if located.strong {
        verdict
    } else {
        Verdict::Unverified
    };
    Judgement {
        verdict,
        explanation: format!("{found}{count}: {verdict_text}"),
        evidence: counted
            .iter()
            .map(|e| e.fact)
            .chain(member_facts)
            .map(Evidence::of)
            .collect(),
        normalized,
    }
}
