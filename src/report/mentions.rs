//! What the mention stage saw, for `claimcheck extract --mentions`: one record per
//! mention with its kind, normalised value and precision (see "Mentions JSON" in
//! the README). Records borrow from the draft and are written as they are made:
//! the JSON report is serialized straight from these types, a part of a draft at a
//! time.

use crate::dates::{DateRange, Precision};
use crate::factbase::FactBase;
use crate::mentions::{Mention, MentionValue, TallyForm};
use crate::rules::Tolerance;
use crate::span::{LineIndex, Span};
use chrono::{NaiveDate, Weekday};
use serde::Serialize;
use serde::ser::Serializer;
use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

/// One mention as the report writes it. Fields a kind does not have are left out.
#[derive(Debug, Serialize)]
pub struct MentionRecord<'a> {
    pub span: Span,
    pub text: &'a str,
    pub kind: &'static str,
    pub value: RecordValue<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision: Option<Precision>,
    /// The span of the date a date hangs on ("two days later").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Span>,
    /// The weekday written with a date ("Tuesday, March 3").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekday: Option<&'static str>,
    /// Set when that weekday fits no year near the date's.
    #[serde(skip_serializing_if = "is_false")]
    pub weekday_mismatch: bool,
    /// A vague amount ("dozens", "several months"): the value is the least it means.
    #[serde(skip_serializing_if = "is_false")]
    pub vague: bool,
    /// The other end of a range ("20-30", "three to five years").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<RecordValue<'a>>,
    /// The noun joined to a number ("pound" of "4-pound") or counted by a tally.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'a str>,
    /// A tally's two numbers and its form ("versus", "out-of").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first: Option<RecordValue<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub second: Option<RecordValue<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form: Option<&'static str>,
    /// A hedge's tolerance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<Tolerance>,
    /// An entity's name and how well it matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
}

fn is_false(flag: &bool) -> bool {
    !flag
}

impl<'a> MentionRecord<'a> {
    /// A record with none of the members a kind may leave out.
    fn new(span: Span, text: &'a str, kind: &'static str, value: RecordValue<'a>) -> Self {
        MentionRecord {
            span,
            text,
            kind,
            value,
            precision: None,
            anchor: None,
            weekday: None,
            weekday_mismatch: false,
            vague: false,
            to: None,
            unit: None,
            first: None,
            second: None,
            form: None,
            tolerance: None,
            name: None,
            score: None,
        }
    }

    /// Writes the record as its `Serialize` would in serde_json's pretty layout,
    /// `depth` levels deep, but lays the members out itself: a listing has a
    /// record for every few words of a draft, and serde's general path costs
    /// several times more. The fields and their order are the struct's.
    fn write_json(&self, out: &mut Vec<u8>, depth: usize) -> serde_json::Result<()> {
        let mut object = ObjectWriter::open(out, depth);
        object.span("span", self.span)?;
        object.member("text", &self.text)?;
        object.member("kind", &self.kind)?;
        object.member("value", &self.value)?;
        object.optional("precision", &self.precision)?;
        if let Some(anchor) = self.anchor {
            object.span("anchor", anchor)?;
        }
        object.optional("weekday", &self.weekday)?;
        object.flag("weekday_mismatch", self.weekday_mismatch)?;
        object.flag("vague", self.vague)?;
        object.optional("to", &self.to)?;
        object.optional("unit", &self.unit)?;
        object.optional("first", &self.first)?;
        object.optional("second", &self.second)?;
        object.optional("form", &self.form)?;
        object.optional("tolerance", &self.tolerance)?;
        object.optional("name", &self.name)?;
        object.optional("score", &self.score)?;
        object.close()
    }
}

/// A JSON object being written in serde_json's pretty layout, `depth` levels
/// deep: its members' keys and line breaks written directly, their values by
/// serde_json.
struct ObjectWriter<'o> {
    out: &'o mut Vec<u8>,
    depth: usize,
    has_member: bool,
}

impl<'o> ObjectWriter<'o> {
    fn open(out: &'o mut Vec<u8>, depth: usize) -> Self {
        out.push(b'{');
        ObjectWriter {
            out,
            depth,
            has_member: false,
        }
    }

    /// A member; `key` is a field's name, which needs no escaping.
    fn member(&mut self, key: &str, value: &impl Serialize) -> serde_json::Result<()> {
        self.key(key)?;
        let formatter = NestedPretty::at_depth(self.depth + 1);
        value.serialize(&mut serde_json::Serializer::with_formatter(
            &mut *self.out,
            formatter,
        ))
    }

