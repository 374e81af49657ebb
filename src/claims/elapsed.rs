//! ## What it finds
//! The time since an event, counted back from the publication date: "Trump's
//! decision nearly two years ago to abandon the deal", "a week ago".
//!
//! ## Why check it
//! Elapsed times go stale as a story is reused, and a hedge ("nearly") is easy to
//! get the wrong side of.

use super::{Claim, ClaimKind, ClauseContext, Statement};
use crate::mentions::{DateExpr, DateMention, Duration, MentionValue};
use crate::rules::Tolerance;

/// Whether a date was written as "N units ago".
pub fn is_ago(date: &DateMention) -> bool {
    matches!(date.expr, DateExpr::Shift { amount, .. } if amount < 0)
}

pub fn find(context: &ClauseContext) -> Vec<Claim> {
    context
        .mentions
        .iter()
        .filter_map(|mention| {
            let MentionValue::Date(date) = &mention.value else {
                return None;
            };
            let DateExpr::Shift { amount, unit } = date.expr else {
                return None;
            };
            if amount >= 0 {
                return None;
            }
            let (tolerance, start) = hedge_before(context, mention.tokens.start)
                .unwrap_or((Tolerance::Exact, mention.tokens.start));
            let duration = Duration::new(-amount as f64, unit);
            Some(context.claim(
                ClaimKind::Elapsed,
                start..mention.tokens.end,
                Statement::Elapsed {
                    duration,
                    tolerance,
                },
            ))
        })
        .collect()
}

/// The hedge right before token `start` ("nearly"), with its first token.
pub fn hedge_before(context: &ClauseContext, start: usize) -> Option<(Tolerance, usize)> {
    context.mentions.iter().find_map(|m| match m.value {
        MentionValue::Hedge(tolerance) if m.tokens.end == start => {
            Some((tolerance, m.tokens.start))
        }
        _ => None,
    })
}
