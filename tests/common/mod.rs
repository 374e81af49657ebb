//! Running the built binary on drafts, with the bundled rules and fact base unless
//! a test says otherwise.

#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn draft(name: &str) -> PathBuf {
    root().join("tests/drafts").join(name)
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// The claimcheck binary as a command, its fact base cached under the build
/// directory rather than the user's own cache (tests name many temporary bases).
pub fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimcheck"));
    command.env(
        "XDG_CACHE_HOME",
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("cache"),
    );
    command
}

/// Runs `claimcheck` with `args`, from the repository root.
pub fn claimcheck(args: &[&str]) -> Output {
    command()
        .args(args)
        .current_dir(root())
        .output()
        .expect("the binary runs")
}

/// Runs `claimcheck` with `args` from the repository root, `input` on its
/// standard input.
pub fn claimcheck_with_input(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = command()
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("standard input is piped")
        .write_all(input)
        .expect("input written");
    child.wait_with_output().expect("the binary ends")
}

/// Writes `text` to a file called `name` in a fresh directory.
pub fn write_draft(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("temporary draft written");
    path
}

/// The JSON report for `path`, checked with `extra` arguments.
pub fn json_report(path: &Path, extra: &[&str]) -> Value {
    let path = path.to_str().expect("UTF-8 path");
    let mut args = vec!["check", path, "--format", "json", "--fail-on", "never"];
    args.extend_from_slice(extra);
    let output = claimcheck(&args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the report is JSON")
}

/// Every claim of every document of a report.
pub fn claims(report: &Value) -> Vec<&Value> {
    report["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .flat_map(|d| d["claims"].as_array().expect("claims"))
        .collect()
}

/// The one claim whose text is `text`.
pub fn claim<'a>(report: &'a Value, text: &str) -> &'a Value {
    let found: Vec<&Value> = claims(report)
        .into_iter()
        .filter(|c| c["text"] == text)
        .collect();
    assert_eq!(found.len(), 1, "expected one claim “{text}” in {report:#}");
    found[0]
}

pub fn verdict_of<'a>(report: &'a Value, text: &str) -> &'a str {
    claim(report, text)["verdict"].as_str().expect("verdict")
}

/// The verdicts of the claims of one kind, in order.
pub fn verdicts_of(report: &Value, kind: &str) -> Vec<String> {
    claims(report)
        .iter()
        .filter(|c| c["kind"] == kind)
        .map(|c| c["verdict"].as_str().unwrap().to_string())
        .collect()
}

/// The line and verdict of each claim of one kind, in order.
pub fn verdicts_by_line<'a>(report: &'a Value, kind: &str) -> Vec<(u64, &'a str)> {
    claims(report)
        .into_iter()
        .filter(|c| c["kind"] == kind)
        .map(|c| (c["line"].as_u64().unwrap(), c["verdict"].as_str().unwrap()))
        .collect()
}
