//! The first stage: a draft file read into a `Document`. The original text is kept
//! byte for byte (every span points into it); beside it, `prose` has the same length
//! with everything that is not prose (front matter, Markdown syntax, code, HTML)
//! blanked out, so later stages read only sentences and still get original offsets.

use crate::span::{LineIndex, Span};
use crate::yaml::{self, YamlError};
use chrono::NaiveDate;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Deserialize;
use std::borrow::Cow;
use std::ops::Range;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: the file is empty")]
    Empty { path: String },
    #[error("{path}: {size} bytes is more than a draft may have ({LONGEST_DRAFT} bytes)")]
    TooLarge { path: String, size: usize },
    #[error("{path}: is UTF-16; convert it to UTF-8 (for example `iconv -f UTF-16 -t UTF-8`)")]
    Utf16 { path: String },
    #[error("{path}: looks like a binary file (NUL byte at offset {offset}), not a draft")]
    Binary { path: String, offset: usize },
    #[error(
        "{path}:{line}:{column}: not valid UTF-8 (byte offset {offset}); save the draft as UTF-8"
    )]
    NotUtf8 {
        path: String,
        line: usize,
        column: usize,
        offset: usize,
    },
    #[error("front matter: {0}")]
    FrontMatter(#[from] YamlError),
    #[error(
        "{path}:{line}:{column}: front matter `date: {value}` is not a date; write it as YYYY-MM-DD"
    )]
    FrontMatterDate {
        path: String,
        line: usize,
        column: usize,
        value: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    PlainText,
    Markdown,
}

impl Format {
    pub fn of(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
        {
            Some(ext) if matches!(ext.as_str(), "md" | "markdown" | "mdown" | "mkd") => {
                Format::Markdown
            }
            _ => Format::PlainText,
        }
    }
}

/// The most bytes a draft may have: offsets in it fit in 32 bits, which keeps
/// its tokens small (see `segment::Token`).
pub const LONGEST_DRAFT: usize = u32::MAX as usize;

/// A draft ready for the mention stage.
#[derive(Debug)]
pub struct Document {
    pub path: PathBuf,
    /// The file's text, unchanged.
    pub text: String,
    /// Same length as `text`: prose kept, everything else replaced by spaces
    /// (line breaks kept). `None` when that is the text itself (plain text with
    /// nothing to blank), which spares a copy of a long draft. See `prose()`.
    prose: Option<String>,
    /// Blocks of prose (paragraphs, headings, list items, table cells): a sentence
    /// never crosses from one to the next.
    pub blocks: Vec<Span>,
    /// The `date:` of the YAML front matter, if any.
    pub front_matter_date: Option<NaiveDate>,
    /// The `title:` of the YAML front matter, if it is text.
    pub title: Option<String>,
    pub lines: LineIndex,
}

#[derive(Deserialize)]
struct FrontMatter {
    date: Option<FrontMatterValue>,
    title: Option<FrontMatterTitle>,
}

/// A title is read if it is text or a number; any other YAML is let be, as
/// front matter may hold what other tools put there.
#[derive(Deserialize)]
#[serde(untagged)]
enum FrontMatterTitle {
    Text(String),
    Number(f64),
    Other(serde::de::IgnoredAny),
}

/// Options the Markdown parser reads a draft with, here and wherever the draft
/// is read again (the HTML report), so both see the same text at the same offsets.
pub const MARKDOWN_OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_FOOTNOTES);

/// Front matter may hold any YAML; `date` is read as text whatever its YAML type.
#[derive(Deserialize)]
#[serde(untagged)]
enum FrontMatterValue {
    Text(String),
    Number(i64),
}

impl Document {
    pub fn read(path: &Path) -> Result<Document, DocumentError> {
        let bytes = std::fs::read(path).map_err(|source| DocumentError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Document::from_bytes(path, bytes)
    }

    /// Builds a document from a file's bytes; the format follows the path's extension.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Document, DocumentError> {
        Document::from_bytes_as(path, bytes, Format::of(path))
    }

