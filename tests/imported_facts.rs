//! Imported fact files beside hand-written ones (`tests/fixtures/imported-claims`):
//! an imported entity of a hand-written entity's Wikidata item is that entity, a
//! hand-written fact wins over an imported one about the same thing, a hand-written
//! entity keeps its names, and a name only imported entities share names none of
//! them, exactly or misspelt.

mod common;

use claimcheck::factbase::{self, FactBase, LoadOptions};
use claimcheck::rules::{RuleTexts, Rules};
use common::{claim, claimcheck, fixture, json_report, root, write_draft};
use serde_json::Value;
use std::path::Path;

fn db() -> String {
    fixture("imported-claims").to_str().unwrap().to_string()
}

/// The JSON report of `text` checked against the base in `db`.
fn check(db: &str, text: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let draft = write_draft(&dir, "draft.md", text);
    json_report(&draft, &["--db", db, "--no-cache", "--as-of", "2023-01-01"])
}

/// The fact ids and files of a claim's evidence.
fn evidence(claim: &Value) -> Vec<(String, String)> {
    claim["evidence"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            let file = e["file"].as_str().unwrap_or_default();
            (
                e["fact"].as_str().unwrap_or_default().to_string(),
                file.rsplit('/').next().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// What `db find` shows for `name` in `db`.
fn find(db: &str, name: &str) -> Value {
    let output = claimcheck(&[
        "db",
        "find",
        name,
        "--db",
        db,
        "--no-cache",
        "--format",
        "json",
    ]);
    serde_json::from_slice(&output.stdout).expect("db find prints JSON")
}

fn ids(found: &Value) -> Vec<&str> {
    found["matches"]
        .as_array()
        .expect("matches")
        .iter()
        .filter_map(|m| m["id"].as_str())
        .collect()
}

#[test]
fn a_draft_naming_the_imported_alias_gets_the_hand_written_entity_and_its_imported_facts() {
    let report = check(
        &db(),
        "Abe Shinzo was born on 21 September 1954 in Tokyo.\n",
    );
    let born = claim(&report, "21 September 1954");
    assert_eq!(born["verdict"], "supported", "{born:#}");
    assert_eq!(
        evidence(born),
        [(
            "q132345-p569-5b0c1d2e".to_string(),
            "imported-people.yaml".to_string()
        )]
    );
    // One entity, the hand-written one, with the import's names and facts.
    let found = find(&db(), "Abe Shinzo");
    assert_eq!(ids(&found), ["shinzo-abe"], "{found:#}");
    let entity = &found["matches"][0];
    let aliases: Vec<&str> = entity["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(aliases, ["Shinzō Abe", "Abe Shinzo"]);
    assert!(entity["file"].as_str().unwrap().ends_with("japan.yaml"));
    // Imported facts name the imported office, which is the hand-written one.
    let offices: Vec<&str> = entity["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["property"] == "held-office")
        .filter_map(|f| f["object"].as_str())
        .collect();
    assert_eq!(
        offices,
        ["prime-minister-of-japan", "prime-minister-of-japan"]
    );
}

#[test]
fn a_hand_written_fact_wins_where_an_imported_one_disagrees() {
    let report = check(
        &db(),
        "Abe Shinzo died on 9 July 2022.\n\nAbe Shinzo died on 8 July 2022.\n",
    );
    let hand_written = [("abe-died".to_string(), "japan.yaml".to_string())];
    let imported_date = claim(&report, "9 July 2022");
    assert_eq!(
        imported_date["verdict"], "contradicted",
        "{imported_date:#}"
    );
    assert_eq!(evidence(imported_date), hand_written);
    let hand_date = claim(&report, "8 July 2022");
    assert_eq!(hand_date["verdict"], "supported", "{hand_date:#}");
    assert_eq!(evidence(hand_date), hand_written);
}

#[test]
fn lint_warns_at_a_disagreement_with_both_places_and_passes() {
    let output = claimcheck(&["db", "lint", &db()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    let finding = stdout
        .lines()
        .find(|l| l.contains("`q132345-p570-3e4f5a6b`"))
        .unwrap_or_else(|| panic!("no finding for the imported death: {stdout}"));
    assert!(
        finding.contains(
            "imported-claims/imported-people.yaml:43:9: DB108 imported-disagrees warning:"
        ),
        "{finding}"
    );
    assert!(
        finding.contains("`abe-died` (") && finding.contains("imported-claims/japan.yaml:45:9)"),
        "{finding}"
    );
    assert!(
        finding.contains("date 2022-07-09 against 2022-07-08")
            && finding.contains("the hand-written fact wins"),
        "{finding}"
    );
    assert!(
        stdout.ends_with("5 warnings in 1 of 2 fact files\n"),
        "{stdout}"
    );
}

#[test]
fn an_imported_fact_that_agrees_with_a_hand_written_one_is_left_out_as_a_repeat() {
    // The imported second term gives its start to the month only: it agrees.
    let found = find(&db(), "Shinzo Abe");
    let facts: Vec<&str> = found["matches"][0]["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["id"].as_str())
        .collect();
    assert_eq!(
        facts,
        [
            "q132345-p569-5b0c1d2e",
            "abe-prime-minister-first-term",
            "abe-prime-minister-second-term",
            "abe-died",
        ]
    );
    let output = claimcheck(&["db", "lint", &db()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains("q132345-p39-6a7b8c9d"), "{stdout}");
}

#[test]
fn a_hand_written_entity_keeps_a_name_an_imported_one_shares() {
    // The imported namesake was born that day; the hand-written one's birth is not
    // in the base, so the claim cannot be decided.
    let report = check(&db(), "Nobuo Kishi was born on 1 April 1959.\n");
    let born = claim(&report, "1 April 1959");
    assert_eq!(born["verdict"], "unverified", "{born:#}");
    assert_eq!(ids(&find(&db(), "Nobuo Kishi")), ["nobuo-kishi"]);
    let output = claimcheck(&["db", "lint", &db()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(
            "imported-people.yaml:23:11: DB104 shared-alias warning: `Nobuo Kishi` is also a name of hand-written `nobuo-kishi` ("
        ) && stdout.contains("imported-claims/japan.yaml:19:11), which keeps it"),
        "{stdout}"
    );
}

const NAMESAKES: &str = "Kenji Yamada was born on 3 March 1961.\n\n\
    Kenji Yamada was born on 4 March 1961.\n\n\
    Kenji Yamadda was born on 20 November 1972.\n";

#[test]
fn a_name_only_imported_entities_share_names_none_of_them() {
    let report = check(&db(), NAMESAKES);
    for date in ["3 March 1961", "4 March 1961", "20 November 1972"] {
        let born = claim(&report, date);
        assert_eq!(born["verdict"], "unverified", "{born:#}");
        assert_eq!(evidence(born), [], "{born:#}");
    }
    // `db find` shows every entity of the name.
    assert_eq!(
        ids(&find(&db(), "Kenji Yamada")),
        ["q900000002", "q900000003"]
    );
}

#[test]
fn with_one_namesake_left_the_name_is_its_own() {
    // The same draft against the import without the second Kenji Yamada: the name,
    // and its misspelling, find the first, so the check above could fail.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("imported-claims/japan.yaml"),
        dir.path().join("japan.yaml"),
    )
    .unwrap();
    let imported =
        std::fs::read_to_string(fixture("imported-claims/imported-people.yaml")).unwrap();
    let without_second = imported
        .replace("Kenji Yamada (Q900000003)", "Kenji Tanaka (Q900000003)")
        .replacen(
            "name: Kenji Yamada\n    kind: person\n    wikidata: Q900000003",
            "name: Kenji Tanaka\n    kind: person\n    wikidata: Q900000003",
            1,
        );
    assert_ne!(without_second, imported);
    std::fs::write(dir.path().join("imported-people.yaml"), without_second).unwrap();
    let report = check(dir.path().to_str().unwrap(), NAMESAKES);
    assert_eq!(claim(&report, "3 March 1961")["verdict"], "supported");
    assert_eq!(claim(&report, "4 March 1961")["verdict"], "contradicted");
}

fn rules() -> Rules {
    Rules::load(&root().join("rules")).expect("bundled rules load")
}

fn load(dir: &Path, cache: Option<&Path>) -> (FactBase, factbase::CacheUse) {
    let options = LoadOptions {
        cache_dir: cache.map(Path::to_path_buf),
    };
    factbase::load_dir_with(dir, &rules(), &options).expect("the base loads")
}

/// An entity's id and names, and whether it is imported.
type MergedEntity = (String, Vec<String>, bool);

/// What the merge decided: each entity with its names, and each fact kept.
fn merged(base: &FactBase) -> (Vec<MergedEntity>, Vec<String>) {
    (
        base.entities
            .iter()
            .map(|e| (e.id.clone(), e.aliases.clone(), e.imported))
            .collect(),
        base.facts.iter().map(|f| f.id.clone()).collect(),
    )
}

#[test]
fn the_cache_keeps_the_merge_and_is_not_used_once_a_link_changes() {
    let dir = tempfile::tempdir().unwrap();
    for file in ["japan.yaml", "imported-people.yaml"] {
        std::fs::copy(fixture("imported-claims").join(file), dir.path().join(file)).unwrap();
    }
    let cache = tempfile::tempdir().unwrap();
    let (compiled, first) = load(dir.path(), Some(cache.path()));
    assert!(
        matches!(first, factbase::CacheUse::Miss { .. }),
        "{first:?}"
    );
    let (cached, second) = load(dir.path(), Some(cache.path()));
    assert_eq!(second, factbase::CacheUse::Hit);
    assert_eq!(merged(&cached), merged(&compiled));
    let shared = claimcheck::factbase::name_key("Kenji Yamada");
    assert!(cached.names.is_ambiguous(&shared) && cached.names.exact(&shared).is_empty());
    // Without its `wikidata` id the hand-written Abe is no longer the imported one.
    let hand = dir.path().join("japan.yaml");
    let text = std::fs::read_to_string(&hand).unwrap();
    std::fs::write(&hand, text.replacen("    wikidata: Q132345\n", "", 1)).unwrap();
    let (unlinked, third) = load(dir.path(), Some(cache.path()));
    assert!(
        matches!(third, factbase::CacheUse::Miss { .. }),
        "{third:?}"
    );
    assert_ne!(merged(&unlinked), merged(&compiled));
    assert!(
        unlinked
            .entities
            .iter()
            .any(|e| e.id == "q132345" && e.imported)
    );
    assert_eq!(merged(&unlinked), merged(&load(dir.path(), None).0));
}

#[test]
fn imported_series_count_along_the_linked_office_and_a_hand_written_one_comes_first() {
    // The imported file is read first (it sorts first), yet the hand-written series
    // is the one declared for the office.
    let (base, _) = load(&fixture("imported-claims"), None);
    let held_office = base.properties.id("held-office").unwrap();
    let office = base
        .entities
        .iter()
        .position(|e| e.id == "prime-minister-of-japan")
        .unwrap();
    let declared = base
        .declared_series(held_office, office)
        .map(|s| s.id.as_str());
    assert_eq!(declared, Some("prime-ministers-of-japan"));
    let objects: Vec<(&str, Option<usize>)> = base
        .series
        .iter()
        .map(|s| (s.id.as_str(), s.object))
        .collect();
    assert_eq!(
        objects,
        [
            ("prime-ministers-of-japan", Some(office)),
            ("q274948-holders", Some(office))
        ]
    );
}

/// A fact directory holding the imported Japan file, and an empty cache directory.
fn japan_base_and_cache() -> (tempfile::TempDir, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("imported-claims").join("japan.yaml"),
        dir.path().join("japan.yaml"),
    )
    .unwrap();
    (dir, tempfile::tempdir().unwrap())
}

#[test]
fn the_cache_is_rebuilt_when_the_name_folding_changes_and_not_for_a_threshold() {
    let (dir, cache) = japan_base_and_cache();
    let with_names = |edit: &dyn Fn(&str) -> String| {
        let mut texts = RuleTexts::bundled().unwrap();
        texts.names = edit(&texts.names);
        let rules = Rules::from_texts(&root().join("rules"), &texts).expect("rules load");
        let options = LoadOptions {
            cache_dir: Some(cache.path().to_path_buf()),
        };
        factbase::load_dir_with(dir.path(), &rules, &options)
            .unwrap()
            .1
    };
    let first = with_names(&|names| names.to_string());
    assert!(
        matches!(first, factbase::CacheUse::Miss { .. }),
        "{first:?}"
    );
    let thresholds = |names: &str| names.replace("fuzzy-candidates: 16", "fuzzy-candidates: 12");
    assert_eq!(with_names(&thresholds), factbase::CacheUse::Hit);
    let folding = |names: &str| names.replace("    ph: f\n", "    ph: p\n");
    let bundled = RuleTexts::bundled().unwrap().names;
    assert!(thresholds(&bundled) != bundled && folding(&bundled) != bundled);
    let refolded = with_names(&folding);
    assert!(
        matches!(refolded, factbase::CacheUse::Miss { .. }),
        "{refolded:?}"
    );
}

#[test]
fn a_cache_read_for_other_rules_than_those_it_is_finished_with_is_not_used() {
    let (dir, cache) = japan_base_and_cache();
    let options = LoadOptions {
        cache_dir: Some(cache.path().to_path_buf()),
    };
    let rules_dir = root().join("rules");
    let bundled = RuleTexts::bundled().unwrap();
    let mut refolded = bundled.clone();
    refolded.names = refolded.names.replace("    ph: f\n", "    ph: p\n");
    let sources = [factbase::FactSource::Dir(dir.path().to_path_buf())];
    let read = |texts: &RuleTexts| {
        let digest = texts.base_digest(&rules_dir).unwrap();
        factbase::CacheRead::new(&sources, digest, &options).unwrap()
    };
    let rules = |texts: &RuleTexts| Rules::from_texts(&rules_dir, texts).unwrap();
    let (_, first) = read(&bundled).finish(&rules(&bundled)).unwrap();
    assert!(
        matches!(first, factbase::CacheUse::Miss { .. }),
        "{first:?}"
    );
    let (_, again) = read(&bundled).finish(&rules(&bundled)).unwrap();
    assert_eq!(again, factbase::CacheUse::Hit);
    // Read for the bundled rules, finished with others: compiled anew, and cached
    // for those.
    let (base, changed) = read(&bundled).finish(&rules(&refolded)).unwrap();
    assert!(
        matches!(&changed, factbase::CacheUse::Miss { reason } if reason.contains("rules changed")),
        "{changed:?}"
    );
    assert!(!base.entities.is_empty());
    let (_, refolded_again) = read(&refolded).finish(&rules(&refolded)).unwrap();
    assert_eq!(refolded_again, factbase::CacheUse::Hit);
}
