//! ## What it does
//! Reports a field the fact file format does not have, usually a misspelt one.
//!
//! ## Why is this bad?
//! A misspelt field is silently lost: `alias: [Kadhimi]` would leave the entity
//! without the alias the contributor meant to add.
//!
//! ## Example
//! ```yaml
//! entities:
//!   - id: mustafa-al-kadhimi
//!     alias: [Kadhimi]
//! ```
//!
//! Use instead:
//! ```yaml
//! entities:
//!   - id: mustafa-al-kadhimi
//!     aliases: [Kadhimi]
//! ```

pub const FIX: &str = "rename the field to one of those listed (see claims/README.md), or remove it; a comment (`# ...`) or a fact's `note:` holds free text";

pub fn matches(message: &str) -> bool {
    message.contains("unknown field")
}

/// The message and fix for serde's "unknown field `x`, expected one of `a`, `b`":
/// when a known field is close to the one written, both name it.
pub fn explain(message: &str) -> (String, String) {
    match closest_known_field(message) {
        Some((written, known)) => (
            format!("{message} (did you mean `{known}`?)"),
            format!("rename `{written}` to `{known}`"),
        ),
        None => (message.to_string(), FIX.to_string()),
    }
}

/// The field written and the known field most like it, when one is close enough to
/// be a misspelling of it. The known fields come as `expected one of a, b` or
/// `expected a or b`, with or without backticks.
fn closest_known_field(message: &str) -> Option<(&str, &str)> {
    let (unknown, expected) = message.split_once("expected")?;
    let written = unknown.split('`').nth(1)?;
    let expected = expected.trim_start();
    let expected = expected.strip_prefix("one of").unwrap_or(expected);
    expected
        .split(',')
        .flat_map(|part| part.split(" or "))
        .map(|known| known.trim().trim_matches('`'))
        .filter(|known| !known.is_empty())
        .map(|known| (strsim::jaro_winkler(written, known), known))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, known)| (written, known))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As the YAML reader lists the fields of an entity.
    const FIELDS: &str = "expected one of id, name, kind, aliases, cues, holders";

    #[test]
    fn a_close_known_field_is_suggested() {
        let (message, fix) = explain(&format!("unknown field `alias`, {FIELDS}"));
        assert!(message.ends_with("(did you mean `aliases`?)"), "{message}");
        assert_eq!(fix, "rename `alias` to `aliases`");
        let (message, _) = explain("unknown field `titel`, expected `url` or `title`");
        assert!(message.ends_with("(did you mean `title`?)"), "{message}");
    }

    #[test]
    fn no_field_is_suggested_when_none_is_close() {
        for written in ["colour", "x", "population"] {
            let (message, fix) = explain(&format!("unknown field `{written}`, {FIELDS}"));
            assert!(!message.contains("did you mean"), "{message}");
            assert_eq!(fix, FIX);
        }
    }
}
