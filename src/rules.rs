//! The language- and desk-specific data under `rules/`: lexicons, context words,
//! hedge tolerances, name-matching thresholds, trigger words and the properties
//! facts may state. Read once, validated on load with file:line:column, and turned
//! into look-up tables for the later stages.

use crate::claims::event_date::Bound;
use crate::claims::relative::Direction;
use crate::dates::TimeUnit;
use crate::factbase::{EntityKind, Folding, PropertiesFile, PropertyId, PropertyTable};
use crate::mentions::forms::{Forms, FormsFile, HolidaysFile};
use crate::segment::Token;
use crate::words::{WordFilter, WordMap, WordSet, WordTable};
use crate::yaml::{self, YamlError};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: not compiled into this claimcheck: pass --rules DIR")]
    NotBundled { path: String },
    #[error(transparent)]
    Yaml(#[from] YamlError),
    #[error("{0}")]
    Invalid(String),
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LexiconFile {
    months: Vec<Vec<String>>,
    weekdays: Vec<Vec<String>>,
    numbers: HashMap<String, u64>,
    scales: HashMap<String, f64>,
    scale_suffixes: HashMap<String, f64>,
    vague: HashMap<String, f64>,
    fractions: HashMap<String, u32>,
    bare_fractions: Vec<String>,
    scales_before_and: Vec<String>,
    ordinals: HashMap<String, u64>,
    ordinal_suffixes: OrdinalSuffixesFile,
    superlative_endings: Vec<String>,
    units: HashMap<TimeUnit, Vec<String>>,
    abbreviations: Vec<String>,
    word_endings: Vec<String>,
    past_endings: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct OrdinalSuffixesFile {
    last_two_digits: HashMap<u64, String>,
    last_digit: HashMap<u64, String>,
    other: String,
}

/// The letters after digits that make an ordinal: "1st", "22nd", "13th".
#[derive(Debug)]
pub struct OrdinalSuffixes {
    last_two_digits: FxHashMap<u64, String>,
    last_digit: FxHashMap<u64, String>,
    other: String,
    /// Every suffix, whatever number takes it.
    all: FxHashSet<String>,
}

impl OrdinalSuffixes {
    /// The suffixes, or what is wrong with them.
    fn new(file: OrdinalSuffixesFile) -> Result<OrdinalSuffixes, String> {
        let lower = |map: HashMap<u64, String>, below: u64| {
            map.into_iter()
                .map(|(digits, suffix)| {
                    if digits < below {
                        Ok((digits, suffix.to_lowercase()))
                    } else {
                        Err(format!("`{digits}` has more digits than its list"))
                    }
                })
                .collect::<Result<FxHashMap<u64, String>, String>>()
        };
        let last_two_digits = lower(file.last_two_digits, 100)?;
        let last_digit = lower(file.last_digit, 10)?;
        let other = file.other.to_lowercase();
        let all: FxHashSet<String> = last_two_digits
            .values()
            .chain(last_digit.values())
            .chain([&other])
            .cloned()
            .collect();
        if all.contains("") {
            return Err("a suffix is empty".into());
        }
        Ok(OrdinalSuffixes {
            last_two_digits,
            last_digit,
            other,
            all,
        })
    }

    /// The suffix `value` takes.
    pub fn of(&self, value: u64) -> &str {
        self.last_two_digits
            .get(&(value % 100))
            .or_else(|| self.last_digit.get(&(value % 10)))
            .unwrap_or(&self.other)
    }

    /// Whether some number takes `suffix`.
    pub fn contains(&self, suffix: &str) -> bool {
        self.all.contains(suffix)
    }
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ContextFile {
    clause_markers: Vec<String>,
    future_cues: Vec<String>,
    future_cue_window: usize,
    year_cues: Vec<String>,
    month_cues: Vec<String>,
    numeric_dates: NumericDates,
    #[serde(default)]
    locale_numeric_dates: HashMap<String, NumericDates>,
    label_words: Vec<String>,
    clock_words: Vec<String>,
    street_words: Vec<String>,
    score_words: Vec<String>,
    rating_scales: Vec<u32>,
    contradiction_window: usize,
    count_bond: usize,
    age_bond: usize,
    age_at_event_words: Vec<String>,
    age_at_event_fillers: Vec<String>,
    event_order: HashMap<Direction, Vec<String>>,
    order_breaks: Vec<String>,
    date_bounds: HashMap<Bound, Vec<String>>,
    date_bound_ends: Vec<String>,
    ago_words: Vec<String>,
    past_tense_words: Vec<String>,
    infinitive_markers: Vec<String>,
    passive_auxiliaries: Vec<String>,
    agent_words: Vec<String>,
    text_filler: Vec<String>,
    definite_articles: Vec<String>,
    indefinite_articles: Vec<String>,
    of_words: Vec<String>,
    and_words: Vec<String>,
    conjunctions: Vec<String>,
}

/// The files of a rules directory, parsed but not yet checked against each other:
/// what the rules cache holds, as parsing is most of compiling them.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFiles {
    lexicon: LexiconFile,
    context: ContextFile,
    forms: FormsFile,
    holidays: HolidaysFile,
    hedges: HedgesFile,
    names: NameMatching,
    triggers: TriggersFile,
    properties: PropertiesFile,
    references: ReferencesFile,
    units: crate::units::UnitsFile,
    titles: TitlesFile,
    /// `RuleTexts::base_digest` of the texts they were parsed from.
    base_digest: u64,
}

impl RuleFiles {
    /// The files parsed from their texts; `dir` only names them in errors.
    pub fn parse(dir: &Path, texts: &RuleTexts) -> Result<RuleFiles, RulesError> {
        let file = |name: &str| dir.join(name);
        std::thread::scope(|scope| {
            // The property list is a third of the rules' reading: it is parsed
            // beside the other files.
            let properties =
                scope.spawn(|| yaml::parse(&file("properties.yaml"), &texts.properties, 0));
            let names: NameMatching = yaml::parse(&file("names.yaml"), &texts.names, 0)?;
            let files = RuleFiles {
                lexicon: yaml::parse(&file("lexicon.yaml"), &texts.lexicon, 0)?,
                context: yaml::parse(&file("context.yaml"), &texts.context, 0)?,
                forms: yaml::parse(&file("mentions.yaml"), &texts.mentions, 0)?,
                holidays: yaml::parse(&file("holidays.yaml"), &texts.holidays, 0)?,
                hedges: yaml::parse(&file("hedges.yaml"), &texts.hedges, 0)?,
                triggers: yaml::parse(&file("triggers.yaml"), &texts.triggers, 0)?,
                properties: properties
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?,
                references: yaml::parse(&file("references.yaml"), &texts.references, 0)?,
                units: yaml::parse(&file("units.yaml"), &texts.units, 0)?,
                titles: yaml::parse(&file("titles.yaml"), &texts.titles, 0)?,
                base_digest: base_digest(&texts.properties, &names.folding),
                names,
            };
            Ok(files)
        })
    }
}

/// The order of day and month in dates written with slashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NumericDates {
    MonthFirst,
    DayFirst,
}

impl NumericDates {
    pub fn name(self) -> &'static str {
        match self {
            NumericDates::MonthFirst => "month-first",
            NumericDates::DayFirst => "day-first",
        }
    }
}

/// A locale that `locale-numeric-dates` in `context.yaml` does not list.
#[derive(Debug, Clone, thiserror::Error)]
#[error("unknown locale `{tag}`: {} knows {known} (add it under `locale-numeric-dates`)", .context.display())]
pub struct UnknownLocale {
    pub tag: String,
    /// The rules file that lists the locales.
    pub context: std::path::PathBuf,
    /// The locales it lists, comma-separated.
    pub known: String,
}

