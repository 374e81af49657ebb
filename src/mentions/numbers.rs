//! Numbers, percentages, fractions and vague amounts; and the numbers that are not
//! quantities at all (times of day, page numbers, model names, phone numbers,
//! addresses, ratings), which must not become mentions.

use super::quantity;
use crate::rules::Rules;
use crate::segment::{Token, TokenKind};

fn at(tokens: &[Token], k: usize, end: usize) -> Option<&Token> {
    tokens.get(k).filter(|_| k < end)
}

/// "40%", "40 percent", "12.5 per cent", "2.5pc".
pub fn read_percent(tokens: &[Token], i: usize, end: usize, rules: &Rules) -> Option<(f64, usize)> {
    if let Some(value) = joined_percent(&tokens[i], rules) {
        return Some((value, i + 1));
    }
    let amount = quantity::read(tokens, i, end, rules)?;
    if at(tokens, amount.end, end)?.is_punct('%') {
        return Some((amount.value, amount.end + 1));
    }
    let (_, len) = rules
        .forms
        .numbers
        .percent_words
        .at(tokens, amount.end, end)?;
    Some((amount.value, amount.end + len))
}

/// "2.5pc": digits with a one-word percent word joined to them.
fn joined_percent(token: &Token, rules: &Rules) -> Option<f64> {
    if token.kind != TokenKind::Number {
        return None;
    }
    let (number, word) = token
        .key
        .split_at(token.key.find(|c: char| c.is_ascii_alphabetic())?);
    let percent_words = &rules.forms.numbers.percent_words;
    percent_words
        .has_one_word_phrase(word)
        .then(|| quantity::digits(number, rules))
        .flatten()
}

/// "half", "a third of", "two-thirds", "three quarters"; of a scale, that part of
/// it: "half a million", "a quarter of a million".
pub fn read_fraction(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
) -> Option<(f64, usize)> {
    let (fraction, next) = fraction(tokens, i, end, rules)?;
    let mut k = next;
    if at(tokens, k, end).is_some_and(|t| rules.of_words.contains(t.key.as_str())) {
        k += 1;
    }
    let scale = at(tokens, k, end)
        .filter(|t| rules.indefinite_articles.contains(t.key.as_str()))
        .and_then(|_| at(tokens, k + 1, end))
        .and_then(|t| rules.scales.get(t.key.as_str()));
    Some(match scale {
        Some(&scale) => (fraction * scale, k + 2),
        None => (fraction, next),
    })
}

fn fraction(tokens: &[Token], i: usize, end: usize, rules: &Rules) -> Option<(f64, usize)> {
    let token = at(tokens, i, end)?;
    let key = token.key.as_str();
    if let Some(&denominator) = rules.bare_fractions.get(key) {
        return Some((1.0 / f64::from(denominator), i + 1));
    }
    if let Some((numerator, denominator)) = token.hyphen_parts() {
        // "two-thirds"; not "sixty-fifth", an ordinal.
        let numerator = quantity::word_value(numerator, rules).filter(|n| *n < 10)?;
        let &denominator = rules.fractions.get(denominator)?;
        return Some((numerator as f64 / f64::from(denominator), i + 1));
    }
    // "a third of the budget", "cut by a third"; but "a third term" is an ordinal.
    let numerator = if rules.indefinite_articles.contains(key) {
        1
    } else {
        quantity::word_value(key, rules).filter(|n| *n < 10)?
    };
    let &denominator = rules.fractions.get(at(tokens, i + 1, end)?.key.as_str())?;
    let after = at(tokens, i + 2, end);
    let of_follows = after.is_some_and(|t| rules.of_words.contains(t.key.as_str()));
    // "cut by a third", "nearly a fifth"
    let cued = i.checked_sub(1).is_some_and(|p| {
        rules
            .forms
            .numbers
            .fraction_cues
            .contains(tokens[p].key.as_str())
    }) || rules.hedges.ends_at(tokens, i);
    (of_follows || cued || numerator > 1)
        .then_some((numerator as f64 / f64::from(denominator), i + 2))
}

/// "dozens", "hundreds", "thousands", "hundreds of thousands": a vague amount, with
/// its least value.
pub fn read_vague(tokens: &[Token], i: usize, end: usize, rules: &Rules) -> Option<(f64, usize)> {
    let &least = rules.vague.get(at(tokens, i, end)?.key.as_str())?;
    // "hundreds of thousands": so many of the scale the second names.
    let scale = at(tokens, i + 1, end)
        .filter(|t| rules.of_words.contains(t.key.as_str()))
        .and_then(|_| at(tokens, i + 2, end))
        .filter(|t| rules.vague.contains_key(t.key.as_str()))
        .and_then(|t| rules.scales.get(&rules.forms.singular(&t.key)));
    Some(match scale {
        Some(&scale) => (least * scale, i + 3),
        None => (least, i + 1),
    })
}

