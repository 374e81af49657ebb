//! The terminal report: one line per claim with its place, verdict and reason,
//! the deciding evidence under it, and a summary. Colour only on a terminal.

use super::{Summary, visible};
use crate::check::CheckedDocument;
use crate::verify::Verdict;
use std::fmt::Write;

fn colour(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Supported => "\x1b[32m",
        Verdict::Unverified => "\x1b[2m",
        Verdict::Imprecise => "\x1b[33m",
        Verdict::Outdated => "\x1b[35m",
        Verdict::Contradicted => "\x1b[1;31m",
    }
}

pub fn render(documents: &[CheckedDocument], use_colour: bool) -> String {
    let mut out = String::new();
    let paint = |verdict: Verdict| {
        let word = format!("{:<12}", verdict.as_str().to_uppercase());
        if use_colour {
            format!("{}{word}\x1b[0m", colour(verdict))
        } else {
            word
        }
    };
    for document in documents {
        let as_of = document
            .as_of
            .map_or("no as-of date".to_string(), |d| format!("as of {d}"));
        let path = document.path.display().to_string();
        let path = visible(&path);
        let _ = writeln!(out, "{path} ({as_of})");
        for claim in &document.claims {
            let _ = writeln!(
                out,
                "  {path}:{}:{}  {} {:<12} {}",
                claim.line,
                claim.column,
                paint(claim.verdict),
                claim.kind.as_str(),
                visible(&claim.explanation)
            );
            if claim.verdict != Verdict::Unverified {
                for evidence in &claim.evidence {
                    let urls: Vec<&str> = evidence.sources.iter().map(|s| s.url.as_str()).collect();
                    let _ = writeln!(
                        out,
                        "      fact {} ({}:{}) {}",
                        visible(&evidence.fact),
                        visible(&evidence.file),
                        evidence.line,
                        visible(&urls.join(" "))
                    );
                }
            }
        }
        let s = Summary::of(document);
        let _ = writeln!(
            out,
            "  {} claims: {} supported, {} imprecise, {} outdated, {} contradicted, {} unverified\n",
            document.claims.len(),
            s.supported,
            s.imprecise,
            s.outdated,
            s.contradicted,
            s.unverified
        );
    }
    out
}