/// A locale tag as looked up: lower case, `_` read as `-` ("en_GB" is "en-gb").
fn locale_key(tag: &str) -> String {
    tag.trim().to_lowercase().replace('_', "-")
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct TriggersFile {
    ordinal_series: OrdinalSeriesFile,
    #[serde(default)]
    ordinal_qualifiers: Vec<QualifierEntry>,
    ordinal_new_words: Vec<String>,
    ordinal_record_words: Vec<String>,
    ordinal_name_ends: Vec<String>,
    ordinal_noun_ends: Vec<String>,
    ordinal_occasion_nouns: Vec<String>,
    ordinal_window_leads: Vec<String>,
    speech_verbs: Vec<String>,
    quote_min_words: usize,
    relative_clause_words: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct OrdinalSeriesFile {
    #[serde(default)]
    facts: HashMap<String, Vec<String>>,
    #[serde(default)]
    office_holders: Vec<String>,
    #[serde(default)]
    office_leaders: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct QualifierEntry {
    words: Vec<String>,
    property: String,
    object: String,
}

/// How long around its time a recurring event is what a draft names generically.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RecurringWindow {
    /// Days before the event a draft may already mean it.
    pub before: i64,
    /// Days after the event a draft may still mean it.
    pub after: i64,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ReferencesFile {
    reach: usize,
    description_reach: usize,
    linking_words: Vec<String>,
    possessives: Vec<String>,
    recurring_event: RecurringWindow,
    pronouns: Vec<FitEntry>,
    descriptions: Vec<FitEntry>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct FitEntry {
    words: Vec<String>,
    kinds: Vec<EntityKind>,
    #[serde(default)]
    category: Option<CategoryEntry>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct CategoryEntry {
    property: String,
    object: String,
}

/// What a pronoun or a description can stand for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceFit {
    pub kinds: Vec<EntityKind>,
    /// A category (property id, category entity id) the entity must not be known to
    /// fall outside: "he" is not someone whose gender fact says `woman`.
    pub category: Option<(String, String)>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct TitlesFile {
    modifiers: HashMap<TitleModifier, Vec<String>>,
    member_nouns: Vec<String>,
    leader_nouns: Vec<String>,
    rank_words: Vec<String>,
    filler: Vec<String>,
    reach: usize,
}

/// A word before a title that says when it was held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TitleModifier {
    /// "former": held before the date, and no longer.
    Former,
    /// "then-": held at the date the sentence is about.
    Then,
    /// "outgoing", "incumbent": held at the date.
    Current,
    /// "acting": held in an acting capacity.
    Acting,
    /// "incoming": to be held after the date.
    Incoming,
}

/// How titles are read (`titles.yaml`).
#[derive(Debug, Default)]
pub struct TitleRules {
    pub modifiers: WordMap<TitleModifier>,
    /// Nouns after an organization's name that say the person belongs to it.
    pub member_nouns: WordSet,
    /// Nouns after an organization's name that say the person leads it.
    pub leader_nouns: WordSet,
    /// Words before a title that make it another office ("Vice President").
    pub rank_words: WordSet,
    /// Words that carry no meaning inside a title.
    pub filler: WordSet,
    /// The most words a title before a name runs to.
    pub reach: usize,
}

impl TitleRules {
    fn new(file: TitlesFile) -> Self {
        TitleRules {
            modifiers: word_map(&file.modifiers),
            member_nouns: word_set(&file.member_nouns),
            leader_nouns: word_set(&file.leader_nouns),
            rank_words: word_set(&file.rank_words),
            filler: word_set(&file.filler),
            reach: file.reach,
        }
    }

    /// The content words of a title, lower case, in order.
    pub fn content_words<'a>(&self, words: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        words
            .into_iter()
            .filter(|w| !self.filler.contains(w))
            .map(str::to_string)
            .collect()
    }
}

/// How pronouns and descriptions refer back (`references.yaml`).
#[derive(Debug, Default)]
pub struct ReferenceRules {
    /// How many sentences back a pronoun may look.
    pub reach: usize,
    /// How many sentences back a description may look, across paragraphs.
    pub description_reach: usize,
    /// Words after which a description names the subject before them ("was the
    /// fourth president", "became the premier").
    pub linking_words: WordSet,
    /// Pronouns that say whose a thing is ("his sixth").
    pub possessives: WordSet,
    /// How long around its time a recurring event is what a draft names generically.
    pub recurring_event: RecurringWindow,
    pub pronouns: FxHashMap<String, ReferenceFit>,
    /// The nouns of descriptions ("country" in "the country").
    pub descriptions: FxHashMap<String, ReferenceFit>,
}

impl ReferenceRules {
    fn new(file: ReferencesFile) -> Self {
        let table = |entries: Vec<FitEntry>| {
            entries
                .into_iter()
                .flat_map(|entry| {
                    let fit = ReferenceFit {
                        kinds: entry.kinds,
                        category: entry.category.map(|c| (c.property, c.object)),
                    };
                    entry
                        .words
                        .into_iter()
                        .map(move |w| (w.to_lowercase(), fit.clone()))
                })
                .collect()
        };
        ReferenceRules {
            reach: file.reach,
            description_reach: file.description_reach,
            linking_words: word_set(&file.linking_words),
            possessives: word_set(&file.possessives),
            recurring_event: file.recurring_event,
            pronouns: table(file.pronouns),
            descriptions: table(file.descriptions),
        }
    }
}

/// What the wording after an ordinal counts along.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesPhrase {
    /// The facts of a property about the entity named next: "tapped to lead Iraq".
    Facts(PropertyId),
    /// The holders of the office named next: "to serve as prime minister".
    OfficeHolders,
    /// The holders of the office that heads the organization or country named
    /// next: "to lead the ECB".
    OfficeLeaders,
}

/// Wording that narrows an ordinal's series to the entries whose subject has a
/// fact of `property` naming the category `object`: "woman" in "the first woman
/// to lead the ECB".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qualifier {
    pub property: PropertyId,
    /// The category's entity id.
    pub object: String,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct HedgesFile {
    hedges: Vec<HedgeEntry>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct HedgeEntry {
    words: Vec<String>,
    tolerance: Tolerance,
}

/// How far a true value may be from a stated one, given the stated value's hedge.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Tolerance {
    /// A bare number: exactly this.
    Exact,
    /// Within `fraction` of the stated value either side.
    Around {
        fraction: f64,
    },
    /// At most the stated value, and at least `fraction` of it.
    Nearly {
        fraction: f64,
    },
    AtMost,
    AtLeast,
    Above,
    Below,
}

impl Tolerance {
    /// The kind's name, as rules and reports write it: "around", "at-most", ...
    pub fn name(self) -> &'static str {
        match self {
            Tolerance::Exact => "exact",
            Tolerance::Around { .. } => "around",
            Tolerance::Nearly { .. } => "nearly",
            Tolerance::AtMost => "at-most",
            Tolerance::AtLeast => "at-least",
            Tolerance::Above => "above",
            Tolerance::Below => "below",
        }
    }

    /// Whether `actual` is within this tolerance of `stated`.
    pub fn admits(self, stated: f64, actual: f64) -> bool {
        match self {
            Tolerance::Exact => (stated - actual).abs() < 1e-9,
            Tolerance::Around { fraction } => {
                (stated - actual).abs() <= stated.abs() * fraction + 1e-9
            }
            Tolerance::Nearly { fraction } => {
                actual <= stated && actual >= stated * fraction - 1e-9
            }
            Tolerance::AtMost => actual <= stated,
            Tolerance::AtLeast => actual >= stated,
            Tolerance::Above => actual > stated,
            Tolerance::Below => actual < stated,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NameMatching {
    pub strong_match: f64,
    pub weak_match: f64,
    pub fuzzy_min_length: usize,
    /// The score of two names that differ only in transliteration ("Kadhimi" and
    /// "Kazemi"), scaled down further as their folded spellings differ.
    pub transliteration_match: f64,
    /// How many candidates sharing the most letter trigrams a fuzzy look-up scores.
    pub fuzzy_candidates: usize,
    /// How names are folded for the transliteration match.
    pub folding: Folding,
}

/// `RuleTexts::base_digest` of the properties file's text and the name folding.
fn base_digest(properties: &str, folding: &Folding) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&xxhash_rust::xxh3::xxh3_64(properties.as_bytes()).to_le_bytes());
    hasher.update(&folding.digest().to_le_bytes());
    hasher.digest()
}

/// The text of each rules file, as read from `rules/`.
#[derive(Debug, Clone, Default)]
pub struct RuleTexts {
    pub lexicon: String,
    pub context: String,
    pub mentions: String,
    pub holidays: String,
    pub hedges: String,
    pub names: String,
    pub triggers: String,
    pub properties: String,
    pub references: String,
    pub units: String,
    pub titles: String,
}

impl RuleTexts {
    /// Every file's text, in one fixed order.
    pub fn all(&self) -> [&str; 11] {
        [
            &self.lexicon,
            &self.context,
            &self.mentions,
            &self.holidays,
            &self.hedges,
            &self.names,
            &self.triggers,
            &self.properties,
            &self.references,
            &self.units,
            &self.titles,
        ]
    }

    /// The text of each rules file, as `read` gives it by file name.
    pub fn read_with(
        mut read: impl FnMut(&str) -> Result<String, RulesError>,
    ) -> Result<RuleTexts, RulesError> {
        Ok(RuleTexts {
            lexicon: read("lexicon.yaml")?,
            context: read("context.yaml")?,
            mentions: read("mentions.yaml")?,
            holidays: read("holidays.yaml")?,
            hedges: read("hedges.yaml")?,
            names: read("names.yaml")?,
            triggers: read("triggers.yaml")?,
            properties: read("properties.yaml")?,
            references: read("references.yaml")?,
            units: read("units.yaml")?,
            titles: read("titles.yaml")?,
        })
    }

    /// The texts of the rules files in `dir`.
    pub fn read(dir: &Path) -> Result<RuleTexts, RulesError> {
        RuleTexts::read_with(|name| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|source| RulesError::Read {
                path: path.display().to_string(),
                source,
            })
        })
    }

    /// A digest of the rules a compiled fact base depends on: the properties
    /// (which its facts state) and the name folding (its index holds folded
    /// names), not the thresholds names are matched with. Needs only
    /// `names.yaml` parsed (a small file, parsed again when the rules are
    /// compiled), so a cached base can be checked before the rules are.
    pub fn base_digest(&self, dir: &Path) -> Result<u64, RulesError> {
        let names: NameMatching = yaml::parse(&dir.join("names.yaml"), &self.names, 0)?;
        Ok(base_digest(&self.properties, &names.folding))
    }

    /// The texts of the rules files compiled into claimcheck.
    pub fn bundled() -> Result<RuleTexts, RulesError> {
        RuleTexts::read_with(|name| {
            crate::bundled::rules_file(name)
                .map(str::to_string)
                .ok_or_else(|| RulesError::NotBundled {
                    path: crate::bundled::rules_dir().join(name).display().to_string(),
                })
        })
    }
}

