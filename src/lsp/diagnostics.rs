//! Checked claims as LSP diagnostics: one for each claim the draft gets wrong,
//! with the explanation as message and the deciding facts' places in their fact
//! files as related information. No checking happens here.

use super::position::PositionMap;
use super::uri::file_uri;
use crate::check::{CheckedClaim, CheckedDocument};
use crate::verify::{Evidence, Verdict};
use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range,
};
use std::path::Path;

/// What every diagnostic of ours is labelled with.
pub const SOURCE: &str = "claimcheck";

/// A diagnostic for each contradicted, outdated or imprecise claim.
pub fn of_document(checked: &CheckedDocument, positions: &PositionMap) -> Vec<Diagnostic> {
    checked
        .claims
        .iter()
        .filter_map(|claim| of_claim(claim, positions))
        .collect()
}

fn of_claim(claim: &CheckedClaim, positions: &PositionMap) -> Option<Diagnostic> {
    let related: Vec<DiagnosticRelatedInformation> =
        claim.evidence.iter().filter_map(deciding_fact).collect();
    Some(Diagnostic {
        range: positions.range(claim.span),
        severity: Some(severity(claim.verdict)?),
        code: Some(NumberOrString::String(claim.kind.as_str().to_string())),
        source: Some(SOURCE.to_string()),
        message: claim.explanation.clone(),
        related_information: (!related.is_empty()).then_some(related),
        ..Diagnostic::default()
    })
}

/// Contradicted claims are errors; outdated and imprecise ones were once or
/// nearly right. Supported claims need nothing, and unverified ones are shown
/// on hover only: a draft is full of them.
fn severity(verdict: Verdict) -> Option<DiagnosticSeverity> {
    match verdict {
        Verdict::Contradicted => Some(DiagnosticSeverity::ERROR),
        Verdict::Outdated => Some(DiagnosticSeverity::WARNING),
        Verdict::Imprecise => Some(DiagnosticSeverity::INFORMATION),
        Verdict::Supported | Verdict::Unverified => None,
    }
}

/// The start of a fact's line in its fact file, when it has one.
fn deciding_fact(evidence: &Evidence) -> Option<DiagnosticRelatedInformation> {
    let uri = file_uri(Path::new(&evidence.file))?;
    let line = u32::try_from(evidence.line.saturating_sub(1)).unwrap_or(u32::MAX);
    let start = Position::new(line, 0);
    Some(DiagnosticRelatedInformation {
        location: Location::new(uri, Range::new(start, start)),
        message: format!("fact {}", evidence.fact),
    })
}

/// A draft that cannot be read as one (bad front matter, binary data): one
/// error at its start, so the editor shows why nothing else is.
pub fn unreadable(message: String) -> Diagnostic {
    Diagnostic {
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.to_string()),
        message,
        ..Diagnostic::default()
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::claims::ClaimKind;
    use crate::span::Span;
    use crate::verify::SourceRef;
    use lsp_types::Position;

    /// A checked draft of one claim, `text`'s first word, with `verdict`.
    pub fn one_claim(text: &str, verdict: Verdict, evidence: Vec<Evidence>) -> CheckedDocument {
        let end = text.find(' ').unwrap_or(text.len());
        CheckedDocument {
            path: "d.md".into(),
            as_of: None,
            title: None,
            text: text.to_string(),
            claims: vec![CheckedClaim {
                id: "count-0".into(),
                kind: ClaimKind::new("count"),
                span: Span::new(0, end),
                sentence: Span::new(0, text.len()),
                text: text[..end].to_string(),
                line: 1,
                column: 1,
                verdict,
                explanation: "why".into(),
                evidence,
                normalized: serde_json::Value::Null,
            }],
        }
    }

    pub fn fact_in(file: &str) -> Evidence {
        Evidence {
            fact: "a-fact".into(),
            file: file.into(),
            line: 12,
            sources: vec![SourceRef {
                url: "https://example.org/a".into(),
                title: "A *source* [1]".into(),
            }],
        }
    }

    fn severities(verdict: Verdict) -> Vec<Option<DiagnosticSeverity>> {
        let checked = one_claim("four rockets", verdict, Vec::new());
        let positions = PositionMap::new(
            &checked.text,
            super::super::position::PositionEncoding::Utf16,
        );
        of_document(&checked, &positions)
            .into_iter()
            .map(|d| d.severity)
            .collect()
    }

    #[test]
    fn only_claims_the_draft_gets_wrong_are_diagnosed_by_how_wrong() {
        assert_eq!(
            severities(Verdict::Contradicted),
            [Some(DiagnosticSeverity::ERROR)]
        );
        assert_eq!(
            severities(Verdict::Outdated),
            [Some(DiagnosticSeverity::WARNING)]
        );
        assert_eq!(
            severities(Verdict::Imprecise),
            [Some(DiagnosticSeverity::INFORMATION)]
        );
        assert!(severities(Verdict::Supported).is_empty());
        assert!(severities(Verdict::Unverified).is_empty());
    }

    #[test]
    fn a_fact_from_a_file_is_related_at_its_line() {
        let checked = one_claim(
            "four rockets",
            Verdict::Contradicted,
            vec![fact_in("/base/claims/attacks.yaml"), fact_in("")],
        );
        let positions = PositionMap::new(
            &checked.text,
            super::super::position::PositionEncoding::Utf16,
        );
        let diagnostic = &of_document(&checked, &positions)[0];
        let related = diagnostic.related_information.as_ref().unwrap();
        assert_eq!(related.len(), 1, "a fact with no file is not pointed at");
        assert_eq!(
            related[0].location.uri.as_str(),
            "file:///base/claims/attacks.yaml"
        );
        assert_eq!(related[0].location.range.start, Position::new(11, 0));
        assert_eq!(diagnostic.message, "why");
        assert_eq!(
            diagnostic.code,
            Some(NumberOrString::String("count".into()))
        );
    }
}
