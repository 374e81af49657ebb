//! Tallies: two numbers set against each other, as a score or a vote ("60-59", "a 3-1
//! win", "by 60 votes to 59", "613 points to 580"), or a part of a whole ("314 of the
//! 462 valid votes", "won 7 of 9 races"). A pair that is a range ("20-30 people"), a
//! time ("10-12 a.m."), a season ("2019-20") or a name ("9-11") is not a tally.

use super::quantity::{self, Quantity};
use crate::rules::Rules;
use crate::segment::{Token, TokenKind};

/// Two numbers set against each other.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    pub first: f64,
    pub second: f64,
    pub form: TallyForm,
    /// The counted noun, singular and in lower case ("vote", "point", "seat"), when
    /// one is written after either number.
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TallyForm {
    /// One side against the other: "60-59", "613 points to 580".
    Versus,
    /// A part of a whole: "314 of the 462 valid votes".
    OutOf,
}

impl TallyForm {
    pub fn name(self) -> &'static str {
        match self {
            TallyForm::Versus => "versus",
            TallyForm::OutOf => "out-of",
        }
    }
}

fn at(tokens: &[Token], k: usize, end: usize) -> Option<&Token> {
    tokens.get(k).filter(|_| k < end)
}

/// A tally starting at token `i` (its first number), with one past its last token.
pub fn read(
    tokens: &[Token],
    i: usize,
    clause: std::ops::Range<usize>,
    rules: &Rules,
) -> Option<(Tally, usize)> {
    joined(tokens, i, &clause, rules)
        .or_else(|| set_against(tokens, i, &clause, rules))
        .or_else(|| out_of(tokens, i, clause.end, rules))
}

/// Two whole numbers joined by a hyphen or a dash ("60-59", "3–1"), as written.
pub fn joined_pair(tokens: &[Token], i: usize, end: usize) -> Option<(u64, u64, usize)> {
    let token = at(tokens, i, end)?;
    if token.kind != TokenKind::Number {
        return None;
    }
    if let Some((first, second)) = token.hyphen_parts() {
        return Some((small_whole(first)?, small_whole(second)?, i + 1));
    }
    let (dash, second) = (at(tokens, i + 1, end)?, at(tokens, i + 2, end)?);
    let touching = token.span().end == dash.span().start && dash.span().end == second.span().start;
    let is_dash = dash.is_punct('–') || dash.is_punct('—') || dash.is_punct('-');
    (touching && is_dash)
        .then(|| Some((small_whole(&token.key)?, small_whole(&second.key)?, i + 3)))
        .flatten()
}

