//! Splits a document's prose into tokens, sentences and clauses. Every later stage
//! works on these: a mention is a run of tokens, a claim belongs to a clause.
//!
//! This is the hot loop of the pipeline, so it reads bytes and decodes a character
//! only where a byte is not ASCII, and keeps short keys inline (no allocation).

use crate::document::Document;
use crate::mentions::dates::calendar;
use crate::rules::Rules;
use crate::span::Span;
use compact_str::CompactString;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Starts with a letter; inner hyphens, apostrophes and digits join it
    /// ("al-Kadhimi", "Iran’s", "U.S.", "COVID-19").
    Word,
    /// Starts with a digit; inner separators and letters join it ("12,000", "1.5",
    /// "2020-03-08", "3rd", "1990s", "10-week").
    Number,
    Punct,
}

/// A token of a draft. Its offsets are kept in 32 bits, as a document has at most
/// [`LONGEST_DRAFT`](crate::document::LONGEST_DRAFT) bytes: every stage reads
/// every token, and a smaller token keeps more of a part's in a core's cache.
#[derive(Debug, Clone)]
pub struct Token {
    start: u32,
    end: u32,
    pub kind: TokenKind,
    /// Lower case, curly apostrophes made straight, a possessive "'s" removed.
    pub key: CompactString,
    /// Whether the token starts with an upper-case letter.
    pub capitalized: bool,
    /// Whether it has an upper-case letter anywhere ("iPhone").
    pub has_capital: bool,
    /// Whether a hyphen joins its parts ("al-Kadhimi", "10-week", "twenty-one").
    pub hyphenated: bool,
}

impl Token {
    /// Where the token is in the document.
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    pub fn is(&self, key: &str) -> bool {
        self.key == key
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct && self.key.starts_with(c)
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// Whether its key is not as long as its text, as when a possessive "'s" was
    /// taken off ("Israel's"): a possessive modifies what follows it.
    pub fn is_possessive(&self) -> bool {
        self.span().len() != self.key.len()
    }

    /// The parts before and after its first hyphen, if a hyphen joins it.
    pub fn hyphen_parts(&self) -> Option<(&str, &str)> {
        self.hyphenated.then(|| self.key.split_once('-')).flatten()
    }
}

/// A sentence as a range of token indices, cut into clauses (also token ranges).
#[derive(Debug, Clone)]
pub struct Sentence {
    /// Index of the block (paragraph) the sentence is in.
    pub block: usize,
    pub tokens: Range<usize>,
    /// Where its clauses are in `Segmented::clauses`.
    clauses: Range<usize>,
}

#[derive(Debug)]
pub struct Segmented {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Every sentence's clauses in one list, as token ranges: a sentence has a
    /// few, and one list saves a small allocation for each.
    clauses: Vec<Range<usize>>,
}

impl Segmented {
    pub fn new(document: &Document, rules: &Rules) -> Segmented {
        Segmented::blocks(document.prose(), &document.blocks, rules)
    }

    /// The tokens and sentences of some blocks of a document's `prose`, with spans
    /// in the whole document: a part of a long draft is read without copying it.
    pub fn blocks(prose: &str, blocks: &[Span], rules: &Rules) -> Segmented {
        let length: usize = blocks.iter().map(|b| b.end - b.start).sum();
        let mut segmented = Segmented {
            tokens: Vec::with_capacity(length / 5),
            sentences: Vec::new(),
            clauses: Vec::new(),
        };
        for (block_index, block) in blocks.iter().enumerate() {
            let first = segmented.tokens.len();
            tokenize(prose, *block, &mut segmented.tokens);
            segmented.split_sentences(first..segmented.tokens.len(), block_index, rules);
        }
        segmented
    }

    /// The clauses of a sentence of this text, in order, as token ranges.
    pub fn clauses(&self, sentence: &Sentence) -> &[Range<usize>] {
        &self.clauses[sentence.clauses.clone()]
    }

    /// The span from the first to the last token of a non-empty range.
    pub fn span_of(&self, range: Range<usize>) -> Span {
        let first = self.tokens[range.start].span();
        let last = self.tokens[range.end - 1].span();
        first.cover(last)
    }
}

/// Tokens of a short text (a name from the fact base), read as the draft is read.
pub fn tokenize_str(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize(text, Span::new(0, text.len()), &mut tokens);
    tokens
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The character starting at byte `i` of `text` (which must be a boundary).
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text[i..].chars().next()
    }
}

