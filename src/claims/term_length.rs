//! ## What it finds
//! A length of time something lasted: a term ("after 100 days in office", "served
//! six years", "seven years and eight months as chief cabinet secretary", "2,822
//! consecutive days", "21 years at the club") or a measured duration ("a 203-day
//! trip", "more than 11 minutes to reach Earth").
//!
//! ## Why check it
//! Lengths of terms are computed by hand from two dates, and records ("the longest
//! anyone has held the job") hang on them.
//!
//! ## How it is checked
//! Against the states the sentence is about (`role: state` facts whose object it
//! names, or whose words it uses: "in office", "at the club"), each term from its
//! start to its end (or to the as-of date while it goes on), and the total of a
//! person's terms of one office; and against quantity facts measured in units of
//! time. A bare length may be rounded or counted in whole units completed; days may
//! be counted with or without the first.

use super::{Check, Claim, ClaimKind, ClauseContext};
use crate::factbase::{Fact, FactTime, Role};
use crate::mentions::{Duration, MentionValue};
use crate::rules::Tolerance;
use crate::verify::readings::Query;
use crate::verify::{
    CheckContext, Evidence, Judgement, Rounding, Verdict, describe_days, judge_span, wording,
};
use serde::Serialize;

pub const DURATION: ClaimKind = ClaimKind::new("duration");
pub const KINDS: &[(ClaimKind, &str)] = &[(
    DURATION,
    "how long something lasted: a term in office, a journey",
)];

#[derive(Debug, Clone)]
pub struct TermLengthStatement {
    pub duration: Duration,
    pub tolerance: Tolerance,
    /// The noun after it when that makes the length one agreed in advance ("a
    /// two-year contract").
    pub agreed: Option<String>,
}

pub fn find(context: &ClauseContext) -> Vec<Claim> {
    let tokens = &context.segmented.tokens;
    let next_clause = context.clauses.get(context.clause_index + 1);
    let mut claims = Vec::new();
    for mention in context.mentions {
        let (duration, tokens_end) = match &mention.value {
            MentionValue::Duration(duration) => (*duration, mention.tokens.end),
            // "2,822 consecutive days": a number, a word, and a unit of time.
            MentionValue::Number {
                value, unit: None, ..
            } => match spelled_out(context, mention.tokens.end) {
                Some((unit, end)) => (Duration::new(*value, unit), end),
                None => continue,
            },
            _ => continue,
        };
        let mention_tokens = mention.tokens.start..tokens_end;
        let before = mention_tokens.start.checked_sub(1).map(|p| tokens[p].key.as_str());
        let after = tokens.get(mention_tokens.end).map(|t| t.key.as_str());
        let units = &context.rules.counting;
        // "in two years", "within days": a window or a time ahead, not a length;
        // "once a year", "every two years": how often; "his first 100 days": a part.
        if before.is_some_and(|word| units.not_lengths_before.contains(word)) {
            continue;
        }
        // "four days after ...", "two days later": the gap between two things.
        if after.is_some_and(|word| units.not_lengths.contains(word))
            || next_clause.is_some_and(|next| next.start == mention_tokens.end)
        {
            continue;
        }
        let (tolerance, start) = context
            .hedge_before(mention_tokens.start)
            .unwrap_or((Tolerance::Exact, mention_tokens.start));
        let agreed = after
            .filter(|noun| units.agreed_lengths.contains(*noun))
            .map(str::to_string);
        let statement = TermLengthStatement {
            duration,
            tolerance,
            agreed,
        };
        claims.push(context.claim(DURATION, start..mention_tokens.end, statement));
    }
    claims
}

