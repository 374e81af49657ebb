//! Fuzzy name look-up: misspellings and transliterations find their entity, names
//! that only look alike do not, and the thresholds come from `rules/names.yaml`.
//! The entities here (real names, no facts) have no aliases, so what is found is
//! found by the index and its folding, not by an alias list.

mod common;

use claimcheck::document::Document;
use claimcheck::factbase::{
    Entity, EntityIdx, EntityKind, Fuzzy, Holders, NameIndex, NameMatch, Origin, TitleIndex,
    name_key,
};
use claimcheck::mentions::{self, MentionValue};
use claimcheck::rules::{NameMatching, Rules};
use claimcheck::segment::Segmented;
use std::path::Path;
use std::sync::Arc;

fn entity(id: &str, name: &str, kind: EntityKind) -> Entity {
    Entity {
        id: id.into(),
        name: name.into(),
        kind,
        aliases: Vec::new(),
        cues: Vec::new(),
        leads: None,
        holders: Holders::One,
        recurs: false,
        imported: false,
        origin: Origin {
            file: Arc::from(Path::new("fixture.yaml")),
            line: 1,
        },
    }
}

fn entities() -> Vec<Entity> {
    vec![
        entity("qasem-soleimani", "Qasem Soleimani", EntityKind::Person),
        entity(
            "mustafa-al-kadhimi",
            "Mustafa al-Kadhimi",
            EntityKind::Person,
        ),
        entity("kadhimi", "Kadhimi", EntityKind::Person),
        entity("iraq", "Iraq", EntityKind::Country),
        entity("iran", "Iran", EntityKind::Country),
        entity("ayad-allawi", "Ayad Allawi", EntityKind::Person),
        entity(
            "mohammed-allawi",
            "Mohammed Tawfiq Allawi",
            EntityKind::Person,
        ),
        entity("mike-pompeo", "Mike Pompeo", EntityKind::Person),
    ]
}

fn settings() -> NameMatching {
    Rules::load(&common::root().join("rules"))
        .expect("bundled rules load")
        .names
}

fn ids(matches: &[NameMatch]) -> Vec<String> {
    ids_in(&entities(), matches)
}

fn search(query: &str) -> (NameIndex, Vec<NameMatch>) {
    let index = NameIndex::new(&entities(), &settings());
    let found = index.search(query, 5);
    (index, found)
}

#[test]
fn misspellings_find_their_entity_strongly() {
    for query in ["Qassem Soleimani", "Qasem Solemani", "Mustafa al-Kadhimy"] {
        let (index, found) = search(query);
        let first = found
            .first()
            .unwrap_or_else(|| panic!("{query}: nothing found"));
        assert!(index.is_strong(first.score), "{query}: {first:?}");
        assert_ne!(first.score, 1.0, "{query} is not an exact name");
    }
    assert_eq!(ids(&search("Qassem Soleimani").1), ["qasem-soleimani"]);
}

#[test]
fn transliterations_are_found_but_never_strongly() {
    for (query, wanted) in [
        ("Kazemi", "kadhimi"),
        ("Kadhemi", "kadhimi"),
        ("Qassem Suleymani", "qasem-soleimani"),
        ("Mustafa al-Kazemi", "mustafa-al-kadhimi"),
    ] {
        let (index, found) = search(query);
        assert_eq!(
            ids(&found).first().map(String::as_str),
            Some(wanted),
            "{query}: {found:?}"
        );
        assert!(!index.is_strong(found[0].score), "{query}: {found:?}");
    }
}

#[test]
fn names_that_only_look_alike_do_not_match() {
    for (query, not_wanted) in [
        ("Iran", "iraq"),
        ("Kazim", "kadhimi"),
        ("Karimi", "kadhimi"),
        ("Mike Pence", "mike-pompeo"),
        ("Ayad Allawi", "mohammed-allawi"),
    ] {
        let (_, found) = search(query);
        assert!(
            !ids(&found).iter().any(|id| id == not_wanted),
            "{query} found {not_wanted}: {found:?}"
        );
    }
}

#[test]
fn the_draft_matcher_only_scores_names_of_the_same_length_in_words() {
    let index = NameIndex::new(&entities(), &settings());
    let one_word = index.fuzzy(&name_key("Kazemi"), 1);
    assert_eq!(ids(one_word.matches()), ["kadhimi"]);
    assert!(index.fuzzy(&name_key("Kazemi"), 3).matches().is_empty());
}

