//! The documentation names everything a user meets: every claim kind in the README,
//! every property and qualifier in the contributor's guide.

mod common;

use common::root;

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

#[test]
fn the_readme_describes_every_claim_kind() {
    let readme = read("README.md");
    for (kind, _) in claimcheck::claims::KINDS
        .iter()
        .flat_map(|kinds| kinds.iter())
    {
        let entry = format!("- **{}.**", kind.as_str());
        assert!(readme.contains(&entry), "README.md has no entry {entry}");
    }
}

#[test]
fn the_contributors_guide_lists_every_property_and_qualifier() {
    let guide = read("claims/README.md");
    let properties = read("rules/properties.yaml");
    let ids: Vec<&str> = properties
        .lines()
        .filter_map(|line| line.strip_prefix("  - id: "))
        .collect();
    assert!(ids.len() > 30, "{ids:?}");
    for id in ids {
        let row = format!("| `{id}` |");
        assert!(guide.contains(&row), "claims/README.md has no row {row}");
    }
}

#[test]
fn the_readme_describes_every_settings_key() {
    // The keys claimcheck.toml takes, as its error for an unknown one lists them.
    let error = claimcheck::config::Config::from_toml(
        std::path::Path::new("claimcheck.toml"),
        "no-such-key = 1\n",
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    let (_, expected) = error.split_once("expected one of").expect(&error);
    let keys: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    assert!(keys.len() >= 6, "{error}");
    let readme = read("README.md");
    for key in keys {
        let row = format!("| `{key}` |");
        assert!(readme.contains(&row), "README.md has no row {row}");
    }
}
