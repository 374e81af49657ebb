//! Which entity an id stands for once imported files sit beside hand-written ones.
//! An entity is the Wikidata item its `wikidata` field names: an imported entity of
//! the same item as a hand-written one is that entity, and the hand-written id
//! stands for both wherever an imported file names it. Lint and compilation both
//! resolve ids here, so they never disagree about who is who.

use super::read::ParsedFile;
use super::schema::EntityRecord;
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::Path;

/// Whether a file was written by an importer (it says `imported-from`).
pub fn is_imported(file: &ParsedFile) -> bool {
    file.file.imported_from.is_some()
}

/// An entity record with the file it is written in.
pub type Placed<'a> = (&'a Path, &'a EntityRecord);

#[derive(Debug, Default)]
pub struct Links<'a> {
    /// Imported entity id → the id of the entity it is.
    to: FxHashMap<&'a str, &'a str>,
    /// The imported entity records that are another record's entity, by address:
    /// one may have the same id as the entity it is (a category such as `woman`).
    absorbed: FxHashSet<*const EntityRecord>,
    /// Wikidata items that several hand-written entities say they are, each with
    /// those entities in file order.
    shared: Vec<Vec<Placed<'a>>>,
}

impl<'a> Links<'a> {
    /// The links of a base: each item's entity is its first hand-written entity,
    /// else its first imported one; every other imported entity of the item is
    /// linked to it. Hand-written entities are never linked to each other: two of
    /// them naming one item is a lint error, not a merge.
    pub fn new(files: &'a [ParsedFile]) -> Links<'a> {
        let mut links = Links::default();
        // Each item's entity, and the hand-written entities of items that have
        // several, by item.
        let mut owners: FxHashMap<&str, Placed<'a>> = FxHashMap::default();
        let mut shared: FxHashMap<&str, Vec<Placed<'a>>> = FxHashMap::default();
        // Hand-written files first, so an item's first entity is hand-written when
        // it can be.
        for imported in [false, true] {
            for file in files.iter().filter(|f| is_imported(f) == imported) {
                for entity in &file.file.entities {
                    let Some(item) = &entity.wikidata else {
                        continue;
                    };
                    let placed = (file.path.as_path(), entity);
                    let Some(&(owner_path, owner)) = owners.get(item.value.as_str()) else {
                        owners.insert(&item.value, placed);
                        continue;
                    };
                    if imported {
                        links.absorbed.insert(entity);
                        if entity.id.value != owner.id.value {
                            links.to.insert(&entity.id.value, &owner.id.value);
                        }
                    } else {
                        shared
                            .entry(&item.value)
                            .or_insert_with(|| vec![(owner_path, owner)])
                            .push(placed);
                    }
                }
            }
        }
        links.shared = shared.into_values().collect();
        links
    }

    /// The id of the entity `id` stands for: its own, unless it is linked.
    pub fn resolve<'b>(&self, id: &'b str) -> &'b str
    where
        'a: 'b,
    {
        self.to.get(id).copied().unwrap_or(id)
    }

    /// Whether `record` is an imported entity that is another entity, so it is
    /// not one of its own.
    pub fn is_linked(&self, record: &EntityRecord) -> bool {
        self.absorbed.contains(&std::ptr::from_ref(record))
    }

    /// The hand-written entities that say they are one item, item by item.
    pub fn shared_items(&self) -> &[Vec<Placed<'a>>] {
        &self.shared
    }
}
