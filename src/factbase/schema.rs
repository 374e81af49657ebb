//! The shape of a fact file under `claims/`, as serde reads it and as `db schema`
//! publishes it for editors (the JSON Schema is generated from these types, so the
//! two cannot drift apart). Unknown fields are errors; ids, references and dates
//! keep their YAML location for lint messages and evidence.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// One fact file: the entities, series and facts of one topic.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "claimcheck fact file")]
pub struct FactFile {
    /// Things facts are about: people, organizations, countries, offices, events, places.
    #[serde(default)]
    pub entities: Vec<EntityRecord>,
    /// Groups of facts that ordinal claims ("the third prime minister named this
    /// year") count over.
    #[serde(default)]
    pub series: Vec<SeriesRecord>,
    /// Sourced statements about entities.
    #[serde(default)]
    pub facts: Vec<FactRecord>,
    /// Set on files written by an importer: where their facts came from. Where an
    /// imported fact and a hand-written one disagree, the hand-written one wins.
    #[serde(default, rename = "imported-from")]
    pub imported_from: Option<ImportSource>,
}

/// A public database that fact files are imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ImportSource {
    Wikidata,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    Person,
    Organization,
    Country,
    Office,
    Event,
    Place,
    /// A class that entities belong to (`woman`, `rover`), named by rules such as "the
    /// first woman to" and by facts; never matched by name in drafts.
    Category,
    /// A prize or honour that is awarded again and again (the Ballon d'Or).
    Award,
    /// A made thing: a spacecraft, a ship, a vehicle, a building.
    Artifact,
}

impl EntityKind {
    /// The name fact files use for this kind.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Country => "country",
            EntityKind::Office => "office",
            EntityKind::Event => "event",
            EntityKind::Place => "place",
            EntityKind::Category => "category",
            EntityKind::Award => "award",
            EntityKind::Artifact => "artifact",
        }
    }
}

/// How many people may hold an office at once. Offices are single-holder unless
/// they say otherwise, so overlapping terms are caught by default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Holders {
    #[default]
    One,
    Many,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntityRecord {
    /// Stable id, unique across the base: lower-case words joined by hyphens.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Spanned<String>,
    /// The name drafts most often use.
    #[schemars(with = "String", length(min = 1))]
    pub name: Spanned<String>,
    pub kind: EntityKind,
    /// Other names a draft may use. No two entities may share a name or alias.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub aliases: Vec<Spanned<String>>,
    /// Events only: how a clause names the event.
    #[serde(default)]
    pub cues: Vec<CueRecord>,
    /// Offices only: `many` when several people hold it at once (a seat in
    /// parliament); by default one person holds it at a time.
    #[serde(default)]
    pub holders: Holders,
    /// Offices only: the organization or country the office heads (its id), so
    /// that "the first woman to lead the ECB" counts the office's holders.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub leads: Option<Spanned<String>>,
    /// Events only: `true` for one of a kind of event that comes round again (a vote,
    /// an election, a budget) whose names and cues ("the confidence vote") fit the
    /// next one too; a draft is taken to mean it only around its time.
    #[serde(default)]
    pub recurs: bool,
    /// The Wikidata item this entity is (`Q42`), so that facts imported from
    /// Wikidata about the same item attach to this entity.
    #[serde(default)]
    #[schemars(with = "Option<String>", regex(pattern = r"^Q[1-9][0-9]*$"))]
    pub wikidata: Option<Spanned<String>>,
}

/// A clause names an event when all of a cue's words and entities occur in it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CueRecord {
    /// Words or phrases, matched with -s, -ed, -ing endings.
    #[serde(default)]
    pub words: Vec<String>,
    /// Entity ids that must also be named in the clause.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub entities: Vec<Spanned<String>>,
}

