//! ## What it finds
//! A place in a series: by a stated number ("the country's 99th prime minister",
//! "Israel's 11th president", "the 36th government"), or by counting, often within a
//! window of time ("the third person tapped to lead Iraq in just 10 weeks", "the
//! fourth election in two years", "the third spacecraft to reach Mars this month",
//! "the first new prime minister of the Reiwa era"), along one subject's own run
//! ("for a record seventh time", "his sixth"), or among a category ("the first woman
//! to lead the ECB").
//!
//! ## Why check it
//! Counting is where reporters slip: a predecessor forgotten, a window stretched.
//!
//! ## How it is checked
//! The series is named by the words after the ordinal: a phrase of
//! `rules/triggers.yaml`, an office's name or words of it, or a noun that a series of
//! the fact base declares (`nouns:`), that names a run of like events, or that names
//! nothing more than the subject's own facts. The subject is what the sentence refers
//! to that has an entry. A fact whose `series-ordinal` qualifier numbers it decides at
//! once; otherwise the series is counted up to the subject's entry, and the count is
//! exact only where the base holds every entry it reaches (`complete-from`).

use super::{Check, Claim, ClaimKind, ClauseContext};
use crate::dates::DateRange;
use crate::discourse::How;
use crate::factbase::{EntityIdx, EntityKind, Fact, FactBase, PropertyId, Role, Series};
use crate::mentions::{Duration, MentionValue};
use crate::rules::{Qualifier, SeriesPhrase, Tolerance};
use crate::segment::TokenKind;
use crate::verify::readings::{Query, Reading};
use crate::verify::{CheckContext, Evidence, Judgement, Verdict, wording};
use chrono::{Duration as Days, NaiveDate};
use serde::Serialize;
use std::ops::Range;

pub const ORDINAL: ClaimKind = ClaimKind::new("ordinal");
pub const KINDS: &[(ClaimKind, &str)] = &[(
    ORDINAL,
    "a place in a series, stated or counted within a window of time",
)];

/// What the words after an ordinal count along.
#[derive(Debug, Clone, PartialEq)]
pub enum SeriesRef {
    /// Facts of `property` about `object`, in date order: "tapped to lead Iraq".
    Facts {
        property: PropertyId,
        object: EntityIdx,
    },
    /// The holders of an office named in full, in order of taking it.
    Holders { office: EntityIdx },
    /// The subject's own facts about an award named in full: "his seventh Ballon d'Or".
    Received { award: EntityIdx },
    /// The holders of the office the subject held whose names have these words:
    /// "the country's 99th prime minister".
    OfficeWords(Vec<String>),
    /// What a noun names, found when checked: a declared series, a run of like events,
    /// a numbered run, or the subject's own facts ("time", "his sixth").
    Noun(Vec<String>),
    /// "the first woman to lead the IMF": a place in a series the fact base does not
    /// hold, listed so it is not lost.
    Unknown,
}

/// The window an ordinal counts within.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Window {
    /// "in just 10 weeks": back from the subject's entry.
    Span {
        duration: Duration,
        tolerance: Tolerance,
    },
    /// "this month", "this year": the days of a stated period.
    Dates(DateRange),
    /// "of the Reiwa era": the time of an event the fact base dates.
    Event(EntityIdx),
}

#[derive(Debug, Clone)]
pub struct OrdinalStatement {
    pub ordinal: u64,
    pub series: SeriesRef,
    /// "woman" in "the first woman to": only entries of this category count.
    pub qualifier: Option<Qualifier>,
    pub window: Option<Window>,
    /// "the first new prime minister": only entries that begin within the window.
    pub new_only: bool,
    /// The owner written before the ordinal ("Israel's", "the country's").
    pub owner: Option<Range<usize>>,
}

/// How far after the ordinal a series phrase may start ("third person tapped to").
const PHRASE_REACH: usize = 3;
/// How many words an office's name may run to in a draft.
const OFFICE_WORDS: usize = 7;

pub fn find(context: &ClauseContext) -> Vec<Claim> {
    let Some(base) = context.base else {
        return Vec::new();
    };
    let tokens = &context.segmented.tokens;
    let end = context.clause.end;
    let new_words = &context.rules.ordinal_new_words;
    let mut claims = Vec::new();
    for mention in context.mentions {
        let MentionValue::Ordinal(ordinal) = mention.value else {
            continue;
        };
        let mut after = mention.tokens.end;
        let new_only = tokens
            .get(after)
            .is_some_and(|t| after < end && new_words.contains(t.key.as_str()));
        if new_only {
            after += 1;
        }
        let qualifier = context
            .rules
            .ordinal_qualifiers
            .at(tokens, after, end)
            .map(|(qualifier, len)| {
                after += len;
                qualifier.clone()
            });
        // "first won the award", "first became": an ordinal that qualifies a verb
        // counts nothing itself (the claim about the verb picks its fact).
        if tokens
            .get(after)
            .is_some_and(|t| after < end && context.rules.is_verb(t.key.as_str()))
        {
            continue;
        }
        let owner = owner_before(context, mention.tokens.start);
        let found = series_by_rule(context, base, after)
            .or_else(|| series_by_office(context, base, mention.tokens.start, after))
            .or_else(|| series_by_noun(context, base, after, mention.tokens.start));
        let (series, phrase_end) = match found {
            Some(found) => found,
            None if qualifier.is_some() => (SeriesRef::Unknown, unknown_series_end(context, after)),
            None => continue,
        };
        let window = window_after(context, phrase_end);
        let claim_end = window.as_ref().map_or(phrase_end, |(_, end)| *end);
        // "the first president since Reagan to ...", "the first U.S. President to
        // recognize ...": a first at doing something, not a place among the holders.
        if !matches!(series, SeriesRef::Facts { .. } | SeriesRef::Unknown)
            && qualifier.is_none()
            && records_a_first(context, phrase_end.max(claim_end))
        {
            continue;
        }
        let start = mention.tokens.start;
        let statement = OrdinalStatement {
            ordinal,
            series,
            qualifier,
            window: window.map(|(w, _)| w),
            new_only,
            owner,
        };
        claims.push(context.claim(ORDINAL, start..claim_end, statement));
    }
    claims
}

/// Whether the words at `at` make the ordinal a first at doing something: "since
/// Reagan", "ever", or "to" with a verb no property states things with ("to
/// recognize"); "to reach Mars" names what a series counts.
fn records_a_first(context: &ClauseContext, at: usize) -> bool {
    let tokens = &context.segmented.tokens;
    let rules = context.rules;
    // "since" opens a clause of its own, so look on to the sentence's end.
    let word = |i: usize| tokens.get(i).filter(|t| i < context.sentence.end && t.is_word());
    match word(at).map(|t| t.key.as_str()) {
        Some(key) if rules.ordinal_record_words.contains(key) => true,
        Some(key) if rules.infinitive_markers.contains(key) => {
            word(at + 1).is_some_and(|verb| !rules.is_verb(verb.key.as_str()))
        }
        _ => false,
    }
}

