//! Which facts a stretch of a sentence states. A fact is read from the wording when
//! the sentence refers to one of its entities (its subject, its object or an entity
//! of its qualifiers: by name, pronoun or description) and the stretch uses one of
//! its property's words (`rules/properties.yaml`), or when the stretch names an event
//! (by name or by its cue words), whose own occurrence it then states.
//!
//! Each reading says which aspect of the fact the words state (that it happened,
//! began, ended or held), what tied it to the wording, and whether it identifies its
//! fact with no second reading: a claim may be contradicted only by such a reading.

use super::CheckContext;
use crate::dates::DateRange;
use crate::discourse::{How, Reference};
use crate::factbase::{
    Aspect, Cue, EntityIdx, EntityKind, Fact, FactBase, FactTime, PerSubject, PropertyDefinition,
    Voice,
};
use crate::rules::Rules;
use crate::segment::Token;
use chrono::NaiveDate;
use rustc_hash::FxHashSet;
use std::ops::Range;

/// Whether a draft's token is a form of `word`: the word itself, or with one of the
/// lexicon's `word-endings` ("serve" matches "serves", "served", "serving"); word
/// lists give plain forms.
pub fn word_matches(rules: &Rules, token: &Token, word: &str) -> bool {
    token
        .key
        .strip_prefix(word)
        .is_some_and(|rest| rest.is_empty() || rules.word_endings.contains(rest))
}

/// The tokens of every place `phrase` occurs in `range`.
pub fn phrases_in<'t>(
    rules: &'t Rules,
    tokens: &'t [Token],
    range: Range<usize>,
    phrase: &'t [String],
) -> impl Iterator<Item = Range<usize>> + 't {
    let end = range.end;
    range.filter_map(move |i| {
        let fits = i + phrase.len() <= end
            && phrase
                .iter()
                .zip(&tokens[i..])
                .all(|(word, token)| word_matches(rules, token, word));
        fits.then_some(i..i + phrase.len())
    })
}

/// The tokens of the first place `phrase` occurs in `range`, if it does.
pub fn phrase_at(
    rules: &Rules,
    tokens: &[Token],
    range: Range<usize>,
    phrase: &[String],
) -> Option<Range<usize>> {
    let start = range.clone().find(|&i| {
        i + phrase.len() <= range.end
            && phrase
                .iter()
                .zip(&tokens[i..])
                .all(|(word, token)| word_matches(rules, token, word))
    })?;
    Some(start..start + phrase.len())
}

/// Where to look for what a claim states.
#[derive(Debug, Clone)]
pub struct Query {
    /// Where the property's words, or an event's name, must be: the claim's clause.
    pub words_in: Range<usize>,
    /// Where references to the fact's entities count: usually the whole sentence.
    pub entities_in: Range<usize>,
    /// The claim's own tokens, which readings are measured from.
    pub near: Range<usize>,
    /// Whether the property's words must be there, or naming an entity of the fact is
    /// enough (a count of rockets needs only its unit).
    pub words_needed: bool,
    /// Whether to fall back to the draft's topic when nothing in the sentence yields a
    /// reading ("The new rover carries seven instruments").
    pub topic: bool,
}

/// One way of reading the wording as stating a fact.
#[derive(Debug, Clone)]
pub struct Reading<'a> {
    pub fact: &'a Fact,
    /// What the words state about the fact.
    pub aspect: Aspect,
    /// The property's words that tied the fact to the wording, if words did.
    pub words: Option<Range<usize>>,
    /// The event's name (or cue words) when the stretch names the event itself.
    pub event_name: Option<Range<usize>>,
    /// The reference to the fact's subject, if the sentence makes one.
    pub subject: Option<Reference>,
    /// The reference to the fact's object, if the sentence makes one.
    pub object: Option<Reference>,
    /// Whether the sentence names the fact's object.
    pub object_named: bool,
    /// How many of the fact's entity qualifiers the sentence refers to, and how many
    /// of them it names rather than refers back to with a pronoun.
    pub qualifiers_named: usize,
    pub qualifiers_by_name: usize,
    /// How many content words the fact's text value has, if it has one.
    pub value_words: Option<usize>,
    /// How many content words of the fact's text value the stretch shares.
    pub shared_words: usize,
    /// Where those shared words stand.
    pub shared_at: Vec<usize>,
    /// Whether every reference it rests on matched strongly.
    pub strong: bool,
    /// Whether it rests on the draft's topic rather than on this sentence.
    pub from_topic: bool,
    /// Tokens from the claim to the nearest thing that tied the reading.
    pub distance: usize,
    /// Tokens between the property's words and the nearest entity of the fact the
    /// sentence refers to: how closely they belong together ("win at Saint-Etienne").
    /// 0 when the event is named; `usize::MAX` without words.
    pub bond: usize,
}