/// What a number at `i` turned out to be.
pub enum NumberRead {
    /// An amount, with the noun joined to it ("450-seat"), and one past its last token.
    Quantity {
        value: f64,
        unit: Option<String>,
        next: usize,
    },
    /// Not a quantity (a time, a label...): skip these tokens.
    NotAQuantity(usize),
}

/// A number at `i`: digits or words with their scale; or a number that is not a
/// quantity, so the caller can skip it.
pub fn read_number(
    tokens: &[Token],
    i: usize,
    end: usize,
    sentence_start: usize,
    rules: &Rules,
) -> Option<NumberRead> {
    let token = at(tokens, i, end)?;
    if let Some((value, unit)) = joined_noun(&token.key, rules) {
        return Some(NumberRead::Quantity {
            value,
            unit,
            next: i + 1,
        });
    }
    if let Some(next) = named_number(tokens, i, end, rules) {
        return Some(NumberRead::NotAQuantity(next));
    }
    if token.kind == TokenKind::Number
        && token.hyphenated
        && quantity::key_value(&token.key, rules).is_none()
    {
        // "202-456-1111" and other joined digits are not one quantity.
        return Some(NumberRead::NotAQuantity(i + 1));
    }
    let amount = quantity::read(tokens, i, end, rules)?;
    if pronoun_one(tokens, i, end, rules) {
        return Some(NumberRead::NotAQuantity(amount.end));
    }
    if let Some(skip_to) = not_a_quantity(tokens, i, amount.end, end, sentence_start, rules) {
        return Some(NumberRead::NotAQuantity(skip_to));
    }
    Some(NumberRead::Quantity {
        value: amount.value,
        unit: None,
        next: amount.end,
    })
}

/// "4-pound", "1.8-kilogram", "eight-party", "twenty-one-gun", "450-seat": a number
/// joined to the noun it measures, with the noun in the singular; "5-billion" is
/// only a number.
fn joined_noun(key: &str, rules: &Rules) -> Option<(f64, Option<String>)> {
    let (number, noun) = key.rsplit_once('-')?;
    if noun.len() < 2 || !noun.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    // "twenty-one" is a number on its own.
    if quantity::word_value(key, rules).is_some() {
        return None;
    }
    let value = quantity::key_value(number, rules)?;
    if let Some(&scale) = rules.scales.get(noun) {
        return Some((value * scale, None));
    }
    Some((value, Some(rules.forms.singular(noun))))
}

/// "24/7", "9-11": numbers that name something; with one past them.
fn named_number(tokens: &[Token], i: usize, end: usize, rules: &Rules) -> Option<usize> {
    let named = &rules.forms.numbers.named;
    if named.contains(tokens[i].key.as_str()) {
        return Some(i + 1);
    }
    let (slash, second) = (at(tokens, i + 1, end)?, at(tokens, i + 2, end)?);
    let touching =
        tokens[i].span().end == slash.span().start && slash.span().end == second.span().start;
    (touching
        && slash.is_punct('/')
        && named.contains(&format!("{}/{}", tokens[i].key, second.key)))
    .then_some(i + 3)
}

/// A range of amounts: "between 20 and 30", "20-30", "20–30", "20 to 30", "two or
/// three", with "percent" after it as its unit; not "from 20 to 30", a change, nor
/// a span of time. Gives the least, the most, the unit and one past the last token.
pub fn read_range(
    tokens: &[Token],
    i: usize,
    clause: std::ops::Range<usize>,
    rules: &Rules,
) -> Option<(f64, f64, Option<String>, usize)> {
    let end = clause.end;
    let (low, high, next) = quantity::range(tokens, i, clause.start, end, rules)?;
    // "between 2010 and 2015" names two years; "Boeing 737-800" a model.
    let year = |t: &Token| {
        t.key.len() == 4 && (1000.0..2200.0).contains(&t.key.parse::<f64>().unwrap_or(0.0))
    };
    let years = tokens[i..next].iter().filter(|t| year(t)).count() == 2;
    let model = i > clause.start && tokens[i - 1].is_word() && tokens[i - 1].capitalized;
    if years || model || rules.forms.numbers.named.contains(&format!("{low}-{high}")) {
        return None;
    }
    let after = at(tokens, next, end);
    if after.is_some_and(|t| {
        rules.clock_words.contains(t.key.as_str()) || rules.units.contains_key(t.key.as_str())
    }) {
        return None;
    }
    // A sign or a one-word percent word: "20-30%", "20 to 30 percent".
    let percent_words = &rules.forms.numbers.percent_words;
    let percent = after.is_some_and(|t| t.is_punct('%'))
        || percent_words
            .at(tokens, next, (next + 1).min(end))
            .is_some();
    let unit = percent.then(|| "percent".to_string());
    Some((low, high, unit, next + usize::from(percent)))
}

