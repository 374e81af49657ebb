//! The rules' files as parsed, kept on disk so a run skips their YAML, which is
//! most of compiling the rules. YAML stays the source of truth: a cache file is
//! named by a key hashed from every rules file's text, the crate version and
//! this format's version, and holds a checksum seeded with that key before its
//! JSON. A cache that is missing, torn, corrupt or unreadable is parsed from the
//! YAML again and rewritten, never trusted; one is only written when its JSON
//! reads back to the very same files.
//!
//! Layout: the checksum in 16 hex digits and a line end, then the files in JSON.

use crate::cache_dir;
use crate::output::{self, Access, Inputs};
use crate::rules::{RuleFiles, RuleTexts, RulesError};
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::{Xxh3, xxh3_64_with_seed};

/// Bumped whenever the shape of the parsed files changes.
const FORMAT_VERSION: u32 = 2;

/// The most rules caches kept in one directory: each edit of a rules file makes
/// another.
const KEPT_RULES: usize = 16;

/// What a load did with the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RulesCacheUse {
    /// No cache directory was given.
    Off,
    /// Read from the cache.
    Hit,
    /// Parsed from YAML (and written to the cache when it could be).
    Miss,
}

/// The rules' files parsed from `texts`, through the cache in `cache_dir` when
/// one is given. `rules_dir` only names the files in errors.
pub fn parse(
    cache_dir: Option<&Path>,
    rules_dir: &Path,
    texts: &RuleTexts,
) -> Result<(RuleFiles, RulesCacheUse), RulesError> {
    let Some(cache_dir) = cache_dir else {
        return Ok((RuleFiles::parse(rules_dir, texts)?, RulesCacheUse::Off));
    };
    let key = key(texts);
    let file = cache_file(cache_dir, key);
    if let Some(files) = read(&file, key) {
        return Ok((files, RulesCacheUse::Hit));
    }
    let files = RuleFiles::parse(rules_dir, texts)?;
    // A cache that cannot be written only costs the next run a parse.
    let _ = write(cache_dir, &file, key, &files);
    Ok((files, RulesCacheUse::Miss))
}

/// The key of rules with these texts.
fn key(texts: &RuleTexts) -> u128 {
    let mut hasher = Xxh3::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(&FORMAT_VERSION.to_le_bytes());
    for text in texts.all() {
        // Lengths first, so no two sets of texts hash alike by moving bytes from
        // one file to the next.
        hasher.update(&(text.len() as u64).to_le_bytes());
        hasher.update(text.as_bytes());
    }
    hasher.digest128()
}

fn cache_file(cache_dir: &Path, key: u128) -> PathBuf {
    cache_dir.join(format!("rules-{key:032x}.json"))
}

