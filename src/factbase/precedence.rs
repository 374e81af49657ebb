//! Which imported facts give way to hand-written ones. Where an imported fact and a
//! hand-written fact are about the same thing, the base keeps the hand-written one
//! alone: when they disagree it wins, and when they agree the imported one only
//! repeats it (so a series never counts one term twice, and a verdict's evidence is
//! the fact a desk wrote). `db lint` warns where they disagree.
//!
//! Two facts are about the same thing when they share subject and property (after
//! linking, see `link`) and:
//! - the property has one fact per subject (`per-subject: one`: born, died);
//! - or one object at a time (`one-object`) and their times overlap;
//! - or it is a state (an office held) with the same object, and their terms overlap
//!   or carry the same ordinal qualifier (`series-ordinal`);
//! - or it has one value at a time (`one-value`) with the same object and unit, and
//!   their times overlap (for a value) or whatever their times (for a date);
//! - or, for any other property, they are the same statement: same object, unit,
//!   value, qualifiers and time.
//!
//! They disagree when their objects, values, ordinal qualifiers, dates, starts or
//! ends differ at the precision they share (2020-09 agrees with 2020-09-16), or one
//! term has ended where the other goes on.

use super::FactTime;
use super::link::{Links, is_imported};
use super::properties::{PerSubject, PropertyTable, QualifierType, Role};
use super::read::ParsedFile;
use super::schema::{FactRecord, Scalar};
use crate::dates::DateRange;
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::Path;

/// A fact with the file it is written in.
pub type PlacedFact<'a> = (&'a Path, &'a FactRecord);

/// An imported fact left out of the base, and the hand-written fact it gives way to.
#[derive(Debug)]
pub struct Override<'a> {
    pub imported: PlacedFact<'a>,
    pub hand_written: PlacedFact<'a>,
    /// What they disagree about, in words; `None` when the imported fact agrees.
    pub disagreement: Option<String>,
}

#[derive(Debug, Default)]
pub struct Precedence<'a> {
    pub overrides: Vec<Override<'a>>,
    /// The facts left out, as (file, fact) positions in the parsed files.
    left_out: FxHashSet<(usize, usize)>,
}

impl<'a> Precedence<'a> {
    pub fn new(
        files: &'a [ParsedFile],
        links: &Links<'a>,
        properties: &PropertyTable,
    ) -> Precedence<'a> {
        let mut hand: FxHashMap<(&str, &str), Vec<PlacedFact>> = FxHashMap::default();
        for file in files.iter().filter(|f| !is_imported(f)) {
            for fact in &file.file.facts {
                hand.entry((links.resolve(&fact.subject.value), &fact.property.value))
                    .or_default()
                    .push((file.path.as_path(), fact));
            }
        }
        let mut precedence = Precedence::default();
        if hand.is_empty() {
            return precedence;
        }
        for (file_index, file) in files.iter().enumerate().filter(|(_, f)| is_imported(f)) {
            for (fact_index, fact) in file.file.facts.iter().enumerate() {
                let key = (
                    links.resolve(&fact.subject.value),
                    fact.property.value.as_str(),
                );
                let Some(candidates) = hand.get(&key) else {
                    continue;
                };
                let Some(definition) = properties.get(&fact.property.value) else {
                    continue;
                };
                let compared = Comparison {
                    links,
                    properties,
                    per_subject: definition.per_subject,
                    one_object: definition.one_object,
                    one_value: definition.one_value,
                    state: definition.role == Role::State,
                };
                let relations: Vec<(PlacedFact, Relation)> = candidates
                    .iter()
                    .map(|&(path, other)| ((path, other), compared.relation(other, fact)))
                    .collect();
                // An agreeing fact explains the imported one best; else the first
                // that disagrees.
                let chosen = relations
                    .iter()
                    .find(|(_, r)| matches!(r, Relation::Agrees))
                    .or_else(|| {
                        relations
                            .iter()
                            .find(|(_, r)| matches!(r, Relation::Disagrees(_)))
                    });
                if let Some((hand_written, relation)) = chosen {
                    precedence.left_out.insert((file_index, fact_index));
                    precedence.overrides.push(Override {
                        imported: (file.path.as_path(), fact),
                        hand_written: *hand_written,
                        disagreement: match relation {
                            Relation::Disagrees(what) => Some(what.clone()),
                            _ => None,
                        },
                    });
                }
            }
        }
        precedence
    }

    /// Whether fact `fact` of file `file` (positions in the parsed files) stays in
    /// the base.
    pub fn keeps(&self, file: usize, fact: usize) -> bool {
        !self.left_out.contains(&(file, fact))
    }
}

