//! `db lint`: each rule's fixture under `tests/fixtures/lint/<rule-name>/` breaks
//! that rule, and only that rule, at the places listed here; the bundled base
//! passes; every file is read and every problem reported.

mod common;

use claimcheck::lint::Rule;
use common::{claimcheck, fixture, root};
use serde_json::Value;

/// Where each rule's fixture breaks it: (file, line, column).
fn expected(rule: Rule) -> &'static [(&'static str, usize, usize)] {
    match rule {
        Rule::YamlSyntax => &[("events.yaml", 4, 11)],
        Rule::UnknownField => &[
            ("events.yaml", 7, 5),
            ("events.yaml", 13, 5),
            ("events.yaml", 21, 5),
            ("events.yaml", 28, 5),
        ],
        Rule::WrongType => &[
            ("counts.yaml", 10, 12),
            ("events.yaml", 5, 11),
            ("qualifiers.yaml", 13, 13),
            ("qualifiers.yaml", 14, 15),
            ("qualifiers.yaml", 15, 14),
            ("qualifiers.yaml", 16, 18),
        ],
        Rule::MissingField => &[("events.yaml", 4, 5)],
        Rule::UnreadableFile => &[("events.yaml", 1, 1)],
        Rule::HiddenCharacter => &[
            ("events.yaml", 4, 19),
            ("events.yaml", 14, 15),
            ("events.yaml", 17, 25),
        ],
        Rule::DuplicateId => &[("more-events.yaml", 3, 9)],
        Rule::UnknownEntity => &[
            ("events.yaml", 8, 14),
            ("events.yaml", 21, 18),
            ("events.yaml", 29, 14),
            ("events.yaml", 30, 13),
            ("events.yaml", 33, 17),
        ],
        Rule::UnknownProperty => &[("events.yaml", 9, 15), ("events.yaml", 19, 19)],
        Rule::SharedAlias => &[
            ("imported.yaml", 11, 20),
            ("imported.yaml", 14, 11),
            ("imported.yaml", 18, 11),
            ("imported.yaml", 22, 11),
            ("people.yaml", 7, 15),
            ("people.yaml", 11, 20),
        ],
        Rule::WrongKind => &[
            ("people.yaml", 6, 12),
            ("people.yaml", 13, 12),
            ("people.yaml", 23, 13),
            ("people.yaml", 31, 13),
        ],
        Rule::UnknownQualifier => &[("events.yaml", 14, 7), ("events.yaml", 23, 7)],
        Rule::MissingSources => &[("events.yaml", 7, 9), ("events.yaml", 15, 14)],
        Rule::InvalidSource => &[
            ("events.yaml", 13, 14),
            ("events.yaml", 16, 16),
            ("events.yaml", 21, 15),
            ("events.yaml", 27, 9),
        ],
        Rule::InvalidDate => &[("events.yaml", 10, 11), ("events.yaml", 21, 15)],
        Rule::EndBeforeStart => &[("offices.yaml", 19, 10)],
        Rule::ConflictingTime => &[("events.yaml", 13, 11), ("events.yaml", 21, 10)],
        Rule::IncompleteFact => &[("events.yaml", 10, 9), ("events.yaml", 17, 9)],
        Rule::InvalidValue => &[
            ("events.yaml", 16, 12),
            ("events.yaml", 24, 12),
            ("events.yaml", 32, 12),
        ],
        Rule::Contradiction => &[
            ("events.yaml", 23, 9),
            ("events.yaml", 45, 9),
            ("people.yaml", 24, 9),
        ],
        Rule::OverlappingTerms => &[
            ("imported.yaml", 22, 9),
            ("offices.yaml", 29, 9),
            ("offices.yaml", 37, 9),
        ],
        Rule::SharedWikidata => &[("people.yaml", 7, 15), ("people.yaml", 11, 15)],
        Rule::ImportedDisagrees => &[
            ("imported.yaml", 17, 9),
            ("imported.yaml", 24, 9),
            ("imported.yaml", 33, 9),
            ("imported.yaml", 43, 9),
            ("imported.yaml", 50, 9),
        ],
    }
}

/// The findings of `expected` that are warnings: where an imported record is one
/// of those that clash.
fn expected_warnings(rule: Rule) -> &'static [(&'static str, usize, usize)] {
    match rule {
        Rule::SharedAlias => &[
            ("imported.yaml", 11, 20),
            ("imported.yaml", 14, 11),
            ("imported.yaml", 18, 11),
            ("imported.yaml", 22, 11),
        ],
        Rule::OverlappingTerms => &[("imported.yaml", 22, 9), ("offices.yaml", 37, 9)],
        Rule::ImportedDisagrees => expected(rule),
        _ => &[],
    }
}

