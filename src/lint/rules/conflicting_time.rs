//! ## What it does
//! Reports a fact that gives both `date` and `start`/`end`, or an `end` without a
//! `start`.
//!
//! ## Why is this bad?
//! A fact holds either at a date or over a span; with both, nobody can tell which
//! the source meant. An end alone does not say when the span began.
//!
//! ## Example
//! ```yaml
//! date: 2018-10-02
//! end: 2022-10-13
//! ```
//!
//! Use instead:
//! ```yaml
//! start: 2018-10-02
//! end: 2022-10-13
//! ```

use crate::lint::{Diagnostic, LintContext, Rule};

pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    for (path, fact) in context.facts() {
        if let Some(date) = &fact.date
            && (fact.start.is_some() || fact.end.is_some())
        {
            found.push(Diagnostic::at(
                Rule::ConflictingTime,
                path,
                date,
                format!(
                    "fact `{}` gives both `date` and `start`/`end`",
                    fact.id.value
                ),
                "keep `date` for a moment, or `start` (and `end`) for a span, not both".into(),
            ));
        } else if let (None, None, Some(end)) = (&fact.date, &fact.start, &fact.end) {
            found.push(Diagnostic::at(
                Rule::ConflictingTime,
                path,
                end,
                format!("fact `{}` has an `end` without a `start`", fact.id.value),
                "add the `start`, as precisely as a source gives it (a year will do)".into(),
            ));
        }
    }
}
