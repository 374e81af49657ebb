//! The compiled cache: used when the fact files are unchanged, never when they
//! changed, and ignored when corrupt or cut short. `db stats` reports what the
//! cache did.

mod common;

use common::{claimcheck, root};
use serde_json::Value;
use std::path::Path;

fn stats(db: &Path, cache: &Path) -> Value {
    let output = claimcheck(&[
        "db",
        "stats",
        "--format",
        "json",
        "--db",
        db.to_str().unwrap(),
        "--cache-dir",
        cache.to_str().unwrap(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

/// A copy of the bundled fact base to change freely.
fn copy_of_claims() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(root().join("claims")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

/// The fact base's cache file, the only one beside the rules' cache.
fn the_cache_file(cache: &Path) -> std::path::PathBuf {
    let files: Vec<_> = std::fs::read_dir(cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|path| !path.to_string_lossy().ends_with(".json"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

#[test]
fn a_second_run_loads_from_the_cache_with_the_same_content() {
    let db = copy_of_claims();
    let cache = tempfile::tempdir().unwrap();
    let first = stats(db.path(), cache.path());
    assert!(
        first["cache"].as_str().unwrap().starts_with("miss"),
        "{first}"
    );
    let second = stats(db.path(), cache.path());
    assert_eq!(second["cache"], "hit");
    for field in [
        "entities",
        "facts",
        "series",
        "names",
        "sources",
        "facts_by_property",
    ] {
        assert_eq!(first[field], second[field], "{field}");
    }
}

#[test]
fn a_changed_fact_file_is_never_served_from_the_cache() {
    let db = copy_of_claims();
    let cache = tempfile::tempdir().unwrap();
    stats(db.path(), cache.path());
    let file = db.path().join("iraq-rocket-attacks-2020.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("value: 3", "value: 4")).unwrap();
    let after = stats(db.path(), cache.path());
    assert_eq!(
        after["cache"],
        "miss (fact files changed since the cache was written)"
    );
    // The new content is what was loaded, and is cached from now on.
    let find = claimcheck(&[
        "db",
        "find",
        "Burjesia rocket attack",
        "--format",
        "json",
        "--db",
        db.path().to_str().unwrap(),
        "--cache-dir",
        cache.path().to_str().unwrap(),
    ]);
    let found: Value = serde_json::from_slice(&find.stdout).unwrap();
    let count = found["matches"][0]["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["property"] == "count")
        .cloned()
        .unwrap();
    assert_eq!(count["value"], 4.0);
}

#[test]
fn a_cache_edited_and_given_a_fresh_plain_checksum_is_refused() {
    let db = copy_of_claims();
    let cache = tempfile::tempdir().unwrap();
    stats(db.path(), cache.path());
    let file = the_cache_file(cache.path());
    let mut bytes = std::fs::read(&file).unwrap();
    // Magic (8), key (16), payload length (8), checksum (8), payload.
    let (header, payload) = bytes.split_at_mut(40);
    let name = b"Mustafa al-Kadhimi";
    let at = payload
        .windows(name.len())
        .position(|w| w == name)
        .expect("the name is in the payload");
    payload[at..at + name.len()].copy_from_slice(b"Mustafa al-Kadhimx");
    let forged = xxhash_rust::xxh3::xxh3_64(payload);
    header[32..40].copy_from_slice(&forged.to_le_bytes());
    std::fs::write(&file, &bytes).unwrap();
    assert_eq!(
        stats(db.path(), cache.path())["cache"],
        "miss (cache file corrupt (checksum mismatch))"
    );
}

#[cfg(unix)]
#[test]
fn the_cache_directory_is_made_private() {
    use std::os::unix::fs::PermissionsExt;
    let parent = tempfile::tempdir().unwrap();
    let cache = parent.path().join("cache");
    stats(&root().join("claims"), &cache);
    let mode = std::fs::metadata(&cache).unwrap().permissions().mode();
    assert_eq!(mode & 0o077, 0, "{mode:o}");
    let mode = std::fs::metadata(the_cache_file(&cache))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o077, 0, "{mode:o}");
}

#[test]
fn a_corrupt_or_truncated_cache_is_ignored_and_rewritten() {
    let db = copy_of_claims();
    let cache = tempfile::tempdir().unwrap();
    let fresh = stats(db.path(), cache.path());
    let file = the_cache_file(cache.path());
    let mut bytes = std::fs::read(&file).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&file, &bytes).unwrap();
    let after = stats(db.path(), cache.path());
    assert_eq!(
        after["cache"],
        "miss (cache file corrupt (checksum mismatch))"
    );
    assert_eq!(after["facts"], fresh["facts"]);
    assert_eq!(stats(db.path(), cache.path())["cache"], "hit");

    std::fs::write(&file, &bytes[..10]).unwrap();
    assert_eq!(
        stats(db.path(), cache.path())["cache"],
        "miss (cache file too short)"
    );

    // Cut inside the payload, or with bytes after it: the header is whole, the
    // payload is not what it says.
    let whole = std::fs::read(&file).unwrap();
    let mut longer = whole.clone();
    longer.extend_from_slice(b"extra");
    for damaged in [&whole[..whole.len() / 2], &longer[..]] {
        std::fs::write(&file, damaged).unwrap();
        let after = stats(db.path(), cache.path());
        assert!(
            after["cache"]
                .as_str()
                .unwrap()
                .starts_with("miss (cache file"),
            "{after:#}"
        );
        assert_eq!(after["facts"], fresh["facts"]);
    }
}

#[test]
fn no_cache_reads_and_writes_none_and_the_default_follows_xdg_cache_home() {
    let cache = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_claimcheck"))
            .args(["db", "stats", "--format", "json"])
            .args(extra)
            .current_dir(root())
            .env("XDG_CACHE_HOME", cache.path())
            .output()
            .unwrap();
        serde_json::from_slice::<Value>(&output.stdout).unwrap()
    };
    assert_eq!(run(&["--no-cache"])["cache"], "off");
    assert!(!cache.path().join("claimcheck").exists());
    run(&[]);
    assert!(the_cache_file(&cache.path().join("claimcheck")).is_file());
}

#[test]
fn the_committed_schema_is_what_db_schema_prints() {
    let output = claimcheck(&["db", "schema"]);
    assert_eq!(output.status.code(), Some(0));
    let printed = String::from_utf8(output.stdout).unwrap();
    let committed = std::fs::read_to_string(root().join("claims/fact-file.schema.json")).unwrap();
    assert!(
        printed == committed,
        "claims/fact-file.schema.json is out of date: run `cargo run -- db schema > claims/fact-file.schema.json`"
    );
}

#[test]
fn every_bundled_fact_file_points_editors_at_the_schema() {
    for entry in std::fs::read_dir(root().join("claims")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                text.starts_with("# yaml-language-server: $schema=fact-file.schema.json\n"),
                "{}",
                path.display()
            );
        }
    }
}
