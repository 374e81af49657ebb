//! The controlled list of properties and qualifiers a fact may state. The list is data
//! (`rules/properties.yaml`), so contributors read it, lint enforces it and a desk adds
//! a property without recompiling. The checker knows a property by its `Role` and
//! value type, never by its id.

use super::EntityKind;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A property, by its place in the `PropertyTable` it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PropertyId(u16);

/// A qualifier, by its place in the `PropertyTable` it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct QualifierId(u16);

/// Whether a fact of a property must, may or must not give a field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Need {
    Required,
    #[default]
    Optional,
    Forbidden,
}

/// What the checker does with a property's facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Something happened at the fact's time.
    Occurrence,
    /// Something held from the fact's start to its end: an office, a club.
    State,
    /// The subject was born on the fact's date; ages count from it.
    Birth,
    /// The subject died on the fact's date.
    Death,
    /// A number with its unit about the subject.
    Quantity,
    /// The subject belongs to the class the object names.
    Category,
    /// The subject is one of a run of like things.
    Membership,
}

/// What a fact's `value` holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ValueType {
    /// A number with a `unit`.
    Quantity,
    /// A whole number.
    Ordinal,
    /// Words.
    Text,
}

/// How many facts of a property one subject has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PerSubject {
    /// One at most (born, launched): naming the subject identifies the fact.
    One,
    /// Any number (terms of office, statements): a claim must name more to identify one.
    #[default]
    Many,
}

/// Which part of a fact a wording states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Aspect {
    /// That it happened, at the fact's time.
    Occurrence,
    /// That it began, at the fact's start.
    Start,
    /// That it ended, at the fact's end.
    End,
    /// That it held, over the fact's span.
    State,
}

impl Aspect {
    pub const ALL: [Aspect; 4] = [
        Aspect::Occurrence,
        Aspect::Start,
        Aspect::End,
        Aspect::State,
    ];
}

/// The wording of `words:` in a property, as written. The `...-by-others` lists are
/// words others do to the fact's subject ("elected Suga", "Suga was elected"): they
/// tie a fact only when the subject comes after them or they are passive. The
/// `...-with-object` lists are common verbs ("won", "took") that tie a fact only with
/// its object named right after them.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WordsRecord {
    #[serde(default)]
    occurrence: Vec<String>,
    #[serde(default)]
    start: Vec<String>,
    #[serde(default)]
    end: Vec<String>,
    #[serde(default)]
    state: Vec<String>,
    #[serde(default)]
    occurrence_by_others: Vec<String>,
    #[serde(default)]
    started_by_others: Vec<String>,
    #[serde(default)]
    ended_by_others: Vec<String>,
    #[serde(default)]
    started_with_object: Vec<String>,
}

/// Who a property's word is said of: the fact's subject doing it ("Suga took
/// office"), others doing it to the subject ("elected Suga"), or the subject doing a
/// common verb that states the fact only with its object named right after it ("won
/// a lower house seat", "took the party leadership").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    Own,
    ByOthers,
    WithObject,
}

/// A phrase as its lower-case words.
pub type Phrase = Vec<String>;

/// One entry of `properties:` in `rules/properties.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PropertyRecord {
    pub id: String,
    pub description: String,
    #[serde(default)]
    pub label: Option<String>,
    pub role: Role,
    #[serde(default)]
    pub object: Need,
    #[serde(default)]
    pub value: Need,
    #[serde(default)]
    pub value_type: Option<ValueType>,
    #[serde(default)]
    pub time: Need,
    #[serde(default)]
    pub object_kind: Option<EntityKind>,
    #[serde(default)]
    pub subproperty_of: Option<String>,
    #[serde(default)]
    pub qualifiers: Vec<String>,
    #[serde(default)]
    pub per_subject: PerSubject,
    #[serde(default)]
    pub one_value: bool,
    #[serde(default)]
    pub one_holder: bool,
    #[serde(default)]
    pub one_object: bool,
    #[serde(default)]
    pub words: WordsRecord,
}

/// What a qualifier's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QualifierType {
    Entity,
    Quantity,
    Ordinal,
    Date,
    Text,
}

/// One entry of `qualifiers:` in `rules/properties.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QualifierRecord {
    pub id: String,
    pub value: QualifierType,
    pub description: String,
    /// For text qualifiers with a closed list: each value and the words drafts use for it.
    #[serde(default)]
    pub values: Option<indexmap_like::OrderedMap>,
}

