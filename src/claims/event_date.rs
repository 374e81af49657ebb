//! ## What it finds
//! Every date in the prose, as a claim about when something happened, began or
//! ended: "a January 3 drone strike", "sworn in as prime minister on Sunday",
//! "resigned as finance minister on March 3", "Sojourner, which landed in 1997",
//! "has governed since 2009" (the start of a state that still holds).
//!
//! ## Why check it
//! A wrong day or year is the commonest factual slip in news copy, and a relative
//! date ("Monday", "last week", "two days later") is easy to get wrong against the
//! publication date.
//!
//! ## How it is checked
//! The facts the clause states are read from its wording (`verify::readings`): an
//! event it names, or a fact about an entity the sentence refers to whose property's
//! words the clause uses ("sworn in" starts a term of office). The date must cover
//! the time of what the words state. It is contradicted only when every reading
//! disagrees and the nearest identifies its fact with no second reading.

use super::{Check, Claim, ClaimKind, ClauseContext};
use crate::dates::{DateRange, Precision};
use crate::factbase::{Aspect, EntityKind, FactTime, Role};
use crate::mentions::{DateExpr, DateMention, MentionValue, Tense};
use crate::verify::readings::{Query, after};
use crate::verify::{CheckContext, Evidence, Judgement, Reading, Verdict, wording};
use serde::{Deserialize, Serialize};

pub const EVENT_DATE: ClaimKind = ClaimKind::new("event-date");
pub const EVENT_YEAR: ClaimKind = ClaimKind::new("event-year");
pub const KINDS: &[(ClaimKind, &str)] = &[
    (EVENT_DATE, "the day, week or month something happened, began or ended"),
    (EVENT_YEAR, "the year something happened, began or ended"),
];

#[derive(Debug, Clone)]
pub struct DateStatement {
    pub date: DateMention,
    /// What the wording before the date says it is: "since 2009" the start of a state
    /// that still holds, "until September" an end.
    pub bound: Bound,
}

/// How the words right before a date tie it to what happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Bound {
    /// "on Monday", "in 1997": when it happened. A date is this unless a word of
    /// `date-bounds` (context.yaml) stands before it, so that list has no `at`.
    #[serde(skip_deserializing)]
    At,
    /// "since 2009": when a state that still holds began.
    Since,
    /// "served from June 1998": when a state began, whether or not it still holds.
    From,
    /// "until September 2021": when a state ends or ended.
    Until,
}

pub fn find(context: &ClauseContext) -> Vec<Claim> {
    let tokens = &context.segmented.tokens;
    let rules = context.rules;
    // One past the last date where a state began ("from 2011"), which a word of
    // `date-bound-ends` there joins to where it ended ("to 2019").
    let mut after_span_start = None;
    context
        .mentions
        .iter()
        .filter_map(|mention| match mention.value {
            // "two years ago" states the time since an event: an elapsed claim.
            MentionValue::Date(date) if super::elapsed::is_ago(&date) => None,
            MentionValue::Date(date) => {
                let kind = if date.range.precision == Precision::Year {
                    EVENT_YEAR
                } else {
                    EVENT_DATE
                };
                let before = mention.tokens.start.checked_sub(1);
                let ends_a_span = before.is_some_and(|p| {
                    after_span_start == Some(p)
                        && rules.date_bound_ends.contains(tokens[p].key.as_str())
                });
                let bound = match ends_a_span {
                    true => Bound::Until,
                    false => before
                        .and_then(|p| rules.date_bounds.get(tokens[p].key.as_str()))
                        .copied()
                        .unwrap_or(Bound::At),
                };
                after_span_start = (bound == Bound::From).then_some(mention.tokens.end);
                let statement = DateStatement { date, bound };
                Some(context.claim(kind, mention.tokens.clone(), statement))
            }
            _ => None,
        })
        .collect()
}

/// How a fact's time relates to the claimed date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    /// The fact's time falls inside the claimed date (or a state meets it).
    Agrees,
    /// They overlap, but the fact is known less precisely than the claim states.
    TooCoarse,
    Disagrees,
}

