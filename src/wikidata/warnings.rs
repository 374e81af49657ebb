//! What an import left out, counted by reason with a first example, so that the
//! summary says it once per reason instead of once per statement.

use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub struct Warnings {
    by_reason: BTreeMap<String, (u64, String)>,
}

impl Warnings {
    /// Counts one case of `reason`; `at` names it (`Q42 P569`).
    pub fn add(&mut self, reason: impl Into<String>, at: impl Into<String>) {
        let entry = self
            .by_reason
            .entry(reason.into())
            .or_insert_with(|| (0, String::new()));
        if entry.0 == 0 {
            entry.1 = at.into();
        }
        entry.0 += 1;
    }

    pub fn merge(&mut self, other: Warnings) {
        for (reason, (count, at)) in other.by_reason {
            let entry = self.by_reason.entry(reason).or_insert((0, at));
            entry.0 += count;
        }
    }

    /// How many cases of `reason` were counted.
    pub fn count(&self, reason: &str) -> u64 {
        self.by_reason.get(reason).map_or(0, |(count, _)| *count)
    }

    /// One line per reason: `3 deprecated statements skipped (first: Q42 P569)`.
    pub fn lines(&self) -> Vec<String> {
        self.by_reason
            .iter()
            .map(|(reason, (count, at))| format!("{count} {reason} (first: {at})"))
            .collect()
    }
}
