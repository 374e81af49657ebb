//! ## What it finds
//! The time between two events, or their order: "the envoy spoke on Thursday,
//! about a week after Trump warned of an attack" (relative-event); "founded the
//! militia after the 2003 invasion" (event-order).
//!
//! ## Why check it
//! A gap or an order is a claim about two facts at once; either can be wrong.
//!
//! The reference event is named in the clause that "after" or "before" opens; the
//! claim's own end is a date in its own clause, or an event named there.

use super::elapsed::hedge_before;
use super::{Claim, ClaimKind, ClauseContext, Direction, Statement};
use crate::mentions::{DateMention, MentionValue};
use crate::rules::Tolerance;
use crate::segment::TokenKind;

pub fn find(context: &ClauseContext) -> Vec<Claim> {
    let Some(next) = context.clauses.get(context.clause_index + 1) else {
        return Vec::new();
    };
    let tokens = &context.segmented.tokens;
    let direction = match tokens[next.start].key.as_str() {
        "after" => Direction::After,
        "before" => Direction::Before,
        _ => return Vec::new(),
    };
    let reference = next.start + 1..next.end;
    if reference.is_empty() {
        return Vec::new();
    }
    let own_date: Option<DateMention> =
        context.mentions.iter().rev().find_map(|m| match &m.value {
            MentionValue::Date(date) => Some(*date),
            _ => None,
        });
    // "about a week after": a duration ending the clause.
    let gap = context.mentions.iter().find_map(|m| match &m.value {
        MentionValue::Duration(duration) if m.tokens.end == next.start => {
            Some((*duration, m.tokens.clone()))
        }
        _ => None,
    });
    if let Some((duration, span)) = gap {
        let (tolerance, start) =
            hedge_before(context, span.start).unwrap_or((Tolerance::Exact, span.start));
        let statement = Statement::Relative {
            duration,
            tolerance,
            direction,
            reference,
            own_date,
        };
        return vec![context.claim(ClaimKind::RelativeEvent, start..next.start + 1, statement)];
    }
    // An order is claimed when the reference clause dates its event ("after the 2003
    // invasion"); an undated "after months of protests" says too little to check.
    if !tokens[reference.clone()]
        .iter()
        .any(|t| t.kind == TokenKind::Number)
    {
        return Vec::new();
    }
    let mut end = next.end;
    while end > reference.start && tokens[end - 1].kind == TokenKind::Punct {
        end -= 1;
    }
    vec![context.claim(
        ClaimKind::EventOrder,
        next.start..end,
        Statement::Order {
            direction,
            reference,
        },
    )]
}
