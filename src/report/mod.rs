//! The report stage: checked documents rendered for people (terminal, HTML,
//! Markdown) and for programs (JSON schema_version 1, SARIF, ClaimReview JSON-LD).
//!
//! Every renderer reads a [`CheckRun`]: the documents checked and the version of
//! the fact base they were checked against. `batch` lays a run out as a directory
//! of files, one report per draft.

pub mod batch;
mod claim_review;
pub mod claims_found;
mod database_version;
mod draft_html;
mod html;
mod json;
pub(crate) mod markdown;
pub mod mentions;
mod read_as;
mod sarif;
mod text;
mod vocabulary;

use crate::check::{CheckedClaim, CheckedDocument};
use crate::verify::Verdict;
use serde::Serialize;

pub use claim_review::render as claim_review;
pub use database_version::DatabaseVersion;
pub use html::{render as html, render_index as html_index};
pub use json::{render as json, render_record as json_record};
pub use markdown::render as markdown;
pub use sarif::render as sarif;
pub use text::render as text;
pub use vocabulary::Vocabulary;

pub const TOOL_NAME: &str = "claimcheck";
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// What every report is made from: the checked drafts and the fact base that
/// judged them, so a reader can tell which facts a verdict rests on; the drafts
/// that could not be checked, which a batch's index lists; and the names of what
/// the claims' values refer to, for reports in words (empty for the others).
#[derive(Debug, Clone, Copy)]
pub struct CheckRun<'a> {
    pub documents: &'a [CheckedDocument],
    pub failed: &'a [FailedDraft],
    pub database: &'a DatabaseVersion,
    pub vocabulary: &'a Vocabulary,
}

/// A draft of the run that could not be checked, and why.
#[derive(Debug, Clone)]
pub struct FailedDraft {
    pub path: std::path::PathBuf,
    pub error: String,
}

/// The report formats `claimcheck check --format` offers (and `format` in
/// claimcheck.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Human-readable lines, coloured on a terminal.
    #[default]
    Text,
    /// The JSON report, schema_version 1 (see README).
    Json,
    /// One self-contained HTML page, readable offline.
    Html,
    /// A Markdown table for a pull-request comment, contradicted claims first.
    Markdown,
    /// SARIF 2.1.0 for code scanning: one result per claim that is not supported.
    Sarif,
    /// schema.org ClaimReview JSON-LD, one review per claim.
    #[value(name = "claimreview")]
    ClaimReview,
}

impl Format {
    /// The format's name, as `--format` takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Html => "html",
            Format::Markdown => "markdown",
            Format::Sarif => "sarif",
            Format::ClaimReview => "claimreview",
        }
    }

    /// The file name extension of a report in this format, for batch output.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Json => "json",
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Sarif => "sarif",
            Format::ClaimReview => "jsonld",
        }
    }
}

/// Choices that only some formats read.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Colour the text report with terminal escape codes.
    pub colour: bool,
    /// The text report's line width: the terminal's, or `None` for the width used
    /// off a terminal.
    pub width: Option<usize>,
    /// Where the ClaimReview fact-check will be published; each review's `url` is
    /// this address with the claim's id as fragment.
    pub review_url: Option<String>,
    /// In a batch, the index page's file name, which each HTML report links back to.
    pub index_href: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("rendering the HTML report: {0:#}")]
    Template(#[from] minijinja::Error),
}

/// Renders `run` in `format`.
pub fn render(
    format: Format,
    run: &CheckRun,
    options: &RenderOptions,
) -> Result<String, RenderError> {
    Ok(match format {
        Format::Text => text(run.documents, options.colour, options.width),
        Format::Json => json(run.documents),
        Format::Html => html(run, options.index_href.as_deref())?,
        Format::Markdown => markdown(run),
        Format::Sarif => sarif(run),
        Format::ClaimReview => claim_review(run, options.review_url.as_deref()),
    })
}

/// Counts of claims per verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub supported: usize,
    pub imprecise: usize,
    pub outdated: usize,
    pub contradicted: usize,
    pub unverified: usize,
}

impl Summary {
    pub fn of(document: &CheckedDocument) -> Summary {
        let count = |v| document.count(v);
        Summary {
            supported: count(Verdict::Supported),
            imprecise: count(Verdict::Imprecise),
            outdated: count(Verdict::Outdated),
            contradicted: count(Verdict::Contradicted),
            unverified: count(Verdict::Unverified),
        }
    }
}

/// Verdicts from the one a reader must see first to the one that needs nothing.
pub const VERDICTS_WORST_FIRST: [Verdict; 5] = [
    Verdict::Contradicted,
    Verdict::Outdated,
    Verdict::Imprecise,
    Verdict::Unverified,
    Verdict::Supported,
];

/// A symbol for each verdict, shown beside its name so that a verdict never rests
/// on colour alone (greyscale prints, colour blindness).
pub fn verdict_symbol(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Contradicted => "✗",
        Verdict::Outdated => "↺",
        Verdict::Imprecise => "≈",
        Verdict::Unverified => "?",
        Verdict::Supported => "✓",
    }
}

/// The claims of a document, worst verdict first, in draft order within a verdict.
pub fn worst_first(document: &CheckedDocument) -> Vec<&CheckedClaim> {
    let mut claims: Vec<&CheckedClaim> = document.claims.iter().collect();
    claims.sort_by_key(|claim| std::cmp::Reverse(claim.verdict));
    claims
}

/// The sentence a claim stands in, on one line, as a reader would quote it.
pub fn sentence_of<'a>(document: &'a CheckedDocument, claim: &'a CheckedClaim) -> String {
    let sentence = claim.sentence.get(&document.text).unwrap_or(&claim.text);
    sentence.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text as a person is shown it: each character that could hide or reorder what
/// is shown (a terminal escape, a direction override; see `db lint`'s
/// hidden-character rule) written out as `\u{..}` instead.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(crate::lint::is_hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if crate::lint::is_hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Only web addresses become links; anything else in a fact file is shown as text.
pub fn web_url(url: &str) -> Option<&str> {
    (url.starts_with("https://") || url.starts_with("http://")).then_some(url)
}
