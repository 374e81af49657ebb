//! Reading a fact file record by record, once it failed as a whole. serde stops at
//! a file's first error; a contributor wants every broken record of the file at
//! once, and the records that do read still linted. Each record is read from the
//! file's own text with every other line left blank, so line and column numbers
//! are those of the file.

use super::schema::{EntityRecord, FactFile, FactRecord, ImportSource, SeriesRecord};
use crate::yaml::{self, YamlError};
use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde_saphyr::Spanned;
use std::path::Path;

/// Where each record of a file starts; read with the file's own top-level keys, so
/// an error outside every record fails here too.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordStarts {
    #[serde(default)]
    entities: Vec<Spanned<IgnoredAny>>,
    #[serde(default)]
    series: Vec<Spanned<IgnoredAny>>,
    #[serde(default)]
    facts: Vec<Spanned<IgnoredAny>>,
    #[serde(default, rename = "imported-from")]
    imported_from: Option<ImportSource>,
}

/// What reading a file record by record gave.
pub struct RecordReading {
    /// The records that read.
    pub file: FactFile,
    /// The error of each record that did not.
    pub errors: Vec<YamlError>,
    /// Whether every entity read, so references to entities can still be checked.
    pub all_entities_read: bool,
}

/// Reads each record of a file on its own; `None` when the file cannot be split
/// into records (its error is outside them, or two records share a line), so only
/// the whole file's error can be given.
pub fn read_by_record(path: &Path, text: &str) -> Option<RecordReading> {
    let starts: RecordStarts = yaml::parse(path, text, 0).ok()?;
    let lines: Vec<&str> = text.lines().collect();
    let mut first_lines: Vec<usize> = [&starts.entities, &starts.series, &starts.facts]
        .into_iter()
        .flatten()
        .map(|record| record.referenced.line() as usize)
        .collect();
    first_lines.sort_unstable();
    if first_lines.windows(2).any(|pair| pair[0] == pair[1]) {
        return None;
    }
    let reader = RecordReader {
        path,
        lines: &lines,
        first_lines: &first_lines,
    };
    let mut errors = Vec::new();
    let entities = reader.read_all::<EntityRecord>(&starts.entities, &mut errors)?;
    let all_entities_read = errors.is_empty();
    let file = FactFile {
        entities,
        series: reader.read_all::<SeriesRecord>(&starts.series, &mut errors)?,
        facts: reader.read_all::<FactRecord>(&starts.facts, &mut errors)?,
        imported_from: starts.imported_from,
    };
    Some(RecordReading {
        file,
        errors,
        all_entities_read,
    })
}

struct RecordReader<'a> {
    path: &'a Path,
    lines: &'a [&'a str],
    /// The first line (from 1) of every record of the file, sorted.
    first_lines: &'a [usize],
}

impl RecordReader<'_> {
    /// Every record of one list that reads; the errors of those that do not.
    fn read_all<T: DeserializeOwned>(
        &self,
        records: &[Spanned<IgnoredAny>],
        errors: &mut Vec<YamlError>,
    ) -> Option<Vec<T>> {
        let mut read = Vec::with_capacity(records.len());
        for record in records {
            let text = self.record_text(record)?;
            match yaml::parse::<T>(self.path, &text, 0) {
                Ok(value) => read.push(value),
                Err(error) => errors.push(error),
            }
        }
        Some(read)
    }

    /// The file's text with only this record's lines kept, its list dash turned
    /// into a space so the record reads as a mapping of its own.
    fn record_text(&self, record: &Spanned<IgnoredAny>) -> Option<String> {
        let first = record.referenced.line() as usize;
        let column = record.referenced.column() as usize;
        let last = self.last_line(first);
        let mut text = "\n".repeat(first.checked_sub(1)?);
        let opening = self.lines.get(first - 1)?;
        text.push_str(&without_dash(opening, column)?);
        for line in self.lines.get(first..last)? {
            text.push('\n');
            text.push_str(line);
        }
        text.push('\n');
        Some(text)
    }

    /// The last line (from 1) of the record that starts on `first`: the line before
    /// the next record or the next top-level key, or the file's last line.
    fn last_line(&self, first: usize) -> usize {
        let next_record = self
            .first_lines
            .iter()
            .find(|&&line| line > first)
            .map_or(self.lines.len(), |&line| line - 1);
        let next_key = self
            .lines
            .iter()
            .enumerate()
            .skip(first)
            .find(|(_, line)| starts_top_level_key(line))
            .map_or(self.lines.len(), |(index, _)| index);
        next_record.min(next_key)
    }
}

/// Whether a line begins a new top-level entry: text in the first column that is
/// neither a comment nor a list item.
fn starts_top_level_key(line: &str) -> bool {
    line.chars()
        .next()
        .is_some_and(|c| !c.is_whitespace() && c != '#' && c != '-')
}

/// The record's first line with the `- ` that makes it a list item blanked: the
/// last dash before `column` (from 1), with nothing but spaces before it.
fn without_dash(line: &str, column: usize) -> Option<String> {
    let before: String = line.chars().take(column).collect();
    let dash = before.rfind('-')?;
    if !line[..dash].chars().all(char::is_whitespace) {
        return None;
    }
    let mut kept = line.to_string();
    kept.replace_range(dash..dash + 1, " ");
    Some(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FACTS: &str = "\
facts:
  - id: first
    subject: someone
    property: born
    colour: red
  # the next fact is fine
  - id: second
    subject: someone
    property: died
  - id: third
    subject: someone
    property: born
    shade: blue
series: []
";

    #[test]
    fn each_broken_record_is_reported_and_the_others_kept() {
        let RecordReading {
            file,
            errors,
            all_entities_read,
        } = read_by_record(Path::new("f.yaml"), FACTS).unwrap();
        assert!(all_entities_read);
        let ids: Vec<&str> = file.facts.iter().map(|f| f.id.value.as_str()).collect();
        assert_eq!(ids, ["second"]);
        let at: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(at, [(5, 5), (13, 5)]);
        assert!(errors[1].message.contains("`shade`"), "{}", errors[1]);
    }

    #[test]
    fn records_sharing_a_line_are_not_split() {
        let text = "facts: [{id: a, colour: red}, {id: b, shade: blue}]\n";
        assert!(read_by_record(Path::new("f.yaml"), text).is_none());
    }

    #[test]
    fn a_dash_is_blanked_only_at_the_start_of_the_line() {
        assert_eq!(without_dash("  - id: a", 5).as_deref(), Some("    id: a"));
        assert_eq!(without_dash("-   id: a", 5).as_deref(), Some("    id: a"));
        assert_eq!(without_dash("x - id: a", 5), None);
    }
}