/// Every rule the pipeline reads, as look-up tables keyed by lower-case words.
#[derive(Debug)]
pub struct Rules {
    /// Month name or abbreviation → month number (1-12).
    pub months: WordMap<u32>,
    /// Weekday name or abbreviation → weekday.
    pub weekdays: WordMap<chrono::Weekday>,
    pub number_words: WordMap<u64>,
    pub scales: WordMap<f64>,
    pub scale_suffixes: WordMap<f64>,
    pub vague: WordMap<f64>,
    pub fractions: WordMap<u32>,
    /// Fractions read without a number before them, with their denominators ("half
    /// the votes", "half a day").
    pub bare_fractions: WordMap<u32>,
    /// Scales "and" and a smaller number may follow within one number, with their
    /// values ("two hundred and fifty").
    pub scales_before_and: WordMap<f64>,
    pub ordinals: WordMap<u64>,
    pub ordinal_suffixes: OrdinalSuffixes,
    /// Endings of a superlative joined to an ordinal ("fifth-largest").
    pub superlative_endings: Vec<String>,
    pub units: WordMap<TimeUnit>,
    pub abbreviations: WordSet,
    /// Endings a plain word may take in a draft ("landed", "landing").
    pub word_endings: WordSet,
    /// Endings of a verb's past form ("named").
    pub past_endings: Vec<String>,
    pub clause_markers: PhraseTable<()>,
    pub future_cues: PhraseTable<()>,
    pub future_cue_window: usize,
    pub year_cues: WordSet,
    pub month_cues: WordSet,
    pub numeric_dates: NumericDates,
    /// The order of day and month by locale tag (`locale_key`), for `--locale`.
    pub locale_numeric_dates: FxHashMap<String, NumericDates>,
    pub label_words: WordSet,
    pub clock_words: WordSet,
    pub street_words: WordSet,
    pub score_words: PhraseTable<()>,
    /// What a rating is out of, as written in digits ("9/10").
    pub rating_scales: WordSet,
    /// How near (in tokens) an event must be named for a date to contradict it.
    pub contradiction_window: usize,
    /// How near a count's words must stand to the entity tying it for the count to
    /// date its event.
    pub count_bond: usize,
    /// How near an age must stand to a person's name to be that person's beyond doubt.
    pub age_bond: usize,
    /// Words right before an age that give it at an event, not at publication ("as a
    /// 13-year-old").
    pub age_at_event_words: WordSet,
    /// Words besides articles between such a word and the age ("at the age of 17").
    pub age_at_event_fillers: WordSet,
    /// Clause markers that set what the clause before tells of after or before what
    /// theirs does ("a week after the launch").
    pub event_order: WordMap<Direction>,
    /// Words that start the stretch before such a marker anew, as a comma does ("so",
    /// "and").
    pub order_breaks: WordSet,
    /// Words right before a date that make it where a state begins or ends ("since
    /// 2009", "until September").
    pub date_bounds: WordMap<Bound>,
    /// Words that join a second date to one where a state began, making the second
    /// where it ended ("from 2011 to 2019").
    pub date_bound_ends: WordSet,
    /// Words right after a length of time that make it the time since something, and a
    /// date that far back ("two years ago").
    pub ago_words: WordSet,
    /// Words that put their clause in the past ("was", "had").
    pub past_tense_words: WordSet,
    /// Words that make the word after them a verb ("to recognize").
    pub infinitive_markers: WordSet,
    /// Forms of "be" and "get" that make a verb after them passive ("was elected").
    pub passive_auxiliaries: WordSet,
    /// Words that make the name after a verb its doer, not the one it was done to
    /// ("appointed by Biden").
    pub agent_words: WordSet,
    /// Words that carry no content in a fact's text value.
    pub text_filler: WordSet,
    /// "the": what opens a description that refers back ("the country").
    pub definite_articles: WordSet,
    /// "a", "an": what counts one of a unit or a scale ("a week", "a dozen").
    pub indefinite_articles: WordSet,
    /// Every article, definite or not.
    pub articles: WordSet,
    /// "of": what joins a part to its whole or a day to its month ("a third of",
    /// "314 of the 462", "the first of June").
    pub of_words: WordSet,
    /// "and": what joins two parts of one amount, range or length ("two hundred and
    /// fifty", "between 20 and 30", "seven years and eight months").
    pub and_words: WordSet,
    /// "and", "or": what joins items or alternatives ("on the 12th or 13th").
    pub conjunctions: WordSet,
    pub hedges: PhraseTable<Tolerance>,
    /// Ages, tallies and other forms built around a number (`mentions.yaml`).
    pub forms: Forms,
    pub names: NameMatching,
    /// Wording after an ordinal that names the series it counts along.
    pub ordinal_series: PhraseTable<SeriesPhrase>,
    /// Wording right after an ordinal that counts only some of its series.
    pub ordinal_qualifiers: PhraseTable<Qualifier>,
    /// Words right after an ordinal that count only entries new in its window ("the
    /// first new prime minister").
    pub ordinal_new_words: WordSet,
    /// Words after an ordinal's series that make it a first at doing something ("since
    /// Reagan", "ever").
    pub ordinal_record_words: WordSet,
    /// Words that end an office's name after an ordinal.
    pub ordinal_name_ends: WordSet,
    /// Words that end the noun after an ordinal.
    pub ordinal_noun_ends: WordSet,
    /// Nouns after an ordinal that count the subject's entries in any run ("the
    /// seventh time").
    pub ordinal_occasion_nouns: WordSet,
    /// Words that may lead from an ordinal's series into its window ("in", "of the").
    pub ordinal_window_leads: WordSet,
    pub speech_verbs: WordSet,
    pub quote_min_words: usize,
    /// Words that open a relative clause, which ends at its closing comma.
    pub relative_clause_words: WordSet,
    /// Every word a mention can start with, and which readers it can start, so
    /// other words are passed over at once.
    pub mention_starters: Starters,
    /// The properties a fact may state (`properties.yaml`).
    pub properties: PropertyTable,
    /// How pronouns and descriptions refer back (`references.yaml`).
    pub references: ReferenceRules,
    /// The nouns counts are written in (`units.yaml`).
    pub counting: crate::units::Units,
    /// How titles are read (`titles.yaml`).
    pub titles: TitleRules,
    /// Where the rules were read from: a directory, or `<bundled>/rules`.
    pub dir: std::path::PathBuf,
    /// `RuleTexts::base_digest` of the texts these rules were compiled from.
    pub base_digest: u64,
}