    /// Builds a document from bytes read as `format`; `path` only names it.
    pub fn from_bytes_as(
        path: &Path,
        bytes: Vec<u8>,
        format: Format,
    ) -> Result<Document, DocumentError> {
        let shown = path.display().to_string();
        if bytes.len() > LONGEST_DRAFT {
            return Err(DocumentError::TooLarge {
                path: shown,
                size: bytes.len(),
            });
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(DocumentError::Empty { path: shown });
        }
        if is_utf16(&bytes) {
            return Err(DocumentError::Utf16 { path: shown });
        }
        if let Some(offset) = memchr::memchr(0, &bytes) {
            return Err(DocumentError::Binary {
                path: shown,
                offset,
            });
        }
        let text = String::from_utf8(bytes).map_err(|error| {
            let offset = error.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&error.as_bytes()[..offset]).into_owned();
            let at = LineIndex::new(&valid).locate(&valid, offset);
            DocumentError::NotUtf8 {
                path: shown.clone(),
                line: at.line,
                column: at.column,
                offset,
            }
        })?;
        Document::from_text_as(path, text, format)
    }

    /// Builds a document from its text; the format follows the path's extension.
    pub fn from_text(path: &Path, text: String) -> Result<Document, DocumentError> {
        Document::from_text_as(path, text, Format::of(path))
    }

    /// Builds a document from its text read as `format`, whatever the path: an
    /// editor knows a buffer's language before it has a file name.
    pub fn from_text_as(
        path: &Path,
        text: String,
        format: Format,
    ) -> Result<Document, DocumentError> {
        let (front_matter_date, title) = match front_matter_span(&text) {
            Some((_, yaml_span)) => read_front_matter(path, &text, yaml_span)?,
            None => (None, None),
        };
        let (source, body_start) = markup_source(&text);
        let (prose, blocks) = match format {
            Format::PlainText => {
                let blocks = paragraphs(&source, body_start);
                (owned(source), blocks)
            }
            Format::Markdown => {
                let (prose, blocks) = markdown_prose(&source);
                (Some(prose), blocks)
            }
        };
        Ok(Document {
            path: path.to_path_buf(),
            lines: LineIndex::new(&text),
            text,
            prose,
            blocks,
            front_matter_date,
            title,
        })
    }

    /// Same length as `text`: prose kept, everything else replaced by spaces
    /// (line breaks kept).
    pub fn prose(&self) -> &str {
        self.prose.as_deref().unwrap_or(&self.text)
    }

    /// The blocks in runs (ranges of block indices) of at least `size` bytes of
    /// text each, the last excepted: a long draft is read a run at a time, and a
    /// sentence never crosses a block, so none is cut in two.
    pub fn block_runs(&self, size: usize) -> Vec<Range<usize>> {
        let mut runs = Vec::new();
        let (mut first, mut start) = (0, 0);
        for (index, block) in self.blocks.iter().enumerate() {
            if block.start - start >= size && self.text.is_char_boundary(block.start) {
                runs.push(first..index);
                (first, start) = (index, block.start);
            }
        }
        runs.push(first..self.blocks.len());
        runs
    }

    /// The part of the draft `span` covers (whole blocks, cut on character
    /// boundaries), as a document of its own with offsets from the part's start.
    pub fn part(&self, span: Span) -> Document {
        let text = self
            .text
            .get(span.start..span.end)
            .unwrap_or("")
            .to_string();
        let prose = self
            .prose
            .as_ref()
            .map(|prose| prose.get(span.start..span.end).unwrap_or("").to_string());
        let blocks = self
            .blocks
            .iter()
            .filter(|b| span.contains(**b))
            .map(|b| Span::new(b.start - span.start, b.end - span.start))
            .collect();
        Document {
            path: self.path.clone(),
            lines: LineIndex::new(&text),
            text,
            prose,
            blocks,
            front_matter_date: self.front_matter_date,
            title: self.title.clone(),
        }
    }

    /// The original text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        span.get(&self.text).unwrap_or("")
    }
}

const BYTE_ORDER_MARK: char = '\u{feff}';

