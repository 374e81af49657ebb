//! ## What it finds
//! The time between two things that happened, or their order: "the announcement came
//! four days after he overtook Sato's record", "two days before the vote" (relative
//! event); "founded the militia after the 2003 invasion" (event order).
//!
//! ## Why check it
//! A gap or an order is a claim about two facts at once; either can be wrong.
//!
//! ## How it is checked
//! The reference is what the words after "after" or "before" name, up to the next
//! comma; the claim's own end is a date its clause states, or what the clause tells
//! of. Each end is a date the draft states or the time of a fact read from its words
//! (`verify::readings`); the gap between them must fit the stated duration and hedge.

use super::{Check, Claim, ClaimKind, ClauseContext};
use crate::dates::DateRange;
use crate::factbase::Role;
use crate::mentions::{Duration, MentionValue};
use crate::rules::Tolerance;
use crate::segment::TokenKind;
use crate::verify::readings::{Query, after};
use crate::verify::{
    CheckContext, Evidence, Judgement, Reading, Rounding, Verdict, describe_days, judge_span,
    wording,
};
use serde::{Deserialize, Serialize};
use std::ops::Range;

pub const RELATIVE_EVENT: ClaimKind = ClaimKind::new("relative-event");
pub const EVENT_ORDER: ClaimKind = ClaimKind::new("event-order");
pub const KINDS: &[(ClaimKind, &str)] = &[
    (RELATIVE_EVENT, "the time between two things that happened"),
    (EVENT_ORDER, "which of two things happened first"),
];

/// Which way a relative claim points from its own end to the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    After,
    Before,
}

#[derive(Debug, Clone)]
pub struct RelativeStatement {
    /// "about a week": the gap and its hedge; none for an order claim.
    pub gap: Option<(Duration, Tolerance)>,
    pub direction: Direction,
    /// Tokens that name the reference, after "after" or "before".
    pub reference: Range<usize>,
    /// Tokens of the claim's own clause, before the gap.
    pub own: Range<usize>,
}

pub fn find(context: &ClauseContext) -> Vec<Claim> {
    let Some(next) = context.clauses.get(context.clause_index + 1) else {
        return Vec::new();
    };
    let tokens = &context.segmented.tokens;
    let Some(&direction) = context.rules.event_order.get(tokens[next.start].key.as_str()) else {
        return Vec::new();
    };
    // The reference runs to the first comma or semicolon.
    let end = (next.start + 1..next.end)
        .find(|&i| tokens[i].is_punct(',') || tokens[i].is_punct(';'))
        .unwrap_or(next.end);
    let mut reference = next.start + 1..end;
    while reference.end > reference.start && tokens[reference.end - 1].kind == TokenKind::Punct {
        reference.end -= 1;
    }
    if reference.is_empty() {
        return Vec::new();
    }
    // "about a week after": a duration ending the clause.
    let gap = context.mentions.iter().find_map(|m| match &m.value {
        MentionValue::Duration(duration) if m.tokens.end == next.start => {
            Some((*duration, m.tokens.clone()))
        }
        _ => None,
    });
    if let Some((duration, span)) = gap {
        let (tolerance, start) = context
            .hedge_before(span.start)
            .unwrap_or((Tolerance::Exact, span.start));
        let statement = RelativeStatement {
            gap: Some((duration, tolerance)),
            direction,
            reference,
            own: own_stretch(context, start),
        };
        return vec![context.claim(RELATIVE_EVENT, start..next.start + 1, statement)];
    }
    // An order is claimed when the reference dates what it names ("after the 2003
    // invasion"); an undated "after months of protests" or "after 2,822 days" says too
    // little to check.
    let dated = context.sentence_mentions.iter().any(|m| {
        reference.contains(&m.tokens.start) && matches!(m.value, MentionValue::Date(_))
    });
    if !dated {
        return Vec::new();
    }
    let statement = RelativeStatement {
        gap: None,
        direction,
        own: context.clause.clone(),
        reference: reference.clone(),
    };
    vec![context.claim(EVENT_ORDER, next.start..reference.end, statement)]
}

/// The claim's own end, before the gap at `gap`: the clause from its last break
/// ("so", "and", "but", a comma) that words follow before the gap, so that in "it
/// lifted off on July 30, so its arrival came seven months after launch" the own end
/// is the arrival, not the launch.
fn own_stretch(context: &ClauseContext, gap: usize) -> Range<usize> {
    let tokens = &context.segmented.tokens;
    let start = context.clause.start;
    let mut from = start;
    for i in start..gap {
        let token = &tokens[i];
        let breaks = token.is_punct(',')
            || token.is_punct(';')
            || (token.is_word() && context.rules.order_breaks.contains(token.key.as_str()));
        let words_follow = (i + 1..gap).any(|j| tokens[j].is_word());
        if breaks && words_follow {
            from = i + 1;
        }
    }
    from..gap
}

