//! Who a draft talks about, after the mention stage: the entities it names, and the
//! ones it refers back to with a pronoun ("he", "its") or a description ("the
//! country", "the agency"), each resolved to the last fitting entity named before it
//! (`rules/references.yaml`). Also the draft's topic: what its opening sentence names.
//! Claims look up the references inside their clause by token position.

use crate::factbase::{EntityIdx, EntityKind, FactBase};
use crate::mentions::{Mention, MentionValue};
use crate::rules::{ReferenceFit, Rules};
use crate::segment::Segmented;
use std::ops::Range;

/// How a reference found its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// By one of the entity's names.
    Named,
    /// A pronoun standing for the last fitting entity named.
    Pronoun,
    /// A pronoun whose sentence names one fitting entity before it, and no other:
    /// "Truss announced her resignation after she took office".
    Repeated,
    /// "the country", "the agency": a description of the last fitting entity named.
    Description,
}

#[derive(Debug, Clone)]
pub struct Reference {
    pub entity: EntityIdx,
    pub tokens: Range<usize>,
    pub how: How,
    /// Whether the name behind it matched strongly enough to decide a verdict.
    pub strong: bool,
}

#[derive(Debug, Default)]
pub struct Discourse {
    /// Every reference, in order of position.
    references: Vec<Reference>,
    /// The entities the opening sentence names.
    topic: Vec<EntityIdx>,
}

