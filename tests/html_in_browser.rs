//! The HTML report in a real browser: `tests/browser/check-report.mjs` loads a
//! report in headless Chromium (through playwright-core) and checks what a reader
//! sees against the JSON report of the same draft; `check-index.mjs` does the same
//! for a batch's index. They leave screenshots at 1280 and 390 px wide in
//! `target/tmp/browser/`.
//!
//! Needs node, Chromium and `npm ci --prefix tests/browser`, so the tests are
//! ignored by a plain `cargo test` (its summary counts them as ignored). `.ci/run`
//! installs the three and runs them with `--include-ignored`; run them yourself with
//! `cargo test --test html_in_browser -- --ignored`. When they run, a missing tool
//! fails them.

mod common;

use common::{claimcheck, root};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What the browser check needs, or a sentence saying what is missing.
fn browser_setup() -> Result<PathBuf, String> {
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.is_file() {
        return Err(format!(
            "no Chromium at {} (apt-get install chromium, or set CHROMIUM)",
            chromium.display()
        ));
    }
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Err("no node on PATH (apt-get install nodejs npm)".to_string());
    }
    if !root()
        .join("tests/browser/node_modules/playwright-core")
        .is_dir()
    {
        return Err("playwright-core is not installed (npm ci --prefix tests/browser)".to_string());
    }
    Ok(chromium)
}

fn write_report(format: &str, draft: &str, to: &Path) {
    let output = claimcheck(&[
        "check",
        draft,
        "--format",
        format,
        "--fail-on",
        "never",
        "-o",
        to.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Runs a browser check script; its output is shown, its failure fails the test.
fn run_script(chromium: &Path, script: &str, args: &[&Path]) {
    let output = Command::new("node")
        .arg(root().join("tests/browser").join(script))
        .args(args)
        .env("CHROMIUM", chromium)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "{script} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The browser's setup; a missing tool fails the test that needs it.
fn chromium() -> PathBuf {
    browser_setup().unwrap_or_else(|missing| panic!("the browser test cannot run: {missing}"))
}

fn browser_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).expect("browser output directory");
    dir
}

fn assert_screenshots(prefix: &Path) {
    for width in [1280, 390] {
        let shot = PathBuf::from(format!("{}-{width}.png", prefix.display()));
        let size = std::fs::metadata(&shot).map_or(0, |m| m.len());
        assert!(size > 10_000, "a screenshot at {}", shot.display());
    }
}

#[test]
#[ignore = "needs node, Chromium and npm ci --prefix tests/browser; run with cargo test -- --ignored (.ci/run does)"]
fn html_reports_work_in_a_headless_browser() {
    let chromium = chromium();
    let dir = browser_dir();
    for draft in ["contradicted", "markup"] {
        let (html, json, screenshots) = (
            dir.join(format!("{draft}.html")),
            dir.join(format!("{draft}.json")),
            dir.join(draft),
        );
        let path = format!("tests/drafts/{draft}.md");
        write_report("html", &path, &html);
        write_report("json", &path, &json);
        run_script(&chromium, "check-report.mjs", &[&html, &json, &screenshots]);
        assert_screenshots(&screenshots);
    }
}

/// Where the index puts a draft: failed ones first, then by contradicted,
/// outdated, imprecise and unverified claims, most first, then by path.
fn index_order(report: &serde_json::Value, failed: &[String]) -> Vec<String> {
    let mut checked: Vec<(Vec<u64>, String)> = report["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| {
            let summary = &d["summary"];
            let counts = ["contradicted", "outdated", "imprecise", "unverified"]
                .iter()
                .map(|v| summary[v].as_u64().expect("count"))
                .collect();
            (counts, d["path"].as_str().expect("path").to_string())
        })
        .collect();
    checked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let mut failed = failed.to_vec();
    failed.sort();
    failed
        .into_iter()
        .chain(checked.into_iter().map(|(_, path)| path))
        .collect()
}

#[test]
#[ignore = "needs node, Chromium and npm ci --prefix tests/browser; run with cargo test -- --ignored (.ci/run does)"]
fn the_batch_index_works_in_a_headless_browser() {
    let chromium = chromium();
    let dir = browser_dir();
    let batch = dir.join("batch");
    let _ = std::fs::remove_dir_all(&batch);
    // A draft with a relative date and no date to read it by cannot be checked.
    let undated = dir.join("undated.md");
    std::fs::write(
        &undated,
        "Rockets hit the camp last Tuesday, police said.\n",
    )
    .expect("draft written");
    let undated = undated.to_str().expect("UTF-8 path");
    let output = claimcheck(&[
        "check",
        "tests/drafts/iraq-briefing.md",
        "tests/drafts/markup.md",
        "tests/drafts/contradicted.md",
        undated,
        "--format",
        "html",
        "--fail-on",
        "never",
        "-o",
        &format!("{}/", batch.display()),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    let error = stderr
        .lines()
        .find_map(|line| line.strip_prefix("error: "))
        .expect("the failed draft's error");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(batch.join("report.json")).expect("report.json"))
            .expect("JSON");
    let expected = serde_json::json!({
        "order": index_order(&report, &[undated.to_string()]),
        "failed": { undated: error },
    });
    let expected_path = dir.join("index-expected.json");
    std::fs::write(&expected_path, expected.to_string()).expect("expectations written");
    let screenshots = dir.join("index");
    run_script(
        &chromium,
        "check-index.mjs",
        &[&batch.join("index.html"), &expected_path, &screenshots],
    );
    assert_screenshots(&screenshots);
}
