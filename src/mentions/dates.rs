//! Date mentions: read a date expression from tokens (`DateExpr`, pure syntax), then
//! resolve it against the as-of date and the clause's tense (`resolve`).

use super::quantity;
use crate::dates::TimeUnit;
use crate::dates::{DateRange, Precision};
use crate::rules::{NumericDates, Rules};
use crate::segment::{Token, TokenKind};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Which way a date without a year, a bare weekday or a bare month points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
}

/// "last", "this", "next" before a weekday, month or period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modifier {
    None,
    Last,
    This,
    Next,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Week,
    Month,
    Year,
}

/// A date expression as written, before the as-of date gives it a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateExpr {
    /// Fully stated: "January 3, 2020", "March 2020", "in 1979", "2020-03-08".
    Absolute(DateRange),
    /// "January 3": a day without a year.
    MonthDay { month: u32, day: u32 },
    /// "July 30 last year", "March this year": a day (or a month) of the as-of date's
    /// year moved by `offset` years.
    InYear {
        month: u32,
        day: Option<u32>,
        offset: i32,
    },
    /// "in March", "last March".
    Month { month: u32, modifier: Modifier },
    /// "on Monday", "last Friday".
    Weekday {
        weekday: Weekday,
        modifier: Modifier,
    },
    /// "last week", "this year", "next month".
    Period { period: Period, modifier: Modifier },
    /// "earlier this week": from the period's start to the day before the as-of date.
    EarlierThis(Period),
    /// "later this week": from the day after the as-of date to the period's end.
    LaterThis(Period),
    /// "yesterday" (-1), "today" (0), "tomorrow" (1).
    DayOffset(i64),
    /// "two years ago" (negative amount) or "in three days" (positive).
    Shift { amount: i64, unit: TimeUnit },
    /// Counted from the date last mentioned in the paragraph, its anchor: "two days
    /// later" is 2 days, "a week earlier" -1 week, "the next day" 1 day, "that day" 0.
    /// `from_as_of`: without an anchor, counted from the as-of date ("the day before").
    FromAnchor {
        amount: i64,
        unit: TimeUnit,
        from_as_of: bool,
    },
    /// "later that month", "that year", "the following week": a period of the anchor.
    AnchorPeriod { period: Period, part: AnchorPart },
}

/// Which part of an anchor's period a date means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnchorPart {
    /// After the anchor, within its period: "later that month".
    Later,
    /// Before the anchor, within its period: "earlier that week".
    Earlier,
    /// The anchor's whole period: "that year".
    Same,
    /// The period after the anchor's: "the following month".
    Next,
    /// The period before the anchor's: "the previous year".
    Previous,
}

impl DateExpr {
    /// Whether the value hangs on the date last mentioned in the paragraph.
    pub fn hangs_on_anchor(&self) -> bool {
        matches!(
            self,
            DateExpr::FromAnchor { .. } | DateExpr::AnchorPeriod { .. }
        )
    }

    /// Whether, with no anchor in its paragraph, it counts from the as-of date.
    pub fn counts_from_as_of(&self) -> bool {
        matches!(
            self,
            DateExpr::FromAnchor {
                from_as_of: true,
                ..
            }
        )
    }

    /// Whether the value depends on the tense of the words before it.
    pub fn depends_on_tense(&self) -> bool {
        matches!(
            self,
            DateExpr::MonthDay { .. }
                | DateExpr::Month {
                    modifier: Modifier::None,
                    ..
                }
                | DateExpr::Weekday {
                    modifier: Modifier::None,
                    ..
                }
        )
    }
}

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