    /// A span member, as `Span`'s `Serialize` writes it: every record has one.
    fn span(&mut self, key: &str, span: Span) -> serde_json::Result<()> {
        self.key(key)?;
        let mut inner = ObjectWriter::open(self.out, self.depth + 1);
        inner.whole_number("start", span.start)?;
        inner.whole_number("end", span.end)?;
        inner.close()
    }

    /// A member whose value is a whole number, written as serde_json writes one.
    fn whole_number(&mut self, key: &str, value: usize) -> serde_json::Result<()> {
        self.key(key)?;
        self.out
            .extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
        Ok(())
    }

    /// The start of a member, up to its value.
    fn key(&mut self, key: &str) -> serde_json::Result<()> {
        debug_assert!(key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
        // The comma, line break and indentation in one copy where they fit.
        let depth = self.depth + 1;
        let start = usize::from(!self.has_member);
        match SEPARATED.get(start..2 + depth * INDENT.len()) {
            Some(separated) => self.out.extend_from_slice(separated),
            None => {
                self.out.extend_from_slice(&SEPARATED[start..2]);
                indent(self.out, depth).map_err(serde_json::Error::io)?;
            }
        }
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\": ");
        self.has_member = true;
        Ok(())
    }

    /// A member left out when it has no value, as `skip_serializing_if` does.
    fn optional(&mut self, key: &str, value: &Option<impl Serialize>) -> serde_json::Result<()> {
        match value {
            Some(value) => self.member(key, value),
            None => Ok(()),
        }
    }

    /// A member left out when false.
    fn flag(&mut self, key: &str, value: bool) -> serde_json::Result<()> {
        match value {
            true => self.member(key, &true),
            false => Ok(()),
        }
    }

    fn close(self) -> serde_json::Result<()> {
        if self.has_member {
            self.out.push(b'\n');
            indent(self.out, self.depth).map_err(serde_json::Error::io)?;
        }
        self.out.push(b'}');
        Ok(())
    }
}

/// Writes the indentation of a line `depth` levels deep.
fn indent<W: ?Sized + io::Write>(writer: &mut W, depth: usize) -> io::Result<()> {
    match INDENTATION.get(..depth * INDENT.len()) {
        Some(indentation) => writer.write_all(indentation),
        None => (0..depth).try_for_each(|_| writer.write_all(INDENT)),
    }
}

/// A record's value: a number (whole numbers without a fraction), a date cut to
/// its precision, or text.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordValue<'a> {
    Number(f64),
    Date(DateRange),
    Text(Cow<'a, str>),
    Null,
}

impl Serialize for RecordValue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            RecordValue::Number(value) if value.fract() == 0.0 && value.abs() < 9e15 => {
                serializer.serialize_i64(*value as i64)
            }
            RecordValue::Number(value) => serializer.serialize_f64(*value),
            RecordValue::Date(range) => serializer.collect_str(range),
            RecordValue::Text(text) => serializer.serialize_str(text),
            RecordValue::Null => serializer.serialize_unit(),
        }
    }
}

impl std::fmt::Display for RecordValue<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordValue::Number(value) if value.fract() == 0.0 && value.abs() < 9e15 => {
                write!(f, "{}", *value as i64)
            }
            RecordValue::Number(value) => write!(f, "{value}"),
            RecordValue::Date(range) => write!(f, "\"{range}\""),
            RecordValue::Text(text) => write!(f, "\"{text}\""),
            RecordValue::Null => f.write_str("null"),
        }
    }
}

/// The record of one mention of `text`; `base` names the entities.
pub fn record<'a>(
    mention: &'a Mention,
    text: &'a str,
    base: Option<&'a FactBase>,
) -> MentionRecord<'a> {
    let mut record = MentionRecord::new(
        mention.span,
        mention.span.get(text).unwrap_or(""),
        mention.value.kind(),
        RecordValue::Null,
    );
    match &mention.value {
        MentionValue::Date(date) => {
            record.value = RecordValue::Date(date.range);
            record.precision = Some(date.range.precision);
            record.anchor = date.anchor;
            record.weekday = date.weekday.map(weekday_name);
            record.weekday_mismatch = date.weekday_mismatch;
        }
        MentionValue::Duration(duration) => record.value = RecordValue::Text(duration.iso().into()),
        MentionValue::DurationRange(range) => {
            record.value = RecordValue::Text(range.least.iso().into());
            record.to = Some(RecordValue::Text(range.most.iso().into()));
            record.vague = range.vague;
        }
        MentionValue::Number { value, vague, unit } => {
            record.value = RecordValue::Number(*value);
            record.vague = *vague;
            record.unit = unit.as_deref();
        }
        MentionValue::NumberRange { least, most, unit } => {
            record.value = RecordValue::Number(*least);
            record.to = Some(RecordValue::Number(*most));
            record.unit = unit.as_deref();
        }
        MentionValue::Percent(value) => record.value = RecordValue::Number(*value),
        MentionValue::Ordinal(value) => record.value = RecordValue::Number(*value as f64),
        MentionValue::Age(years) => record.value = RecordValue::Number(f64::from(*years)),
        MentionValue::Hedge(tolerance) => {
            record.value = RecordValue::Text(tolerance.name().into());
            record.tolerance = Some(*tolerance);
        }
        MentionValue::Entity { entity, score } => {
            let found = base.and_then(|b| b.entities.get(*entity));
            record.value = found.map_or(RecordValue::Null, |e| {
                RecordValue::Text(e.id.as_str().into())
            });
            record.name = found.map(|e| e.name.as_str());
            record.score = Some((score * 1000.0).round() / 1000.0);
        }
        MentionValue::Tally(tally) => {
            let written = match tally.form {
                TallyForm::Versus => format!("{}-{}", tally.first, tally.second),
                TallyForm::OutOf => format!("{} of {}", tally.first, tally.second),
            };
            record.value = RecordValue::Text(written.into());
            record.first = Some(RecordValue::Number(tally.first));
            record.second = Some(RecordValue::Number(tally.second));
            record.form = Some(tally.form.name());
            record.unit = tally.unit.as_deref();
        }
    }
    record
}

