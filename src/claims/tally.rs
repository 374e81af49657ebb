//! ## What it finds
//! Two numbers set against each other: a vote ("approved by 60 votes to 59", "87
//! votes to 26"), a score ("beat Brazil 1-0", "613 points to 580"), or a part of a
//! whole ("won 314 of the 462 valid votes", "142 of 240 in the upper house").
//!
//! ## Why check it
//! A tally is two facts in one: a transposed digit or a swapped side changes the story.
//!
//! ## How it is checked
//! Against the quantity facts of one vote, match or contest (the event the sentence
//! names, or the one its facts about named people and bodies belong to): the two
//! numbers must be two of its counts, told apart by their qualifiers (`side`,
//! `candidate`, `team`); a part of a whole must be a count whose `out-of` qualifier is
//! the whole. A count that does not fit is contradicted only when one event is meant.

use super::{Check, Claim, ClaimKind, ClauseContext};
use crate::factbase::{EntityIdx, Fact, FactBase, Role};
use crate::mentions::{MentionValue, Tally, TallyForm};
use crate::verify::readings::{Query, after, around_as_of};
use crate::verify::{CheckContext, Evidence, Judgement, Reading, Verdict, wording};
use serde::Serialize;

pub const TALLY: ClaimKind = ClaimKind::new("tally");
pub const KINDS: &[(ClaimKind, &str)] = &[(
    TALLY,
    "two numbers set against each other: a vote, a score, a part of a whole",
)];

#[derive(Debug, Clone)]
pub struct TallyStatement {
    pub tally: Tally,
}

pub fn find(context: &ClauseContext) -> Vec<Claim> {
    let mut claims = Vec::new();
    for mention in context.mentions {
        let MentionValue::Tally(tally) = &mention.value else {
            continue;
        };
        let mut tally = tally.clone();
        // "314 of the 462 valid votes ... and 142 of 240": the noun of the tally before.
        if tally.unit.is_none() {
            tally.unit = context
                .sentence_mentions
                .iter()
                .take_while(|m| m.tokens.start < mention.tokens.start)
                .filter_map(|m| match &m.value {
                    MentionValue::Tally(earlier) => earlier.unit.clone(),
                    _ => None,
                })
                .last();
        }
        claims.push(context.claim(TALLY, mention.tokens.clone(), TallyStatement { tally }));
    }
    claims
}

#[derive(Debug, Serialize)]
struct Normalized {
    first: f64,
    second: f64,
    form: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<String>,
}

