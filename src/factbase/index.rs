//! Look-up structures over the fact base: names and aliases (exact, plus a trigram
//! index of fuzzy candidates so a look-up never scans every name) and event cues
//! by word.

use super::folding::Folding;
use super::fuzzy::TrigramIndex;
use super::shape::{EditBudget, KeyShapes, Shape, WordShapes, most_edits};
use super::{Entity, EntityIdx};
use crate::rules::NameMatching;
use crate::segment::{TokenKind, tokenize_str};
use crate::words::WordFilter;
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
///
/// A name written for a hand-written entity is that entity's alone, whatever
/// imported entities share it; a name only imported entities share is ambiguous
/// and names none of them (many people share a name at an import's scale).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct NameIndex {
    /// Name key → the entities drafts mean by it.
    exact: HashMap<String, Vec<EntityIdx>>,
    /// Name key → the imported entities that share it, for names that mean none.
    ambiguous: HashMap<String, Vec<EntityIdx>>,
    /// Keys of names written all in lower case ("mini-budget"); any other name must
    /// have a capital in the draft too, so "a hunt" is not Jeremy Hunt.
    lower_case: HashSet<String>,
    /// The first word of every name, with the token counts of the names it starts
    /// (longest first): a draft's words are mostly ruled out with one look-up, and
    /// the rest are tried only at lengths some name has.
    first_words: HashMap<String, Vec<usize>>,
    /// The last word of every name: a run of a draft's words is looked up only
    /// when its last word may end one.
    last_words: HashSet<String>,
    /// Every distinct (name key, entity) pair, numbered for the trigram index.
    names: Vec<IndexedName>,
    trigrams: TrigramIndex,
    /// Names by word count and first letter, as written (`false`) or folded
    /// (`true`), shortest first: when a look-up's two buckets are small, scanning
    /// their names of lengths within reach beats gathering trigram candidates, as
    /// it does for any base of modest size.
    buckets: HashMap<(usize, char, bool), Bucket>,
    max_words: usize,
    #[serde(skip)]
    settings: Option<NameMatching>,
    /// The edits a spelling and a folded spelling may take, from the thresholds.
    #[serde(skip)]
    reach: Reach,
    /// Rules out most words that are none of `first_words` without hashing them;
    /// made again when the index is read from the cache (see `set_thresholds`).
    #[serde(skip)]
    first_word_filter: WordFilter,
    /// Rules out most words that are none of `last_words`, made alike.
    #[serde(skip)]
    last_word_filter: WordFilter,
}

/// The most names a fuzzy look-up scans directly; larger buckets go through the
/// trigram index.
const BUCKET_SCAN_LIMIT: usize = 256;

/// The names of one word count and first letter, shortest first, stored as their
/// list alone; where each length starts is worked out again when the index is
/// read (see `set_thresholds`).
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(transparent)]
struct Bucket {
    entries: Vec<BucketEntry>,
    /// Where the names of each length start, by length, up to one past the
    /// longest (where the list ends): a look-up finds the names within reach
    /// of its length with two reads.
    #[serde(skip)]
    starts: Vec<u32>,
}

impl Bucket {
    const EMPTY: &'static Bucket = &Bucket {
        entries: Vec::new(),
        starts: Vec::new(),
    };

    /// Works out where each length starts, from its sorted list.
    fn index_lengths(&mut self) {
        let longest = self.entries.last().map_or(0, |e| e.shape.length);
        self.starts = (0..=longest + 1)
            .map(|length| self.entries.partition_point(|e| e.shape.length < length) as u32)
            .collect();
    }

    /// The names whose length is within reach of a spelling of `length`
    /// characters: one edit changes a length by one at most.
    fn within_reach(&self, length: usize, budget: &EditBudget) -> &[BucketEntry] {
        let Some(&end) = self.starts.last() else {
            return &[];
        };
        let start_of = |length: usize| self.starts.get(length).map_or(end, |&at| at) as usize;
        let shortest = length.saturating_sub(budget.most(length));
        let longest = budget.longest_reach(length).saturating_add(1);
        &self.entries[start_of(shortest)..start_of(longest)]
    }
}

