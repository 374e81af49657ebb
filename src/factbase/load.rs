//! Reading `claims/`: every file parsed, every reference resolved, every error kept
//! with file:line:column, and the base built only when there are none.

use super::index::name_key;
use super::schema::{CueRecord, FactFile, FactRecord, Property, YamlDate};
use super::{Cue, Entity, EntityIdx, Fact, FactBase, FactTime, Origin, Source};
use super::{CueIndex, NameIndex, TitleIndex};
use crate::dates::DateRange;
use crate::rules::Rules;
use crate::yaml;
use serde_saphyr::Spanned;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in the fact base, at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// Loads every `.yaml`/`.yml` file under `dir`. Returns all problems found, not
/// just the first, and no base at all when there is any.
pub fn load_dir(dir: &Path, rules: &Rules) -> Result<FactBase, Vec<LoadError>> {
    let files = fact_files(dir).map_err(|message| {
        vec![LoadError {
            file: dir.to_path_buf(),
            line: 1,
            column: 1,
            message,
        }]
    })?;
    let mut parsed = Vec::new();
    let mut errors = Vec::new();
    for path in files {
        match std::fs::read_to_string(&path) {
            Ok(text) => match yaml::parse::<FactFile>(&path, &text, 0) {
                Ok(file) => parsed.push((path, file)),
                Err(e) => errors.push(LoadError {
                    file: e.path,
                    line: e.line,
                    column: e.column,
                    message: e.message,
                }),
            },
            Err(e) => errors.push(LoadError {
                file: path,
                line: 1,
                column: 1,
                message: format!("cannot read: {e}"),
            }),
        }
    }
    let base = Builder::default().build(parsed, rules, &mut errors);
    if errors.is_empty() {
        Ok(base)
    } else {
        Err(errors)
    }
}