fn lint_json(dir: &str) -> (Option<i32>, Value) {
    let output = claimcheck(&["db", "lint", dir, "--format", "json"]);
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "lint output is JSON ({e}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code(), report)
}

#[test]
fn each_rule_fixture_fails_with_its_rule_name_and_location() {
    let mut failures = Vec::new();
    for rule in Rule::ALL {
        let dir = fixture("lint").join(rule.name());
        assert!(dir.is_dir(), "no fixture for rule {}", rule.name());
        let (code, report) = lint_json(dir.to_str().unwrap());
        // Warnings alone pass.
        let wanted_code = if rule.is_unreadable() {
            2
        } else if expected(rule).len() == expected_warnings(rule).len() {
            0
        } else {
            1
        };
        if code != Some(wanted_code) {
            failures.push(format!("{}: exit {code:?}, not {wanted_code}", rule.name()));
        }
        let mut found: Vec<(String, String, usize, usize, String)> = report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| {
                let file = d["file"].as_str().unwrap_or_default();
                let name = file.rsplit('/').next().unwrap_or_default();
                (
                    d["rule"].as_str().unwrap_or_default().to_string(),
                    name.to_string(),
                    d["line"].as_u64().unwrap_or_default() as usize,
                    d["column"].as_u64().unwrap_or_default() as usize,
                    d["severity"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        found.sort();
        let wanted: Vec<(String, String, usize, usize, String)> = expected(rule)
            .iter()
            .map(|&(file, line, column)| {
                let warning = expected_warnings(rule).contains(&(file, line, column));
                (
                    rule.name().to_string(),
                    file.to_string(),
                    line,
                    column,
                    if warning { "warning" } else { "error" }.to_string(),
                )
            })
            .collect();
        if found != wanted {
            failures.push(format!(
                "{}: found {found:?}, wanted {wanted:?}",
                rule.name()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_finding_names_its_rule_code_and_a_fix() {
    let (_, report) = lint_json(fixture("lint/contradiction").to_str().unwrap());
    for d in report["diagnostics"].as_array().expect("diagnostics") {
        assert_eq!(d["code"], "DB401");
        assert!(
            d["message"]
                .as_str()
                .is_some_and(|m| m.contains("contradicts"))
        );
        assert!(d["fix"].as_str().is_some_and(|f| !f.is_empty()));
    }
}

#[test]
fn the_bundled_fact_base_passes_lint() {
    let output = claimcheck(&["db", "lint", "claims"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("no problems"), "{stdout}");
}

#[test]
fn the_text_output_gives_location_code_rule_and_fix() {
    let dir = fixture("lint/unknown-entity");
    let output = claimcheck(&["db", "lint", dir.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(
            "unknown-entity/events.yaml:8:14: DB102 unknown-entity unknown entity `fixture-evnt` as subject"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("(did you mean `fixture-event`?)"),
        "{stdout}"
    );
}

#[test]
fn a_qualifier_its_property_does_not_take_names_those_it_does() {
    let dir = fixture("lint/unknown-qualifier");
    let output = claimcheck(&["db", "lint", dir.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(
            "unknown-qualifier/events.yaml:23:7: DB106 unknown-qualifier `occurred` facts take no `round` qualifier"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("(`occurred` takes the qualifier place)"),
        "{stdout}"
    );
}

#[test]
fn the_readme_lists_every_rule_with_its_code() {
    let readme = std::fs::read_to_string(root().join("claims/README.md")).unwrap();
    for rule in Rule::ALL {
        let row = format!("| {} | `{}` |", rule.code(), rule.name());
        assert!(readme.contains(&row), "claims/README.md has no row {row}");
    }
}

#[test]
fn every_file_is_read_and_every_error_reported() {
    let dir = tempfile::tempdir().unwrap();
    for (rule, file) in [
        ("yaml-syntax", "events.yaml"),
        ("invalid-date", "events.yaml"),
        ("overlapping-terms", "offices.yaml"),
    ] {
        let text = std::fs::read(fixture("lint").join(rule).join(file)).unwrap();
        std::fs::write(dir.path().join(format!("{rule}.yaml")), text).unwrap();
    }
    let (code, report) = lint_json(dir.path().to_str().unwrap());
    assert_eq!(code, Some(1));
    let rules: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["rule"].as_str())
        .collect();
    assert_eq!(
        rules,
        [
            "invalid-date",
            "invalid-date",
            "overlapping-terms",
            "yaml-syntax"
        ]
    );
}

fn lint_text(dir: &std::path::Path) -> String {
    let output = claimcheck(&["db", "lint", dir.to_str().unwrap()]);
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn every_broken_record_of_a_file_is_reported_in_one_run_with_close_field_names() {
    let stdout = lint_text(&fixture("lint/unknown-field"));
    let findings: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("DB002 unknown-field"))
        .collect();
    assert_eq!(findings.len(), 4, "{stdout}");
    for (field, suggestion) in [
        ("alias", Some("aliases")),
        ("colour", None),
        ("sorces", Some("sources")),
        ("notes", Some("note")),
    ] {
        let finding = findings
            .iter()
            .find(|l| l.contains(&format!("unknown field `{field}`")))
            .unwrap_or_else(|| panic!("no finding for `{field}`: {stdout}"));
        match suggestion {
            Some(known) => assert!(
                finding.contains(&format!("(did you mean `{known}`?)")),
                "{finding}"
            ),
            None => assert!(!finding.contains("did you mean"), "{finding}"),
        }
    }
    assert!(
        stdout.contains("fix: rename `sorces` to `sources`"),
        "{stdout}"
    );
}

#[test]
fn a_type_error_in_one_fact_does_not_hide_the_problems_of_the_next() {
    let (code, report) = lint_json(fixture("lint-every-record").to_str().unwrap());
    assert_eq!(code, Some(1));
    let found: Vec<(&str, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or_default(),
                d["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("wrong-type", 9),
            ("unknown-entity", 16),
            ("missing-sources", 22),
            ("invalid-source", 30),
        ]
    );
    assert_eq!(
        report["diagnostics"][0]["message"],
        "a single value belongs here, not a list or a mapping"
    );
}

#[test]
fn a_source_written_as_a_bare_address_is_told_what_a_source_is() {
    let stdout = lint_text(&fixture("lint/invalid-source"));
    let bare: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("a source is a mapping with `url` and `title`"))
        .collect();
    assert_eq!(bare.len(), 2, "{stdout}");
    for line in bare {
        assert!(line.contains("DB202 invalid-source"), "{line}");
        assert!(
            line.contains("write `- url: https://example.org/fixture` and `title: …`"),
            "{line}"
        );
    }
    assert!(!stdout.contains("expected mapping"), "{stdout}");
    assert!(!stdout.contains("invalid type"), "{stdout}");
}

#[test]
fn a_shared_name_is_reported_in_both_files_each_naming_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let person = |id: &str, name: &str| {
        format!(
            "entities:\n  - id: {id}\n    name: {name}\n    kind: person\n    aliases: [Example]\n"
        )
    };
    std::fs::write(
        dir.path().join("a.yaml"),
        person("person-one", "Alex Example"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.yaml"),
        person("person-two", "Sam Example"),
    )
    .unwrap();
    let (code, report) = lint_json(dir.path().to_str().unwrap());
    assert_eq!(code, Some(1));
    let messages: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap_or_default();
            let name = file.rsplit('/').next().unwrap_or_default().to_string();
            (name, d["message"].as_str().unwrap_or_default().to_string())
        })
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert_eq!(messages[0].0, "a.yaml");
    assert!(
        messages[0].1.contains("`person-two` (") && messages[0].1.contains("b.yaml:5:15)"),
        "{messages:?}"
    );
    assert_eq!(messages[1].0, "b.yaml");
    assert!(
        messages[1].1.contains("`person-one` (") && messages[1].1.contains("a.yaml:5:15)"),
        "{messages:?}"
    );
}

#[test]
fn a_missing_directory_is_bad_input() {
    let output = claimcheck(&["db", "lint", "no-such-directory"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn check_refuses_a_base_that_fails_lint_with_the_same_findings() {
    let output = claimcheck(&[
        "check",
        root()
            .join("tests/drafts/iraq-briefing.md")
            .to_str()
            .unwrap(),
        "--db",
        fixture("lint/contradiction").to_str().unwrap(),
        "--no-cache",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("events.yaml:23:9: fact `fixture-event-rockets-police` contradicts"),
        "{stderr}"
    );
    assert!(stderr.contains("[contradiction]"), "{stderr}");
}

#[test]
fn every_property_describes_itself_and_the_words_that_state_it() {
    use claimcheck::factbase::Role;
    let rules = claimcheck::rules::Rules::load(&root().join("rules")).unwrap();
    assert!(rules.properties.definitions().len() >= 20);
    for definition in rules.properties.definitions() {
        assert!(definition.description.len() > 20, "{}", definition.id);
        assert!(
            definition.label.contains("{subject}") || definition.label.contains("{object}"),
            "{}",
            definition.id
        );
        // What happens, begins or holds is stated in words; drafts tie dates to it by them.
        let needs_words = matches!(
            definition.role,
            Role::Occurrence | Role::State | Role::Birth | Role::Death
        );
        assert!(
            !needs_words || !definition.words.is_empty(),
            "{} states things but lists no words for them",
            definition.id
        );
    }
}