impl<'a> Reading<'a> {
    /// When the aspect the words state was: an occurrence's date, a term's start or
    /// end, or the span a state held. A fact without a time of its own (the votes of
    /// an election) takes the time of its subject's occurrence.
    pub fn time(&self, base: &FactBase) -> Option<DateRange> {
        aspect_time(&time_of(base, self.fact)?, self.aspect)
    }

    /// Whether the reading leaves no second reading of which fact is meant: the
    /// event named itself, a fact its subject has only one of, or, for a property a
    /// subject has many of, a fact whose object, a qualifier or its words the
    /// sentence also gives.
    pub fn identified(&self, base: &FactBase) -> bool {
        if self.event_name.is_some() {
            return true;
        }
        let definition = base.property_of(self.fact);
        let by_subject = self.subject.is_some() && definition.per_subject == PerSubject::One;
        let by_value = self
            .value_words
            .is_some_and(|words| self.shared_words >= words.min(2));
        // A number about the subject with nothing else to name is told apart by its
        // unit, which the claim matched ("43 sample tubes").
        let by_unit = definition.role == crate::factbase::Role::Quantity
            && self.subject.is_some()
            && self.fact.object.is_none()
            && self
                .fact
                .qualifiers
                .iter()
                .all(|(_, v)| v.entity().is_none());
        by_subject || self.object_named || self.qualifiers_named > 0 || by_value || by_unit
    }

    /// Whether a verdict may rest on it: strong names, from the sentence itself, a
    /// subject named rather than guessed from a pronoun, and no second reading.
    pub fn decisive(&self, base: &FactBase) -> bool {
        let named = match &self.subject {
            Some(subject) => matches!(subject.how, How::Named | How::Repeated),
            None => self.event_name.is_some() || self.object_named || self.qualifiers_by_name > 0,
        };
        self.strong && !self.from_topic && named && self.identified(base)
    }

    /// Tokens from `near` to the property's words or, failing them, to the object's
    /// name: how closely the wording ties the fact to a value ("12 years in office",
    /// "seven years as chief cabinet secretary").
    pub fn tie_distance(&self, near: &Range<usize>) -> usize {
        let words = self.words.as_ref().map(|w| w.clone().collect::<Vec<_>>());
        let object = self
            .object
            .as_ref()
            .map(|o| o.tokens.clone().collect::<Vec<_>>());
        let name = self
            .event_name
            .as_ref()
            .map(|n| n.clone().collect::<Vec<_>>());
        // The words a fact's text value shares with the stretch tie it too ("the first
        // images from the James Webb Space Telescope on Monday").
        let value = (self.shared_words > 1).then(|| self.shared_at.clone());
        [words, object, name, value]
            .into_iter()
            .flatten()
            .map(|anchors| distance(&anchors, near))
            .min()
            .unwrap_or(usize::MAX)
    }
}

/// When a fact holds: its own time; else, for a count without one (the votes of an
/// election, the seats a party won in one), the time of its subject's occurrence or
/// of an event its qualifiers name.
pub fn time_of(base: &FactBase, fact: &Fact) -> Option<FactTime> {
    fact.time
        .or_else(|| base.occurrence(fact.subject).map(|(_, t)| t))
        .or_else(|| {
            fact.qualifiers
                .iter()
                .filter_map(|(_, v)| v.entity())
                .filter(|&e| base.entities[e].kind == EntityKind::Event)
                .find_map(|e| base.occurrence(e).map(|(_, t)| t))
        })
}

/// The days a time's aspect covers: an occurrence's date or span, a term's start or
/// end (none while it goes on), the whole span of a state.
pub fn aspect_time(time: &FactTime, aspect: Aspect) -> Option<DateRange> {
    match (aspect, *time) {
        (_, FactTime::At(at)) => Some(at),
        (Aspect::Start, FactTime::Between { start, .. }) => Some(start),
        (Aspect::End, FactTime::Between { end, .. }) => end,
        (Aspect::Occurrence | Aspect::State, FactTime::Between { .. }) => Some(time.range()),
    }
}

