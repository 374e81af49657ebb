//! Look-up tables keyed by lower-case words, for the rules' word lists. Most words of
//! a draft are in none of a list's words, and most lists are short: a check of a
//! word's length, first byte and last byte rules such words out before any hashing,
//! which keeps the many small look-ups of the mention readers cheap. For a long list
//! (the first words of every name), a table of first two bytes and lengths does it.

use rustc_hash::FxHashMap;

/// The lengths, first bytes and last bytes of some words: a word with another length,
/// first byte or last byte is none of them.
#[derive(Debug, Clone, Default)]
struct Sieve {
    /// Bit `n` for a word of `n` bytes (63 for 63 or more).
    lengths: u64,
    /// Bit `b` for a word whose first byte is `b`.
    first_bytes: ByteSet,
    /// Bit `b` for a word whose last byte is `b`.
    last_bytes: ByteSet,
}

impl Sieve {
    fn add(&mut self, word: &str) {
        self.lengths |= 1 << word.len().min(63);
        if let (Some(&first), Some(&last)) = (word.as_bytes().first(), word.as_bytes().last()) {
            self.first_bytes.add(first);
            self.last_bytes.add(last);
        }
    }

    #[inline]
    fn may_hold(&self, word: &str) -> bool {
        if self.lengths & (1 << word.len().min(63)) == 0 {
            return false;
        }
        match (word.as_bytes().first(), word.as_bytes().last()) {
            (Some(&first), Some(&last)) => self.first_bytes.has(first) && self.last_bytes.has(last),
            _ => true,
        }
    }
}

/// A set of bytes, one bit each.
#[derive(Debug, Clone, Default)]
struct ByteSet([u64; 4]);

impl ByteSet {
    fn add(&mut self, byte: u8) {
        self.0[usize::from(byte >> 6)] |= 1 << (byte & 63);
    }

    #[inline]
    fn has(&self, byte: u8) -> bool {
        self.0[usize::from(byte >> 6)] & (1 << (byte & 63)) != 0
    }
}

/// Words, each with a value.
#[derive(Debug, Clone)]
pub struct WordMap<V> {
    map: FxHashMap<String, V>,
    sieve: Sieve,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            map: FxHashMap::default(),
            sieve: Sieve::default(),
        }
    }
}

impl<V> WordMap<V> {
    #[inline]
    pub fn get(&self, word: &str) -> Option<&V> {
        if self.sieve.may_hold(word) {
            self.map.get(word)
        } else {
            None
        }
    }

    #[inline]
    pub fn contains_key(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    /// The entry of `word`, added with a default value if it is missing.
    pub fn entry_or_default(&mut self, word: String) -> &mut V
    where
        V: Default,
    {
        self.sieve.add(&word);
        self.map.entry(word).or_default()
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.map.keys()
    }
}

impl<V> FromIterator<(String, V)> for WordMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(entries: I) -> Self {
        let mut words = WordMap::default();
        for (word, value) in entries {
            words.sieve.add(&word);
            words.map.insert(word, value);
        }
        words
    }
}

/// The first two bytes and the length of some words, one bit each, in a table
/// small enough to stay in the processor's nearest cache: most other words are
/// ruled out without hashing them, however many words there are.
#[derive(Debug, Clone)]
pub struct WordFilter(Box<[u32; WORD_FILTER_SLOTS]>);

/// How many slots the first two bytes of a word are spread over: a few thousand
/// words leave most slots empty.
const WORD_FILTER_SLOTS: usize = 1024;

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter(Box::new([0; WORD_FILTER_SLOTS]))
    }
}

impl<'a> FromIterator<&'a String> for WordFilter {
    fn from_iter<I: IntoIterator<Item = &'a String>>(words: I) -> Self {
        let mut filter = WordFilter::default();
        for word in words {
            if let Some((at, bit)) = WordFilter::bit_of(word) {
                filter.0[at] |= bit;
            }
        }
        filter
    }
}

impl WordFilter {
    /// Whether one of the words has this word's first two bytes and length.
    #[inline]
    pub fn may_hold(&self, word: &str) -> bool {
        WordFilter::bit_of(word).is_some_and(|(at, bit)| self.0[at] & bit != 0)
    }

    /// Where a word's bit is: its first two bytes, and its length (the longest
    /// share one).
    #[inline]
    fn bit_of(word: &str) -> Option<(usize, u32)> {
        let (first, second) = match word.as_bytes() {
            [] => return None,
            [first] => (*first, 0),
            [first, second, ..] => (*first, *second),
        };
        let at = (usize::from(first) * 97 + usize::from(second)) % WORD_FILTER_SLOTS;
        Some((at, 1 << word.len().min(31)))
    }
}

/// Words.
#[derive(Debug, Clone, Default)]
pub struct WordSet(WordMap<()>);

impl WordSet {
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.0.contains_key(word)
    }

    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.0.keys()
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(words: I) -> Self {
        WordSet(words.into_iter().map(|word| (word, ())).collect())
    }
}

impl<'a> IntoIterator for &'a WordSet {
    type Item = &'a String;
    type IntoIter = std::collections::hash_map::Keys<'a, String, ()>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.map.keys()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rustc_hash::FxHashSet;

    const LONG: &str = "extraordinarily-long-words-are-kept-too-even-beyond-sixty-three-bytes";

    #[test]
    fn a_set_holds_its_words_and_no_other() {
        let members = ["a", "an", "of", "", LONG];
        let words: WordSet = members.into_iter().map(String::from).collect();
        for word in members {
            assert!(words.contains(word), "{word}");
        }
        let near_misses = [
            "the",
            "and",
            "o",
            "ab",
            "é",
            &LONG.replace("bytes", "bytez"),
        ];
        for word in near_misses {
            assert!(!words.contains(word), "{word}");
        }
    }

    #[test]
    fn a_map_gives_each_word_its_value() {
        let map: WordMap<u32> = [("one".to_string(), 1), ("ten".to_string(), 10)]
            .into_iter()
            .collect();
        assert_eq!(map.get("ten"), Some(&10));
        // "two" is ruled out by its last byte, "tin" only by the look-up.
        assert_eq!(map.get("two"), None);
        assert_eq!(map.get("tin"), None);
    }

    #[test]
    fn a_filter_holds_its_words_and_rules_out_others_of_another_start_or_length() {
        let members = ["joe", "j", "nasa", LONG].map(String::from);
        let filter: WordFilter = members.iter().collect();
        for word in &members {
            assert!(filter.may_hold(word), "{word}");
        }
        for word in ["jo", "joes", "", "nas", "asan"] {
            assert!(!filter.may_hold(word), "{word}");
        }
    }

    proptest! {
        #[test]
        fn a_set_answers_as_a_hash_set_does(
            members in prop::collection::vec("[a-zé-]{0,4}", 0..8),
            probes in prop::collection::vec("[a-zé-]{0,4}", 0..16),
        ) {
            let words: WordSet = members.iter().cloned().collect();
            let plain: FxHashSet<&str> = members.iter().map(String::as_str).collect();
            for word in members.iter().chain(&probes) {
                prop_assert_eq!(words.contains(word), plain.contains(word.as_str()), "{}", word);
            }
        }
    }
}