/// Spellings one or two slips away from `name`: a letter dropped, doubled,
/// swapped with the next or replaced, at every place.
fn slips(name: &str) -> Vec<String> {
    let letters: Vec<char> = name.chars().collect();
    let mut found = Vec::new();
    for i in 1..letters.len() {
        let with = |edit: &dyn Fn(&mut Vec<char>)| {
            let mut spelling = letters.clone();
            edit(&mut spelling);
            spelling.into_iter().collect::<String>()
        };
        found.push(with(&|s| {
            s.remove(i);
        }));
        found.push(with(&|s| s.insert(i, letters[i])));
        found.push(with(&|s| s.swap(i - 1, i)));
        found.push(with(&|s| s[i] = 'e'));
        found.push(with(&|s| {
            s[i] = 'o';
            s.remove(i - 1);
        }));
    }
    // A name starts with a capital in a draft, and the fuzzy reader reads only
    // capitalised words.
    found.retain(|s| s.split(' ').all(|w| w.starts_with(char::is_uppercase)));
    found
}

/// What a draft reader finds in each slip of every name is what a direct look-up
/// finds: the shapes and remembered look-ups that spare the reader most look-ups
/// never lose one.
#[test]
fn a_draft_finds_every_misspelling_a_look_up_finds() {
    let rules = Rules::load(&common::root().join("rules")).expect("bundled rules load");
    let all = entities();
    let index = NameIndex::new(&all, &rules.names);
    // Other ways of writing the names in Latin letters, found only by folding.
    let transliterations = [
        "Qassem Suleimani",
        "Kazemi",
        "Mostafa Al-Kazemi",
        "Mohammad Tawfik Alawi",
        "Ayyad Alawi",
    ];
    let spellings = all
        .iter()
        .flat_map(|entity| slips(&entity.name))
        .chain(transliterations.map(String::from));
    let mut found_by_both = 0;
    for slip in spellings {
        let text = format!("Reporters said {slip} spoke.\n\nLater {slip} left.\n");
        let document = Document::from_text(Path::new("draft.txt"), text).unwrap();
        let segmented = Segmented::new(&document, &rules);
        let read = mentions::extract(&segmented, &rules, None, Some(&index)).unwrap();
        let in_draft: Vec<(&str, &str)> = read
            .iter()
            .filter_map(|m| match m.value {
                MentionValue::Entity { entity, .. } => {
                    Some((document.slice(m.span), all[entity].id.as_str()))
                }
                _ => None,
            })
            .collect();
        let key = name_key(&slip);
        let looked_up: Vec<EntityIdx> = match index.exact(&key) {
            [] => {
                let fuzzy = index.fuzzy(&key, key.split(' ').count());
                fuzzy.matches().iter().map(|m| m.entity).collect()
            }
            exact => exact.to_vec(),
        };
        // Both paragraphs read alike: the second from what the first remembered.
        let expected: Vec<(&str, &str)> = [&looked_up, &looked_up]
            .into_iter()
            .flatten()
            .map(|&e| (slip.as_str(), all[e].id.as_str()))
            .collect();
        assert_eq!(in_draft, expected, "{slip:?}");
        found_by_both += usize::from(!looked_up.is_empty());
    }
    assert!(found_by_both > 100, "only {found_by_both} slips found");
}

#[test]
fn thresholds_are_configurable() {
    let strict = NameMatching {
        transliteration_match: 0.0,
        ..settings()
    };
    let index = NameIndex::new(&entities(), &strict);
    assert!(index.search("Kazemi", 5).is_empty());
    let short = NameMatching {
        fuzzy_min_length: 20,
        ..settings()
    };
    let index = NameIndex::new(&entities(), &short);
    assert!(index.search("Qassem Soleimani", 5).is_empty());
}

#[test]
fn db_find_shows_the_entity_with_its_facts() {
    let output = common::claimcheck(&["db", "find", "Kazemi", "--format", "json", "--no-cache"]);
    assert_eq!(output.status.code(), Some(0));
    let found: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let first = &found["matches"][0];
    assert_eq!(first["id"], "mustafa-al-kadhimi");
    assert_eq!(first["strong"], false);
    let facts: Vec<&str> = first["facts"]
        .as_array()
        .expect("facts")
        .iter()
        .filter_map(|f| f["id"].as_str())
        .collect();
    assert!(facts.contains(&"kadhimi-named-pm-designate"), "{facts:?}");
    let nothing = common::claimcheck(&["db", "find", "Barack Obama", "--no-cache"]);
    assert_eq!(nothing.status.code(), Some(1));
}

fn imported(id: &str, name: &str) -> Entity {
    Entity {
        imported: true,
        ..entity(id, name, EntityKind::Person)
    }
}

#[test]
fn a_hand_written_entity_keeps_a_name_an_imported_one_shares() {
    let mut all = entities();
    all.push(imported("q1", "Mike Pompeo"));
    let index = NameIndex::new(&all, &settings());
    let pompeo = all.iter().position(|e| e.id == "mike-pompeo").unwrap();
    assert_eq!(index.exact(&name_key("Mike Pompeo")), [pompeo]);
    assert!(!index.is_ambiguous(&name_key("Mike Pompeo")));
    let misspelt = index.fuzzy(&name_key("Mike Pompio"), 2);
    assert_eq!(ids(misspelt.matches()), ["mike-pompeo"], "{misspelt:?}");
}

