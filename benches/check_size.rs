//! `check` against the bundled base on drafts of 1, 4, 16 and 64 MB, so the
//! curve shows whether time grows linearly with the draft (throughput should stay
//! flat). The drafts are newswire from `CLAIMCHECK_BENCH_CORPUS` (default
//! `../shared/corpus/news-pd.txt` beside the repository), or, where that is
//! absent, the shipped sample `benches/data/news-sample.txt`, repeated to size.
//!
//! ```sh
//! cargo bench --bench check_size
//! CLAIMCHECK_BENCH_SIZES=1,4 cargo bench --bench check_size   # a quicker curve
//! ```

use claimcheck::check::check_document;
use claimcheck::document::Document;
use claimcheck::factbase;
use claimcheck::rules::Rules;
use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use std::hint::black_box;
use std::path::{Path, PathBuf};

const MB: usize = 1_000_000;

fn sizes() -> Vec<usize> {
    std::env::var("CLAIMCHECK_BENCH_SIZES")
        .ok()
        .map(|list| {
            list.split(',')
                .filter_map(|n| n.trim().parse().ok())
                .collect()
        })
        .unwrap_or_else(|| vec![1, 4, 16, 64])
}

fn corpus(root: &Path) -> String {
    let given = std::env::var_os("CLAIMCHECK_BENCH_CORPUS").map(PathBuf::from);
    let shared = root.join("../shared/corpus/news-pd.txt");
    let path = given
        .or_else(|| shared.is_file().then_some(shared))
        .unwrap_or_else(|| root.join("benches/data/news-sample.txt"));
    eprintln!("corpus: {}", path.display());
    std::fs::read_to_string(&path).expect("a readable corpus")
}

/// `size` bytes of the corpus, repeated as needed, cut at a paragraph break.
fn draft(corpus: &str, size: usize) -> String {
    let mut text = String::with_capacity(size + corpus.len());
    while text.len() < size {
        for paragraph in corpus.split_inclusive("\n\n") {
            text.push_str(paragraph);
            if text.len() >= size {
                break;
            }
        }
        if !text.ends_with("\n\n") {
            text.push_str("\n\n");
        }
    }
    text
}

fn check_size(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = Rules::load(&root.join("rules")).expect("bundled rules");
    let base = factbase::load_dir(&root.join("claims"), &rules).expect("bundled base");
    let corpus = corpus(root);
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 1, 20);
    let mut group = c.benchmark_group("check by draft size (bundled base)");
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    for megabytes in sizes() {
        let text = draft(&corpus, megabytes * MB);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{megabytes} MB")),
            &text,
            |b, text| {
                b.iter(|| {
                    let document = Document::from_text(Path::new("draft.txt"), text.clone())
                        .expect("a readable draft");
                    black_box(
                        check_document(document, as_of, &rules, &base).expect("the draft checks"),
                    )
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, check_size);
criterion_main!(benches);
