//! ## What it finds
//! A person's age: "the 38-year-old", "Suga, 71,", "aged 34", "joined the club as a
//! 13-year-old", "turned 49 on Sunday".
//!
//! ## Why check it
//! Ages go stale the day after a birthday, and are often copied from an older story.
//!
//! ## How it is checked
//! From the person's birth (a `role: birth` fact) to the date the age is given at: the
//! publication date, or, for an age given "as" or "at" something ("joined as a
//! 13-year-old"), the time of what the clause tells of. An age reached ("turned 49 on
//! Sunday") holds when that birthday falls in the date the clause gives. The person is
//! the one the sentence names nearest before the age.

use super::{Check, Claim, ClaimKind, ClauseContext};
use crate::dates::DateRange;
use crate::discourse::{How, Reference};
use crate::factbase::{EntityKind, Fact, Role};
use crate::mentions::MentionValue;
use crate::verify::readings::Query;
use crate::verify::{CheckContext, Evidence, Judgement, Verdict, wording};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::ops::Range;

pub const AGE: ClaimKind = ClaimKind::new("age");
pub const KINDS: &[(ClaimKind, &str)] = &[(AGE, "a person's age, at publication or at an event")];

#[derive(Debug, Clone)]
pub struct AgeStatement {
    pub years: u32,
    pub given_at: GivenAt,
}

/// When an age is given at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GivenAt {
    /// Publication: "Suga, 71,".
    Publication,
    /// An event the clause tells of: "joined as a 13-year-old", "at 17".
    Event,
    /// The birthday it was reached on, which falls in the date the clause gives:
    /// "turned 49 on Sunday".
    Birthday,
}

pub fn find(context: &ClauseContext) -> Vec<Claim> {
    let tokens = &context.segmented.tokens;
    let rules = context.rules;
    let passed_over =
        |key: &str| rules.articles.contains(key) || rules.age_at_event_fillers.contains(key);
    context
        .mentions
        .iter()
        .filter_map(|mention| {
            let MentionValue::Age(years) = mention.value else {
                return None;
            };
            // "as a 13-year-old", "at 17": the word before, past an article.
            let mut before = mention.tokens.start;
            while before > context.clause.start && passed_over(tokens[before - 1].key.as_str()) {
                before -= 1;
            }
            // "turned 49 on Sunday": the age reached then.
            let reached = rules
                .forms
                .ages
                .before_when_nothing_counted
                .at(tokens, mention.tokens.start, mention.tokens.end)
                .is_some();
            let at_event = before > context.clause.start
                && rules.age_at_event_words.contains(tokens[before - 1].key.as_str());
            let given_at = match (reached, at_event) {
                (true, _) => GivenAt::Birthday,
                (false, true) => GivenAt::Event,
                (false, false) => GivenAt::Publication,
            };
            let statement = AgeStatement { years, given_at };
            Some(context.claim(AGE, mention.tokens.clone(), statement))
        })
        .collect()
}

#[derive(Debug, Serialize)]
struct Normalized {
    years: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    person: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    born: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<String>,
}