/// `rules/properties.yaml` as written.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PropertiesFile {
    pub properties: Vec<PropertyRecord>,
    #[serde(default)]
    pub qualifiers: Vec<QualifierRecord>,
}

/// A declared property, ready for the checker.
#[derive(Debug, Clone)]
pub struct PropertyDefinition {
    pub id: String,
    pub description: String,
    /// The fact in words, with `{subject}` and `{object}` to fill in.
    pub label: String,
    pub role: Role,
    pub object: Need,
    pub value: Need,
    pub value_type: Option<ValueType>,
    pub time: Need,
    pub object_kind: Option<EntityKind>,
    /// The broader property this one is a case of.
    pub parent: Option<PropertyId>,
    pub qualifiers: Vec<QualifierId>,
    pub per_subject: PerSubject,
    pub one_value: bool,
    pub one_holder: bool,
    pub one_object: bool,
    /// Phrases that state a fact of it, by the aspect they state and whose doing
    /// they tell.
    pub words: Vec<(Aspect, Phrase, Voice)>,
}

impl PropertyDefinition {
    /// The phrases that state `aspect`, with their voice.
    pub fn words_for(&self, aspect: Aspect) -> impl Iterator<Item = (&Phrase, Voice)> {
        self.words
            .iter()
            .filter(move |(a, ..)| *a == aspect)
            .map(|(_, phrase, voice)| (phrase, *voice))
    }
}

/// A declared qualifier.
#[derive(Debug, Clone)]
pub struct QualifierDefinition {
    pub id: String,
    pub value: QualifierType,
    pub description: String,
    /// A closed list of text values, each with the phrases drafts use for it.
    pub values: Vec<(String, Vec<Phrase>)>,
}

/// The declared properties and qualifiers, by id.
#[derive(Debug, Clone, Default)]
pub struct PropertyTable {
    definitions: Vec<PropertyDefinition>,
    by_id: HashMap<String, PropertyId>,
    qualifiers: Vec<QualifierDefinition>,
    qualifier_by_id: HashMap<String, QualifierId>,
}

