//! The command line's contract: exit codes, --fail-on, the as-of date and where it
//! comes from, directories walked, output written whole.

mod common;

use common::{claimcheck, draft, json_report, write_draft};

fn code(args: &[&str]) -> Option<i32> {
    claimcheck(args).status.code()
}

#[test]
fn exit_status_follows_fail_on() {
    let good = draft("iraq-briefing.md");
    let bad = draft("contradicted.md");
    let (good, bad) = (good.to_str().unwrap(), bad.to_str().unwrap());
    assert_eq!(code(&["check", good]), Some(0));
    assert_eq!(
        code(&["check", bad]),
        Some(1),
        "contradicted fails by default"
    );
    assert_eq!(code(&["check", bad, "--fail-on", "never"]), Some(0));
    // The wrong briefing has an unverified count: it reaches --fail-on unverified.
    assert_eq!(code(&["check", bad, "--fail-on", "unverified"]), Some(1));
    // The correct one has an order it cannot place, but nothing imprecise or worse.
    assert_eq!(code(&["check", good, "--fail-on", "imprecise"]), Some(0));
    assert_eq!(code(&["check", good, "--fail-on", "unverified"]), Some(1));
}

#[test]
fn bad_usage_and_bad_input_exit_with_two() {
    assert_eq!(code(&["check"]), Some(2));
    assert_eq!(code(&["check", "no-such-draft.md"]), Some(2));
    assert_eq!(
        code(&[
            "check",
            draft("iraq-briefing.md").to_str().unwrap(),
            "--as-of",
            "9 April"
        ]),
        Some(2)
    );
    assert_eq!(
        code(&[
            "check",
            draft("iraq-briefing.md").to_str().unwrap(),
            "--format",
            "pdf"
        ]),
        Some(2)
    );
    let dir = tempfile::tempdir().unwrap();
    let empty = write_draft(&dir, "empty.txt", "");
    assert_eq!(code(&["check", empty.to_str().unwrap()]), Some(2));
    let binary = dir.path().join("binary.txt");
    std::fs::write(&binary, b"On Monday\0\x01\x02").unwrap();
    assert_eq!(code(&["check", binary.to_str().unwrap()]), Some(2));
}

#[test]
fn a_relative_date_without_an_as_of_date_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_draft(
        &dir,
        "draft.txt",
        "Quiet start.\nThe strike came on Monday.\n",
    );
    let output = claimcheck(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("draft.txt:2:20: “Monday” is relative"),
        "{stderr}"
    );
    assert!(stderr.contains("--as-of"), "{stderr}");
}

#[test]
fn a_draft_without_relative_dates_needs_no_as_of_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_draft(
        &dir,
        "draft.txt",
        "A drone strike killed Qasem Soleimani on January 3, 2020.\n",
    );
    let report = json_report(&path, &[]);
    assert_eq!(report["documents"][0]["as_of"], serde_json::Value::Null);
    assert_eq!(common::verdict_of(&report, "January 3, 2020"), "supported");
}

#[test]
fn as_of_overrides_the_front_matter() {
    // The front matter says 2020-04-09, so "Monday" is 2020-04-06; a week later it is not.
    let report = json_report(&draft("iraq-briefing.md"), &["--as-of", "2020-04-16"]);
    let monday = common::claim(&report, "Monday");
    assert_eq!(monday["normalized"]["date"], "2020-04-13");
    assert_eq!(monday["verdict"], "contradicted");
}

