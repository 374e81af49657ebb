//! ## What it does
//! Reports two hand-written entities that say they are the same Wikidata item
//! (`wikidata: Q…`), at each of them, each finding naming the file, line and column
//! of the others.
//!
//! ## Why is this bad?
//! Imported facts about the item attach to the hand-written entity that is that
//! item; with two, there is no telling which one they are about. Either the two are
//! one entity written twice, or one of them names the wrong item.
//!
//! ## Example
//! ```yaml
//! entities:
//!   - id: shinzo-abe
//!     name: Shinzo Abe
//!     kind: person
//!     wikidata: Q132345
//!   - id: abe-shinzo
//!     name: Abe Shinzo
//!     kind: person
//!     wikidata: Q132345
//! ```
//!
//! Use instead: one entity, with the other's name among its `aliases`.

use crate::lint::{Diagnostic, LintContext, Rule, location};

pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    for entities in context.links.shared_items() {
        for &(path, entity) in entities {
            let Some(item) = &entity.wikidata else {
                continue;
            };
            let others: Vec<String> = entities
                .iter()
                .filter(|(_, other)| !std::ptr::eq(*other, entity))
                .map(|(other_path, other)| {
                    let (line, column) = other.wikidata.as_ref().map_or((0, 0), location);
                    format!(
                        "`{}` ({}:{line}:{column})",
                        other.id.value,
                        other_path.display()
                    )
                })
                .collect();
            found.push(Diagnostic::at(
                Rule::SharedWikidata,
                path,
                item,
                format!(
                    "`{}` says it is the Wikidata item {}, as {} does",
                    entity.id.value,
                    item.value,
                    others.join(" and ")
                ),
                "keep one entity for the item and move the other's names into its `aliases`; if they are different people or things, correct the `wikidata` id of the wrong one".into(),
            ));
        }
    }
}