/// "Israel's", "the country's", "Britain's", "his" right before the ordinal.
fn owner_before(context: &ClauseContext, ordinal: usize) -> Option<Range<usize>> {
    let tokens = &context.segmented.tokens;
    let before = ordinal.checked_sub(1).filter(|&p| p >= context.clause.start)?;
    if context.rules.references.possessives.contains(tokens[before].key.as_str()) {
        return Some(before..before + 1);
    }
    // A possessive's key has lost its "'s", so it is shorter than what was written.
    let token = &tokens[before];
    if !(token.is_word() && token.span().len() > token.key.len()) {
        return None;
    }
    let definite = |i: usize| context.rules.definite_articles.contains(tokens[i].key.as_str());
    let start = if before > context.clause.start && definite(before - 1) {
        before - 1
    } else {
        before
    };
    Some(start..before + 1)
}

/// A rule's phrase shortly after the ordinal ("person tapped to lead", "to lead"),
/// with the token after it.
fn series_phrase(context: &ClauseContext, after: usize) -> Option<(SeriesPhrase, usize)> {
    let tokens = &context.segmented.tokens;
    let end = context.clause.end;
    (after..(after + PHRASE_REACH).min(end)).find_map(|i| {
        context
            .rules
            .ordinal_series
            .at(tokens, i, end)
            .map(|(phrase, len)| (*phrase, i + len))
    })
}

/// "third person tapped to lead Iraq", "first woman to lead the ECB": a rule's
/// phrase shortly after the ordinal, then what it is about.
fn series_by_rule(
    context: &ClauseContext,
    base: &FactBase,
    after: usize,
) -> Option<(SeriesRef, usize)> {
    let (phrase, phrase_end) = series_phrase(context, after)?;
    let entity_at = |kinds: &dyn Fn(EntityKind) -> bool| {
        let start = skip_article(context, phrase_end);
        context.mentions.iter().find_map(|m| match m.value {
            MentionValue::Entity { entity, .. }
                if m.tokens.start == start && kinds(base.entities[entity].kind) =>
            {
                Some((entity, m.tokens.end))
            }
            _ => None,
        })
    };
    match phrase {
        SeriesPhrase::Facts(property) => {
            let (object, object_end) = entity_at(&|kind| kind != EntityKind::Event)?;
            Some((SeriesRef::Facts { property, object }, object_end))
        }
        SeriesPhrase::OfficeHolders => {
            let (office, office_end) = entity_named(context, base, phrase_end, None)?;
            Some((SeriesRef::Holders { office }, office_end))
        }
        SeriesPhrase::OfficeLeaders => {
            let (led, led_end) =
                entity_at(&|kind| matches!(kind, EntityKind::Organization | EntityKind::Country))?;
            match base.offices_leading(led) {
                [office] => Some((SeriesRef::Holders { office: *office }, led_end)),
                _ => None,
            }
        }
    }
}

/// "Britain's third prime minister", "the first woman president of the ECB": the
/// words after the ordinal name an office in full, with the possessive before the
/// ordinal if there is one.
fn series_by_office(
    context: &ClauseContext,
    base: &FactBase,
    ordinal_start: usize,
    after: usize,
) -> Option<(SeriesRef, usize)> {
    let tokens = &context.segmented.tokens;
    let owner = ordinal_start
        .checked_sub(1)
        .filter(|&p| p >= context.clause.start && tokens[p].capitalized);
    let (entity, end) = entity_named(context, base, after, owner)?;
    let series = match base.entities[entity].kind {
        EntityKind::Award => SeriesRef::Received { award: entity },
        _ => SeriesRef::Holders { office: entity },
    };
    Some((series, end))
}

/// The office or award whose name (or alias) the words from `start` spell, longest
/// first, also tried with the `owner` token before them ("Britain's" + "prime
/// minister").
fn entity_named(
    context: &ClauseContext,
    base: &FactBase,
    start: usize,
    owner: Option<usize>,
) -> Option<(EntityIdx, usize)> {
    let tokens = &context.segmented.tokens;
    let start = skip_article(context, start);
    let words: Vec<usize> = (start..context.clause.end.min(start + OFFICE_WORDS))
        .take_while(|&i| {
            tokens[i].kind == TokenKind::Word
                && !context.rules.ordinal_name_ends.contains(tokens[i].key.as_str())
        })
        .collect();
    for len in (1..=words.len()).rev() {
        let tail: Vec<&str> = words[..len]
            .iter()
            .map(|&i| tokens[i].key.as_str())
            .collect();
        let with_owner = owner.map(|p| format!("{} {}", tokens[p].key, tail.join(" ")));
        for key in with_owner
            .into_iter()
            .chain(std::iter::once(tail.join(" ")))
        {
            let offices: Vec<EntityIdx> = base
                .names
                .exact(&key)
                .iter()
                .copied()
                .filter(|&e| matches!(base.entities[e].kind, EntityKind::Office | EntityKind::Award))
                .collect();
            if let [entity] = offices[..] {
                return Some((entity, words[len - 1] + 1));
            }
        }
    }
    None
}

/// "99th prime minister", "fifth rover", "fourth election", "seventh time", "his
/// sixth": the noun after the ordinal, words of an office's name or not; or none
/// after a possessive, for the subject's own run.
fn series_by_noun(
    context: &ClauseContext,
    base: &FactBase,
    after: usize,
    ordinal_start: usize,
) -> Option<(SeriesRef, usize)> {
    let tokens = &context.segmented.tokens;
    let ends = &context.rules.counting.phrase_ends;
    let words: Vec<usize> = (after..context.clause.end.min(after + 3))
        .take_while(|&i| {
            let token = &tokens[i];
            token.kind == TokenKind::Word
                && !ends.contains(token.key.as_str())
                && !context.rules.ordinal_noun_ends.contains(token.key.as_str())
                && !context.rules.references.pronouns.contains_key(token.key.as_str())
        })
        .collect();
    if words.is_empty() {
        // "his sixth", "her first": the subject's own run.
        let possessive = ordinal_start
            .checked_sub(1)
            .filter(|&p| p >= context.clause.start)
            .is_some_and(|p| context.rules.references.pronouns.contains_key(tokens[p].key.as_str()));
        return possessive.then_some((SeriesRef::Noun(Vec::new()), after));
    }
    let keys: Vec<String> = words.iter().map(|&i| tokens[i].key.to_string()).collect();
    let end = words[words.len() - 1] + 1;
    let office_words: Vec<String> = context.rules.titles.content_words(keys.iter().map(String::as_str));
    if !office_words.is_empty() && office_words.iter().all(|w| base.titles.knows(w)) {
        return Some((SeriesRef::OfficeWords(office_words), end));
    }
    let units = &context.rules.counting;
    let noun: Vec<String> = keys.iter().map(|k| units.singular(k)).collect();
    // Only a noun the base counts something by: "time", a declared series' noun, or a
    // word of a run's name.
    let head = noun.last()?;
    let known = context.rules.ordinal_occasion_nouns.contains(head)
        || base.series.iter().any(|s| s.nouns.contains(head))
        || base.runs.iter().any(|&run| names_have(base, run, head, units));
    known.then_some((SeriesRef::Noun(noun), end))
}

