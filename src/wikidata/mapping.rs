//! `rules/wikidata.yaml`: which Wikidata properties become which of the project's
//! properties, where qualifiers go, and which classes and items become which kinds
//! and categories. Data, read like the other rules files, and checked against
//! `properties.yaml` before any input is read.

use super::ids::{ItemId, PropertyCode};
use crate::factbase::{EntityKind, Need, PropertyTable, QualifierType};
use crate::rules::RulesError;
use crate::yaml;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The file's name in a rules directory.
pub const FILE_NAME: &str = "wikidata.yaml";

/// Where a Wikidata value goes on a fact.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Target {
    Object,
    Subject,
    Date,
    Start,
    End,
    Value,
    Qualifier(String),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PropertyMapping {
    pub property: String,
    #[serde(default = "object_target")]
    pub main: Target,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub item_time: Option<PropertyCode>,
}

fn object_target() -> Target {
    Target::Object
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct MappingFile {
    properties: BTreeMap<PropertyCode, PropertyMapping>,
    #[serde(default)]
    qualifiers: BTreeMap<PropertyCode, Target>,
    #[serde(default)]
    qualifier_values: BTreeMap<String, BTreeMap<ItemId, String>>,
    #[serde(default)]
    classes: BTreeMap<ItemId, EntityKind>,
    #[serde(default)]
    categories: BTreeMap<ItemId, String>,
}

/// The mapping, checked against the project's properties.
#[derive(Debug, Clone)]
pub struct Mapping {
    pub properties: BTreeMap<PropertyCode, PropertyMapping>,
    pub qualifiers: BTreeMap<PropertyCode, Target>,
    pub qualifier_values: BTreeMap<String, BTreeMap<ItemId, String>>,
    pub classes: BTreeMap<ItemId, EntityKind>,
    pub categories: BTreeMap<ItemId, String>,
}

/// Wikidata's "instance of", read for every entity to find its kind.
pub const INSTANCE_OF: PropertyCode = PropertyCode(31);

impl Mapping {
    /// Reads `wikidata.yaml` from a rules directory.
    pub fn load(dir: &Path, properties: &PropertyTable) -> Result<Mapping, RulesError> {
        let path = dir.join(FILE_NAME);
        let text = std::fs::read_to_string(&path).map_err(|source| RulesError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Mapping::from_text(&path, &text, properties)
    }

    /// The mapping compiled into claimcheck.
    pub fn bundled(properties: &PropertyTable) -> Result<Mapping, RulesError> {
        let path = crate::bundled::rules_dir().join(FILE_NAME);
        let text = crate::bundled::rules_file(FILE_NAME).ok_or_else(|| RulesError::NotBundled {
            path: path.display().to_string(),
        })?;
        Mapping::from_text(&path, text, properties)
    }

    pub fn from_text(
        path: &Path,
        text: &str,
        properties: &PropertyTable,
    ) -> Result<Mapping, RulesError> {
        let file: MappingFile = yaml::parse(path, text, 0)?;
        let invalid =
            |message: String| RulesError::Invalid(format!("{}: {message}", path.display()));
        for (code, mapping) in &file.properties {
            let Some(definition) = properties.get(&mapping.property) else {
                return Err(invalid(format!(
                    "{code}: property `{}` is not declared in properties.yaml",
                    mapping.property
                )));
            };
            let needs = match &mapping.main {
                Target::Object | Target::Subject => definition.object,
                Target::Date | Target::Start | Target::End => definition.time,
                Target::Value => definition.value,
                Target::Qualifier(id) => {
                    check_qualifier(properties, id).map_err(|e| invalid(format!("{code}: {e}")))?;
                    Need::Optional
                }
            };
            if needs == Need::Forbidden {
                return Err(invalid(format!(
                    "{code}: `{}` facts take no {:?}, which `main` gives",
                    mapping.property, mapping.main
                )));
            }
        }
        for (code, target) in &file.qualifiers {
            if let Target::Qualifier(id) = target {
                check_qualifier(properties, id).map_err(|e| invalid(format!("{code}: {e}")))?;
            }
            if matches!(target, Target::Object | Target::Subject) {
                return Err(invalid(format!(
                    "{code}: a qualifier goes to `date`, `start`, `end`, `value` or a qualifier"
                )));
            }
        }
        for qualifier in file.qualifier_values.keys() {
            match properties.get_qualifier(qualifier) {
                Some(q) if q.value == QualifierType::Text => {}
                _ => {
                    return Err(invalid(format!(
                        "qualifier-values: `{qualifier}` is not a text qualifier of properties.yaml"
                    )));
                }
            }
        }
        Ok(Mapping {
            properties: file.properties,
            qualifiers: file.qualifiers,
            qualifier_values: file.qualifier_values,
            classes: file.classes,
            categories: file.categories,
        })
    }

    /// Whether statements of `code` are read: mapped, or P31 for kinds.
    pub fn reads(&self, code: PropertyCode) -> bool {
        code == INSTANCE_OF
            || self.properties.contains_key(&code)
            || self.properties.values().any(|m| m.item_time == Some(code))
    }
}

fn check_qualifier(properties: &PropertyTable, id: &str) -> Result<(), String> {
    properties
        .get_qualifier(id)
        .map(|_| ())
        .ok_or_else(|| format!("qualifier `{id}` is not declared in properties.yaml"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    #[test]
    fn the_bundled_mapping_names_only_declared_properties() {
        let rules = Rules::bundled().unwrap();
        let mapping = Mapping::bundled(&rules.properties).unwrap();
        assert_eq!(
            mapping.properties[&PropertyCode(39)].property,
            "held-office"
        );
        assert_eq!(mapping.categories[&ItemId(6581072)], "woman");
    }

    #[test]
    fn an_undeclared_property_is_refused_with_its_name() {
        let rules = Rules::bundled().unwrap();
        let text = "properties:\n  P39:\n    property: held-offices\n";
        let error = Mapping::from_text(Path::new("w.yaml"), text, &rules.properties).unwrap_err();
        assert!(error.to_string().contains("`held-offices`"), "{error}");
    }

    #[test]
    fn a_malformed_id_is_refused_where_it_is() {
        let rules = Rules::bundled().unwrap();
        let text = "properties:\n  X39:\n    property: held-office\n";
        let error = Mapping::from_text(Path::new("w.yaml"), text, &rules.properties).unwrap_err();
        assert!(error.to_string().starts_with("w.yaml:2:"), "{error}");
    }
}
