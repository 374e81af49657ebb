//! Look-up structures over the fact base: names and aliases (exact, plus buckets of
//! fuzzy candidates so a look-up never scans every name) and event cues by word.

use super::{Entity, EntityIdx};
use crate::rules::NameMatching;
use crate::segment::{TokenKind, tokenize_str};
use std::collections::HashMap;

/// A name as the tokenizer sees it: token keys joined by single spaces.
pub fn name_key(name: &str) -> String {
    let tokens = tokenize_str(name);
    let words: Vec<&str> = tokens
        .iter()
        .filter(|t| t.kind != TokenKind::Punct || t.key == "&")
        .map(|t| t.key.as_str())
        .collect();
    words.join(" ")
}

#[derive(Debug, Default)]
pub struct NameIndex {
    exact: HashMap<String, Vec<EntityIdx>>,
    /// Names by (word count, first character), the only ones a fuzzy look-up scores.
    buckets: HashMap<(usize, char), Vec<(String, EntityIdx)>>,
    max_words: usize,
    strong: f64,
    weak: f64,
    fuzzy_min_length: usize,
}

/// An entity found under a name, with how well the name matched (1.0 is exact).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NameMatch {
    pub entity: EntityIdx,
    pub score: f64,
}

impl NameIndex {
    pub fn new(entities: &[Entity], settings: &NameMatching) -> Self {
        let mut index = NameIndex {
            strong: settings.strong_match,
            weak: settings.weak_match,
            fuzzy_min_length: settings.fuzzy_min_length,
            ..NameIndex::default()
        };
        for (idx, entity) in entities.iter().enumerate() {
            for name in std::iter::once(&entity.name).chain(&entity.aliases) {
                let key = name_key(name);
                if key.is_empty() {
                    continue;
                }
                let words = key.split(' ').count();
                // Punctuation inside a name ("Donald J. Trump") is a token in the draft.
                index.max_words = index.max_words.max(tokenize_str(name).len());
                let ids = index.exact.entry(key.clone()).or_default();
                if ids.contains(&idx) {
                    continue;
                }
                ids.push(idx);
                if let Some(first) = key.chars().next() {
                    index
                        .buckets
                        .entry((words, first))
                        .or_default()
                        .push((key, idx));
                }
            }
        }
        index
    }

    pub fn max_words(&self) -> usize {
        self.max_words
    }

    pub fn exact(&self, key: &str) -> &[EntityIdx] {
        self.exact.get(key).map_or(&[], Vec::as_slice)
    }

    /// The best-scoring names of `words` words similar to `key`, at least a weak match.
    pub fn fuzzy(&self, key: &str, words: usize) -> Vec<NameMatch> {
        if key.chars().count() < self.fuzzy_min_length {
            return Vec::new();
        }
        let Some(first) = key.chars().next() else {
            return Vec::new();
        };
        let mut best: Vec<NameMatch> = Vec::new();
        for (name, entity) in self.buckets.get(&(words, first)).into_iter().flatten() {
            let score = strsim::normalized_damerau_levenshtein(key, name);
            if score < self.weak {
                continue;
            }
            match best.first().map(|m| m.score) {
                Some(top) if score < top => {}
                Some(top) if score > top => {
                    best = vec![NameMatch {
                        entity: *entity,
                        score,
                    }]
                }
                _ => {
                    if !best.iter().any(|m| m.entity == *entity) {
                        best.push(NameMatch {
                            entity: *entity,
                            score,
                        })
                    }
                }
            }
        }
        best
    }

    /// Whether a score is strong enough to decide a verdict.
    pub fn is_strong(&self, score: f64) -> bool {
        score >= self.strong
    }
}

/// Which event cues may match, keyed by a word of their first phrase or, for cues
/// made only of entities, by their first entity.
#[derive(Debug, Default)]
pub struct CueIndex {
    by_word: HashMap<String, Vec<(EntityIdx, usize)>>,
    by_entity: HashMap<EntityIdx, Vec<(EntityIdx, usize)>>,
}

impl CueIndex {
    pub fn new(entities: &[Entity]) -> Self {
        let mut index = CueIndex::default();
        for (event, entity) in entities.iter().enumerate() {
            for (cue_idx, cue) in entity.cues.iter().enumerate() {
                if let Some(word) = cue.phrases.first().and_then(|p| p.first()) {
                    index
                        .by_word
                        .entry(word.clone())
                        .or_default()
                        .push((event, cue_idx));
                } else if let Some(&first) = cue.entities.first() {
                    index
                        .by_entity
                        .entry(first)
                        .or_default()
                        .push((event, cue_idx));
                }
            }
        }
        index
    }

    pub fn by_word(&self, word: &str) -> &[(EntityIdx, usize)] {
        self.by_word.get(word).map_or(&[], Vec::as_slice)
    }

    pub fn by_entity(&self, entity: EntityIdx) -> &[(EntityIdx, usize)] {
        self.by_entity.get(&entity).map_or(&[], Vec::as_slice)
    }
}
