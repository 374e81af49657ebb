//! Names folded to a transliteration-blind spelling, so the common ways of writing
//! one Arabic or Persian name in Latin letters come out the same: "kadhimi" and
//! "kazemi" both fold to "kazama", "qassem" and "qasem" to "kasam". What folds to
//! what is language data, read from the `folding` section of `rules/names.yaml`;
//! here is only how it is applied: articles left out, accents stripped, pairs of
//! letters and single letters replaced, each run of vowels one letter, doubled
//! letters single.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The `folding` section of `rules/names.yaml`, as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FoldingRules {
    /// Words left out before another word ("al" in "al Kadhimi").
    articles: Vec<String>,
    /// Prefixes left out at the start of a word ("al-" in "al-Kadhimi").
    article_prefixes: Vec<String>,
    /// A plain letter → the accented letters written as it.
    accents: BTreeMap<char, String>,
    /// Two letters read as one sound → what they are written as.
    pairs: BTreeMap<String, String>,
    /// A letter (not part of a pair) → the letter it is written as.
    letters: BTreeMap<char, char>,
    /// Letters whose runs are written as the first of them.
    vowels: String,
}

/// Folding rules made ready for use: a look-up folds every word it tries, so the
/// letters of plain ASCII words are mapped through tables.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "FoldingRules", into = "FoldingRules")]
pub struct Folding {
    /// The rules as written (its articles and prefixes are read from them), which
    /// it is written back as.
    rules: FoldingRules,
    /// A bit for the first byte of each article and prefix: most words start
    /// with none of them, and are not compared with any.
    article_starts: u128,
    /// Accented letter → plain letter, sorted by the accented letter.
    accents: Vec<(char, char)>,
    /// What each pair of letters a-z is written as (vowels as the first vowel),
    /// by `pair_slot`: every letter of a word is looked up as a pair's first.
    pairs: Box<[Option<Written>; LETTER_PAIRS]>,
    /// What each ASCII character is written as alone, vowels as the first vowel.
    letters: [u8; 128],
    /// A digest of the rules, for caches of folded names.
    digest: u64,
}

/// What a pair of letters is written as: one or two ASCII letters, and how many.
#[derive(Debug, Clone, Copy)]
struct Written([u8; 2], u8);

/// Pairs of letters a-z.
const LETTER_PAIRS: usize = 26 * 26;

/// Where a pair of letters is in `Folding::pairs`, if both are letters a-z.
fn pair_slot(first: char, second: char) -> Option<usize> {
    let letter = |c: char| c.is_ascii_lowercase().then(|| c as usize - 'a' as usize);
    Some(letter(first)? * 26 + letter(second)?)
}

impl TryFrom<FoldingRules> for Folding {
    type Error = String;

