//! Amounts as news prose writes them, shared by numbers, durations and relative
//! dates: digits ("12,000", "1.5", "3bn", "1.2e6", "2 500 000"), fractions ("3/4",
//! "3 1/2"), words ("twenty-one", "two hundred and fifty", "three point five"),
//! scales ("1.5 million", "a dozen"), halves ("two and a half") and negatives
//! ("minus 3.2").

use crate::rules::Rules;
use crate::segment::{Token, TokenKind};
use std::cell::RefCell;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    pub value: f64,
    /// One past the last token read.
    pub end: usize,
}

/// Reads an amount starting at token `i`, not reading past `end`. An article "a"/"an"
/// counts only before a scale ("a dozen", "a hundred"); "minus" makes it negative.
///
/// Within a [`Memo`]'s scope, an amount read in its tokens is remembered: every
/// reader tries the amount at a number in turn.
pub fn read(tokens: &[Token], i: usize, end: usize, rules: &Rules) -> Option<Quantity> {
    MEMO.with_borrow(|memo| memo.get(tokens, i, end))
        .unwrap_or_else(|| {
            let found = read_afresh(tokens, i, end, rules);
            MEMO.with_borrow_mut(|memo| memo.put(tokens, i, end, found));
            found
        })
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::default();
}

/// Amounts read lately in one document's tokens while a [`Memo::scope`] lasts:
/// the readers that try the amount at a number do so one after another, so a few
/// places, each token in the one its index picks, catch nearly every repeat
/// without a slot for every token.
#[derive(Default)]
pub struct Memo {
    /// The address and length of the tokens the scope is for; no others are
    /// remembered.
    tokens: (usize, usize),
    recent: [Remembered; MEMO_SLOTS],
}

/// How many reads a memo keeps.
const MEMO_SLOTS: usize = 16;

/// What was read at a token.
#[derive(Clone, Copy)]
struct Remembered {
    /// The token it was read at; `u32::MAX` for none.
    at: u32,
    /// The bound it was read up to.
    bound: u32,
    value: f64,
    /// One past the amount's last token; `u32::MAX` for no amount.
    end: u32,
}

impl Default for Remembered {
    fn default() -> Self {
        Remembered {
            at: u32::MAX,
            bound: u32::MAX,
            value: 0.0,
            end: u32::MAX,
        }
    }
}

impl Remembered {
    fn amount(self) -> Option<Quantity> {
        (self.end != u32::MAX).then_some(Quantity {
            value: self.value,
            end: self.end as usize,
        })
    }
}

/// Ends a memo's scope when dropped.
pub struct MemoScope(());

impl Memo {
    /// Remembers amounts read in `tokens` until the scope returned is dropped. The
    /// borrow of `tokens` must outlast the scope, so they cannot change under it.
    pub fn scope(tokens: &[Token]) -> MemoScope {
        MEMO.with_borrow_mut(|memo| {
            *memo = Memo {
                tokens: (tokens.as_ptr() as usize, tokens.len()),
                ..Memo::default()
            };
        });
        MemoScope(())
    }

    fn holds(&self, tokens: &[Token]) -> bool {
        self.tokens == (tokens.as_ptr() as usize, tokens.len())
    }

    fn get(&self, tokens: &[Token], i: usize, end: usize) -> Option<Option<Quantity>> {
        let remembered = self.recent[i % MEMO_SLOTS];
        (remembered.at as usize == i && remembered.bound as usize == end && self.holds(tokens))
            .then(|| remembered.amount())
    }

    fn put(&mut self, tokens: &[Token], i: usize, end: usize, found: Option<Quantity>) {
        // Places, bounds and ends too large to keep are not remembered.
        let small = |n: usize| u32::try_from(n).ok().filter(|&n| n != u32::MAX);
        let found_end = match found {
            Some(amount) => small(amount.end),
            None => Some(u32::MAX),
        };
        let (Some(at), Some(bound), Some(found_end)) = (small(i), small(end), found_end) else {
            return;
        };
        if self.holds(tokens) {
            self.recent[i % MEMO_SLOTS] = Remembered {
                at,
                bound,
                value: found.map_or(0.0, |q| q.value),
                end: found_end,
            };
        }
    }
}

impl Drop for MemoScope {
    fn drop(&mut self) {
        MEMO.with_borrow_mut(|memo| *memo = Memo::default());
    }
}

