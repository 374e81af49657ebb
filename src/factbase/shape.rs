//! Shapes of spellings: a spelling's length, how many of each letter it has and
//! which pairs of neighbouring letters, enough to tell that two spellings are too
//! far apart for a fuzzy match without counting their edits. A key's shape is put
//! together from its words' shapes, so a draft's words are measured once however
//! many runs of words they are looked up in.

use super::folding::Folding;
use serde::{Deserialize, Serialize};

/// How many of each character a spelling has: one lane for each letter a-z, one
/// for digits, one for spaces and the rest shared by other characters. Lanes
/// stop at 255. Shared and full lanes can only hide differences, so a count
/// rules a name out, never in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts([u8; 32]);

impl Counts {
    fn add(&mut self, c: char) {
        let lane = match c {
            'a'..='z' => c as usize - 'a' as usize,
            '0'..='9' => 26,
            ' ' => 27,
            _ => 28 + (c as usize & 3),
        };
        self.0[lane] = self.0[lane].saturating_add(1);
    }

    fn plus(mut self, other: &Counts) -> Counts {
        for (lane, more) in self.0.iter_mut().zip(other.0) {
            *lane = lane.saturating_add(more);
        }
        self
    }

    /// The sum over lanes of how far the two counts differ.
    fn difference(&self, other: &Counts) -> usize {
        // Written as a sum of absolute differences of widened bytes, which the
        // compiler turns into the processor's own instruction for it.
        let sum: u32 = self
            .0
            .iter()
            .zip(&other.0)
            .map(|(&a, &b)| (i32::from(a) - i32::from(b)).unsigned_abs())
            .sum();
        sum as usize
    }
}

/// A whole spelling's shape: its length in characters, its counts and its pair
/// mask (each pair of neighbours, start and end marked, hashed to one of 64 bits).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shape {
    pub length: usize,
    counts: Counts,
    pairs: u64,
}

impl Shape {
    pub fn of(spelling: &str) -> Shape {
        Shape::joined(spelling.split(' ').map(Piece::of)).1
    }

    /// The first character and the shape of words joined by single spaces.
    fn joined(pieces: impl IntoIterator<Item = Piece>) -> (Option<char>, Shape) {
        let mut whole = Piece::default();
        for (i, piece) in pieces.into_iter().enumerate() {
            if i > 0 {
                whole.push(' ');
            }
            whole.append(&piece);
        }
        let pairs = whole.pairs
            | pair_bit('^', whole.first.unwrap_or('$'))
            | whole.last.map_or(0, |last| pair_bit(last, '$'));
        let shape = Shape {
            length: whole.length,
            counts: whole.counts,
            pairs,
        };
        (whole.first, shape)
    }

    /// Whether a spelling of this shape can be within `1 - need` of `other`'s
    /// similarity. Edits come whole, and one edit changes the length by one at
    /// most, the counts by two at most (and the length and counts together by two
    /// at most), and brings at most three pairs of neighbours that were not there
    /// (a swap does: "xaby" to "xbay").
    pub fn may_reach(&self, other: &Shape, budget: &EditBudget) -> bool {
        let edits = budget.most(self.length.max(other.length));
        let lengths = self.length.abs_diff(other.length);
        let new_pairs = |from: &Shape, to: &Shape| (to.pairs & !from.pairs).count_ones() as usize;
        // Cheapest first.
        lengths <= edits
            && new_pairs(self, other) <= 3 * edits
            && new_pairs(other, self) <= 3 * edits
            && self.counts.difference(&other.counts) + lengths <= 2 * edits
    }
}

/// The shape of one word, to be joined with others: its pairs leave out the
/// start and end, which depend on its neighbours.
#[derive(Debug, Clone, Copy, Default)]
struct Piece {
    length: usize,
    counts: Counts,
    pairs: u64,
    first: Option<char>,
    last: Option<char>,
}

impl Piece {
    fn of(word: &str) -> Piece {
        let mut piece = Piece::default();
        match word.is_ascii() {
            true => word.bytes().for_each(|b| piece.push(char::from(b))),
            false => word.chars().for_each(|c| piece.push(c)),
        }
        piece
    }

    /// The piece of a word as `folding` writes it.
    fn folded(word: &str, folding: &Folding) -> Piece {
        let mut piece = Piece::default();
        folding.fold_word(word, |c| piece.push(c));
        piece
    }

    fn push(&mut self, c: char) {
        self.length += 1;
        self.counts.add(c);
        if let Some(last) = self.last {
            self.pairs |= pair_bit(last, c);
        }
        self.first.get_or_insert(c);
        self.last = Some(c);
    }

    /// The length of pieces joined by single spaces, as `Shape::joined` joins them.
    fn joined_length(pieces: impl Iterator<Item = Piece>) -> usize {
        let (count, letters) = pieces.fold((0usize, 0), |(count, letters), piece| {
            (count + 1, letters + piece.length)
        });
        letters + count.saturating_sub(1)
    }

