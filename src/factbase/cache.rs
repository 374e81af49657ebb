//! The compiled fact base on disk, so a second run skips YAML. YAML stays the
//! source of truth: the cache is keyed by a hash of every fact file's path and
//! content, the property list, the crate version and this format's version, and a
//! checksum over its contents, seeded with that key, guards against a torn or
//! corrupted file and against one written for other files or by another version.
//! A cache that fails any check is ignored (and rewritten), never trusted. It is
//! no defence against someone who can write to the cache directory and read the
//! fact files: the directory is made private to its owner for that.
//!
//! Layout: magic, key (16 bytes), payload length and payload checksum (8 bytes
//! each, little-endian), then the payload in postcard.

use super::{CueIndex, Entity, Fact, FactBase, FactSource, NameIndex, Series, TitleIndex};
use crate::cache_dir;
use crate::output::{self, Access, Inputs};
use crate::rules::Rules;
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use xxhash_rust::xxh3::{Xxh3, xxh3_64, xxh3_64_with_seed};

const MAGIC: &[u8; 8] = b"CCFACTS\x01";
/// Bumped whenever the payload's shape changes, or the way names are keyed and
/// folded and indexed for the name index (`name_key`, `fuzzy`).
const FORMAT_VERSION: u32 = 18;
const HEADER_LEN: usize = MAGIC.len() + 16 + 8 + 8;

/// What the cache did for one load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheUse {
    /// Not asked to use one (`--no-cache`).
    Off,
    /// Loaded from the cache.
    Hit,
    /// Compiled from YAML; `reason` says why the cache was not used.
    Miss { reason: String },
}

/// What identifies a base's content: every input that changes the compiled base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheKey(u128);

/// Builds a cache key file by file, so no more than one file is held at once.
pub struct KeyHasher(Xxh3);

impl KeyHasher {
    /// A key for a base read with rules of this `RuleTexts::base_digest`: their
    /// properties and their name matching (the index holds folded names).
    pub fn new(rules_digest: u64) -> Self {
        let mut hasher = Xxh3::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        hasher.update(&FORMAT_VERSION.to_le_bytes());
        hasher.update(&rules_digest.to_le_bytes());
        KeyHasher(hasher)
    }

    pub fn add(&mut self, path: &Path, content: &[u8]) {
        hash_file(&mut self.0, path, content);
    }

    pub fn finish(&self) -> CacheKey {
        CacheKey(self.0.digest128())
    }
}

impl CacheKey {
    fn seed(self) -> u64 {
        (self.0 as u64) ^ ((self.0 >> 64) as u64)
    }
}
fn hash_file(hasher: &mut Xxh3, path: &Path, content: &[u8]) {
    let path = path.to_string_lossy();
    // Lengths first, so no two different lists of files hash alike by moving bytes
    // from one field to the next.
    hasher.update(&(path.len() as u64).to_le_bytes());
    hasher.update(path.as_bytes());
    hasher.update(&(content.len() as u64).to_le_bytes());
    hasher.update(content);
}

#[derive(Serialize, Deserialize)]
struct Payload {
    entities: Vec<Entity>,
    facts: Vec<Fact>,
    series: Vec<Series>,
    names: NameIndex,
}

/// The cache file for the base read from `sources`: one per base, so two bases do
/// not evict each other.
pub fn cache_file(cache_dir: &Path, sources: &[FactSource]) -> PathBuf {
    let names: Vec<String> = sources
        .iter()
        .map(|source| match source {
            FactSource::Dir(dir) => std::path::absolute(dir)
                .unwrap_or_else(|_| dir.clone())
                .to_string_lossy()
                .into_owned(),
            FactSource::Bundled => crate::bundled::claims_dir().to_string_lossy().into_owned(),
        })
        .collect();
    // No path holds a NUL, so no two lists of sources join alike.
    let name = xxh3_64(names.join("\0").as_bytes());
    cache_dir.join(format!("facts-{name:016x}.bin"))
}

/// The longest single string a cache may hold: decoding reads each string into a
/// scratch buffer of this size before copying it out.
const LONGEST_STRING: usize = 1 << 20;

/// A reader that keeps a checksum and a count of the bytes it passes on.
struct Checksummed<R> {
    inner: R,
    hasher: Xxh3,
    bytes: u64,
}

impl<R: Read> Read for Checksummed<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
}

/// A base read back from the cache, checked and decoded: all it needs of the
/// rules is what its key holds, so it can be read while they are compiled.
pub struct Cached(Payload);

impl Cached {
    /// The base, indexed by these rules (whose digest made its key).
    pub fn finish(self, rules: &Rules) -> FactBase {
        let Cached(payload) = self;
        let mut base = FactBase {
            properties: rules.properties.clone(),
            cues: CueIndex::new(&payload.entities),
            titles: TitleIndex::new(&payload.entities, &rules.titles, &payload.names),
            entities: payload.entities,
            facts: payload.facts,
            series: payload.series,
            names: payload.names,
            ..FactBase::default()
        };
        base.names.set_thresholds(&rules.names);
        share_paths(&mut base);
        base.group_facts();
        base
    }
}

