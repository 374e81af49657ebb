//! Which fact base a report was made against. A verdict is only as good as the
//! facts behind it, so every report names the base by a hash of the fact files it
//! was loaded from and by its number of facts: two reports with the same version
//! were judged by the same facts.

use crate::factbase::FactBase;
use serde::Serialize;

/// How many hex digits of the hash a report shows: enough to tell bases
/// apart, short enough to read aloud.
const SHOWN_HEX_DIGITS: usize = 12;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatabaseVersion {
    /// The first hex digits of a 128-bit XXH3 hash of every fact file (its path within
    /// the base and its bytes, in path order).
    pub hash: String,
    /// The number of facts in the base.
    pub facts: usize,
}

impl DatabaseVersion {
    pub fn of(base: &FactBase) -> DatabaseVersion {
        DatabaseVersion {
            hash: base.content_digest.chars().take(SHOWN_HEX_DIGITS).collect(),
            facts: base.facts.len(),
        }
    }
}
