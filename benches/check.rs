//! Checking one draft of about 1,000 words once the fact base is loaded: against
//! the bundled base (the baseline, a few dozen facts) and against a synthetic base
//! of `CLAIMCHECK_BENCH_FACTS` facts (10,000 unless set), in the same run, so the
//! ratio shows what the size of the base costs a check.
//!
//! ```sh
//! CLAIMCHECK_BENCH_FACTS=1000000 cargo bench --bench check -- --warm-up-time 1 --measurement-time 5
//! ```
//! The synthetic base is compiled once into a cache in a temporary directory (about
//! a minute for a million facts), then loaded from it.

mod generator;

use claimcheck::check::check_document;
use claimcheck::document::Document;
use claimcheck::factbase::{self, FactBase, LoadOptions};
use claimcheck::rules::Rules;
use criterion::{Criterion, criterion_group, criterion_main};
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

/// Words of public-domain prose in the draft, besides its sentences about events.
const PROSE_WORDS: usize = 900;

fn facts() -> usize {
    std::env::var("CLAIMCHECK_BENCH_FACTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

/// About 1,000 words: the start of the shipped sample, then sentences that name
/// events of the synthetic base with a date and a count, as a draft about them would.
fn draft(root: &Path, entities: u64) -> String {
    let sample = std::fs::read_to_string(root.join("benches/data/news-sample.txt"))
        .expect("the shipped sample");
    let mut words = 0;
    let mut text = String::new();
    for line in sample.lines() {
        if words >= PROSE_WORDS {
            break;
        }
        words += line.split_whitespace().count();
        text.push_str(line);
        text.push('\n');
    }
    for i in 0..10 {
        let (given, family) = generator::entity_name(generator::mix(i) % entities);
        let _ = writeln!(
            text,
            "\nThe {given} {family} attack on March 3 killed 12 people, officials said."
        );
    }
    text
}

fn check(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = Rules::load(&root.join("rules")).expect("bundled rules");
    let bundled = factbase::load_dir(&root.join("claims"), &rules).expect("bundled base");
    let n = facts();
    let base_dir = tempfile::tempdir().expect("temporary directory");
    let cache_dir = tempfile::tempdir().expect("temporary directory");
    generator::generate(base_dir.path(), n).expect("synthetic base written");
    let options = LoadOptions {
        cache_dir: Some(cache_dir.path().to_path_buf()),
    };
    let load = || {
        factbase::load_dir_with(base_dir.path(), &rules, &options)
            .map(|(base, _)| base)
            .unwrap_or_else(|errors| panic!("the synthetic base has {} errors", errors.len()))
    };
    let _ = load();
    let synthetic = load();
    let text = draft(root, synthetic.entities.len() as u64);
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 1, 20);
    let run = |base: &FactBase| {
        let document =
            Document::from_text(Path::new("draft.txt"), text.clone()).expect("a readable draft");
        check_document(document, as_of, &rules, base).expect("the draft checks")
    };
    let claims = run(&synthetic).claims.len();

    let mut group = c.benchmark_group(format!(
        "check a {}-word draft ({claims} claims)",
        text.split_whitespace().count()
    ));
    group.sample_size(20);
    group.bench_function("bundled base (baseline)", |b| {
        b.iter(|| black_box(run(&bundled)))
    });
    group.bench_function(format!("{n} synthetic facts"), |b| {
        b.iter(|| black_box(run(&synthetic)))
    });
    group.finish();
}

criterion_group!(benches, check);
criterion_main!(benches);
