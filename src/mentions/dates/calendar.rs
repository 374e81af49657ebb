//! Named parts of the calendar beyond months and weekdays: holidays (fixed, the nth
//! weekday of a month, or counted from Easter), seasons, quarters, centuries and
//! decades by name. Their words are data (`rules/mentions.yaml`, `rules/holidays.yaml`).

use super::{DateExpr, Modifier, Period, Tense};
use crate::dates::DateRange;
use crate::rules::{PhraseTable, Rules, word_map};
use crate::segment::{Token, TokenKind, tokenize_str};
use crate::words::{WordMap, WordSet};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// How a holiday's date is found in a given year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayRule {
    /// The same day every year: Christmas is December 25.
    Fixed { month: u32, day: u32 },
    /// The nth weekday of a month (n = -1 for the last): Thanksgiving is the fourth
    /// Thursday of November.
    NthWeekday {
        month: u32,
        weekday: Weekday,
        n: i32,
    },
    /// Days from Easter Sunday (the Western date): Good Friday is -2.
    Easter { offset: i32 },
}

impl HolidayRule {
    /// The holiday's date in `year`.
    pub fn date_in(self, year: i32) -> Option<NaiveDate> {
        match self {
            HolidayRule::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
            HolidayRule::NthWeekday { month, weekday, n } => match u8::try_from(n) {
                Ok(n) => NaiveDate::from_weekday_of_month_opt(year, month, weekday, n),
                Err(_) => last_weekday_of_month(year, month, weekday),
            },
            HolidayRule::Easter { offset } => {
                easter_sunday(year)?.checked_add_signed(chrono::Duration::try_days(offset.into())?)
            }
        }
    }
}

fn last_weekday_of_month(year: i32, month: u32, weekday: Weekday) -> Option<NaiveDate> {
    let last = DateRange::month(year, month)?.last;
    let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    last.checked_sub_days(Days::new(u64::from(back)))
}

/// Easter Sunday in the Gregorian calendar (the anonymous algorithm of 1876).
fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let (b, c) = (year.div_euclid(100), year.rem_euclid(100));
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// A season as a run of months; one that wraps the year (winter) belongs to the
/// year it starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Season {
    pub first_month: u32,
    pub last_month: u32,
}

impl Season {
    /// The season that starts in `year`.
    pub fn starting(self, year: i32) -> Option<DateRange> {
        let first = DateRange::month(year, self.first_month)?;
        let last_year = if self.last_month < self.first_month {
            year + 1
        } else {
            year
        };
        let last = DateRange::month(last_year, self.last_month)?;
        Some(DateRange::between(first, last))
    }
}

/// Part `part` (from 1) of `year` cut into `parts` of whole months: the third
/// quarter, the second half.
pub fn year_part(year: i32, part: u32, parts: u32) -> Option<DateRange> {
    let months = 12 / parts;
    let first = DateRange::month(year, (part - 1) * months + 1)?;
    let last = DateRange::month(year, part * months)?;
    Some(DateRange::between(first, last))
}

/// The nth century: the 19th is 1801 to 1900.
pub fn century(n: i32) -> Option<DateRange> {
    DateRange::century_from((n - 1) * 100 + 1)
}

