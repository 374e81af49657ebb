//! Wikibase's entity JSON (the dump's lines, `Special:EntityData`'s entities), read
//! with borrowed serde structs into the little an import keeps: the label and
//! aliases in one language, the classes, and the statements of mapped properties.
//! Other properties and languages are skipped as raw JSON, never built.

use super::ids::{ItemId, PropertyCode};
use super::mapping::{INSTANCE_OF, Mapping};
use super::time::WikiTime;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::HashMap;

#[derive(Deserialize)]
struct EntityJson<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(default, borrow)]
    labels: HashMap<Cow<'a, str>, &'a RawValue>,
    #[serde(default, borrow)]
    aliases: HashMap<Cow<'a, str>, &'a RawValue>,
    #[serde(default, borrow)]
    claims: HashMap<Cow<'a, str>, &'a RawValue>,
}

#[derive(Deserialize)]
struct Term<'a> {
    #[serde(borrow)]
    value: Cow<'a, str>,
}

#[derive(Deserialize)]
struct StatementJson<'a> {
    #[serde(default, borrow)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    mainsnak: Snak<'a>,
    #[serde(default, borrow)]
    rank: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    qualifiers: HashMap<Cow<'a, str>, Vec<Snak<'a>>>,
    #[serde(default, borrow)]
    references: Vec<ReferenceJson<'a>>,
}

#[derive(Deserialize)]
struct ReferenceJson<'a> {
    #[serde(default, borrow)]
    snaks: HashMap<Cow<'a, str>, Vec<Snak<'a>>>,
}

#[derive(Deserialize)]
struct Snak<'a> {
    #[serde(default, borrow)]
    datavalue: Option<DataValue<'a>>,
}

#[derive(Deserialize)]
struct DataValue<'a> {
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow)]
    value: &'a RawValue,
}

#[derive(Deserialize)]
struct EntityIdValue<'a> {
    #[serde(default, borrow)]
    id: Option<Cow<'a, str>>,
    #[serde(default, rename = "numeric-id")]
    numeric_id: Option<u64>,
    #[serde(default, rename = "entity-type", borrow)]
    entity_type: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct TimeJson<'a> {
    #[serde(borrow)]
    time: Cow<'a, str>,
    precision: u8,
    #[serde(borrow)]
    calendarmodel: Cow<'a, str>,
}

#[derive(Deserialize)]
struct QuantityJson<'a> {
    #[serde(borrow)]
    amount: Cow<'a, str>,
}

/// A statement's rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rank {
    Preferred,
    Normal,
    Deprecated,
}

/// A value as the import uses it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Item(ItemId),
    Time(WikiTime),
    Quantity(f64),
    Text(String),
    /// Unknown or no value, or a type the import does not read.
    Other,
}

/// One reference of a statement: its URL, the item it was stated in, its title
/// and when it was retrieved, each when given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reference {
    pub url: Option<String>,
    pub stated_in: Option<ItemId>,
    pub title: Option<String>,
    pub retrieved: Option<WikiTime>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub property: PropertyCode,
    /// The statement's id, `Q42$F078E5B3-...`.
    pub id: Option<String>,
    pub rank: Rank,
    pub main: Value,
    pub qualifiers: Vec<(PropertyCode, Value)>,
    pub references: Vec<Reference>,
}

/// What an import keeps of an entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: ItemId,
    pub label: Option<String>,
    pub aliases: Vec<String>,
    /// Its P31 values.
    pub classes: Vec<ItemId>,
    /// Statements of mapped properties, in the order of the JSON.
    pub statements: Vec<Statement>,
}

const URL: PropertyCode = PropertyCode(854);
const STATED_IN: PropertyCode = PropertyCode(248);
const RETRIEVED: PropertyCode = PropertyCode(813);
const TITLE: PropertyCode = PropertyCode(1476);

/// Reads an entity, keeping what `mapping` reads and the statements of `also`
/// (the properties a selection tests or follows), in `language`. `None` for an
/// entity that is not an item (a property, a lexeme).
pub fn read_item(
    json: &str,
    mapping: &Mapping,
    also: &[PropertyCode],
    language: &str,
) -> Result<Option<Item>, serde_json::Error> {
    let entity: EntityJson = serde_json::from_str(json)?;
    let Some(id) = ItemId::parse(&entity.id) else {
        return Ok(None);
    };
    let label = match entity.labels.get(language) {
        Some(raw) => Some(serde_json::from_str::<Term>(raw.get())?.value.into_owned()),
        None => None,
    };
    let aliases = match entity.aliases.get(language) {
        Some(raw) => serde_json::from_str::<Vec<Term>>(raw.get())?
            .into_iter()
            .map(|t| t.value.into_owned())
            .collect(),
        None => Vec::new(),
    };
    let mut classes = Vec::new();
    let mut statements = Vec::new();
    let mut properties: Vec<(PropertyCode, &RawValue)> = entity
        .claims
        .iter()
        .filter_map(|(key, raw)| PropertyCode::parse(key).map(|code| (code, *raw)))
        .filter(|(code, _)| mapping.reads(*code) || also.contains(code))
        .collect();
    properties.sort_by_key(|(code, _)| *code);
    for (code, raw) in properties {
        let read: Vec<StatementJson> = serde_json::from_str(raw.get())?;
        for statement in read {
            let statement = statement.into_statement(code)?;
            if code == INSTANCE_OF
                && statement.rank != Rank::Deprecated
                && let Value::Item(class) = statement.main
            {
                classes.push(class);
            }
            statements.push(statement);
        }
    }
    Ok(Some(Item {
        id,
        label,
        aliases,
        classes,
        statements,
    }))
}