/// The facts that state `property` (about `object`, when given): named heads of one
/// country's government, for instance. An ordinal claim counts along a series.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriesRecord {
    /// Stable id, unique across the base.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Spanned<String>,
    /// What the series is, in words: "people named to form Iraq's government".
    pub name: String,
    /// The property of every fact in the series (see `rules/properties.yaml`).
    #[schemars(with = "String")]
    pub property: Spanned<String>,
    /// The object every fact in the series shares, if any.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub object: Option<Spanned<String>>,
    /// The subject every fact in the series shares, for one subject's own run: "Lionel
    /// Messi's Ballon d'Or wins" counts "for a record seventh time".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub subject: Option<Spanned<String>>,
    /// Only the facts whose subject also has each of these facts count: NASA's rovers
    /// are the landings whose subject is an instance of `rover` operated by `nasa`.
    #[serde(default, rename = "where")]
    pub filters: Vec<FilterRecord>,
    /// The nouns drafts use for an entry of the series, singular: `rover`, `winner`,
    /// `spacecraft`. "the fifth rover to land on Mars" counts a series with `rover`.
    #[serde(default)]
    pub nouns: Vec<String>,
    /// The date from which the base holds every entry of the series (for an office,
    /// everyone who held it on or after that day), or `start` when it holds every
    /// entry the series ever had. An ordinal that counts from before it, or along a
    /// series that gives none, can be shown too low but never confirmed.
    #[serde(default, rename = "complete-from")]
    #[schemars(with = "Option<CompleteFrom>")]
    pub complete_from: Option<Spanned<YamlDate>>,
    /// For reviewers: why the series is complete from that date.
    #[serde(default)]
    pub note: Option<String>,
}

/// A fact the subject of a series entry must also have: `property` with `object`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FilterRecord {
    #[schemars(with = "String")]
    pub property: Spanned<String>,
    #[schemars(with = "String")]
    pub object: Spanned<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = sources_required)]
pub struct FactRecord {
    /// Stable id, unique across the base: evidence in reports points at it.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Spanned<String>,
    /// The entity id the fact is about.
    #[schemars(with = "String")]
    pub subject: Spanned<String>,
    /// One of the properties listed in `rules/properties.yaml`.
    #[schemars(with = "String")]
    pub property: Spanned<String>,
    /// The other entity id, for properties that relate two entities.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub object: Option<Spanned<String>>,
    /// The value, for properties that state one: a number (with `unit`), a whole
    /// number, or words, as the property's `value-type` says.
    #[serde(default)]
    #[schemars(with = "Option<Scalar>")]
    pub value: Option<Spanned<Scalar>>,
    /// The unit of a quantity, as a singular noun: `rocket`, `person`, `day`.
    #[serde(default)]
    pub unit: Option<String>,
    /// When it happened, as precisely as the source says: YYYY-MM-DD, YYYY-MM or YYYY.
    #[serde(default)]
    #[schemars(with = "Option<YamlDate>")]
    pub date: Option<Spanned<YamlDate>>,
    /// When it began (instead of `date`), to the source's precision.
    #[serde(default)]
    #[schemars(with = "Option<YamlDate>")]
    pub start: Option<Spanned<YamlDate>>,
    /// When it ended; leave out while it still holds.
    #[serde(default)]
    #[schemars(with = "Option<YamlDate>")]
    pub end: Option<Spanned<YamlDate>>,
    /// Statements about the statement, by qualifier id (see `qualifiers` in
    /// `rules/properties.yaml`): `{side: for}`, `{series-ordinal: 99}`,
    /// `{candidate: isaac-herzog, out-of: 120}`.
    #[serde(default)]
    #[schemars(with = "Option<std::collections::BTreeMap<String, Scalar>>")]
    pub qualifiers: Option<Spanned<QualifierRecords>>,
    /// Where a reader can check the fact: at least one.
    #[serde(default, deserialize_with = "sources_as_records")]
    #[schemars(with = "Vec<SourceRecord>", length(min = 1))]
    pub sources: Option<Spanned<Vec<SourceRecord>>>,
    /// Context for reviewers: what the sources say, what is uncertain.
    #[serde(default)]
    pub note: Option<String>,
}