fn read_afresh(tokens: &[Token], i: usize, end: usize, rules: &Rules) -> Option<Quantity> {
    let token = at(tokens, i, end)?;
    if token.is_word() && rules.forms.numbers.negative.contains(token.key.as_str()) {
        let amount = read_unsigned(tokens, i + 1, end, rules)?;
        return Some(Quantity {
            value: -amount.value,
            end: amount.end,
        });
    }
    read_unsigned(tokens, i, end, rules)
}

fn at(tokens: &[Token], k: usize, end: usize) -> Option<&Token> {
    tokens.get(k).filter(|_| k < end)
}

fn read_unsigned(tokens: &[Token], i: usize, end: usize, rules: &Rules) -> Option<Quantity> {
    let token = at(tokens, i, end)?;
    let (mut value, mut next) = match token.kind {
        TokenKind::Number => written_in_digits(tokens, i, end, rules)?,
        TokenKind::Word if rules.indefinite_articles.contains(token.key.as_str()) => {
            let scale_word = at(tokens, i + 1, end)?.key.as_str();
            let &scale = rules.scales.get(scale_word)?;
            // "a hundred and fifty" goes on as "one hundred and fifty" would.
            match rules.scales_before_and.contains_key(scale_word) {
                true => scaled_words(tokens, 1.0, i + 1, end, rules),
                false => (scale, i + 2),
            }
        }
        // "two-and-a-half"
        TokenKind::Word
            if token.hyphenated
                && let Some(value) = hyphened_half(&token.key, rules) =>
        {
            (value, i + 1)
        }
        TokenKind::Word => {
            let (value, next) = words(tokens, i, end, rules)?;
            decimals_in_words(tokens, next, end, rules)
                .map_or((value, next), |(fraction, after)| (value + fraction, after))
        }
        TokenKind::Punct => return None,
    };
    // "1.5 million", "two hundred thousand", "three dozen"
    while let Some(&scale) = at(tokens, next, end).and_then(|t| rules.scales.get(t.key.as_str())) {
        value *= scale;
        next += 1;
    }
    // "two and a half"
    if let Some(len) = plus_a_half(tokens, next, end, rules) {
        value += 0.5;
        next += len;
    }
    value.is_finite().then_some(Quantity { value, end: next })
}

/// An amount in digits from token `i`: "12,000", "1.5", "3bn", "1.2e6", "2 500 000"
/// (groups of three a space apart), "3/4", "3 1/2".
fn written_in_digits(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
) -> Option<(f64, usize)> {
    if let Some(fraction) = slash_fraction(tokens, i, end, rules) {
        return Some(fraction);
    }
    let key = tokens[i].key.as_str();
    let mut value = digits(key, rules)?;
    let mut next = i + 1;
    let plain = key.bytes().all(|b| b.is_ascii_digit());
    if plain && key.len() <= 3 {
        while let Some(group) = at(tokens, next, end).filter(|t| {
            let gap = t.span().start.saturating_sub(tokens[next - 1].span().end);
            (1..=3).contains(&gap) && t.key.len() == 3 && t.key.bytes().all(|b| b.is_ascii_digit())
        }) {
            value = value * 1000.0 + group.key.parse::<f64>().ok()?;
            next += 1;
        }
    }
    // "3 1/2"
    if plain
        && next == i + 1
        && let Some((fraction, after)) = slash_fraction(tokens, next, end, rules)
    {
        value += fraction;
        next = after;
    }
    Some((value, next))
}

/// "3/4" (touching, a smaller number over a larger one) from token `k`. A score out
/// of 5, 10 or 100 is a rating unless "of" follows ("9/10 of the seats").
fn slash_fraction(tokens: &[Token], k: usize, end: usize, rules: &Rules) -> Option<(f64, usize)> {
    let whole_digits = |t: &Token| t.key.bytes().all(|b| b.is_ascii_digit());
    let numerator =
        at(tokens, k, end).filter(|t| t.kind == TokenKind::Number && whole_digits(t))?;
    let slash = at(tokens, k + 1, end).filter(|t| t.is_punct('/'))?;
    let denominator = at(tokens, k + 2, end).filter(|t| whole_digits(t))?;
    let touching =
        numerator.span().end == slash.span().start && slash.span().end == denominator.span().start;
    let (n, d): (f64, f64) = (numerator.key.parse().ok()?, denominator.key.parse().ok()?);
    let rating = rules.rating_scales.contains(denominator.key.as_str())
        && !at(tokens, k + 3, end).is_some_and(|t| rules.of_words.contains(t.key.as_str()));
    (touching && n < d && d >= 2.0 && !rating).then_some((n / d, k + 3))
}

