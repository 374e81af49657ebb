//! ## What it finds
//! A date written with a weekday the calendar denies: "Thursday, November 2,
//! 2020" (a Monday), or a day without a year that falls on its weekday in no
//! year near the one it is read in.
//!
//! ## Why check it
//! A weekday beside a date states the same day twice. When the two disagree one
//! of them was slipped, and a reader cannot tell which day is meant.
//!
//! ## How it is checked
//! Against the calendar alone. The mention reader gives a day without a year the
//! nearest year in which its weekday fits, within `weekday-year-reach`
//! (rules/mentions.yaml) of the usual reading; a date whose weekday still does
//! not fit is contradicted. A weekday that fits makes no claim.

use super::{Check, Claim, ClaimKind, ClauseContext};
use crate::mentions::{DateExpr, DateMention, MentionValue};
use crate::verify::{CheckContext, Judgement, Verdict};
use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;
use std::ops::RangeInclusive;

pub const WEEKDAY: ClaimKind = ClaimKind::new("weekday");
pub const KINDS: &[(ClaimKind, &str)] = &[(WEEKDAY, "a weekday written with a date, against the calendar")];

#[derive(Debug, Clone)]
pub struct WeekdayStatement {
    /// The date as read, in its usual year.
    pub day: NaiveDate,
    pub weekday: Weekday,
    /// For a day written without its year, the years it was tried in.
    pub years_tried: Option<RangeInclusive<i32>>,
}

pub fn find(context: &ClauseContext) -> Vec<Claim> {
    let reach = context.rules.forms.weekday_year_reach;
    context
        .mentions
        .iter()
        .filter_map(|mention| match mention.value {
            MentionValue::Date(DateMention {
                weekday: Some(weekday),
                weekday_mismatch: true,
                expr,
                range,
                ..
            }) => {
                let day = range.first;
                let years_tried = matches!(expr, DateExpr::MonthDay { .. })
                    .then(|| day.year() - reach..=day.year() + reach);
                let statement = WeekdayStatement {
                    day,
                    weekday,
                    years_tried,
                };
                Some(context.claim(WEEKDAY, mention.tokens.clone(), statement))
            }
            _ => None,
        })
        .collect()
}

#[derive(Debug, Serialize)]
struct Normalized {
    date: String,
    weekday_stated: String,
    weekday_of_date: String,
}

impl Check for WeekdayStatement {
    fn check(&self, claim: &Claim, cx: &CheckContext) -> Judgement {
        let text = cx.text_of(claim.tokens.clone());
        let (stated, actual) = (name(self.weekday), name(self.day.weekday()));
        let explanation = match &self.years_tried {
            None => format!("“{text}”: {} was a {actual}, not a {stated}", self.day),
            Some(years) => format!(
                "“{text}”: {} falls on a {stated} in no year from {} to {}; read as {}, a {actual}",
                self.day.format("%B %-d"),
                years.start(),
                years.end(),
                self.day
            ),
        };
        Judgement::new(Verdict::Contradicted, explanation, Vec::new()).with(&Normalized {
            date: self.day.to_string(),
            weekday_stated: stated.to_string(),
            weekday_of_date: actual.to_string(),
        })
    }
}

/// A weekday's name as prose writes it.
fn name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}
