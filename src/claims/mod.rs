//! The claim stage: mentions combined into typed, checkable statements. Each kind
//! has its own module that finds it; `verify` has the matching module that judges
//! it. Claims need no fact base: what a claim is about is settled when it is checked.
//!
//! Kinds still to come (elapsed time, relative to another event, ordinal within a
//! window, title at a time) slot in as further variants of `ClaimKind` and
//! `Statement`, each with a finder here and a checker in `verify`.

mod event_count;
mod event_date;

use crate::mentions::{DateMention, Mention};
use crate::rules::{Rules, Tolerance};
use crate::segment::Segmented;
use crate::span::Span;
use serde::Serialize;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimKind {
    /// "a January 3 drone strike", "On Monday, rockets landed": the day (or week,
    /// or month) an event happened.
    EventDate,
    /// "the 2015 nuclear deal", "toppled the shah in 1979": the year of an event.
    EventYear,
    /// "three rockets landed": a number attached to an event.
    EventCount,
}

impl ClaimKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::EventDate => "event-date",
            ClaimKind::EventYear => "event-year",
            ClaimKind::EventCount => "event-count",
        }
    }
}

/// What a claim states, with its values resolved.
#[derive(Debug, Clone)]
pub enum Statement {
    Date(DateMention),
    Count {
        value: f64,
        tolerance: Tolerance,
        /// The words after the number, lower case ("katyusha", "rockets").
        unit_words: Vec<String>,
    },
}

#[derive(Debug, Clone)]
pub struct Claim {
    pub kind: ClaimKind,
    pub span: Span,
    /// Tokens of the mention the claim is built on.
    pub tokens: Range<usize>,
    /// The sentence and the clause the claim stands in (token ranges).
    pub sentence: Range<usize>,
    pub clause: Range<usize>,
    pub statement: Statement,
}

/// One clause and the mentions in it: what a finder reads.
pub struct ClauseContext<'a> {
    pub segmented: &'a Segmented,
    pub rules: &'a Rules,
    pub sentence: Range<usize>,
    pub clause: Range<usize>,
    /// Mentions inside the clause, in order.
    pub mentions: &'a [Mention],
}

impl ClauseContext<'_> {
    fn claim(&self, kind: ClaimKind, tokens: Range<usize>, statement: Statement) -> Claim {
        Claim {
            kind,
            span: self.segmented.span_of(tokens.clone()),
            tokens,
            sentence: self.sentence.clone(),
            clause: self.clause.clone(),
            statement,
        }
    }
}

/// Every claim of a document, in the order they appear. `mentions` must be sorted
/// by position, as `mentions::extract` returns them.
pub fn find(segmented: &Segmented, mentions: &[Mention], rules: &Rules) -> Vec<Claim> {
    let mut claims = Vec::new();
    for sentence in &segmented.sentences {
        for clause in &sentence.clauses {
            let first = mentions.partition_point(|m| m.tokens.start < clause.start);
            let last = mentions.partition_point(|m| m.tokens.start < clause.end);
            let context = ClauseContext {
                segmented,
                rules,
                sentence: sentence.tokens.clone(),
                clause: clause.clone(),
                mentions: &mentions[first..last],
            };
            claims.extend(event_date::find(&context));
            claims.extend(event_count::find(&context));
        }
    }
    claims.sort_by_key(|c| (c.span.start, c.span.end));
    claims
}
