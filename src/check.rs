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
    pub as_of: Option<NaiveDate>,
    pub text: String,
    pub claims: Vec<CheckedClaim>,
}

impl CheckedDocument {
    pub fn count(&self, verdict: Verdict) -> usize {
        self.claims.iter().filter(|c| c.verdict == verdict).count()
    }
}

/// Checks one draft. `as_of` (from the command line) overrides the front matter's date.
pub fn check_document(
    document: Document,
    as_of: Option<NaiveDate>,
    rules: &Rules,
    base: &FactBase,
) -> Result<CheckedDocument, CheckError> {
    let as_of = as_of.or(document.front_matter_date);
    let segmented = Segmented::new(&document, rules);
    let mentions =
        mentions::extract(&segmented, rules, as_of, Some(&base.names)).map_err(|missing| {
            let at = document.lines.locate(&document.text, missing.span.start);
            CheckError::NeedsAsOf {
                path: document.path.display().to_string(),
                line: at.line,
                column: at.column,
                text: document.slice(missing.span).to_string(),
            }
        })?;
    let claims = claims::find(&segmented, &mentions, rules, Some(base));
    let context = CheckContext::new(base, &segmented, &document.text, rules, as_of, &mentions);
    let judgements = claims.iter().map(|claim| claim.check(&context));
    let checked = claims
        .iter()
        .zip(judgements)
        .map(|(claim, judgement)| {
            let at = document.lines.locate(&document.text, claim.span.start);
            CheckedClaim {
                id: format!("{}-{}", claim.kind.as_str(), claim.span.start),
                kind: claim.kind,
                span: claim.span,
                sentence: segmented.span_of(claim.sentence.clone()),
                text: document.slice(claim.span).to_string(),
                line: at.line,
                column: at.column,
                verdict: judgement.verdict,
                explanation: judgement.explanation,
                evidence: judgement.evidence,
                normalized: judgement.normalized,
            }
        })
        .collect();
    Ok(CheckedDocument {
        path: document.path,
        as_of,
        text: document.text,
        claims: checked,
    })
}
