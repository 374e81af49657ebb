//! What the reports promise: JSON spans that slice the original file to each
//! claim's text, and HTML in which no draft or fact text can become markup.

mod common;

use common::{claimcheck, claims, draft, fixture, json_report, write_draft};

#[test]
fn json_spans_slice_the_original_bytes_to_the_claim_text() {
    let dir = tempfile::tempdir().unwrap();
    // Multi-byte characters and Markdown syntax before the claims shift byte
    // offsets away from character offsets.
    let text = "---\ndate: 2020-04-09\n---\n# Über “news” — *Iraq*\n\n> Qasem Soleimani — né à Qom — was killed in a **drone strike** on January 3.\n\nLast week, [Trump](https://example.org) warned of a “sneak attack”.\n";
    let path = write_draft(&dir, "draft.md", text);
    for report in [
        json_report(&path, &[]),
        json_report(&draft("iraq-briefing.md"), &[]),
    ] {
        let source = std::fs::read(report["documents"][0]["path"].as_str().unwrap()).unwrap();
        let found = claims(&report);
        assert!(!found.is_empty());
        for claim in found {
            let (start, end) = (
                claim["span"]["start"].as_u64().unwrap() as usize,
                claim["span"]["end"].as_u64().unwrap() as usize,
            );
            let slice =
                std::str::from_utf8(&source[start..end]).expect("span on character boundaries");
            assert_eq!(slice, claim["text"].as_str().unwrap());
        }
    }
    let report = json_report(&path, &[]);
    let claim = common::claim(&report, "January 3");
    assert_eq!(claim["verdict"], "supported");
    // Line and column count characters from 1.
    assert_eq!(
        (claim["line"].as_u64(), claim["column"].as_u64()),
        (Some(6), Some(68))
    );
    assert_eq!(common::verdict_of(&report, "Last week"), "supported");
}

#[test]
fn json_report_has_the_documented_shape() {
    let report = json_report(&draft("iraq-briefing.md"), &[]);
    assert_eq!(report["schema_version"], 1);
    assert_eq!(report["tool"]["name"], "claimcheck");
    let document = &report["documents"][0];
    assert_eq!(document["as_of"], "2020-04-09");
    for key in [
        "supported",
        "imprecise",
        "outdated",
        "contradicted",
        "unverified",
    ] {
        assert!(document["summary"][key].is_u64(), "summary.{key}");
    }
    let claim = common::claim(&report, "January 3");
    for key in [
        "id",
        "kind",
        "text",
        "span",
        "line",
        "column",
        "normalized",
        "verdict",
        "explanation",
        "evidence",
    ] {
        assert!(!claim[key].is_null(), "claim.{key}");
    }
    assert_eq!(claim["normalized"]["date"], "2020-01-03");
    assert_eq!(claim["normalized"]["precision"], "day");
    let evidence = &claim["evidence"][0];
    assert_eq!(evidence["file"], "claims/soleimani-strike.yaml");
    assert!(evidence["line"].as_u64().unwrap() > 0);
}

#[test]
fn html_escapes_hostile_text_from_the_draft_and_the_fact_base() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_draft(
        &dir,
        "draft.txt",
        "<script>alert('draft')</script> The \"rocket\" launch & <b>test</b> took place on March 2, 2020.\n",
    );
    let hostile_db = fixture("hostile-claims");
    let output = claimcheck(&[
        "check",
        path.to_str().unwrap(),
        "--db",
        hostile_db.to_str().unwrap(),
        "--format",
        "html",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let html = String::from_utf8(output.stdout).unwrap();
    // The only tags are the template's own.
    assert!(!html.contains("<script"), "a script tag got through");
    assert!(!html.contains("<img"), "an img tag got through");
    assert!(!html.contains("<b>"), "draft markup got through");
    assert!(html.contains("&lt;script&gt;alert("));
    assert!(html.contains("&lt;img src=x onerror=alert("));
    // The claim is highlighted as supported, and the fact's hostile name is escaped.
    assert!(html.contains(r#"<mark class="v-supported""#), "{html}");
    assert!(html.contains("Launch of &lt;script&gt;"));
    // Attribute values cannot be broken out of.
    assert!(!html.contains(r#"href="https://example.org/?q="><"#));
}

#[test]
fn html_report_is_one_self_contained_page() {
    let output = claimcheck(&[
        "check",
        draft("iraq-briefing.md").to_str().unwrap(),
        "--format",
        "html",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let html = String::from_utf8(output.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(
        html.matches("<mark ").count(),
        9,
        "each claim highlighted once"
    );
    assert!(
        !html.contains("<link") && !html.contains(" src="),
        "no external resources"
    );
    // minijinja escapes "/" too; a browser reads &#x2f; in an attribute as "/".
    assert!(
        html.contains(r#"<a href="https:&#x2f;&#x2f;cyprus-mail.com&#x2f;"#),
        "sources are linked"
    );
}
