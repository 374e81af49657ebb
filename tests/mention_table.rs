//! The mention examples table (`tests/mentions/examples.tsv`) is the mention
//! stage's specification: each row marks one span of a sentence with ⟦ ⟧ and says
//! what must be read there (or, for `none`, that nothing may be); `\n` in a row is a
//! line break. One test runs every row and lists every row that fails.

use claimcheck::document::Document;
use claimcheck::mentions;
use claimcheck::report::mentions::record;
use claimcheck::rules::Rules;
use claimcheck::segment::Segmented;
use claimcheck::span::Span;
use serde_json::Value;
use std::path::Path;

const QUANTITY_KINDS: &[&str] = &[
    "date", "duration", "number", "percent", "ordinal", "age", "tally", "hedge",
];

struct Row {
    line: usize,
    as_of: chrono::NaiveDate,
    kind: String,
    value: String,
    precision: String,
    text: String,
    span: Span,
}

fn rows() -> Vec<Row> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mentions/examples.tsv");
    let table = std::fs::read_to_string(&path).expect("the examples table exists");
    let mut rows = Vec::new();
    for (index, line) in table.lines().enumerate().skip(1) {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            fields.len(),
            5,
            "line {}: five tab-separated fields",
            index + 1
        );
        // "\n" in a row stands for a line break ("\n\n" starts a new paragraph).
        let marked = fields[4].replace("\\n", "\n");
        let open = marked
            .find('⟦')
            .unwrap_or_else(|| panic!("line {}: no ⟦", index + 1));
        let close = marked
            .find('⟧')
            .unwrap_or_else(|| panic!("line {}: no ⟧", index + 1));
        let text = marked.replacen('⟦', "", 1).replacen('⟧', "", 1);
        let span = Span::new(open, close - '⟦'.len_utf8());
        rows.push(Row {
            line: index + 1,
            as_of: fields[0]
                .parse()
                .unwrap_or_else(|_| panic!("line {}: as_of", index + 1)),
            kind: fields[1].to_string(),
            value: fields[2].to_string(),
            precision: fields[3].to_string(),
            text,
            span,
        });
    }
    rows
}

/// A mention as its JSON record shows it.
struct Seen {
    span: Span,
    kind: String,
    text: String,
    value: Value,
    precision: Option<String>,
    fields: serde_json::Map<String, Value>,
}

fn read(rules: &Rules, row: &Row) -> Vec<Seen> {
    let document =
        Document::from_text(Path::new("row.txt"), row.text.clone()).expect("a row is a draft");
    let segmented = Segmented::new(&document, rules);
    let found = mentions::extract(&segmented, rules, Some(row.as_of), None).expect("as-of given");
    found
        .iter()
        .map(|m| {
            let json = serde_json::to_value(record(m, &document.text, None)).expect("JSON");
            let Value::Object(mut fields) = json else {
                panic!("a record is an object: {json}");
            };
            let mut take = |name: &str| fields.remove(name).unwrap_or(Value::Null);
            let span = take("span");
            let at = |k: &str| span[k].as_u64().expect("span offsets") as usize;
            Seen {
                span: Span::new(at("start"), at("end")),
                kind: take("kind").as_str().unwrap_or_default().to_string(),
                text: take("text").as_str().unwrap_or_default().to_string(),
                value: take("value"),
                precision: take("precision").as_str().map(str::to_string),
                fields,
            }
        })
        .collect()
}

/// Whether a record's value is the table's: numbers to three decimals, "vague:N"
/// for a vague amount, text otherwise; then any number of "; field=value" for the
/// record's other fields ("4; unit=pound"), a span given as the text it covers
/// ("anchor=March 3").
fn value_matches(expected: &str, record: &Seen, text: &str) -> bool {
    let mut fields = expected.split(';').map(str::trim);
    let expected = fields.next().unwrap_or_default();
    let fields_match = fields.all(|field| {
        let (name, want) = field.split_once('=').unwrap_or((field, ""));
        record
            .fields
            .get(name)
            .is_some_and(|got| field_text(got, text) == want)
    });
    let vague = record
        .fields
        .get("vague")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let (want, want_vague) = match expected.strip_prefix("vague:") {
        Some(rest) => (rest, true),
        None => (expected, false),
    };
    if vague != want_vague || !fields_match {
        return false;
    }
    match (&record.value, want.parse::<f64>()) {
        (Value::Number(got), Ok(want)) => got.as_f64().is_some_and(|g| (g - want).abs() < 1e-3),
        (Value::String(got), _) => got == want,
        _ => false,
    }
}

/// A record's field as the table writes it: a span as the text it covers.
fn field_text(value: &Value, text: &str) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Object(span) => {
            let at = |k: &str| span.get(k).and_then(Value::as_u64).unwrap_or(0) as usize;
            text.get(at("start")..at("end"))
                .unwrap_or_default()
                .to_string()
        }
        other => other.to_string(),
    }
}

fn check(row: &Row, got: &[Seen]) -> Result<(), String> {
    if row.kind == "none" {
        let wrong: Vec<&Seen> = got
            .iter()
            .filter(|m| QUANTITY_KINDS.contains(&m.kind.as_str()) && m.span.overlaps(row.span))
            .collect();
        return match wrong.is_empty() {
            true => Ok(()),
            false => Err(format!("expected no mention, got {}", describe(&wrong))),
        };
    }
    let at_span: Vec<&Seen> = got
        .iter()
        .filter(|m| m.span == row.span && m.kind == row.kind)
        .collect();
    let Some(found) = at_span.first() else {
        let near: Vec<&Seen> = got.iter().filter(|m| m.span.overlaps(row.span)).collect();
        return Err(format!(
            "expected {} {}, got {}",
            row.kind,
            row.value,
            describe(&near)
        ));
    };
    let precision = found.precision.clone().unwrap_or_else(|| "-".to_string());
    if !value_matches(&row.value, found, &row.text) || precision != row.precision {
        return Err(format!(
            "expected {} {} ({}), got {} ({precision})",
            row.kind, row.value, row.precision, found.value
        ));
    }
    Ok(())
}

fn describe(records: &[&Seen]) -> String {
    if records.is_empty() {
        return "nothing".into();
    }
    let parts: Vec<String> = records
        .iter()
        .map(|m| {
            let precision = m
                .precision
                .as_ref()
                .map(|p| format!(" ({p})"))
                .unwrap_or_default();
            format!("{} “{}” {}{precision}", m.kind, m.text, m.value)
        })
        .collect();
    parts.join(", ")
}

#[test]
fn every_row_of_the_examples_table_reads_as_marked() {
    let rules =
        Rules::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")).expect("rules load");
    let rows = rows();
    assert!(
        rows.len() >= 1500,
        "the table has {} rows, fewer than 1,500",
        rows.len()
    );
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|row| {
            check(row, &read(&rules, row))
                .err()
                .map(|why| format!("line {} [{}] {}: {why}", row.line, row.as_of, row.text))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} rows fail:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}
