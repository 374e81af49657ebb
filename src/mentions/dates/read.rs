//! Reading date expressions from tokens: pure syntax, no calendar arithmetic.

use super::{DateExpr, Modifier, Period};
use crate::dates::{DateRange, Precision, TimeUnit};
use crate::mentions::quantity;
use crate::rules::{NumericDates, Rules};
use crate::segment::{Token, TokenKind};
use chrono::{NaiveDate, Weekday};

/// Reads the longest date expression starting at token `i` (within `end`), returning
/// it and the index one past its last token. `sentence_start` tells a year that opens
/// a sentence ("2016 was a hard year").
pub fn read(
    tokens: &[Token],
    i: usize,
    end: usize,
    sentence_start: usize,
    rules: &Rules,
) -> Option<(DateExpr, usize)> {
    let token = &tokens[i];
    match token.kind {
        TokenKind::Number => read_numeric(tokens, i, end, sentence_start, rules),
        TokenKind::Word => read_words(tokens, i, end, rules),
        TokenKind::Punct => None,
    }
}

fn at(tokens: &[Token], k: usize, end: usize) -> Option<&Token> {
    tokens.get(k).filter(|_| k < end)
}

fn read_words(tokens: &[Token], i: usize, end: usize, rules: &Rules) -> Option<(DateExpr, usize)> {
    let token = &tokens[i];
    let key = token.key.as_str();
    if let Some(found) = read_anaphor(tokens, i, end, rules) {
        return Some(found);
    }
    if let Some(modifier) = modifier_of(key) {
        let target = at(tokens, i + 1, end)?;
        if let Some(period) = period_of(&target.key) {
            return Some((DateExpr::Period { period, modifier }, i + 2));
        }
        if let Some(&weekday) = rules
            .weekdays
            .get(target.key.as_str())
            .filter(|_| target.capitalized)
        {
            return Some((DateExpr::Weekday { weekday, modifier }, i + 2));
        }
        if let Some(&month) = rules
            .months
            .get(target.key.as_str())
            .filter(|_| target.capitalized)
        {
            return Some((DateExpr::Month { month, modifier }, i + 2));
        }
        return None;
    }
    match key {
        "earlier" | "later" if at(tokens, i + 1, end)?.is("this") => {
            let period = period_of(&at(tokens, i + 2, end)?.key)?;
            let expr = if key == "earlier" {
                DateExpr::EarlierThis(period)
            } else {
                DateExpr::LaterThis(period)
            };
            return Some((expr, i + 3));
        }
        "yesterday" => return Some((DateExpr::DayOffset(-1), i + 1)),
        "today" => return Some((DateExpr::DayOffset(0), i + 1)),
        "tomorrow" => return Some((DateExpr::DayOffset(1), i + 1)),
        "in" => {
            return read_shift(tokens, i + 1, end, rules)
                .map(|(amount, unit, next)| (DateExpr::Shift { amount, unit }, next));
        }
        "a" | "an" => return read_ago(tokens, i, end, rules),
        "early" | "late" | "mid" => {
            let next = at(tokens, i + 1, end)?;
            if let Some(year) = year_of(&next.key) {
                return Some((DateExpr::Absolute(DateRange::year(year)?), i + 2));
            }
            let &month = rules
                .months
                .get(next.key.as_str())
                .filter(|_| next.capitalized)?;
            return Some((
                DateExpr::Month {
                    month,
                    modifier: Modifier::None,
                },
                i + 2,
            ));
        }
        _ => {}
    }
    if let Some(ago) = read_ago(tokens, i, end, rules) {
        return Some(ago);
    }
    // "mid-2019", "mid-March"
    if let Some((prefix, rest)) = key.split_once('-')
        && matches!(prefix, "mid" | "early" | "late")
    {
        if let Some(year) = year_of(rest) {
            return Some((DateExpr::Absolute(DateRange::year(year)?), i + 1));
        }
        let &month = rules.months.get(rest)?;
        return Some((
            DateExpr::Month {
                month,
                modifier: Modifier::None,
            },
            i + 1,
        ));
    }
    if !token.capitalized {
        return None;
    }
    if let Some(&weekday) = rules.weekdays.get(key).filter(|_| key.len() > 3) {
        return Some((
            DateExpr::Weekday {
                weekday,
                modifier: Modifier::None,
            },
            i + 1,
        ));
    }
    let &month = rules.months.get(key)?;
    read_after_month(tokens, i, end, month, rules)
}

