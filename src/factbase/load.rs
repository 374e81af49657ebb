//! Loading a fact base: from the cache when its key matches the files, else read,
//! parsed, linted and compiled, then cached. A base with any lint error is
//! refused whole, with every error.

use super::cache::{self, CacheKey, CacheUse, KeyHasher};
use super::digest::ContentDigest;
use super::read::{self, FileText};
use super::{FactBase, compile};
use crate::lint::{self, Diagnostic, Rule};
use crate::rules::Rules;
use std::path::{Path, PathBuf};

/// How to load: with a cache directory, or without a cache.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub cache_dir: Option<PathBuf>,
}

/// Loads every `.yaml`/`.yml` file under `dir`, without a cache. Returns every
/// problem found, and no base at all when there is any.
pub fn load_dir(dir: &Path, rules: &Rules) -> Result<FactBase, Vec<Diagnostic>> {
    load_dir_with(dir, rules, &LoadOptions::default()).map(|(base, _)| base)
}

/// Loads the base in `dir` as `options` say, and tells what the cache did.
pub fn load_dir_with(
    dir: &Path,
    rules: &Rules,
    options: &LoadOptions,
) -> Result<(FactBase, CacheUse), Vec<Diagnostic>> {
    let paths = read::fact_files(dir).map_err(|message| vec![unreadable_dir(dir, message)])?;
    let cache_file = options
        .cache_dir
        .as_ref()
        .map(|cache_dir| cache::cache_file(cache_dir, dir));
    let mut cache_use = CacheUse::Off;
    if let Some(file) = &cache_file {
        // The key is hashed file by file, so a hit never holds all the YAML at once.
        match hash_files(dir, &paths, rules).and_then(|(key, digest)| {
            cache::read(file, key, rules).map(|base| FactBase {
                content_digest: digest,
                ..base
            })
        }) {
            Ok(base) => return Ok((base, CacheUse::Hit)),
            Err(reason) => cache_use = CacheUse::Miss { reason },
        }
    }
    let texts = read::read_texts(paths);
    // Keyed by the very texts parsed, so a file changed meanwhile is never cached
    // under its old content.
    let mut key = KeyHasher::new(rules.properties.digest());
    let mut digest = ContentDigest::new(dir);
    let mut all_read = true;
    for file in &texts {
        match file.text.as_deref() {
            Ok(text) => {
                key.add(&file.path, text.as_bytes());
                digest.add(&file.path, text.as_bytes());
            }
            Err(_) => all_read = false,
        }
    }
    let key = all_read.then(|| key.finish());
    let content_digest = digest.finish();
    let mut base = compile_texts(texts, rules)?;
    base.content_digest = content_digest;
    if let (Some(file), Some(key)) = (&cache_file, key) {
        // A cache that cannot be written only costs the next run time.
        if let Err(e) = cache::write(file, key, &base) {
            cache_use = CacheUse::Miss {
                reason: format!("cannot write the cache {}: {e}", file.display()),
            };
        }
    }
    Ok((base, cache_use))
}

/// Lints and compiles fact files already read, and indexes the base: what
/// loading does once the files are read, with no cache.
pub fn compile_texts(texts: Vec<FileText>, rules: &Rules) -> Result<FactBase, Vec<Diagnostic>> {
    let hidden = lint::lint_texts(&texts);
    let (parsed, mut problems) = read::parse_all(texts);
    let complete = problems.is_empty();
    problems.extend(hidden);
    problems.extend(lint::lint_files(&parsed, rules, complete));
    if !problems.is_empty() {
        lint::sort(&mut problems);
        return Err(problems);
    }
    let mut base = compile::compile(&parsed, &rules.properties);
    drop(parsed);
    base.index(rules);
    Ok(base)
}

/// The cache key and the content digest of the files at `paths`, read one at a time.
fn hash_files(dir: &Path, paths: &[PathBuf], rules: &Rules) -> Result<(CacheKey, String), String> {
    let mut key = KeyHasher::new(rules.properties.digest());
    let mut digest = ContentDigest::new(dir);
    for path in paths {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {} ({e})", path.display()))?;
        key.add(path, &bytes);
        digest.add(path, &bytes);
    }
    Ok((key.finish(), digest.finish()))
}

fn unreadable_dir(dir: &Path, message: String) -> Diagnostic {
    Diagnostic::new(
        Rule::UnreadableFile,
        dir,
        (1, 1),
        message,
        "pass the directory of fact files (`claims`)".into(),
    )
}
