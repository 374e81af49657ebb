//! Byte spans into the original draft, and the line index that turns them into
//! line and column numbers. A `Span` is made once by the document stage and carried
//! unchanged through mentions, claims, verdicts and every report.

use serde::Serialize;
use std::ops::Range;

/// A half-open range of byte offsets into the original file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The slice of `text` this span covers, or `None` when it does not fall on
    /// character boundaries of `text`.
    pub fn get(self, text: &str) -> Option<&str> {
        text.get(self.start..self.end)
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        Span::new(range.start, range.end)
    }
}

/// One-based line and column; the column counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

/// Start offsets of every line of a text, for turning byte offsets into line:column.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Lines end at `\n`, `\r\n`, or a `\r` alone (old Mac files).
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        // Line breaks are found a vector at a time: a draft can be megabytes long.
        line_starts.extend(memchr::memchr2_iter(b'\n', b'\r', bytes).filter_map(|i| {
            let ends_line = bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n');
            ends_line.then_some(i + 1)
        }));
        LineIndex { line_starts }
    }

    /// Line and column of a byte offset of `text` (the text this index was built from).
    pub fn locate(&self, text: &str, offset: usize) -> LineColumn {
        let line = self.line_of(offset);
        let line_start = self.line_starts[line];
        let column = text
            .get(line_start..offset)
            .map_or(offset - line_start, |s| s.chars().count());
        LineColumn {
            line: line + 1,
            column: column + 1,
        }
    }

    /// The zero-based line a byte offset falls on.
    pub fn line_of(&self, offset: usize) -> usize {
        // The first line starts at 0, so at least one start is not after `offset`.
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// The byte offset where zero-based `line` starts, if the text has that line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_lines_and_counts_columns_in_characters() {
        let text = "ab\n’cd\n";
        let index = LineIndex::new(text);
        assert_eq!(index.locate(text, 0), LineColumn { line: 1, column: 1 });
        assert_eq!(index.locate(text, 3), LineColumn { line: 2, column: 1 });
        // ’ is three bytes but one character.
        assert_eq!(index.locate(text, 6), LineColumn { line: 2, column: 2 });
    }

    #[test]
    fn a_carriage_return_alone_ends_a_line_and_before_a_newline_does_not() {
        let text = "a\rb\r\nc";
        let index = LineIndex::new(text);
        assert_eq!(index.locate(text, 2), LineColumn { line: 2, column: 1 });
        assert_eq!(index.locate(text, 5), LineColumn { line: 3, column: 1 });
    }
}
