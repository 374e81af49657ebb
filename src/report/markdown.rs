//! The Markdown report, for a pull-request comment: per draft, the verdict counts
//! and one table row per claim, contradicted claims first, with the reason and the
//! sources. Draft and fact text is escaped so that it can never become markup, a
//! link or a mention of someone.

use super::{CheckRun, Summary, TOOL_NAME, TOOL_VERSION, verdict_symbol, web_url, worst_first};
use crate::check::CheckedDocument;
use crate::verify::{SourceRef, Verdict};
use std::fmt::Write;

pub fn render(run: &CheckRun) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {TOOL_NAME} report\n");
    let _ = writeln!(
        out,
        "Fact base `{}` ({} facts) · {TOOL_NAME} {TOOL_VERSION}\n",
        run.database.hash, run.database.facts
    );
    for document in run.documents {
        document_section(&mut out, document);
    }
    out
}

fn document_section(out: &mut String, document: &CheckedDocument) {
    let _ = writeln!(out, "## {}\n", escape(&document.path.display().to_string()));
    let as_of = document
        .as_of
        .map_or("no as-of date".to_string(), |d| format!("As of {d}"));
    let _ = writeln!(out, "{as_of} · {}\n", summary_line(Summary::of(document)));
    if document.claims.is_empty() {
        let _ = writeln!(out, "No checkable claims.\n");
        return;
    }
    let _ = writeln!(out, "| Verdict | Claim | Line | Why | Sources |");
    let _ = writeln!(out, "|---|---|---|---|---|");
    for claim in worst_first(document) {
        let verdict = format!("{} {}", verdict_symbol(claim.verdict), claim.verdict);
        let verdict = if claim.verdict == Verdict::Contradicted {
            format!("**{verdict}**")
        } else {
            verdict
        };
        let sources: Vec<String> = claim
            .evidence
            .iter()
            .flat_map(|e| &e.sources)
            .map(source_link)
            .collect();
        let _ = writeln!(
            out,
            "| {verdict} | “{}” <br>{} | {}:{} | {} | {} |",
            escape(&claim.text),
            claim.kind.as_str(),
            claim.line,
            claim.column,
            escape(&claim.explanation),
            if sources.is_empty() {
                "—".to_string()
            } else {
                sources.join("<br>")
            }
        );
    }
    out.push('\n');
}

fn summary_line(summary: Summary) -> String {
    let count = |verdict: Verdict, n: usize| format!("{} {n} {verdict}", verdict_symbol(verdict));
    let contradicted = count(Verdict::Contradicted, summary.contradicted);
    [
        if summary.contradicted > 0 {
            format!("**{contradicted}**")
        } else {
            contradicted
        },
        count(Verdict::Outdated, summary.outdated),
        count(Verdict::Imprecise, summary.imprecise),
        count(Verdict::Unverified, summary.unverified),
        count(Verdict::Supported, summary.supported),
    ]
    .join(" · ")
}

/// A source as a Markdown link when its address is a web address, else its title.
pub(crate) fn source_link(source: &SourceRef) -> String {
    match web_url(&source.url) {
        Some(url) => format!("[{}]({})", escape(&source.title), link_target(url)),
        None => escape(&source.title),
    }
}

/// Text as literal Markdown on one line of a table cell. Backslash escapes keep
/// CommonMark and GitHub from reading emphasis, links, HTML, `@mentions` or `#123`
/// references in draft text; line breaks would end the table row.
pub(crate) fn escape(text: &str) -> String {
    let text = super::visible(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '@' | '#' | '!'
            | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A link target that cannot close the link or the table cell early.
fn link_target(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '|' => out.push_str("%7C"),
            '"' => out.push_str("%22"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_holds_no_markup() {
        assert_eq!(
            escape("<b>*a*</b> | @ann #12 [x](y)\nz"),
            r"\<b\>\*a\*\</b\> \| \@ann \#12 \[x\](y) z"
        );
        assert_eq!(
            link_target("https://e.org/a (b)|c"),
            "https://e.org/a%20%28b%29%7Cc"
        );
    }
}
