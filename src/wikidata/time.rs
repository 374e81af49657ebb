//! Wikidata's time values (`+2020-09-16T00:00:00Z`, a precision, a calendar model)
//! and the dates fact files write for them: as precise as the value (day, month,
//! year), Julian-calendar days converted to the Gregorian calendar through the
//! Julian day number. What cannot be written honestly is refused with a reason,
//! which the import counts and reports.

use chrono::NaiveDate;

/// The calendar a time value is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Calendar {
    Gregorian,
    Julian,
    Other,
}

/// A time value as Wikidata gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WikiTime {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    /// 11 day, 10 month, 9 year, 8 decade, and coarser below.
    pub precision: u8,
    pub calendar: Calendar,
}

const GREGORIAN: &str = "http://www.wikidata.org/entity/Q1985727";
const JULIAN: &str = "http://www.wikidata.org/entity/Q1985786";

/// Why a time value is not written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unwritable {
    /// Coarser than a year (a decade, a century).
    Coarse,
    /// A Julian-calendar month or year, which has no single Gregorian equivalent.
    JulianNotDay,
    /// A calendar model other than Gregorian or Julian.
    UnknownCalendar,
    /// Before year 1 or after 9999, or an impossible day.
    OutOfRange,
}

impl Unwritable {
    pub fn reason(self) -> &'static str {
        match self {
            Unwritable::Coarse => "a date coarser than a year (decade, century)",
            Unwritable::JulianNotDay => {
                "a Julian-calendar month or year, which has no single Gregorian equivalent"
            }
            Unwritable::UnknownCalendar => "a date in a calendar other than Gregorian or Julian",
            Unwritable::OutOfRange => "a date before year 1, after 9999 or impossible",
        }
    }
}

impl WikiTime {
    /// Reads `+2020-09-16T00:00:00Z` with its precision and calendar model URL.
    pub fn parse(time: &str, precision: u8, calendar_model: &str) -> Option<WikiTime> {
        let (sign, rest) = match time.as_bytes().first()? {
            b'+' => (1, &time[1..]),
            b'-' => (-1, &time[1..]),
            _ => (1, time),
        };
        let date = rest.split('T').next()?;
        let mut parts = date.split('-');
        let year: i64 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        let calendar = match calendar_model {
            GREGORIAN => Calendar::Gregorian,
            JULIAN => Calendar::Julian,
            _ => Calendar::Other,
        };
        Some(WikiTime {
            year: sign * year,
            month,
            day,
            precision,
            calendar,
        })
    }

    /// The date a fact file writes: `YYYY-MM-DD`, `YYYY-MM` or `YYYY` by precision.
    pub fn fact_date(&self) -> Result<String, Unwritable> {
        if self.precision < 9 {
            return Err(Unwritable::Coarse);
        }
        if !(1..=9999).contains(&self.year) {
            return Err(Unwritable::OutOfRange);
        }
        let year = i32::try_from(self.year).map_err(|_| Unwritable::OutOfRange)?;
        match (self.calendar, self.precision) {
            (Calendar::Other, _) => Err(Unwritable::UnknownCalendar),
            (Calendar::Julian, 11..) => {
                let date = julian_to_gregorian(year, self.month, self.day)
                    .ok_or(Unwritable::OutOfRange)?;
                Ok(date.format("%Y-%m-%d").to_string())
            }
            (Calendar::Julian, _) => Err(Unwritable::JulianNotDay),
            (Calendar::Gregorian, 11..) => {
                let date = NaiveDate::from_ymd_opt(year, self.month, self.day)
                    .ok_or(Unwritable::OutOfRange)?;
                Ok(date.format("%Y-%m-%d").to_string())
            }
            (Calendar::Gregorian, 10) => {
                if !(1..=12).contains(&self.month) {
                    return Err(Unwritable::OutOfRange);
                }
                Ok(format!("{year:04}-{:02}", self.month))
            }
            (Calendar::Gregorian, _) => Ok(format!("{year:04}")),
        }
    }
}

/// The Gregorian date of a day of the Julian calendar, through its Julian day
/// number; `None` for a day the Julian calendar does not have.
fn julian_to_gregorian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    if day == 0 || day > days_in_month {
        return None;
    }
    // The Julian day number of a Julian-calendar date (Richards' algorithm).
    let a = (14 - i64::from(month)) / 12;
    let y = i64::from(year) + 4800 - a;
    let m = i64::from(month) + 12 * a - 3;
    let jdn = i64::from(day) + (153 * m + 2) / 5 + 365 * y + y / 4 - 32083;
    // 1 January 1 (proleptic Gregorian) is Julian day 1721426.
    let from_epoch = jdn - 1_721_426;
    NaiveDate::from_ymd_opt(1, 1, 1)?.checked_add_signed(chrono::Duration::days(from_epoch))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time(text: &str, precision: u8, calendar: &str) -> WikiTime {
        WikiTime::parse(text, precision, calendar).unwrap()
    }

    #[test]
    fn precision_decides_how_much_of_the_date_is_written() {
        let day = time("+2020-09-16T00:00:00Z", 11, GREGORIAN);
        assert_eq!(day.fact_date().unwrap(), "2020-09-16");
        let month = time("+2006-09-00T00:00:00Z", 10, GREGORIAN);
        assert_eq!(month.fact_date().unwrap(), "2006-09");
        let year = time("+1954-00-00T00:00:00Z", 9, GREGORIAN);
        assert_eq!(year.fact_date().unwrap(), "1954");
        let decade = time("+1950-00-00T00:00:00Z", 8, GREGORIAN);
        assert_eq!(decade.fact_date(), Err(Unwritable::Coarse));
        let bce = time("-0044-03-15T00:00:00Z", 11, JULIAN);
        assert_eq!(bce.fact_date(), Err(Unwritable::OutOfRange));
    }

    #[test]
    fn julian_days_become_gregorian_days() {
        // The October Revolution: 25 October 1917 (Julian) was 7 November.
        let day = time("+1917-10-25T00:00:00Z", 11, JULIAN);
        assert_eq!(day.fact_date().unwrap(), "1917-11-07");
        // The last Julian day before the Gregorian reform, 4 October 1582, was
        // followed by 15 October 1582 (Gregorian): it is 14 October.
        let reform = time("+1582-10-04T00:00:00Z", 11, JULIAN);
        assert_eq!(reform.fact_date().unwrap(), "1582-10-14");
        // 29 February 1900 exists in the Julian calendar only.
        let leap = time("+1900-02-29T00:00:00Z", 11, JULIAN);
        assert_eq!(leap.fact_date().unwrap(), "1900-03-13");
        let year = time("+1500-00-00T00:00:00Z", 9, JULIAN);
        assert_eq!(year.fact_date(), Err(Unwritable::JulianNotDay));
    }
}
