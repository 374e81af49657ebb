//! The settings a command runs with, and where each came from. Precedence, first
//! wins: a flag; the claimcheck.toml found from the drafts' directory upwards; a
//! `rules` or `claims` directory found from the current directory upwards; the
//! rules and fact base compiled into claimcheck.

use crate::config::{Config, Ignore, Located, Place};
use crate::factbase::{CacheRead, FactBase, FactSource};
use crate::lint::Diagnostic;
use crate::report::Format;
use crate::rules::{RuleTexts, Rules};
use crate::rules_cache;
use crate::verify::FailOn;
use anyhow::{Context, Result, anyhow, bail};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

/// Flags naming the settings file, the fact base and the rules.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct BaseFlags {
    /// Settings file [default: `claimcheck.toml` in the drafts' directory or the
    /// nearest parent that has one]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Directory of fact files; repeat to merge several [default: `db` in
    /// claimcheck.toml, else `claims` here or in a parent directory, else the
    /// fact base compiled in]
    #[arg(long, value_name = "DIR")]
    pub db: Vec<PathBuf>,
    /// Directory of rule files [default: `rules` in claimcheck.toml, else `rules`
    /// here or in a parent directory, else the rules compiled in]
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

/// The flags a command was given for each setting; `None` when not given.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Flags<'a> {
    pub base: Option<&'a BaseFlags>,
    pub locale: Option<&'a str>,
    pub fail_on: Option<FailOn>,
    pub format: Option<Format>,
}

/// Where a setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    Flag(&'static str),
    Config(Place),
    /// Here or in a parent of the current directory.
    FoundUpwards,
    /// A settings file in the drafts' directory or a parent of it.
    FoundFromDrafts,
    Bundled,
    Default,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Flag(flag) => write!(f, "{flag}"),
            Origin::Config(place) => write!(f, "{place}"),
            Origin::FoundUpwards => write!(f, "found from the current directory upwards"),
            Origin::FoundFromDrafts => write!(f, "found from the drafts' directory upwards"),
            Origin::Bundled => write!(f, "compiled into claimcheck"),
            Origin::Default => write!(f, "default"),
        }
    }
}

/// A setting's value and where it came from.
#[derive(Debug, Clone)]
pub(crate) struct Setting<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Setting<T> {
    fn from_config(located: Located<T>) -> Setting<T> {
        Setting {
            value: located.value,
            origin: Origin::Config(located.at),
        }
    }

    fn map<U>(self, f: impl FnOnce(T) -> U) -> Setting<U> {
        Setting {
            value: f(self.value),
            origin: self.origin,
        }
    }
}

/// Where the rules are read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RulesSource {
    Dir(PathBuf),
    Bundled,
}

/// Every setting in effect.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// The settings file read, if any, and how it was found (or looked for).
    pub config: Setting<Option<PathBuf>>,
    pub rules: Setting<RulesSource>,
    /// The fact base: its sources, merged in order.
    pub db: Setting<Vec<FactSource>>,
    pub locale: Option<Setting<String>>,
    pub fail_on: Setting<FailOn>,
    pub format: Setting<Format>,
    pub ignore: Option<Setting<Ignore>>,
}

impl Settings {
    /// The settings for drafts at `paths` (`-` is standard input): the settings
    /// file is looked for from their directory upwards, and must be the same
    /// for all of them.
    pub fn for_drafts(paths: &[PathBuf], flags: Flags) -> Result<Settings> {
        let (config, origin) = match flags.base.and_then(|b| b.config.as_deref()) {
            Some(file) => (Some(Config::from_file(file)?), Origin::Flag("--config")),
            None if paths.iter().all(|p| p.as_os_str() == "-") => {
                (governing_config(paths)?, Origin::FoundUpwards)
            }
            None => (governing_config(paths)?, Origin::FoundFromDrafts),
        };
        Settings::resolve(config, origin, flags)
    }

    /// The settings for a command that reads no drafts: the settings file is
    /// looked for from the current directory upwards.
    pub fn here(flags: Flags) -> Result<Settings> {
        Settings::for_drafts(&[], flags)
    }

    /// The settings for a command that reads no drafts and takes only the fact
    /// base's flags (`--config`, `--db`, `--rules`).
    pub fn here_for_base(
        config: Option<PathBuf>,
        db: Vec<PathBuf>,
        rules: Option<PathBuf>,
    ) -> Result<Settings> {
        let base = BaseFlags { config, db, rules };
        Settings::here(Flags {
            base: Some(&base),
            ..Flags::default()
        })
    }

