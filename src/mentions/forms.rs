//! The mention stage's own rules files (`rules/mentions.yaml`, `rules/holidays.yaml`):
//! the wording of ages, tallies, ranges, anaphoric dates and the calendar's named
//! parts, read once into look-up tables.

use super::dates::AnchorPart;
pub(crate) use super::dates::calendar::HolidaysFile;
use super::dates::calendar::{CalendarFile, CalendarWords};
use crate::rules::{PhraseTable, Starts};
use crate::words::{WordMap, WordSet};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct FormsFile {
    ages: AgesFile,
    tallies: TalliesFile,
    singular_endings: Vec<(String, String)>,
    anaphora: AnaphoraFile,
    whole_periods: Vec<String>,
    lengths_to_now: LengthsToNowFile,
    weekday_year_reach: i32,
    calendar: CalendarFile,
    numbers: NumbersFile,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct AnaphoraFile {
    days: Vec<AnaphorDaysEntry>,
    later: Vec<String>,
    earlier: Vec<String>,
    open_ended: Vec<String>,
    periods: Vec<AnaphorPeriodEntry>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct AnaphorDaysEntry {
    words: Vec<String>,
    days: i64,
    #[serde(default)]
    from_as_of: bool,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct AnaphorPeriodEntry {
    words: Vec<String>,
    part: AnchorPart,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LengthsToNowFile {
    words: Vec<String>,
    before: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct TalliesFile {
    cues: Vec<String>,
    cue_reach: usize,
    versus_words: Vec<String>,
    not_cues: Vec<String>,
    whole_determiners: Vec<String>,
    units: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct NumbersFile {
    negative_words: Vec<String>,
    decimal_words: Vec<String>,
    plus_a_half: Vec<String>,
    fraction_cues: Vec<String>,
    percent_words: Vec<String>,
    range_openers: Vec<String>,
    range_joiners: Vec<String>,
    currency_signs: Vec<String>,
    change_words: Vec<String>,
    named: Vec<String>,
    vague_counts: FxHashMap<String, (f64, f64)>,
    pronoun_one: PronounOneFile,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PronounOneFile {
    words: Vec<String>,
    before: Vec<String>,
    after: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct AgesFile {
    joined: Vec<String>,
    before: Vec<String>,
    after: Vec<String>,
    between_commas_max: u32,
    person_nouns: Vec<String>,
    before_when_nothing_counted: Vec<String>,
}

/// The wording of forms built around a number.
#[derive(Debug)]
pub struct Forms {
    pub ages: AgeWords,
    pub tallies: TallyWords,
    pub numbers: NumberWords,
    pub anaphora: AnaphoraWords,
    /// Holidays, seasons, quarters and other named parts of the calendar.
    pub calendar: CalendarWords,
    /// How many years from the usual one a date with a weekday may move to fit it.
    pub weekday_year_reach: i32,
    /// Before a unit of time, one whole unit: "all month", "the whole year".
    pub whole_periods: PhraseTable<()>,
    /// Before an amount of time, what makes it the time up to now: "the past three
    /// days".
    pub lengths_to_now: LengthsToNow,
    /// Plural endings and their singular replacements, tried in order.
    singular_endings: Vec<(String, String)>,
}

/// How a length of time up to now is written: "the past three days".
#[derive(Debug)]
pub struct LengthsToNow {
    /// "past", "last"
    pub words: WordSet,
    /// Words right before them that make them so: "the", "these".
    pub before: WordSet,
}

/// How a date that hangs on an earlier one is written.
#[derive(Debug)]
pub struct AnaphoraWords {
    /// "the next day": days from the anchor, and whether the as-of date may stand in.
    pub days: PhraseTable<(i64, bool)>,
    /// After an amount of time: "later" (+1) or "earlier" (-1).
    pub directions: FxHashMap<String, i64>,
    /// Direction words that must end the clause or come before a comma.
    pub open_ended: WordSet,
    /// Before "week", "month" or "year": which part of the anchor's period.
    pub periods: PhraseTable<AnchorPart>,
}

/// How a tally is written around its two numbers.
#[derive(Debug)]
pub struct TallyWords {
    /// Words near a pair of numbers that make it a tally whatever its order.
    pub cues: WordSet,
    /// How many words before the pair a cue may stand.
    pub cue_reach: usize,
    /// "87 votes to 26": what sets one number against the other.
    pub versus_words: WordSet,
    /// Words one or two before "N to M" that make it no tally ("from", "at").
    pub not_cues: WordSet,
    /// Words between the part and the whole: "314 of the 462".
    pub whole_determiners: WordSet,
    /// Counted nouns, singular.
    pub units: WordSet,
}

/// Words around numbers.
#[derive(Debug)]
pub struct NumberWords {
    /// "minus 3.2"
    pub negative: WordSet,
    /// "three point five"
    pub decimal_point: WordSet,
    /// After an amount, half of one more: "two and a half".
    pub plus_a_half: PhraseTable<()>,
    /// The same joined by hyphens, as in "two-and-a-half".
    pub plus_a_half_joined: Vec<String>,
    /// Before "a third", what makes it a fraction rather than an ordinal: "cut by a
    /// third".
    pub fraction_cues: WordSet,
    /// After an amount, what makes it a percentage: "40 percent", "12.5 per cent".
    pub percent_words: PhraseTable<()>,
    /// "between 20 and 30": what opens a range whose bounds are joined by "and".
    pub range_openers: WordSet,
    /// "20 to 30", "two or three": what joins the bounds of a range.
    pub range_joiners: WordSet,
    /// Signs before an amount of money, which may stand before each bound of a range:
    /// "between $20m and $25m".
    pub currency_signs: WordSet,
    /// "from 20 to 30": what makes two amounts a change rather than a range.
    pub change_words: WordSet,
    /// Joined numbers that name something ("9-11", "24/7").
    pub named: WordSet,
    /// "several", "a few": the least and most they mean.
    pub vague_counts: PhraseTable<(f64, f64)>,
    /// "no one", "one of the": where "one" is a pronoun, not a number.
    pub pronoun_one: PronounOne,
}

/// Where the number "one" is a pronoun ("no one", "one of the", "one could").
#[derive(Debug)]
pub struct PronounOne {
    /// Its spellings.
    pub words: WordSet,
    /// Words right before it that make it a pronoun: "no one", "this one".
    pub before: WordSet,
    /// Words right after it that make it a pronoun: "one of", "one who".
    pub after: WordSet,
}

/// How an age is written around its number.
#[derive(Debug)]
pub struct AgeWords {
    /// Joined after the number by a hyphen: "38-year-old" (stored without the hyphen).
    pub joined: Vec<String>,
    /// Before the number: "aged 34".
    pub before: PhraseTable<()>,
    /// Before the number when nothing it could count follows it: "turned 49 on
    /// Sunday", not "turned 90 degrees".
    pub before_when_nothing_counted: PhraseTable<()>,
    /// After the number: "71 years old".
    pub after: PhraseTable<()>,
    /// The largest number between commas after a name that reads as an age.
    pub between_commas_max: u32,
    /// Nouns for a person: an age between commas may follow one as it follows a
    /// name ("the driver, 45,"), and one between a name and an age owns the age
    /// ("Suga's driver, 45,").
    pub person_nouns: WordSet,
}

impl Forms {
    /// The tables, or which file has what wrong with its data.
    pub(crate) fn new(
        file: FormsFile,
        holidays: HolidaysFile,
        weekdays: &WordMap<chrono::Weekday>,
    ) -> Result<Forms, (&'static str, String)> {
        let ages = file.ages;
        let calendar = CalendarWords::new(file.calendar, holidays, weekdays)?;
        Ok(Forms {
            ages: AgeWords {
                joined: ages
                    .joined
                    .iter()
                    .map(|w| w.trim_start_matches('-').to_lowercase())
                    .collect(),
                before: phrases(&ages.before),
                before_when_nothing_counted: phrases(&ages.before_when_nothing_counted),
                after: phrases(&ages.after),
                between_commas_max: ages.between_commas_max,
                person_nouns: lower(&ages.person_nouns),
            },
            tallies: TallyWords {
                cues: lower(&file.tallies.cues),
                cue_reach: file.tallies.cue_reach,
                versus_words: lower(&file.tallies.versus_words),
                not_cues: lower(&file.tallies.not_cues),
                whole_determiners: lower(&file.tallies.whole_determiners),
                units: lower(&file.tallies.units),
            },
            numbers: NumberWords {
                negative: lower(&file.numbers.negative_words),
                decimal_point: lower(&file.numbers.decimal_words),
                plus_a_half: phrases(&file.numbers.plus_a_half),
                plus_a_half_joined: file
                    .numbers
                    .plus_a_half
                    .iter()
                    .map(|phrase| {
                        phrase
                            .to_lowercase()
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join("-")
                    })
                    .collect(),
                fraction_cues: lower(&file.numbers.fraction_cues),
                percent_words: phrases(&file.numbers.percent_words),
                range_openers: lower(&file.numbers.range_openers),
                range_joiners: lower(&file.numbers.range_joiners),
                currency_signs: lower(&file.numbers.currency_signs),
                change_words: lower(&file.numbers.change_words),
                named: lower(&file.numbers.named),
                vague_counts: PhraseTable::new(
                    file.numbers
                        .vague_counts
                        .iter()
                        .map(|(words, &range)| (words.as_str(), range)),
                ),
                pronoun_one: PronounOne {
                    words: lower(&file.numbers.pronoun_one.words),
                    before: lower(&file.numbers.pronoun_one.before),
                    after: lower(&file.numbers.pronoun_one.after),
                },
            },
            anaphora: AnaphoraWords::new(file.anaphora),
            whole_periods: phrases(&file.whole_periods),
            lengths_to_now: LengthsToNow {
                words: lower(&file.lengths_to_now.words),
                before: lower(&file.lengths_to_now.before),
            },
            singular_endings: file.singular_endings,
            weekday_year_reach: file.weekday_year_reach,
            calendar,
        })
    }

    /// A lower-case noun in the singular: "votes" → "vote", "countries" → "country".
    pub fn singular(&self, word: &str) -> String {
        self.singular_endings
            .iter()
            .find_map(|(plural, singular)| {
                let stem = word.strip_suffix(plural.as_str())?;
                (!stem.is_empty()).then(|| format!("{stem}{singular}"))
            })
            .unwrap_or_else(|| word.to_string())
    }

    /// How the forms open, with the readers they start, so the mention reader stops
    /// at them: each word that opens one, with the word after it when the form is
    /// a phrase of several words.
    pub(crate) fn openings(&self) -> impl Iterator<Item = (&str, Option<&str>, Starts)> {
        let ages = self
            .ages
            .before
            .openings()
            .chain(self.ages.before_when_nothing_counted.openings())
            .map(|(w, n)| (w, n, Starts::AGE));
        let anaphora = &self.anaphora;
        let calendar = &self.calendar;
        let dates = anaphora
            .days
            .openings()
            .chain(anaphora.periods.openings())
            .chain(calendar.relative_days.openings())
            .chain(alone(calendar.modifiers.keys()))
            .chain(calendar.this_period_parts.openings())
            .chain(alone(&calendar.ahead_words))
            .chain(alone(&calendar.period_parts))
            .map(|(w, n)| (w, n, Starts::DATE));
        let durations = self
            .whole_periods
            .openings()
            .chain(alone(&self.lengths_to_now.words))
            .map(|(w, n)| (w, n, Starts::DURATION));
        // "several months", "a few days": read where amounts are.
        let vague = self
            .numbers
            .vague_counts
            .openings()
            .map(|(w, n)| (w, n, Starts::DURATION | Starts::QUANTITY));
        let numbers = alone(&self.numbers.negative)
            .chain(alone(&self.numbers.range_openers))
            .map(|(w, n)| (w, n, Starts::QUANTITY | Starts::DURATION));
        let calendar_words = calendar
            .holidays
            .openings()
            .chain(alone(calendar.seasons.keys()))
            .chain(alone(calendar.decade_words.keys()))
            .chain(alone(calendar.year_part_names.keys()))
            .map(|(w, n)| (w, n, Starts::DATE | Starts::CALENDAR));
        ages.chain(dates)
            .chain(durations)
            .chain(vague)
            .chain(numbers)
            .chain(calendar_words)
    }
}

/// Words that open a form alone, whatever follows them.
fn alone<'a>(
    words: impl IntoIterator<Item = &'a String>,
) -> impl Iterator<Item = (&'a str, Option<&'a str>)> {
    words.into_iter().map(|word| (word.as_str(), None))
}

fn lower(words: &[String]) -> WordSet {
    words.iter().map(|w| w.to_lowercase()).collect()
}

fn phrases(phrases: &[String]) -> PhraseTable<()> {
    PhraseTable::new(phrases.iter().map(|p| (p.as_str(), ())))
}

impl AnaphoraWords {
    fn new(file: AnaphoraFile) -> AnaphoraWords {
        let days = file.days.iter().flat_map(|entry| {
            entry
                .words
                .iter()
                .map(move |w| (w.as_str(), (entry.days, entry.from_as_of)))
        });
        let periods = file
            .periods
            .iter()
            .flat_map(|entry| entry.words.iter().map(move |w| (w.as_str(), entry.part)));
        let later = file.later.iter().map(|w| (w.to_lowercase(), 1));
        let earlier = file.earlier.iter().map(|w| (w.to_lowercase(), -1));
        AnaphoraWords {
            days: PhraseTable::new(days),
            directions: later.chain(earlier).collect(),
            open_ended: lower(&file.open_ended),
            periods: PhraseTable::new(periods),
        }
    }
}
