//! Ordinals over whole series and over categories of them: "the first woman to lead
//! the European Central Bank", "Britain's 57th prime minister". A count is exact only
//! where the fact base holds the whole series it reaches (`complete-from`) and knows
//! the category of everyone counted; elsewhere it can refute an ordinal, never
//! confirm one. Drafts and sentences are written for these tests.

mod common;

use common::{claim, draft, json_report, verdict_of, verdicts_of, write_draft};
use serde_json::Value;

fn report_of(text: &str, as_of: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let path = write_draft(&dir, "draft.txt", text);
    json_report(&path, &["--as-of", as_of])
}

/// The fact ids a claim cites.
fn evidence_of(claim: &Value) -> Vec<&str> {
    claim["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["fact"].as_str().unwrap())
        .collect()
}

#[test]
fn the_ecb_case_is_supported_throughout_but_for_what_the_base_lacks() {
    let report = json_report(&draft("ecb-presidents.md"), &[]);
    let mut verdicts: Vec<(String, String)> = common::claims(&report)
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_string(),
                c["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // Two months and one order of events name nothing the base holds.
    verdicts.retain(|(_, verdict)| verdict != "unverified");
    assert_eq!(
        verdicts,
        [
            ("ordinal", "supported"),
            ("event-date", "supported"),
            ("ordinal", "supported"),
            ("duration", "supported"),
            ("event-date", "supported"),
            ("elapsed", "supported"),
            ("title", "supported"),
            ("ordinal", "supported"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string())),
        "{report:#}"
    );
    let first_woman = claim(&report, "first woman to lead the European Central Bank");
    assert_eq!(first_woman["normalized"]["category"], "woman");
    assert_eq!(first_woman["normalized"]["position"], 1);
    assert_eq!(first_woman["normalized"]["complete"], true);
    let cited = evidence_of(first_woman);
    for fact in [
        "lagarde-ecb-president",
        "lagarde-gender",
        "draghi-ecb-president",
    ] {
        assert!(cited.contains(&fact), "{first_woman:#}");
    }
    assert!(
        first_woman["explanation"]
            .as_str()
            .unwrap()
            .contains("none of the 3 before is known to be a woman"),
        "{first_woman:#}"
    );
}

#[test]
fn every_error_of_the_ecb_case_is_caught_with_its_evidence() {
    let report = json_report(&draft("ecb-presidents-wrong.md"), &[]);
    for (text, kind, verdict, fact) in [
        (
            "second woman to lead the European Central Bank",
            "ordinal",
            "contradicted",
            "lagarde-gender",
        ),
        (
            "fourth president",
            "ordinal",
            "contradicted",
            "draghi-ecb-president",
        ),
        (
            "first woman to run the ECB",
            "ordinal",
            "contradicted",
            "trichet-gender",
        ),
        (
            "12 years ago",
            "elapsed",
            "contradicted",
            "trichet-ecb-president",
        ),
        (
            "ECB President Mario Draghi",
            "title",
            "outdated",
            "draghi-ecb-president",
        ),
        (
            "second president of the ECB",
            "ordinal",
            "contradicted",
            "duisenberg-ecb-president",
        ),
    ] {
        let found = claim(&report, text);
        assert_eq!(
            (
                found["kind"].as_str().unwrap(),
                found["verdict"].as_str().unwrap()
            ),
            (kind, verdict),
            "{found:#}"
        );
        assert!(evidence_of(found).contains(&fact), "{found:#}");
        assert!(
            found["evidence"][0]["sources"][0]["url"].is_string(),
            "{found:#}"
        );
    }
}

#[test]
fn the_wording_of_a_first_woman_may_name_the_office_or_what_it_leads() {
    let report = report_of(
        "Lagarde is the ECB's first female president.\n\
         Lagarde is the first woman president of the European Central Bank.\n\
         Lagarde was the first woman to serve as President of the ECB.\n\
         Lagarde became the first woman to head the ECB.\n",
        "2020-01-15",
    );
    for text in [
        "first female president",
        "first woman president of the European Central Bank",
        "first woman to serve as President of the ECB",
        "first woman to head the ECB",
    ] {
        assert_eq!(verdict_of(&report, text), "supported", "{text}");
    }
}

#[test]
fn a_complete_series_decides_an_ordinal_without_a_window() {
    let report = report_of(
        "Lagarde is the fourth president of the European Central Bank.\n\
         Draghi was the fourth president of the European Central Bank.\n",
        "2020-01-15",
    );
    assert_eq!(
        verdicts_of(&report, "ordinal"),
        ["supported", "contradicted"]
    );
}

#[test]
fn an_incomplete_series_can_refute_an_ordinal_but_not_confirm_it() {
    // The base holds the UK's prime ministers from Boris Johnson on only.
    let report = report_of(
        "Rishi Sunak became Britain's 57th prime minister on Tuesday.\n\
         Rishi Sunak became Britain's first prime minister on Tuesday.\n\
         Liz Truss became the third woman to serve as Britain's prime minister.\n",
        "2022-10-27",
    );
    let true_but_beyond = claim(&report, "57th prime minister");
    assert_eq!(
        true_but_beyond["verdict"], "unverified",
        "{true_but_beyond:#}"
    );
    assert_eq!(true_but_beyond["normalized"]["position"], 3);
    assert_eq!(true_but_beyond["normalized"]["complete"], false);
    assert!(
        true_but_beyond["explanation"]
            .as_str()
            .unwrap()
            .contains("holds them in full only from 2019-07-25"),
        "{true_but_beyond:#}"
    );
    // Two prime ministers before him are known, so he was not the first.
    assert_eq!(verdict_of(&report, "first prime minister"), "contradicted");
    // Thatcher and May are not in the base, and Johnson's gender is not either.
    let truss = claim(&report, "third woman to serve as Britain's prime minister");
    assert_eq!(truss["verdict"], "unverified", "{truss:#}");
    assert!(
        truss["explanation"]
            .as_str()
            .unwrap()
            .contains("gives no gender for 1 of those counted"),
        "{truss:#}"
    );
}

#[test]
fn a_window_reaching_before_the_complete_part_is_a_lower_bound() {
    // Iraq's designates are complete from 2019-12-01; six months reach back before it.
    let report = report_of(
        "On Thursday Mustafa al-Kadhimi became the third person tapped to lead Iraq in six months.\n\
         On Thursday Mustafa al-Kadhimi became the second person tapped to lead Iraq in six months.\n",
        "2020-04-09",
    );
    assert_eq!(
        verdicts_of(&report, "ordinal"),
        ["unverified", "contradicted"]
    );
}

#[test]
fn a_person_of_unknown_category_or_an_unknown_series_is_unverified() {
    let report = report_of(
        "Rishi Sunak became the first man to lead Britain.\n\
         Christine Lagarde, the first woman to lead the IMF, spoke in Davos.\n",
        "2022-10-27",
    );
    let sunak = claim(&report, "first man to lead Britain");
    assert_eq!(sunak["verdict"], "unverified");
    assert!(
        sunak["explanation"]
            .as_str()
            .unwrap()
            .contains("does not say whether Rishi Sunak is a man"),
        "{sunak:#}"
    );
    let imf = claim(&report, "first woman to lead the IMF");
    assert_eq!(
        (imf["kind"].as_str(), imf["verdict"].as_str()),
        (Some("ordinal"), Some("unverified"))
    );
}

#[test]
fn qualifier_words_come_from_the_rules() {
    let rules = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(common::root().join("rules")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, rules.path().join(path.file_name().unwrap())).unwrap();
    }
    let triggers = rules.path().join("triggers.yaml");
    let text = std::fs::read_to_string(&triggers).unwrap();
    let edited = text.replace("words: [woman, female]", "words: [woman, female, lady]");
    assert_ne!(text, edited, "the qualifier entry moved");
    std::fs::write(&triggers, edited).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write_draft(
        &dir,
        "draft.txt",
        "Christine Lagarde became the first lady to lead the ECB.\n",
    );
    let rules = rules.path().to_str().unwrap();
    let tuned = json_report(&path, &["--as-of", "2020-01-15", "--rules", rules]);
    assert_eq!(
        verdict_of(&tuned, "first lady to lead the ECB"),
        "supported"
    );
    let bundled = json_report(&path, &["--as-of", "2020-01-15"]);
    // Without the word, "lady" is not read as a qualifier: the ordinal counts
    // every president, and Lagarde was the fourth.
    assert_eq!(
        verdict_of(&bundled, "first lady to lead the ECB"),
        "contradicted"
    );
}
