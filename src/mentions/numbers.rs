//! Numbers in digits and words, and the hedge words that qualify them.

use crate::rules::{Rules, Tolerance};
use crate::segment::{Token, TokenKind};

/// A hedge phrase at `i` ("about", "more than"), but only when a number or "a"/"an"
/// follows: "about three", "about a week", not "talked about Iran".
pub fn read_hedge(
    tokens: &[Token],
    i: usize,
    end: usize,
    rules: &Rules,
) -> Option<(Tolerance, usize)> {
    rules.hedges.iter().find_map(|(words, tolerance)| {
        let after = i + words.len();
        let matches = after < end
            && words
                .iter()
                .zip(&tokens[i..after])
                .all(|(w, t)| t.key == *w);
        let next = tokens.get(after)?;
        let quantity_follows = next.kind == TokenKind::Number
            || matches!(next.key.as_str(), "a" | "an" | "half")
            || number_word(&next.key, rules).is_some();
        (matches && quantity_follows).then_some((*tolerance, after))
    })
}

/// A number at `i`: digits ("12,000", "1.5") or words ("three", "twenty-one", "dozen").
pub fn read_number(tokens: &[Token], i: usize, rules: &Rules) -> Option<(f64, usize)> {
    let token = &tokens[i];
    match token.kind {
        TokenKind::Number => {
            let digits: String = token.key.chars().filter(|&c| c != ',').collect();
            let value: f64 = digits.parse().ok()?;
            // "3:30" is a time of day, not a number of anything.
            let clock = tokens.get(i + 1).is_some_and(|t| t.is_punct(':'))
                && tokens
                    .get(i + 2)
                    .is_some_and(|t| t.kind == TokenKind::Number);
            (!clock && value.is_finite()).then_some((value, i + 1))
        }
        TokenKind::Word => {
            let value = number_word(&token.key, rules)?;
            Some((value as f64, i + 1))
        }
        TokenKind::Punct => None,
    }
}

/// "three" → 3, "twenty-one" → 21.
fn number_word(key: &str, rules: &Rules) -> Option<u64> {
    if let Some(&value) = rules.number_words.get(key) {
        return Some(value);
    }
    let (tens, units) = key.split_once('-')?;
    let tens = *rules.number_words.get(tens)?;
    let units = *rules.number_words.get(units)?;
    (tens >= 20 && tens % 10 == 0 && tens < 100 && units < 10).then_some(tens + units)
}
