//! claimcheck finds the checkable statements in a news draft and checks them
//! against a database of sourced facts.
//!
//! The pipeline, one module a stage:
//!
//! ```text
//! document ──► segment ──► mentions ──► claims ──► verify ──► report
//! (text, as-of,  (tokens,    (dates,       (typed       (verdicts    (terminal,
//!  prose mask)    sentences,  numbers,      statements)  against the  JSON, HTML)
//!                 clauses)    hedges, names)             factbase)
//! ```
//!
//! `rules` holds the language data every stage reads (`words` its look-up tables);
//! `check` runs the pipeline on one draft; `cli` is the command line; `lsp` the
//! language server.

pub mod bundled;
pub mod cache_dir;
pub mod check;
pub mod claims;
pub mod cli;
pub mod config;
pub mod dates;
pub mod discourse;
pub mod document;
pub mod factbase;
pub mod lint;
pub mod lsp;
pub mod mentions;
pub mod output;
pub mod report;
pub mod rules;
pub mod rules_cache;
pub mod segment;
pub mod span;
pub mod units;
pub mod verify;
pub mod wikidata;
pub mod words;
pub mod yaml;
