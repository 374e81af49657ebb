//! ## What it does
//! Reports two people holding a single-holder office at the same time: two facts
//! of a `one-holder` property (`held-office`) with the same office and terms that
//! certainly overlap. Terms that touch (one ends the day the next begins) do not
//! overlap; nor do terms known only to the month, unless they overlap whatever the
//! days were. An office held by several people at once says `holders: many`.
//!
//! Where either term is imported (its file says `imported-from`), it is a warning:
//! Wikidata records acting and caretaker holders, co-holders and handovers dated a
//! day apart as ordinary statements, and no single-holder flag tells those offices
//! apart, so an import would fail on what its source holds. A second holder never
//! turns a verdict: a title claim is supported when the person named held the
//! office at the date, and contradicted only when someone else did and they did
//! not, whichever holder is read first.
//!
//! ## Why is this bad?
//! A title claim ("President X") is judged against who held the office on that
//! day; with two holders, one of them is wrong and a verdict would depend on which
//! fact is read first.
//!
//! ## Example
//! ```yaml
//! - id: salih-president-of-iraq
//!   subject: barham-salih
//!   property: held-office
//!   object: president-of-iraq
//!   start: 2018-10-02
//! - id: rashid-president-of-iraq
//!   subject: abdul-latif-rashid
//!   property: held-office
//!   object: president-of-iraq
//!   start: 2022-10-13
//! ```
//!
//! Use instead: give the earlier term its `end`:
//! ```yaml
//!   start: 2018-10-02
//!   end: 2022-10-13
//! ```

use crate::factbase::FactTime;
use crate::factbase::schema::{FactRecord, Holders};
use crate::lint::{Diagnostic, LintContext, Rule, location};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;

/// A term as the latest day it may have begun and the earliest it may have ended.
#[derive(Clone, Copy)]
struct Term {
    began_by: NaiveDate,
    ended_from: NaiveDate,
}

fn term(time: FactTime) -> Term {
    match time {
        FactTime::At(at) => Term {
            began_by: at.last,
            ended_from: at.first,
        },
        FactTime::Between { start, end } => Term {
            began_by: start.last,
            ended_from: end.map_or(NaiveDate::MAX, |end| end.first),
        },
    }
}

/// A term with its fact, its file and whether an importer wrote it.
struct Located<'a> {
    path: &'a Path,
    fact: &'a FactRecord,
    term: Term,
    imported: bool,
}

pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    let mut by_office: HashMap<&str, Vec<Located>> = HashMap::new();
    for (path, fact, imported) in context.kept_facts() {
        let one_holder = context
            .properties
            .get(&fact.property.value)
            .is_some_and(|d| d.one_holder);
        let Some(office) = fact.object.as_ref().filter(|_| one_holder) else {
            continue;
        };
        let shared = context
            .entity(&office.value)
            .is_some_and(|e| e.holders == Holders::Many);
        if let (false, Some(time)) = (shared, fact.time()) {
            by_office
                .entry(context.links.resolve(&office.value))
                .or_default()
                .push(Located {
                    path,
                    fact,
                    term: term(time),
                    imported,
                });
        }
    }
    let holder = |fact: &FactRecord| context.links.resolve(&fact.subject.value).to_string();
    for terms in by_office.values() {
        for (i, here) in terms.iter().enumerate() {
            let (path, fact, a) = (here.path, here.fact, here.term);
            let clash = terms[..i].iter().find(|there| {
                let b = there.term;
                holder(there.fact) != holder(fact)
                    && a.began_by.max(b.began_by) < a.ended_from.min(b.ended_from)
            });
            if let Some(there) = clash {
                let (other_path, other) = (there.path, there.fact);
                let finding = Diagnostic::at(
                    Rule::OverlappingTerms,
                    path,
                    &fact.id,
                    format!(
                        "`{}` and `{}` hold `{}` at the same time (`{}`, {}:{})",
                        fact.subject.value,
                        other.subject.value,
                        fact.object.as_ref().map_or("", |o| o.value.as_str()),
                        other.id.value,
                        other_path.display(),
                        location(&other.id).0
                    ),
                    "give the earlier term an `end` on or before the day the later one starts; if the office has several holders at once, add `holders: many` to its entity".into(),
                );
                found.push(if here.imported || there.imported {
                    finding.as_warning()
                } else {
                    finding
                });
            }
        }
    }
}