/// How an imported fact stands to a hand-written one.
#[derive(Debug)]
enum Relation {
    /// About something else.
    Different,
    Agrees,
    /// About the same thing, and this is how they differ.
    Disagrees(String),
}

/// What comparing two facts of one property needs to know.
struct Comparison<'l, 'a> {
    links: &'l Links<'a>,
    properties: &'l PropertyTable,
    per_subject: PerSubject,
    one_object: bool,
    one_value: bool,
    state: bool,
}

impl<'a> Comparison<'_, 'a> {
    /// How `imported` stands to `hand` (same subject and property).
    fn relation(&self, hand: &FactRecord, imported: &FactRecord) -> Relation {
        let (hand_time, imported_time) = (hand.time(), imported.time());
        let same_object = self.object(hand) == self.object(imported);
        let same_unit = unit(hand) == unit(imported);
        let same_thing = if self.per_subject == PerSubject::One {
            true
        } else if self.one_object {
            overlap(hand_time, imported_time)
        } else if self.state {
            same_object
                && (overlap(hand_time, imported_time)
                    || self
                        .ordinals(hand)
                        .iter()
                        .any(|o| self.ordinals(imported).contains(o)))
        } else if self.one_value {
            same_object
                && same_unit
                && (hand.value.is_none() && imported.value.is_none()
                    || overlap(hand_time, imported_time))
        } else {
            // Many facts of it per subject: only a repeated statement is the same.
            return if same_object
                && same_unit
                && differ_in_value(hand, imported).is_none()
                && self.qualifiers(hand) == self.qualifiers(imported)
                && differ_in_time(hand, imported).is_none()
            {
                Relation::Agrees
            } else {
                Relation::Different
            };
        };
        if !same_thing {
            return Relation::Different;
        }
        let mut differences = Vec::new();
        if let (Some(a), Some(b)) = (self.object(imported), self.object(hand))
            && a != b
        {
            differences.push(format!("object `{a}` against `{b}`"));
        }
        differences.extend(differ_in_value(imported, hand));
        differences.extend(self.differ_in_ordinals(imported, hand));
        differences.extend(differ_in_time(imported, hand));
        if differences.is_empty() {
            Relation::Agrees
        } else {
            Relation::Disagrees(differences.join(", "))
        }
    }

    fn object<'f>(&self, fact: &'f FactRecord) -> Option<&'f str>
    where
        'a: 'f,
    {
        fact.object.as_ref().map(|o| self.links.resolve(&o.value))
    }

    /// The ordinal qualifiers a fact gives (`series-ordinal: 99`), as written.
    fn ordinals(&self, fact: &FactRecord) -> Vec<(String, String)> {
        self.qualifiers(fact)
            .into_iter()
            .filter(|(id, _)| {
                self.properties
                    .get_qualifier(id)
                    .is_some_and(|q| q.value == QualifierType::Ordinal)
            })
            .collect()
    }

    /// Every qualifier as (id, value), entity values resolved, in id order.
    fn qualifiers(&self, fact: &FactRecord) -> Vec<(String, String)> {
        let mut qualifiers: Vec<(String, String)> = fact
            .qualifiers
            .iter()
            .flat_map(|q| &q.value.0)
            .map(|(id, value)| {
                let value = match &value.value {
                    Scalar::Text(text) => self.links.resolve(text).to_string(),
                    number => number.as_text(),
                };
                (id.value.clone(), value)
            })
            .collect();
        qualifiers.sort();
        qualifiers
    }

    fn differ_in_ordinals(&self, fact: &FactRecord, other: &FactRecord) -> Vec<String> {
        let theirs = self.ordinals(other);
        self.ordinals(fact)
            .into_iter()
            .filter_map(|(id, value)| {
                let (_, other_value) = theirs.iter().find(|(o, _)| *o == id)?;
                (*other_value != value).then(|| format!("{id} {value} against {other_value}"))
            })
            .collect()
    }
}