/// What the tokenizer needs to know of each byte inside a word, by byte: whether it
/// is an ASCII letter or digit, and whether a capital.
const ASCII_WORD_BYTES: [u8; 256] = {
    let mut classes = [NOT_A_WORD_BYTE; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_uppercase() {
            classes[b] = CAPITAL;
        } else if byte.is_ascii_alphanumeric() {
            classes[b] = LOWER_OR_DIGIT;
        }
        b += 1;
    }
    classes
};
const NOT_A_WORD_BYTE: u8 = 0;
const LOWER_OR_DIGIT: u8 = 1;
const CAPITAL: u8 = 2;

fn tokenize(text: &str, block: Span, tokens: &mut Vec<Token>) {
    let end = block.end.min(text.len());
    let bytes = &text.as_bytes()[..end];
    let mut i = block.start;
    while i < end {
        let b = bytes[i];
        // Spaces and line ends between tokens, without decoding a character.
        if matches!(b, b' ' | b'\t'..=b'\r') {
            i += 1;
            continue;
        }
        let start = i;
        // An ASCII byte is classed by table; other characters are decoded.
        let (kind, capitalized) = if b < 0x80 {
            i += 1;
            match ASCII_WORD_BYTES[usize::from(b)] {
                _ if b.is_ascii_digit() => (TokenKind::Number, false),
                NOT_A_WORD_BYTE => (TokenKind::Punct, false),
                class => (TokenKind::Word, class == CAPITAL),
            }
        } else {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            if c.is_whitespace() {
                continue;
            }
            let kind = match c.is_alphanumeric() {
                true => TokenKind::Word,
                false => TokenKind::Punct,
            };
            (kind, c.is_uppercase())
        };
        // Whether a capital was met, as the token's letters are stepped over, and
        // whether every character was ASCII.
        let mut capital = capitalized;
        let mut ascii = b < 0x80;
        let mut hyphenated = false;
        let mut apostrophe = false;
        if kind != TokenKind::Punct {
            loop {
                // Most of a word is ASCII letters and digits: step over them at once.
                let (run, capitals) = ascii_word_run(&bytes[i..]);
                i += run;
                capital |= capitals;
                // Most words end at a space or at punctuation that never joins.
                if i >= end || (bytes[i] < 0x80 && !may_join(bytes[i])) {
                    break;
                }
                let Some(c) = char_at(text, i) else {
                    break;
                };
                if !joins(text, start, i, c, kind, end) {
                    break;
                }
                capital |= c.is_uppercase();
                ascii &= c.is_ascii();
                hyphenated |= c == '-';
                apostrophe |= is_apostrophe(c);
                i += c.len_utf8();
            }
        }
        tokens.push(Token {
            start: start as u32,
            end: i as u32,
            kind,
            key: token_key(&text[start..i], ascii, capital, apostrophe),
            capitalized,
            has_capital: capital,
            hyphenated,
        });
    }
}

/// How many bytes at the start of `bytes` are ASCII letters and digits, and
/// whether one of them is a capital. Eight bytes are classed at a time, as one
/// number: a word's end is then found without a branch for each of its letters.
fn ascii_word_run(bytes: &[u8]) -> (usize, bool) {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = ONES * 0x80;
    // Bit 7 of each byte of the result is set where the byte (below 0x80) is at
    // least `low`, and not above `high`: adding to a byte below 0x80 never carries
    // into the next.
    let within = |v: u64, low: u8, high: u8| {
        let at_least = v.wrapping_add(ONES * u64::from(0x80 - low));
        let above = v.wrapping_add(ONES * u64::from(0x7f - high));
        at_least & !above & HIGH
    };
    let mut run = 0;
    let mut capitals = false;
    while let Some(chunk) = bytes.get(run..run + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let ascii = !word & HIGH;
        let low = word & !HIGH;
        let letters = within(low | (ONES * 0x20), b'a', b'z');
        let capital = within(low, b'A', b'Z') & ascii;
        let word_bytes = (letters | within(low, b'0', b'9')) & ascii;
        let ends = !word_bytes & HIGH;
        // Only the capitals before the first byte that is none count.
        let before_end = match ends {
            0 => u64::MAX,
            ends => (ends & ends.wrapping_neg()) - 1,
        };
        capitals |= capital & before_end != 0;
        if ends != 0 {
            return (run + ends.trailing_zeros() as usize / 8, capitals);
        }
        run += 8;
    }
    for &b in &bytes[run..] {
        let class = ASCII_WORD_BYTES[usize::from(b)];
        if class == NOT_A_WORD_BYTE {
            break;
        }
        capitals |= class == CAPITAL;
        run += 1;
    }
    (run, capitals)
}

/// Whether an ASCII byte that is no letter or digit may join a token, as `joins`
/// decides: the tokenizer ends a word at any other without asking.
fn may_join(b: u8) -> bool {
    matches!(b, b'-' | b'\'' | b',' | b'.')
}

