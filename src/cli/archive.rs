//! `claimcheck check --jsonl`: archive mode, a map step for Spark's `RDD.pipe`,
//! Beam or GNU parallel. JSON lines `{"id", "text", "as_of"}` come in on standard
//! input; one JSON report line goes out for each, in the same order, flushed as it
//! is done. The rules and the fact base are loaded once, before the first line. A
//! line that cannot be read or checked gets an error line and the next goes on.

use super::CacheArgs;
use super::settings::Settings;
use crate::check::{CheckError, check_document};
use crate::document::{Document, Format};
use crate::factbase::FactBase;
use crate::report;
use crate::rules::Rules;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};
use std::path::Path;

/// A record's `id`, given back as it came.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
enum RecordId {
    Text(String),
    Number(serde_json::Number),
}

impl std::fmt::Display for RecordId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordId::Text(text) => write!(f, "{text}"),
            RecordId::Number(number) => write!(f, "{number}"),
        }
    }
}

/// What a line gives to check. Fields other than these (and `id`) are ignored,
/// so an archive's records can be piped in as they are.
#[derive(Deserialize)]
struct Record {
    text: String,
    #[serde(default)]
    as_of: Option<String>,
}

/// Reads every line of standard input and writes its report line; the exit status.
pub(crate) fn run(as_of: Option<NaiveDate>, settings: &Settings, cache: &CacheArgs) -> Result<u8> {
    let (rules, base) = settings.load_rules_and_base(cache)?;
    let mut input = std::io::stdin().lock();
    let mut out = std::io::stdout().lock();
    let mut bytes = Vec::new();
    for number in 1.. {
        bytes.clear();
        if input
            .read_until(b'\n', &mut bytes)
            .context("reading standard input")?
            == 0
        {
            break;
        }
        let line = bytes
            .strip_suffix(b"\n")
            .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
            .unwrap_or(&bytes);
        let report = answer(number, line, as_of, &rules, &base);
        out.write_all(report.as_bytes())
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush())
            .context("writing to standard output")?;
    }
    // As `check`: the process ends next, and the system takes the memory back at once.
    std::mem::forget(base);
    Ok(0)
}

/// The report line for input line `number`.
fn answer(
    number: u64,
    line: &[u8],
    as_of: Option<NaiveDate>,
    rules: &Rules,
    base: &FactBase,
) -> String {
    let (id, record) = read_record(line);
    let record = match record {
        Ok(record) => record,
        Err(message) => {
            return report::json_record(
                number,
                id.as_ref(),
                Err(&format!("line {number}: {message}")),
            );
        }
    };
    // The draft is named by its id in messages and in the report's `path`.
    let name = id
        .as_ref()
        .map_or_else(|| format!("line {number}"), RecordId::to_string);
    // A fault in one record's check costs that record, not the run.
    let checked = std::panic::catch_unwind(|| {
        Document::from_bytes_as(
            Path::new(&name),
            record.text.into_bytes(),
            Format::PlainText,
        )
        .map_err(|e| e.to_string())
        .and_then(|document| {
            check_document(document, record.as_of.or(as_of), rules, base).map_err(|e| match e {
                CheckError::NeedsAsOf { .. } => format!("{e}, or give the line an `as_of`"),
                CheckError::Document(_) => e.to_string(),
            })
        })
    })
    .unwrap_or_else(|_| {
        Err(format!(
            "{name}: claimcheck failed on this text (a bug: please report it with the text)"
        ))
    });
    match &checked {
        Ok(document) => report::json_record(number, id.as_ref(), Ok(document)),
        Err(message) => report::json_record(number, id.as_ref(), Err(message)),
    }
}

/// A record read from one line: its id when it has one that can be read, and
/// what to check, or why the line cannot be checked.
struct ReadRecord {
    text: String,
    as_of: Option<NaiveDate>,
}

fn read_record(line: &[u8]) -> (Option<RecordId>, Result<ReadRecord, String>) {
    let Ok(text) = std::str::from_utf8(line) else {
        return (None, Err("not UTF-8".into()));
    };
    let value = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) if value.is_object() => value,
        Ok(_) => return (None, Err("not a JSON object".into())),
        Err(e) => return (None, Err(format!("not JSON: {e}"))),
    };
    // The id is read apart from the rest, so that a line with a bad `text` or
    // `as_of` is still answered under its id.
    let id = match value.get("id") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(id)) => Some(RecordId::Text(id.clone())),
        Some(serde_json::Value::Number(id)) => Some(RecordId::Number(id.clone())),
        Some(_) => return (None, Err("`id` must be a string or a number".into())),
    };
    let record = Record::deserialize(&value)
        .map_err(|e| e.to_string())
        .and_then(|record| {
            let as_of = record
                .as_of
                .as_deref()
                .map(|date| {
                    super::parse_date(date).map_err(|message| format!("`as_of`: {message}"))
                })
                .transpose()?;
            Ok(ReadRecord {
                text: record.text,
                as_of,
            })
        });
    (id, record)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(line: &str) -> String {
        read_record(line.as_bytes()).1.err().unwrap_or_default()
    }

    #[test]
    fn a_line_is_read_with_its_id_or_refused_with_a_reason() {
        let (id, record) =
            read_record(br#"{"id": 7, "text": "Hi.", "as_of": "2020-04-09", "url": "x"}"#);
        assert_eq!(id.map(|i| i.to_string()).as_deref(), Some("7"));
        let record = record.unwrap();
        assert_eq!(
            (record.text.as_str(), record.as_of),
            ("Hi.", NaiveDate::from_ymd_opt(2020, 4, 9))
        );
        let (id, record) = read_record(br#"{"id": "a", "text": 5}"#);
        assert_eq!(id.map(|i| i.to_string()).as_deref(), Some("a"));
        assert!(record.err().unwrap_or_default().contains("invalid type"));
        assert!(error_of(r#"{"id": "a"}"#).contains("missing field `text`"));
        assert!(error_of(r#"{"text": "x", "as_of": "9 April"}"#).contains("`as_of`"));
        assert!(error_of(r#"{"id": [1], "text": "x"}"#).contains("`id` must be"));
        assert!(error_of(r#"["text"]"#).contains("not a JSON object"));
        assert!(error_of("{\"text\": \"x\"").contains("not JSON"));
        assert_eq!(
            read_record(b"\xff").1.err().unwrap_or_default(),
            "not UTF-8"
        );
    }
}
