//! What must hold for any input: the pipeline never panics, and every span it
//! reports slices the original text on character boundaries.

use claimcheck::check::check_document;
use claimcheck::document::Document;
use claimcheck::factbase::{self, FactBase};
use claimcheck::mentions;
use claimcheck::rules::Rules;
use claimcheck::segment::Segmented;
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn setup() -> &'static (Rules, FactBase) {
    static SETUP: OnceLock<(Rules, FactBase)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let rules = Rules::load(&root.join("rules")).expect("rules load");
        let base = factbase::load_dir(&root.join("claims"), &rules).expect("fact base loads");
        (rules, base)
    })
}

/// Runs the whole pipeline on `text` as a file called `name`, checking every span.
fn run(name: &str, text: &str) {
    let (rules, base) = setup();
    let Ok(document) = Document::from_text(Path::new(name), text.to_string()) else {
        return;
    };
    let as_of = chrono::NaiveDate::from_ymd_opt(2020, 4, 9);
    let segmented = Segmented::new(&document, rules);
    for token in &segmented.tokens {
        assert!(
            token.span().get(text).is_some(),
            "token span {:?}",
            token.span()
        );
    }
    let found =
        mentions::extract(&segmented, rules, as_of, Some(&base.names)).expect("as-of given");
    for mention in &found {
        assert!(
            mention.span.get(text).is_some(),
            "mention span {:?}",
            mention.span
        );
    }
    let checked = check_document(document, as_of, rules, base).expect("checks");
    for claim in &checked.claims {
        assert_eq!(claim.span.get(text), Some(claim.text.as_str()));
    }
}

/// Text made of news-like pieces, so that random inputs reach the readers.
fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "January 3",
        "Mar. 8",
        "2020",
        "the 1990s",
        "last week",
        "on Monday",
        "three",
        "twenty-one",
        "1,500",
        "1.5",
        "million",
        "percent",
        "%",
        "about",
        "nearly",
        "ago",
        "years",
        "in",
        "the",
        "day",
        "before",
        "Soleimani",
        "Qassem",
        "strike",
        "rockets",
        "Basra",
        "—",
        "“",
        "”",
        "’s",
        ".",
        ",",
        "\n\n",
        "# ",
        "*",
        "`",
        "(",
        ")",
        "3/8/",
        "mid-",
        "-",
        "a",
        "half",
        "third",
        "21st",
        "3:30",
        "a.m.",
        "page",
        "¿",
        "🚀",
        "é",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|parts| parts.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_text_is_read_without_panicking(text in "\\PC{0,400}") {
        run("draft.txt", &text);
        run("draft.md", &text);
    }

    #[test]
    fn newsy_text_is_read_without_panicking(text in newsy()) {
        run("draft.txt", &text);
        run("draft.md", &text);
    }

    #[test]
    fn any_bytes_are_rejected_or_read(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let (rules, base) = setup();
        if let Ok(document) = Document::from_bytes(Path::new("draft.txt"), bytes) {
            let _ = check_document(document, chrono::NaiveDate::from_ymd_opt(2020, 4, 9), rules, base);
        }
    }
}

#[test]
fn huge_numbers_and_deep_brackets_do_not_break_anything() {
    let huge = format!(
        "{} rockets hit Basra on {} March.",
        "9".repeat(500),
        "9".repeat(40)
    );
    run("draft.txt", &huge);
    let nested = format!("{}January 3{}", "(".repeat(20_000), ")".repeat(20_000));
    run("draft.txt", &nested);
    run("draft.md", &format!("{}January 3", "> ".repeat(5_000)));
    run("draft.md", &format!("{}three rockets", "- ".repeat(5_000)));
}