/// The item values of `code` in an entity's statements (not deprecated), for a
/// selection's conditions; read from the same JSON without keeping anything else.
pub fn item_values(item: &Item, code: PropertyCode) -> impl Iterator<Item = ItemId> + '_ {
    item.statements
        .iter()
        .filter(move |s| s.property == code && s.rank != Rank::Deprecated)
        .filter_map(|s| match s.main {
            Value::Item(id) => Some(id),
            _ => None,
        })
}

impl StatementJson<'_> {
    fn into_statement(self, property: PropertyCode) -> Result<Statement, serde_json::Error> {
        let rank = match self.rank.as_deref() {
            Some("preferred") => Rank::Preferred,
            Some("deprecated") => Rank::Deprecated,
            _ => Rank::Normal,
        };
        let mut qualifiers = Vec::new();
        let mut keyed: Vec<(PropertyCode, Vec<Snak>)> = self
            .qualifiers
            .into_iter()
            .filter_map(|(key, snaks)| PropertyCode::parse(&key).map(|code| (code, snaks)))
            .collect();
        keyed.sort_by_key(|(code, _)| *code);
        for (code, snaks) in keyed {
            for snak in snaks {
                qualifiers.push((code, snak.value()?));
            }
        }
        let mut references = Vec::new();
        for reference in self.references {
            references.push(reference.into_reference()?);
        }
        Ok(Statement {
            property,
            id: self.id.map(Cow::into_owned),
            rank,
            main: self.mainsnak.value()?,
            qualifiers,
            references,
        })
    }
}

impl ReferenceJson<'_> {
    fn into_reference(self) -> Result<Reference, serde_json::Error> {
        let mut reference = Reference::default();
        for (key, snaks) in self.snaks {
            let Some(code) = PropertyCode::parse(&key) else {
                continue;
            };
            for snak in snaks {
                match (code, snak.value()?) {
                    (URL, Value::Text(url)) => reference.url = reference.url.or(Some(url)),
                    (STATED_IN, Value::Item(item)) => {
                        reference.stated_in = reference.stated_in.or(Some(item));
                    }
                    (TITLE, Value::Text(title)) => {
                        reference.title = reference.title.or(Some(title));
                    }
                    (RETRIEVED, Value::Time(time)) => {
                        reference.retrieved = reference.retrieved.or(Some(time));
                    }
                    _ => {}
                }
            }
        }
        Ok(reference)
    }
}

impl Snak<'_> {
    fn value(&self) -> Result<Value, serde_json::Error> {
        let Some(data) = &self.datavalue else {
            return Ok(Value::Other);
        };
        let raw = data.value.get();
        Ok(match data.kind.as_ref() {
            "wikibase-entityid" => {
                let entity: EntityIdValue = serde_json::from_str(raw)?;
                let is_item = entity.entity_type.as_deref().is_none_or(|t| t == "item");
                match (
                    entity.id.as_deref().and_then(ItemId::parse),
                    entity.numeric_id,
                ) {
                    (Some(id), _) => Value::Item(id),
                    (None, Some(n)) if is_item => Value::Item(ItemId(n)),
                    _ => Value::Other,
                }
            }
            "time" => {
                let time: TimeJson = serde_json::from_str(raw)?;
                WikiTime::parse(&time.time, time.precision, &time.calendarmodel)
                    .map_or(Value::Other, Value::Time)
            }
            "quantity" => {
                let quantity: QuantityJson = serde_json::from_str(raw)?;
                quantity
                    .amount
                    .trim_start_matches('+')
                    .parse::<f64>()
                    .ok()
                    .filter(|n| n.is_finite())
                    .map_or(Value::Other, Value::Quantity)
            }
            "string" => Value::Text(serde_json::from_str::<Cow<str>>(raw)?.into_owned()),
            "monolingualtext" => {
                #[derive(Deserialize)]
                struct Text<'a> {
                    #[serde(borrow)]
                    text: Cow<'a, str>,
                }
                Value::Text(serde_json::from_str::<Text>(raw)?.text.into_owned())
            }
            _ => Value::Other,
        })
    }
}