/// A name as a bucket lists it: its number with the shape of the spelling the
/// bucket is for (as written, or folded), so a scan rules most names out without
/// reaching into `names`, and reads no more than it compares.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct BucketEntry {
    number: u32,
    shape: Shape,
}

#[derive(Debug, Serialize, Deserialize)]
struct IndexedName {
    key: String,
    folded: String,
    shape: Shape,
    folded_shape: Shape,
    words: usize,
    entity: EntityIdx,
    /// Whether the entity is imported: imported entities' names are told apart by
    /// spelling alone, so a fuzzy tie between one and another entity is ambiguous.
    imported: bool,
    /// Whether the name is one several imported entities share.
    shared: bool,
}

/// What a fuzzy look-up found.
#[derive(Debug, Clone, PartialEq)]
pub enum Fuzzy {
    /// No name close enough.
    Nothing,
    /// The entities of the closest names, all of them when several score the same.
    Matches(Vec<NameMatch>),
    /// The closest name is one several imported entities share, or names of
    /// imported entities tie with others: the spelling names none of them.
    Ambiguous,
}

impl Fuzzy {
    /// The entities found, none when nothing or too many are.
    pub fn matches(&self) -> &[NameMatch] {
        match self {
            Fuzzy::Matches(found) => found,
            Fuzzy::Nothing | Fuzzy::Ambiguous => &[],
        }
    }
}

/// An entity found under a name, with how well the name matched (1.0 is exact).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NameMatch {
    pub entity: EntityIdx,
    pub score: f64,
}