/// Which kinds of mention a word can start: a set of flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Starts(u16);

impl Starts {
    pub const DATE: Starts = Starts(1);
    pub const DURATION: Starts = Starts(2);
    pub const HEDGE: Starts = Starts(4);
    pub const QUANTITY: Starts = Starts(8);
    pub const FRACTION: Starts = Starts(16);
    pub const VAGUE: Starts = Starts(32);
    pub const ORDINAL: Starts = Starts(64);
    pub const AGE: Starts = Starts(128);
    /// A calendar word: a month, weekday, season, holiday, ordinal day or quarter.
    pub const CALENDAR: Starts = Starts(256);
    pub const ALL: Starts = Starts(511);

    pub fn has(self, other: Starts) -> bool {
        self.0 & other.0 != 0
    }
}

impl std::ops::BitOr for Starts {
    type Output = Starts;
    fn bitor(self, other: Starts) -> Starts {
        Starts(self.0 | other.0)
    }
}

/// Which mentions each word can start. A word that opens a phrase of several
/// words ("the day before", "at least") starts its reader only before the
/// phrase's second word, so the many words like "the" that open none of them
/// are passed over after a look-up or two.
#[derive(Debug, Default)]
pub struct Starters {
    openings: WordTable<Opening>,
    /// The words that start something: nearly every other word is ruled out
    /// without hashing it.
    words: WordFilter,
}

/// What a word starts: whatever follows it, and before some words only.
#[derive(Debug, Default)]
struct Opening {
    alone: Starts,
    /// By the word after it; none for most words.
    before: Option<Box<WordMap<Starts>>>,
}

impl Opening {
    /// Everything it starts, before one word or another.
    fn any(&self) -> Starts {
        let paired = self.before.iter().flat_map(|before| before.iter());
        paired.fold(self.alone, |any, (_, &starts)| any | starts)
    }
}

impl Starters {
    /// `word` starts `flags` before `next`, or whatever follows it.
    fn add(&mut self, word: &str, next: Option<&str>, flags: Starts) {
        self.words.add(word);
        let opening = self.openings.entry_or_default(word);
        let starts = match next {
            None => &mut opening.alone,
            Some(next) => {
                let before = opening.before.get_or_insert_default();
                before.entry_or_default(next.to_string())
            }
        };
        *starts = *starts | flags;
    }

    /// What the word at token `i` can start, given the word after it.
    #[inline(always)]
    pub fn at(&self, tokens: &[Token], i: usize) -> Option<Starts> {
        let word = tokens[i].key.as_str();
        if !self.words.may_hold(word) {
            return None;
        }
        let opening = self.openings.get(word)?;
        // Most words start what they start whatever follows them.
        let Some(before) = &opening.before else {
            return Some(opening.alone);
        };
        let paired = tokens
            .get(i + 1)
            .and_then(|next| before.get(next.key.as_str()));
        let starts = opening.alone | paired.copied().unwrap_or_default();
        (starts != Starts::default()).then_some(starts)
    }

    /// What a word joined by hyphens can start: what it or any of its parts can
    /// before any word ("twenty-first", "mid-March", "five-year", "two-thirds"),
    /// as the readers read such a word whole or split at its hyphens.
    pub fn joined(&self, key: &str) -> Option<Starts> {
        std::iter::once(key)
            .chain(key.split('-'))
            .filter_map(|word| self.openings.get(word).map(Opening::any))
            .reduce(|a, b| a | b)
    }
}

impl Rules {
    /// Whether a word is a verb: a past form, or a word of one word some property
    /// states a fact with ("won", "sign") that is no description's noun.
    pub fn is_verb(&self, word: &str) -> bool {
        self.has_past_ending(word)
            || self.properties.definitions().iter().any(|d| {
                d.words.iter().any(|(_, phrase, _)| {
                    phrase.len() == 1
                        && phrase[0] == word
                        && !self.references.descriptions.contains_key(word)
                })
            })
    }

    /// Whether a word ends as a verb's past form does ("named").
    pub fn has_past_ending(&self, word: &str) -> bool {
        self.past_endings
            .iter()
            .any(|ending| word.ends_with(ending.as_str()))
    }

    /// Loads every rules file from `dir`: `lexicon.yaml`, `context.yaml`,
    /// `mentions.yaml`, `holidays.yaml`, `hedges.yaml`, `names.yaml`, `triggers.yaml`,
    /// `properties.yaml`, `references.yaml`, `units.yaml` and `titles.yaml`.
    pub fn load(dir: &Path) -> Result<Rules, RulesError> {
        Rules::from_texts(dir, &RuleTexts::read(dir)?)
    }

