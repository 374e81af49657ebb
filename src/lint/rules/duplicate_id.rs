//! ## What it does
//! Reports an id given to two entities, two series or two facts, in the same file
//! or in different files.
//!
//! ## Why is this bad?
//! Ids are how reports cite evidence and how facts refer to entities; a shared id
//! makes a citation or a reference point at the wrong record.
//!
//! ## Example
//! ```yaml
//! facts:
//!   - id: strike-date
//!     subject: soleimani-strike
//!   - id: strike-date
//!     subject: burjesia-rocket-attack-2020
//! ```
//!
//! Use instead:
//! ```yaml
//! facts:
//!   - id: soleimani-strike-date
//!     subject: soleimani-strike
//!   - id: burjesia-rocket-attack-2020-date
//!     subject: burjesia-rocket-attack-2020
//! ```

use crate::lint::{Diagnostic, LintContext, Rule, location};
use serde_saphyr::Spanned;
use std::collections::HashMap;
use std::path::Path;

pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    let mut entities = FirstSeen::new("entity");
    let mut series = FirstSeen::new("series");
    let mut facts = FirstSeen::new("fact");
    for file in context.files {
        let path = file.path.as_path();
        // An imported entity that is a hand-written one may share its id.
        for entity in file
            .file
            .entities
            .iter()
            .filter(|e| !context.links.is_linked(e))
        {
            entities.see(path, &entity.id, found);
        }
        for one in &file.file.series {
            series.see(path, &one.id, found);
        }
        for fact in &file.file.facts {
            facts.see(path, &fact.id, found);
        }
    }
}

/// Where each id of one kind of record was first written.
struct FirstSeen<'a> {
    what: &'static str,
    first: HashMap<&'a str, (&'a Path, usize)>,
}

impl<'a> FirstSeen<'a> {
    fn new(what: &'static str) -> Self {
        FirstSeen {
            what,
            first: HashMap::new(),
        }
    }

    fn see(&mut self, path: &'a Path, id: &'a Spanned<String>, found: &mut Vec<Diagnostic>) {
        let (line, _) = location(id);
        match self.first.get(id.value.as_str()) {
            Some(&(first_path, first_line)) => found.push(Diagnostic::at(
                Rule::DuplicateId,
                path,
                id,
                format!(
                    "duplicate {} id `{}` (first defined at {}:{first_line})",
                    self.what,
                    id.value,
                    first_path.display()
                ),
                format!(
                    "give each {} its own id, or remove this copy if it is the same {}",
                    self.what, self.what
                ),
            )),
            None => {
                self.first.insert(&id.value, (path, line));
            }
        }
    }
}
