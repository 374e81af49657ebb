//! Calendar values shared by every stage: a date known to some precision is the
//! inclusive range of days it can mean ("2020" is 2020-01-01..=2020-12-31).

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Century => "century",
        })
    }
}

/// A date to some precision, as the inclusive range of days it covers. Serialized
/// (for the fact base's cache) as its days since the common era.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "CompactRange", try_from = "CompactRange")]
pub struct DateRange {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub precision: Precision,
}

impl DateRange {
    pub fn day(date: NaiveDate) -> Self {
        DateRange {
            first: date,
            last: date,
            precision: Precision::Day,
        }
    }

    /// The week (Monday to Sunday) that contains `date`.
    pub fn week_of(date: NaiveDate) -> Self {
        let monday = date.week(Weekday::Mon).first_day();
        DateRange {
            first: monday,
            last: monday + Days::new(6),
            precision: Precision::Week,
        }
    }

    pub fn month(year: i32, month: u32) -> Option<Self> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        Some(DateRange {
            first,
            last: next.pred_opt()?,
            precision: Precision::Month,
        })
    }

    pub fn year(year: i32) -> Option<Self> {
        Some(DateRange {
            first: NaiveDate::from_ymd_opt(year, 1, 1)?,
            last: NaiveDate::from_ymd_opt(year, 12, 31)?,
            precision: Precision::Year,
        })
    }

    /// The ten years from a year ending in 0: "the 1990s".
    pub fn decade(first_year: i32) -> Option<Self> {
        Some(DateRange {
            first: NaiveDate::from_ymd_opt(first_year, 1, 1)?,
            last: NaiveDate::from_ymd_opt(first_year + 9, 12, 31)?,
            precision: Precision::Decade,
        })
    }

    /// The hundred years from `first_year`: the 19th century is 1801 to 1900.
    pub fn century_from(first_year: i32) -> Option<Self> {
        Some(DateRange {
            first: NaiveDate::from_ymd_opt(first_year, 1, 1)?,
            last: NaiveDate::from_ymd_opt(first_year + 99, 12, 31)?,
            precision: Precision::Century,
        })
    }

    /// A range of days given by its ends, with the precision of its coarser end.
    pub fn between(first: DateRange, last: DateRange) -> Self {
        DateRange {
            first: first.first,
            last: last.last,
            precision: first.precision.max(last.precision),
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, the forms fact files use.
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().splitn(3, '-');
        let year: i32 = parse_digits(parts.next()?, 4)?;
        let Some(month) = parts.next() else {
            return DateRange::year(year);
        };
        let month: u32 = parse_digits(month, 2)?;
        let Some(day) = parts.next() else {
            return DateRange::month(year, month);
        };
        let day: u32 = parse_digits(day, 2)?;
        NaiveDate::from_ymd_opt(year, month, day).map(DateRange::day)
    }

    pub fn contains(&self, other: &DateRange) -> bool {
        self.first <= other.first && other.last <= self.last
    }

    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.first <= other.last && other.first <= self.last
    }

    /// Whether the range is exactly one unit of its precision (one day, one
    /// Monday-to-Sunday week, one calendar month or year).
    pub fn is_whole_unit(&self) -> bool {
        let canonical = match self.precision {
            Precision::Day => Some(DateRange::day(self.first)),
            Precision::Week => Some(DateRange::week_of(self.first)),
            Precision::Month => DateRange::month(self.first.year(), self.first.month()),
            Precision::Year => DateRange::year(self.first.year()),
            Precision::Decade => DateRange::decade(self.first.year()),
            Precision::Century => DateRange::century_from(self.first.year()),
        };
        canonical == Some(*self)
    }
}

fn parse_digits<T: std::str::FromStr>(text: &str, width: usize) -> Option<T> {
    if text.len() == width && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

/// ISO 8601 cut to the precision: "2020-01-03", "2020-01", "2020"; a week by its
/// Monday; any other range as an interval, "2020-04-06/2020-04-08".
/// A `DateRange` as plain numbers: smaller and faster to store than ISO text.
#[derive(Clone, Copy, Serialize, Deserialize)]
struct CompactRange(i32, i32, Precision);

impl From<DateRange> for CompactRange {
    fn from(range: DateRange) -> Self {
        CompactRange(
            range.first.num_days_from_ce(),
            range.last.num_days_from_ce(),
            range.precision,
        )
    }
}

impl TryFrom<CompactRange> for DateRange {
    type Error = String;

    fn try_from(CompactRange(first, last, precision): CompactRange) -> Result<Self, String> {
        let day = |n: i32| {
            NaiveDate::from_num_days_from_ce_opt(n).ok_or_else(|| format!("day {n} out of range"))
        };
        Ok(DateRange {
            first: day(first)?,
            last: day(last)?,
            precision,
        })
    }
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.first;
        if !self.is_whole_unit() {
            write_day(f, d)?;
            f.write_str("/")?;
            return write_day(f, self.last);
        }
        match self.precision {
            Precision::Day | Precision::Week => write_day(f, d),
            Precision::Month => write!(f, "{:04}-{:02}", d.year(), d.month()),
            Precision::Year => write!(f, "{:04}", d.year()),
            Precision::Decade => write!(f, "{:03}X", d.year() / 10),
            Precision::Century => write!(f, "{:04}/{:04}", d.year(), self.last.year()),
        }
    }
}

