//! The card shown on hover over a claim: its verdict and kind, the explanation,
//! and each deciding fact with links to its sources. Draft and fact text is
//! escaped, so it shows as written and never becomes markup.

use super::position::PositionMap;
use super::uri::file_uri;
use crate::check::{CheckedClaim, CheckedDocument};
use crate::report::markdown::{escape, source_link};
use crate::report::verdict_symbol;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};
use std::fmt::Write;
use std::path::Path;

/// The card of the claim under `offset`: the narrowest claim whose span holds it.
pub fn at(checked: &CheckedDocument, offset: usize, positions: &PositionMap) -> Option<Hover> {
    let claim = checked
        .claims
        .iter()
        .filter(|claim| claim.span.start <= offset && offset < claim.span.end)
        .min_by_key(|claim| claim.span.len())?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: card(claim),
        }),
        range: Some(positions.range(claim.span)),
    })
}

fn card(claim: &CheckedClaim) -> String {
    let mut out = format!(
        "**{} {}** · {}\n\n{}\n",
        verdict_symbol(claim.verdict),
        claim.verdict,
        claim.kind.as_str(),
        escape(&claim.explanation)
    );
    for evidence in &claim.evidence {
        let file = Path::new(&evidence.file);
        let name = file.file_name().map_or_else(
            || evidence.file.clone(),
            |n| n.to_string_lossy().into_owned(),
        );
        let place = escape(&format!("{name}:{}", evidence.line));
        let place = match file_uri(file) {
            Some(uri) => format!("[{place}]({}#L{})", uri.as_str(), evidence.line),
            None => place,
        };
        let _ = write!(out, "\nFact {} ({place})\n", escape(&evidence.fact));
        for source in &evidence.sources {
            let _ = writeln!(out, "- {}", source_link(source));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::diagnostics::tests::{fact_in, one_claim};
    use super::super::position::PositionEncoding;
    use super::*;
    use crate::verify::{SourceRef, Verdict};

    fn card_at(checked: &CheckedDocument, offset: usize) -> Option<String> {
        let positions = PositionMap::new(&checked.text, PositionEncoding::Utf16);
        at(checked, offset, &positions).map(|hover| match hover.contents {
            HoverContents::Markup(markup) => markup.value,
            other => panic!("{other:?}"),
        })
    }

    #[test]
    fn the_card_links_each_source_with_its_title_escaped() {
        let mut fact = fact_in("/base/claims/attacks.yaml");
        fact.sources.push(SourceRef {
            url: "javascript:alert(1)".into(),
            title: "<b>not a link</b>".into(),
        });
        let checked = one_claim("four rockets", Verdict::Contradicted, vec![fact]);
        let card = card_at(&checked, 2).unwrap();
        assert!(card.starts_with("**✗ contradicted** · count"), "{card}");
        assert!(
            card.contains("- [A \\*source\\* \\[1\\]](https://example.org/a)"),
            "{card}"
        );
        assert!(card.contains("- \\<b\\>not a link\\</b\\>\n"), "{card}");
        assert!(
            card.contains("[attacks.yaml:12](file:///base/claims/attacks.yaml#L12)"),
            "{card}"
        );
    }

    #[test]
    fn only_a_claim_under_the_position_has_a_card() {
        let checked = one_claim("four rockets", Verdict::Unverified, Vec::new());
        assert!(card_at(&checked, 0).is_some());
        assert!(card_at(&checked, 3).is_some());
        assert!(card_at(&checked, 4).is_none());
        assert!(card_at(&checked, 8).is_none());
    }
}