/// The text as its markup is read: same length as `text`, with a byte order mark
/// and the front matter blanked and a `\r` alone made a line break (borrowed
/// when there is none of these, as in most drafts); and the offset where the
/// body starts, after the front matter.
pub fn markup_source(text: &str) -> (Cow<'_, str>, usize) {
    let mut source = Cow::Borrowed(text);
    if text.starts_with(BYTE_ORDER_MARK) {
        blank(source.to_mut(), Span::new(0, BYTE_ORDER_MARK.len_utf8()));
    }
    // Looked for a vector at a time: a draft can be megabytes long.
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        ends_old_mac_lines(source.to_mut());
    }
    let body_start = match front_matter_span(text) {
        Some((span, _)) => {
            blank(source.to_mut(), span);
            span.end
        }
        None => 0,
    };
    (source, body_start)
}

/// A text changed from the draft's, or `None` for the draft's own.
fn owned(text: Cow<'_, str>) -> Option<String> {
    match text {
        Cow::Owned(changed) => Some(changed),
        Cow::Borrowed(_) => None,
    }
}

/// UTF-16 by its byte order mark, or by the NUL in every other byte that ASCII
/// text has in it.
fn is_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let head = &bytes[..bytes.len().min(64) & !1];
    let nul_at = |parity: usize| {
        head.len() >= 4
            && head
                .iter()
                .enumerate()
                .all(|(i, &b)| (i % 2 == parity) == (b == 0))
    };
    nul_at(0) || nul_at(1)
}

/// A `\r` alone ends a line (old Mac files): made a `\n` in the prose, which
/// keeps every offset.
fn ends_old_mac_lines(prose: &mut String) {
    let mut bytes = std::mem::take(prose).into_bytes();
    let mut from = 0;
    while let Some(at) = memchr::memchr(b'\r', &bytes[from..]) {
        let i = from + at;
        if bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
        from = i + 1;
    }
    // One ASCII byte for another: still UTF-8.
    *prose = String::from_utf8(bytes).unwrap_or_default();
}

/// The whole front matter (both `---` fences) and the YAML between them; a byte
/// order mark may come before it.
fn front_matter_span(text: &str) -> Option<(Span, Span)> {
    let bom = if text.starts_with(BYTE_ORDER_MARK) {
        BYTE_ORDER_MARK.len_utf8()
    } else {
        0
    };
    let after_open = bom
        + text[bom..]
            .strip_prefix("---\n")
            .map(|_| 4)
            .or_else(|| text[bom..].strip_prefix("---\r\n").map(|_| 5))?;
    let mut offset = after_open;
    for line in text[after_open..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some((
                Span::new(0, offset + line.len()),
                Span::new(after_open, offset),
            ));
        }
        offset += line.len();
    }
    None
}

/// The front matter's date and title.
fn read_front_matter(
    path: &Path,
    text: &str,
    yaml_span: Span,
) -> Result<(Option<NaiveDate>, Option<String>), DocumentError> {
    let yaml_text = &text[yaml_span.start..yaml_span.end];
    let matter: FrontMatter = yaml::parse(path, yaml_text, 1)?;
    let title = match matter.title {
        Some(FrontMatterTitle::Text(title)) => Some(title.trim().to_string()),
        Some(FrontMatterTitle::Number(n)) => Some(n.to_string()),
        Some(FrontMatterTitle::Other(_)) | None => None,
    }
    .filter(|title| !title.is_empty());
    let date = match matter.date {
        None => None,
        Some(FrontMatterValue::Text(text)) => Some(read_front_matter_date(path, yaml_text, text)?),
        Some(FrontMatterValue::Number(n)) => {
            Some(read_front_matter_date(path, yaml_text, n.to_string())?)
        }
    };
    Ok((date, title))
}

fn read_front_matter_date(
    path: &Path,
    yaml_text: &str,
    value: String,
) -> Result<NaiveDate, DocumentError> {
    front_matter_day(value.trim()).ok_or_else(|| {
        // The top-level key, not one nested under another.
        let line = yaml_text
            .lines()
            .position(|l| l.starts_with("date:"))
            .map_or(2, |i| i + 2);
        DocumentError::FrontMatterDate {
            path: path.display().to_string(),
            line,
            column: 1,
            value,
        }
    })
}

