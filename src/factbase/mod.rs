//! The fact base: every YAML file under `claims/`, read, linted and compiled as a
//! whole (a base with any lint error is refused, so nothing is checked against half
//! of it), then indexed by name and by event cue. A compiled base is cached, keyed
//! by the content of its files, so a second run skips YAML.

mod cache;
mod compile;
mod digest;
mod fuzzy;
mod index;
mod load;
mod properties;
mod read;
pub mod schema;
mod titles;

pub use cache::CacheUse;
pub use index::{CueIndex, NameIndex, NameMatch, name_key};
pub use load::{LoadOptions, compile_texts, load_dir, load_dir_with};
pub use properties::{Need, PropertiesFile, Property, PropertyDefinition, PropertyTable};
pub use read::{FileText, ParsedFile, fact_files, parse_all, read_texts};
pub use schema::EntityKind;
pub use titles::{TitleIndex, TitleMatch, content_words};

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
    pub origin: Origin,
}

/// A compiled cue: phrases as lower-case words, and entities by index.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cue {
    pub phrases: Vec<Vec<String>>,
    pub entities: Vec<EntityIdx>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Source {
    pub url: String,
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<String>,
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
    pub property: Property,
    pub object: Option<EntityIdx>,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub time: Option<FactTime>,
    pub sources: Vec<Source>,
    pub origin: Origin,
}

/// The facts an ordinal claim counts along: all facts of `property` (about
/// `object`, when given), in date order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Series {
    pub id: String,
    pub name: String,
    pub property: Property,
    pub object: Option<EntityIdx>,
    /// From this day on the base holds every entry of the series (from
    /// `NaiveDate::MIN` when it holds them all).
    pub complete_from: Option<chrono::NaiveDate>,
    pub origin: Origin,
}

#[derive(Debug, Default)]
pub struct FactBase {
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
    pub series: Vec<Series>,
    /// Facts by subject, in file order.
    pub facts_by_subject: HashMap<EntityIdx, Vec<FactIdx>>,
    /// Facts by object, in file order: the entries of a series.
    pub facts_by_object: HashMap<EntityIdx, Vec<FactIdx>>,
    /// The entities of kind `category`, which rules name by id.
    pub categories: Vec<EntityIdx>,
    /// The offices that head each organization or country.
    pub leaders: HashMap<EntityIdx, Vec<EntityIdx>>,
    pub names: NameIndex,
    pub cues: CueIndex,
    pub titles: TitleIndex,
    /// A hash (hex) of the fact files the base was loaded from, for reports.
    pub content_digest: String,
}

impl FactBase {
    /// Builds the name and cue indexes over the entities.
    pub fn index(&mut self, names: &crate::rules::NameMatching) {
        self.names = NameIndex::new(&self.entities, names);
        self.cues = CueIndex::new(&self.entities);
        self.titles = TitleIndex::new(&self.entities);
    }

    /// Rebuilds the groupings of facts by subject and by object, in file order,
    /// and the list of categories.
    fn group_facts(&mut self) {
        self.facts_by_subject.clear();
        self.facts_by_object.clear();
        for (idx, fact) in self.facts.iter().enumerate() {
            self.facts_by_subject
                .entry(fact.subject)
                .or_default()
                .push(idx);
            if let Some(object) = fact.object {
                self.facts_by_object.entry(object).or_default().push(idx);
            }
        }
        self.categories.clear();
        self.leaders.clear();
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

    /// The facts of `property` whose object is `object`.
    pub fn facts_of(&self, property: Property, object: EntityIdx) -> impl Iterator<Item = &Fact> {
        self.facts_by_object
            .get(&object)
            .into_iter()
            .flatten()
            .map(|&f| &self.facts[f])
            .filter(move |f| f.property == property)
    }

    /// The series the base declares for `property` and `object`, if any.
    pub fn declared_series(&self, property: Property, object: EntityIdx) -> Option<&Series> {
        self.series
            .iter()
            .find(|s| s.property == property && s.object == Some(object))
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

    /// The dated `occurred` fact of an event, if the base has one.
    pub fn occurrence(&self, event: EntityIdx) -> Option<(&Fact, FactTime)> {
        self.facts_about(event)
            .filter(|f| f.property == Property::Occurred)
            .find_map(|f| f.time.map(|t| (f, t)))
    }
}