/// "point five", "point two five": decimals after a number in words.
fn decimals_in_words(
    tokens: &[Token],
    k: usize,
    end: usize,
    rules: &Rules,
) -> Option<(f64, usize)> {
    if !at(tokens, k, end)
        .is_some_and(|t| rules.forms.numbers.decimal_point.contains(t.key.as_str()))
    {
        return None;
    }
    let mut fraction = 0.0;
    let mut scale = 0.1;
    let mut next = k + 1;
    while let Some(&digit) = at(tokens, next, end)
        .and_then(|t| rules.number_words.get(t.key.as_str()))
        .filter(|d| **d < 10)
    {
        fraction += digit as f64 * scale;
        scale /= 10.0;
        next += 1;
    }
    (next > k + 1).then_some((fraction, next))
}

/// Two amounts that bound a range, the smaller first: "between 20 and 30", "20-30",
/// "20–30", "20 to 30", "two or three"; not "from 20 to 30", a change. Gives the
/// least, the most and one past the last token.
pub fn range(
    tokens: &[Token],
    i: usize,
    clause_start: usize,
    end: usize,
    rules: &Rules,
) -> Option<(f64, f64, usize)> {
    let token = at(tokens, i, end)?;
    // "two to three billion": a scale after the second amount counts for both.
    let shared_scale = |low: &Quantity, low_start: usize, high: &Quantity| -> f64 {
        let scale = |from: usize, to: usize| -> f64 {
            tokens[from..to]
                .iter()
                .filter_map(|t| rules.scales.get(t.key.as_str()))
                .product()
        };
        if scale(low_start, low.end) == 1.0 {
            scale(low.end + 1, high.end)
        } else {
            1.0
        }
    };
    let words = &rules.forms.numbers;
    // "between $20m and $25m": a currency sign may stand before each bound.
    let sign_at = |k: usize| {
        at(tokens, k, end).is_some_and(|t| {
            t.kind == TokenKind::Punct && words.currency_signs.contains(t.key.as_str())
        })
    };
    let past_sign = |k: usize| k + usize::from(sign_at(k));
    let (low, high, next) = if words.range_openers.contains(token.key.as_str()) {
        let low = read(tokens, past_sign(i + 1), end, rules)?;
        if !rules
            .and_words
            .contains(at(tokens, low.end, end)?.key.as_str())
        {
            return None;
        }
        let high = read(tokens, past_sign(low.end + 1), end, rules)?;
        (
            low.value * shared_scale(&low, i + 1, &high),
            high.value,
            high.end,
        )
    } else if let Some((low, high, next)) = super::tallies::joined_pair(tokens, i, end) {
        (low as f64, high as f64, next)
    } else {
        let low = read(tokens, i, end, rules)?;
        // "from 20 to 30", "from $5 to $10"
        let signed = i.checked_sub(1).is_some_and(sign_at);
        let change = i
            .checked_sub(1 + usize::from(signed))
            .filter(|&p| p >= clause_start)
            .is_some_and(|p| words.change_words.contains(tokens[p].key.as_str()));
        let joiner = at(tokens, low.end, end)?;
        if change || !words.range_joiners.contains(joiner.key.as_str()) {
            return None;
        }
        let high = read(tokens, past_sign(low.end + 1), end, rules)?;
        (
            low.value * shared_scale(&low, i, &high),
            high.value,
            high.end,
        )
    };
    (low < high).then_some((low, high, next))
}

/// "two-and-a-half": a number word and "and a half" joined by hyphens.
fn hyphened_half(key: &str, rules: &Rules) -> Option<f64> {
    rules
        .forms
        .numbers
        .plus_a_half_joined
        .iter()
        .find_map(|joined| {
            let number = key.strip_suffix(joined.as_str())?.strip_suffix('-')?;
            Some(word_value(number, rules)? as f64 + 0.5)
        })
}

/// The length of "and a half" at `i`, if it is there.
pub fn plus_a_half(tokens: &[Token], i: usize, end: usize, rules: &Rules) -> Option<usize> {
    let (_, len) = rules.forms.numbers.plus_a_half.at(tokens, i, end)?;
    Some(len)
}

