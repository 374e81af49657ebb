//! The HTML report: one self-contained page per run, rendered with minijinja from
//! `reports/report.html.j2`, and the index page of a batch from
//! `reports/index.html.j2` (both built into the binary). Every piece of draft or
//! fact base text goes through the template's HTML escaping; the page loads
//! nothing from anywhere, so it reads the same offline and archived.

use super::{
    CheckRun, Summary, TOOL_NAME, TOOL_VERSION, VERDICTS_WORST_FIRST, verdict_symbol, web_url,
};
use crate::check::{CheckedClaim, CheckedDocument};
use crate::verify::Verdict;
use minijinja::{AutoEscape, Environment, context};
use serde::Serialize;
use std::sync::LazyLock;

const REPORT_TEMPLATE: &str = include_str!("../../reports/report.html.j2");
const INDEX_TEMPLATE: &str = include_str!("../../reports/index.html.j2");
/// Styles both pages share: how each verdict looks.
const VERDICT_STYLES: &str = include_str!("../../reports/verdicts.css");

/// A run of draft text, highlighted when it is a claim.
#[derive(Serialize)]
struct Segment<'a> {
    text: &'a str,
    claim: Option<ClaimMark>,
}

#[derive(Serialize)]
struct ClaimMark {
    number: usize,
    verdict: &'static str,
    symbol: &'static str,
    kind: &'static str,
}

/// The count of one verdict, for the summary bar and the filters.
#[derive(Serialize)]
struct VerdictCount {
    verdict: &'static str,
    symbol: &'static str,
    count: usize,
}

#[derive(Serialize)]
struct KindCount {
    kind: &'static str,
    count: usize,
}

#[derive(Serialize)]
struct DocumentView<'a> {
    path: String,
    as_of: Option<String>,
    verdicts: Vec<VerdictCount>,
    contradicted: usize,
    kinds: Vec<KindCount>,
    segments: Vec<Segment<'a>>,
    /// Worst verdict first, so a contradicted claim heads the list.
    claims: Vec<ClaimView<'a>>,
}

#[derive(Serialize)]
struct ClaimView<'a> {
    number: usize,
    id: &'a str,
    kind: &'static str,
    text: &'a str,
    sentence: String,
    line: usize,
    column: usize,
    verdict: &'static str,
    symbol: &'static str,
    explanation: &'a str,
    normalized: Vec<(&'a str, String)>,
    evidence: Vec<EvidenceView<'a>>,
}

#[derive(Serialize)]
struct EvidenceView<'a> {
    fact: &'a str,
    file: &'a str,
    line: usize,
    sources: Vec<SourceView<'a>>,
}

#[derive(Serialize)]
struct SourceView<'a> {
    title: &'a str,
    url: &'a str,
    /// Only web addresses are links.
    linked: bool,
}

fn verdict_counts(summary: Summary) -> Vec<VerdictCount> {
    VERDICTS_WORST_FIRST
        .iter()
        .map(|&verdict| VerdictCount {
            verdict: verdict.as_str(),
            symbol: verdict_symbol(verdict),
            count: match verdict {
                Verdict::Supported => summary.supported,
                Verdict::Imprecise => summary.imprecise,
                Verdict::Outdated => summary.outdated,
                Verdict::Contradicted => summary.contradicted,
                Verdict::Unverified => summary.unverified,
            },
        })
        .collect()
}

/// The kinds of claim the document has, in order of first appearance.
fn kind_counts(document: &CheckedDocument) -> Vec<KindCount> {
    let mut kinds: Vec<KindCount> = Vec::new();
    for claim in &document.claims {
        let kind = claim.kind.as_str();
        match kinds.iter_mut().find(|k| k.kind == kind) {
            Some(known) => known.count += 1,
            None => kinds.push(KindCount { kind, count: 1 }),
        }
    }
    kinds
}