/// The window after the phrase: a duration ("in just 10 weeks"), a period ("this
/// month", "in 2019"), or an event's time ("of the Reiwa era"), with one past its
/// end. Only words that lead into a window may stand between ("in", "of the").
fn window_after(context: &ClauseContext, phrase_end: usize) -> Option<(Window, usize)> {
    let tokens = &context.segmented.tokens;
    let hedged = |i: usize| {
        context.mentions.iter().any(|m| {
            m.tokens.contains(&i) && matches!(m.value, MentionValue::Hedge(_))
        })
    };
    let is_event = |m: &crate::mentions::Mention| match m.value {
        MentionValue::Entity { entity, .. } => context
            .base
            .is_some_and(|b| b.entities[entity].kind == EntityKind::Event),
        _ => false,
    };
    let m = context
        .mentions
        .iter()
        .filter(|m| {
            matches!(m.value, MentionValue::Duration(_) | MentionValue::Date(_)) || is_event(m)
        })
        .find(|m| m.tokens.start >= phrase_end && m.tokens.start <= phrase_end + 6)?;
    // Right after the phrase, past words leading in ("in just 10 weeks"), or past a
    // few more words that describe the series ("to reach Mars this month").
    let leads = &context.rules.ordinal_window_leads;
    let leads_in =
        (phrase_end..m.tokens.start).all(|i| leads.contains(tokens[i].key.as_str()) || hedged(i));
    let describes = (phrase_end..m.tokens.start).all(|i| tokens[i].is_word())
        && matches!(&m.value, MentionValue::Date(date) if matches!(date.expr, crate::mentions::DateExpr::Period { .. }));
    if !(leads_in || describes) {
        return None;
    }
    match &m.value {
        MentionValue::Duration(duration) => {
            let tolerance = context
                .hedge_before(m.tokens.start)
                .map_or(Tolerance::Exact, |(t, _)| t);
            Some((
                Window::Span {
                    duration: *duration,
                    tolerance,
                },
                m.tokens.end,
            ))
        }
        // "this month", "in 2019": a period; a day ("on Friday") dates the entry, and
        // "12 years ago" is a time since.
        MentionValue::Date(date)
            if date.range.precision != crate::dates::Precision::Day
                && !super::elapsed::is_ago(date) =>
        {
            Some((Window::Dates(date.range), m.tokens.end))
        }
        MentionValue::Entity { entity, .. }
            if context
                .base
                .is_some_and(|b| b.entities[*entity].kind == EntityKind::Event) =>
        {
            Some((Window::Event(*entity), m.tokens.end))
        }
        _ => None,
    }
}

/// Where the wording of a series the fact base lacks ends: "to lead the IMF" after
/// "the first woman", a rule's phrase and the capitalised name after it.
fn unknown_series_end(context: &ClauseContext, after: usize) -> usize {
    let tokens = &context.segmented.tokens;
    let Some((_, phrase_end)) = series_phrase(context, after) else {
        return after;
    };
    let name_start = skip_article(context, phrase_end);
    (name_start..context.clause.end)
        .take_while(|&i| tokens[i].is_word() && tokens[i].capitalized)
        .last()
        .map_or(phrase_end, |last| last + 1)
}

/// The token after a leading "the" at `at`, or `at`.
fn skip_article(context: &ClauseContext, at: usize) -> usize {
    let tokens = &context.segmented.tokens;
    let definite = &context.rules.definite_articles;
    if at + 1 < context.clause.end && definite.contains(tokens[at].key.as_str()) {
        at + 1
    } else {
        at
    }
}

/// A series found for a claim, with the subject's place in it.
#[derive(Clone)]
struct Located<'a> {
    /// The entries, in date order.
    entries: Vec<&'a Fact>,
    /// The subject's entry.
    subject: usize,
    /// Every entry of the subject the claim may mean (the subject's own at the draft's
    /// time, or those on the date the sentence states), latest last.
    candidates: Vec<usize>,
    strong: bool,
    /// What the series is, in words.
    what: String,
    /// From when the base holds every entry, if it says.
    complete_from: Option<NaiveDate>,
    /// Whether entries are counted one per subject (holders, winners) rather than
    /// one per fact (one subject's own run, occasions of an event).
    per_subject: bool,
}

#[derive(Debug, Clone, Serialize)]
struct Normalized {
    ordinal: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    series: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    complete: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    window: Option<String>,
}

impl Check for OrdinalStatement {
    fn check(&self, claim: &Claim, cx: &CheckContext) -> Judgement {
        let base = cx.base;
        let text = cx.text_of(claim.tokens.clone());
        let mut normalized = Normalized {
            ordinal: self.ordinal,
            series: None,
            subject: None,
            position: None,
            complete: None,
            category: self.qualifier.as_ref().map(|q| q.object.clone()),
            window: match &self.window {
                Some(Window::Span { duration, .. }) => Some(duration.iso()),
                Some(Window::Dates(range)) => Some(range.to_string()),
                Some(Window::Event(event)) => Some(base.entities[*event].id.clone()),
                None => None,
            },
        };
        let unverified =
            |why: String, normalized: &Normalized| Judgement::unverified(format!("“{text}”: {why}")).with(normalized);
        let category = match &self.qualifier {
            Some(qualifier) => match base.category(&qualifier.object) {
                Some(entity) => Some(Category {
                    property: qualifier.property,
                    entity,
                }),
                None => {
                    return unverified(
                        format!("the fact base has no category `{}`", qualifier.object),
                        &normalized,
                    );
                }
            },
            None => None,
        };
        let mut subjects = subjects(claim, cx);
        // "his first trophy", "Messi's seventh": the run of the person it belongs to.
        if let Some(owner) = &self.owner {
            let people: Vec<(EntityIdx, bool)> = cx
                .discourse
                .within(owner)
                .iter()
                .filter(|r| base.entities[r.entity].kind == EntityKind::Person)
                .map(|r| (r.entity, r.strong))
                .collect();
            if !people.is_empty() {
                subjects = people;
            }
        }
        let when = When::of(self, claim, cx);
        let found = match &self.series {
            SeriesRef::Facts { property, object } => {
                let declared = base.declared_series(*property, *object);
                named_series(base, &subjects, base.facts_of(*property, *object).collect(), declared, &when)
            }
            SeriesRef::Holders { office } => holders(base, &subjects, *office, &when),
            SeriesRef::Received { award } => received(base, &subjects, *award, &when),
            SeriesRef::OfficeWords(words) => {
                let owner = self.owner_words(cx);
                office_by_words(base, &subjects, words, &owner)
                    .ok_or_else(|| {
                        format!(
                            "no one named here held an office the fact base calls “{}”",
                            words.join(" ")
                        )
                    })
                    .and_then(|office| holders(base, &subjects, office, &when))
            }
            SeriesRef::Noun(noun) => {
                if let Some(judgement) = self.numbered_run(claim, cx, noun, &mut normalized) {
                    return judgement;
                }
                by_noun(claim, cx, &subjects, noun, &when)
            }
            SeriesRef::Unknown => Err("the fact base holds no series this counts along".into()),
        };
        let located = match found {
            Ok(located) => located,
            Err(why) => return unverified(why, &normalized),
        };
        normalized.series = Some(located.what.clone());
        // "his sixth in 2019": the year may date his sixth or bound what is counted.
        if let Some(Window::Dates(range)) = self.window
            && self.counts_own_run(&located)
        {
            let dated = self.dated_entry(cx, &text, &located, range, &normalized);
            let within = self.judge_candidates(cx, &text, &located, category, &normalized);
            return both_readings(&text, dated, within);
        }
        self.judge_candidates(cx, &text, &located, category, &normalized)
    }
}

