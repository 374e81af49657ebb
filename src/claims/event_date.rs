//! ## What it finds
//! Every date in the prose, as a claim about when something happened: "a January 3
//! drone strike", "On Monday, three rockets landed", "toppled the shah in 1979".
//!
//! ## Why check it
//! A wrong day or year is the commonest factual slip in news copy, and a relative
//! date ("Monday", "last week") is easy to get wrong against the publication date.
//!
//! What the date is about (which event) is settled when the claim is checked; a date
//! the fact base cannot place stays unverified.

use super::{Claim, ClaimKind, ClauseContext, Statement};
use crate::dates::Precision;
use crate::mentions::MentionValue;

pub fn find(context: &ClauseContext) -> Vec<Claim> {
    context
        .mentions
        .iter()
        .filter_map(|mention| match mention.value {
            // "two years ago" states the time since an event: an elapsed claim.
            MentionValue::Date(date) if super::elapsed::is_ago(&date) => None,
            MentionValue::Date(date) => {
                let kind = if date.range.precision == Precision::Year {
                    ClaimKind::EventYear
                } else {
                    ClaimKind::EventDate
                };
                Some(context.claim(kind, mention.tokens.clone(), Statement::Date(date)))
            }
            _ => None,
        })
        .collect()
}
