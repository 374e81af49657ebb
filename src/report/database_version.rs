//! Which fact base a report was made against. A verdict is only as good as the
//! facts behind it, so every report names the base by a hash of the fact files it
//! was loaded from and by its number of facts: two reports with the same version
//! were judged by the same facts.

use crate::factbase::FactBase;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// How many hex digits of the SHA-256 a report shows: enough to tell bases
/// apart, short enough to read aloud.
const SHOWN_HEX_DIGITS: usize = 12;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatabaseVersion {
    /// The first hex digits of a SHA-256 over every loaded fact file (its path
    /// within the base and its bytes, in path order).
    pub hash: String,
    /// The number of facts in the base.
    pub facts: usize,
}

impl DatabaseVersion {
    /// The version of `base`, loaded from `dir`. Reads the files the base's
    /// entities and facts came from, so a file that adds nothing changes nothing.
    pub fn of(base: &FactBase, dir: &Path) -> std::io::Result<DatabaseVersion> {
        let mut files: BTreeMap<String, &Path> = BTreeMap::new();
        let origins = base
            .entities
            .iter()
            .map(|e| &e.origin.file)
            .chain(base.facts.iter().map(|f| &f.origin.file));
        for file in origins {
            // Paths within the base, with `/`, so the hash does not depend on where
            // the base is checked out or on the platform.
            let within = file.strip_prefix(dir).unwrap_or(file);
            let key = within
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.insert(key, file.as_ref());
        }
        let mut contents = Vec::with_capacity(files.len());
        for (name, path) in files {
            contents.push((name, std::fs::read(path)?));
        }
        Ok(DatabaseVersion::from_contents(
            contents.iter().map(|(n, b)| (n.as_str(), b.as_slice())),
            base.facts.len(),
        ))
    }

    /// The version of a base whose files (name within the base, bytes) are given
    /// in name order.
    pub fn from_contents<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
        facts: usize,
    ) -> DatabaseVersion {
        let mut hasher = Sha256::new();
        for (name, bytes) in files {
            // Lengths first, so that no two different lists of files hash alike.
            hasher.update((name.len() as u64).to_le_bytes());
            hasher.update(name.as_bytes());
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        }
        let hash: String = hasher
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        DatabaseVersion {
            hash: hash[..SHOWN_HEX_DIGITS].to_string(),
            facts,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_change_to_names_or_bytes_changes_the_hash() {
        let base = DatabaseVersion::from_contents([("a.yaml", &b"x: 1"[..])], 1);
        assert_eq!(base.hash.len(), SHOWN_HEX_DIGITS);
        let same = DatabaseVersion::from_contents([("a.yaml", &b"x: 1"[..])], 1);
        assert_eq!(base, same);
        for other in [
            DatabaseVersion::from_contents([("a.yaml", &b"x: 2"[..])], 1),
            DatabaseVersion::from_contents([("b.yaml", &b"x: 1"[..])], 1),
            // The same bytes cut differently between name and content.
            DatabaseVersion::from_contents([("a.yamlx", &b": 1"[..])], 1),
        ] {
            assert_ne!(base.hash, other.hash);
        }
    }
}
