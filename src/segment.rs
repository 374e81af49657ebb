//! Splits a document's prose into tokens, sentences and clauses. Every later stage
//! works on these: a mention is a run of tokens, a claim belongs to a clause.

use crate::document::Document;
use crate::rules::Rules;
use crate::span::Span;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, with inner hyphens and apostrophes ("al-Kadhimi", "Iran’s", "U.S.").
    Word,
    /// Digits, with inner separators ("12,000", "1.5", "2020-03-08", "3rd").
    Number,
    Punct,
}

#[derive(Debug, Clone)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// Lower case, curly apostrophes made straight, a possessive "'s" removed.
    pub key: String,
    /// Whether the token starts with an upper-case letter.
    pub capitalized: bool,
}

impl Token {
    pub fn is(&self, key: &str) -> bool {
        self.key == key
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct && self.key.starts_with(c)
    }
}

/// A sentence as a range of token indices, cut into clauses (also token ranges).
#[derive(Debug, Clone)]
pub struct Sentence {
    pub tokens: Range<usize>,
    pub clauses: Vec<Range<usize>>,
}

#[derive(Debug)]
pub struct Segmented {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

impl Segmented {
    pub fn new(document: &Document, rules: &Rules) -> Segmented {
        let mut tokens = Vec::new();
        let mut sentences = Vec::new();
        for block in &document.blocks {
            let first = tokens.len();
            tokenize(&document.prose, *block, &mut tokens);
            split_sentences(&tokens, first..tokens.len(), rules, &mut sentences);
        }
        Segmented { tokens, sentences }
    }

    /// The span from the first to the last token of a range.
    pub fn span_of(&self, range: Range<usize>) -> Span {
        let first = self.tokens[range.start].span;
        let last = self.tokens[range.end - 1].span;
        first.cover(last)
    }
}

/// Tokens of a short text (a name from the fact base), read as the draft is read.
pub fn tokenize_str(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize(text, Span::new(0, text.len()), &mut tokens);
    tokens
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn tokenize(prose: &str, block: Span, tokens: &mut Vec<Token>) {
    let text = &prose[block.start..block.end];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let kind = if c.is_ascii_digit() {
            TokenKind::Number
        } else if c.is_alphanumeric() {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        let mut j = i + 1;
        if kind != TokenKind::Punct {
            while j < chars.len() {
                let c = chars[j].1;
                let next = chars.get(j + 1).map(|&(_, n)| n);
                let joins = if c.is_alphanumeric() {
                    true
                } else if c == '-' || is_apostrophe(c) {
                    next.is_some_and(char::is_alphanumeric)
                } else if kind == TokenKind::Number && (c == ',' || c == '.') {
                    thousands_or_decimal(&chars[j..], c)
                } else if c == '.' && kind == TokenKind::Word {
                    // "U.S.", "a.m.": single letters joined by full stops.
                    let so_far = &text[start..chars[j].0];
                    initialism(so_far)
                        && (next.is_some_and(char::is_alphabetic) || so_far.contains('.'))
                } else {
                    false
                };
                if !joins {
                    break;
                }
                j += 1;
            }
        }
        let end = chars.get(j).map_or(text.len(), |&(offset, _)| offset);
        let raw = &text[start..end];
        tokens.push(Token {
            span: Span::new(block.start + start, block.start + end),
            kind,
            key: token_key(raw),
            capitalized: raw.chars().next().is_some_and(char::is_uppercase),
        });
        i = j;
    }
}

/// After a digit: "," joins when three digits follow ("12,000"), "." when a digit does.
fn thousands_or_decimal(rest: &[(usize, char)], c: char) -> bool {
    let digit_at = |k: usize| rest.get(k).is_some_and(|&(_, d)| d.is_ascii_digit());
    if c == '.' {
        digit_at(1)
    } else {
        digit_at(1) && digit_at(2) && digit_at(3) && !digit_at(4)
    }
}

/// "U", "U.S", "a.m": single letters separated by full stops.
fn initialism(word: &str) -> bool {
    word.split('.')
        .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

fn token_key(raw: &str) -> String {
    let mut key: String = raw
        .chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect();
    if key.len() > 2 && key.ends_with("'s") {
        key.truncate(key.len() - 2);
    }
    key
}

fn split_sentences(tokens: &[Token], range: Range<usize>, rules: &Rules, out: &mut Vec<Sentence>) {
    let mut start = range.start;
    let mut i = range.start;
    while i < range.end {
        let token = &tokens[i];
        let ends = (token.is_punct('.') || token.is_punct('!') || token.is_punct('?'))
            && !(token.is_punct('.')
                && i > start
                && rules.abbreviations.contains(&tokens[i - 1].key));
        if ends {
            // Closing quotes and brackets belong to the sentence they close.
            let mut end = i + 1;
            while end < range.end && is_closer(&tokens[end]) {
                end += 1;
            }
            let next_starts_sentence = tokens
                .get(end)
                .is_none_or(|t| end >= range.end || t.kind != TokenKind::Word || t.capitalized);
            if next_starts_sentence {
                out.push(sentence(tokens, start..end, rules));
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    if start < range.end {
        out.push(sentence(tokens, start..range.end, rules));
    }
}

fn is_closer(token: &Token) -> bool {
    token.kind == TokenKind::Punct
        && matches!(
            token.key.chars().next(),
            Some('"' | '”' | '’' | '\'' | ')' | ']')
        )
}

/// Cuts a sentence before each clause marker ("after", "since", ...) and at semicolons.
fn sentence(tokens: &[Token], range: Range<usize>, rules: &Rules) -> Sentence {
    let mut clauses = Vec::new();
    let mut start = range.start;
    for i in range.clone() {
        let at_marker = i > start
            && rules.clause_markers.iter().any(|marker| {
                marker.len() <= range.end - i
                    && marker
                        .iter()
                        .zip(&tokens[i..])
                        .all(|(word, token)| token.key == *word)
            });
        if at_marker {
            clauses.push(start..i);
            start = i;
        } else if tokens[i].is_punct(';') {
            clauses.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < range.end {
        clauses.push(start..range.end);
    }
    Sentence {
        tokens: range,
        clauses,
    }
}
