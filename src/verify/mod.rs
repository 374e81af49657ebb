//! The verify stage's shared parts: verdicts, evidence, judgements, and the context a
//! claim kind checks its claim in (the fact base, the draft's tokens, mentions and
//! references, indexed by position). `readings` finds the facts a stretch of a
//! sentence states; `wording` says facts and spans in words for explanations. Each
//! claim kind's own check lives with it, in `claims`.

pub mod readings;
pub mod wording;

use crate::dates::{DateRange, TimeUnit};
use crate::discourse::Discourse;
use crate::factbase::{Fact, FactBase, FactTime};
use crate::mentions::{Duration, Mention, MentionValue};
use crate::rules::{Rules, Tolerance};
use crate::segment::Segmented;
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt;
use std::ops::Range;

pub use readings::{Reading, Readings};

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

    /// Whether the verdict says the draft is wrong.
    pub fn is_bad(self) -> bool {
        matches!(
            self,
            Verdict::Imprecise | Verdict::Outdated | Verdict::Contradicted
        )
    }
}

/// The verdict from which a check fails (exit status 1): `--fail-on`, or `fail-on`
/// in claimcheck.toml. `never` never fails.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, Serialize, clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum FailOn {
    #[default]
    Contradicted,
    Outdated,
    Imprecise,
    Unverified,
    Never,
}

impl FailOn {
    /// The least verdict that fails, if any does.
    pub fn threshold(self) -> Option<Verdict> {
        match self {
            FailOn::Contradicted => Some(Verdict::Contradicted),
            FailOn::Outdated => Some(Verdict::Outdated),
            FailOn::Imprecise => Some(Verdict::Imprecise),
            FailOn::Unverified => Some(Verdict::Unverified),
            FailOn::Never => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self.threshold() {
            Some(verdict) => verdict.as_str(),
            None => "never",
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

    /// Evidence from several facts, each once, in order.
    pub fn all<'a>(facts: impl IntoIterator<Item = &'a Fact>) -> Vec<Evidence> {
        let mut evidence: Vec<Evidence> = Vec::new();
        for fact in facts {
            if !evidence.iter().any(|e| e.fact == fact.id) {
                evidence.push(Evidence::of(fact));
            }
        }
        evidence
    }
}

#[derive(Debug, Clone)]
pub struct Judgement {
    pub verdict: Verdict,
    pub explanation: String,
    pub evidence: Vec<Evidence>,
    /// Kind-specific resolved values for reports (what the claim was read as, and
    /// what it was checked against), from the kind's own typed record.
    pub normalized: serde_json::Value,
}

impl Judgement {
    pub fn new(verdict: Verdict, explanation: impl Into<String>, evidence: Vec<Evidence>) -> Self {
        Judgement {
            verdict,
            explanation: explanation.into(),
            evidence,
            normalized: serde_json::Value::Object(serde_json::Map::new()),
        }
    }

    pub fn unverified(explanation: impl Into<String>) -> Judgement {
        Judgement::new(Verdict::Unverified, explanation, Vec::new())
    }

    /// The judgement with the kind's resolved values for reports.
    pub fn with(mut self, normalized: &impl Serialize) -> Judgement {
        self.normalized = serde_json::to_value(normalized)
            .unwrap_or_else(|_| serde_json::Value::Object(serde_json::Map::new()));
        self
    }

    /// A decided verdict kept only when `decided`; otherwise unverified, with `why`
    /// before the explanation.
    pub fn decided_only_if(mut self, decided: bool, why: &str) -> Judgement {
        if !decided && self.verdict != Verdict::Supported && self.verdict != Verdict::Unverified {
            self.verdict = Verdict::Unverified;
            self.explanation = format!("{}; left unverified because {why}", self.explanation);
        }
        self
    }
}

/// What a claim is checked in: the base, the draft's tokens, mentions and
/// references, each indexed by position so a look-up costs no scan of the draft.
pub struct CheckContext<'a> {
    pub base: &'a FactBase,
    pub segmented: &'a Segmented,
    /// The draft's prose: its text with markup blanked, at the same offsets.
    pub text: &'a str,
    pub rules: &'a Rules,
    /// The date relative claims count from, if the draft has one.
    pub as_of: Option<NaiveDate>,
    /// Every mention, sorted by position.
    pub mentions: &'a [Mention],
    pub discourse: Discourse,
}

impl<'a> CheckContext<'a> {
    pub fn new(
        base: &'a FactBase,
        segmented: &'a Segmented,
        text: &'a str,
        rules: &'a Rules,
        as_of: Option<NaiveDate>,
        mentions: &'a [Mention],
    ) -> Self {
        CheckContext {
            base,
            segmented,
            text,
            rules,
            as_of,
            mentions,
            discourse: Discourse::new(segmented, mentions, base, rules),
        }
    }