fn modifier_of(key: &str) -> Option<Modifier> {
    match key {
        "last" | "past" => Some(Modifier::Last),
        "this" => Some(Modifier::This),
        "next" | "coming" => Some(Modifier::Next),
        _ => None,
    }
}

fn period_of(key: &str) -> Option<Period> {
    match key {
        "week" => Some(Period::Week),
        "month" => Some(Period::Month),
        "year" => Some(Period::Year),
        _ => None,
    }
}

/// A date that hangs on the anchor: "the next day", "that day", "later that month",
/// "the following week", "two days later", "a week earlier".
fn read_anaphor(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
) -> Option<(DateExpr, usize)> {
    let words = &rules.forms.anaphora;
    // "the day before the vote" names its own anchor, which this does not resolve.
    let open_end_fits = |last: usize| {
        !words.open_ended.contains(tokens[last].key.as_str())
            || at(tokens, last + 1, end).is_none_or(|t| t.kind == TokenKind::Punct)
    };
    if let Some((&(days, from_as_of), len)) = words.days.at(tokens, i, end) {
        let expr = DateExpr::FromAnchor {
            amount: days,
            unit: TimeUnit::Day,
            from_as_of,
        };
        return open_end_fits(i + len - 1).then_some((expr, i + len));
    }
    if let Some((&part, len)) = words.periods.at(tokens, i, end)
        && let Some(period) = at(tokens, i + len, end).and_then(|t| period_of(&t.key))
    {
        return Some((DateExpr::AnchorPeriod { period, part }, i + len + 1));
    }
    let (amount, unit, next) = amount_and_unit(tokens, i, end, rules)?;
    let &direction = words.directions.get(at(tokens, next, end)?.key.as_str())?;
    let expr = DateExpr::FromAnchor {
        amount: amount.checked_mul(direction)?,
        unit,
        from_as_of: false,
    };
    open_end_fits(next).then_some((expr, next + 1))
}

/// An amount and a whole unit of time from `i`: "three days", "a week", "18 months".
fn amount_and_unit(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
) -> Option<(i64, TimeUnit, usize)> {
    let token = at(tokens, i, end)?;
    let (amount, next) = if matches!(token.key.as_str(), "a" | "an")
        && at(tokens, i + 1, end).is_some_and(|t| rules.units.contains_key(t.key.as_str()))
    {
        (1.0, i + 1)
    } else {
        let quantity = quantity::read(tokens, i, end, rules)?;
        (quantity.value, quantity.end)
    };
    let &unit = rules.units.get(at(tokens, next, end)?.key.as_str())?;
    let whole = amount.fract() == 0.0 && amount.abs() < 1e6;
    whole.then_some((amount as i64, unit, next + 1))
}

/// "two years ago", "a week ago".
fn read_ago(tokens: &[Token], i: usize, end: usize, rules: &Rules) -> Option<(DateExpr, usize)> {
    let (amount, unit, next) = amount_and_unit(tokens, i, end, rules)?;
    at(tokens, next, end)?.is("ago").then_some((
        DateExpr::Shift {
            amount: -amount,
            unit,
        },
        next + 1,
    ))
}

/// "in three days" (the caller checks the wording is about the future).
fn read_shift(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
) -> Option<(i64, TimeUnit, usize)> {
    amount_and_unit(tokens, i, end, rules)
}

/// A day without a year ending before token `next`, or with "last year", "this
/// year" or "next year" after it.
fn month_day(tokens: &[Token], next: usize, end: usize, month: u32, day: u32) -> (DateExpr, usize) {
    match year_offset(tokens, next, end) {
        Some(offset) => (
            DateExpr::InYear {
                month,
                day: Some(day),
                offset,
            },
            next + 2,
        ),
        None => (DateExpr::MonthDay { month, day }, next),
    }
}