impl OrdinalStatement {
    /// Judges each entry of the subject the claim may mean: supported when one fits,
    /// contradicted only when none does.
    fn judge_candidates(
        &self,
        cx: &CheckContext,
        text: &str,
        located: &Located,
        category: Option<Category>,
        normalized: &Normalized,
    ) -> Judgement {
        let mut judgements: Vec<Judgement> = located
            .candidates
            .iter()
            .map(|&subject| {
                let located = Located {
                    subject,
                    ..located.clone()
                };
                self.judge_entry(cx, text, located, category, normalized.clone())
            })
            .collect();
        if let Some(fits) = judgements.iter().position(|j| j.verdict == Verdict::Supported) {
            return judgements.swap_remove(fits);
        }
        match judgements.iter().position(|j| j.verdict != Verdict::Contradicted) {
            Some(undecided) => judgements.swap_remove(undecided),
            // Every reading refutes it: the latest entry's explanation.
            None => judgements.pop().expect("a located series has a candidate entry"),
        }
    }

    /// Judges the subject's place at one entry.
    fn judge_entry(
        &self,
        cx: &CheckContext,
        text: &str,
        located: Located,
        category: Option<Category>,
        mut normalized: Normalized,
    ) -> Judgement {
        let base = cx.base;
        let subject_fact = located.entries[located.subject];
        normalized.subject = Some(base.entities[subject_fact.subject].id.clone());
        // A fact numbered in its series decides at once.
        if self.window.is_none()
            && category.is_none()
            && let Some(number) = series_ordinal(base, subject_fact)
        {
            let position = number as usize;
            normalized.position = Some(position);
            normalized.complete = Some(true);
            let claimed = self.ordinal as usize;
            let who = &base.entities[subject_fact.subject].name;
            let (verdict, said) = if claimed == position {
                (Verdict::Supported, format!("the {} of the {}", wording::ordinal(position), located.what))
            } else {
                (
                    Verdict::Contradicted,
                    format!(
                        "the {}, not the {}, of the {}",
                        wording::ordinal(position),
                        wording::ordinal(claimed),
                        located.what
                    ),
                )
            };
            return Judgement::new(
                verdict,
                format!("“{text}”: the fact base numbers {who} {said}"),
                vec![Evidence::of(subject_fact)],
            )
            .decided_only_if(located.strong, "the name matched only weakly")
            .with(&normalized);
        }
        self.count(cx, text, located, category, normalized)
    }

    /// Whether the series is the subject's own run, written with a possessive ("his
    /// sixth", "Messi's seventh"), so a year after it may date the entry.
    fn counts_own_run(&self, located: &Located) -> bool {
        let possessive = self.owner.is_some() || matches!(&self.series, SeriesRef::Noun(noun) if noun.is_empty());
        let who = located.entries[located.subject].subject;
        possessive && !located.per_subject && located.entries.iter().all(|e| e.subject == who)
    }

    /// "his sixth in 2019" read as his sixth overall, which fell in 2019.
    fn dated_entry(
        &self,
        cx: &CheckContext,
        text: &str,
        located: &Located,
        range: DateRange,
        normalized: &Normalized,
    ) -> Judgement {
        let base = cx.base;
        let wanted = self.ordinal as usize;
        let from_start = located.complete_from == Some(NaiveDate::MIN);
        let Some(entry) = located.entries.get(wanted.wrapping_sub(1)) else {
            if from_start {
                return Judgement::new(
                    Verdict::Contradicted,
                    format!(
                        "“{text}”: the {} number {} in all",
                        located.what,
                        located.entries.len()
                    ),
                    located.entries.iter().map(|f| Evidence::of(f)).collect(),
                )
                .decided_only_if(located.strong, "the name matched only weakly")
                .with(normalized);
            }
            return Judgement::unverified(format!(
                "“{text}”: the fact base holds fewer than {wanted} of the {} and may not hold them all",
                located.what
            ))
            .with(normalized);
        };
        if !from_start {
            return Judgement::unverified(format!(
                "“{text}”: the fact base may not hold every one of the {}, so it cannot say which was the {}",
                located.what,
                wording::ordinal(wanted)
            ))
            .with(normalized);
        }
        let time = entry
            .time
            .or_else(|| base.occurrence(entry.subject).map(|(_, t)| t))
            .map(|t| t.range());
        let (verdict, said) = match time {
            Some(time) if range.contains(&time) => (Verdict::Supported, "within"),
            Some(time) if !range.overlaps(&time) => (Verdict::Contradicted, "outside"),
            _ => {
                return Judgement::unverified(format!(
                    "“{text}”: the fact base does not date the {} of the {} closely enough",
                    wording::ordinal(wanted),
                    located.what
                ))
                .with(normalized);
            }
        };
        Judgement::new(
            verdict,
            format!(
                "“{text}”: the {} of the {} was on {}, {said} {}",
                wording::ordinal(wanted),
                located.what,
                time.map(|t| t.to_string()).unwrap_or_default(),
                wording::range(&range)
            ),
            vec![Evidence::of(entry)],
        )
        .decided_only_if(located.strong, "the name matched only weakly")
        .with(normalized)
    }
}

/// A claim read two ways is decided only where both readings agree.
fn both_readings(text: &str, dated: Judgement, within: Judgement) -> Judgement {
    if dated.verdict == within.verdict {
        return dated;
    }
    let mut evidence = dated.evidence;
    evidence.extend(within.evidence);
    Judgement {
        verdict: Verdict::Unverified,
        explanation: format!(
            "“{text}” reads two ways that disagree: as a date ({}: {}) and as a count within that time ({}: {})",
            dated.verdict.as_str(),
            dated.explanation,
            within.verdict.as_str(),
            within.explanation
        ),
        evidence,
        normalized: within.normalized,
    }
}

