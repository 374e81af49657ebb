//! Office titles as drafts write them, with their common variants: "assistant
//! secretary of Near Eastern Affairs" is "Assistant Secretary of State for Near
//! Eastern Affairs", "the head of Iran's elite Quds Force" is "head of Iran's Quds
//! Force". A title matches an office when nearly all the content words of one of
//! the office's names are in it, and it adds few of its own.

use super::{Entity, EntityIdx, EntityKind, NameIndex, name_key};
use crate::rules::TitleRules;
use crate::segment::{TokenKind, tokenize_str};
use rustc_hash::{FxHashMap, FxHashSet};

#[derive(Debug, Default)]
pub struct TitleIndex {
    /// Every name of every office, as its set of content words.
    names: Vec<(EntityIdx, FxHashSet<String>)>,
    /// Content word → the names containing it.
    by_word: FxHashMap<String, Vec<usize>>,
}

impl TitleIndex {
    /// Whether some office's name has this content word.
    pub fn knows(&self, word: &str) -> bool {
        self.by_word.contains_key(word)
    }

    /// Whether `words` (content words of a title) fit one of the office's names as
    /// `best` would have them fit.
    pub fn fits(&self, office: EntityIdx, words: &[String]) -> bool {
        let title: FxHashSet<&str> = words.iter().map(String::as_str).collect();
        self.names_of(office)
            .any(|name| Self::enough(name, &title).is_some())
    }

    /// How well a name fits a title's words, when well enough: they share at least
    /// two words and three quarters of the larger; a one-word name must be the whole
    /// title.
    fn enough(name: &FxHashSet<String>, title: &FxHashSet<&str>) -> Option<f64> {
        let shared = name.iter().filter(|w| title.contains(w.as_str())).count();
        let larger = name.len().max(title.len());
        let score = shared as f64 / larger as f64;
        let enough = if name.len() == 1 {
            title.len() == 1 && shared == 1
        } else {
            shared >= 2 && score >= 0.75
        };
        enough.then_some(score)
    }

    /// The content words of each name of an office.
    pub fn names_of(&self, office: EntityIdx) -> impl Iterator<Item = &FxHashSet<String>> {
        self.names
            .iter()
            .filter(move |(idx, _)| *idx == office)
            .map(|(_, words)| words)
    }
}

/// An office a title names, and how completely (1.0: every word accounted for).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TitleMatch {
    pub office: EntityIdx,
    pub score: f64,
}

impl TitleIndex {
    /// The titles of the offices among `entities`, each under the names `names`
    /// gives it: a name a hand-written office has, or several imported offices
    /// share, is no title of an imported office.
    pub fn new(entities: &[Entity], titles: &TitleRules, names: &NameIndex) -> Self {
        let mut index = TitleIndex::default();
        for (idx, entity) in entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityKind::Office)
        {
            let own = std::iter::once(&entity.name)
                .chain(&entity.aliases)
                .filter(|name| names.exact(&name_key(name)).contains(&idx));
            for name in own {
                let tokens = tokenize_str(name);
                let words: FxHashSet<String> = titles
                    .content_words(
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
                Self::enough(name, &title).map(|score| TitleMatch {
                    office: *office,
                    score,
                })
            })
            .max_by(|a, b| a.score.total_cmp(&b.score))
    }
}
