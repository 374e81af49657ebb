//! Fact base benchmarks over a synthetic base of `CLAIMCHECK_BENCH_FACTS` facts
//! (10,000 unless set): loading from YAML and from the cache, and name look-ups,
//! exact and fuzzy, beside the baseline of scoring every name.
//!
//! ```sh
//! cargo bench --bench factbase -- --warm-up-time 1 --measurement-time 3
//! ```
//! For a million facts with peak memory, see `examples/scale.rs`.

mod generator;

use claimcheck::factbase::{LoadOptions, load_dir_with, name_key};
use claimcheck::rules::Rules;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn facts() -> usize {
    std::env::var("CLAIMCHECK_BENCH_FACTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

fn bench(c: &mut Criterion) {
    let n = facts();
    let base_dir = tempfile::tempdir().expect("temporary directory");
    let cache_dir = tempfile::tempdir().expect("temporary directory");
    let bytes = generator::generate(base_dir.path(), n).expect("synthetic base written");
    let rules =
        Rules::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")).expect("bundled rules");
    let cached = LoadOptions {
        cache_dir: Some(cache_dir.path().to_path_buf()),
    };
    let load = |options: &LoadOptions| {
        load_dir_with(base_dir.path(), &rules, options)
            .map(|(base, _)| base)
            .map_err(|errors| errors.len())
    };

    let mut group = c.benchmark_group(format!("load {n} facts"));
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("yaml", |b| {
        b.iter(|| black_box(load(&LoadOptions::default())))
    });
    let _ = load(&cached);
    group.bench_function("cache", |b| b.iter(|| black_box(load(&cached))));
    group.finish();

    let Ok(base) = load(&cached) else {
        panic!("the synthetic base does not load");
    };
    let entities = base.entities.len() as u64;
    let (given, family) = generator::entity_name(generator::mix(7) % entities);
    let name = format!("{given} {family} attack");
    let misspelt = name.replacen(&family, &family.chars().rev().collect::<String>(), 1);
    let key = name_key(&name);
    let misspelt_key = name_key(&misspelt);
    let all_names = generator::all_name_keys(&base);

    let mut group = c.benchmark_group(format!("look-up among {} names", all_names.len()));
    group.sample_size(20);
    group.bench_function("exact", |b| b.iter(|| black_box(base.names.exact(&key))));
    group.bench_function("fuzzy", |b| {
        b.iter(|| black_box(base.names.fuzzy(&misspelt_key, 3)))
    });
    group.bench_function("full scan (baseline)", |b| {
        b.iter(|| {
            black_box(
                all_names
                    .iter()
                    .map(|name| strsim::normalized_damerau_levenshtein(&misspelt_key, name))
                    .fold(0.0, f64::max),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
