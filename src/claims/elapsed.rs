//! ## What it finds
//! The time since something happened, counted back from the publication date:
//! "Trump's decision nearly two years ago to abandon the deal", "who first became
//! prime minister nearly 25 years ago".
//!
//! ## Why check it
//! Elapsed times go stale as a story is reused, and a hedge ("nearly") is easy to get
//! the wrong side of.
//!
//! ## How it is checked
//! What happened is read from the clause (`verify::readings`): the span from its time
//! to the as-of date must fit the stated duration and its hedge.

use super::{Check, Claim, ClaimKind, ClauseContext};
use crate::factbase::Role;
use crate::mentions::{DateExpr, DateMention, Duration, MentionValue};
use crate::rules::Tolerance;
use crate::verify::readings::{Query, after};
use crate::verify::{
    CheckContext, Evidence, Judgement, Rounding, Verdict, describe_days, judge_span, middle,
    wording,
};
use serde::Serialize;

pub const ELAPSED: ClaimKind = ClaimKind::new("elapsed");
pub const KINDS: &[(ClaimKind, &str)] = &[(
    ELAPSED,
    "the time since something happened, from the publication date",
)];

/// Whether a date was written as "N units ago".
pub fn is_ago(date: &DateMention) -> bool {
    matches!(date.expr, DateExpr::Shift { amount, .. } if amount < 0)
}

#[derive(Debug, Clone)]
pub struct ElapsedStatement {
    pub duration: Duration,
    pub tolerance: Tolerance,
}

pub fn find(context: &ClauseContext) -> Vec<Claim> {
    let tokens = &context.segmented.tokens;
    let ago_at = |i: usize| {
        i < context.clause.end
            && tokens
                .get(i)
                .is_some_and(|t| context.rules.ago_words.contains(t.key.as_str()))
    };
    context
        .mentions
        .iter()
        .filter_map(|mention| {
            let (duration, end) = match &mention.value {
                MentionValue::Date(date) => match date.expr {
                    DateExpr::Shift { amount, unit } if amount < 0 => {
                        (Duration::new(-amount as f64, unit), mention.tokens.end)
                    }
                    _ => return None,
                },
                // "eight and a half years ago": a duration, then "ago".
                MentionValue::Duration(duration) if ago_at(mention.tokens.end) => {
                    (*duration, mention.tokens.end + 1)
                }
                _ => return None,
            };
            let (tolerance, start) = context
                .hedge_before(mention.tokens.start)
                .unwrap_or((Tolerance::Exact, mention.tokens.start));
            let statement = ElapsedStatement {
                duration,
                tolerance,
            };
            Some(context.claim(ELAPSED, start..end, statement))
        })
        .collect()
}

#[derive(Debug, Serialize)]
struct Normalized {
    duration: String,
    tolerance: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fact_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    elapsed_days: Option<f64>,
}

impl Check for ElapsedStatement {
    fn check(&self, claim: &Claim, cx: &CheckContext) -> Judgement {
        let base = cx.base;
        let text = cx.text_of(claim.tokens.clone());
        let mut normalized = Normalized {
            duration: self.duration.iso(),
            tolerance: self.tolerance.name(),
            fact: None,
            fact_date: None,
            elapsed_days: None,
        };
        let Some(as_of) = cx.as_of else {
            return Judgement::unverified(format!(
                "“{text}” counts back from the publication date, and none is given"
            ))
            .with(&normalized);
        };
        let query = Query {
            words_in: claim.clause.clone(),
            entities_in: claim.sentence.clone(),
            near: claim.tokens.clone(),
            words_needed: true,
            topic: false,
        };
        let accept = |_: &crate::factbase::Fact, d: &crate::factbase::PropertyDefinition| {
            !matches!(d.role, Role::Category | Role::Membership | Role::Quantity)
        };
        let mut readings = cx.readings().find(&query, &accept);
        // The time since something happened, began or ended; a state's whole span
        // has no one day to count from.
        readings.retain(|r| {
            r.aspect != crate::factbase::Aspect::State
                && r.time(base).is_some()
                && !after(r.time(base), Some(as_of))
        });
        super::ordinal::select_nth(cx, claim, &mut readings);
        let judged: Vec<(Verdict, f64, &crate::verify::Reading)> = readings
            .iter()
            .filter_map(|r| {
                let day = middle(&r.time(base)?);
                let days = (as_of - day).num_days() as f64;
                Some((
                    judge_span(&self.duration, self.tolerance, days, Rounding::Nearest),
                    days,
                    r,
                ))
            })
            .collect();
        let Some(&(_, _, best)) = judged.first() else {
            return Judgement::unverified(format!(
                "“{text}”: nothing in the fact base matches what this sentence is about"
            ))
            .with(&normalized);
        };
        let fitting = judged
            .iter()
            .find(|(v, _, r)| *v == Verdict::Supported && r.strong && !r.from_topic);
        let (verdict, days, chosen) = fitting.copied().unwrap_or(judged[0]);
        let day = chosen.time(base).map(|t| middle(&t)).unwrap_or(as_of);
        normalized.fact = Some(chosen.fact.id.clone());
        normalized.fact_date = Some(day.to_string());
        normalized.elapsed_days = Some(days);
        let what = wording::fact(base, chosen.fact);
        let span = describe_days(days, self.duration.unit);
        let judgement = match verdict {
            Verdict::Supported => Judgement::new(
                Verdict::Supported,
                format!("“{text}” fits: {what} was on {day}, {span} before {as_of}"),
                vec![Evidence::of(chosen.fact)],
            ),
            _ => Judgement::new(
                verdict,
                format!("“{text}” does not fit: {what} was on {day}, {span} before {as_of}"),
                Evidence::all(judged.iter().map(|(_, _, r)| r.fact)),
            )
            .decided_only_if(
                best.decisive(base),
                &format!(
                    "the sentence may be about something other than {}",
                    wording::fact(base, best.fact)
                ),
            ),
        };
        judgement.with(&normalized)
    }
}
