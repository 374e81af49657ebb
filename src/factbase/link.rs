//! Which entity an id stands for once imported files sit beside hand-written ones.
//! An entity is the Wikidata item its `wikidata` field names: an imported entity of
//! the same item as a hand-written one is that entity, and the hand-written id
//! stands for both wherever an imported file names it. Lint and compilation both
//! resolve ids here, so they never disagree about who is who.

use super::read::ParsedFile;
use super::schema::EntityRecord;
use std::collections::HashMap;
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
    to: HashMap<&'a str, &'a str>,
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
        let mut by_item: HashMap<&str, Vec<(Placed<'a>, bool)>> = HashMap::new();
        // Hand-written files first, so an item's first entity is hand-written when
        // it can be.
        for imported in [false, true] {
            for file in files.iter().filter(|f| is_imported(f) == imported) {
                for entity in &file.file.entities {
                    if let Some(item) = &entity.wikidata {
                        by_item
                            .entry(item.value.as_str())
                            .or_default()
                            .push(((file.path.as_path(), entity), imported));
                    }
                }
            }
        }
        let mut links = Links::default();
        for entities in by_item.values() {
            let Some(((_, owner), _)) = entities.first() else {
                continue;
            };
            let hand: Vec<Placed> = entities
                .iter()
                .filter(|(_, imported)| !imported)
                .map(|(placed, _)| *placed)
                .collect();
            if hand.len() > 1 {
                links.shared.push(hand);
            }
            for ((_, entity), imported) in &entities[1..] {
                if *imported && entity.id.value != owner.id.value {
                    links.to.insert(&entity.id.value, &owner.id.value);
                }
            }
        }
        links
    }

    /// The id of the entity `id` stands for: its own, unless it is linked.
    pub fn resolve<'b>(&self, id: &'b str) -> &'b str
    where
        'a: 'b,
    {
        self.to.get(id).copied().unwrap_or(id)
    }

    /// Whether `id` is an imported entity linked to another.
    pub fn is_linked(&self, id: &str) -> bool {
        self.to.contains_key(id)
    }

    /// The hand-written entities that say they are one item, item by item.
    pub fn shared_items(&self) -> &[Vec<Placed<'a>>] {
        &self.shared
    }
}
