//! The mention stage: everything in the prose that a claim can be made of. Dates
//! (resolved against the as-of date), durations, numbers, percentages, ordinals,
//! hedges, and names of entities the fact base knows. Mentions keep their token
//! range so claims can look around them.

mod ages;
pub mod dates;
pub mod durations;
pub mod forms;
mod names;
mod numbers;
mod ordinals;
mod quantity;
mod tallies;

use crate::dates::DateRange;
use crate::factbase::{EntityIdx, NameIndex};
use crate::rules::{Rules, Starts, Tolerance};
use crate::segment::{Segmented, TokenKind};
use crate::span::Span;
use chrono::{NaiveDate, Weekday};
use std::ops::Range;

pub use dates::{DateExpr, Tense};
pub use durations::{Duration, DurationRange};
pub use tallies::{Tally, TallyForm};

#[derive(Debug, Clone)]
pub struct Mention {
    pub span: Span,
    pub tokens: Range<usize>,
    pub value: MentionValue,
}

#[derive(Debug, Clone)]
pub enum MentionValue {
    Date(DateMention),
    Duration(Duration),
    /// A number; `vague` for "dozens" and the like, whose value is the least they mean;
    /// `unit` for a noun joined to it, singular and lower case ("pound" of "a 4-pound
    /// helicopter", "seat" of "the 450-seat chamber").
    Number {
        value: f64,
        vague: bool,
        unit: Option<String>,
    },
    Percent(f64),
    Ordinal(u64),
    Hedge(Tolerance),
    Entity {
        entity: EntityIdx,
        score: f64,
    },
    /// An age in years: "the 38-year-old", "aged 34", "Suga, 71,".
    Age(u32),
    /// Two numbers set against each other: "60-59", "314 of the 462 valid votes".
    Tally(Tally),
    /// A range of amounts: "between 20 and 30", "20-30 people", "20 to 30 percent"
    /// (`unit` "percent").
    NumberRange {
        least: f64,
        most: f64,
        unit: Option<String>,
    },
    /// A duration known only within a range: "three to five years", "several months"
    /// (vague).
    DurationRange(DurationRange),
}

impl MentionValue {
    /// The kind's name in reports: date, duration, number, percent, ordinal, hedge,
    /// entity, age, tally.
    pub fn kind(&self) -> &'static str {
        match self {
            MentionValue::Date(_) => "date",
            MentionValue::Duration(_) => "duration",
            MentionValue::Number { .. } => "number",
            MentionValue::Percent(_) => "percent",
            MentionValue::Ordinal(_) => "ordinal",
            MentionValue::Hedge(_) => "hedge",
            MentionValue::Entity { .. } => "entity",
            MentionValue::Age(_) => "age",
            MentionValue::Tally(_) => "tally",
            MentionValue::NumberRange { .. } => "number",
            MentionValue::DurationRange(_) => "duration",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct DateMention {
    pub expr: DateExpr,
    pub tense: Tense,
    pub range: DateRange,
    /// The span of the date mention this one hangs on ("two days later" counts from
    /// it); `None` for a date read on its own or against the as-of date.
    pub anchor: Option<Span>,
    /// The weekday written with the date ("Tuesday, March 3").
    pub weekday: Option<Weekday>,
    /// Whether that weekday fits no year near the one the date was read in: the
    /// calendar contradicts the draft.
    pub weekday_mismatch: bool,
}

/// The date last mentioned in a paragraph, which anaphoric dates count from.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    range: DateRange,
    span: Span,
}

/// A relative date in a draft that has no as-of date to resolve it against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeedsAsOf {
    pub span: Span,
}

/// All mentions of a document, sorted by position. Entity names are read only when
/// a name index is given.
pub fn extract(
    segmented: &Segmented,
    rules: &Rules,
    as_of: Option<NaiveDate>,
    names: Option<&NameIndex>,
) -> Result<Vec<Mention>, NeedsAsOf> {
    let read = read_all(segmented, rules, as_of)?;
    Ok(match names {
        Some(names) => with_names(read, segmented, rules, names),
        None => read,
    })
}

