//! ## What it finds
//! A title given to a person: before the name ("Secretary of State Mike Pompeo",
//! "Acting NASA Administrator Steve Jurczyk", "Bayern Munich striker Robert
//! Lewandowski", "former foreign minister Fumio Kishida", "then-defence minister")
//! or after it, set off by a comma ("Qassem Soleimani, the head of Iran's elite
//! Quds Force").
//!
//! ## Why check it
//! Titles change: a title right on one date is outdated on another, and a wrong
//! office is a plain error.
//!
//! ## How it is checked
//! Against the person's own states (`role: state` facts: offices held, clubs played
//! for), at the date the sentence is about: a date its clause states, else what the
//! clause tells of, else the as-of date. The state meant is one whose office has
//! every word of the title in one of its names, or whose organization the title
//! names with a word for belonging to it ("striker") or leading it ("chairman",
//! through the office that `leads` it; `rules/titles.yaml`). A shared word
//! ("President") never identifies an office on its own: with no such state of the
//! person, the title is unverified, unless it names one office in full.

use super::{Check, Claim, ClaimKind, ClauseContext};
use crate::dates::DateRange;
use crate::factbase::{EntityIdx, EntityKind, Fact, FactBase, FactTime, Holders, Role};
use crate::mentions::{Mention, MentionValue};
use crate::rules::TitleModifier;
use crate::segment::TokenKind;
use crate::verify::readings::Query;
use crate::verify::{CheckContext, Evidence, Judgement, Verdict, middle, wording};
use chrono::NaiveDate;
use serde::Serialize;
use std::ops::Range;

pub const TITLE: ClaimKind = ClaimKind::new("title");
pub const KINDS: &[(ClaimKind, &str)] = &[(
    TITLE,
    "an office or position held by a person at the time the sentence is about",
)];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleForm {
    Prefix,
    Appositive,
}

/// What a title says about the organization it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Belonging {
    /// "Bayern Munich striker": a member of it.
    Member,
    /// "Jewish Agency chairman": the holder of the office that leads it.
    Leader,
    /// "NASA Administrator": an office whose name has the organization's name.
    Office,
}

#[derive(Debug, Clone)]
pub struct TitleStatement {
    pub person: EntityIdx,
    pub form: TitleForm,
    /// Whether the person's name matched strongly enough to decide a verdict.
    pub strong: bool,
    /// Whether the person was named by one word only ("Johnson"), which many
    /// people share.
    pub one_word_name: bool,
    /// The title's content words as written, without its modifier ("defence",
    /// "minister"), and with the words of an organization it names.
    pub words: Vec<String>,
    /// An office the title names in full ("Secretary of Defense"), if it does.
    pub office: Option<EntityIdx>,
    /// An organization or country the title names, and how.
    pub organization: Option<(EntityIdx, Belonging)>,
    pub modifier: Option<TitleModifier>,
}

pub fn find(context: &ClauseContext) -> Vec<Claim> {
    let Some(base) = context.base else {
        return Vec::new();
    };
    let tokens = &context.segmented.tokens;
    let mut claims = Vec::new();
    for (k, mention) in context.mentions.iter().enumerate() {
        let MentionValue::Entity { entity, score } = mention.value else {
            continue;
        };
        if base.entities[entity].kind != EntityKind::Person {
            continue;
        }
        let one_word_name = tokens[mention.tokens.clone()]
            .iter()
            .filter(|t| t.is_word())
            .count()
            == 1;
        let strong = base.names.is_strong(score);
        if let Some((start, title)) = prefix(context, base, &context.mentions[..k], mention) {
            let statement = TitleStatement {
                person: entity,
                form: TitleForm::Prefix,
                strong,
                one_word_name,
                ..title
            };
            claims.push(context.claim(TITLE, start..mention.tokens.end, statement));
            continue;
        }
        if let Some((end, title)) = appositive(context, base, mention) {
            let statement = TitleStatement {
                person: entity,
                form: TitleForm::Appositive,
                strong,
                one_word_name,
                ..title
            };
            claims.push(context.claim(TITLE, mention.tokens.start..end, statement));
        }
    }
    claims
}

