//! Writing an import's fact files. One topic a file: each office with its holders'
//! terms (`office-q274948.yaml`), and one file a kind for the rest (`people.yaml`,
//! `organizations.yaml`, `events.yaml`, ..., `categories.yaml`), cut into shards
//! (`people-q122465.yaml`) when a kind is too large for one file. A fact whose object
//! is an office goes in the office's file; every other fact in its subject's.
//! Records are in item order, so a re-import changes only what changed.
//!
//! Each file is written whole to a temporary file in DIR and then renamed over its
//! name, so an interrupted import never leaves half a file. A file in DIR that
//! would be replaced must itself say `imported-from: wikidata`; otherwise nothing
//! is written.

use super::convert::{Converted, EntityOut, FactOut, QualifierOut, SeriesOut, category_name};
use super::ids::ItemId;
use crate::factbase::EntityKind;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::xxh3_64;

/// The line that marks a file as written by the import.
pub const MARKER: &str = "imported-from: wikidata";

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "{path}: not written by `claimcheck db import wikidata` (it has no `{MARKER}` line), so it is not replaced; write to another --out directory, or move the file"
    )]
    NotImported { path: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// One file to write: its name in DIR and its text.
#[derive(Debug)]
pub struct OutFile {
    pub name: String,
    pub text: String,
}

/// The most a kind's file holds (entities, and facts in them) before the kind is cut
/// into shards: the fact-file reader refuses files far larger than this.
const SHARD_WEIGHT: usize = 4_000;

/// A kind's shards are cut before each entity whose id hashes to a multiple of
/// this, so where a shard starts depends on the items alone and a re-import
/// rewrites only the shards whose items changed.
const SHARD_EVERY: u64 = 256;

/// The files of an import, in name order.
pub fn files(converted: &Converted) -> Vec<OutFile> {
    let entity_of: BTreeMap<&str, &EntityOut> = converted
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e))
        .collect();
    // Each fact's home: its office's file when its object is an office, else its
    // subject's.
    let home_of = |fact: &FactOut| -> Option<&EntityOut> {
        let office = fact
            .object
            .as_deref()
            .and_then(|o| entity_of.get(o))
            .filter(|e| e.kind == EntityKind::Office);
        office
            .or_else(|| entity_of.get(fact.subject.as_str()))
            .copied()
    };
    let mut weight: BTreeMap<&str, usize> = BTreeMap::new();
    for home in converted.facts.iter().filter_map(home_of) {
        *weight.entry(home.id.as_str()).or_default() += 1;
    }
    let file_of = file_names(&converted.entities, &weight);
    let mut topics: BTreeMap<String, Topic> = BTreeMap::new();
    for entity in &converted.entities {
        let topic = topics
            .entry(file_of[entity.id.as_str()].clone())
            .or_default();
        topic.entities.push(entity);
    }
    for series in &converted.series {
        if let Some(office) = entity_of.get(series.object.as_str()) {
            topics
                .entry(file_of[office.id.as_str()].clone())
                .or_default()
                .series
                .push(series);
        }
    }
    for fact in &converted.facts {
        if let Some(home) = home_of(fact) {
            topics
                .entry(file_of[home.id.as_str()].clone())
                .or_default()
                .facts
                .push(fact);
        }
    }
    let mut files: Vec<OutFile> = topics
        .into_iter()
        .map(|(name, topic)| OutFile {
            text: topic.render(&[]),
            name,
        })
        .collect();
    if !converted.categories.is_empty() {
        files.push(OutFile {
            name: "categories.yaml".to_string(),
            text: Topic::default().render(&converted.categories),
        });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files
}

