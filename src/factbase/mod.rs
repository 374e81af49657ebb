//! The fact base: every YAML file under `claims/`, loaded and checked as a whole (a
//! base with any broken file is refused, so nothing is checked against half of it),
//! then indexed by name and by event cue.

mod index;
mod load;
pub mod schema;
mod titles;

pub use index::{CueIndex, NameIndex};
pub use load::{LoadError, load_dir};
pub use schema::{EntityKind, Property};
pub use titles::{TitleIndex, TitleMatch, content_words};

use crate::dates::DateRange;
use std::collections::HashMap;
use std::path::PathBuf;

/// Position of an entity in `FactBase::entities`.
pub type EntityIdx = usize;
/// Position of a fact in `FactBase::facts`.
pub type FactIdx = usize;

/// Where a record was written: file and line, for evidence and messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: PathBuf,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub cues: Vec<Cue>,
    pub origin: Origin,
}

/// A compiled cue: phrases as lower-case words, and entities by index.
#[derive(Debug, Clone)]
pub struct Cue {
    pub phrases: Vec<Vec<String>>,
    pub entities: Vec<EntityIdx>,
}

#[derive(Debug, Clone)]
pub struct Source {
    pub url: String,
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<String>,
}

/// When a fact holds: at a date (to its precision) or over a span of time. An
/// open end means "still so".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

#[derive(Debug, Clone)]
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

#[derive(Debug, Default)]
pub struct FactBase {
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
    /// Facts by subject, in file order.
    pub facts_by_subject: HashMap<EntityIdx, Vec<FactIdx>>,
    pub names: NameIndex,
    pub cues: CueIndex,
    pub titles: TitleIndex,
}

impl FactBase {
    pub fn facts_about(&self, subject: EntityIdx) -> impl Iterator<Item = &Fact> {
        self.facts_by_subject
            .get(&subject)
            .into_iter()
            .flatten()
            .map(|&f| &self.facts[f])
    }

    /// The dated `occurred` fact of an event, if the base has one.
    pub fn occurrence(&self, event: EntityIdx) -> Option<(&Fact, FactTime)> {
        self.facts_about(event)
            .filter(|f| f.property == Property::Occurred)
            .find_map(|f| f.time.map(|t| (f, t)))
    }
}
