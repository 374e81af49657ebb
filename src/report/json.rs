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

pub fn render(documents: &[CheckedDocument]) -> String {
    let report = Report {
        schema_version: 1,
        tool: Tool {
            name: TOOL_NAME,
            version: TOOL_VERSION,
        },
        documents: documents
            .iter()
            .map(|d| DocumentReport {
                path: d.path.display().to_string(),
                as_of: d.as_of.map(|date| date.to_string()),
                claims: d.claims.iter().map(ClaimReport::from).collect(),
                summary: Summary::of(d),
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}
