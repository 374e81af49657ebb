//! Which way a date points, read from the words before it.

use super::Tense;
use crate::rules::Rules;
use crate::segment::{Token, TokenKind};

/// The tense of the words just before a mention: future when a future cue ("will",
/// "to be") stands within the rules' window, else past (the news convention).
pub fn tense_before(
    tokens: &[Token],
    clause_start: usize,
    mention_start: usize,
    rules: &Rules,
) -> Tense {
    let from = mention_start
        .saturating_sub(rules.future_cue_window)
        .max(clause_start);
    if rules.future_cues.occurs_in(tokens, from..mention_start) {
        Tense::Future
    } else {
        Tense::Past
    }
}

/// How near before "in" an ordinal makes "in eight years" a span.
const ORDINAL_REACH: usize = 3;

/// Whether an ordinal stands just before token `at`: then "in eight years" measures
/// a span whatever the tense ("would, for the first time in eight years, rise";
/// "will be the third leader in seven weeks"), unlike "the first kits will arrive
/// in two weeks".
pub fn ordinal_before(tokens: &[Token], clause_start: usize, at: usize, rules: &Rules) -> bool {
    tokens[at.saturating_sub(ORDINAL_REACH).max(clause_start)..at]
        .iter()
        .any(|t| rules.ordinals.contains_key(t.key.as_str()))
}

/// Whether the clause before token `at` has a count, an ordinal or a past-tense
/// verb: then "in three days" measures a span rather than pointing ahead.
pub fn counts_or_past_before(
    tokens: &[Token],
    clause_start: usize,
    at: usize,
    rules: &Rules,
) -> bool {
    tokens[clause_start..at].iter().any(|t| {
        let key = t.key.as_str();
        t.kind == TokenKind::Number
            || rules.number_words.contains_key(key)
            || rules.ordinals.contains_key(key)
            || rules.past_tense_words.contains(key)
            || (t.is_word() && key.len() > 4 && rules.has_past_ending(key))
    })
}
