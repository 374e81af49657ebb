//! Byte offsets into a draft and LSP positions, both ways. A position is a
//! zero-based line and a character offset in code units of the encoding client
//! and server agreed on: UTF-16 unless both speak UTF-8. Lines end where
//! `LineIndex` ends them (`\n`, `\r\n`, or `\r` alone), as the protocol has them.

use crate::span::{LineIndex, Span};
use lsp_types::{ClientCapabilities, Position, PositionEncodingKind, Range};

/// What a position's character counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PositionEncoding {
    Utf8,
    Utf16,
}

impl PositionEncoding {
    /// UTF-8 when the client offers it, as spans are bytes already; else UTF-16,
    /// which every client understands.
    pub fn negotiate(client: &ClientCapabilities) -> PositionEncoding {
        let offers_utf8 = client
            .general
            .as_ref()
            .and_then(|general| general.position_encodings.as_ref())
            .is_some_and(|offered| offered.contains(&PositionEncodingKind::UTF8));
        if offers_utf8 {
            PositionEncoding::Utf8
        } else {
            PositionEncoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            PositionEncoding::Utf8 => c.len_utf8(),
            PositionEncoding::Utf16 => c.len_utf16(),
        }
    }
}

/// A text with its line index, to turn offsets into positions and back.
pub struct PositionMap<'a> {
    text: &'a str,
    lines: LineIndex,
    encoding: PositionEncoding,
}

impl<'a> PositionMap<'a> {
    pub fn new(text: &'a str, encoding: PositionEncoding) -> Self {
        PositionMap {
            text,
            lines: LineIndex::new(text),
            encoding,
        }
    }

    /// The position of a byte offset; an offset inside a character is taken as
    /// that character's start, one past the end as the end.
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.lines.line_of(offset);
        let start = self.lines.line_start(line).unwrap_or(0);
        let character: usize = self
            .text
            .get(start..offset)
            .unwrap_or("")
            .chars()
            .map(|c| self.encoding.units(c))
            .sum();
        Position::new(saturate(line), saturate(character))
    }

    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position. A character past the end of its line is the
    /// line's end, a line past the end of the text is the text's end, and a
    /// character inside a letter (half a UTF-16 surrogate pair) is its start.
    pub fn offset(&self, position: Position) -> usize {
        let Some(start) = self.lines.line_start(position.line as usize) else {
            return self.text.len();
        };
        let wanted = position.character as usize;
        let mut counted = 0;
        for (index, c) in self.text[start..].char_indices() {
            if c == '\n' || c == '\r' {
                return start + index;
            }
            counted += self.encoding.units(c);
            if counted > wanted {
                return start + index;
            }
        }
        self.text.len()
    }
}

/// LSP numbers are 32-bit; a draft of 4 GiB is read to its last position it can name.
fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use PositionEncoding::{Utf8, Utf16};

    /// Every character boundary of `text` turns into a position and back.
    fn round_trips(text: &str, encoding: PositionEncoding) {
        let map = PositionMap::new(text, encoding);
        for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            let position = map.position(offset);
            let back = map.offset(position);
            // A line break's second byte and the line's end share a position.
            let same_place =
                back == offset || (text.as_bytes().get(back) == Some(&b'\r') && back + 1 == offset);
            assert!(
                same_place,
                "{text:?} at {offset} ({encoding:?}): {position:?} gives back {back}"
            );
        }
    }

    #[test]
    fn offsets_round_trip_at_starts_ends_and_inside_lines() {
        for text in [
            "",
            "one line",
            "a\nb\n",
            "a\r\nb\r\n",
            "a\rb",
            "“Quoted,” she said.\nCafé — naïve 🚀 done\n\nlast",
            "🚀",
            "\n\n",
        ] {
            round_trips(text, Utf16);
            round_trips(text, Utf8);
        }
    }

    #[test]
    fn utf16_counts_surrogate_pairs_as_two_and_accents_as_one() {
        let text = "x\nCafé 🚀 four rockets";
        let map = PositionMap::new(text, Utf16);
        let at = text.find("four").unwrap();
        // "Café " is 5 UTF-16 units, the rocket 2, the space 1.
        assert_eq!(map.position(at), Position::new(1, 8));
        assert_eq!(map.offset(Position::new(1, 8)), at);
        let in_bytes = PositionMap::new(text, Utf8);
        assert_eq!(in_bytes.position(at), Position::new(1, 11));
    }

    #[test]
    fn a_position_inside_a_surrogate_pair_is_the_letter_start() {
        let text = "🚀a";
        let map = PositionMap::new(text, Utf16);
        assert_eq!(map.offset(Position::new(0, 1)), 0);
        assert_eq!(map.offset(Position::new(0, 2)), 4);
    }

    #[test]
    fn positions_past_a_line_or_the_text_are_held_at_their_end() {
        let text = "ab\r\ncd";
        let map = PositionMap::new(text, Utf16);
        assert_eq!(map.offset(Position::new(0, 99)), 2);
        assert_eq!(map.offset(Position::new(1, 99)), 6);
        assert_eq!(map.offset(Position::new(7, 0)), 6);
        assert_eq!(map.position(99), Position::new(1, 2));
    }

    #[test]
    fn the_end_of_the_text_after_a_final_line_break_is_on_a_line_of_its_own() {
        let text = "ab\n";
        let map = PositionMap::new(text, Utf16);
        assert_eq!(map.position(3), Position::new(1, 0));
        assert_eq!(map.offset(Position::new(1, 0)), 3);
    }

    #[test]
    fn utf8_is_chosen_only_when_the_client_offers_it() {
        let mut client = ClientCapabilities::default();
        assert_eq!(PositionEncoding::negotiate(&client), Utf16);
        client.general = Some(lsp_types::GeneralClientCapabilities {
            position_encodings: Some(vec![
                PositionEncodingKind::UTF16,
                PositionEncodingKind::UTF8,
            ]),
            ..Default::default()
        });
        assert_eq!(PositionEncoding::negotiate(&client), Utf8);
    }
}
