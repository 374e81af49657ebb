//! Look-up structures over the fact base: names and aliases (exact, plus a trigram
//! index of fuzzy candidates so a look-up never scans every name) and event cues
//! by word.

use super::fuzzy::{TrigramIndex, fold};
use super::{Entity, EntityIdx};
use crate::rules::NameMatching;
use crate::segment::{TokenKind, tokenize_str};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};

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

/// Names and aliases of the base's entities: an exact map from name key to
/// entities, and a trigram index over folded spellings for fuzzy look-ups. It is
/// stored in the fact base's cache, as building it is most of a warm load; the
/// thresholds are not, so `rules/names.yaml` can change without a rebuild.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct NameIndex {
    exact: HashMap<String, Vec<EntityIdx>>,
    /// Keys of names written all in lower case ("mini-budget"); any other name must
    /// have a capital in the draft too, so "a hunt" is not Jeremy Hunt.
    lower_case: HashSet<String>,
    /// The first word of every name, with the token counts of the names it starts
    /// (longest first): a draft's words are mostly ruled out with one look-up, and
    /// the rest are tried only at lengths some name has.
    first_words: HashMap<String, Vec<usize>>,
    /// Every distinct (name key, entity) pair, numbered for the trigram index.
    names: Vec<IndexedName>,
    trigrams: TrigramIndex,
    /// Lengths and letter masks of every name and its folded spelling, by (word
    /// count, first letter): a quick test of whether a fuzzy look-up can find
    /// anything, so scanning a draft does not score every capitalised word.
    gate: HashMap<(usize, char, bool), Vec<GateEntry>>,
    max_words: usize,
    #[serde(skip)]
    settings: Option<NameMatching>,
}

/// A name in the fuzzy gate: its length and letter mask, and its number.
#[derive(Debug, Serialize, Deserialize)]
struct GateEntry {
    length: usize,
    mask: u64,
    name: u32,
}

