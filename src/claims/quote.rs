//! ## What it finds
//! A quotation attributed to a speaker: “It continues to be significant,” he said.
//!
//! ## Why check it
//! A quote is a claim about what someone said. The fact base holds no record of
//! speech, so quotes are listed as unverified: a reminder of what still needs a
//! source, never dropped and never guessed.

use super::{Claim, ClaimKind, ClauseContext, Statement};
use crate::factbase::EntityKind;
use crate::mentions::MentionValue;
use crate::segment::Token;

fn opens(token: &Token) -> bool {
    token.is_punct('“') || token.is_punct('"') || token.is_punct('‘')
}

fn closes(token: &Token, opener: &Token) -> bool {
    match opener.key.as_str() {
        "“" => token.is_punct('”'),
        "‘" => token.is_punct('’'),
        _ => token.is_punct('"'),
    }
}

/// Quotations in the sentence of `context` that a speech verb attributes.
pub fn find(context: &ClauseContext) -> Vec<Claim> {
    let tokens = &context.segmented.tokens;
    let sentence = context.sentence.clone();
    let attributed = tokens[sentence.clone()]
        .iter()
        .any(|t| context.rules.speech_verbs.contains(t.key.as_str()));
    if !attributed {
        return Vec::new();
    }
    let speaker = context
        .sentence_mentions
        .iter()
        .find_map(|m| match m.value {
            MentionValue::Entity { entity, .. }
                if context
                    .base
                    .is_some_and(|b| b.entities[entity].kind == EntityKind::Person) =>
            {
                Some(entity)
            }
            _ => None,
        });
    let mut claims = Vec::new();
    let mut i = sentence.start;
    while i < sentence.end {
        let close = opens(&tokens[i])
            .then(|| (i + 1..sentence.end).find(|&j| closes(&tokens[j], &tokens[i])))
            .flatten();
        if let Some(close) = close {
            let words = tokens[i + 1..close].iter().filter(|t| t.is_word()).count();
            if words >= context.rules.quote_min_words {
                claims.push(context.claim(
                    ClaimKind::Quote,
                    i..close + 1,
                    Statement::Quote { speaker },
                ));
            }
            i = close + 1;
            continue;
        }
        i += 1;
    }
    claims
}
