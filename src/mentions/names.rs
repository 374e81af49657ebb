//! Names of entities the fact base knows: the longest exact name or alias at each
//! place, else a fuzzy match over a run of capitalised words ("Qassem Soleimani"
//! finds "Qasem Soleimani").

use super::{Mention, MentionValue};
use crate::factbase::NameIndex;
use crate::rules::Rules;
use crate::segment::{Segmented, Token, TokenKind};
use std::ops::Range;

pub fn find(
    segmented: &Segmented,
    range: Range<usize>,
    names: &NameIndex,
    rules: &Rules,
) -> Vec<Mention> {
    let tokens = &segmented.tokens;
    let mut found = Vec::new();
    let mut i = range.start;
    while i < range.end {
        let longest = names.max_words().min(range.end - i);
        let exact = (1..=longest).rev().find_map(|n| {
            let key = key_of(&tokens[i..i + n])?;
            let entities = names.exact(&key);
            (!entities.is_empty())
                .then(|| (n, entities.iter().map(|&e| (e, 1.0)).collect::<Vec<_>>()))
        });
        let matched = exact.or_else(|| {
            (1..=longest).rev().find_map(|n| {
                let run = &tokens[i..i + n];
                if !run.iter().all(|t| proper_word(t, rules)) {
                    return None;
                }
                let matches = names.fuzzy(&key_of(run)?, n);
                (!matches.is_empty())
                    .then(|| (n, matches.iter().map(|m| (m.entity, m.score)).collect()))
            })
        });
        match matched {
            Some((n, entities)) => {
                let span = segmented.span_of(i..i + n);
                for (entity, score) in entities {
                    found.push(Mention {
                        span,
                        tokens: i..i + n,
                        value: MentionValue::Entity { entity, score },
                    });
                }
                i += n;
            }
            None => i += 1,
        }
    }
    found
}

/// The name key of a run of tokens, or `None` if the run starts or ends with
/// punctuation (a name never does).
fn key_of(run: &[Token]) -> Option<String> {
    if run.first()?.kind == TokenKind::Punct || run.last()?.kind == TokenKind::Punct {
        return None;
    }
    let words: Vec<&str> = run
        .iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .map(|t| t.key.as_str())
        .collect();
    Some(words.join(" "))
}

/// A capitalised word that is not a calendar word: the only kind fuzzily matched.
fn proper_word(token: &Token, rules: &Rules) -> bool {
    token.kind == TokenKind::Word
        && token.capitalized
        && !rules.months.contains_key(&token.key)
        && !rules.weekdays.contains_key(&token.key)
}