/// The file of each entity: an office's own, else its kind's (`people.yaml`), cut
/// into shards named by their first entity (`people-q122465.yaml`) when the kind
/// outweighs one file.
fn file_names<'a>(
    entities: &'a [EntityOut],
    weight: &BTreeMap<&str, usize>,
) -> BTreeMap<&'a str, String> {
    let weight_of = |entity: &EntityOut| 1 + weight.get(entity.id.as_str()).copied().unwrap_or(0);
    let mut kinds: BTreeMap<&'static str, Vec<&EntityOut>> = BTreeMap::new();
    let mut names = BTreeMap::new();
    for entity in entities {
        match entity.kind {
            EntityKind::Office => {
                names.insert(entity.id.as_str(), format!("office-{}.yaml", entity.id));
            }
            kind => kinds.entry(kind_file(kind)).or_default().push(entity),
        }
    }
    for (kind, members) in kinds {
        if members.iter().map(|e| weight_of(e)).sum::<usize>() <= SHARD_WEIGHT {
            for entity in members {
                names.insert(entity.id.as_str(), format!("{kind}.yaml"));
            }
            continue;
        }
        let (mut shard, mut held) = (String::new(), 0);
        for entity in members {
            let cut = xxh3_64(entity.id.as_bytes()).is_multiple_of(SHARD_EVERY)
                || held + weight_of(entity) > SHARD_WEIGHT;
            if shard.is_empty() || (cut && held > 0) {
                shard = format!("{kind}-{}.yaml", entity.id);
                held = 0;
            }
            held += weight_of(entity);
            names.insert(entity.id.as_str(), shard.clone());
        }
    }
    names
}

fn kind_file(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "people",
        EntityKind::Organization => "organizations",
        EntityKind::Country => "countries",
        EntityKind::Office => "offices",
        EntityKind::Event => "events",
        EntityKind::Place => "places",
        EntityKind::Category => "categories",
        EntityKind::Award => "awards",
        EntityKind::Artifact => "artifacts",
    }
}

#[derive(Default)]
struct Topic<'a> {
    entities: Vec<&'a EntityOut>,
    series: Vec<&'a SeriesOut>,
    facts: Vec<&'a FactOut>,
}

impl Topic<'_> {
    fn render(&self, categories: &[(ItemId, String)]) -> String {
        let mut out = String::new();
        out.push_str("# yaml-language-server: $schema=fact-file.schema.json\n");
        out.push_str(
            "# Written by `claimcheck db import wikidata`: a re-import replaces this file, so\n",
        );
        out.push_str(
            "# corrections go in hand-written files, where they win over imported facts.\n",
        );
        out.push_str(MARKER);
        out.push_str("\nentities:");
        if self.entities.is_empty() && categories.is_empty() {
            out.push_str(" []");
        }
        out.push('\n');
        for (item, id) in categories {
            let _ = writeln!(out, "  - id: {id}");
            let _ = writeln!(out, "    name: {}", quoted(&category_name(id)));
            out.push_str("    kind: category\n");
            let _ = writeln!(out, "    wikidata: {item}");
        }
        for entity in &self.entities {
            let _ = writeln!(out, "  - id: {}", entity.id);
            let _ = writeln!(out, "    name: {}", quoted(&entity.name));
            let _ = writeln!(out, "    kind: {}", entity.kind.as_str());
            let _ = writeln!(out, "    wikidata: {}", entity.item);
            if entity.many_holders {
                out.push_str("    holders: many\n");
            }
            if !entity.aliases.is_empty() {
                let aliases: Vec<String> = entity.aliases.iter().map(|a| quoted(a)).collect();
                let _ = writeln!(out, "    aliases: [{}]", aliases.join(", "));
            }
        }
        if !self.series.is_empty() {
            out.push_str("series:\n");
            for series in &self.series {
                let _ = writeln!(out, "  - id: {}", series.id);
                let _ = writeln!(out, "    name: {}", quoted(&series.name));
                let _ = writeln!(out, "    property: {}", series.property);
                let _ = writeln!(out, "    object: {}", series.object);
            }
        }
        out.push_str("facts:");
        if self.facts.is_empty() {
            out.push_str(" []");
        }
        out.push('\n');
        for fact in &self.facts {
            render_fact(&mut out, fact);
        }
        out
    }
}

