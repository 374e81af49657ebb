//! `claimcheck check`: drafts in, checked in parallel, one report out (or, with
//! `-o DIR/`, a directory with one report per draft, an index and a combined JSON).

use super::looks_like_draft;
use super::settings::{Flags, Settings};
use crate::check::{CheckError, CheckedDocument, check_document};
use crate::factbase::FactBase;
use crate::output::{Access, DirectoryLock, Inputs, OutputError, Staging, write_whole};
use crate::report::{
    self, CheckRun, DatabaseVersion, FailedDraft, Format, RenderOptions, Vocabulary,
};
use crate::rules::Rules;
use crate::verify::FailOn;
use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Drafts to check: files, directories searched for .md, .markdown and .txt
    /// files, or `-` for standard input (read as plain text).
    #[arg(required_unless_present = "jsonl", value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Archive mode: read JSON lines {"id", "text", "as_of"} from standard input
    /// and write one JSON report line for each, in the same order, as each is done.
    #[arg(long, conflicts_with_all = ["paths", "output", "format", "fail_on", "review_url", "force"])]
    jsonl: bool,
    #[command(flatten)]
    source: super::SourceArgs,
    /// Report format [default: `format` in claimcheck.toml, else text]
    #[arg(long, value_enum)]
    format: Option<Format>,
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
    /// (unverified < imprecise < outdated < contradicted) [default: `fail-on` in
    /// claimcheck.toml, else contradicted]
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Let `-o DIR/` be a directory that holds drafts or other files claimcheck did
    /// not write. Reports still never replace any of them: a report whose name is
    /// taken gets a number (`draft-2.md`).
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    cache: super::CacheArgs,
}

/// Runs `claimcheck check`; returns the exit status.
pub fn run(args: &CheckArgs) -> Result<u8> {
    let settings = Settings::for_drafts(
        &args.paths,
        Flags {
            fail_on: args.fail_on,
            format: args.format,
            ..args.source.flags()
        },
    )?;
    if args.jsonl {
        return super::archive::run(args.source.as_of, &settings, &args.cache);
    }
    let drafts = super::collect_drafts(&args.paths, &settings)?;
    let inputs = Inputs::of(drafts.iter().map(PathBuf::as_path));
    // Refused before anything is loaded, and again just before writing.
    check_output_target(args.output.as_deref(), &drafts, &inputs, args.force)?;
    let (rules, base) = settings.load_rules_and_base(&args.cache)?;
    let database = DatabaseVersion::of(&base);
    let format = settings.format.value;

    let (checked, failed) = check_all(&drafts, args.source.as_of, &rules, &base);
    // Only the HTML report says in words what the claims' ids name.
    let vocabulary = match format {
        Format::Html => Vocabulary::of(&checked, &base, &rules),
        _ => Vocabulary::default(),
    };
    let run = CheckRun {
        documents: &checked,
        failed: &failed,
        database: &database,
        vocabulary: &vocabulary,
    };
    let options = RenderOptions {
        colour: args.output.is_none()
            && format == Format::Text
            && std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none(),
        width: terminal_width(args.output.is_none()),
        review_url: args.review_url.clone(),
        index_href: None,
    };
    match &args.output {
        Some(dir) if is_directory_target(dir) => {
            write_batch(dir, &run, format, &options, &drafts, &inputs, args.force)?
        }
        Some(path) => write_whole(
            path,
            report::render(format, &run, &options)?.as_bytes(),
            &inputs,
            Access::Shared,
        )?,
        None => super::write_stdout(report::render(format, &run, &options)?.as_bytes())?,
    }

    // Freeing a base of a million facts takes seconds; the process ends next and
    // the system takes its memory back at once.
    std::mem::forget(base);
    if !failed.is_empty() {
        return Ok(super::EXIT_BAD_INPUT);
    }
    let reached = settings.fail_on.value.threshold().is_some_and(|threshold| {
        checked
            .iter()
            .flat_map(|d| &d.claims)
            .any(|c| c.verdict >= threshold)
    });
    Ok(if reached { super::EXIT_FAIL_ON } else { 0 })
}

/// The terminal's width, when the report goes to a terminal.
fn terminal_width(to_stdout: bool) -> Option<usize> {
    if !to_stdout {
        return None;
    }
    console::Term::stdout()
        .size_checked()
        .map(|(_rows, columns)| usize::from(columns))
}

