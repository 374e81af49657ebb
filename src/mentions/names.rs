//! Names of entities the fact base knows: the longest exact name or alias at each
//! place, else a fuzzy match over a run of capitalised words ("Qassem Suleymani"
//! finds "Qassem Suleimani").

use super::{Mention, MentionValue};
use crate::factbase::{EntityIdx, Fuzzy, NameIndex, WordShapes};
use crate::rules::Rules;
use crate::segment::{Segmented, Token, TokenKind};
use crate::words::WordTable;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// The most words a fuzzily matched name may have.
const FUZZY_MAX_WORDS: usize = 3;

/// Finds names sentence by sentence. Each distinct capitalised word of the text
/// is looked up once (the names it starts, whether it is a calendar word, its
/// shapes), and fuzzy look-ups are remembered by their words: the same
/// capitalised words come back again and again in a document.
pub struct NameFinder<'a> {
    names: &'a NameIndex,
    rules: &'a Rules,
    /// Each distinct capitalised word met → its number in `words`.
    word_numbers: WordTable<u32>,
    words: Vec<Word<'a>>,
    /// The shapes of the words looked up fuzzily, by `Word::shapes`.
    shapes: Vec<WordShapes>,
    /// Each run of words looked up fuzzily, by its words' numbers (see `run_key`):
    /// `None` when no name is close, else where the entities meant are in `found`.
    fuzzy_seen: FxHashMap<u128, Option<u32>>,
    /// The entities fuzzy look-ups found (none for an ambiguous name, which still
    /// takes its words).
    found: Vec<Vec<(EntityIdx, f64)>>,
    /// The sentence's capitalised words by number (`NOT_A_WORD` for the other
    /// tokens), and how many words that may be part of a name matched fuzzily run
    /// from each token on (fuzzy matching only looks inside such runs).
    sentence: Vec<u32>,
    run_from: Vec<usize>,
    /// The sentence's tokens a name may start at, last first (so they are taken
    /// off the end first to last), each with the token counts of the exact names
    /// its word starts. Empty between sentences.
    starts: Vec<(usize, &'a [usize])>,
    key: String,
}

/// Tokens for each distinct capitalised word, fewer than a text usually has
/// (newswire has about 24): room for a text's words is made at once.
const TOKENS_PER_CAPITALISED_WORD: usize = 16;

/// Runs of words looked up fuzzily for each distinct capitalised word, about as
/// many as a text usually has (newswire about two).
const RUNS_PER_WORD: usize = 2;

/// The number of a token that is no capitalised word.
const NOT_A_WORD: u32 = u32::MAX;

/// What finding names needs to know of a capitalised word.
struct Word<'a> {
    /// The token counts of the names it starts, longest first.
    name_lengths: &'a [usize],
    bytes: usize,
    /// A month or weekday name ("May"): no part of a name matched fuzzily.
    calendar: bool,
    /// Where its shapes are in `NameFinder::shapes`, once measured at its first
    /// fuzzy look-up.
    shapes: Option<u32>,
}

impl<'a> NameFinder<'a> {
    /// A finder for a text of `tokens` tokens, which has room for the capitalised
    /// words such a text has.
    pub fn new(names: &'a NameIndex, rules: &'a Rules, tokens: usize) -> Self {
        let words = tokens / TOKENS_PER_CAPITALISED_WORD;
        NameFinder {
            names,
            rules,
            word_numbers: WordTable::with_capacity(words),
            words: Vec::with_capacity(words),
            shapes: Vec::with_capacity(words),
            fuzzy_seen: FxHashMap::with_capacity_and_hasher(
                words * RUNS_PER_WORD,
                Default::default(),
            ),
            found: Vec::new(),
            sentence: Vec::new(),
            run_from: Vec::new(),
            starts: Vec::new(),
            key: String::new(),
        }
    }

    /// The names in tokens `range` (a sentence) of `segmented`, added to `out`.
    pub fn find(&mut self, segmented: &Segmented, range: Range<usize>, out: &mut Vec<Mention>) {
        let tokens = &segmented.tokens[range.clone()];
        // One pass from the end learns each token's word, the runs it starts and
        // whether a name may start at it; the tokens where one may are then tried
        // from the first, each after the last name found.
        self.sentence.clear();
        self.sentence.resize(tokens.len(), NOT_A_WORD);
        self.run_from.clear();
        self.run_from.resize(tokens.len() + 1, 0);
        for (i, token) in tokens.iter().enumerate().rev() {
            let (lengths, fuzzy) = match token.kind {
                TokenKind::Word if token.capitalized => {
                    let (number, calendar) = self.word_number(&token.key);
                    self.sentence[i] = number;
                    if !calendar {
                        self.run_from[i] = self.run_from[i + 1] + 1;
                    }
                    (self.words[number as usize].name_lengths, !calendar)
                }
                // No name starts with punctuation.
                TokenKind::Punct => continue,
                _ => (self.names.name_lengths(&token.key), false),
            };
            if fuzzy || !lengths.is_empty() {
                self.starts.push((i, lengths));
            }
        }
        let mut after_last_name = 0;
        while let Some((i, lengths)) = self.starts.pop() {
            if i < after_last_name {
                continue;
            }
            let longest = self.names.max_words().min(tokens.len() - i);
            let matched = match self.exact_at(tokens, i, lengths, longest) {
                Some(matched) => Some(matched),
                None if self.run_from[i] > 0 => self.fuzzy_at(tokens, i, longest),
                None => None,
            };
            if let Some((n, entities)) = matched {
                let at = range.start + i;
                let span = segmented.span_of(at..at + n);
                for (entity, score) in entities {
                    out.push(Mention {
                        span,
                        tokens: at..at + n,
                        value: MentionValue::Entity { entity, score },
                    });
                }
                after_last_name = i + n;
            }
        }
    }

