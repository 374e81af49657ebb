//! The HTML report in a real browser: `tests/browser/check-report.mjs` loads it in
//! headless Chromium (through playwright-core), checks there are no console
//! errors or outside requests, clicks a claim and a filter and checks what
//! becomes visible, against the JSON report of the same draft. It leaves a
//! screenshot at `target/tmp/browser/contradicted.png`.
//!
//! Needs node, Chromium and `npm ci --prefix tests/browser`; `.ci/run` installs
//! them. Without them the test says what is missing and passes, except under CI
//! (`CI` set), where it fails.

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

#[test]
fn html_report_works_in_a_headless_browser() {
    let chromium = match browser_setup() {
        Ok(chromium) => chromium,
        Err(missing) if std::env::var_os("CI").is_some() => {
            panic!("the browser test cannot run under CI: {missing}")
        }
        Err(missing) => {
            eprintln!("skipping the browser test: {missing}");
            return;
        }
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).expect("browser output directory");
    let (html, json, screenshot) = (
        dir.join("contradicted.html"),
        dir.join("contradicted.json"),
        dir.join("contradicted.png"),
    );
    let _ = std::fs::remove_file(&screenshot);
    write_report("html", "tests/drafts/contradicted.md", &html);
    write_report("json", "tests/drafts/contradicted.md", &json);

    let output = Command::new("node")
        .arg(root().join("tests/browser/check-report.mjs"))
        .args([&html, &json, &screenshot])
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "the browser check failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let size = std::fs::metadata(&screenshot).map_or(0, |m| m.len());
    assert!(size > 10_000, "a screenshot at {}", screenshot.display());
}