impl NameIndex {
    pub fn new(entities: &[Entity], settings: &NameMatching) -> Self {
        let mut index = NameIndex::default();
        // Name key → the hand-written and the imported entities that have it, keys
        // in the order first met so the index is built alike every time.
        let mut users: HashMap<String, (Vec<EntityIdx>, Vec<EntityIdx>)> = HashMap::default();
        let mut keys: Vec<String> = Vec::new();
        // Categories are named by rules ("the first woman to"), not by drafts.
        let named = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind != super::EntityKind::Category);
        for (idx, entity) in named {
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
                if let Some(last) = key.rsplit(' ').next() {
                    index.last_words.insert(last.to_string());
                }
                let (hand, imported) = users.entry(key.clone()).or_insert_with(|| {
                    keys.push(key);
                    Default::default()
                });
                let list = if entity.imported { imported } else { hand };
                // An entity's names come together, so it is last if listed at all.
                if list.last() != Some(&idx) {
                    list.push(idx);
                }
            }
        }
        for key in keys {
            let Some((hand, imported)) = users.remove(&key) else {
                continue;
            };
            let (owners, shared) = match (hand.is_empty(), imported.len()) {
                (false, _) => (hand, false),
                (true, 1) => (imported, false),
                (true, _) => (imported, true),
            };
            for &entity in &owners {
                let imported = entities[entity].imported;
                index.add_name(&key, entity, imported, shared, &settings.folding);
            }
            if shared {
                index.ambiguous.insert(key, owners);
            } else {
                index.exact.insert(key, owners);
            }
        }
        for bucket in index.buckets.values_mut() {
            bucket
                .entries
                .sort_by_key(|entry| (entry.shape.length, entry.number));
        }
        index.set_thresholds(settings);
        index
    }

    /// Adds one (name key, entity) pair to the fuzzy look-up structures.
    fn add_name(
        &mut self,
        key: &str,
        entity: EntityIdx,
        imported: bool,
        shared: bool,
        folding: &Folding,
    ) {
        let folded = folding.fold(key);
        let number = self.names.len() as u32;
        let words = key.split(' ').count();
        let (shape, folded_shape) = (Shape::of(key), Shape::of(&folded));
        let sides = [(key, shape, false), (folded.as_str(), folded_shape, true)];
        for (spelling, shape, is_folded) in sides {
            if let Some(first) = spelling.chars().next() {
                self.buckets
                    .entry((words, first, is_folded))
                    .or_default()
                    .entries
                    .push(BucketEntry { number, shape });
            }
        }
        self.trigrams.insert(number, key, &folded);
        self.names.push(IndexedName {
            shape,
            folded_shape,
            words,
            key: key.to_string(),
            folded,
            entity,
            imported,
            shared,
        });
    }

    /// Sets the thresholds look-ups use, and makes what is not stored in the cache
    /// (an index read from it has neither).
    pub fn set_thresholds(&mut self, settings: &NameMatching) {
        self.settings = Some(settings.clone());
        self.reach = Reach::new(settings);
        self.first_word_filter = self.first_words.keys().collect();
        for bucket in self.buckets.values_mut() {
            bucket.index_lengths();
        }
        self.last_word_filter = self.last_words.iter().collect();
    }

    /// Whether a name with this key is written in lower case somewhere, so a draft
    /// may write it without capitals.
    pub fn may_be_lower_case(&self, key: &str) -> bool {
        self.lower_case.contains(key)
    }

    /// The token counts of the names that start with this word, longest first.
    /// Inlined where it is called: most words are ruled out by the filter alone.
    #[inline]
    pub fn name_lengths(&self, word: &str) -> &[usize] {
        if !self.first_word_filter.may_hold(word) {
            return &[];
        }
        self.first_words.get(word).map_or(&[], Vec::as_slice)
    }

    /// Whether some name may end with this word: most words are ruled out by the
    /// filter alone (it never rules out a word that ends a name).
    #[inline]
    pub fn may_end_with(&self, word: &str) -> bool {
        self.last_word_filter.may_hold(word)
    }

    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// The entities drafts mean by the name with this key: none for a name that
    /// is no one's, or one several imported entities share (see `is_ambiguous`).
    pub fn exact(&self, key: &str) -> &[EntityIdx] {
        self.exact.get(key).map_or(&[], Vec::as_slice)
    }

    /// Whether the name with this key is one several imported entities share, and
    /// so names none of them.
    pub fn is_ambiguous(&self, key: &str) -> bool {
        self.ambiguous.contains_key(key)
    }

    /// Whether some name may be a fuzzy match for the key made of words of these
    /// shapes: whether a look-up is worth making. Far cheaper than one, and it
    /// rules out nearly every run of capitalised words a draft has.
    pub fn may_match(&self, words: &[&WordShapes]) -> bool {
        let Some(settings) = &self.settings else {
            return false;
        };
        let (raw_first, folded_first) = KeyShapes::first_letters(words);
        let Some((raw, refolded)) = self.buckets_of(words.len(), raw_first, folded_first) else {
            return true;
        };
        let (raw_length, folded_length) = KeyShapes::lengths(words);
        if raw_length < settings.fuzzy_min_length {
            return false;
        }
        // A side's shape is put together only when a name in its bucket has a
        // length within reach, which most buckets have not.
        let close = |bucket: &Bucket, is_folded: bool, length: usize| {
            let budget = self.reach.of(is_folded);
            let entries = bucket.within_reach(length, budget);
            !entries.is_empty() && {
                let shape = KeyShapes::side(words, is_folded);
                entries
                    .iter()
                    .any(|entry| shape.may_reach(&entry.shape, budget))
            }
        };
        close(raw, false, raw_length) || close(refolded, true, folded_length)
    }

    /// The best fuzzy matches of `key` among names of `words` words: at least a weak
    /// match, all of them when several score the same, unless that makes it
    /// ambiguous.
    pub fn fuzzy(&self, key: &str, words: usize) -> Fuzzy {
        let Some(settings) = &self.settings else {
            return Fuzzy::Nothing;
        };
        let shapes = KeyShapes {
            words,
            ..KeyShapes::of(key, &settings.folding)
        };
        if shapes.raw.length < settings.fuzzy_min_length {
            return Fuzzy::Nothing;
        }
        let folded = settings.folding.fold(key);
        let buckets = self.buckets_of(shapes.words, shapes.raw_first, shapes.folded_first);
        let candidates: Vec<u32> = match buckets {
            Some((raw, refolded)) => {
                let mut found: Vec<u32> =
                    close_names(&shapes, raw, refolded, &self.reach).collect();
                found.sort_unstable();
                found.dedup();
                found
            }
            None => {
                let close = |n: u32| {
                    let name = &self.names[n as usize];
                    name.words == shapes.words
                        && reachable(&shapes, &name.shape, &name.folded_shape, &self.reach)
                };
                self.trigrams
                    .candidates(key, &folded, settings.fuzzy_candidates, close)
            }
        };
        // The closest names, each with its entity.
        let mut best: Vec<(NameMatch, &IndexedName)> = Vec::new();
        for number in candidates {
            let name = &self.names[number as usize];
            // Only a score as good as the best so far matters.
            let floor = best.first().map_or(settings.weak_match, |(m, _)| m.score);
            let found = NameMatch {
                entity: name.entity,
                score: similarity(key, &folded, (&name.key, &name.folded), settings, floor),
            };
            if found.score < settings.weak_match || !words_agree(key, name, settings) {
                continue;
            }
            match best.first().map(|(m, _)| m.score) {
                Some(top) if found.score < top => {}
                Some(top) if found.score > top => best = vec![(found, name)],
                _ => {
                    if !best.iter().any(|(m, _)| m.entity == found.entity) {
                        best.push((found, name))
                    }
                }
            }
        }
        let ambiguous = best.iter().any(|(_, name)| name.shared)
            || (best.len() > 1 && best.iter().any(|(_, name)| name.imported));
        if ambiguous {
            Fuzzy::Ambiguous
        } else if best.is_empty() {
            Fuzzy::Nothing
        } else {
            Fuzzy::Matches(best.into_iter().map(|(m, _)| m).collect())
        }
    }

    /// Entities whose names resemble `query` (any number of words), best first,
    /// each once with its best score: what `db find` shows, the imported entities
    /// that share an ambiguous name included.
    pub fn search(&self, query: &str, limit: usize) -> Vec<NameMatch> {
        let key = name_key(query);
        let shared = self.ambiguous.get(&key).map_or(&[][..], Vec::as_slice);
        let mut found: Vec<NameMatch> = self
            .exact(&key)
            .iter()
            .chain(shared)
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
        let folded = settings.folding.fold(key);
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
                score: similarity(
                    key,
                    &folded,
                    (&name.key, &name.folded),
                    settings,
                    settings.weak_match,
                ),
            })
            .filter(|m| m.score >= settings.weak_match)
            .collect()
    }

    /// The two buckets a key's look-up reads: names of its word count starting
    /// with its first letter as written, and as folded. `None` when they are too
    /// large to scan.
    fn buckets_of(
        &self,
        words: usize,
        raw_first: Option<char>,
        folded_first: Option<char>,
    ) -> Option<(&Bucket, &Bucket)> {
        let bucket = |first: Option<char>, is_folded: bool| {
            first
                .and_then(|first| self.buckets.get(&(words, first, is_folded)))
                .unwrap_or(Bucket::EMPTY)
        };
        let (raw, refolded) = (bucket(raw_first, false), bucket(folded_first, true));
        (raw.entries.len() + refolded.entries.len() <= BUCKET_SCAN_LIMIT).then_some((raw, refolded))
    }

    /// Whether a score is strong enough to decide a verdict.
    pub fn is_strong(&self, score: f64) -> bool {
        self.settings
            .as_ref()
            .is_some_and(|s| score >= s.strong_match)
    }
}

