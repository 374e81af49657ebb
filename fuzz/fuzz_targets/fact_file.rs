//! A fact file of any bytes: read, linted (every rule) and, when it passes,
//! compiled and indexed into a base that a short draft is checked against.
//! Nothing may panic.

#![no_main]

use claimcheck::check::check_document;
use claimcheck::document::Document;
use claimcheck::factbase::{self, FileText};
use claimcheck::rules::Rules;
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static RULES: LazyLock<Rules> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    Rules::load(&root.join("rules")).expect("bundled rules")
});

/// A draft with one of each kind of claim, worded for no base in particular.
const DRAFT: &str = "The attack on March 3, 2020 killed 12 people, the second in a month. \
It came about a week after the vote, nearly two years ago. \
Foreign minister Jane Doe, 54, said the third leader named in 10 weeks took office on Monday.";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rules = &*RULES;
    let texts = vec![FileText {
        path: PathBuf::from("fuzz.yaml"),
        text: Ok(text.to_string()),
    }];
    let Ok(base) = factbase::compile_texts(texts, rules) else {
        return;
    };
    let document = Document::from_text(Path::new("draft.txt"), DRAFT.to_string()).expect("draft");
    let as_of = chrono::NaiveDate::from_ymd_opt(2020, 4, 9);
    let _ = check_document(document, as_of, rules, &base);
});
