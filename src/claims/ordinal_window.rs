//! ## What it finds
//! A place in a series of events, often within a window of time: "the third
//! person tapped to lead Iraq in just 10 weeks" (people named to head Iraq's
//! government), "Britain's third prime minister in seven weeks" (holders of an
//! office), "the second time in a month" (a run of like events), "the first woman
//! to lead the ECB" (the holders of the office heading the ECB who are women).
//!
//! ## Why check it
//! Counting is where reporters slip: a predecessor forgotten, a window stretched.
//!
//! The series comes from the wording (`rules/triggers.yaml`): a phrase after the
//! ordinal names a property and is followed by the entity it is about, or names an
//! office, or the organization an office leads; or the ordinal sits inside an
//! office's name, which counts that office's holders. A qualifier right after the
//! ordinal ("woman") counts only the entries of one category.

use super::elapsed::hedge_before;
use super::{Claim, ClaimKind, ClauseContext, Statement};
use crate::factbase::{EntityIdx, EntityKind, FactBase, Property};
use crate::mentions::{Duration, MentionValue};
use crate::rules::{Qualifier, SeriesPhrase, Tolerance};
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
    /// "the first woman to lead the IMF": a place in a series the fact base does
    /// not hold, listed so it is not lost.
    Unknown,
}

impl SeriesRef {
    /// The property and object every fact of the series has, when the wording
    /// gives them.
    pub fn property_and_object(self) -> Option<(Property, EntityIdx)> {
        match self {
            SeriesRef::Facts { property, object } => Some((property, object)),
            SeriesRef::Holders { office } => Some((Property::HeldOffice, office)),
            SeriesRef::Occasions | SeriesRef::Unknown => None,
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
    /// "woman" in "the first woman to": only entries of this category count.
    pub qualifier: Option<Qualifier>,
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
    let tokens = &context.segmented.tokens;
    let end = context.clause.end;
    let mut claims = Vec::new();
    for mention in context.mentions {
        let MentionValue::Ordinal(ordinal) = mention.value else {
            continue;
        };
        let mut after = mention.tokens.end;
        let qualifier =
            context
                .rules
                .ordinal_qualifiers
                .at(tokens, after, end)
                .map(|(qualifier, len)| {
                    after += len;
                    qualifier.clone()
                });
        // "the second time": the ordinal counts occasions of the event itself.
        let occasions = tokens
            .get(after)
            .filter(|t| qualifier.is_none() && after < end && t.is("time"));
        let found = occasions
            .map(|_| (SeriesRef::Occasions, after + 1))
            .or_else(|| series_by_rule(context, base, after))
            .or_else(|| series_by_office(context, base, mention.tokens.start, after));
        let (series, phrase_end) = match found {
            Some(found) => found,
            // "the first woman to ..." states a place in some series even when the
            // fact base holds none.
            None if qualifier.is_some() => (SeriesRef::Unknown, unknown_series_end(context, after)),
            None => continue,
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
        let claim_end = window.map_or(phrase_end, |(_, end)| end);
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
            qualifier,
            window: window.map(|(w, _)| w),
            candidates: candidates
                .into_iter()
                .map(|(_, e, strong)| (e, strong))
                .collect(),
        };
        claims.push(context.claim(
            ClaimKind::OrdinalWindow,
            mention.tokens.start..claim_end,
            Statement::Ordinal(statement),
        ));
    }
    claims
}

/// A rule's phrase shortly after the ordinal ("person tapped to lead", "to lead"),
/// with the token after it.
fn series_phrase(context: &ClauseContext, after: usize) -> Option<(SeriesPhrase, usize)> {
    let tokens = &context.segmented.tokens;
    let end = context.clause.end;
    (after..(after + PHRASE_REACH).min(end)).find_map(|i| {
        context
            .rules
            .ordinal_series
            .at(tokens, i, end)
            .map(|(phrase, len)| (*phrase, i + len))
    })
}

/// "third person tapped to lead Iraq", "first woman to lead the ECB": a rule's
/// phrase shortly after the ordinal, then what it is about.
fn series_by_rule(
    context: &ClauseContext,
    base: &FactBase,
    after: usize,
) -> Option<(SeriesRef, usize)> {
    let (phrase, phrase_end) = series_phrase(context, after)?;
    let entity_at = |kinds: &dyn Fn(EntityKind) -> bool| {
        let start = skip_article(context, phrase_end);
        context.mentions.iter().find_map(|m| match m.value {
            MentionValue::Entity { entity, .. }
                if m.tokens.start == start && kinds(base.entities[entity].kind) =>
            {
                Some((entity, m.tokens.end))
            }
            _ => None,
        })
    };
    match phrase {
        SeriesPhrase::Facts(property) => {
            let (object, object_end) = entity_at(&|kind| kind != EntityKind::Event)?;
            Some((SeriesRef::Facts { property, object }, object_end))
        }
        SeriesPhrase::OfficeHolders => {
            let (office, office_end) = office_named(context, base, phrase_end, None)?;
            Some((SeriesRef::Holders { office }, office_end))
        }
        SeriesPhrase::OfficeLeaders => {
            let (led, led_end) =
                entity_at(&|kind| matches!(kind, EntityKind::Organization | EntityKind::Country))?;
            match base.offices_leading(led) {
                [office] => Some((SeriesRef::Holders { office: *office }, led_end)),
                _ => None,
            }
        }
    }
}

/// "Britain's third prime minister", "the first woman president of the ECB": the
/// words after the ordinal (and its qualifier) name an office, with the
/// possessive before the ordinal if there is one.
fn series_by_office(
    context: &ClauseContext,
    base: &FactBase,
    ordinal_start: usize,
    after: usize,
) -> Option<(SeriesRef, usize)> {
    let tokens = &context.segmented.tokens;
    let owner = ordinal_start
        .checked_sub(1)
        .filter(|&p| p >= context.clause.start && tokens[p].capitalized);
    let (office, end) = office_named(context, base, after, owner)?;
    Some((SeriesRef::Holders { office }, end))
}

/// How many words an office's name may run to in a draft: "president of the
/// European Central Bank".
const OFFICE_WORDS: usize = 7;

/// The office whose name (or alias) the words from `start` spell, longest first,
/// also tried with the `owner` token before them ("Britain's" + "prime minister").
fn office_named(
    context: &ClauseContext,
    base: &FactBase,
    start: usize,
    owner: Option<usize>,
) -> Option<(EntityIdx, usize)> {
    let tokens = &context.segmented.tokens;
    let start = skip_article(context, start);
    let words: Vec<usize> = (start..context.clause.end.min(start + OFFICE_WORDS))
        .take_while(|&i| {
            tokens[i].kind == TokenKind::Word
                && !matches!(tokens[i].key.as_str(), "in" | "to" | "since" | "this")
        })
        .collect();
    for len in (1..=words.len()).rev() {
        let tail: Vec<&str> = words[..len]
            .iter()
            .map(|&i| tokens[i].key.as_str())
            .collect();
        let with_owner = owner.map(|p| format!("{} {}", tokens[p].key, tail.join(" ")));
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
                return Some((office, words[len - 1] + 1));
            }
        }
    }
    None
}

/// Where the wording of a series the fact base lacks ends: "to lead the IMF" after
/// "the first woman", a rule's phrase and the capitalised name after it.
fn unknown_series_end(context: &ClauseContext, after: usize) -> usize {
    let tokens = &context.segmented.tokens;
    let Some((_, phrase_end)) = series_phrase(context, after) else {
        return after;
    };
    let name_start = skip_article(context, phrase_end);
    (name_start..context.clause.end)
        .take_while(|&i| tokens[i].is_word() && tokens[i].capitalized)
        .last()
        .map_or(phrase_end, |last| last + 1)
}

/// The token after a leading "the" at `at`, or `at`.
fn skip_article(context: &ClauseContext, at: usize) -> usize {
    let tokens = &context.segmented.tokens;
    if at + 1 < context.clause.end && tokens[at].is("the") {
        at + 1
    } else {
        at
    }
}
