//! A synthetic fact base for benchmarks: N facts over N/5 entities, written as
//! fact files of 1,000 facts each, that pass `db lint`. Names are made of
//! syllables so that fuzzy look-ups meet realistic near misses; everything is
//! derived from the entity's number, so a base of a given N is always the same.
//! The data is invented and its sources point at example.org.

#![allow(dead_code)] // each bench uses a part of it

use std::fmt::Write as _;
use std::path::Path;

const SYLLABLES: [&str; 40] = [
    "ka", "dhi", "mi", "so", "lei", "ma", "ni", "za", "ru", "fi", "al", "la", "wi", "ba", "ha",
    "sa", "li", "mu", "han", "dis", "qa", "sem", "ta", "rik", "jo", "nu", "ve", "da", "re", "ko",
    "tu", "pa", "shi", "gho", "yu", "ne", "ro", "be", "ti", "lo",
];

/// Facts per entity, and entities per file.
const FACTS_PER_ENTITY: usize = 5;
const ENTITIES_PER_FILE: usize = 200;

/// A word of at least `min` syllables spelling `n` in base 40: distinct numbers
/// give distinct words.
fn word(mut n: u64, min: usize) -> String {
    let mut word = String::new();
    let mut count = 0;
    while n > 0 || count < min {
        word.push_str(SYLLABLES[(n % 40) as usize]);
        n /= 40;
        count += 1;
    }
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A well-mixed number from `n` (splitmix64), for the parts of a name and date
/// that need not be unique.
pub fn mix(n: u64) -> u64 {
    let mut z = n.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The name of entity `n`: a unique family name and a given name.
pub fn entity_name(n: u64) -> (String, String) {
    (word(mix(n) % 1600, 2), word(n, 3))
}

/// Writes a base of `facts` facts (rounded up to whole entities) into `dir`;
/// returns the number of bytes written.
pub fn generate(dir: &Path, facts: usize) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let entities = facts.div_ceil(FACTS_PER_ENTITY);
    let mut bytes = 0;
    for (file_number, first) in (0..entities).step_by(ENTITIES_PER_FILE).enumerate() {
        let last = (first + ENTITIES_PER_FILE).min(entities);
        let text = file(first as u64..last as u64);
        bytes += text.len() as u64;
        std::fs::write(dir.join(format!("synthetic-{file_number:05}.yaml")), text)?;
    }
    Ok(bytes)
}

fn file(entities: std::ops::Range<u64>) -> String {
    let mut out =
        String::from("# Synthetic fact file for benchmarks (invented data).\nentities:\n");
    for n in entities.clone() {
        let (given, family) = entity_name(n);
        let _ = write!(
            out,
            "  - id: event-{n}\n    name: {given} {family} attack\n    kind: event\n    aliases: [{family} attack, {family} bombing]\n"
        );
    }
    out.push_str("facts:\n");
    for n in entities {
        let r = mix(n ^ 0x5eed);
        let (year, month, day) = (1990 + r % 35, 1 + (r >> 8) % 12, 1 + (r >> 16) % 28);
        let date = format!("{year}-{month:02}-{day:02}");
        let month_only = format!("{year}-{month:02}");
        let facts = [
            ("date", format!("property: occurred\n    date: {date}")),
            (
                "month",
                format!("property: occurred\n    date: {month_only}"),
            ),
            (
                "rockets",
                format!(
                    "property: count\n    value: {}\n    unit: rocket",
                    1 + (r >> 24) % 20
                ),
            ),
            (
                "killed",
                format!(
                    "property: count\n    value: {}\n    unit: person killed",
                    (r >> 32) % 50
                ),
            ),
            (
                "wounded",
                format!(
                    "property: count\n    value: {}\n    unit: person wounded",
                    (r >> 40) % 90
                ),
            ),
        ];
        for (suffix, body) in facts {
            let _ = write!(
                out,
                "  - id: event-{n}-{suffix}\n    subject: event-{n}\n    {body}\n    sources:\n      - url: https://example.org/news/{n}/{suffix}\n        title: Report {n} on the attack\n        publisher: Example News\n        date: {date}\n"
            );
        }
    }
    out
}

/// Every name and alias of the base, as name keys: what a look-up that scores every
/// name (the baseline the indexed look-ups are measured against) goes through.
pub fn all_name_keys(base: &claimcheck::factbase::FactBase) -> Vec<String> {
    base.entities
        .iter()
        .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases))
        .map(|n| claimcheck::factbase::name_key(n))
        .collect()
}
