//! Facts, times and numbers in words, for the one-sentence explanations every
//! verdict carries. The wording of a fact comes from its property's `label` in
//! `rules/properties.yaml`.

use crate::dates::{DateRange, Precision};
use crate::factbase::{Aspect, Fact, FactBase, FactTime};

/// A fact as a phrase: "Yoshihide Suga's term as Prime Minister of Japan".
pub fn fact(base: &FactBase, fact: &Fact) -> String {
    let subject = &base.entities[fact.subject].name;
    let object = fact
        .object
        .map(|o| base.entities[o].name.as_str())
        .unwrap_or("");
    let label = &base.property_of(fact).label;
    label
        .replace("{subject}", subject)
        .replace("{object}", object)
        .trim()
        .to_string()
}

/// A date or span as a reader says it: "2020-09-16", "the week of 2020-04-06",
/// "2020-04-06 to 2020-04-08".
pub fn range(range: &DateRange) -> String {
    match range.precision {
        Precision::Week => format!("the week of {}", range.first),
        _ if range.first != range.last && range.precision == Precision::Day => {
            format!("{} to {}", range.first, range.last)
        }
        _ => range.to_string(),
    }
}

/// What a fact's time says, for the aspect read: "was on 2020-01-03", "began on
/// 2020-09-16", "ran from 2012-12-26 to 2020-09-16".
pub fn when(time: &FactTime, aspect: Aspect) -> String {
    match (aspect, time) {
        (Aspect::Start, FactTime::Between { start, .. }) => format!("began on {start}"),
        (Aspect::End, FactTime::Between { end: Some(end), .. }) => format!("ended on {end}"),
        (Aspect::End, FactTime::Between { end: None, start }) => {
            format!("began on {start} and has not ended")
        }
        (_, FactTime::At(at)) => format!("was on {}", range(at)),
        (
            _,
            FactTime::Between {
                start,
                end: Some(end),
            },
        ) => format!("ran from {start} to {end}"),
        (_, FactTime::Between { start, end: None }) => format!("has run since {start}"),
    }
}

/// A term in words: "from 2012-12-26 to 2020-09-16", "from 2021-01-20".
pub fn term(fact: &Fact) -> String {
    match fact.time {
        Some(FactTime::Between {
            start,
            end: Some(end),
        }) => format!("from {start} to {end}"),
        Some(FactTime::Between { start, end: None }) => format!("from {start}"),
        Some(FactTime::At(at)) => format!("on {at}"),
        None => "at a time the fact base does not give".into(),
    }
}

/// A number as people write it: "3", "1.8", "293 million".
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        let whole = value as i64;
        if whole.abs() >= 1_000_000 && whole % 1_000_000 == 0 {
            return format!("{} million", whole / 1_000_000);
        }
        return whole.to_string();
    }
    let rounded = (value * 1000.0).round() / 1000.0;
    rounded.to_string()
}

/// "first", "second", ... "21st".
pub fn ordinal(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    if let Some(word) = WORDS.get(n.wrapping_sub(1)) {
        return word.to_string();
    }
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// "a woman", "an office".
pub fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

/// The text with its first letter in lower case: "the People named ..." reads
/// "the people named ...".
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}