/// Which end of the span a stretch is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Own,
    Reference,
}

/// One end of the span: a date the draft states, or a fact read from its words.
#[derive(Clone)]
struct End<'a> {
    range: DateRange,
    name: String,
    reading: Option<Reading<'a>>,
}

impl End<'_> {
    fn decisive(&self, cx: &CheckContext) -> bool {
        self.reading.as_ref().is_none_or(|r| r.decisive(cx.base))
    }
}

/// The ends a stretch can mean: a date it states ("on September 18", "Monday's
/// ceremony"), which is what the gap is measured from, or the facts its words state
/// inside that date; else the facts its words state at all.
/// The reference is about what it names itself, when it names anything ("after Truss
/// was appointed" is about Truss, not the queen named before it); the claim's own end
/// may be about anything its sentence names.
fn ends<'a>(
    cx: &CheckContext<'a>,
    claim: &Claim,
    stretch: Range<usize>,
    side: Side,
) -> Vec<End<'a>> {
    let stated = cx.mentions_in(&stretch).iter().rev().find_map(|m| match &m.value {
        MentionValue::Date(date) => Some((date.range, m.tokens.clone())),
        _ => None,
    });
    let read = readings_of(cx, claim, &stretch, side);
    let Some((range, tokens)) = stated else {
        return read;
    };
    // "first won the award in 2009": a fact the stretch states, inside the date it
    // gives, dates it more closely.
    let inside: Vec<End> = read
        .into_iter()
        .filter(|end| range.contains(&end.range) && end.decisive(cx))
        .collect();
    if !inside.is_empty() {
        return inside;
    }
    vec![End {
        range,
        name: format!("“{}” ({range})", cx.text_of(tokens)),
        reading: None,
    }]
}

/// The ends the facts a stretch's words state give it.
fn readings_of<'a>(
    cx: &CheckContext<'a>,
    claim: &Claim,
    stretch: &Range<usize>,
    side: Side,
) -> Vec<End<'a>> {
    let base = cx.base;
    let stretch = stretch.clone();
    let entities_in = if side == Side::Reference && !cx.discourse.within(&stretch).is_empty() {
        stretch.clone()
    } else {
        claim.sentence.clone()
    };
    let query = Query {
        words_in: stretch.clone(),
        entities_in,
        near: stretch.clone(),
        words_needed: true,
        topic: false,
    };
    let accept = |_: &crate::factbase::Fact, d: &crate::factbase::PropertyDefinition| {
        !matches!(d.role, Role::Category | Role::Membership | Role::Quantity)
    };
    let mut readings = cx.readings().find(&query, &accept);
    readings.retain(|r| !after(r.time(base), cx.as_of));
    super::ordinal::select_nth(cx, claim, &mut readings);
    readings
        .into_iter()
        .filter_map(|r| {
            Some(End {
                range: r.time(base)?,
                name: wording::fact(base, r.fact),
                reading: Some(r),
            })
        })
        .collect()
}

#[derive(Debug, Serialize)]
struct Normalized {
    direction: Direction,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference_fact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gap_days: Option<f64>,
}

