//! The nouns counts are written in (`rules/units.yaml`): a draft's word against a
//! fact's unit, through plurals, other spellings and conversions between units of one
//! measure ("472 million kilometers" against a fact in miles).

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct UnitsFile {
    plurals: FxHashMap<String, String>,
    spellings: FxHashMap<String, String>,
    conversions: Vec<Conversion>,
    not_counts: Vec<String>,
    not_counts_before: Vec<String>,
    phrase_ends: Vec<String>,
    agreed_lengths: Vec<String>,
    not_lengths: Vec<String>,
    not_lengths_before: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Conversion {
    from: String,
    to: String,
    factor: f64,
}

#[derive(Debug, Default)]
pub struct Units {
    /// Plural → singular, for irregular plurals.
    singular_of: FxHashMap<String, String>,
    /// Singular → plural, for irregular plurals.
    plural_of: FxHashMap<String, String>,
    spellings: FxHashMap<String, String>,
    /// (from, to) → how many `to` one `from` is, both ways.
    factors: FxHashMap<(String, String), f64>,
    /// Words right after a number that make it no count.
    pub not_counts: FxHashSet<String>,
    /// Words right before a number that make it no count.
    pub not_counts_before: FxHashSet<String>,
    /// Words that end the noun phrase after a number.
    pub phrase_ends: FxHashSet<String>,
    /// Nouns after a length that make it one agreed in advance ("a two-year contract").
    pub agreed_lengths: FxHashSet<String>,
    /// Words right after a length that make it a gap between two things ("two days
    /// later").
    pub not_lengths: FxHashSet<String>,
    /// Words right before a length that make it a window, a frequency or a part ("in two
    /// years", "once a year", "his first 100 days").
    pub not_lengths_before: FxHashSet<String>,
}

impl Units {
    pub fn new(file: UnitsFile) -> Result<Units, String> {
        let lower = |words: Vec<String>| words.into_iter().map(|w| w.to_lowercase()).collect();
        let mut units = Units {
            singular_of: file
                .plurals
                .iter()
                .map(|(s, p)| (p.to_lowercase(), s.to_lowercase()))
                .collect(),
            plural_of: file
                .plurals
                .iter()
                .map(|(s, p)| (s.to_lowercase(), p.to_lowercase()))
                .collect(),
            spellings: file
                .spellings
                .iter()
                .map(|(k, v)| (k.to_lowercase(), v.to_lowercase()))
                .collect(),
            factors: FxHashMap::default(),
            not_counts: lower(file.not_counts),
            not_counts_before: lower(file.not_counts_before),
            phrase_ends: lower(file.phrase_ends),
            agreed_lengths: lower(file.agreed_lengths),
            not_lengths: lower(file.not_lengths),
            not_lengths_before: lower(file.not_lengths_before),
        };
        for conversion in &file.conversions {
            if !(conversion.factor.is_finite() && conversion.factor > 0.0) {
                return Err(format!(
                    "the conversion from {} to {} needs a positive factor",
                    conversion.from, conversion.to
                ));
            }
            let (from, to) = (conversion.from.to_lowercase(), conversion.to.to_lowercase());
            units
                .factors
                .insert((from.clone(), to.clone()), conversion.factor);
            units.factors.insert((to, from), 1.0 / conversion.factor);
        }
        // Chains of conversions ("mile" to "meter" through "kilometer").
        loop {
            let mut added = Vec::new();
            for ((a, b), f) in &units.factors {
                for ((c, d), g) in &units.factors {
                    if b == c && a != d && !units.factors.contains_key(&(a.clone(), d.clone())) {
                        added.push(((a.clone(), d.clone()), f * g));
                    }
                }
            }
            if added.is_empty() {
                break;
            }
            units.factors.extend(added);
        }
        Ok(units)
    }

    /// The singular a draft's word stands for: "people" is "person", "rockets"
    /// "rocket", "km" "kilometer", "tubes" "tube".
    pub fn singular(&self, word: &str) -> String {
        let word = word.to_lowercase();
        if let Some(unit) = self.spellings.get(&word) {
            return unit.clone();
        }
        if let Some(singular) = self.singular_of.get(&word) {
            return singular.clone();
        }
        if self.plural_of.contains_key(&word) {
            return word;
        }
        if let Some(stem) = word.strip_suffix("ies").filter(|s| s.len() > 1) {
            return format!("{stem}y");
        }
        if let Some(stem) = word.strip_suffix("es")
            && (stem.ends_with('s')
                || stem.ends_with('x')
                || stem.ends_with("ch")
                || stem.ends_with("sh"))
        {
            return stem.to_string();
        }
        // "bus", "status", "crisis", "glass" are singular already.
        if ["us", "ss", "is"].iter().any(|end| word.ends_with(end)) {
            return word;
        }
        match word.strip_suffix('s') {
            Some(stem) if stem.len() > 1 => stem.to_string(),
            _ => word,
        }
    }

    /// The plural of a unit, for explanations: "people", "rockets". A unit written
    /// as an irregular plural ("people") is its own plural, never "peoples".
    pub fn plural(&self, unit: &str) -> String {
        if let Some(plural) = self.plural_of.get(unit) {
            return plural.clone();
        }
        if self.singular_of.contains_key(unit) {
            return unit.to_string();
        }
        match unit.strip_suffix('y') {
            Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{stem}ies"),
            _ if unit.ends_with('s')
                || unit.ends_with('x')
                || unit.ends_with("sh")
                || unit.ends_with("ch") =>
            {
                format!("{unit}es")
            }
            _ => format!("{unit}s"),
        }
    }

    /// How many `to` one `from` is: 1 for the same unit, a conversion's factor, or
    /// none when they measure different things.
    pub fn factor(&self, from: &str, to: &str) -> Option<f64> {
        // A unit written as an irregular plural ("people") is its singular.
        let from = self.singular_of.get(from).map_or(from, String::as_str);
        let to = self.singular_of.get(to).map_or(to, String::as_str);
        if from == to {
            return Some(1.0);
        }
        self.factors
            .get(&(from.to_string(), to.to_string()))
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units() -> Units {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/units.yaml"),
        )
        .unwrap();
        Units::new(serde_saphyr::from_str(&text).unwrap()).unwrap()
    }

    #[test]
    fn draft_words_come_back_to_their_unit() {
        let units = units();
        assert_eq!(units.singular("people"), "person");
        assert_eq!(units.singular("Rockets"), "rocket");
        assert_eq!(units.singular("casualties"), "casualty");
        assert_eq!(units.singular("km"), "kilometer");
        assert_eq!(units.singular("buses"), "bus");
        assert_eq!(units.singular("bus"), "bus");
        assert_eq!(units.plural("person"), "people");
        assert_eq!(units.plural("rocket"), "rockets");
        assert_eq!(units.plural("people"), "people");
        assert_eq!(units.plural("child"), "children");
        assert_eq!(units.singular("children"), "child");
        assert_eq!(units.factor("people", "person"), Some(1.0));
        assert_eq!(units.factor("person", "people"), Some(1.0));
    }

    #[test]
    fn conversions_run_both_ways_and_through_chains() {
        let units = units();
        assert_eq!(units.factor("mile", "kilometer"), Some(1.609344));
        let back = units.factor("kilometer", "mile").unwrap();
        assert!((back - 1.0 / 1.609344).abs() < 1e-12);
        let mile_in_meters = units.factor("mile", "meter").unwrap();
        assert!((mile_in_meters - 1609.344).abs() < 1e-6);
        assert_eq!(units.factor("mile", "kilogram"), None);
    }
}
