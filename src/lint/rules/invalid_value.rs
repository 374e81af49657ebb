//! ## What it does
//! Reports a fact's `value` that is not a finite number of zero or more:
//! `.nan`, `.inf`, `-.inf`, or a negative amount.
//!
//! ## Why is this bad?
//! A value is a quantity of what its `unit` names, checked against counts in
//! drafts ("three rockets"). Not-a-number agrees and disagrees with nothing, so a
//! claim against it would be judged on nonsense; no count of things is infinite
//! or below zero.
//!
//! ## Example
//! ```yaml
//! facts:
//!   - id: test-event-rockets
//!     value: .nan
//!     unit: rocket
//! ```
//!
//! Use instead:
//! ```yaml
//! facts:
//!   - id: test-event-rockets
//!     value: 3
//!     unit: rocket
//! ```

use crate::lint::{Diagnostic, LintContext, Rule};

pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    for (path, fact) in context.facts() {
        let Some(value) = &fact.value else {
            continue;
        };
        // Words are checked against the property's value type by incomplete-fact.
        let Some(number) = value.value.number() else {
            continue;
        };
        let problem = if !number.is_finite() {
            "is not a finite number"
        } else if number < 0.0 {
            "is below zero"
        } else {
            continue;
        };
        found.push(Diagnostic::at(
            Rule::InvalidValue,
            path,
            value,
            format!("value `{number}` {problem}"),
            "write the amount the sources give, in digits, as zero or more of the unit".into(),
        ));
    }
}