/// The words of a title in `range`, read into a statement (without its person), if
/// they make one: an office named, an organization with a word for belonging to it
/// or leading it, or words of some office's name.
fn read_title(
    context: &ClauseContext,
    base: &FactBase,
    range: Range<usize>,
    mentions: &[Mention],
) -> Option<TitleStatement> {
    let tokens = &context.segmented.tokens;
    let titles = &context.rules.titles;
    let mut words = Vec::new();
    let mut office = None;
    let mut organization: Option<EntityIdx> = None;
    let mut belonging = None;
    let mut modifier = None;
    let mut i = range.start;
    while i < range.end {
        if let Some(m) = mentions.iter().find(|m| m.tokens.start == i)
            && let MentionValue::Entity { entity, .. } = m.value
        {
            match base.entities[entity].kind {
                EntityKind::Office => office = Some(entity),
                EntityKind::Organization | EntityKind::Country => organization = Some(entity),
                _ => return None,
            }
            words.extend(
                tokens[m.tokens.clone()]
                    .iter()
                    .filter(|t| t.is_word() && !titles.filler.contains(t.key.as_str()))
                    .map(|t| t.key.to_string()),
            );
            i = m.tokens.end;
            continue;
        }
        let key = tokens[i].key.as_str();
        // "then-defence", "ex-minister"
        let (prefix, rest) = key.split_once('-').unwrap_or(("", key));
        if let Some(&m) = titles.modifiers.get(prefix).or(titles.modifiers.get(key)) {
            modifier = Some(m);
            if titles.modifiers.contains_key(key) {
                i += 1;
                continue;
            }
        }
        let word = if titles.modifiers.contains_key(prefix) {
            rest
        } else {
            key
        };
        if titles.member_nouns.contains(word) {
            belonging = Some(Belonging::Member);
        } else if titles.leader_nouns.contains(word) {
            belonging = belonging.or(Some(Belonging::Leader));
        }
        if !titles.filler.contains(word) {
            words.push(word.to_string());
        }
        i += 1;
    }
    // "the ECB's third president" places the person in a series (an ordinal claim), it
    // does not give a title held at a time.
    if mentions
        .iter()
        .any(|m| range.contains(&m.tokens.start) && matches!(m.value, MentionValue::Ordinal(_)))
    {
        return None;
    }
    let organization = organization.map(|o| (o, belonging.unwrap_or(Belonging::Office)));
    let has_title_word = words
        .iter()
        .any(|w| base.titles.knows(w) || titles.member_nouns.contains(w.as_str()))
        || belonging.is_some();
    (office.is_some() || has_title_word).then_some(TitleStatement {
        person: 0,
        form: TitleForm::Prefix,
        strong: false,
        one_word_name: false,
        words,
        office,
        organization,
        modifier,
    })
}