/// How many tokens around a claim the entities it names as qualifiers may stand.
const QUALIFIER_REACH: usize = 3;

/// Finds readings for one context.
pub struct Readings<'c, 'a> {
    cx: &'c CheckContext<'a>,
}

impl<'c, 'a> Readings<'c, 'a> {
    pub fn new(cx: &'c CheckContext<'a>) -> Self {
        Readings { cx }
    }

    /// Every reading of `query` whose fact `accept` takes, nearest and best tied first.
    pub fn find(
        &self,
        query: &Query,
        accept: &dyn Fn(&Fact, &PropertyDefinition) -> bool,
    ) -> Vec<Reading<'a>> {
        let cx = self.cx;
        let references = cx.discourse.within(&query.entities_in);
        let mut found = self.events_named(query, references, accept);
        found.extend(self.by_references(query, references, accept, false));
        if found.is_empty() && query.topic {
            let topic: Vec<Reference> = cx
                .discourse
                .topic()
                .iter()
                .map(|&entity| Reference {
                    entity,
                    tokens: query.near.clone(),
                    how: How::Named,
                    strong: true,
                })
                .collect();
            found = self.by_references(query, &topic, accept, true);
        }
        found.sort_by_key(|r| {
            (
                !(r.strong && r.identified(cx.base)),
                r.from_topic,
                r.distance,
            )
        });
        found
    }

    /// Events the stretch names, by name or by cue, each read as its own occurrence.
    fn events_named(
        &self,
        query: &Query,
        references: &[Reference],
        accept: &dyn Fn(&Fact, &PropertyDefinition) -> bool,
    ) -> Vec<Reading<'a>> {
        let cx = self.cx;
        let base = cx.base;
        let tokens = &cx.segmented.tokens;
        let mut participants: Vec<EntityIdx> = Vec::new();
        let mut named: Vec<(EntityIdx, Range<usize>, bool)> = references
            .iter()
            .filter(|r| {
                r.how == How::Named
                    && base.entities[r.entity].kind == EntityKind::Event
                    && query.words_in.contains(&r.tokens.start)
            })
            .map(|r| (r.entity, r.tokens.clone(), r.strong))
            .collect();
        // Cues: all of a cue's words in the stretch, and its entities in the sentence.
        let mut candidates: Vec<(EntityIdx, usize)> = Vec::new();
        for token in &tokens[query.words_in.clone()] {
            for stem in stems(cx.rules, &token.key) {
                candidates.extend_from_slice(base.cues.by_word(stem));
            }
        }
        for reference in references {
            candidates.extend_from_slice(base.cues.by_entity(reference.entity));
        }
        candidates.sort_unstable();
        candidates.dedup();
        for (event, cue) in candidates {
            let cue = &base.entities[event].cues[cue];
            if let Some((anchors, strong)) = match_cue(cx.rules, cue, tokens, query, references) {
                named.push((event, anchors, strong));
                participants.extend(cue.entities.iter().filter(|&&e| e != event));
            }
        }
        // An event that takes part in another one named ("withdrew from the nuclear
        // deal" is about the withdrawal, not the deal) is not what the stretch tells of.
        named.retain(|(event, ..)| !participants.contains(event));
        let mut readings: Vec<Reading<'a>> = Vec::new();
        let mut done: Vec<EntityIdx> = Vec::new();
        for (event, anchors, strong) in named {
            if done.contains(&event) || !timely(cx, event) {
                continue;
            }
            done.push(event);
            // The event's own facts: its occurrence, and what else the base says of
            // it (how many rockets it involved).
            for fact in base.facts_about(event) {
                if !accept(fact, base.property_of(fact)) {
                    continue;
                }
                readings.push(Reading {
                    fact,
                    aspect: Aspect::Occurrence,
                    words: None,
                    distance: distance(&anchors.clone().collect::<Vec<_>>(), &query.near),
                    bond: 0,
                    event_name: Some(anchors.clone()),
                    subject: references.iter().find(|r| r.entity == event).cloned(),
                    object: None,
                    object_named: false,
                    qualifiers_named: 0,
                    qualifiers_by_name: 0,
                    value_words: value_words(cx.rules, fact),
                    shared_words: 0,
                    shared_at: Vec::new(),
                    strong,
                    from_topic: false,
                });
            }
        }
        readings
    }

    /// Facts about the entities referred to, tied by their property's words.
    fn by_references(
        &self,
        query: &Query,
        references: &[Reference],
        accept: &dyn Fn(&Fact, &PropertyDefinition) -> bool,
        from_topic: bool,
    ) -> Vec<Reading<'a>> {
        let cx = self.cx;
        let base = cx.base;
        let tokens = &cx.segmented.tokens;
        let present: FxHashSet<&str> = tokens[query.words_in.clone()]
            .iter()
            .flat_map(|t| stems(cx.rules, &t.key))
            .collect();
        let referred = |entity: EntityIdx| references.iter().find(|r| r.entity == entity);
        // Entities of each kind the stretch names, to tell a fact about another office
        // or club from one the sentence means.
        let named_in_words: Vec<EntityIdx> = cx
            .discourse
            .within(&query.words_in)
            .iter()
            .map(|r| r.entity)
            .collect();
        // Entities the claim's own words name ("41 Bundesliga goals", "goals in the
        // Bundesliga"): a fact whose qualifier gives another is not what it states.
        let around_claim =
            query.near.start.saturating_sub(QUALIFIER_REACH)..query.near.end + QUALIFIER_REACH;
        let named_by_claim: Vec<EntityIdx> = cx
            .discourse
            .within(&around_claim)
            .iter()
            .filter(|r| r.how == How::Named && query.entities_in.contains(&r.tokens.start))
            .map(|r| r.entity)
            .collect();
        let title_runs = title_runs(cx, &query.words_in);
        let mut seen: FxHashSet<(usize, Aspect)> = FxHashSet::default();
        let mut readings = Vec::new();
        for reference in references {
            for index in base.facts_naming(reference.entity) {
                let fact = &base.facts[index];
                let definition = base.property_of(fact);
                if !accept(fact, definition) {
                    continue;
                }
                if let Some(object) = fact.object
                    && referred(object).is_none()
                    && conflicting(base, object, &named_in_words)
                {
                    continue;
                }
                if qualifier_conflicting(base, fact, &named_by_claim, &referred) {
                    continue;
                }
                let subject = referred(fact.subject).cloned();
                // A fact is read through its subject, unless the subject is an event,
                // which the facts about it name by what took part in it, or the fact is
                // a measure between its subject and its object, which either names
                // ("signals took 11 minutes to reach Earth").
                let between =
                    definition.role == crate::factbase::Role::Quantity && fact.object.is_some();
                if subject.is_none()
                    && base.entities[fact.subject].kind != EntityKind::Event
                    && !between
                {
                    continue;
                }
                let object = fact.object.and_then(&referred).cloned();
                // An office is named too by naming what it leads ("took office at the
                // ECB"), or by words of its name ("became prime minister") when the
                // sentence names its holder. A title right before the holder's name
                // ("President Biden") or after an ordinal ("the first U.S. President to
                // ...") describes the person; it does not name the term.
                let subject_start = subject.as_ref().map(|r| r.tokens.start);
                let describes = |span: &Range<usize>| {
                    Some(span.end) == subject_start || ordinal_before(cx, span.start)
                };
                let object_named = fact.object.is_some_and(|o| {
                    let named_here = |r: &&Reference| !describes(&r.tokens);
                    references
                        .iter()
                        .filter(|r| r.entity == o)
                        .any(|r| named_here(&r))
                        || base.entities[o].leads.is_some_and(|l| {
                            references
                                .iter()
                                .filter(|r| r.entity == l)
                                .any(|r| named_here(&r))
                        })
                        || subject.as_ref().is_some_and(|holder| {
                            title_runs.iter().any(|(span, words)| {
                                !describes(span)
                                    && near(span, &holder.tokens)
                                    && base.titles.office_has(o, words)
                            })
                        })
                });
                let qualifier_refs: Vec<&Reference> = fact
                    .qualifiers
                    .iter()
                    .filter_map(|(_, v)| v.entity())
                    .filter_map(referred)
                    .collect();
                let qualifiers_named = qualifier_refs.len();
                let qualifiers_by_name = qualifier_refs
                    .iter()
                    .filter(|r| matches!(r.how, How::Named | How::Repeated))
                    .count();
                let value_words = value_words(cx.rules, fact);
                let shared_words = fact
                    .text()
                    .map_or(0, |text| shared(cx.rules, text, tokens, &query.words_in));
                let shared_at = fact.text().map_or_else(Vec::new, |text| {
                    shared_at(cx.rules, text, tokens, &query.words_in)
                });
                let strong = fact.entities().filter_map(referred).all(|r| r.strong);
                let anchors: Vec<usize> = fact
                    .entities()
                    .filter_map(referred)
                    .flat_map(|r| r.tokens.clone())
                    .collect();
                let mut tied = false;
                for aspect in Aspect::ALL {
                    if seen.contains(&(index, aspect)) {
                        continue;
                    }
                    // The occurrence of the aspect's words nearest the claim; words
                    // others do to the subject only with the subject after them or
                    // in the passive ("elected Suga", "Suga was elected").
                    let subject_at = subject.as_ref().map(|r| r.tokens.start);
                    // Where the object is named: by a name, or words of its name.
                    let object_at: Vec<usize> = fact
                        .object
                        .map(|o| {
                            let by_name = references
                                .iter()
                                .filter(|r| r.entity == o && !describes(&r.tokens))
                                .map(|r| r.tokens.start);
                            let by_words = title_runs
                                .iter()
                                .filter(|(span, words)| {
                                    !describes(span) && base.titles.office_has(o, words)
                                })
                                .map(|(span, _)| span.start);
                            by_name.chain(by_words).collect()
                        })
                        .unwrap_or_default();
                    let object_at = &object_at;
                    let occurrences: Vec<Range<usize>> = definition
                        .words_for(aspect)
                        .filter(|(phrase, _)| present.contains(phrase[0].as_str()))
                        .flat_map(|(phrase, voice)| {
                            phrases_in(cx.rules, tokens, query.words_in.clone(), phrase).filter(
                                move |words| match voice {
                                    Voice::Own => true,
                                    // "elected Suga"; "Suga was elected", not "appointed
                                    // by Biden".
                                    Voice::ByOthers => match subject_at {
                                        None => true,
                                        Some(at) if at >= words.end => !tokens[words.end..at]
                                            .iter()
                                            .any(|t| cx.rules.agent_words.contains(t.key.as_str())),
                                        Some(_) => passive(cx, words.start),
                                    },
                                    Voice::WithObject => object_at
                                        .iter()
                                        .any(|&at| at >= words.end && at <= words.end + 3),
                                },
                            )
                        })
                        .collect();
                    let Some(words) = occurrences
                        .iter()
                        .min_by_key(|words| {
                            distance(&(*words).clone().collect::<Vec<_>>(), &query.near)
                        })
                        .cloned()
                    else {
                        continue;
                    };
                    seen.insert((index, aspect));
                    tied = true;
                    let bond = occurrences
                        .iter()
                        .map(|words| distance(&anchors, words))
                        .min()
                        .unwrap_or(usize::MAX);
                    let mut anchors = anchors.clone();
                    anchors.extend(words.clone());
                    readings.push(Reading {
                        fact,
                        aspect,
                        distance: distance(&anchors, &query.near),
                        bond,
                        words: Some(words),
                        event_name: None,
                        subject: subject.clone(),
                        object: object.clone(),
                        object_named,
                        qualifiers_named,
                        qualifiers_by_name,
                        value_words,
                        shared_words,
                        shared_at: shared_at.clone(),
                        strong,
                        from_topic,
                    });
                }
                if !tied && !query.words_needed && seen.insert((index, Aspect::Occurrence)) {
                    readings.push(Reading {
                        fact,
                        aspect: Aspect::Occurrence,
                        distance: distance(&anchors, &query.near),
                        bond: usize::MAX,
                        words: None,
                        event_name: None,
                        subject,
                        object,
                        object_named,
                        qualifiers_named,
                        qualifiers_by_name,
                        value_words,
                        shared_words,
                        shared_at: shared_at.clone(),
                        strong,
                        from_topic,
                    });
                }
            }
        }
        readings
    }
}

