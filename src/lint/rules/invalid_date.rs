//! ## What it does
//! Reports a date that is malformed or does not exist: `2020-02-30`, `9 April
//! 2020`, `2020-13`. Fact dates, starts and ends, source dates and the dates from
//! which series are complete (a date, or `start`) are all checked.
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
use crate::factbase::schema::YamlDate;
use crate::lint::{Diagnostic, LintContext, Rule};
use serde_saphyr::Spanned;
use std::path::Path;

pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    let series_dates = context.files.iter().flat_map(|f| {
        f.file
            .series
            .iter()
            .filter_map(move |s| Some((f.path.as_path(), s.complete_from.as_ref()?)))
            .filter(|(_, date)| !date.value.is_series_start())
    });
    for (path, date) in series_dates {
        report_unless_date(path, date, found);
    }
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
            report_unless_date(path, date, found);
        }
    }
}

fn report_unless_date(path: &Path, date: &Spanned<YamlDate>, found: &mut Vec<Diagnostic>) {
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
