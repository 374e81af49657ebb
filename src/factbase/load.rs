//! Loading a fact base: from the cache when its key matches the files, else read,
//! parsed, linted and compiled, then cached. A base with any lint error is
//! refused whole, with every error; warnings do not refuse it.

use super::cache::{self, CacheKey, CacheUse, KeyHasher};
use super::digest::ContentDigest;
use super::read::{self, FactSource, FileText, SourceFile};
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
    load_sources(&[FactSource::Dir(dir.to_path_buf())], rules, options)
}

/// Loads the base made of every file of `sources`, merged, as `options` say, and
/// tells what the cache did.
pub fn load_sources(
    sources: &[FactSource],
    rules: &Rules,
    options: &LoadOptions,
) -> Result<(FactBase, CacheUse), Vec<Diagnostic>> {
    CacheRead::new(sources, rules.base_digest, options)?.finish(rules)
}

/// The half of loading that needs no compiled rules, only the digest of those
/// the base depends on (`RuleTexts::base_digest`): the files listed and the
/// cache read back, so it can run while the rules are compiled.
pub struct CacheRead {
    files: Vec<SourceFile>,
    cache_file: Option<PathBuf>,
    rules_digest: u64,
    /// The cached base and the files' content digest, or what the cache did.
    cached: Result<(cache::Cached, String), CacheUse>,
}

impl CacheRead {
    pub fn new(
        sources: &[FactSource],
        rules_digest: u64,
        options: &LoadOptions,
    ) -> Result<CacheRead, Vec<Diagnostic>> {
        let files = read::source_files(sources)
            .map_err(|(dir, message)| vec![unreadable_dir(&dir, message)])?;
        let cache_file = options
            .cache_dir
            .as_ref()
            .map(|cache_dir| cache::cache_file(cache_dir, sources));
        let cached = match &cache_file {
            // The key is hashed file by file, so a hit never holds all the YAML at once.
            Some(file) => hash_files(&files, rules_digest)
                .and_then(|(key, digest)| Ok((cache::read(file, key)?, digest)))
                .map_err(|reason| CacheUse::Miss { reason }),
            None => Err(CacheUse::Off),
        };
        Ok(CacheRead {
            files,
            cache_file,
            rules_digest,
            cached,
        })
    }

    /// The base, finished with `rules` from the cache, else compiled from the
    /// files (and cached).
    pub fn finish(self, rules: &Rules) -> Result<(FactBase, CacheUse), Vec<Diagnostic>> {
        let mut cache_use = match self.cached {
            Ok((cached, digest)) if self.rules_digest == rules.base_digest => {
                let base = FactBase {
                    content_digest: digest,
                    ..cached.finish(rules)
                };
                return Ok((base, CacheUse::Hit));
            }
            Ok(_) => CacheUse::Miss {
                reason: "the rules changed while the cache was read".into(),
            },
            Err(cache_use) => cache_use,
        };
        let within: Vec<String> = self.files.iter().map(|f| f.within.clone()).collect();
        let texts = read::read_source_texts(self.files);
        // Keyed by the very texts parsed, so a file changed meanwhile is never cached
        // under its old content.
        let mut key = KeyHasher::new(rules.base_digest);
        let mut digest = ContentDigest::default();
        let mut all_read = true;
        for (file, within) in texts.iter().zip(&within) {
            match file.text.as_deref() {
                Ok(text) => {
                    key.add(&file.path, text.as_bytes());
                    digest.add(within, text.as_bytes());
                }
                Err(_) => all_read = false,
            }
        }
        let key = all_read.then(|| key.finish());
        let content_digest = digest.finish();
        let mut base = compile_texts(texts, rules)?;
        base.content_digest = content_digest;
        if let (Some(file), Some(key)) = (&self.cache_file, key) {
            // A cache that cannot be written only costs the next run time.
            if let Err(e) = cache::write(file, key, &base) {
                cache_use = CacheUse::Miss {
                    reason: format!("cannot write the cache {}: {e}", file.display()),
                };
            }
        }
        Ok((base, cache_use))
    }
}

/// Lints and compiles fact files already read, and indexes the base: what
/// loading does once the files are read, with no cache. Lint warnings do not
/// refuse the base; errors do, and are returned.
pub fn compile_texts(texts: Vec<FileText>, rules: &Rules) -> Result<FactBase, Vec<Diagnostic>> {
    let (parsed, mut problems) = lint::lint_read(texts, rules);
    problems.retain(Diagnostic::is_error);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut base = compile::compile(&parsed, &rules.properties);
    drop(parsed);
    base.index(rules);
    Ok(base)
}

/// The cache key and the content digest of `files`, read one at a time.
fn hash_files(files: &[SourceFile], rules_digest: u64) -> Result<(CacheKey, String), String> {
    let mut key = KeyHasher::new(rules_digest);
    let mut digest = ContentDigest::default();
    for file in files {
        let bytes = file
            .bytes()
            .map_err(|e| format!("cannot read {} ({e})", file.path.display()))?;
        key.add(&file.path, &bytes);
        digest.add(&file.within, &bytes);
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
