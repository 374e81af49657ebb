//! The version of a fact base that reports state: a 128-bit XXH3 hash of every fact file,
//! its path within the base and its bytes, in the order the base reads them. Computed
//! while the files are read for loading, so a check reads them once.

use xxhash_rust::xxh3::Xxh3;

#[derive(Default)]
pub struct ContentDigest {
    hasher: Xxh3,
}

impl ContentDigest {
    /// Adds a file by its path within its source directory (`within`, with `/`,
    /// so the digest does not depend on where the base is checked out, on the
    /// platform, or on whether it is the copy compiled in).
    pub fn add(&mut self, within: &str, content: &[u8]) {
        // Lengths first, so that no two different lists of files hash alike.
        self.hasher.update(&(within.len() as u64).to_le_bytes());
        self.hasher.update(within.as_bytes());
        self.hasher.update(&(content.len() as u64).to_le_bytes());
        self.hasher.update(content);
    }

    /// The digest in lower-case hex.
    pub fn finish(self) -> String {
        format!("{:032x}", self.hasher.digest128())
    }
}