/// "12,000" → 12000, "1.5" → 1.5, "3bn" → 3e9, "40k" → 40000. Ordinals ("3rd"),
/// decades ("1990s") and joined forms ("10-week") are not plain amounts.
pub(super) fn digits(key: &str, rules: &Rules) -> Option<f64> {
    let numeric_end = key
        .bytes()
        .position(|b| !(b.is_ascii_digit() || b == b',' || b == b'.'))
        .unwrap_or(key.len());
    let (number, suffix) = key.split_at(numeric_end);
    // Most numbers are whole and short ("12", "2,000"): summed digit by digit,
    // exactly, without parsing text.
    if suffix.is_empty() && (1..=15).contains(&number.len()) && !number.contains('.') {
        let (whole, digits) = number
            .bytes()
            .filter(u8::is_ascii_digit)
            .fold((0u64, 0), |(sum, n), digit| {
                (sum * 10 + u64::from(digit - b'0'), n + 1)
            });
        return (digits > 0).then_some(whole as f64);
    }
    // "1.2e6", "3e-4"
    if let Some(exponent) = suffix.strip_prefix('e').and_then(|e| e.parse::<i32>().ok())
        && !number.contains(',')
    {
        return Some(number.parse::<f64>().ok()? * 10f64.powi(exponent));
    }
    let scale = if suffix.is_empty() {
        1.0
    } else {
        // "01m" of "2h 01m 09s" is minutes, not millions.
        if number.len() > 1 && number.starts_with('0') && !number.starts_with("0.") {
            return None;
        }
        *rules.scale_suffixes.get(suffix)?
    };
    let plain: String = number.chars().filter(|&c| c != ',').collect();
    plain.parse::<f64>().ok().map(|v| v * scale)
}

/// Number words: "three", "twenty-one", "twenty one", "two hundred and fifty",
/// "two thousand three hundred", "three hundred and fifty thousand".
fn words(tokens: &[Token], i: usize, end: usize, rules: &Rules) -> Option<(f64, usize)> {
    let (value, next) = below_a_hundred(tokens, i, end, rules)?;
    Some(scaled_words(tokens, value, next, end, rules))
}

/// A number word below a hundred at `i`: "three", "twenty-one", "twenty one".
fn below_a_hundred(tokens: &[Token], i: usize, end: usize, rules: &Rules) -> Option<(f64, usize)> {
    let word_at = |k: usize| tokens.get(k).filter(|_| k < end);
    let (mut value, mut next) = (word_value(&word_at(i)?.key, rules)? as f64, i + 1);
    // "twenty one"
    let round_tens = (20.0..100.0).contains(&value) && value % 10.0 == 0.0;
    let units = word_at(next)
        .and_then(|t| rules.number_words.get(t.key.as_str()))
        .filter(|u| **u < 10);
    if let Some(&units) = units.filter(|_| round_tens) {
        value += units as f64;
        next += 1;
    }
    Some((value, next))
}

/// A number in words carried on from `value` at `next` through the scales that a
/// smaller number may follow (`scales-before-and`): each multiplies the part read
/// since the last larger one ("two hundred", "fifty thousand"), and a smaller number
/// right after one is added, with "and" or without ("two hundred and fifty", "two
/// thousand three hundred"). Other scales are applied by the caller.
fn scaled_words(
    tokens: &[Token],
    value: f64,
    mut next: usize,
    end: usize,
    rules: &Rules,
) -> (f64, usize) {
    let word_at = |k: usize| tokens.get(k).filter(|_| k < end);
    // The whole thousands read, and the part below a thousand still being read.
    let (mut thousands, mut part) = (0.0, value);
    // The scale just read, which a smaller number may follow.
    let mut after_scale = None;
    while let Some(token) = word_at(next) {
        if let Some(&scale) = rules.scales_before_and.get(token.key.as_str()) {
            // A scale multiplies a part smaller than itself: not "hundred hundred".
            if part <= 0.0 || part >= scale.min(1000.0) {
                break;
            }
            if scale >= 1000.0 {
                thousands += part * scale;
                part = 0.0;
            } else {
                part *= scale;
            }
            next += 1;
            after_scale = Some(scale);
            continue;
        }
        let Some(scale) = after_scale.take() else {
            break;
        };
        let and = rules.and_words.contains(token.key.as_str());
        let smaller = below_a_hundred(tokens, next + usize::from(and), end, rules)
            .filter(|&(smaller, _)| smaller < scale && part + smaller < 1000.0);
        let Some((smaller, after)) = smaller else {
            break;
        };
        part += smaller;
        next = after;
    }
    (thousands + part, next)
}

