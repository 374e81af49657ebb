//! A draft open in the editor: its text as the editor has it, checked through the
//! same pipeline as `claimcheck check`, and what the last check found (for hover).

use super::base::LoadedBase;
use super::diagnostics;
use super::position::{PositionEncoding, PositionMap};
use super::uri::draft_path;
use crate::check::{CheckedDocument, check_document};
use crate::document::{Document, DocumentError, Format};
use chrono::NaiveDate;
use lsp_types::{Diagnostic, TextDocumentContentChangeEvent, Uri};
use std::path::PathBuf;

/// The publication date of a draft whose front matter gives none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FallbackDate {
    /// Given on the command line (`claimcheck lsp --as-of`).
    Given(NaiveDate),
    /// The day of the check, by the computer's clock.
    Today,
}

/// Where a check's publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateSource {
    FrontMatter,
    CommandLine,
    Today,
}

/// What a check gives the editor.
#[derive(Debug, Default)]
pub struct CheckOutcome {
    pub diagnostics: Vec<Diagnostic>,
    /// For the log: the date the draft is read as of, when it is new.
    pub date_note: Option<String>,
    /// For the user: the check itself failed.
    pub failure: Option<String>,
}

pub struct OpenDraft {
    pub version: i32,
    pub text: String,
    path: PathBuf,
    format: Format,
    /// The last check of `text`; none before one, or when it failed.
    pub checked: Option<CheckedDocument>,
    /// The date last told in the log, and where it came from.
    date_told: Option<(NaiveDate, DateSource)>,
}

impl OpenDraft {
    /// A draft as the editor opened it. Its format follows the editor's language
    /// (`markdown`), else the file name's extension.
    pub fn new(uri: &Uri, language_id: &str, version: i32, text: String) -> Self {
        let path = draft_path(uri);
        let format = if language_id.eq_ignore_ascii_case("markdown") {
            Format::Markdown
        } else {
            Format::of(&path)
        };
        OpenDraft {
            version,
            text,
            path,
            format,
            checked: None,
            date_told: None,
        }
    }

    /// Applies the editor's changes in order: a change with a range replaces that
    /// range, one without replaces the whole text.
    pub fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: PositionEncoding,
    ) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let positions = PositionMap::new(&self.text, encoding);
                    let start = positions.offset(range.start);
                    let end = positions.offset(range.end).max(start);
                    self.text.replace_range(start..end, &change.text);
                }
                None => self.text = change.text,
            }
        }
        self.version = version;
        self.checked = None;
    }

    /// Checks the text. The publication date is the front matter's `date:`, else
    /// `fallback`.
    pub fn check(
        &mut self,
        loaded: &LoadedBase,
        fallback: FallbackDate,
        encoding: PositionEncoding,
    ) -> CheckOutcome {
        self.checked = None;
        let document = match Document::from_text_as(&self.path, self.text.clone(), self.format) {
            Ok(document) => document,
            // A draft the editor has just opened is often empty: nothing to say.
            Err(DocumentError::Empty { .. }) => return CheckOutcome::default(),
            Err(error) => {
                return CheckOutcome {
                    diagnostics: vec![diagnostics::unreadable(error.to_string())],
                    ..CheckOutcome::default()
                };
            }
        };
        let (as_of, source) = match (document.front_matter_date, fallback) {
            (Some(date), _) => (date, DateSource::FrontMatter),
            (None, FallbackDate::Given(date)) => (date, DateSource::CommandLine),
            (None, FallbackDate::Today) => (chrono::Local::now().date_naive(), DateSource::Today),
        };
        let date_note = (self.date_told != Some((as_of, source))).then(|| {
            self.date_told = Some((as_of, source));
            self.date_note(as_of, source)
        });
        // A fault in the pipeline costs this check, not the editor's server.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            check_document(document, Some(as_of), &loaded.rules, &loaded.base)
        }));
        match result {
            Ok(Ok(checked)) => {
                let positions = PositionMap::new(&checked.text, encoding);
                let diagnostics = diagnostics::of_document(&checked, &positions);
                self.checked = Some(checked);
                CheckOutcome {
                    diagnostics,
                    date_note,
                    failure: None,
                }
            }
            Ok(Err(error)) => CheckOutcome {
                diagnostics: vec![diagnostics::unreadable(error.to_string())],
                date_note,
                failure: None,
            },
            Err(_) => CheckOutcome {
                diagnostics: Vec::new(),
                date_note,
                failure: Some(format!(
                    "claimcheck failed on {} (a bug: please report it with the draft)",
                    self.path.display()
                )),
            },
        }
    }

    fn date_note(&self, as_of: NaiveDate, source: DateSource) -> String {
        let path = self.path.display();
        match source {
            DateSource::FrontMatter => {
                format!("{path}: read as of {as_of}, the `date:` of its front matter")
            }
            DateSource::CommandLine => format!(
                "{path}: no `date:` in its front matter; read as of {as_of}, given with --as-of"
            ),
            DateSource::Today => format!(
                "{path}: no `date:` in its front matter and no --as-of; read as of today, {as_of}"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};
    use std::str::FromStr;

    fn draft(text: &str) -> OpenDraft {
        let uri = Uri::from_str("file:///drafts/note.txt").unwrap();
        OpenDraft::new(&uri, "plaintext", 1, text.to_string())
    }

    #[test]
    fn a_ranged_change_replaces_its_range_counted_in_utf16() {
        let mut open = draft("Café 🚀 five rockets\nend");
        let change = |range: Option<Range>, text: &str| TextDocumentContentChangeEvent {
            range,
            range_length: None,
            text: text.to_string(),
        };
        let five = Range::new(Position::new(0, 8), Position::new(0, 12));
        open.apply(
            2,
            vec![change(Some(five), "three")],
            PositionEncoding::Utf16,
        );
        assert_eq!(open.text, "Café 🚀 three rockets\nend");
        open.apply(
            3,
            vec![
                change(None, "new"),
                change(
                    Some(Range::new(Position::new(0, 3), Position::new(0, 3))),
                    "s",
                ),
            ],
            PositionEncoding::Utf16,
        );
        assert_eq!(open.text, "news");
        assert_eq!(open.version, 3);
    }

    #[test]
    fn the_editors_language_decides_the_format_before_the_file_name() {
        let uri = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(
            OpenDraft::new(&uri, "markdown", 1, String::new()).format,
            Format::Markdown
        );
        assert_eq!(
            OpenDraft::new(&uri, "plaintext", 1, String::new()).format,
            Format::PlainText
        );
        assert_eq!(draft("").format, Format::PlainText);
    }
}
