//! The command line. Arguments are parsed and checked first; rules and facts are
//! loaded only after, so a typo in a flag answers at once. One module a subcommand;
//! `settings` weighs flags against claimcheck.toml, directories found upwards and
//! what is compiled in; `archive` is `check --jsonl`.

mod archive;
mod check;
mod config;
mod db;
mod extract;
mod import;
mod lsp;
mod settings;

use crate::document::Document;
use crate::factbase::{self, CacheUse, FactBase, FactSource, LoadOptions};
use crate::lint::Diagnostic;
use crate::rules::Rules;
use anyhow::{Context, Result, anyhow, bail};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use settings::Settings;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "claimcheck",
    version,
    about = "Checks the dates, counts and other facts in a news draft against a database of sourced facts."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check drafts (plain text or Markdown; directories are walked) and report a
    /// verdict for every checkable statement.
    Check(check::CheckArgs),
    /// Show what is read in drafts without checking them: claims, or with
    /// --mentions every date, duration, number, percentage, ordinal and hedge.
    Extract(extract::ExtractArgs),
    /// The fact base: lint fact files, find names, count, print the fact file schema.
    Db(db::DbArgs),
    /// A language server over standard input and output: editors show
    /// contradicted, outdated and imprecise claims as a draft is typed.
    Lsp(lsp::LspArgs),
    /// Print the settings in effect (fact base, rules, fail-on, locale, format,
    /// ignored files, cache) and where each came from.
    Config(config::ConfigArgs),
}

/// What drafts are read against: the publication date, the fact base, the rules.
#[derive(Debug, clap::Args)]
pub(crate) struct SourceArgs {
    /// The publication date relative dates are resolved against ("last week",
    /// "Monday", "January 3"). Overrides a `date:` in the draft's front matter.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<NaiveDate>,
    #[command(flatten)]
    base: settings::BaseFlags,
    /// Read dates such as 3/8/2020 as this locale writes them (en-US: March 8;
    /// en-GB: 3 August) [default: `locale` in claimcheck.toml, else the rules'
    /// `numeric-dates`]
    #[arg(long, value_name = "TAG")]
    locale: Option<String>,
}

impl SourceArgs {
    /// The settings flags of this group, for `Settings`.
    fn flags(&self) -> settings::Flags<'_> {
        settings::Flags {
            base: Some(&self.base),
            locale: self.locale.as_deref(),
            ..settings::Flags::default()
        }
    }
}

/// Exit statuses: nothing reached --fail-on; something did; bad input or usage.
pub(crate) const EXIT_FAIL_ON: u8 = 1;
pub(crate) const EXIT_BAD_INPUT: u8 = 2;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Check(args) => check::run(args),
        Command::Extract(args) => extract::run(args),
        Command::Db(args) => db::run(args),
        Command::Lsp(args) => lsp::run(args),
        Command::Config(args) => config::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // The reader stopped early (`| head`): nothing is wrong, as for any Unix tool.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

/// Writes a report to standard output.
pub(crate) fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .context("writing to standard output")
}