/// "Acting NASA Administrator Steve Jurczyk": the words right before the name that
/// can be part of a title, with the first of them.
fn prefix(
    context: &ClauseContext,
    base: &FactBase,
    before: &[Mention],
    person: &Mention,
) -> Option<(usize, TitleStatement)> {
    let tokens = &context.segmented.tokens;
    let titles = &context.rules.titles;
    let floor = context
        .clause
        .start
        .max(person.tokens.start.saturating_sub(titles.reach));
    let mut start = person.tokens.start;
    while start > floor {
        let i = start - 1;
        if let Some(m) = before.iter().rev().find(|m| m.tokens.end == start) {
            match m.value {
                MentionValue::Entity { entity, .. }
                    if matches!(
                        base.entities[entity].kind,
                        EntityKind::Office | EntityKind::Organization | EntityKind::Country
                    ) && m.tokens.start >= floor =>
                {
                    start = m.tokens.start;
                    continue;
                }
                MentionValue::Entity { .. } => break,
                _ => {}
            }
        }
        let token = &tokens[i];
        if token.kind != TokenKind::Word {
            break;
        }
        let key = token.key.as_str();
        let (prefix, rest) = key.split_once('-').unwrap_or(("", key));
        let part_of_title = titles.modifiers.contains_key(key)
            || titles.modifiers.contains_key(prefix) && base.titles.knows(rest)
            || titles.member_nouns.contains(key)
            || titles.leader_nouns.contains(key)
            || base.titles.knows(key)
            // "Secretary of State": a filler word inside the title.
            || (titles.filler.contains(key) && !context.rules.articles.contains(key)
                && i > floor
                && base.titles.knows(tokens[i - 1].key.as_str()));
        if !part_of_title {
            // "Vice President Joe Biden", "then-Deputy Prime Minister": an office the
            // base does not know, not the bare one. Written in capitals, as titles are,
            // so that "under President Biden" stays a preposition.
            if token.has_capital && titles.rank_words.contains(rest) {
                return None;
            }
            break;
        }
        start = i;
    }
    if start == person.tokens.start {
        return None;
    }
    read_title(context, base, start..person.tokens.start, before).map(|t| (start, t))
}

/// "Qassem Soleimani, the head of Iran's elite Quds Force,": the words after a
/// comma right after the name, up to the next comma or the clause's end, when they
/// are a title the fact base knows.
fn appositive(
    context: &ClauseContext,
    base: &FactBase,
    person: &Mention,
) -> Option<(usize, TitleStatement)> {
    let tokens = &context.segmented.tokens;
    let titles = &context.rules.titles;
    let comma = person.tokens.end;
    if comma >= context.clause.end || !tokens[comma].is_punct(',') {
        return None;
    }
    let articles = &context.rules.articles;
    let mut first = comma + 1;
    while first < context.clause.end && articles.contains(tokens[first].key.as_str()) {
        first += 1;
    }
    let last = (first..context.clause.end.min(first + titles.reach + 3))
        .take_while(|&i| tokens[i].kind == TokenKind::Word)
        .last()?;
    let range = first..last + 1;
    let mut title = read_title(context, base, range.clone(), context.mentions)?;
    // An appositive that is not an office or an organization's title is matched
    // whole against the names of offices.
    if title.office.is_none() && title.organization.is_none() {
        let found = base.titles.best(&title.words)?;
        title.office = Some(found.office);
    }
    Some((range.end, title))
}

#[derive(Debug, Serialize)]
struct Normalized {
    person: String,
    at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    office: Option<String>,
}

