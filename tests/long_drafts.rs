//! A long draft is read in parts (runs of whole blocks), on every core: what
//! `extract --mentions` lists must be what a reading of the whole draft finds, in
//! the same order, and a draft that fails is not half written.

mod common;

use claimcheck::document::Document;
use claimcheck::factbase;
use claimcheck::mentions;
use claimcheck::rules::Rules;
use claimcheck::segment::Segmented;
use common::{claimcheck, root};
use serde_json::Value;
use std::path::Path;

/// The bodies of the bundled test drafts, repeated until the text passes `size`
/// bytes: many paragraphs of dates, numbers and names.
fn long_text(size: usize) -> String {
    let mut bodies = Vec::new();
    for entry in std::fs::read_dir(root().join("tests/drafts")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        // Front matter would start a new document's metadata mid-text.
        let body = match text.strip_prefix("---\n") {
            Some(rest) => rest.split_once("\n---\n").map_or(rest, |(_, body)| body),
            None => &text,
        };
        bodies.push(body.to_string());
    }
    bodies.sort();
    let mut text = String::new();
    while text.len() < size {
        for body in &bodies {
            text.push_str(body);
            text.push_str("\n\n");
        }
    }
    text
}

fn rules() -> Rules {
    Rules::load(&root().join("rules")).unwrap()
}

const AS_OF: Option<chrono::NaiveDate> = chrono::NaiveDate::from_ymd_opt(2021, 6, 1);

/// Each mention as (start, end, kind): what a listing must keep, in order.
fn placed(found: &[mentions::Mention]) -> Vec<(usize, usize, String)> {
    found
        .iter()
        .map(|m| (m.span.start, m.span.end, m.value.kind().to_string()))
        .collect()
}

/// The mentions of the whole draft, read at once.
fn read_whole(document: &Document, rules: &Rules) -> Vec<(usize, usize, String)> {
    let segmented = Segmented::new(document, rules);
    placed(&mentions::extract(&segmented, rules, AS_OF, None).unwrap())
}

#[test]
fn runs_of_blocks_find_what_the_whole_draft_finds() {
    let rules = rules();
    let document = Document::from_text(Path::new("long.md"), long_text(40_000)).unwrap();
    let runs = document.block_runs(3_000);
    assert!(runs.len() >= 10, "{} runs", runs.len());
    let mut in_runs = Vec::new();
    for run in runs {
        let segmented = Segmented::blocks(document.prose(), &document.blocks[run], &rules);
        in_runs.extend(placed(
            &mentions::extract(&segmented, &rules, AS_OF, None).unwrap(),
        ));
    }
    let whole = read_whole(&document, &rules);
    assert!(whole.len() > 500, "{} mentions", whole.len());
    assert_eq!(in_runs, whole);
}

#[test]
fn the_json_listing_of_a_long_draft_is_the_whole_reading_in_order() {
    let dir = tempfile::tempdir().unwrap();
    // Several times the size of a part, so the listing is made of many.
    let text = long_text(1_200_000);
    let path = common::write_draft(&dir, "long.md", &text);
    let rules = rules();
    let base = factbase::load_dir(&root().join("claims"), &rules).expect("fact base loads");
    let document = Document::from_text(&path, text).unwrap();
    // Without names and with them: each part looks names up on its own.
    for names in [None, Some(&base.names)] {
        let mut args = vec![
            "extract",
            "--mentions",
            path.to_str().unwrap(),
            "--as-of",
            "2021-06-01",
            "--format",
            "json",
        ];
        if names.is_some() {
            args.push("--names");
        }
        let output = claimcheck(&args);
        assert_eq!(output.status.code(), Some(0));
        let report: Value = serde_json::from_slice(&output.stdout).expect("the listing is JSON");
        let listed: Vec<(usize, usize, String)> = report["documents"][0]["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                let at = |key: &str| m["span"][key].as_u64().unwrap() as usize;
                (
                    at("start"),
                    at("end"),
                    m["kind"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let segmented = Segmented::new(&document, &rules);
        let whole = placed(&mentions::extract(&segmented, &rules, AS_OF, names).unwrap());
        assert!(whole.iter().any(|(_, _, kind)| kind == "entity") == names.is_some());
        assert_eq!(listed, whole);
    }
}

#[test]
fn a_long_draft_that_needs_an_as_of_date_is_not_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    while text.len() < 1_000_000 {
        text.push_str("The council met on 3 March 2020 and counted 12 votes.\n\n");
    }
    text.push_str("It meets again next Tuesday.\n");
    let path = common::write_draft(&dir, "undated.md", &text);
    for format in ["json", "text"] {
        let output = claimcheck(&[
            "extract",
            "--mentions",
            path.to_str().unwrap(),
            "--format",
            format,
        ]);
        assert_eq!(output.status.code(), Some(2), "{format}");
        assert!(output.stdout.is_empty(), "{format}: output was written");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("“next Tuesday”"), "{stderr}");
        assert!(stderr.contains("--as-of"), "{stderr}");
    }
}

#[test]
fn drafts_read_together_are_listed_as_each_is_alone() {
    let listing = |paths: &[&str]| -> Value {
        let mut args = vec!["extract", "--mentions", "--names", "--format", "json"];
        args.extend_from_slice(paths);
        let output = claimcheck(&args);
        assert_eq!(output.status.code(), Some(0));
        serde_json::from_slice(&output.stdout).expect("the listing is JSON")
    };
    let together = listing(&["tests/drafts"]);
    let documents = together["documents"].as_array().unwrap();
    assert!(documents.len() >= 5, "{} drafts", documents.len());
    for document in documents {
        let path = document["path"].as_str().unwrap();
        let alone = listing(&[path]);
        assert_eq!(&alone["documents"][0], document, "{path}");
    }
}

#[test]
fn drafts_before_one_that_fails_are_listed_whole_and_none_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let dated = format!("---\ndate: 2021-06-01\n---\n{}", long_text(700_000));
    let first = common::write_draft(&dir, "a-dated.md", &dated);
    let mut undated = String::new();
    while undated.len() < 600_000 {
        undated.push_str("The board met on 3 March 2020 and counted 12 votes.\n\n");
    }
    undated.push_str("The board meets again next Tuesday.\n");
    common::write_draft(&dir, "b-undated.md", &undated);
    common::write_draft(&dir, "c-dated.md", &dated);
    let listing = |path: &Path| claimcheck(&["extract", "--mentions", path.to_str().unwrap()]);
    let together = listing(dir.path());
    assert_eq!(together.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&together.stderr);
    assert!(
        stderr.contains("b-undated.md") && stderr.contains("“next Tuesday”"),
        "{stderr}"
    );
    // The first draft, and nothing of the one that failed or of any after it.
    let alone = listing(&first);
    assert_eq!(alone.status.code(), Some(0));
    assert!(!alone.stdout.is_empty());
    assert_eq!(together.stdout, alone.stdout);
}
