//! ## What it finds
//! A place in a series of events, often within a window of time: "the third
//! person tapped to lead Iraq in just 10 weeks" (people named to head Iraq's
//! government), "Britain's third prime minister in seven weeks" (holders of an
//! office), "the second time in a month" (a run of like events).
//!
//! ## Why check it
//! Counting is where reporters slip: a predecessor forgotten, a window stretched.
//!
//! The series comes from the wording: a phrase of `rules/triggers.yaml` after the
//! ordinal names a property and is followed by the entity it is about; or the
//! ordinal sits inside an office's name, which counts that office's holders.

use super::elapsed::hedge_before;
use super::{Claim, ClaimKind, ClauseContext, Statement};
use crate::factbase::{EntityIdx, EntityKind, FactBase, Property};
use crate::mentions::{Duration, MentionValue};
use crate::rules::Tolerance;
use crate::segment::TokenKind;

/// The facts an ordinal counts along.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesRef {
    /// Facts of `property` about `object`, in date order.
    Facts {
        property: Property,
        object: EntityIdx,
    },
    /// The holders of an office, in order of taking it.
    Holders { office: EntityIdx },
    /// "the second time in a month": the run of like events that the event named
    /// in the clause is part of (found when the claim is checked).
    Occasions,
}

impl SeriesRef {
    /// The property and object every fact of the series has, when the wording
    /// gives them.
    pub fn property_and_object(self) -> Option<(Property, EntityIdx)> {
        match self {
            SeriesRef::Facts { property, object } => Some((property, object)),
            SeriesRef::Holders { office } => Some((Property::HeldOffice, office)),
            SeriesRef::Occasions => None,
        }
    }
}

/// The window an ordinal counts within: "in just 10 weeks".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    pub duration: Duration,
    pub tolerance: Tolerance,
}

#[derive(Debug, Clone)]
pub struct OrdinalStatement {
    pub ordinal: u64,
    pub series: SeriesRef,
    pub window: Option<Window>,
    /// People named in the sentence, nearest to the ordinal first: the one with a
    /// fact in the series is the subject.
    pub candidates: Vec<(EntityIdx, bool)>,
}

/// How far after the ordinal a series phrase may start ("third person tapped to").
const PHRASE_REACH: usize = 3;

pub fn find(context: &ClauseContext) -> Vec<Claim> {
    let Some(base) = context.base else {
        return Vec::new();
    };
    let mut claims = Vec::new();
    for mention in context.mentions {
        let MentionValue::Ordinal(ordinal) = mention.value else {
            continue;
        };
        let after = mention.tokens.end;
        // "the second time": the ordinal counts occasions of the event itself.
        let occasions = context
            .segmented
            .tokens
            .get(after)
            .filter(|t| after < context.clause.end && t.is("time"));
        let Some((series, phrase_end)) = occasions
            .map(|_| (SeriesRef::Occasions, after + 1))
            .or_else(|| series_by_rule(context, base, after))
            .or_else(|| series_by_office(context, base, mention.tokens.clone()))
        else {
            continue;
        };
        // "in just 10 weeks": a duration after the phrase, within a few words.
        let window = context.mentions.iter().find_map(|m| match m.value {
            MentionValue::Duration(duration)
                if m.tokens.start >= phrase_end && m.tokens.start <= phrase_end + 3 =>
            {
                let tolerance =
                    hedge_before(context, m.tokens.start).map_or(Tolerance::Exact, |(t, _)| t);
                Some((
                    Window {
                        duration,
                        tolerance,
                    },
                    m.tokens.end,
                ))
            }
            _ => None,
        });
        let end = window.map_or(phrase_end, |(_, end)| end);
        let mut candidates: Vec<(usize, EntityIdx, bool)> = context
            .sentence_mentions
            .iter()
            .filter_map(|m| match m.value {
                MentionValue::Entity { entity, score }
                    if base.entities[entity].kind == EntityKind::Person =>
                {
                    Some((
                        m.tokens.start.abs_diff(mention.tokens.start),
                        entity,
                        base.names.is_strong(score),
                    ))
                }
                _ => None,
            })
            .collect();
        candidates.sort_by_key(|c| c.0);
        let statement = OrdinalStatement {
            ordinal,
            series,
            window: window.map(|(w, _)| w),
            candidates: candidates
                .into_iter()
                .map(|(_, e, strong)| (e, strong))
                .collect(),
        };
        claims.push(context.claim(
            ClaimKind::OrdinalWindow,
            mention.tokens.start..end,
            Statement::Ordinal(statement),
        ));
    }
    claims
}

/// "third person tapped to lead Iraq": a rule's phrase shortly after the ordinal,
/// then the entity it is about.
fn series_by_rule(
    context: &ClauseContext,
    base: &FactBase,
    after: usize,
) -> Option<(SeriesRef, usize)> {
    let tokens = &context.segmented.tokens;
    let end = context.clause.end;
    let (property, phrase_end) = (after..(after + PHRASE_REACH).min(end)).find_map(|i| {
        context
            .rules
            .ordinal_series
            .at(tokens, i, end)
            .map(|(p, len)| (*p, i + len))
    })?;
    let object = context.mentions.iter().find_map(|m| match m.value {
        MentionValue::Entity { entity, .. }
            if m.tokens.start == phrase_end && base.entities[entity].kind != EntityKind::Event =>
        {
            Some((entity, m.tokens.end))
        }
        _ => None,
    })?;
    Some((
        SeriesRef::Facts {
            property,
            object: object.0,
        },
        object.1,
    ))
}

/// "Britain's third prime minister": the words around the ordinal, without it,
/// name an office.
fn series_by_office(
    context: &ClauseContext,
    base: &FactBase,
    ordinal: std::ops::Range<usize>,
) -> Option<(SeriesRef, usize)> {
    let tokens = &context.segmented.tokens;
    let words_after: Vec<usize> = (ordinal.end..context.clause.end.min(ordinal.end + 4))
        .take_while(|&i| {
            tokens[i].kind == TokenKind::Word
                && !matches!(
                    tokens[i].key.as_str(),
                    "in" | "to" | "since" | "this" | "of"
                )
        })
        .collect();
    let before = ordinal
        .start
        .checked_sub(1)
        .filter(|&p| p >= context.clause.start && tokens[p].capitalized);
    // Longest name first, with the possessive before the ordinal if there is one.
    for len in (1..=words_after.len()).rev() {
        let tail: Vec<&str> = words_after[..len]
            .iter()
            .map(|&i| tokens[i].key.as_str())
            .collect();
        let with_owner = before.map(|p| format!("{} {}", tokens[p].key, tail.join(" ")));
        for key in with_owner
            .into_iter()
            .chain(std::iter::once(tail.join(" ")))
        {
            let offices: Vec<EntityIdx> = base
                .names
                .exact(&key)
                .iter()
                .copied()
                .filter(|&e| base.entities[e].kind == EntityKind::Office)
                .collect();
            if let [office] = offices[..] {
                return Some((SeriesRef::Holders { office }, words_after[len - 1] + 1));
            }
        }
    }
    None
}