/// Up to three digits: a score or a vote count, not a year.
fn small_whole(digits: &str) -> Option<u64> {
    (!digits.is_empty() && digits.len() <= 3 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// "60-59", "a 3-1 win", "beat them 1-0", "a 60-59 vote".
fn joined(
    tokens: &[Token],
    i: usize,
    clause: &std::ops::Range<usize>,
    rules: &Rules,
) -> Option<(Tally, usize)> {
    let words = &rules.forms.tallies;
    let (first, second, next) = joined_pair(tokens, i, clause.end)?;
    if rules
        .forms
        .numbers
        .named
        .contains(&format!("{first}-{second}"))
        || not_counted_after(tokens, next, clause.end, rules)
    {
        return None;
    }
    let cued_before = cue_before(tokens, i, clause.start, rules);
    // "Boeing 737-800": a model's number, unless a cue makes it a score ("beat
    // Brazil 1-0").
    let model = i > clause.start
        && tokens[i - 1].is_word()
        && tokens[i - 1].capitalized
        && tokens[i - 1].span().len() == tokens[i - 1].key.len()
        && !cued_before;
    if model {
        return None;
    }
    let cue_after =
        at(tokens, next, clause.end).is_some_and(|t| words.cues.contains(t.key.as_str()));
    let day_and_month = (1..=12).contains(&first) && (1..=31).contains(&second);
    let tally = cued_before || cue_after || (first >= second && !day_and_month);
    if !tally {
        return None;
    }
    let unit = unit_at(tokens, next, clause.end, rules);
    let end = next + usize::from(unit.is_some());
    Some((
        Tally {
            first: first as f64,
            second: second as f64,
            form: TallyForm::Versus,
            unit,
        },
        end,
    ))
}

/// "60 to 59", "by 70 to 12", "87 votes to 26", "613 points to 580".
fn set_against(
    tokens: &[Token],
    i: usize,
    clause: &std::ops::Range<usize>,
    rules: &Rules,
) -> Option<(Tally, usize)> {
    let words = &rules.forms.tallies;
    let first = whole_amount(tokens, i, clause.end, rules)?;
    let first_unit = unit_at(tokens, first.end, clause.end, rules);
    let to = first.end + usize::from(first_unit.is_some());
    if !words
        .versus_words
        .contains(at(tokens, to, clause.end)?.key.as_str())
    {
        return None;
    }
    let second = whole_amount(tokens, to + 1, clause.end, rules)?;
    if not_counted_after(tokens, second.end, clause.end, rules) {
        return None;
    }
    // "from 20 to 30", "between 20 to 30": a change or a range; "at 10 to 5": a time.
    let before = |k: usize| {
        i.checked_sub(k)
            .filter(|&p| p >= clause.start)
            .map(|p| &tokens[p])
    };
    if [1, 2]
        .iter()
        .any(|&k| before(k).is_some_and(|t| words.not_cues.contains(t.key.as_str())))
    {
        return None;
    }
    let second_unit = unit_at(tokens, second.end, clause.end, rules);
    let tally = first_unit.is_some()
        || cue_before(tokens, i, clause.start, rules)
        || first.value > second.value;
    if !tally {
        return None;
    }
    let end = second.end + usize::from(second_unit.is_some());
    Some((
        Tally {
            first: first.value,
            second: second.value,
            form: TallyForm::Versus,
            unit: first_unit.or(second_unit),
        },
        end,
    ))
}

/// "314 of the 462 valid votes", "142 of 240", "won 7 of 9 races".
fn out_of(tokens: &[Token], i: usize, end: usize, rules: &Rules) -> Option<(Tally, usize)> {
    // "one of the three" speaks of one of them, not of a count.
    let pronoun_one = &rules.forms.numbers.pronoun_one;
    if pronoun_one.words.contains(tokens[i].key.as_str()) {
        return None;
    }
    let part = whole_amount(tokens, i, end, rules)?;
    if !rules
        .of_words
        .contains(at(tokens, part.end, end)?.key.as_str())
    {
        return None;
    }
    let mut k = part.end + 1;
    let determiners = &rules.forms.tallies.whole_determiners;
    if at(tokens, k, end).is_some_and(|t| determiners.contains(t.key.as_str())) {
        k += 1;
    }
    let whole = whole_amount(tokens, k, end, rules)?;
    if part.value > whole.value
        || whole.value < 2.0
        || not_counted_after(tokens, whole.end, end, rules)
    {
        return None;
    }
    let (unit, last) = counted_noun(tokens, whole.end, end, rules)
        .map_or((None, whole.end), |(unit, k)| (Some(unit), k + 1));
    Some((
        Tally {
            first: part.value,
            second: whole.value,
            form: TallyForm::OutOf,
            unit,
        },
        last,
    ))
}

/// A whole amount in digits or words at `i`.
fn whole_amount(tokens: &[Token], i: usize, end: usize, rules: &Rules) -> Option<Quantity> {
    let token = at(tokens, i, end)?;
    if rules.indefinite_articles.contains(token.key.as_str())
        || token.hyphenated && token.kind == TokenKind::Number
    {
        return None;
    }
    let amount = quantity::read(tokens, i, end, rules)?;
    (amount.value.fract() == 0.0 && amount.value >= 0.0).then_some(amount)
}

/// Whether what follows a pair makes it something other than counts: a percentage,
/// a time of day, or a span of time ("10-12 a.m.", "20 to 30 percent", "3 to 5 years").
fn not_counted_after(tokens: &[Token], k: usize, end: usize, rules: &Rules) -> bool {
    at(tokens, k, end).is_some_and(|t| {
        t.is_punct('%')
            || rules
                .forms
                .numbers
                .percent_words
                .has_first_word(t.key.as_str())
            || rules.clock_words.contains(t.key.as_str())
            || rules.units.contains_key(t.key.as_str())
    })
}

/// Whether a tally cue stands within reach before token `i`.
fn cue_before(tokens: &[Token], i: usize, clause_start: usize, rules: &Rules) -> bool {
    let words = &rules.forms.tallies;
    tokens[i.saturating_sub(words.cue_reach).max(clause_start)..i]
        .iter()
        .any(|t| words.cues.contains(t.key.as_str()))
}

/// A counted noun at `k` ("votes"), singular.
fn unit_at(tokens: &[Token], k: usize, end: usize, rules: &Rules) -> Option<String> {
    let token = at(tokens, k, end).filter(|t| t.is_word() && !t.capitalized)?;
    let singular = rules.forms.singular(&token.key);
    rules
        .forms
        .tallies
        .units
        .contains(&singular)
        .then_some(singular)
}

/// The counted noun after the whole of a part ("valid votes"): a known unit within a
/// few lower-case words; with its token.
fn counted_noun(
    tokens: &[Token],
    from: usize,
    end: usize,
    rules: &Rules,
) -> Option<(String, usize)> {
    const REACH: usize = 3;
    (from..(from + REACH).min(end))
        .take_while(|&k| tokens[k].is_word() && !tokens[k].capitalized)
        .find_map(|k| unit_at(tokens, k, end, rules).map(|unit| (unit, k)))
}