impl PropertyTable {
    /// Builds the table from the properties file, refusing ids declared twice,
    /// unknown qualifiers and broader properties, and cycles among them.
    pub fn new(file: PropertiesFile) -> Result<PropertyTable, String> {
        let mut table = PropertyTable::default();
        for record in file.qualifiers {
            if table.qualifier_by_id.contains_key(&record.id) {
                return Err(format!("qualifier `{}` is declared twice", record.id));
            }
            if record.values.is_some() && record.value != QualifierType::Text {
                return Err(format!(
                    "qualifier `{}`: only text qualifiers list `values`",
                    record.id
                ));
            }
            let values = record
                .values
                .map(|map| {
                    map.0
                        .into_iter()
                        .map(|(value, words)| (value, words.iter().map(|w| phrase(w)).collect()))
                        .collect()
                })
                .unwrap_or_default();
            let id = QualifierId(table.qualifiers.len() as u16);
            table.qualifier_by_id.insert(record.id.clone(), id);
            table.qualifiers.push(QualifierDefinition {
                id: record.id,
                value: record.value,
                description: record.description,
                values,
            });
        }
        for (index, record) in file.properties.iter().enumerate() {
            if table.by_id.contains_key(&record.id) {
                return Err(format!("property `{}` is declared twice", record.id));
            }
            table
                .by_id
                .insert(record.id.clone(), PropertyId(index as u16));
        }
        for record in file.properties {
            let parent = match &record.subproperty_of {
                Some(parent) => Some(*table.by_id.get(parent).ok_or_else(|| {
                    format!(
                        "property `{}` is a subproperty of `{parent}`, which is not declared",
                        record.id
                    )
                })?),
                None => None,
            };
            let qualifiers = record
                .qualifiers
                .iter()
                .map(|q| {
                    table.qualifier_by_id.get(q).copied().ok_or_else(|| {
                        format!(
                            "property `{}` takes the qualifier `{q}`, which is not declared under `qualifiers`",
                            record.id
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            if record.value != Need::Forbidden && record.value_type.is_none() {
                return Err(format!(
                    "property `{}` may give a `value`, so it needs a `value-type`",
                    record.id
                ));
            }
            let words = &record.words;
            let words = [
                (Aspect::Occurrence, &words.occurrence, Voice::Own),
                (Aspect::Start, &words.start, Voice::Own),
                (Aspect::End, &words.end, Voice::Own),
                (Aspect::State, &words.state, Voice::Own),
                (
                    Aspect::Occurrence,
                    &words.occurrence_by_others,
                    Voice::ByOthers,
                ),
                (Aspect::Start, &words.started_by_others, Voice::ByOthers),
                (Aspect::End, &words.ended_by_others, Voice::ByOthers),
                (Aspect::Start, &words.started_with_object, Voice::WithObject),
            ]
            .into_iter()
            .flat_map(|(aspect, list, voice)| list.iter().map(move |w| (aspect, phrase(w), voice)))
            .filter(|(_, p, _)| !p.is_empty())
            .collect();
            let label = record
                .label
                .unwrap_or_else(|| format!("{{subject}}'s {}", record.id.replace('-', " ")));
            table.definitions.push(PropertyDefinition {
                id: record.id,
                description: record.description,
                label,
                role: record.role,
                object: record.object,
                value: record.value,
                value_type: record.value_type,
                time: record.time,
                object_kind: record.object_kind,
                parent,
                qualifiers,
                per_subject: record.per_subject,
                one_value: record.one_value,
                one_holder: record.one_holder,
                one_object: record.one_object,
                words,
            });
        }
        for id in table.all() {
            let mut seen = vec![id];
            let mut at = id;
            while let Some(parent) = table.definition(at).parent {
                if seen.contains(&parent) {
                    return Err(format!(
                        "property `{}` is its own broader property through `subproperty-of`",
                        table.definition(id).id
                    ));
                }
                seen.push(parent);
                at = parent;
            }
        }
        Ok(table)
    }

    /// The property with this id, as fact files write it.
    pub fn get(&self, id: &str) -> Option<&PropertyDefinition> {
        self.by_id.get(id).map(|&p| self.definition(p))
    }

    pub fn id(&self, id: &str) -> Option<PropertyId> {
        self.by_id.get(id).copied()
    }

    pub fn definition(&self, property: PropertyId) -> &PropertyDefinition {
        &self.definitions[property.0 as usize]
    }

    pub fn all(&self) -> impl Iterator<Item = PropertyId> + use<> {
        (0..self.definitions.len() as u16).map(PropertyId)
    }

    pub fn definitions(&self) -> &[PropertyDefinition] {
        &self.definitions
    }

    /// The declared ids, for "did you mean" hints.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.definitions.iter().map(|d| d.id.as_str())
    }

    /// Whether `property` is `broader` or one of its subproperties, at any depth.
    pub fn is_a(&self, property: PropertyId, broader: PropertyId) -> bool {
        let mut at = Some(property);
        while let Some(p) = at {
            if p == broader {
                return true;
            }
            at = self.definition(p).parent;
        }
        false
    }

    /// The qualifier with this id, as fact files write it.
    pub fn get_qualifier(&self, id: &str) -> Option<&QualifierDefinition> {
        self.qualifier(id).map(|q| self.qualifier_definition(q))
    }

    pub fn qualifier(&self, id: &str) -> Option<QualifierId> {
        self.qualifier_by_id.get(id).copied()
    }

    pub fn qualifier_definition(&self, qualifier: QualifierId) -> &QualifierDefinition {
        &self.qualifiers[qualifier.0 as usize]
    }

    pub fn qualifier_ids(&self) -> impl Iterator<Item = &str> {
        self.qualifiers.iter().map(|q| q.id.as_str())
    }
}

/// A phrase as its lower-case words.
fn phrase(text: &str) -> Phrase {
    text.split_whitespace().map(str::to_lowercase).collect()
}

/// A YAML mapping read in the order it is written, for lists of values whose order
/// a reader expects to see kept.
pub mod indexmap_like {
    use serde::de::{MapAccess, Visitor};
    use serde::{Deserialize, Serialize};
    use std::fmt;

    #[derive(Debug, Clone, Default)]
    pub struct OrderedMap(pub Vec<(String, Vec<String>)>);

    /// Written back as a mapping in the same order.
    impl Serialize for OrderedMap {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_map(self.0.iter().map(|(key, words)| (key, words)))
        }
    }

    impl<'de> Deserialize<'de> for OrderedMap {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Entries;
            impl<'de> Visitor<'de> for Entries {
                type Value = OrderedMap;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a mapping of values to lists of words")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OrderedMap, A::Error> {
                    let mut entries = Vec::new();
                    while let Some(entry) = map.next_entry::<String, Vec<String>>()? {
                        entries.push(entry);
                    }
                    Ok(OrderedMap(entries))
                }
            }
            deserializer.deserialize_map(Entries)
        }
    }
}
