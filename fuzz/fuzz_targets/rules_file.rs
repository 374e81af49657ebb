//! One rules file replaced by any bytes (the first byte chooses which), the
//! others bundled: loaded and validated, and when they load, a short draft
//! read with them. Nothing may panic.

#![no_main]

use claimcheck::document::Document;
use claimcheck::mentions;
use claimcheck::rules::{RuleTexts, Rules};
use claimcheck::segment::Segmented;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::LazyLock;

static BUNDLED: LazyLock<RuleTexts> =
    LazyLock::new(|| RuleTexts::bundled().expect("the rules compiled in"));

const DRAFT: &str = "About 12 rockets hit the base on Jan. 3, 2020, nearly two weeks after \
the first of three strikes; the second came last Monday, 5/6/2020, at 10 a.m. \
More than half of the 1.5 million voters backed the third prime minister in seven weeks.";

fuzz_target!(|data: &[u8]| {
    let Some((&choice, text)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let mut texts = BUNDLED.clone();
    let replaced = match choice % 11 {
        0 => &mut texts.lexicon,
        1 => &mut texts.context,
        2 => &mut texts.mentions,
        3 => &mut texts.holidays,
        4 => &mut texts.hedges,
        5 => &mut texts.names,
        6 => &mut texts.triggers,
        7 => &mut texts.references,
        8 => &mut texts.units,
        9 => &mut texts.titles,
        _ => &mut texts.properties,
    };
    *replaced = text.to_string();
    let Ok(rules) = Rules::from_texts(Path::new("rules"), &texts) else {
        return;
    };
    let document = Document::from_text(Path::new("draft.txt"), DRAFT.to_string()).expect("draft");
    let segmented = Segmented::new(&document, &rules);
    let as_of = chrono::NaiveDate::from_ymd_opt(2020, 4, 9);
    if let Ok(found) = mentions::extract(&segmented, &rules, as_of, None) {
        let _ = claimcheck::claims::find(&segmented, &found, &rules, None);
    }
});