/// The runs of words of office titles in a stretch ("prime minister", "defense
/// minister"), as content words.
fn title_runs(cx: &CheckContext, range: &Range<usize>) -> Vec<(Range<usize>, Vec<String>)> {
    let tokens = &cx.segmented.tokens;
    let titles = &cx.rules.titles;
    // Words inside a name are the name's ("President Biden" as one name).
    let named: FxHashSet<usize> = cx
        .discourse
        .within(range)
        .iter()
        .flat_map(|r| r.tokens.clone())
        .collect();
    let mut runs: Vec<(Range<usize>, Vec<String>)> = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let mut start = range.start;
    for i in range.clone() {
        let token = &tokens[i];
        let key = token.key.as_str();
        if token.is_word()
            && !named.contains(&i)
            && cx.base.titles.knows(key)
            && !titles.filler.contains(key)
        {
            if run.is_empty() {
                start = i;
            }
            run.push(key.to_string());
        } else if !run.is_empty() {
            // "President Thuong": a title before a name the base does not know is
            // that person's.
            let before_a_name = token.is_word() && token.capitalized && !named.contains(&i);
            let words = std::mem::take(&mut run);
            if !before_a_name {
                runs.push((start..i, words));
            }
        }
    }
    if !run.is_empty() {
        runs.push((start..range.end, run));
    }
    runs
}

