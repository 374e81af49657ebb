//! Dates that start with a number: "2020-03-08", "2019-4-7", "23-Nov-81",
//! "11.23.1981", "3/8/2020", "11/23/81", "23/Nov/1981", "4/2019", "on 4/7", "8 March
//! 2020", "3rd of January", "the 1990s", "the 1800s", year ranges ("2019-20",
//! "1998–2003", "2013/14"), and a year after a year cue ("in 1979", "the 2015 deal").

use super::DateExpr;
use super::calendar::{self, four_digit_year};
use super::read::{at, month_of, read_ago, read_anaphor, read_from, read_ordinal_day};
use crate::dates::DateRange;
use crate::rules::{NumericDates, Rules};
use crate::segment::Token;
use chrono::NaiveDate;

pub(super) fn read_numeric(
    tokens: &[Token],
    i: usize,
    end: usize,
    sentence_start: usize,
    rules: &Rules,
) -> Option<(DateExpr, usize)> {
    let key = tokens[i].key.as_str();
    if let Some(date) = joined_date(key, rules) {
        return Some((DateExpr::Absolute(DateRange::day(date)), i + 1));
    }
    if let Some((range, next)) = year_range(tokens, i, end) {
        return Some((DateExpr::Absolute(range), next));
    }
    if let Some(found) = slashed(tokens, i, end, rules) {
        return Some(found);
    }
    if let Some(year) = key.strip_suffix('s').and_then(four_digit_year) {
        return Some((DateExpr::Absolute(decade_or_century(year)?), i + 1));
    }
    if let Some(found) = calendar::read_decade_name(tokens, i, end, rules)
        .or_else(|| read_ago(tokens, i, end, rules))
        .or_else(|| read_from(tokens, i, end, rules))
        .or_else(|| read_anaphor(tokens, i, end, rules, true))
        .or_else(|| calendar::read_year_part(tokens, i, end, rules))
        .or_else(|| calendar::read_century(tokens, i, end, rules))
        .or_else(|| read_ordinal_day(tokens, i, end, rules))
    {
        return Some(found);
    }
    // "in '89": two digits after an apostrophe, which the cue stands before.
    let apostrophe_year = i
        .checked_sub(1)
        .filter(|&p| p > sentence_start)
        .and_then(|p| calendar::year_at(tokens, p, end, rules))
        .filter(|&(_, next)| next == i + 1);
    let (year, cue_at) = match apostrophe_year {
        Some((year, _)) => (year, i - 1),
        None => (four_digit_year(key)?, i),
    };
    let cue = cue_at
        .checked_sub(1)
        .is_some_and(|p| p >= sentence_start && rules.year_cues.contains(tokens[p].key.as_str()));
    let opens_sentence = i == sentence_start
        && (1900..2100).contains(&year)
        && year_opens_sentence(at(tokens, i + 1, end), rules);
    (cue || opens_sentence)
        .then(|| DateRange::year(year).map(|range| (DateExpr::Absolute(range), i + 1)))?
}

/// The years a plural year names: "the 1990s"; "the 1800s" is a century (the 2000s
/// a decade, as news uses them).
pub(super) fn decade_or_century(year: i32) -> Option<DateRange> {
    if year % 100 == 0 && year < 2000 {
        DateRange::century_from(year)
    } else if year % 10 == 0 {
        DateRange::decade(year)
    } else {
        None
    }
}

/// "2016 was a hard year", "2016, however, ...": a year, not "2016 votes".
fn year_opens_sentence(next: Option<&Token>, rules: &Rules) -> bool {
    let words = &rules.forms.calendar.sentence_years;
    let plural = |key: &str| {
        words
            .plural_endings
            .iter()
            .any(|e| key.ends_with(e.as_str()))
    };
    next.is_some_and(|t| {
        let key = t.key.as_str();
        t.is_punct(',')
            || (t.is_word() && !t.capitalized && (!plural(key) || words.verbs.contains(key)))
    })
}