    fn resolve(config: Option<Config>, origin: Origin, flags: Flags) -> Result<Settings> {
        let base = flags.base.cloned().unwrap_or_default();
        let config_path = Setting {
            value: config.as_ref().map(|c| c.path.clone()),
            origin,
        };
        let (db, rules, fail_on, locale, format, ignore) = match config {
            Some(c) => (c.db, c.rules, c.fail_on, c.locale, c.format, c.ignore),
            None => (None, None, None, None, None, None),
        };
        let rules = located_dirs(
            base.rules.into_iter().collect(),
            "--rules",
            rules.map(|dir| Located {
                value: vec![dir.value],
                at: dir.at,
            }),
            "rules",
        )?
        .map(|dirs| match dirs.and_then(|dirs| dirs.into_iter().next()) {
            Some(dir) => RulesSource::Dir(dir),
            None => RulesSource::Bundled,
        });
        let db = located_dirs(base.db, "--db", db, "claims")?.map(|dirs| match dirs {
            Some(dirs) => dirs.into_iter().map(FactSource::Dir).collect(),
            None => vec![FactSource::Bundled],
        });
        let locale = match flags.locale {
            Some(tag) => Some(Setting {
                value: tag.to_string(),
                origin: Origin::Flag("--locale"),
            }),
            None => locale.map(Setting::from_config),
        };
        Ok(Settings {
            config: config_path,
            rules,
            db,
            locale,
            fail_on: overridden(flags.fail_on, "--fail-on", fail_on),
            format: overridden(flags.format, "--format", format),
            ignore: ignore.map(Setting::from_config),
        })
    }

    /// The rules, read and set to the locale in effect, their parsed files cached
    /// in `cache_dir` when one is given.
    pub fn load_rules(&self, cache_dir: Option<&Path>) -> Result<Rules> {
        self.compile_rules(&self.rule_texts()?, cache_dir)
    }

    fn rule_texts(&self) -> Result<RuleTexts> {
        match &self.rules.value {
            RulesSource::Dir(dir) => RuleTexts::read(dir),
            RulesSource::Bundled => RuleTexts::bundled(),
        }
        .map_err(|e| anyhow!("{e}"))
    }

    fn compile_rules(&self, texts: &RuleTexts, cache_dir: Option<&Path>) -> Result<Rules> {
        let dir = self.rules_dir();
        let (files, _) = rules_cache::parse(cache_dir, &dir, texts).map_err(|e| anyhow!("{e}"))?;
        let mut rules = Rules::from_files(files, &dir).map_err(|e| anyhow!("{e}"))?;
        if let Some(locale) = &self.locale {
            rules
                .set_locale(&locale.value)
                .map_err(|e| anyhow!("{}: {e}", locale.origin))?;
        }
        Ok(rules)
    }

    /// The rules and the whole fact base.
    pub fn load_rules_and_base(&self, cache: &super::CacheArgs) -> Result<(Rules, FactBase)> {
        let (rules, loading) = self.load_rules_and_start_base(cache)?;
        let base = loading.finish(&rules)?;
        Ok((rules, base))
    }

    /// The rules, and the fact base on its way: its cache is read while the rules
    /// are compiled (it needs only the digest of their texts), and goes on being
    /// read once they are.
    pub fn load_rules_and_start_base(
        &self,
        cache: &super::CacheArgs,
    ) -> Result<(Rules, BaseLoading)> {
        let texts = self.rule_texts()?;
        let digest = texts
            .base_digest(&self.rules_dir())
            .map_err(|e| anyhow!("{e}"))?;
        let options = cache.options();
        let sources = self.db.value.clone();
        let read = std::thread::spawn({
            let (sources, options) = (sources.clone(), options.clone());
            move || CacheRead::new(&sources, digest, &options)
        });
        let rules = self.compile_rules(&texts, options.cache_dir.as_deref())?;
        Ok((rules, BaseLoading { sources, read }))
    }

    /// Whether a file or directory met while walking a directory is left out.
    pub fn ignores(&self, path: &Path, is_dir: bool) -> bool {
        self.ignore
            .as_ref()
            .is_some_and(|ignore| ignore.value.ignores(path, is_dir))
    }

    /// The fact base's directories as one line: `claims`, `a, b`.
    pub fn db_text(&self) -> String {
        let dirs: Vec<String> = self
            .db
            .value
            .iter()
            .map(|source| source.dir().display().to_string())
            .collect();
        dirs.join(", ")
    }

    pub fn rules_dir(&self) -> PathBuf {
        match &self.rules.value {
            RulesSource::Dir(dir) => dir.clone(),
            RulesSource::Bundled => crate::bundled::rules_dir(),
        }
    }
}

