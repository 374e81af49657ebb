//! Fuzzy name look-up at scale: names folded to a transliteration-blind spelling,
//! and an index of their letter trigrams, so a look-up scores only the few names
//! that share the most trigrams with it instead of every name in the base.

use std::collections::HashMap;

/// A name key (lower-case words joined by spaces) folded so that common ways of
/// writing one Arabic or Persian name in Latin letters come out the same:
/// "al-" dropped, accents stripped, dh/th/kh/gh/ph and q, c, y mapped to one
/// letter, every run of vowels one `a`, doubled letters single. "kadhimi" and
/// "kazemi" both fold to "kazama"; "qassem" and "qasem" to "kasam".
pub fn fold(key: &str) -> String {
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let mut folded = String::with_capacity(key.len());
    for (i, word) in words.iter().enumerate() {
        let is_article = matches!(*word, "al" | "el" | "ul");
        if is_article && i + 1 < words.len() {
            continue;
        }
        let word = ["al-", "el-", "al'", "el'", "ul-"]
            .iter()
            .find_map(|prefix| word.strip_prefix(prefix))
            .filter(|rest| !rest.is_empty())
            .unwrap_or(word);
        if !folded.is_empty() {
            folded.push(' ');
        }
        fold_word(word, &mut folded);
    }
    folded
}

fn fold_word(word: &str, out: &mut String) {
    let letters: Vec<char> = word
        .chars()
        .map(strip_accent)
        .filter(|c| c.is_alphanumeric())
        .collect();
    let mut mapped: Vec<char> = Vec::with_capacity(letters.len());
    let mut i = 0;
    while i < letters.len() {
        let c = letters[i];
        let next = letters.get(i + 1).copied();
        let (letter, width) = match (c, next) {
            ('d', Some('h')) | ('d', Some('z')) => ('z', 2),
            ('t', Some('h')) => ('t', 2),
            ('k', Some('h')) | ('c', Some('k')) => ('k', 2),
            ('g', Some('h')) => ('g', 2),
            ('p', Some('h')) => ('f', 2),
            ('q', _) => ('k', 1),
            ('c', next) if next != Some('h') => ('k', 1),
            ('y', _) => ('i', 1),
            _ => (c, 1),
        };
        let letter = if is_vowel(letter) { 'a' } else { letter };
        // Runs of vowels and doubled letters count once.
        if mapped.last() != Some(&letter) {
            mapped.push(letter);
        }
        i += width;
    }
    out.extend(mapped);
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The plain letter of a Latin letter with an accent, as transliterations use them.
fn strip_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ā' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'ē' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'ō' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
        'ḥ' => 'h',
        'ṣ' | 'š' => 's',
        'ṭ' => 't',
        'ḍ' | 'ẓ' | 'ž' => 'z',
        'ç' | 'č' => 'c',
        'ñ' => 'n',
        other => other,
    }
}

/// Names by the trigrams of their folded spelling (with a boundary mark at each
/// end, so short names have trigrams too).
#[derive(Debug, Default)]
pub struct TrigramIndex {
    postings: HashMap<[char; 3], Vec<u32>>,
    len: usize,
}

impl TrigramIndex {
    /// Adds the name numbered `name` (numbers given in increasing order).
    pub fn insert(&mut self, name: u32, folded: &str) {
        let mut grams = trigrams(folded);
        grams.sort_unstable();
        grams.dedup();
        for gram in grams {
            self.postings.entry(gram).or_default().push(name);
        }
        self.len += 1;
    }

    /// Up to `limit` names that share the most trigrams with `folded` (at least a
    /// third of its trigrams), best first, among those `keep` accepts. Trigrams so
    /// common that they would make a look-up scan a large part of the base are
    /// skipped while rarer ones remain.
    pub fn candidates(&self, folded: &str, limit: usize, keep: impl Fn(u32) -> bool) -> Vec<u32> {
        let mut grams = trigrams(folded);
        grams.sort_unstable();
        grams.dedup();
        let mut lists: Vec<&Vec<u32>> = grams.iter().filter_map(|g| self.postings.get(g)).collect();
        lists.sort_by_key(|list| list.len());
        let common = (self.len / 20).max(2000);
        let rare = lists.iter().take_while(|l| l.len() <= common).count();
        // When every trigram is common, the rarest one still narrows the search.
        let used = &lists[..rare.max(lists.len().min(1))];
        let mut shared: HashMap<u32, u32> = HashMap::new();
        for list in used {
            for &name in list.iter() {
                *shared.entry(name).or_default() += 1;
            }
        }
        let needed = (grams.len() as u32)
            .div_ceil(3)
            .min(used.len() as u32)
            .max(1);
        let mut ranked: Vec<(u32, u32)> = shared
            .into_iter()
            .filter(|&(name, count)| count >= needed && keep(name))
            .collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(limit);
        ranked.into_iter().map(|(name, _)| name).collect()
    }
}

fn trigrams(folded: &str) -> Vec<[char; 3]> {
    let padded: Vec<char> = std::iter::once('^')
        .chain(folded.chars())
        .chain(std::iter::once('$'))
        .collect();
    padded.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_fold_alike() {
        assert_eq!(fold("kadhimi"), fold("kazemi"));
        assert_eq!(fold("al-kadhimi"), fold("kadhimi"));
        assert_eq!(fold("qassem soleimani"), fold("qasem suleymani"));
        assert_eq!(fold("mohammed"), fold("muhammad"));
        assert_eq!(fold("al kadhimi"), fold("kadhimi"));
    }

    #[test]
    fn different_names_stay_different() {
        assert_ne!(fold("iran"), fold("iraq"));
        assert_ne!(fold("kazim"), fold("kazemi"));
        assert_ne!(fold("ayad allawi"), fold("mohammed allawi"));
    }

    #[test]
    fn candidates_share_trigrams_and_respect_the_filter() {
        let mut index = TrigramIndex::default();
        for (i, name) in ["kadhimi", "zurfi", "allawi", "kazim"].iter().enumerate() {
            index.insert(i as u32, &fold(name));
        }
        let found = index.candidates(&fold("kazemi"), 10, |_| true);
        assert_eq!(found.first(), Some(&0));
        assert!(!found.contains(&1) && !found.contains(&2));
        assert!(
            index
                .candidates(&fold("kazemi"), 10, |n| n != 0)
                .iter()
                .all(|&n| n != 0)
        );
    }
}
