//! `claimcheck check`: drafts in, checked in parallel, one report out (or, with
//! `-o DIR/`, a directory with one report per draft, an index and a combined JSON).

use crate::check::{CheckError, CheckedDocument, check_document};
use crate::document::Document;
use crate::factbase::FactBase;
use crate::report::{self, CheckRun, DatabaseVersion, Format, RenderOptions};
use crate::rules::Rules;
use crate::verify::Verdict;
use anyhow::{Context, Result, anyhow};
use chrono::NaiveDate;
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Drafts to check: files, or directories searched for .md, .markdown and .txt files.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    source: super::SourceArgs,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write the report to FILE (whole or not at all) instead of standard output.
    /// A path ending in `/`, or an existing directory, gets one report per draft,
    /// `index.html` linking them and `report.json` with every draft.
    #[arg(short, long, value_name = "FILE|DIR/")]
    output: Option<PathBuf>,
    /// Where the fact-check will be published (claimreview format): each review's
    /// `url` is this address with the claim's id as fragment.
    #[arg(long, value_name = "URL")]
    review_url: Option<String>,
    /// Exit with status 1 when any claim is this bad or worse
    /// (unverified < imprecise < outdated < contradicted).
    #[arg(long, value_enum, default_value_t = FailOn::Contradicted)]
    fail_on: FailOn,
    #[command(flatten)]
    cache: super::CacheArgs,
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

/// Runs `claimcheck check`; returns the exit status.
pub fn run(args: &CheckArgs) -> Result<u8> {
    let drafts = super::collect_drafts(&args.paths)?;
    let rules_dir = super::locate(args.source.rules.as_deref(), "rules", "--rules")?;
    let db_dir = super::locate(args.source.db.as_deref(), "claims", "--db")?;
    let rules = Rules::load(&rules_dir).map_err(|e| anyhow!("{e}"))?;
    let base = super::load_base(&db_dir, &rules, &args.cache)?;
    let database = DatabaseVersion::of(&base);

    let (checked, failed) = check_all(&drafts, args.source.as_of, &rules, &base);
    let run = CheckRun {
        documents: &checked,
        database: &database,
    };
    let options = RenderOptions {
        colour: args.output.is_none()
            && args.format == Format::Text
            && std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none(),
        review_url: args.review_url.clone(),
    };
    match &args.output {
        Some(dir) if is_directory_target(dir) => write_batch(dir, &run, args.format, &options)?,
        Some(path) => write_whole(
            path,
            report::render(args.format, &run, &options)?.as_bytes(),
        )?,
        None => std::io::stdout()
            .write_all(report::render(args.format, &run, &options)?.as_bytes())
            .context("writing the report")?,
    }

    // Freeing a base of a million facts takes seconds; the process ends next and
    // the system takes its memory back at once.
    std::mem::forget(base);
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

/// Checks every draft, in parallel, in the order given. A draft that cannot be
/// checked is reported on standard error and left out; the flag says if any was.
fn check_all(
    drafts: &[PathBuf],
    as_of: Option<NaiveDate>,
    rules: &Rules,
    base: &FactBase,
) -> (Vec<CheckedDocument>, bool) {
    // A bar only for runs long enough to watch; indicatif draws nothing when
    // standard error is not a terminal.
    let progress = if drafts.len() > 1 {
        let style = ProgressStyle::with_template(
            "{spinner} checking drafts {bar:30} {pos}/{len} ({elapsed}) {wide_msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        ProgressBar::new(drafts.len() as u64).with_style(style)
    } else {
        ProgressBar::hidden()
    };
    let results: Vec<Result<CheckedDocument, CheckError>> = drafts
        .par_iter()
        .map(|path| {
            let result = Document::read(path)
                .map_err(CheckError::from)
                .and_then(|document| check_document(document, as_of, rules, base));
            progress.inc(1);
            result
        })
        .collect();
    progress.finish_and_clear();
    let mut checked = Vec::with_capacity(results.len());
    let mut failed = false;
    for result in results {
        match result {
            Ok(document) => checked.push(document),
            Err(error) => {
                eprintln!("error: {error}");
                failed = true;
            }
        }
    }
    (checked, failed)
}

/// `-o` names a directory of reports when it ends with a separator or already is one.
fn is_directory_target(path: &Path) -> bool {
    path.as_os_str()
        .to_string_lossy()
        .ends_with(std::path::is_separator)
        || path.is_dir()
}

/// Writes a batch into `dir`, creating it, each file whole or not at all.
fn write_batch(dir: &Path, run: &CheckRun, format: Format, options: &RenderOptions) -> Result<()> {
    let files = report::batch::files(run, format, options)?;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for file in files {
        write_whole(&dir.join(&file.name), file.contents.as_bytes())?;
    }
    Ok(())
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