    fn try_from(rules: FoldingRules) -> Result<Folding, String> {
        let ascii_letters =
            |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_lowercase());
        let bit = |b: u8| 1u128 << b;
        if let Some(bad) = rules
            .articles
            .iter()
            .chain(&rules.article_prefixes)
            .find(|a| !a.bytes().next().is_some_and(|b| b.is_ascii()))
        {
            return Err(format!(
                "folding: article or prefix {bad:?}: empty or not starting with an ASCII letter"
            ));
        }
        let mut accents = Vec::new();
        for (&plain, accented) in &rules.accents {
            if !plain.is_ascii_lowercase() {
                return Err(format!("folding: accents of {plain:?}: not a letter a-z"));
            }
            accents.extend(accented.chars().map(|c| (c, plain)));
        }
        accents.sort_unstable();
        if !ascii_letters(&rules.vowels) {
            return Err(format!(
                "folding: vowels {:?}: not letters a-z",
                rules.vowels
            ));
        }
        let vowels: u128 = rules.vowels.bytes().fold(0, |set, b| set | bit(b));
        let vowel = rules.vowels.as_bytes()[0];
        let as_vowel = |b: u8| match vowels & bit(b) != 0 {
            true => vowel,
            false => b,
        };
        let mut pairs = Box::new([None; LETTER_PAIRS]);
        for (pair, written) in &rules.pairs {
            let mut letters = pair.chars();
            let (Some(first), Some(second), None) =
                (letters.next(), letters.next(), letters.next())
            else {
                return Err(format!("folding: pair {pair:?}: not two letters a-z"));
            };
            let Some(slot) = pair_slot(first, second) else {
                return Err(format!("folding: pair {pair:?}: not two letters a-z"));
            };
            if !ascii_letters(written) {
                return Err(format!(
                    "folding: pair {pair:?} written {written:?}: not letters a-z"
                ));
            }
            let written = match *written.as_bytes() {
                [one] => Written([as_vowel(one), 0], 1),
                [one, two] => Written([as_vowel(one), as_vowel(two)], 2),
                _ => {
                    return Err(format!(
                        "folding: pair {pair:?} written {written:?}: more than two letters"
                    ));
                }
            };
            pairs[slot] = Some(written);
        }
        let mut letters: [u8; 128] = std::array::from_fn(|b| b as u8);
        for (&letter, &written) in &rules.letters {
            if !letter.is_ascii_lowercase() || !written.is_ascii_lowercase() {
                return Err(format!(
                    "folding: letter {letter:?} written {written:?}: not letters a-z"
                ));
            }
            letters[letter as usize] = written as u8;
        }
        letters = letters.map(as_vowel);
        let article_starts = (rules.articles.iter().chain(&rules.article_prefixes))
            .filter_map(|article| article.bytes().next())
            .fold(0, |set, b| set | bit(b));
        let written = serde_json::to_vec(&rules).map_err(|e| e.to_string())?;
        Ok(Folding {
            rules,
            article_starts,
            accents,
            pairs,
            letters,
            digest: xxhash_rust::xxh3::xxh3_64(&written),
        })
    }
}

impl From<Folding> for FoldingRules {
    fn from(folding: Folding) -> FoldingRules {
        folding.rules
    }
}

impl Folding {
    /// A name key (lower-case words joined by spaces) folded.
    pub fn fold(&self, key: &str) -> String {
        let mut folded = String::with_capacity(key.len());
        let words: Vec<&str> = key.split(' ').collect();
        for (i, word) in words.iter().enumerate() {
            let letters = self.folded_letters(word, i + 1 == words.len());
            // A word with no letter to fold leaves no trace.
            if letters.is_empty() {
                continue;
            }
            if !folded.is_empty() {
                folded.push(' ');
            }
            folded.push_str(&letters);
        }
        folded
    }

    /// One word of a key folded, empty for an article left out; `last` says
    /// whether it ends the key.
    pub fn folded_letters(&self, word: &str, last: bool) -> String {
        let mut letters = String::new();
        if let Some(word) = self.folded_word(word, last) {
            self.fold_word(word, |c| letters.push(c));
        }
        letters
    }

