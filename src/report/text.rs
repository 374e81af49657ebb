//! The terminal report: one line per claim with its place, verdict and reason,
//! the deciding evidence under it, its sources one to a line, and a summary. Colour
//! only on a terminal; lines wrap at the terminal's width, or 100 columns off one.

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

/// The line width when the report is not read on a terminal.
const WIDTH_OFF_A_TERMINAL: usize = 100;

/// How far a fact's line and its sources stand in.
const FACT_INDENT: &str = "      ";
const SOURCE_INDENT: &str = "          ";

pub fn render(documents: &[CheckedDocument], use_colour: bool, width: Option<usize>) -> String {
    let width = width.unwrap_or(WIDTH_OFF_A_TERMINAL);
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
                    let fact = format!(
                        "{FACT_INDENT}fact {} ({}:{})",
                        visible(&evidence.fact),
                        visible(&evidence.file),
                        evidence.line
                    );
                    let urls: Vec<String> = evidence
                        .sources
                        .iter()
                        .map(|s| visible(&s.url).into_owned())
                        .collect();
                    write_wrapped(&mut out, fact, &urls, width);
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

/// A fact's line with its sources: on that line while they fit in `width`, else
/// one to a line under it. A source is never broken, however long.
fn write_wrapped(out: &mut String, fact: String, urls: &[String], width: usize) {
    let one_line = urls.iter().fold(fact.chars().count(), |len, url| {
        len + 1 + url.chars().count()
    });
    if one_line <= width {
        let _ = writeln!(out, "{fact} {}", urls.join(" "));
        return;
    }
    let _ = writeln!(out, "{fact}");
    for url in urls {
        let _ = writeln!(out, "{SOURCE_INDENT}{url}");
    }
}

#[cfg(test)]
mod tests {
    use super::write_wrapped;

    fn wrapped(urls: &[&str], width: usize) -> String {
        let mut out = String::new();
        let urls: Vec<String> = urls.iter().map(|u| u.to_string()).collect();
        write_wrapped(
            &mut out,
            "      fact a-fact (claims/a.yaml:3)".into(),
            &urls,
            width,
        );
        out
    }

    #[test]
    fn sources_that_fit_stay_on_the_fact_line() {
        assert_eq!(
            wrapped(&["https://a.example/1", "https://b.example/2"], 100),
            "      fact a-fact (claims/a.yaml:3) https://a.example/1 https://b.example/2\n"
        );
    }

    #[test]
    fn sources_that_do_not_fit_go_one_to_a_line_unbroken() {
        let long = format!("https://a.example/{}", "x".repeat(120));
        let out = wrapped(&[&long, "https://b.example/2"], 60);
        assert_eq!(
            out,
            format!(
                "      fact a-fact (claims/a.yaml:3)\n          {long}\n          https://b.example/2\n"
            )
        );
    }
}