/// A date stated with its weekday. A day without a year takes the year nearest the
/// as-of date, no more than `reach` years from the one the usual rules give, in
/// which it falls on that weekday (in the clause's tense if one fits either way);
/// if none does, the usual year, marked as a mismatch (`true`). A fully stated date
/// is only checked.
pub fn resolve_with_weekday(
    expr: DateExpr,
    weekday: Weekday,
    as_of: Option<NaiveDate>,
    tense: Tense,
    reach: i32,
) -> Option<(DateRange, bool)> {
    let (range, free_year) = match (expr, as_of) {
        (DateExpr::Absolute(range), _) => (range, None),
        (DateExpr::MonthDay { month, day }, Some(as_of)) => (
            DateRange::day(resolve_month_day(as_of, month, day, tense)?),
            Some((as_of, month, day)),
        ),
        (_, Some(as_of)) => (resolve(expr, as_of, tense)?, None),
        (_, None) => return None,
    };
    if range.first.weekday() == weekday {
        return Some((range, false));
    }
    let Some((as_of, month, day)) = free_year else {
        return Some((range, true));
    };
    let usual = range.first.year();
    let fitting: Vec<NaiveDate> = (usual - reach..=usual + reach)
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .filter(|date| date.weekday() == weekday)
        .collect();
    let in_tense = |date: &&NaiveDate| match tense {
        Tense::Past => **date <= as_of,
        Tense::Future => **date >= as_of,
    };
    let nearest = |dates: &mut dyn Iterator<Item = &NaiveDate>| {
        dates
            .min_by_key(|date| (**date - as_of).num_days().abs())
            .copied()
    };
    let chosen =
        nearest(&mut fitting.iter().filter(in_tense)).or_else(|| nearest(&mut fitting.iter()));
    Some(match chosen {
        Some(date) => (DateRange::day(date), false),
        None => (range, true),
    })
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
            || matches!(key, "was" | "were" | "had" | "did")
            || (t.is_word() && key.len() > 4 && key.ends_with("ed"))
    })
}

/// The value of a date that hangs on `anchor` (the date last mentioned in the
/// paragraph). A shift finer than the anchor moves its whole range ("two days later"
/// than "January 2004"); one that would blur it beyond use gives nothing ("a week
/// later" than "2004").
pub fn resolve_from_anchor(expr: DateExpr, anchor: DateRange) -> Option<DateRange> {
    match expr {
        DateExpr::FromAnchor { amount, unit, .. } => shift_range(anchor, amount, unit),
        DateExpr::AnchorPeriod { period, part } => anchor_period(anchor, period, part),
        _ => None,
    }
}

/// The coarsest anchor a shift in `unit` still says something about.
fn coarsest_anchor(unit: TimeUnit) -> Precision {
    match unit {
        TimeUnit::Second | TimeUnit::Minute | TimeUnit::Hour => Precision::Day,
        TimeUnit::Day | TimeUnit::Week | TimeUnit::Fortnight | TimeUnit::Month => Precision::Month,
        TimeUnit::Year => Precision::Year,
        TimeUnit::Decade | TimeUnit::Century => Precision::Decade,
    }
}

fn shift_range(anchor: DateRange, amount: i64, unit: TimeUnit) -> Option<DateRange> {
    if anchor.precision > coarsest_anchor(unit) {
        return None;
    }
    // "that day" is only a day when the anchor is one.
    if amount == 0 && anchor.precision != Precision::Day {
        return None;
    }
    let calendar = matches!(
        unit,
        TimeUnit::Month | TimeUnit::Year | TimeUnit::Decade | TimeUnit::Century
    );
    if calendar && anchor.is_whole_unit() && anchor.precision >= Precision::Month {
        // "a year later" than March 2004 is March 2005.
        let first = unit.shift(anchor.first, amount)?;
        return match anchor.precision {
            Precision::Month => DateRange::month(first.year(), first.month()),
            Precision::Year => DateRange::year(first.year()),
            _ => DateRange::decade(first.year() - first.year().rem_euclid(10)),
        };
    }
    let range = DateRange {
        first: unit.shift(anchor.first, amount)?,
        last: unit.shift(anchor.last, amount)?,
        precision: anchor.precision,
    };
    Some(if range.is_whole_unit() {
        range
    } else {
        DateRange {
            precision: Precision::Day,
            ..range
        }
    })
}

fn anchor_period(anchor: DateRange, period: Period, part: AnchorPart) -> Option<DateRange> {
    let whole = period_containing(anchor.first, period)?;
    // The anchor must lie within one such period: "later that month" of "2004" is nothing.
    if anchor.last > whole.last {
        return None;
    }
    let days = |first: NaiveDate, last: NaiveDate| {
        (first <= last).then_some(DateRange {
            first,
            last,
            precision: Precision::Day,
        })
    };
    match part {
        AnchorPart::Same => Some(whole),
        AnchorPart::Later if anchor.last == whole.last => Some(whole),
        AnchorPart::Later => days(anchor.last.succ_opt()?, whole.last),
        AnchorPart::Earlier if anchor.first == whole.first => Some(whole),
        AnchorPart::Earlier => days(whole.first, anchor.first.pred_opt()?),
        AnchorPart::Next => period_containing(shift(whole.first, period, 1)?, period),
        AnchorPart::Previous => period_containing(shift(whole.first, period, -1)?, period),
    }
}

