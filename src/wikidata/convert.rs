//! The items an import kept, turned into fact file records: entities with their
//! kinds, names and aliases, and one fact per statement that the mapping takes and
//! that can be written honestly. What is left out is counted by reason, so the
//! summary says what the files lack and why.

use super::ids::{ItemId, PropertyCode};
use super::json::{Item, Rank, Reference, Statement, Value};
use super::mapping::{Mapping, PropertyMapping, Target};
use super::time::WikiTime;
use super::warnings::Warnings;
use crate::factbase::{
    EntityKind, Need, PerSubject, PropertyDefinition, PropertyTable, QualifierType, Role,
};
use std::collections::{BTreeMap, BTreeSet};

/// An entity as written.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityOut {
    pub item: ItemId,
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    /// Offices whose imported terms overlap: held by many at once.
    pub many_holders: bool,
}

/// A qualifier's value as written.
#[derive(Debug, Clone, PartialEq)]
pub enum QualifierOut {
    Entity(String),
    Number(f64),
    Whole(u64),
    Date(String),
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct SourceOut {
    pub url: String,
    pub title: String,
    pub publisher: Option<String>,
    pub retrieved: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FactOut {
    pub id: String,
    pub subject: String,
    pub property: String,
    pub object: Option<String>,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub date: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub qualifiers: Vec<(String, QualifierOut)>,
    pub sources: Vec<SourceOut>,
}

/// A series of an office's terms.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesOut {
    pub id: String,
    pub name: String,
    pub property: String,
    pub object: String,
}

/// Everything an import writes, before it is split into files.
#[derive(Debug, Default)]
pub struct Converted {
    /// By item, in id order.
    pub entities: Vec<EntityOut>,
    /// Category entities: id and name.
    pub categories: Vec<(ItemId, String)>,
    pub facts: Vec<FactOut>,
    pub series: Vec<SeriesOut>,
}

pub struct Converter<'a> {
    pub mapping: &'a Mapping,
    pub properties: &'a PropertyTable,
    /// Labels of items read only to title their references (stated-in).
    pub labels: &'a BTreeMap<ItemId, String>,
}