/// The edits a spelling and a folded spelling may take and still make a weak
/// match: a folded spelling scores only a share of its similarity, so it must
/// come closer still.
#[derive(Debug, Default)]
struct Reach {
    raw: EditBudget,
    folded: EditBudget,
}

impl Reach {
    fn new(settings: &NameMatching) -> Reach {
        let folded = (settings.weak_match / settings.transliteration_match).min(1.0);
        Reach {
            raw: EditBudget::new(settings.weak_match),
            folded: EditBudget::new(folded),
        }
    }

    /// The budget of a folded spelling, or of one as written.
    fn of(&self, is_folded: bool) -> &EditBudget {
        match is_folded {
            true => &self.folded,
            false => &self.raw,
        }
    }
}

/// The names of a key's two buckets whose spelling, or folded spelling, may come
/// close enough to the key's; a name may come twice.
fn close_names<'a>(
    key: &'a KeyShapes,
    raw: &'a Bucket,
    refolded: &'a Bucket,
    reach: &'a Reach,
) -> impl Iterator<Item = u32> + 'a {
    let close = move |bucket: &'a Bucket, is_folded: bool| {
        let shape = match is_folded {
            true => &key.folded,
            false => &key.raw,
        };
        let budget = reach.of(is_folded);
        bucket
            .within_reach(shape.length, budget)
            .iter()
            .filter(move |entry| shape.may_reach(&entry.shape, budget))
            .map(|entry| entry.number)
    };
    close(raw, false).chain(close(refolded, true))
}

