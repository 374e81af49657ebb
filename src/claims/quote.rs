//! ## What it finds
//! A quotation attributed to a speaker: “It continues to be significant,” he said;
//! she told reporters: "We took responsibility."
//!
//! ## Why check it
//! A quote is a claim about what someone said. The fact base holds no record of
//! speech, so quotes are listed as unverified: a reminder of what still needs a
//! source, never dropped and never guessed. What is inside a quotation is the
//! speaker's claim, not the draft's, so no other claim is made of its words.
//!
//! ## How it is checked
//! It is not: the speaker is named, and the quote stays unverified.

use super::{Check, Claim, ClaimKind, ClauseContext};
use crate::factbase::{EntityIdx, EntityKind};
use crate::mentions::MentionValue;
use crate::segment::Token;
use crate::verify::readings::stems;
use crate::verify::{CheckContext, Judgement};
use serde::Serialize;

pub const QUOTE: ClaimKind = ClaimKind::new("quote");
pub const KINDS: &[(ClaimKind, &str)] = &[(QUOTE, "a quotation attributed to a speaker")];

#[derive(Debug, Clone)]
pub struct QuoteStatement {
    pub speaker: Option<EntityIdx>,
}

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

/// Quotations in the sentence that a speech verb attributes. One set off by the verb
/// (“...,” she said; he said: "...") is a quote at two words; one elsewhere in a
/// sentence with a speech verb needs the rules' least number of words, so a phrase
/// in scare quotes stays the draft's own words.
pub fn find(context: &ClauseContext) -> Vec<Claim> {
    if !context.first_clause() {
        return Vec::new();
    }
    let tokens = &context.segmented.tokens;
    let sentence = context.sentence.clone();
    let is_speech =
        |t: &Token| t.is_word() && stems(context.rules, &t.key).any(|s| context.rules.speech_verbs.contains(s));
    let verbs: Vec<usize> = sentence.clone().filter(|&i| is_speech(&tokens[i])).collect();
    if verbs.is_empty() {
        return Vec::new();
    }
    let speaker = context.sentence_mentions.iter().find_map(|m| match m.value {
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
        let Some(close) = close else {
            i += 1;
            continue;
        };
        let words = tokens[i + 1..close].iter().filter(|t| t.is_word()).count();
        // Set off: the verb after the close with only words between (“...,” the
        // operations lead called out), or right before the open (allowing a colon or
        // comma between).
        let set_off = verbs.iter().any(|&v| {
            (v > close && v <= close + 8 && tokens[close + 1..v].iter().all(|t| t.is_word() || t.is_punct(',')))
                || (v < i && v + 3 >= i)
        });
        let least = if set_off {
            2
        } else {
            context.rules.quote_min_words
        };
        if words >= least {
            claims.push(context.claim(QUOTE, i..close + 1, QuoteStatement { speaker }));
        }
        i = close + 1;
    }
    claims
}

#[derive(Debug, Serialize)]
struct Normalized {
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<String>,
}

impl Check for QuoteStatement {
    fn check(&self, claim: &Claim, cx: &CheckContext) -> Judgement {
        // The claim's words are the quotation, its own quotation marks included.
        let text = cx.text_of(claim.tokens.clone());
        let speaker = self.speaker.map(|s| &cx.base.entities[s]);
        let judgement = Judgement::unverified(match speaker {
            Some(speaker) => format!(
                "{text}: a quotation attributed to {}; the fact base holds no record of what was said",
                speaker.name
            ),
            None => format!("{text}: a quotation; the fact base holds no record of what was said"),
        });
        judgement.with(&Normalized {
            speaker: speaker.map(|s| s.id.clone()),
        })
    }
}