pub(crate) fn print(text: &str) -> Result<()> {
    write_stdout(text.as_bytes())
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Where the compiled fact base and the parsed rules are cached between runs.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct CacheArgs {
    /// Directory for the compiled fact base and parsed rules [default:
    /// $XDG_CACHE_HOME/claimcheck or ~/.cache/claimcheck]
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// Read the fact and rules files every time, without reading or writing a cache.
    #[arg(long, conflicts_with = "cache_dir")]
    no_cache: bool,
}

impl CacheArgs {
    pub(crate) fn options(&self) -> LoadOptions {
        let cache_dir = if self.no_cache {
            None
        } else {
            self.cache_dir.clone().or_else(default_cache_dir)
        };
        LoadOptions { cache_dir }
    }
}

impl CacheArgs {
    /// The cache setting for `claimcheck config`: its name, value and origin.
    pub(crate) fn describe(&self) -> (&'static str, String, String) {
        let (value, origin) = match (self.no_cache, &self.cache_dir) {
            (true, _) => ("off".to_string(), "--no-cache"),
            (false, Some(dir)) => (dir.display().to_string(), "--cache-dir"),
            (false, None) => match default_cache_dir() {
                Some(dir) => (dir.display().to_string(), "default"),
                None => ("off".to_string(), "default: no $XDG_CACHE_HOME or $HOME"),
            },
        };
        ("cache-dir", value, origin.to_string())
    }
}

fn default_cache_dir() -> Option<PathBuf> {
    let from = |var: &str| {
        std::env::var_os(var)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    from("XDG_CACHE_HOME")
        .or_else(|| from("HOME").map(|home| home.join(".cache")))
        .map(|dir| dir.join("claimcheck"))
}

/// Loads the whole fact base from `sources` as `options` say, and tells what the
/// cache did; or prints every error in it and fails.
pub(crate) fn load_base(
    sources: &[FactSource],
    rules: &Rules,
    options: &LoadOptions,
) -> Result<(FactBase, CacheUse)> {
    base_or_errors(sources, factbase::load_sources(sources, rules, options))
}

/// The base loaded from `sources`, or every error in it printed and a failure.
pub(crate) fn base_or_errors(
    sources: &[FactSource],
    loaded: Result<(FactBase, CacheUse), Vec<Diagnostic>>,
) -> Result<(FactBase, CacheUse)> {
    loaded.map_err(|errors| {
        for error in &errors {
            eprintln!("error: {error}");
        }
        let dirs: Vec<String> = sources
            .iter()
            .map(|s| s.dir().display().to_string())
            .collect();
        anyhow!(
            "the fact base in {} has {} error{}; nothing was checked",
            dirs.join(", "),
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        )
    })
}

/// Files named on the command line, and the drafts inside named directories
/// (less what the settings ignore); `-`, standard input, where it is named. A
/// named path may be anything readable (a pipe, `/dev/stdin`); inside a
/// directory, links to drafts are followed and anything else skipped is named.
pub(crate) fn collect_drafts(paths: &[PathBuf], settings: &Settings) -> Result<Vec<PathBuf>> {
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        bail!("`-` (standard input) is named more than once");
    }
    let mut drafts = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            drafts.push(path.clone());
        } else if path.is_dir() {
            let walk = walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                // The directory named is walked even if ignored; what is in it may not be.
                .filter_entry(|entry| {
                    entry.depth() == 0
                        || !settings.ignores(entry.path(), entry.file_type().is_dir())
                });
            for entry in walk {
                let entry = entry.with_context(|| format!("reading {}", path.display()))?;
                if !looks_like_draft(entry.path()) {
                    continue;
                }
                let kind = entry.file_type();
                if kind.is_file() || (kind.is_symlink() && entry.path().is_file()) {
                    drafts.push(entry.into_path());
                } else if !kind.is_dir() {
                    eprintln!(
                        "note: {}: skipped, not a regular file or a link to one",
                        entry.path().display()
                    );
                }
            }
        } else if std::fs::metadata(path).is_ok() {
            drafts.push(path.clone());
        } else if std::fs::symlink_metadata(path).is_ok() {
            bail!("{}: a link to nothing", path.display());
        } else {
            bail!("{}: no such file or directory", path.display());
        }
    }
    if drafts.is_empty() {
        bail!("no drafts found (looked for .md, .markdown and .txt files)");
    }
    Ok(drafts)
}

/// Reads a draft: the file at `path`, or standard input for `-` (as plain text).
pub(crate) fn read_draft(path: &Path) -> Result<Document, crate::document::DocumentError> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|source| {
            crate::document::DocumentError::Read {
                path: "standard input".into(),
                source,
            }
        })?;
        return Document::from_bytes(path, bytes);
    }
    Document::read(path)
}

/// A file name a draft has: `.md`, `.markdown` or `.txt`.
pub(crate) fn looks_like_draft(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown" | "txt"))
}

/// A date given on the command line, as YYYY-MM-DD.
pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date: write it as YYYY-MM-DD"))
}