    /// Reads slashed dates in the order `locale` writes them, in place of
    /// `numeric-dates`; returns that order.
    pub fn set_locale(&mut self, locale: &str) -> Result<NumericDates, UnknownLocale> {
        let order = self
            .locale_numeric_dates
            .get(&locale_key(locale))
            .copied()
            .ok_or_else(|| {
                let mut known: Vec<&str> = self
                    .locale_numeric_dates
                    .keys()
                    .map(String::as_str)
                    .collect();
                known.sort_unstable();
                UnknownLocale {
                    tag: locale.to_string(),
                    context: self.dir.join("context.yaml"),
                    known: if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    },
                }
            })?;
        self.numeric_dates = order;
        Ok(order)
    }

    /// The rules compiled into claimcheck, named `<bundled>/rules/...` in errors.
    pub fn bundled() -> Result<Rules, RulesError> {
        Rules::from_texts(&crate::bundled::rules_dir(), &RuleTexts::bundled()?)
    }

    /// The rules from the texts of their files; `dir` only names them in errors.
    pub fn from_texts(dir: &Path, texts: &RuleTexts) -> Result<Rules, RulesError> {
        Rules::from_files(RuleFiles::parse(dir, texts)?, dir)
    }

    /// The rules from their files as parsed, checked against each other; `dir`
    /// only names them in errors.
    pub fn from_files(files: RuleFiles, dir: &Path) -> Result<Rules, RulesError> {
        let RuleFiles {
            lexicon,
            context,
            forms,
            holidays,
            hedges,
            names,
            triggers,
            properties,
            references,
            units,
            titles,
            base_digest,
        } = files;
        let invalid = |file: &str, what: String| {
            RulesError::Invalid(format!("{}: {what}", dir.join(file).display()))
        };
        let properties =
            PropertyTable::new(properties).map_err(|e| invalid("properties.yaml", e))?;
        let counting =
            crate::units::Units::new(units).map_err(|e| invalid("units.yaml", e.to_string()))?;
        if lexicon.months.len() != 12 {
            return Err(invalid(
                "lexicon.yaml",
                format!("`months` lists {} months, not 12", lexicon.months.len()),
            ));
        }
        let unnamed = |lists: &[Vec<String>]| {
            lists
                .iter()
                .position(|words| words.is_empty() || words.iter().any(|w| w.trim().is_empty()))
        };
        for (field, lists) in [("months", &lexicon.months), ("weekdays", &lexicon.weekdays)] {
            if let Some(i) = unnamed(lists) {
                return Err(invalid(
                    "lexicon.yaml",
                    format!("`{field}` entry {} has no word, or an empty one", i + 1),
                ));
            }
        }
        for entry in &hedges.hedges {
            if let Tolerance::Around { fraction } | Tolerance::Nearly { fraction } = entry.tolerance
                && !(0.0..=1.0).contains(&fraction)
            {
                return Err(invalid(
                    "hedges.yaml",
                    format!(
                        "the hedge `{}` has fraction {fraction}: give one from 0 to 1",
                        entry.words.first().map_or("", String::as_str)
                    ),
                ));
            }
        }
        // A relative claim reads its marker where a clause starts.
        let unmarked = context.event_order.values().flatten().find(|word| {
            !context
                .clause_markers
                .iter()
                .any(|marker| marker.eq_ignore_ascii_case(word))
        });
        if let Some(word) = unmarked {
            return Err(invalid(
                "context.yaml",
                format!(
                    "`event-order` word `{word}` is no clause marker: add it to `clause-markers`"
                ),
            ));
        }
        if lexicon.weekdays.len() != 7 {
            return Err(invalid(
                "lexicon.yaml",
                format!("`weekdays` lists {} days, not 7", lexicon.weekdays.len()),
            ));
        }
        if !(0.0..=1.0).contains(&names.weak_match)
            || names.weak_match > names.strong_match
            || names.strong_match > 1.0
        {
            return Err(invalid(
                "names.yaml",
                "need 0 <= weak-match <= strong-match <= 1".into(),
            ));
        }
        if !(0.0..=1.0).contains(&names.transliteration_match) || names.fuzzy_candidates == 0 {
            return Err(invalid(
                "names.yaml",
                "need 0 <= transliteration-match <= 1 and fuzzy-candidates >= 1".into(),
            ));
        }
        let property = |file: &str, id: &str| {
            properties.id(id).ok_or_else(|| {
                invalid(
                    file,
                    format!("property `{id}` is not declared in properties.yaml"),
                )
            })
        };
        let mut ordinal_qualifiers = Vec::new();
        for entry in &triggers.ordinal_qualifiers {
            let id = property("triggers.yaml", &entry.property)?;
            if properties.definition(id).object_kind != Some(EntityKind::Category) {
                return Err(invalid(
                    "triggers.yaml",
                    format!(
                        "`ordinal-qualifiers`: `{}` facts do not name a category (give a property whose `object-kind` is `category` in properties.yaml)",
                        entry.property
                    ),
                ));
            }
            for word in &entry.words {
                let qualifier = Qualifier {
                    property: id,
                    object: entry.object.clone(),
                };
                ordinal_qualifiers.push((word.as_str(), qualifier));
            }
        }
        let mut series_facts = Vec::new();
        for (id, phrases) in &triggers.ordinal_series.facts {
            let id = property("triggers.yaml", id)?;
            series_facts.extend(
                phrases
                    .iter()
                    .map(|p| (p.as_str(), SeriesPhrase::Facts(id))),
            );
        }
        for entry in references.pronouns.iter().chain(&references.descriptions) {
            if let Some(category) = &entry.category {
                property("references.yaml", &category.property)?;
            }
        }
        let months = lexicon
            .months
            .iter()
            .zip(1..)
            .flat_map(|(spellings, number)| {
                spellings.iter().map(move |s| (s.to_lowercase(), number))
            })
            .collect();
        let weekdays = lexicon
            .weekdays
            .iter()
            .zip(WEEKDAYS)
            .flat_map(|(spellings, day)| spellings.iter().map(move |s| (s.to_lowercase(), day)))
            .collect();
        let abbreviations = abbreviations(&lexicon);
        let hedge_phrases = hedges.hedges.iter().flat_map(|entry| {
            entry
                .words
                .iter()
                .map(move |w| (w.as_str(), entry.tolerance))
        });
        let forms =
            Forms::new(forms, holidays, &weekdays).map_err(|(file, what)| invalid(file, what))?;
        let fractions = lower_keys(lexicon.fractions);
        let scales = lower_keys(lexicon.scales);
        let bare_fractions = listed_in(&lexicon.bare_fractions, &fractions).map_err(|word| {
            invalid(
                "lexicon.yaml",
                format!("`bare-fractions` word `{word}` is no fraction: add it to `fractions`"),
            )
        })?;
        let ordinal_suffixes = OrdinalSuffixes::new(lexicon.ordinal_suffixes)
            .map_err(|what| invalid("lexicon.yaml", format!("`ordinal-suffixes`: {what}")))?;
        let superlative_endings = endings("superlative-endings", &lexicon.superlative_endings)
            .map_err(|what| invalid("lexicon.yaml", what))?;
        let past_endings = endings("past-endings", &lexicon.past_endings)
            .map_err(|what| invalid("lexicon.yaml", what))?;
        let scales_before_and = listed_in(&lexicon.scales_before_and, &scales).map_err(|word| {
            invalid(
                "lexicon.yaml",
                format!("`scales-before-and` word `{word}` is no scale: add it to `scales`"),
            )
        })?;
        let mut rules = Rules {
            months,
            weekdays,
            number_words: lower_keys(lexicon.numbers),
            scales,
            scale_suffixes: lower_keys(lexicon.scale_suffixes),
            vague: lower_keys(lexicon.vague),
            fractions,
            bare_fractions,
            scales_before_and,
            ordinals: lower_keys(lexicon.ordinals),
            ordinal_suffixes,
            superlative_endings,
            units: word_map(&lexicon.units),
            abbreviations,
            word_endings: word_set(&lexicon.word_endings),
            past_endings,
            clause_markers: PhraseTable::new(
                context.clause_markers.iter().map(|m| (m.as_str(), ())),
            ),
            future_cues: PhraseTable::new(context.future_cues.iter().map(|m| (m.as_str(), ()))),
            future_cue_window: context.future_cue_window,
            year_cues: word_set(&context.year_cues),
            month_cues: word_set(&context.month_cues),
            numeric_dates: context.numeric_dates,
            locale_numeric_dates: context
                .locale_numeric_dates
                .into_iter()
                .map(|(tag, order)| (locale_key(&tag), order))
                .collect(),
            label_words: word_set(&context.label_words),
            clock_words: word_set(&context.clock_words),
            street_words: word_set(&context.street_words),
            score_words: PhraseTable::new(context.score_words.iter().map(|m| (m.as_str(), ()))),
            rating_scales: context.rating_scales.iter().map(u32::to_string).collect(),
            contradiction_window: context.contradiction_window,
            count_bond: context.count_bond,
            age_bond: context.age_bond,
            age_at_event_words: word_set(&context.age_at_event_words),
            age_at_event_fillers: word_set(&context.age_at_event_fillers),
            event_order: word_map(&context.event_order),
            order_breaks: word_set(&context.order_breaks),
            date_bounds: word_map(&context.date_bounds),
            date_bound_ends: word_set(&context.date_bound_ends),
            ago_words: word_set(&context.ago_words),
            past_tense_words: word_set(&context.past_tense_words),
            infinitive_markers: word_set(&context.infinitive_markers),
            passive_auxiliaries: word_set(&context.passive_auxiliaries),
            agent_words: word_set(&context.agent_words),
            text_filler: word_set(&context.text_filler),
            definite_articles: word_set(&context.definite_articles),
            indefinite_articles: word_set(&context.indefinite_articles),
            articles: word_set(
                &[
                    context.definite_articles.as_slice(),
                    context.indefinite_articles.as_slice(),
                ]
                .concat(),
            ),
            of_words: word_set(&context.of_words),
            and_words: word_set(&context.and_words),
            conjunctions: word_set(&context.conjunctions),
            hedges: PhraseTable::new(hedge_phrases),
            forms,
            names,
            ordinal_series: series_phrases(&triggers.ordinal_series, series_facts),
            ordinal_qualifiers: PhraseTable::new(ordinal_qualifiers),
            ordinal_new_words: word_set(&triggers.ordinal_new_words),
            ordinal_record_words: word_set(&triggers.ordinal_record_words),
            ordinal_name_ends: word_set(&triggers.ordinal_name_ends),
            ordinal_noun_ends: word_set(&triggers.ordinal_noun_ends),
            ordinal_occasion_nouns: word_set(&triggers.ordinal_occasion_nouns),
            ordinal_window_leads: word_set(&triggers.ordinal_window_leads),
            speech_verbs: word_set(&triggers.speech_verbs),
            quote_min_words: triggers.quote_min_words,
            relative_clause_words: word_set(&triggers.relative_clause_words),
            mention_starters: Starters::default(),
            properties,
            references: ReferenceRules::new(references),
            counting,
            titles: TitleRules::new(titles),
            dir: dir.to_path_buf(),
            base_digest,
        };
        rules.mention_starters = rules.starters();
        Ok(rules)
    }

    fn starters(&self) -> Starters {
        let mut starters = Starters::default();
        let mut add = |word: &str, flags: Starts| starters.add(word, None, flags);
        // "half the votes", "half a day"
        for word in self.bare_fractions.keys() {
            add(word, Starts::FRACTION | Starts::DURATION);
        }
        for word in self.months.keys().chain(self.weekdays.keys()) {
            add(word, Starts::DATE | Starts::CALENDAR);
        }
        let amount =
            Starts::DATE | Starts::DURATION | Starts::QUANTITY | Starts::FRACTION | Starts::AGE;
        for word in self.number_words.keys().chain(self.scales.keys()) {
            add(word, amount);
        }
        for word in self.vague.keys() {
            add(word, Starts::VAGUE);
        }
        // "first of June", "third quarter of 2020", "19th century" start with one.
        for word in self.ordinals.keys() {
            add(word, Starts::ORDINAL | Starts::DATE | Starts::CALENDAR);
        }
        // "a week ago", "a week", "a dozen", "a third of": an article before a unit
        // of time, a scale or a fraction.
        let flags = Starts::DATE | Starts::DURATION | Starts::QUANTITY | Starts::FRACTION;
        for article in &self.indefinite_articles {
            let amounts = self.units.keys().chain(self.scales.keys());
            for word in amounts.chain(self.fractions.keys()) {
                starters.add(article, Some(word), flags);
            }
        }
        // "the week before last": an article before a period.
        for article in &self.definite_articles {
            for period in self.forms.calendar.periods.keys() {
                starters.add(article, Some(period), Starts::DATE);
            }
        }
        for (first, second) in self.hedges.openings() {
            starters.add(first, second, Starts::HEDGE);
        }
        for (first, second, flags) in self.forms.openings() {
            starters.add(first, second, flags);
        }
        starters
    }
}

