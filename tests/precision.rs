//! What must never be called contradicted or outdated, whatever the draft's date: a
//! statement about something that had not happened yet by then, and a person named
//! with a title word many offices share.

mod common;

use common::{claims, json_report, verdicts_by_line};
use serde_json::Value;

/// Checks one draft per date, each dated in its front matter, in one run.
fn reports_by_date(text: &str, dates: &[String]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    for (i, date) in dates.iter().enumerate() {
        let draft = format!("---\ndate: {date}\n---\n{text}\n");
        std::fs::write(dir.path().join(format!("draft-{i:03}.md")), draft).unwrap();
    }
    json_report(dir.path(), &[])
}

/// Every `step`-th day from `first` up to, not including, `until`.
fn days(first: &str, until: &str, step: u64) -> Vec<String> {
    let first = chrono::NaiveDate::parse_from_str(first, "%Y-%m-%d").unwrap();
    let until = chrono::NaiveDate::parse_from_str(until, "%Y-%m-%d").unwrap();
    first
        .iter_days()
        .step_by(step as usize)
        .take_while(|d| *d < until)
        .map(|d| d.to_string())
        .collect()
}

/// Claims with one of `verdicts`, with their draft's date, for the failure message.
fn judged<'a>(report: &'a Value, verdicts: &[&str]) -> Vec<(&'a str, &'a str, &'a str)> {
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| {
            let as_of = d["as_of"].as_str().unwrap_or("");
            d["claims"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |c| (as_of, c))
        })
        .filter(|(_, c)| verdicts.contains(&c["verdict"].as_str().unwrap()))
        .map(|(as_of, c)| {
            (
                as_of,
                c["text"].as_str().unwrap(),
                c["explanation"].as_str().unwrap(),
            )
        })
        .collect()
}

#[test]
fn what_happened_after_the_drafts_date_is_never_a_past_referent() {
    // Each statement is wrong about something only a fact after every draft's date
    // decides (Messi's move to Paris on 2021-08-10, the Copa América final of
    // 2021-07-10, the Webb launch of 2021-12-25, the third women's Ballon d'Or): before
    // it happened, nothing can have contradicted it.
    let text = "Lionel Messi joined Paris Saint-Germain on Friday.\n\n\
                Argentina beat hosts Brazil 3-1 in the Copa America final on July 9.\n\n\
                The James Webb Space Telescope launched on Dec. 24 aboard an Ariane 5 rocket.\n\n\
                Alexia Putellas became the fourth winner of the Ballon d'Or Feminin.";
    let dates = days("2019-01-01", "2021-07-10", 23);
    let report = reports_by_date(text, &dates);
    assert!(claims(&report).len() >= dates.len() * 3, "{report:#}");
    let wrong = judged(&report, &["contradicted", "outdated", "imprecise"]);
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn a_title_word_many_offices_share_never_refutes() {
    // People of the base, each given a bare title word: one they held at some time,
    // another they never held, at dates before, during and after their terms.
    let text = "President Isaac Herzog spoke first.\n\n\
                Minister Yair Lapid answered him.\n\n\
                President Christine Lagarde and Chairman Mario Draghi joined them.\n\n\
                Prime Minister Shinzo Abe and President Lionel Messi were not there.";
    let dates = days("2005-01-01", "2026-12-01", 97);
    let report = reports_by_date(text, &dates);
    let titles = claims(&report)
        .iter()
        .filter(|c| c["kind"] == "title")
        .count();
    assert!(titles >= dates.len() * 4, "{report:#}");
    // Held at another time, a title may be outdated; it is never refuted outright.
    let refuted = judged(&report, &["contradicted"]);
    assert!(refuted.is_empty(), "{refuted:#?}");
}

#[test]
fn words_near_a_person_that_may_be_about_something_else_never_refute() {
    // An age that is a rule's threshold, not the president's; a title that is part of
    // a longer office the base does not know; a year older than the person.
    let text = "Joe Biden said that anyone over age 18 may now enroll in the program.\n\n\
                The envoy had worked for Vice President Joe Biden before joining the firm.\n\n\
                President Joe Biden criticised the court for reviving a statute from 1864.";
    let dates = days("2015-06-01", "2026-12-01", 181);
    let report = reports_by_date(text, &dates);
    let all = claims(&report);
    assert!(all.iter().any(|c| c["kind"] == "age"), "{report:#}");
    // The draft's lines: front matter, then the three sentences on lines 4, 6 and 8.
    let flagged = |c: &&&Value| {
        ["contradicted", "outdated", "imprecise"].contains(&c["verdict"].as_str().unwrap())
    };
    let ages: Vec<_> = all
        .iter()
        .filter(|c| c["kind"] == "age")
        .filter(flagged)
        .collect();
    assert!(ages.is_empty(), "{ages:#?}");
    let vice: Vec<_> = all
        .iter()
        .filter(|c| c["line"] == 6)
        .filter(flagged)
        .collect();
    assert!(vice.is_empty(), "{vice:#?}");
    // The third title may be outdated at a draft's date outside his term, but the year
    // 1864 never judges it.
    let by_1864: Vec<_> = all
        .iter()
        .filter(flagged)
        .filter(|c| c["explanation"].as_str().unwrap().contains("1864"))
        .collect();
    assert!(by_1864.is_empty(), "{by_1864:#?}");
}

#[test]
fn an_age_of_someone_a_name_is_about_never_refutes_the_name() {
    // The age is the driver's or the sister's, not Biden's; the last sentence, whose
    // age can only be his, shows such a statement is judged at all.
    let text = "Joe Biden's driver, 45, was questioned on Tuesday.\n\n\
                The sister of Joe Biden, 45, spoke at the rally.\n\n\
                Joe Biden, 45, spoke at the rally.";
    let report = reports_by_date(text, &["2021-06-01".to_string()]);
    assert_eq!(
        verdicts_by_line(&report, "age"),
        [(4, "unverified"), (6, "unverified"), (8, "contradicted")],
        "{report:#}"
    );
}

#[test]
fn a_count_another_entry_of_the_same_measure_has_never_refutes() {
    // The 2021 Ballon d'Or: Messi 613 points, Lewandowski 580. Which candidate a
    // count is about is settled only by the one named before it.
    let text = "The Argentine finished on 613 points at the 2021 Ballon d'Or, ahead of Robert Lewandowski.\n\n\
                Robert Lewandowski finished on 613 points at the 2021 Ballon d'Or.\n\n\
                Lionel Messi finished on 600 points at the 2021 Ballon d'Or.";
    let report = reports_by_date(text, &["2021-12-01".to_string()]);
    assert_eq!(
        verdicts_by_line(&report, "count"),
        [(4, "supported"), (6, "contradicted"), (8, "contradicted")],
        "{report:#}"
    );
}

#[test]
fn a_date_of_something_another_person_owns_never_refutes() {
    // The record is Lewandowski's (2021); the 1971-72 season is when Müller set his.
    let text = "Robert Lewandowski scored 41 Bundesliga goals to beat Gerd Müller's record from the 1971-72 season.";
    let report = reports_by_date(text, &["2021-06-01".to_string()]);
    let flagged: Vec<_> = claims(&report)
        .into_iter()
        .filter(|c| c["text"] == "1971-72")
        .map(|c| c["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(flagged, ["unverified"], "{report:#}");
}
