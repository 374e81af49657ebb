//! One module per lint rule. Each starts with the rule's documentation in fixed
//! headings; `tests/fixtures/lint/<rule-name>/` holds a base that breaks it.

pub mod conflicting_time;
pub mod contradiction;
pub mod duplicate_id;
pub mod end_before_start;
pub mod hidden_character;
pub mod imported_disagrees;
pub mod incomplete_fact;
pub mod invalid_date;
pub mod invalid_source;
pub mod invalid_value;
pub mod missing_field;
pub mod missing_sources;
pub mod overlapping_terms;
pub mod shared_alias;
pub mod shared_wikidata;
pub mod unknown_entity;
pub mod unknown_field;
pub mod unknown_property;
pub mod unknown_qualifier;
pub mod wrong_kind;
pub mod wrong_type;
pub mod yaml_syntax;
