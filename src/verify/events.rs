//! Which events of the fact base a sentence talks about: by name ("the Iran
//! nuclear deal"), by cue (all of a cue's words and entities in the sentence), or
//! as a dated fact about an entity the sentence names, in the words the rules give
//! for its property ("named ... Kadhimi as prime minister-designate"). Each match
//! keeps the tokens that named it, so a claim attaches only to events named in its
//! own clause.

use crate::factbase::{Cue, EntityIdx, EntityKind, Fact, FactBase, FactIdx, FactTime, Property};
use crate::mentions::{Mention, MentionValue};
use crate::rules::Rules;
use crate::segment::Token;
use std::collections::BTreeMap;
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct EventMatch {
    /// The event entity; for a fact match, the fact's subject.
    pub event: EntityIdx,
    /// A dated fact about `event` that the sentence states, rather than the event's
    /// own occurrence.
    pub fact: Option<FactIdx>,
    /// Tokens that named the event (cue words, names).
    pub anchors: Vec<usize>,
    /// Whether every name it rests on matched strongly; a weak match never decides.
    pub strong: bool,
}

impl EventMatch {
    /// The fact that dates the match, and when it was: an event's occurrence, or
    /// the stated fact (a term of office from its start).
    pub fn dated<'a>(&self, base: &'a FactBase) -> Option<(&'a Fact, FactTime)> {
        let Some(fact) = self.fact.map(|f| &base.facts[f]) else {
            return base.occurrence(self.event);
        };
        let time = match (fact.property, fact.time?) {
            (Property::HeldOffice, FactTime::Between { start, .. }) => FactTime::At(start),
            (_, time) => time,
        };
        Some((fact, time))
    }

    /// What happened, in words: the event's name, or the fact as a phrase.
    pub fn describe(&self, base: &FactBase) -> String {
        let subject = &base.entities[self.event].name;
        let Some(fact) = self.fact.map(|f| &base.facts[f]) else {
            return subject.clone();
        };
        let object = fact
            .object
            .map(|o| base.entities[o].name.as_str())
            .unwrap_or("");
        match fact.property {
            Property::NamedHeadOfGovernment => {
                format!("{subject}'s naming to head the government of {object}")
            }
            Property::HeldOffice => format!("{subject}'s start as {object}"),
            Property::Founded => format!("{subject}'s founding of {object}"),
            Property::Occurred | Property::Count | Property::PartOf | Property::Gender => {
                subject.clone()
            }
        }
    }

    /// The id reports give for what was matched: the event's or the fact's.
    pub fn id<'a>(&self, base: &'a FactBase) -> &'a str {
        match self.fact {
            Some(fact) => &base.facts[fact].id,
            None => &base.entities[self.event].id,
        }
    }

    pub fn anchored_in(&self, clause: &Range<usize>) -> bool {
        self.anchors.iter().any(|a| clause.contains(a))
    }

    /// Token distance from a range to the nearest anchor.
    pub fn distance(&self, tokens: &Range<usize>) -> usize {
        self.anchors
            .iter()
            .map(|&a| {
                if a < tokens.start {
                    tokens.start - a
                } else {
                    a.saturating_sub(tokens.end)
                }
            })
            .min()
            .unwrap_or(usize::MAX)
    }
}

/// Endings a cue word may take in the draft: "kill" matches "killed", "killing".
const SUFFIXES: &[&str] = &["", "s", "es", "ed", "d", "ing", "'s"];

fn word_matches(token: &Token, word: &str) -> bool {
    token
        .key
        .strip_prefix(word)
        .is_some_and(|rest| SUFFIXES.contains(&rest))
}

/// The forms a token's word may have in a cue: itself, and itself without an ending.
fn stems(key: &str) -> impl Iterator<Item = &str> {
    SUFFIXES
        .iter()
        .filter_map(move |suffix| key.strip_suffix(suffix))
        .filter(|stem| !stem.is_empty())
}