/// Whether a title's words stand close to its holder's name (within six tokens).
fn near(title: &Range<usize>, holder: &Range<usize>) -> bool {
    const NEAR: usize = 6;
    title.start <= holder.end + NEAR && holder.start <= title.end + NEAR
}

/// Whether the word at `at` is in the passive: a form of "be" or "get" within the
/// two words before it ("was elected", "had been named", "got picked").
fn passive(cx: &CheckContext, at: usize) -> bool {
    let tokens = &cx.segmented.tokens;
    (at.saturating_sub(2)..at).any(|i| {
        cx.rules
            .passive_auxiliaries
            .contains(tokens[i].key.as_str())
    })
}

/// Whether an ordinal stands within two tokens before `at` ("the first U.S.
/// President"): the words after it place someone in a series.
fn ordinal_before(cx: &CheckContext, at: usize) -> bool {
    cx.mentions_in(&(at.saturating_sub(2)..at)).iter().any(|m| {
        matches!(m.value, crate::mentions::MentionValue::Ordinal(_))
            // "first won the award": the ordinal qualifies the verb, not the title.
            && !cx.segmented.tokens[m.tokens.end..at]
                .iter()
                .any(|t| cx.rules.is_verb(t.key.as_str()))
    })
}

/// Whether an event may be what a draft names: always, unless it recurs ("the
/// confidence vote"), when the draft must be dated around its time.
fn timely(cx: &CheckContext, event: EntityIdx) -> bool {
    !cx.base.entities[event].recurs || around_as_of(cx, event)
}