/// Whether a name of these shapes may come close enough to a key, as written or
/// folded.
fn reachable(key: &KeyShapes, shape: &Shape, folded: &Shape, reach: &Reach) -> bool {
    key.raw.may_reach(shape, &reach.raw) || key.folded.may_reach(folded, &reach.folded)
}

/// Whether each word of `key` is a weak match at least for the word in its place
/// in `name`, of as many words. A close whole is not enough: "As President" is
/// one letter from "US President", but "as" is no spelling of "us". A word shorter
/// than the fuzzy minimum is matched as spelt only, not by its folded spelling
/// (which merges vowels), unless both are articles folding to nothing.
fn words_agree(key: &str, name: &IndexedName, settings: &NameMatching) -> bool {
    if name.words == 1 {
        return true;
    }
    let (folding, weak) = (&settings.folding, settings.weak_match);
    let last = name.words - 1;
    key.split(' ')
        .zip(name.key.split(' '))
        .enumerate()
        .all(|(i, (word, name_word))| {
            if word == name_word {
                return true;
            }
            let folded = |word: &str| folding.folded_letters(word, i == last);
            let (word_folded, name_folded) = (folded(word), folded(name_word));
            match word.chars().count() >= settings.fuzzy_min_length {
                true => {
                    let pair = (name_word, name_folded.as_str());
                    similarity(word, &word_folded, pair, settings, weak) >= weak
                }
                false => {
                    normalized_osa_above(word, name_word, weak) >= weak
                        || (word_folded.is_empty() && name_folded.is_empty())
                }
            }
        })
}

/// How alike a looked-up key and an indexed name are: their spelling similarity,
/// or, when higher, their folded spellings' similarity scaled by the
/// transliteration score (so "Kazemi" finds "Kadhimi", but never as strongly as
/// an exact spelling would). Below `floor` the exact score does not matter, so
/// the edit distance is only counted as far as reaching it needs, and 0 returned.
fn similarity(
    key: &str,
    folded: &str,
    (name, name_folded): (&str, &str),
    settings: &NameMatching,
    floor: f64,
) -> f64 {
    let spelling = normalized_osa_above(key, name, floor);
    // A folded spelling scores at most the transliteration score: it only counts
    // when it can beat the spelling's own.
    let transliteration_floor = floor.max(spelling) / settings.transliteration_match;
    let transliteration = if transliteration_floor <= 1.0 {
        normalized_osa_above(folded, name_folded, transliteration_floor)
            * settings.transliteration_match
    } else {
        0.0
    };
    spelling.max(transliteration)
}

/// 1 minus the edit distance (insertions, deletions, substitutions and swaps of
/// neighbours) over the longer length: Damerau-Levenshtein as spelling mistakes
/// make it, without the table of letters the unrestricted version needs. 0 when
/// below `floor`.
fn normalized_osa_above(a: &str, b: &str, floor: f64) -> f64 {
    let ascii = a.is_ascii() && b.is_ascii();
    let (a_len, b_len) = match ascii {
        true => (a.len(), b.len()),
        false => (a.chars().count(), b.chars().count()),
    };
    let longer = a_len.max(b_len);
    if longer == 0 {
        return 1.0;
    }
    // The most edits that still reach the floor.
    let most = most_edits(floor, longer);
    if most == 0 {
        return if a == b { 1.0 } else { 0.0 };
    }
    let distance = if ascii {
        osa_within(a.as_bytes(), b.as_bytes(), most)
    } else {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        osa_within(&a, &b, most)
    };
    distance.map_or(0.0, |d| 1.0 - d as f64 / longer as f64)
}

