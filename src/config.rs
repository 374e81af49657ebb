//! `claimcheck.toml`: a desk's settings, kept beside its drafts. It is found from a
//! draft's directory upwards; paths in it are relative to its own directory.
//! Command-line flags override it (`cli::settings` weighs the two).
//!
//! ```toml
//! db = ["facts", "../shared/facts"]   # fact base directories, merged
//! rules = "rules"                    # rules directory
//! fail-on = "outdated"
//! locale = "en-GB"                   # the order of day and month in 3/8/2020
//! format = "markdown"
//! ignore = ["archive/", "*.notes.md"] # gitignore patterns, for directories walked
//! ```
//!
//! Loading is in layers (`find` → `from_file` → `from_toml`), so tests need no files.

use crate::report::Format;
use crate::span::LineIndex;
use crate::verify::FailOn;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde::Deserialize;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The name a settings file goes by.
pub const FILE_NAME: &str = "claimcheck.toml";

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{}:{}:{}: {message}", .at.path.display(), .at.line, .at.column)]
    Invalid { at: Place, message: String },
}

/// Where in a settings file something was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

/// A setting's value and the place it was written.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub value: T,
    pub at: Place,
}

/// A settings file, read and checked; every path in it made relative to the
/// current directory's view (its own directory joined in front).
#[derive(Debug, Clone)]
pub struct Config {
    pub path: PathBuf,
    /// Fact base directories, merged in this order.
    pub db: Option<Located<Vec<PathBuf>>>,
    pub rules: Option<Located<PathBuf>>,
    pub fail_on: Option<Located<FailOn>>,
    /// A locale tag, looked up in the rules' `locale-numeric-dates`.
    pub locale: Option<Located<String>>,
    pub format: Option<Located<Format>>,
    pub ignore: Option<Located<Ignore>>,
}

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    db: Option<Spanned<Vec<String>>>,
    rules: Option<Spanned<String>>,
    fail_on: Option<Spanned<FailOn>>,
    locale: Option<Spanned<String>>,
    format: Option<Spanned<Format>>,
    ignore: Option<Spanned<Vec<Spanned<String>>>>,
}

impl Config {
    /// The settings file that governs `start` (a directory): `claimcheck.toml` in
    /// it or in the nearest parent that has one.
    pub fn find(start: &Path) -> Result<Option<Config>, ConfigError> {
        let start = std::path::absolute(start).map_err(|source| ConfigError::Read {
            path: start.display().to_string(),
            source,
        })?;
        match start
            .ancestors()
            .map(|dir| dir.join(FILE_NAME))
            .find(|file| file.is_file())
        {
            Some(file) => Config::from_file(&file).map(Some),
            None => Ok(None),
        }
    }

    pub fn from_file(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Config::from_toml(path, &text)
    }

    /// The settings in `text`, the contents of `path`; relative paths in it are
    /// taken from `path`'s directory.
    pub fn from_toml(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let lines = LineIndex::new(text);
        let place = |span: Range<usize>| {
            let at = lines.locate(text, span.start.min(text.len()));
            Place {
                path: path.to_path_buf(),
                line: at.line,
                column: at.column,
            }
        };
        let file: ConfigFile = toml::from_str(text).map_err(|e| ConfigError::Invalid {
            at: place(e.span().unwrap_or(0..0)),
            message: e.message().trim_end().to_string(),
        })?;
        let dir = path.parent().unwrap_or(Path::new(""));
        let located = |value: Spanned<String>| Located {
            at: place(value.span()),
            value: value.into_inner(),
        };
        let db = match file.db {
            Some(dirs) if dirs.get_ref().is_empty() => {
                return Err(ConfigError::Invalid {
                    at: place(dirs.span()),
                    message: "`db` lists no directory: name at least one, or leave `db` out".into(),
                });
            }
            Some(dirs) => Some(Located {
                at: place(dirs.span()),
                value: dirs.into_inner().iter().map(|d| dir.join(d)).collect(),
            }),
            None => None,
        };
        let ignore = match file.ignore {
            Some(patterns) => Some(Located {
                at: place(patterns.span()),
                value: Ignore::new(dir, patterns.into_inner(), &place)?,
            }),
            None => None,
        };
        Ok(Config {
            path: path.to_path_buf(),
            db,
            rules: file.rules.map(located).map(|rules| Located {
                value: dir.join(rules.value),
                at: rules.at,
            }),
            fail_on: file.fail_on.map(|v| Located {
                at: place(v.span()),
                value: v.into_inner(),
            }),
            locale: file.locale.map(located),
            format: file.format.map(|v| Located {
                at: place(v.span()),
                value: v.into_inner(),
            }),
            ignore,
        })
    }
}