/// Checks every draft, in parallel, in the order given. A draft that cannot be
/// checked is reported on standard error and returned apart, with its error.
fn check_all(
    drafts: &[PathBuf],
    as_of: Option<NaiveDate>,
    rules: &Rules,
    base: &FactBase,
) -> (Vec<CheckedDocument>, Vec<FailedDraft>) {
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
    let results: Vec<Result<Result<CheckedDocument, CheckError>, &PathBuf>> = drafts
        .par_iter()
        .map(|path| {
            // A fault in one draft's check costs that draft, not the batch.
            let result = std::panic::catch_unwind(|| {
                super::read_draft(path)
                    .map_err(CheckError::from)
                    .and_then(|document| check_document(document, as_of, rules, base))
            })
            .map_err(|_| path);
            progress.inc(1);
            result
        })
        .collect();
    progress.finish_and_clear();
    let mut checked = Vec::with_capacity(results.len());
    let mut failed = Vec::new();
    for (path, result) in drafts.iter().zip(results) {
        let error = match result {
            Ok(Ok(document)) => {
                checked.push(document);
                continue;
            }
            Ok(Err(error)) => error.to_string(),
            Err(path) => format!(
                "{}: claimcheck failed on this draft (a bug: please report it with the draft); the others are checked",
                path.display()
            ),
        };
        eprintln!("error: {error}");
        failed.push(FailedDraft {
            path: path.clone(),
            error,
        });
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

/// Refuses an output that would replace a draft of the run, or a batch
/// directory that holds drafts (without `--force`).
fn check_output_target(
    output: Option<&Path>,
    drafts: &[PathBuf],
    inputs: &Inputs,
    force: bool,
) -> Result<()> {
    match output {
        Some(dir) if is_directory_target(dir) => {
            if !force && dir.is_dir() {
                let foreign = foreign_files(dir, &Manifest::read(dir))?;
                let holds_drafts = drafts.iter().any(|d| lies_inside(d, dir))
                    || foreign.iter().any(|name| looks_like_draft(Path::new(name)));
                if holds_drafts {
                    bail!(
                        "{}: holds drafts; reports go in a directory of their own (pass --force \
                         to write beside them: no file there is replaced)",
                        dir.display()
                    );
                }
            }
            Ok(())
        }
        Some(path) if inputs.contains(path) => Err(OutputError::WouldOverwriteInput {
            path: path.to_path_buf(),
        }
        .into()),
        _ => Ok(()),
    }
}

/// Writes a batch into `dir`, creating it. Every file is written to a staging
/// directory first and moved into place once all are whole, the index last. A
/// directory that holds drafts (or anything else an earlier batch did not write)
/// is used only with `--force`, and even then no report replaces such a file.
fn write_batch(
    dir: &Path,
    run: &CheckRun,
    format: Format,
    options: &RenderOptions,
    drafts: &[PathBuf],
    inputs: &Inputs,
    force: bool,
) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let _lock = DirectoryLock::acquire(dir);
    check_output_target(Some(dir), drafts, inputs, force)?;
    let earlier = Manifest::read(dir);
    let foreign = foreign_files(dir, &earlier)?;
    let written_at = chrono::Utc::now()
        .format("%Y-%m-%d %H:%M:%S UTC")
        .to_string();
    let files = report::batch::files(run, format, options, &foreign, &written_at)?;
    let staging = Staging::new_in(dir)?;
    // Earlier batches' files stay claimcheck's own while they are there.
    let mut ours: Vec<String> = earlier
        .files
        .into_iter()
        .filter(|name| dir.join(name).is_file())
        .chain(files.iter().map(|f| f.name.clone()))
        .collect();
    ours.sort();
    ours.dedup();
    let manifest = Manifest {
        written_at,
        files: ours,
    };
    staging.write(MANIFEST_FILE, manifest.to_json().as_bytes())?;
    for file in &files {
        staging.write(&file.name, file.contents.as_bytes())?;
    }
    // The list of the batch's files first, so a run killed while moving them in
    // leaves none that the next run takes for a draft; the index last, so it
    // never links a report not yet in place.
    for name in [MANIFEST_FILE]
        .into_iter()
        .chain(files.iter().map(|f| f.name.as_str()))
    {
        let target = dir.join(name);
        if inputs.contains(&target) {
            return Err(OutputError::WouldOverwriteInput { path: target }.into());
        }
        staging.publish(name, &target)?;
    }
    Ok(())
}

/// What a batch wrote, kept in its directory so the next batch knows which files
/// are its own to replace.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct Manifest {
    written_at: String,
    files: Vec<String>,
}

const MANIFEST_FILE: &str = ".claimcheck-batch.json";

impl Manifest {
    fn read(dir: &Path) -> Manifest {
        std::fs::read(dir.join(MANIFEST_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Names in `dir` that no earlier batch wrote: never replaced.
fn foreign_files(dir: &Path, earlier: &Manifest) -> Result<HashSet<String>> {
    let ours: HashSet<&str> = earlier.files.iter().map(String::as_str).collect();
    let mut foreign = HashSet::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name != MANIFEST_FILE && !ours.contains(name.as_str()) {
            foreign.insert(name);
        }
    }
    Ok(foreign)
}

/// Whether `path` is in `dir` or below it, links resolved.
fn lies_inside(path: &Path, dir: &Path) -> bool {
    match (std::fs::canonicalize(path), std::fs::canonicalize(dir)) {
        (Ok(path), Ok(dir)) => path.starts_with(dir),
        _ => false,
    }
}
