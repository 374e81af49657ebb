//! The fact base: every YAML file under `claims/`, read, linted and compiled as a
//! whole (a base with any lint error is refused, so nothing is checked against half
//! of it), then indexed by name and by event cue. A compiled base is cached, keyed
//! by the content of its files, so a second run skips YAML.

mod cache;
mod compile;
mod digest;
mod folding;
mod fuzzy;
mod index;
pub mod link;
mod load;
pub mod precedence;
mod properties;
mod read;
mod records;
pub mod schema;
mod shape;
mod titles;

pub use cache::CacheUse;
pub use folding::Folding;
pub use index::{CueIndex, Fuzzy, NameIndex, NameMatch, name_key};
pub use load::{CacheRead, LoadOptions, compile_texts, load_dir, load_dir_with, load_sources};
pub use properties::{
    Aspect, Need, PerSubject, Phrase, PropertiesFile, PropertyDefinition, PropertyId,
    PropertyTable, QualifierDefinition, QualifierId, QualifierType, Role, ValueType, Voice,
};
pub use read::{
    FactSource, FileText, ParsedFile, SourceFile, fact_files, parse_all, read_source_texts,
    read_texts, source_files,
};
pub use schema::{EntityKind, Holders};
pub use shape::WordShapes;
pub use titles::{TitleIndex, TitleMatch};

use crate::dates::DateRange;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// Position of an entity in `FactBase::entities`.
pub type EntityIdx = usize;
/// Position of a fact in `FactBase::facts`.
pub type FactIdx = usize;

/// Where a record was written: file and line, for evidence and messages. Records
/// of one file share its path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub file: Arc<Path>,
    pub line: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub cues: Vec<Cue>,
    /// Offices only: the organization or country the office heads.
    pub leads: Option<EntityIdx>,
    /// Offices only: whether several people hold it at once.
    pub holders: Holders,
    /// Events only: whether it is one of a kind of event that comes round again, whose
    /// generic names fit a draft only around its time.
    pub recurs: bool,
    /// Whether an importer wrote it (no hand-written entity is its Wikidata item):
    /// a name it shares with a hand-written entity is the hand-written one's, and
    /// one it shares with other imported entities names none of them.
    pub imported: bool,
    pub origin: Origin,
}

/// A compiled cue: phrases as lower-case words, and entities by index.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cue {
    pub phrases: Vec<Vec<String>>,
    pub entities: Vec<EntityIdx>,
}

/// A reference, as Wikidata's: where the fact can be read, who published it, when,
/// and when it was read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Source {
    pub url: String,
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub retrieved: Option<String>,
}

/// A fact's main value besides its object: a number or words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FactValue {
    Number(f64),
    Text(String),
}

/// A qualifier's value, resolved: an entity, a number, a date or words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum QualifierValue {
    Entity(EntityIdx),
    Number(f64),
    Date(DateRange),
    Text(String),
}

impl QualifierValue {
    pub fn entity(&self) -> Option<EntityIdx> {
        match self {
            QualifierValue::Entity(e) => Some(*e),
            _ => None,
        }
    }

