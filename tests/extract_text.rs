//! `claimcheck extract` as text: a line a claim or mention with its place, kind,
//! quoted words and what it reads as; JSON only when asked for.

mod common;

use common::claimcheck;

fn stdout_of(args: &[&str]) -> String {
    let output = claimcheck(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn claims_are_listed_as_lines_of_text() {
    let text = stdout_of(&["extract", "tests/drafts/contradicted.md"]);
    assert!(
        !text.trim_start().starts_with('{'),
        "JSON instead of text:\n{text}"
    );
    let line = text
        .lines()
        .find(|l| l.contains("“four Katyusha rockets”"))
        .unwrap_or_else(|| panic!("no line for the count:\n{text}"));
    assert!(line.contains("tests/drafts/contradicted.md:7:22"), "{line}");
    assert!(line.contains(" count "), "{line}");
    assert!(line.contains("number 4"), "{line}");
    let date = text
        .lines()
        .find(|l| l.contains("“January 5”"))
        .unwrap_or_else(|| panic!("no line for the date:\n{text}"));
    assert!(
        date.contains("event-date") && date.contains("2020-01-05"),
        "{date}"
    );
}

#[test]
fn claims_as_json_keep_their_fields() {
    let json = stdout_of(&[
        "extract",
        "tests/drafts/contradicted.md",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(report["schema_version"], 1);
    let document = &report["documents"][0];
    assert_eq!(document["as_of"], "2020-04-09");
    let claim = document["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| c["text"] == "four Katyusha rockets")
        .expect("the count");
    assert_eq!(claim["kind"], "count");
    assert_eq!(
        (claim["line"].as_u64(), claim["column"].as_u64()),
        (Some(7), Some(22))
    );
    let span = &claim["span"];
    assert!(span["end"].as_u64() > span["start"].as_u64(), "{claim}");
    assert!(claim.get("reading").is_none(), "{claim}");
}

#[test]
fn mentions_are_listed_with_file_line_and_column() {
    let text = stdout_of(&["extract", "--mentions", "tests/drafts/contradicted.md"]);
    let line = text
        .lines()
        .find(|l| l.contains("“January 5”"))
        .unwrap_or_else(|| panic!("no line for the date:\n{text}"));
    assert!(line.contains("tests/drafts/contradicted.md:13:"), "{line}");
    assert!(
        line.contains("date") && line.contains("2020-01-05") && line.contains("(day)"),
        "{line}"
    );
}