/// The mentions of a document other than entity names, sorted by position.
pub fn read_all(
    segmented: &Segmented,
    rules: &Rules,
    as_of: Option<NaiveDate>,
) -> Result<Vec<Mention>, NeedsAsOf> {
    let _memo = quantity::Memo::scope(&segmented.tokens);
    let mut mentions = Vec::new();
    // The last date of the paragraph, which "two days later" counts from, with its
    // paragraph.
    let mut anchor: Option<(usize, Anchor)> = None;
    for sentence in &segmented.sentences {
        if anchor.is_some_and(|(block, _)| block != sentence.block) {
            anchor = None;
        }
        for clause in segmented.clauses(sentence) {
            let reader = ClauseReader {
                segmented,
                rules,
                as_of,
                clause: clause.clone(),
                sentence_start: sentence.tokens.start,
            };
            let mut i = clause.start;
            while i < clause.end {
                match reader.read_at(i, anchor.map(|(_, anchor)| anchor), true)? {
                    Step::Mention(value, next) => {
                        let span = segmented.span_of(i..next);
                        if let MentionValue::Date(date) = &value {
                            let range = date.range;
                            anchor = Some((sentence.block, Anchor { range, span }));
                        }
                        mentions.push(Mention {
                            span,
                            tokens: i..next,
                            value,
                        });
                        i = next;
                    }
                    // Skipping the whole construct ("10:30") keeps its parts from
                    // reading as numbers.
                    Step::Skip(next) => i = next,
                    Step::Next => i += 1,
                }
            }
        }
    }
    debug_assert!(mentions.is_sorted_by_key(position));
    Ok(mentions)
}

/// A document's mentions `read` by `read_all`, with the names of entities
/// `names` knows added in their places.
pub fn with_names(
    read: Vec<Mention>,
    segmented: &Segmented,
    rules: &Rules,
    names: &NameIndex,
) -> Vec<Mention> {
    merged(read, find_names(segmented, rules, names))
}

/// The names of entities `names` knows in a document, sorted by position.
fn find_names(segmented: &Segmented, rules: &Rules, names: &NameIndex) -> Vec<Mention> {
    let mut found = Vec::new();
    let mut finder = names::NameFinder::new(names, rules, segmented.tokens.len());
    for sentence in &segmented.sentences {
        finder.find(segmented, sentence.tokens.clone(), &mut found);
    }
    debug_assert!(found.is_sorted_by_key(position));
    found
}

/// Mentions and names, each sorted by position, in one list sorted by position;
/// where a mention and a name have the same span, the mention comes first.
fn merged(read: Vec<Mention>, names: Vec<Mention>) -> Vec<Mention> {
    let mut all = Vec::with_capacity(read.len() + names.len());
    let (mut read, mut names) = (read.into_iter().peekable(), names.into_iter().peekable());
    while let (Some(mention), Some(name)) = (read.peek(), names.peek()) {
        let next = match position(name) < position(mention) {
            true => names.next(),
            false => read.next(),
        };
        all.extend(next);
    }
    all.extend(read);
    all.extend(names);
    all
}

/// Where a mention is, as mentions are sorted: by start, then by end.
fn position(mention: &Mention) -> (usize, usize) {
    (mention.span.start, mention.span.end)
}

/// Reads mentions inside one clause.
struct ClauseReader<'a> {
    segmented: &'a Segmented,
    rules: &'a Rules,
    as_of: Option<NaiveDate>,
    clause: Range<usize>,
    sentence_start: usize,
}

/// What the reader found at a token.
enum Step {
    /// A mention, and one past its last token.
    Mention(MentionValue, usize),
    /// Something that must not read as a mention ("3 a.m."): go on after it.
    Skip(usize),
    Next,
}

