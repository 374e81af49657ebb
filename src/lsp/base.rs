//! The rules and fact base the server checks against: loaded once, and loaded
//! again when their files change.
//!
//! Changes are found by polling, not by file system events: before each message
//! is handled, and every few seconds while the editor is quiet, the server lists
//! the rule and fact files with their modification times and lengths and compares
//! the list with the one it last loaded. Polling needs no watcher thread, misses
//! no change made by a save that replaces the file (as most editors do) or on a
//! network drive, and costs one `stat` a file.

use crate::factbase::{self, FactBase, FactSource, LoadOptions};
use crate::lint::Diagnostic;
use crate::rules::{Rules, RulesError};
use std::fmt;
use std::path::PathBuf;
use std::time::SystemTime;

/// Where the rules and facts are, and how the facts are cached.
#[derive(Debug, Clone)]
pub struct BaseSettings {
    /// The rules' directory; `None` for the rules compiled in.
    pub rules_dir: Option<PathBuf>,
    /// The fact base's sources, merged in order.
    pub db: Vec<FactSource>,
    pub load: LoadOptions,
}

/// The rules and the fact base compiled with them.
pub struct LoadedBase {
    pub rules: Rules,
    pub base: FactBase,
}

/// Why a base could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("the rules cannot be loaded: {0}")]
    Rules(#[from] RulesError),
    #[error("{}", FactErrors(.0))]
    Facts(Vec<Diagnostic>),
}

/// The first few findings of a fact base refused by lint, for a message box.
struct FactErrors<'a>(&'a [Diagnostic]);

impl fmt::Display for FactErrors<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 3;
        let count = self.0.len();
        write!(
            f,
            "the fact base has {count} error{}",
            if count == 1 { "" } else { "s" }
        )?;
        for finding in self.0.iter().take(SHOWN) {
            write!(f, "\n{finding}")?;
        }
        if count > SHOWN {
            write!(
                f,
                "\n… and {} more (run `claimcheck db lint`)",
                count - SHOWN
            )?;
        }
        Ok(())
    }
}

/// Loads the rules, then the fact base with them.
pub fn load(settings: &BaseSettings) -> Result<LoadedBase, LoadError> {
    let rules = match &settings.rules_dir {
        Some(dir) => Rules::load(dir)?,
        None => Rules::bundled()?,
    };
    let (base, _) =
        factbase::load_sources(&settings.db, &rules, &settings.load).map_err(LoadError::Facts)?;
    Ok(LoadedBase { rules, base })
}

/// The rule and fact files as the file system shows them: each path with its
/// modification time and length. Two looks that agree saw the same files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(Vec<FileStamp>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct FileStamp {
    path: PathBuf,
    modified: Option<SystemTime>,
    length: Option<u64>,
}

impl Fingerprint {
    pub fn take(settings: &BaseSettings) -> Fingerprint {
        let mut stamps = Vec::new();
        // What is compiled in never changes; only directories are looked at.
        let fact_dirs = settings.db.iter().filter_map(|source| match source {
            FactSource::Dir(dir) => Some(dir),
            FactSource::Bundled => None,
        });
        for dir in settings.rules_dir.iter().chain(fact_dirs) {
            // A directory that cannot be listed is stamped as such, so it counts
            // as changed once it can be.
            let files = factbase::fact_files(dir).unwrap_or_default();
            if files.is_empty() {
                stamps.push(FileStamp {
                    path: dir.clone(),
                    modified: None,
                    length: None,
                });
            }
            stamps.extend(files.into_iter().map(|path| {
                let metadata = std::fs::metadata(&path).ok();
                FileStamp {
                    modified: metadata.as_ref().and_then(|m| m.modified().ok()),
                    length: metadata.as_ref().map(std::fs::Metadata::len),
                    path,
                }
            }));
        }
        Fingerprint(stamps)
    }
}

/// What a look at the files found.
pub enum Refresh {
    /// Nothing changed since the last load or attempt.
    Unchanged,
    /// The files changed and the new base is in use.
    Reloaded,
    /// The files changed but cannot be loaded; the base loaded before stays in use.
    Failed(LoadError),
}

/// The base in use, and the files as they were when it was last loaded or tried.
pub struct WatchedBase {
    settings: BaseSettings,
    current: Option<LoadedBase>,
    seen: Option<Fingerprint>,
}

impl WatchedBase {
    /// Nothing loaded yet: the first `refresh` loads.
    pub fn new(settings: BaseSettings) -> Self {
        WatchedBase {
            settings,
            current: None,
            seen: None,
        }
    }

    pub fn current(&self) -> Option<&LoadedBase> {
        self.current.as_ref()
    }

    /// Loads the base again if any of its files changed since the last look. A
    /// failed load is not tried again until the files change once more.
    pub fn refresh(&mut self) -> Refresh {
        // Stamped before reading, so a file changed while it is read is read again.
        let now = Fingerprint::take(&self.settings);
        if self.seen.as_ref() == Some(&now) {
            return Refresh::Unchanged;
        }
        self.seen = Some(now);
        match load(&self.settings) {
            Ok(loaded) => {
                self.current = Some(loaded);
                Refresh::Reloaded
            }
            Err(error) => Refresh::Failed(error),
        }
    }
}
