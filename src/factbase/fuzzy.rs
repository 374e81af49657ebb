//! Fuzzy name look-up at scale: an index of the letter trigrams of names and of
//! their folded spellings (see `folding`), so a look-up scores only the few names
//! that share the most trigrams with it instead of every name in the base.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// How many index entries a look-up reads at most (beyond its rarest trigram):
/// this bounds a look-up's time whatever the size of the base.
const POSTINGS_BUDGET: usize = 40_000;

/// Names by the trigrams of their folded spelling (with a boundary mark at each
/// end, so short names have trigrams too).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct TrigramIndex {
    postings: HashMap<[char; 3], Vec<u32>>,
    len: usize,
}

impl TrigramIndex {
    /// Adds the name numbered `name` (numbers given in increasing order) under
    /// the trigrams of its key and of its folded spelling: the first tell
    /// spellings apart, the second bring transliterations together.
    pub fn insert(&mut self, name: u32, key: &str, folded: &str) {
        let grams = trigrams_of(key, folded);
        for gram in grams {
            self.postings.entry(gram).or_default().push(name);
        }
        self.len += 1;
    }

    /// Up to `limit` names that share the most trigrams with `folded` (at least a
    /// third of those looked at), among those `keep` accepts, best first. A shared
    /// trigram counts more the rarer it is (its inverse document frequency), so a
    /// name sharing a distinctive family name outranks one sharing a common given
    /// name. Trigrams are read rarest first within a fixed budget of index entries,
    /// so the commonest ones of a large base are left out.
    pub fn candidates(
        &self,
        key: &str,
        folded: &str,
        limit: usize,
        keep: impl Fn(u32) -> bool,
    ) -> Vec<u32> {
        let grams = trigrams_of(key, folded);
        let mut lists: Vec<&Vec<u32>> = grams.iter().filter_map(|g| self.postings.get(g)).collect();
        lists.sort_by_key(|list| list.len());
        // Rarest first, as many as fit the work budget; the rarest always does.
        let mut work = 0;
        let rare = lists
            .iter()
            .take_while(|list| {
                work += list.len();
                work <= POSTINGS_BUDGET
            })
            .count();
        let used = &lists[..rare.max(lists.len().min(1))];
        let mut shared: HashMap<u32, (u32, f32), BuildHasherDefault<NumberHasher>> =
            HashMap::with_capacity_and_hasher(work.min(POSTINGS_BUDGET), Default::default());
        for list in used {
            let weight = ((self.len as f32 + 1.0) / list.len() as f32).ln();
            for &name in list.iter() {
                let entry = shared.entry(name).or_default();
                entry.0 += 1;
                entry.1 += weight;
            }
        }
        let needed = (used.len() as u32).div_ceil(3).max(1);
        let mut ranked: Vec<(u32, f32)> = shared
            .into_iter()
            .filter(|&(name, (count, _))| count >= needed && keep(name))
            .map(|(name, (_, weight))| (name, weight))
            .collect();
        ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(limit);
        ranked.into_iter().map(|(name, _)| name).collect()
    }
}

/// A hasher for name numbers: one multiplication, where SipHash would be most of
/// a look-up's time. Name numbers are not chosen by an adversary.
#[derive(Default)]
struct NumberHasher(u64);

impl Hasher for NumberHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// The distinct trigrams of a key and its folded spelling.
fn trigrams_of(key: &str, folded: &str) -> Vec<[char; 3]> {
    let mut grams = trigrams(key);
    grams.extend(trigrams(folded));
    grams.sort_unstable();
    grams.dedup();
    grams
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
    use crate::factbase::Folding;

    #[test]
    fn candidates_share_trigrams_and_respect_the_filter() {
        let folding = Folding::bundled();
        let mut index = TrigramIndex::default();
        for (i, name) in ["kadhimi", "zurfi", "allawi", "kazim"].iter().enumerate() {
            index.insert(i as u32, name, &folding.fold(name));
        }
        let found = index.candidates("kazemi", &folding.fold("kazemi"), 10, |_| true);
        assert_eq!(found.first(), Some(&0));
        assert!(!found.contains(&1) && !found.contains(&2));
        let without_first = index.candidates("kazemi", &folding.fold("kazemi"), 10, |n| n != 0);
        assert!(!without_first.is_empty() && !without_first.contains(&0));
    }
}
