//! Wikidata's identifiers as numbers: items (`Q42`) and properties (`P39`). Read
//! from rules and selection files (refused with their place when malformed) and
//! from entity JSON.

use serde::Deserialize;
use std::fmt;

/// An item, `Q42`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemId(pub u64);

/// A property, `P39`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PropertyCode(pub u32);

impl ItemId {
    /// `Q42` → 42; anything else → `None`.
    pub fn parse(text: &str) -> Option<ItemId> {
        parse_number(text, 'Q').map(ItemId)
    }

    /// The item's page, which every imported fact cites.
    pub fn url(self) -> String {
        format!("https://www.wikidata.org/wiki/{self}")
    }

    /// The id of the entity written for the item: `q42`.
    pub fn entity_id(self) -> String {
        format!("q{}", self.0)
    }
}

impl PropertyCode {
    pub fn parse(text: &str) -> Option<PropertyCode> {
        parse_number(text, 'P')
            .and_then(|n| u32::try_from(n).ok())
            .map(PropertyCode)
    }
}

fn parse_number(text: &str, letter: char) -> Option<u64> {
    let digits = text.strip_prefix(letter)?;
    if digits.is_empty() || digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Q{}", self.0)
    }
}

impl fmt::Display for PropertyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "P{}", self.0)
    }
}

impl<'de> Deserialize<'de> for ItemId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        ItemId::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("`{text}` is not a Wikidata item id (write Q42)"))
        })
    }
}

impl<'de> Deserialize<'de> for PropertyCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PropertyCode::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a Wikidata property id (write P39)"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_only_in_their_own_shape() {
        assert_eq!(ItemId::parse("Q42"), Some(ItemId(42)));
        assert_eq!(PropertyCode::parse("P39"), Some(PropertyCode(39)));
        for bad in ["Q", "Q042", "q42", "Q4x", "P39", " Q42"] {
            assert_eq!(ItemId::parse(bad), None, "{bad}");
        }
        assert_eq!(ItemId(42).entity_id(), "q42");
        assert_eq!(ItemId(42).url(), "https://www.wikidata.org/wiki/Q42");
    }
}
