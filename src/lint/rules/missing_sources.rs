//! ## What it does
//! Reports a fact with no `sources`, or with an empty list of them.
//!
//! ## Why is this bad?
//! A verdict cites the fact's sources so a reader can check it; a fact without one
//! asks the reader to trust the base instead.
//!
//! ## Example
//! ```yaml
//! facts:
//!   - id: jcpoa-agreed
//!     subject: jcpoa
//!     property: occurred
//!     date: 2015-07-14
//!     sources: []
//! ```
//!
//! Use instead:
//! ```yaml
//! facts:
//!   - id: jcpoa-agreed
//!     subject: jcpoa
//!     property: occurred
//!     date: 2015-07-14
//!     sources:
//!       - url: https://app.unidir.org/timeline/2010s/jcpoa-concluded
//!         title: JCPOA is concluded
//! ```

use crate::lint::{Diagnostic, LintContext, Rule};

pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    for (path, fact) in context.facts() {
        let message = format!("fact `{}` has no sources", fact.id.value);
        let fix = "add at least one source with the `url` and `title` of a page a reader can open"
            .to_string();
        match &fact.sources {
            None => found.push(Diagnostic::at(
                Rule::MissingSources,
                path,
                &fact.id,
                message,
                fix,
            )),
            Some(sources) if sources.value.is_empty() => found.push(Diagnostic::at(
                Rule::MissingSources,
                path,
                sources,
                message,
                fix,
            )),
            Some(_) => {}
        }
    }
}