impl ClauseReader<'_> {
    /// The mention starting at token `i`, if any, and one past its last token. A
    /// number that is not a quantity ("3 a.m.") reads as no mention.
    /// `hedges`: whether a hedge may start here (not right after another: "about
    /// nearly 5" is read once, and hostile text cannot nest them deeply).
    ///
    /// Inlined where it is called, so the many tokens that start no mention cost a
    /// look-up and no call.
    #[inline(always)]
    fn read_at(&self, i: usize, anchor: Option<Anchor>, hedges: bool) -> Result<Step, NeedsAsOf> {
        let token = &self.segmented.tokens[i];
        let starts = match token.kind {
            TokenKind::Number => Starts::ALL,
            TokenKind::Word if token.hyphenated => {
                match self.rules.mention_starters.joined(&token.key) {
                    Some(starts) => starts,
                    None => return Ok(Step::Next),
                }
            }
            TokenKind::Word => match self.rules.mention_starters.at(&self.segmented.tokens, i) {
                Some(starts) => starts,
                None => return Ok(Step::Next),
            },
            TokenKind::Punct => return Ok(self.negative_number(i)),
        };
        self.read_starting(i, starts, anchor, hedges)
    }

    /// The mention starting at token `i`, which can start the mentions `starts`
    /// names, as `read_at`.
    #[inline(never)]
    fn read_starting(
        &self,
        i: usize,
        starts: Starts,
        anchor: Option<Anchor>,
        hedges: bool,
    ) -> Result<Step, NeedsAsOf> {
        let (tokens, rules, end) = (&self.segmented.tokens, self.rules, self.clause.end);
        if starts.has(Starts::DATE) {
            match self.read_date(i, anchor, starts)? {
                DateRead::Date(date, next) => {
                    return Ok(Step::Mention(MentionValue::Date(date), next));
                }
                DateRead::Unresolved(next) => return Ok(Step::Skip(next)),
                DateRead::NotADate => {}
            }
        }
        if starts.has(Starts::AGE)
            && let Some((age, next)) = ages::read(
                tokens,
                i,
                end,
                self.sentence_start,
                rules,
                starts.has(Starts::QUANTITY),
            )
        {
            return Ok(Step::Mention(MentionValue::Age(age), next));
        }
        if starts.has(Starts::QUANTITY)
            && let Some((tally, next)) = tallies::read(tokens, i, self.clause.clone(), rules)
        {
            return Ok(Step::Mention(MentionValue::Tally(tally), next));
        }
        let amount = starts.has(Starts::QUANTITY);
        if amount
            && starts.has(Starts::DURATION)
            && let Some((range, next)) =
                durations::read_range(tokens, i, self.clause.start, end, rules)
        {
            return Ok(Step::Mention(MentionValue::DurationRange(range), next));
        }
        if starts.has(Starts::DURATION)
            && let Some((duration, next)) = durations::read(tokens, i, end, rules, amount)
        {
            return Ok(Step::Mention(MentionValue::Duration(duration), next));
        }
        if starts.has(Starts::QUANTITY)
            && let Some((least, most, unit, next)) =
                numbers::read_range(tokens, i, self.clause.clone(), rules)
        {
            return Ok(Step::Mention(
                MentionValue::NumberRange { least, most, unit },
                next,
            ));
        }
        if hedges
            && starts.has(Starts::HEDGE)
            && let Some((&tolerance, len)) = rules.hedges.at(tokens, i, end)
            && self.qualifies(i + len, anchor)?
        {
            return Ok(Step::Mention(MentionValue::Hedge(tolerance), i + len));
        }
        if starts.has(Starts::QUANTITY)
            && let Some((percent, next)) = numbers::read_percent(tokens, i, end, rules)
        {
            return Ok(Step::Mention(MentionValue::Percent(percent), next));
        }
        if starts.has(Starts::FRACTION)
            && let Some((value, next)) = numbers::read_fraction(tokens, i, end, rules)
        {
            return Ok(Step::Mention(
                MentionValue::Number {
                    value,
                    vague: false,
                    unit: None,
                },
                next,
            ));
        }
        if starts.has(Starts::VAGUE)
            && let Some((least, next)) = numbers::read_vague(tokens, i, end, rules)
        {
            return Ok(Step::Mention(
                MentionValue::Number {
                    value: least,
                    vague: true,
                    unit: None,
                },
                next,
            ));
        }
        if starts.has(Starts::ORDINAL)
            && let Some((ordinal, next)) = ordinals::read(tokens, i, rules)
        {
            return Ok(Step::Mention(MentionValue::Ordinal(ordinal), next));
        }
        if !starts.has(Starts::QUANTITY) {
            return Ok(Step::Next);
        }
        Ok(
            match numbers::read_number(tokens, i, end, self.sentence_start, rules) {
                Some(numbers::NumberRead::Quantity { value, unit, next }) => Step::Mention(
                    MentionValue::Number {
                        value,
                        vague: false,
                        unit,
                    },
                    next,
                ),
                Some(numbers::NumberRead::NotAQuantity(next)) => Step::Skip(next),
                None => Step::Next,
            },
        )
    }

    /// "-40", "−3.2": a minus sign written against a number, with a space (or
    /// nothing) before it, so "10-12" and "pre-2000" are not negatives.
    fn negative_number(&self, i: usize) -> Step {
        let tokens = &self.segmented.tokens;
        let sign = &tokens[i];
        let Some(number) = tokens.get(i + 1).filter(|_| i + 1 < self.clause.end) else {
            return Step::Next;
        };
        let spaced_before = i == 0 || tokens[i - 1].span().end < sign.span().start;
        let minus = sign.is_punct('-') || sign.is_punct('−');
        if !minus
            || !spaced_before
            || number.kind != TokenKind::Number
            || sign.span().end != number.span().start
        {
            return Step::Next;
        }
        let read = numbers::read_number(
            tokens,
            i + 1,
            self.clause.end,
            self.sentence_start,
            self.rules,
        );
        match read {
            Some(numbers::NumberRead::Quantity { value, unit, next }) => Step::Mention(
                MentionValue::Number {
                    value: -value,
                    vague: false,
                    unit,
                },
                next,
            ),
            _ => Step::Next,
        }
    }

    /// Whether what starts at token `i` is something a hedge qualifies: an amount, a
    /// duration, an ordinal (also after "the"), or a date counted back ("nearly two
    /// years ago"). "Under
    /// a rotation deal" and "over the weekend" hold no hedge.
    fn qualifies(&self, i: usize, anchor: Option<Anchor>) -> Result<bool, NeedsAsOf> {
        if i >= self.clause.end {
            return Ok(false);
        }
        // "only the second time"
        let key = self.segmented.tokens[i].key.as_str();
        if self.rules.definite_articles.contains(key) {
            return Ok(i + 1 < self.clause.end
                && matches!(
                    self.read_at(i + 1, anchor, false)?,
                    Step::Mention(MentionValue::Ordinal(_), _)
                ));
        }
        Ok(match self.read_at(i, anchor, false)? {
            Step::Mention(value, _) => match value {
                MentionValue::Number { .. }
                | MentionValue::Percent(_)
                | MentionValue::Duration(_)
                | MentionValue::Ordinal(_)
                | MentionValue::Age(_)
                | MentionValue::Tally(_)
                | MentionValue::NumberRange { .. }
                | MentionValue::DurationRange(_) => true,
                MentionValue::Date(date) => matches!(date.expr, DateExpr::Shift { .. }),
                MentionValue::Hedge(_) | MentionValue::Entity { .. } => false,
            },
            Step::Skip(_) | Step::Next => false,
        })
    }

    fn read_date(
        &self,
        i: usize,
        anchor: Option<Anchor>,
        starts: Starts,
    ) -> Result<DateRead, NeedsAsOf> {
        let (tokens, rules) = (&self.segmented.tokens, self.rules);
        // Read only once a date is found: most tokens tried start none.
        let tense = || dates::tense_before(tokens, self.sentence_start, i, rules);
        if let Some((weekday, expr, next)) = starts
            .has(Starts::CALENDAR)
            .then(|| {
                dates::read_weekday_date(tokens, i, self.clause.end, self.sentence_start, rules)
            })
            .flatten()
        {
            if self.as_of.is_none() && !matches!(expr, DateExpr::Absolute(_)) {
                return Err(NeedsAsOf {
                    span: self.segmented.span_of(i..next),
                });
            }
            let reach = rules.forms.weekday_year_reach;
            let tense = tense();
            if let Some((range, weekday_mismatch)) =
                dates::resolve_with_weekday(expr, weekday, self.as_of, tense, reach)
            {
                let date = DateMention {
                    expr,
                    tense,
                    range,
                    anchor: None,
                    weekday: Some(weekday),
                    weekday_mismatch,
                };
                return Ok(DateRead::Date(date, next));
            }
        }
        let Some((expr, next)) = dates::read(
            tokens,
            i,
            self.clause.end,
            self.sentence_start,
            rules,
            starts,
        ) else {
            return Ok(DateRead::NotADate);
        };
        // "in three days" is a date when it looks ahead ("the ferry resumes in three
        // days"), but a span of time after an ordinal ("the third leader in seven
        // weeks"), or after a count or in a past-tense clause ("prices fell 3% in two
        // days").
        let tense = tense();
        let clause_start = self.clause.start;
        if matches!(expr, DateExpr::Shift { amount, .. } if amount > 0)
            && (dates::ordinal_before(tokens, clause_start, i, rules)
                || (tense == Tense::Past
                    && dates::counts_or_past_before(tokens, clause_start, i, rules)))
        {
            return Ok(DateRead::NotADate);
        }
        let (range, anchor) = match (expr, anchor, self.as_of) {
            (DateExpr::Absolute(range), _, _) => (Some(range), None),
            (_, None, _) if expr.hangs_on_anchor() && !expr.counts_from_as_of() => {
                return Ok(DateRead::Unresolved(next));
            }
            (_, Some(anchor), _) if expr.hangs_on_anchor() => (
                dates::resolve_from_anchor(expr, anchor.range),
                Some(anchor.span),
            ),
            (_, _, Some(as_of)) => (dates::resolve(expr, as_of, tense), None),
            (_, _, None) => {
                return Err(NeedsAsOf {
                    span: self.segmented.span_of(i..next),
                });
            }
        };
        Ok(match range {
            Some(range) => DateRead::Date(
                DateMention {
                    expr,
                    tense,
                    range,
                    anchor,
                    weekday: None,
                    weekday_mismatch: false,
                },
                next,
            ),
            // "two days later" with nothing to count from: not read, and not read
            // as a duration either.
            None if expr.hangs_on_anchor() => DateRead::Unresolved(next),
            None => DateRead::NotADate,
        })
    }
}