impl Check for TitleStatement {
    fn check(&self, claim: &Claim, cx: &CheckContext) -> Judgement {
        let base = cx.base;
        let person = &base.entities[self.person];
        let mut normalized = Normalized {
            person: person.id.clone(),
            at: None,
            office: None,
        };
        let text = cx.text_of(claim.tokens.clone());
        let Some((period, why)) = when(self, claim, cx) else {
            return Judgement::unverified(format!("“{text}”: no date to judge the title at"))
                .with(&normalized);
        };
        let when = middle(&period);
        normalized.at = Some(when.to_string());
        let states: Vec<&Fact> = base
            .facts_about(self.person)
            .filter(|f| base.role(f) == Role::State && f.object.is_some())
            .collect();
        let meant: Vec<&Fact> = states
            .iter()
            .copied()
            .filter(|f| self.fits(base, f))
            .collect();
        let held_then = |f: &Fact| f.time.is_some_and(|t| covers(&t, when));
        let ended_before = |f: &Fact| f.time.is_some_and(|t| t.range().last < when);
        let begins_after = |f: &Fact| f.time.is_some_and(|t| t.range().first > when);
        let Some(&first) = meant.first() else {
            return self.never_held(&text, when, &why, cx).with(&normalized);
        };
        let state = |f: &Fact| wording::fact(base, f);
        normalized.office = first.object.map(|o| base.entities[o].id.clone());
        let judgement = match self.modifier {
            Some(TitleModifier::Former) => {
                match meant.iter().copied().find(|f| ended_before(f)) {
                    Some(term) if !meant.iter().any(|f| held_then(f)) => Judgement::new(
                        Verdict::Supported,
                        format!(
                            "“{text}”: {} ended before {when} ({why}): {}",
                            state(term),
                            wording::term(term)
                        ),
                        vec![Evidence::of(term)],
                    ),
                    _ => Judgement::new(
                        Verdict::Contradicted,
                        format!(
                            "“{text}”: {} was not over on {when} ({why}): {}",
                            state(first),
                            wording::term(first)
                        ),
                        Evidence::all(meant.iter().copied()),
                    ),
                }
            }
            Some(TitleModifier::Incoming) => match meant.iter().copied().find(|f| begins_after(f)) {
                Some(term) => Judgement::new(
                    Verdict::Supported,
                    format!(
                        "“{text}”: {} began after {when} ({why}): {}",
                        state(term),
                        wording::term(term)
                    ),
                    vec![Evidence::of(term)],
                ),
                None => Judgement::unverified(format!(
                    "“{text}”: the fact base holds no term of {} beginning after {when}",
                    person.name
                )),
            },
            _ => match meant.iter().copied().find(|f| held_then(f)) {
                Some(term) => Judgement::new(
                    Verdict::Supported,
                    format!(
                        "“{text}”: {} on {when} ({why}): {}",
                        state(term),
                        wording::term(term)
                    ),
                    vec![Evidence::of(term)],
                ),
                None => Judgement::new(
                    Verdict::Outdated,
                    format!(
                        "“{text}”: {} was {}, not {} ({why})",
                        state(first),
                        wording::term(first),
                        match period.first == period.last {
                            true => format!("on {when}"),
                            false => format!("in {period}"),
                        }
                    ),
                    Evidence::all(meant.iter().copied()),
                ),
            },
        };
        // A stated period that a term covers only in part names no one day: the
        // title may be meant at the end of it the term covers.
        let partly = |f: &&Fact| f.time.is_some_and(|t| covers_part(&t.range(), &period));
        let judgement = match meant.iter().copied().find(partly) {
            Some(term) if judgement.verdict.is_bad() => Judgement::unverified(format!(
                "“{text}”: {} covers only part of {period} ({why})",
                state(term)
            )),
            _ => judgement,
        };
        self.guarded(judgement, person.name.as_str())
            .with(&normalized)
    }
}

/// Whether a term covers some days of a period but not all.
fn covers_part(term: &DateRange, period: &DateRange) -> bool {
    term.overlaps(period) && !term.contains(period)
}

impl TitleStatement {
    /// Whether a state of the person is the one the title means.
    fn fits(&self, base: &FactBase, fact: &Fact) -> bool {
        let Some(object) = fact.object else {
            return false;
        };
        if self.office == Some(object) {
            return true;
        }
        let named = |words: &[String]| {
            !words.is_empty()
                && (base
                    .titles
                    .names_of(object)
                    .any(|name| words.iter().all(|w| name.contains(w)))
                    || base.titles.fits(object, words))
        };
        match self.organization {
            Some((organization, Belonging::Member)) => object == organization,
            Some((organization, Belonging::Leader)) => {
                base.offices_leading(organization).contains(&object) || named(&self.words)
            }
            Some((_, Belonging::Office)) | None => named(&self.words),
        }
    }

