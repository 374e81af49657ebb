//! The HTML report: one self-contained page per run, rendered with minijinja from
//! `reports/report.html.j2`, and the index page of a batch from
//! `reports/index.html.j2` (both built into the binary). Every piece of draft or
//! fact base text goes through the template's HTML escaping; the page loads
//! nothing from anywhere, so it reads the same offline and archived.

use super::draft_html::{DraftText, MarkedClaim};
use super::read_as;
use super::{
    CheckRun, Summary, TOOL_NAME, TOOL_VERSION, VERDICTS_WORST_FIRST, verdict_symbol, web_url,
};
use crate::check::{CheckedClaim, CheckedDocument};
use crate::document::Format;
use crate::verify::Verdict;
use minijinja::{AutoEscape, Environment, context};
use serde::Serialize;
use std::sync::LazyLock;

const REPORT_TEMPLATE: &str = include_str!("../../reports/report.html.j2");
const INDEX_TEMPLATE: &str = include_str!("../../reports/index.html.j2");
/// How each claim kind's values are said in words, in the report's cards.
const READ_AS_TEMPLATE: &str = include_str!("../../reports/read-as.html.j2");
/// Styles both pages share: how each verdict looks.
const VERDICT_STYLES: &str = include_str!("../../reports/verdicts.css");

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
    /// The front matter's title, if it gives one.
    title: Option<&'a str>,
    as_of: Option<String>,
    verdicts: Vec<VerdictCount>,
    contradicted: usize,
    kinds: Vec<KindCount>,
    /// The draft rendered with its claims marked: markup this module escaped.
    draft: minijinja::Value,
    /// Whether the draft is plain text, shown with its line breaks.
    plain: bool,
    /// Worst verdict first, so a contradicted claim heads the list.
    claims: Vec<ClaimView<'a>>,
}

#[derive(Serialize)]
struct ClaimView<'a> {
    number: usize,
    /// The id of the claim's card in the page.
    card: String,
    id: &'a str,
    kind: &'static str,
    /// The claim's words as a reader sees them, without markup.
    quote: String,
    sentence: String,
    line: usize,
    column: usize,
    verdict: &'static str,
    symbol: &'static str,
    explanation: &'a str,
    /// The kind's resolved values, which `read-as.html` puts in words.
    normalized: &'a serde_json::Value,
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

/// The id of a claim's card: unique in the page, for links from the draft.
fn card_id(document_number: usize, claim_number: usize) -> String {
    format!("d{document_number}-c{claim_number}")
}

fn claim_view<'a>(
    draft: &DraftText,
    card: String,
    number: usize,
    claim: &'a CheckedClaim,
) -> ClaimView<'a> {
    ClaimView {
        number,
        card,
        id: &claim.id,
        kind: claim.kind.as_str(),
        quote: draft.prose(claim.span),
        sentence: draft.prose(claim.sentence),
        line: claim.line,
        column: claim.column,
        verdict: claim.verdict.as_str(),
        symbol: verdict_symbol(claim.verdict),
        explanation: &claim.explanation,
        normalized: &claim.normalized,
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

/// `document`, the `document_number`th of the page, as the template shows it.
fn document_view(document: &CheckedDocument, document_number: usize) -> DocumentView<'_> {
    let summary = Summary::of(document);
    let draft = DraftText::read(&document.text, Format::of(&document.path));
    let marked: Vec<MarkedClaim> = document
        .claims
        .iter()
        .enumerate()
        .map(|(i, claim)| MarkedClaim {
            span: claim.span,
            card: card_id(document_number, i + 1),
            verdict: claim.verdict,
            kind: claim.kind.as_str(),
        })
        .collect();
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
        title: document.title.as_deref(),
        as_of: document.as_of.map(|date| date.to_string()),
        verdicts: verdict_counts(summary),
        contradicted: summary.contradicted,
        kinds: kind_counts(document),
        draft: minijinja::Value::from_safe_string(draft.html(&marked)),
        plain: draft.plain,
        claims: numbered
            .into_iter()
            .map(|(number, claim)| {
                claim_view(&draft, card_id(document_number, number), number, claim)
            })
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
    read_as::add_filters(&mut env);
    env.add_template("verdicts.css", VERDICT_STYLES)?;
    env.add_template("read-as.html", READ_AS_TEMPLATE)?;
    env.add_template("report.html", REPORT_TEMPLATE)?;
    env.add_template("index.html", INDEX_TEMPLATE)?;
    Ok(env)
}

/// The report of `run`; `index_href`, in a batch, is the index page it links back to.
pub fn render(run: &CheckRun, index_href: Option<&str>) -> Result<String, minijinja::Error> {
    let views: Vec<DocumentView> = run
        .documents
        .iter()
        .enumerate()
        .map(|(i, document)| document_view(document, i + 1))
        .collect();
    environment()?
        .get_template("report.html")?
        .render(context! {
            tool => TOOL_NAME,
            version => TOOL_VERSION,
            database => minijinja::value::Serde(run.database),
            documents => minijinja::value::Serde(views),
            vocabulary => minijinja::value::Serde(run.vocabulary),
            index_href => index_href,
        })
}

/// One line of a batch's index page: a draft and where its report is, or why
/// it could not be checked.
#[derive(Serialize)]
struct IndexEntry {
    path: String,
    title: Option<String>,
    href: Option<String>,
    as_of: Option<String>,
    claims: usize,
    verdicts: Vec<VerdictCount>,
    error: Option<String>,
    /// Contradicted, outdated, imprecise and unverified counts, for putting the
    /// worst draft first.
    #[serde(skip)]
    severity: [usize; 4],
}

/// The order of the index: drafts that could not be checked first, then by
/// contradicted claims, then outdated, imprecise and unverified, most first; by
/// path among equals.
fn worst_drafts_first(a: &IndexEntry, b: &IndexEntry) -> std::cmp::Ordering {
    b.error
        .is_some()
        .cmp(&a.error.is_some())
        .then_with(|| b.severity.cmp(&a.severity))
        .then_with(|| a.path.cmp(&b.path))
}

/// The index page of a batch: every draft with its verdict counts, worst first,
/// linking the report at `hrefs[i]` for `run.documents[i]`, and every draft that
/// failed with its error.
pub fn render_index(
    run: &CheckRun,
    hrefs: &[String],
    written_at: &str,
) -> Result<String, minijinja::Error> {
    let checked = run.documents.iter().zip(hrefs).map(|(document, href)| {
        let verdicts = verdict_counts(Summary::of(document));
        let mut severity = [0; 4];
        for (rank, count) in severity.iter_mut().zip(&verdicts) {
            *rank = count.count;
        }
        IndexEntry {
            path: document.path.display().to_string(),
            title: document.title.clone(),
            href: Some(href.clone()),
            as_of: document.as_of.map(|date| date.to_string()),
            claims: document.claims.len(),
            verdicts,
            error: None,
            severity,
        }
    });
    let failed = run.failed.iter().map(|failed| IndexEntry {
        path: failed.path.display().to_string(),
        title: None,
        href: None,
        as_of: None,
        claims: 0,
        verdicts: Vec::new(),
        error: Some(failed.error.clone()),
        severity: [0; 4],
    });
    let mut entries: Vec<IndexEntry> = checked.chain(failed).collect();
    entries.sort_by(worst_drafts_first);
    environment()?.get_template("index.html")?.render(context! {
        tool => TOOL_NAME,
        version => TOOL_VERSION,
        database => minijinja::value::Serde(run.database),
        entries => minijinja::value::Serde(entries),
        failed => run.failed.len(),
        written_at => written_at,
    })
}