/// What the date reader found at a token.
enum DateRead {
    /// A date, and one past its last token.
    Date(DateMention, usize),
    /// A date's wording without a value to give it: skip to the token given.
    Unresolved(usize),
    NotADate,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Mentions at these (start, length) places, numbered in order by `value`.
    fn placed(places: &[(usize, usize)], entity: bool) -> Vec<Mention> {
        let mut places = places.to_vec();
        places.sort_unstable();
        places
            .iter()
            .enumerate()
            .map(|(n, &(start, length))| Mention {
                span: Span::new(start, start + length),
                tokens: 0..0,
                value: match entity {
                    true => MentionValue::Entity {
                        entity: n,
                        score: 1.0,
                    },
                    false => MentionValue::Ordinal(n as u64),
                },
            })
            .collect()
    }

    fn label(mention: &Mention) -> (usize, usize, String) {
        let value = match &mention.value {
            MentionValue::Entity { entity, .. } => format!("entity {entity}"),
            MentionValue::Ordinal(n) => format!("ordinal {n}"),
            other => format!("{other:?}"),
        };
        (mention.span.start, mention.span.end, value)
    }

    proptest::proptest! {
        /// Merging names into mentions sorts them as a stable sort of the
        /// mentions then the names does: a mention before a name of its span.
        #[test]
        fn names_merge_as_a_stable_sort_would_place_them(
            read in proptest::collection::vec((0usize..50, 1usize..4), 0..12),
            names in proptest::collection::vec((0usize..50, 1usize..4), 0..12),
        ) {
            let (read, names) = (placed(&read, false), placed(&names, true));
            let mut expected: Vec<Mention> = read.iter().chain(&names).cloned().collect();
            expected.sort_by_key(position);
            proptest::prop_assert_eq!(
                merged(read, names).iter().map(label).collect::<Vec<_>>(),
                expected.iter().map(label).collect::<Vec<_>>()
            );
        }
    }
}