/// The base stored under `key`, or why there is none.
pub fn read(file: &Path, key: CacheKey) -> Result<Cached, String> {
    let mut file = std::fs::File::open(file).map_err(|e| format!("no cache ({e})"))?;
    let mut header = [0u8; HEADER_LEN];
    file.read_exact(&mut header)
        .map_err(|_| "cache file too short".to_string())?;
    let (magic, rest) = header.split_at(MAGIC.len());
    let (stored_key, rest) = rest.split_at(16);
    let (length, checksum) = rest.split_at(8);
    if magic != MAGIC {
        return Err("cache file of another format".into());
    }
    if stored_key != key.0.to_le_bytes() {
        return Err("fact files changed since the cache was written".into());
    }
    let length = u64::from_le_bytes(length.try_into().map_err(|_| "bad header")?);
    let checksum = u64::from_le_bytes(checksum.try_into().map_err(|_| "bad header")?);
    let payload = match length <= READ_WHOLE_UP_TO {
        true => decode_whole(file, length, checksum, key)?,
        false => decode_streamed(file, length, checksum, key)?,
    };
    Ok(Cached(payload))
}

/// The longest payload read whole before it is decoded: decoding from memory is
/// many times faster than from a stream, and a base this small is little memory.
const READ_WHOLE_UP_TO: u64 = 32 << 20;

/// A payload read whole, checked, then decoded.
fn decode_whole(
    mut file: std::fs::File,
    length: u64,
    checksum: u64,
    key: CacheKey,
) -> Result<Payload, String> {
    let mut bytes = Vec::with_capacity(length as usize);
    file.read_to_end(&mut bytes)
        .map_err(|e| format!("cache file unreadable ({e})"))?;
    if bytes.len() as u64 != length || xxh3_64_with_seed(&bytes, key.seed()) != checksum {
        return Err("cache file corrupt (checksum mismatch)".into());
    }
    postcard::from_bytes(&bytes).map_err(|e| format!("cache file unreadable ({e})"))
}

/// A large payload decoded while it is read, so the file is never held whole
/// beside the base it decodes to; nothing decoded is used until the checksum over
/// all of it agrees.
fn decode_streamed(
    file: std::fs::File,
    length: u64,
    checksum: u64,
    key: CacheKey,
) -> Result<Payload, String> {
    let mut reader = std::io::BufReader::with_capacity(
        1 << 20,
        Checksummed {
            inner: file,
            hasher: Xxh3::with_seed(key.seed()),
            bytes: 0,
        },
    );
    let mut scratch = vec![0u8; LONGEST_STRING];
    let decoded = postcard::from_io::<Payload, _>((&mut reader, &mut scratch))
        .map(|(payload, _)| payload)
        .map_err(|e| format!("cache file unreadable ({e})"));
    // Whatever follows the payload counts against the checksum and length too.
    std::io::copy(&mut reader, &mut std::io::sink())
        .map_err(|e| format!("cache file unreadable ({e})"))?;
    let read = reader.into_inner();
    if read.bytes != length || read.hasher.digest() != checksum {
        return Err("cache file corrupt (checksum mismatch)".into());
    }
    decoded
}

/// Writes the base under `key`, whole or not at all (see `output`).
pub fn write(file: &Path, key: CacheKey, base: &FactBase) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct PayloadRef<'a> {
        entities: &'a [Entity],
        facts: &'a [Fact],
        series: &'a [Series],
        names: &'a NameIndex,
    }
    let payload = postcard::to_stdvec(&PayloadRef {
        entities: &base.entities,
        facts: &base.facts,
        series: &base.series,
        names: &base.names,
    })
    .map_err(std::io::Error::other)?;
    let dir = file.parent().unwrap_or(Path::new("."));
    cache_dir::create_private(dir)?;
    output::write_with(file, &Inputs::default(), Access::Private, |out| {
        out.write_all(MAGIC)?;
        out.write_all(&key.0.to_le_bytes())?;
        out.write_all(&(payload.len() as u64).to_le_bytes())?;
        out.write_all(&checksum(key, &payload).to_le_bytes())?;
        out.write_all(&payload)
    })
    .map_err(std::io::Error::other)?;
    cache_dir::remove_oldest(dir, file, KEPT_BASES, is_cache_name);
    Ok(())
}

/// The most bases kept in one cache directory: each set of fact directories has
/// its own file, and directories come and go (a checkout, a temporary copy).
const KEPT_BASES: usize = 16;

