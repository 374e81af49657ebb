//! A cheap byte scan of one entity's JSON line, so that the entities a selection
//! does not want are passed over without being parsed: the top-level `id`, and
//! the spans of the statement arrays of one property, found by searching bytes and
//! skipping nested values by their brackets (strings and escapes respected).

use memchr::memmem;

/// The entity's `id` among the top-level keys of the object on `line`. The dump
/// writes it second, so it is found at once; other orders are walked key by key.
pub fn top_level_id(line: &[u8]) -> Option<&str> {
    let mut at = skip_space(line, 0);
    if line.get(at) != Some(&b'{') {
        return None;
    }
    at += 1;
    loop {
        at = skip_space(line, at);
        let key_end = string_end(line, at)?;
        let key = &line[at + 1..key_end - 1];
        at = skip_space(line, key_end);
        if line.get(at) != Some(&b':') {
            return None;
        }
        at = skip_space(line, at + 1);
        let value_end = value_end(line, at)?;
        if key == b"id" {
            let value = line.get(at + 1..value_end.checked_sub(1)?)?;
            return std::str::from_utf8(value).ok().filter(|_| line[at] == b'"');
        }
        at = skip_space(line, value_end);
        match line.get(at) {
            Some(b',') => at += 1,
            _ => return None,
        }
    }
}

/// Searches one entity line for the statement arrays of one property.
pub struct PropertyFinder {
    key: memmem::Finder<'static>,
}

impl PropertyFinder {
    /// A finder for `"P31":[`, where the arrays of P31 begin. The same key opens a
    /// qualifier's or a reference's snaks of that property, so what is found is a
    /// superset of the property's statements, never less.
    pub fn new(code: super::ids::PropertyCode) -> PropertyFinder {
        PropertyFinder {
            key: memmem::Finder::new(format!("\"{code}\":[").as_bytes()).into_owned(),
        }
    }

    /// Each span of `line` that holds an array of the property's snaks or statements.
    pub fn arrays<'a>(&'a self, line: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.key.find_iter(line).filter_map(move |found| {
            let start = found + self.key.needle().len() - 1;
            value_end(line, start).map(|end| &line[start..end])
        })
    }
}

fn skip_space(line: &[u8], mut at: usize) -> usize {
    while line.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// The end (exclusive) of the string that opens at `at`.
fn string_end(line: &[u8], at: usize) -> Option<usize> {
    if line.get(at) != Some(&b'"') {
        return None;
    }
    let mut i = at + 1;
    loop {
        i += memchr::memchr2(b'"', b'\\', line.get(i..)?)?;
        if line[i] == b'\\' {
            i += 2;
        } else {
            return Some(i + 1);
        }
    }
}

/// The end (exclusive) of the JSON value that starts at `at`.
fn value_end(line: &[u8], at: usize) -> Option<usize> {
    match line.get(at)? {
        b'"' => string_end(line, at),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = at;
            while let Some(&byte) = line.get(i) {
                match byte {
                    b'"' => {
                        i = string_end(line, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            None
        }
        _ => {
            let rest = line.get(at..)?;
            let len = rest
                .iter()
                .position(|&b| matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace())
                .unwrap_or(rest.len());
            Some(at + len)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wikidata::ids::PropertyCode;

    #[test]
    fn the_id_is_found_in_any_key_order() {
        let dump = br#"{"type":"item","id":"Q42","labels":{}}"#;
        assert_eq!(top_level_id(dump), Some("Q42"));
        let late = br#"{"labels":{"en":{"value":"a \"id\":\"Q1\" [x"}},"claims":[{"id":"Q9"}], "id" : "Q7"}"#;
        assert_eq!(top_level_id(late), Some("Q7"));
        assert_eq!(top_level_id(b"[\n"), None);
        assert_eq!(top_level_id(br#"{"labels":{"#), None);
    }

    #[test]
    fn a_propertys_arrays_end_at_their_closing_bracket() {
        let line =
            br#"{"claims":{"P31":[{"v":"]}\"["},{"v":[1]}],"P21":[{}]},"qualifiers":{"P31":[]}}"#;
        let finder = PropertyFinder::new(PropertyCode(31));
        let found: Vec<&[u8]> = finder.arrays(line).collect();
        assert_eq!(found, [&br#"[{"v":"]}\"["},{"v":[1]}]"#[..], b"[]"]);
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_are_scanned_without_panicking(line in proptest::collection::vec(
            proptest::sample::select(b"{}[]\":,\\ P31Qid0123 x".to_vec()), 0..200)) {
            let _ = top_level_id(&line);
            let finder = PropertyFinder::new(PropertyCode(31));
            for array in finder.arrays(&line) {
                proptest::prop_assert!(array.starts_with(b"[") && array.ends_with(b"]"));
            }
        }
    }
}
