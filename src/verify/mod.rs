//! The verify stage: each claim against the fact base, giving a verdict, the
//! evidence (fact ids, file:line, sources) and one sentence a person can follow.

mod elapsed;
mod event_count;
mod event_date;
pub mod events;
mod ordinal_window;
mod quote;
mod relative_event;
mod title;

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
    pub fn with_normalized(
        mut self,
        normalized: serde_json::Map<String, serde_json::Value>,
    ) -> Judgement {
        self.normalized = normalized;
        self
    }

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
    /// The date relative claims count from, if the draft has one.
    pub as_of: Option<chrono::NaiveDate>,
    /// Entity and date mentions in order of their first token, so the ones in a
    /// sentence or clause are found by binary search, not by a scan of the draft.
    entity_mentions: Vec<&'a Mention>,
    date_mentions: Vec<&'a Mention>,
    events: HashMap<usize, Vec<events::EventMatch>>,
}

/// The mentions of `sorted` whose first token lies in `tokens`.
fn starting_in<'m, 'a>(sorted: &'m [&'a Mention], tokens: &Range<usize>) -> &'m [&'a Mention] {
    let from = sorted.partition_point(|m| m.tokens.start < tokens.start);
    let to = sorted.partition_point(|m| m.tokens.start < tokens.end);
    sorted.get(from..to.max(from)).unwrap_or(&[])
}

impl<'a> CheckContext<'a> {
    pub fn new(
        base: &'a FactBase,
        segmented: &'a Segmented,
        text: &'a str,
        rules: &'a crate::rules::Rules,
        as_of: Option<chrono::NaiveDate>,
        mentions: &'a [Mention],
    ) -> Self {
        let by_first_token = |keep: fn(&MentionValue) -> bool| {
            let mut kept: Vec<&Mention> = mentions.iter().filter(|m| keep(&m.value)).collect();
            // Stable: mentions that start together keep their order.
            kept.sort_by_key(|m| m.tokens.start);
            kept
        };
        CheckContext {
            base,
            segmented,
            text,
            rules,
            as_of,
            entity_mentions: by_first_token(|v| matches!(v, MentionValue::Entity { .. })),
            date_mentions: by_first_token(|v| matches!(v, MentionValue::Date(_))),
            events: HashMap::new(),
        }
    }

    /// Events the claim's sentence names, with an anchor in the claim's clause.
    pub fn events_for(&mut self, claim: &Claim) -> Vec<events::EventMatch> {
        self.events_in(claim.sentence.clone(), claim.clause.clone())
    }

    /// Events `sentence` names, with an anchor in `clause` (found once a sentence).
    pub fn events_in(
        &mut self,
        sentence: Range<usize>,
        clause: Range<usize>,
    ) -> Vec<events::EventMatch> {
        let (base, rules, segmented, mentions) =
            (self.base, self.rules, self.segmented, &self.entity_mentions);
        let all = self.events.entry(sentence.start).or_insert_with(|| {
            let inside: Vec<&Mention> = starting_in(mentions, &sentence).to_vec();
            events::in_sentence(base, rules, &segmented.tokens, sentence.clone(), &inside)
        });
        all.iter()
            .filter(|m| m.anchored_in(&clause))
            .cloned()
            .collect()
    }

    /// The dated events `sentence` names in `clause`, strong matches first, then
    /// the nearest to `near`.
    pub fn dated_events_in(
        &mut self,
        sentence: Range<usize>,
        clause: Range<usize>,
        near: &Range<usize>,
    ) -> Vec<Dated<'a>> {
        let base = self.base;
        let mut dated: Vec<Dated> = self
            .events_in(sentence, clause)
            .into_iter()
            .filter_map(|event| {
                let (fact, time) = event.dated(base)?;
                Some(Dated {
                    distance: event.distance(near),
                    event,
                    fact,
                    time,
                })
            })
            .collect();
        dated.sort_by_key(|d| (!d.event.strong, d.distance));
        dated
    }

    /// An event named right after the claim's tokens ("the 2015 Iran nuclear deal").
    pub fn event_named_at(&self, token: usize) -> Option<(usize, bool)> {
        starting_in(&self.entity_mentions, &(token..token + 1))
            .iter()
            .find_map(|m| match m.value {
                MentionValue::Entity { entity, score }
                    if self.base.entities[entity].kind == crate::factbase::EntityKind::Event =>
                {
                    Some((entity, self.base.names.is_strong(score)))
                }
                _ => None,
            })
    }

    /// The first date stated in `clause`.
    pub fn date_in(&self, clause: &Range<usize>) -> Option<crate::dates::DateRange> {
        starting_in(&self.date_mentions, clause)
            .iter()
            .find_map(|m| match &m.value {
                MentionValue::Date(date) => Some(date.range),
                _ => None,
            })
    }

    /// The original text of a token range, on one line (for explanations).
    pub fn text_of(&self, tokens: Range<usize>) -> String {
        let span = self.segmented.span_of(tokens);
        let text = span.get(self.text).unwrap_or("");
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// How a span of `actual_days` fits a stated duration and its hedge. A bare
/// duration is right when it rounds to the stated amount of its unit; outside the
/// tolerance but within a quarter of the stated length is imprecise.
pub fn judge_span(
    stated: &crate::mentions::Duration,
    tolerance: crate::rules::Tolerance,
    actual_days: f64,
) -> Verdict {
    let stated_days = stated.days();
    let within = match tolerance {
        crate::rules::Tolerance::Exact => {
            (actual_days / stated.unit.days()).round() == stated.amount
        }
        _ => tolerance.admits(stated_days, actual_days),
    };
    if within {
        Verdict::Supported
    } else if (actual_days - stated_days).abs() <= 0.25 * stated_days {
        Verdict::Imprecise
    } else {
        Verdict::Contradicted
    }
}

/// "702 days (1.9 years)": a span in days and in the stated unit.
pub fn describe_days(days: f64, unit: crate::dates::TimeUnit) -> String {
    let in_unit = days / unit.days();
    let name = format!("{unit:?}").to_lowercase();
    if unit == crate::dates::TimeUnit::Day {
        format!("{days:.0} days")
    } else {
        format!("{days:.0} days ({in_unit:.1} {name}s)")
    }
}

/// An event located in a sentence, with the fact that dates it.
#[derive(Debug, Clone)]
pub struct Dated<'a> {
    pub event: events::EventMatch,
    pub fact: &'a Fact,
    pub time: crate::factbase::FactTime,
    pub distance: usize,
}

impl Dated<'_> {
    /// The day the event is taken to have happened: its day, or the middle of a
    /// coarser date; a span of time from its start.
    pub fn day(&self) -> chrono::NaiveDate {
        match self.time {
            crate::factbase::FactTime::At(range) => range.first + (range.last - range.first) / 2,
            crate::factbase::FactTime::Between { start, .. } => start.first,
        }
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
            Statement::Elapsed {
                duration,
                tolerance,
            } => elapsed::check(claim, duration, *tolerance, context),
            Statement::Relative { .. } | Statement::Order { .. } => {
                relative_event::check(claim, context)
            }
            Statement::Ordinal(statement) => ordinal_window::check(claim, statement, context),
            Statement::Title(statement) => title::check(claim, statement, context),
            Statement::Quote { speaker } => quote::check(*speaker, context),
        })
        .collect()
}
