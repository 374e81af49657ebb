//! schema.org ClaimReview JSON-LD, for publishing verdicts: a JSON array with one
//! ClaimReview per checked claim, each with its own `@context`, so that a desk can
//! embed all of them or cut out one (`<script type="application/ld+json">`).
//!
//! The rating scale is stated in every review: 1 (worst) to 5 (best), with the
//! verdict's name as `alternateName`. An unverified claim has no truth value to
//! give, so its rating carries the name alone.

use super::{CheckRun, web_url};
use crate::check::{CheckedClaim, CheckedDocument};
use crate::verify::Verdict;
use serde_json::{Map, Value, json};

const WORST_RATING: u8 = 1;
const BEST_RATING: u8 = 5;

/// Where a verdict sits on the 1–5 scale. Imprecise is mostly true (close, outside
/// the tolerance); outdated was true once, so mostly false now.
fn rating_value(verdict: Verdict) -> Option<u8> {
    match verdict {
        Verdict::Supported => Some(BEST_RATING),
        Verdict::Imprecise => Some(4),
        Verdict::Outdated => Some(2),
        Verdict::Contradicted => Some(WORST_RATING),
        Verdict::Unverified => None,
    }
}

/// The verdict's name as a reader sees it in a rating.
fn rating_name(verdict: Verdict) -> String {
    let name = verdict.as_str();
    let mut chars = name.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// `review_url` is the address the fact-check will be published at. Without it,
/// each review's `url` is a fragment, which JSON-LD resolves against the page the
/// reviews are embedded in.
pub fn render(run: &CheckRun, review_url: Option<&str>) -> String {
    let reviews: Vec<Value> = run
        .documents
        .iter()
        .flat_map(|d| d.claims.iter().map(move |c| review(d, c, review_url)))
        .collect();
    let mut out = script_safe(&serde_json::to_string_pretty(&reviews).unwrap_or_default());
    out.push('\n');
    out
}

/// JSON that can sit inside `<script type="application/ld+json">` as it is: no
/// `</script>` or `<!--` can end or change the element, whatever a draft or a
/// fact says. The characters only occur inside JSON strings, where the `\u`
/// escapes read back the same.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn review(document: &CheckedDocument, claim: &CheckedClaim, review_url: Option<&str>) -> Value {
    let base = review_url.map_or("", |url| url.split('#').next().unwrap_or(url));
    let mut rating = Map::new();
    rating.insert("@type".into(), json!("Rating"));
    if let Some(value) = rating_value(claim.verdict) {
        rating.insert("ratingValue".into(), json!(value));
    }
    rating.insert("bestRating".into(), json!(BEST_RATING));
    rating.insert("worstRating".into(), json!(WORST_RATING));
    rating.insert("alternateName".into(), json!(rating_name(claim.verdict)));
    rating.insert("ratingExplanation".into(), json!(claim.explanation));

    let mut item = Map::new();
    item.insert("@type".into(), json!("Claim"));
    let as_of = document.as_of.map(|d| d.to_string());
    if let Some(date) = &as_of {
        item.insert("datePublished".into(), json!(date));
    }

    let mut review = Map::new();
    review.insert("@context".into(), json!("https://schema.org"));
    review.insert("@type".into(), json!("ClaimReview"));
    review.insert("url".into(), json!(format!("{base}#{}", claim.id)));
    review.insert(
        "claimReviewed".into(),
        json!(super::sentence_of(document, claim)),
    );
    review.insert("reviewRating".into(), Value::Object(rating));
    review.insert("itemReviewed".into(), Value::Object(item));
    if let Some(date) = as_of {
        review.insert("datePublished".into(), json!(date));
    }
    let citations: Vec<Value> = claim
        .evidence
        .iter()
        .flat_map(|e| &e.sources)
        .filter_map(|s| {
            web_url(&s.url).map(|url| json!({"@type": "CreativeWork", "url": url, "name": s.title}))
        })
        .collect();
    if !citations.is_empty() {
        review.insert("citation".into(), Value::Array(citations));
    }
    Value::Object(review)
}