fn weekday_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

/// A draft whose mentions are listed: what the records of each of its parts need.
/// A long draft is read in parts, and each part's records are rendered on their
/// own (in parallel) and written in order.
pub struct MentionsDocument<'a> {
    pub path: &'a Path,
    pub as_of: Option<NaiveDate>,
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub base: Option<&'a FactBase>,
}

/// How deep a record sits in the JSON report: in a document of the "documents" list.
const RECORD_DEPTH: usize = 4;

impl MentionsDocument<'_> {
    /// The JSON records of some of the document's mentions, indented to sit in the
    /// report and separated by commas; `JsonReport::records` joins the parts.
    pub fn json_records(&self, mentions: &[Mention]) -> serde_json::Result<Vec<u8>> {
        // About the size a record takes, so the listing is seldom copied to grow.
        let mut out = Vec::with_capacity(mentions.len() * 256);
        for (n, mention) in mentions.iter().enumerate() {
            if n > 0 {
                out.extend_from_slice(b",\n");
            }
            indent(&mut out, RECORD_DEPTH).map_err(serde_json::Error::io)?;
            record(mention, self.text, self.base).write_json(&mut out, RECORD_DEPTH)?;
        }
        Ok(out)
    }

    /// The text lines of some of the document's mentions, one per mention.
    pub fn text_lines(&self, mentions: &[Mention]) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        let path = self.path.display().to_string();
        let path = super::visible(&path);
        for mention in mentions {
            let record = record(mention, self.text, self.base);
            let at = self.lines.locate(self.text, record.span.start);
            let words = record.text.split_whitespace().collect::<Vec<_>>().join(" ");
            writeln!(
                out,
                "  {path}:{}:{}  {:<9} {:<28} {}",
                at.line,
                at.column,
                record.kind,
                super::visible(&format!("“{words}”")),
                super::visible(&super::claims_found::value_of(&record))
            )?;
        }
        Ok(out)
    }

    /// The line that heads the document's mentions in the text listing.
    pub fn text_heading(&self) -> String {
        let as_of = self
            .as_of
            .map_or("no as-of date".to_string(), |d| format!("as of {d}"));
        let path = self.path.display().to_string();
        format!("{} ({as_of})\n", super::visible(&path))
    }
}

/// One level of indentation in the JSON report.
const INDENT: &[u8] = b"  ";
/// A comma and a line break, then enough indentation for any level a report
/// reaches: a member's start is written at once.
const SEPARATED: &[u8] = &{
    let mut separated = [b' '; 2 + 64];
    (separated[0], separated[1]) = (b',', b'\n');
    separated
};
/// The indentation alone.
const INDENTATION: &[u8] = SEPARATED.split_at(2).1;

/// `serde_json`'s pretty layout for a value that sits `depth` levels deep in a
/// larger document, so a record is written in place rather than indented after.
struct NestedPretty {
    depth: usize,
    /// Whether the array or object being written has a value yet.
    has_value: bool,
}

impl NestedPretty {
    fn at_depth(depth: usize) -> NestedPretty {
        NestedPretty {
            depth,
            has_value: false,
        }
    }

    fn new_line<W: ?Sized + io::Write>(&self, writer: &mut W, comma: bool) -> io::Result<()> {
        writer.write_all(if comma { b",\n" } else { b"\n" })?;
        indent(writer, self.depth)
    }

