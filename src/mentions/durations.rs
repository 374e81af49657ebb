//! Durations: "10 weeks", "a week", "two and a half years", "a year and a half",
//! "18 months", "a decade", "the past three days", "a 10-week deadline", compounds
//! ("seven years and eight months"), fractions of a unit ("three-quarters of an
//! hour", "half a day") and whole periods ("all month", "the whole year").

use super::{numbers, quantity};
use crate::dates::TimeUnit;
use crate::rules::Rules;
use crate::segment::Token;
use std::fmt::Write;

/// A length of time as written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Duration {
    /// The whole length counted in `unit`: "seven years and eight months" is 92
    /// months, "a year and a half" 1.5 years.
    pub amount: f64,
    /// The smallest unit written, which sets how finely a bare duration is rounded.
    pub unit: TimeUnit,
    /// The larger parts of a compound duration, largest first, as written: the seven
    /// years of "seven years and eight months". `amount` counts them too.
    pub larger: [Option<(f64, TimeUnit)>; 2],
}

impl Duration {
    /// `amount` of one unit: "three days".
    pub fn new(amount: f64, unit: TimeUnit) -> Duration {
        Duration {
            amount,
            unit,
            larger: [None; 2],
        }
    }

    /// ISO 8601: "P10W", "P1.5Y", "P7Y8M", "PT1H30M"; weeks joined to other parts
    /// are written as days ("P17D").
    pub fn iso(&self) -> String {
        let parts = self.parts();
        if parts.len() == 1 {
            return self.unit.iso_duration(self.amount);
        }
        let mut date = String::new();
        let mut time = String::new();
        for (amount, unit) in parts {
            let (amount, designator, in_time) = match unit {
                TimeUnit::Second => (amount, 'S', true),
                TimeUnit::Minute => (amount, 'M', true),
                TimeUnit::Hour => (amount, 'H', true),
                TimeUnit::Day => (amount, 'D', false),
                TimeUnit::Week => (amount * 7.0, 'D', false),
                TimeUnit::Fortnight => (amount * 14.0, 'D', false),
                TimeUnit::Month => (amount, 'M', false),
                TimeUnit::Year => (amount, 'Y', false),
                TimeUnit::Decade => (amount * 10.0, 'Y', false),
                TimeUnit::Century => (amount * 100.0, 'Y', false),
            };
            let out = if in_time { &mut time } else { &mut date };
            let _ = write!(out, "{}{designator}", (amount * 1000.0).round() / 1000.0);
        }
        let date = merge_days(&date);
        match time.is_empty() {
            true => format!("P{date}"),
            false => format!("P{date}T{time}"),
        }
    }

    /// The length in days, on average for months and years.
    pub fn days(&self) -> f64 {
        self.amount * self.unit.days()
    }

    /// Each part as written, largest first; a plain duration is one part.
    pub fn parts(&self) -> Vec<(f64, TimeUnit)> {
        let larger: Vec<(f64, TimeUnit)> = self.larger.iter().flatten().copied().collect();
        let counted: f64 = larger
            .iter()
            .map(|&(amount, unit)| amount * in_units(unit, self.unit))
            .sum();
        let mut parts = larger;
        parts.push((self.amount - counted, self.unit));
        parts
    }
}

/// "14D3D" (two weeks and three days, written as days) as "17D".
fn merge_days(date: &str) -> String {
    let mut days = 0.0;
    let mut day_parts = 0;
    let mut rest = String::new();
    let mut number = String::new();
    for c in date.chars() {
        if c.is_ascii_digit() || c == '.' {
            number.push(c);
            continue;
        }
        if c == 'D' {
            days += number.parse::<f64>().unwrap_or(0.0);
            day_parts += 1;
        } else {
            let _ = write!(rest, "{number}{c}");
        }
        number.clear();
    }
    if day_parts > 0 {
        let _ = write!(rest, "{}D", (days * 1000.0).round() / 1000.0);
    }
    rest
}

/// How many of `small` make one `large`: exact within calendar units (months and
/// years) and within clock units (seconds to fortnights), else by average days.
fn in_units(large: TimeUnit, small: TimeUnit) -> f64 {
    match (calendar_months(large), calendar_months(small)) {
        (Some(l), Some(s)) => l / s,
        _ => large.days() / small.days(),
    }
}

