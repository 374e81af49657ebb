//! The verify stage: each claim against the fact base, giving a verdict, the
//! evidence (fact ids, file:line, sources) and one sentence a person can follow.

mod event_count;
mod event_date;
pub mod events;

use crate::claims::{Claim, Statement};
use crate::factbase::{Fact, FactBase};
use crate::mentions::{Mention, MentionValue};
use crate::segment::Segmented;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

/// From best to worst; `--fail-on` compares against this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Supported,
    Unverified,
    Imprecise,
    Outdated,
    Contradicted,
}

impl Verdict {
    pub const ALL: [Verdict; 5] = [
        Verdict::Supported,
        Verdict::Imprecise,
        Verdict::Outdated,
        Verdict::Contradicted,
        Verdict::Unverified,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Unverified => "unverified",
            Verdict::Imprecise => "imprecise",
            Verdict::Outdated => "outdated",
            Verdict::Contradicted => "contradicted",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceRef {
    pub url: String,
    pub title: String,
}

/// A fact that decided (or bears on) a verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub fact: String,
    pub file: String,
    pub line: usize,
    pub sources: Vec<SourceRef>,
}

impl Evidence {
    pub fn of(fact: &Fact) -> Evidence {
        Evidence {
            fact: fact.id.clone(),
            file: fact.origin.file.display().to_string(),
            line: fact.origin.line,
            sources: fact
                .sources
                .iter()
                .map(|s| SourceRef {
                    url: s.url.clone(),
                    title: s.title.clone(),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Judgement {
    pub verdict: Verdict,
    pub explanation: String,
    pub evidence: Vec<Evidence>,
    /// Kind-specific resolved values for reports (what the claim was read as, and
    /// what it was checked against).
    pub normalized: serde_json::Map<String, serde_json::Value>,
}

impl Judgement {
    pub fn unverified(explanation: impl Into<String>) -> Judgement {
        Judgement {
            verdict: Verdict::Unverified,
            explanation: explanation.into(),
            evidence: Vec::new(),
            normalized: serde_json::Map::new(),
        }
    }
}

/// What checkers need besides the claim: the base, the document's tokens and the
/// events each sentence names (found once per sentence).
pub struct CheckContext<'a> {
    pub base: &'a FactBase,
    pub segmented: &'a Segmented,
    pub text: &'a str,
    pub rules: &'a crate::rules::Rules,
    entity_mentions: Vec<&'a Mention>,
    events: HashMap<usize, Vec<events::EventMatch>>,
}

impl<'a> CheckContext<'a> {
    pub fn new(
        base: &'a FactBase,
        segmented: &'a Segmented,
        text: &'a str,
        rules: &'a crate::rules::Rules,
        mentions: &'a [Mention],
    ) -> Self {
        let entity_mentions = mentions
            .iter()
            .filter(|m| matches!(m.value, MentionValue::Entity { .. }))
            .collect();
        CheckContext {
            base,
            segmented,
            text,
            rules,
            entity_mentions,
            events: HashMap::new(),
        }
    }

    /// Events the claim's sentence names, with an anchor in the claim's clause.
    pub fn events_for(&mut self, claim: &Claim) -> Vec<events::EventMatch> {
        let sentence = claim.sentence.clone();
        let (base, rules, segmented, mentions) =
            (self.base, self.rules, self.segmented, &self.entity_mentions);
        let all = self.events.entry(sentence.start).or_insert_with(|| {
            let inside: Vec<&Mention> = mentions
                .iter()
                .copied()
                .filter(|m| sentence.contains(&m.tokens.start))
                .collect();
            events::in_sentence(base, rules, &segmented.tokens, sentence.clone(), &inside)
        });
        all.iter()
            .filter(|m| m.anchored_in(&claim.clause))
            .cloned()
            .collect()
    }

    /// An event named right after the claim's tokens ("the 2015 Iran nuclear deal").
    pub fn event_named_at(&self, token: usize) -> Option<(usize, bool)> {
        self.entity_mentions.iter().find_map(|m| match m.value {
            MentionValue::Entity { entity, score }
                if m.tokens.start == token
                    && self.base.entities[entity].kind == crate::factbase::EntityKind::Event =>
            {
                Some((entity, self.base.names.is_strong(score)))
            }
            _ => None,
        })
    }

    /// The original text of a token range.
    pub fn text_of(&self, tokens: Range<usize>) -> &str {
        let span = self.segmented.span_of(tokens);
        span.get(self.text).unwrap_or("")
    }
}

/// Judges every claim.
pub fn verify(claims: &[Claim], context: &mut CheckContext) -> Vec<Judgement> {
    claims
        .iter()
        .map(|claim| match &claim.statement {
            Statement::Date(date) => event_date::check(claim, date, context),
            Statement::Count {
                value,
                tolerance,
                unit_words,
            } => event_count::check(claim, *value, *tolerance, unit_words, context),
        })
        .collect()
}