/// Of the candidate ranges a named day or period could be (one per year around the
/// as-of date), the one its modifier or the clause's tense points to: "last" the
/// latest over before the as-of date, "next" the first to begin after it, "this"
/// the one holding it or else as if bare; bare, the latest begun (past) or the first
/// not yet over (future).
pub fn choose_around(
    as_of: NaiveDate,
    modifier: Modifier,
    tense: Tense,
    candidate: impl Fn(i32) -> Option<DateRange>,
) -> Option<DateRange> {
    let year = as_of.year();
    let ranges: Vec<DateRange> = (year - 2..=year + 2).filter_map(&candidate).collect();
    match (modifier, tense) {
        (Modifier::Last, _) => ranges.into_iter().rev().find(|r| r.last < as_of),
        (Modifier::Next, _) => ranges.into_iter().find(|r| r.first > as_of),
        (Modifier::This, _) => ranges
            .iter()
            .find(|r| r.first <= as_of && as_of <= r.last)
            .copied()
            .or_else(|| choose_around(as_of, Modifier::None, tense, candidate)),
        (Modifier::None, Tense::Past) => ranges.into_iter().rev().find(|r| r.first <= as_of),
        (Modifier::None, Tense::Future) => ranges.into_iter().find(|r| r.last >= as_of),
    }
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct CalendarFile {
    also_common_words: Vec<String>,
    two_digit_year_pivot: u32,
    sentence_years: SentenceYearsFile,
    day_cues: Vec<String>,
    short_weekday_cues: Vec<String>,
    nth_weekday_joiners: Vec<String>,
    relative_days: FxHashMap<String, i64>,
    relative_days_not_after: Vec<String>,
    modifiers: FxHashMap<Modifier, Vec<String>>,
    modifiers_after_this: FxHashMap<Modifier, Vec<String>>,
    periods: FxHashMap<Period, Vec<String>>,
    earlier_this: Vec<String>,
    later_this: Vec<String>,
    ahead_words: Vec<String>,
    period_parts: Vec<String>,
    periods_before_last: Vec<String>,
    periods_after_next: Vec<String>,
    from_words: Vec<String>,
    now_words: FxHashMap<String, i64>,
    decade_words: FxHashMap<String, i32>,
    century_words: Vec<String>,
    year_parts: Vec<YearPartFile>,
    seasons: FxHashMap<String, (u32, u32)>,
    season_cues: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct YearPartFile {
    words: Vec<String>,
    letters: Vec<String>,
    parts: u32,
    letter_alone: bool,
}

/// A part of a year written as a letter and its number ("Q3", "H2"), as tokens key
/// it.
#[derive(Debug, Clone, Copy)]
pub struct YearPartName {
    pub part: u32,
    pub parts: u32,
    /// Whether it names a part without a year after it ("Q3"; "H2" needs one).
    pub alone: bool,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SentenceYearsFile {
    plural_endings: Vec<String>,
    verbs: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HolidaysFile {
    holidays: Vec<HolidayEntry>,
}

/// One holiday: its names and exactly one of `fixed`, `nth-weekday`, `easter`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct HolidayEntry {
    names: Vec<String>,
    fixed: Option<FixedFile>,
    nth_weekday: Option<NthWeekdayFile>,
    easter: Option<EasterFile>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct FixedFile {
    month: u32,
    day: u32,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct NthWeekdayFile {
    month: u32,
    weekday: String,
    n: i32,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct EasterFile {
    offset: i32,
}

/// A part of the as-of date's period ("earlier this week"), given the period.
pub type PartOfThis = fn(Period) -> DateExpr;

/// The calendar's words, as look-up tables.
#[derive(Debug)]
pub struct CalendarWords {
    pub also_common_words: WordSet,
    pub two_digit_year_pivot: u32,
    /// After a year opening a sentence, what makes it no year: a plural noun ("2016
    /// votes"), known by its ending, unless it is a verb ("2016 was").
    pub sentence_years: SentenceYears,
    pub day_cues: WordSet,
    /// Words before a short weekday name ("Sat") that make it a day: "on Sat".
    pub short_weekday_cues: WordSet,
    /// "the first Monday of September", "the last Friday in March": what joins the
    /// weekday to its month.
    pub nth_weekday_joiners: WordSet,
    pub relative_days: PhraseTable<i64>,
    /// Words before one of those that make it no day of its own: "the last night of
    /// the tour", "his last night in office".
    pub relative_days_not_after: WordSet,
    /// "last", "this", "next" and their like.
    pub modifiers: WordMap<Modifier>,
    /// Words that say which one only after "this": "this past Sunday".
    pub modifiers_after_this: WordMap<Modifier>,
    /// The periods a modifier or an anchor's part may name: "week", "month", "year".
    pub periods: WordMap<Period>,
    /// "earlier this", "later this": before a period, the part of the as-of date's
    /// period before or after it.
    pub this_period_parts: PhraseTable<PartOfThis>,
    /// Words before an amount of time that make it a date ahead: "in three days".
    pub ahead_words: WordSet,
    /// Words before a year, month or season that name a part of it: "early 2019".
    pub period_parts: WordSet,
    /// "before last" (-2) and "after next" (2) after a period.
    pub two_periods_away: PhraseTable<i32>,
    pub from_words: WordSet,
    pub now_words: FxHashMap<String, i64>,
    pub decade_words: FxHashMap<String, i32>,
    pub century_words: WordSet,
    /// Words for a part of a year, and how many make one: "quarter" → 4.
    pub year_part_words: WordMap<u32>,
    /// Parts of a year written as a letter and their number: "q3", "h2".
    pub year_part_names: FxHashMap<String, YearPartName>,
    pub seasons: FxHashMap<String, Season>,
    pub season_cues: WordSet,
    /// Holiday names, as the tokens of a draft read them.
    pub holidays: PhraseTable<HolidayRule>,
}

impl CalendarWords {
    /// The tables, or what is wrong with the data: a month out of range, a weekday
    /// not in the lexicon.
    pub(crate) fn new(
        file: CalendarFile,
        holidays: HolidaysFile,
        weekdays: &WordMap<Weekday>,
    ) -> Result<CalendarWords, (&'static str, String)> {
        let holiday_error = |what: String| ("holidays.yaml", what);
        let mut rules = Vec::new();
        for entry in holidays.holidays {
            let names = &entry.names;
            let rule = match (entry.fixed, entry.nth_weekday, entry.easter) {
                (Some(FixedFile { month, day }), None, None) => {
                    NaiveDate::from_ymd_opt(2000, month, day)
                        .ok_or(format!("{names:?}: no day {day} in month {month}"))
                        .map_err(holiday_error)?;
                    HolidayRule::Fixed { month, day }
                }
                (None, Some(NthWeekdayFile { month, weekday, n }), None) => {
                    let &weekday = weekdays
                        .get(&weekday.to_lowercase())
                        .ok_or(format!("{names:?}: `{weekday}` is not a weekday"))
                        .map_err(holiday_error)?;
                    if !(1..=12).contains(&month) || !(n == -1 || (1..=5).contains(&n)) {
                        return Err(holiday_error(format!(
                            "{names:?}: need a month from 1 to 12 and n from 1 to 5 or -1"
                        )));
                    }
                    HolidayRule::NthWeekday { month, weekday, n }
                }
                (None, None, Some(EasterFile { offset })) => HolidayRule::Easter { offset },
                _ => {
                    return Err(holiday_error(format!(
                        "{names:?}: give exactly one of `fixed`, `nth-weekday` and `easter`"
                    )));
                }
            };
            for name in entry.names {
                rules.push((token_keys(&name), rule));
            }
        }
        let seasons = file
            .seasons
            .iter()
            .map(|(name, &(first_month, last_month))| {
                let months = 1..=12;
                if months.contains(&first_month) && months.contains(&last_month) {
                    Ok((
                        name.to_lowercase(),
                        Season {
                            first_month,
                            last_month,
                        },
                    ))
                } else {
                    Err(format!("season `{name}`: months run from 1 to 12"))
                }
            })
            .collect::<Result<_, String>>()
            .map_err(|what| ("mentions.yaml", what))?;
        let before_last = file.periods_before_last.iter().map(|p| (p.as_str(), -2));
        let after_next = file.periods_after_next.iter().map(|p| (p.as_str(), 2));
        let (earlier, later): (PartOfThis, PartOfThis) =
            (DateExpr::EarlierThis, DateExpr::LaterThis);
        let earlier_this = file.earlier_this.iter().map(|p| (p.as_str(), earlier));
        let later_this = file.later_this.iter().map(|p| (p.as_str(), later));
        let mut year_part_words = Vec::new();
        let mut year_part_names = FxHashMap::default();
        for entry in &file.year_parts {
            if !(2..=12).contains(&entry.parts) || 12 % entry.parts != 0 {
                return Err((
                    "mentions.yaml",
                    format!(
                        "`year-parts`: {} parts do not divide a year into whole months",
                        entry.parts
                    ),
                ));
            }
            for word in &entry.words {
                year_part_words.push((word.to_lowercase(), entry.parts));
            }
            for letter in &entry.letters {
                for part in 1..=entry.parts {
                    let name = YearPartName {
                        part,
                        parts: entry.parts,
                        alone: entry.letter_alone,
                    };
                    year_part_names.insert(format!("{}{part}", letter.to_lowercase()), name);
                }
            }
        }
        Ok(CalendarWords {
            also_common_words: lower(&file.also_common_words),
            two_digit_year_pivot: file.two_digit_year_pivot,
            sentence_years: SentenceYears {
                plural_endings: file
                    .sentence_years
                    .plural_endings
                    .iter()
                    .map(|e| e.to_lowercase())
                    .collect(),
                verbs: lower(&file.sentence_years.verbs),
            },
            day_cues: lower(&file.day_cues),
            short_weekday_cues: lower(&file.short_weekday_cues),
            nth_weekday_joiners: lower(&file.nth_weekday_joiners),
            relative_days_not_after: lower(&file.relative_days_not_after),
            relative_days: PhraseTable::new(
                file.relative_days
                    .iter()
                    .map(|(p, &days)| (p.as_str(), days)),
            ),
            modifiers: word_map(&file.modifiers),
            modifiers_after_this: word_map(&file.modifiers_after_this),
            periods: word_map(&file.periods),
            this_period_parts: PhraseTable::new(earlier_this.chain(later_this)),
            ahead_words: lower(&file.ahead_words),
            period_parts: lower(&file.period_parts),
            two_periods_away: PhraseTable::new(before_last.chain(after_next)),
            from_words: lower(&file.from_words),
            now_words: file
                .now_words
                .into_iter()
                .map(|(w, days)| (w.to_lowercase(), days))
                .collect(),
            decade_words: file
                .decade_words
                .into_iter()
                .map(|(w, year)| (w.to_lowercase(), year))
                .collect(),
            century_words: lower(&file.century_words),
            year_part_words: year_part_words.into_iter().collect(),
            year_part_names,
            seasons,
            season_cues: lower(&file.season_cues),
            holidays: PhraseTable::new(rules.iter().map(|(keys, rule)| (keys.as_str(), *rule))),
        })
    }

    /// A year written in two digits ("81", "90"), by the pivot.
    pub fn two_digit_year(&self, digits: &str) -> Option<i32> {
        if digits.len() != 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let yy: u32 = digits.parse().ok()?;
        let century = if yy < self.two_digit_year_pivot {
            2000
        } else {
            1900
        };
        i32::try_from(century + yy).ok()
    }
}

/// What makes a number opening a sentence no year.
#[derive(Debug)]
pub struct SentenceYears {
    /// Endings of a plural noun: "2016 votes".
    pub plural_endings: Vec<String>,
    /// Words with such an ending that are verbs: "2016 was".
    pub verbs: WordSet,
}

/// Whether a day or period named by its distance ("the day before yesterday", "the
/// week before last") covers token `i`: then a clause marker there ("before") opens
/// no clause.
pub fn names_distance_over(tokens: &[Token], i: usize, end: usize, rules: &Rules) -> bool {
    let words = &rules.forms.calendar;
    (i.saturating_sub(3)..i).any(|start| {
        let relative_day = words
            .relative_days
            .at(tokens, start, end)
            .is_some_and(|(_, len)| start + len > i);
        let two_away = rules.definite_articles.contains(tokens[start].key.as_str())
            && tokens
                .get(start + 1)
                .is_some_and(|t| super::read::period_of(&t.key, rules).is_some())
            && words
                .two_periods_away
                .at(tokens, start + 2, end)
                .is_some_and(|(_, len)| start + 2 + len > i);
        relative_day || two_away
    })
}

/// A name as the draft's tokens key it ("New Year's Day" → "new year day").
fn token_keys(name: &str) -> String {
    let keys: Vec<String> = tokenize_str(name)
        .iter()
        .map(|t| t.key.to_string())
        .collect();
    keys.join(" ")
}

fn lower(words: &[String]) -> WordSet {
    words.iter().map(|w| w.to_lowercase()).collect()
}

fn at(tokens: &[Token], k: usize, end: usize) -> Option<&Token> {
    tokens.get(k).filter(|_| k < end)
}

/// "Christmas", "Easter 2021", "Thanksgiving Day": a holiday's name, capitalised,
/// with its year if one follows; `modifier` from a word before it ("last").
pub fn read_holiday(
    tokens: &[Token],
    i: usize,
    end: usize,
    modifier: Modifier,
    rules: &Rules,
) -> Option<(DateExpr, usize)> {
    if !tokens[i].capitalized {
        return None;
    }
    let (&rule, len) = rules.forms.calendar.holidays.at(tokens, i, end)?;
    let (year, next) = year_if_at(tokens, i + len, end, rules);
    Some((
        DateExpr::Holiday {
            rule,
            year,
            modifier,
        },
        next,
    ))
}

/// "summer 2019", "the summer of 2019", "the summer of '89" (from "summer"), "last
/// summer" (with the modifier), "in the spring"; a bare season needs a cue before it
/// ("summer camp" is no date).
pub fn read_season(
    tokens: &[Token],
    i: usize,
    end: usize,
    modifier: Modifier,
    rules: &Rules,
) -> Option<(DateExpr, usize)> {
    let words = &rules.forms.calendar;
    let &season = words.seasons.get(tokens[i].key.as_str())?;
    let (year, next) = if let Some((year, next)) = year_at(tokens, i + 1, end, rules) {
        (Some(year), next)
    } else if at(tokens, i + 1, end).is_some_and(|t| rules.of_words.contains(t.key.as_str()))
        && let Some((year, next)) = year_at(tokens, i + 2, end, rules)
    {
        (Some(year), next)
    } else {
        (None, i + 1)
    };
    let cue_at =
        |k: Option<usize>| k.is_some_and(|k| words.season_cues.contains(tokens[k].key.as_str()));
    let before = i.checked_sub(1);
    let cued = modifier != Modifier::None
        || cue_at(before)
        || (before.is_some_and(|p| rules.definite_articles.contains(tokens[p].key.as_str()))
            && cue_at(i.checked_sub(2)));
    (year.is_some() || cued).then_some((
        DateExpr::Season {
            season,
            year,
            modifier,
        },
        next,
    ))
}

/// A part of a year: "third quarter of 2020", "3rd quarter 2020", "Q3 2020", "Q3",
/// "the first half of 2022", "H2 2019". The word form needs its year (a game has
/// quarters and halves too), as does a letter form the rules say may not stand alone.
pub fn read_year_part(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
) -> Option<(DateExpr, usize)> {
    let words = &rules.forms.calendar;
    let token = &tokens[i];
    let four_digits_at = |k: usize| at(tokens, k, end).and_then(|t| four_digit_year(&t.key));
    if let Some(&name) = words
        .year_part_names
        .get(token.key.as_str())
        .filter(|_| token.has_capital)
    {
        let year = four_digits_at(i + 1);
        if year.is_none() && !name.alone {
            return None;
        }
        let next = i + 1 + usize::from(year.is_some());
        let (part, parts) = (name.part, name.parts);
        return Some((DateExpr::YearPart { part, parts, year }, next));
    }
    let part = ordinal_value(&token.key, rules)?;
    let &parts = at(tokens, i + 1, end).and_then(|t| words.year_part_words.get(t.key.as_str()))?;
    let part = u32::try_from(part)
        .ok()
        .filter(|p| (1..=parts).contains(p))?;
    let (year, next) = match four_digits_at(i + 2) {
        Some(year) => (year, i + 3),
        None if at(tokens, i + 2, end).is_some_and(|t| rules.of_words.contains(t.key.as_str())) => {
            (four_digits_at(i + 3)?, i + 4)
        }
        None => return None,
    };
    let year = Some(year);
    Some((DateExpr::YearPart { part, parts, year }, next))
}

/// "19th century", "nineteenth century", and joined to a noun: "a 12th-century church".
pub fn read_century(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
) -> Option<(DateExpr, usize)> {
    let words = &rules.forms.calendar;
    let key = tokens[i].key.as_str();
    // "the twelfth-century church", "21st-century"
    let joined = key
        .rsplit_once('-')
        .filter(|(_, word)| words.century_words.contains(word));
    let (ordinal, next) = match joined {
        Some((ordinal, _)) => (ordinal, i + 1),
        None if at(tokens, i + 1, end)
            .is_some_and(|t| words.century_words.contains(t.key.as_str())) =>
        {
            (key, i + 2)
        }
        None => return None,
    };
    let n = ordinal_value(ordinal, rules).filter(|n| (1..=22).contains(n))?;
    let range = century(i32::try_from(n).ok()?)?;
    Some((DateExpr::Absolute(range), next))
}

/// "the nineties", "the '90s": a decade named without its century digits.
pub fn read_decade_name(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
) -> Option<(DateExpr, usize)> {
    let words = &rules.forms.calendar;
    let token = at(tokens, i, end)?;
    let before = i.checked_sub(1).map(|p| &tokens[p]);
    let first_year = if let Some(&year) = words.decade_words.get(token.key.as_str()) {
        before.filter(|t| rules.definite_articles.contains(t.key.as_str()))?;
        year
    } else {
        // "'90s": an apostrophe right before two digits and an "s".
        let apostrophe = before.filter(|t| {
            t.kind == TokenKind::Punct
                && (t.is_punct('\'') || t.is_punct('’'))
                && t.span().end == token.span().start
        });
        apostrophe?;
        let year = words.two_digit_year(token.key.strip_suffix('s')?)?;
        (year % 10 == 0).then_some(year)?
    };
    Some((DateExpr::Absolute(DateRange::decade(first_year)?), i + 1))
}

/// An ordinal in digits or words: "3rd", "third", "twenty-first".
pub fn ordinal_value(key: &str, rules: &Rules) -> Option<u64> {
    if let Some(&value) = rules.ordinals.get(key) {
        return Some(value);
    }
    let digits = key.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &key[digits.len()..];
    if !digits.is_empty() && rules.ordinal_suffixes.contains(suffix) {
        return digits.parse().ok();
    }
    crate::mentions::ordinals::compound(key, rules)
}

/// A year written at token `k`, with one past it: four digits ("1989"), or two
/// right after an apostrophe ("'89") by the two-digit pivot.
pub fn year_at(tokens: &[Token], k: usize, end: usize, rules: &Rules) -> Option<(i32, usize)> {
    let token = at(tokens, k, end)?;
    if let Some(year) = four_digit_year(&token.key) {
        return Some((year, k + 1));
    }
    let digits = at(tokens, k + 1, end)?;
    let apostrophe =
        (token.is_punct('\'') || token.is_punct('’')) && token.span().end == digits.span().start;
    let two_digits = digits.key.len() == 2 && digits.key.bytes().all(|b| b.is_ascii_digit());
    (apostrophe && two_digits)
        .then(|| rules.forms.calendar.two_digit_year(&digits.key))
        .flatten()
        .map(|year| (year, k + 2))
}

/// The year written at token `k`, if one is, and one past what was read: "Easter
/// 2021", "Easter".
pub fn year_if_at(tokens: &[Token], k: usize, end: usize, rules: &Rules) -> (Option<i32>, usize) {
    match year_at(tokens, k, end, rules) {
        Some((year, next)) => (Some(year), next),
        None => (None, k),
    }
}

/// A plausible year of news prose: four digits, 1000 to 2199.
pub fn four_digit_year(key: &str) -> Option<i32> {
    if key.len() == 4 && key.bytes().all(|b| b.is_ascii_digit()) {
        key.parse().ok().filter(|y| (1000..=2199).contains(y))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn computed_holidays_fall_on_their_days() {
        assert_eq!(
            HolidayRule::Easter { offset: 0 }.date_in(2024),
            Some(ymd(2024, 3, 31))
        );
        assert_eq!(
            HolidayRule::Easter { offset: -2 }.date_in(2019),
            Some(ymd(2019, 4, 19))
        );
        let thanksgiving = HolidayRule::NthWeekday {
            month: 11,
            weekday: Weekday::Thu,
            n: 4,
        };
        assert_eq!(thanksgiving.date_in(2020), Some(ymd(2020, 11, 26)));
        let memorial = HolidayRule::NthWeekday {
            month: 5,
            weekday: Weekday::Mon,
            n: -1,
        };
        assert_eq!(memorial.date_in(2021), Some(ymd(2021, 5, 31)));
    }

    #[test]
    fn winter_runs_into_the_next_year() {
        let winter = Season {
            first_month: 12,
            last_month: 2,
        };
        let range = winter.starting(2023).unwrap();
        assert_eq!(
            (range.first, range.last),
            (ymd(2023, 12, 1), ymd(2024, 2, 29))
        );
    }
}
