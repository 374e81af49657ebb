//! Names of entities the fact base knows: the longest exact name or alias at each
//! place, else a fuzzy match over a run of capitalised words ("Qassem Suleymani"
//! finds "Qassem Suleimani").

use super::{Mention, MentionValue};
use crate::factbase::{EntityIdx, Fuzzy, NameIndex};
use crate::rules::Rules;
use crate::segment::{Segmented, Token, TokenKind};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// The most words a fuzzily matched name may have.
const FUZZY_MAX_WORDS: usize = 3;

/// Finds names sentence by sentence, remembering fuzzy look-ups: the same
/// capitalised words come back again and again in a document.
pub struct NameFinder<'a> {
    names: &'a NameIndex,
    rules: &'a Rules,
    /// Each run looked up fuzzily: `None` when no name is close, else the entities
    /// meant (none for an ambiguous name, which still takes its words).
    fuzzy_seen: FxHashMap<String, Option<Vec<(EntityIdx, f64)>>>,
    key: String,
    run_from: Vec<usize>,
}

impl<'a> NameFinder<'a> {
    pub fn new(names: &'a NameIndex, rules: &'a Rules) -> Self {
        NameFinder {
            names,
            rules,
            fuzzy_seen: FxHashMap::default(),
            key: String::new(),
            run_from: Vec::new(),
        }
    }

    /// The names in tokens `range` (a sentence) of `segmented`, added to `out`.
    pub fn find(&mut self, segmented: &Segmented, range: Range<usize>, out: &mut Vec<Mention>) {
        let tokens = &segmented.tokens;
        // How many capitalised words run from each token on: fuzzy matching only
        // looks inside such runs.
        self.run_from.clear();
        self.run_from.resize(range.len() + 1, 0);
        for i in range.clone().rev() {
            if proper_word(&tokens[i], self.rules) {
                self.run_from[i - range.start] = self.run_from[i + 1 - range.start] + 1;
            }
        }
        let mut i = range.start;
        while i < range.end {
            let longest = self.names.max_words().min(range.end - i);
            let matched = self
                .exact_at(tokens, i, longest)
                .or_else(|| self.fuzzy_at(tokens, i, longest, range.start));
            match matched {
                Some((n, entities)) => {
                    let span = segmented.span_of(i..i + n);
                    for (entity, score) in entities {
                        out.push(Mention {
                            span,
                            tokens: i..i + n,
                            value: MentionValue::Entity { entity, score },
                        });
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
    }

    /// The longest exact name at token `i`, tried only at lengths some name has.
    fn exact_at(
        &mut self,
        tokens: &[Token],
        i: usize,
        longest: usize,
    ) -> Option<(usize, Vec<(EntityIdx, f64)>)> {
        let names = self.names;
        names
            .name_lengths(&tokens[i].key)
            .iter()
            .filter(|&&n| n <= longest)
            .find_map(|&n| {
                key_of(&tokens[i..i + n], &mut self.key)?;
                // "a hunt" is not Jeremy Hunt: a name needs a capital unless it is
                // written in lower case in the fact base.
                let capitalised = tokens[i..i + n].iter().any(|t| t.has_capital);
                if !capitalised && !names.may_be_lower_case(&self.key) {
                    return None;
                }
                let entities = names.exact(&self.key);
                // A name several imported entities share means none of them, and
                // no shorter name inside it is meant either.
                (!entities.is_empty() || names.is_ambiguous(&self.key))
                    .then(|| (n, entities.iter().map(|&e| (e, 1.0)).collect()))
            })
    }

    /// The longest run of capitalised words at token `i` that fuzzily names an entity.
    fn fuzzy_at(
        &mut self,
        tokens: &[Token],
        i: usize,
        longest: usize,
        start: usize,
    ) -> Option<(usize, Vec<(EntityIdx, f64)>)> {
        // Misspelt names are people's and places' names, of a few words; longer names
        // (offices, agencies) are matched exactly.
        let run = self.run_from[i - start].min(longest).min(FUZZY_MAX_WORDS);
        let shortest = self.rules.names.fuzzy_min_length;
        (1..=run).rev().find_map(|n| {
            key_of(&tokens[i..i + n], &mut self.key)?;
            // Too short to match fuzzily: ruled out before any look-up.
            if self.key.len() < shortest || self.key.chars().count() < shortest {
                return None;
            }
            if !self.fuzzy_seen.contains_key(&self.key) {
                let found = match self.names.fuzzy(&self.key, n) {
                    Fuzzy::Nothing => None,
                    Fuzzy::Ambiguous => Some(Vec::new()),
                    Fuzzy::Matches(found) => {
                        Some(found.iter().map(|m| (m.entity, m.score)).collect())
                    }
                };
                self.fuzzy_seen.insert(self.key.clone(), found);
            }
            let found = self.fuzzy_seen[&self.key].as_ref()?;
            Some((n, found.clone()))
        })
    }
}

/// Writes the name key of a run of tokens into `key`; `None` if the run starts or
/// ends with punctuation (a name never does).
fn key_of(run: &[Token], key: &mut String) -> Option<()> {
    if run.first()?.kind == TokenKind::Punct || run.last()?.kind == TokenKind::Punct {
        return None;
    }
    key.clear();
    for token in run.iter().filter(|t| t.kind != TokenKind::Punct) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&token.key);
    }
    Some(())
}

/// A capitalised word that is not a calendar word: the only kind fuzzily matched.
fn proper_word(token: &Token, rules: &Rules) -> bool {
    token.kind == TokenKind::Word
        && token.capitalized
        && !rules.months.contains_key(token.key.as_str())
        && !rules.weekdays.contains_key(token.key.as_str())
}
