//! The mention readers never panic on text made of the pieces of every form they
//! read (weekdays with dates, anaphoric dates, tallies, ranges, ages, holidays,
//! numeric dates, fractions, negatives), with or without an as-of date, and every
//! mention's span slices the text on character boundaries; every record is JSON.

use claimcheck::document::Document;
use claimcheck::mentions;
use claimcheck::report::mentions::record;
use claimcheck::rules::Rules;
use claimcheck::segment::Segmented;
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        Rules::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")).expect("rules load")
    })
}

fn read(text: &str) {
    let rules = rules();
    let Ok(document) = Document::from_text(Path::new("draft.txt"), text.to_string()) else {
        return;
    };
    let segmented = Segmented::new(&document, rules);
    for as_of in [chrono::NaiveDate::from_ymd_opt(2020, 4, 9), None] {
        let Ok(found) = mentions::extract(&segmented, rules, as_of, None) else {
            continue;
        };
        for mention in &found {
            assert!(mention.span.get(text).is_some(), "span {:?}", mention.span);
            serde_json::to_string(&record(mention, text, None)).expect("a record is JSON");
        }
    }
}

fn pieces() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Tuesday",
        "Thu",
        ".",
        ",",
        "March",
        "march",
        "may",
        "May",
        "3",
        "9",
        "31",
        "2019",
        "20",
        "later",
        "earlier",
        "two",
        "days",
        "a",
        "week",
        "the",
        "following",
        "next",
        "day",
        "before",
        "after",
        "yesterday",
        "that",
        "month",
        "year",
        "last",
        "this",
        "coming",
        "Q3",
        "quarter",
        "third",
        "of",
        "century",
        "19th",
        "'",
        "’",
        "90s",
        "nineties",
        "Christmas",
        "Easter",
        "Day",
        "summer",
        "in",
        "2019-20",
        "–",
        "-",
        "60-59",
        "votes",
        "to",
        "by",
        "won",
        "aged",
        "38-year-old",
        "old",
        "years",
        "minus",
        "point",
        "five",
        "/",
        "3/4",
        "between",
        "and",
        "or",
        "several",
        "few",
        "percent",
        "%",
        "4-pound",
        "twenty-second",
        "fifth-largest",
        "from",
        "now",
        "Mondays",
        "ago",
        "on",
        "12th",
        "1.2e6",
        "2",
        "500",
        "000",
        "about",
        "under",
        "only",
        "all",
        "whole",
        "half",
        "an",
        "hour",
        "Suga",
        "71",
        "\n\n",
        "(",
        ")",
    ]);
    prop::collection::vec(pieces, 0..50).prop_map(|parts| parts.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn every_form_is_read_without_panicking(text in pieces()) {
        read(&text);
    }

    #[test]
    fn pieces_joined_without_spaces_are_read_too(parts in prop::collection::vec(pieces(), 1..4)) {
        read(&parts.concat());
    }
}