impl Check for TallyStatement {
    fn check(&self, claim: &Claim, cx: &CheckContext) -> Judgement {
        let base = cx.base;
        let units = &cx.rules.counting;
        let tally = &self.tally;
        let text = cx.text_of(claim.tokens.clone());
        let mut normalized = Normalized {
            first: tally.first,
            second: tally.second,
            form: match tally.form {
                TallyForm::Versus => "versus",
                TallyForm::OutOf => "out-of",
            },
            unit: tally.unit.clone(),
            event: None,
        };
        let query = Query {
            words_in: claim.clause.clone(),
            entities_in: claim.sentence.clone(),
            near: claim.tokens.clone(),
            words_needed: false,
            topic: false,
        };
        let accept = |fact: &Fact, d: &crate::factbase::PropertyDefinition| {
            d.role == Role::Quantity
                && fact.number().is_some()
                && match (&tally.unit, fact.unit.as_deref()) {
                    (Some(unit), Some(fact_unit)) => units.factor(fact_unit, unit).is_some(),
                    (None, _) => true,
                    (Some(_), None) => false,
                }
        };
        let mut readings = cx.readings().find(&query, &accept);
        readings.retain(|r| !super::count::sides_conflict(cx, claim, r.fact));
        // A tally is an outcome: a match or a vote after the draft's date had none yet.
        readings.retain(|r| !after(r.time(base), cx.as_of));
        // The events (or other subjects) whose counts these are, first read first.
        let mut events: Vec<(EntityIdx, &Reading)> = Vec::new();
        for reading in &readings {
            if !events.iter().any(|(e, _)| *e == reading.fact.subject) {
                events.push((reading.fact.subject, reading));
            }
        }
        if events.is_empty() {
            return Judgement::unverified(format!(
                "“{text}”: the fact base holds no counts of what this sentence is about"
            ))
            .with(&normalized);
        }
        let judged: Vec<(Verdict, String, Vec<&Fact>, EntityIdx, &Reading)> = events
            .iter()
            .map(|&(event, reading)| {
                let counts = siblings(base, reading.fact);
                let (verdict, said, facts) = match tally.form {
                    TallyForm::Versus => versus(base, tally, &counts),
                    TallyForm::OutOf => out_of(base, tally, &counts, &readings),
                };
                (verdict, said, facts, event, reading)
            })
            .collect();
        // The events the tally can be about: those with one of its numbers right (the
        // votes for, the whole), when any has.
        let pinned: Vec<usize> = events
            .iter()
            .enumerate()
            .filter(|(_, (_, reading))| pins(base, tally, &siblings(base, reading.fact)))
            .map(|(i, _)| i)
            .collect();
        let chosen = judged
            .iter()
            .find(|(verdict, ..)| *verdict == Verdict::Supported)
            .or_else(|| match pinned[..] {
                [only] => judged.get(only),
                _ => None,
            })
            .unwrap_or(&judged[0]);
        let (verdict, said, facts, event, reading) = chosen;
        normalized.event = Some(base.entities[*event].id.clone());
        let judgement = Judgement::new(
            *verdict,
            format!("“{text}”: {said}"),
            Evidence::all(facts.iter().copied()),
        );
        // Teams and candidates meet again and again: the occasion must be named, dated
        // by the sentence, or around the draft's date.
        let stated = cx.date_near(&claim.sentence, &claim.tokens).map(|(range, _)| range);
        let on_stated = match (stated, base.occurrence(*event)) {
            (Some(stated), Some((_, time))) => stated.overlaps(&time.range()),
            _ => false,
        };
        let occasion = reading.event_name.is_some() || on_stated || around_as_of(cx, *event);
        const UNDATED: &str = "the fact base holds one occasion of it, but the sentence neither names nor dates it, and it was long before the draft's date";
        let judgement = if *verdict == Verdict::Supported {
            if occasion {
                judgement.decided_only_if(reading.strong, "the names matched only weakly")
            } else {
                Judgement::unverified(format!(
                    "{}; left unverified because {UNDATED}",
                    judgement.explanation
                ))
            }
        } else {
            // One event meant, named or tied by its facts' named people and bodies.
            let one_event = judged.len() == 1 || pinned.len() == 1;
            let tied = reading.strong
                && (reading.event_name.is_some()
                    || reading.qualifiers_by_name > 0
                    || reading.decisive(base));
            judgement
                .decided_only_if(one_event && tied, "the tally may be of another vote")
                .decided_only_if(occasion, UNDATED)
        };
        judgement.with(&normalized)
    }
}

/// Whether one of an event's counts has one of the tally's numbers right: the first
/// side, or for a part of a whole, the whole.
fn pins(base: &FactBase, tally: &Tally, counts: &[&Fact]) -> bool {
    let same = |a: f64, b: f64| (a - b).abs() < 1e-9;
    match tally.form {
        TallyForm::Versus => counts.iter().any(|f| {
            f.number()
                .is_some_and(|v| same(v, tally.first) || same(v, tally.second))
        }),
        TallyForm::OutOf => {
            let Some(out_of) = base.properties.qualifier("out-of") else {
                return false;
            };
            counts.iter().any(|f| {
                f.qualifier(out_of)
                    .and_then(|v| v.number())
                    .is_some_and(|w| same(w, tally.second))
            })
        }
    }
}

/// The counts of one event alongside `fact`: the same property and unit.
fn siblings<'a>(base: &'a FactBase, fact: &Fact) -> Vec<&'a Fact> {
    base.facts_about(fact.subject)
        .filter(|f| f.property == fact.property && f.unit == fact.unit && f.number().is_some())
        .collect()
}

