//! Giving a date expression its value: against the as-of date and the clause's
//! tense, or against the date it hangs on.

use super::calendar;
use super::{AnchorPart, DateExpr, DayBase, Modifier, Period, Tense};
use crate::dates::{DateRange, Precision, TimeUnit};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

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
        DateExpr::DayOfMonth { day } => resolve_day_of_month(as_of, day, tense).map(DateRange::day),
        DateExpr::DayOfShiftedMonth { day, step } => {
            let month = shift(as_of.with_day(1)?, Period::Month, step)?;
            month.with_day(day).map(DateRange::day)
        }
        DateExpr::PeriodShift { period, step } => {
            period_containing(shift(as_of, period, step)?, period)
        }
        DateExpr::WeekdayCount { weekday, count } => {
            let modifier = if count > 0 {
                Modifier::Next
            } else {
                Modifier::Last
            };
            let first = resolve_weekday(as_of, weekday, modifier, tense)?;
            let weeks = TimeUnit::Week;
            weeks
                .shift(first, i64::from(count.signum() * (count.abs() - 1)))
                .map(DateRange::day)
        }
        DateExpr::FromDay { base, amount, unit } => {
            let base = match base {
                DayBase::Weekday(weekday) => {
                    resolve_weekday(as_of, weekday, Modifier::None, Tense::Future)?
                }
                DayBase::Offset(days) => add_days(as_of, days)?,
            };
            unit.shift(base, amount).map(DateRange::day)
        }
        DateExpr::Holiday {
            rule,
            year,
            modifier,
        } => match year {
            Some(year) => rule.date_in(year).map(DateRange::day),
            None => calendar::choose_around(as_of, modifier, tense, |y| {
                rule.date_in(y).map(DateRange::day)
            }),
        },
        DateExpr::Season {
            season,
            year,
            modifier,
        } => match year {
            Some(year) => season.starting(year),
            None => calendar::choose_around(as_of, modifier, tense, |y| season.starting(y)),
        },
        DateExpr::YearPart { part, parts, year } => match year {
            Some(year) => calendar::year_part(year, part, parts),
            None => calendar::choose_around(as_of, Modifier::None, tense, |y| {
                calendar::year_part(y, part, parts)
            }),
        },
    }
}

/// The day `day` of the latest month in which it is not after `as_of` (past), or of
/// the first in which it is not before it (future).
fn resolve_day_of_month(as_of: NaiveDate, day: u32, tense: Tense) -> Option<NaiveDate> {
    let month_start = as_of.with_day(1)?;
    (0..13).find_map(|k| {
        let month = match tense {
            Tense::Past => month_start.checked_sub_months(Months::new(k))?,
            Tense::Future => month_start.checked_add_months(Months::new(k))?,
        };
        let date = month.with_day(day)?;
        let fits = match tense {
            Tense::Past => date <= as_of,
            Tense::Future => date >= as_of,
        };
        fits.then_some(date)
    })
}

fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    date.checked_add_signed(chrono::Duration::try_days(days)?)
}

fn shift(date: NaiveDate, period: Period, step: i32) -> Option<NaiveDate> {
    let unit = match period {
        Period::Week => TimeUnit::Week,
        Period::Month => TimeUnit::Month,
        Period::Year => TimeUnit::Year,
    };
    unit.shift(date, i64::from(step))
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
