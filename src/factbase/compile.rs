//! Turning the parsed records of a base that passed lint into the compiled base:
//! ids resolved to indexes, dates to day ranges, names to keys. Lint has already
//! reported everything that could be wrong, so a record that still does not
//! resolve is left out rather than guessed at. Imported entities linked to another
//! are compiled as that one (`link`), and imported facts that give way to
//! hand-written ones are left out (`precedence`).

use super::index::name_key;
use super::link::{Links, is_imported};
use super::precedence::Precedence;
use super::read::ParsedFile;
use super::schema::{CueRecord, FactRecord, Scalar, YamlDate};
use super::{
    Cue, Entity, EntityIdx, Fact, FactBase, FactTime, FactValue, Origin, PropertyTable,
    QualifierType, QualifierValue, Series, Source, ValueType,
};
use crate::dates::DateRange;
use serde_saphyr::Spanned;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// The compiled base, without its indexes (`FactBase::index` builds those).
pub fn compile(files: &[ParsedFile], properties: &PropertyTable) -> FactBase {
    let mut base = FactBase {
        properties: properties.clone(),
        ..FactBase::default()
    };
    let paths: Vec<Arc<Path>> = files.iter().map(|f| Arc::from(f.path.as_path())).collect();
    let links = Links::new(files);
    let precedence = Precedence::new(files, &links, properties);
    let mut entity_ids: HashMap<&str, EntityIdx> = HashMap::new();
    // Entities first, so facts and cues in any file may refer to any entity; an
    // imported entity linked to another is compiled as that one.
    for (file, path) in files.iter().zip(&paths) {
        for record in &file.file.entities {
            if entity_ids.contains_key(record.id.value.as_str()) || links.is_linked(record) {
                continue;
            }
            entity_ids.insert(&record.id.value, base.entities.len());
            base.entities.push(Entity {
                id: record.id.value.clone(),
                name: record.name.value.clone(),
                kind: record.kind,
                aliases: record.aliases.iter().map(|a| a.value.clone()).collect(),
                cues: Vec::new(),
                leads: None,
                holders: record.holders,
                recurs: record.recurs,
                imported: is_imported(file),
                origin: origin(path, &record.id),
            });
        }
    }
    join_linked_names(files, &links, &entity_ids, &mut base.entities);
    let resolve_id = |id: &str| entity_ids.get(links.resolve(id)).copied();
    let resolve = |id: &Spanned<String>| resolve_id(&id.value);
    for file in files {
        for record in &file.file.entities {
            if links.is_linked(record) {
                continue;
            }
            if let Some(&idx) = entity_ids.get(record.id.value.as_str()) {
                base.entities[idx].cues = record
                    .cues
                    .iter()
                    .filter_map(|cue| compile_cue(cue, &resolve))
                    .collect();
                base.entities[idx].leads = record.leads.as_ref().and_then(resolve);
            }
        }
    }
    // Hand-written series first, so where an imported file declares the same
    // series, the hand-written one is found first.
    let by_hand_first = [false, true].into_iter().flat_map(|imported| {
        files
            .iter()
            .zip(&paths)
            .filter(move |(file, _)| is_imported(file) == imported)
    });
    for (file, path) in by_hand_first {
        for record in &file.file.series {
            let Some(property) = properties.id(&record.property.value) else {
                continue;
            };
            let Some(filters) = record
                .filters
                .iter()
                .map(|f| Some((properties.id(&f.property.value)?, resolve(&f.object)?)))
                .collect::<Option<Vec<_>>>()
            else {
                continue;
            };
            let object = match &record.object {
                Some(object) => match resolve(object) {
                    Some(object) => Some(object),
                    None => continue,
                },
                None => None,
            };
            base.series.push(Series {
                id: record.id.value.clone(),
                name: record.name.clone(),
                property,
                object,
                subject: match &record.subject {
                    Some(subject) => match resolve(subject) {
                        Some(subject) => Some(subject),
                        None => continue,
                    },
                    None => None,
                },
                filters,
                nouns: record.nouns.iter().map(|n| n.to_lowercase()).collect(),
                complete_from: record.complete_from.as_ref().and_then(|d| {
                    if d.value.is_series_start() {
                        Some(chrono::NaiveDate::MIN)
                    } else {
                        DateRange::parse(&d.value.as_text()).map(|d| d.first)
                    }
                }),
                origin: origin(path, &record.id),
            });
        }
    }
    for (file_index, (file, path)) in files.iter().zip(&paths).enumerate() {
        base.facts.extend(
            file.file
                .facts
                .iter()
                .enumerate()
                .filter(|(fact_index, _)| precedence.keeps(file_index, *fact_index))
                .filter_map(|(_, r)| compile_fact(r, path, properties, &resolve_id)),
        );
    }
    base.group_facts();
    base
}

