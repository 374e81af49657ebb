//! `claimcheck extract`: what the pipeline reads in a draft, without checking it,
//! for debugging rules and for other tools. `--mentions` lists mentions; otherwise
//! claims.

use super::settings::Settings;
use crate::claims;
use crate::document::Document;
use crate::factbase::FactBase;
use crate::mentions::{self, NeedsAsOf};
use crate::report::claims_found::{self, FoundDocument};
use crate::report::mentions::{JsonReport, MentionsDocument};
use crate::rules::Rules;
use crate::segment::Segmented;
use anyhow::{Context, Result, anyhow};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::io::{BufWriter, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Drafts to read: files, directories (searched for .md, .markdown and .txt), or
    /// `-` for standard input (read as plain text).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// List mentions (dates, durations, numbers, percentages, ordinals, hedges)
    /// instead of claims.
    #[arg(long)]
    mentions: bool,
    /// Also find names of entities in the fact base (loads it).
    #[arg(long)]
    names: bool,
    #[command(flatten)]
    source: super::SourceArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
    format: ExtractFormat,
    #[command(flatten)]
    cache: super::CacheArgs,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ExtractFormat {
    Text,
    Json,
}

pub fn run(args: &ExtractArgs) -> Result<u8> {
    let settings = Settings::for_drafts(&args.paths, args.source.flags())?;
    let drafts = super::collect_drafts(&args.paths, &settings)?;
    let rules = settings.load_rules()?;
    let base = match args.names {
        true => Some(settings.load_base(&rules, &args.cache)?),
        false => None,
    };
    if args.mentions {
        write_mentions(args, &drafts, &rules, base.as_ref())?;
        return Ok(0);
    }
    let mut found_documents = Vec::new();
    for path in &drafts {
        let document = read(path)?;
        let as_of = args.source.as_of.or(document.front_matter_date);
        let segmented = Segmented::new(&document, &rules);
        let names = base.as_ref().map(|b| &b.names);
        let found = mentions::extract(&segmented, &rules, as_of, names)
            .map_err(|missing| needs_as_of(&document, &missing))?;
        let claims = claims::find(&segmented, &found, &rules, base.as_ref());
        found_documents.push(FoundDocument::new(
            &document,
            as_of,
            &claims,
            &found,
            base.as_ref(),
        ));
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.format {
        ExtractFormat::Json => out.write_all(claims_found::json(&found_documents)?.as_bytes())?,
        ExtractFormat::Text => {
            for document in &found_documents {
                claims_found::write_text(&mut out, document)?;
            }
        }
    }
    out.flush()?;
    Ok(0)
}

/// Drafts are read in parts of about this many bytes (whole blocks), in parallel.
const PART_BYTES: usize = 256 << 10;

/// Where mentions are written, in the format asked for.
enum Output<W: Write> {
    Json(JsonReport<W>),
    Text(W),
}

impl<W: Write> Output<W> {
    fn begin_document(&mut self, document: &MentionsDocument) -> std::io::Result<()> {
        match self {
            Output::Json(json) => json.begin_document(document),
            Output::Text(text) => text.write_all(document.text_heading().as_bytes()),
        }
    }

    /// One part's rendered mentions, in the format's own shape.
    fn part(&mut self, rendered: &[u8]) -> std::io::Result<()> {
        match self {
            Output::Json(json) => json.records(rendered),
            Output::Text(text) => text.write_all(rendered),
        }
    }

    fn end_document(&mut self) -> std::io::Result<()> {
        match self {
            Output::Json(json) => json.end_document(),
            Output::Text(_) => Ok(()),
        }
    }

    fn finish(self) -> std::io::Result<()> {
        match self {
            Output::Json(json) => json.finish(),
            Output::Text(mut text) => text.flush(),
        }
    }
}

/// A draft read and waiting to be listed, with the date its relative dates count
/// from.
struct Loaded {
    document: Document,
    as_of: Option<NaiveDate>,
}

/// Lists each draft's mentions. Drafts are read in parts (runs of whole blocks),
/// several drafts' parts together, on every core; the parts are written in order,
/// a few at a time, so memory is bounded by the drafts and parts in hand.
fn write_mentions(
    args: &ExtractArgs,
    drafts: &[PathBuf],
    rules: &Rules,
    base: Option<&FactBase>,
) -> Result<()> {
    let out = BufWriter::new(std::io::stdout().lock());
    let mut output = match args.format {
        ExtractFormat::Json => Output::Json(JsonReport::start(out)?),
        ExtractFormat::Text => Output::Text(out),
    };
    let lister = Lister {
        format: args.format,
        rules,
        base,
    };
    let threads = rayon::current_num_threads();
    let (window, batch_bytes) = (4 * threads, 4 * threads * PART_BYTES);
    let mut batch: Vec<Loaded> = Vec::new();
    let mut held = 0;
    for path in drafts {
        let document = read(path)?;
        let as_of = args.source.as_of.or(document.front_matter_date);
        let loaded = Loaded { document, as_of };
        if as_of.is_none() {
            // A relative date anywhere fails a draft that has no as-of date: it is
            // listed on its own, and none of it is written before all of it is read.
            lister.write(&mut output, &std::mem::take(&mut batch), window)?;
            held = 0;
            lister.write(&mut output, &[loaded], usize::MAX)?;
            continue;
        }
        held += loaded.document.text.len();
        batch.push(loaded);
        if held >= batch_bytes {
            lister.write(&mut output, &std::mem::take(&mut batch), window)?;
            held = 0;
        }
    }
    lister.write(&mut output, &batch, window)?;
    output.finish()?;
    Ok(())
}

/// What listing a part of a draft needs.
struct Lister<'a> {
    format: ExtractFormat,
    rules: &'a Rules,
    base: Option<&'a FactBase>,
}

impl Lister<'_> {
    fn listed<'d>(&'d self, loaded: &'d Loaded) -> MentionsDocument<'d> {
        MentionsDocument {
            path: &loaded.document.path,
            as_of: loaded.as_of,
            text: &loaded.document.text,
            lines: &loaded.document.lines,
            base: self.base,
        }
    }

    /// The mentions of one run of a draft's blocks, rendered.
    fn render(&self, loaded: &Loaded, run: &Range<usize>) -> Result<Vec<u8>> {
        let document = &loaded.document;
        let blocks = &document.blocks[run.clone()];
        let segmented = Segmented::blocks(&document.prose, blocks, self.rules);
        let names = self.base.map(|b| &b.names);
        let found = mentions::extract(&segmented, self.rules, loaded.as_of, names)
            .map_err(|missing| needs_as_of(document, &missing))?;
        let listed = self.listed(loaded);
        Ok(match self.format {
            ExtractFormat::Json => listed.json_records(&found)?,
            ExtractFormat::Text => listed.text_lines(&found)?,
        })
    }

    /// Lists the drafts of `batch`, `window` parts at a time.
    fn write<W: Write>(
        &self,
        output: &mut Output<W>,
        batch: &[Loaded],
        window: usize,
    ) -> Result<()> {
        let parts: Vec<(usize, Range<usize>)> = batch
            .iter()
            .enumerate()
            .flat_map(|(draft, loaded)| {
                let runs = loaded.document.block_runs(PART_BYTES);
                runs.into_iter().map(move |run| (draft, run))
            })
            .collect();
        let mut open = None;
        for group in parts.chunks(window.max(1)) {
            let rendered: Vec<Result<Vec<u8>>> = group
                .par_iter()
                .map(|(draft, run)| self.render(&batch[*draft], run))
                .collect();
            // The first failure in the drafts' order, as a reading from the start finds it.
            let rendered = rendered.into_iter().collect::<Result<Vec<_>>>()?;
            for ((draft, _), part) in group.iter().zip(&rendered) {
                if open != Some(*draft) {
                    if open.is_some() {
                        output.end_document()?;
                    }
                    output.begin_document(&self.listed(&batch[*draft]))?;
                    open = Some(*draft);
                }
                output.part(part)?;
            }
        }
        if open.is_some() {
            output.end_document()?;
        }
        Ok(())
    }
}

fn read(path: &Path) -> Result<Document> {
    super::read_draft(path).with_context(|| format!("reading {}", path.display()))
}

fn needs_as_of(document: &Document, missing: &NeedsAsOf) -> anyhow::Error {
    let at = document.lines.locate(&document.text, missing.span.start);
    anyhow!(
        "{}:{}:{}: “{}” is relative to the publication date, and none is given: pass --as-of YYYY-MM-DD or add `date:` to the front matter",
        document.path.display(),
        at.line,
        at.column,
        document.slice(missing.span)
    )
}