    /// The mentions whose first token lies in `range`.
    pub fn mentions_in(&self, range: &Range<usize>) -> &'a [Mention] {
        let first = self
            .mentions
            .partition_point(|m| m.tokens.start < range.start);
        let last = self
            .mentions
            .partition_point(|m| m.tokens.start < range.end);
        &self.mentions[first..last.max(first)]
    }

    /// The first date stated in `range`, with its tokens.
    pub fn date_in(&self, range: &Range<usize>) -> Option<(DateRange, Range<usize>)> {
        self.dates_in(range).next()
    }

    /// The dates mentioned in `range` that say which day they mean: not one the
    /// calendar contradicts by its weekday, which may mean another day.
    fn dates_in(&self, range: &Range<usize>) -> impl Iterator<Item = (DateRange, Range<usize>)> {
        self.mentions_in(range)
            .iter()
            .filter_map(|m| match &m.value {
                MentionValue::Date(date) if !date.weekday_mismatch => {
                    Some((date.range, m.tokens.clone()))
                }
                _ => None,
            })
    }

    /// The date mentioned in `range` nearest to `near`.
    pub fn date_near(
        &self,
        range: &Range<usize>,
        near: &Range<usize>,
    ) -> Option<(DateRange, Range<usize>)> {
        self.dates_in(range)
            .min_by_key(|(_, tokens)| tokens.start.abs_diff(near.start))
    }

    /// The prose of a token range (markup left out), on one line, for explanations.
    pub fn text_of(&self, tokens: Range<usize>) -> String {
        if tokens.is_empty() {
            return String::new();
        }
        let span = self.segmented.span_of(tokens);
        let text = span.get(self.text).unwrap_or("");
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The facts a stretch of a sentence states; see `readings`.
    pub fn readings(&self) -> Readings<'_, 'a> {
        Readings::new(self)
    }
}

/// How a bare duration (one without a hedge) is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    /// To the nearest whole unit: "two years ago".
    Nearest,
    /// Also in whole units completed: a length of time in office, "seven years and
    /// eight months" for 7 years, 8 months and 21 days.
    Completed,
}

/// How a span of `actual_days` fits a stated duration and its hedge; outside the
/// tolerance but within a quarter of the stated length is imprecise. A count of days
/// may include or leave out the first day.
pub fn judge_span(
    stated: &Duration,
    tolerance: Tolerance,
    actual_days: f64,
    rounding: Rounding,
) -> Verdict {
    let stated_days = stated.days();
    let within = match tolerance {
        Tolerance::Exact => {
            let unit = stated.unit.days();
            let off = (actual_days - stated_days) / unit;
            let (below, above) = match (stated.unit == TimeUnit::Day, rounding) {
                (true, _) => (1.0, 1.0),
                (false, Rounding::Nearest) => (0.5, 0.5),
                (false, Rounding::Completed) => (0.5, 1.0),
            };
            off >= -below - 1e-9 && off < above + 1e-9
        }
        _ => tolerance.admits(stated_days, actual_days),
    };
    // Close, but outside: a bare figure off by at most one of its units ("10 weeks"
    // for 11), a hedged one by at most a quarter.
    let off = (actual_days - stated_days).abs();
    let close = match tolerance {
        Tolerance::Exact => off <= stated.unit.days() * 1.5,
        _ => off <= 0.25 * stated_days,
    };
    if within {
        Verdict::Supported
    } else if close {
        Verdict::Imprecise
    } else {
        Verdict::Contradicted
    }
}

/// "702 days (1.9 years)": a span in days and in the stated unit.
pub fn describe_days(days: f64, unit: TimeUnit) -> String {
    // Decades and centuries read better in years ("25.0 years", not "0.3
    // centuries"), fortnights in weeks.
    let unit = match unit {
        TimeUnit::Decade | TimeUnit::Century => TimeUnit::Year,
        TimeUnit::Fortnight => TimeUnit::Week,
        unit => unit,
    };
    let in_unit = days / unit.days();
    let name = format!("{unit:?}").to_lowercase();
    if unit == TimeUnit::Day {
        format!("{days:.0} days")
    } else {
        format!("{days:.0} days ({in_unit:.1} {name}s)")
    }
}

/// The day a time is taken to mean when one day is needed: the day itself, or the
/// middle of a coarser date; a span of time from its start.
pub fn day_of(time: &FactTime) -> NaiveDate {
    match time {
        FactTime::At(range) => middle(range),
        FactTime::Between { start, .. } => start.first,
    }
}

/// The middle day of a range.
pub fn middle(range: &DateRange) -> NaiveDate {
    range.first + (range.last - range.first) / 2
}