fn fact_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    if !dir.is_dir() {
        return Err(format!(
            "no fact base here: {} is not a directory (pass --db DIR)",
            dir.display()
        ));
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| format!("cannot read the fact base: {e}"))?;
        let is_yaml = entry
            .path()
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml");
        if entry.file_type().is_file() && is_yaml {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

#[derive(Default)]
struct Builder {
    base: FactBase,
    entity_ids: HashMap<String, EntityIdx>,
}

impl Builder {
    fn build(
        mut self,
        files: Vec<(PathBuf, FactFile)>,
        rules: &Rules,
        errors: &mut Vec<LoadError>,
    ) -> FactBase {
        // Entities first, so facts and cues in any file may refer to any entity.
        for (path, file) in &files {
            for record in &file.entities {
                let at = |s: &Spanned<String>, message: String| error_at(path, s, message);
                if let Some(&first) = self.entity_ids.get(&record.id.value) {
                    let o = &self.base.entities[first].origin;
                    errors.push(at(&record.id, format!("duplicate entity id `{}` (first defined at {}:{}); give each entity its own id", record.id.value, o.file.display(), o.line)));
                    continue;
                }
                self.entity_ids
                    .insert(record.id.value.clone(), self.base.entities.len());
                self.base.entities.push(Entity {
                    id: record.id.value.clone(),
                    name: record.name.clone(),
                    kind: record.kind,
                    aliases: record.aliases.clone(),
                    cues: Vec::new(),
                    origin: origin(path, &record.id),
                });
            }
        }
        for (path, file) in &files {
            for record in &file.entities {
                let Some(&idx) = self.entity_ids.get(&record.id.value) else {
                    continue;
                };
                if self.base.entities[idx].origin != origin(path, &record.id) {
                    continue; // a duplicate, already reported
                }
                let cues = record
                    .cues
                    .iter()
                    .filter_map(|cue| self.cue(path, cue, errors))
                    .collect();
                self.base.entities[idx].cues = cues;
            }
        }
        let mut fact_ids: HashMap<String, Origin> = HashMap::new();
        for (path, file) in &files {
            for record in &file.facts {
                if let Some(first) = fact_ids.get(&record.id.value) {
                    errors.push(error_at(path, &record.id, format!("duplicate fact id `{}` (first defined at {}:{}); give each fact its own id", record.id.value, first.file.display(), first.line)));
                    continue;
                }
                fact_ids.insert(record.id.value.clone(), origin(path, &record.id));
                if let Some(fact) = self.fact(path, record, errors) {
                    self.base
                        .facts_by_subject
                        .entry(fact.subject)
                        .or_default()
                        .push(self.base.facts.len());
                    self.base.facts.push(fact);
                }
            }
        }
        self.base.names = NameIndex::new(&self.base.entities, &rules.names);
        self.base.cues = CueIndex::new(&self.base.entities);
        self.base.titles = TitleIndex::new(&self.base.entities);
        self.base
    }

    fn entity(
        &self,
        path: &Path,
        reference: &Spanned<String>,
        errors: &mut Vec<LoadError>,
    ) -> Option<EntityIdx> {
        let found = self.entity_ids.get(&reference.value).copied();
        if found.is_none() {
            errors.push(error_at(path, reference, format!("unknown entity `{}`: define it under `entities:` in some file of the base, or fix the id", reference.value)));
        }
        found
    }

    fn cue(&self, path: &Path, cue: &CueRecord, errors: &mut Vec<LoadError>) -> Option<Cue> {
        let entities: Vec<EntityIdx> = cue
            .entities
            .iter()
            .filter_map(|e| self.entity(path, e, errors))
            .collect();
        if entities.len() != cue.entities.len() {
            return None;
        }
        let phrases: Vec<Vec<String>> = cue
            .words
            .iter()
            .map(|p| name_key(p))
            .filter(|key| !key.is_empty())
            .map(|key| key.split(' ').map(String::from).collect())
            .collect();
        (!phrases.is_empty() || !entities.is_empty()).then_some(Cue { phrases, entities })
    }

    fn fact(&self, path: &Path, record: &FactRecord, errors: &mut Vec<LoadError>) -> Option<Fact> {
        let before = errors.len();
        let subject = self.entity(path, &record.subject, errors);
        let object = record
            .object
            .as_ref()
            .and_then(|o| self.entity(path, o, errors));
        let at = |message: String| error_at(path, &record.id, message);
        if record.sources.value.is_empty() {
            errors.push(LoadError {
                message: format!("fact `{}` has no sources: add at least one `url` and `title` a reader can open", record.id.value),
                ..error_at(path, &record.sources, String::new())
            });
        }
        for source in &record.sources.value {
            if !(source.url.starts_with("https://") || source.url.starts_with("http://")) {
                errors.push(LoadError {
                    message: format!("source url `{}` is not an http(s) address", source.url),
                    ..error_at(path, &record.sources, String::new())
                });
            }
        }
        let dates_before = errors.len();
        let date = parse_date(path, record.date.as_ref(), errors);
        let start = parse_date(path, record.start.as_ref(), errors);
        let end = parse_date(path, record.end.as_ref(), errors);
        let dates_readable = errors.len() == dates_before;
        let time = match (date, start, end) {
            (Some(d), None, None) => Some(FactTime::At(d)),
            (None, Some(start), end) => {
                if let Some(end) = end.filter(|end| end.last < start.first) {
                    errors.push(at(format!(
                        "`end` ({end}) is before `start` ({start}): swap them or fix one"
                    )));
                }
                Some(FactTime::Between { start, end })
            }
            (None, None, None) => None,
            (Some(_), _, _) => {
                errors.push(at("give either `date` or `start`/`end`, not both".into()));
                None
            }
            (None, None, Some(_)) => {
                errors.push(at("`end` without `start`: add the `start`".into()));
                None
            }
        };
        // A date already reported as unreadable is not reported again as missing.
        let needs = |what: &str, ok: bool, errors: &mut Vec<LoadError>| {
            if !ok && dates_readable {
                errors.push(at(format!(
                    "this `{}` fact needs {what}",
                    kebab(record.property)
                )));
            }
        };
        match record.property {
            Property::Occurred => needs("`date` or `start`", time.is_some(), errors),
            Property::Count => needs(
                "`value` and `unit`",
                record.value.is_some() && record.unit.is_some(),
                errors,
            ),
            Property::HeldOffice => needs(
                "`object` (the office) and `start`",
                record.object.is_some() && time.is_some(),
                errors,
            ),
            Property::NamedHeadOfGovernment | Property::Founded => needs(
                "`object` and `date`",
                record.object.is_some() && time.is_some(),
                errors,
            ),
        }
        if errors.len() > before {
            return None;
        }
        Some(Fact {
            id: record.id.value.clone(),
            subject: subject?,
            property: record.property,
            object,
            value: record.value,
            unit: record.unit.as_ref().map(|u| u.to_lowercase()),
            time,
            sources: record
                .sources
                .value
                .iter()
                .map(|s| Source {
                    url: s.url.clone(),
                    title: s.title.clone(),
                    publisher: s.publisher.clone(),
                    date: s.date.as_ref().map(YamlDate::as_text),
                })
                .collect(),
            origin: origin(path, &record.id),
        })
    }
}

fn kebab(property: Property) -> String {
    serde_json::to_value(property)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

fn parse_date(
    path: &Path,
    date: Option<&Spanned<YamlDate>>,
    errors: &mut Vec<LoadError>,
) -> Option<DateRange> {
    let date = date?;
    let text = date.value.as_text();
    let parsed = DateRange::parse(&text);
    if parsed.is_none() {
        errors.push(error_at(path, date, format!("`{text}` is not a date: write YYYY-MM-DD, YYYY-MM or YYYY, and check the day exists")));
    }
    parsed
}

fn origin<T>(path: &Path, spanned: &Spanned<T>) -> Origin {
    Origin {
        file: path.to_path_buf(),
        line: spanned.referenced.line() as usize,
    }
}

fn error_at<T>(path: &Path, spanned: &Spanned<T>, message: String) -> LoadError {
    LoadError {
        file: path.to_path_buf(),
        line: spanned.referenced.line() as usize,
        column: spanned.referenced.column() as usize,
        message,
    }
}