const WEEKDAYS: [chrono::Weekday; 7] = [
    chrono::Weekday::Mon,
    chrono::Weekday::Tue,
    chrono::Weekday::Wed,
    chrono::Weekday::Thu,
    chrono::Weekday::Fri,
    chrono::Weekday::Sat,
    chrono::Weekday::Sun,
];

fn series_phrases<'a>(
    file: &'a OrdinalSeriesFile,
    facts: Vec<(&'a str, SeriesPhrase)>,
) -> PhraseTable<SeriesPhrase> {
    let holders = file
        .office_holders
        .iter()
        .map(|p| (p.as_str(), SeriesPhrase::OfficeHolders));
    let leaders = file
        .office_leaders
        .iter()
        .map(|p| (p.as_str(), SeriesPhrase::OfficeLeaders));
    PhraseTable::new(facts.into_iter().chain(holders).chain(leaders))
}

/// The entries of `map` keyed in lower case, in the order of their words, so that
/// the table is made alike every time; of two words alike in lower case ("May",
/// "may"), the one last in that order is kept.
fn lower_keys<V>(map: HashMap<String, V>) -> WordMap<V> {
    let mut entries: Vec<(String, String, V)> = map
        .into_iter()
        .map(|(word, value)| (word.to_lowercase(), word, value))
        .collect();
    entries.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    entries
        .into_iter()
        .map(|(lower, _, value)| (lower, value))
        .collect()
}

/// Each word of `words`, lower case, with its value in `table`; or the first word
/// `table` lacks.
fn listed_in<V: Copy>(words: &[String], table: &WordMap<V>) -> Result<WordMap<V>, String> {
    words
        .iter()
        .map(|word| {
            let key = word.to_lowercase();
            match table.get(&key) {
                Some(&value) => Ok((key, value)),
                None => Err(word.clone()),
            }
        })
        .collect()
}

/// Word endings, lower case; or which list has an empty one, that every word would end
/// with.
fn endings(list: &str, endings: &[String]) -> Result<Vec<String>, String> {
    if endings.iter().any(String::is_empty) {
        return Err(format!("`{list}` has an empty ending"));
    }
    Ok(endings.iter().map(|e| e.to_lowercase()).collect())
}

/// The lexicon's abbreviations and every short form of a month or weekday name
/// ("Tues.", "Sept."), which a full stop follows without ending the sentence.
fn abbreviations(lexicon: &LexiconFile) -> WordSet {
    let short_forms = (lexicon.months.iter().chain(&lexicon.weekdays))
        .flat_map(|spellings| spellings.iter().skip(1));
    lexicon
        .abbreviations
        .iter()
        .chain(short_forms)
        .map(|w| w.to_lowercase())
        .collect()
}

fn word_set(words: &[String]) -> WordSet {
    words.iter().map(|w| w.to_lowercase()).collect()
}

/// Each word of the lists, lower case, with the meaning its list is listed under.
pub(crate) fn word_map<'a, M: Copy + 'a>(
    lists: impl IntoIterator<Item = (&'a M, &'a Vec<String>)>,
) -> WordMap<M> {
    lists
        .into_iter()
        .flat_map(|(meaning, words)| words.iter().map(move |w| (w.to_lowercase(), *meaning)))
        .collect()
}