/// A fact base being read in the background, to be finished with the rules.
pub struct BaseLoading {
    sources: Vec<FactSource>,
    read: JoinHandle<Result<CacheRead, Vec<Diagnostic>>>,
}

impl BaseLoading {
    /// The base, once read, indexed by `rules` (those it was started with).
    pub fn finish(self, rules: &Rules) -> Result<FactBase> {
        let read = self
            .read
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let loaded = read.and_then(|read| read.finish(rules));
        let (base, _) = super::base_or_errors(&self.sources, loaded)?;
        Ok(base)
    }
}

/// A setting from its flag, else the settings file, else its default.
fn overridden<T: Default>(
    flag: Option<T>,
    name: &'static str,
    config: Option<Located<T>>,
) -> Setting<T> {
    match (flag, config) {
        (Some(value), _) => Setting {
            value,
            origin: Origin::Flag(name),
        },
        (None, Some(located)) => Setting::from_config(located),
        (None, None) => Setting {
            value: T::default(),
            origin: Origin::Default,
        },
    }
}

/// The settings file that governs every draft at `paths`: the one nearest above
/// each draft's directory (the current directory for standard input, or when no
/// draft is named). Drafts under two different files are refused.
fn governing_config(paths: &[PathBuf]) -> Result<Option<Config>> {
    let mut starts: BTreeSet<PathBuf> = paths.iter().map(|p| start_of(p)).collect();
    if starts.is_empty() {
        starts.insert(PathBuf::from("."));
    }
    let mut found: Vec<Option<Config>> = Vec::new();
    for start in &starts {
        let config = Config::find(start)?;
        let path = config.as_ref().map(|c| &c.path);
        if !found.iter().any(|f| f.as_ref().map(|c| &c.path) == path) {
            found.push(config);
        }
    }
    if found.len() > 1 {
        let names: Vec<String> = found
            .iter()
            .map(|c| match c {
                Some(config) => config.path.display().to_string(),
                None => "none".to_string(),
            })
            .collect();
        bail!(
            "the drafts are under different settings files ({}): check them in separate runs, or name one with --config FILE",
            names.join(", ")
        );
    }
    Ok(found.pop().flatten())
}

/// The directory a draft's settings file is looked for from.
fn start_of(path: &Path) -> PathBuf {
    if path.as_os_str() == "-" {
        return PathBuf::from(".");
    }
    if path.is_dir() {
        return path.to_path_buf();
    }
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Where a directory setting points: the directories its flag gives, else the
/// settings file's, else `name` found upwards; `None` for the copy compiled in.
fn located_dirs(
    flagged: Vec<PathBuf>,
    flag: &'static str,
    configured: Option<Located<Vec<PathBuf>>>,
    name: &str,
) -> Result<Setting<Option<Vec<PathBuf>>>> {
    if !flagged.is_empty() {
        let dirs = flagged.into_iter().map(|dir| given_dir(dir, flag));
        return Ok(Setting {
            value: Some(dirs.collect::<Result<_>>()?),
            origin: Origin::Flag(flag),
        });
    }
    if let Some(located) = configured {
        let dirs = located
            .value
            .into_iter()
            .map(|dir| configured_dir(dir, &located.at));
        return Ok(Setting {
            value: Some(dirs.collect::<Result<_>>()?),
            origin: Origin::Config(located.at),
        });
    }
    Ok(match found_upwards(name)? {
        Some(dir) => Setting {
            value: Some(vec![dir]),
            origin: Origin::FoundUpwards,
        },
        None => Setting {
            value: None,
            origin: Origin::Bundled,
        },
    })
}

fn given_dir(dir: PathBuf, flag: &str) -> Result<PathBuf> {
    if !dir.is_dir() {
        bail!("{}: not a directory (given with {flag})", dir.display());
    }
    Ok(dir)
}

fn configured_dir(dir: PathBuf, at: &Place) -> Result<PathBuf> {
    if !dir.is_dir() {
        bail!("{at}: {}: not a directory", dir.display());
    }
    Ok(dir)
}

/// `name` in the current directory or the nearest parent that has it; shown
/// relative when it is here, as evidence paths read better so.
fn found_upwards(name: &str) -> Result<Option<PathBuf>> {
    let here = std::env::current_dir().context("finding the current directory")?;
    for dir in here.ancestors() {
        let candidate = dir.join(name);
        if candidate.is_dir() {
            return Ok(Some(if dir == here {
                PathBuf::from(name)
            } else {
                candidate
            }));
        }
    }
    Ok(None)
}