impl Check for RelativeStatement {
    fn check(&self, claim: &Claim, cx: &CheckContext) -> Judgement {
        let text = cx.text_of(claim.tokens.clone());
        let mut normalized = Normalized {
            direction: self.direction,
            duration: self.gap.map(|(d, _)| d.iso()),
            reference_fact: None,
            gap_days: None,
        };
        let references = ends(cx, claim, self.reference.clone(), Side::Reference);
        let own = ends(cx, claim, self.own.clone(), Side::Own);
        let (Some(_), Some(_)) = (references.first(), own.first()) else {
            let missing = if references.is_empty() {
                format!("what “{}” names", cx.text_of(self.reference.clone()))
            } else {
                "the event this sentence tells of".to_string()
            };
            return Judgement::unverified(format!(
                "“{text}”: the fact base holds nothing to date {missing}"
            ))
            .with(&normalized);
        };
        // Each pair of ends, judged; a pair that fits supports the claim.
        let mut judged: Vec<(Verdict, f64, &End, &End)> = Vec::new();
        for reference in &references {
            for own_end in &own {
                if same_fact(reference, own_end) {
                    continue;
                }
                let (verdict, gap) = self.judge(&own_end.range, &reference.range);
                judged.push((verdict, gap, own_end, reference));
            }
        }
        let Some(&first) = judged.first() else {
            return Judgement::unverified(format!(
                "“{text}”: both ends are the same thing in the fact base"
            ))
            .with(&normalized);
        };
        let (verdict, gap, own_end, reference) = judged
            .iter()
            .copied()
            .find(|(v, ..)| *v == Verdict::Supported)
            .unwrap_or(first);
        normalized.reference_fact = reference.reading.as_ref().map(|r| r.fact.id.clone());
        normalized.gap_days = self.gap.map(|_| gap);
        let way = match self.direction {
            Direction::After => "after",
            Direction::Before => "before",
        };
        let explanation = match self.gap {
            Some((duration, _)) => {
                let span = describe_days(gap.abs(), duration.unit);
                match verdict {
                    Verdict::Supported => {
                        format!("“{text}” fits: {} is {span} {way} {}", own_end.name, reference.name)
                    }
                    _ if gap < 0.0 => format!(
                        "“{text}” does not fit: {} comes {} {}, not {way} it",
                        own_end.name,
                        if way == "after" { "before" } else { "after" },
                        reference.name
                    ),
                    _ => format!(
                        "“{text}” does not fit: {} is {span} {way} {}",
                        own_end.name, reference.name
                    ),
                }
            }
            None => {
                let how = match verdict {
                    Verdict::Supported => "fits",
                    Verdict::Contradicted => "has the order the wrong way round",
                    _ => "cannot be checked: the fact base dates the two events too loosely to tell which came first",
                };
                format!(
                    "“{text}” {how}: {} ({}) and {} ({})",
                    own_end.name, own_end.range, reference.name, reference.range
                )
            }
        };
        let facts = [own_end, reference]
            .into_iter()
            .filter_map(|e| e.reading.as_ref().map(|r| r.fact));
        // Both ends from the draft's own words decide nothing about the fact base.
        let from_base = own_end.reading.is_some() || reference.reading.is_some();
        let decided = from_base && own_end.decisive(cx) && reference.decisive(cx);
        let strong = [own_end, reference]
            .iter()
            .all(|e| e.reading.as_ref().is_none_or(|r| r.strong));
        let judgement = Judgement::new(verdict, explanation, Evidence::all(facts));
        let judgement = if verdict == Verdict::Supported && !(from_base && strong) {
            Judgement::unverified(format!(
                "{}; left unverified because the fact base holds neither event",
                judgement.explanation
            ))
        } else {
            judgement.decided_only_if(
                decided,
                "either event may be a different one from the one found",
            )
        };
        judgement.with(&normalized)
    }
}

impl RelativeStatement {
    /// The verdict for one pair of ends, and the gap in days (positive when the own
    /// end lies the stated way from the reference).
    fn judge(&self, own: &DateRange, reference: &DateRange) -> (Verdict, f64) {
        let signed = |days: i64| match self.direction {
            Direction::After => days as f64,
            Direction::Before => -days as f64,
        };
        let Some((duration, tolerance)) = self.gap else {
            let (first, second) = match self.direction {
                Direction::After => (reference, own),
                Direction::Before => (own, reference),
            };
            let verdict = if first.last < second.first {
                Verdict::Supported
            } else if second.last < first.first {
                Verdict::Contradicted
            } else {
                Verdict::Unverified
            };
            return (verdict, 0.0);
        };
        // Coarse dates span many gaps: any that fits supports the claim.
        let lowest = signed((own.first - reference.last).num_days());
        let highest = signed((own.last - reference.first).num_days());
        let (lowest, highest) = (lowest.min(highest), lowest.max(highest));
        let stated = duration.days();
        let nearest = stated.clamp(lowest, highest);
        let middle = signed(
            (crate::verify::middle(own) - crate::verify::middle(reference)).num_days(),
        );
        for gap in [nearest, middle] {
            if gap >= 0.0
                && judge_span(&duration, tolerance, gap, Rounding::Nearest) == Verdict::Supported
            {
                return (Verdict::Supported, gap);
            }
        }
        if nearest < 0.0 {
            return (Verdict::Contradicted, nearest);
        }
        (
            judge_span(&duration, tolerance, nearest, Rounding::Nearest),
            nearest,
        )
    }
}

/// Whether two ends are one fact read twice.
fn same_fact(a: &End, b: &End) -> bool {
    match (&a.reading, &b.reading) {
        (Some(x), Some(y)) => x.fact.id == y.fact.id && x.aspect == y.aspect,
        _ => false,
    }
}