    /// No state of the person is the one the title means. The base may not hold
    /// every office a person held, so this is contradicted only when the title names
    /// one office in full, held by one person at a time, and the base holds someone
    /// else in it at the date; otherwise nothing decides it.
    fn never_held(&self, text: &str, when: NaiveDate, why: &str, cx: &CheckContext) -> Judgement {
        let base = cx.base;
        let person = &base.entities[self.person].name;
        let unverified = || {
            Judgement::unverified(format!(
                "“{text}”: the fact base records no such title for {person}"
            ))
        };
        let Some(office) = self.office else {
            return unverified();
        };
        if base.entities[office].holders == Holders::Many {
            return unverified();
        }
        let holder = base
            .facts_by_object
            .get(&office)
            .into_iter()
            .flatten()
            .map(|&f| &base.facts[f])
            .find(|f| {
                f.subject != self.person
                    && base.role(f) == Role::State
                    && f.time.is_some_and(|t| covers(&t, when))
            });
        let Some(holder) = holder else {
            return unverified();
        };
        // What the person was then, if the base knows, and who held the office.
        let own_then: Vec<&Fact> = base
            .facts_about(self.person)
            .filter(|f| base.role(f) == Role::State && f.time.is_some_and(|t| covers(&t, when)))
            .collect();
        let was = own_then
            .iter()
            .map(|f| wording::fact(base, f))
            .collect::<Vec<_>>()
            .join(" and ");
        let was = if was.is_empty() {
            String::new()
        } else {
            format!("; it was the time of {was}")
        };
        let judgement = Judgement::new(
            Verdict::Contradicted,
            format!(
                "“{text}”: on {when} ({why}) {} was {}: {}{was}",
                base.entities[holder.subject].name,
                base.entities[office].name,
                wording::term(holder)
            ),
            Evidence::all(own_then.into_iter().chain([holder])),
        );
        self.guarded(judgement, person)
    }

    /// Only strong, specific names decide: one word names many people, so "President
    /// Johnson" may confirm a title but not refute it.
    fn guarded(&self, judgement: Judgement, person: &str) -> Judgement {
        let judgement = judgement.decided_only_if(
            !self.one_word_name,
            &format!("the name may be someone other than {person}"),
        );
        judgement.decided_only_if(self.strong, "the name matched only weakly")
    }
}

/// The time the title is judged at, and why: a date the clause states (not one
/// reaching past the draft's, which a plan or forecast gives), else the time of what the clause
/// tells of (other than the person's own states), else the as-of date.
fn when(statement: &TitleStatement, claim: &Claim, cx: &CheckContext) -> Option<(DateRange, String)> {
    // A date before the person was born is about something else ("a ban from 1864").
    let born = cx
        .base
        .birth_of(statement.person)
        .and_then(|f| f.time)
        .map(|t| t.range().first);
    if let Some((range, _)) = cx.date_in(&claim.clause)
        && cx.as_of.is_none_or(|a| range.last <= a)
        && born.is_none_or(|b| range.first >= b)
    {
        return Some((range, "the date the sentence states".into()));
    }
    // What the title's own clause tells of, about what that clause names.
    let query = Query {
        words_in: claim.clause.clone(),
        entities_in: claim.clause.clone(),
        near: claim.tokens.clone(),
        words_needed: true,
        topic: false,
    };
    let base = cx.base;
    let accept = |f: &Fact, d: &crate::factbase::PropertyDefinition| {
        let own_state = f.subject == statement.person && d.role == Role::State;
        !own_state && !matches!(d.role, Role::Category | Role::Membership | Role::Birth)
    };
    let readings = cx.readings().find(&query, &accept);
    if let Some((reading, time)) = readings
        .iter()
        // A point in time: what happened, began or ended, not a state's whole span.
        .filter(|r| r.strong && r.identified(base) && r.aspect != crate::factbase::Aspect::State)
        .find_map(|r| Some((r, r.time(base)?)))
        .filter(|(_, time)| cx.as_of.is_none_or(|a| time.first <= a))
    {
        return Some((
            time,
            format!("the date of {}", wording::fact(base, reading.fact)),
        ));
    }
    cx.as_of.map(|a| (DateRange::day(a), "the as-of date".into()))
}

/// Whether a term covers a day; an open term runs on.
fn covers(time: &FactTime, day: NaiveDate) -> bool {
    let range = time.range();
    range.first <= day && day <= range.last
}
