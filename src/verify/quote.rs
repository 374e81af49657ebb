//! Quotes: the fact base holds no record of what people said, so a quotation is
//! listed as unverified with its speaker, for an editor to source.

use super::{CheckContext, Judgement};
use crate::factbase::EntityIdx;
use serde_json::json;

pub fn check(speaker: Option<EntityIdx>, context: &CheckContext) -> Judgement {
    let name = speaker.map(|s| context.base.entities[s].name.as_str());
    let mut judgement = Judgement::unverified(match name {
        Some(name) => format!(
            "a quotation attributed to {name}; the fact base holds no record of what was said"
        ),
        None => "a quotation; the fact base holds no record of what was said".to_string(),
    });
    if let Some(speaker) = speaker {
        judgement
            .normalized
            .insert("speaker".into(), json!(context.base.entities[speaker].id));
    }
    judgement
}