/// "consecutive days", "straight years": one word, then a unit of time, after a
/// number; the unit and one past it. Not an article ("2 a year") nor the start of
/// another mention ("turned 71 this year").
pub fn spelled_out(context: &ClauseContext, from: usize) -> Option<(crate::dates::TimeUnit, usize)> {
    let tokens = &context.segmented.tokens;
    let word = tokens.get(from).filter(|t| from < context.clause.end && t.is_word())?;
    let key = word.key.as_str();
    let starts_a_mention = context.mentions.iter().any(|m| m.tokens.start == from);
    if context.rules.units.contains_key(key) || context.rules.articles.contains(key) || starts_a_mention
    {
        return None;
    }
    let unit = tokens.get(from + 1).filter(|_| from + 1 < context.clause.end)?;
    let &unit = context.rules.units.get(unit.key.as_str())?;
    Some((unit, from + 2))
}

/// How many tokens from a length the words or name it is about may be.
const TIE: usize = 3;

/// One length the claim may mean: a term, a total of terms, or a measured duration.
struct Length<'a> {
    days: f64,
    /// How the sources bound it, when they give only a bound.
    bound: Option<&'a str>,
    facts: Vec<&'a Fact>,
    what: String,
    /// Whether `what` gives the length itself, as the sources measure it.
    measured: bool,
    decisive: bool,
}

#[derive(Debug, Serialize)]
struct Normalized {
    duration: String,
    tolerance: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actual_days: Option<f64>,
}

impl Check for TermLengthStatement {
    fn check(&self, claim: &Claim, cx: &CheckContext) -> Judgement {
        let text = cx.text_of(claim.tokens.clone());
        let mut normalized = Normalized {
            duration: self.duration.iso(),
            tolerance: self.tolerance.name(),
            fact: None,
            actual_days: None,
        };
        if let Some(noun) = &self.agreed {
            return Judgement::unverified(format!(
                "“{text}” is the length of the {noun} as agreed; the fact base records how long things lasted, not what was agreed"
            ))
            .with(&normalized);
        }
        let lengths = lengths(claim, cx);
        let judged: Vec<(Verdict, &Length)> = lengths
            .iter()
            .map(|l| {
                let verdict = match l.bound {
                    // A length the sources give only as a bound agrees with the same
                    // bound, and decides nothing else.
                    Some(kind) if kind == self.tolerance.name()
                        && (l.days - self.duration.days()).abs() < 1e-6 =>
                    {
                        Verdict::Supported
                    }
                    Some(_) => Verdict::Unverified,
                    None => judge_span(&self.duration, self.tolerance, l.days, Rounding::Completed),
                };
                (verdict, l)
            })
            .collect();
        let Some(&(first_verdict, first)) = judged.first() else {
            return Judgement::unverified(format!(
                "“{text}”: nothing in the fact base measures what this lasted"
            ))
            .with(&normalized);
        };
        let (verdict, chosen) = judged
            .iter()
            .copied()
            .find(|(v, _)| *v == Verdict::Supported)
            .unwrap_or((first_verdict, first));
        normalized.fact = chosen.facts.first().map(|f| f.id.clone());
        normalized.actual_days = Some(chosen.days);
        let span = if chosen.measured {
            chosen.what.clone()
        } else {
            format!("{}: {}", chosen.what, describe_days(chosen.days, self.duration.unit))
        };
        let judgement = if verdict == Verdict::Supported {
            Judgement::new(
                Verdict::Supported,
                format!("“{text}” fits: {span}"),
                Evidence::all(chosen.facts.iter().copied()),
            )
        } else {
            let decided = judged.len() == 1 && chosen.decisive;
            Judgement::new(
                verdict,
                format!("“{text}” does not fit: {span}"),
                Evidence::all(judged.iter().flat_map(|(_, l)| l.facts.iter().copied())),
            )
            .decided_only_if(decided, "the sentence may mean a different period")
        };
        judgement.with(&normalized)
    }
}

