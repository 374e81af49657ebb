//! The shape of a fact file under `claims/`, as serde reads it. Unknown fields are
//! errors; ids and references keep their YAML location for messages and evidence.

use serde::Deserialize;
use serde_saphyr::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactFile {
    #[serde(default)]
    pub entities: Vec<EntityRecord>,
    #[serde(default)]
    pub facts: Vec<FactRecord>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    Person,
    Organization,
    Country,
    Office,
    Event,
    Place,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityRecord {
    pub id: Spanned<String>,
    pub name: String,
    pub kind: EntityKind,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Events only: how a clause names the event.
    #[serde(default)]
    pub cues: Vec<CueRecord>,
}

/// A clause names an event when all of a cue's words and entities occur in it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueRecord {
    #[serde(default)]
    pub words: Vec<String>,
    #[serde(default)]
    pub entities: Vec<Spanned<String>>,
}

/// The controlled list of properties a fact may state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactRecord {
    pub id: Spanned<String>,
    pub subject: Spanned<String>,
    pub property: Property,
    #[serde(default)]
    pub object: Option<Spanned<String>>,
    #[serde(default)]
    pub value: Option<f64>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub date: Option<Spanned<YamlDate>>,
    #[serde(default)]
    pub start: Option<Spanned<YamlDate>>,
    #[serde(default)]
    pub end: Option<Spanned<YamlDate>>,
    pub sources: Spanned<Vec<SourceRecord>>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    pub url: String,
    pub title: String,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub date: Option<YamlDate>,
}

/// A date as written in YAML: `2020-04-09`, `2020-04` or a bare year `1979`, which
/// YAML reads as a number.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum YamlDate {
    Text(String),
    Year(i64),
}

impl YamlDate {
    pub fn as_text(&self) -> String {
        match self {
            YamlDate::Text(text) => text.clone(),
            YamlDate::Year(year) => year.to_string(),
        }
    }
}
