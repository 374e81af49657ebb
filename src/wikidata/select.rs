//! What an import takes: a `--select` YAML file or a fixed `--items` list. Each
//! rule of `take` names items outright, or gives conditions an item must meet
//! (instance of one of some classes, a statement of a property with one of some
//! values); `follow` names the properties whose values, in the items taken, are
//! taken too (the offices people held, their parties), read in a second pass.
//!
//! Selecting is done on each entity's raw line first: an entity whose id is not
//! named and whose statement arrays hold none of the wanted values is passed over
//! without being parsed. Only the rest are parsed, and the conditions checked on
//! what was parsed.

use super::ids::{ItemId, PropertyCode};
use super::json::{Item, item_values};
use super::mapping::INSTANCE_OF;
use super::scan::PropertyFinder;
use crate::yaml::{self, YamlError};
use aho_corasick::AhoCorasick;
use rustc_hash::FxHashSet;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SelectionFile {
    take: Vec<TakeRule>,
    #[serde(default)]
    follow: Vec<PropertyCode>,
}

/// One rule of `take`: every field given must hold.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TakeRule {
    /// These items.
    #[serde(default)]
    pub items: Vec<ItemId>,
    /// Items with a P31 (instance of) value among these classes.
    #[serde(default)]
    pub instance_of: Vec<ItemId>,
    /// Items with a statement of each property whose value is among its items.
    #[serde(default)]
    pub statements: BTreeMap<PropertyCode, Vec<ItemId>>,
}

/// Why a selection cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SelectionError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Yaml(#[from] YamlError),
    #[error(
        "{path}: take rule {index} gives no items, classes or statements, so it would take everything"
    )]
    EmptyRule { path: String, index: usize },
}

/// A condition on an item's statements, with its cheap byte test.
struct Condition {
    property: PropertyCode,
    values: FxHashSet<ItemId>,
    finder: PropertyFinder,
    /// Each value as it is written in JSON, `"Q5"`.
    needles: AhoCorasick,
}

struct CompiledRule {
    items: FxHashSet<ItemId>,
    conditions: Vec<Condition>,
}

/// A selection, ready to test entity lines.
pub struct Selection {
    rules: Vec<CompiledRule>,
    /// The properties whose values are taken too.
    pub follow: Vec<PropertyCode>,
}

impl Selection {
    pub fn read(path: &Path) -> Result<Selection, SelectionError> {
        let text = std::fs::read_to_string(path).map_err(|source| SelectionError::Read {
            path: path.display().to_string(),
            source,
        })?;
        let file: SelectionFile = yaml::parse(path, &text, 0)?;
        if let Some(index) = file.take.iter().position(|rule| {
            rule.items.is_empty() && rule.instance_of.is_empty() && rule.statements.is_empty()
        }) {
            return Err(SelectionError::EmptyRule {
                path: path.display().to_string(),
                index: index + 1,
            });
        }
        Ok(Selection::new(&file.take, file.follow))
    }

    /// A fixed list of items.
    pub fn items(items: Vec<ItemId>) -> Selection {
        Selection::new(
            &[TakeRule {
                items,
                ..TakeRule::default()
            }],
            Vec::new(),
        )
    }

    pub fn new(rules: &[TakeRule], follow: Vec<PropertyCode>) -> Selection {
        let rules = rules
            .iter()
            .map(|rule| {
                let mut conditions = Vec::new();
                if !rule.instance_of.is_empty() {
                    conditions.push(Condition::new(INSTANCE_OF, &rule.instance_of));
                }
                for (property, values) in &rule.statements {
                    conditions.push(Condition::new(*property, values));
                }
                CompiledRule {
                    items: rule.items.iter().copied().collect(),
                    conditions,
                }
            })
            .collect();
        Selection { rules, follow }
    }

    /// The properties whose statements the selection reads: those its conditions
    /// test and those it follows.
    pub fn properties(&self) -> Vec<PropertyCode> {
        let mut properties: Vec<PropertyCode> = self
            .rules
            .iter()
            .flat_map(|r| r.conditions.iter().map(|c| c.property))
            .chain(self.follow.iter().copied())
            .collect();
        properties.sort_unstable();
        properties.dedup();
        properties
    }

    /// Whether the entity `id` on `line` may be taken: named, or holding a value
    /// of every condition of some rule somewhere in its arrays. Cheap; what it
    /// lets through is confirmed by [`Selection::takes`] once parsed.
    pub fn may_take(&self, id: ItemId, line: &[u8]) -> bool {
        self.rules.iter().any(|rule| {
            (rule.items.is_empty() || rule.items.contains(&id))
                && rule.conditions.iter().all(|c| c.may_hold(line))
        })
    }

    /// Whether a parsed item is taken.
    pub fn takes(&self, item: &Item) -> bool {
        self.rules.iter().any(|rule| {
            (rule.items.is_empty() || rule.items.contains(&item.id))
                && rule
                    .conditions
                    .iter()
                    .all(|c| item_values(item, c.property).any(|value| c.values.contains(&value)))
        })
    }
}

impl Condition {
    fn new(property: PropertyCode, values: &[ItemId]) -> Condition {
        let needles: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
        Condition {
            property,
            values: values.iter().copied().collect(),
            finder: PropertyFinder::new(property),
            needles: AhoCorasick::new(&needles).expect("item ids make valid patterns"),
        }
    }

    fn may_hold(&self, line: &[u8]) -> bool {
        self.finder
            .arrays(line)
            .any(|array| self.needles.is_match(array))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(text: &str) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), text).unwrap();
        file
    }

    #[test]
    fn a_bad_selection_is_refused_at_its_line_and_column() {
        let file =
            write("take:\n  - instance-of: [Q5]\n    statements:\n      P39: [Q274948, X1]\n");
        let error = Selection::read(file.path()).err().unwrap().to_string();
        assert!(error.contains(":4:"), "{error}");
        assert!(error.contains("`X1` is not a Wikidata item id"), "{error}");
        let file = write("take:\n  - instance_of: [Q5]\n");
        let error = Selection::read(file.path()).err().unwrap().to_string();
        assert!(error.contains(":2:5:"), "{error}");
    }

    #[test]
    fn a_rule_without_conditions_is_refused() {
        let file = write("take:\n  - items: [Q1]\n  - {}\n");
        let error = Selection::read(file.path()).err().unwrap().to_string();
        assert!(error.contains("take rule 2"), "{error}");
    }

    #[test]
    fn lines_without_a_wanted_value_in_its_property_are_passed_over() {
        let selection = Selection::new(
            &[TakeRule {
                instance_of: vec![ItemId(5)],
                ..TakeRule::default()
            }],
            Vec::new(),
        );
        let human = br#"{"claims":{"P31":[{"mainsnak":{"datavalue":{"value":{"id":"Q5"}}}}]}}"#;
        let other = br#"{"claims":{"P31":[{"id":"Q55"}],"P21":[{"id":"Q5"}]}}"#;
        assert!(selection.may_take(ItemId(1), human));
        assert!(!selection.may_take(ItemId(1), other));
    }
}
