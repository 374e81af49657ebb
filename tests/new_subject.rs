//! A subject the checker was not built around: the Webb telescope's first pictures,
//! checked against facts added as a contributor would add them, and a property added
//! by editing the rules alone.

mod common;

use common::{claimcheck, claims, draft, json_report, verdict_of, write_draft};
use std::path::Path;

#[test]
fn every_statement_of_the_webb_story_is_supported() {
    let report = json_report(&draft("webb-first-images.md"), &[]);
    let all = claims(&report);
    assert!(all.len() >= 8, "{report:#}");
    for claim in &all {
        assert_eq!(claim["verdict"], "supported", "{claim:#}");
    }
}

#[test]
fn the_errors_of_the_webb_story_are_contradicted_with_their_sources() {
    let report = json_report(&draft("webb-first-images-wrong.md"), &[]);
    for text in ["Thursday", "Dec. 24", "19 hexagonal segments", "1991"] {
        let claim = common::claim(&report, text);
        assert_eq!(claim["verdict"], "contradicted", "“{text}”: {claim:#}");
        let source = &claim["evidence"][0]["sources"][0]["url"];
        assert!(
            source.as_str().is_some_and(|u| u.starts_with("https://")),
            "“{text}” links a source: {claim:#}"
        );
    }
    let contradicted = claims(&report)
        .iter()
        .filter(|c| c["verdict"] == "contradicted")
        .count();
    assert_eq!(contradicted, 4, "{report:#}");
}

/// Copies the bundled rules into `into`.
fn copy_rules(into: &Path) {
    std::fs::create_dir_all(into).unwrap();
    for entry in std::fs::read_dir(common::root().join("rules")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), into.join(entry.file_name())).unwrap();
    }
}

const RETIREMENT: &str = "\
entities:
  - id: space-shuttle-discovery
    name: Space Shuttle Discovery
    kind: artifact
    aliases: [Discovery]
facts:
  - id: space-shuttle-discovery-retired
    subject: space-shuttle-discovery
    property: retired
    date: 2011-03-09
    sources:
      - url: \"https://en.wikipedia.org/wiki/Space_Shuttle_Discovery\"
        title: Space Shuttle Discovery - Wikipedia
        publisher: Wikipedia
    note: Retired when its last mission, STS-133, landed.
";

const RETIRED_PROPERTY: &str = r#"  - id: retired
    label: "{subject}'s retirement"
    description: A vehicle (the subject) was taken out of service on `date`.
    role: occurrence
    object: forbidden
    value: forbidden
    time: required
    per-subject: one
    one-value: true
    words:
      occurrence: [retire, decommission, withdrawn from service]
"#;

#[test]
fn a_new_property_is_a_change_to_the_rules_alone() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    let db = dir.path().join("claims");
    copy_rules(&rules);
    std::fs::create_dir_all(&db).unwrap();
    std::fs::write(db.join("shuttles.yaml"), RETIREMENT).unwrap();
    let right = write_draft(
        &dir,
        "right.md",
        "---\ndate: 2011-04-01\n---\nSpace Shuttle Discovery was retired on March 9.\n",
    );
    let wrong = write_draft(
        &dir,
        "wrong.md",
        "---\ndate: 2011-04-01\n---\nSpace Shuttle Discovery was retired on March 7.\n",
    );
    let (rules_arg, db_arg) = (rules.to_str().unwrap(), db.to_str().unwrap());
    let base = ["--rules", rules_arg, "--db", db_arg];

    // Before the property exists, the fact file is refused where it names it.
    let refused = claimcheck(&[&["check", right.to_str().unwrap()][..], &base].concat());
    assert_ne!(refused.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("shuttles.yaml") && stderr.contains("retired"),
        "{stderr}"
    );

    let properties = rules.join("properties.yaml");
    let text = std::fs::read_to_string(&properties).unwrap();
    let text = text.replacen(
        "\nqualifiers:\n",
        &format!("\n{RETIRED_PROPERTY}qualifiers:\n"),
        1,
    );
    std::fs::write(&properties, text).unwrap();

    let run = |draft: &Path| json_report(draft, &base);
    assert_eq!(verdict_of(&run(&right), "March 9"), "supported");
    let report = run(&wrong);
    assert_eq!(verdict_of(&report, "March 7"), "contradicted", "{report:#}");
    let explanation = common::claim(&report, "March 7")["explanation"].to_string();
    assert!(explanation.contains("retirement"), "{explanation}");
}