#[derive(Debug, Serialize, Deserialize)]
struct IndexedName {
    key: String,
    folded: String,
    words: usize,
    entity: EntityIdx,
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
            settings: Some(settings.clone()),
            ..NameIndex::default()
        };
        for (idx, entity) in entities.iter().enumerate() {
            for name in std::iter::once(&entity.name).chain(&entity.aliases) {
                let key = name_key(name);
                if key.is_empty() {
                    continue;
                }
                // Punctuation inside a name ("Donald J. Trump") is a token in the draft.
                if !name.chars().any(char::is_uppercase) {
                    index.lower_case.insert(key.clone());
                }
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
                let folded = fold(&key);
                let words = key.split(' ').count();
                let number = index.names.len() as u32;
                for (spelling, is_folded) in [(&key, false), (&folded, true)] {
                    if let Some(first) = spelling.chars().next() {
                        let entry = GateEntry {
                            length: spelling.chars().count(),
                            mask: letter_mask(spelling),
                            name: number,
                        };
                        index
                            .gate
                            .entry((words, first, is_folded))
                            .or_default()
                            .push(entry);
                    }
                }
                index.trigrams.insert(number, &key, &folded);
                index.names.push(IndexedName {
                    words: key.split(' ').count(),
                    key,
                    folded,
                    entity: idx,
                });
            }
        }
        index
    }

    /// Sets the thresholds look-ups use (an index read from the cache has none).
    pub fn set_thresholds(&mut self, settings: &NameMatching) {
        self.settings = Some(settings.clone());
    }

    /// Whether a name with this key is written in lower case somewhere, so a draft
    /// may write it without capitals.
    pub fn may_be_lower_case(&self, key: &str) -> bool {
        self.lower_case.contains(key)
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

    /// The best-scoring names of `words` words similar to `key`, at least a weak
    /// match; all of them when several score the same.
    /// The names of `words` words that a fuzzy look-up of `key` could match: those
    /// starting with the same letter (as written or folded) and within the weak
    /// threshold on length and on the letters used. One edit changes the length by
    /// at most one and the set of letters by at most two, so no match is lost.
    fn gated(&self, key: &str, folded: &str, words: usize, settings: &NameMatching) -> Vec<u32> {
        // A folded spelling scores only a share of its similarity, so it must come
        // closer still to reach the weak threshold.
        let folded_need = (settings.weak_match / settings.transliteration_match).min(1.0);
        let mut found = Vec::new();
        for (spelling, is_folded) in [(key, false), (folded, true)] {
            let Some(first) = spelling.chars().next() else {
                continue;
            };
            let (length, mask) = (spelling.chars().count(), letter_mask(spelling));
            let need = if is_folded {
                folded_need
            } else {
                settings.weak_match
            };
            for entry in self
                .gate
                .get(&(words, first, is_folded))
                .into_iter()
                .flatten()
            {
                // Edits come whole: a fraction of one allows none.
                let edits = ((1.0 - need) * length.max(entry.length) as f64 + 1e-9).floor();
                if length.abs_diff(entry.length) as f64 <= edits
                    && f64::from((mask ^ entry.mask).count_ones()) <= 2.0 * edits
                {
                    found.push(entry.name);
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The best fuzzy matches of `key` among names of `words` words.
    pub fn fuzzy(&self, key: &str, words: usize) -> Vec<NameMatch> {
        let Some(settings) = &self.settings else {
            return Vec::new();
        };
        if key.chars().count() < settings.fuzzy_min_length {
            return Vec::new();
        }
        let folded = fold(key);
        let mut best: Vec<NameMatch> = Vec::new();
        for number in self.gated(key, &folded, words, settings) {
            let name = &self.names[number as usize];
            let found = NameMatch {
                entity: name.entity,
                score: similarity(key, &folded, name, settings),
            };
            if found.score < settings.weak_match {
                continue;
            }
            match best.first().map(|m| m.score) {
                Some(top) if found.score < top => {}
                Some(top) if found.score > top => best = vec![found],
                _ => {
                    if !best.iter().any(|m| m.entity == found.entity) {
                        best.push(found)
                    }
                }
            }
        }
        best
    }

    /// Entities whose names resemble `query` (any number of words), best first,
    /// each once with its best score: what `db find` shows.
    pub fn search(&self, query: &str, limit: usize) -> Vec<NameMatch> {
        let key = name_key(query);
        let mut found: Vec<NameMatch> = self
            .exact(&key)
            .iter()
            .map(|&entity| NameMatch { entity, score: 1.0 })
            .collect();
        for candidate in self.scored(&key, |_| true) {
            match found.iter_mut().find(|m| m.entity == candidate.entity) {
                Some(known) => known.score = known.score.max(candidate.score),
                None => found.push(candidate),
            }
        }
        found.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entity.cmp(&b.entity)));
        found.truncate(limit);
        found
    }

    /// Candidates from the trigram index that `keep` accepts, scored, at least
    /// a weak match.
    fn scored(&self, key: &str, keep: impl Fn(&IndexedName) -> bool) -> Vec<NameMatch> {
        let Some(settings) = &self.settings else {
            return Vec::new();
        };
        if key.chars().count() < settings.fuzzy_min_length {
            return Vec::new();
        }
        let folded = fold(key);
        let candidates = self
            .trigrams
            .candidates(key, &folded, settings.fuzzy_candidates, |n| {
                keep(&self.names[n as usize])
            });
        candidates
            .into_iter()
            .map(|n| &self.names[n as usize])
            .map(|name| NameMatch {
                entity: name.entity,
                score: similarity(key, &folded, name, settings),
            })
            .filter(|m| m.score >= settings.weak_match)
            .collect()
    }

    /// Whether a score is strong enough to decide a verdict.
    pub fn is_strong(&self, score: f64) -> bool {
        self.settings
            .as_ref()
            .is_some_and(|s| score >= s.strong_match)
    }
}

/// How alike a looked-up key and an indexed name are: their spelling similarity,
/// or, when higher, their folded spellings' similarity scaled by the
/// transliteration score (so "Kazemi" finds "Kadhimi", but never as strongly as
/// an exact spelling would).
fn similarity(key: &str, folded: &str, name: &IndexedName, settings: &NameMatching) -> f64 {
    let spelling = normalized_osa(key, &name.key);
    let transliteration = normalized_osa(folded, &name.folded) * settings.transliteration_match;
    spelling.max(transliteration)
}

/// 1 minus the edit distance (insertions, deletions, substitutions and swaps of
/// neighbours) over the longer length: Damerau-Levenshtein as spelling mistakes
/// make it, without the table of letters the unrestricted version needs.
fn normalized_osa(a: &str, b: &str) -> f64 {
    let longer = a.chars().count().max(b.chars().count());
    if longer == 0 {
        return 1.0;
    }
    1.0 - strsim::osa_distance(a, b) as f64 / longer as f64
}

/// The set of letters (a-z) and digits in a spelling, one bit each; any other
/// character sets the last bit.
fn letter_mask(spelling: &str) -> u64 {
    spelling.chars().fold(0, |mask, c| {
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