/// Whether a file name is one `cache_file` gives.
fn is_cache_name(name: &str) -> bool {
    name.strip_prefix("facts-")
        .and_then(|rest| rest.strip_suffix(".bin"))
        .is_some_and(|hash| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The payload's checksum, seeded with the key: a payload edited and given a
/// fresh plain checksum is refused, and so is one written for other fact files
/// or by another version.
fn checksum(key: CacheKey, payload: &[u8]) -> u64 {
    let mut hasher = Xxh3::with_seed(key.seed());
    hasher.update(payload);
    hasher.digest()
}

/// Records read back each own a copy of their file's path; share one per file.
fn share_paths(base: &mut FactBase) {
    let mut last: Option<Arc<Path>> = None;
    let origins = base
        .entities
        .iter_mut()
        .map(|e| &mut e.origin)
        .chain(base.facts.iter_mut().map(|f| &mut f.origin))
        .chain(base.series.iter_mut().map(|s| &mut s.origin));
    for origin in origins {
        match &last {
            Some(path) if *path == origin.file => origin.file = Arc::clone(path),
            _ => last = Some(Arc::clone(&origin.file)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Seek, SeekFrom};

    #[test]
    fn only_the_most_recently_written_bases_are_kept_and_nothing_else_is_touched() {
        let dir = tempfile::tempdir().unwrap();
        let day = std::time::Duration::from_secs(86_400);
        let long_ago = std::time::SystemTime::now() - 100 * day;
        let old = |i: u64| dir.path().join(format!("facts-{i:016x}.bin"));
        for i in 0..KEPT_BASES as u64 + 4 {
            let file = std::fs::File::create(old(i)).unwrap();
            // The higher the number, the more recent.
            file.set_modified(long_ago + i as u32 * day).unwrap();
        }
        let others = [
            "notes.txt",
            "facts-xyz.bin",
            "facts-0123456789abcdef.bin.tmp",
        ];
        for name in others {
            std::fs::write(dir.path().join(name), "kept").unwrap();
        }
        let file = dir.path().join("facts-ffffffffffffffff.bin");
        write(&file, CacheKey(7), &FactBase::default()).unwrap();
        assert!(std::fs::read(&file).unwrap().starts_with(MAGIC));
        for i in 0..KEPT_BASES as u64 + 4 {
            // The new file and the 15 most recent old ones are kept.
            assert_eq!(old(i).exists(), i >= 5, "{i}");
        }
        for name in others {
            assert!(dir.path().join(name).exists(), "{name}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_where_an_older_writer_put_its_temporary_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        let file = dir.path().join("facts-0123456789abcdef.bin");
        let planted = file.with_extension(format!("{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, planted).unwrap();
        write(&file, CacheKey(7), &FactBase::default()).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert!(std::fs::read(&file).unwrap().starts_with(MAGIC));
    }

    /// Writes the bundled base's cache under `key`; its file, and the payload's
    /// length and checksum from its header.
    fn written(dir: &Path, key: CacheKey) -> (PathBuf, u64, u64) {
        let rules = Rules::bundled().expect("bundled rules");
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("claims");
        let base = super::super::load::load_dir(&root, &rules).expect("bundled base");
        let file = dir.join("facts.bin");
        write(&file, key, &base).unwrap();
        let header = std::fs::read(&file).unwrap();
        let number = |at: usize| u64::from_le_bytes(header[at..at + 8].try_into().unwrap());
        (file, number(HEADER_LEN - 16), number(HEADER_LEN - 8))
    }

    #[test]
    fn a_payload_read_whole_or_streamed_decodes_alike_and_is_checked_alike() {
        let dir = tempfile::tempdir().unwrap();
        let key = CacheKey(0x5eed);
        let (file, length, checksum) = written(dir.path(), key);
        let payload = || {
            let mut opened = std::fs::File::open(&file).unwrap();
            opened.seek(SeekFrom::Start(HEADER_LEN as u64)).unwrap();
            opened
        };
        let whole = decode_whole(payload(), length, checksum, key).unwrap();
        let streamed = decode_streamed(payload(), length, checksum, key).unwrap();
        // Lists encode alike when they are alike (maps need not iterate alike).
        let listed = |payload: &Payload| {
            postcard::to_stdvec(&(&payload.entities, &payload.facts, &payload.series)).unwrap()
        };
        assert!(
            listed(&whole) == listed(&streamed),
            "the two decodings differ"
        );
        assert!(!whole.entities.is_empty());
        for name in ["iraq", "united states", "qasem soleimani"] {
            assert_eq!(
                whole.names.exact(name),
                streamed.names.exact(name),
                "{name}"
            );
            assert!(!whole.names.exact(name).is_empty(), "{name}");
        }
        // Another checksum is refused both ways.
        for decode in [decode_whole, decode_streamed] {
            let refused = decode(payload(), length, checksum ^ 1, key).err();
            assert_eq!(
                refused.as_deref(),
                Some("cache file corrupt (checksum mismatch)")
            );
        }
    }
}
