//! The whole `claimcheck extract --mentions --format json` command, as a user runs
//! it, on the shipped sample named ten times (2 MB in ten documents, so nothing
//! learnt in one document is reused in the next). Beside it, in the same run: the
//! same command on an empty draft (starting the program and loading the rules and
//! the fact base), the text format, and the command without names.
//!
//! The corpus is `CLAIMCHECK_BENCH_CORPUS` when set, else the public-domain sample
//! in `benches/data/`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const COPIES: usize = 10;

fn corpus() -> PathBuf {
    std::env::var_os("CLAIMCHECK_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data/news-sample.txt")
        })
}

/// Runs the command with the bundled rules and fact base; its output is discarded.
fn run(root: &Path, cache: &Path, drafts: &[&Path], extra: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .current_dir(root)
        .args(["extract", "--mentions", "--as-of", "2025-01-20"])
        .arg("--cache-dir")
        .arg(cache)
        .args(extra)
        .args(drafts)
        .stdout(Stdio::null())
        .status()
        .expect("the command runs");
    assert!(status.success(), "claimcheck extract failed");
}

fn command(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let cache = scratch.path().join("cache");
    let empty = scratch.path().join("empty.txt");
    std::fs::write(&empty, "An empty draft.\n").expect("scratch draft");
    let sample = corpus();
    let bytes = std::fs::metadata(&sample).expect("the corpus exists").len();
    let drafts: Vec<&Path> = std::iter::repeat_n(sample.as_path(), COPIES).collect();
    // Writes the fact base's cache, as a user's first run would.
    run(root, &cache, &[&empty], &["--names"]);

    let mut group = c.benchmark_group(format!(
        "extract command/{}x{COPIES}",
        sample.file_name().unwrap_or_default().to_string_lossy()
    ));
    group.sample_size(10);
    group.bench_function(
        "baseline: start, load rules and fact base, empty draft",
        |b| b.iter(|| run(root, &cache, &[&empty], &["--names", "--format", "json"])),
    );
    group.throughput(Throughput::Bytes(bytes * COPIES as u64));
    for (label, extra) in [
        ("mentions, text", &["--format", "text"][..]),
        ("mentions, json", &["--format", "json"][..]),
        (
            "mentions and names, json",
            &["--names", "--format", "json"][..],
        ),
    ] {
        group.bench_function(label, |b| b.iter(|| run(root, &cache, &drafts, extra)));
    }
    group.finish();
}

criterion_group!(benches, command);
criterion_main!(benches);
