//! What `-o` may and may not do: a report never replaces a draft, a batch goes
//! beside drafts only when asked and then replaces none of them, links and pipes
//! are written through rather than replaced, and a batch leaves no temporaries.

mod common;

use common::{draft, root};
use std::path::Path;
use std::process::{Command, Output};

fn claimcheck_in(dir: &Path, args: &[&str]) -> Output {
    common::command()
        .args(args)
        .args(["--db", root().join("claims").to_str().unwrap()])
        .args(["--rules", root().join("rules").to_str().unwrap()])
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

/// A directory of two Markdown drafts, with their texts.
fn drafts_dir() -> (tempfile::TempDir, Vec<(String, String)>) {
    let dir = tempfile::tempdir().unwrap();
    let mut texts = Vec::new();
    for name in ["iraq-briefing.md", "contradicted.md"] {
        let text = std::fs::read_to_string(draft(name)).unwrap();
        std::fs::write(dir.path().join(name), &text).unwrap();
        texts.push((name.to_string(), text));
    }
    (dir, texts)
}

fn assert_untouched(dir: &Path, texts: &[(String, String)]) {
    for (name, text) in texts {
        assert_eq!(
            &std::fs::read_to_string(dir.join(name)).unwrap(),
            text,
            "{name} is unchanged"
        );
    }
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_batch_into_the_drafts_own_directory_is_refused_and_writes_nothing() {
    let (dir, texts) = drafts_dir();
    let before = names_in(dir.path());
    let path = dir.path().to_str().unwrap();
    for target in [format!("{path}/"), ".".to_string()] {
        let output = claimcheck_in(
            dir.path(),
            &[
                "check",
                path,
                "--format",
                "markdown",
                "-o",
                &target,
                "--fail-on",
                "never",
            ],
        );
        assert_eq!(output.status.code(), Some(2), "refused with -o {target}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("--force"), "{stderr}");
        assert_untouched(dir.path(), &texts);
        assert_eq!(names_in(dir.path()), before, "nothing written");
    }
}

#[test]
fn a_report_is_never_written_over_its_own_draft() {
    let (dir, texts) = drafts_dir();
    let output = claimcheck_in(
        dir.path(),
        &[
            "check",
            "iraq-briefing.md",
            "--format",
            "markdown",
            "-o",
            "iraq-briefing.md",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("never written over a draft"), "{stderr}");
    assert_untouched(dir.path(), &texts);
}

#[test]
fn with_force_reports_go_beside_drafts_and_replace_none_of_them() {
    let (dir, texts) = drafts_dir();
    let path = dir.path().to_str().unwrap();
    let output = claimcheck_in(
        dir.path(),
        &[
            "check",
            path,
            "--format",
            "markdown",
            "-o",
            ".",
            "--force",
            "--fail-on",
            "never",
        ],
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_untouched(dir.path(), &texts);
    let report = std::fs::read_to_string(dir.path().join("iraq-briefing-2.md")).unwrap();
    assert!(report.starts_with("# claimcheck report"), "{report}");
    assert!(dir.path().join("index.html").is_file());
}

#[test]
fn a_batch_directory_is_rewritten_by_the_next_run_and_says_which_run_it_is() {
    let (drafts, _) = drafts_dir();
    let out = tempfile::tempdir().unwrap();
    let reports = out.path().join("reports");
    let args = [
        "check",
        drafts.path().to_str().unwrap(),
        "--format",
        "markdown",
        "-o",
        reports.to_str().unwrap(),
        "--fail-on",
        "never",
    ];
    std::fs::create_dir(&reports).unwrap();
    // What a run killed half-way leaves: a staged batch and a half-written report.
    std::fs::create_dir(reports.join(".claimcheck-a1b2c3.tmp")).unwrap();
    std::fs::write(reports.join(".claimcheck-a1b2c3.tmp/x.md"), "half").unwrap();
    std::fs::write(reports.join(".claimcheck-d4e5f6.tmp"), "half").unwrap();
    for _ in 0..2 {
        let output = claimcheck_in(out.path(), &args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        // The earlier run's reports are its own, not drafts: replaced, not renamed.
        assert_eq!(
            names_in(&reports),
            [
                ".claimcheck-batch.json",
                "contradicted.md",
                "index.html",
                "iraq-briefing.md",
                "report.json"
            ]
        );
    }
    let index = std::fs::read_to_string(reports.join("index.html")).unwrap();
    assert!(index.contains("Written 2"), "the index dates its run");
}

#[cfg(unix)]
#[test]
fn a_link_as_output_is_kept_and_its_target_gets_the_report() {
    let (dir, _) = drafts_dir();
    let target = dir.path().join("target.json");
    std::fs::write(&target, "old").unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("link.json")).unwrap();
    let output = claimcheck_in(
        dir.path(),
        &[
            "check",
            "iraq-briefing.md",
            "--format",
            "json",
            "-o",
            "link.json",
        ],
    );
    assert_eq!(output.status.code(), Some(0));
    let link = std::fs::symlink_metadata(dir.path().join("link.json")).unwrap();
    assert!(link.is_symlink(), "the link is still a link");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(report["schema_version"], 1);
}

#[cfg(unix)]
#[test]
fn a_pipe_as_output_is_written_through_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let (dir, _) = drafts_dir();
    let fifo = dir.path().join("out.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let output = claimcheck_in(
        dir.path(),
        &[
            "check",
            "iraq-briefing.md",
            "--format",
            "json",
            "-o",
            fifo.to_str().unwrap(),
        ],
    );
    // The reader waits for a writer; a run that replaced the pipe never opened it.
    if !std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo()
    {
        panic!("the pipe was replaced by a file");
    }
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&reader.join().unwrap()).unwrap();
    assert_eq!(report["schema_version"], 1);
}
