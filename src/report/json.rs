//! The JSON report, schema_version 1, as documented in the README. Other tools
//! parse it: fields are only ever added, never renamed, without a new version.

use super::{Summary, TOOL_NAME, TOOL_VERSION};
use crate::check::{CheckedClaim, CheckedDocument};
use crate::span::Span;
use crate::verify::{Evidence, Verdict};
use serde::Serialize;

#[derive(Serialize)]
struct Report<'a> {
    schema_version: u32,
    tool: Tool,
    documents: Vec<DocumentReport<'a>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct DocumentReport<'a> {
    path: String,
    as_of: Option<String>,
    claims: Vec<ClaimReport<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct ClaimReport<'a> {
    id: &'a str,
    kind: &'static str,
    text: &'a str,
    span: Span,
    line: usize,
    column: usize,
    normalized: &'a serde_json::Value,
    verdict: Verdict,
    explanation: &'a str,
    evidence: &'a [Evidence],
}

impl<'a> From<&'a CheckedClaim> for ClaimReport<'a> {
    fn from(claim: &'a CheckedClaim) -> Self {
        ClaimReport {
            id: &claim.id,
            kind: claim.kind.as_str(),
            text: &claim.text,
            span: claim.span,
            line: claim.line,
            column: claim.column,
            normalized: &claim.normalized,
            verdict: claim.verdict,
            explanation: &claim.explanation,
            evidence: &claim.evidence,
        }
    }
}

impl<'a> From<&'a CheckedDocument> for DocumentReport<'a> {
    fn from(d: &'a CheckedDocument) -> Self {
        DocumentReport {
            path: d.path.display().to_string(),
            as_of: d.as_of.map(|date| date.to_string()),
            claims: d.claims.iter().map(ClaimReport::from).collect(),
            summary: Summary::of(d),
        }
    }
}

pub fn render(documents: &[CheckedDocument]) -> String {
    let report = Report {
        schema_version: 1,
        tool: Tool {
            name: TOOL_NAME,
            version: TOOL_VERSION,
        },
        documents: documents.iter().map(DocumentReport::from).collect(),
    };
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}

/// One line of `check --jsonl`: the report of one input line, or why there is none.
#[derive(Serialize)]
struct RecordReport<'a, Id: Serialize> {
    schema_version: u32,
    /// The input line's number, from 1.
    line: u64,
    /// The input's `id`, as given; null when it had none or could not be read.
    id: Option<&'a Id>,
    #[serde(flatten)]
    outcome: Outcome<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum Outcome<'a> {
    Document(DocumentReport<'a>),
    Error(&'a str),
}

/// The report line for input line `line` (no line break): its document, as in
/// the JSON report, or the error that kept it from being checked.
pub fn render_record<Id: Serialize>(
    line: u64,
    id: Option<&Id>,
    result: Result<&CheckedDocument, &str>,
) -> String {
    let outcome = match result {
        Ok(document) => Outcome::Document(DocumentReport::from(document)),
        Err(message) => Outcome::Error(message),
    };
    serde_json::to_string(&RecordReport {
        schema_version: 1,
        line,
        id,
        outcome,
    })
    .unwrap_or_default()
}