/// "no one", "one of the", "one another": the pronoun, not the number.
fn pronoun_one(tokens: &[Token], i: usize, end: usize, rules: &Rules) -> bool {
    let words = &rules.forms.numbers.pronoun_one;
    if !words.words.contains(tokens[i].key.as_str()) {
        return false;
    }
    let before = i.checked_sub(1).map(|p| tokens[p].key.as_str());
    let after = at(tokens, i + 1, end);
    before.is_some_and(|key| words.before.contains(key))
        || after.is_none_or(|t| t.kind == TokenKind::Punct || words.after.contains(t.key.as_str()))
}

/// Where to skip to when the number from `i` to `amount_end` is not a quantity.
fn not_a_quantity(
    tokens: &[Token],
    i: usize,
    amount_end: usize,
    end: usize,
    sentence_start: usize,
    rules: &Rules,
) -> Option<usize> {
    let token = &tokens[i];
    let before = i
        .checked_sub(1)
        .filter(|&p| p >= sentence_start)
        .map(|p| &tokens[p]);
    let after = at(tokens, amount_end, end);
    let digits_only =
        token.kind == TokenKind::Number && token.key.bytes().all(|b| b.is_ascii_digit());
    // A time of day: "10:30", "3 a.m.", "7 o'clock"; or the minutes of one.
    if after.is_some_and(|t| t.is_punct(':'))
        && at(tokens, amount_end + 1, end).is_some_and(|t| t.kind == TokenKind::Number)
    {
        return Some(amount_end + 2);
    }
    if before.is_some_and(|t| t.is_punct(':')) && i >= 2 && tokens[i - 2].kind == TokenKind::Number
    {
        return Some(amount_end);
    }
    if after.is_some_and(|t| rules.clock_words.contains(t.key.as_str())) {
        return Some(amount_end + 1);
    }
    // A label: "page 12", "No. 5", "§ 230".
    let label_before = before.is_some_and(|t| rules.label_words.contains(t.key.as_str()))
        || (before.is_some_and(|t| t.is_punct('.'))
            && i >= 2
            && rules.label_words.contains(tokens[i - 2].key.as_str()));
    if label_before {
        return Some(amount_end);
    }
    // A model or name: "Boeing 737", "iPhone 12" (a word with a capital, not
    // opening the sentence, right before bare digits).
    let model = digits_only
        && before.is_some_and(|t| {
            t.is_word()
                && t.has_capital
                // "Netanyahu's 12 years": a possessive owns what follows.
                && !t.is_possessive()
                && i - 1 > sentence_start
                && !rules.months.contains_key(t.key.as_str())
                && !rules.weekdays.contains_key(t.key.as_str())
                && rules.hedges.at(tokens, i - 1, i).is_none()
        });
    if model {
        return Some(amount_end);
    }
    // A phone number's area code: "(202) 456-1111".
    if before.is_some_and(|t| t.is_punct('('))
        && after.is_some_and(|t| t.is_punct(')'))
        && at(tokens, amount_end + 1, end).is_some_and(|t| t.kind == TokenKind::Number)
    {
        return Some(amount_end + 2);
    }
    // A rating: "10 out of 10", "9/10".
    if let Some((_, len)) = rules.score_words.at(tokens, amount_end, end) {
        let rated = at(tokens, amount_end + len, end).is_some_and(|t| t.kind == TokenKind::Number);
        return Some(amount_end + len + usize::from(rated));
    }
    if after.is_some_and(|t| t.is_punct('/'))
        && at(tokens, amount_end + 1, end)
            .is_some_and(|t| rules.rating_scales.contains(t.key.as_str()))
    {
        return Some(amount_end + 2);
    }
    // A house number: "1600 Pennsylvania Avenue", "221B Baker Street".
    let street = (amount_end..(amount_end + 4).min(end))
        .take_while(|&k| {
            tokens[k].is_word()
                && (tokens[k].capitalized || rules.street_words.contains(tokens[k].key.as_str()))
        })
        .any(|k| k > amount_end && rules.street_words.contains(tokens[k].key.as_str()));
    // Digits, or digits and one letter ("221B").
    let number = token
        .key
        .strip_suffix(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(&token.key);
    let house_number = token.kind == TokenKind::Number
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit());
    if house_number && street {
        return Some(amount_end);
    }
    None
}
