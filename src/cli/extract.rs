//! `claimcheck extract`: what the pipeline reads in a draft, without checking it,
//! for debugging rules and for other tools. `--mentions` lists mentions; otherwise
//! claims.

use crate::claims;
use crate::document::Document;
use crate::factbase::FactBase;
use crate::mentions::{self, NeedsAsOf};
use crate::report::mentions::{self as mention_report, MentionsDocument};
use crate::rules::Rules;
use crate::segment::Segmented;
use anyhow::{Context, Result, anyhow};
use chrono::NaiveDate;
use serde_json::json;
use std::io::Read;
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
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    let files: Vec<PathBuf> = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let mut drafts = if files.is_empty() {
        Vec::new()
    } else {
        super::collect_drafts(&files)?
    };
    if stdin {
        drafts.push(PathBuf::from("-"));
    }
    let rules = Rules::load(&super::locate(
        args.source.rules.as_deref(),
        "rules",
        "--rules",
    )?)
    .map_err(|e| anyhow!("{e}"))?;
    let base = match args.names {
        true => Some(super::load_base(
            &super::locate(args.source.db.as_deref(), "claims", "--db")?,
            &rules,
            &args.cache,
        )?),
        false => None,
    };
    let mut documents = Vec::new();
    for path in &drafts {
        documents.push(read(path).with_context(|| format!("reading {}", path.display()))?);
    }
    let mut mention_documents = Vec::new();
    let mut claim_documents = Vec::new();
    for document in &documents {
        let as_of = args.source.as_of.or(document.front_matter_date);
        let segmented = Segmented::new(document, &rules);
        let names = base.as_ref().map(|b| &b.names);
        let found = mentions::extract(&segmented, &rules, as_of, names)
            .map_err(|missing| needs_as_of(document, &missing))?;
        if args.mentions {
            let records = found
                .iter()
                .map(|m| mention_report::record(m, &document.text, base.as_ref()))
                .collect();
            mention_documents.push(MentionsDocument {
                path: &document.path,
                as_of,
                records,
            });
        } else {
            claim_documents.push(claims_json(
                document,
                as_of,
                &segmented,
                &found,
                &rules,
                base.as_ref(),
            ));
        }
    }
    let output = match (args.mentions, args.format) {
        (true, ExtractFormat::Json) => mention_report::json(&mention_documents),
        (true, ExtractFormat::Text) => mention_report::text(&mention_documents),
        (false, _) => {
            let mut out = serde_json::to_string_pretty(
                &json!({"schema_version": 1, "documents": claim_documents}),
            )?;
            out.push('\n');
            out
        }
    };
    super::print(&output)?;
    Ok(0)
}

fn read(path: &Path) -> Result<Document> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
        return Ok(Document::from_bytes(path, bytes)?);
    }
    Ok(Document::read(path)?)
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

/// Claims as found, before any checking: kind, text and place.
fn claims_json(
    document: &Document,
    as_of: Option<NaiveDate>,
    segmented: &Segmented,
    found: &[mentions::Mention],
    rules: &Rules,
    base: Option<&FactBase>,
) -> serde_json::Value {
    let claims: Vec<serde_json::Value> = claims::find(segmented, found, rules, base)
        .iter()
        .map(|claim| {
            let at = document.lines.locate(&document.text, claim.span.start);
            json!({
                "kind": claim.kind.as_str(),
                "text": document.slice(claim.span),
                "span": claim.span,
                "line": at.line,
                "column": at.column,
            })
        })
        .collect();
    json!({
        "path": document.path.display().to_string(),
        "as_of": as_of.map(|d| d.to_string()),
        "claims": claims,
    })
}