impl FactRecord {
    /// When the fact holds, if its time fields are well formed (lint reports those
    /// that are not).
    pub fn time(&self) -> Option<super::FactTime> {
        use super::FactTime;
        let date = |d: &Spanned<YamlDate>| crate::dates::DateRange::parse(&d.value.as_text());
        match (&self.date, &self.start) {
            (Some(at), None) if self.end.is_none() => date(at).map(FactTime::At),
            (None, Some(start)) => {
                let start = date(start)?;
                let end = match &self.end {
                    Some(end) => Some(date(end)?),
                    None => None,
                };
                Some(FactTime::Between { start, end })
            }
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    /// An http(s) address a reader can open.
    #[schemars(with = "String", regex(pattern = r"^https?://"))]
    pub url: Spanned<String>,
    /// The page's headline or title.
    #[schemars(with = "String", length(min = 1))]
    pub title: Spanned<String>,
    /// Who published it; name an agency in brackets when republished: "Gulf News (AP)".
    #[serde(default)]
    pub publisher: Option<String>,
    /// When the page was published.
    #[serde(default)]
    #[schemars(with = "Option<YamlDate>")]
    pub date: Option<Spanned<YamlDate>>,
    /// When the page was read, for pages that change.
    #[serde(default)]
    #[schemars(with = "Option<YamlDate>")]
    pub retrieved: Option<Spanned<YamlDate>>,
}

/// What a source written as a single value (`sources: [https://...]`) is refused
/// with: what a source is.
pub const BARE_SOURCE: &str = "a source is a mapping with `url` and `title`";

/// Reads a fact's `sources`, each item as `SourceEntry` reads it.
fn sources_as_records<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Spanned<Vec<SourceRecord>>>, D::Error> {
    let sources = Option::<Spanned<Vec<SourceEntry>>>::deserialize(deserializer)?;
    Ok(sources.map(|sources| {
        let records = sources.value.into_iter().map(|entry| entry.0).collect();
        Spanned::new(records, sources.referenced, sources.defined)
    }))
}

/// One item of `sources`: a mapping, read as a `SourceRecord`. A bare address is
/// the usual slip, so text is refused with what a source looks like.
struct SourceEntry(SourceRecord);

impl<'de> Deserialize<'de> for SourceEntry {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entry;
        impl<'de> serde::de::Visitor<'de> for Entry {
            type Value = SourceEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a source: a mapping with `url` and `title`")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<SourceEntry, E> {
                Err(E::custom(format!(
                    "{BARE_SOURCE}: write `- url: {text}` and `title: …`"
                )))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<SourceEntry, A::Error> {
                SourceRecord::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(SourceEntry)
            }
        }
        deserializer.deserialize_any(Entry)
    }
}

/// A fact's qualifiers as written: each id with its value, in the file's order.
#[derive(Debug, Default)]
pub struct QualifierRecords(pub Vec<(Spanned<String>, Spanned<Scalar>)>);

impl<'de> Deserialize<'de> for QualifierRecords {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = QualifierRecords;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping of qualifier ids to values")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<QualifierRecords, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(QualifierRecords(entries))
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

/// A single value as written in YAML: a number, or words (an id, a date, text).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Scalar {
    Number(f64),
    Text(String),
}

impl Scalar {
    /// The value, when it is a number.
    pub fn number(&self) -> Option<f64> {
        match self {
            Scalar::Number(n) => Some(*n),
            Scalar::Text(_) => None,
        }
    }

    /// The value as text, numbers as written without a needless fraction.
    pub fn as_text(&self) -> String {
        match self {
            Scalar::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Scalar::Number(n) => n.to_string(),
            Scalar::Text(text) => text.clone(),
        }
    }
}

/// A date as written in YAML: `2020-04-09`, `2020-04` or a bare year `1979`, which
/// YAML reads as a number. How much is written is the date's precision.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum YamlDate {
    Text(String),
    Year(i64),
}

impl JsonSchema for YamlDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A date to the precision the source gives: YYYY-MM-DD, YYYY-MM or YYYY.",
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer", "minimum": 1, "maximum": 9999}
            ]
        })
    }
}

impl YamlDate {
    pub fn as_text(&self) -> String {
        match self {
            YamlDate::Text(text) => text.clone(),
            YamlDate::Year(year) => year.to_string(),
        }
    }

    /// Whether it is the word a series' `complete-from` uses for "from its start".
    pub fn is_series_start(&self) -> bool {
        matches!(self, YamlDate::Text(text) if text == SERIES_START)
    }
}

/// What `complete-from` says for a series held in full.
pub const SERIES_START: &str = "start";

/// A series' `complete-from`: a date, or `start`.
struct CompleteFrom;

impl JsonSchema for CompleteFrom {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CompleteFrom".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let date = generator.subschema_for::<YamlDate>();
        schemars::json_schema!({
            "description": "A date, or `start` for a series held in full.",
            "anyOf": [date, {"const": SERIES_START}]
        })
    }
}

/// Sources are optional to serde only so that lint, not the parser, reports a
/// fact without them (with a fix hint); editors should ask for them at once.
fn sources_required(schema: &mut schemars::Schema) {
    if let Some(serde_json::Value::Array(required)) = schema.get_mut("required") {
        required.push("sources".into());
    }
}

/// The JSON Schema of a fact file, for editors (yaml-language-server) and `db schema`.
pub fn json_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(FactFile);
    schema.to_value()
}