impl Check for AgeStatement {
    fn check(&self, claim: &Claim, cx: &CheckContext) -> Judgement {
        let base = cx.base;
        let text = cx.text_of(claim.tokens.clone());
        let mut normalized = Normalized {
            years: self.years,
            person: None,
            born: None,
            at: None,
        };
        // The people the sentence refers to, nearest before the age first.
        let mut people: Vec<&Reference> = cx
            .discourse
            .within(&claim.sentence)
            .iter()
            .filter(|r| base.entities[r.entity].kind == EntityKind::Person)
            .collect();
        people.sort_by_key(|r| {
            let before = r.tokens.start < claim.tokens.start;
            (!before, claim.tokens.start.abs_diff(r.tokens.end))
        });
        let born = people
            .iter()
            .find_map(|r| base.birth_of(r.entity).map(|f| (*r, f)));
        let Some((person, birth)) = born else {
            return Judgement::unverified(format!(
                "“{text}”: the fact base holds no birth date for anyone this sentence names"
            ))
            .with(&normalized);
        };
        let name = &base.entities[person.entity].name;
        normalized.person = Some(base.entities[person.entity].id.clone());
        let birth_range = birth.time.map(|t| t.range()).unwrap_or(DateRange::day(NaiveDate::MIN));
        normalized.born = Some(birth_range.to_string());
        let Some((at, counted_to)) = self.when(claim, cx, person) else {
            return Judgement::unverified(format!(
                "“{text}”: no date to count {name}'s age to"
            ))
            .with(&normalized);
        };
        normalized.at = Some(at.to_string());
        let (why, event) = match counted_to {
            CountedTo::Event(fact) => (format!("the date of {}", wording::fact(base, fact)), Some(fact)),
            CountedTo::Stated => ("the date the sentence states".to_string(), None),
            CountedTo::AsOf => ("the as-of date".to_string(), None),
        };
        let stated = matches!(counted_to, CountedTo::Stated);
        let birthday = (self.given_at == GivenAt::Birthday && stated)
            .then(|| nth_birthday(&birth_range, self.years))
            .flatten();
        let (fits, said) = if let Some(birthday) = birthday {
            // "turned 49 on Sunday": the 49th birthday falls on the date given.
            let said = format!("{name} was born {birth_range}, so turned {} on {birthday} ({why}: {at})", self.years);
            (birthday.overlaps(&at), said)
        } else {
            // The ages the person may have had over the days the two dates may mean.
            let youngest = years_between(birth_range.last, at.first);
            let oldest = years_between(birth_range.first, at.last);
            let said = if youngest == oldest {
                format!("{name} was born {birth_range}, so was {youngest} on {at} ({why})")
            } else {
                format!("{name} was born {birth_range}, so was {youngest} to {oldest} in {at} ({why})")
            };
            ((youngest..=oldest).contains(&(self.years as i32)), said)
        };
        let mut evidence = vec![Evidence::of(birth)];
        evidence.extend(event.map(Evidence::of));
        let judgement = if fits {
            Judgement::new(Verdict::Supported, format!("“{text}”: {said}"), evidence)
        } else {
            let named = matches!(person.how, How::Named | How::Repeated);
            let between = if person.tokens.end <= claim.tokens.start {
                person.tokens.end..claim.tokens.start
            } else {
                claim.tokens.end..person.tokens.start
            };
            let someone_else = someone_else_may_own(cx, person, between.clone());
            Judgement::new(
                Verdict::Contradicted,
                format!("“{text}” gives {}, but {said}", self.years),
                evidence,
            )
            .decided_only_if(
                named && person.strong && between.len() <= cx.rules.age_bond && !someone_else,
                &format!("the age may be someone else's than {name}'s"),
            )
        };
        judgement.with(&normalized)
    }
}

/// Whether a noun for a person stands between the name and the age ("Suga's driver,
/// 45,"), or is what the name is "of" ("the driver of Suga, 45,"): the age may be
/// that person's.
fn someone_else_may_own(cx: &CheckContext, person: &Reference, between: Range<usize>) -> bool {
    let tokens = &cx.segmented.tokens;
    let person_nouns = &cx.rules.forms.ages.person_nouns;
    let person_noun = |k: usize| person_nouns.contains(tokens[k].key.as_str());
    let start = person.tokens.start;
    let of_someone = start >= 2
        && cx.rules.of_words.contains(tokens[start - 1].key.as_str())
        && person_noun(start - 2);
    of_someone || between.into_iter().any(person_noun)
}

/// Where the date an age is counted to comes from.
enum CountedTo<'a> {
    /// The time of what the clause tells of: a fact about the person.
    Event(&'a Fact),
    /// A date the sentence states.
    Stated,
    AsOf,
}

impl AgeStatement {
    /// The date the age is given at, and where it comes from: for an age given at an
    /// event, the time of what the clause tells of (or the date it states); for an
    /// age reached, the date the clause states; else the as-of date.
    fn when<'a>(
        &self,
        claim: &Claim,
        cx: &CheckContext<'a>,
        person: &Reference,
    ) -> Option<(DateRange, CountedTo<'a>)> {
        let base = cx.base;
        if self.given_at == GivenAt::Event {
            let query = Query {
                words_in: claim.clause.clone(),
                entities_in: claim.sentence.clone(),
                near: claim.tokens.clone(),
                words_needed: true,
                topic: false,
            };
            let accept = |f: &Fact, d: &crate::factbase::PropertyDefinition| {
                f.subject == person.entity && !matches!(d.role, Role::Birth | Role::Category)
            };
            if let Some((reading, time)) = cx
                .readings()
                .find(&query, &accept)
                .into_iter()
                .find_map(|r| r.time(base).map(|t| (r, t)))
            {
                return Some((time, CountedTo::Event(reading.fact)));
            }
        }
        if self.given_at != GivenAt::Publication
            && let Some((range, _)) = cx.date_in(&claim.clause)
        {
            return Some((range, CountedTo::Stated));
        }
        cx.as_of.map(|day| (DateRange::day(day), CountedTo::AsOf))
    }
}

/// The days a person born in `born` may have turned `years` on.
fn nth_birthday(born: &DateRange, years: u32) -> Option<DateRange> {
    let add = |day: NaiveDate| day.checked_add_months(chrono::Months::new(years.checked_mul(12)?));
    Some(DateRange {
        first: add(born.first)?,
        last: add(born.last)?,
        precision: born.precision,
    })
}

/// Whole years from `born` to `on`.
fn years_between(born: NaiveDate, on: NaiveDate) -> i32 {
    let mut years = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        years -= 1;
    }
    years
}