/// A normalised value as a reader sees it: strings bare, anything else as JSON.
fn display_value(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn claim_view<'a>(
    document: &'a CheckedDocument,
    number: usize,
    claim: &'a CheckedClaim,
) -> ClaimView<'a> {
    ClaimView {
        number,
        id: &claim.id,
        kind: claim.kind.as_str(),
        text: &claim.text,
        sentence: super::sentence_of(document, claim),
        line: claim.line,
        column: claim.column,
        verdict: claim.verdict.as_str(),
        symbol: verdict_symbol(claim.verdict),
        explanation: &claim.explanation,
        normalized: claim
            .normalized
            .as_object()
            .into_iter()
            .flatten()
            .map(|(key, value)| (key.as_str(), display_value(value)))
            .collect(),
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
                    .map(|s| SourceView {
                        title: &s.title,
                        url: &s.url,
                        linked: web_url(&s.url).is_some(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Cuts the draft into plain runs and claim runs. Claims are sorted by start; one
/// that overlaps an earlier claim is listed but not highlighted again.
fn segments(document: &CheckedDocument) -> Vec<Segment<'_>> {
    let text = document.text.as_str();
    let mut out = Vec::new();
    let mut at = 0;
    for (index, claim) in document.claims.iter().enumerate() {
        let (start, end) = (claim.span.start, claim.span.end);
        if start < at || text.get(start..end).is_none() || text.get(at..start).is_none() {
            continue;
        }
        if start > at {
            out.push(Segment {
                text: &text[at..start],
                claim: None,
            });
        }
        out.push(Segment {
            text: &text[start..end],
            claim: Some(ClaimMark {
                number: index + 1,
                verdict: claim.verdict.as_str(),
                symbol: verdict_symbol(claim.verdict),
                kind: claim.kind.as_str(),
            }),
        });
        at = end;
    }
    out.push(Segment {
        text: text.get(at..).unwrap_or_default(),
        claim: None,
    });
    out
}

fn document_view(document: &CheckedDocument) -> DocumentView<'_> {
    let summary = Summary::of(document);
    let mut numbered: Vec<(usize, &CheckedClaim)> = document
        .claims
        .iter()
        .enumerate()
        .map(|(i, claim)| (i + 1, claim))
        .collect();
    // Worst first, as `worst_first` orders them, keeping each claim's draft number.
    numbered.sort_by_key(|(_, claim)| std::cmp::Reverse(claim.verdict));
    DocumentView {
        path: document.path.display().to_string(),
        as_of: document.as_of.map(|date| date.to_string()),
        verdicts: verdict_counts(summary),
        contradicted: summary.contradicted,
        kinds: kind_counts(document),
        segments: segments(document),
        claims: numbered
            .into_iter()
            .map(|(number, claim)| claim_view(document, number, claim))
            .collect(),
    }
}

/// The templates, parsed once for every report of the run.
fn environment() -> Result<&'static Environment<'static>, minijinja::Error> {
    static ENVIRONMENT: LazyLock<Result<Environment<'static>, minijinja::Error>> =
        LazyLock::new(build_environment);
    ENVIRONMENT
        .as_ref()
        .map_err(|e| minijinja::Error::new(e.kind(), e.to_string()))
}

fn build_environment() -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".css") {
            AutoEscape::None
        } else {
            AutoEscape::Html
        }
    });
    // Every value shown has its hidden characters written out, then HTML-escaped.
    env.set_formatter(
        |out, state, value| match value.as_str().map(super::visible) {
            Some(std::borrow::Cow::Owned(shown)) => {
                minijinja::escape_formatter(out, state, &minijinja::Value::from(shown))
            }
            _ => minijinja::escape_formatter(out, state, value),
        },
    );
    env.add_template("verdicts.css", VERDICT_STYLES)?;
    env.add_template("report.html", REPORT_TEMPLATE)?;
    env.add_template("index.html", INDEX_TEMPLATE)?;
    Ok(env)
}

pub fn render(run: &CheckRun) -> Result<String, minijinja::Error> {
    let views: Vec<DocumentView> = run.documents.iter().map(document_view).collect();
    environment()?
        .get_template("report.html")?
        .render(context! {
            tool => TOOL_NAME,
            version => TOOL_VERSION,
            database => minijinja::value::Serde(run.database),
            documents => minijinja::value::Serde(views),
        })
}

/// One line of a batch's index page: a draft and where its report is.
#[derive(Serialize)]
struct IndexEntry {
    path: String,
    href: String,
    as_of: Option<String>,
    claims: usize,
    verdicts: Vec<VerdictCount>,
}

/// The index page of a batch: every draft with its verdict counts, linking the
/// report at `hrefs[i]` for `run.documents[i]`.
pub fn render_index(
    run: &CheckRun,
    hrefs: &[String],
    written_at: &str,
) -> Result<String, minijinja::Error> {
    let entries: Vec<IndexEntry> = run
        .documents
        .iter()
        .zip(hrefs)
        .map(|(document, href)| IndexEntry {
            path: document.path.display().to_string(),
            href: href.clone(),
            as_of: document.as_of.map(|date| date.to_string()),
            claims: document.claims.len(),
            verdicts: verdict_counts(Summary::of(document)),
        })
        .collect();
    environment()?.get_template("index.html")?.render(context! {
        tool => TOOL_NAME,
        version => TOOL_VERSION,
        database => minijinja::value::Serde(run.database),
        entries => minijinja::value::Serde(entries),
        written_at => written_at,
    })
}
