//! ## What it does
//! Reports a name or alias that two entities both claim (compared as a draft reads
//! them: case, spacing and punctuation aside), at each of them, each finding naming
//! the file, line and column of the others: the clash shows in the file being added
//! as well as in the file that had the name first.
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

use crate::factbase::name_key;
use crate::lint::{Diagnostic, LintContext, Rule, location};
use std::collections::HashMap;
use std::path::Path;

/// One entity's use of a name: the entity, and where the name is written.
struct NameUse<'a> {
    entity: &'a str,
    path: &'a Path,
    name: &'a serde_saphyr::Spanned<String>,
}

impl NameUse<'_> {
    fn place(&self) -> String {
        let (line, column) = location(self.name);
        format!("{}:{line}:{column}", self.path.display())
    }
}

/// A finding at every entity's use of a shared name, each naming the others, so the
/// clash shows in every file it touches, the one being added included.
pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    // Name key → each entity's first use of it, in the order of the files.
    let mut uses: HashMap<String, Vec<NameUse>> = HashMap::new();
    for (path, entity) in context.all_entities() {
        let id = entity.id.value.as_str();
        for name in std::iter::once(&entity.name).chain(&entity.aliases) {
            let key = name_key(&name.value);
            if key.is_empty() {
                continue;
            }
            let users = uses.entry(key).or_default();
            if !users.iter().any(|u| u.entity == id) {
                users.push(NameUse {
                    entity: id,
                    path,
                    name,
                });
            }
        }
    }
    for users in uses.values().filter(|users| users.len() > 1) {
        for user in users {
            let others: Vec<String> = users
                .iter()
                .filter(|other| other.entity != user.entity)
                .map(|other| format!("`{}` ({})", other.entity, other.place()))
                .collect();
            found.push(Diagnostic::at(
                Rule::SharedAlias,
                user.path,
                user.name,
                format!(
                    "`{}` is also a name of {}",
                    user.name.value,
                    others.join(" and ")
                ),
                "keep the name on the entity drafts mean by it, and give the other a fuller name (first name, title) instead".into(),
            ));
        }
    }
}