/// A day as ISO 8601 writes it ("2020-01-03"), as `%Y-%m-%d` would, without
/// parsing a format string for each date.
fn write_day(f: &mut fmt::Formatter<'_>, day: NaiveDate) -> fmt::Result {
    match day.year() {
        0..=9999 => write!(f, "{:04}-{:02}-{:02}", day.year(), day.month(), day.day()),
        _ => write!(f, "{}", day.format("%Y-%m-%d")),
    }
}

/// A unit of time, as durations and "N units ago" count in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeUnit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Year,
    Decade,
    Century,
}

impl TimeUnit {
    /// The ISO 8601 duration of `amount` of this unit: "P10W", "P1.5Y", "PT3H".
    pub fn iso_duration(self, amount: f64) -> String {
        let n = |x: f64| {
            let rounded = (x * 1000.0).round() / 1000.0;
            format!("{rounded}")
        };
        match self {
            TimeUnit::Second => format!("PT{}S", n(amount)),
            TimeUnit::Minute => format!("PT{}M", n(amount)),
            TimeUnit::Hour => format!("PT{}H", n(amount)),
            TimeUnit::Day => format!("P{}D", n(amount)),
            TimeUnit::Week => format!("P{}W", n(amount)),
            TimeUnit::Fortnight => format!("P{}W", n(amount * 2.0)),
            TimeUnit::Month => format!("P{}M", n(amount)),
            TimeUnit::Year => format!("P{}Y", n(amount)),
            TimeUnit::Decade => format!("P{}Y", n(amount * 10.0)),
            TimeUnit::Century => format!("P{}Y", n(amount * 100.0)),
        }
    }

    /// The length in days, on average for months and years; for comparing spans.
    pub fn days(self) -> f64 {
        match self {
            TimeUnit::Second => 1.0 / 86_400.0,
            TimeUnit::Minute => 1.0 / 1_440.0,
            TimeUnit::Hour => 1.0 / 24.0,
            TimeUnit::Day => 1.0,
            TimeUnit::Week => 7.0,
            TimeUnit::Fortnight => 14.0,
            TimeUnit::Month => 365.2425 / 12.0,
            TimeUnit::Year => 365.2425,
            TimeUnit::Decade => 3_652.425,
            TimeUnit::Century => 36_524.25,
        }
    }

    /// `date` moved by a whole number of this unit (negative: back in time), or
    /// `None` for units shorter than a day.
    pub fn shift(self, date: NaiveDate, amount: i64) -> Option<NaiveDate> {
        let months = |m: i64| {
            let m32 = u32::try_from(m.unsigned_abs()).ok()?;
            if m >= 0 {
                date.checked_add_months(Months::new(m32))
            } else {
                date.checked_sub_months(Months::new(m32))
            }
        };
        let days = |d: i64| date.checked_add_signed(chrono::Duration::try_days(d)?);
        match self {
            TimeUnit::Second | TimeUnit::Minute | TimeUnit::Hour => None,
            TimeUnit::Day => days(amount),
            TimeUnit::Week => days(amount.checked_mul(7)?),
            TimeUnit::Fortnight => days(amount.checked_mul(14)?),
            TimeUnit::Month => months(amount),
            TimeUnit::Year => months(amount.checked_mul(12)?),
            TimeUnit::Decade => months(amount.checked_mul(120)?),
            TimeUnit::Century => months(amount.checked_mul(1200)?),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_day_is_written_as_iso_8601_writes_it_in_any_year() {
        for day in [
            ymd(2020, 4, 9),
            ymd(1, 1, 1),
            ymd(999, 12, 31),
            ymd(0, 6, 1),
        ]
        .into_iter()
        .chain([ymd(-44, 3, 15), ymd(10_000, 1, 2), ymd(9999, 12, 31)])
        {
            let span = DateRange {
                last: day + Days::new(1),
                ..DateRange::day(day)
            };
            let iso = |day: NaiveDate| day.format("%Y-%m-%d").to_string();
            assert_eq!(DateRange::day(day).to_string(), iso(day));
            assert_eq!(span.to_string(), format!("{}/{}", iso(day), iso(span.last)));
        }
    }

    #[test]
    fn parses_each_precision_of_a_fact_date() {
        assert_eq!(
            DateRange::parse("2020-04-09"),
            Some(DateRange::day(ymd(2020, 4, 9)))
        );
        let feb = DateRange::parse("2020-02").unwrap();
        assert_eq!((feb.first, feb.last), (ymd(2020, 2, 1), ymd(2020, 2, 29)));
        let year = DateRange::parse("1979").unwrap();
        assert_eq!(
            (year.first, year.last),
            (ymd(1979, 1, 1), ymd(1979, 12, 31))
        );
        assert_eq!(DateRange::parse("2020-02-30"), None);
        assert_eq!(DateRange::parse("20-1-1"), None);
    }

    #[test]
    fn a_week_runs_monday_to_sunday() {
        let week = DateRange::week_of(ymd(2020, 4, 9));
        assert_eq!((week.first, week.last), (ymd(2020, 4, 6), ymd(2020, 4, 12)));
        assert_eq!(week.to_string(), "2020-04-06");
    }
}
