//! Each claim kind of the first release, supported and contradicted, on drafts
//! written for these tests and checked against the bundled fact base.

mod common;

use common::{draft, json_report, verdict_of};

#[test]
fn every_statement_of_the_correct_briefing_is_supported() {
    let report = json_report(&draft("iraq-briefing.md"), &[]);
    for text in [
        "three Katyusha rockets",
        "Monday",
        "Last week",
        "January 3",
        "1979",
        "2015",
        "Earlier this week",
        "June",
        "last year",
    ] {
        assert_eq!(verdict_of(&report, text), "supported", "“{text}”");
    }
    let summary = &report["documents"][0]["summary"];
    assert_eq!(summary["contradicted"], 0);
}

#[test]
fn every_error_of_the_wrong_briefing_is_contradicted_with_its_source() {
    let report = json_report(&draft("contradicted.md"), &[]);
    for text in [
        "four Katyusha rockets",
        "Tuesday",
        "This week",
        "January 5",
        "1977",
        "2016",
        "this year",
    ] {
        let claim = common::claim(&report, text);
        assert_eq!(claim["verdict"], "contradicted", "“{text}”: {claim:#}");
        let evidence = &claim["evidence"][0];
        assert!(evidence["fact"].is_string(), "“{text}” names its fact");
        assert!(
            evidence["sources"][0]["url"]
                .as_str()
                .is_some_and(|u| u.starts_with("https://")),
            "“{text}” links a source"
        );
    }
}

#[test]
fn claim_kinds_are_named_as_the_json_format_documents() {
    let report = json_report(&draft("iraq-briefing.md"), &[]);
    assert_eq!(common::claim(&report, "January 3")["kind"], "event-date");
    assert_eq!(common::claim(&report, "1979")["kind"], "event-year");
    assert_eq!(
        common::claim(&report, "three Katyusha rockets")["kind"],
        "count"
    );
}

#[test]
fn a_misspelt_name_still_finds_its_event() {
    let dir = tempfile::tempdir().unwrap();
    // "Qassem Suleymani" is in no alias list; it is a fuzzy match of "Qassem Suleimani".
    let path = common::write_draft(
        &dir,
        "draft.txt",
        "A drone strike killed Qassem Suleymani on January 3.\nA drone strike killed Qassem Suleymani on January 9.\n",
    );
    let report = json_report(&path, &["--as-of", "2020-04-09"]);
    let claims = common::claims(&report);
    assert_eq!(claims[0]["verdict"], "supported", "{:#}", claims[0]);
    assert_eq!(claims[1]["verdict"], "contradicted", "{:#}", claims[1]);
}

#[test]
fn a_weak_name_match_never_decides_a_verdict() {
    let dir = tempfile::tempdir().unwrap();
    // "Qasem Sulemanov" is close to "Qasem Soleimani", but not close enough to trust.
    let path = common::write_draft(
        &dir,
        "draft.txt",
        "A drone strike killed Qasem Sulemanov on January 9.\n",
    );
    let report = json_report(&path, &["--as-of", "2020-04-09"]);
    let claim = common::claim(&report, "January 9");
    assert_eq!(claim["verdict"], "unverified", "{claim:#}");
}

#[test]
fn a_date_far_from_a_matching_event_in_a_long_sentence_is_not_called_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::write_draft(
        &dir,
        "draft.txt",
        "On Thursday, the new cabinet was sworn in by a parliament that had spent many long weeks arguing about how the country should move on once the government fell amid the protests.\n",
    );
    let report = json_report(&path, &["--as-of", "2020-04-09"]);
    assert_eq!(verdict_of(&report, "Thursday"), "unverified");
}

#[test]
fn a_date_attaches_only_to_events_named_in_its_own_clause() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::write_draft(
        &dir,
        "draft.txt",
        "The envoy spoke on Thursday, a week after Trump warned of a sneak attack by Iran.\n",
    );
    let report = json_report(&path, &["--as-of", "2020-04-09"]);
    assert_eq!(verdict_of(&report, "Thursday"), "unverified");
}

#[test]
fn counts_that_are_not_counts_of_things_are_not_claims() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::write_draft(
        &dir,
        "draft.txt",
        "The rockets struck the Burjesia camp at 3:30 on page 4 of the report, costing $5 million and 40 percent of its power for 3 days.\n",
    );
    let report = json_report(&path, &["--as-of", "2020-04-09"]);
    let kinds: Vec<&str> = common::claims(&report)
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert!(!kinds.contains(&"event-count"), "{report:#}");
}

#[test]
fn a_hedged_count_is_judged_with_its_tolerance() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::write_draft(
        &dir,
        "draft.txt",
        "Police said at least two rockets hit the Burjesia camp near Basra.\nPolice said more than three rockets hit the Burjesia camp near Basra.\n",
    );
    let report = json_report(&path, &["--as-of", "2020-04-09"]);
    assert_eq!(verdict_of(&report, "at least two rockets"), "supported");
    assert_eq!(
        verdict_of(&report, "more than three rockets"),
        "contradicted"
    );
}

