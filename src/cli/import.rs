//! `claimcheck db import wikidata`: fact files from a Wikidata dump, entity JSON
//! lines or `Special:EntityData` responses. The arguments and the selection are
//! checked before anything is read; the work is `crate::wikidata`'s.

use super::settings::{RulesSource, Settings};
use crate::wikidata::ids::ItemId;
use crate::wikidata::input::Input;
use crate::wikidata::mapping::Mapping;
use crate::wikidata::select::Selection;
use crate::wikidata::{ImportOptions, import};
use anyhow::{Result, anyhow, bail};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    source: ImportSource,
}

#[derive(Debug, clap::Subcommand)]
enum ImportSource {
    /// Write fact files from Wikidata's JSON: the dump (latest-all.json.gz or
    /// .bz2), lines of entity JSON, or Special:EntityData responses.
    Wikidata(WikidataArgs),
}

#[derive(Debug, clap::Args)]
struct WikidataArgs {
    /// Files to read, plain, gzip or bzip2 (known by their first bytes); `-` reads
    /// standard input.
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<PathBuf>,
    /// Directory the fact files are written to; only files an import wrote there
    /// are replaced.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// YAML file saying which items to take (see examples/wikidata-select.yaml).
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "items",
        required_unless_present = "items"
    )]
    select: Option<PathBuf>,
    /// Take these items, comma-separated: Q17,Q274948.
    #[arg(long, value_name = "Q1,Q2,...", value_delimiter = ',', value_parser = parse_item)]
    items: Vec<ItemId>,
    /// The language of names and aliases; an item without a label in it is skipped.
    #[arg(long, default_value = "en", value_name = "CODE")]
    language: String,
    /// Threads that select and parse, besides the one that decompresses
    /// [default: the number of cores]
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Directory of rule files, for `properties.yaml` and `wikidata.yaml` [default:
    /// `rules` in claimcheck.toml, else `rules` here or in a parent directory, else
    /// the rules compiled in]
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Settings file [default: `claimcheck.toml` here or in the nearest parent
    /// that has one]
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

fn parse_item(text: &str) -> Result<ItemId, String> {
    ItemId::parse(text.trim())
        .ok_or_else(|| format!("`{text}` is not a Wikidata item id (write Q42)"))
}

pub fn run(args: &ImportArgs) -> Result<u8> {
    match &args.source {
        ImportSource::Wikidata(args) => wikidata(args),
    }
}

/// How many malformed lines are shown one by one before they are only counted.
const MALFORMED_SHOWN: usize = 20;

fn wikidata(args: &WikidataArgs) -> Result<u8> {
    if args.inputs.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        bail!("`-` (standard input) is named more than once");
    }
    let selection = match &args.select {
        Some(path) => Selection::read(path)?,
        None => Selection::items(args.items.clone()),
    };
    let settings = Settings::here_for_base(args.config.clone(), Vec::new(), args.rules.clone())?;
    let rules = settings.load_rules(None)?;
    let mapping = match &settings.rules.value {
        RulesSource::Dir(dir) => Mapping::load(dir, &rules.properties),
        RulesSource::Bundled => Mapping::bundled(&rules.properties),
    }
    .map_err(|e| anyhow!("{e}"))?;
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let options = ImportOptions {
        inputs: args.inputs.iter().map(|p| Input::from_arg(p)).collect(),
        out: args.out.clone(),
        selection,
        language: args.language.clone(),
        threads,
        progress: std::io::stderr().is_terminal(),
    };
    let summary = import(&options, &mapping, &rules.properties)?;
    for malformed in summary.malformed.iter().take(MALFORMED_SHOWN) {
        eprintln!("error: {malformed}");
    }
    if summary.malformed.len() > MALFORMED_SHOWN {
        eprintln!(
            "error: ... and {} more malformed lines",
            summary.malformed.len() - MALFORMED_SHOWN
        );
    }
    for line in summary.warnings.lines() {
        eprintln!("warning: {line}");
    }
    eprintln!(
        "read {} entities ({:.1} MB of JSON) in {} pass{}; kept {} items",
        summary.entities_read,
        summary.json_bytes as f64 / 1e6,
        summary.passes,
        if summary.passes == 1 { "" } else { "es" },
        summary.items_kept
    );
    eprintln!(
        "wrote {} entities and {} facts to {}: {} files written, {} unchanged, {} removed",
        summary.entities_written,
        summary.facts_written,
        args.out.display(),
        summary.files.written,
        summary.files.unchanged,
        summary.files.removed
    );
    Ok(if summary.malformed.is_empty() {
        0
    } else {
        super::EXIT_FAIL_ON
    })
}