fn fit(claimed: &DateRange, time: &DateRange, aspect: Aspect) -> Fit {
    if claimed.contains(time) || (aspect == Aspect::State && claimed.overlaps(time)) {
        Fit::Agrees
    } else if claimed.overlaps(time) {
        Fit::TooCoarse
    } else {
        Fit::Disagrees
    }
}

#[derive(Debug, Serialize)]
struct Normalized {
    date: String,
    precision: Precision,
    first_day: String,
    last_day: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    fact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fact_date: Option<String>,
}

impl Check for DateStatement {
    fn check(&self, claim: &Claim, cx: &CheckContext) -> Judgement {
        let base = cx.base;
        let date = &self.date;
        let text = cx.text_of(claim.tokens.clone());
        let mut normalized = Normalized {
            date: date.range.to_string(),
            precision: date.range.precision,
            first_day: date.range.first.to_string(),
            last_day: date.range.last.to_string(),
            fact: None,
            fact_date: None,
        };
        let readings = readings(self, claim, cx);
        let read_as = wording::range(&date.range);
        let Some(best) = readings.first() else {
            return Judgement::unverified(format!(
                "“{text}” reads as {read_as}; nothing in the fact base matches what this sentence is about"
            ))
            .with(&normalized);
        };
        let fits: Vec<(Fit, &Reading)> = readings
            .iter()
            .filter_map(|r| Some((fit(&date.range, &r.time(base)?, r.aspect), r)))
            .collect();
        // What happened, began or ended says more than a state the date falls in.
        let agreeing = fits
            .iter()
            .filter(|(fit, r)| *fit == Fit::Agrees && r.strong && !r.from_topic)
            .min_by_key(|(_, r)| r.aspect == Aspect::State);
        // A count dates its event (a match's goals, a vote's tally) only when its
        // words stand right by the entity that ties it.
        let dates_its_event = |r: &Reading| {
            base.role(r.fact) != Role::Quantity
                || (base.entities[r.fact.subject].kind == EntityKind::Event
                    && r.bond <= cx.rules.count_bond)
        };
        let chosen = agreeing
            .map(|(_, r)| *r)
            .or_else(|| {
                fits.iter()
                    .find(|(_, r)| r.decisive(base) && dates_its_event(r))
                    .map(|(_, r)| *r)
            })
            .or_else(|| fits.first().map(|(_, r)| *r))
            .unwrap_or(best);
        // One of a run of like facts (a player's awards, a minister's visits): the one
        // nearest the date stated, and the date may be another entry the base lacks
        // unless it holds the run in full.
        let same_run = |r: &Reading| {
            r.fact.subject == chosen.fact.subject
                && r.fact.property == chosen.fact.property
                && r.fact.object == chosen.fact.object
                && r.fact.text() == chosen.fact.text()
        };
        let chosen = fits
            .iter()
            .filter(|(_, r)| agreeing.is_none() && same_run(r))
            .filter_map(|(_, r)| Some((r.time(base)?, *r)))
            .min_by_key(|(time, r)| {
                let distance = time.first.signed_duration_since(date.range.first).num_days().abs();
                (distance, r.fact.id != chosen.fact.id)
            })
            .map_or(chosen, |(_, r)| r);
        // Entries are told apart by their dates: a term's start and end, or a match's
        // two scores, are one entry.
        let chosen_time = chosen.time(base);
        let others_in_run = fits.iter().any(|(_, r)| {
            same_run(r)
                && r.fact.id != chosen.fact.id
                && r.time(base).is_some_and(|time| Some(time) != chosen_time)
        });
        let run_in_full = base
            .run_complete_from(chosen.fact)
            .is_some_and(|from| from <= date.range.first);
        let said = describe(cx, chosen);
        normalized.fact = Some(chosen.fact.id.clone());
        normalized.fact_date = chosen_time.map(|t| t.to_string());
        let judgement = if agreeing.is_some() {
            Judgement::new(
                Verdict::Supported,
                format!("“{text}” reads as {read_as}; {said}"),
                vec![Evidence::of(chosen.fact)],
            )
        } else if fits.is_empty() {
            Judgement::unverified(format!(
                "“{text}” reads as {read_as}; the fact base gives no time for {}",
                wording::fact(base, best.fact)
            ))
        } else if fits.iter().any(|(fit, _)| *fit == Fit::TooCoarse) {
            Judgement::unverified(format!(
                "“{text}” reads as {read_as}; the fact base knows the time less precisely: {said}"
            ))
        } else if others_in_run && !run_in_full {
            Judgement::unverified(format!(
                "“{text}” reads as {read_as}; the fact base holds several like this and may not hold the one meant: {said}"
            ))
        } else if !chosen.decisive(base) || !dates_its_event(chosen) {
            Judgement::unverified(format!(
                "“{text}” reads as {read_as}, but the sentence may be about something other than {}: {said}",
                wording::fact(base, chosen.fact)
            ))
        } else if let Some((_, other)) = fits.iter().find(|(_, r)| {
            // A count dates its event only where nothing else the clause tells could
            // be what the date is about.
            base.role(chosen.fact) == Role::Quantity
                && r.decisive(base)
                && dates_its_event(r)
                && r.time(base) != chosen.time(base)
        }) {
            Judgement::unverified(format!(
                "“{text}” reads as {read_as}, but the sentence may be about {} or about {}, at different times: {said}",
                wording::fact(base, chosen.fact),
                wording::fact(base, other.fact)
            ))
        } else if let Some(owner) = other_owner(cx, chosen, claim) {
            Judgement::unverified(format!(
                "“{text}” reads as {read_as}, but it may date something of {owner}'s rather than {}: {said}",
                wording::fact(base, chosen.fact)
            ))
        } else if chosen.tie_distance(&claim.tokens) > cx.rules.contradiction_window {
            Judgement::unverified(format!(
                "“{text}” reads as {read_as}; the sentence also tells of {}, but too far from the date to tell whether it is meant: {said}",
                wording::fact(base, chosen.fact)
            ))
        } else {
            let gap = chosen
                .time(base)
                .map(|t| gap(&date.range, &t))
                .unwrap_or_default();
            Judgement::new(
                Verdict::Contradicted,
                format!("“{text}” reads as {read_as}, but {said}{gap}"),
                Evidence::all(fits.iter().map(|(_, r)| r.fact)),
            )
        };
        judgement.with(&normalized)
    }
}

