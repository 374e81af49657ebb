//! What the reports promise: JSON spans that slice the original file to each
//! claim's text; HTML and Markdown in which no draft or fact text can become
//! markup; SARIF that the official 2.1.0 schema accepts; ClaimReview JSON-LD with
//! one review per claim on the stated scale; an example report that is current.

mod common;

use common::{claimcheck, claims, draft, fixture, json_report, write_draft};
use serde_json::Value;

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
    // The only tags are the template's own: one script, its own.
    assert_eq!(
        html.matches("<script").count(),
        1,
        "a script tag got through"
    );
    assert!(!html.contains("<img"), "an img tag got through");
    assert!(!html.contains("<b>"), "draft markup got through");
    assert!(html.contains("&lt;script&gt;alert("));
    assert!(html.contains("&lt;img src=x onerror=alert("));
    // The claim is highlighted as supported, and the fact's hostile name is escaped.
    assert!(
        html.contains(r#"<mark class="claim v-supported""#),
        "{html}"
    );
    assert!(html.contains("Launch of &lt;script&gt;"));
    // Attribute values cannot be broken out of.
    assert!(!html.contains(r#"href="https://example.org/?q="><"#));
}

#[test]
fn html_renders_markdown_without_letting_its_links_or_markup_through() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_draft(
        &dir,
        "draft.md",
        "---\ntitle: <script>alert('title')</script>\ndate: 2020-04-09\n---\n# The *launch*\n\n\
         The rocket [launch](javascript:alert(1)) took place on [March 2, 2020](https://example.org/\"><script>x</script>).\n\n\
         <img src=x onerror=alert(2)> and <javascript:alert(3)> and ![a picture](https://example.org/p.png \"t\").\n\n\
         [ref]: javascript:alert(4)\n\nA [reference][ref] link.\n",
    );
    let hostile_db = fixture("hostile-claims");
    let html = report_in("html", &path, &["--db", hostile_db.to_str().unwrap()]);
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert!(
        !html.contains("<img") && !html.contains("src=\""),
        "nothing is loaded"
    );
    assert!(
        !html.to_ascii_lowercase().contains("href=\"javascript"),
        "{html}"
    );
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
    // The title is the page's, escaped.
    assert!(
        html.contains("<h1 id=\"d1-title\">&lt;script&gt;alert("),
        "{html}"
    );
    // Markdown is rendered, and the claim inside a link is still marked.
    assert!(
        html.contains("<h3 class=\"draft-h1\">The <em>launch</em></h3>"),
        "{html}"
    );
    assert!(
        html.contains(r#"<mark class="claim v-supported""#),
        "{html}"
    );
    assert!(html.contains(r#"class="link-after""#), "{html}");
}

#[test]
fn html_says_what_each_claim_was_read_as_in_words_not_ids() {
    for name in [
        "contradicted.md",
        "uk-autumn-2022-wrong.md",
        "ecb-presidents-wrong.md",
        "webb-first-images-wrong.md",
    ] {
        let html = report_in("html", &draft(name), &[]);
        let report = json_report(&draft(name), &[]);
        let read_as: Vec<&str> = html
            .split(r#"<dl class="values">"#)
            .skip(1)
            .map(|rest| rest.split("</dl>").next().unwrap())
            .collect();
        assert_eq!(read_as.len(), claims(&report).len(), "{name}");
        for shown in &read_as {
            assert!(!shown.contains('_'), "a value's key shown: {shown}");
            assert!(!shown.contains(".0 ") && !shown.contains(".0<"), "{shown}");
        }
        // No id the fact base has a name for is shown as the id.
        for claim in claims(&report) {
            for key in [
                "fact",
                "reference_fact",
                "person",
                "office",
                "event",
                "speaker",
            ] {
                if let Some(id) = claim["normalized"][key].as_str() {
                    assert!(
                        !read_as.iter().any(|shown| shown.contains(id)),
                        "{name}: {key} {id} shown as its id"
                    );
                }
            }
        }
    }
    let html = report_in("html", &draft("contradicted.md"), &[]);
    assert!(html.contains("<dt>Stated</dt><dd>exactly 4 rockets</dd>"));
    assert!(html.contains("<dt>In the fact base</dt><dd>3 rockets (Burjesia rocket attack)</dd>"));
    assert!(html.contains("<dt>Stated</dt><dd>the week 2020-04-06 to 2020-04-12</dd>"));
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
    // Each claim has one card and one label in the draft that links to it.
    let claims = claims(&json_report(&draft("iraq-briefing.md"), &[])).len();
    assert!(claims > 5);
    for number in 1..=claims {
        let card = format!("d1-c{number}");
        assert_eq!(
            html.matches(&format!(r#"id="{card}""#)).count(),
            1,
            "{card}"
        );
        assert_eq!(
            html.matches(&format!(r##"class="tag" href="#{card}""##))
                .count(),
            1,
            "{card} labelled once in the draft"
        );
    }
    assert!(html.contains("<mark class=\"claim "));
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

/// The report of `path` in `format`, run from the repository root.
fn report_in(format: &str, path: &std::path::Path, extra: &[&str]) -> String {
    let mut args = vec![
        "check",
        path.to_str().expect("UTF-8 path"),
        "--format",
        format,
        "--fail-on",
        "never",
    ];
    args.extend_from_slice(extra);
    let output = claimcheck(&args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 report")
}

/// The draft as the bundled tests name it, relative to the repository root, so
/// that reports show the same path wherever the repository is.
fn relative_draft(name: &str) -> std::path::PathBuf {
    std::path::Path::new("tests/drafts").join(name)
}

#[test]
fn markdown_lists_contradicted_claims_first_with_their_sources() {
    let path = relative_draft("contradicted.md");
    let markdown = report_in("markdown", &path, &[]);
    let report = json_report(&draft("contradicted.md"), &[]);
    let all = claims(&report);
    let rows: Vec<&str> = markdown
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Verdict"))
        .collect();
    assert_eq!(rows.len(), all.len(), "one row per claim:\n{markdown}");
    // Worst first: once a row is not contradicted, none after it is.
    let contradicted = all
        .iter()
        .filter(|c| c["verdict"] == "contradicted")
        .count();
    assert!(contradicted > 0 && contradicted < all.len());
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row.contains("contradicted"), i < contradicted, "{row}");
    }
    let january = common::claim(&report, "January 5");
    let row = rows
        .iter()
        .find(|r| r.contains("“January 5”"))
        .expect("a row for January 5");
    assert!(row.contains(&format!("{}:{}", january["line"], january["column"])));
    let url = january["evidence"][0]["sources"][0]["url"]
        .as_str()
        .unwrap();
    assert!(row.contains(&format!("]({url})")), "{row}");
}

#[test]
fn markdown_escapes_hostile_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_draft(
        &dir,
        "draft.txt",
        "<b>look</b> | the rocket launch took place on March 2, 2020.\n",
    );
    let hostile_db = fixture("hostile-claims");
    let markdown = report_in("markdown", &path, &["--db", hostile_db.to_str().unwrap()]);
    // The only HTML is the report's own line breaks; every other `<` is escaped.
    let text = markdown.replace("<br>", "");
    for (at, _) in text.match_indices('<') {
        assert!(text[..at].ends_with('\\'), "unescaped < in {markdown}");
    }
    assert!(markdown.contains(r"\<script\>alert("), "{markdown}");
    assert!(
        !markdown.contains("\"><"),
        "a link target broke out: {markdown}"
    );
    // Every row keeps five cells: no pipe from the text splits one.
    for row in markdown.lines().filter(|l| l.starts_with("| ")) {
        let cells = row.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 6, "{row}");
    }
}

/// The official SARIF 2.1.0 schema (see tests/sarif/README.md for where it is from).
fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(include_str!("sarif/sarif-schema-2.1.0.json"))
        .expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn schema_errors(validator: &jsonschema::Validator, log: &Value) -> Vec<String> {
    validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn sarif_is_valid_and_has_one_result_per_unsupported_claim() {
    let validator = sarif_validator();
    let path = relative_draft("contradicted.md");
    let sarif: Value = serde_json::from_str(&report_in("sarif", &path, &[])).unwrap();
    assert_eq!(schema_errors(&validator, &sarif), Vec::<String>::new());

    let report = json_report(&draft("contradicted.md"), &[]);
    let unsupported: Vec<&Value> = claims(&report)
        .into_iter()
        .filter(|c| c["verdict"] != "supported")
        .collect();
    let run = &sarif["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), unsupported.len());
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for (result, claim) in results.iter().zip(&unsupported) {
        assert_eq!(result["ruleId"], claim["kind"]);
        let rule_index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[rule_index]["id"], claim["kind"]);
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(
            location["artifactLocation"]["uri"],
            "tests/drafts/contradicted.md"
        );
        assert_eq!(location["region"]["startLine"], claim["line"]);
        assert_eq!(location["region"]["startColumn"], claim["column"]);
        assert_eq!(location["region"]["snippet"]["text"], claim["text"]);
        let level = match claim["verdict"].as_str().unwrap() {
            "contradicted" => "error",
            "outdated" | "imprecise" => "warning",
            _ => "note",
        };
        assert_eq!(result["level"], level, "{result:#}");
    }

    // The validator does reject what is not SARIF.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!schema_errors(&validator, &broken).is_empty());
}

#[test]
fn sarif_of_a_draft_with_every_claim_supported_has_no_results() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::write_draft(
        &dir,
        "supported.md",
        "---\ndate: 2020-04-09\n---\nA drone strike killed Qasem Soleimani on January 3.\n\nOn Monday, three Katyusha rockets hit the Burjesia camp near Basra.\n",
    );
    let sarif: Value = serde_json::from_str(&report_in("sarif", &path, &[])).unwrap();
    assert_eq!(
        schema_errors(&sarif_validator(), &sarif),
        Vec::<String>::new()
    );
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
    let report = json_report(&path, &[]);
    assert_eq!(
        report["documents"][0]["summary"]["supported"], 3,
        "{report:#}"
    );
}

#[test]
fn claim_review_has_one_review_per_claim_on_the_stated_scale() {
    let path = draft("contradicted.md");
    let reviews: Value = serde_json::from_str(&report_in(
        "claimreview",
        &path,
        &["--review-url", "https://example.org/checks/briefing"],
    ))
    .unwrap();
    let report = json_report(&path, &[]);
    let all = claims(&report);
    let reviews = reviews.as_array().expect("an array of reviews");
    assert_eq!(reviews.len(), all.len());
    for (review, claim) in reviews.iter().zip(&all) {
        assert_eq!(review["@context"], "https://schema.org");
        assert_eq!(review["@type"], "ClaimReview");
        assert_eq!(
            review["url"],
            format!(
                "https://example.org/checks/briefing#{}",
                claim["id"].as_str().unwrap()
            )
        );
        // The review quotes the claim's sentence on one line.
        let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let reviewed = review["claimReviewed"].as_str().unwrap();
        assert!(
            reviewed.contains(&one_line(claim["text"].as_str().unwrap())),
            "{reviewed}"
        );
        assert_eq!(review["datePublished"], "2020-04-09");
        assert_eq!(review["itemReviewed"]["@type"], "Claim");
        let rating = &review["reviewRating"];
        assert_eq!(rating["@type"], "Rating");
        assert_eq!(
            (
                rating["worstRating"].as_u64(),
                rating["bestRating"].as_u64()
            ),
            (Some(1), Some(5))
        );
        let verdict = claim["verdict"].as_str().unwrap();
        assert_eq!(
            rating["alternateName"].as_str().unwrap().to_lowercase(),
            verdict
        );
        // The scale in the README: supported 5, imprecise 4, outdated 2,
        // contradicted 1, unverified without a value.
        let expected = match verdict {
            "supported" => Some(5),
            "imprecise" => Some(4),
            "outdated" => Some(2),
            "contradicted" => Some(1),
            _ => None,
        };
        assert_eq!(rating["ratingValue"].as_u64(), expected, "{rating:#}");
        assert_eq!(rating["ratingExplanation"], claim["explanation"]);
        let cited: Vec<&Value> = review["citation"]
            .as_array()
            .map(|c| c.iter().map(|w| &w["url"]).collect())
            .unwrap_or_default();
        let sources: Vec<&Value> = claim["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| e["sources"].as_array().unwrap())
            .map(|s| &s["url"])
            .collect();
        assert_eq!(cited, sources);
    }
    assert!(
        reviews
            .iter()
            .any(|r| r["reviewRating"]["alternateName"] == "Contradicted")
    );
}

#[test]
fn claim_review_urls_are_fragments_without_a_review_url() {
    let reviews: Value =
        serde_json::from_str(&report_in("claimreview", &draft("iraq-briefing.md"), &[])).unwrap();
    let first = &reviews[0];
    assert!(first["url"].as_str().unwrap().starts_with('#'), "{first:#}");
}

/// The example report in `reports/`, made from a bundled draft.
const EXAMPLE_REPORT: &str = "reports/example.html";
const EXAMPLE_DRAFT: &str = "tests/drafts/contradicted.md";

#[test]
fn the_example_report_is_up_to_date() {
    let current = report_in("html", std::path::Path::new(EXAMPLE_DRAFT), &[]);
    let committed =
        std::fs::read_to_string(common::root().join(EXAMPLE_REPORT)).unwrap_or_default();
    assert!(
        committed == current,
        "{EXAMPLE_REPORT} is out of date; regenerate it with\n  cargo run -- check {EXAMPLE_DRAFT} --format html --fail-on never -o {EXAMPLE_REPORT}"
    );
}

#[test]
fn claim_review_cannot_close_the_script_element_it_is_embedded_in() {
    let dir = tempfile::tempdir().unwrap();
    let sentence =
        "The rocket launch </script><script>alert(8)</script> took place on March 2, 2020.";
    let path = write_draft(&dir, "draft.txt", &format!("{sentence}\n"));
    let hostile_db = fixture("hostile-claims");
    let output = report_in(
        "claimreview",
        &path,
        &["--db", hostile_db.to_str().unwrap()],
    );
    assert!(!output.contains('<') && !output.contains('>'), "{output}");
    let reviews: Value = serde_json::from_str(&output).expect("still JSON");
    let reviews = reviews.as_array().unwrap();
    assert!(!reviews.is_empty());
    // Read back, the text is the draft's own.
    assert!(
        reviews.iter().any(|r| r["claimReviewed"] == sentence),
        "{output}"
    );
    assert!(
        reviews
            .iter()
            .any(|r| r["reviewRating"]["ratingExplanation"]
                .as_str()
                .unwrap()
                .contains("<script>")),
        "the fact's hostile name is in an explanation: {output}"
    );
}

#[cfg(unix)]
#[test]
fn terminal_escapes_and_direction_overrides_are_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    // A file name is the draft's writer's to choose, and every report shows it.
    let path = write_draft(
        &dir,
        "draft\u{1b}[1A\u{1b}[2K\u{202e}txt.md",
        "The rocket launch took place on March 2, 2020.\n",
    );
    let hostile_db = fixture("hostile-claims");
    for format in ["text", "markdown", "html"] {
        let report = report_in(format, &path, &["--db", hostile_db.to_str().unwrap()]);
        assert!(!report.contains('\u{1b}'), "{format}: {report}");
        assert!(!report.contains('\u{202e}'), "{format}: {report}");
        assert!(
            report.contains(r"\u{202e}"),
            "{format} shows what was there"
        );
    }
}
