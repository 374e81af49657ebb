//! Loading a fact base: from the cache when its key matches the files, else read,
//! parsed, linted and compiled, then cached. A base with any lint error is
//! refused whole, with every error.

use super::cache::{self, CacheKey, CacheUse};
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
        let key = CacheKey::of_files(rules.properties.digest(), &paths);
        match key.and_then(|key| cache::read(file, key, &rules.names)) {
            Ok(base) => return Ok((base, CacheUse::Hit)),
            Err(reason) => cache_use = CacheUse::Miss { reason },
        }
    }
    let texts = read::read_texts(paths);
    // Keyed by the very texts parsed, so a file changed meanwhile is never cached
    // under its old content.
    let key = cache_key(&texts, rules);
    let (parsed, mut problems) = read::parse_all(texts);
    let complete = problems.is_empty();
    problems.extend(lint::lint_files(&parsed, rules, complete));
    if !problems.is_empty() {
        lint::sort(&mut problems);
        return Err(problems);
    }
    let mut base = compile::compile(&parsed);
    drop(parsed);
    base.index(&rules.names);
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

/// The key of a base whose files could all be read.
fn cache_key(texts: &[FileText], rules: &Rules) -> Option<CacheKey> {
    let mut files = Vec::with_capacity(texts.len());
    for file in texts {
        files.push((file.path.as_path(), file.text.as_deref().ok()?));
    }
    Some(CacheKey::new(rules.properties.digest(), files.into_iter()))
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