/// The day of a front-matter date: a date, or a whole, valid timestamp (the day
/// as written, in its own time zone).
fn front_matter_day(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .or_else(|| {
            chrono::DateTime::parse_from_rfc3339(value)
                .ok()
                .map(|t| t.date_naive())
        })
        .or_else(|| {
            [
                "%Y-%m-%dT%H:%M:%S%.f",
                "%Y-%m-%d %H:%M:%S%.f",
                "%Y-%m-%dT%H:%M",
            ]
            .iter()
            .find_map(|format| chrono::NaiveDateTime::parse_from_str(value, format).ok())
            .map(|t| t.date())
        })
}

/// Replaces every character in `span` with spaces, keeping line breaks and the
/// byte length.
fn blank(text: &mut String, span: Span) {
    let blanked: String = text[span.start..span.end]
        .chars()
        .flat_map(|c| {
            let keep = if c == '\n' { '\n' } else { ' ' };
            std::iter::repeat_n(keep, c.len_utf8())
        })
        .collect();
    text.replace_range(span.start..span.end, &blanked);
}

/// Plain-text paragraphs: runs of lines separated by blank lines.
pub fn paragraphs(text: &str, from: usize) -> Vec<Span> {
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    let mut offset = from;
    // Each line with its line break, the last one without (if it is not empty).
    let breaks = memchr::memchr_iter(b'\n', &text.as_bytes()[from..]).map(|at| from + at + 1);
    let ends = breaks.chain((!text.ends_with('\n')).then_some(text.len()));
    for end in ends.filter(|&end| end > from) {
        match (is_blank(&text[offset..end]), start) {
            (true, Some(s)) => {
                blocks.push(Span::new(s, offset));
                start = None;
            }
            (false, None) => start = Some(offset),
            _ => {}
        }
        offset = end;
    }
    if let Some(s) = start {
        blocks.push(Span::new(s, text.len()));
    }
    blocks
}

/// Whether a line is all white space. Most lines show it by their first byte.
fn is_blank(line: &str) -> bool {
    match line.bytes().find(|&b| !matches!(b, b' ' | b'\t'..=b'\r')) {
        None => true,
        Some(b) if b.is_ascii() => false,
        Some(_) => line.trim().is_empty(),
    }
}

