//! A draft of any bytes through the whole pipeline against the bundled rules
//! and fact base, then through a report format. The first byte chooses Markdown
//! or plain text, whether there is a publication date, the format and colour.
//! Nothing may panic, every claim's span must slice the draft to the claim's
//! text, and JSON formats must parse.

#![no_main]

use claimcheck::check::check_document;
use claimcheck::document::Document;
use claimcheck::factbase::{self, FactBase};
use claimcheck::report::{self, CheckRun, DatabaseVersion, Format, RenderOptions, Vocabulary};
use claimcheck::rules::Rules;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::LazyLock;

struct Bundled {
    rules: Rules,
    base: FactBase,
    database: DatabaseVersion,
}

static BUNDLED: LazyLock<Bundled> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let rules = Rules::load(&root.join("rules")).expect("bundled rules");
    let base = factbase::load_dir(&root.join("claims"), &rules).expect("bundled base");
    let database = DatabaseVersion::of(&base);
    Bundled {
        rules,
        base,
        database,
    }
});

const FORMATS: [Format; 6] = [
    Format::Text,
    Format::Json,
    Format::Html,
    Format::Markdown,
    Format::Sarif,
    Format::ClaimReview,
];

fuzz_target!(|data: &[u8]| {
    let Some((&choice, text)) = data.split_first() else {
        return;
    };
    let bundled = &*BUNDLED;
    let path = if choice & 1 == 0 {
        "draft.md"
    } else {
        "draft.txt"
    };
    let Ok(document) = Document::from_bytes(Path::new(path), text.to_vec()) else {
        return;
    };
    // Half the inputs with a publication date, so relative dates resolve.
    let as_of = (choice & 2 == 0).then(|| chrono::NaiveDate::from_ymd_opt(2020, 4, 9).unwrap());
    let Ok(checked) = check_document(document, as_of, &bundled.rules, &bundled.base) else {
        return;
    };
    for claim in &checked.claims {
        assert_eq!(claim.span.get(&checked.text), Some(claim.text.as_str()));
    }
    let documents = [checked];
    let vocabulary = Vocabulary::of(&documents, &bundled.base, &bundled.rules);
    let run = CheckRun {
        documents: &documents,
        failed: &[],
        vocabulary: &vocabulary,
        database: &bundled.database,
    };
    // One format an input, chosen by the first byte, so each run stays short.
    let format = FORMATS[usize::from(choice >> 2) % FORMATS.len()];
    let options = RenderOptions {
        colour: choice & 0x80 != 0,
        // Narrow widths too, so that wrapping meets long sources.
        width: Some(usize::from(choice & 0x7f)),
        review_url: Some("https://example.org/review".into()),
        index_href: None,
    };
    let rendered = report::render(format, &run, &options).expect("renders");
    if matches!(format, Format::Json | Format::Sarif | Format::ClaimReview) {
        serde_json::from_str::<serde_json::Value>(&rendered).expect("valid JSON");
    }
    if format == Format::ClaimReview {
        assert!(
            !rendered.contains('<'),
            "ClaimReview stays inside its script"
        );
    }
    if format == Format::Html {
        let batch = report::batch::files(&run, format, &options, &Default::default(), "now")
            .expect("batch renders");
        assert_eq!(batch.len(), 3);
    }
});
