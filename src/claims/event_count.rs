//! ## What it finds
//! A number attached to the things an event involved: "three Katyusha rockets
//! landed", "about 40 people were hurt", with its hedge.
//!
//! ## Why check it
//! Counts are easy to mistype and hard for an editor to verify by eye.
//!
//! Numbers that are not counts of things are left alone: money, percentages, times
//! of day, page and section numbers, durations (their own kind).

use super::{Claim, ClaimKind, ClauseContext, Statement};
use crate::mentions::MentionValue;
use crate::rules::Tolerance;
use crate::segment::{Token, TokenKind};

/// Words after a number that make it something other than a count of things.
const NOT_A_COUNT_AFTER: &[&str] = &[
    "percent",
    "per",
    "%",
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
    "a.m.",
    "p.m.",
    "am",
    "pm",
    "o'clock",
    "times",
    "million",
    "billion",
    "trillion",
    "thousand",
];
/// Words before a number that make it a label, not a count.
const NOT_A_COUNT_BEFORE: &[&str] = &[
    "$",
    "€",
    "£",
    "#",
    "no",
    "page",
    "pages",
    "p",
    "pp",
    "section",
    "chapter",
    "article",
    "room",
    "route",
    "number",
    "version",
    "model",
    "flight",
    "resolution",
    "amendment",
];
/// Words that end the noun phrase after a number.
const STOP_WORDS: &[&str] = &[
    "of", "to", "and", "or", "in", "on", "at", "by", "for", "with", "from", "as", "is", "was",
    "were", "are", "be", "been", "that", "which", "who", "the", "a", "an", "than", "into", "after",
    "before", "but", "had", "has", "have",
];

pub fn find(context: &ClauseContext) -> Vec<Claim> {
    let tokens = &context.segmented.tokens;
    let mut claims = Vec::new();
    for mention in context.mentions {
        let MentionValue::Number { value, vague, .. } = mention.value else {
            continue;
        };
        let before = mention.tokens.start.checked_sub(1).map(|p| &tokens[p]);
        if before.is_some_and(|t| NOT_A_COUNT_BEFORE.contains(&t.key.as_str())) {
            continue;
        }
        let unit = unit_after(tokens, mention.tokens.end, context.clause.end);
        let Some(unit_end) = unit.last().map(|&i| i + 1) else {
            continue;
        };
        let hedge = context.mentions.iter().find_map(|m| match m.value {
            MentionValue::Hedge(tolerance) if m.tokens.end == mention.tokens.start => {
                Some((tolerance, m.tokens.start))
            }
            _ => None,
        });
        // "dozens of rockets" states only a least amount.
        let bare = if vague {
            Tolerance::AtLeast
        } else {
            Tolerance::Exact
        };
        let (tolerance, start) = hedge.unwrap_or((bare, mention.tokens.start));
        let unit_words = unit.iter().map(|&i| tokens[i].key.to_string()).collect();
        claims.push(context.claim(
            ClaimKind::EventCount,
            start..unit_end,
            Statement::Count {
                value,
                tolerance,
                unit_words,
            },
        ));
    }
    claims
}

/// The noun phrase after a number: up to three words, ending at the first plural
/// ("Katyusha rockets"); empty when the number counts nothing.
fn unit_after(tokens: &[Token], from: usize, end: usize) -> Vec<usize> {
    let Some(first) = tokens.get(from).filter(|_| from < end) else {
        return Vec::new();
    };
    if first.kind != TokenKind::Word || NOT_A_COUNT_AFTER.contains(&first.key.as_str()) {
        return Vec::new();
    }
    let mut words = Vec::new();
    for (i, token) in tokens.iter().enumerate().take(end.min(from + 3)).skip(from) {
        if token.kind != TokenKind::Word || STOP_WORDS.contains(&token.key.as_str()) {
            break;
        }
        words.push(i);
        if token.key.ends_with('s') && token.key.len() > 3 {
            return words;
        }
    }
    words.truncate(1);
    words
}