/// "last year" (-1), "this year" (0), "next year" (1) at token `k`.
fn year_offset(tokens: &[Token], k: usize, end: usize) -> Option<i32> {
    let modifier = modifier_of(&at(tokens, k, end)?.key)?;
    if period_of(&at(tokens, k + 1, end)?.key)? != Period::Year {
        return None;
    }
    match modifier {
        Modifier::Last => Some(-1),
        Modifier::This => Some(0),
        Modifier::Next => Some(1),
        Modifier::None => None,
    }
}

/// A weekday stated with a date: "Tuesday, March 3", "Thu., Apr. 9, 2020",
/// "Tuesday 3 March". Gives the weekday, the date as written after it, and one past
/// its last token.
pub fn read_weekday_date(
    tokens: &[Token],
    i: usize,
    end: usize,
    sentence_start: usize,
    rules: &Rules,
) -> Option<(Weekday, DateExpr, usize)> {
    let token = &tokens[i];
    if !token.capitalized {
        return None;
    }
    let &weekday = rules.weekdays.get(token.key.as_str())?;
    let mut k = i + 1;
    for mark in ['.', ','] {
        if at(tokens, k, end).is_some_and(|t| t.is_punct(mark)) {
            k += 1;
        }
    }
    at(tokens, k, end)?;
    let (expr, next) = read(tokens, k, end, sentence_start, rules)?;
    let names_a_day = match expr {
        DateExpr::MonthDay { .. } | DateExpr::InYear { day: Some(_), .. } => true,
        DateExpr::Absolute(range) => range.precision == Precision::Day,
        _ => false,
    };
    names_a_day.then_some((weekday, expr, next))
}

/// After a month name: "March 8", "March 08, 2020", "March 2020", or a bare month
/// when a word such as "in" or "since" comes before it.
fn read_after_month(
    tokens: &[Token],
    i: usize,
    end: usize,
    month: u32,
    rules: &Rules,
) -> Option<(DateExpr, usize)> {
    let mut k = i + 1;
    // An abbreviation's full stop: "Mar. 8".
    if at(tokens, k, end).is_some_and(|t| t.is_punct('.')) && tokens[i].key.len() <= 4 {
        k += 1;
    }
    if let Some(day) = at(tokens, k, end).and_then(|t| day_of(&t.key)) {
        // "March 8, 2020" or "March 8 2020"
        let comma = usize::from(at(tokens, k + 1, end).is_some_and(|t| t.is_punct(',')));
        if let Some(year) = at(tokens, k + 1 + comma, end).and_then(|t| year_of(&t.key)) {
            let date = NaiveDate::from_ymd_opt(year, month, day)?;
            return Some((DateExpr::Absolute(DateRange::day(date)), k + 2 + comma));
        }
        // A day that cannot exist in any year ("February 30") is not a date.
        NaiveDate::from_ymd_opt(2000, month, day)?;
        return Some(month_day(tokens, k + 1, end, month, day));
    }
    // "March 2020", "Feb. 2024"
    if let Some(year) = at(tokens, k, end).and_then(|t| year_of(&t.key)) {
        return Some((DateExpr::Absolute(DateRange::month(year, month)?), k + 1));
    }
    // "March last year"
    if let Some(offset) = year_offset(tokens, k, end) {
        let expr = DateExpr::InYear {
            month,
            day: None,
            offset,
        };
        return Some((expr, k + 2));
    }
    // A bare month needs a word before it that makes it a time ("in March").
    let cue = i
        .checked_sub(1)
        .is_some_and(|p| rules.month_cues.contains(tokens[p].key.as_str()));
    cue.then_some((
        DateExpr::Month {
            month,
            modifier: Modifier::None,
        },
        i + 1,
    ))
}

