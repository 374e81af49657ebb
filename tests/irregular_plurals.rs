//! Units with irregular plurals: a fact counted in `person` (or written `people`)
//! is matched by "people" in a draft, and explanations say "people", never
//! "peoples".

mod common;

use common::{claimcheck, write_draft};

/// A fact base of one event with a count of injured, in `unit`.
fn base_counting_in(dir: &tempfile::TempDir, unit: &str) -> std::path::PathBuf {
    let db = dir.path().join("claims");
    std::fs::create_dir(&db).expect("fact directory");
    let facts = format!(
        "entities:
  - id: harbour-ferry-collision-2021
    name: harbour ferry collision
    kind: event
    cues:
      - words: [ferry, collision]
        entities: []
facts:
  - id: harbour-ferry-collision-2021-date
    subject: harbour-ferry-collision-2021
    property: occurred
    date: 2021-05-14
    sources:
      - url: https://news.example.org/2021/05/14/ferry-collision
        title: Two ferries collide in the harbour
  - id: harbour-ferry-collision-2021-injured
    subject: harbour-ferry-collision-2021
    property: count
    value: 5
    unit: {unit}
    sources:
      - url: https://news.example.org/2021/05/14/ferry-collision
        title: Two ferries collide in the harbour
"
    );
    std::fs::write(db.join("ferry.yaml"), facts).expect("fact file");
    db
}

/// The count claim's verdict and the whole text report, for a draft with `count`.
fn check(unit: &str, count: &str) -> (String, String) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = base_counting_in(&dir, unit);
    let draft = write_draft(
        &dir,
        "ferry.md",
        &format!(
            "---\ndate: 2021-05-20\n---\n\n{count} were hurt in the ferry collision last Friday.\n"
        ),
    );
    let (db, draft) = (db.to_str().expect("UTF-8"), draft.to_str().expect("UTF-8"));
    let json = claimcheck(&[
        "check",
        draft,
        "--db",
        db,
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON report");
    let verdict = report["documents"][0]["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| c["kind"] == "count")
        .map_or("no count claim".to_string(), |c| {
            c["verdict"].as_str().unwrap_or("").to_string()
        });
    let text = claimcheck(&["check", draft, "--db", db, "--fail-on", "never"]);
    (
        verdict,
        String::from_utf8(text.stdout).expect("UTF-8 report"),
    )
}

#[test]
fn people_count_a_fact_in_persons() {
    let (verdict, text) = check("person", "Five people");
    assert_eq!(verdict, "supported", "{text}");
    let (verdict, text) = check("person", "Seven people");
    assert_eq!(verdict, "contradicted", "{text}");
    assert!(text.contains("5 people"), "{text}");
    assert!(!text.contains("peoples"), "{text}");
}

#[test]
fn a_unit_written_as_an_irregular_plural_is_its_singular() {
    let (verdict, text) = check("people", "Five people");
    assert_eq!(verdict, "supported", "{text}");
    let (verdict, text) = check("people", "Seven people");
    assert_eq!(verdict, "contradicted", "{text}");
    assert!(
        text.contains("5 people") && !text.contains("peoples"),
        "{text}"
    );
}

#[test]
fn children_count_a_fact_in_children() {
    let (verdict, text) = check("child", "Four children");
    assert_eq!(verdict, "contradicted", "{text}");
    assert!(text.contains("5 children"), "{text}");
}
