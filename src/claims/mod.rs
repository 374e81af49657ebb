//! The claim stage: mentions combined into typed, checkable statements, and their
//! check. Each claim kind is one module here, with what it finds, how it is checked
//! and explained, and its tests; this file is their registry. Adding a kind is a
//! module and one line in `claim_kinds!`.

use crate::factbase::FactBase;
use crate::mentions::{Mention, MentionValue};
use crate::rules::Rules;
use crate::segment::Segmented;
use crate::span::Span;
use crate::verify::{CheckContext, Judgement};
use serde::Serialize;
use std::fmt;
use std::ops::Range;

/// A claim kind's stable name, as reports print it ("event-date", "ordinal").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ClaimKind(&'static str);

impl ClaimKind {
    pub const fn new(name: &'static str) -> ClaimKind {
        ClaimKind(name)
    }

    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl fmt::Display for ClaimKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// What a claim kind's statement does: be checked against the fact base.
pub trait Check {
    fn check(&self, claim: &Claim, cx: &CheckContext) -> Judgement;
}

/// Declares the claim kinds: each `module::Statement` is a module with a
/// `find(&ClauseContext) -> Vec<Claim>`, a `KINDS` list of the kind names it gives,
/// and a statement type that implements `Check`.
macro_rules! claim_kinds {
    ($($module:ident :: $statement:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// What a claim states, with its values resolved: one variant a kind.
        #[derive(Debug, Clone)]
        pub enum Statement {
            $($statement($module::$statement),)*
        }

        $(impl From<$module::$statement> for Statement {
            fn from(statement: $module::$statement) -> Statement {
                Statement::$statement(statement)
            }
        })*

        impl Statement {
            fn check(&self, claim: &Claim, cx: &CheckContext) -> Judgement {
                match self {
                    $(Statement::$statement(statement) => statement.check(claim, cx),)*
                }
            }
        }

        /// Every kind name, with what it is about, for reports that list them.
        pub const KINDS: &[&[(ClaimKind, &str)]] = &[$($module::KINDS,)*];

        fn find_in_clause(context: &ClauseContext, claims: &mut Vec<Claim>) {
            $(claims.extend($module::find(context));)*
        }
    };
}

claim_kinds! {
    event_date::DateStatement,
    weekday::WeekdayStatement,
    elapsed::ElapsedStatement,
    relative::RelativeStatement,
    count::CountStatement,
    tally::TallyStatement,
    age::AgeStatement,
    term_length::TermLengthStatement,
    ordinal::OrdinalStatement,
    title::TitleStatement,
    quote::QuoteStatement,
}

/// What a kind name is about, for a reader.
pub fn describe(kind: ClaimKind) -> &'static str {
    KINDS
        .iter()
        .flat_map(|kinds| kinds.iter())
        .find(|(k, _)| *k == kind)
        .map_or("", |(_, about)| about)
}

#[derive(Debug, Clone)]
pub struct Claim {
    pub kind: ClaimKind,
    pub span: Span,
    /// Tokens the claim covers.
    pub tokens: Range<usize>,
    /// The sentence and the clause the claim stands in (token ranges).
    pub sentence: Range<usize>,
    pub clause: Range<usize>,
    pub statement: Statement,
}

impl Claim {
    /// Checks the claim against the fact base.
    pub fn check(&self, cx: &CheckContext) -> Judgement {
        self.statement.check(self, cx)
    }
}

/// One clause and the mentions in it: what a finder reads.
pub struct ClauseContext<'a> {
    pub segmented: &'a Segmented,
    pub rules: &'a Rules,
    pub base: Option<&'a FactBase>,
    pub sentence: Range<usize>,
    /// All clauses of the sentence, and which one this is.
    pub clauses: &'a [Range<usize>],
    pub clause_index: usize,
    pub clause: Range<usize>,
    /// Mentions inside the clause, in order.
    pub mentions: &'a [Mention],
    /// Mentions inside the whole sentence, in order.
    pub sentence_mentions: &'a [Mention],
}

impl ClauseContext<'_> {
    /// A claim of `kind` over `tokens` of this clause.
    pub fn claim(
        &self,
        kind: ClaimKind,
        tokens: Range<usize>,
        statement: impl Into<Statement>,
    ) -> Claim {
        Claim {
            kind,
            span: self.segmented.span_of(tokens.clone()),
            clause: self.scope_of(&tokens),
            tokens,
            sentence: self.sentence.clone(),
            statement: statement.into(),
        }
    }

    /// The clause a claim's words belong to: its own, unless it follows the comma
    /// that closes a relative clause ("the camp, which houses oil workers, on
    /// Monday"), when it belongs with the clause the relative clause interrupted.
    fn scope_of(&self, tokens: &Range<usize>) -> Range<usize> {
        let all = &self.segmented.tokens;
        let opens_relative = self
            .rules
            .relative_clause_words
            .contains(all[self.clause.start].key.as_str());
        let closed = (self.clause.start..tokens.start).any(|i| all[i].is_punct(','));
        match self.clause_index.checked_sub(1) {
            Some(previous) if opens_relative && closed => {
                self.clauses[previous].start..self.clause.end
            }
            _ => self.clause.clone(),
        }
    }

    /// The hedge ending right before token `start` ("nearly"), with its first token.
    pub fn hedge_before(&self, start: usize) -> Option<(crate::rules::Tolerance, usize)> {
        self.sentence_mentions.iter().find_map(|m| match m.value {
            MentionValue::Hedge(tolerance) if m.tokens.end == start => {
                Some((tolerance, m.tokens.start))
            }
            _ => None,
        })
    }

    /// Whether this is the sentence's first clause (sentence-wide finders run once).
    pub fn first_clause(&self) -> bool {
        self.clause_index == 0
    }
}

/// Every claim of a document, in the order they appear. `mentions` must be sorted by
/// position, as `mentions::extract` returns them; `base` (for its names of offices
/// and series) enables titles and ordinals. What a quotation says is the speaker's,
/// listed as the quote: no claim is made of the words inside it.
pub fn find(
    segmented: &Segmented,
    mentions: &[Mention],
    rules: &Rules,
    base: Option<&FactBase>,
) -> Vec<Claim> {
    let within = |range: &Range<usize>| {
        let first = mentions.partition_point(|m| m.tokens.start < range.start);
        let last = mentions.partition_point(|m| m.tokens.start < range.end);
        &mentions[first..last.max(first)]
    };
    let mut claims = Vec::new();
    for sentence in &segmented.sentences {
        let mut found = Vec::new();
        for (clause_index, clause) in segmented.clauses(sentence).iter().enumerate() {
            let context = ClauseContext {
                segmented,
                rules,
                base,
                sentence: sentence.tokens.clone(),
                clauses: segmented.clauses(sentence),
                clause_index,
                clause: clause.clone(),
                mentions: within(clause),
                sentence_mentions: within(&sentence.tokens),
            };
            find_in_clause(&context, &mut found);
        }
        let quotes: Vec<Span> = found
            .iter()
            .filter(|c| c.kind == quote::QUOTE)
            .map(|c| c.span)
            .collect();
        found.retain(|c| c.kind == quote::QUOTE || !quotes.iter().any(|q| q.contains(c.span)));
        claims.extend(found);
    }
    claims.sort_by_key(|c| (c.span.start, c.span.end));
    claims
}