/// A count in words: "60 (side: for)", "87 (candidate: Isaac Herzog)".
fn describe(base: &FactBase, fact: &Fact) -> String {
    let qualifiers: Vec<String> = fact
        .qualifiers
        .iter()
        .filter(|(id, _)| base.properties.qualifier_definition(*id).id != "out-of")
        .map(|(id, value)| {
            let value = match value {
                crate::factbase::QualifierValue::Entity(e) => base.entities[*e].name.clone(),
                crate::factbase::QualifierValue::Number(n) => wording::number(*n),
                crate::factbase::QualifierValue::Date(d) => d.to_string(),
                crate::factbase::QualifierValue::Text(t) => t.clone(),
            };
            format!("{} {value}", base.properties.qualifier_definition(*id).id)
        })
        .collect();
    let value = wording::number(fact.number().unwrap_or(f64::NAN));
    if qualifiers.is_empty() {
        value
    } else {
        format!("{value} ({})", qualifiers.join(", "))
    }
}

/// "60 votes to 59": two of the event's counts are the two numbers.
fn versus<'a>(
    base: &FactBase,
    tally: &Tally,
    counts: &[&'a Fact],
) -> (Verdict, String, Vec<&'a Fact>) {
    let value = |f: &Fact| f.number().unwrap_or(f64::NAN);
    let same = |a: f64, b: f64| (a - b).abs() < 1e-9;
    let event = counts
        .first()
        .map(|f| base.entities[f.subject].name.clone())
        .unwrap_or_default();
    let listed: Vec<String> = counts.iter().map(|f| describe(base, f)).collect();
    for (i, a) in counts.iter().enumerate() {
        for b in counts.iter().skip(i + 1) {
            let (x, y) = (value(a), value(b));
            if (same(x, tally.first) && same(y, tally.second))
                || (same(y, tally.first) && same(x, tally.second))
            {
                return (
                    Verdict::Supported,
                    format!("{event} counted {} and {}", describe(base, a), describe(base, b)),
                    vec![*a, *b],
                );
            }
        }
    }
    if counts.len() < 2 {
        return (
            Verdict::Unverified,
            format!("the fact base holds only one count of {event}"),
            counts.to_vec(),
        );
    }
    (
        Verdict::Contradicted,
        format!(
            "{event} counted {}, not {} and {}",
            listed.join(", "),
            wording::number(tally.first),
            wording::number(tally.second)
        ),
        counts.to_vec(),
    )
}

/// "314 of the 462 valid votes": a count of the event whose `out-of` is the whole,
/// among those the sentence's names tie it to.
fn out_of<'a>(
    base: &FactBase,
    tally: &Tally,
    counts: &[&'a Fact],
    readings: &[Reading],
) -> (Verdict, String, Vec<&'a Fact>) {
    let Some(out_of_id) = base.properties.qualifier("out-of") else {
        return (Verdict::Unverified, "no count gives a whole".into(), Vec::new());
    };
    let whole = |f: &Fact| f.qualifier(out_of_id).and_then(|v| v.number());
    let same = |a: f64, b: f64| (a - b).abs() < 1e-9;
    // Only the counts the sentence ties to itself (a named candidate, a named chamber).
    let tied: Vec<&Fact> = counts
        .iter()
        .copied()
        .filter(|f| readings.iter().any(|r| r.fact.id == f.id))
        .collect();
    let of_whole: Vec<&Fact> = tied
        .iter()
        .copied()
        .filter(|f| whole(f).is_some_and(|w| same(w, tally.second)))
        .collect();
    if let Some(fact) = of_whole
        .iter()
        .find(|f| f.number().is_some_and(|v| same(v, tally.first)))
    {
        return (
            Verdict::Supported,
            format!("{} of {}", describe(base, fact), wording::number(tally.second)),
            vec![*fact],
        );
    }
    match of_whole[..] {
        [fact] => (
            Verdict::Contradicted,
            format!(
                "the count of {} is {}, not {}",
                wording::number(tally.second),
                describe(base, fact),
                wording::number(tally.first)
            ),
            vec![fact],
        ),
        _ => (
            Verdict::Unverified,
            format!(
                "the fact base holds no count out of {} that this sentence names",
                wording::number(tally.second)
            ),
            tied,
        ),
    }
}
