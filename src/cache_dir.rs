//! The cache directory the compiled rules and fact bases are kept in: made
//! private to its owner, and kept to a bounded number of files of each kind.

use std::path::{Path, PathBuf};

/// The cache directory, made readable by its owner alone where it is new.
pub fn create_private(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Removes the least recently written files of `dir` that `is_cache_name`
/// accepts beyond the `kept` most recent, `written` counted among them and never
/// removed: an evicted cache is only made again. Best effort: a file that cannot
/// be listed or removed stays.
pub fn remove_oldest(dir: &Path, written: &Path, kept: usize, is_cache_name: fn(&str) -> bool) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut caches: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|entry| is_cache_name(&entry.file_name().to_string_lossy()))
        .filter(|entry| entry.path() != written)
        .filter_map(|entry| Some((entry.metadata().ok()?.modified().ok()?, entry.path())))
        .collect();
    let excess = (caches.len() + 1).saturating_sub(kept);
    caches.sort();
    for (_, path) in caches.into_iter().take(excess) {
        let _ = std::fs::remove_file(path);
    }
}