#[test]
fn a_name_imported_entities_share_names_none_of_them_exactly_or_misspelt() {
    let mut all = entities();
    all.push(imported("q1", "Kenji Yamada"));
    all.push(imported("q2", "Kenji Yamada"));
    let index = NameIndex::new(&all, &settings());
    let key = name_key("Kenji Yamada");
    assert!(index.exact(&key).is_empty());
    assert!(index.is_ambiguous(&key));
    assert_eq!(index.fuzzy(&name_key("Kenji Yamadda"), 2), Fuzzy::Ambiguous);
    // One of them alone is found, exactly and misspelt.
    let mut one = entities();
    one.push(imported("q1", "Kenji Yamada"));
    let index = NameIndex::new(&one, &settings());
    assert_eq!(index.exact(&key), [one.len() - 1]);
    assert_eq!(
        ids_in(&one, index.fuzzy(&name_key("Kenji Yamadda"), 2).matches()),
        ["q1"]
    );
}

#[test]
fn a_misspelling_as_close_to_two_names_of_imported_entities_names_neither() {
    let mut all = entities();
    all.push(imported("q1", "Kenji Yamada"));
    all.push(imported("q2", "Kenji Yamata"));
    let index = NameIndex::new(&all, &settings());
    assert!(!index.is_ambiguous(&name_key("Kenji Yamada")));
    assert_eq!(index.fuzzy(&name_key("Kenji Yamaha"), 2), Fuzzy::Ambiguous);
    assert_eq!(
        ids_in(&all, index.fuzzy(&name_key("Kenji Yamadda"), 2).matches()),
        ["q1"]
    );
}

fn ids_in(all: &[Entity], matches: &[NameMatch]) -> Vec<String> {
    matches.iter().map(|m| all[m.entity].id.clone()).collect()
}

fn office(id: &str, name: &str, imported: bool) -> Entity {
    Entity {
        imported,
        ..entity(id, name, EntityKind::Office)
    }
}

#[test]
fn an_office_title_several_imported_offices_share_is_no_title_of_either() {
    let rules = Rules::load(&common::root().join("rules")).expect("bundled rules load");
    let words = rules.titles.content_words(["finance", "minister"]);
    let titles = |offices: &[Entity]| {
        let names = NameIndex::new(offices, &rules.names);
        TitleIndex::new(offices, &rules.titles, &names)
    };
    let one = [office("q1", "Finance Minister", true)];
    assert_eq!(titles(&one).best(&words).map(|m| m.office), Some(0));
    let two = [
        office("q1", "Finance Minister", true),
        office("q2", "Finance Minister", true),
    ];
    assert_eq!(titles(&two).best(&words), None);
    // A hand-written office keeps the title.
    let hand = [
        office("q1", "Finance Minister", true),
        office("finance-minister", "Finance Minister", false),
    ];
    assert_eq!(titles(&hand).best(&words).map(|m| m.office), Some(1));
}

/// A run of words matches a name of as many words fuzzily only if each word is a
/// weak match for its own: one letter changes a short word into another word.
#[test]
fn each_word_of_a_name_matched_fuzzily_is_a_match_of_its_own() {
    let all = [
        office("us-president", "US President", false),
        entity("elizabeth-i", "Elizabeth I", EntityKind::Person),
        entity("mike-pompeo", "Mike Pompeo", EntityKind::Person),
        entity("qasem-soleimani", "Qasem Soleimani", EntityKind::Person),
        entity("ayad-allawi", "Ayad Allawi", EntityKind::Person),
    ];
    let index = NameIndex::new(&all, &settings());
    let found = |draft: &str| {
        let key = name_key(draft);
        ids_in(&all, index.fuzzy(&key, key.split(' ').count()).matches())
    };
    for unrelated in ["As President", "Elizabeth H", "Mika Pompeo"] {
        assert!(
            found(unrelated).is_empty(),
            "{unrelated}: {:?}",
            found(unrelated)
        );
    }
    // Each word a misspelling, or a transliteration long enough to be one.
    assert_eq!(found("Mike Pompio"), ["mike-pompeo"]);
    assert_eq!(found("Qassem Suleymani"), ["qasem-soleimani"]);
    assert_eq!(found("Ayyad Alawi"), ["ayad-allawi"]);
}

#[test]
fn a_run_is_looked_up_only_when_a_name_may_end_with_its_last_word() {
    let index = NameIndex::new(&entities(), &settings());
    for entity in entities() {
        let key = name_key(&entity.name);
        let last = key.rsplit(' ').next().unwrap();
        assert!(index.may_end_with(last), "{key}");
    }
    // No name ends with a word of these first two letters and lengths.
    for word in ["", "zz", "quux", "xylophones"] {
        assert!(!index.may_end_with(word), "{word}");
    }
}
