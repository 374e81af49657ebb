//! ## What it does
//! Reports a name or alias that two entities both claim (compared as a draft reads
//! them: case, spacing and punctuation aside).
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

pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    // Name key → the entity that first claimed it, and where.
    let mut claimed: HashMap<String, (&str, &Path, usize)> = HashMap::new();
    for (path, entity) in context.all_entities() {
        let id = entity.id.value.as_str();
        for name in std::iter::once(&entity.name).chain(&entity.aliases) {
            let key = name_key(&name.value);
            if key.is_empty() {
                continue;
            }
            match claimed.get(&key) {
                Some(&(owner, owner_path, owner_line)) if owner != id => {
                    found.push(Diagnostic::at(
                        Rule::SharedAlias,
                        path,
                        name,
                        format!(
                            "`{}` is also a name of `{owner}` ({}:{owner_line})",
                            name.value,
                            owner_path.display()
                        ),
                        "keep the name on the entity drafts mean by it, and give the other a fuller name (first name, title) instead".into(),
                    ));
                }
                Some(_) => {}
                None => {
                    claimed.insert(key, (id, path, location(name).0));
                }
            }
        }
    }
}
