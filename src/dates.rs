//! Calendar values shared by every stage: a date known to some precision is the
//! inclusive range of days it can mean ("2020" is 2020-01-01..=2020-12-31).

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
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
    fn is_whole_unit(&self) -> bool {
        let canonical = match self.precision {
            Precision::Day => Some(DateRange::day(self.first)),
            Precision::Week => Some(DateRange::week_of(self.first)),
            Precision::Month => DateRange::month(self.first.year(), self.first.month()),
            Precision::Year => DateRange::year(self.first.year()),
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
            return write!(
                f,
                "{}/{}",
                d.format("%Y-%m-%d"),
                self.last.format("%Y-%m-%d")
            );
        }
        match self.precision {
            Precision::Day | Precision::Week => write!(f, "{}", d.format("%Y-%m-%d")),
            Precision::Month => write!(f, "{:04}-{:02}", d.year(), d.month()),
            Precision::Year => write!(f, "{:04}", d.year()),
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
