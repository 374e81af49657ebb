//! Reading date expressions from tokens: pure syntax, no calendar arithmetic. Words
//! here; forms that start with digits in `numeric`; named parts of the calendar
//! (holidays, seasons, quarters) in `calendar`.

use super::calendar::{self, ordinal_value};
use super::{DateExpr, DayBase, Modifier, Period};
use crate::dates::{DateRange, Precision, TimeUnit};
use crate::mentions::quantity;
use crate::rules::{Rules, Starts};
use crate::segment::{Token, TokenKind};
use chrono::{NaiveDate, Weekday};

/// Reads the longest date expression starting at token `i` (within `end`), returning
/// it and the index one past its last token. `sentence_start` tells a year that opens
/// a sentence ("2016 was a hard year"); `starts` what the token can start, so forms
/// that need an amount or a calendar word are not tried at "the".
pub fn read(
    tokens: &[Token],
    i: usize,
    end: usize,
    sentence_start: usize,
    rules: &Rules,
    starts: Starts,
) -> Option<(DateExpr, usize)> {
    let token = &tokens[i];
    match token.kind {
        TokenKind::Number => super::numeric::read_numeric(tokens, i, end, sentence_start, rules),
        TokenKind::Word => read_words(tokens, i, end, rules, starts),
        TokenKind::Punct => None,
    }
}

pub(super) fn at(tokens: &[Token], k: usize, end: usize) -> Option<&Token> {
    tokens.get(k).filter(|_| k < end)
}

/// The month a token names. A capitalised name always does; one in lower case does
/// unless it is also a common word ("may", "march"), which needs `cued`: a word
/// before it that makes it a time ("in may").
pub(super) fn month_of(token: &Token, cued: bool, rules: &Rules) -> Option<u32> {
    let &month = rules.months.get(token.key.as_str())?;
    calendar_case_fits(token, cued, rules).then_some(month)
}

/// The weekday a token names, on the same terms as `month_of`.
fn weekday_of(token: &Token, cued: bool, rules: &Rules) -> Option<Weekday> {
    let &weekday = rules.weekdays.get(token.key.as_str())?;
    calendar_case_fits(token, cued, rules).then_some(weekday)
}

fn calendar_case_fits(token: &Token, cued: bool, rules: &Rules) -> bool {
    token.capitalized
        || cued
        || !rules
            .forms
            .calendar
            .also_common_words
            .contains(token.key.as_str())
}

/// Whether the word before token `i` makes a month or a day after it a time.
fn month_cue_before(tokens: &[Token], i: usize, rules: &Rules) -> bool {
    i.checked_sub(1).is_some_and(|p| {
        let key = tokens[p].key.as_str();
        rules.month_cues.contains(key) || rules.forms.calendar.day_cues.contains(key)
    })
}

