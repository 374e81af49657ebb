//! Look-up structures over the fact base: names and aliases (exact, plus buckets of
//! fuzzy candidates so a look-up never scans every name) and event cues by word.

use super::{Entity, EntityIdx};
use crate::rules::NameMatching;
use crate::segment::{TokenKind, tokenize_str};
use rustc_hash::FxHashMap as HashMap;

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
    /// The first word of every name, with the token counts of the names it starts
    /// (longest first): most words are ruled out with one look-up, and the rest are
    /// tried only at lengths some name has.
    first_words: HashMap<String, Vec<usize>>,
    /// Names by (word count, first character), the only ones a fuzzy look-up scores.
    /// Each with its letter mask (see `letter_mask`).
    buckets: HashMap<(usize, char), Vec<FuzzyName>>,
    max_words: usize,
    strong: f64,
    weak: f64,
    fuzzy_min_length: usize,
}

/// A name in a fuzzy bucket: its key, its letter mask and its entity.
type FuzzyName = (String, u64, EntityIdx);

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
                let tokens = tokenize_str(name).len();
                index.max_words = index.max_words.max(tokens);
                if let Some(first) = key.split(' ').next() {
                    let lengths = index.first_words.entry(first.to_string()).or_default();
                    if !lengths.contains(&tokens) {
                        lengths.push(tokens);
                        lengths.sort_unstable_by(|a, b| b.cmp(a));
                    }
                }
                let ids = index.exact.entry(key.clone()).or_default();
                if ids.contains(&idx) {
                    continue;
                }
                ids.push(idx);
                if let Some(first) = key.chars().next() {
                    index.buckets.entry((words, first)).or_default().push((
                        key.clone(),
                        letter_mask(&key),
                        idx,
                    ));
                }
            }
        }
        index
    }

    /// The token counts of the names that start with this word, longest first.
    pub fn name_lengths(&self, word: &str) -> &[usize] {
        self.first_words.get(word).map_or(&[], Vec::as_slice)
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
        let length = key.len() as f64;
        let mask = letter_mask(key);
        for (name, name_mask, entity) in self.buckets.get(&(words, first)).into_iter().flatten() {
            // Cheap bounds first: an edit changes the length by at most one and the
            // set of letters by at most two, so names too far off on either cannot
            // reach a weak match.
            let longer = length.max(name.len() as f64);
            let allowed_edits = (1.0 - self.weak) * longer;
            if (length - name.len() as f64).abs() > allowed_edits
                || f64::from((mask ^ name_mask).count_ones()) > 2.0 * allowed_edits
            {
                continue;
            }
            let score = strsim::normalized_levenshtein(key, name);
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

/// The set of letters (a-z, case folded) and digits in a name, one bit each;
/// other characters share the last bit.
fn letter_mask(name: &str) -> u64 {
    name.chars().fold(0, |mask, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            ' ' => return mask,
            _ => 63,
        };
        mask | 1 << bit
    })
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