/// Up to `width` digits as a number.
fn digits(text: &str, width: usize) -> Option<u32> {
    (!text.is_empty() && text.len() <= width && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// A year in four digits, or in two by the rules' pivot.
fn year_written(text: &str, rules: &Rules) -> Option<i32> {
    four_digit_year(text).or_else(|| rules.forms.calendar.two_digit_year(text))
}

/// Month and day from two numbers in the rules' order; a month that order would read
/// past December is read in the other, the only one it has ("20/03/2021" even where
/// 3/8 is March 8).
fn month_and_day(first: u32, second: u32, rules: &Rules) -> (u32, u32) {
    let (month, day) = match rules.numeric_dates {
        NumericDates::MonthFirst => (first, second),
        NumericDates::DayFirst => (second, first),
    };
    match month > 12 && (1..=12).contains(&day) {
        true => (day, month),
        false => (month, day),
    }
}

/// A date written as one token: "2020-03-08", "2019-4-7", "23-Nov-81",
/// "11-23-1981", "11.23.1981", "2019.04.07".
fn joined_date(key: &str, rules: &Rules) -> Option<NaiveDate> {
    let separator = ['-', '.'].into_iter().find(|&c| key.contains(c))?;
    let parts: Vec<&str> = key.split(separator).collect();
    let [first, second, third] = parts.as_slice() else {
        return None;
    };
    if let Some(year) = four_digit_year(first).filter(|_| first.len() == 4) {
        return NaiveDate::from_ymd_opt(year, digits(second, 2)?, digits(third, 2)?);
    }
    if let Some(&month) = rules.months.get(second).filter(|_| separator == '-') {
        return NaiveDate::from_ymd_opt(year_written(third, rules)?, month, digits(first, 2)?);
    }
    let year = four_digit_year(third)?;
    let (month, day) = month_and_day(digits(first, 2)?, digits(second, 2)?, rules);
    NaiveDate::from_ymd_opt(year, month, day)
}

/// "2019-20", "2019-2020", "1998–2003", "2013/14": the years from one to the other.
fn year_range(tokens: &[Token], i: usize, end: usize) -> Option<(DateRange, usize)> {
    let key = tokens[i].key.as_str();
    // A season written with a slash: "2013/14", but not "2019/04/07".
    let mut season = false;
    let (first, last, next) = if let Some((first, last)) = key.split_once('-') {
        (four_digit_year(first)?, last, i + 1)
    } else {
        let dash = at(tokens, i + 1, end)?;
        let last = at(tokens, i + 2, end)?;
        if dash.is_punct('/') {
            let touching =
                tokens[i].span().end == dash.span().start && dash.span().end == last.span().start;
            let date_goes_on = at(tokens, i + 3, end).is_some_and(|t| t.is_punct('/'));
            if !touching || date_goes_on {
                return None;
            }
            season = true;
        } else if !(dash.is_punct('–') || dash.is_punct('—') || dash.is_punct('-')) {
            return None;
        }
        (four_digit_year(key)?, last.key.as_str(), i + 3)
    };
    let last = match last.len() {
        2 => {
            let in_century =
                first - first.rem_euclid(100) + i32::try_from(digits(last, 2)?).ok()?;
            if in_century > first {
                in_century
            } else {
                in_century + 100
            }
        }
        4 => four_digit_year(last)?,
        _ => return None,
    };
    (last > first && last - first < 100 && (!season || last == first + 1))
        .then(|| {
            Some((
                DateRange::between(DateRange::year(first)?, DateRange::year(last)?),
                next,
            ))
        })
        .flatten()
}

/// Slashed dates, their parts touching: "3/8/2020", "11/23/81", "2019/04/07",
/// "23/Nov/1981", "4/2019" (a month), and "on 4/7" (a day without a year, after a
/// word that makes it a date rather than a fraction).
fn slashed(tokens: &[Token], i: usize, end: usize, rules: &Rules) -> Option<(DateExpr, usize)> {
    let touching =
        |k: usize| at(tokens, k, end).filter(|t| tokens[k - 1].span().end == t.span().start);
    if !touching(i + 1)?.is_punct('/') {
        return None;
    }
    let first = tokens[i].key.as_str();
    let second = touching(i + 2)?;
    let third = touching(i + 3)
        .filter(|t| t.is_punct('/'))
        .and_then(|_| touching(i + 4));
    if let Some(third) = third {
        let date = if let Some(year) = four_digit_year(first) {
            NaiveDate::from_ymd_opt(year, digits(&second.key, 2)?, digits(&third.key, 2)?)?
        } else if let Some(month) = month_of(second, true, rules) {
            NaiveDate::from_ymd_opt(year_written(&third.key, rules)?, month, digits(first, 2)?)?
        } else {
            let (month, day) = month_and_day(digits(first, 2)?, digits(&second.key, 2)?, rules);
            NaiveDate::from_ymd_opt(year_written(&third.key, rules)?, month, day)?
        };
        return Some((DateExpr::Absolute(DateRange::day(date)), i + 5));
    }
    let first = digits(first, 2)?;
    if let Some(year) = four_digit_year(&second.key) {
        return Some((DateExpr::Absolute(DateRange::month(year, first)?), i + 3));
    }
    let cued = i.checked_sub(1).is_some_and(|p| {
        rules
            .forms
            .calendar
            .day_cues
            .contains(tokens[p].key.as_str())
    });
    let (month, day) = month_and_day(first, digits(&second.key, 2)?, rules);
    NaiveDate::from_ymd_opt(2000, month, day)?;
    cued.then_some((DateExpr::MonthDay { month, day }, i + 3))
}
