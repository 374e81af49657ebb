//! ## What it does
//! Reports a date that is malformed or does not exist: `2020-02-30`, `9 April
//! 2020`, `2020-13`. Fact dates, starts and ends and source dates are all checked.
//!
//! ## Why is this bad?
//! A date claim is checked against the fact's date; one that cannot be read
//! cannot support or contradict anything.
//!
//! ## Example
//! ```yaml
//! date: 2020-02-30
//! ```
//!
//! Use instead:
//! ```yaml
//! date: 2020-02-29
//! ```

use crate::dates::DateRange;
use crate::lint::{Diagnostic, LintContext, Rule};

pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    for (path, fact) in context.facts() {
        let source_dates = fact
            .sources
            .iter()
            .flat_map(|s| &s.value)
            .flat_map(|s| [&s.date, &s.retrieved]);
        let dates = [&fact.date, &fact.start, &fact.end]
            .into_iter()
            .chain(source_dates)
            .flatten();
        for date in dates {
            let text = date.value.as_text();
            if DateRange::parse(&text).is_none() {
                found.push(Diagnostic::at(
                    Rule::InvalidDate,
                    path,
                    date,
                    format!("`{text}` is not a date"),
                    "write YYYY-MM-DD, YYYY-MM or YYYY, as precise as the source, and check the day exists in that month".into(),
                ));
            }
        }
    }
}