/// Events named in `sentence`, given the entity mentions inside it.
pub fn in_sentence(
    base: &FactBase,
    rules: &Rules,
    tokens: &[Token],
    sentence: Range<usize>,
    entities: &[&Mention],
) -> Vec<EventMatch> {
    let mut found: BTreeMap<(EntityIdx, Option<FactIdx>), EventMatch> = BTreeMap::new();
    let mut add = |event: EntityIdx, fact: Option<FactIdx>, anchors: Vec<usize>, strong: bool| {
        let entry = found.entry((event, fact)).or_insert(EventMatch {
            event,
            fact,
            anchors: Vec::new(),
            strong,
        });
        entry.anchors.extend(anchors);
        entry.strong |= strong;
    };
    let mentioned = |entity: EntityIdx| -> Option<(Vec<usize>, f64)> {
        let hits: Vec<&Mention> = entities
            .iter()
            .copied()
            .filter(|m| matches!(m.value, MentionValue::Entity { entity: e, .. } if e == entity))
            .collect();
        let best = hits.iter().filter_map(|m| match m.value {
            MentionValue::Entity { score, .. } => Some(score),
            _ => None,
        });
        let score = best.fold(None, |acc: Option<f64>, s| {
            Some(acc.map_or(s, |a| a.max(s)))
        })?;
        Some((hits.iter().flat_map(|m| m.tokens.clone()).collect(), score))
    };

    for mention in entities {
        if let MentionValue::Entity { entity, score } = mention.value
            && base.entities[entity].kind == EntityKind::Event
        {
            add(
                entity,
                None,
                mention.tokens.clone().collect(),
                base.names.is_strong(score),
            );
        }
    }

    let mut candidates: Vec<(EntityIdx, usize)> = Vec::new();
    for token in &tokens[sentence.clone()] {
        for stem in stems(&token.key) {
            candidates.extend_from_slice(base.cues.by_word(stem));
        }
    }
    for mention in entities {
        if let MentionValue::Entity { entity, .. } = mention.value {
            candidates.extend_from_slice(base.cues.by_entity(entity));
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    // Events that take part in another matched event ("withdrew from the nuclear
    // deal" is about the withdrawal, not the deal) are not what the clause dates.
    let mut participants: Vec<EntityIdx> = Vec::new();
    for (event, cue_idx) in candidates {
        let cue = &base.entities[event].cues[cue_idx];
        if let Some((anchors, strong)) = match_cue(base, cue, tokens, sentence.clone(), &mentioned)
        {
            add(event, None, anchors, strong);
            participants.extend(cue.entities.iter().filter(|&&e| e != event));
        }
    }
    for mention in entities {
        let MentionValue::Entity { entity, score } = mention.value else {
            continue;
        };
        if base.entities[entity].kind == EntityKind::Event {
            continue;
        }
        for (idx, fact) in base
            .facts_by_subject
            .get(&entity)
            .into_iter()
            .flatten()
            .map(|&f| (f, &base.facts[f]))
        {
            let Some((_, phrases)) = rules.fact_words.iter().find(|(p, _)| *p == fact.property)
            else {
                continue;
            };
            let anchors: Vec<usize> = phrases
                .iter()
                .flat_map(|phrase| phrase_at(tokens, sentence.clone(), phrase))
                .flatten()
                .collect();
            if fact.time.is_some() && !anchors.is_empty() {
                add(entity, Some(idx), anchors, base.names.is_strong(score));
            }
        }
    }
    found.retain(|(event, fact), _| fact.is_some() || !participants.contains(event));
    found.into_values().collect()
}

/// The tokens of the first place `phrase` occurs in `range`, if it does.
fn phrase_at(tokens: &[Token], range: Range<usize>, phrase: &[String]) -> Option<Range<usize>> {
    let start = range.clone().find(|&i| {
        i + phrase.len() <= range.end
            && phrase
                .iter()
                .zip(&tokens[i..])
                .all(|(word, token)| word_matches(token, word))
    })?;
    Some(start..start + phrase.len())
}

/// The anchor tokens and strength of a cue that matches the sentence, if it does.
fn match_cue(
    base: &FactBase,
    cue: &Cue,
    tokens: &[Token],
    sentence: Range<usize>,
    mentioned: &dyn Fn(EntityIdx) -> Option<(Vec<usize>, f64)>,
) -> Option<(Vec<usize>, bool)> {
    let mut anchors = Vec::new();
    for phrase in &cue.phrases {
        anchors.extend(phrase_at(tokens, sentence.clone(), phrase)?);
    }
    // The cue's words say what happened, so they anchor it; its entities only say
    // who took part, and anchor it only when the cue has no words.
    let anchor_entities = cue.phrases.is_empty();
    let mut strong = true;
    for &entity in &cue.entities {
        let (entity_anchors, score) = mentioned(entity)?;
        if anchor_entities {
            anchors.extend(entity_anchors);
        }
        strong &= base.names.is_strong(score);
    }
    Some((anchors, strong))
}
