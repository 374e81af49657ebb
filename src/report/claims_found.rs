//! What the claim stage found, for `claimcheck extract`: each claim's kind, words
//! and place, before any checking. JSON for other tools; text for a person, one
//! line a claim with the values of the mentions it was read from.

use super::mentions::{MentionRecord, record};
use super::visible;
use crate::claims::{Claim, ClaimKind};
use crate::document::Document;
use crate::factbase::FactBase;
use crate::mentions::Mention;
use crate::span::Span;
use chrono::NaiveDate;
use serde::Serialize;
use std::io::{self, Write};

/// One draft's claims as found.
#[derive(Debug, Serialize)]
pub struct FoundDocument {
    pub path: String,
    pub as_of: Option<NaiveDate>,
    pub claims: Vec<FoundClaim>,
}

#[derive(Debug, Serialize)]
pub struct FoundClaim {
    pub kind: ClaimKind,
    pub text: String,
    pub span: Span,
    pub line: usize,
    pub column: usize,
    /// What the claim's mentions read as ("date 2020-04-07 (day)"), for the text
    /// listing; the JSON gives the mentions themselves through `extract --mentions`.
    #[serde(skip)]
    pub reading: String,
}

impl FoundDocument {
    /// The claims of `document`, each with the mentions inside it read out.
    pub fn new(
        document: &Document,
        as_of: Option<NaiveDate>,
        claims: &[Claim],
        mentions: &[Mention],
        base: Option<&FactBase>,
    ) -> FoundDocument {
        let claims = claims
            .iter()
            .map(|claim| {
                let at = document.lines.locate(&document.text, claim.span.start);
                let reading: Vec<String> = mentions
                    .iter()
                    .filter(|m| m.span.start >= claim.span.start && m.span.end <= claim.span.end)
                    .map(|m| {
                        let record = record(m, &document.text, base);
                        format!("{} {}", record.kind, value_of(&record))
                    })
                    .collect();
                FoundClaim {
                    kind: claim.kind,
                    text: document.slice(claim.span).to_string(),
                    span: claim.span,
                    line: at.line,
                    column: at.column,
                    reading: reading.join(", "),
                }
            })
            .collect();
        FoundDocument {
            path: document.path.display().to_string(),
            as_of,
            claims,
        }
    }
}

/// A mention's value and precision in words: "\"2020-04-07\" (day)".
pub fn value_of(record: &MentionRecord) -> String {
    let precision = record
        .precision
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    format!("{}{precision}", record.value)
}

/// The claims as JSON (schema_version 1), with a closing line break.
pub fn json(documents: &[FoundDocument]) -> serde_json::Result<String> {
    #[derive(Serialize)]
    struct Report<'a> {
        schema_version: u32,
        documents: &'a [FoundDocument],
    }
    let mut out = serde_json::to_string_pretty(&Report {
        schema_version: 1,
        documents,
    })?;
    out.push('\n');
    Ok(out)
}

/// The claims as text: the draft's path and date, then one line a claim with its
/// place, kind, quoted words and what its mentions read as.
pub fn write_text<W: Write>(out: &mut W, document: &FoundDocument) -> io::Result<()> {
    let as_of = document
        .as_of
        .map_or("no as-of date".to_string(), |d| format!("as of {d}"));
    let path = visible(&document.path);
    writeln!(out, "{path} ({as_of})")?;
    for claim in &document.claims {
        let words = claim.text.split_whitespace().collect::<Vec<_>>().join(" ");
        writeln!(
            out,
            "  {path}:{}:{}  {:<12} {}  {}",
            claim.line,
            claim.column,
            claim.kind.as_str(),
            visible(&format!("“{words}”")),
            visible(&claim.reading)
        )?;
    }
    writeln!(out, "  {} claims\n", document.claims.len())
}
