//! ## What it does
//! Reports a fact whose `end` is before its `start`.
//!
//! ## Why is this bad?
//! The span covers no time at all, so any claim about it would be judged wrong;
//! usually the two dates are swapped or one has a typo in its year.
//!
//! ## Example
//! ```yaml
//! start: 2022-10-13
//! end: 2018-10-02
//! ```
//!
//! Use instead:
//! ```yaml
//! start: 2018-10-02
//! end: 2022-10-13
//! ```

use crate::lint::context::date_of;
use crate::lint::{Diagnostic, LintContext, Rule};

pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    for (path, fact) in context.facts() {
        let (Some(start), Some(end)) = (&fact.start, &fact.end) else {
            continue;
        };
        let (Some(first), Some(last)) = (date_of(Some(start)), date_of(Some(end))) else {
            continue;
        };
        // At different precisions ("2019-06" to "2019"), only an end wholly before
        // the start is wrong.
        if last.last < first.first {
            found.push(Diagnostic::at(
                Rule::EndBeforeStart,
                path,
                end,
                format!("`end` ({last}) is before `start` ({first})"),
                "swap `start` and `end`, or correct the one with a typo".into(),
            ));
        }
    }
}
