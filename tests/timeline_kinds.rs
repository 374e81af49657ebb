//! Elapsed times, relative events, event order, ordinals in a window, titles at a
//! time and quotes: each supported and each way of being wrong, on drafts written
//! for these tests. The second case (Britain's autumn of 2022) shows the rules are
//! not tied to one story.

mod common;

use common::{draft, json_report, verdict_of, verdicts_of, write_draft};

fn report_of(text: &str, as_of: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let path = write_draft(&dir, "draft.txt", text);
    json_report(&path, &["--as-of", as_of])
}

fn kind_and_verdict(report: &serde_json::Value, text: &str) -> (String, String) {
    let claim = common::claim(report, text);
    (
        claim["kind"].as_str().unwrap().into(),
        claim["verdict"].as_str().unwrap().into(),
    )
}

#[test]
fn the_second_case_is_supported_throughout() {
    let report = json_report(&draft("uk-autumn-2022.md"), &[]);
    let claims = common::claims(&report);
    assert_eq!(claims.len(), 9, "{report:#}");
    for claim in claims {
        assert_eq!(claim["verdict"], "supported", "{claim:#}");
    }
    let ordinal = common::claim(&report, "third prime minister in seven weeks");
    assert_eq!(ordinal["kind"], "ordinal");
    assert_eq!(ordinal["normalized"]["position"], 3);
}

#[test]
fn every_error_of_the_second_case_is_caught_with_its_evidence() {
    let report = json_report(&draft("uk-autumn-2022-wrong.md"), &[]);
    for (text, kind, verdict) in [
        (
            "fourth prime minister in seven weeks",
            "ordinal",
            "contradicted",
        ),
        ("three weeks ago", "elapsed", "contradicted"),
        ("about three months after", "relative-event", "contradicted"),
        (
            "Jeremy Hunt, the Chancellor of the Exchequer",
            "title",
            "outdated",
        ),
        ("Chancellor Kwasi Kwarteng", "title", "outdated"),
        ("September 18", "event-date", "contradicted"),
        ("just ten days after", "relative-event", "imprecise"),
    ] {
        let claim = common::claim(&report, text);
        assert_eq!(
            (
                claim["kind"].as_str().unwrap(),
                claim["verdict"].as_str().unwrap()
            ),
            (kind, verdict),
            "{claim:#}"
        );
        assert!(
            claim["evidence"][0]["sources"][0]["url"].is_string(),
            "{claim:#}"
        );
    }
}

#[test]
fn elapsed_time_follows_its_hedge() {
    // The United States announced its withdrawal from the nuclear deal on 2018-05-08.
    let text = "Trump withdrew from the Iran nuclear deal nearly two years ago.\n\
                Trump withdrew from the Iran nuclear deal two years ago.\n\
                Trump withdrew from the Iran nuclear deal nearly three years ago.\n\
                Trump withdrew from the Iran nuclear deal more than two years ago.\n";
    let report = report_of(text, "2020-04-09");
    let verdicts = verdicts_of(&report, "elapsed");
    assert_eq!(
        verdicts,
        ["supported", "supported", "contradicted", "imprecise"]
    );
}

#[test]
fn a_relative_event_is_judged_on_the_gap() {
    let text = "The envoy spoke on Thursday, about a week after Trump warned Iran's proxies against an attack.\n\
                The envoy spoke on Thursday, about a month after Trump warned Iran's proxies against an attack.\n\
                The envoy spoke on Thursday, a day before Trump warned Iran's proxies against an attack.\n";
    let report = report_of(text, "2020-04-09");
    let verdicts = verdicts_of(&report, "relative-event");
    assert_eq!(verdicts, ["supported", "contradicted", "contradicted"]);
}

#[test]
fn event_order_is_checked_when_both_events_are_known() {
    let right = report_of(
        "Abu Mahdi al-Muhandis founded Kataib Hezbollah after the 2003 US-led invasion of Iraq.\n",
        "2020-04-09",
    );
    assert_eq!(
        kind_and_verdict(&right, "after the 2003 US-led invasion of Iraq"),
        ("event-order".into(), "supported".into())
    );
    let wrong = report_of(
        "Abu Mahdi al-Muhandis founded Kataib Hezbollah before the 2003 US-led invasion of Iraq.\n",
        "2020-04-09",
    );
    assert_eq!(
        kind_and_verdict(&wrong, "before the 2003 US-led invasion of Iraq"),
        ("event-order".into(), "contradicted".into())
    );
}

#[test]
fn an_ordinal_counts_its_series_within_the_window() {
    let report = report_of(
        "On Thursday Mustafa al-Kadhimi became the third person tapped to lead Iraq in just 10 weeks.\n\
         On Thursday Mustafa al-Kadhimi became the second person tapped to lead Iraq in just 10 weeks.\n\
         On Thursday Mustafa al-Kadhimi became the third person tapped to lead Iraq in just five weeks.\n",
        "2020-04-09",
    );
    let verdicts = verdicts_of(&report, "ordinal");
    // In five weeks only Zurfi and Kadhimi were named: Kadhimi was the second.
    assert_eq!(verdicts, ["supported", "contradicted", "contradicted"]);
}

