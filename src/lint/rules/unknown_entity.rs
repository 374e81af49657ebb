//! ## What it does
//! Reports a fact's `subject` or `object`, the value of an entity qualifier
//! (`candidate`, `chamber`), a cue's entity, an office's `leads`, or a series'
//! `subject`, `object` or `where` object that names no entity defined anywhere in
//! the base.
//!
//! ## Why is this bad?
//! The fact cannot be found from a name in a draft, so it can never support or
//! contradict anything; usually the id is misspelt.
//!
//! ## Example
//! ```yaml
//! facts:
//!   - id: kadhimi-named-pm-designate
//!     subject: mustafa-al-kadimi
//! ```
//!
//! Use instead:
//! ```yaml
//! facts:
//!   - id: kadhimi-named-pm-designate
//!     subject: mustafa-al-kadhimi
//! ```

use crate::factbase::QualifierType;
use crate::factbase::schema::Scalar;
use crate::lint::{Diagnostic, LintContext, Rule};
use serde_saphyr::Spanned;
use std::path::Path;

pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    // An entity may be defined in a file that did not parse: say nothing rather
    // than something false.
    if !context.complete {
        return;
    }
    let mut reference = |path: &Path, id: &Spanned<String>, role: &str| {
        if !context.entities.contains_key(id.value.as_str()) {
            found.push(Diagnostic::at(
                Rule::UnknownEntity,
                path,
                id,
                format!("unknown entity `{}` as {role}", id.value),
                define_fix(context, &id.value),
            ));
        }
    };
    for file in context.files {
        let path = file.path.as_path();
        for entity in &file.file.entities {
            if let Some(led) = &entity.leads {
                reference(path, led, "what the office leads");
            }
            for cue in &entity.cues {
                for id in &cue.entities {
                    reference(path, id, "a cue's entity");
                }
            }
        }
        for series in &file.file.series {
            if let Some(subject) = &series.subject {
                reference(path, subject, "the series' subject");
            }
            if let Some(object) = &series.object {
                reference(path, object, "the series' object");
            }
            for filter in &series.filters {
                reference(path, &filter.object, "the object of a series' `where`");
            }
        }
        for fact in &file.file.facts {
            reference(path, &fact.subject, "subject");
            if let Some(object) = &fact.object {
                reference(path, object, "object");
            }
        }
    }
    for qualifier in context.qualifiers() {
        let declared = context.properties.get_qualifier(&qualifier.id.value);
        // A number where an id belongs is wrong-type's to report.
        if let (Some(declared), Scalar::Text(id)) = (declared, &qualifier.value.value)
            && declared.value == QualifierType::Entity
            && !context.entities.contains_key(id.as_str())
        {
            found.push(Diagnostic::at(
                Rule::UnknownEntity,
                qualifier.path,
                qualifier.value,
                format!("unknown entity `{id}` as the `{}` qualifier", declared.id),
                define_fix(context, id),
            ));
        }
    }
}

/// Define the entity, or correct the id to the most similar defined one.
fn define_fix(context: &LintContext, id: &str) -> String {
    format!(
        "define `{id}` under `entities:` in some file of the base, or correct the id{}",
        did_you_mean(context, id)
    )
}

/// ` (did you mean `x`?)` for the most similar defined id, when one is close.
fn did_you_mean(context: &LintContext, id: &str) -> String {
    context
        .entities
        .keys()
        .map(|known| (strsim::normalized_levenshtein(id, known), *known))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, known)| format!(" (did you mean `{known}`?)"))
        .unwrap_or_default()
}