fn unit(fact: &FactRecord) -> Option<String> {
    fact.unit.as_ref().map(|u| u.to_lowercase())
}

/// How two facts' values differ, if both give one and they do.
fn differ_in_value(fact: &FactRecord, other: &FactRecord) -> Option<String> {
    let (a, b) = (&fact.value.as_ref()?.value, &other.value.as_ref()?.value);
    let same = match (a.number(), b.number()) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9,
        _ => a.as_text() == b.as_text(),
    };
    (!same).then(|| format!("value {} against {}", a.as_text(), b.as_text()))
}

/// How two facts' times differ at the precision they share, if they do: a date,
/// a start or an end, or a term that has ended against one that goes on.
fn differ_in_time(fact: &FactRecord, other: &FactRecord) -> Option<String> {
    let agree = |a: DateRange, b: DateRange| a.first <= b.last && b.first <= a.last;
    let text = |d: &Option<serde_saphyr::Spanned<super::schema::YamlDate>>| {
        d.as_ref()
            .map_or_else(|| "none".to_string(), |d| d.value.as_text())
    };
    match (fact.time()?, other.time()?) {
        (FactTime::At(a), FactTime::At(b)) => (!agree(a, b))
            .then(|| format!("date {} against {}", text(&fact.date), text(&other.date))),
        (
            FactTime::Between { start, end },
            FactTime::Between {
                start: other_start,
                end: other_end,
            },
        ) => {
            let mut differences = Vec::new();
            if !agree(start, other_start) {
                differences.push(format!(
                    "start {} against {}",
                    text(&fact.start),
                    text(&other.start)
                ));
            }
            let ends_agree = match (end, other_end) {
                (Some(a), Some(b)) => agree(a, b),
                (None, None) => true,
                _ => false,
            };
            if !ends_agree {
                let end_text = |fact: &FactRecord| {
                    fact.end
                        .as_ref()
                        .map_or_else(|| "none (still so)".to_string(), |d| d.value.as_text())
                };
                differences.push(format!(
                    "end {} against {}",
                    end_text(fact),
                    end_text(other)
                ));
            }
            (!differences.is_empty()).then(|| differences.join(", "))
        }
        (a, b) => (!agree(a.range(), b.range()))
            .then(|| format!("time {} against {}", time_text(fact), time_text(other))),
    }
}

/// A fact's time as written: its date, or its start and end.
fn time_text(fact: &FactRecord) -> String {
    match (&fact.date, &fact.start, &fact.end) {
        (Some(date), ..) => date.value.as_text(),
        (None, Some(start), end) => format!(
            "{}..{}",
            start.value.as_text(),
            end.as_ref().map(|e| e.value.as_text()).unwrap_or_default()
        ),
        _ => "none".into(),
    }
}

/// Whether two times may be the same stretch: they overlap by more than a touching
/// day (a term that ends the day the next begins is another term), or either is
/// not given.
fn overlap(a: Option<FactTime>, b: Option<FactTime>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    let (a, b) = (a.range(), b.range());
    let touching = a.last == b.first || b.last == a.first;
    a.first <= b.last && b.first <= a.last && !(touching && a.first != a.last && b.first != b.last)
}