    /// The number of a capitalised word, given it if it is new, and whether it is a
    /// calendar word.
    fn word_number(&mut self, key: &str) -> (u32, bool) {
        if let Some(&number) = self.word_numbers.get(key) {
            return (number, self.words[number as usize].calendar);
        }
        let number = self.words.len() as u32;
        let calendar = self.rules.months.contains_key(key) || self.rules.weekdays.contains_key(key);
        self.words.push(Word {
            name_lengths: self.names.name_lengths(key),
            bytes: key.len(),
            calendar,
            shapes: None,
        });
        self.word_numbers.insert(key, number);
        (number, calendar)
    }

    /// The longest exact name at token `i` of the sentence, tried only at
    /// `lengths`, those of the names its word starts.
    fn exact_at(
        &mut self,
        tokens: &[Token],
        i: usize,
        lengths: &[usize],
        longest: usize,
    ) -> Option<(usize, Vec<(EntityIdx, f64)>)> {
        let names = self.names;
        lengths.iter().filter(|&&n| n <= longest).find_map(|&n| {
            if !names.may_end_with(&tokens[i + n - 1].key) {
                return None;
            }
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

    /// The longest run of capitalised words at token `i` of the sentence that
    /// fuzzily names an entity.
    fn fuzzy_at(
        &mut self,
        tokens: &[Token],
        i: usize,
        longest: usize,
    ) -> Option<(usize, Vec<(EntityIdx, f64)>)> {
        // Misspelt names are people's and places' names, of a few words; longer names
        // (offices, agencies) are matched exactly.
        let run = self.run_from[i].min(longest).min(FUZZY_MAX_WORDS);
        let shortest = self.rules.names.fuzzy_min_length;
        (1..=run).rev().find_map(|n| {
            let numbers = &self.sentence[i..i + n];
            let bytes: usize = numbers.iter().map(|&w| self.words[w as usize].bytes).sum();
            // Too short to match fuzzily (a character has a byte at least).
            if bytes + n - 1 < shortest {
                return None;
            }
            let mut seen_key = [u32::MAX; FUZZY_MAX_WORDS];
            seen_key[..n].copy_from_slice(numbers);
            let key = run_key(seen_key);
            let at = match self.fuzzy_seen.get(&key) {
                Some(&at) => at,
                None => {
                    let at = self
                        .look_up_fuzzy(&tokens[i..i + n], seen_key)
                        .map(|found| {
                            self.found.push(found);
                            self.found.len() as u32 - 1
                        });
                    self.fuzzy_seen.insert(key, at);
                    at
                }
            };
            Some((n, self.found[at? as usize].clone()))
        })
    }

    /// The entities a run of capitalised words names fuzzily, if any; the run's
    /// words' shapes rule out nearly every run before a look-up is made.
    fn look_up_fuzzy(
        &mut self,
        run: &[Token],
        numbers: [u32; FUZZY_MAX_WORDS],
    ) -> Option<Vec<(EntityIdx, f64)>> {
        let mut at = [0; FUZZY_MAX_WORDS];
        for (at, (number, token)) in at.iter_mut().zip(numbers.iter().zip(run)) {
            let word = &mut self.words[*number as usize];
            *at = *word.shapes.get_or_insert_with(|| {
                let folding = &self.rules.names.folding;
                self.shapes.push(WordShapes::of(&token.key, folding));
                self.shapes.len() as u32 - 1
            });
        }
        let shapes = at.map(|at| &self.shapes[at as usize]);
        if !self.names.may_match(&shapes[..run.len()]) {
            return None;
        }
        key_of(run, &mut self.key)?;
        match self.names.fuzzy(&self.key, run.len()) {
            Fuzzy::Nothing => None,
            Fuzzy::Ambiguous => Some(Vec::new()),
            Fuzzy::Matches(found) => Some(found.iter().map(|m| (m.entity, m.score)).collect()),
        }
    }
}

/// The numbers of a run's words (unused places `u32::MAX`) as one integer, which
/// hashes and compares in a few instructions.
fn run_key(numbers: [u32; FUZZY_MAX_WORDS]) -> u128 {
    numbers
        .iter()
        .fold(0, |key, &number| key << 32 | u128::from(number))
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