/// What the sentence refers to, nearest the claim first, then the entities of the
/// facts its words state (the election a party's seats were won in).
fn subjects(claim: &Claim, cx: &CheckContext) -> Vec<(EntityIdx, bool)> {
    let near = claim.tokens.start;
    let mut found: Vec<(usize, EntityIdx, bool)> = cx
        .discourse
        .within(&claim.sentence)
        .iter()
        .map(|r| (r.tokens.start.abs_diff(near), r.entity, r.strong && r.how != How::Description))
        .collect();
    found.sort_by_key(|f| f.0);
    let mut subjects: Vec<(EntityIdx, bool)> = Vec::new();
    for (_, entity, strong) in found {
        match subjects.iter_mut().find(|(e, _)| *e == entity) {
            Some((_, known)) => *known |= strong,
            None => subjects.push((entity, strong)),
        }
    }
    let query = Query {
        words_in: claim.sentence.clone(),
        entities_in: claim.sentence.clone(),
        near: claim.tokens.clone(),
        words_needed: true,
        topic: false,
    };
    let accept = |_: &Fact, _: &crate::factbase::PropertyDefinition| true;
    for reading in cx.readings().find(&query, &accept) {
        for entity in reading.fact.entities() {
            if !subjects.iter().any(|(e, _)| *e == entity) {
                subjects.push((entity, reading.strong));
            }
        }
    }
    subjects
}

/// The number the fact's `series-ordinal` qualifier gives it, if any.
fn series_ordinal(base: &FactBase, fact: &Fact) -> Option<f64> {
    let id = base.properties.qualifier("series-ordinal")?;
    fact.qualifier(id)?.number()
}

/// A series of facts with the subject being the candidate named nearest that has an
/// entry.
fn named_series<'a>(
    base: &'a FactBase,
    subjects: &[(EntityIdx, bool)],
    mut entries: Vec<&'a Fact>,
    declared: Option<&Series>,
    when: &When,
) -> Result<Located<'a>, String> {
    entries.sort_by_key(|f| base.start_of(f));
    let what = match (declared, entries.first()) {
        (Some(series), _) => wording::lower_first(&series.name),
        (None, Some(fact)) => {
            let definition = base.property_of(fact);
            let object = fact.object.map_or("", |o| base.entities[o].name.as_str());
            format!("{} facts about {object}", definition.id)
        }
        (None, None) => return Err("the fact base holds no entries of this series".into()),
    };
    locate(base, entries, subjects, what, declared.and_then(|s| s.complete_from), true, when)
        .ok_or_else(|| "no one named here has an entry in it by the draft's date".to_string())
}

/// When a claim's entry may be: at or before the draft's date, on the date the
/// sentence states where it states one.
struct When {
    as_of: Option<NaiveDate>,
    stated: Option<DateRange>,
}

impl When {
    fn of(statement: &OrdinalStatement, claim: &Claim, cx: &CheckContext) -> When {
        let stated = match statement.window {
            Some(Window::Dates(range)) => Some(range),
            Some(_) => None,
            None => cx.date_near(&claim.clause, &claim.tokens).map(|(range, _)| range),
        };
        When { as_of: cx.as_of, stated }
    }

    /// The entries of `who` the claim may mean, latest last.
    fn candidates(&self, base: &FactBase, entries: &[&Fact], who: EntityIdx) -> Vec<usize> {
        let own: Vec<usize> = (0..entries.len())
            .filter(|&i| entries[i].subject == who)
            .filter(|&i| match (self.as_of, base.start_of(entries[i])) {
                (Some(as_of), Some(start)) => start <= as_of,
                _ => true,
            })
            .collect();
        let Some(stated) = self.stated else { return own };
        let on: Vec<usize> = own
            .iter()
            .copied()
            .filter(|&i| {
                let fact = entries[i];
                fact.time
                    .or_else(|| base.occurrence(fact.subject).map(|(_, t)| t))
                    .is_some_and(|t| t.range().overlaps(&stated))
            })
            .collect();
        if on.is_empty() { own } else { on }
    }
}

/// Puts the subject in the series: the candidate nearest the claim with an entry by
/// the draft's date, and the entries of it the claim may mean.
fn locate<'a>(
    base: &FactBase,
    entries: Vec<&'a Fact>,
    subjects: &[(EntityIdx, bool)],
    what: String,
    complete_from: Option<NaiveDate>,
    per_subject: bool,
    when: &When,
) -> Option<Located<'a>> {
    let (candidates, strong) = subjects.iter().find_map(|&(who, strong)| {
        let candidates = when.candidates(base, &entries, who);
        (!candidates.is_empty()).then_some((candidates, strong))
    })?;
    Some(Located {
        entries,
        subject: *candidates.last()?,
        candidates,
        strong,
        what,
        complete_from,
        per_subject,
    })
}

/// The times the subject received an award, each an entry; complete where a series
/// of the award's facts, the subject's or everyone's, says so.
fn received<'a>(
    base: &'a FactBase,
    subjects: &[(EntityIdx, bool)],
    award: EntityIdx,
    when: &When,
) -> Result<Located<'a>, String> {
    let name = &base.entities[award].name;
    for &(who, strong) in subjects {
        let mut entries: Vec<&Fact> = base
            .facts_about(who)
            .filter(|f| f.object == Some(award) && base.role(f) == Role::Occurrence)
            .collect();
        entries.sort_by_key(|f| base.start_of(f));
        let candidates = when.candidates(base, &entries, who);
        let Some(&subject) = candidates.last() else { continue };
        let complete_from = base.run_complete_from(entries[subject]);
        return Ok(Located {
            entries,
            subject,
            candidates,
            strong,
            what: format!("times {} received the {name}", base.entities[who].name),
            complete_from,
            per_subject: false,
        });
    }
    Err(format!("no one named here received the {name} by the draft's date"))
}

/// The holders of an office, each term an entry.
fn holders<'a>(
    base: &'a FactBase,
    subjects: &[(EntityIdx, bool)],
    office: EntityIdx,
    when: &When,
) -> Result<Located<'a>, String> {
    let terms: Vec<&Fact> = base
        .facts_by_object
        .get(&office)
        .into_iter()
        .flatten()
        .map(|&f| &base.facts[f])
        .filter(|f| base.role(f) == Role::State)
        .collect();
    let declared = terms
        .first()
        .and_then(|f| base.declared_series(f.property, office));
    let what = match declared {
        Some(series) => wording::lower_first(&series.name),
        None => format!("holders of the office of {}", base.entities[office].name),
    };
    let mut terms = terms;
    terms.sort_by_key(|f| base.start_of(f));
    locate(base, terms, subjects, what, declared.and_then(|s| s.complete_from), true, when)
        .ok_or_else(|| format!("no one named here held the office of {}", base.entities[office].name))
}

/// The office one of the subjects held whose names have every one of `words` and of
/// the owner's words ("Israel's" + "prime minister").
fn office_by_words(
    base: &FactBase,
    subjects: &[(EntityIdx, bool)],
    words: &[String],
    owner: &[String],
) -> Option<EntityIdx> {
    let has = |office: EntityIdx, words: &[String]| {
        base.titles
            .names_of(office)
            .any(|name| words.iter().all(|w| name.contains(w)))
    };
    subjects.iter().find_map(|&(who, _)| {
        let offices: Vec<EntityIdx> = base
            .facts_about(who)
            .filter(|f| base.role(f) == Role::State)
            .filter_map(|f| f.object)
            .filter(|&o| base.entities[o].kind == EntityKind::Office && has(o, words))
            .collect();
        let with_owner: Vec<EntityIdx> = offices
            .iter()
            .copied()
            .filter(|&o| owner.is_empty() || has(o, owner) || leads_owner(base, o, owner))
            .collect();
        with_owner.first().copied()
    })
}