/// The value of a date expression on `as_of`. A date that hangs on an anchor counts
/// from the as-of date here, if its wording allows that.
pub fn resolve(expr: DateExpr, as_of: NaiveDate, tense: Tense) -> Option<DateRange> {
    match expr {
        DateExpr::Absolute(range) => Some(range),
        DateExpr::MonthDay { month, day } => {
            resolve_month_day(as_of, month, day, tense).map(DateRange::day)
        }
        DateExpr::Month { month, modifier } => resolve_month(as_of, month, modifier, tense),
        DateExpr::InYear { month, day, offset } => {
            let year = as_of.year().checked_add(offset)?;
            match day {
                Some(day) => NaiveDate::from_ymd_opt(year, month, day).map(DateRange::day),
                None => DateRange::month(year, month),
            }
        }
        DateExpr::Weekday { weekday, modifier } => {
            resolve_weekday(as_of, weekday, modifier, tense).map(DateRange::day)
        }
        DateExpr::Period { period, modifier } => {
            let step = match modifier {
                Modifier::Last => -1,
                Modifier::Next => 1,
                Modifier::This | Modifier::None => 0,
            };
            period_containing(shift(as_of, period, step)?, period)
        }
        DateExpr::EarlierThis(period) => {
            let whole = period_containing(as_of, period)?;
            let last = as_of.pred_opt()?.max(whole.first);
            Some(DateRange {
                first: whole.first,
                last,
                precision: Precision::Day,
            })
        }
        DateExpr::LaterThis(period) => {
            let whole = period_containing(as_of, period)?;
            let first = as_of.succ_opt()?.min(whole.last);
            Some(DateRange {
                first,
                last: whole.last,
                precision: Precision::Day,
            })
        }
        DateExpr::DayOffset(offset) => add_days(as_of, offset).map(DateRange::day),
        DateExpr::FromAnchor {
            from_as_of: true, ..
        } => resolve_from_anchor(expr, DateRange::day(as_of)),
        DateExpr::FromAnchor { .. } | DateExpr::AnchorPeriod { .. } => None,
        DateExpr::Shift { amount, unit } => {
            let day = unit.shift(as_of, amount)?;
            match unit {
                TimeUnit::Month => DateRange::month(day.year(), day.month()),
                TimeUnit::Year | TimeUnit::Decade | TimeUnit::Century => {
                    DateRange::year(day.year())
                }
                _ => Some(DateRange::day(day)),
            }
        }
    }
}

fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    date.checked_add_signed(chrono::Duration::try_days(days)?)
}

fn shift(date: NaiveDate, period: Period, step: i32) -> Option<NaiveDate> {
    let months = |n: u32| Months::new(n);
    match (period, step.signum()) {
        (_, 0) => Some(date),
        (Period::Week, 1) => date.checked_add_days(Days::new(7)),
        (Period::Week, _) => date.checked_sub_days(Days::new(7)),
        (Period::Month, 1) => date.checked_add_months(months(1)),
        (Period::Month, _) => date.checked_sub_months(months(1)),
        (Period::Year, 1) => date.checked_add_months(months(12)),
        (Period::Year, _) => date.checked_sub_months(months(12)),
    }
}

fn period_containing(date: NaiveDate, period: Period) -> Option<DateRange> {
    match period {
        Period::Week => Some(DateRange::week_of(date)),
        Period::Month => DateRange::month(date.year(), date.month()),
        Period::Year => DateRange::year(date.year()),
    }
}

/// The latest such day not after `as_of` (past), or the first not before it (future).
fn resolve_month_day(as_of: NaiveDate, month: u32, day: u32, tense: Tense) -> Option<NaiveDate> {
    // February 29 may be up to eight years away.
    let years: Box<dyn Iterator<Item = i32>> = match tense {
        Tense::Past => Box::new((as_of.year() - 8..=as_of.year()).rev()),
        Tense::Future => Box::new(as_of.year()..=as_of.year() + 8),
    };
    years
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .find(|&date| match tense {
            Tense::Past => date <= as_of,
            Tense::Future => date >= as_of,
        })
}