/// Markdown: keeps the text of paragraphs, headings, list items and table cells and
/// blanks the rest (markup, link targets, code, HTML).
fn markdown_prose(source: &str) -> (String, Vec<Span>) {
    let mut prose: Vec<u8> = source
        .bytes()
        .map(|b| if b == b'\n' { b'\n' } else { b' ' })
        .collect();
    let mut blocks = Vec::new();
    let mut open_blocks: Vec<usize> = Vec::new();
    let mut in_code_or_html = 0usize;
    for (event, range) in Parser::new_ext(source, MARKDOWN_OPTIONS).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell) => {
                open_blocks.push(range.start);
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => {
                if let Some(start) = open_blocks.pop() {
                    blocks.push(Span::new(start, range.end));
                }
            }
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                in_code_or_html += 1
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                in_code_or_html = in_code_or_html.saturating_sub(1)
            }
            Event::Text(_) | Event::SoftBreak | Event::HardBreak if in_code_or_html == 0 => {
                prose[range.clone()].copy_from_slice(&source.as_bytes()[range]);
            }
            _ => {}
        }
    }
    // Nested blocks (a paragraph inside a list item) are both kept; sentences are cut
    // at the innermost, so drop blocks that contain another.
    blocks.sort_by_key(|b| (b.start, std::cmp::Reverse(b.end)));
    let innermost: Vec<Span> = blocks
        .iter()
        .filter(|outer| {
            !blocks
                .iter()
                .any(|inner| inner != *outer && outer.contains(*inner))
        })
        .copied()
        .collect();
    // Copied ranges are whole text events of valid UTF-8 and everything else is
    // ASCII, so this cannot fail; fall back to the blanked source if it ever did.
    let prose = String::from_utf8(prose).unwrap_or_else(|_| {
        let mut all = source.to_string();
        blank(&mut all, Span::new(0, source.len()));
        all
    });
    (prose, innermost)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A plain text's blocks are its runs of lines that are not all white space
        /// (Unicode's white space, as `str::trim` has it).
        #[test]
        fn paragraphs_are_runs_of_lines_that_are_not_blank(
            text in "[a \t\n\r\u{b}\u{a0}\u{2028}é]{0,40}",
            from in 0..40usize,
        ) {
            let from = (0..=from.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap();
            let mut expected = Vec::new();
            let mut start = None;
            let mut offset = from;
            for line in text[from..].split_inclusive('\n') {
                match (line.trim().is_empty(), start) {
                    (true, Some(s)) => {
                        expected.push(Span::new(s, offset));
                        start = None;
                    }
                    (false, None) => start = Some(offset),
                    _ => {}
                }
                offset += line.len();
            }
            if let Some(s) = start {
                expected.push(Span::new(s, text.len()));
            }
            proptest::prop_assert_eq!(paragraphs(&text, from), expected);
        }
    }

    fn markdown(text: &str) -> Document {
        Document::from_text(Path::new("draft.md"), text.to_string()).unwrap()
    }

    #[test]
    fn front_matter_gives_the_date_and_is_not_prose() {
        let doc = markdown("---\ntitle: x\ndate: 2020-04-09\n---\nBody text.\n");
        assert_eq!(doc.front_matter_date, NaiveDate::from_ymd_opt(2020, 4, 9));
        assert_eq!(doc.prose().len(), doc.text.len());
        assert!(!doc.prose().contains("title"));
        assert!(doc.prose().contains("Body text."));
    }

    #[test]
    fn front_matter_gives_a_title_when_it_is_text() {
        let doc = markdown("---\ntitle: '  A day in Basra '\n---\nBody.\n");
        assert_eq!(doc.title.as_deref(), Some("A day in Basra"));
        let doc = markdown("---\ntitle: [a, b]\ndate: 2020-04-09\n---\nBody.\n");
        assert_eq!(doc.title, None);
        assert_eq!(doc.front_matter_date, NaiveDate::from_ymd_opt(2020, 4, 9));
        assert_eq!(markdown("No front matter.\n").title, None);
    }

    #[test]
    fn markup_source_blanks_front_matter_and_keeps_offsets() {
        let text = "\u{feff}---\ntitle: x\n---\nOne\rTwo\n";
        let (source, body_start) = markup_source(text);
        assert_eq!(source.len(), text.len());
        assert_eq!(&source[body_start..], "One\nTwo\n");
        assert!(source[..body_start].trim().is_empty());
    }

    #[test]
    fn plain_prose_is_the_text_unless_something_is_blanked() {
        let plain = Document::from_text(Path::new("a.txt"), "One.\n\nTwo.\n".into()).unwrap();
        assert_eq!(plain.prose(), plain.text);
        let old_mac = Document::from_text(Path::new("a.txt"), "One.\rTwo.\n".into()).unwrap();
        assert_eq!(old_mac.prose(), "One.\nTwo.\n");
        assert_eq!(old_mac.text, "One.\rTwo.\n");
    }

    #[test]
    fn markdown_syntax_is_blanked_but_offsets_kept() {
        let doc = markdown("# Head\n\nSome *bold* [link](http://x.y/2019) and `code 2020`.\n");
        assert_eq!(doc.prose().len(), doc.text.len());
        assert!(doc.prose().contains("Some  bold   link "));
        assert!(!doc.prose().contains("2019") && !doc.prose().contains("2020"));
        assert_eq!(doc.blocks.len(), 2);
    }

    #[test]
    fn bad_front_matter_date_names_its_line() {
        let error = Document::from_text(
            Path::new("d.md"),
            "---\ntitle: t\ndate: April 9\n---\nx\n".into(),
        )
        .unwrap_err()
        .to_string();
        assert!(error.starts_with("d.md:3:1:"), "{error}");
    }

    #[test]
    fn rejects_binary_empty_and_invalid_utf8() {
        let path = Path::new("d.txt");
        assert!(matches!(
            Document::from_bytes(path, b"  \n".to_vec()),
            Err(DocumentError::Empty { .. })
        ));
        assert!(matches!(
            Document::from_bytes(path, b"ab\0c".to_vec()),
            Err(DocumentError::Binary { .. })
        ));
        let error = Document::from_bytes(path, b"ok\nab\xffc".to_vec())
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("d.txt:2:3:"), "{error}");
    }
}
