//! Mention extraction throughput on English news prose, beside a floor measured in
//! the same run: one pass of the regex crate that only finds runs of digits.
//!
//! The corpus is `CLAIMCHECK_BENCH_CORPUS` when set (a multi-megabyte file), else the
//! public-domain sample shipped in `benches/data/`.

use claimcheck::document::Document;
use claimcheck::factbase;
use claimcheck::mentions;
use claimcheck::rules::Rules;
use claimcheck::segment::Segmented;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn corpus() -> (PathBuf, String) {
    let path = std::env::var_os("CLAIMCHECK_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data/news-sample.txt")
        });
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (path, text)
}

fn extraction(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = Rules::load(&root.join("rules")).expect("rules load");
    let base = factbase::load_dir(&root.join("claims"), &rules).expect("fact base loads");
    let (path, text) = corpus();
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 1, 20);
    let digits = regex::Regex::new(r"[0-9]+").expect("regex");

    let mut group = c.benchmark_group(format!(
        "mentions/{}",
        path.file_name().unwrap_or_default().to_string_lossy()
    ));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("baseline: regex digit runs", |b| {
        b.iter(|| digits.find_iter(black_box(&text)).count())
    });
    // The first stage alone: tokens, sentences and clauses.
    group.bench_function("segmenting", |b| {
        b.iter(|| {
            let document = Document::from_text(Path::new("corpus.txt"), black_box(&text).clone())
                .expect("document");
            Segmented::new(&document, &rules).tokens.len()
        })
    });
    // Dates, durations, numbers, percentages, ordinals and hedges; then the same
    // with the names of the bundled fact base found too (exactly and fuzzily).
    for (label, names) in [
        ("mentions", None),
        ("mentions and fact-base names", Some(&base.names)),
    ] {
        group.bench_function(label, |b| {
            b.iter(|| {
                let document =
                    Document::from_text(Path::new("corpus.txt"), black_box(&text).clone())
                        .expect("document");
                let segmented = Segmented::new(&document, &rules);
                mentions::extract(&segmented, &rules, as_of, names)
                    .expect("mentions")
                    .len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