/// Whether a file name is one `cache_file` gives.
fn is_cache_name(name: &str) -> bool {
    name.strip_prefix("rules-")
        .and_then(|rest| rest.strip_suffix(".json"))
        .is_some_and(|hash| hash.len() == 32 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn seed(key: u128) -> u64 {
    (key as u64) ^ ((key >> 64) as u64)
}

/// The files cached under `key`, if the file is whole and reads back.
fn read(file: &Path, key: u128) -> Option<RuleFiles> {
    let bytes = std::fs::read(file).ok()?;
    let (checksum, json) = bytes.split_at_checked(17)?;
    let checksum = std::str::from_utf8(checksum.strip_suffix(b"\n")?).ok()?;
    let checksum = u64::from_str_radix(checksum, 16).ok()?;
    if xxh3_64_with_seed(json, seed(key)) != checksum {
        return None;
    }
    serde_json::from_slice(json).ok()
}

/// Writes the files under `key`, whole or not at all; nothing when their JSON
/// would not read back to the same files.
fn write(cache_dir: &Path, file: &Path, key: u128, files: &RuleFiles) -> Result<(), String> {
    let json = serde_json::to_vec(files).map_err(|e| e.to_string())?;
    let back: RuleFiles = serde_json::from_slice(&json).map_err(|e| e.to_string())?;
    // Compared as JSON values, whose maps are sorted: the files' hash maps list
    // their entries in any order.
    let value = |files: &RuleFiles| serde_json::to_value(files).map_err(|e| e.to_string());
    if value(&back)? != value(files)? {
        return Err("the rules do not read back from JSON as they were".into());
    }
    cache_dir::create_private(cache_dir).map_err(|e| e.to_string())?;
    let checksum = xxh3_64_with_seed(&json, seed(key));
    output::write_with(file, &Inputs::default(), Access::Private, |out| {
        out.write_all(format!("{checksum:016x}\n").as_bytes())?;
        out.write_all(&json)
    })
    .map_err(|e| e.to_string())?;
    cache_dir::remove_oldest(cache_dir, file, KEPT_RULES, is_cache_name);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> (PathBuf, RuleTexts) {
        (
            crate::bundled::rules_dir(),
            RuleTexts::bundled().expect("bundled rules"),
        )
    }

    /// The files as JSON values, whose maps are sorted, to compare two loads.
    fn value(files: &RuleFiles) -> serde_json::Value {
        serde_json::to_value(files).expect("the files write as JSON")
    }

    #[test]
    fn rules_are_parsed_once_then_read_from_the_cache_as_they_were() {
        let cache = tempfile::tempdir().unwrap();
        let (dir, texts) = bundled();
        let (parsed, first) = parse(Some(cache.path()), &dir, &texts).unwrap();
        let (cached, second) = parse(Some(cache.path()), &dir, &texts).unwrap();
        assert_eq!((first, second), (RulesCacheUse::Miss, RulesCacheUse::Hit));
        assert_eq!(value(&cached), value(&parsed));
        assert!(crate::rules::Rules::from_files(cached, &dir).is_ok());
        let (_, off) = parse(None, &dir, &texts).unwrap();
        assert_eq!(off, RulesCacheUse::Off);
    }

    #[test]
    fn a_corrupt_or_torn_cache_is_parsed_again_and_rewritten() {
        let cache = tempfile::tempdir().unwrap();
        let (dir, texts) = bundled();
        parse(Some(cache.path()), &dir, &texts).unwrap();
        let file = cache_file(cache.path(), key(&texts));
        let whole = std::fs::read(&file).unwrap();
        // A changed value (a threshold's digit), then a torn file.
        let at = whole.len() / 2;
        let mut changed = whole.clone();
        changed[at] = if changed[at] == b'1' { b'2' } else { b'1' };
        for broken in [changed, whole[..at].to_vec(), Vec::new()] {
            std::fs::write(&file, &broken).unwrap();
            let (_, used) = parse(Some(cache.path()), &dir, &texts).unwrap();
            assert_eq!(used, RulesCacheUse::Miss);
            let (_, used) = parse(Some(cache.path()), &dir, &texts).unwrap();
            assert_eq!(used, RulesCacheUse::Hit);
        }
    }

    #[test]
    fn rules_whose_text_changed_are_parsed_anew() {
        let cache = tempfile::tempdir().unwrap();
        let (dir, mut texts) = bundled();
        parse(Some(cache.path()), &dir, &texts).unwrap();
        texts.names = texts.names.replace("weak-match: 0.8", "weak-match: 0.75");
        let (files, used) = parse(Some(cache.path()), &dir, &texts).unwrap();
        assert_eq!(used, RulesCacheUse::Miss);
        assert_eq!(value(&files)["names"]["weak-match"], 0.75);
    }

    #[test]
    fn only_the_most_recently_written_rules_are_kept() {
        let cache = tempfile::tempdir().unwrap();
        let (dir, texts) = bundled();
        std::fs::write(cache.path().join("notes.txt"), "kept").unwrap();
        for i in 0..KEPT_RULES + 2 {
            let mut edited = texts.clone();
            edited.hedges.push_str(&format!("\n# edit {i}\n"));
            parse(Some(cache.path()), &dir, &edited).unwrap();
        }
        let names: Vec<String> = std::fs::read_dir(cache.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names.iter().filter(|n| is_cache_name(n)).count(),
            KEPT_RULES
        );
        assert!(names.iter().any(|n| n == "notes.txt"));
    }
}
