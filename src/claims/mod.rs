//! The claim stage: mentions combined into typed, checkable statements. Each kind
//! has its own module that finds it; `verify` has the matching module that judges
//! it. Dates, counts, elapsed times, relative events and quotes are found from the
//! wording alone; titles and ordinals also need the fact base's names of offices
//! and series, and are found only when one is given.

mod elapsed;
mod event_count;
mod event_date;
mod ordinal_window;
mod quote;
mod relative_event;
mod title;

use crate::factbase::{EntityIdx, FactBase};
use crate::mentions::{DateMention, Duration, Mention};

use crate::rules::{Rules, Tolerance};
use crate::segment::Segmented;
use crate::span::Span;
pub use ordinal_window::{OrdinalStatement, SeriesRef, Window};
use serde::Serialize;
use std::ops::Range;
pub use title::{TitleForm, TitleStatement};

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
    /// "nearly two years ago": the time since an event.
    Elapsed,
    /// "about a week after Trump warned": the time between two events.
    RelativeEvent,
    /// "founded the militia after the 2003 invasion": which event came first.
    EventOrder,
    /// "the third person tapped to lead Iraq in just 10 weeks": a place in a series
    /// of events, within a window of time.
    OrdinalWindow,
    /// "Secretary of State Mike Pompeo", "Soleimani, the head of the Quds Force":
    /// an office held at the time the sentence is about.
    Title,
    /// A quotation attributed to a speaker: listed, never guessed.
    Quote,
}

impl ClaimKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::EventDate => "event-date",
            ClaimKind::EventYear => "event-year",
            ClaimKind::EventCount => "event-count",
            ClaimKind::Elapsed => "elapsed",
            ClaimKind::RelativeEvent => "relative-event",
            ClaimKind::EventOrder => "event-order",
            ClaimKind::OrdinalWindow => "ordinal-window",
            ClaimKind::Title => "title",
            ClaimKind::Quote => "quote",
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
    /// "nearly two years ago".
    Elapsed {
        duration: Duration,
        tolerance: Tolerance,
    },
    /// "about a week after <the events of `reference`>" (or before). `own_date` is a
    /// date stated in the claim's own clause, the later (or earlier) end.
    Relative {
        duration: Duration,
        tolerance: Tolerance,
        direction: Direction,
        reference: Range<usize>,
        own_date: Option<DateMention>,
    },
    /// The events of the claim's clause come after (or before) those of `reference`.
    Order {
        direction: Direction,
        reference: Range<usize>,
    },
    Ordinal(ordinal_window::OrdinalStatement),
    Title(title::TitleStatement),
    Quote {
        speaker: Option<EntityIdx>,
    },
}

/// Which way a relative claim points from its own event to the reference event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    After,
    Before,
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
    pub base: Option<&'a FactBase>,
    pub sentence: Range<usize>,
    /// All clauses of the sentence, and which one this is.
    pub clauses: &'a [Range<usize>],
    pub clause_index: usize,
    pub clause: Range<usize>,
    /// Mentions inside the clause, in order.
    pub mentions: &'a [Mention],
    /// Mentions inside the whole sentence, in order.
    pub sentence_mentions: &'a [Mention],
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
/// by position, as `mentions::extract` returns them; `base` (for its names of
/// offices and series) enables titles and ordinals.
pub fn find(
    segmented: &Segmented,
    mentions: &[Mention],
    rules: &Rules,
    base: Option<&FactBase>,
) -> Vec<Claim> {
    let within = |range: &Range<usize>| {
        let first = mentions.partition_point(|m| m.tokens.start < range.start);
        let last = mentions.partition_point(|m| m.tokens.start < range.end);
        &mentions[first..last]
    };
    let mut claims = Vec::new();
    for sentence in &segmented.sentences {
        for (clause_index, clause) in sentence.clauses.iter().enumerate() {
            let context = ClauseContext {
                segmented,
                rules,
                base,
                sentence: sentence.tokens.clone(),
                clauses: &sentence.clauses,
                clause_index,
                clause: clause.clone(),
                mentions: within(clause),
                sentence_mentions: within(&sentence.tokens),
            };
            claims.extend(event_date::find(&context));
            claims.extend(event_count::find(&context));
            claims.extend(elapsed::find(&context));
            claims.extend(relative_event::find(&context));
            claims.extend(ordinal_window::find(&context));
            claims.extend(title::find(&context));
            // Quotes are read over the whole sentence, once.
            if clause_index == 0 {
                claims.extend(quote::find(&context));
            }
        }
    }
    claims.sort_by_key(|c| (c.span.start, c.span.end));
    claims
}