/// The optimal-string-alignment distance of `a` and `b` if it is at most `most`,
/// else `None`. Only cells within `most` of the diagonal are computed, and the
/// count stops as soon as a whole row exceeds `most`: a near miss costs a few
/// rows, not the full table.
fn osa_within<T: PartialEq>(a: &[T], b: &[T], most: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > most {
        return None;
    }
    let width = b.len() + 1;
    let beyond = most + 1;
    // Three rows: two back (for swaps), the last, and the one being filled; on
    // the stack for names of usual length, as a look-up scores many.
    let mut on_stack = [0; 3 * 48];
    let mut on_heap = Vec::new();
    let rows: &mut [usize] = if 3 * width <= on_stack.len() {
        &mut on_stack[..3 * width]
    } else {
        on_heap.resize(3 * width, 0);
        &mut on_heap
    };
    rows.fill(beyond);
    for (j, cell) in rows[width..2 * width].iter_mut().enumerate() {
        *cell = j.min(beyond);
    }
    for i in 1..=a.len() {
        let (older, rest) = rows.split_at_mut(width);
        let (last, current) = rest.split_at_mut(width);
        let from = i.saturating_sub(most).max(1);
        let to = (i + most).min(b.len());
        current.fill(beyond);
        if i <= most {
            current[0] = i;
        }
        let mut row_best = current[0];
        for j in from..=to {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut value = (last[j - 1] + cost)
                .min(last[j] + 1)
                .min(current[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = value.min(older[j - 2] + 1);
            }
            current[j] = value.min(beyond);
            row_best = row_best.min(current[j]);
        }
        if row_best > most {
            return None;
        }
        rows.copy_within(width..3 * width, 0);
    }
    let distance = rows[width + b.len()];
    (distance <= most).then_some(distance)
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

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A bucket's names within reach of a length, found from where each
        /// length starts, are those a scan of its sorted list finds.
        #[test]
        fn a_bucket_finds_the_lengths_within_reach_as_a_scan_does(
            mut lengths in proptest::collection::vec(1usize..30, 0..20),
            length in 0usize..40,
            need in 0.5f64..1.0,
        ) {
            lengths.sort_unstable();
            let shape = |n: usize| Shape::of(&"a".repeat(n));
            let mut bucket = Bucket {
                entries: lengths
                    .iter()
                    .enumerate()
                    .map(|(number, &n)| BucketEntry { number: number as u32, shape: shape(n) })
                    .collect(),
                starts: Vec::new(),
            };
            bucket.index_lengths();
            let budget = EditBudget::new(need);
            let found: Vec<u32> = bucket.within_reach(length, &budget).iter().map(|e| e.number).collect();
            let shortest = length.saturating_sub(budget.most(length));
            let expected: Vec<u32> = bucket
                .entries
                .iter()
                .filter(|e| (shortest..=budget.longest_reach(length)).contains(&e.shape.length))
                .map(|e| e.number)
                .collect();
            proptest::prop_assert_eq!(found, expected);
        }
    }

    #[test]
    fn bounded_distance_agrees_with_the_full_one_within_its_bound() {
        let words = [
            "kadhimi",
            "kazemi",
            "qassem",
            "qasem",
            "soleimani",
            "suleimani",
            "abc",
            "acb",
            "",
            "a",
            "ab",
            "ba",
            "president biden",
            "presdient biden",
            "naïve",
            "naive",
        ];
        for a in words {
            for b in words {
                let full = strsim::osa_distance(a, b);
                let (a_chars, b_chars): (Vec<char>, Vec<char>) =
                    (a.chars().collect(), b.chars().collect());
                for most in 0..6 {
                    let bounded = osa_within(&a_chars, &b_chars, most);
                    let expected = (full <= most).then_some(full);
                    assert_eq!(bounded, expected, "{a:?} {b:?} within {most}");
                }
            }
        }
    }
}
