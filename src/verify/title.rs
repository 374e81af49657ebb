//! Checks a title claim: did the person hold the office on the date the sentence is
//! about? That date is the event the clause names ("a January 3 strike killed
//! Soleimani, the head of the Quds Force" is judged on January 3), else a date the
//! clause states, else the as-of date. Held then: supported; held at another time:
//! outdated; never held by someone whose offices the base records: contradicted.

use super::{CheckContext, Evidence, Judgement, Verdict};
use crate::claims::{Claim, TitleStatement};
use crate::factbase::{Fact, FactTime, Property};
use chrono::NaiveDate;
use serde_json::json;

pub fn check(claim: &Claim, statement: &TitleStatement, context: &mut CheckContext) -> Judgement {
    let base = context.base;
    let person = &base.entities[statement.person];
    let mut normalized = serde_json::Map::new();
    normalized.insert("person".into(), json!(person.id));
    let event = context
        .dated_events_in(claim.sentence.clone(), claim.clause.clone(), &claim.tokens)
        .into_iter()
        .find(|d| {
            !(d.event.fact.is_some()
                && d.fact.property == Property::HeldOffice
                && d.fact.subject == statement.person)
        });
    let (when, why): (Option<NaiveDate>, String) =
        match (&event, context.date_in(&claim.clause), context.as_of) {
            (Some(event), ..) => (
                Some(event.day()),
                format!("the date of {}", event.event.describe(base)),
            ),
            (None, Some(range), _) => (Some(range.last), "the date the sentence states".into()),
            (None, None, Some(as_of)) => (Some(as_of), "the as-of date".into()),
            (None, None, None) => (None, String::new()),
        };
    let Some(when) = when else {
        return Judgement::unverified(format!(
            "{} as {}: no date to judge the title at",
            person.name, base.entities[statement.office].name
        ))
        .with_normalized(normalized);
    };
    normalized.insert("at".into(), json!(when.to_string()));
    let terms: Vec<&Fact> = base
        .facts_about(statement.person)
        .filter(|f| f.property == Property::HeldOffice)
        .collect();
    // A title shared by many offices ("President") means the one the person held,
    // if they held one whose name has all its words.
    let office_idx = if terms.iter().any(|f| f.object == Some(statement.office)) {
        statement.office
    } else {
        terms
            .iter()
            .filter_map(|f| f.object)
            .find(|&o| base.titles.office_has(o, &statement.title_words))
            .unwrap_or(statement.office)
    };
    let office = &base.entities[office_idx];
    normalized.insert("office".into(), json!(office.id));
    let of_office: Vec<&Fact> = terms
        .iter()
        .copied()
        .filter(|f| f.object == Some(office_idx))
        .collect();
    let held_then = |f: &Fact| f.time.is_some_and(|t| covers(&t, when));
    // "former X": a term of X that ended before the date.
    let ended_before = |f: &Fact| f.time.is_some_and(|t| t.range().last < when);
    if statement.former && !of_office.is_empty() {
        let (verdict, explanation, evidence) =
            match of_office.iter().copied().find(|f| ended_before(f)) {
                Some(term) if !of_office.iter().any(|f| held_then(f)) => (
                    Verdict::Supported,
                    format!(
                        "{} had been {} ({}) before {when} ({why})",
                        person.name,
                        office.name,
                        term_text(term)
                    ),
                    vec![term],
                ),
                _ => (
                    Verdict::Contradicted,
                    format!(
                        "{} was not a former {} on {when} ({why})",
                        person.name, office.name
                    ),
                    of_office.clone(),
                ),
            };
        let decided =
            statement.strong && !(statement.one_word_name && verdict == Verdict::Contradicted);
        let verdict = if decided {
            verdict
        } else {
            Verdict::Unverified
        };
        return Judgement {
            verdict,
            explanation,
            evidence: evidence.into_iter().map(Evidence::of).collect(),
            normalized,
        };
    }
    let (verdict, explanation, evidence): (Verdict, String, Vec<&Fact>) = if let Some(term) =
        of_office.iter().copied().find(|f| held_then(f))
    {
        (
            Verdict::Supported,
            format!(
                "{} was {} on {when} ({why}): {}",
                person.name,
                office.name,
                term_text(term)
            ),
            vec![term],
        )
    } else if let Some(term) = of_office.first() {
        (
            Verdict::Outdated,
            format!(
                "{} was {} {}, but not on {when} ({why})",
                person.name,
                office.name,
                term_text(term)
            ),
            of_office.clone(),
        )
    } else if !terms.is_empty() {
        let then: Vec<&Fact> = terms.iter().copied().filter(|f| held_then(f)).collect();
        let offices: Vec<String> = then
            .iter()
            .filter_map(|f| f.object.map(|o| base.entities[o].name.clone()))
            .collect();
        let held = if offices.is_empty() {
            "no office the fact base knows".to_string()
        } else {
            offices.join(" and ")
        };
        let evidence = if then.is_empty() { terms.clone() } else { then };
        (
            Verdict::Contradicted,
            format!(
                "{} never held {} in the fact base; on {when} ({why}) the office held was {held}",
                person.name, office.name
            ),
            evidence,
        )
    } else {
        (
            Verdict::Unverified,
            format!("the fact base records no offices of {}", person.name),
            Vec::new(),
        )
    };
    // One word names many people: "President Johnson" may not be the Johnson the
    // fact base knows, so it can confirm but not refute.
    let (verdict, explanation) = match verdict {
        Verdict::Outdated | Verdict::Contradicted if statement.one_word_name => (
            Verdict::Unverified,
            format!(
                "the name may be someone other than {}: {explanation}",
                person.name
            ),
        ),
        _ => (verdict, explanation),
    };
    let verdict = if statement.strong {
        verdict
    } else {
        Verdict::Unverified
    };
    Judgement {
        verdict,
        explanation,
        evidence: evidence.into_iter().map(Evidence::of).collect(),
        normalized,
    }
}

/// Whether a term covers a day; an open term runs on.
fn covers(time: &FactTime, day: NaiveDate) -> bool {
    let range = time.range();
    range.first <= day && day <= range.last
}

fn term_text(term: &Fact) -> String {
    match term.time {
        Some(FactTime::Between {
            start,
            end: Some(end),
        }) => format!("from {start} to {end}"),
        Some(FactTime::Between { start, end: None }) => format!("from {start}"),
        Some(FactTime::At(at)) => format!("on {at}"),
        None => "at a time the fact base does not give".into(),
    }
}
