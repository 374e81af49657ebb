//! Drafts and invocations a careless or hostile user might give: none crashes
//! the run, one bad draft costs only itself, and what looks odd is read as a
//! person would mean it or refused with a message that says what to do.

mod common;

use common::{claimcheck, json_report, write_draft};
use std::process::Stdio;

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn spans_of_time_past_the_calendar_are_checked_without_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        "Mustafa al-Kadhimi is the third person tapped to lead Iraq in 300000 years.",
        "Mustafa al-Kadhimi is the third person tapped to lead Iraq in just 99999999999 weeks.",
        "Rishi Sunak became Britain's third prime minister in 9999999999999999 days.",
    ];
    for (n, text) in texts.iter().enumerate() {
        let path = write_draft(&dir, &format!("d{n}.md"), text);
        let output = claimcheck(&[
            "check",
            path.to_str().unwrap(),
            "--as-of",
            "2022-10-26",
            "--fail-on",
            "never",
        ]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{text}: {}",
            stderr_of(&output)
        );
    }
}

#[test]
fn one_bad_draft_in_a_batch_costs_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    write_draft(
        &dir,
        "a-good.md",
        "Rishi Sunak became prime minister on October 25, 2022.",
    );
    write_draft(
        &dir,
        "b-far.md",
        "Mustafa al-Kadhimi is the third person tapped to lead Iraq in 300000 years.",
    );
    std::fs::write(dir.path().join("c-binary.txt"), b"\0\0\0").unwrap();
    let out = tempfile::tempdir().unwrap();
    let target = format!("{}/", out.path().join("reports").display());
    let output = claimcheck(&[
        "check",
        dir.path().to_str().unwrap(),
        "--as-of",
        "2022-10-26",
        "--format",
        "json",
        "-o",
        &target,
        "--fail-on",
        "never",
    ]);
    assert_eq!(output.status.code(), Some(2), "a draft failed");
    assert!(stderr_of(&output).contains("c-binary.txt"));
    let combined: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("reports/report.json")).unwrap())
            .unwrap();
    assert_eq!(combined["documents"].as_array().unwrap().len(), 2);
}

/// Runs `args` with standard output a pipe whose reader has gone.
fn with_reader_gone(args: &[&str]) -> std::process::Output {
    let mut child = common::command()
        .args(args)
        .current_dir(common::root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn a_reader_that_stops_early_ends_the_run_quietly() {
    let draft = common::draft("iraq-briefing.md");
    for args in [
        vec!["db", "stats"],
        vec!["db", "schema"],
        vec!["extract", "--mentions", draft.to_str().unwrap()],
        vec!["check", draft.to_str().unwrap()],
    ] {
        let output = with_reader_gone(&args);
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_byte_order_mark_does_not_hide_the_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_draft(
        &dir,
        "bom.md",
        "\u{feff}---\ndate: 2020-04-09\n---\nOfficials said the strike came last week.\n",
    );
    let report = json_report(&path, &[]);
    assert_eq!(report["documents"][0]["as_of"], "2020-04-09");
    // With --as-of, the front matter must still not be read as prose.
    let report = json_report(&path, &["--as-of", "2020-04-09"]);
    for claim in common::claims(&report) {
        assert!(claim["line"].as_u64().unwrap() > 3, "{claim}");
    }
}

#[test]
fn a_utf16_draft_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let text = "The strike came on January 3, 2020.";
    for (name, bytes) in [
        (
            "le.txt",
            [0xFF, 0xFE]
                .into_iter()
                .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                .collect::<Vec<u8>>(),
        ),
        (
            "be.txt",
            [0xFE, 0xFF]
                .into_iter()
                .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
                .collect(),
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let output = claimcheck(&["check", path.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2));
        let stderr = stderr_of(&output);
        assert!(stderr.contains("UTF-16"), "{stderr}");
        assert!(stderr.contains("convert it to UTF-8"), "{stderr}");
    }
}

#[test]
fn old_mac_line_endings_give_each_line_its_number() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_draft(
        &dir,
        "cr.txt",
        "A first line.\r\rQasem Soleimani was killed on January 3, 2020.\r",
    );
    let report = json_report(&path, &[]);
    let found = common::claims(&report);
    assert!(!found.is_empty());
    assert_eq!(found[0]["line"], 3, "{report:#}");
}

#[test]
fn front_matter_dates_must_be_whole_and_real() {
    let dir = tempfile::tempdir().unwrap();
    for value in [
        "2020-04-09T25:99:00Z",
        "2020-04-09 extra words",
        "2020-04-09T10:00:00Zjunk",
    ] {
        let path = write_draft(
            &dir,
            "d.md",
            &format!("---\ndate: {value}\n---\nThe strike came on January 3.\n"),
        );
        let output = claimcheck(&["check", path.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "`{value}` is refused");
        assert!(
            stderr_of(&output).contains("d.md:2:"),
            "{}",
            stderr_of(&output)
        );
    }
    for value in [
        "2020-04-09T10:00:00Z",
        "2020-04-09T10:00:00+02:00",
        "2020-04-09",
    ] {
        let path = write_draft(
            &dir,
            "d.md",
            &format!("---\ndate: {value}\n---\nThe strike came on January 3.\n"),
        );
        let report = json_report(&path, &[]);
        assert_eq!(report["documents"][0]["as_of"], "2020-04-09", "{value}");
    }
}

#[test]
fn a_bad_date_is_reported_on_its_own_line_not_a_nested_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_draft(
        &dir,
        "d.md",
        "---\nrevision:\n  date: 2020-01-01\ndate: April 9\n---\nText.\n",
    );
    let output = claimcheck(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("d.md:4:1:"),
        "{}",
        stderr_of(&output)
    );
}

#[cfg(unix)]
#[test]
fn linked_drafts_in_a_directory_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let real = write_draft(
        &elsewhere,
        "real.md",
        "Qasem Soleimani was killed on January 3, 2020.",
    );
    std::os::unix::fs::symlink(&real, dir.path().join("linked.md")).unwrap();
    let report = json_report(dir.path(), &[]);
    let paths: Vec<&str> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert!(paths.iter().any(|p| p.ends_with("linked.md")), "{paths:?}");
}

#[test]
fn standard_input_can_be_named_as_a_draft() {
    let output = common::claimcheck_with_input(
        &[
            "check",
            "/dev/stdin",
            "--format",
            "json",
            "--fail-on",
            "never",
        ],
        b"Qasem Soleimani was killed on January 3, 2020.\n",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(!common::claims(&report).is_empty());
}
