//! The command line. Arguments are parsed and checked first; rules and facts are
//! loaded only after, so a typo in a flag answers at once.

use crate::check::{CheckedDocument, check_document};
use crate::document::Document;
use crate::factbase::{self, FactBase};
use crate::report;
use crate::rules::Rules;
use crate::verify::Verdict;
use anyhow::{Context, Result, anyhow, bail};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
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
    Check(CheckArgs),
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Drafts to check: files, or directories searched for .md, .markdown and .txt files.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
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
    /// Report format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// Write the report to FILE (whole or not at all) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Exit with status 1 when any claim is this bad or worse
    /// (unverified < imprecise < outdated < contradicted).
    #[arg(long, value_enum, default_value_t = FailOn::Contradicted)]
    fail_on: FailOn,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OutputFormat {
    /// Human-readable lines, coloured on a terminal.
    Text,
    /// The JSON report, schema_version 1 (see README).
    Json,
    /// One self-contained HTML page.
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Contradicted,
    Outdated,
    Imprecise,
    Unverified,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Verdict> {
        match self {
            FailOn::Contradicted => Some(Verdict::Contradicted),
            FailOn::Outdated => Some(Verdict::Outdated),
            FailOn::Imprecise => Some(Verdict::Imprecise),
            FailOn::Unverified => Some(Verdict::Unverified),
            FailOn::Never => None,
        }
    }
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date: write it as YYYY-MM-DD"))
}

/// Exit statuses: nothing reached --fail-on; something did; bad input or usage.
const EXIT_FAIL_ON: u8 = 1;
const EXIT_BAD_INPUT: u8 = 2;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => match run_check(&args) {
            Ok(code) => ExitCode::from(code),
            Err(error) => {
                eprintln!("error: {error:#}");
                ExitCode::from(EXIT_BAD_INPUT)
            }
        },
    }
}

fn run_check(args: &CheckArgs) -> Result<u8> {
    let drafts = collect_drafts(&args.paths)?;
    let rules_dir = locate(args.rules.as_deref(), "rules", "--rules")?;
    let db_dir = locate(args.db.as_deref(), "claims", "--db")?;
    let rules = Rules::load(&rules_dir).map_err(|e| anyhow!("{e}"))?;
    let base = load_base(&db_dir, &rules)?;

    let mut checked: Vec<CheckedDocument> = Vec::new();
    let mut failed = false;
    for path in &drafts {
        let result = Document::read(path)
            .map_err(crate::check::CheckError::from)
            .and_then(|document| check_document(document, args.as_of, &rules, &base));
        match result {
            Ok(document) => checked.push(document),
            Err(error) => {
                eprintln!("error: {error}");
                failed = true;
            }
        }
    }

    let colour = args.output.is_none()
        && matches!(args.format, OutputFormat::Text)
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let rendered = match args.format {
        OutputFormat::Text => report::text(&checked, colour),
        OutputFormat::Json => report::json(&checked),
        OutputFormat::Html => report::html(&checked).context("rendering the HTML report")?,
    };
    match &args.output {
        Some(path) => write_whole(path, rendered.as_bytes())?,
        None => std::io::stdout()
            .write_all(rendered.as_bytes())
            .context("writing the report")?,
    }

    if failed {
        return Ok(EXIT_BAD_INPUT);
    }
    let reached = args.fail_on.threshold().is_some_and(|threshold| {
        checked
            .iter()
            .flat_map(|d| &d.claims)
            .any(|c| c.verdict >= threshold)
    });
    Ok(if reached { EXIT_FAIL_ON } else { 0 })
}

fn load_base(dir: &Path, rules: &Rules) -> Result<FactBase> {
    factbase::load_dir(dir, rules).map_err(|errors| {
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
fn collect_drafts(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut drafts = Vec::new();
    for path in paths {
        if path.is_dir() {
            for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
                let entry = entry.with_context(|| format!("reading {}", path.display()))?;
                let is_draft = entry
                    .path()
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| {
                        matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown" | "txt")
                    });
                if entry.file_type().is_file() && is_draft {
                    drafts.push(entry.into_path());
                }
            }
        } else if path.is_file() {
            drafts.push(path.clone());
        } else {
            bail!("{}: no such file or directory", path.display());
        }
    }
    if drafts.is_empty() {
        bail!("no drafts found (looked for .md, .markdown and .txt files)");
    }
    Ok(drafts)
}

/// The directory given, or `name` in the current directory or the nearest parent.
fn locate(given: Option<&Path>, name: &str, flag: &str) -> Result<PathBuf> {
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

/// Writes to a temporary file beside `path`, then renames it over `path`, so a
/// reader never sees half a report.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| anyhow!("{}: not a file name", path.display()))?;
    let temporary = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = std::fs::write(&temporary, bytes).and_then(|()| std::fs::rename(&temporary, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result.with_context(|| format!("writing {}", path.display()))
}