fn read_words(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
    starts: Starts,
) -> Option<(DateExpr, usize)> {
    let token = &tokens[i];
    let key = token.key.as_str();
    let calendar = &rules.forms.calendar;
    // "the day before yesterday", before "the day before" is read as hanging on a date.
    let not_after = |p: usize| {
        let key = tokens[p].key.as_str();
        calendar.relative_days_not_after.contains(key)
    };
    if let Some((&days, len)) = calendar.relative_days.at(tokens, i, end)
        && !i.checked_sub(1).is_some_and(not_after)
    {
        return Some((DateExpr::DayOffset(days), i + len));
    }
    if rules.definite_articles.contains(key)
        && let Some(found) = two_periods_away(tokens, i, end, rules)
    {
        return Some(found);
    }
    let amount = starts.has(Starts::QUANTITY);
    let calendar_word = starts.has(Starts::CALENDAR);
    // "the first Monday of September"; "the last Friday of the month" is no date.
    if let Some(CountedWeekday { n, weekday, month }) = counted_weekday(tokens, i, end, rules) {
        return month.map(|month| read_nth_weekday(tokens, n, weekday, month, end, rules));
    }
    if let Some(found) = read_anaphor(tokens, i, end, rules, amount) {
        return Some(found);
    }
    if let Some(modifier) = modifier_of(key, rules) {
        return read_modified(tokens, i, end, modifier, rules);
    }
    // "earlier this week", "later this month"
    if let Some((&part_of_this, len)) = calendar.this_period_parts.at(tokens, i, end) {
        let period = period_of(&at(tokens, i + len, end)?.key, rules)?;
        return Some((part_of_this(period), i + len + 1));
    }
    // "in three days"
    if calendar.ahead_words.contains(key) {
        return amount_and_unit(tokens, i + 1, end, rules)
            .map(|(amount, unit, next)| (DateExpr::Shift { amount, unit }, next));
    }
    // "early 2019", "late summer", "mid March"
    if calendar.period_parts.contains(key) {
        let next = at(tokens, i + 1, end)?;
        if let Some(year) = calendar::four_digit_year(&next.key) {
            return Some((DateExpr::Absolute(DateRange::year(year)?), i + 2));
        }
        if let Some(found) = calendar::read_season(tokens, i + 1, end, Modifier::None, rules) {
            return Some(found);
        }
        let month = month_of(next, true, rules)?;
        return Some((
            DateExpr::Month {
                month,
                modifier: Modifier::None,
            },
            i + 2,
        ));
    }
    let by_amount = || read_ago(tokens, i, end, rules).or_else(|| read_from(tokens, i, end, rules));
    let by_calendar_word = || {
        calendar::read_holiday(tokens, i, end, Modifier::None, rules)
            .or_else(|| calendar::read_season(tokens, i, end, Modifier::None, rules))
            .or_else(|| calendar::read_year_part(tokens, i, end, rules))
            .or_else(|| calendar::read_century(tokens, i, end, rules))
            .or_else(|| calendar::read_decade_name(tokens, i, end, rules))
            .or_else(|| read_ordinal_day(tokens, i, end, rules))
    };
    if let Some(found) = amount
        .then(by_amount)
        .flatten()
        .or_else(|| calendar_word.then(by_calendar_word).flatten())
    {
        return Some(found);
    }
    // "mid-2019", "mid-March", "mid-1990s"
    if let Some((prefix, rest)) = token.hyphen_parts()
        && calendar.period_parts.contains(prefix)
    {
        if let Some(year) = calendar::four_digit_year(rest) {
            return Some((DateExpr::Absolute(DateRange::year(year)?), i + 1));
        }
        if let Some(year) = rest.strip_suffix('s').and_then(calendar::four_digit_year) {
            let years = super::numeric::decade_or_century(year)?;
            return Some((DateExpr::Absolute(years), i + 1));
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
    if !calendar_word {
        return None;
    }
    let cued = month_cue_before(tokens, i, rules);
    if let Some(weekday) = weekday_of(token, cued, rules) {
        // The weekday of "the first Monday of the month" is no day of its own.
        if i.checked_sub(1)
            .is_some_and(|p| counted_weekday(tokens, p, end, rules).is_some())
        {
            return None;
        }
        // A short name alone ("Sat", "Wed") is read only with its full stop or after
        // "on": "Sun" is a newspaper too.
        let short_fits = key.len() > 3
            || at(tokens, i + 1, end).is_some_and(|t| t.is_punct('.'))
            || i.checked_sub(1)
                .is_some_and(|p| calendar.short_weekday_cues.contains(tokens[p].key.as_str()));
        return short_fits.then_some((
            DateExpr::Weekday {
                weekday,
                modifier: Modifier::None,
            },
            i + 1,
        ));
    }
    let month = month_of(token, cued, rules)?;
    read_after_month(tokens, i, end, month, rules)
}

/// After "last", "this", "next" or "coming": a period, a weekday, a month, a
/// holiday or a season ("this coming Saturday", "last Christmas", "next summer").
fn read_modified(
    tokens: &[Token],
    i: usize,
    end: usize,
    modifier: Modifier,
    rules: &Rules,
) -> Option<(DateExpr, usize)> {
    let mut k = i + 1;
    let mut modifier = modifier;
    // "this coming Saturday", "this past Sunday"
    if modifier == Modifier::This
        && let Some(inner) = at(tokens, k, end).and_then(|t| {
            let after_this = &rules.forms.calendar.modifiers_after_this;
            modifier_of(&t.key, rules).or_else(|| after_this.get(t.key.as_str()).copied())
        })
        && inner != Modifier::This
    {
        modifier = inner;
        k += 1;
    }
    let target = at(tokens, k, end)?;
    if let Some(period) = period_of(&target.key, rules) {
        return Some((DateExpr::Period { period, modifier }, k + 1));
    }
    if let Some(weekday) = weekday_of(target, true, rules) {
        return Some((DateExpr::Weekday { weekday, modifier }, k + 1));
    }
    if let Some(month) = month_of(target, true, rules) {
        return Some((DateExpr::Month { month, modifier }, k + 1));
    }
    calendar::read_holiday(tokens, k, end, modifier, rules)
        .or_else(|| calendar::read_season(tokens, k, end, modifier, rules))
}

/// A weekday counted within a month: "first Monday of September", "last Friday in
/// March", "first Monday of the month".
struct CountedWeekday {
    /// From the month's start (1 to 5), or -1 for the last.
    n: i32,
    weekday: Weekday,
    /// The month, if one is named, and the token it is at.
    month: Option<(u32, usize)>,
}

fn counted_weekday(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
) -> Option<CountedWeekday> {
    let key = tokens[i].key.as_str();
    let n = match modifier_of(key, rules) {
        Some(Modifier::Last) => -1,
        Some(_) => return None,
        None => i32::try_from(ordinal_value(key, rules)?)
            .ok()
            .filter(|n| (1..=5).contains(n))?,
    };
    let weekday = weekday_of(at(tokens, i + 1, end)?, true, rules)?;
    let joiner = at(tokens, i + 2, end)?;
    if !rules
        .forms
        .calendar
        .nth_weekday_joiners
        .contains(joiner.key.as_str())
    {
        return None;
    }
    if let Some(month) = at(tokens, i + 3, end).and_then(|t| month_of(t, true, rules)) {
        let month = Some((month, i + 3));
        return Some(CountedWeekday { n, weekday, month });
    }
    // "of the month", "of each month"
    let a_month = |k: usize| {
        at(tokens, k, end).is_some_and(|t| period_of(&t.key, rules) == Some(Period::Month))
    };
    let month = None;
    (a_month(i + 3) || a_month(i + 4)).then_some(CountedWeekday { n, weekday, month })
}

/// A counted weekday of a named month, with its year if one follows: "the first
/// Monday of September", "the last Friday in March 2020"; read as a holiday is.
fn read_nth_weekday(
    tokens: &[Token],
    n: i32,
    weekday: Weekday,
    (month, k): (u32, usize),
    end: usize,
    rules: &Rules,
) -> (DateExpr, usize) {
    let (year, next) = calendar::year_if_at(tokens, k + 1, end, rules);
    let rule = calendar::HolidayRule::NthWeekday { month, weekday, n };
    let modifier = Modifier::None;
    let expr = DateExpr::Holiday {
        rule,
        year,
        modifier,
    };
    (expr, next)
}

/// The modifier a word is: "last", "this", "next".
fn modifier_of(key: &str, rules: &Rules) -> Option<Modifier> {
    rules.forms.calendar.modifiers.get(key).copied()
}

/// The period a word names: "week", "month", "year".
pub(super) fn period_of(key: &str, rules: &Rules) -> Option<Period> {
    rules.forms.calendar.periods.get(key).copied()
}

/// "the week before last", "the year after next".
fn two_periods_away(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
) -> Option<(DateExpr, usize)> {
    let period = period_of(&at(tokens, i + 1, end)?.key, rules)?;
    let (&step, len) = rules
        .forms
        .calendar
        .two_periods_away
        .at(tokens, i + 2, end)?;
    Some((DateExpr::PeriodShift { period, step }, i + 2 + len))
}

/// A date that hangs on the anchor: "the next day", "that day", "later that month",
/// "the following week", "two days later", "a week earlier".
pub(super) fn read_anaphor(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
    amount: bool,
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
        && let Some(period) = at(tokens, i + len, end).and_then(|t| period_of(&t.key, rules))
    {
        return Some((DateExpr::AnchorPeriod { period, part }, i + len + 1));
    }
    if !amount {
        return None;
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
    let (amount, next) = if rules.indefinite_articles.contains(token.key.as_str())
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

/// "two years ago", "a week ago", "three Fridays ago".
pub(super) fn read_ago(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
) -> Option<(DateExpr, usize)> {
    if let Some((weekday, count, next)) = weekdays_counted(tokens, i, end, rules)
        && at(tokens, next, end).is_some_and(|t| rules.ago_words.contains(t.key.as_str()))
    {
        let count = -i32::try_from(count).ok()?;
        return Some((DateExpr::WeekdayCount { weekday, count }, next + 1));
    }
    let (amount, unit, next) = amount_and_unit(tokens, i, end, rules)?;
    let ago = rules
        .ago_words
        .contains(at(tokens, next, end)?.key.as_str());
    ago.then_some((
        DateExpr::Shift {
            amount: -amount,
            unit,
        },
        next + 1,
    ))
}

/// "two Mondays": a count of a weekday, with one past it.
fn weekdays_counted(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
) -> Option<(Weekday, u32, usize)> {
    let amount = quantity::read(tokens, i, end, rules)?;
    let plural = at(tokens, amount.end, end).filter(|t| t.capitalized)?;
    let &weekday = rules.weekdays.get(&rules.forms.singular(&plural.key))?;
    let count = (amount.value.fract() == 0.0 && (1.0..=52.0).contains(&amount.value))
        .then_some(amount.value as u32)?;
    Some((weekday, count, amount.end + 1))
}

/// "three days from now", "a week from Friday", "two Mondays from now".
pub(super) fn read_from(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
) -> Option<(DateExpr, usize)> {
    let calendar = &rules.forms.calendar;
    let from_at =
        |k: usize| at(tokens, k, end).is_some_and(|t| calendar.from_words.contains(t.key.as_str()));
    if let Some((weekday, count, next)) = weekdays_counted(tokens, i, end, rules)
        && from_at(next)
        && at(tokens, next + 1, end)
            .is_some_and(|t| calendar.now_words.get(t.key.as_str()) == Some(&0))
    {
        let count = i32::try_from(count).ok()?;
        return Some((DateExpr::WeekdayCount { weekday, count }, next + 2));
    }
    let (amount, unit, next) = amount_and_unit(tokens, i, end, rules)?;
    if !from_at(next) {
        return None;
    }
    let base_token = at(tokens, next + 1, end)?;
    let base = match calendar.now_words.get(base_token.key.as_str()) {
        Some(&0) => return Some((DateExpr::Shift { amount, unit }, next + 2)),
        Some(&days) => DayBase::Offset(days),
        None => DayBase::Weekday(weekday_of(base_token, true, rules)?),
    };
    Some((DateExpr::FromDay { base, amount, unit }, next + 2))
}

/// A day without a year ending before token `next`, or with "last year", "this
/// year" or "next year" after it.
pub(super) fn month_day(
    tokens: &[Token],
    next: usize,
    end: usize,
    month: u32,
    day: u32,
    rules: &Rules,
) -> (DateExpr, usize) {
    match year_offset(tokens, next, end, rules) {
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
fn year_offset(tokens: &[Token], k: usize, end: usize, rules: &Rules) -> Option<i32> {
    period_offset(tokens, k, end, Period::Year, rules)
}

/// "last month" (-1), "this month" (0), "next month" (1) at token `k`, for `period`.
fn period_offset(
    tokens: &[Token],
    k: usize,
    end: usize,
    period: Period,
    rules: &Rules,
) -> Option<i32> {
    let modifier = modifier_of(&at(tokens, k, end)?.key, rules)?;
    if period_of(&at(tokens, k + 1, end)?.key, rules)? != period {
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
    let weekday = weekday_of(&tokens[i], false, rules)?;
    let mut k = i + 1;
    for mark in ['.', ','] {
        if at(tokens, k, end).is_some_and(|t| t.is_punct(mark)) {
            k += 1;
        }
    }
    at(tokens, k, end)?;
    let (expr, next) = read(tokens, k, end, sentence_start, rules, Starts::ALL)?;
    let names_a_day = match expr {
        DateExpr::MonthDay { .. } | DateExpr::InYear { day: Some(_), .. } => true,
        DateExpr::Absolute(range) => range.precision == Precision::Day,
        _ => false,
    };
    names_a_day.then_some((weekday, expr, next))
}

/// A day of the month written as an ordinal: "3rd", "third", "twenty-first";
/// digits without a suffix too when `plain` ("March 8").
pub(super) fn day_number(key: &str, plain: bool, rules: &Rules) -> Option<u32> {
    let digits = key.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &key[digits.len()..];
    let value = if key.starts_with(|c: char| c.is_ascii_digit()) {
        let fits = rules.ordinal_suffixes.contains(suffix) || (plain && suffix.is_empty());
        if !fits || digits.len() > 2 {
            return None;
        }
        digits.parse().ok()?
    } else {
        u32::try_from(ordinal_value(key, rules)?).ok()?
    };
    (1..=31).contains(&value).then_some(value)
}

/// From an ordinal day: "first of June", "3rd of January 2019", "the 14th of next
/// month", or, after "the" and
/// a word such as "on", the day of a month left unsaid ("on the 12th").
pub(super) fn read_ordinal_day(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
) -> Option<(DateExpr, usize)> {
    let token = &tokens[i];
    let day = day_number(&token.key, token.kind == TokenKind::Number, rules)?;
    let mut k = i + 1;
    if at(tokens, k, end).is_some_and(|t| rules.of_words.contains(t.key.as_str())) {
        k += 1;
    }
    // "the 14th of next month"
    if k > i + 1
        && let Some(step) = period_offset(tokens, k, end, Period::Month, rules)
    {
        return Some((DateExpr::DayOfShiftedMonth { day, step }, k + 2));
    }
    if let Some(month) = at(tokens, k, end).and_then(|t| month_of(t, k > i + 1, rules)) {
        if let Some(year) = at(tokens, k + 1, end).and_then(|t| calendar::four_digit_year(&t.key)) {
            let date = NaiveDate::from_ymd_opt(year, month, day)?;
            return Some((DateExpr::Absolute(DateRange::day(date)), k + 2));
        }
        NaiveDate::from_ymd_opt(2000, month, day)?;
        return Some(month_day(tokens, k + 1, end, month, day, rules));
    }
    // "on the 12th": a suffix or a word makes it an ordinal, "the" and a cue before
    // it a day, and nothing it could be counting may follow ("the 12th floor").
    let ordinal_written = token.key.ends_with(|c: char| c.is_ascii_alphabetic());
    let cued = i >= 2
        && rules.definite_articles.contains(tokens[i - 1].key.as_str())
        && rules
            .forms
            .calendar
            .day_cues
            .contains(tokens[i - 2].key.as_str());
    let open_after = at(tokens, i + 1, end)
        .is_none_or(|t| t.kind == TokenKind::Punct || rules.conjunctions.contains(t.key.as_str()));
    (ordinal_written && cued && open_after).then_some((DateExpr::DayOfMonth { day }, i + 1))
}

/// After a month name: "March 8", "March 08, 2020", "April the 7th", "June first",
/// "March 2020", or a bare month when a word such as "in" or "since" comes before it.
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
    // "April the 7th"
    let the = at(tokens, k, end).is_some_and(|t| rules.definite_articles.contains(t.key.as_str()));
    let day_at = k + usize::from(the);
    let day = at(tokens, day_at, end)
        .and_then(|t| day_number(&t.key, t.kind == TokenKind::Number, rules));
    if let Some(day) = day {
        let k = day_at;
        // "March 8, 2020" or "March 8 2020"
        let comma = usize::from(at(tokens, k + 1, end).is_some_and(|t| t.is_punct(',')));
        if let Some(year) =
            at(tokens, k + 1 + comma, end).and_then(|t| calendar::four_digit_year(&t.key))
        {
            let date = NaiveDate::from_ymd_opt(year, month, day)?;
            return Some((DateExpr::Absolute(DateRange::day(date)), k + 2 + comma));
        }
        // A day that cannot exist in any year ("February 30") is not a date.
        NaiveDate::from_ymd_opt(2000, month, day)?;
        return Some(month_day(tokens, k + 1, end, month, day, rules));
    }
    // "March 2020", "Feb. 2024", "March '89"
    if let Some((year, next)) = calendar::year_at(tokens, k, end, rules) {
        return Some((DateExpr::Absolute(DateRange::month(year, month)?), next));
    }
    // "March last year"
    if let Some(offset) = year_offset(tokens, k, end, rules) {
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