impl Converter<'_> {
    pub fn convert(&self, items: &BTreeMap<ItemId, Item>, warnings: &mut Warnings) -> Converted {
        let kinds = self.kinds(items, warnings);
        let entities = self.entities(items, &kinds, warnings);
        let written: BTreeMap<ItemId, &EntityOut> = entities.iter().map(|e| (e.item, e)).collect();
        let categories: BTreeMap<ItemId, &str> = self
            .mapping
            .categories
            .iter()
            .map(|(item, id)| (*item, id.as_str()))
            .collect();
        let mut facts = Vec::new();
        let mut used_categories = BTreeSet::new();
        let mut fact_ids = BTreeSet::new();
        for item in items.values() {
            if !written.contains_key(&item.id) {
                continue;
            }
            let context = ItemContext {
                item,
                written: &written,
                categories: &categories,
            };
            for fact in self.item_facts(&context, warnings) {
                if let Some(object) = &fact.object
                    && let Some((item, _)) = categories.iter().find(|(_, id)| **id == object)
                {
                    used_categories.insert(*item);
                }
                let mut fact = fact;
                if !fact_ids.insert(fact.id.clone()) {
                    // Two statements whose ids share their first part: the whole id decides.
                    fact.id = format!("{}-{}", fact.id, fact_ids.len());
                    fact_ids.insert(fact.id.clone());
                }
                facts.push(fact);
            }
        }
        let mut entities = entities;
        let series = self.office_series(&mut entities, &facts);
        Converted {
            categories: used_categories
                .into_iter()
                .map(|item| (item, categories[&item].to_string()))
                .collect(),
            entities,
            facts,
            series,
        }
    }

    /// Each kept item's kind: from its classes, else from the property that names it.
    fn kinds(
        &self,
        items: &BTreeMap<ItemId, Item>,
        warnings: &mut Warnings,
    ) -> BTreeMap<ItemId, EntityKind> {
        let mut by_use: BTreeMap<ItemId, EntityKind> = BTreeMap::new();
        for item in items.values() {
            for statement in &item.statements {
                let Some((mapping, definition)) = self.mapped(statement.property) else {
                    continue;
                };
                let Some(kind) = definition
                    .object_kind
                    .filter(|k| *k != EntityKind::Category)
                else {
                    continue;
                };
                let named = match (&mapping.main, &statement.main) {
                    (Target::Object, Value::Item(object)) => *object,
                    (Target::Subject, _) => item.id,
                    _ => continue,
                };
                by_use.entry(named).or_insert(kind);
            }
        }
        let mut kinds = BTreeMap::new();
        for item in items.values() {
            if self.mapping.categories.contains_key(&item.id) {
                continue;
            }
            let by_class = item
                .classes
                .iter()
                .find_map(|c| self.mapping.classes.get(c))
                .copied();
            match by_class.or_else(|| by_use.get(&item.id).copied()) {
                Some(kind) => {
                    kinds.insert(item.id, kind);
                }
                None => warnings.add(
                    "items skipped: no class in wikidata.yaml `classes`, and named by no property with an object kind",
                    item.id.to_string(),
                ),
            }
        }
        kinds
    }

    /// The entities written: items with a kind and a label, their names and aliases
    /// made unique across the import (a name two items share takes its item id).
    fn entities(
        &self,
        items: &BTreeMap<ItemId, Item>,
        kinds: &BTreeMap<ItemId, EntityKind>,
        warnings: &mut Warnings,
    ) -> Vec<EntityOut> {
        let mut taken: BTreeSet<String> = self
            .mapping
            .categories
            .values()
            .map(|id| crate::factbase::name_key(&category_name(id)))
            .collect();
        let mut entities = Vec::new();
        for item in items.values() {
            let Some(kind) = kinds.get(&item.id) else {
                continue;
            };
            let Some(label) = item
                .label
                .as_deref()
                .map(clean_text)
                .filter(|l| !l.is_empty())
            else {
                warnings.add(
                    "items skipped: no label in the chosen language",
                    item.id.to_string(),
                );
                continue;
            };
            let mut name = label;
            if !taken.insert(crate::factbase::name_key(&name)) {
                warnings.add(
                    "names shared by two items: the later item's name is followed by its id",
                    item.id.to_string(),
                );
                name = format!("{name} ({})", item.id);
                taken.insert(crate::factbase::name_key(&name));
            }
            let mut aliases = Vec::new();
            for alias in &item.aliases {
                let alias = clean_text(alias);
                if alias.is_empty() {
                    continue;
                }
                let key = crate::factbase::name_key(&alias);
                if key.is_empty() || !taken.insert(key) {
                    warnings.add(
                        "aliases left out: the same as a name or alias of another item (or of its own name)",
                        item.id.to_string(),
                    );
                    continue;
                }
                aliases.push(alias);
            }
            entities.push(EntityOut {
                item: item.id,
                id: item.id.entity_id(),
                name,
                kind: *kind,
                aliases,
                many_holders: false,
            });
        }
        entities
    }

    fn mapped(&self, code: PropertyCode) -> Option<(&PropertyMapping, &PropertyDefinition)> {
        let mapping = self.mapping.properties.get(&code)?;
        Some((mapping, self.properties.get(&mapping.property)?))
    }

    /// The facts of one item's statements, after ranks are weighed.
    fn item_facts(&self, context: &ItemContext, warnings: &mut Warnings) -> Vec<FactOut> {
        let mut by_property: BTreeMap<PropertyCode, Vec<&Statement>> = BTreeMap::new();
        for statement in &context.item.statements {
            by_property
                .entry(statement.property)
                .or_default()
                .push(statement);
        }
        let mut facts = Vec::new();
        for (code, statements) in by_property {
            let Some((mapping, definition)) = self.mapped(code) else {
                continue;
            };
            let single = definition.per_subject == PerSubject::One
                || definition.one_value
                || definition.one_object;
            let has_preferred = statements.iter().any(|s| s.rank == Rank::Preferred);
            let mut kept = Vec::new();
            for statement in statements {
                let at = format!("{} {}", context.item.id, code);
                match statement.rank {
                    Rank::Deprecated => {
                        warnings.add("deprecated statements skipped", at);
                        continue;
                    }
                    Rank::Normal if has_preferred && single => {
                        warnings.add(
                            "normal-rank statements skipped beside a preferred one (a property with one value)",
                            at,
                        );
                        continue;
                    }
                    _ => {}
                }
                let Some(fact) =
                    self.statement_fact(context, mapping, definition, statement, warnings)
                else {
                    continue;
                };
                if statement.rank == Rank::Normal
                    && has_preferred
                    && definition.role == Role::State
                    && fact.end.is_none()
                {
                    warnings.add(
                        "open-ended normal-rank statements skipped beside a preferred one (not written as still holding)",
                        at,
                    );
                    continue;
                }
                kept.push(fact);
            }
            if single && kept.len() > 1 {
                let first = strip_identity(&kept[0]);
                if kept.iter().all(|f| strip_identity(f) == first) {
                    kept.truncate(1);
                } else {
                    warnings.add(
                        "statements skipped: several values, none preferred, for a property with one value",
                        format!("{} {}", context.item.id, code),
                    );
                    continue;
                }
            }
            facts.extend(kept);
        }
        facts
    }

    fn statement_fact(
        &self,
        context: &ItemContext,
        mapping: &PropertyMapping,
        definition: &PropertyDefinition,
        statement: &Statement,
        warnings: &mut Warnings,
    ) -> Option<FactOut> {
        let item = context.item;
        let at = format!("{} {}", item.id, statement.property);
        let mut fact = FactOut {
            id: fact_id(item.id, statement),
            subject: item.id.entity_id(),
            property: definition.id.clone(),
            object: None,
            value: None,
            unit: None,
            date: None,
            start: None,
            end: None,
            qualifiers: Vec::new(),
            sources: Vec::new(),
        };
        let mut parts = vec![(&mapping.main, &statement.main, true)];
        parts.extend(statement.qualifiers.iter().filter_map(|(code, value)| {
            self.mapping
                .qualifiers
                .get(code)
                .map(|target| (target, value, false))
        }));
        for (target, value, is_main) in parts {
            let placed = self.place(context, definition, &mut fact, target, value);
            match placed {
                Ok(()) => {}
                Err(reason) if is_main || reason.fatal => {
                    warnings.add(format!("statements skipped: {}", reason.text), at);
                    return None;
                }
                Err(reason) => {
                    warnings.add(format!("qualifiers left out: {}", reason.text), at.clone())
                }
            }
        }
        if fact.date.is_none()
            && fact.start.is_none()
            && fact.end.is_none()
            && definition.time != Need::Forbidden
            && let Some(code) = mapping.item_time
            && let Some(time) = item_time(item, code)
        {
            match time.fact_date() {
                Ok(date) => fact.date = Some(date),
                Err(reason) => {
                    warnings.add(format!("statements skipped: {}", reason.reason()), at);
                    return None;
                }
            }
        }
        if fact.start.is_some() || fact.end.is_some() {
            fact.date = None;
        }
        if fact.end.is_some() && fact.start.is_none() {
            warnings.add("statements skipped: an end without a start", at);
            return None;
        }
        if let (Some(start), Some(end)) = (&fact.start, &fact.end)
            && ends_before(start, end)
        {
            warnings.add("statements skipped: an end before the start", at);
            return None;
        }
        if fact.value.is_some() {
            fact.unit = mapping.unit.clone();
        }
        let has_time = fact.date.is_some() || fact.start.is_some();
        let missing = [
            (definition.object, fact.object.is_some(), "no object"),
            (
                definition.time,
                has_time,
                "no time (start, end or point in time)",
            ),
            (definition.value, fact.value.is_some(), "no value"),
        ]
        .into_iter()
        .find(|(need, has, _)| *need == Need::Required && !has);
        if let Some((_, _, what)) = missing {
            warnings.add(
                format!("statements skipped: {what}, which its property needs"),
                at,
            );
            return None;
        }
        if fact.value.is_some() && fact.unit.is_none() {
            warnings.add(
                "statements skipped: a quantity without a `unit` in wikidata.yaml",
                at,
            );
            return None;
        }
        fact.sources = self.sources(item.id, &statement.references);
        Some(fact)
    }

    /// Puts one value where `target` says; an error says why it cannot go there.
    fn place(
        &self,
        context: &ItemContext,
        definition: &PropertyDefinition,
        fact: &mut FactOut,
        target: &Target,
        value: &Value,
    ) -> Result<(), Refusal> {
        match target {
            Target::Object | Target::Subject => {
                let Value::Item(named) = value else {
                    return Err(Refusal::fatal("no item value (unknown or no value)"));
                };
                if *target == Target::Subject {
                    let subject = context
                        .written
                        .get(named)
                        .ok_or_else(|| Refusal::fatal("its value names an item not imported"))?;
                    fact.object = Some(fact.subject.clone());
                    fact.subject = subject.id.clone();
                    return Ok(());
                }
                if let Some(category) = context.categories.get(named) {
                    fact.object = Some((*category).to_string());
                } else if definition.object_kind == Some(EntityKind::Category) {
                    return Err(Refusal::fatal(
                        "its value is not a category listed in wikidata.yaml",
                    ));
                } else {
                    let object = context
                        .written
                        .get(named)
                        .ok_or_else(|| Refusal::fatal("its value names an item not imported"))?;
                    fact.object = Some(object.id.clone());
                }
                Ok(())
            }
            Target::Date | Target::Start | Target::End => {
                if definition.time == Need::Forbidden {
                    return Ok(());
                }
                let Value::Time(time) = value else {
                    return Err(Refusal::fatal("a time that is not a readable date"));
                };
                let date = time
                    .fact_date()
                    .map_err(|reason| Refusal::fatal(reason.reason()))?;
                let slot = match target {
                    Target::Date => &mut fact.date,
                    Target::Start => &mut fact.start,
                    _ => &mut fact.end,
                };
                slot.get_or_insert(date);
                Ok(())
            }
            Target::Value => {
                if definition.value == Need::Forbidden {
                    return Ok(());
                }
                match value {
                    Value::Quantity(n) if *n >= 0.0 => {
                        fact.value.get_or_insert(*n);
                        Ok(())
                    }
                    _ => Err(Refusal::fatal(
                        "a value that is not a quantity of zero or more",
                    )),
                }
            }
            Target::Qualifier(id) => self.place_qualifier(context, definition, fact, id, value),
        }
    }

    fn place_qualifier(
        &self,
        context: &ItemContext,
        definition: &PropertyDefinition,
        fact: &mut FactOut,
        id: &str,
        value: &Value,
    ) -> Result<(), Refusal> {
        let Some(qualifier) = self.properties.qualifier(id) else {
            return Ok(());
        };
        if !definition.qualifiers.contains(&qualifier)
            || fact.qualifiers.iter().any(|(q, _)| q == id)
        {
            return Ok(());
        }
        let kind = self.properties.qualifier_definition(qualifier).value;
        let written = match (kind, value) {
            (QualifierType::Entity, Value::Item(item)) => context
                .written
                .get(item)
                .map(|e| QualifierOut::Entity(e.id.clone()))
                .ok_or_else(|| Refusal::minor("an item not imported"))?,
            (QualifierType::Ordinal, Value::Text(text)) => text
                .trim()
                .parse::<u64>()
                .map(QualifierOut::Whole)
                .map_err(|_| Refusal::minor("a series ordinal that is not a whole number"))?,
            (QualifierType::Ordinal, Value::Quantity(n)) if n.fract() == 0.0 && *n >= 0.0 => {
                QualifierOut::Whole(*n as u64)
            }
            (QualifierType::Quantity, Value::Quantity(n)) => QualifierOut::Number(*n),
            (QualifierType::Date, Value::Time(time)) => QualifierOut::Date(
                time.fact_date()
                    .map_err(|reason| Refusal::minor(reason.reason()))?,
            ),
            (QualifierType::Text, Value::Item(item)) => self
                .mapping
                .qualifier_values
                .get(id)
                .and_then(|values| values.get(item))
                .map(|text| QualifierOut::Text(text.clone()))
                .ok_or_else(|| {
                    Refusal::minor("an item not listed in wikidata.yaml `qualifier-values`")
                })?,
            (QualifierType::Text, Value::Text(text)) => QualifierOut::Text(clean_text(text)),
            _ => {
                return Err(Refusal::minor(
                    "a value of the wrong type for its qualifier",
                ));
            }
        };
        fact.qualifiers.push((id.to_string(), written));
        Ok(())
    }

    /// The item's page, then one source per reference with a URL or a stated-in item.
    fn sources(&self, item: ItemId, references: &[Reference]) -> Vec<SourceOut> {
        let mut sources = vec![SourceOut {
            url: item.url(),
            title: match self.labels.get(&item) {
                Some(label) => format!("{label} ({item}) - Wikidata"),
                None => format!("{item} - Wikidata"),
            },
            publisher: Some("Wikidata".to_string()),
            retrieved: None,
        }];
        for reference in references {
            let stated_in = reference.stated_in.map(|work| {
                let label = self.labels.get(&work).map(|l| clean_text(l));
                (work, label)
            });
            let retrieved = reference.retrieved.and_then(|t| t.fact_date().ok());
            let url = reference
                .url
                .as_deref()
                .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
                .filter(|u| {
                    !u.chars()
                        .any(|c| c.is_whitespace() || crate::lint::is_hidden(c))
                });
            let source = match (url, &stated_in) {
                (Some(url), _) => SourceOut {
                    url: url.to_string(),
                    title: reference
                        .title
                        .as_deref()
                        .map(clean_text)
                        .filter(|t| !t.is_empty())
                        .or_else(|| stated_in.as_ref().and_then(|(_, l)| l.clone()))
                        .unwrap_or_else(|| url.to_string()),
                    publisher: stated_in.as_ref().and_then(|(_, l)| l.clone()),
                    retrieved,
                },
                (None, Some((work, label))) => SourceOut {
                    url: work.url(),
                    title: label
                        .clone()
                        .unwrap_or_else(|| format!("{work} - Wikidata")),
                    publisher: None,
                    retrieved,
                },
                (None, None) => continue,
            };
            if !sources.contains(&source) {
                sources.push(source);
            }
        }
        sources
    }

    /// A series for each office's terms, and `holders: many` for an office whose
    /// imported terms overlap (Wikidata says two held it at once).
    fn office_series(&self, entities: &mut [EntityOut], facts: &[FactOut]) -> Vec<SeriesOut> {
        let mut terms: BTreeMap<&str, Vec<&FactOut>> = BTreeMap::new();
        for fact in facts {
            let Some(definition) = self.properties.get(&fact.property) else {
                continue;
            };
            if definition.role == Role::State
                && definition.object_kind == Some(EntityKind::Office)
                && let Some(object) = &fact.object
            {
                terms.entry(object.as_str()).or_default().push(fact);
            }
        }
        let mut series = Vec::new();
        for entity in entities.iter_mut().filter(|e| e.kind == EntityKind::Office) {
            let Some(held) = terms.get(entity.id.as_str()) else {
                continue;
            };
            entity.many_holders = held.iter().enumerate().any(|(i, a)| {
                held[i + 1..]
                    .iter()
                    .any(|b| a.subject != b.subject && overlap(a, b))
            });
            let mut properties: Vec<&str> = held.iter().map(|f| f.property.as_str()).collect();
            properties.sort_unstable();
            properties.dedup();
            for property in properties {
                series.push(SeriesOut {
                    id: format!("{}-{property}", entity.id),
                    name: format!("Holders of {}", entity.name),
                    property: property.to_string(),
                    object: entity.id.clone(),
                });
            }
        }
        series
    }
}

