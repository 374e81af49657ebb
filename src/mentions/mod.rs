//! The mention stage: everything in the prose that a claim can be made of. Dates
//! (resolved against the as-of date), numbers, hedges and names of entities the
//! fact base knows. Mentions keep their token range so claims can look around them.

pub mod dates;
mod names;
mod numbers;

use crate::dates::DateRange;
use crate::factbase::{EntityIdx, NameIndex};
use crate::rules::{Rules, Tolerance};
use crate::segment::Segmented;
use crate::span::Span;
use chrono::NaiveDate;
use std::ops::Range;

pub use dates::{DateExpr, Tense};

#[derive(Debug, Clone)]
pub struct Mention {
    pub span: Span,
    pub tokens: Range<usize>,
    pub value: MentionValue,
}

#[derive(Debug, Clone)]
pub enum MentionValue {
    Date(DateMention),
    Number(f64),
    Hedge(Tolerance),
    Entity { entity: EntityIdx, score: f64 },
}

#[derive(Debug, Clone, Copy)]
pub struct DateMention {
    pub expr: DateExpr,
    pub tense: Tense,
    pub range: DateRange,
}

/// A relative date in a draft that has no as-of date to resolve it against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeedsAsOf {
    pub span: Span,
}

/// All mentions of a document, sorted by start. Entity names are read only when a
/// name index is given.
pub fn extract(
    segmented: &Segmented,
    rules: &Rules,
    as_of: Option<NaiveDate>,
    names: Option<&NameIndex>,
) -> Result<Vec<Mention>, NeedsAsOf> {
    let tokens = &segmented.tokens;
    let mut mentions = Vec::new();
    for sentence in &segmented.sentences {
        for clause in &sentence.clauses {
            let mut i = clause.start;
            while i < clause.end {
                if let Some((expr, end)) = dates::read(tokens, i, clause.end, rules) {
                    let span = segmented.span_of(i..end);
                    let tense = dates::tense_before(tokens, clause.start, i, rules);
                    let range = match (expr, as_of) {
                        (DateExpr::Absolute(range), _) => Some(range),
                        (_, Some(as_of)) => dates::resolve(expr, as_of, tense),
                        (_, None) => return Err(NeedsAsOf { span }),
                    };
                    if let Some(range) = range {
                        let value = MentionValue::Date(DateMention { expr, tense, range });
                        mentions.push(Mention {
                            span,
                            tokens: i..end,
                            value,
                        });
                    }
                    i = end;
                } else if let Some((tolerance, end)) =
                    numbers::read_hedge(tokens, i, clause.end, rules)
                {
                    mentions.push(Mention {
                        span: segmented.span_of(i..end),
                        tokens: i..end,
                        value: MentionValue::Hedge(tolerance),
                    });
                    i = end;
                } else if let Some((value, end)) = numbers::read_number(tokens, i, rules) {
                    mentions.push(Mention {
                        span: segmented.span_of(i..end),
                        tokens: i..end,
                        value: MentionValue::Number(value),
                    });
                    i = end;
                } else {
                    i += 1;
                }
            }
        }
        if let Some(names) = names {
            mentions.extend(names::find(
                segmented,
                sentence.tokens.clone(),
                names,
                rules,
            ));
        }
    }
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
    Ok(mentions)
}
