//! Ages: "the 38-year-old", "a five-year-old", "aged 34", "at the age of 71",
//! "turned 49 on Sunday", "71 years old", and a number between commas right after a
//! name ("Suga, 71,") or a noun for a person ("the driver, 45,").
//! Whose age it is ("a 10-year-old car") is for the claim stage to decide.

use super::quantity;
use crate::rules::Rules;
use crate::segment::{Token, TokenKind};

/// The oldest age read after "aged" or before "years old".
const OLDEST: f64 = 150.0;

fn at(tokens: &[Token], k: usize, end: usize) -> Option<&Token> {
    tokens.get(k).filter(|_| k < end)
}

/// An age starting at token `i`, with one past its last token.
/// `amount`: whether the token can start an amount (else only "aged 34" is tried).
pub fn read(
    tokens: &[Token],
    i: usize,
    end: usize,
    sentence_start: usize,
    rules: &Rules,
    amount: bool,
) -> Option<(u32, usize)> {
    let words = &rules.forms.ages;
    let token = at(tokens, i, end)?;
    // "38-year-old", "five-year-old", "2,000-year-old"
    if let Some(number) = words
        .joined
        .iter()
        .find_map(|suffix| joined_number(&token.key, suffix))
    {
        let years = quantity::key_value(number, rules)?;
        return whole(years, f64::from(u32::MAX)).map(|age| (age, i + 1));
    }
    // "aged 34", "at the age of 71"
    if let Some((_, len)) = words.before.at(tokens, i, end) {
        let amount = quantity::read(tokens, i + len, end, rules)?;
        return whole(amount.value, OLDEST).map(|age| (age, amount.end));
    }
    // "turned 49 on Sunday"; not "turned 90 degrees"
    if let Some((_, len)) = words.before_when_nothing_counted.at(tokens, i, end) {
        let amount = quantity::read(tokens, i + len, end, rules)?;
        let nothing_counted = at(tokens, amount.end, end).is_none_or(|next| {
            let key = next.key.as_str();
            next.kind == TokenKind::Punct
                || rules.counting.phrase_ends.contains(key)
                || rules.forms.calendar.modifiers.contains_key(key)
        });
        return nothing_counted
            .then(|| whole(amount.value, OLDEST))
            .flatten()
            .map(|age| (age, amount.end));
    }
    if token.kind == TokenKind::Punct || !amount {
        return None;
    }
    let amount = quantity::read(tokens, i, end, rules)?;
    // "71 years old"
    if let Some((_, len)) = words.after.at(tokens, amount.end, end) {
        return whole(amount.value, OLDEST).map(|age| (age, amount.end + len));
    }
    between_commas(tokens, i, end, sentence_start, rules)
        .then(|| whole(amount.value, f64::from(words.between_commas_max)))
        .flatten()
        .filter(|&age| age >= 1)
        .map(|age| (age, i + 1))
}

/// The number part of a joined age ("38" of "38-year-old").
fn joined_number<'k>(key: &'k str, suffix: &str) -> Option<&'k str> {
    key.strip_suffix(suffix)?
        .strip_suffix('-')
        .filter(|n| !n.is_empty())
}

fn whole(value: f64, most: f64) -> Option<u32> {
    (value.fract() == 0.0 && (0.0..=most).contains(&value)).then_some(value as u32)
}

/// "Suga, 71, said", "the driver, 45, was": bare digits after a capitalised name (or
/// a noun for a person) and a comma, followed by a comma or the end of the clause;
/// not a year ("Paris, 1998,") nor one of a list of numbers ("rooms 12, 14, 16").
fn between_commas(
    tokens: &[Token],
    i: usize,
    end: usize,
    sentence_start: usize,
    rules: &Rules,
) -> bool {
    let token = &tokens[i];
    if token.kind != TokenKind::Number || !token.key.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let Some(name_at) = i.checked_sub(2).filter(|&k| k >= sentence_start) else {
        return false;
    };
    let name = &tokens[name_at];
    let person_noun = rules.forms.ages.person_nouns.contains(name.key.as_str());
    let named = tokens[i - 1].is_punct(',')
        && name.is_word()
        && ((name.capitalized
            && !rules.months.contains_key(name.key.as_str())
            && !rules.weekdays.contains_key(name.key.as_str()))
            || person_noun);
    let closed = match at(tokens, i + 1, end) {
        None => true,
        Some(next) if next.is_punct(',') => {
            at(tokens, i + 2, end).is_none_or(|t| t.kind != TokenKind::Number)
        }
        Some(next) => [')', '.', ';', ':'].iter().any(|&c| next.is_punct(c)),
    };
    named && closed
}
