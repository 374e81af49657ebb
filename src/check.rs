//! The pipeline for one draft: document → mentions → claims → verdicts.

use crate::claims::{self, ClaimKind};
use crate::document::{Document, DocumentError};
use crate::factbase::FactBase;
use crate::mentions;
use crate::rules::Rules;
use crate::segment::Segmented;
use crate::span::Span;
use crate::verify::{CheckContext, Evidence, Verdict};
use chrono::NaiveDate;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error(transparent)]
    Document(#[from] DocumentError),
    #[error(
        "{path}:{line}:{column}: “{text}” is relative to the publication date, and none is given: pass --as-of YYYY-MM-DD or add `date:` to the front matter"
    )]
    NeedsAsOf {
        path: String,
        line: usize,
        column: usize,
        text: String,
    },
}

/// A claim with its verdict, ready for any report.
#[derive(Debug, Clone)]
pub struct CheckedClaim {
    pub id: String,
    pub kind: ClaimKind,
    pub span: Span,
    /// The sentence the claim stands in: the statement a reader checks, quoted by
    /// reports that show a claim out of its draft (ClaimReview, HTML details).
    pub sentence: Span,
    pub text: String,
    pub line: usize,
    pub column: usize,
    pub verdict: Verdict,
    pub explanation: String,
    pub evidence: Vec<Evidence>,
    pub normalized: serde_json::Value,
}

#[derive(Debug)]
pub struct CheckedDocument {
    pub path: PathBuf,
    /// The title its front matter gives, if any.
    pub title: Option<String>,
    pub as_of: Option<NaiveDate>,
    pub text: String,
    pub claims: Vec<CheckedClaim>,
}

impl CheckedDocument {
    pub fn count(&self, verdict: Verdict) -> usize {
        self.claims.iter().filter(|c| c.verdict == verdict).count()
    }
}

/// Drafts longer than this are checked a part at a time, each part whole blocks
/// (paragraphs, headings, list items), so the memory a check needs beyond the
/// draft's own text is bounded by the part, not the draft.
const PART_BYTES: usize = 4 << 20;

/// Checks one draft. `as_of` (from the command line) overrides the front matter's date.
pub fn check_document(
    document: Document,
    as_of: Option<NaiveDate>,
    rules: &Rules,
    base: &FactBase,
) -> Result<CheckedDocument, CheckError> {
    let as_of = as_of.or(document.front_matter_date);
    let mut claims = Vec::new();
    for part in parts(&document, PART_BYTES) {
        claims.extend(check_part(&document, part, as_of, rules, base)?);
    }
    Ok(CheckedDocument {
        path: document.path,
        title: document.title,
        as_of,
        text: document.text,
        claims,
    })
}

/// The draft cut before a block wherever the part so far holds `size` bytes: a
/// sentence never crosses a block, so no claim is cut in two.
fn parts(document: &Document, size: usize) -> Vec<Span> {
    let runs = document.block_runs(size);
    let cuts: Vec<usize> = std::iter::once(0)
        .chain(
            runs.iter()
                .skip(1)
                .map(|run| document.blocks[run.start].start),
        )
        .chain(std::iter::once(document.text.len()))
        .collect();
    cuts.windows(2)
        .map(|cut| Span::new(cut[0], cut[1]))
        .collect()
}

/// The claims of one part of `document`, with spans, lines and ids in the whole.
fn check_part(
    document: &Document,
    part: Span,
    as_of: Option<NaiveDate>,
    rules: &Rules,
    base: &FactBase,
) -> Result<Vec<CheckedClaim>, CheckError> {
    let piece;
    let read: &Document = if part == Span::new(0, document.text.len()) {
        document
    } else {
        piece = document.part(part);
        &piece
    };
    let shift = |span: Span| Span::new(span.start + part.start, span.end + part.start);
    let segmented = Segmented::new(read, rules);
    let mentions =
        mentions::extract(&segmented, rules, as_of, Some(&base.names)).map_err(|missing| {
            let span = shift(missing.span);
            let at = document.lines.locate(&document.text, span.start);
            CheckError::NeedsAsOf {
                path: document.path.display().to_string(),
                line: at.line,
                column: at.column,
                text: document.slice(span).to_string(),
            }
        })?;
    let claims = claims::find(&segmented, &mentions, rules, Some(base));
    // Explanations quote the prose, so Markdown syntax inside a claim ("**Four**
    // rockets") is not quoted as if it were words.
    let context = CheckContext::new(base, &segmented, read.prose(), rules, as_of, &mentions);
    let judgements = claims.iter().map(|claim| claim.check(&context));
    let checked = claims
        .iter()
        .zip(judgements)
        .map(|(claim, judgement)| {
            let span = shift(claim.span);
            let at = document.lines.locate(&document.text, span.start);
            CheckedClaim {
                id: format!("{}-{}", claim.kind.as_str(), span.start),
                kind: claim.kind,
                span,
                sentence: shift(segmented.span_of(claim.sentence.clone())),
                text: document.slice(span).to_string(),
                line: at.line,
                column: at.column,
                verdict: judgement.verdict,
                explanation: judgement.explanation,
                evidence: judgement.evidence,
                normalized: judgement.normalized,
            }
        })
        .collect();
    Ok(checked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_draft_checked_in_parts_gives_the_claims_it_gives_whole() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let rules = Rules::load(&root.join("rules")).unwrap();
        let base = crate::factbase::load_dir(&root.join("claims"), &rules).unwrap();
        let text = std::fs::read_to_string(root.join("tests/drafts/iraq-briefing.md")).unwrap();
        let document = Document::from_text(Path::new("d.md"), text.clone()).unwrap();
        let whole = check_document(document, None, &rules, &base).unwrap();
        let document = Document::from_text(Path::new("d.md"), text).unwrap();
        let as_of = document.front_matter_date;
        let cut = parts(&document, 100);
        assert!(cut.len() >= 3, "{cut:?}");
        let mut in_parts = Vec::new();
        for part in cut {
            in_parts.extend(check_part(&document, part, as_of, &rules, &base).unwrap());
        }
        let seen = |claims: &[CheckedClaim]| -> Vec<(String, Span, usize, usize, Verdict)> {
            claims
                .iter()
                .map(|c| (c.id.clone(), c.sentence, c.line, c.column, c.verdict))
                .collect()
        };
        assert!(!whole.claims.is_empty());
        assert_eq!(seen(&in_parts), seen(&whole.claims));
    }
}
