//! Date mentions: read a date expression from tokens (`DateExpr`, pure syntax, in
//! `read`), then resolve it against the as-of date, the clause's tense (`tense`) or
//! the date it hangs on (`resolve`).

pub(crate) mod calendar;
mod numeric;
mod read;
mod resolve;
mod tense;

use crate::dates::{DateRange, TimeUnit};
use chrono::Weekday;

pub use calendar::{HolidayRule, Season};
pub use read::{read, read_weekday_date};
pub use resolve::{resolve, resolve_from_anchor, resolve_weekday, resolve_with_weekday};
pub use tense::{counts_or_past_before, ordinal_before, tense_before};

/// Which way a date without a year, a bare weekday or a bare month points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
}

/// "last", "this", "next" before a weekday, month or period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Modifier {
    /// No modifier word before it, so the tense decides: mentions.yaml's `modifiers`
    /// lists no words for it.
    #[serde(skip_deserializing)]
    None,
    Last,
    This,
    Next,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
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
    /// "on the 12th": a day of the month, in the month the tense points to.
    DayOfMonth { day: u32 },
    /// "the 14th of next month": a day of the month `step` months from the as-of
    /// date's.
    DayOfShiftedMonth { day: u32, step: i32 },
    /// "the week before last" (-2 weeks), "the year after next" (+2 years).
    PeriodShift { period: Period, step: i32 },
    /// "two Mondays from now" (2), "three Fridays ago" (-3).
    WeekdayCount { weekday: Weekday, count: i32 },
    /// "a week from Friday", "three days from tomorrow": a shift from a day named
    /// relative to the as-of date.
    FromDay {
        base: DayBase,
        amount: i64,
        unit: TimeUnit,
    },
    /// "Christmas", "Easter 2021", "last Thanksgiving".
    Holiday {
        rule: HolidayRule,
        year: Option<i32>,
        modifier: Modifier,
    },
    /// "last summer", "the winter of 2010", "in the spring".
    Season {
        season: Season,
        year: Option<i32>,
        modifier: Modifier,
    },
    /// "the third quarter of 2020", "Q3", "the first half of 2022": part `part` of a
    /// year cut into `parts`.
    YearPart {
        part: u32,
        parts: u32,
        year: Option<i32>,
    },
}

/// The day a "from" shift starts at: a weekday ahead of the as-of date, or a day
/// offset from it ("today" 0, "tomorrow" 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayBase {
    Weekday(Weekday),
    Offset(i64),
}

/// Which part of an anchor's period a date means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
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
                | DateExpr::DayOfMonth { .. }
                | DateExpr::YearPart { year: None, .. }
                | DateExpr::Holiday {
                    year: None,
                    modifier: Modifier::None,
                    ..
                }
                | DateExpr::Season {
                    year: None,
                    modifier: Modifier::None,
                    ..
                }
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