/// The lengths the sentence may mean: each term of the states it is about, a
/// person's terms of one office added up, and quantities measured in time.
fn lengths<'a>(claim: &Claim, cx: &CheckContext<'a>) -> Vec<Length<'a>> {
    let base = cx.base;
    // The words a length is tied to lie right by it, wherever the clause breaks
    // ("his second administration after 2,822 consecutive days").
    let query = Query {
        words_in: claim.sentence.clone(),
        entities_in: claim.sentence.clone(),
        near: claim.tokens.clone(),
        words_needed: false,
        topic: true,
    };
    let units = &cx.rules.units;
    let accept = |fact: &Fact, d: &crate::factbase::PropertyDefinition| match d.role {
        // A state, or something that went on from a start to an end (a crisis).
        Role::State | Role::Occurrence => matches!(fact.time, Some(FactTime::Between { .. })),
        Role::Quantity => fact
            .unit
            .as_deref()
            .is_some_and(|u| units.contains_key(u)),
        _ => false,
    };
    let mut readings = cx.readings().find(&query, &accept);
    // A length belongs to what the words right by it name: "12 years in office",
    // "seven years as chief cabinet secretary", "a 203-day trip".
    // A state's length is told by its state's words ("in office", "served") or its
    // office named; a word for its start or end ("ends two years of ...") is not one.
    readings.retain(|r| {
        r.tie_distance(&claim.tokens) <= TIE
            && (base.role(r.fact) == Role::Quantity
                || r.aspect == crate::factbase::Aspect::State
                || r.object.is_some()
                || r.event_name.is_some())
    });
    super::ordinal::select_nth(cx, claim, &mut readings);
    let end_of = |fact: &Fact| match fact.time {
        Some(FactTime::Between {
            start,
            end: Some(end),
        }) => Some((start.first, end.last)),
        Some(FactTime::Between { start, end: None }) => cx.as_of.map(|a| (start.first, a)),
        _ => None,
    };
    let mut lengths: Vec<Length> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for reading in &readings {
        let fact = reading.fact;
        if seen.contains(&fact.id.as_str()) {
            continue;
        }
        seen.push(&fact.id);
        if base.role(fact) == Role::Quantity {
            let (Some(value), Some(unit)) = (fact.number(), fact.unit.as_deref()) else {
                continue;
            };
            let Some(unit) = units.get(unit) else { continue };
            let bound = super::count::bound(base, fact);
            let written = fact.unit.as_deref().unwrap_or_default();
            lengths.push(Length {
                days: value * unit.days(),
                bound,
                facts: vec![fact],
                what: format!(
                    "{}: {}{} {}",
                    wording::fact(base, fact),
                    match bound {
                        Some("above") => "more than ",
                        Some("below") => "less than ",
                        Some(_) => "about ",
                        None => "",
                    },
                    wording::number(value),
                    if value == 1.0 { written.to_string() } else { cx.rules.counting.plural(written) }
                ),
                measured: true,
                decisive: reading.decisive(base),
            });
            continue;
        }
        let Some((start, end)) = end_of(fact) else { continue };
        lengths.push(Length {
            // Both the first and the last day are days of the term.
            days: (end - start).num_days() as f64 + 1.0,
            bound: None,
            facts: vec![fact],
            what: format!("{} {}", wording::fact(base, fact), wording::term(fact)),
            measured: false,
            decisive: reading.decisive(base),
        });
    }
    // A person's terms of one office, added up ("3,188 days in office in all").
    let states: Vec<&Fact> = readings
        .iter()
        .map(|r| r.fact)
        .filter(|f| base.role(f) == Role::State)
        .collect();
    for fact in &states {
        let terms: Vec<&Fact> = base
            .facts_about(fact.subject)
            .filter(|f| f.property == fact.property && f.object == fact.object)
            .collect();
        if terms.len() < 2 || lengths.iter().any(|l| l.facts.len() > 1 && l.facts[0].subject == fact.subject && l.facts[0].object == fact.object) {
            continue;
        }
        let days: Option<f64> = terms
            .iter()
            .map(|t| end_of(t).map(|(s, e)| (e - s).num_days() as f64 + 1.0))
            .sum();
        if let Some(days) = days {
            lengths.push(Length {
                days,
                bound: None,
                facts: terms.clone(),
                what: format!("{} terms of {} in all", terms.len(), wording::fact(base, fact)),
                measured: false,
                decisive: false,
            });
        }
    }
    lengths
}