    fn append(&mut self, other: &Piece) {
        if let (Some(last), Some(first)) = (self.last, other.first) {
            self.pairs |= pair_bit(last, first);
        }
        self.length += other.length;
        self.counts = self.counts.plus(&other.counts);
        self.pairs |= other.pairs;
        self.first = self.first.or(other.first);
        self.last = other.last.or(self.last);
    }
}

/// A word of a key as a look-up needs it: its shape as written and as folded, in
/// the middle of a key and at its end (an article is folded only at the end).
/// `None` where folding leaves the word out.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordShapes {
    raw: Piece,
    folded_inside: Option<Piece>,
    folded_last: Option<Piece>,
}

impl WordShapes {
    pub fn of(word: &str, folding: &Folding) -> WordShapes {
        let folded_last = folding
            .folded_word(word, true)
            .map(|word| Piece::folded(word, folding))
            .filter(|piece| piece.length > 0);
        WordShapes {
            raw: Piece::of(word),
            // Only an article folds differently inside a key: it is left out.
            folded_inside: folded_last.filter(|_| folding.folded_word(word, false).is_some()),
            folded_last,
        }
    }

    /// The pieces folding writes for a key of words of these shapes, in order.
    fn folded_pieces<'a>(words: &'a [&WordShapes]) -> impl Iterator<Item = Piece> + 'a {
        words
            .iter()
            .enumerate()
            .filter_map(|(i, word)| match i + 1 == words.len() {
                true => word.folded_last,
                false => word.folded_inside,
            })
    }
}

/// A key's shapes as written and as folded, each with its first character (the
/// name buckets a look-up reads), and its word count.
#[derive(Debug, Clone, Copy)]
pub struct KeyShapes {
    pub words: usize,
    pub raw_first: Option<char>,
    pub raw: Shape,
    pub folded_first: Option<char>,
    pub folded: Shape,
}

impl KeyShapes {
    /// The shapes of a key whose words (in order) have these shapes: exactly those
    /// of the key and of its folded spelling.
    pub fn of_words(words: &[&WordShapes]) -> KeyShapes {
        let (raw_first, raw) = Shape::joined(words.iter().map(|w| w.raw));
        let (folded_first, folded) = Shape::joined(WordShapes::folded_pieces(words));
        KeyShapes {
            words: words.len(),
            raw_first,
            raw,
            folded_first,
            folded,
        }
    }

    /// The lengths of a key whose words have these shapes, as written and as
    /// folded, known before its shapes are put together.
    pub fn lengths(words: &[&WordShapes]) -> (usize, usize) {
        (
            Piece::joined_length(words.iter().map(|w| w.raw)),
            Piece::joined_length(WordShapes::folded_pieces(words)),
        )
    }

    /// The shape of a key whose words have these shapes, as folded or as written:
    /// the same as that side of `of_words`.
    pub fn side(words: &[&WordShapes], is_folded: bool) -> Shape {
        match is_folded {
            true => Shape::joined(WordShapes::folded_pieces(words)).1,
            false => Shape::joined(words.iter().map(|w| w.raw)).1,
        }
    }

    /// The first character of a key whose words have these shapes, as written and
    /// as folded: what picks the name buckets to read, known before the shapes
    /// are put together.
    pub fn first_letters(words: &[&WordShapes]) -> (Option<char>, Option<char>) {
        let raw = words.first().and_then(|w| w.raw.first);
        let folded = WordShapes::folded_pieces(words)
            .next()
            .and_then(|piece| piece.first);
        (raw, folded)
    }

    pub fn of(key: &str, folding: &Folding) -> KeyShapes {
        let words: Vec<WordShapes> = key
            .split(' ')
            .map(|word| WordShapes::of(word, folding))
            .collect();
        let words: Vec<&WordShapes> = words.iter().collect();
        KeyShapes::of_words(&words)
    }
}

/// The most edits a spelling may take and keep a similarity of `need`, by its
/// length: worked out once for the lengths names usually have, as a look-up
/// asks many times.
#[derive(Debug, Clone)]
pub struct EditBudget {
    need: f64,
    by_length: Vec<u8>,
    /// `longest_reach` by length (at most `LONGEST_SPELLING`, so it fits).
    reach_by_length: Vec<u16>,
}

impl EditBudget {
    pub fn new(need: f64) -> EditBudget {
        let mut budget = EditBudget {
            need,
            by_length: Vec::new(),
            reach_by_length: Vec::new(),
        };
        budget.by_length = (0..=u8::MAX as usize)
            .map(|length| most_edits(need, length).min(u8::MAX as usize) as u8)
            .collect();
        budget.reach_by_length = (0..=u8::MAX as usize)
            .map(|length| budget.reach_above(length) as u16)
            .collect();
        budget
    }