/// The resolved value of each relative date in `text` as of `as_of`.
fn resolved(as_of: &str, text: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let path = write_draft(&dir, "draft.txt", text);
    let report = json_report(&path, &["--as-of", as_of]);
    common::claims(&report)
        .iter()
        .map(|c| {
            (
                c["text"].as_str().unwrap().to_string(),
                c["normalized"]["date"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn relative_dates_resolve_across_week_and_year_boundaries() {
    // 2021-01-03 is a Sunday, the last day of its week and three days into the year.
    let got = resolved(
        "2021-01-03",
        "Last week the talks stalled. Last year was hard. On Monday the talks resumed. \
         On Sunday they ended. Earlier this week a deal was close. This week it was done. \
         In December the vote came. On January 3 the vote came.",
    );
    let want = [
        ("Last week", "2020-12-21"),
        ("Last year", "2020"),
        ("Monday", "2020-12-28"),
        ("Sunday", "2021-01-03"),
        ("Earlier this week", "2020-12-28/2021-01-02"),
        ("This week", "2020-12-28"),
        ("December", "2020-12"),
        ("January 3", "2021-01-03"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn future_wording_points_a_date_forward() {
    let got = resolved(
        "2020-04-09",
        "The summit will be held in June. The summit was held in June. Talks will resume on Monday.",
    );
    assert_eq!(
        got,
        [
            ("June", "2020-06"),
            ("June", "2019-06"),
            ("Monday", "2020-04-13")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
}

#[test]
fn directories_are_walked_for_drafts() {
    let report = json_report(&common::root().join("tests/drafts"), &[]);
    let paths: Vec<&str> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.iter().any(|p| p.ends_with("iraq-briefing.md")),
        "{paths:?}"
    );
    assert!(
        paths.iter().any(|p| p.ends_with("contradicted.md")),
        "{paths:?}"
    );
}

#[test]
fn output_file_is_written_whole_and_nothing_else_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    let output = claimcheck(&[
        "check",
        draft("iraq-briefing.md").to_str().unwrap(),
        "--format",
        "json",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
    let written: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(written["schema_version"], 1);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("report.json")]);
}

#[test]
fn colour_is_off_when_output_is_not_a_terminal() {
    let output = claimcheck(&["check", draft("contradicted.md").to_str().unwrap()]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("CONTRADICTED"));
    assert!(!stdout.contains('\x1b'), "no escape codes in a pipe");
}

#[test]
fn a_directory_output_gets_one_report_per_draft_an_index_and_a_combined_json() {
    let drafts = tempfile::tempdir().unwrap();
    // Two drafts with the same name in different directories, and one more.
    let briefing = std::fs::read_to_string(draft("iraq-briefing.md")).unwrap();
    let wrong = std::fs::read_to_string(draft("contradicted.md")).unwrap();
    for (name, text) in [
        ("a/briefing.md", &briefing),
        ("b/briefing.md", &wrong),
        ("c/index.md", &briefing),
    ] {
        let path = drafts.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let target = format!("{}/reports/", out.path().display());
    let output = html_reports(drafts.path(), &target);
    assert_eq!(output.status.code(), Some(1), "a draft has contradictions");
    assert!(output.stdout.is_empty());

    let dir = out.path().join("reports");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ".claimcheck-batch.json",
            "briefing-2.html",
            "briefing.html",
            "index-2.html",
            "index.html",
            "report.json"
        ]
    );
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    for (href, draft) in [
        ("briefing.html", "a/briefing.md"),
        ("briefing-2.html", "b/briefing.md"),
        ("index-2.html", "c/index.md"),
    ] {
        assert!(index.contains(&format!(r#"<a href="{href}">"#)), "{index}");
        let report = std::fs::read_to_string(dir.join(href)).unwrap();
        // minijinja writes `/` as `&#x2f;` in HTML.
        let shown = draft.replace('/', "&#x2f;");
        assert!(report.contains(&shown), "{href} is the report of {draft}");
    }

    // The combined JSON is the JSON report of the same run, drafts in walk order,
    // however the parallel checks finished.
    let combined: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(combined, json_report(drafts.path(), &[]));
    assert_eq!(combined["documents"].as_array().unwrap().len(), 3);
}

#[test]
fn the_index_lists_the_worst_draft_first_and_a_failed_draft_with_its_error() {
    let drafts = tempfile::tempdir().unwrap();
    // Names in the reverse of the order the index must give.
    for (name, text) in [
        (
            "a-clean.md",
            std::fs::read_to_string(draft("iraq-briefing.md")).unwrap(),
        ),
        (
            "b-some-wrong.md",
            std::fs::read_to_string(draft("markup.md")).unwrap(),
        ),
        (
            "c-most-wrong.md",
            std::fs::read_to_string(draft("contradicted.md")).unwrap(),
        ),
        // A relative date and no date to read it by: this draft cannot be checked.
        (
            "d-undated.md",
            "Rockets hit the camp last Tuesday.\n".to_string(),
        ),
    ] {
        std::fs::write(drafts.path().join(name), text).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let target = format!("{}/", out.path().display());
    let output = html_reports(drafts.path(), &target);
    assert_eq!(
        output.status.code(),
        Some(2),
        "a draft could not be checked"
    );
    let index = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    let at = |name: &str| {
        index
            .find(name)
            .unwrap_or_else(|| panic!("{name} is listed: {index}"))
    };
    assert!(at("d-undated.md") < at("c-most-wrong.md"));
    assert!(at("c-most-wrong.md") < at("b-some-wrong.md"));
    assert!(at("b-some-wrong.md") < at("a-clean.md"));
    // The failed draft's row says why, as the error on standard error does.
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("d-undated.md:1:"), "{stderr}");
    assert!(index.contains(r#"<tr class="failed">"#), "{index}");
    assert!(
        index.contains("is relative to the publication date, and none is given"),
        "{index}"
    );
    assert!(index.contains("1 draft could not be checked"));
    // Every report links back to the index; no report is written for the failed draft.
    for name in ["a-clean.html", "b-some-wrong.html", "c-most-wrong.html"] {
        let report = std::fs::read_to_string(out.path().join(name)).unwrap();
        assert!(
            report.contains(r#"<nav class="back"><a href="index.html">"#),
            "{name} links back"
        );
    }
    assert!(!out.path().join("d-undated.html").exists());
    // A report on its own has no index to link back to.
    let alone = claimcheck(&[
        "check",
        draft("iraq-briefing.md").to_str().unwrap(),
        "--format",
        "html",
    ]);
    assert!(!String::from_utf8_lossy(&alone.stdout).contains(r#"class="back""#));
}

#[test]
fn a_directory_output_takes_the_format_of_each_report() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("md");
    std::fs::create_dir(&target).unwrap();
    let output = claimcheck(&[
        "check",
        draft("iraq-briefing.md").to_str().unwrap(),
        "--format",
        "markdown",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let report = std::fs::read_to_string(target.join("iraq-briefing.md")).unwrap();
    assert!(report.starts_with("# claimcheck report"), "{report}");
    assert!(target.join("index.html").is_file());
    assert!(target.join("report.json").is_file());
}

#[test]
fn slashed_dates_follow_the_rules_order_of_day_and_month() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    for entry in std::fs::read_dir(common::root().join("rules")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), rules.join(entry.file_name())).unwrap();
    }
    let draft = write_draft(&dir, "draft.txt", "The accord was signed on 3/8/2020.\n");
    let date_with = |rules: &std::path::Path| {
        let output = claimcheck(&[
            "extract",
            "--mentions",
            draft.to_str().unwrap(),
            "--rules",
            rules.to_str().unwrap(),
            "--format",
            "json",
        ]);
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        report["documents"][0]["mentions"][0]["value"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(date_with(&rules), "2020-03-08");
    let context = rules.join("context.yaml");
    let text = std::fs::read_to_string(&context)
        .unwrap()
        .replace("numeric-dates: month-first", "numeric-dates: day-first");
    std::fs::write(&context, text).unwrap();
    assert_eq!(date_with(&rules), "2020-08-03");
}

/// `check` on a directory of drafts, writing HTML reports under `target` (a
/// directory, ending in a slash).
fn html_reports(drafts: &std::path::Path, target: &str) -> std::process::Output {
    claimcheck(&[
        "check",
        drafts.to_str().unwrap(),
        "--format",
        "html",
        "-o",
        target,
    ])
}