/// Whether an office leads an organization or country whose name has the owner's words.
fn leads_owner(base: &FactBase, office: EntityIdx, owner: &[String]) -> bool {
    base.entities[office].leads.is_some_and(|led| {
        let entity = &base.entities[led];
        std::iter::once(&entity.name)
            .chain(&entity.aliases)
            .any(|name| owner.iter().all(|w| name.to_lowercase().contains(w.as_str())))
    })
}

/// A noun's series: the subject's own run ("time", "his sixth"), a declared series
/// with the noun, or a run of like events whose name has it.
fn by_noun<'a>(
    claim: &Claim,
    cx: &CheckContext<'a>,
    subjects: &[(EntityIdx, bool)],
    noun: &[String],
    when: &When,
) -> Result<Located<'a>, String> {
    let base = cx.base;
    let head = noun.last().map(String::as_str);
    // A declared series whose entries this noun names, in which a subject has an entry;
    // one whose object the sentence names first.
    if let Some(head) = head {
        let referenced = |e: EntityIdx| subjects.iter().any(|(s, _)| *s == e);
        let mut declared: Vec<&Series> = base
            .series
            .iter()
            .filter(|s| s.nouns.iter().any(|n| n == head))
            .collect();
        declared.sort_by_key(|s| !s.object.is_some_and(referenced));
        for series in declared {
            let per_subject = series.subject.is_none();
            if let Some(located) = locate(
                base,
                base.entries_of(series),
                subjects,
                wording::lower_first(&series.name),
                series.complete_from,
                per_subject,
                when,
            ) {
                return Ok(located);
            }
        }
        // A run of like events whose name has the noun ("the fourth election"), or
        // any run for "the second time"; the entry the clause's date falls on first.
        let stated = cx.date_in(&claim.clause).map(|(range, _)| range);
        let mut ordered: Vec<(EntityIdx, bool)> = subjects.to_vec();
        ordered.sort_by_key(|&(who, _)| {
            let time = base.occurrence(who).map(|(_, t)| t.range());
            !matches!((stated, time), (Some(s), Some(t)) if s.overlaps(&t))
        });
        let any_run = cx.rules.ordinal_occasion_nouns.contains(head);
        for &(who, strong) in &ordered {
            for part in base
                .facts_about(who)
                .filter(|f| base.role(f) == Role::Membership)
            {
                let Some(run) = part.object else { continue };
                if !any_run && !names_have(base, run, head, &cx.rules.counting) {
                    continue;
                }
                let mut entries: Vec<&Fact> = base.facts_of(part.property, run).collect();
                entries.sort_by_key(|f| base.start_of(f));
                let subject = entries.iter().position(|e| e.subject == who);
                if let Some(subject) = subject {
                    return Ok(Located {
                        entries,
                        subject,
                        candidates: vec![subject],
                        strong,
                        what: wording::lower_first(&base.entities[run].name),
                        complete_from: base
                            .declared_series(part.property, run)
                            .and_then(|s| s.complete_from),
                        per_subject: false,
                    });
                }
            }
        }
    }
    own_run(claim, cx, subjects, when).ok_or_else(|| match head {
        Some(noun) => format!("the fact base holds no series of {}", cx.rules.counting.plural(noun)),
        None => "the fact base holds no run of facts this counts along".into(),
    })
}

/// Whether one of an entity's names has a word that is `noun` or its plural.
fn names_have(base: &FactBase, entity: EntityIdx, noun: &str, units: &crate::units::Units) -> bool {
    let entity = &base.entities[entity];
    std::iter::once(&entity.name).chain(&entity.aliases).any(|name| {
        crate::segment::tokenize_str(name)
            .iter()
            .any(|t| t.is_word() && units.singular(&t.key) == noun)
    })
}

/// "won the Ballon d'Or for a record seventh time", "collected his sixth in 2019":
/// the fact the clause states about the subject, in the run of the subject's facts
/// of its property and object; complete where a declared series says so.
fn own_run<'a>(
    claim: &Claim,
    cx: &CheckContext<'a>,
    subjects: &[(EntityIdx, bool)],
    when: &When,
) -> Option<Located<'a>> {
    let base = cx.base;
    let query = Query {
        words_in: claim.sentence.clone(),
        entities_in: claim.sentence.clone(),
        near: claim.tokens.clone(),
        words_needed: true,
        topic: false,
    };
    let accept = |f: &Fact, d: &crate::factbase::PropertyDefinition| {
        d.role == Role::Occurrence && f.time.is_some()
    };
    let readings: Vec<Reading> = cx.readings().find(&query, &accept);
    let at = |r: &&Reading| {
        let time = r.time(base);
        match (when.stated, time) {
            (Some(stated), Some(time)) => stated.overlaps(&time),
            _ => true,
        }
    };
    let of_subjects = || {
        readings
            .iter()
            .filter(|r| subjects.iter().any(|(s, _)| *s == r.fact.subject))
    };
    // The run the fact on the stated date belongs to, else any run the words state.
    let reading = of_subjects().find(at).or_else(|| of_subjects().next())?;
    let fact = reading.fact;
    let mut entries: Vec<&Fact> = base
        .facts_about(fact.subject)
        .filter(|f| f.property == fact.property && f.object == fact.object)
        .collect();
    entries.sort_by_key(|f| base.start_of(f));
    let candidates = when.candidates(base, &entries, fact.subject);
    // Complete where a series over the subject's run, or over everyone's, says so.
    let complete_from = base.run_complete_from(fact);
    Some(Located {
        entries,
        subject: *candidates.last()?,
        candidates,
        strong: reading.strong,
        what: format!("times of {}", wording::fact(base, fact)),
        complete_from,
        per_subject: false,
    })
}

impl OrdinalStatement {
    /// The content words of the owner before the ordinal, with the name of what a
    /// description there refers to ("the country's": the country's name).
    fn owner_words(&self, cx: &CheckContext) -> Vec<String> {
        let Some(owner) = &self.owner else {
            return Vec::new();
        };
        let base = cx.base;
        if let Some(reference) = cx.discourse.within(owner).first() {
            let entity = &base.entities[reference.entity];
            return crate::segment::tokenize_str(&entity.name)
                .iter()
                .filter(|t| t.is_word())
                .map(|t| t.key.to_string())
                .collect();
        }
        let words: Vec<String> = cx.segmented.tokens[owner.clone()]
            .iter()
            .filter(|t| t.is_word() && !cx.rules.definite_articles.contains(t.key.as_str()))
            .map(|t| t.key.to_string())
            .collect();
        // "the country's" with no country named before says nothing more.
        if words
            .iter()
            .any(|w| cx.rules.references.descriptions.contains_key(w.as_str()))
        {
            return Vec::new();
        }
        words
    }