/// Whether an event took place around the draft's date, within the window in which
/// a recurring event is what a draft names generically.
pub fn around_as_of(cx: &CheckContext, event: EntityIdx) -> bool {
    let base = cx.base;
    let window = cx.rules.references.recurring_event;
    let (Some(as_of), Some((_, time))) = (cx.as_of, base.occurrence(event)) else {
        return false;
    };
    let range = time.range();
    let days_before = (range.first - as_of).num_days();
    let days_after = (as_of - range.last).num_days();
    days_before <= window.before && days_after <= window.after
}

/// Whether the stretch names another entity of the same kind as `object` (another
/// office, another club), so a fact with `object` is not what it means.
fn conflicting(base: &FactBase, object: EntityIdx, named: &[EntityIdx]) -> bool {
    let kind = base.entities[object].kind;
    matches!(
        kind,
        EntityKind::Office | EntityKind::Organization | EntityKind::Award | EntityKind::Place
    ) && named
        .iter()
        .any(|&e| e != object && base.entities[e].kind == kind)
}

/// Whether the stretch names, in place of an entity a qualifier of the fact gives,
/// another entity that fills the same qualifier in some fact ("41 Bundesliga goals"
/// is not a fact whose competition is the Copa América).
fn qualifier_conflicting<'r>(
    base: &FactBase,
    fact: &Fact,
    named: &[EntityIdx],
    referred: &dyn Fn(EntityIdx) -> Option<&'r Reference>,
) -> bool {
    fact.qualifiers.iter().any(|&(qualifier, ref value)| {
        let Some(given) = value.entity() else {
            return false;
        };
        referred(given).is_none()
            && named.iter().any(|&other| {
                other != given
                    && base.facts_by_qualifier.get(&other).is_some_and(|facts| {
                        facts.iter().any(|&f| {
                            base.facts[f].qualifier(qualifier).and_then(|v| v.entity())
                                == Some(other)
                        })
                    })
            })
    })
}

