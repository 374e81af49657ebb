//! The controlled list of properties a fact may state. The list itself is data
//! (`rules/properties.yaml`: each property with its description and what a fact of
//! it must give), so contributors read it and lint enforces it; `Property` is the
//! part of it the verify stage knows how to check.

use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::HashMap;

/// The properties claimcheck can check. Every property declared in
/// `rules/properties.yaml` must be one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Property {
    /// An event took place (`date`, or `start` and `end`).
    Occurred,
    /// A number attached to an event (`value`, `unit`).
    Count,
    /// A person held an office (`object`), from `start` to `end`.
    HeldOffice,
    /// A person was named to head a country's government (`object`) on `date`.
    NamedHeadOfGovernment,
    /// A person founded an organization (`object`) on `date`.
    Founded,
    /// An event is one of a run of like events (`object`): "the second time in a
    /// month" counts along the run.
    PartOf,
    /// A person's gender (`object`, a category entity): "the first woman to" counts
    /// the entries of a series whose subject has this fact.
    Gender,
}

impl Property {
    pub const ALL: [Property; 7] = [
        Property::Occurred,
        Property::Count,
        Property::HeldOffice,
        Property::NamedHeadOfGovernment,
        Property::Founded,
        Property::PartOf,
        Property::Gender,
    ];

    /// The id fact files use for this property.
    pub fn id(self) -> &'static str {
        match self {
            Property::Occurred => "occurred",
            Property::Count => "count",
            Property::HeldOffice => "held-office",
            Property::NamedHeadOfGovernment => "named-head-of-government",
            Property::Founded => "founded",
            Property::PartOf => "part-of",
            Property::Gender => "gender",
        }
    }

    pub fn from_id(id: &str) -> Option<Property> {
        Property::ALL.into_iter().find(|p| p.id() == id)
    }
}

/// Whether a fact of a property must, may or must not give a field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Need {
    Required,
    #[default]
    Optional,
    Forbidden,
}

/// One entry of `rules/properties.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PropertyDefinition {
    pub id: String,
    /// What a fact of this property states, for contributors.
    pub description: String,
    /// The other entity (`object`).
    #[serde(default)]
    pub object: Need,
    /// A quantity (`value` with its `unit`).
    #[serde(default)]
    pub value: Need,
    /// When (`date`, or `start`/`end`).
    #[serde(default)]
    pub time: Need,
    /// A subject has one value of it (per object and unit) at any time, so two facts
    /// that differ at the same time contradict each other; for properties whose
    /// value is a date (`occurred`), two dates that cannot both be right do.
    #[serde(default)]
    pub one_value: bool,
    /// Its object is held by one subject at a time (an office), unless the object
    /// entity says `holders: many`: overlapping terms are an error.
    #[serde(default)]
    pub one_holder: bool,
    /// A subject has one object of it at any time (`gender`): two facts that name
    /// different objects at the same time contradict each other.
    #[serde(default)]
    pub one_object: bool,
    /// The kind of entity the object must be (an office for `held-office`).
    #[serde(default)]
    pub object_kind: Option<super::EntityKind>,
    #[serde(skip)]
    pub property: Option<Property>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PropertiesFile {
    pub properties: Vec<PropertyDefinition>,
}

/// The declared properties by id.
#[derive(Debug, Clone, Default)]
pub struct PropertyTable {
    definitions: Vec<PropertyDefinition>,
    by_id: HashMap<String, usize>,
    /// A hash of the file the table was read from, for the fact base's cache key.
    digest: u64,
}

impl PropertyTable {
    /// Builds the table from the file read from `text`, refusing ids declared
    /// twice and ids claimcheck cannot check.
    pub fn new(file: PropertiesFile, text: &str) -> Result<PropertyTable, String> {
        let mut table = PropertyTable {
            digest: xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
            ..PropertyTable::default()
        };
        for mut definition in file.properties {
            let Some(property) = Property::from_id(&definition.id) else {
                let known: Vec<&str> = Property::ALL.iter().map(|p| p.id()).collect();
                return Err(format!(
                    "property `{}` is not one claimcheck can check (it knows {})",
                    definition.id,
                    known.join(", ")
                ));
            };
            if table.by_id.contains_key(&definition.id) {
                return Err(format!("property `{}` is declared twice", definition.id));
            }
            definition.property = Some(property);
            table
                .by_id
                .insert(definition.id.clone(), table.definitions.len());
            table.definitions.push(definition);
        }
        Ok(table)
    }

    pub fn digest(&self) -> u64 {
        self.digest
    }

    pub fn get(&self, id: &str) -> Option<&PropertyDefinition> {
        self.by_id.get(id).map(|&i| &self.definitions[i])
    }

    pub fn definitions(&self) -> &[PropertyDefinition] {
        &self.definitions
    }

    /// The declared ids, for "did you mean" hints.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.definitions.iter().map(|d| d.id.as_str())
    }
}
