//! The fact base at scale, one measurement per process so that peak memory
//! (VmHWM) belongs to that measurement alone:
//!
//! ```sh
//! cargo run --release --example scale -- generate /tmp/facts-1m 1000000
//! cargo run --release --example scale -- load /tmp/facts-1m --no-cache    # cold: YAML
//! cargo run --release --example scale -- load /tmp/facts-1m --cache-dir /tmp/cc  # writes the cache
//! cargo run --release --example scale -- load /tmp/facts-1m --cache-dir /tmp/cc  # warm
//! cargo run --release --example scale -- lookup /tmp/facts-1m --cache-dir /tmp/cc
//! ```
//!
//! `lookup` times exact and fuzzy name look-ups against a baseline measured in the
//! same run: scoring every name in the base, as a look-up without an index would.

#[path = "../benches/generator/mod.rs"]
mod generator;

use claimcheck::factbase::{CacheUse, FactBase, LoadOptions, load_dir_with, name_key};
use claimcheck::rules::Rules;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: scale generate DIR N | scale load DIR (--no-cache | --cache-dir C) | scale lookup DIR --cache-dir C";
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["generate", dir, n] => {
            let n: usize = n.parse().map_err(|_| usage.to_string())?;
            let started = Instant::now();
            let bytes = generator::generate(Path::new(dir), n).map_err(|e| e.to_string())?;
            println!(
                "generated {n} facts, {:.1} MB, in {:.1} s",
                bytes as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
        }
        ["load", dir, "--no-cache"] => load(Path::new(dir), None)?,
        ["load", dir, "--cache-dir", cache] => load(Path::new(dir), Some(PathBuf::from(cache)))?,
        ["lookup", dir, "--cache-dir", cache] => lookup(Path::new(dir), PathBuf::from(cache))?,
        _ => return Err(usage.into()),
    }
    Ok(())
}

fn rules() -> Result<Rules, String> {
    Rules::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")).map_err(|e| e.to_string())
}

fn load_base(
    dir: &Path,
    cache_dir: Option<PathBuf>,
) -> Result<(FactBase, CacheUse, Duration), String> {
    let rules = rules()?;
    let started = Instant::now();
    let (base, cache) = load_dir_with(dir, &rules, &LoadOptions { cache_dir })
        .map_err(|errors| format!("{} errors, first: {}", errors.len(), errors[0]))?;
    Ok((base, cache, started.elapsed()))
}

fn load(dir: &Path, cache_dir: Option<PathBuf>) -> Result<(), String> {
    let bytes: u64 = claimcheck::factbase::fact_files(dir)?
        .iter()
        .filter_map(|f| f.metadata().ok())
        .map(|m| m.len())
        .sum();
    let (base, cache, took) = load_base(dir, cache_dir)?;
    let seconds = took.as_secs_f64();
    println!(
        "loaded {} facts, {} entities from {:.1} MB of YAML in {seconds:.2} s ({:.1} MB/s of YAML), cache {cache:?}, peak memory {} MB",
        base.facts.len(),
        base.entities.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / seconds,
        peak_memory_mb().map_or("?".into(), |mb| mb.to_string())
    );
    Ok(())
}

/// The process's peak resident memory, from /proc/self/status.
fn peak_memory_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

fn lookup(dir: &Path, cache_dir: PathBuf) -> Result<(), String> {
    let (base, _, _) = load_base(dir, Some(cache_dir))?;
    let entities = base.entities.len() as u64;
    let queries = 2000;
    let names: Vec<String> = (0..queries)
        .map(|i| {
            let (given, family) = generator::entity_name(generator::mix(i) % entities);
            format!("{given} {family} attack")
        })
        .collect();
    // A misspelling: two neighbouring letters of the family name swapped.
    let misspelt: Vec<String> = names
        .iter()
        .map(|name| {
            let mut chars: Vec<char> = name.chars().collect();
            let at = name.find(' ').unwrap_or(1) + 2;
            chars.swap(at, at + 1);
            chars.into_iter().collect()
        })
        .collect();
    let keys: Vec<String> = names.iter().map(|n| name_key(n)).collect();
    let misspelt_keys: Vec<String> = misspelt.iter().map(|n| name_key(n)).collect();

    let per_query = |took: Duration, n: usize| took.as_secs_f64() * 1e6 / n as f64;
    let started = Instant::now();
    let found = keys
        .iter()
        .filter(|k| !base.names.exact(k).is_empty())
        .count();
    let exact = per_query(started.elapsed(), keys.len());
    let started = Instant::now();
    let fuzzy_found = misspelt_keys
        .iter()
        .filter(|k| !base.names.fuzzy(k, 3).matches().is_empty())
        .count();
    let fuzzy = per_query(started.elapsed(), misspelt_keys.len());
    let started = Instant::now();
    let searched = misspelt
        .iter()
        .filter(|q| !base.names.search(q, 5).is_empty())
        .count();
    let search = per_query(started.elapsed(), misspelt.len());

    // Baseline: every name scored, for a few queries (it is slow).
    let all_names = generator::all_name_keys(&base);
    let scan_queries = 20;
    let started = Instant::now();
    let scanned = misspelt_keys[..scan_queries]
        .iter()
        .filter(|k| {
            all_names
                .iter()
                .any(|name| strsim::normalized_damerau_levenshtein(k, name) >= 0.8)
        })
        .count();
    let scan = per_query(started.elapsed(), scan_queries);
    println!("{} names indexed; per look-up:", all_names.len());
    println!(
        "  exact        {exact:>10.2} µs  ({found}/{} found)",
        keys.len()
    );
    println!(
        "  fuzzy        {fuzzy:>10.2} µs  ({fuzzy_found}/{} misspellings found)",
        keys.len()
    );
    println!(
        "  db find      {search:>10.2} µs  ({searched}/{} found)",
        keys.len()
    );
    println!("  full scan    {scan:>10.2} µs  ({scanned}/{scan_queries} found; baseline)");
    println!("  fuzzy is {:.0}x faster than the full scan", scan / fuzzy);
    Ok(())
}