    pub fn number(&self) -> Option<f64> {
        match self {
            QualifierValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn text(&self) -> Option<&str> {
        match self {
            QualifierValue::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// When a fact holds: at a date (to its precision) or over a span of time. An
/// open end means "still so".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FactTime {
    At(DateRange),
    Between {
        start: DateRange,
        end: Option<DateRange>,
    },
}

impl FactTime {
    /// The days the fact may cover; an open end runs to the far future.
    pub fn range(&self) -> DateRange {
        match *self {
            FactTime::At(range) => range,
            FactTime::Between { start, end } => {
                let end = end.unwrap_or(DateRange::day(chrono::NaiveDate::MAX));
                DateRange::between(start, end)
            }
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fact {
    pub id: String,
    pub subject: EntityIdx,
    pub property: PropertyId,
    pub object: Option<EntityIdx>,
    pub value: Option<FactValue>,
    pub unit: Option<String>,
    pub time: Option<FactTime>,
    pub qualifiers: Vec<(QualifierId, QualifierValue)>,
    pub sources: Vec<Source>,
    pub origin: Origin,
}

impl Fact {
    /// The value, when it is a number.
    pub fn number(&self) -> Option<f64> {
        match &self.value {
            Some(FactValue::Number(n)) => Some(*n),
            _ => None,
        }
    }

    /// The value, when it is words.
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Some(FactValue::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// The value of one qualifier, if the fact gives it.
    pub fn qualifier(&self, id: QualifierId) -> Option<&QualifierValue> {
        self.qualifiers
            .iter()
            .find(|(q, _)| *q == id)
            .map(|(_, value)| value)
    }

    /// Every entity the fact names: subject, object and entity qualifiers.
    pub fn entities(&self) -> impl Iterator<Item = EntityIdx> + '_ {
        std::iter::once(self.subject)
            .chain(self.object)
            .chain(self.qualifiers.iter().filter_map(|(_, v)| v.entity()))
    }
}

/// The facts an ordinal claim counts along: all facts of `property` (about
/// `object`, when given), in date order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Series {
    pub id: String,
    pub name: String,
    pub property: PropertyId,
    pub object: Option<EntityIdx>,
    /// The one subject of every entry, for a series of one subject's own facts.
    pub subject: Option<EntityIdx>,
    /// Facts (property, object) the subject of an entry must also have.
    pub filters: Vec<(PropertyId, EntityIdx)>,
    /// Nouns drafts use for an entry, lower case, singular.
    pub nouns: Vec<String>,
    /// From this day on the base holds every entry of the series (from
    /// `NaiveDate::MIN` when it holds them all).
    pub complete_from: Option<chrono::NaiveDate>,
    pub origin: Origin,
}

#[derive(Debug, Default)]
pub struct FactBase {
    /// The properties the facts were compiled against (`rules/properties.yaml`).
    pub properties: PropertyTable,
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
    pub series: Vec<Series>,
    /// Facts by subject, in file order.
    pub facts_by_subject: HashMap<EntityIdx, Vec<FactIdx>>,
    /// Facts by object, in file order: the entries of a series.
    pub facts_by_object: HashMap<EntityIdx, Vec<FactIdx>>,
    /// Facts by the entities their qualifiers name ("the votes for Herzog").
    pub facts_by_qualifier: HashMap<EntityIdx, Vec<FactIdx>>,
    /// The entities of kind `category`, which rules name by id.
    pub categories: Vec<EntityIdx>,
    /// The runs of like things (objects of `membership` facts): "the fourth election"
    /// counts along one.
    pub runs: Vec<EntityIdx>,
    /// The offices that head each organization or country.
    pub leaders: HashMap<EntityIdx, Vec<EntityIdx>>,
    pub names: NameIndex,
    pub cues: CueIndex,
    pub titles: TitleIndex,
    /// A hash (hex) of the fact files the base was loaded from, for reports.
    pub content_digest: String,
}

impl FactBase {
    /// Builds the name, cue and title indexes over the entities.
    pub fn index(&mut self, rules: &crate::rules::Rules) {
        self.names = NameIndex::new(&self.entities, &rules.names);
        self.cues = CueIndex::new(&self.entities);
        self.titles = TitleIndex::new(&self.entities, &rules.titles, &self.names);
    }

    /// Rebuilds the groupings of facts by subject and by object, in file order,
    /// and the list of categories.
    fn group_facts(&mut self) {
        self.facts_by_subject.clear();
        self.facts_by_object.clear();
        self.facts_by_qualifier.clear();
        for (idx, fact) in self.facts.iter().enumerate() {
            self.facts_by_subject
                .entry(fact.subject)
                .or_default()
                .push(idx);
            if let Some(object) = fact.object {
                self.facts_by_object.entry(object).or_default().push(idx);
            }
            for entity in fact.qualifiers.iter().filter_map(|(_, v)| v.entity()) {
                self.facts_by_qualifier.entry(entity).or_default().push(idx);
            }
        }
        self.categories.clear();
        self.leaders.clear();
        let mut runs: Vec<EntityIdx> = self
            .facts
            .iter()
            .filter(|f| self.properties.definition(f.property).role == Role::Membership)
            .filter_map(|f| f.object)
            .collect();
        runs.sort_unstable();
        runs.dedup();
        self.runs = runs;
        for (idx, entity) in self.entities.iter().enumerate() {
            if entity.kind == EntityKind::Category {
                self.categories.push(idx);
            }
            if let Some(led) = entity.leads {
                self.leaders.entry(led).or_default().push(idx);
            }
        }
    }

    pub fn facts_about(&self, subject: EntityIdx) -> impl Iterator<Item = &Fact> {
        self.facts_by_subject
            .get(&subject)
            .into_iter()
            .flatten()
            .map(|&f| &self.facts[f])
    }

    /// The facts of `property` (or one of its subproperties) whose object is `object`.
    pub fn facts_of(&self, property: PropertyId, object: EntityIdx) -> impl Iterator<Item = &Fact> {
        self.facts_by_object
            .get(&object)
            .into_iter()
            .flatten()
            .map(|&f| &self.facts[f])
            .filter(move |f| self.properties.is_a(f.property, property))
    }

    /// Every fact that names `entity`: as subject, object or in a qualifier.
    pub fn facts_naming(&self, entity: EntityIdx) -> impl Iterator<Item = FactIdx> + '_ {
        [
            &self.facts_by_subject,
            &self.facts_by_object,
            &self.facts_by_qualifier,
        ]
        .into_iter()
        .flat_map(move |map| map.get(&entity).into_iter().flatten().copied())
    }

    /// The series the base declares for `property` and `object` (over every subject),
    /// if any.
    pub fn declared_series(&self, property: PropertyId, object: EntityIdx) -> Option<&Series> {
        self.series.iter().find(|s| {
            s.property == property
                && s.object == Some(object)
                && s.subject.is_none()
                && s.filters.is_empty()
        })
    }

    /// The dated fact of the entity's birth, if the base has one.
    pub fn birth_of(&self, entity: EntityIdx) -> Option<&Fact> {
        self.facts_about(entity)
            .find(|f| self.role(f) == Role::Birth && f.time.is_some())
    }

    /// From when the base holds every fact of one subject's run (its facts of one
    /// property about one object): the earliest `complete-from` of a declared series
    /// over that run or over everyone's facts of it.
    pub fn run_complete_from(&self, fact: &Fact) -> Option<chrono::NaiveDate> {
        self.series
            .iter()
            .filter(|s| {
                s.property == fact.property
                    && (s.object.is_none() || s.object == fact.object)
                    && s.subject.is_none_or(|who| who == fact.subject)
                    && s.filters.is_empty()
                    && (s.subject.is_some() || s.object.is_some())
            })
            .filter_map(|s| s.complete_from)
            .min()
    }

    /// The facts of a series, in date order: its property's (and subproperties')
    /// facts about its object and subject, whose subjects pass its filters.
    pub fn entries_of(&self, series: &Series) -> Vec<&Fact> {
        let candidates: Box<dyn Iterator<Item = &Fact>> = match (series.object, series.subject) {
            (Some(object), _) => Box::new(self.facts_of(series.property, object)),
            (None, Some(subject)) => Box::new(
                self.facts_about(subject)
                    .filter(|f| self.properties.is_a(f.property, series.property)),
            ),
            (None, None) => Box::new(
                self.facts
                    .iter()
                    .filter(|f| self.properties.is_a(f.property, series.property)),
            ),
        };
        let mut entries: Vec<&Fact> = candidates
            .filter(|f| series.subject.is_none_or(|s| f.subject == s))
            .filter(|f| {
                series.filters.iter().all(|&(property, object)| {
                    self.facts_about(f.subject)
                        .any(|g| g.property == property && g.object == Some(object))
                })
            })
            .collect();
        entries.sort_by_key(|f| self.start_of(f));
        entries
    }

    /// When a fact begins: its date or start, else its subject's occurrence.
    pub fn start_of(&self, fact: &Fact) -> Option<chrono::NaiveDate> {
        fact.time
            .or_else(|| self.occurrence(fact.subject).map(|(_, t)| t))
            .map(|t| t.range().first)
    }

    /// The definition of a fact's property.
    pub fn property_of(&self, fact: &Fact) -> &PropertyDefinition {
        self.properties.definition(fact.property)
    }

    /// The role of a fact's property.
    pub fn role(&self, fact: &Fact) -> Role {
        self.property_of(fact).role
    }

    /// The category entity with this id.
    pub fn category(&self, id: &str) -> Option<EntityIdx> {
        self.categories
            .iter()
            .copied()
            .find(|&e| self.entities[e].id == id)
    }

    /// The offices that head `entity` (an organization or a country).
    pub fn offices_leading(&self, entity: EntityIdx) -> &[EntityIdx] {
        self.leaders.get(&entity).map_or(&[], Vec::as_slice)
    }

    /// The dated fact of an event's own occurrence (an `occurrence` fact with no
    /// object), if the base has one.
    pub fn occurrence(&self, event: EntityIdx) -> Option<(&Fact, FactTime)> {
        self.facts_about(event)
            .filter(|f| self.role(f) == Role::Occurrence && f.object.is_none())
            .find_map(|f| f.time.map(|t| (f, t)))
    }
}