impl Discourse {
    pub fn new(
        segmented: &Segmented,
        mentions: &[Mention],
        base: &FactBase,
        rules: &Rules,
    ) -> Discourse {
        let tokens = &segmented.tokens;
        let mut references: Vec<Reference> = Vec::new();
        let mut named = mentions
            .iter()
            .filter_map(|m| match m.value {
                MentionValue::Entity { entity, score }
                    if base.entities[entity].kind != EntityKind::Category =>
                {
                    Some(Reference {
                        entity,
                        tokens: m.tokens.clone(),
                        how: How::Named,
                        strong: base.names.is_strong(score)
                            && !embedded(segmented, base, rules, m.tokens.clone()),
                    })
                }
                _ => None,
            })
            .peekable();
        // What the opening sentence names: what the draft is about.
        let opening: Vec<EntityIdx> = segmented
            .sentences
            .first()
            .map(|first| {
                mentions
                    .iter()
                    .filter(|m| first.tokens.contains(&m.tokens.start))
                    .filter_map(|m| match m.value {
                        MentionValue::Entity { entity, .. } => Some(entity),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        for (index, sentence) in segmented.sentences.iter().enumerate() {
            // The earliest sentence a reference here may look back to.
            let reach_start = segmented.sentences
                [index.saturating_sub(rules.references.reach)..=index]
                .iter()
                .find(|s| s.block + 1 >= sentence.block)
                .map_or(sentence.tokens.start, |s| s.tokens.start);
            let mut i = sentence.tokens.start;
            while i < sentence.tokens.end {
                if let Some(reference) = named.next_if(|r| r.tokens.start <= i) {
                    i = i.max(reference.tokens.end);
                    references.push(reference);
                    continue;
                }
                let key = tokens[i].key.as_str();
                let found = if let Some(fit) = rules.references.pronouns.get(key) {
                    Some((fit, i..i + 1, How::Pronoun))
                } else if rules.definite_articles.contains(key) {
                    description_at(segmented, rules, i, sentence.tokens.end)
                        .map(|(fit, end)| (fit, i..end, How::Description))
                } else {
                    None
                };
                let Some((fit, range, how)) = found else {
                    i += 1;
                    continue;
                };
                if how == How::Description
                    && let Some(entity) =
                        dated_description(segmented, base, fit, &range, &references)
                {
                    references.push(Reference {
                        entity,
                        tokens: range.clone(),
                        how,
                        strong: true,
                    });
                    i = range.end;
                    continue;
                }
                // Where a description may look back to: `description-reach` sentences.
                let description_start = segmented.sentences
                    [index.saturating_sub(rules.references.description_reach)]
                .tokens
                .start;
                let first_fitting_from = |from: usize| {
                    subject_before(
                        &references,
                        &segmented.sentences[..=index],
                        from,
                        &opening,
                        |r| fits(base, fit, r.entity),
                    )
                };
                let antecedent = if how == How::Pronoun {
                    first_fitting_from(reach_start)
                } else {
                    let appositive = references.last().filter(|r| {
                        r.tokens.end + 1 == i
                            && tokens[r.tokens.end].is_punct(',')
                            && fits(base, fit, r.entity)
                    });
                    // "he thanked the Polish forward": someone else than who the
                    // clause named before it (a country or club may be named again).
                    let clause_start = (sentence.tokens.start..i)
                        .rev()
                        .find(|&t| tokens[t].is_punct(',') || tokens[t].is_punct(';'))
                        .map_or(sentence.tokens.start, |t| t + 1);
                    let linked = tokens[clause_start..i]
                        .iter()
                        .any(|t| rules.references.linking_words.contains(t.key.as_str()));
                    let named_here = |entity: EntityIdx| {
                        !linked
                            && base.entities[entity].kind == EntityKind::Person
                            && references
                                .iter()
                                .rev()
                                .take_while(|r| r.tokens.start >= clause_start)
                                .any(|r| r.entity == entity)
                    };
                    // Someone described is the last one named who fits; a country,
                    // a club or an award described, like one a pronoun stands for, is
                    // the first named that fits ("Argentina beat Brazil, securing the
                    // country's first title").
                    let person = fit.kinds.contains(&EntityKind::Person);
                    appositive.or_else(|| {
                        if person {
                            references
                                .iter()
                                .rev()
                                .take_while(|r| r.tokens.start >= description_start)
                                .find(|r| fits(base, fit, r.entity) && !named_here(r.entity))
                        } else {
                            first_fitting_from(description_start)
                        }
                    })
                };
                if let Some(antecedent) = antecedent {
                    let mut fitting_here = references
                        .iter()
                        .filter(|r| r.tokens.start >= sentence.tokens.start)
                        .filter(|r| fits(base, fit, r.entity))
                        .map(|r| r.entity);
                    let only_one = fitting_here.next() == Some(antecedent.entity)
                        && fitting_here.all(|e| e == antecedent.entity);
                    // A description is as good as the name when nothing else it fits
                    // was named within its reach ("The telescope launched ...").
                    let alone = how == How::Description
                        && references
                            .iter()
                            .filter(|r| r.tokens.start >= description_start)
                            .filter(|r| fits(base, fit, r.entity))
                            .all(|r| r.entity == antecedent.entity);
                    let how = if (how == How::Pronoun && only_one || alone)
                        && matches!(antecedent.how, How::Named | How::Repeated)
                    {
                        How::Repeated
                    } else {
                        how
                    };
                    references.push(Reference {
                        entity: antecedent.entity,
                        tokens: range.clone(),
                        how,
                        strong: antecedent.strong,
                    });
                }
                i = range.end;
            }
        }
        // Names that the walk passed over inside a description stay references too.
        references.extend(named);
        references.sort_by_key(|r| (r.tokens.start, r.tokens.end));
        let topic = segmented
            .sentences
            .first()
            .map(|first| {
                references
                    .iter()
                    .filter(|r| r.how == How::Named && first.tokens.contains(&r.tokens.start))
                    .map(|r| r.entity)
                    .collect()
            })
            .unwrap_or_default();
        Discourse { references, topic }
    }

    /// The references whose first token lies in `range`.
    pub fn within(&self, range: &Range<usize>) -> &[Reference] {
        let first = self
            .references
            .partition_point(|r| r.tokens.start < range.start);
        let last = self
            .references
            .partition_point(|r| r.tokens.start < range.end);
        &self.references[first..last.max(first)]
    }

    /// What the draft's opening sentence names.
    pub fn topic(&self) -> &[EntityIdx] {
        &self.topic
    }
}

/// A pronoun's antecedent: the first fitting reference of its own sentence before
/// it (the sentence's subject), else the first of the sentence before, and so on
/// back to `reach_start`.
fn subject_before<'r>(
    references: &'r [Reference],
    sentences: &[crate::segment::Sentence],
    reach_start: usize,
    topic: &[EntityIdx],
    fits: impl Fn(&Reference) -> bool,
) -> Option<&'r Reference> {
    sentences
        .iter()
        .rev()
        .take_while(|s| s.tokens.end > reach_start)
        .find_map(|sentence| {
            let first = references.partition_point(|r| r.tokens.start < sentence.tokens.start);
            let mut fitting = references[first..]
                .iter()
                .take_while(|r| r.tokens.start < sentence.tokens.end)
                .filter(|r| fits(r));
            let subject = fitting.next()?;
            // "Di María scored, and Messi finished ... His club career": of several
            // who fit, the one the draft is about.
            if topic.contains(&subject.entity) {
                return Some(subject);
            }
            fitting
                .find(|r| topic.contains(&r.entity))
                .or(Some(subject))
        })
}

/// Whether a name sits inside a longer proper name ("Johnson" in "Musetta Tia
/// Johnson" or "Clifford D. Johnson", "Charles" in "Charles L. Goodwin"), which may
/// well be someone else's: a capitalised word or an initial right before or after
/// it that is no title, date or possessive.
fn embedded(segmented: &Segmented, base: &FactBase, rules: &Rules, name: Range<usize>) -> bool {
    let tokens = &segmented.tokens;
    let opens_sentence = |i: usize| {
        segmented
            .sentences
            .binary_search_by_key(&i, |s| s.tokens.start)
            .is_ok()
    };
    let proper = |i: usize| {
        let token = &tokens[i];
        let key = token.key.as_str();
        token.is_word()
            && token.capitalized
            // Not a possessive ("Israel's Netanyahu").
            && !token.is_possessive()
            && !base.titles.knows(key)
            && !rules.titles.modifiers.contains_key(key)
            && !rules.months.contains_key(key)
            && !rules.weekdays.contains_key(key)
    };
    let initial = |i: usize| {
        let token = &tokens[i];
        token.is_word() && token.capitalized && token.key.chars().count() == 1
    };
    // An initial's full stop may have been taken for a sentence's end.
    let before = name.start.checked_sub(1).is_some_and(|b| {
        (proper(b) && !opens_sentence(name.start))
            || (tokens[b].is_punct('.') && b.checked_sub(1).is_some_and(initial))
    });
    // A one-word name followed by a capitalised word or initial ("Charles L.
    // Goodwin"); a possessive ("Iraq's Shia militia") modifies what follows instead.
    let last = &tokens[name.end - 1];
    let after = name.len() == 1
        && !last.is_possessive()
        && name.end < tokens.len()
        && !opens_sentence(name.end)
        && (initial(name.end) || proper(name.end));
    before || after
}

/// "the 2020 edition" after "the Ballon d'Or": the one entity that fits whose name has
/// the year and the name of something named before ("2020 Ballon d'Or").
fn dated_description(
    segmented: &Segmented,
    base: &FactBase,
    fit: &ReferenceFit,
    range: &Range<usize>,
    references: &[Reference],
) -> Option<EntityIdx> {
    let year = segmented.tokens[range.clone()].iter().find(|t| {
        t.key.len() == 4
            && t.key
                .parse::<u16>()
                .is_ok_and(|y| (1000..3000).contains(&y))
    })?;
    let words = |name: &str| -> Vec<String> {
        crate::segment::tokenize_str(name)
            .iter()
            .map(|t| t.key.to_string())
            .collect()
    };
    let mut named: Vec<EntityIdx> = references.iter().map(|r| r.entity).collect();
    named.sort_unstable();
    named.dedup();
    let named_words: Vec<Vec<String>> = named
        .iter()
        .map(|&e| words(&base.entities[e].name))
        .collect();
    let mut found = base.entities.iter().enumerate().filter(|(_, entity)| {
        fit.kinds.contains(&entity.kind)
            && std::iter::once(&entity.name)
                .chain(&entity.aliases)
                .map(|name| words(name))
                .any(|name| {
                    name.contains(&year.key.to_string())
                        && named_words
                            .iter()
                            .any(|other| other.iter().all(|w| name.contains(w)))
                })
    });
    let (first, _) = found.next()?;
    found.next().is_none().then_some(first)
}

/// "the country", "the new rover", "the Polish forward": a description starting at
/// token `the`, with one past its last token.
fn description_at<'r>(
    segmented: &Segmented,
    rules: &'r Rules,
    the: usize,
    end: usize,
) -> Option<(&'r ReferenceFit, usize)> {
    let tokens = &segmented.tokens;
    (the + 1..end.min(the + 4)).find_map(|i| {
        let token = &tokens[i];
        if !token.is_word() {
            return None;
        }
        let fit = rules.references.descriptions.get(token.key.as_str())?;
        // "the country's", "the agency said", not "the party leadership".
        let continues = tokens.get(i + 1).is_some_and(|next| {
            i + 1 < end && next.is_word() && !next.capitalized && {
                let key = next.key.as_str();
                rules.references.descriptions.contains_key(key)
            }
        });
        (!continues).then_some((fit, i + 1))
    })
}

/// Whether `entity` fits a pronoun or description: of one of its kinds and, when it
/// names a category ("he": gender `man`), not known to be of another.
fn fits(base: &FactBase, fit: &ReferenceFit, entity: EntityIdx) -> bool {
    if !fit.kinds.contains(&base.entities[entity].kind) {
        return false;
    }
    let Some((property, wanted)) = &fit.category else {
        return true;
    };
    let Some(property) = base.properties.id(property) else {
        return true;
    };
    let known: Vec<&str> = base
        .facts_about(entity)
        .filter(|f| f.property == property)
        .filter_map(|f| f.object.map(|o| base.entities[o].id.as_str()))
        .collect();
    known.is_empty() || known.contains(&wanted.as_str())
}
