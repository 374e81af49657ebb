//! The HTML report: one self-contained file rendered with minijinja from
//! `reports/report.html.j2` (built into the binary). Every piece of draft or fact
//! base text goes through the template's HTML escaping.

use super::{Summary, TOOL_NAME, TOOL_VERSION};
use crate::check::{CheckedClaim, CheckedDocument};
use minijinja::{AutoEscape, Environment, context};
use serde::Serialize;

const TEMPLATE: &str = include_str!("../../reports/report.html.j2");

/// A run of draft text, highlighted when it is a claim.
#[derive(Serialize)]
struct Segment<'a> {
    text: &'a str,
    claim: Option<usize>,
    verdict: Option<&'static str>,
}

#[derive(Serialize)]
struct DocumentView<'a> {
    path: String,
    as_of: Option<String>,
    summary: Summary,
    segments: Vec<Segment<'a>>,
    claims: Vec<ClaimView<'a>>,
}

#[derive(Serialize)]
struct ClaimView<'a> {
    number: usize,
    kind: &'static str,
    text: &'a str,
    line: usize,
    column: usize,
    verdict: &'static str,
    explanation: &'a str,
    evidence: Vec<EvidenceView<'a>>,
}

#[derive(Serialize)]
struct EvidenceView<'a> {
    fact: &'a str,
    file: &'a str,
    line: usize,
    sources: Vec<(&'a str, Option<&'a str>)>,
}

/// Only web addresses become links; anything else is shown as text.
fn safe_url(url: &str) -> Option<&str> {
    (url.starts_with("https://") || url.starts_with("http://")).then_some(url)
}

fn claim_view(number: usize, claim: &CheckedClaim) -> ClaimView<'_> {
    ClaimView {
        number,
        kind: claim.kind.as_str(),
        text: &claim.text,
        line: claim.line,
        column: claim.column,
        verdict: claim.verdict.as_str(),
        explanation: &claim.explanation,
        evidence: claim
            .evidence
            .iter()
            .map(|e| EvidenceView {
                fact: &e.fact,
                file: &e.file,
                line: e.line,
                sources: e
                    .sources
                    .iter()
                    .map(|s| (s.title.as_str(), safe_url(&s.url)))
                    .collect(),
            })
            .collect(),
    }
}

/// Cuts the draft into plain runs and claim runs. Claims are sorted by start; one
/// that overlaps an earlier claim is listed in the table but not highlighted again.
fn segments(document: &CheckedDocument) -> Vec<Segment<'_>> {
    let text = document.text.as_str();
    let mut out = Vec::new();
    let mut at = 0;
    for (number, claim) in document.claims.iter().enumerate() {
        let (start, end) = (claim.span.start, claim.span.end);
        if start < at || text.get(start..end).is_none() {
            continue;
        }
        if start > at {
            out.push(Segment {
                text: &text[at..start],
                claim: None,
                verdict: None,
            });
        }
        out.push(Segment {
            text: &text[start..end],
            claim: Some(number + 1),
            verdict: Some(claim.verdict.as_str()),
        });
        at = end;
    }
    out.push(Segment {
        text: &text[at..],
        claim: None,
        verdict: None,
    });
    out
}

pub fn render(documents: &[CheckedDocument]) -> Result<String, minijinja::Error> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.add_template("report.html", TEMPLATE)?;
    let views: Vec<DocumentView> = documents
        .iter()
        .map(|d| DocumentView {
            path: d.path.display().to_string(),
            as_of: d.as_of.map(|date| date.to_string()),
            summary: Summary::of(d),
            segments: segments(d),
            claims: d
                .claims
                .iter()
                .enumerate()
                .map(|(i, c)| claim_view(i + 1, c))
                .collect(),
        })
        .collect();
    env.get_template("report.html")?.render(context! {
        tool => TOOL_NAME,
        version => TOOL_VERSION,
        documents => minijinja::value::Serde(views),
    })
}
