//! Amounts as news prose writes them, shared by numbers, durations and relative
//! dates: digits ("12,000", "1.5", "3bn"), words ("twenty-one", "two hundred and
//! fifty"), scales ("1.5 million", "a dozen") and halves ("two and a half").

use crate::rules::Rules;
use crate::segment::{Token, TokenKind};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    pub value: f64,
    /// One past the last token read.
    pub end: usize,
}

/// Reads an amount starting at token `i`, not reading past `end`. An article "a"/"an"
/// counts only before a scale ("a dozen", "a hundred").
pub fn read(tokens: &[Token], i: usize, end: usize, rules: &Rules) -> Option<Quantity> {
    let token = tokens.get(i).filter(|_| i < end)?;
    let (mut value, mut next) = match token.kind {
        TokenKind::Number => (digits(&token.key, rules)?, i + 1),
        TokenKind::Word if matches!(token.key.as_str(), "a" | "an") => {
            let scale = tokens
                .get(i + 1)
                .filter(|_| i + 1 < end)
                .and_then(|t| rules.scales.get(t.key.as_str()))?;
            (*scale, i + 2)
        }
        TokenKind::Word => words(tokens, i, end, rules)?,
        TokenKind::Punct => return None,
    };
    // "1.5 million", "two hundred thousand", "three dozen"
    while let Some(&scale) = tokens
        .get(next)
        .filter(|_| next < end)
        .and_then(|t| rules.scales.get(t.key.as_str()))
    {
        value *= scale;
        next += 1;
    }
    // "two and a half"
    if and_a_half(tokens, next, end) {
        value += 0.5;
        next += 3;
    }
    value.is_finite().then_some(Quantity { value, end: next })
}

/// "and a half" at `i`.
pub fn and_a_half(tokens: &[Token], i: usize, end: usize) -> bool {
    i + 3 <= end && tokens[i].is("and") && tokens[i + 1].is("a") && tokens[i + 2].is("half")
}

/// "12,000" → 12000, "1.5" → 1.5, "3bn" → 3e9, "40k" → 40000. Ordinals ("3rd"),
/// decades ("1990s") and joined forms ("10-week") are not plain amounts.
fn digits(key: &str, rules: &Rules) -> Option<f64> {
    let numeric_end = key
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(key.len());
    let (number, suffix) = key.split_at(numeric_end);
    let scale = if suffix.is_empty() {
        1.0
    } else {
        *rules.scale_suffixes.get(suffix)?
    };
    let plain: String = number.chars().filter(|&c| c != ',').collect();
    plain.parse::<f64>().ok().map(|v| v * scale)
}

/// Number words: "three", "twenty-one", "twenty one", "two hundred and fifty".
fn words(tokens: &[Token], i: usize, end: usize, rules: &Rules) -> Option<(f64, usize)> {
    let word_at = |k: usize| tokens.get(k).filter(|_| k < end);
    let (mut value, mut next) = (word_value(&tokens[i].key, rules)? as f64, i + 1);
    // "twenty one"
    let round_tens = (20.0..100.0).contains(&value) && value % 10.0 == 0.0;
    let units = word_at(next)
        .and_then(|t| rules.number_words.get(t.key.as_str()))
        .filter(|u| **u < 10);
    if let Some(&units) = units.filter(|_| round_tens) {
        value += units as f64;
        next += 1;
    }
    // "two hundred and fifty": the "and" after a hundred joins the tens that follow.
    // Other scales are applied by the caller.
    if word_at(next).is_some_and(|t| t.is("hundred")) {
        value *= 100.0;
        next += 1;
        let rest = word_at(next)
            .filter(|t| t.is("and"))
            .and_then(|_| word_at(next + 1))
            .and_then(|_| words(tokens, next + 1, end, rules))
            .filter(|(rest, _)| *rest < 100.0);
        if let Some((rest, rest_end)) = rest {
            value += rest;
            next = rest_end;
        }
    }
    Some((value, next))
}

/// The amount one token's key writes: digits ("38", "2,000", "1.8") or a number
/// word ("five", "thirty-eight").
pub fn key_value(key: &str, rules: &Rules) -> Option<f64> {
    if key.starts_with(|c: char| c.is_ascii_digit()) {
        digits(key, rules)
    } else {
        word_value(key, rules).map(|v| v as f64)
    }
}

/// "three" → 3, "twenty-one" → 21.
pub fn word_value(key: &str, rules: &Rules) -> Option<u64> {
    if let Some(&value) = rules.number_words.get(key) {
        return Some(value);
    }
    let (tens, units) = key.split_once('-').filter(|_| key.len() > 6)?;
    let tens = *rules.number_words.get(tens)?;
    let units = *rules.number_words.get(units)?;
    (tens >= 20 && tens % 10 == 0 && tens < 100 && (1..10).contains(&units)).then_some(tens + units)
}