/// Phrases of one or more words, kept as a tree of words: a phrase is found at a
/// token by one look-up per word it has, however many phrases share its first words.
#[derive(Debug)]
pub struct PhraseTable<T> {
    /// First word → the phrases that start with it.
    by_first_word: WordMap<PhraseNode<T>>,
    /// The first words: a table is asked at nearly every token, and nearly
    /// every other word is ruled out by this without being hashed.
    first_words: WordFilter,
    /// How many words the longest phrase has.
    most_words: usize,
}

/// The phrases that start with some words: the value of the phrase made of just
/// those words, if there is one, and the longer phrases by their next word.
#[derive(Debug)]
struct PhraseNode<T> {
    value: Option<T>,
    next: WordMap<PhraseNode<T>>,
}

impl<T> Default for PhraseNode<T> {
    fn default() -> Self {
        PhraseNode {
            value: None,
            next: WordMap::default(),
        }
    }
}

impl<T> PhraseTable<T> {
    /// The table of `phrases`; of two phrases with the same words, the first is kept.
    pub fn new<'a>(phrases: impl IntoIterator<Item = (&'a str, T)>) -> Self {
        let mut by_first_word: WordMap<PhraseNode<T>> = WordMap::default();
        let mut first_words = WordFilter::default();
        let mut most_words = 0;
        for (phrase, value) in phrases {
            let words = words_of(phrase);
            most_words = most_words.max(words.len());
            let mut words = words.into_iter();
            let Some(first) = words.next() else {
                continue;
            };
            first_words.add(&first);
            let node = words.fold(by_first_word.entry_or_default(first), |node, word| {
                node.next.entry_or_default(word)
            });
            node.value.get_or_insert(value);
        }
        PhraseTable {
            by_first_word,
            first_words,
            most_words,
        }
    }

    /// The longest phrase that starts at token `i` and ends by `end`, with its length.
    /// Inlined where it is called, so a token that starts no phrase (most) costs no
    /// call.
    #[inline(always)]
    pub fn at(&self, tokens: &[Token], i: usize, end: usize) -> Option<(&T, usize)> {
        let end = end.min(tokens.len());
        if i >= end {
            return None;
        }
        let word = tokens[i].key.as_str();
        if !self.first_words.may_hold(word) {
            return None;
        }
        let first = self.by_first_word.get(word)?;
        PhraseTable::longest_from(first, tokens, i, end)
    }

    /// The longest phrase that starts with the word at token `i`, whose node is
    /// `first`, and ends by `end`.
    fn longest_from<'a>(
        first: &'a PhraseNode<T>,
        tokens: &[Token],
        i: usize,
        end: usize,
    ) -> Option<(&'a T, usize)> {
        let mut node = first;
        let mut longest = node.value.as_ref().map(|value| (value, 1));
        for (length, token) in (2..).zip(&tokens[i + 1..end]) {
            let Some(next) = node.next.get(token.key.as_str()) else {
                break;
            };
            node = next;
            if let Some(value) = &node.value {
                longest = Some((value, length));
            }
        }
        longest
    }

    /// Whether a phrase ends right before token `end`: "nearly" before "a fifth".
    pub fn ends_at(&self, tokens: &[Token], end: usize) -> bool {
        (end.saturating_sub(self.most_words)..end).any(|k| {
            self.at(tokens, k, end)
                .is_some_and(|(_, len)| k + len == end)
        })
    }

    /// Whether `word` alone is one of the phrases.
    pub fn has_one_word_phrase(&self, word: &str) -> bool {
        self.by_first_word
            .get(word)
            .is_some_and(|node| node.value.is_some())
    }

    /// Whether some phrase starts with `word`.
    pub fn has_first_word(&self, word: &str) -> bool {
        self.by_first_word.contains_key(word)
    }

    /// How the phrases open: each first word with a second word it is followed by,
    /// or with none when it is a phrase alone.
    pub fn openings(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.by_first_word.iter().flat_map(|(first, node)| {
            let alone = node.value.as_ref().map(|_| (first.as_str(), None));
            let followed = node
                .next
                .keys()
                .map(|second| (first.as_str(), Some(second.as_str())));
            alone.into_iter().chain(followed)
        })
    }

    /// Whether any phrase occurs within tokens `range`.
    pub fn occurs_in(&self, tokens: &[Token], range: std::ops::Range<usize>) -> bool {
        range
            .clone()
            .any(|i| self.at(tokens, i, range.end).is_some())
    }
}