/// Someone else named in the possessive between the reading's subject and the
/// date ("beat Gerd Müller's mark from the 1971-72 season"): the date may be about
/// what is theirs. Gives their name.
fn other_owner<'a>(cx: &CheckContext<'a>, reading: &Reading, claim: &Claim) -> Option<&'a str> {
    let tokens = &cx.segmented.tokens;
    let after_subject = reading.subject.as_ref().map_or(claim.sentence.start, |s| s.tokens.end);
    let possessive = |k: usize| tokens[k].is_word() && tokens[k].is_possessive();
    cx.discourse
        .within(&claim.sentence)
        .iter()
        .filter(|r| r.tokens.start >= after_subject && r.tokens.end <= claim.tokens.start)
        .find(|r| r.entity != reading.fact.subject && possessive(r.tokens.end - 1))
        .map(|r| cx.base.entities[r.entity].name.as_str())
}

/// The readings the date can be about: the event named right after it ("the 2015
/// nuclear deal"), else what its clause states, in the bound the wording gives;
/// an event after the as-of date is never what a past-tense clause is about.
fn readings<'a>(
    statement: &DateStatement,
    claim: &Claim,
    cx: &CheckContext<'a>,
) -> Vec<Reading<'a>> {
    let base = cx.base;
    let accept = |_: &crate::factbase::Fact, d: &crate::factbase::PropertyDefinition| {
        !matches!(d.role, Role::Category | Role::Membership)
    };
    // "the 2015 Iran nuclear deal": a date right before an event's name is that event's.
    let named_next = cx.discourse.within(&(claim.tokens.end..claim.tokens.end + 1)).iter().find(|r| {
        r.tokens.start == claim.tokens.end
            && base.entities[r.entity].kind == EntityKind::Event
    });
    if let Some(name) = named_next {
        let query = Query {
            words_in: name.tokens.clone(),
            entities_in: name.tokens.clone(),
            near: claim.tokens.clone(),
            words_needed: true,
            topic: false,
        };
        let readings = cx.readings().find(&query, &accept);
        if !readings.is_empty() {
            return readings;
        }
    }
    // "which runs until September 2021": an end is told of anywhere in the sentence.
    let words_in = match statement.bound {
        Bound::Until => claim.sentence.clone(),
        _ => claim.clause.clone(),
    };
    let query = Query {
        words_in,
        entities_in: claim.sentence.clone(),
        near: claim.tokens.clone(),
        words_needed: true,
        topic: false,
    };
    let mut readings = cx.readings().find(&query, &accept);
    let looks_ahead = statement.date.tense == Tense::Future && statement.date.expr.depends_on_tense()
        || matches!(statement.date.expr, DateExpr::Shift { amount, .. } if amount > 0);
    readings.retain(|r| {
        let time = r.time(base);
        let in_bound = match statement.bound {
            Bound::At => true,
            // "has governed since 2009": a state still held at the as-of date.
            Bound::Since => {
                r.aspect == Aspect::Start
                    || (r.aspect == Aspect::State
                        && match r.fact.time {
                            Some(FactTime::Between { end: None, .. }) => true,
                            Some(FactTime::Between { end: Some(end), .. }) => {
                                cx.as_of.is_some_and(|a| end.last >= a)
                            }
                            _ => false,
                        })
            }
            Bound::From => r.aspect == Aspect::Start || r.aspect == Aspect::State,
            Bound::Until => r.aspect == Aspect::End || r.aspect == Aspect::State,
        };
        // "held", "served": a state the date falls in only when its office or club is
        // named too, or any long term would take any date.
        // A title right before the name ("ECB President Christine Lagarde will chair
        // a meeting in December") describes the person; it does not date the state.
        let titled = matches!((&r.object, &r.subject), (Some(o), Some(s)) if o.tokens.end == s.tokens.start);
        if statement.bound == Bound::At && r.aspect == Aspect::State && (!r.object_named || titled) {
            return false;
        }
        let over_before = time.is_some_and(|t| cx.as_of.is_some_and(|a| t.last < a));
        // A date after the as-of date ("on Aug. 27, 2023") may be about what was still
        // to come; a date before it is never about what had not happened yet.
        let ahead = looks_ahead || after(Some(statement.date.range), cx.as_of);
        in_bound && !(looks_ahead && over_before) && (ahead || !after(time, cx.as_of))
    });
    // "since 2009", "from 1998" is the start of the state, whatever the words.
    if matches!(statement.bound, Bound::Since | Bound::From) {
        for reading in &mut readings {
            reading.aspect = Aspect::Start;
        }
    }
    if statement.bound == Bound::Until {
        for reading in &mut readings {
            reading.aspect = Aspect::End;
        }
    }
    readings
}

/// The reading's fact and time in words: "Yoshihide Suga's term as Prime Minister
/// of Japan began on 2020-09-16".
fn describe(cx: &CheckContext, reading: &Reading) -> String {
    let base = cx.base;
    let time = reading
        .fact
        .time
        .or_else(|| base.occurrence(reading.fact.subject).map(|(_, t)| t));
    match time {
        Some(time) => format!(
            "{} {}",
            wording::fact(base, reading.fact),
            wording::when(&time, reading.aspect)
        ),
        None => wording::fact(base, reading.fact),
    }
}

/// ", 5 days earlier": how far off a claimed day is, when both are days.
fn gap(claimed: &DateRange, time: &DateRange) -> String {
    if time.precision != Precision::Day || claimed.precision != Precision::Day {
        return String::new();
    }
    let days = (claimed.first - time.first).num_days();
    match days {
        d if d > 0 => format!(", {d} day{} earlier", if d == 1 { "" } else { "s" }),
        d => format!(", {} day{} later", -d, if d == -1 { "" } else { "s" }),
    }
}