#[test]
fn a_common_word_is_not_a_name_unless_capitalised() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::write_draft(
        &dir,
        "draft.txt",
        "Police began a hunt for the gunmen. Hunt said the mini-budget would hold.\n",
    );
    let output = common::claimcheck(&[
        "extract",
        "--mentions",
        "--names",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let names: Vec<&str> = report["documents"][0]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "entity")
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    // "mini-budget" is written in lower case in the fact base, so it may be here too.
    assert_eq!(names, ["Hunt", "mini-budget"]);
}

#[test]
fn a_weekday_the_calendar_denies_is_contradicted() {
    let dir = tempfile::tempdir().unwrap();
    // 2 November 2020 was a Monday and 9 April 2020 a Thursday; 2 November was a
    // Thursday in 2017 and 2023, neither within a year of 2020.
    let path = common::write_draft(
        &dir,
        "draft.txt",
        "The board met on Thursday, November 2, 2020.\n\n\
         The board met again on Thursday, April 9, 2020.\n\n\
         The council met on Thursday, November 2.\n",
    );
    let report = json_report(&path, &["--as-of", "2021-06-01"]);
    let weekdays: Vec<(&str, &str)> = common::claims(&report)
        .into_iter()
        .filter(|c| c["kind"] == "weekday")
        .map(|c| (c["text"].as_str().unwrap(), c["verdict"].as_str().unwrap()))
        .collect();
    assert_eq!(
        weekdays,
        [
            ("Thursday, November 2, 2020", "contradicted"),
            ("Thursday, November 2", "contradicted")
        ]
    );
    let explanation = common::claims(&report)
        .into_iter()
        .find(|c| c["kind"] == "weekday")
        .map(|c| c["explanation"].as_str().unwrap().to_string())
        .unwrap();
    assert!(explanation.contains("was a Monday"), "{explanation}");
}

#[test]
fn taking_charge_of_an_office_dates_the_start_of_the_term() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::write_draft(
        &dir,
        "draft.txt",
        "Christine Lagarde took charge of the European Central Bank on Nov. 1, 2019.\n\
         Christine Lagarde took the helm at the European Central Bank on Nov. 1, 2018.\n",
    );
    let report = json_report(&path, &["--as-of", "2021-02-10"]);
    assert_eq!(verdict_of(&report, "Nov. 1, 2019"), "supported");
    assert_eq!(verdict_of(&report, "Nov. 1, 2018"), "contradicted");
}

#[test]
fn a_date_after_from_is_where_a_state_began() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::write_draft(
        &dir,
        "draft.txt",
        "Wim Duisenberg served from June 1998 until late 2003.\n\
         Mario Draghi served at the bank from 2012.\n\
         During her term, Christine Lagarde cited figures from 2017.\n",
    );
    let report = json_report(&path, &["--as-of", "2021-02-10"]);
    assert_eq!(verdict_of(&report, "June 1998"), "supported");
    assert_eq!(verdict_of(&report, "late 2003"), "supported");
    assert_eq!(verdict_of(&report, "2012"), "contradicted");
    // The figures are from 2017, not her term.
    assert_eq!(verdict_of(&report, "2017"), "unverified");
}

#[test]
fn a_date_joined_to_where_a_state_began_is_where_it_ended() {
    let dir = tempfile::tempdir().unwrap();
    // Draghi's term ran from 2011-11-01 to 2019-10-31: 2018 falls inside it, but is
    // not when it ended.
    let path = common::write_draft(
        &dir,
        "draft.txt",
        "Mario Draghi served as president of the European Central Bank from 2011 to 2018.\n",
    );
    let report = json_report(&path, &["--as-of", "2021-02-10"]);
    assert_eq!(verdict_of(&report, "2011"), "supported");
    assert_eq!(verdict_of(&report, "2018"), "contradicted");
}

#[test]
fn an_age_reached_is_judged_at_the_date_it_was_reached() {
    let dir = tempfile::tempdir().unwrap();
    // Suga was born on 1948-12-06.
    let path = common::write_draft(
        &dir,
        "draft.txt",
        "Yoshihide Suga turned 71 last year.\n\
         Yoshihide Suga turned 70 on Dec. 6.\n\
         Yoshihide Suga, who turned 72 this year, spoke on Monday.\n\
         Yoshihide Suga turned 71 in January.\n",
    );
    let report = json_report(&path, &["--as-of", "2020-12-20"]);
    let ages = common::verdicts_by_line(&report, "age");
    // He was 71 all through January 2020, but had turned 71 in December 2019.
    assert_eq!(
        ages,
        [
            (1, "supported"),
            (2, "contradicted"),
            (3, "supported"),
            (4, "contradicted")
        ],
        "{report:#}"
    );
    // "this year" is no length of 72 years.
    let durations = common::verdicts_of(&report, "duration");
    assert!(durations.is_empty(), "{report:#}");
}
