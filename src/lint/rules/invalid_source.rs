//! ## What it does
//! Reports a source written as a bare address (`sources: [https://...]`) instead
//! of a mapping with `url` and `title`, a source whose `url` is not an http(s)
//! address, and one whose `title` is empty.
//!
//! ## Why is this bad?
//! A reader follows the link from a verdict; a path on someone's disk, a bare
//! domain or a nameless link cannot be followed or recognised.
//!
//! ## Example
//! ```yaml
//! sources:
//!   - url: www.reuters.com/article
//!     title: ""
//! ```
//!
//! Use instead:
//! ```yaml
//! sources:
//!   - url: https://www.reuters.com/article
//!     title: Rockets hit oil industry district in southern Iraq
//! ```

use crate::lint::{Diagnostic, LintContext, Rule};

pub const BARE_SOURCE_FIX: &str =
    "write the source as `- url: https://…` with `title: …` (the page's headline) below it";

/// Whether a YAML reading error is the one for a source written as a bare address.
pub fn is_bare_source(message: &str) -> bool {
    message.contains(crate::factbase::schema::BARE_SOURCE)
}

pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    for (path, fact) in context.facts() {
        for source in fact.sources.iter().flat_map(|s| &s.value) {
            let url = source.url.value.trim();
            if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(' ') {
                found.push(Diagnostic::at(
                    Rule::InvalidSource,
                    path,
                    &source.url,
                    format!("source url `{url}` is not an http(s) address"),
                    "give the full address a browser shows, starting with https://".into(),
                ));
            }
            if source.title.value.trim().is_empty() {
                found.push(Diagnostic::at(
                    Rule::InvalidSource,
                    path,
                    &source.title,
                    "source title is empty".into(),
                    "copy the page's headline or title".into(),
                ));
            }
        }
    }
}
