//! What the mention stage saw, for `claimcheck extract --mentions`: one record per
//! mention with its kind, normalised value and precision (see "Mentions JSON" in
//! the README).

use crate::dates::Precision;
use crate::factbase::FactBase;
use crate::mentions::{Mention, MentionValue, TallyForm};
use crate::span::Span;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Value, json};
use std::fmt::Write;
use std::path::Path;

#[derive(Debug, Serialize)]
pub struct MentionRecord {
    pub span: Span,
    pub text: String,
    pub kind: &'static str,
    pub value: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision: Option<Precision>,
    /// Kind-specific extras: `vague` for "dozens", `tolerance` for a hedge, `name`
    /// and `score` for an entity.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, Value>,
}

/// The record of one mention of `text`; `base` names the entities.
pub fn record(mention: &Mention, text: &str, base: Option<&FactBase>) -> MentionRecord {
    let mut extra = serde_json::Map::new();
    let (value, precision) = match &mention.value {
        MentionValue::Date(date) => {
            if let Some(anchor) = date.anchor {
                extra.insert("anchor".into(), json!(anchor));
            }
            if let Some(weekday) = date.weekday {
                extra.insert("weekday".into(), json!(weekday_name(weekday)));
            }
            if date.weekday_mismatch {
                extra.insert("weekday_mismatch".into(), json!(true));
            }
            (json!(date.range.to_string()), Some(date.range.precision))
        }
        MentionValue::Duration(duration) => (json!(duration.iso()), None),
        MentionValue::Number { value, vague, unit } => {
            if *vague {
                extra.insert("vague".into(), json!(true));
            }
            if let Some(unit) = unit {
                extra.insert("unit".into(), json!(unit));
            }
            (number(*value), None)
        }
        MentionValue::Percent(value) => (number(*value), None),
        MentionValue::Ordinal(value) => (json!(value), None),
        MentionValue::Age(years) => (json!(years), None),
        MentionValue::NumberRange { least, most, unit } => {
            extra.insert("to".into(), number(*most));
            if let Some(unit) = unit {
                extra.insert("unit".into(), json!(unit));
            }
            (number(*least), None)
        }
        MentionValue::DurationRange(range) => {
            extra.insert("to".into(), json!(range.most.iso()));
            if range.vague {
                extra.insert("vague".into(), json!(true));
            }
            (json!(range.least.iso()), None)
        }
        MentionValue::Tally(tally) => {
            extra.insert("first".into(), number(tally.first));
            extra.insert("second".into(), number(tally.second));
            extra.insert("form".into(), json!(tally.form.name()));
            if let Some(unit) = &tally.unit {
                extra.insert("unit".into(), json!(unit));
            }
            let value = match tally.form {
                TallyForm::Versus => format!("{}-{}", tally.first, tally.second),
                TallyForm::OutOf => format!("{} of {}", tally.first, tally.second),
            };
            (json!(value), None)
        }
        MentionValue::Hedge(tolerance) => {
            extra.insert("tolerance".into(), json!(tolerance));
            (json!(tolerance.name()), None)
        }
        MentionValue::Entity { entity, score } => {
            let found = base.and_then(|b| b.entities.get(*entity));
            extra.insert("name".into(), json!(found.map(|e| e.name.as_str())));
            extra.insert("score".into(), json!((score * 1000.0).round() / 1000.0));
            (json!(found.map(|e| e.id.as_str())), None)
        }
    };
    MentionRecord {
        span: mention.span,
        text: mention.span.get(text).unwrap_or("").to_string(),
        kind: mention.value.kind(),
        value,
        precision,
        extra,
    }
}

fn weekday_name(weekday: chrono::Weekday) -> &'static str {
    match weekday {
        chrono::Weekday::Mon => "monday",
        chrono::Weekday::Tue => "tuesday",
        chrono::Weekday::Wed => "wednesday",
        chrono::Weekday::Thu => "thursday",
        chrono::Weekday::Fri => "friday",
        chrono::Weekday::Sat => "saturday",
        chrono::Weekday::Sun => "sunday",
    }
}

/// Whole numbers print without a fraction ("3", not "3.0").
fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9e15 {
        json!(value as i64)
    } else {
        json!(value)
    }
}

/// One document's mentions, ready to print.
pub struct MentionsDocument<'a> {
    pub path: &'a Path,
    pub as_of: Option<NaiveDate>,
    pub records: Vec<MentionRecord>,
}

pub fn json(documents: &[MentionsDocument]) -> String {
    let documents: Vec<Value> = documents
        .iter()
        .map(|d| {
            json!({
                "path": d.path.display().to_string(),
                "as_of": d.as_of.map(|date| date.to_string()),
                "mentions": d.records,
            })
        })
        .collect();
    let mut out =
        serde_json::to_string_pretty(&json!({"schema_version": 1, "documents": documents}))
            .unwrap_or_default();
    out.push('\n');
    out
}

pub fn text(documents: &[MentionsDocument]) -> String {
    let mut out = String::new();
    for document in documents {
        let as_of = document
            .as_of
            .map_or("no as-of date".to_string(), |d| format!("as of {d}"));
        let _ = writeln!(out, "{} ({as_of})", document.path.display());
        for record in &document.records {
            let precision = record
                .precision
                .map(|p| format!(" ({p})"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {}..{}  {:<9} {:<28} {}{precision}",
                record.span.start,
                record.span.end,
                record.kind,
                format!("“{}”", record.text.replace('\n', " ")),
                record.value
            );
        }
    }
    out
}
