//! The version of a fact base that reports state: a 128-bit XXH3 hash of every fact file,
//! its path within the base and its bytes, in path order. Computed while the files
//! are read for loading, so a check reads them once.

use std::path::Path;
use xxhash_rust::xxh3::Xxh3;

pub struct ContentDigest<'a> {
    dir: &'a Path,
    hasher: Xxh3,
}

impl<'a> ContentDigest<'a> {
    pub fn new(dir: &'a Path) -> Self {
        ContentDigest {
            dir,
            hasher: Xxh3::new(),
        }
    }

    pub fn add(&mut self, path: &Path, content: &[u8]) {
        // Paths within the base, with `/`, so the hash does not depend on where the
        // base is checked out or on the platform; lengths first, so that no two
        // different lists of files hash alike.
        let within = path.strip_prefix(self.dir).unwrap_or(path);
        let name: Vec<String> = within
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let name = name.join("/");
        self.hasher.update(&(name.len() as u64).to_le_bytes());
        self.hasher.update(name.as_bytes());
        self.hasher.update(&(content.len() as u64).to_le_bytes());
        self.hasher.update(content);
    }

    /// The digest in lower-case hex.
    pub fn finish(self) -> String {
        format!("{:032x}", self.hasher.digest128())
    }
}