fn resolve_month(
    as_of: NaiveDate,
    month: u32,
    modifier: Modifier,
    tense: Tense,
) -> Option<DateRange> {
    let this_year = DateRange::month(as_of.year(), month)?;
    let last_year = DateRange::month(as_of.year() - 1, month)?;
    let next_year = DateRange::month(as_of.year() + 1, month)?;
    let current_month = as_of.month();
    Some(match (modifier, tense) {
        (Modifier::This, _) => this_year,
        (Modifier::Last, _) => {
            if month < current_month {
                this_year
            } else {
                last_year
            }
        }
        (Modifier::Next, _) => {
            if month > current_month {
                this_year
            } else {
                next_year
            }
        }
        (Modifier::None, Tense::Past) => {
            if month <= current_month {
                this_year
            } else {
                last_year
            }
        }
        (Modifier::None, Tense::Future) => {
            if month >= current_month {
                this_year
            } else {
                next_year
            }
        }
    })
}

/// A weekday against the as-of date: a bare one in the past is the most recent on or
/// before it (the news convention), in the future the first after it.
pub fn resolve_weekday(
    as_of: NaiveDate,
    weekday: Weekday,
    modifier: Modifier,
    tense: Tense,
) -> Option<NaiveDate> {
    let back = (7 + as_of.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    let forward = (7 - back) % 7;
    let (days_back, days_forward) = (u64::from(back), u64::from(forward));
    match (modifier, tense) {
        (Modifier::This, _) => {
            let monday = as_of.week(Weekday::Mon).first_day();
            monday.checked_add_days(Days::new(u64::from(weekday.num_days_from_monday())))
        }
        (Modifier::Last, _) => {
            as_of.checked_sub_days(Days::new(if back == 0 { 7 } else { days_back }))
        }
        (Modifier::Next, _) | (Modifier::None, Tense::Future) => {
            as_of.checked_add_days(Days::new(if forward == 0 { 7 } else { days_forward }))
        }
        (Modifier::None, Tense::Past) => as_of.checked_sub_days(Days::new(days_back)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_bare_weekday_in_the_past_is_the_latest_on_or_before_as_of() {
        let thursday = ymd(2020, 4, 9);
        let past = |w| resolve_weekday(thursday, w, Modifier::None, Tense::Past).unwrap();
        assert_eq!(past(Weekday::Mon), ymd(2020, 4, 6));
        assert_eq!(past(Weekday::Thu), thursday);
        assert_eq!(past(Weekday::Fri), ymd(2020, 4, 3));
        let future = resolve_weekday(thursday, Weekday::Mon, Modifier::None, Tense::Future);
        assert_eq!(future, Some(ymd(2020, 4, 13)));
    }

    #[test]
    fn a_day_without_a_year_is_the_latest_not_after_as_of() {
        let as_of = ymd(2020, 4, 9);
        assert_eq!(
            resolve_month_day(as_of, 1, 3, Tense::Past),
            Some(ymd(2020, 1, 3))
        );
        assert_eq!(
            resolve_month_day(as_of, 6, 3, Tense::Past),
            Some(ymd(2019, 6, 3))
        );
        assert_eq!(
            resolve_month_day(as_of, 6, 3, Tense::Future),
            Some(ymd(2020, 6, 3))
        );
        assert_eq!(
            resolve_month_day(as_of, 2, 29, Tense::Past),
            Some(ymd(2020, 2, 29))
        );
    }

    #[test]
    fn periods_around_year_boundaries() {
        let new_year = ymd(2021, 1, 2); // a Saturday
        let last_week = resolve(
            DateExpr::Period {
                period: Period::Week,
                modifier: Modifier::Last,
            },
            new_year,
            Tense::Past,
        )
        .unwrap();
        assert_eq!(
            (last_week.first, last_week.last),
            (ymd(2020, 12, 21), ymd(2020, 12, 27))
        );
        let last_year = resolve(
            DateExpr::Period {
                period: Period::Year,
                modifier: Modifier::Last,
            },
            new_year,
            Tense::Past,
        )
        .unwrap();
        assert_eq!(last_year.to_string(), "2020");
        let earlier = resolve(
            DateExpr::EarlierThis(Period::Week),
            ymd(2020, 4, 9),
            Tense::Past,
        )
        .unwrap();
        assert_eq!(earlier.to_string(), "2020-04-06/2020-04-08");
    }
}
