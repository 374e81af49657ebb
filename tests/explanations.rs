//! What every claim's explanation says, and how the terminal report lays it out:
//! each explanation opens by quoting the draft's words, speaks plainly, and a
//! fact's sources wrap to the line width without a URL being broken.

mod common;

use common::{claimcheck, draft, json_report, root, write_draft};
use serde_json::Value;

/// Every draft under `tests/drafts/`, and one written here with a quotation and a
/// date counted from another event.
fn all_drafts(dir: &tempfile::TempDir) -> Vec<std::path::PathBuf> {
    let mut drafts: Vec<_> = std::fs::read_dir(root().join("tests/drafts"))
        .expect("tests/drafts")
        .map(|entry| entry.expect("entry").path())
        .collect();
    drafts.sort();
    drafts.push(write_draft(
        dir,
        "spoken.md",
        "---\ndate: 2020-04-09\n---\n\n\
         “We will not be pushed out of the oil district,” Mustafa al-Kadhimi said on Thursday.\n\n\
         Two days after the Burjesia rocket attack, the prime minister-designate spoke again.\n",
    ));
    drafts
}

fn claims(report: &Value) -> Vec<Value> {
    report["documents"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|d| d["claims"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// The claim's words as its explanation quotes them: on one line, Markdown's
/// emphasis marks left out.
fn one_line(text: &str) -> String {
    text.replace(['*', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_explanation_opens_by_quoting_the_draft() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut kinds = std::collections::BTreeSet::new();
    for path in all_drafts(&dir) {
        for claim in claims(&json_report(&path, &[])) {
            let text = one_line(claim["text"].as_str().expect("text"));
            let explanation = claim["explanation"].as_str().expect("explanation");
            let kind = claim["kind"].as_str().expect("kind");
            // A quotation is quoted by its own quotation marks.
            let opening = match kind {
                "quote" => text.clone(),
                _ => format!("“{text}”"),
            };
            assert!(
                explanation.starts_with(&opening),
                "{}: the {kind} claim “{text}” is explained without quoting it first: {explanation}",
                path.display()
            );
            kinds.insert(kind.to_string());
        }
    }
    // The drafts cover the kinds whose wording once put the draft's words last.
    for kind in ["elapsed", "duration", "title", "quote", "ordinal", "count"] {
        assert!(
            kinds.contains(kind),
            "no {kind} claim in the drafts: {kinds:?}"
        );
    }
}

#[test]
fn explanations_speak_plainly() {
    let dir = tempfile::tempdir().expect("temporary directory");
    // Wording about the checker's own workings, which a reader cannot act on.
    let internal = [
        "something else",
        "end may be",
        "the base holds",
        "tied to this clause",
        "cannot place",
    ];
    for path in all_drafts(&dir) {
        for claim in claims(&json_report(&path, &[])) {
            let explanation = claim["explanation"].as_str().expect("explanation");
            for phrase in internal {
                assert!(
                    !explanation.contains(phrase),
                    "{}: “{phrase}” in {explanation}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn sources_wrap_at_100_columns_off_a_terminal_and_urls_stay_whole() {
    let path = draft("uk-autumn-2022-wrong.md");
    let output = claimcheck(&[
        "check",
        path.to_str().expect("UTF-8 path"),
        "--fail-on",
        "never",
    ]);
    let text = String::from_utf8(output.stdout).expect("UTF-8 report");
    let report = json_report(&path, &[]);
    let mut wrapped = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("fact ") {
            assert!(
                line.chars().count() <= 100,
                "a fact's line over 100 columns: {line}"
            );
        }
        if trimmed.starts_with("https://") || trimmed.starts_with("http://") {
            assert!(!trimmed.contains(' '), "one source to a line: {line}");
            wrapped = true;
        }
    }
    assert!(wrapped, "no source list long enough to wrap:\n{text}");
    for claim in claims(&report) {
        if claim["verdict"] == "unverified" {
            continue;
        }
        for evidence in claim["evidence"].as_array().expect("evidence") {
            for source in evidence["sources"].as_array().expect("sources") {
                let url = source["url"].as_str().expect("url");
                assert!(
                    text.lines()
                        .any(|l| l.split_whitespace().any(|word| word == url)),
                    "{url} is not whole on a line of:\n{text}"
                );
            }
        }
    }
}
