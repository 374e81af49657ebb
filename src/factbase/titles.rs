//! Office titles as drafts write them, with their common variants: "assistant
//! secretary of Near Eastern Affairs" is "Assistant Secretary of State for Near
//! Eastern Affairs", "the head of Iran's elite Quds Force" is "head of Iran's Quds
//! Force". A title matches an office when nearly all the content words of one of
//! the office's names are in it, and it adds few of its own.

use super::{Entity, EntityIdx, EntityKind};
use crate::segment::{TokenKind, tokenize_str};
use rustc_hash::{FxHashMap, FxHashSet};

/// Words that carry no meaning in a title.
const FILLER: &[&str] = &[
    "of", "the", "for", "and", "a", "an", "to", "in", "on", "at", "'s",
];

/// The content words of a title, lower case, in order.
pub fn content_words<'a>(words: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    words
        .into_iter()
        .filter(|w| !FILLER.contains(w))
        .map(str::to_string)
        .collect()
}

#[derive(Debug, Default)]
pub struct TitleIndex {
    /// Every name of every office, as its set of content words.
    names: Vec<(EntityIdx, FxHashSet<String>)>,
    /// Content word → the names containing it.
    by_word: FxHashMap<String, Vec<usize>>,
}

/// An office a title names, and how completely (1.0: every word accounted for).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TitleMatch {
    pub office: EntityIdx,
    pub score: f64,
}

impl TitleIndex {
    pub fn new(entities: &[Entity]) -> Self {
        let mut index = TitleIndex::default();
        for (idx, entity) in entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityKind::Office)
        {
            for name in std::iter::once(&entity.name).chain(&entity.aliases) {
                let tokens = tokenize_str(name);
                let words: FxHashSet<String> = content_words(
                    tokens
                        .iter()
                        .filter(|t| t.kind != TokenKind::Punct)
                        .map(|t| t.key.as_str()),
                )
                .into_iter()
                .collect();
                if words.is_empty() {
                    continue;
                }
                for word in &words {
                    index
                        .by_word
                        .entry(word.clone())
                        .or_default()
                        .push(index.names.len());
                }
                index.names.push((idx, words));
            }
        }
        index
    }

    /// Whether one of the office's names has every one of `words` (content words).
    pub fn office_has(&self, office: EntityIdx, words: &[String]) -> bool {
        !words.is_empty()
            && self
                .names
                .iter()
                .filter(|(idx, _)| *idx == office)
                .any(|(_, name)| words.iter().all(|w| name.contains(w)))
    }

    /// The office whose name best fits `words` (content words of a title), if one
    /// fits well: they share at least two words and three quarters of the larger.
    pub fn best(&self, words: &[String]) -> Option<TitleMatch> {
        let title: FxHashSet<&str> = words.iter().map(String::as_str).collect();
        let mut candidates: Vec<usize> = words
            .iter()
            .filter_map(|w| self.by_word.get(w))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .filter_map(|n| {
                let (office, name) = &self.names[n];
                let shared = name.iter().filter(|w| title.contains(w.as_str())).count();
                let larger = name.len().max(title.len());
                let score = shared as f64 / larger as f64;
                // A one-word name ("President") must be the whole title.
                let enough = if name.len() == 1 {
                    title.len() == 1 && shared == 1
                } else {
                    shared >= 2 && score >= 0.75
                };
                enough.then_some(TitleMatch {
                    office: *office,
                    score,
                })
            })
            .max_by(|a, b| a.score.total_cmp(&b.score))
    }
}