/// Whether character `c` at byte `at` continues the token that began at `start`.
fn joins(text: &str, start: usize, at: usize, c: char, kind: TokenKind, end: usize) -> bool {
    if c.is_alphanumeric() {
        return true;
    }
    let next = char_at(text, at + c.len_utf8()).filter(|_| at + c.len_utf8() < end);
    match c {
        '-' => next.is_some_and(char::is_alphanumeric),
        _ if is_apostrophe(c) => next.is_some_and(char::is_alphanumeric),
        ',' if kind == TokenKind::Number => {
            // "12,000": a comma joins when exactly three digits follow.
            let digits = text.as_bytes()[at + 1..end.min(at + 5)]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            digits == 3
        }
        '.' if kind == TokenKind::Number => next.is_some_and(|n| n.is_ascii_digit()),
        // "PM2.5", "v1.2": a decimal inside a name.
        '.' if text.as_bytes()[at - 1].is_ascii_digit()
            && next.is_some_and(|n| n.is_ascii_digit()) =>
        {
            true
        }
        '.' => {
            // "U.S.", "a.m.": single letters joined by full stops.
            let so_far = &text[start..at];
            initialism(so_far) && (next.is_some_and(char::is_alphabetic) || so_far.contains('.'))
        }
        _ => false,
    }
}

/// "U", "U.S", "a.m": single letters separated by full stops.
fn initialism(word: &str) -> bool {
    word.split('.').all(|part| {
        let mut chars = part.chars();
        chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
    })
}

/// The key of a token's text `raw`: `ascii` if it is all ASCII, `capital` if it has
/// an upper-case letter, `apostrophe` if an apostrophe joins it.
fn token_key(raw: &str, ascii: bool, capital: bool, apostrophe: bool) -> CompactString {
    let mut key;
    if ascii {
        key = CompactString::from(raw);
        if capital {
            key.make_ascii_lowercase();
        }
    } else {
        key = CompactString::with_capacity(raw.len());
        for c in raw.chars() {
            if is_apostrophe(c) {
                key.push('\'');
            } else {
                key.extend(c.to_lowercase());
            }
        }
    }
    if apostrophe && key.len() > 2 && key.ends_with("'s") {
        key.truncate(key.len() - 2);
    }
    key
}

