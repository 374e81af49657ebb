//! The language- and desk-specific data under `rules/`: lexicons, context words,
//! hedge tolerances, name-matching thresholds and the properties facts may state. Read once, validated on load with
//! file:line:column, and turned into look-up tables for the mention stage.

use crate::factbase::{PropertiesFile, PropertyTable};
use crate::yaml::{self, YamlError};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Yaml(#[from] YamlError),
    #[error("{0}")]
    Invalid(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    months: Vec<Vec<String>>,
    weekdays: Vec<Vec<String>>,
    numbers: HashMap<String, u64>,
    abbreviations: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ContextFile {
    clause_markers: Vec<String>,
    future_cues: Vec<String>,
    future_cue_window: usize,
    year_cues: Vec<String>,
    contradiction_window: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HedgesFile {
    hedges: Vec<HedgeEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HedgeEntry {
    words: Vec<String>,
    tolerance: Tolerance,
}

/// How far a true value may be from a stated one, given the stated value's hedge.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
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

#[derive(Debug, Clone, Deserialize)]
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
}

/// Every rule the pipeline reads, as look-up tables keyed by lower-case words.
#[derive(Debug)]
pub struct Rules {
    /// Month name or abbreviation → month number (1-12).
    pub months: HashMap<String, u32>,
    /// Weekday name or abbreviation → weekday.
    pub weekdays: HashMap<String, chrono::Weekday>,
    pub number_words: HashMap<String, u64>,
    pub abbreviations: Vec<String>,
    /// Each clause marker as its lower-case words.
    pub clause_markers: Vec<Vec<String>>,
    pub future_cues: Vec<Vec<String>>,
    pub future_cue_window: usize,
    pub year_cues: Vec<String>,
    /// How near (in tokens) an event must be named for a date to contradict it.
    pub contradiction_window: usize,
    /// Each hedge phrase as lower-case words, longest first.
    pub hedges: Vec<(Vec<String>, Tolerance)>,
    pub names: NameMatching,
    /// The properties a fact may state (`properties.yaml`).
    pub properties: PropertyTable,
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

impl Rules {
    /// Loads `lexicon.yaml`, `context.yaml`, `hedges.yaml`, `names.yaml` and
    /// `properties.yaml` from `dir`.
    pub fn load(dir: &Path) -> Result<Rules, RulesError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path)
                .map(|text| (path.clone(), text))
                .map_err(|source| RulesError::Read {
                    path: path.display().to_string(),
                    source,
                })
        };
        let (path, text) = read("lexicon.yaml")?;
        let lexicon: LexiconFile = yaml::parse(&path, &text, 0)?;
        let (path, text) = read("context.yaml")?;
        let context: ContextFile = yaml::parse(&path, &text, 0)?;
        let (path, text) = read("hedges.yaml")?;
        let hedges: HedgesFile = yaml::parse(&path, &text, 0)?;
        let (path, text) = read("names.yaml")?;
        let names: NameMatching = yaml::parse(&path, &text, 0)?;
        let (path, text) = read("properties.yaml")?;
        let properties: PropertiesFile = yaml::parse(&path, &text, 0)?;
        let properties = PropertyTable::new(properties, &text)
            .map_err(|e| RulesError::Invalid(format!("{}: {e}", path.display())))?;
        Rules::from_parts(lexicon, context, hedges, names, properties, dir)
    }

    fn from_parts(
        lexicon: LexiconFile,
        context: ContextFile,
        hedges: HedgesFile,
        names: NameMatching,
        properties: PropertyTable,
        dir: &Path,
    ) -> Result<Rules, RulesError> {
        let invalid = |file: &str, what: String| {
            RulesError::Invalid(format!("{}: {what}", dir.join(file).display()))
        };
        if lexicon.months.len() != 12 {
            return Err(invalid(
                "lexicon.yaml",
                format!("`months` lists {} months, not 12", lexicon.months.len()),
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
        let mut hedge_phrases: Vec<(Vec<String>, Tolerance)> = hedges
            .hedges
            .iter()
            .flat_map(|entry| entry.words.iter().map(|w| (words_of(w), entry.tolerance)))
            .collect();
        hedge_phrases.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        Ok(Rules {
            months,
            weekdays,
            number_words: lexicon
                .numbers
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect(),
            abbreviations: lexicon
                .abbreviations
                .iter()
                .map(|a| a.to_lowercase())
                .collect(),
            clause_markers: context.clause_markers.iter().map(|m| words_of(m)).collect(),
            future_cues: context.future_cues.iter().map(|m| words_of(m)).collect(),
            future_cue_window: context.future_cue_window,
            year_cues: context.year_cues.iter().map(|m| m.to_lowercase()).collect(),
            contradiction_window: context.contradiction_window,
            hedges: hedge_phrases,
            names,
            properties,
        })
    }
}

/// A phrase as its lower-case words.
fn words_of(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(str::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