    /// What of a key's word is folded: nothing of an article before another
    /// word, a word without its article prefix, or the word itself.
    pub fn folded_word<'w>(&self, word: &'w str, last: bool) -> Option<&'w str> {
        let first = *word.as_bytes().first()?;
        if first >= 128 || self.article_starts & (1 << first) == 0 {
            return Some(word);
        }
        let is_article = self.rules.articles.iter().any(|article| article == word);
        if is_article && !last {
            return None;
        }
        let stripped = self
            .rules
            .article_prefixes
            .iter()
            .find_map(|prefix| word.strip_prefix(prefix.as_str()))
            .filter(|rest| !rest.is_empty())
            .unwrap_or(word);
        Some(stripped)
    }

    /// Folds one word, passing each folded letter to `emit` (a plain word is folded
    /// without allocating).
    pub fn fold_word(&self, word: &str, emit: impl FnMut(char)) {
        if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
            self.fold_letters(word.as_bytes(), emit);
        } else {
            let letters: Vec<char> = word
                .chars()
                .map(|c| self.plain(c))
                .filter(|c| c.is_alphanumeric())
                .collect();
            self.fold_letters(&letters, emit);
        }
    }

    /// A digest of the rules: folded names made under other rules are not these.
    pub fn digest(&self) -> u64 {
        self.digest
    }

    /// The plain letter of an accented one.
    fn plain(&self, c: char) -> char {
        match self
            .accents
            .binary_search_by_key(&c, |&(accented, _)| accented)
        {
            Ok(at) => self.accents[at].1,
            Err(_) => c,
        }
    }

    /// Folds a word's letters (accents stripped, nothing but letters and digits).
    fn fold_letters<T: Copy + Into<char>>(&self, letters: &[T], mut emit: impl FnMut(char)) {
        let mut last = None;
        let mut put = |letter: char| {
            // Runs of vowels and doubled letters count once.
            if last != Some(letter) {
                emit(letter);
                last = Some(letter);
            }
        };
        let mut i = 0;
        while let Some(&c) = letters.get(i) {
            let c: char = c.into();
            if let Some(Written(written, length)) =
                self.pair_at(c, letters.get(i + 1).map(|&n| n.into()))
            {
                written[..usize::from(length)]
                    .iter()
                    .for_each(|&b| put(char::from(b)));
                i += 2;
                continue;
            }
            put(match c.is_ascii() {
                true => char::from(self.letters[c as usize]),
                false => c,
            });
            i += 1;
        }
    }

    /// What the pair of letters `first`, `second` is written as, if it is a pair.
    fn pair_at(&self, first: char, second: Option<char>) -> Option<Written> {
        self.pairs[pair_slot(first, second?)?]
    }

    /// The folding of the bundled rules, read once, for tests.
    #[cfg(test)]
    pub fn bundled() -> &'static Folding {
        static BUNDLED: std::sync::OnceLock<Folding> = std::sync::OnceLock::new();
        BUNDLED.get_or_init(|| crate::rules::Rules::bundled().unwrap().names.folding)
    }
}

#[cfg(test)]
mod tests {
    use super::Folding;

    fn fold(key: &str) -> String {
        Folding::bundled().fold(key)
    }

    #[test]
    fn transliterations_fold_alike() {
        assert_eq!(fold("kadhimi"), fold("kazemi"));
        assert_eq!(fold("al-kadhimi"), fold("kadhimi"));
        assert_eq!(fold("qassem soleimani"), fold("qasem suleymani"));
        assert_eq!(fold("mohammed"), fold("muhammad"));
        assert_eq!(fold("al kadhimi"), fold("kadhimi"));
        assert_eq!(fold("hosseini"), fold("ḥosseini"));
    }

    #[test]
    fn different_names_stay_different() {
        assert_ne!(fold("iran"), fold("iraq"));
        assert_ne!(fold("kazim"), fold("kazemi"));
        assert_ne!(fold("ayad allawi"), fold("mohammed allawi"));
    }

    #[test]
    fn pairs_come_before_single_letters() {
        // "ck" is one k; a c before h is kept; any other c is a k.
        assert_eq!(fold("mack"), "mak");
        assert_eq!(fold("chalabi"), "chalaba");
        assert_eq!(fold("cadi"), "kada");
        assert_eq!(fold("al"), "al");
    }

    #[test]
    fn bad_rules_are_refused_with_the_reason() {
        let rules = |pairs: &str| {
            format!(
                "articles: [al]\narticle-prefixes: [al-]\naccents: {{}}\npairs: {{{pairs}}}\nletters: {{}}\nvowels: aeiou\n"
            )
        };
        let parse = |text: &str| {
            crate::yaml::parse::<super::Folding>(std::path::Path::new("names.yaml"), text, 0)
        };
        assert!(parse(&rules("dh: z")).is_ok());
        let error = parse(&rules("dhx: z")).unwrap_err().to_string();
        assert!(error.contains("not two letters"), "{error}");
    }
}
