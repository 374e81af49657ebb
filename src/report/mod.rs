//! The report stage: checked documents rendered for people (terminal, HTML) and for
//! programs (JSON, schema_version 1).

mod html;
mod json;
pub mod mentions;
mod text;

use crate::check::CheckedDocument;
use crate::verify::Verdict;
use serde::Serialize;

pub use html::render as html;
pub use json::render as json;
pub use text::render as text;

/// Counts of claims per verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub supported: usize,
    pub imprecise: usize,
    pub outdated: usize,
    pub contradicted: usize,
    pub unverified: usize,
}

impl Summary {
    pub fn of(document: &CheckedDocument) -> Summary {
        let count = |v| document.count(v);
        Summary {
            supported: count(Verdict::Supported),
            imprecise: count(Verdict::Imprecise),
            outdated: count(Verdict::Outdated),
            contradicted: count(Verdict::Contradicted),
            unverified: count(Verdict::Unverified),
        }
    }
}

pub const TOOL_NAME: &str = "claimcheck";
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");