impl Segmented {
    /// Adds the sentences of the block whose tokens are `range`.
    fn split_sentences(&mut self, range: Range<usize>, block: usize, rules: &Rules) {
        let tokens = &self.tokens;
        let mut add = |sentence: Range<usize>| {
            let clauses = clauses(tokens, sentence.clone(), rules, &mut self.clauses);
            self.sentences.push(Sentence {
                block,
                tokens: sentence,
                clauses,
            });
        };
        let mut start = range.start;
        let mut i = range.start;
        while i < range.end {
            let token = &tokens[i];
            let full_stop = token.is_punct('.');
            let ends = (full_stop || token.is_punct('!') || token.is_punct('?'))
                && !(full_stop
                    && i > start
                    && rules.abbreviations.contains(tokens[i - 1].key.as_str()));
            if ends {
                // Closing quotes and brackets belong to the sentence they close.
                let mut end = i + 1;
                // A straight quote set off by a space opens the next sentence instead.
                while end < range.end
                    && is_closer(&tokens[end])
                    && tokens[end].span().start == tokens[end - 1].span().end
                {
                    end += 1;
                }
                // A comma or semicolon right after the mark shows it ended a word,
                // not the sentence ("Inc., its owner").
                let next_starts_sentence = end >= range.end
                    || (tokens[end].kind != TokenKind::Word
                        && !tokens[end].is_punct(',')
                        && !tokens[end].is_punct(';'))
                    || tokens[end].capitalized;
                if next_starts_sentence {
                    add(start..end);
                    start = end;
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
        if start < range.end {
            add(start..range.end);
        }
    }
}

fn is_closer(token: &Token) -> bool {
    token.kind == TokenKind::Punct
        && matches!(
            token.key.chars().next(),
            Some('"' | '”' | '’' | '\'' | ')' | ']')
        )
}

/// Cuts a sentence before each clause marker ("after", "since", ...) and at semicolons.
/// The clauses are added to `clauses`, and where they are there returned.
fn clauses(
    tokens: &[Token],
    range: Range<usize>,
    rules: &Rules,
    clauses: &mut Vec<Range<usize>>,
) -> Range<usize> {
    let first = clauses.len();
    let mut start = range.start;
    for i in range.clone() {
        // "the day before." ends with the marker: no clause follows it; after an
        // article ("the following day") the marker is an adjective; and in "the day
        // before yesterday" it is part of a date.
        let after_article =
            || i > range.start && rules.articles.contains(tokens[i - 1].key.as_str());
        let opens_clause = rules
            .clause_markers
            .at(tokens, i, range.end)
            .is_some_and(|(_, len)| {
                i + len < range.end && tokens[i + len].kind != TokenKind::Punct
            })
            && !after_article()
            && !calendar::names_distance_over(tokens, i, range.end, rules);
        if i > start && opens_clause {
            clauses.push(start..i);
            start = i;
        } else if tokens[i].is_punct(';') {
            clauses.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < range.end {
        clauses.push(start..range.end);
    }
    first..clauses.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_stays_small() {
        // Offsets in 32 bits: eight tokens to five cache lines, not six.
        assert!(std::mem::size_of::<Token>() <= 40);
    }

    proptest::proptest! {
        /// Classing eight bytes at a time finds the run a byte at a time finds,
        /// wherever in a chunk it ends, for every byte value.
        #[test]
        fn a_word_run_is_found_as_byte_by_byte(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40)) {
            let run = bytes.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            let capitals = bytes[..run].iter().any(u8::is_ascii_uppercase);
            proptest::prop_assert_eq!(ascii_word_run(&bytes), (run, capitals));
        }

        /// Long runs of letters, digits and capitals, so that runs cross chunks.
        #[test]
        fn a_long_word_run_is_found_as_byte_by_byte(text in "[a-zA-Z0-9]{0,30}[ .,'é-]?[a-zA-Z]{0,9}") {
            let bytes = text.as_bytes();
            let run = bytes.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            let capitals = bytes[..run].iter().any(u8::is_ascii_uppercase);
            proptest::prop_assert_eq!(ascii_word_run(bytes), (run, capitals));
        }
    }

    proptest::proptest! {
        /// A word or number is hyphenated exactly when its key has a hyphen.
        #[test]
        fn hyphenated_tokens_are_those_with_a_hyphen(text in "[a-zA-Z0-9 ,.'’é-]{0,40}") {
            for token in tokenize_str(&text).iter().filter(|t| t.kind != TokenKind::Punct) {
                proptest::prop_assert_eq!(token.hyphenated, token.key.contains('-'), "{:?}", token.key);
            }
        }
    }

    proptest::proptest! {
        /// A key is its text in lower case, curly apostrophes made straight and a
        /// possessive "'s" removed, whichever shortcut built it.
        #[test]
        fn keys_are_lower_case_text_without_a_possessive(text in "[a-zA-Z0-9 ,.'’ÉéİΣ-]{0,40}") {
            for token in tokenize_str(&text) {
                let raw = token.span().get(&text).unwrap();
                let mut expected: String = raw
                    .chars()
                    .flat_map(char::to_lowercase)
                    .map(|c| if c == '’' { '\'' } else { c })
                    .collect();
                if expected.len() > 2 && expected.ends_with("'s") {
                    expected.truncate(expected.len() - 2);
                }
                proptest::prop_assert_eq!(token.key.as_str(), expected.as_str());
            }
        }
    }

    #[test]
    fn no_other_ascii_character_joins_a_token() {
        let others = (0u8..0x80)
            .filter(|b| !b.is_ascii_alphanumeric() && !may_join(*b))
            .map(char::from);
        for c in others {
            for text in [format!("a{c}b"), format!("1{c}2"), format!("a.b{c}c")] {
                let at = text.find(c).unwrap();
                for kind in [TokenKind::Word, TokenKind::Number] {
                    assert!(!joins(&text, 0, at, c, kind, text.len()), "{text:?}");
                }
            }
        }
    }

    fn keys(text: &str) -> Vec<String> {
        tokenize_str(text)
            .iter()
            .map(|t| t.key.to_string())
            .collect()
    }

    #[test]
    fn tokens_keep_numbers_names_and_initialisms_whole() {
        assert_eq!(
            keys("12,000 rockets, 1.5 km"),
            ["12,000", "rockets", ",", "1.5", "km"]
        );
        assert_eq!(
            keys("the U.S. and Iran’s al-Kadhimi"),
            ["the", "u.s.", "and", "iran", "al-kadhimi"]
        );
        assert_eq!(
            keys("on 2020-03-08 at 3:30"),
            ["on", "2020-03-08", "at", "3", ":", "30"]
        );
        assert_eq!(
            keys("1,50 and 12,0000"),
            ["1", ",", "50", "and", "12", ",", "0000"]
        );
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "Über “news” — 3rd";
        for token in tokenize_str(text) {
            assert!(token.span().get(text).is_some());
        }
    }
}