/// The forms a token's word may have in a phrase: itself, and itself without an ending.
pub fn stems<'k>(rules: &'k Rules, key: &'k str) -> impl Iterator<Item = &'k str> {
    let without_endings = rules
        .word_endings
        .iter()
        .filter_map(move |ending| key.strip_suffix(ending.as_str()));
    std::iter::once(key)
        .chain(without_endings)
        .filter(|stem| !stem.is_empty())
}

/// Tokens from `near` to the nearest of `anchors`.
fn distance(anchors: &[usize], near: &Range<usize>) -> usize {
    anchors
        .iter()
        .map(|&a| {
            if a < near.start {
                near.start - a
            } else {
                a.saturating_sub(near.end.saturating_sub(1))
            }
        })
        .min()
        .unwrap_or(usize::MAX)
}

/// The anchor tokens and strength of a cue the sentence matches: all of its words
/// and entities in the sentence, one of its words in the stretch.
fn match_cue(
    rules: &Rules,
    cue: &Cue,
    tokens: &[Token],
    query: &Query,
    references: &[Reference],
) -> Option<(Range<usize>, bool)> {
    let mut anchors: Vec<usize> = Vec::new();
    for phrase in &cue.phrases {
        anchors.extend(phrase_at(rules, tokens, query.entities_in.clone(), phrase)?);
    }
    if !cue.phrases.is_empty() && !anchors.iter().any(|a| query.words_in.contains(a)) {
        return None;
    }
    let mut strong = true;
    for &entity in &cue.entities {
        let reference = references.iter().find(|r| r.entity == entity)?;
        strong &= reference.strong;
        // The cue's words say what happened; its entities only who took part, and
        // anchor it only when it has no words.
        if cue.phrases.is_empty() {
            anchors.extend(reference.tokens.clone());
        }
    }
    let first = *anchors.iter().min()?;
    let last = *anchors.iter().max()?;
    Some((first..last + 1, strong))
}

/// The content words of a text, lower case: none of the `text-filler` words.
pub fn content_words(rules: &Rules, text: &str) -> Vec<String> {
    crate::segment::tokenize_str(text)
        .iter()
        .filter(|t| t.is_word() && t.key.len() > 2 && !rules.text_filler.contains(t.key.as_str()))
        .map(|t| t.key.to_string())
        .collect()
}

/// How many content words the fact's text value has, if it has one.
fn value_words(rules: &Rules, fact: &Fact) -> Option<usize> {
    fact.text().map(|text| content_words(rules, text).len())
}

/// Whether a draft's token is a form of `word` or of its stem.
fn same_word(rules: &Rules, token: &Token, word: &str) -> bool {
    word_matches(rules, token, word) || stems(rules, word).any(|s| word_matches(rules, token, s))
}

/// How many content words of `text` the stretch `range` uses, in any form.
fn shared(rules: &Rules, text: &str, tokens: &[Token], range: &Range<usize>) -> usize {
    content_words(rules, text)
        .iter()
        .filter(|word| {
            tokens[range.clone()]
                .iter()
                .any(|t| same_word(rules, t, word))
        })
        .count()
}

/// Where in `range` the content words of a fact's text value stand.
fn shared_at(rules: &Rules, text: &str, tokens: &[Token], range: &Range<usize>) -> Vec<usize> {
    let words = content_words(rules, text);
    range
        .clone()
        .filter(|&i| words.iter().any(|word| same_word(rules, &tokens[i], word)))
        .collect()
}

/// Whether a reading's time lies after `as_of`: an event that had not happened when
/// the draft was written is never what a past-tense sentence is about.
pub fn after(time: Option<DateRange>, as_of: Option<NaiveDate>) -> bool {
    matches!((time, as_of), (Some(time), Some(as_of)) if time.first > as_of)
}
