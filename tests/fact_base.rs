//! The fact base is all or nothing: a broken file is reported at its line and
//! column, and no draft is checked against the rest.

mod common;

use common::{claimcheck, draft, fixture};

fn check_with_db(db: &str) -> (Option<i32>, String, String) {
    let db = fixture(db);
    let output = claimcheck(&[
        "check",
        draft("iraq-briefing.md").to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn an_unknown_field_is_reported_at_its_line_and_column() {
    let (code, stdout, stderr) = check_with_db("broken-claims/unknown-field");
    assert_eq!(code, Some(2));
    assert!(stdout.is_empty(), "nothing was checked: {stdout}");
    assert!(
        stderr.contains("unknown-field/events.yaml:6:5: unknown field `alias`"),
        "{stderr}"
    );
}

#[test]
fn every_error_in_a_file_is_reported_not_just_the_first() {
    let (code, stdout, stderr) = check_with_db("broken-claims/bad-date");
    assert_eq!(code, Some(2));
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("bad-date/events.yaml:10:11: `2020-02-30` is not a date"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bad-date/events.yaml:18:14: fact `test-event-again` has no sources"),
        "{stderr}"
    );
    assert!(
        stderr.contains("has 2 errors; nothing was checked"),
        "{stderr}"
    );
}

#[test]
fn a_yaml_syntax_error_is_reported_where_it_is() {
    let (code, _, stderr) = check_with_db("broken-claims/syntax");
    assert_eq!(code, Some(2));
    assert!(stderr.contains("syntax/events.yaml:3:"), "{stderr}");
}

#[test]
fn the_bundled_fact_base_loads_and_every_fact_has_a_web_source() {
    let rules = claimcheck::rules::Rules::load(&common::root().join("rules")).unwrap();
    let base = claimcheck::factbase::load_dir(&common::root().join("claims"), &rules).unwrap();
    assert!(base.facts.len() >= 20);
    for fact in &base.facts {
        assert!(!fact.sources.is_empty(), "{}", fact.id);
        for source in &fact.sources {
            assert!(
                source.url.starts_with("https://") || source.url.starts_with("http://"),
                "{}",
                fact.id
            );
            assert!(!source.title.trim().is_empty(), "{}", fact.id);
        }
    }
}

/// Listing mentions with names reads the draft while the base is still loading;
/// a broken base still fails the command before anything is written, and is
/// reported once, in every output format.
#[test]
fn a_broken_base_lists_no_mention_when_names_are_asked_for() {
    let db = fixture("broken-claims/bad-date");
    for format in ["json", "text"] {
        let output = claimcheck(&[
            "extract",
            "--mentions",
            "--names",
            draft("iraq-briefing.md").to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
            "--format",
            format,
        ]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(output.stdout.is_empty(), "{format}: nothing is listed");
        assert_eq!(
            stderr.matches("has 2 errors; nothing was checked").count(),
            1,
            "{stderr}"
        );
    }
}