    /// The longest spelling a spelling of `length` characters may come close
    /// enough to.
    pub fn longest_reach(&self, length: usize) -> usize {
        match self.reach_by_length.get(length) {
            Some(&longest) => usize::from(longest),
            None => self.reach_above(length),
        }
    }

    /// `longest_reach`, counted: one edit adds a character at most, and the edits
    /// allowed grow by at most one a character, so the lengths within reach above
    /// `length` run without a gap.
    fn reach_above(&self, length: usize) -> usize {
        let mut longer = length;
        while longer < LONGEST_SPELLING && longer + 1 - length <= self.most(longer + 1) {
            longer += 1;
        }
        longer
    }

    pub fn most(&self, length: usize) -> usize {
        match self.by_length.get(length) {
            Some(&most) if most < u8::MAX => usize::from(most),
            _ => most_edits(self.need, length),
        }
    }
}

impl Default for EditBudget {
    /// No edit at all.
    fn default() -> Self {
        EditBudget::new(1.0)
    }
}

/// Longer than any name: with no similarity needed (0) every length is within
/// reach, and counting stops here.
const LONGEST_SPELLING: usize = 1 << 12;
const _: () = assert!(LONGEST_SPELLING <= u16::MAX as usize);

/// The most edits a spelling of `length` characters may take and keep a
/// similarity of `need` (at least 0).
pub fn most_edits(need: f64, length: usize) -> usize {
    // A cast truncates: the floor of a non-negative number, without a call to libm's.
    ((1.0 - need) * length as f64 + 1e-9).max(0.0) as usize
}

/// A pair of neighbouring characters hashed to one of 64 bits. Two pairs may share
/// a bit, which can only make spellings look more alike.
fn pair_bit(first: char, second: char) -> u64 {
    let pair = (u64::from(u32::from(first)) << 21) | u64::from(u32::from(second));
    1 << (pair.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Spellings from a few letters come close to each other often, so the
        /// bound is tried where it is tight.
        #[test]
        fn a_shape_never_rules_out_a_spelling_within_reach(
            a in "[abdhkqï' -]{0,12}",
            b in "[abdhkqï' -]{0,12}",
            need in 0.5f64..1.0,
        ) {
            let distance = strsim::osa_distance(&a, &b);
            let longer = a.chars().count().max(b.chars().count()).max(1);
            let edits = most_edits(need, longer);
            if distance <= edits {
                let budget = EditBudget::new(need);
                proptest::prop_assert!(Shape::of(&a).may_reach(&Shape::of(&b), &budget));
            }
        }

        /// Articles, article prefixes, accents, digits and words with no letter
        /// to fold ("'") are the cases where folding a key is not folding each
        /// word. A gate's lengths and single sides are those of the whole.
        #[test]
        fn a_key_put_together_from_its_words_has_the_shapes_of_the_whole(
            words in proptest::collection::vec("(al|el|al-[a-z]{1,4}|[a-z0-9éï'-]{1,6})", 1..4),
        ) {
            let key = words.join(" ");
            let folding = Folding::bundled();
            let shapes = KeyShapes::of(&key, folding);
            let folded = folding.fold(&key);
            proptest::prop_assert_eq!(shapes.raw, Shape::of(&key));
            proptest::prop_assert_eq!(shapes.raw_first, key.chars().next());
            proptest::prop_assert_eq!(shapes.folded, Shape::of(&folded));
            proptest::prop_assert_eq!(shapes.folded_first, folded.chars().next());
            let pieces: Vec<WordShapes> = key.split(' ').map(|w| WordShapes::of(w, folding)).collect();
            let pieces: Vec<&WordShapes> = pieces.iter().collect();
            proptest::prop_assert_eq!(
                KeyShapes::lengths(&pieces),
                (shapes.raw.length, shapes.folded.length)
            );
            proptest::prop_assert_eq!(KeyShapes::side(&pieces, false), shapes.raw);
            proptest::prop_assert_eq!(KeyShapes::side(&pieces, true), shapes.folded);
        }
    }

    #[test]
    fn the_longest_reach_is_the_last_length_of_an_unbroken_run_within_budget() {
        for need in [0.0, 0.5, 0.8, 0.94, 1.0] {
            let budget = EditBudget::new(need);
            for length in 0..300 {
                let longest = budget.longest_reach(length);
                let within = |longer: usize| longer - length <= budget.most(longer);
                assert!((length..=longest).all(within), "{need} {length}");
                assert!(
                    longest == LONGEST_SPELLING || !within(longest + 1),
                    "{need} {length}: {longest}"
                );
            }
        }
    }

    #[test]
    fn spellings_far_apart_are_ruled_out() {
        let (a, b) = ("world trade organization", "willem frederik duisenberg");
        assert!(!Shape::of(a).may_reach(&Shape::of(b), &EditBudget::new(0.8)));
    }
}
