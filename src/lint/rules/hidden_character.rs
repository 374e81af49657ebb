//! ## What it does
//! Reports a control character (other than tab and line breaks) or a character
//! that overrides the direction of text (U+202A–U+202E, U+2066–U+2069, and the
//! marks U+200E, U+200F, U+061C) anywhere in a fact file.
//!
//! ## Why is this bad?
//! Neither is ever part of a name, a title or an address. A terminal runs an
//! escape sequence instead of showing it, so a name can erase the verdict printed
//! before it; a direction override makes text read differently from what it
//! holds, so a reviewer approves one thing and the base stores another.
//!
//! ## Example
//! ```yaml
//! entities:
//!   - id: test-person
//!     name: "Test\e[1A\e[2K Person"
//! ```
//!
//! Use instead:
//! ```yaml
//! entities:
//!   - id: test-person
//!     name: Test Person
//! ```

use crate::lint::{Diagnostic, Rule};
use crate::span::LineIndex;
use std::path::Path;

/// Whether `c` may hide or reorder what a reader sees.
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// The first hidden character on each line of `text`, written as itself or as
/// an escape in a double-quoted scalar (`"\e"`, `"\u202E"`): one finding a line
/// is enough to find the rest.
pub fn check(path: &Path, text: &str, found: &mut Vec<Diagnostic>) {
    let lines = LineIndex::new(text);
    let mut last_line = 0;
    for (offset, c) in hidden_characters(text) {
        let at = lines.locate(text, offset);
        if at.line == last_line {
            continue;
        }
        last_line = at.line;
        found.push(Diagnostic::new(
            Rule::HiddenCharacter,
            path,
            (at.line, at.column),
            format!("hidden character U+{:04X} in the file", u32::from(c)),
            "delete it: retype the text around it, or paste it as plain text".into(),
        ));
    }
}

/// Where YAML text is, for telling an escape from a backslash.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    Plain,
    DoubleQuoted,
    SingleQuoted,
    Comment,
}

/// Each hidden character of `text` with its offset: the character itself, or the
/// escape in a double-quoted scalar that stands for it.
fn hidden_characters(text: &str) -> Vec<(usize, char)> {
    let mut found = Vec::new();
    let mut place = Place::Plain;
    // Whether a scalar may start here: a quote opens one only there.
    let mut scalar_may_start = true;
    let mut previous = '\n';
    let mut chars = text.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if is_hidden(c) {
            found.push((offset, c));
        }
        match place {
            Place::Plain => match c {
                '\n' => scalar_may_start = true,
                ' ' | '\t' | '\r' => {}
                '#' if previous.is_whitespace() => place = Place::Comment,
                '"' if scalar_may_start => place = Place::DoubleQuoted,
                '\'' if scalar_may_start => place = Place::SingleQuoted,
                ':' | '-' | '?' | '[' | '{' | ',' => scalar_may_start = true,
                _ => scalar_may_start = false,
            },
            Place::DoubleQuoted => match c {
                '"' => (place, scalar_may_start) = (Place::Plain, false),
                '\\' => {
                    let escaped = escape_value(&mut chars);
                    if let Some(e) = escaped.filter(|&e| is_hidden(e)) {
                        found.push((offset, e));
                    }
                }
                _ => {}
            },
            Place::SingleQuoted if c == '\'' => {
                if chars.peek().is_some_and(|&(_, next)| next == '\'') {
                    chars.next();
                } else {
                    (place, scalar_may_start) = (Place::Plain, false);
                }
            }
            Place::Comment if c == '\n' => (place, scalar_may_start) = (Place::Plain, true),
            Place::SingleQuoted | Place::Comment => {}
        }
        previous = c;
    }
    found
}

/// The character a YAML escape after `\` stands for, consuming it.
fn escape_value(chars: &mut std::iter::Peekable<std::str::CharIndices>) -> Option<char> {
    let (_, kind) = chars.next()?;
    let digits = match kind {
        '0' => return Some('\0'),
        'a' => return Some('\u{7}'),
        'b' => return Some('\u{8}'),
        'e' => return Some('\u{1b}'),
        'f' => return Some('\u{c}'),
        'v' => return Some('\u{b}'),
        'N' => return Some('\u{85}'),
        'x' => 2,
        'u' => 4,
        'U' => 8,
        _ => return None,
    };
    let mut code = 0u32;
    for _ in 0..digits {
        let digit = chars.peek().and_then(|&(_, d)| d.to_digit(16))?;
        chars.next();
        code = code * 16 + digit;
    }
    char::from_u32(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hidden(text: &str) -> Vec<char> {
        hidden_characters(text)
            .into_iter()
            .map(|(_, c)| c)
            .collect()
    }

    #[test]
    fn escapes_count_only_inside_double_quotes() {
        assert_eq!(hidden(r#"name: "A\e[2K B""#), ['\u{1b}']);
        assert_eq!(hidden(r#"title: "x \u202E y""#), ['\u{202e}']);
        assert_eq!(
            hidden(r#"title: "x \U0000202e \x1B""#),
            ['\u{202e}', '\u{1b}']
        );
        assert!(hidden(r#"note: C:\events and \u202E in plain text"#).is_empty());
        assert!(hidden(r#"note: 'it''s \e here'"#).is_empty());
        assert!(hidden("note: Kadhimi's \"quoted\" \\e words # \"\\e\"").is_empty());
        assert!(hidden(r#"name: "tab\t and quote \" and \\e""#).is_empty());
    }

    #[test]
    fn raw_characters_count_anywhere() {
        assert_eq!(
            hidden("# a comment \u{202e}\nname: x\u{7}"),
            ['\u{202e}', '\u{7}']
        );
        assert!(hidden("name: tab\there\r\n").is_empty());
    }
}