fn calendar_months(unit: TimeUnit) -> Option<f64> {
    match unit {
        TimeUnit::Month => Some(1.0),
        TimeUnit::Year => Some(12.0),
        TimeUnit::Decade => Some(120.0),
        TimeUnit::Century => Some(1200.0),
        _ => None,
    }
}

/// A length of time known only to lie between two: "three to five years", "20-30
/// minutes", "two or three days"; `vague` for "several months", "a few days".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DurationRange {
    pub least: Duration,
    pub most: Duration,
    pub vague: bool,
}

/// A range of durations starting at token `i`, with one past its last token.
pub fn read_range(
    tokens: &[Token],
    i: usize,
    clause_start: usize,
    end: usize,
    rules: &Rules,
) -> Option<(DurationRange, usize)> {
    let (least, most, vague, next) =
        if let Some((&(least, most), len)) = rules.forms.numbers.vague_counts.at(tokens, i, end) {
            (least, most, true, i + len)
        } else {
            let (least, most, next) = quantity::range(tokens, i, clause_start, end, rules)?;
            (least, most, false, next)
        };
    let &unit = rules.units.get(at(tokens, next, end)?.key.as_str())?;
    let range = DurationRange {
        least: Duration::new(least, unit),
        most: Duration::new(most, unit),
        vague,
    };
    Some((range, next + 1))
}

fn at(tokens: &[Token], k: usize, end: usize) -> Option<&Token> {
    tokens.get(k).filter(|_| k < end)
}

/// Reads a duration starting at token `i`, returning it and one past its last token;
/// `amount` says whether the token can start an amount ("the" cannot).
pub fn read(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
    amount: bool,
) -> Option<(Duration, usize)> {
    let token = at(tokens, i, end)?;
    // "the past three days"; not "will last five days", where "last" is a verb.
    let to_now = &rules.forms.lengths_to_now;
    let after_article = i
        .checked_sub(1)
        .is_some_and(|p| to_now.before.contains(tokens[p].key.as_str()));
    if to_now.words.contains(token.key.as_str()) && after_article {
        return compound(tokens, i + 1, end, rules);
    }
    if let Some(found) = hyphenated(token, rules) {
        return Some((found, i + 1));
    }
    if let Some(found) = whole_period(tokens, i, end, rules) {
        return Some(found);
    }
    if !amount && !rules.bare_fractions.contains_key(token.key.as_str()) {
        return None;
    }
    if let Some(found) = fraction_of_unit(tokens, i, end, rules) {
        return Some(found);
    }
    compound(tokens, i, end, rules)
}

/// "seven years and eight months", "two weeks and three days", "a year, two months
/// and a day": parts in falling units, joined by "and" or commas.
fn compound(tokens: &[Token], i: usize, end: usize, rules: &Rules) -> Option<(Duration, usize)> {
    let (first, mut next) = amount_and_unit(tokens, i, end, rules)?;
    let mut duration = first;
    let mut parts = 1;
    while parts < 3 {
        let joiner = at(tokens, next, end);
        if !joiner.is_some_and(|t| rules.and_words.contains(t.key.as_str()) || t.is_punct(',')) {
            break;
        }
        let Some((part, part_end)) = amount_and_unit(tokens, next + 1, end, rules) else {
            break;
        };
        // Falling units only, each a plain amount: "a year and a half" is one part.
        if in_units(duration.unit, part.unit) <= 1.0 || part.larger.iter().any(Option::is_some) {
            break;
        }
        let slot = duration.larger.iter().position(Option::is_none)?;
        let mut larger = duration.larger;
        larger[slot] = Some((duration.amount - counted(&duration), duration.unit));
        duration = Duration {
            amount: duration.amount * in_units(duration.unit, part.unit) + part.amount,
            unit: part.unit,
            larger,
        };
        next = part_end;
        parts += 1;
    }
    Some((duration, next))
}

/// What the larger parts of a duration add up to, in its unit.
fn counted(duration: &Duration) -> f64 {
    duration
        .larger
        .iter()
        .flatten()
        .map(|&(amount, unit)| amount * in_units(unit, duration.unit))
        .sum()
}

