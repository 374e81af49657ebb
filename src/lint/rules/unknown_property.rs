//! ## What it does
//! Reports a fact or series whose `property`, or a series' `where` whose
//! `property`, is not in the controlled list (`rules/properties.yaml`).
//!
//! ## Why is this bad?
//! Claims are checked against facts by property; a fact under a property nobody
//! checks is never used, and two spellings of one property split the base.
//!
//! ## Example
//! ```yaml
//! facts:
//!   - id: soleimani-strike-date
//!     property: happened
//! ```
//!
//! Use instead:
//! ```yaml
//! facts:
//!   - id: soleimani-strike-date
//!     property: occurred
//! ```

use crate::lint::{Diagnostic, LintContext, Rule};
use serde_saphyr::Spanned;
use std::path::Path;

pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    let mut property = |path: &Path, id: &Spanned<String>| {
        if context.properties.get(&id.value).is_none() {
            let known: Vec<&str> = context.properties.ids().collect();
            found.push(Diagnostic::at(
                Rule::UnknownProperty,
                path,
                id,
                format!("unknown property `{}`", id.value),
                format!(
                    "use one of {} (described in rules/properties.yaml)",
                    known.join(", ")
                ),
            ));
        }
    };
    for file in context.files {
        for series in &file.file.series {
            property(&file.path, &series.property);
            for filter in &series.filters {
                property(&file.path, &filter.property);
            }
        }
        for fact in &file.file.facts {
            property(&file.path, &fact.property);
        }
    }
}