    fn open<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.new_line(writer, false)?;
        }
        writer.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for NestedPretty {
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.new_line(writer, !first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.new_line(writer, !first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// The JSON report, written as it is made so that no more than a part of a
/// document's mentions is held: `start`; for each document `begin_document`,
/// `records` for each part and `end_document`; then `finish`.
pub struct JsonReport<W: Write> {
    out: W,
    documents: usize,
    /// Whether the open document has a record yet.
    has_records: bool,
}

impl<W: Write> JsonReport<W> {
    /// A report that writes nothing until its first document begins or it
    /// finishes: a draft that fails at once leaves the output empty.
    pub fn start(out: W) -> io::Result<Self> {
        Ok(JsonReport {
            out,
            documents: 0,
            has_records: false,
        })
    }

    const HEAD: &[u8] = b"{\n  \"schema_version\": 1,\n  \"documents\": [";

    pub fn begin_document(&mut self, document: &MentionsDocument) -> io::Result<()> {
        let separator: &[u8] = if self.documents == 0 { b"\n" } else { b",\n" };
        if self.documents == 0 {
            self.out.write_all(Self::HEAD)?;
        }
        self.out.write_all(separator)?;
        let path = serde_json::to_string(&document.path.display().to_string())?;
        let as_of = serde_json::to_string(&document.as_of)?;
        write!(
            self.out,
            "    {{\n      \"path\": {path},\n      \"as_of\": {as_of},\n      \"mentions\": ["
        )?;
        self.has_records = false;
        Ok(())
    }

    /// One part's records, from `MentionsDocument::json_records`.
    pub fn records(&mut self, part: &[u8]) -> io::Result<()> {
        if part.is_empty() {
            return Ok(());
        }
        let separator: &[u8] = if self.has_records { b",\n" } else { b"\n" };
        self.out.write_all(separator)?;
        self.out.write_all(part)?;
        self.has_records = true;
        Ok(())
    }

    pub fn end_document(&mut self) -> io::Result<()> {
        let close: &[u8] = if self.has_records {
            b"\n      ]\n    }"
        } else {
            b"]\n    }"
        };
        self.out.write_all(close)?;
        self.documents += 1;
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<()> {
        let close: &[u8] = if self.documents == 0 {
            self.out.write_all(Self::HEAD)?;
            b"]\n}\n"
        } else {
            b"\n  ]\n}\n"
        };
        self.out.write_all(close)?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value written nested `depth` levels deep.
    fn nested(value: &serde_json::Value, depth: usize) -> String {
        let mut out = Vec::new();
        let formatter = NestedPretty::at_depth(depth);
        value
            .serialize(&mut serde_json::Serializer::with_formatter(
                &mut out, formatter,
            ))
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Every member a record may have, and none of those it may leave out.
    fn records() -> [MentionRecord<'static>; 2] {
        let span = Span::new(3, 9);
        let full = MentionRecord {
            precision: Some(Precision::Day),
            anchor: Some(Span::new(0, 2)),
            weekday: Some("monday"),
            weekday_mismatch: true,
            vague: true,
            to: Some(RecordValue::Number(2.5)),
            unit: Some("seat"),
            first: Some(RecordValue::Number(60.0)),
            second: Some(RecordValue::Null),
            form: Some("versus"),
            tolerance: Some(Tolerance::Around { fraction: 0.1 }),
            name: Some("Joe Biden"),
            score: Some(0.875),
            ..MentionRecord::new(
                span,
                "a \"quoted\"\nline",
                "tally",
                RecordValue::Text("60-59".into()),
            )
        };
        let bare = MentionRecord::new(span, "", "number", RecordValue::Number(7.0));
        [full, bare]
    }

    #[test]
    fn a_record_is_written_as_its_serialize_writes_it() {
        for record in records() {
            for depth in [0, RECORD_DEPTH] {
                let mut written = Vec::new();
                record.write_json(&mut written, depth).unwrap();
                let mut serialized = Vec::new();
                let formatter = NestedPretty::at_depth(depth);
                let mut serializer =
                    serde_json::Serializer::with_formatter(&mut serialized, formatter);
                record.serialize(&mut serializer).unwrap();
                assert_eq!(
                    String::from_utf8(written).unwrap(),
                    String::from_utf8(serialized).unwrap()
                );
            }
        }
    }

    #[test]
    fn nested_layout_is_serde_json_pretty_layout_shifted_right() {
        let value = serde_json::json!({
            "span": {"start": 1, "end": 5},
            "empty": [],
            "nothing": {},
            "list": [1, {"a": [true, null]}, "x\n\"y\""],
            "score": 0.5
        });
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        assert_eq!(nested(&value, 0), pretty);
        assert_eq!(nested(&value, 2), pretty.replace('\n', "\n    "));
    }
}
