//! The SARIF 2.1.0 report, for code scanning: one result per claim that is not
//! supported, placed at the claim's line and column in the draft, with the facts
//! that decided it as related locations. Each claim kind is one rule, its id the
//! kind's name, so new kinds become new rules without a change here.

use super::{CheckRun, TOOL_NAME, TOOL_VERSION};
use crate::check::{CheckedClaim, CheckedDocument};
use crate::claims::ClaimKind;
use crate::span::LineIndex;
use crate::verify::Verdict;
use serde_json::{Value, json};
use std::path::{Component, Path};

const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn render(run: &CheckRun) -> String {
    // Rules in order of first use, so a rule's index is stable for a given report.
    let mut kinds: Vec<ClaimKind> = Vec::new();
    let mut results = Vec::new();
    for document in run.documents {
        let lines = LineIndex::new(&document.text);
        for claim in &document.claims {
            if claim.verdict == Verdict::Supported {
                continue;
            }
            let rule_index = match kinds.iter().position(|k| *k == claim.kind) {
                Some(index) => index,
                None => {
                    kinds.push(claim.kind);
                    kinds.len() - 1
                }
            };
            results.push(result(document, claim, &lines, rule_index));
        }
    }
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": TOOL_NAME,
                "version": TOOL_VERSION,
                "rules": kinds.iter().map(|k| rule(*k)).collect::<Vec<_>>(),
            }},
            // Columns count characters, as in every other claimcheck report.
            "columnKind": "unicodeCodePoints",
            "properties": {"factBase": {"hash": run.database.hash, "facts": run.database.facts}},
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

fn rule(kind: ClaimKind) -> Value {
    json!({
        "id": kind.as_str(),
        "name": pascal_case(kind.as_str()),
        "shortDescription": {"text": format!("A {} claim the fact base does not support", kind.as_str())},
        "fullDescription": {"text": crate::claims::describe(kind)},
        "defaultConfiguration": {"level": "warning"},
    })
}

/// How loudly code scanning should show a verdict.
fn level(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Contradicted => "error",
        Verdict::Outdated | Verdict::Imprecise => "warning",
        Verdict::Unverified | Verdict::Supported => "note",
    }
}

fn result(
    document: &CheckedDocument,
    claim: &CheckedClaim,
    lines: &LineIndex,
    rule_index: usize,
) -> Value {
    let end = lines.locate(&document.text, claim.span.end);
    let related: Vec<Value> = claim
        .evidence
        .iter()
        .enumerate()
        .map(|(i, evidence)| {
            json!({
                "id": i + 1,
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(Path::new(&evidence.file))},
                    "region": {"startLine": evidence.line.max(1)},
                },
                "message": {"text": format!("fact {}", evidence.fact)},
            })
        })
        .collect();
    json!({
        "ruleId": claim.kind.as_str(),
        "ruleIndex": rule_index,
        "level": level(claim.verdict),
        "message": {"text": format!("{}: {}", claim.verdict.as_str().to_uppercase(), claim.explanation)},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(&document.path)},
                "region": {
                    "startLine": claim.line,
                    "startColumn": claim.column,
                    "endLine": end.line,
                    "endColumn": end.column,
                    "byteOffset": claim.span.start,
                    "byteLength": claim.span.len(),
                    "snippet": {"text": claim.text},
                },
            },
        }],
        "relatedLocations": related,
        "partialFingerprints": {"claimId/v1": claim.id},
        "properties": {"verdict": claim.verdict, "claimId": claim.id},
    })
}

/// A path as a URI reference: relative paths stay relative (code scanning reads
/// them from the repository root), absolute ones become `file://` URIs.
fn artifact_uri(path: &Path) -> String {
    let mut parts = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(percent_encode(&part.to_string_lossy())),
            Component::ParentDir => parts.push("..".to_string()),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
    let joined = parts.join("/");
    if path.is_absolute() {
        format!("file:///{joined}")
    } else {
        joined
    }
}

/// Escapes everything but RFC 3986's unreserved characters in one path segment.
fn percent_encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `event-date` → `EventDate`: SARIF's rule names are identifiers.
fn pascal_case(kebab: &str) -> String {
    kebab
        .split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or(String::new(), |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            artifact_uri(Path::new("drafts/my draft#1.md")),
            "drafts/my%20draft%231.md"
        );
        assert_eq!(artifact_uri(Path::new("/tmp/a/b.md")), "file:///tmp/a/b.md");
        assert_eq!(artifact_uri(Path::new("./a/../b.md")), "a/../b.md");
        assert_eq!(pascal_case("ordinal-window"), "OrdinalWindow");
    }
}