#[test]
fn a_title_is_judged_at_the_date_of_its_event() {
    let report = report_of(
        "A drone strike on January 3 killed Qasem Soleimani, the commander of the Quds Force.\n\
         Secretary of State Mike Pompeo spoke to reporters.\n\
         Secretary of Defense Mike Pompeo spoke to reporters.\n",
        "2020-04-09",
    );
    assert_eq!(
        verdict_of(&report, "Qasem Soleimani, the commander of the Quds Force"),
        "supported"
    );
    assert_eq!(
        verdict_of(&report, "Secretary of State Mike Pompeo"),
        "supported"
    );
    let wrong = common::claim(&report, "Secretary of Defense Mike Pompeo");
    assert_eq!(wrong["verdict"], "contradicted");
    assert_eq!(wrong["evidence"][0]["fact"], "pompeo-us-secretary-of-state");
    // A year later Soleimani was dead and no longer commander; Pompeo had left office.
    let later = report_of(
        "Qasem Soleimani, the commander of the Quds Force, was seen in Beirut.\n",
        "2021-03-01",
    );
    assert_eq!(
        verdict_of(&later, "Qasem Soleimani, the commander of the Quds Force"),
        "outdated"
    );
}

#[test]
fn quotes_are_listed_as_unverified_never_dropped() {
    let report = report_of(
        "“We will not be intimidated by threats,” Pompeo told reporters.\n",
        "2020-04-09",
    );
    let quote = common::claims(&report)
        .into_iter()
        .find(|c| c["kind"] == "quote")
        .expect("a quote claim");
    assert_eq!(quote["verdict"], "unverified");
    assert_eq!(quote["normalized"]["speaker"], "mike-pompeo");
}

#[test]
fn a_shared_title_or_a_one_word_name_can_confirm_but_not_refute() {
    let report = report_of(
        "President Barham Salih named a new prime minister-designate.\n\
         President Johnson signed the bill into law.\n",
        "2020-04-09",
    );
    // "President" alone is several offices: Salih held Iraq's presidency.
    let salih = common::claim(&report, "President Barham Salih");
    assert_eq!(
        (
            salih["verdict"].as_str(),
            salih["normalized"]["office"].as_str()
        ),
        (Some("supported"), Some("president-of-iraq"))
    );
    // The fact base's only Johnson was never a president, but "Johnson" may be another one.
    assert_eq!(verdict_of(&report, "President Johnson"), "unverified");
}

#[test]
fn future_wording_is_not_checked_against_past_events() {
    let report = report_of(
        "Pompeo said he had proposed a strategic dialogue to be held in June.\n",
        "2020-04-09",
    );
    assert_eq!(verdict_of(&report, "June"), "unverified");
}

#[test]
fn a_former_title_is_checked_as_one_held_before() {
    let report = report_of(
        "Former Secretary of State Mike Pompeo spoke at the conference.\n\
         Mike Pompeo, the former Secretary of State, spoke at the conference.\n",
        "2021-06-01",
    );
    let verdicts = verdicts_of(&report, "title");
    assert_eq!(verdicts, ["supported", "supported"]);
    // Still in office, he was no former Secretary of State.
    let early = report_of(
        "Former Secretary of State Mike Pompeo spoke at the conference.\n",
        "2020-04-09",
    );
    assert_eq!(
        verdict_of(&early, "Former Secretary of State Mike Pompeo"),
        "contradicted"
    );
}

#[test]
fn the_nth_time_counts_a_run_of_like_events() {
    // A fixture base: two rocket attacks on an invented camp, 19 days apart.
    let dir = tempfile::tempdir().unwrap();
    let path = write_draft(
        &dir,
        "draft.txt",
        "Rockets hit Camp Fixture on March 20, the second time in a month.\n\
         Rockets hit Camp Fixture on March 20, the third time in a month.\n\
         Rockets hit Camp Fixture on March 20, the second time in a week.\n",
    );
    let db = common::fixture("occasions-claims");
    let report = json_report(
        &path,
        &["--as-of", "2021-03-25", "--db", db.to_str().unwrap()],
    );
    let verdicts = verdicts_of(&report, "ordinal");
    assert_eq!(verdicts, ["supported", "contradicted", "contradicted"]);
}

#[test]
fn a_title_is_not_outdated_over_a_period_its_term_covers_in_part() {
    // Trump left office three weeks into 2021; Biden took it in 2021, not 2019.
    let report = report_of(
        "In 2021, President Donald Trump signed an order.\n\
         In 2019, President Joe Biden signed an order.\n",
        "2022-03-01",
    );
    let partly = common::claim(&report, "President Donald Trump");
    assert_eq!(partly["verdict"], "unverified", "{partly:#}");
    let outside = common::claim(&report, "President Joe Biden");
    assert_eq!(outside["verdict"], "outdated", "{outside:#}");
    let explanation = outside["explanation"].as_str().unwrap();
    assert!(explanation.contains("not in 2019"), "{explanation}");
}

#[test]
fn a_date_the_calendar_denies_does_not_time_a_title() {
    // 2 November 2020 was a Monday: the draft slipped the weekday or the day.
    let report = report_of(
        "On Thursday, November 2, 2020, President Joe Biden hosted a summit.\n",
        "2021-06-01",
    );
    assert_eq!(verdict_of(&report, "President Joe Biden"), "supported");
}