/// "three days", "a week", "a year and a half", "two and a half years".
fn amount_and_unit(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
) -> Option<(Duration, usize)> {
    let token = at(tokens, i, end)?;
    if rules.indefinite_articles.contains(token.key.as_str()) {
        let unit_token = at(tokens, i + 1, end)?;
        let &unit = rules.units.get(unit_token.key.as_str())?;
        // "a second time" is an ordinal, not a moment.
        if unit == TimeUnit::Second && at(tokens, i + 2, end).is_some_and(Token::is_word) {
            return None;
        }
        if let Some(len) = quantity::plus_a_half(tokens, i + 2, end, rules) {
            return Some((Duration::new(1.5, unit), i + 2 + len));
        }
        return Some((Duration::new(1.0, unit), i + 2));
    }
    let amount = quantity::read(tokens, i, end, rules)?;
    let &unit = rules.units.get(at(tokens, amount.end, end)?.key.as_str())?;
    // "two days and a half"
    if let Some(len) = quantity::plus_a_half(tokens, amount.end + 1, end, rules) {
        return Some((
            Duration::new(amount.value + 0.5, unit),
            amount.end + 1 + len,
        ));
    }
    Some((Duration::new(amount.value, unit), amount.end + 1))
}

/// "three-quarters of an hour", "half a day", "a third of a century", "half an
/// hour".
fn fraction_of_unit(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
) -> Option<(Duration, usize)> {
    let (fraction, mut next) = numbers::read_fraction(tokens, i, end, rules)?;
    if at(tokens, next, end).is_some_and(|t| rules.of_words.contains(t.key.as_str())) {
        next += 1;
    }
    if !at(tokens, next, end).is_some_and(|t| rules.indefinite_articles.contains(t.key.as_str())) {
        return None;
    }
    let &unit = rules.units.get(at(tokens, next + 1, end)?.key.as_str())?;
    Some((Duration::new(fraction, unit), next + 2))
}

/// "all month", "the whole year", "the entire week": one whole unit.
fn whole_period(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
) -> Option<(Duration, usize)> {
    let (_, len) = rules.forms.whole_periods.at(tokens, i, end)?;
    let &unit = rules.units.get(at(tokens, i + len, end)?.key.as_str())?;
    // "all day" but not "all days" (a plural is a count of them, not one).
    let singular = rules.forms.singular(&tokens[i + len].key) == tokens[i + len].key.as_str();
    (singular && unit >= TimeUnit::Hour).then_some((Duration::new(1.0, unit), i + len + 1))
}

/// "10-week", "five-year", "30-day": a number joined to a unit by a hyphen.
fn hyphenated(token: &Token, rules: &Rules) -> Option<Duration> {
    let (number, unit) = token.hyphen_parts()?;
    let &unit = rules.units.get(unit)?;
    let amount = match number.parse::<f64>() {
        Ok(value) => value,
        // "twenty-second" is an ordinal.
        Err(_) if unit == TimeUnit::Second => return None,
        Err(_) => quantity::word_value(number, rules)? as f64,
    };
    Some(Duration::new(amount, unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compounds_print_each_part_and_count_in_the_smallest_unit() {
        let mut duration = Duration::new(92.0, TimeUnit::Month);
        duration.larger[0] = Some((7.0, TimeUnit::Year));
        assert_eq!(duration.iso(), "P7Y8M");
        assert!((duration.days() - 92.0 * TimeUnit::Month.days()).abs() < 1e-9);
        let mut weeks_and_days = Duration::new(17.0, TimeUnit::Day);
        weeks_and_days.larger[0] = Some((2.0, TimeUnit::Week));
        assert_eq!(weeks_and_days.iso(), "P17D");
        let mut hour_and_minutes = Duration::new(90.0, TimeUnit::Minute);
        hour_and_minutes.larger[0] = Some((1.0, TimeUnit::Hour));
        assert_eq!(hour_and_minutes.iso(), "PT1H30M");
        assert_eq!(Duration::new(1.5, TimeUnit::Year).iso(), "P1.5Y");
    }
}
