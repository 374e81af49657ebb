//! Durations: "10 weeks", "a week", "two and a half years", "a year and a half",
//! "18 months", "a decade", "the past three days", "a 10-week deadline".

use super::quantity;
use crate::dates::TimeUnit;
use crate::rules::Rules;
use crate::segment::Token;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Duration {
    pub amount: f64,
    pub unit: TimeUnit,
}

impl Duration {
    pub fn iso(&self) -> String {
        self.unit.iso_duration(self.amount)
    }

    pub fn days(&self) -> f64 {
        self.amount * self.unit.days()
    }
}

fn at(tokens: &[Token], k: usize, end: usize) -> Option<&Token> {
    tokens.get(k).filter(|_| k < end)
}

/// Reads a duration starting at token `i`, returning it and one past its last token.
pub fn read(tokens: &[Token], i: usize, end: usize, rules: &Rules) -> Option<(Duration, usize)> {
    let token = at(tokens, i, end)?;
    // "the past three days", "the last two weeks"
    // "the past three days"; not "will last five days", where "last" is a verb.
    let after_article = i
        .checked_sub(1)
        .is_some_and(|p| matches!(tokens[p].key.as_str(), "the" | "these" | "those"));
    if matches!(token.key.as_str(), "past" | "last") && after_article {
        let (duration, next) = amount_and_unit(tokens, i + 1, end, rules)?;
        return Some((duration, next));
    }
    if let Some(found) = hyphenated(token, rules) {
        return Some((found, i + 1));
    }
    amount_and_unit(tokens, i, end, rules)
}

/// "three days", "a week", "a year and a half", "two and a half years".
fn amount_and_unit(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
) -> Option<(Duration, usize)> {
    let token = at(tokens, i, end)?;
    if matches!(token.key.as_str(), "a" | "an") {
        let unit_token = at(tokens, i + 1, end)?;
        let &unit = rules.units.get(unit_token.key.as_str())?;
        // "a second time" is an ordinal, not a moment.
        if unit == TimeUnit::Second && at(tokens, i + 2, end).is_some_and(Token::is_word) {
            return None;
        }
        if quantity::and_a_half(tokens, i + 2, end) {
            return Some((Duration { amount: 1.5, unit }, i + 5));
        }
        return Some((Duration { amount: 1.0, unit }, i + 2));
    }
    let amount = quantity::read(tokens, i, end, rules)?;
    let &unit = rules.units.get(at(tokens, amount.end, end)?.key.as_str())?;
    Some((
        Duration {
            amount: amount.value,
            unit,
        },
        amount.end + 1,
    ))
}

/// "10-week", "five-year", "30-day": a number joined to a unit by a hyphen.
fn hyphenated(token: &Token, rules: &Rules) -> Option<Duration> {
    let (number, unit) = token.key.split_once('-')?;
    let &unit = rules.units.get(unit)?;
    let amount = match number.parse::<f64>() {
        Ok(value) => value,
        Err(_) => quantity::word_value(number, rules)? as f64,
    };
    Some(Duration { amount, unit })
}