struct ItemContext<'a> {
    item: &'a Item,
    written: &'a BTreeMap<ItemId, &'a EntityOut>,
    categories: &'a BTreeMap<ItemId, &'a str>,
}

/// Why a value was not placed; `fatal` when the statement cannot be written without it.
struct Refusal {
    text: &'static str,
    fatal: bool,
}

impl Refusal {
    fn fatal(text: &'static str) -> Refusal {
        Refusal { text, fatal: true }
    }
    fn minor(text: &'static str) -> Refusal {
        Refusal { text, fatal: false }
    }
}

/// `q42-p39-f078e5b3`: the item, the property and the first part of the statement's
/// id, so a re-import gives the statement the same id.
fn fact_id(item: ItemId, statement: &Statement) -> String {
    let guid = statement
        .id
        .as_deref()
        .and_then(|id| id.split_once('$').map(|(_, guid)| guid))
        .map(|guid| {
            let first = guid.split('-').next().unwrap_or(guid);
            first
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .filter(|part| !part.is_empty())
        .unwrap_or_else(|| {
            let text = format!("{statement:?}");
            format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
        });
    format!(
        "{}-{}-{guid}",
        item.entity_id(),
        statement.property.to_string().to_ascii_lowercase()
    )
}

/// The item's own time value of `code`, preferred first, for `item-time`.
fn item_time(item: &Item, code: PropertyCode) -> Option<WikiTime> {
    let times = |rank: Rank| {
        item.statements
            .iter()
            .filter(move |s| s.property == code && s.rank == rank)
            .find_map(|s| match s.main {
                Value::Time(time) => Some(time),
                _ => None,
            })
    };
    times(Rank::Preferred).or_else(|| times(Rank::Normal))
}

/// A fact without its id and sources, to see whether two say the same.
fn strip_identity(fact: &FactOut) -> FactOut {
    FactOut {
        id: String::new(),
        sources: Vec::new(),
        ..fact.clone()
    }
}

/// Whether `end` is before `start`, each at its own precision.
fn ends_before(start: &str, end: &str) -> bool {
    let common = start.len().min(end.len());
    end[..common] < start[..common]
}

/// Whether two terms overlap by more than a shared day: each from the first day its
/// start allows to the last its end allows, open-ended when it has no end.
fn overlap(a: &FactOut, b: &FactOut) -> bool {
    let span = |f: &FactOut| {
        let start = f.start.as_deref().or(f.date.as_deref()).map(first_day);
        let end = f.end.as_deref().map(last_day);
        (start, end)
    };
    let ((a_start, a_end), (b_start, b_end)) = (span(a), span(b));
    let before = |start: &Option<String>, end: &Option<String>| match (start, end) {
        (Some(s), Some(e)) => s < e,
        _ => true,
    };
    before(&a_start, &b_end) && before(&b_start, &a_end)
}

fn first_day(date: &str) -> String {
    match date.len() {
        4 => format!("{date}-01-01"),
        7 => format!("{date}-01"),
        _ => date.to_string(),
    }
}

fn last_day(date: &str) -> String {
    match date.len() {
        4 => format!("{date}-12-31"),
        7 => format!("{date}-31"),
        _ => date.to_string(),
    }
}

/// The name a category entity is written with: its id in words.
pub fn category_name(id: &str) -> String {
    id.replace('-', " ")
}

/// Text from Wikidata as a fact file may hold it: no control or direction
/// characters, whitespace runs as one space.
pub fn clean_text(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !crate::lint::is_hidden(*c))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;
    use crate::wikidata::time::Calendar;

    fn day(year: i64, month: u32, day: u32) -> Value {
        Value::Time(WikiTime {
            year,
            month,
            day,
            precision: 11,
            calendar: Calendar::Gregorian,
        })
    }

    fn statement(
        property: u32,
        guid: &str,
        rank: Rank,
        main: Value,
        qualifiers: Vec<(u32, Value)>,
    ) -> Statement {
        Statement {
            property: PropertyCode(property),
            id: Some(format!("Q1${guid}-0000")),
            rank,
            main,
            qualifiers: qualifiers
                .into_iter()
                .map(|(p, v)| (PropertyCode(p), v))
                .collect(),
            references: Vec::new(),
        }
    }

    fn item(id: u64, label: &str, class: u64, statements: Vec<Statement>) -> Item {
        Item {
            id: ItemId(id),
            label: Some(label.to_string()),
            aliases: Vec::new(),
            classes: vec![ItemId(class)],
            statements,
        }
    }

    fn convert(items: Vec<Item>) -> (Converted, Warnings) {
        let rules = Rules::bundled().unwrap();
        let mapping = Mapping::bundled(&rules.properties).unwrap();
        let labels = BTreeMap::new();
        let converter = Converter {
            mapping: &mapping,
            properties: &rules.properties,
            labels: &labels,
        };
        let items: BTreeMap<ItemId, Item> = items.into_iter().map(|i| (i.id, i)).collect();
        let mut warnings = Warnings::default();
        (converter.convert(&items, &mut warnings), warnings)
    }

    #[test]
    fn a_preferred_value_decides_what_is_current() {
        let party = Value::Item(ItemId(2));
        let person = item(
            1,
            "A Person",
            5,
            vec![
                statement(
                    102,
                    "a",
                    Rank::Preferred,
                    party.clone(),
                    vec![(580, day(2010, 1, 1))],
                ),
                // Open-ended beside the preferred one: not written as still holding.
                statement(
                    102,
                    "b",
                    Rank::Normal,
                    party.clone(),
                    vec![(580, day(2000, 1, 1))],
                ),
                // Ended: history, kept.
                statement(
                    102,
                    "c",
                    Rank::Normal,
                    party,
                    vec![(580, day(1990, 1, 1)), (582, day(1999, 1, 1))],
                ),
                // One value: only the preferred birth date.
                statement(569, "d", Rank::Preferred, day(1950, 5, 6), vec![]),
                statement(569, "e", Rank::Normal, day(1951, 5, 6), vec![]),
            ],
        );
        let (converted, warnings) = convert(vec![person, item(2, "A Party", 7278, vec![])]);
        let ids: Vec<&str> = converted.facts.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["q1-p102-a", "q1-p102-c", "q1-p569-d"]);
        assert_eq!(converted.facts[2].date.as_deref(), Some("1950-05-06"));
        assert_eq!(warnings.count("open-ended normal-rank statements skipped beside a preferred one (not written as still holding)"), 1);
    }

    #[test]
    fn disputed_single_values_are_left_out_and_names_kept_apart() {
        let person = item(
            1,
            "Same Name",
            5,
            vec![
                statement(569, "a", Rank::Normal, day(1950, 5, 6), vec![]),
                statement(569, "b", Rank::Normal, day(1951, 5, 6), vec![]),
            ],
        );
        let (converted, warnings) = convert(vec![person, item(3, "Same Name", 5, vec![])]);
        assert!(converted.facts.is_empty());
        assert_eq!(
            warnings.count(
                "statements skipped: several values, none preferred, for a property with one value"
            ),
            1
        );
        let names: Vec<&str> = converted.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Same Name", "Same Name (Q3)"]);
    }

    #[test]
    fn overlapping_terms_make_an_office_held_by_many() {
        let office = Value::Item(ItemId(9));
        let term = |guid, start: (i64, u32, u32), end: (i64, u32, u32)| {
            statement(
                39,
                guid,
                Rank::Normal,
                office.clone(),
                vec![
                    (580, day(start.0, start.1, start.2)),
                    (582, day(end.0, end.1, end.2)),
                ],
            )
        };
        // Handing over on the same day is not an overlap.
        let (converted, _) = convert(vec![
            item(1, "First", 5, vec![term("a", (2000, 1, 1), (2004, 1, 1))]),
            item(2, "Second", 5, vec![term("b", (2004, 1, 1), (2008, 1, 1))]),
            item(9, "An Office", 4_164_871, vec![]),
        ]);
        assert!(!converted.entities.iter().any(|e| e.many_holders));
        let (converted, _) = convert(vec![
            item(1, "First", 5, vec![term("a", (2000, 1, 1), (2005, 1, 1))]),
            item(2, "Second", 5, vec![term("b", (2004, 1, 1), (2008, 1, 1))]),
            item(9, "An Office", 4_164_871, vec![]),
        ]);
        assert!(
            converted
                .entities
                .iter()
                .any(|e| e.id == "q9" && e.many_holders)
        );
    }

    #[test]
    fn an_events_statements_become_facts_about_those_it_names() {
        let winner = Value::Item(ItemId(1));
        let election = item(
            7,
            "An Election",
            40231,
            vec![
                statement(585, "a", Rank::Normal, day(2020, 9, 14), vec![]),
                // The winner won the election, dated by the election's own P585.
                statement(1346, "b", Rank::Normal, winner.clone(), vec![]),
                // Votes for a candidate: the candidate a qualifier, P1111 the value.
                statement(
                    726,
                    "c",
                    Rank::Normal,
                    winner,
                    vec![(1111, Value::Quantity(377.0))],
                ),
            ],
        );
        let (converted, _) = convert(vec![item(1, "A Candidate", 5, vec![]), election]);
        let victory = converted
            .facts
            .iter()
            .find(|f| f.property == "victory")
            .unwrap();
        assert_eq!(
            (
                victory.subject.as_str(),
                victory.object.as_deref(),
                victory.date.as_deref()
            ),
            ("q1", Some("q7"), Some("2020-09-14"))
        );
        assert_eq!(victory.id, "q7-p1346-b");
        let votes = converted
            .facts
            .iter()
            .find(|f| f.property == "votes")
            .unwrap();
        assert_eq!((votes.subject.as_str(), votes.value), ("q7", Some(377.0)));
        assert_eq!(votes.unit.as_deref(), Some("vote"));
        assert_eq!(
            votes.qualifiers,
            [(
                "candidate".to_string(),
                QualifierOut::Entity("q1".to_string())
            )]
        );
    }
}
