//! The parsed rules cached beside the fact base: a run that reads them from the
//! cache reports what a run that parses their YAML does, and a damaged cache is
//! never used.

mod common;

use common::{claimcheck, draft};
use std::path::{Path, PathBuf};

/// `check` of a draft with planted errors, as JSON, with the cache in `cache`
/// (none when `None`).
fn check(cache: Option<&Path>) -> Vec<u8> {
    let draft = draft("uk-autumn-2022-wrong.md");
    let mut args = vec!["check", draft.to_str().unwrap(), "--format", "json"];
    match cache {
        Some(dir) => args.extend(["--cache-dir", dir.to_str().unwrap()]),
        None => args.push("--no-cache"),
    }
    let output = claimcheck(&args);
    assert!(!output.stdout.is_empty(), "{output:?}");
    output.stdout
}

fn rules_caches(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect()
}

#[test]
fn a_run_from_the_rules_cache_reports_what_a_run_from_yaml_does() {
    let cache = tempfile::tempdir().unwrap();
    let from_yaml = check(None);
    let writing = check(Some(cache.path()));
    assert_eq!(rules_caches(cache.path()).len(), 1);
    let reading = check(Some(cache.path()));
    assert_eq!(writing, from_yaml);
    assert_eq!(reading, from_yaml);
}

#[test]
fn a_rules_cache_edited_without_its_checksum_is_not_used() {
    let cache = tempfile::tempdir().unwrap();
    let from_yaml = check(None);
    check(Some(cache.path()));
    let [file] = rules_caches(cache.path()).try_into().unwrap();
    // The weak-match threshold, lowered so far that any name would match.
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replace("\"weak-match\":0.8", "\"weak-match\":0.01");
    assert_ne!(edited, text, "the threshold is in the cache");
    std::fs::write(&file, edited).unwrap();
    assert_eq!(check(Some(cache.path())), from_yaml);
    assert_eq!(std::fs::read_to_string(&file).unwrap().len(), text.len());
}
