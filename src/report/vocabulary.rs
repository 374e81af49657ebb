//! What the fact base and the rules call the things a claim's normalized values
//! name by id or by unit, so that a report can say "Burjesia rocket attack" and
//! "3 rockets" where the values say `burjesia-rocket-attack-2020` and `rocket`.
//! Built once a run, for the reports that speak in words (HTML), from only the
//! ids and units the run's claims use.

use crate::check::CheckedDocument;
use crate::factbase::FactBase;
use crate::rules::Rules;
use crate::verify::wording;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

#[derive(Debug, Default, Serialize)]
pub struct Vocabulary {
    /// Entity, fact and series ids, each with its name in words.
    pub names: BTreeMap<String, String>,
    /// Units counted in, each with its plural.
    pub plurals: BTreeMap<String, String>,
}

impl Vocabulary {
    /// The names and plurals the claims of `documents` need.
    pub fn of(documents: &[CheckedDocument], base: &FactBase, rules: &Rules) -> Vocabulary {
        let mut used: HashSet<&str> = HashSet::new();
        let mut plurals = BTreeMap::new();
        for claim in documents.iter().flat_map(|d| &d.claims) {
            let Some(values) = claim.normalized.as_object() else {
                continue;
            };
            for (key, value) in values {
                let Some(text) = value.as_str() else {
                    continue;
                };
                if key == "unit" {
                    plurals.insert(text.to_string(), rules.counting.plural(text));
                } else {
                    used.insert(text);
                }
            }
        }
        let mut names = BTreeMap::new();
        if used.is_empty() {
            return Vocabulary { names, plurals };
        }
        for entity in &base.entities {
            if used.contains(entity.id.as_str()) {
                names.insert(entity.id.clone(), entity.name.clone());
            }
        }
        for series in &base.series {
            if used.contains(series.id.as_str()) {
                names.insert(series.id.clone(), series.name.clone());
            }
        }
        for fact in &base.facts {
            if used.contains(fact.id.as_str()) {
                names.insert(fact.id.clone(), wording::fact(base, fact));
            }
        }
        Vocabulary { names, plurals }
    }
}