/// Gives each entity the names of the imported entities linked to it, but for
/// names another entity already has: a linked name never takes one from anyone.
fn join_linked_names(
    files: &[ParsedFile],
    links: &Links,
    entity_ids: &HashMap<&str, EntityIdx>,
    entities: &mut [Entity],
) {
    let linked: Vec<(EntityIdx, &Spanned<String>)> = files
        .iter()
        .flat_map(|f| &f.file.entities)
        .filter(|record| links.is_linked(record))
        .filter_map(|record| {
            let idx = *entity_ids.get(links.resolve(&record.id.value))?;
            Some(
                std::iter::once(&record.name)
                    .chain(&record.aliases)
                    .map(move |name| (idx, name)),
            )
        })
        .flatten()
        .collect();
    if linked.is_empty() {
        return;
    }
    // The entities that have each of those names already.
    let mut owners: HashMap<String, Vec<EntityIdx>> = linked
        .iter()
        .map(|(_, name)| (name_key(&name.value), Vec::new()))
        .filter(|(key, _)| !key.is_empty())
        .collect();
    for (idx, entity) in entities.iter().enumerate() {
        for name in std::iter::once(&entity.name).chain(&entity.aliases) {
            if let Some(users) = owners.get_mut(&name_key(name))
                && users.last() != Some(&idx)
            {
                users.push(idx);
            }
        }
    }
    for (idx, name) in linked {
        let Some(users) = owners.get_mut(&name_key(&name.value)) else {
            continue;
        };
        if users.iter().all(|&user| user == idx) && !users.contains(&idx) {
            users.push(idx);
            entities[idx].aliases.push(name.value.clone());
        }
    }
}

fn compile_cue(
    cue: &CueRecord,
    resolve: &dyn Fn(&Spanned<String>) -> Option<EntityIdx>,
) -> Option<Cue> {
    let entities = cue
        .entities
        .iter()
        .map(resolve)
        .collect::<Option<Vec<EntityIdx>>>()?;
    let phrases: Vec<Vec<String>> = cue
        .words
        .iter()
        .map(|p| name_key(p))
        .filter(|key| !key.is_empty())
        .map(|key| key.split(' ').map(String::from).collect())
        .collect();
    (!phrases.is_empty() || !entities.is_empty()).then_some(Cue { phrases, entities })
}

fn compile_fact(
    record: &FactRecord,
    path: &Arc<Path>,
    properties: &PropertyTable,
    resolve_id: &dyn Fn(&str) -> Option<EntityIdx>,
) -> Option<Fact> {
    let resolve = |id: &Spanned<String>| resolve_id(&id.value);
    let property = properties.id(&record.property.value)?;
    let definition = properties.definition(property);
    let object = match &record.object {
        Some(object) => Some(resolve(object)?),
        None => None,
    };
    let date = |d: &Option<Spanned<YamlDate>>| -> Option<Option<DateRange>> {
        match d {
            Some(d) => DateRange::parse(&d.value.as_text()).map(Some),
            None => Some(None),
        }
    };
    let time = match (
        date(&record.date)?,
        date(&record.start)?,
        date(&record.end)?,
    ) {
        (Some(at), None, None) => Some(FactTime::At(at)),
        (None, Some(start), end) => Some(FactTime::Between { start, end }),
        _ => None,
    };
    let value = match (&record.value, definition.value_type) {
        (None, _) => None,
        (Some(v), Some(ValueType::Text)) => Some(FactValue::Text(v.value.as_text())),
        (Some(v), _) => match v.value {
            Scalar::Number(n) => Some(FactValue::Number(n)),
            Scalar::Text(_) => return None,
        },
    };
    let mut qualifiers = Vec::new();
    for (id, value) in record.qualifiers.iter().flat_map(|q| &q.value.0) {
        let qualifier = properties.qualifier(&id.value)?;
        let value = match (
            properties.qualifier_definition(qualifier).value,
            &value.value,
        ) {
            (QualifierType::Entity, Scalar::Text(id)) => QualifierValue::Entity(resolve_id(id)?),
            (QualifierType::Quantity | QualifierType::Ordinal, Scalar::Number(n)) => {
                QualifierValue::Number(*n)
            }
            (QualifierType::Date, scalar) => {
                QualifierValue::Date(DateRange::parse(&scalar.as_text())?)
            }
            (QualifierType::Text, scalar) => QualifierValue::Text(scalar.as_text()),
            _ => return None,
        };
        qualifiers.push((qualifier, value));
    }
    Some(Fact {
        id: record.id.value.clone(),
        subject: resolve(&record.subject)?,
        property,
        object,
        value,
        unit: record.unit.as_ref().map(|u| u.to_lowercase()),
        time,
        qualifiers,
        sources: record
            .sources
            .iter()
            .flat_map(|s| &s.value)
            .map(|s| Source {
                url: s.url.value.clone(),
                title: s.title.value.clone(),
                publisher: s.publisher.clone(),
                date: s.date.as_ref().map(|d| d.value.as_text()),
                retrieved: s.retrieved.as_ref().map(|d| d.value.as_text()),
            })
            .collect(),
        origin: origin(path, &record.id),
    })
}

fn origin<T>(path: &Arc<Path>, spanned: &Spanned<T>) -> Origin {
    Origin {
        file: Arc::clone(path),
        line: spanned.referenced.line() as usize,
    }
}