/// Dates that start with a number: "2020-03-08", "3/8/2020", "8 March 2020", "3rd of
/// January", "the 1990s", and a year after a year cue ("in 1979", "the 2015 deal").
fn read_numeric(
    tokens: &[Token],
    i: usize,
    end: usize,
    sentence_start: usize,
    rules: &Rules,
) -> Option<(DateExpr, usize)> {
    let key = tokens[i].key.as_str();
    if let Some(date) = iso_date(key) {
        return Some((DateExpr::Absolute(DateRange::day(date)), i + 1));
    }
    if let Some(found) = slashed_date(tokens, i, end, rules) {
        return Some(found);
    }
    if let Some(decade) = key
        .strip_suffix('s')
        .and_then(year_of)
        .filter(|y| y % 10 == 0)
    {
        return Some((DateExpr::Absolute(DateRange::decade(decade)?), i + 1));
    }
    if let Some(found) = read_ago(tokens, i, end, rules) {
        return Some(found);
    }
    if let Some(found) = read_anaphor(tokens, i, end, rules) {
        return Some(found);
    }
    if let Some(day) = day_of(key) {
        let mut k = i + 1;
        if at(tokens, k, end).is_some_and(|t| t.is("of")) {
            k += 1;
        }
        let month_token = at(tokens, k, end).filter(|t| t.capitalized)?;
        let &month = rules.months.get(month_token.key.as_str())?;
        if let Some(year) = at(tokens, k + 1, end).and_then(|t| year_of(&t.key)) {
            let date = NaiveDate::from_ymd_opt(year, month, day)?;
            return Some((DateExpr::Absolute(DateRange::day(date)), k + 2));
        }
        NaiveDate::from_ymd_opt(2000, month, day)?;
        return Some(month_day(tokens, k + 1, end, month, day));
    }
    let year = year_of(key)?;
    let cue = i
        .checked_sub(1)
        .is_some_and(|p| p >= sentence_start && rules.year_cues.contains(tokens[p].key.as_str()));
    let opens_sentence = i == sentence_start
        && (1900..2100).contains(&year)
        && year_opens_sentence(at(tokens, i + 1, end));
    (cue || opens_sentence)
        .then(|| DateRange::year(year).map(|range| (DateExpr::Absolute(range), i + 1)))?
}

/// "2016 was a hard year", "2016, however, ...": a year, not "2016 people".
fn year_opens_sentence(next: Option<&Token>) -> bool {
    next.is_some_and(|t| {
        t.is_punct(',')
            || (t.is_word()
                && !t.capitalized
                && (!t.key.ends_with('s') || matches!(t.key.as_str(), "was" | "is" | "has")))
    })
}

/// "3/8/2020": month first or day first, as the rules say.
fn slashed_date(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
) -> Option<(DateExpr, usize)> {
    let parts: Vec<&Token> = (i..i + 5)
        .map(|k| at(tokens, k, end))
        .collect::<Option<_>>()?;
    if !(parts[1].is_punct('/') && parts[3].is_punct('/')) {
        return None;
    }
    let first: u32 = parts[0].key.parse().ok()?;
    let second: u32 = parts[2].key.parse().ok()?;
    let year = year_of(&parts[4].key)?;
    let (month, day) = match rules.numeric_dates {
        NumericDates::MonthFirst => (first, second),
        NumericDates::DayFirst => (second, first),
    };
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    Some((DateExpr::Absolute(DateRange::day(date)), i + 5))
}

/// "3", "03", "3rd", "21st": a day of the month.
fn day_of(key: &str) -> Option<u32> {
    let digits = key.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &key[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A plausible year of news prose: four digits, 1000 to 2199.
fn year_of(key: &str) -> Option<i32> {
    if key.len() == 4 && key.bytes().all(|b| b.is_ascii_digit()) {
        key.parse().ok().filter(|y| (1000..=2199).contains(y))
    } else {
        None
    }
}

fn iso_date(key: &str) -> Option<NaiveDate> {
    if key.len() == 10 && key.as_bytes()[4] == b'-' && key.as_bytes()[7] == b'-' {
        NaiveDate::parse_from_str(key, "%Y-%m-%d").ok()
    } else {
        None
    }
}
