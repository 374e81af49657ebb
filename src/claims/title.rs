//! ## What it finds
//! An office given to a person: before the name ("Secretary of State Mike
//! Pompeo", "intelligence chief Mustafa al-Kadhimi") or after it, set off by a
//! comma ("David Schenker, assistant secretary of Near Eastern Affairs";
//! "Qassem Soleimani, the head of Iran's elite Quds Force").
//!
//! ## Why check it
//! Titles change: a title right on one date is outdated on another, and a wrong
//! office is a plain error.
//!
//! A title after the name may be worded differently from the fact base's names
//! for the office; `factbase::TitleIndex` matches it on its content words.

use super::{Claim, ClaimKind, ClauseContext, Statement};
use crate::factbase::{EntityIdx, EntityKind, content_words};
use crate::mentions::MentionValue;
use crate::segment::TokenKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleForm {
    Prefix,
    Appositive,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TitleStatement {
    pub office: EntityIdx,
    pub person: EntityIdx,
    pub form: TitleForm,
    /// Whether both names matched strongly enough to decide a verdict.
    pub strong: bool,
    /// The title's content words as written ("secretary", "state").
    pub title_words: Vec<String>,
    /// Whether the person was named by one word only ("Johnson"), which many
    /// people share.
    pub one_word_name: bool,
    /// "former Secretary of State Mike Pompeo": held before, no longer.
    pub former: bool,
}

/// Words before a title that say it was held before and is no longer.
const FORMER: &[&str] = &["former", "ex", "onetime", "erstwhile", "previous"];

/// The most words an appositive title runs to.
const TITLE_REACH: usize = 10;

pub fn find(context: &ClauseContext) -> Vec<Claim> {
    let Some(base) = context.base else {
        return Vec::new();
    };
    let tokens = &context.segmented.tokens;
    let entity = |m: &crate::mentions::Mention| match m.value {
        MentionValue::Entity { entity, score } => Some((entity, base.names.is_strong(score))),
        _ => None,
    };
    let mut claims = Vec::new();
    for (k, mention) in context.mentions.iter().enumerate() {
        let Some((person, person_strong)) =
            entity(mention).filter(|(e, _)| base.entities[*e].kind == EntityKind::Person)
        else {
            continue;
        };
        let one_word_name = tokens[mention.tokens.clone()]
            .iter()
            .filter(|t| t.is_word())
            .count()
            == 1;
        let words_of = |range: std::ops::Range<usize>| {
            content_words(
                tokens[range]
                    .iter()
                    .filter(|t| t.is_word())
                    .map(|t| t.key.as_str()),
            )
        };
        // "Secretary of State Mike Pompeo"
        let prefix = context.mentions[..k].iter().rev().find_map(|m| {
            let (office, strong) = entity(m)?;
            (m.tokens.end == mention.tokens.start
                && base.entities[office].kind == EntityKind::Office)
                .then_some((office, strong, m.tokens.start))
        });
        if let Some((office, strong, start)) = prefix {
            let statement = TitleStatement {
                office,
                person,
                form: TitleForm::Prefix,
                strong: strong && person_strong,
                title_words: words_of(start..mention.tokens.start),
                one_word_name,
                former: start.checked_sub(1).is_some_and(|p| {
                    p >= context.clause.start && FORMER.contains(&tokens[p].key.as_str())
                }),
            };
            claims.push(context.claim(
                ClaimKind::Title,
                start..mention.tokens.end,
                Statement::Title(statement),
            ));
            continue;
        }
        // "David Schenker, assistant secretary of Near Eastern Affairs,"
        let comma = mention.tokens.end;
        if comma >= context.clause.end || !tokens[comma].is_punct(',') {
            continue;
        }
        let mut first = comma + 1;
        while first < context.clause.end && matches!(tokens[first].key.as_str(), "the" | "a" | "an")
        {
            first += 1;
        }
        let last = (first..context.clause.end.min(first + TITLE_REACH))
            .take_while(|&i| tokens[i].kind == TokenKind::Word)
            .last();
        let Some(last) = last else { continue };
        let former = FORMER.contains(&tokens[first].key.as_str());
        let words = content_words(
            tokens[first..=last]
                .iter()
                .map(|t| t.key.as_str())
                .filter(|w| !FORMER.contains(w)),
        );
        if let Some(found) = base.titles.best(&words) {
            let statement = TitleStatement {
                office: found.office,
                person,
                form: TitleForm::Appositive,
                strong: person_strong,
                title_words: words.clone(),
                one_word_name,
                former,
            };
            claims.push(context.claim(
                ClaimKind::Title,
                mention.tokens.start..last + 1,
                Statement::Title(statement),
            ));
        }
    }
    claims
}