    /// "the country's 36th government": the entry of a numbered run (entries with a
    /// `series-ordinal`) whose name has the noun and the owner's name, current at the
    /// sentence's date, against the number stated.
    fn numbered_run(
        &self,
        claim: &Claim,
        cx: &CheckContext,
        noun: &[String],
        normalized: &mut Normalized,
    ) -> Option<Judgement> {
        let base = cx.base;
        let head = noun.last()?;
        let ordinal_id = base.properties.qualifier("series-ordinal")?;
        let owner = self.owner_words(cx);
        let at = cx
            .date_in(&claim.clause)
            .map(|(range, _)| range.last)
            .or(cx.as_of)?;
        let runs: Vec<EntityIdx> = base
            .runs
            .iter()
            .copied()
            .filter(|&run| {
                base.facts_by_object.get(&run).is_some_and(|facts| {
                    facts
                        .iter()
                        .any(|&f| base.facts[f].qualifier(ordinal_id).is_some())
                })
            })
            .filter(|&run| names_have(base, run, head, &cx.rules.counting))
            .filter(|&run| {
                let name = base.entities[run].name.to_lowercase();
                owner.iter().all(|w| name.contains(w.as_str()))
            })
            .collect();
        let run = *runs.first()?;
        if runs.iter().any(|&r| r != run) {
            return None;
        }
        let current = base
            .facts_by_object
            .get(&run)?
            .iter()
            .map(|&f| &base.facts[f])
            .filter(|f| f.qualifier(ordinal_id).is_some())
            .filter(|f| base.start_of(f).is_some_and(|start| start <= at))
            .max_by_key(|f| base.start_of(f))?;
        let number = current.qualifier(ordinal_id)?.number()? as usize;
        let text = cx.text_of(claim.tokens.clone());
        let what = wording::lower_first(&base.entities[run].name);
        normalized.series = Some(what.clone());
        normalized.subject = Some(base.entities[current.subject].id.clone());
        normalized.position = Some(number);
        normalized.complete = Some(true);
        let claimed = self.ordinal as usize;
        let current_name = &base.entities[current.subject].name;
        let (verdict, said) = if claimed == number {
            (Verdict::Supported, format!("the {}", wording::ordinal(number)))
        } else {
            (
                Verdict::Contradicted,
                format!("the {}, not the {}", wording::ordinal(number), wording::ordinal(claimed)),
            )
        };
        Some(
            Judgement::new(
                verdict,
                format!("“{text}”: on {at} the current one of the {what} was {current_name}, {said}"),
                vec![Evidence::of(current)],
            )
            .with(normalized),
        )
    }

    /// Counts the series up to the subject's entry and judges the ordinal.
    fn count(
        &self,
        cx: &CheckContext,
        text: &str,
        located: Located,
        category: Option<Category>,
        mut normalized: Normalized,
    ) -> Judgement {
        let base = cx.base;
        let entries = &located.entries;
        let subject = entries[located.subject];
        let name = |f: &Fact| base.entities[f.subject].name.clone();
        let start = |f: &Fact| base.start_of(f).unwrap_or(NaiveDate::MIN);
        let end = |f: &Fact| {
            f.time
                .and_then(|t| match t {
                    crate::factbase::FactTime::Between { end, .. } => {
                        Some(end.map_or(NaiveDate::MAX, |e| e.last))
                    }
                    crate::factbase::FactTime::At(_) => None,
                })
        };
        if let Some(category) = category {
            match category.of(base, subject.subject, start(subject)) {
                Membership::Member(_) => {}
                Membership::Other(fact) => {
                    let other = fact.object.map_or("", |o| base.entities[o].name.as_str());
                    return Judgement::new(
                        Verdict::Contradicted,
                        format!(
                            "“{text}”: {} is listed as {}, not {}",
                            name(subject),
                            wording::with_article(other),
                            wording::with_article(category.name(base))
                        ),
                        vec![Evidence::of(fact), Evidence::of(subject)],
                    )
                    .decided_only_if(located.strong, "the name matched only weakly")
                    .with(&normalized);
                }
                Membership::Unknown => {
                    return Judgement::unverified(format!(
                        "“{text}”: the fact base does not say whether {} is {}",
                        name(subject),
                        wording::with_article(category.name(base))
                    ))
                    .with(&normalized);
                }
            }
        }
        let reference = start(subject);
        let (from, until) = match self.window {
            Some(Window::Span { duration, tolerance }) => {
                let days = reach(&duration, tolerance, self.ordinal);
                (
                    days.and_then(|d| reference.checked_sub_signed(Days::try_days(d.floor() as i64)?)),
                    None,
                )
            }
            Some(Window::Dates(range)) => (Some(range.first), Some(range.last)),
            Some(Window::Event(event)) => match base.occurrence(event) {
                Some((_, time)) => (Some(time.range().first), Some(time.range().last)),
                None => {
                    return Judgement::unverified(format!(
                        "“{text}”: the fact base gives no time for {}",
                        base.entities[event].name
                    ))
                    .with(&normalized);
                }
            },
            None => (None, None),
        };
        if let Some(until) = until
            && reference > until
        {
            return Judgement::new(
                Verdict::Contradicted,
                format!(
                    "“{text}”: {} was on {reference}, outside the window that ends {until}",
                    name(subject)
                ),
                vec![Evidence::of(subject)],
            )
            .decided_only_if(located.strong, "the name matched only weakly")
            .with(&normalized);
        }
        let inside = |entry: &Fact| match (from, end(entry)) {
            (None, _) => true,
            (Some(from), Some(end)) if !self.new_only => end >= from,
            (Some(from), _) => start(entry) >= from,
        };
        if !inside(subject) {
            return Judgement::new(
                Verdict::Contradicted,
                format!(
                    "“{text}”: {} was on {reference}, before the window{}",
                    wording::fact(base, subject),
                    from.map(|f| format!(" that begins {f}")).unwrap_or_default()
                ),
                vec![Evidence::of(subject)],
            )
            .decided_only_if(located.strong, "the name matched only weakly")
            .with(&normalized);
        }
        // Entries before the subject's, once a subject where the series counts people.
        let mut counted: Vec<&Fact> = Vec::new();
        for &entry in &entries[..located.subject] {
            let repeat = located.per_subject
                && (entry.subject == subject.subject
                    || counted.iter().any(|c| c.subject == entry.subject));
            if inside(entry) && !repeat {
                counted.push(entry);
            }
        }
        counted.push(subject);
        // The count is exact where the base holds every entry it reaches back to.
        let held_in_full = located
            .complete_from
            .is_some_and(|complete| from.unwrap_or(NaiveDate::MIN) >= complete);
        let mut members: Vec<&Fact> = Vec::new();
        let mut member_facts: Vec<&Fact> = Vec::new();
        let mut unknown = 0;
        for &entry in &counted {
            match category.map(|c| c.of(base, entry.subject, start(entry))) {
                None => members.push(entry),
                Some(Membership::Member(fact)) => {
                    members.push(entry);
                    member_facts.push(fact);
                }
                Some(Membership::Other(_)) => {}
                Some(Membership::Unknown) => unknown += 1,
            }
        }
        let position = members.len();
        normalized.position = Some(position);
        normalized.complete = Some(held_in_full && unknown == 0);
        let window_text = match self.window {
            Some(Window::Span { duration, .. }) => {
                format!(" in the {} to {reference}", describe_duration(&duration))
            }
            Some(Window::Dates(range)) => format!(" in {}", wording::range(&range)),
            Some(Window::Event(event)) => format!(" in {}", base.entities[event].name),
            None => String::new(),
        };
        let found = format!("{} was on {reference}", wording::fact(base, subject));
        let first = members[0];
        let count = match category {
            None if position == 1 => format!("; none came before it{window_text}"),
            None => format!(
                "; the first of {position}{window_text} was {} on {}, {} days earlier",
                name(first),
                start(first),
                (reference - start(first)).num_days()
            ),
            Some(category) => {
                let one = wording::with_article(category.name(base));
                if position == 1 {
                    format!(
                        "; none of the {} before{window_text} is known to be {one}",
                        counted.len() - 1
                    )
                } else {
                    format!(
                        "; {position} of the {} counted{window_text} are each known to be {one}, the first {}",
                        counted.len(),
                        name(first)
                    )
                }
            }
        };
        let among = match category {
            Some(category) => format!("{} among the {}", category.name(base), located.what),
            None => format!("of the {}", located.what),
        };
        let partial = match located.complete_from {
            _ if held_in_full => None,
            Some(complete) if complete != NaiveDate::MIN => {
                Some(format!("holds them in full only from {complete}"))
            }
            _ => Some("does not hold them in full".to_string()),
        };
        let uncategorised = category.filter(|_| unknown > 0).map(|c| {
            format!(
                "gives no {} for {unknown} of those counted",
                base.properties.definition(c.property).id
            )
        });
        let why_open = format!(
            "the fact base {}",
            partial
                .into_iter()
                .chain(uncategorised)
                .collect::<Vec<_>>()
                .join(" and ")
        );
        let claimed = self.ordinal as usize;
        let highest = held_in_full.then_some(position + unknown);
        let exact = highest == Some(position);
        let (verdict, verdict_text) = if exact && claimed == position {
            (
                Verdict::Supported,
                format!("the {} {among}", wording::ordinal(position)),
            )
        } else if exact {
            (
                Verdict::Contradicted,
                format!(
                    "the {}, not the {}, {among}",
                    wording::ordinal(position),
                    wording::ordinal(claimed)
                ),
            )
        } else if claimed < position || highest.is_some_and(|h| claimed > h) {
            (
                Verdict::Contradicted,
                format!(
                    "at least the {}, not the {}, {among} ({why_open})",
                    wording::ordinal(position),
                    wording::ordinal(claimed)
                ),
            )
        } else {
            (
                Verdict::Unverified,
                format!(
                    "at least the {} {among}, but {why_open}, so the {} cannot be confirmed",
                    wording::ordinal(position),
                    wording::ordinal(claimed)
                ),
            )
        };
        Judgement::new(
            verdict,
            format!("“{text}”: {found}{count}: {verdict_text}"),
            Evidence::all(counted.iter().copied().chain(member_facts)),
        )
        .decided_only_if(located.strong, "the name matched only weakly")
        .with(&normalized)
    }
}

