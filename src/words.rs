//! Look-up tables keyed by lower-case words, for the rules' word lists. Most words of
//! a draft are in none of a list's words, and most lists are short: a check of a
//! word's length, first byte and last byte rules such words out before any hashing,
//! which keeps the many small look-ups of the mention readers cheap. For a long list
//! (the first words of every name), a table of first two bytes and lengths does it.
//! The words themselves are keyed by a packed number where they are short enough
//! (`WordTable`), so a look-up that gets past the sieve hashes no text either.

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

    /// The three tests are combined without a branch between them: whether a
    /// word passes each is as good as a coin toss, which a processor cannot
    /// predict, while most words fail one of them, so the one branch on all
    /// three is predicted well.
    #[inline(always)]
    fn may_hold(&self, word: &str) -> bool {
        let length = (self.lengths >> word.len().min(63)) & 1;
        match (word.as_bytes().first(), word.as_bytes().last()) {
            (Some(&first), Some(&last)) => {
                length & self.first_bytes.bit(first) & self.last_bytes.bit(last) != 0
            }
            _ => length != 0,
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

    /// 1 if the byte is in the set, else 0.
    #[inline]
    fn bit(&self, byte: u8) -> u64 {
        (self.0[usize::from(byte >> 6)] >> (byte & 63)) & 1
    }
}

/// Words as hash keys, each with a value: a word of up to 15 bytes (nearly every
/// word) is packed into one number, which hashes and compares in a few
/// instructions where text needs a call to compare; longer words are kept as text.
#[derive(Debug, Clone)]
pub struct WordTable<V> {
    short: FxHashMap<u128, V>,
    long: FxHashMap<String, V>,
}

impl<V> Default for WordTable<V> {
    fn default() -> Self {
        WordTable {
            short: FxHashMap::default(),
            long: FxHashMap::default(),
        }
    }
}

impl<V> WordTable<V> {
    /// A table with room for `words` short words.
    pub fn with_capacity(words: usize) -> Self {
        WordTable {
            short: FxHashMap::with_capacity_and_hasher(words, Default::default()),
            long: FxHashMap::default(),
        }
    }

    #[inline]
    pub fn get(&self, word: &str) -> Option<&V> {
        match packed(word) {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        }
    }

    /// Gives `word` its value; `true` if it had none.
    pub fn insert(&mut self, word: &str, value: V) -> bool {
        match packed(word) {
            Some(key) => self.short.insert(key, value).is_none(),
            None => self.long.insert(word.to_string(), value).is_none(),
        }
    }

    /// The value of `word`, a default one added if it has none.
    pub fn entry_or_default(&mut self, word: &str) -> &mut V
    where
        V: Default,
    {
        match packed(word) {
            Some(key) => self.short.entry(key).or_default(),
            None => self.long.entry(word.to_string()).or_default(),
        }
    }
}

/// A word of at most 15 bytes as one number: its bytes, and its length in the top
/// byte, so that two words have the same number only if they are the same word.
/// The bytes are read a few at a time, in reads that may overlap.
#[inline]
fn packed(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    let n = bytes.len();
    let at = |from: usize| u32::from_le_bytes(bytes[from..from + 4].try_into().unwrap());
    let wide = |from: usize| u64::from_le_bytes(bytes[from..from + 8].try_into().unwrap());
    let (low, high) = match n {
        0 => (0, 0),
        // The first, middle and last bytes: all of them, for a given length.
        1..=3 => {
            let [first, middle, last] = [0, n / 2, n - 1].map(|i| u64::from(bytes[i]));
            (first | middle << 8 | last << 16, 0)
        }
        // The first four bytes and the last four, moved to their places (the bytes
        // both reads hold are the same bytes, so or-ing them keeps them).
        4..=8 => (u64::from(at(0)) | u64::from(at(n - 4)) << ((n - 4) * 8), 0),
        // The first eight bytes, and the last eight without those the first hold.
        9..=15 => (wide(0), wide(n - 8) >> ((16 - n) * 8)),
        _ => return None,
    };
    Some(u128::from(low) | u128::from(high) << 64 | (n as u128) << 120)
}

/// Words, each with a value, in the order they were added.
#[derive(Debug, Clone)]
pub struct WordMap<V> {
    table: WordTable<V>,
    words: Vec<String>,
    sieve: Sieve,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            table: WordTable::default(),
            words: Vec::new(),
            sieve: Sieve::default(),
        }
    }
}

impl<V> WordMap<V> {
    /// Inlined where it is called: the sieve rules out most words without a call.
    #[inline(always)]
    pub fn get(&self, word: &str) -> Option<&V> {
        if self.sieve.may_hold(word) {
            self.table.get(word)
        } else {
            None
        }
    }

    #[inline(always)]
    pub fn contains_key(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    /// The entry of `word`, added with a default value if it is missing.
    pub fn entry_or_default(&mut self, word: String) -> &mut V
    where
        V: Default,
    {
        if self.table.get(&word).is_none() {
            self.sieve.add(&word);
            self.words.push(word.clone());
        }
        self.table.entry_or_default(&word)
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.words.iter()
    }

    /// The words with their values, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.words
            .iter()
            .filter_map(|word| Some((word, self.table.get(word)?)))
    }
}

impl<V> FromIterator<(String, V)> for WordMap<V> {
    /// The map of `entries`; of two with the same word, the last is kept.
    fn from_iter<I: IntoIterator<Item = (String, V)>>(entries: I) -> Self {
        let mut words = WordMap::default();
        for (word, value) in entries {
            if words.table.insert(&word, value) {
                words.sieve.add(&word);
                words.words.push(word);
            }
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
            filter.add(word);
        }
        filter
    }
}

impl WordFilter {
    /// Lets `word` through from now on.
    pub fn add(&mut self, word: &str) {
        if let Some((at, bit)) = WordFilter::bit_of(word) {
            self.0[at] |= bit;
        }
    }

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
    #[inline(always)]
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
    type IntoIter = std::slice::Iter<'a, String>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.words.iter()
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
        /// Lengths around the reads' widths, and bytes that differ in one bit.
        #[test]
        fn words_are_packed_alike_only_when_they_are_alike(
            a in "[a-c\\x00é]{0,17}",
            b in "[a-c\\x00é]{0,17}",
        ) {
            prop_assert_eq!(packed(&a).is_some(), a.len() <= 15);
            if let (Some(x), Some(y)) = (packed(&a), packed(&b)) {
                prop_assert_eq!(x == y, a == b, "{:?} {:?}", a, b);
            }
        }

        #[test]
        fn a_table_answers_as_a_hash_map_does(
            members in prop::collection::vec("[ab]{0,17}", 0..12),
            probes in prop::collection::vec("[ab]{0,17}", 0..24),
        ) {
            let mut table = WordTable::default();
            let mut plain = rustc_hash::FxHashMap::default();
            for (value, word) in members.iter().enumerate() {
                prop_assert_eq!(table.insert(word, value), plain.insert(word.as_str(), value).is_none());
            }
            for word in members.iter().chain(&probes) {
                prop_assert_eq!(table.get(word), plain.get(word.as_str()));
            }
        }

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