/// Files to leave out when a directory is walked for drafts, as gitignore
/// patterns relative to the settings file's directory. A draft named on the
/// command line is always checked.
#[derive(Debug, Clone)]
pub struct Ignore {
    pub patterns: Vec<String>,
    root: PathBuf,
    matcher: Gitignore,
}

impl Ignore {
    fn new(
        dir: &Path,
        patterns: Vec<Spanned<String>>,
        place: &dyn Fn(Range<usize>) -> Place,
    ) -> Result<Ignore, ConfigError> {
        let root = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        let mut builder = GitignoreBuilder::new(&root);
        for pattern in &patterns {
            builder
                .add_line(None, pattern.get_ref())
                .map_err(|e| ConfigError::Invalid {
                    at: place(pattern.span()),
                    message: format!("not a gitignore pattern: {e}"),
                })?;
        }
        let matcher = builder.build().map_err(|e| ConfigError::Invalid {
            at: place(patterns.first().map_or(0..0, Spanned::span)),
            message: format!("the `ignore` patterns do not build: {e}"),
        })?;
        Ok(Ignore {
            patterns: patterns.into_iter().map(Spanned::into_inner).collect(),
            root,
            matcher,
        })
    }

    /// Whether `path` (a directory when `is_dir`) is left out.
    pub fn ignores(&self, path: &Path, is_dir: bool) -> bool {
        let Ok(path) = std::path::absolute(path) else {
            return false;
        };
        // Patterns speak of files under the settings file's directory only.
        path.starts_with(&self.root)
            && self
                .matcher
                .matched_path_or_any_parents(&path, is_dir)
                .is_ignore()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Config, ConfigError> {
        Config::from_toml(Path::new("/desk/claimcheck.toml"), text)
    }

    fn error(text: &str) -> String {
        read(text).err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn every_setting_is_read_with_its_place() {
        let config = read(
            "db = [\"facts\", \"/shared/facts\"]\nrules = \"rules\"\nfail-on = \"outdated\"\n\
             locale = \"en-GB\"\nformat = \"markdown\"\nignore = [\"archive/\"]\n",
        )
        .unwrap();
        let db = config.db.unwrap();
        assert_eq!(
            db.value,
            [PathBuf::from("/desk/facts"), PathBuf::from("/shared/facts")]
        );
        assert_eq!((db.at.line, db.at.column), (1, 6));
        assert_eq!(config.rules.unwrap().value, PathBuf::from("/desk/rules"));
        let fail_on = config.fail_on.unwrap();
        assert_eq!(fail_on.value, FailOn::Outdated);
        assert_eq!((fail_on.at.line, fail_on.at.column), (3, 11));
        assert_eq!(config.locale.unwrap().value, "en-GB");
        assert_eq!(config.format.unwrap().value, Format::Markdown);
        let ignore = config.ignore.unwrap().value;
        assert!(ignore.ignores(Path::new("/desk/archive/old.md"), false));
        assert!(ignore.ignores(Path::new("/desk/archive"), true));
        assert!(!ignore.ignores(Path::new("/desk/drafts/new.md"), false));
        assert!(!ignore.ignores(Path::new("/elsewhere/archive/old.md"), false));
    }

    #[test]
    fn an_empty_file_sets_nothing() {
        let config = read("# nothing yet\n").unwrap();
        assert!(config.db.is_none() && config.rules.is_none() && config.fail_on.is_none());
    }

    #[test]
    fn unknown_keys_and_bad_values_are_refused_at_their_place() {
        let unknown = error("fail-on = \"never\"\ndatabase = [\"facts\"]\n");
        assert!(
            unknown.starts_with("/desk/claimcheck.toml:2:1: unknown field `database`")
                && unknown.contains("`db`"),
            "{unknown}"
        );
        let verdict = error("fail-on = \"sometimes\"\n");
        assert!(
            verdict.starts_with("/desk/claimcheck.toml:1:11:") && verdict.contains("contradicted"),
            "{verdict}"
        );
        let format = error("\n\nformat = \"pdf\"\n");
        assert!(
            format.starts_with("/desk/claimcheck.toml:3:10:"),
            "{format}"
        );
        let db = error("db = \"facts\"\n");
        assert!(db.starts_with("/desk/claimcheck.toml:1:6:"), "{db}");
        let empty = error("db = []\n");
        assert!(empty.contains("lists no directory"), "{empty}");
        let syntax = error("rules = \"unclosed\n");
        assert!(syntax.starts_with("/desk/claimcheck.toml:1:"), "{syntax}");
        let pattern = error("ignore = [\"ok/\", \"a{b\"]\n");
        assert!(
            pattern.starts_with("/desk/claimcheck.toml:1:18: not a gitignore pattern"),
            "{pattern}"
        );
    }
}
