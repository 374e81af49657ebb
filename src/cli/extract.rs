//! `claimcheck extract`: what the pipeline reads in a draft, without checking it,
//! for debugging rules and for other tools. `--mentions` lists mentions; otherwise
//! claims.

use super::settings::Settings;
use crate::claims;
use crate::document::Document;
use crate::factbase::FactBase;
use crate::mentions::{self, NeedsAsOf};
use crate::report::claims_found::{self, FoundDocument};
use crate::report::mentions::{self as mention_report, JsonReport, MentionsDocument};
use crate::rules::Rules;
use crate::segment::Segmented;
use anyhow::{Context, Result, anyhow};
use std::io::{BufWriter, Write};
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

/// Where mentions are written, in the format asked for.
enum Output<W: Write> {
    Json(JsonReport<W>),
    Text(W),
}

/// Lists each draft's mentions as soon as it is read: one draft is held at a time.
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
    for path in drafts {
        let document = read(path)?;
        let as_of = args.source.as_of.or(document.front_matter_date);
        let segmented = Segmented::new(&document, rules);
        let found = mentions::extract(&segmented, rules, as_of, base.map(|b| &b.names))
            .map_err(|missing| needs_as_of(&document, &missing))?;
        let listed = MentionsDocument {
            path: &document.path,
            as_of,
            text: &document.text,
            lines: &document.lines,
            mentions: &found,
            base,
        };
        match &mut output {
            Output::Json(json) => json.document(&listed)?,
            Output::Text(text) => mention_report::write_text(text, &listed)?,
        }
    }
    match output {
        Output::Json(json) => json.finish()?,
        Output::Text(mut text) => text.flush()?,
    }
    Ok(())
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
