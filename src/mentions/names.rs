//! Names of entities the fact base knows: the longest exact name or alias at each
//! place, else a fuzzy match over a run of capitalised words ("Qassem Suleymani"
//! finds "Qassem Suleimani").

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
    out: &mut Vec<Mention>,
) {
    let tokens = &segmented.tokens;
    let mut key = String::new();
    // How many capitalised words run from each token on: fuzzy matching only looks
    // inside such runs.
    let mut run_from = vec![0usize; range.len() + 1];
    for i in range.clone().rev() {
        if proper_word(&tokens[i], rules) {
            run_from[i - range.start] = run_from[i + 1 - range.start] + 1;
        }
    }
    let mut i = range.start;
    while i < range.end {
        let longest = names.max_words().min(range.end - i);
        let exact = names
            .name_lengths(&tokens[i].key)
            .iter()
            .filter(|&&n| n <= longest)
            .find_map(|&n| {
                key_of(&tokens[i..i + n], &mut key)?;
                let entities = names.exact(&key);
                (!entities.is_empty())
                    .then(|| (n, entities.iter().map(|&e| (e, 1.0)).collect::<Vec<_>>()))
            });
        let matched = exact.or_else(|| {
            let run = run_from[i - range.start].min(longest);
            (1..=run).rev().find_map(|n| {
                key_of(&tokens[i..i + n], &mut key)?;
                let matches = names.fuzzy(&key, n);
                (!matches.is_empty())
                    .then(|| (n, matches.iter().map(|m| (m.entity, m.score)).collect()))
            })
        });
        match matched {
            Some((n, entities)) => {
                let span = segmented.span_of(i..i + n);
                for (entity, score) in entities {
                    out.push(Mention {
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
}

/// Writes the name key of a run of tokens into `key`; `None` if the run starts or
/// ends with punctuation (a name never does).
fn key_of(run: &[Token], key: &mut String) -> Option<()> {
    if run.first()?.kind == TokenKind::Punct || run.last()?.kind == TokenKind::Punct {
        return None;
    }
    key.clear();
    for token in run.iter().filter(|t| t.kind != TokenKind::Punct) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&token.key);
    }
    Some(())
}

/// A capitalised word that is not a calendar word: the only kind fuzzily matched.
fn proper_word(token: &Token, rules: &Rules) -> bool {
    token.kind == TokenKind::Word
        && token.capitalized
        && !rules.months.contains_key(token.key.as_str())
        && !rules.weekdays.contains_key(token.key.as_str())
}