fn render_fact(out: &mut String, fact: &FactOut) {
    let _ = writeln!(out, "  - id: {}", fact.id);
    let _ = writeln!(out, "    subject: {}", fact.subject);
    let _ = writeln!(out, "    property: {}", fact.property);
    if let Some(object) = &fact.object {
        let _ = writeln!(out, "    object: {object}");
    }
    if let Some(value) = fact.value {
        let _ = writeln!(out, "    value: {value}");
    }
    if let Some(unit) = &fact.unit {
        let _ = writeln!(out, "    unit: {}", quoted(unit));
    }
    for (field, date) in [
        ("date", &fact.date),
        ("start", &fact.start),
        ("end", &fact.end),
    ] {
        if let Some(date) = date {
            let _ = writeln!(out, "    {field}: {date}");
        }
    }
    if !fact.qualifiers.is_empty() {
        out.push_str("    qualifiers:\n");
        for (id, value) in &fact.qualifiers {
            let value = match value {
                QualifierOut::Entity(id) => id.clone(),
                QualifierOut::Number(n) => n.to_string(),
                QualifierOut::Whole(n) => n.to_string(),
                QualifierOut::Date(d) => d.clone(),
                QualifierOut::Text(t) => quoted(t),
            };
            let _ = writeln!(out, "      {id}: {value}");
        }
    }
    out.push_str("    sources:\n");
    for source in &fact.sources {
        let _ = writeln!(out, "      - url: {}", quoted(&source.url));
        let _ = writeln!(out, "        title: {}", quoted(&source.title));
        if let Some(publisher) = &source.publisher {
            let _ = writeln!(out, "        publisher: {}", quoted(publisher));
        }
        if let Some(retrieved) = &source.retrieved {
            let _ = writeln!(out, "        retrieved: {retrieved}");
        }
    }
}

/// A YAML double-quoted scalar. JSON's escapes are YAML's, and text from Wikidata
/// has been cleaned of control characters already.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

/// Writes `files` into `dir`, each whole or not at all, after checking that none
/// would replace a file the import did not write. Imported files in DIR that this
/// import does not write any more (their topic left the selection) are removed.
/// Returns how many files changed.
pub fn write_all(dir: &Path, files: &[OutFile]) -> Result<WriteSummary, OutputError> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| OutputError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut existing: BTreeMap<String, PathBuf> = BTreeMap::new();
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        let path = entry.path();
        let is_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        if is_yaml && entry.file_type().map_err(io(&path))?.is_file() {
            existing.insert(entry.file_name().to_string_lossy().into_owned(), path);
        }
    }
    let mut imported: BTreeMap<&str, String> = BTreeMap::new();
    for (name, path) in &existing {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let marked = text.lines().any(|line| line.trim_end() == MARKER);
        let wanted = files.iter().any(|f| &f.name == name);
        if wanted && !marked {
            return Err(OutputError::NotImported {
                path: path.display().to_string(),
            });
        }
        if marked {
            imported.insert(name, text);
        }
    }
    let mut summary = WriteSummary::default();
    for file in files {
        let path = dir.join(&file.name);
        if imported.get(file.name.as_str()) == Some(&file.text) {
            summary.unchanged += 1;
            continue;
        }
        // Named so that what an interruption leaves is plainly no fact file.
        let mut temporary = tempfile::Builder::new()
            .prefix(".claimcheck-import-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(io(dir))?;
        std::io::Write::write_all(&mut temporary, file.text.as_bytes()).map_err(io(&path))?;
        temporary.persist(&path).map_err(|e| OutputError::Io {
            path: path.display().to_string(),
            source: e.error,
        })?;
        summary.written += 1;
    }
    for name in imported.keys() {
        if !files.iter().any(|f| f.name == *name) {
            let path = dir.join(name);
            std::fs::remove_file(&path).map_err(io(&path))?;
            summary.removed += 1;
        }
    }
    Ok(summary)
}

#[derive(Debug, Default, Clone, Copy)]
pub struct WriteSummary {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}