/// A phrase as its lower-case words.
fn words_of(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(str::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bundled rules with `file` changed by `edit`, loaded.
    fn load_edited(file: &str, edit: impl Fn(&str) -> String) -> Result<Rules, RulesError> {
        let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let dir = tempfile::tempdir().unwrap();
        for entry in std::fs::read_dir(&bundled).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.file_name().unwrap();
            let text = if name == file { edit(&text) } else { text };
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        Rules::load(dir.path())
    }

    proptest::proptest! {
        /// The table finds what a scan of every phrase finds: the longest that
        /// starts at the token and ends by `end`, the first of equal ones.
        #[test]
        fn a_phrase_found_is_the_longest_that_fits(
            phrases in proptest::collection::vec(
                proptest::collection::vec(0..4usize, 1..4), 0..12),
            text in proptest::collection::vec(0..4usize, 0..8),
            i in 0..9usize,
            end in 0..10usize,
        ) {
            const WORDS: [&str; 4] = ["the", "next", "day", "week"];
            let phrases: Vec<String> = phrases
                .iter()
                .map(|p| p.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" "))
                .collect();
            let table = PhraseTable::new(phrases.iter().enumerate().map(|(n, p)| (p.as_str(), n)));
            let text = text.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ");
            let tokens = crate::segment::tokenize_str(&text);
            let scanned = phrases
                .iter()
                .enumerate()
                .filter(|(_, p)| {
                    let words: Vec<&str> = p.split(' ').collect();
                    i + words.len() <= end.min(tokens.len())
                        && words.iter().zip(&tokens[i..]).all(|(w, t)| t.key == *w)
                })
                .max_by_key(|(n, p)| (p.split(' ').count(), std::cmp::Reverse(*n)))
                .map(|(n, p)| (n, p.split(' ').count()));
            let found = table.at(&tokens, i, end).map(|(&n, length)| (n, length));
            proptest::prop_assert_eq!(found, scanned);
        }
    }

    #[test]
    fn hedge_fractions_outside_zero_to_one_are_refused() {
        for fraction in ["-5", "1.5"] {
            let result = load_edited("hedges.yaml", |text| {
                text.replacen("fraction: 0.2", &format!("fraction: {fraction}"), 1)
            });
            let error = result.err().map(|e| e.to_string()).unwrap_or_default();
            assert!(error.contains("from 0 to 1"), "{fraction}: {error}");
        }
    }

    #[test]
    fn a_month_without_a_word_is_refused() {
        let result = load_edited("lexicon.yaml", |text| {
            let start = text.find("months:").unwrap();
            let first = start + text[start..].find("\n  - ").unwrap();
            let end = first + 1 + text[first + 1..].find('\n').unwrap();
            format!("{}\n  - []{}", &text[..first], &text[end..])
        });
        let error = result.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.contains("`months` entry 1 has no word"), "{error}");
    }

    #[test]
    fn an_event_order_word_that_is_no_clause_marker_is_refused() {
        let result = load_edited("context.yaml", |text| {
            text.replacen("after: [after]", "after: [afterwards]", 1)
        });
        let error = result.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            error.contains("`afterwards` is no clause marker"),
            "{error}"
        );
    }

    #[test]
    fn a_bare_fraction_or_a_scale_before_and_must_be_in_its_table() {
        for (edit, expected) in [
            (
                ("bare-fractions: [half]", "bare-fractions: [halve]"),
                "`halve` is no fraction",
            ),
            (
                (
                    "scales-before-and: [hundred, thousand]",
                    "scales-before-and: [score]",
                ),
                "`score` is no scale",
            ),
        ] {
            let result = load_edited("lexicon.yaml", |text| text.replacen(edit.0, edit.1, 1));
            let error = result.err().map(|e| e.to_string()).unwrap_or_default();
            assert!(
                error.contains("lexicon.yaml") && error.contains(expected),
                "{error}"
            );
        }
    }

    #[test]
    fn a_part_of_a_year_must_be_whole_months() {
        let result = load_edited("mentions.yaml", |text| {
            text.replacen("letters: [h], parts: 2", "letters: [h], parts: 5", 1)
        });
        let error = result.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            error.contains("mentions.yaml") && error.contains("5 parts do not divide a year"),
            "{error}"
        );
    }

    #[test]
    fn a_date_bound_is_a_start_or_an_end() {
        let result = load_edited("context.yaml", |text| {
            text.replacen("  since: [since]", "  at: [on]", 1)
        });
        let error = result.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            error.contains("context.yaml:") && error.contains("`at`"),
            "{error}"
        );
    }

    #[test]
    fn ordinal_suffixes_and_endings_are_checked() {
        for (edit, expected) in [
            (
                ("last-digit: {1: st,", "last-digit: {21: st,"),
                "`ordinal-suffixes`: `21` has more digits",
            ),
            (
                ("other: th", "other: \"\""),
                "`ordinal-suffixes`: a suffix is empty",
            ),
            (
                ("superlative-endings: [est]", "superlative-endings: [\"\"]"),
                "`superlative-endings` has an empty ending",
            ),
        ] {
            let result = load_edited("lexicon.yaml", |text| text.replacen(edit.0, edit.1, 1));
            let error = result.err().map(|e| e.to_string()).unwrap_or_default();
            assert!(error.contains(expected), "{error}");
        }
    }

    #[test]
    fn a_date_modifier_is_last_this_or_next() {
        let result = load_edited("mentions.yaml", |text| {
            text.replacen("    this: [this]", "    none: [this]", 1)
        });
        let error = result.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            error.contains("mentions.yaml:") && error.contains("`none`"),
            "{error}"
        );
    }

    #[test]
    fn tolerances_follow_the_hedge_defaults() {
        let about = Tolerance::Around { fraction: 0.2 };
        assert!(about.admits(7.0, 8.0));
        assert!(!about.admits(7.0, 9.0));
        let nearly = Tolerance::Nearly { fraction: 0.85 };
        assert!(nearly.admits(24.0, 23.0));
        assert!(!nearly.admits(24.0, 25.0));
        assert!(!nearly.admits(24.0, 20.0));
        assert!(Tolerance::Exact.admits(3.0, 3.0));
        assert!(!Tolerance::Exact.admits(3.0, 4.0));
        assert!(Tolerance::Above.admits(10.0, 11.0) && !Tolerance::Above.admits(10.0, 10.0));
    }

    /// A cached fact base is checked with the digest of the texts before the
    /// rules are compiled, and written with that of the rules: the two must agree.
    #[test]
    fn the_base_digest_of_rule_texts_is_that_of_the_rules_compiled_from_them() {
        let dir = crate::bundled::rules_dir();
        let digests = |texts: &RuleTexts| {
            let rules = Rules::from_texts(&dir, texts).unwrap();
            let digest = texts.base_digest(&dir).unwrap();
            assert_eq!(digest, rules.base_digest);
            digest
        };
        let bundled = RuleTexts::bundled().unwrap();
        let edited = |edit: &dyn Fn(&mut RuleTexts)| {
            let mut texts = bundled.clone();
            edit(&mut texts);
            digests(&texts)
        };
        let digest = digests(&bundled);
        let threshold =
            |t: &mut RuleTexts| t.names = t.names.replace("weak-match: 0.8", "weak-match: 0.75");
        let folding = |t: &mut RuleTexts| t.names = t.names.replace("    ph: f\n", "    ph: p\n");
        let property = |t: &mut RuleTexts| t.properties.push_str("\n# a comment\n");
        let lexicon = |t: &mut RuleTexts| t.lexicon.push_str("\n# a comment\n");
        assert_eq!(edited(&threshold), digest);
        assert_eq!(edited(&lexicon), digest);
        assert_ne!(edited(&folding), digest);
        assert_ne!(edited(&property), digest);
        let mut broken = bundled.clone();
        broken.names.push_str("\nno-such-setting: 1\n");
        assert!(broken.base_digest(&dir).is_err());
    }

    #[test]
    fn bundled_rules_load_and_their_errors_name_the_bundled_file() {
        let rules = Rules::bundled().unwrap();
        assert_eq!(rules.dir, crate::bundled::rules_dir());
        let mut texts = RuleTexts::bundled().unwrap();
        texts.context.push_str("\nno-such-setting: 1\n");
        let error = Rules::from_texts(&crate::bundled::rules_dir(), &texts)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            error.starts_with("<bundled>/rules/context.yaml:") && error.contains("no-such-setting"),
            "{error}"
        );
    }

    #[test]
    fn a_word_opening_a_phrase_starts_its_reader_only_before_the_phrase_second_word() {
        let rules = Rules::bundled().unwrap();
        let starts_at = |text: &str, i: usize| {
            let tokens = crate::segment::tokenize_str(text);
            rules.mention_starters.at(&tokens, i)
        };
        // "the week before last", "the day before", "the age of", "the whole year"
        for (text, reader) in [
            ("the week before last", Starts::DATE),
            ("the day before", Starts::DATE),
            ("at the age of 71", Starts::AGE),
            ("the whole year", Starts::DURATION),
        ] {
            let at = text.split(' ').position(|w| w == "the").unwrap();
            assert!(starts_at(text, at).is_some_and(|s| s.has(reader)), "{text}");
        }
        assert!(starts_at("a week ago", 0).is_some_and(|s| s.has(Starts::DATE)));
        assert!(starts_at("a dozen", 0).is_some_and(|s| s.has(Starts::QUANTITY)));
        assert!(starts_at("a third of", 0).is_some_and(|s| s.has(Starts::FRACTION)));
        assert_eq!(starts_at("a report", 0), None);
        assert_eq!(starts_at("the report said", 0), None);
        assert_eq!(starts_at("the", 0), None);
        assert!(starts_at("at least 40", 0).is_some_and(|s| s.has(Starts::HEDGE)));
        assert_eq!(starts_at("at noon", 0), None);
        // A word that starts a reader alone does whatever follows it.
        assert!(starts_at("nearly everyone", 0).is_some_and(|s| s.has(Starts::HEDGE)));
        // Read split at a hyphen, a word starts all its phrases do.
        assert!(
            rules
                .mention_starters
                .joined("at-least")
                .is_some_and(|s| s.has(Starts::HEDGE))
        );
    }

    #[test]
    fn a_locale_sets_the_order_of_slashed_dates() {
        let mut rules = Rules::bundled().unwrap();
        assert_eq!(rules.numeric_dates, NumericDates::MonthFirst);
        assert_eq!(rules.set_locale("en_gb").unwrap(), NumericDates::DayFirst);
        assert_eq!(rules.numeric_dates, NumericDates::DayFirst);
        assert_eq!(rules.set_locale("en-US").unwrap(), NumericDates::MonthFirst);
        let error = rules.set_locale("xx-YY").unwrap_err().to_string();
        assert!(
            error.contains("unknown locale `xx-YY`")
                && error.contains("<bundled>/rules/context.yaml")
                && error.contains("en-gb"),
            "{error}"
        );
        assert_eq!(rules.numeric_dates, NumericDates::MonthFirst);
    }
}
