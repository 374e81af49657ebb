//! What every rule looks up: the records of all files with their paths, the first
//! definition of each entity id, the declared properties, and which entity each id
//! stands for once imported entities are linked.

use crate::dates::DateRange;
use crate::factbase::link::{Links, is_imported};
use crate::factbase::precedence::Precedence;
use crate::factbase::schema::{EntityRecord, FactRecord, Scalar, YamlDate};
use crate::factbase::{ParsedFile, PropertyTable};
use serde_saphyr::Spanned;
use std::collections::HashMap;
use std::path::Path;

pub struct LintContext<'a> {
    pub files: &'a [ParsedFile],
    pub properties: &'a PropertyTable,
    /// Each entity id's first definition.
    pub entities: HashMap<&'a str, &'a EntityRecord>,
    /// Whether every file of the base parsed (see `lint_files`).
    pub complete: bool,
    /// Which entity each imported id stands for.
    pub links: Links<'a>,
    /// The imported facts that give way to hand-written ones.
    pub precedence: Precedence<'a>,
}

impl<'a> LintContext<'a> {
    pub fn new(files: &'a [ParsedFile], properties: &'a PropertyTable, complete: bool) -> Self {
        let mut entities = HashMap::new();
        for file in files {
            for entity in &file.file.entities {
                entities.entry(entity.id.value.as_str()).or_insert(entity);
            }
        }
        let links = Links::new(files);
        let precedence = Precedence::new(files, &links, properties);
        LintContext {
            files,
            properties,
            entities,
            complete,
            links,
            precedence,
        }
    }

    /// The record of the entity `id` stands for, linked ids resolved.
    pub fn entity(&self, id: &str) -> Option<&'a EntityRecord> {
        self.entities.get(self.links.resolve(id)).copied()
    }

    /// Every fact the base keeps (those that give way to hand-written ones left
    /// out), with the path of its file and whether an importer wrote it.
    pub fn kept_facts(&self) -> impl Iterator<Item = (&'a Path, &'a FactRecord, bool)> + '_ {
        self.files.iter().enumerate().flat_map(move |(i, f)| {
            let imported = is_imported(f);
            f.file
                .facts
                .iter()
                .enumerate()
                .filter(move |(j, _)| self.precedence.keeps(i, *j))
                .map(move |(_, fact)| (f.path.as_path(), fact, imported))
        })
    }

    /// Every fact with the path of its file.
    pub fn facts(&self) -> impl Iterator<Item = (&'a Path, &'a FactRecord)> {
        self.files.iter().flat_map(|f| {
            f.file
                .facts
                .iter()
                .map(move |fact| (f.path.as_path(), fact))
        })
    }

    /// Every qualifier of every fact, as written, with the fact and the path of its file.
    pub fn qualifiers(&self) -> impl Iterator<Item = QualifierUse<'a>> {
        self.facts().flat_map(|(path, fact)| {
            fact.qualifiers
                .iter()
                .flat_map(|q| &q.value.0)
                .map(move |(id, value)| QualifierUse {
                    path,
                    fact,
                    id,
                    value,
                })
        })
    }

    /// Every entity with the path of its file.
    pub fn all_entities(&self) -> impl Iterator<Item = (&'a Path, &'a EntityRecord)> {
        self.files.iter().flat_map(|f| {
            f.file
                .entities
                .iter()
                .map(move |entity| (f.path.as_path(), entity))
        })
    }
}

/// One qualifier of a fact: `id: value` in the fact's `qualifiers`.
pub struct QualifierUse<'a> {
    pub path: &'a Path,
    pub fact: &'a FactRecord,
    pub id: &'a Spanned<String>,
    pub value: &'a Spanned<Scalar>,
}

/// A date as written, if it is one (the invalid-date rule reports those that are not).
pub fn date_of(date: Option<&Spanned<YamlDate>>) -> Option<DateRange> {
    DateRange::parse(&date?.value.as_text())
}