/// Whether an entry's subject is of a category, by the fact base.
enum Membership<'a> {
    /// A fact says so.
    Member(&'a Fact),
    /// A fact names another category.
    Other(&'a Fact),
    Unknown,
}

/// The qualifier's property and category, resolved in the fact base.
#[derive(Clone, Copy)]
struct Category {
    property: PropertyId,
    entity: EntityIdx,
}

impl Category {
    /// Which of the category's facts about `who` hold at `at` says.
    fn of<'a>(self, base: &'a FactBase, who: EntityIdx, at: NaiveDate) -> Membership<'a> {
        let mut other = None;
        let day = DateRange::day(at);
        for fact in base.facts_about(who).filter(|f| {
            f.property == self.property && f.time.is_none_or(|t| t.range().contains(&day))
        }) {
            if fact.object == Some(self.entity) {
                return Membership::Member(fact);
            }
            other = other.or(Some(fact));
        }
        other.map_or(Membership::Unknown, Membership::Other)
    }

    fn name(self, base: &FactBase) -> &str {
        &base.entities[self.entity].name
    }
}

/// How far back a window reaches, in days: a bare duration up to half a unit more
/// (it was rounded), "about" by its fraction, "just"/"nearly" no further. "The first
/// in 28 years" says the one before lay about 28 years back, so it reaches half a
/// unit less.
fn reach(duration: &Duration, tolerance: Tolerance, ordinal: u64) -> Option<f64> {
    let days = duration.days();
    let half = duration.unit.days() / 2.0;
    match tolerance {
        Tolerance::Exact if ordinal == 1 => Some((days - half).max(0.0)),
        Tolerance::Exact => Some(days + half),
        Tolerance::Around { fraction } => Some(days * (1.0 + fraction)),
        Tolerance::Nearly { .. } | Tolerance::AtMost | Tolerance::Below => Some(days),
        Tolerance::AtLeast | Tolerance::Above => None,
    }
}

/// "10 weeks", "a week".
fn describe_duration(duration: &Duration) -> String {
    let unit = format!("{:?}", duration.unit).to_lowercase();
    if duration.amount == 1.0 {
        format!("one {unit}")
    } else {
        format!("{} {unit}s", wording::number(duration.amount))
    }
}

/// Keeps, of readings that share a subject, property and object, the one an ordinal
/// in the clause points to: "his first term", "first won the award", "his sixth".
pub fn select_nth(cx: &CheckContext, claim: &Claim, readings: &mut Vec<Reading>) {
    let base = cx.base;
    let Some(nth) = cx.mentions_in(&claim.clause).iter().find_map(|m| match m.value {
        MentionValue::Ordinal(n) if n >= 1 => Some(n as usize),
        _ => None,
    }) else {
        return;
    };
    let key = |f: &Fact| (f.subject, f.property, f.object);
    let by_draft_date = |f: &Fact| match (cx.as_of, base.start_of(f)) {
        (Some(as_of), Some(start)) => start <= as_of,
        _ => true,
    };
    let mut keep: Vec<bool> = vec![true; readings.len()];
    for (i, reading) in readings.iter().enumerate() {
        let mut group: Vec<&Fact> = base
            .facts_about(reading.fact.subject)
            .filter(|f| key(f) == key(reading.fact) && by_draft_date(f))
            .collect();
        // A single fact is no run to count along; a run with fewer than `nth` entries
        // by the draft's date has none that is the one meant.
        if group.len() < 2 {
            continue;
        }
        group.sort_by_key(|f| base.start_of(f));
        keep[i] = group.get(nth - 1).is_some_and(|f| f.id == reading.fact.id);
    }
    let mut flags = keep.into_iter();
    readings.retain(|_| flags.next().unwrap_or(true));
}
