//! `claimcheck check`: drafts in, one report out.

use crate::check::{CheckedDocument, check_document};
use crate::document::Document;
use crate::report;
use crate::rules::Rules;
use crate::verify::Verdict;
use anyhow::{Context, Result, anyhow, bail};
use chrono::NaiveDate;
use clap::ValueEnum;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
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
    #[command(flatten)]
    cache: super::CacheArgs,
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

/// Runs `claimcheck check`; returns the exit status.
pub fn run(args: &CheckArgs) -> Result<u8> {
    let drafts = collect_drafts(&args.paths)?;
    let rules_dir = super::locate(args.rules.as_deref(), "rules", "--rules")?;
    let db_dir = super::locate(args.db.as_deref(), "claims", "--db")?;
    let rules = Rules::load(&rules_dir).map_err(|e| anyhow!("{e}"))?;
    let base = super::load_base(&db_dir, &rules, &args.cache)?;

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
        return Ok(super::EXIT_BAD_INPUT);
    }
    let reached = args.fail_on.threshold().is_some_and(|threshold| {
        checked
            .iter()
            .flat_map(|d| &d.claims)
            .any(|c| c.verdict >= threshold)
    });
    Ok(if reached { super::EXIT_FAIL_ON } else { 0 })
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