/// The amount one token's key writes: digits ("38", "2,000", "1.8") or a number
/// word ("five", "thirty-eight").
pub fn key_value(key: &str, rules: &Rules) -> Option<f64> {
    if key.starts_with(|c: char| c.is_ascii_digit()) {
        digits(key, rules)
    } else {
        word_value(key, rules).map(|v| v as f64)
    }
}

/// "three" → 3, "twenty-one" → 21.
pub fn word_value(key: &str, rules: &Rules) -> Option<u64> {
    if let Some(&value) = rules.number_words.get(key) {
        return Some(value);
    }
    if key.len() <= 6 {
        return None;
    }
    let (tens, units) = key.split_once('-')?;
    let tens = *rules.number_words.get(tens)?;
    let units = *rules.number_words.get(units)?;
    (tens >= 20 && tens % 10 == 0 && tens < 100 && (1..10).contains(&units)).then_some(tens + units)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::sync::LazyLock;

    static RULES: LazyLock<Rules> = LazyLock::new(|| Rules::bundled().unwrap());

    proptest! {
        /// Whole numbers summed digit by digit read as the text parses, commas
        /// or not.
        #[test]
        fn whole_numbers_read_as_their_text_parses(key in "[0-9][0-9,]{0,16}") {
            let parsed = key.replace(',', "").parse::<f64>().ok();
            prop_assert_eq!(digits(&key, &RULES), parsed);
        }
    }

    #[test]
    fn a_memo_answers_only_for_its_tokens_and_bound() {
        let million = crate::segment::tokenize_str("some 1.5 million voters");
        let seven = crate::segment::tokenize_str("some 7 more voters");
        let value = |tokens: &[Token], end: usize| read(tokens, 1, end, &RULES).map(|q| q.value);
        let remembered = |tokens: &[Token], end: usize| {
            MEMO.with_borrow(|memo| memo.get(tokens, 1, end))
                .map(|amount| amount.map(|q| q.value))
        };
        let _scope = Memo::scope(&million);
        let whole = million.len();
        assert_eq!(remembered(&million, whole), None);
        assert_eq!(value(&million, whole), Some(1.5e6));
        assert_eq!(remembered(&million, whole), Some(Some(1.5e6)));
        assert_eq!(value(&million, whole), Some(1.5e6));
        // Another bound, or another document's tokens, are read afresh.
        assert_eq!(remembered(&million, 2), None);
        assert_eq!(value(&million, 2), Some(1.5));
        assert_eq!(remembered(&seven, seven.len()), None);
        assert_eq!(value(&seven, seven.len()), Some(7.0));
        assert_eq!(remembered(&seven, seven.len()), None);
    }

    #[test]
    fn a_memo_place_answers_only_for_the_token_last_read_there() {
        let text: Vec<String> = (0..2 * MEMO_SLOTS).map(|n| n.to_string()).collect();
        let tokens = crate::segment::tokenize_str(&text.join(" ; "));
        // Tokens `first` and `second` share a place: numbers are every other token.
        let (first, second) = (2, 2 + MEMO_SLOTS);
        let remembered = |i: usize| MEMO.with_borrow(|memo| memo.get(&tokens, i, tokens.len()));
        let _scope = Memo::scope(&tokens);
        let value = |i: usize| read(&tokens, i, tokens.len(), &RULES).map(|q| q.value);
        assert_eq!(value(first), Some(1.0));
        assert!(remembered(first).is_some());
        assert_eq!(value(second), Some(MEMO_SLOTS as f64 / 2.0 + 1.0));
        assert_eq!(remembered(first), None, "the later read took its place");
        assert_eq!(value(first), Some(1.0));
    }

    #[test]
    fn digits_read_decimals_scales_and_exponents() {
        for (key, value) in [
            ("1.5", 1.5),
            ("12,000", 12_000.0),
            ("3bn", 3e9),
            ("1.2e6", 1.2e6),
        ] {
            assert_eq!(digits(key, &RULES), Some(value), "{key}");
        }
        for key in ["3rd", "1990s", "1.2.3"] {
            assert_eq!(digits(key, &RULES), None, "{key}");
        }
    }
}
