//! The command line. Arguments are parsed and checked first; rules and facts are
//! loaded only after, so a typo in a flag answers at once. One module a subcommand.

mod check;
mod db;
mod extract;
mod lsp;

use crate::factbase::{self, CacheUse, FactBase, LoadOptions};
use crate::rules::Rules;
use anyhow::{Context, Result, anyhow, bail};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::io::Write;
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
}

/// What drafts are read against: the publication date, the fact base, the rules.
#[derive(Debug, clap::Args)]
pub(crate) struct SourceArgs {
    /// The publication date relative dates are resolved against ("last week",
    /// "Monday", "January 3"). Overrides a `date:` in the draft's front matter.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<NaiveDate>,
    /// Directory of fact files [default: `claims`, looked for here and in parent directories]
    #[arg(long, value_name = "DIR")]
    db: Option<PathBuf>,
    /// Directory of rule files [default: `rules`, looked for here and in parent directories]
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
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

/// The directory given, or `name` in the current directory or the nearest parent.
pub(crate) fn locate(given: Option<&Path>, name: &str, flag: &str) -> Result<PathBuf> {
    if let Some(dir) = given {
        if !dir.is_dir() {
            bail!("{}: not a directory (given with {flag})", dir.display());
        }
        return Ok(dir.to_path_buf());
    }
    let here = std::env::current_dir().context("finding the current directory")?;
    for dir in here.ancestors() {
        let candidate = dir.join(name);
        if candidate.is_dir() {
            // Shown relative to here when it is here, as evidence paths read better so.
            return Ok(if dir == here {
                PathBuf::from(name)
            } else {
                candidate
            });
        }
    }
    bail!(
        "no `{name}` directory here or in any parent of {}: pass {flag} DIR",
        here.display()
    )
}

/// Where the compiled fact base is cached between runs.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct CacheArgs {
    /// Directory for the compiled fact base [default: $XDG_CACHE_HOME/claimcheck or
    /// ~/.cache/claimcheck]
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// Read the fact files every time, without reading or writing a cache.
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

/// Loads the whole fact base, or prints every error in it and fails.
pub(crate) fn load_base(dir: &Path, rules: &Rules, cache: &CacheArgs) -> Result<FactBase> {
    load_base_with(dir, rules, &cache.options()).map(|(base, _)| base)
}

/// Loads the whole fact base as `options` say, and tells what the cache did.
pub(crate) fn load_base_with(
    dir: &Path,
    rules: &Rules,
    options: &LoadOptions,
) -> Result<(FactBase, CacheUse)> {
    factbase::load_dir_with(dir, rules, options).map_err(|errors| {
        for error in &errors {
            eprintln!("error: {error}");
        }
        anyhow!(
            "the fact base in {} has {} error{}; nothing was checked",
            dir.display(),
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        )
    })
}

/// Files named on the command line, and the drafts inside named directories.
/// A named path may be anything readable (a pipe, `/dev/stdin`); inside a
/// directory, links to drafts are followed and anything else skipped is named.
pub(crate) fn collect_drafts(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut drafts = Vec::new();
    for path in paths {
        if path.is_dir() {
            for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
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
