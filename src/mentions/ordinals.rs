//! Ordinals: "third", "21st", "twenty-first", "fifth-largest".

use super::quantity;
use crate::rules::Rules;
use crate::segment::{Token, TokenKind};

/// An ordinal at token `i`, with one past its last token.
pub fn read(tokens: &[Token], i: usize, rules: &Rules) -> Option<(u64, usize)> {
    let token = tokens.get(i)?;
    // "fifth-largest", "3rd-highest": a rank by a superlative.
    let superlative = |word: &str| {
        let endings = &rules.superlative_endings;
        endings.iter().any(|ending| word.ends_with(ending.as_str()))
    };
    let key = match token.hyphen_parts() {
        Some((rank, word)) if superlative(word) => rank,
        _ => token.key.as_str(),
    };
    if token.kind == TokenKind::Number {
        let digits = key.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &key[digits.len()..];
        let value: u64 = digits.parse().ok()?;
        return (suffix == rules.ordinal_suffixes.of(value)).then_some((value, i + 1));
    }
    if let Some(&value) = rules.ordinals.get(key) {
        // "rose to second the motion": the verb.
        let verb = i
            .checked_sub(1)
            .is_some_and(|p| rules.infinitive_markers.contains(tokens[p].key.as_str()))
            && tokens.get(i + 1).is_some_and(|t| {
                let key = t.key.as_str();
                rules.articles.contains(key) || rules.references.possessives.contains(key)
            });
        return (!verb).then_some((value, i + 1));
    }
    compound(key, rules).map(|value| (value, i + 1))
}

/// "twenty-first": a round number of tens and an ordinal below ten.
pub fn compound(key: &str, rules: &Rules) -> Option<u64> {
    let (tens, unit) = key.split_once('-')?;
    let tens = quantity::word_value(tens, rules).filter(|t| *t >= 20 && t % 10 == 0 && *t < 100)?;
    let unit = rules.ordinals.get(unit).filter(|u| (1..10).contains(*u))?;
    Some(tens + unit)
}
