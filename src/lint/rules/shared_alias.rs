//! ## What it does
//! Reports a name or alias that two entities both claim (compared as a draft reads
//! them: case, spacing and punctuation aside), at each of them, each finding naming
//! the file, line and column of the others: the clash shows in the file being added
//! as well as in the file that had the name first.
//!
//! Between hand-written entities it is an error. Where an imported entity (in a file
//! that says `imported-from`) is one of them, it is a warning, as many people share
//! a name at an import's scale: a hand-written entity keeps the name (the finding is
//! at the imported one's), and a name only imported entities share names none of
//! them in drafts, so claims naming it stay unverified. An imported entity linked to
//! a hand-written one (the same `wikidata` item) is that entity, and its names join
//! that entity's, but for names another entity already has (a warning says which).
//!
//! ## Why is this bad?
//! A draft that uses the name cannot be matched to one entity, so a fact about one
//! may be checked against a statement about the other.
//!
//! ## Example
//! ```yaml
//! entities:
//!   - id: mohammed-tawfiq-allawi
//!     aliases: [Allawi]
//!   - id: ayad-allawi
//!     aliases: [Allawi]
//! ```
//!
//! Use instead:
//! ```yaml
//! entities:
//!   - id: mohammed-tawfiq-allawi
//!     aliases: [Mohammed Allawi]
//!   - id: ayad-allawi
//!     aliases: [Iyad Allawi]
//! ```

use crate::factbase::link::is_imported;
use crate::factbase::name_key;
use crate::lint::{Diagnostic, LintContext, Rule, location};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;

/// How many other entities a finding names before it counts the rest.
const NAMED_OTHERS: usize = 3;

/// Who wrote a name: a hand-written entity, an imported one, or an imported one
/// linked to another entity, whose names join that entity's only where no other
/// entity has them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Writer {
    Hand,
    Imported,
    Linked,
}

/// One entity's use of a name: the entity (linked ids resolved), the id as written,
/// where the name is written, and who wrote it.
struct NameUse<'a> {
    entity: &'a str,
    written_id: &'a str,
    path: &'a Path,
    name: &'a serde_saphyr::Spanned<String>,
    writer: Writer,
}

impl NameUse<'_> {
    fn place(&self) -> String {
        let (line, column) = location(self.name);
        format!("{}:{line}:{column}", self.path.display())
    }

    fn described(&self) -> String {
        format!("`{}` ({})", self.entity, self.place())
    }
}

/// A finding at every entity's use of a shared name, each naming the others, so the
/// clash shows in every file it touches, the one being added included; for
/// imported entities, a warning at theirs that says who has the name.
pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    // Name key → each entity's first use of it, hand-written uses first.
    let mut uses: HashMap<String, Vec<NameUse>> = HashMap::default();
    let mut seen: HashSet<(String, &str)> = HashSet::default();
    for imported in [false, true] {
        for file in context.files.iter().filter(|f| is_imported(f) == imported) {
            for entity in &file.file.entities {
                let id = context.links.resolve(&entity.id.value);
                let writer = match (imported, context.links.is_linked(entity)) {
                    (false, _) => Writer::Hand,
                    (true, false) => Writer::Imported,
                    (true, true) => Writer::Linked,
                };
                for name in std::iter::once(&entity.name).chain(&entity.aliases) {
                    let key = name_key(&name.value);
                    if key.is_empty() {
                        continue;
                    }
                    if seen.insert((key.clone(), id)) {
                        uses.entry(key).or_default().push(NameUse {
                            entity: id,
                            written_id: &entity.id.value,
                            path: &file.path,
                            name,
                            writer,
                        });
                    }
                }
            }
        }
    }
    for users in uses.values().filter(|users| users.len() > 1) {
        let of = |writer: Writer| -> Vec<&NameUse> {
            users.iter().filter(|u| u.writer == writer).collect()
        };
        let (all_hand, all_imported) = (of(Writer::Hand), of(Writer::Imported));
        for user in users {
            // The others of a class: the class but for `user` itself.
            let hand = Others::of(&all_hand, Writer::Hand, user);
            let imported = Others::of(&all_imported, Writer::Imported, user);
            let finding = match user.writer {
                Writer::Hand if !hand.is_empty() => Diagnostic::at(
                    Rule::SharedAlias,
                    user.path,
                    user.name,
                    format!("`{}` is also a name of {}", user.name.value, listed(&hand)),
                    "keep the name on the entity drafts mean by it, and give the other a fuller name (first name, title) instead".into(),
                ),
                // Imported entities sharing it are reported at their own use.
                Writer::Hand => continue,
                Writer::Imported if !hand.is_empty() => Diagnostic::at(
                    Rule::SharedAlias,
                    user.path,
                    user.name,
                    format!(
                        "`{}` is also a name of hand-written {}, which keeps it: drafts naming it never mean imported `{}`",
                        user.name.value,
                        listed(&hand),
                        user.written_id
                    ),
                    "if they are one entity, give the hand-written one the imported entity's `wikidata` id; else nothing to do".into(),
                )
                .as_warning(),
                Writer::Imported if !imported.is_empty() => Diagnostic::at(
                    Rule::SharedAlias,
                    user.path,
                    user.name,
                    format!(
                        "`{}` is also a name of imported {}: it names none of them in drafts, so claims naming it stay unverified",
                        user.name.value,
                        listed(&imported)
                    ),
                    "to have drafts mean one of them by it, write a hand-written entity with that one's `wikidata` id and the name".into(),
                )
                .as_warning(),
                Writer::Imported => continue,
                Writer::Linked => {
                    let others = Others {
                        first: hand.first.into_iter().chain(imported.first).collect(),
                        count: hand.count + imported.count,
                    };
                    if others.is_empty() {
                        continue;
                    }
                    Diagnostic::at(
                        Rule::SharedAlias,
                        user.path,
                        user.name,
                        format!(
                            "`{}` (imported `{}`, linked to `{}`) is already a name of {}, so it does not become a name of `{}`",
                            user.name.value,
                            user.written_id,
                            user.entity,
                            listed(&others),
                            user.entity
                        ),
                        "nothing to do unless drafts mean this entity by the name: then add it to the hand-written entity's `aliases` and give the other a fuller name".into(),
                    )
                    .as_warning()
                }
            };
            found.push(finding);
        }
    }
}

/// The other entities of one class that use a name: the first few, to name, and
/// how many there are. A name many imported entities share would otherwise cost
/// each of them a list of all the others.
struct Others<'u, 'a> {
    first: Vec<&'u NameUse<'a>>,
    count: usize,
}

impl<'u, 'a> Others<'u, 'a> {
    /// The uses of `class` (all by `writer`) but `user`'s.
    fn of(class: &[&'u NameUse<'a>], writer: Writer, user: &NameUse) -> Others<'u, 'a> {
        Others {
            first: class
                .iter()
                .copied()
                .filter(|u| u.entity != user.entity)
                .take(NAMED_OTHERS)
                .collect(),
            // Each entity is listed once under a name, so `user` is in its own
            // class and no other.
            count: class.len() - usize::from(user.writer == writer),
        }
    }

    fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// Entities with their places, the first few named and the rest counted.
fn listed(others: &Others) -> String {
    let mut named: Vec<String> = others
        .first
        .iter()
        .take(NAMED_OTHERS)
        .map(|u| u.described())
        .collect();
    if others.count > named.len() {
        named.push(format!("{} more", others.count - named.len()));
    }
    named.join(" and ")
}
