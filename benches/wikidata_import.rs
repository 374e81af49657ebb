//! `db import wikidata` over a generated dump: MB/s of decompressed JSON with one
//! worker thread and with two, next to a baseline read in the same run (the file's
//! bytes read and their lines counted, no more, by one thread and by two: how much
//! a second thread gives on the machine at that moment), and the speed of gzip and bzip2
//! decompression on one thread, which bounds a run over the real, compressed dump.
//!
//! The dump is generated, deterministically, into a temporary directory and deleted
//! afterwards: entities shaped like Wikidata's (labels, descriptions and aliases in
//! several languages, sitelinks, statements with qualifiers and references), about
//! 3.4 KB each; a tenth are people who held offices.
//!
//! ```sh
//! cargo bench --bench wikidata_import
//! CLAIMCHECK_BENCH_ENTITIES=200000 cargo bench --bench wikidata_import   # quicker
//! ```

use claimcheck::rules::Rules;
use claimcheck::wikidata::ids::{ItemId, PropertyCode};
use claimcheck::wikidata::input::Input;
use claimcheck::wikidata::mapping::Mapping;
use claimcheck::wikidata::select::{Selection, TakeRule};
use claimcheck::wikidata::{ImportOptions, import};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufWriter, Read, Write};
use std::path::Path;
use std::time::Instant;

const OFFICES: u64 = 5_000;
const FIRST_ITEM: u64 = 1_000_000;
const LANGUAGES: [&str; 8] = ["en", "de", "fr", "es", "ja", "ru", "ar", "zh"];

/// A small, fixed pseudo-random sequence (SplitMix64), so every run writes the same dump.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn item_value(id: u64) -> String {
    format!(
        r#"{{"value":{{"entity-type":"item","numeric-id":{id},"id":"Q{id}"}},"type":"wikibase-entityid"}}"#
    )
}

fn time_value(year: u64, month: u64, day: u64) -> String {
    format!(
        r#"{{"value":{{"time":"+{year:04}-{month:02}-{day:02}T00:00:00Z","timezone":0,"before":0,"after":0,"precision":11,"calendarmodel":"http://www.wikidata.org/entity/Q1985727"}},"type":"time"}}"#
    )
}

fn snak(property: &str, datavalue: &str, datatype: &str, random: &mut Random) -> String {
    format!(
        r#"{{"snaktype":"value","property":"{property}","hash":"{:016x}{:016x}","datavalue":{datavalue},"datatype":"{datatype}"}}"#,
        random.next(),
        random.next()
    )
}

fn statement(
    subject: u64,
    property: &str,
    datavalue: &str,
    datatype: &str,
    qualifiers: &[(&str, String, &str)],
    random: &mut Random,
) -> String {
    // Offices, births and external ids as Wikidata mostly has them: the first two
    // referenced, the others not.
    let referenced = matches!(property, "P39" | "P569");
    let mut out = format!(
        r#"{{"mainsnak":{},"type":"statement""#,
        snak(property, datavalue, datatype, random)
    );
    if !qualifiers.is_empty() {
        out.push_str(r#","qualifiers":{"#);
        for (i, (p, value, datatype)) in qualifiers.iter().enumerate() {
            let _ = write!(
                out,
                r#"{}"{p}":[{}]"#,
                if i > 0 { "," } else { "" },
                snak(p, value, datatype, random)
            );
        }
        out.push_str(r#"},"qualifiers-order":["#);
        let order: Vec<String> = qualifiers
            .iter()
            .map(|(p, ..)| format!("\"{p}\""))
            .collect();
        out.push_str(&order.join(","));
        out.push(']');
    }
    let _ = write!(
        out,
        r#","id":"Q{subject}${:08X}-{:04X}-4{:03X}-8{:03X}-{:012X}","rank":"normal""#,
        random.next() as u32,
        random.below(1 << 16),
        random.below(1 << 12),
        random.below(1 << 12),
        random.below(1 << 48)
    );
    if !referenced {
        out.push('}');
        return out;
    }
    let year = 1900 + random.below(120);
    let _ = write!(
        out,
        r#","references":[{{"hash":"{:016x}","snaks":{{"P854":[{}],"P248":[{}],"P813":[{}]}},"snaks-order":["P854","P248","P813"]}}]}}"#,
        random.next(),
        snak(
            "P854",
            &format!(
                r#"{{"value":"https://news.example.org/{}/{:x}.html","type":"string"}}"#,
                year,
                random.next()
            ),
            "url",
            random
        ),
        snak("P248", &item_value(36_578), "wikibase-item", random),
        snak(
            "P813",
            &time_value(2020, 1 + random.below(12), 1 + random.below(28)),
            "time",
            random
        ),
    );
    out
}

/// One entity line of the dump.
fn entity(id: u64, random: &mut Random) -> String {
    let is_office = id < FIRST_ITEM + OFFICES;
    let is_person = !is_office && random.below(10) == 0;
    let mut out = format!(r#"{{"type":"item","id":"Q{id}","labels":{{"#);
    for (i, language) in LANGUAGES.iter().enumerate() {
        let _ = write!(
            out,
            r#"{}"{language}":{{"language":"{language}","value":"Name {id} {language} {:x}"}}"#,
            if i > 0 { "," } else { "" },
            random.below(1 << 20)
        );
    }
    out.push_str(r#"},"descriptions":{"#);
    for (i, language) in LANGUAGES[..6].iter().enumerate() {
        let _ = write!(
            out,
            r#"{}"{language}":{{"language":"{language}","value":"a description of item {id} in {language}"}}"#,
            if i > 0 { "," } else { "" }
        );
    }
    out.push_str(r#"},"aliases":{"#);
    for (i, language) in LANGUAGES[..3].iter().enumerate() {
        let _ = write!(
            out,
            r#"{}"{language}":[{{"language":"{language}","value":"Alias {id} {language}"}},{{"language":"{language}","value":"Other {id}"}}]"#,
            if i > 0 { "," } else { "" }
        );
    }
    out.push_str(r#"},"claims":{"#);
    let mut claims: Vec<String> = Vec::new();
    let class = if is_person {
        5
    } else if is_office {
        4_164_871
    } else {
        [515, 532, 3_624_078, 11_424, 7_278, 571][random.below(6) as usize]
    };
    claims.push(format!(
        r#""P31":[{}]"#,
        statement(id, "P31", &item_value(class), "wikibase-item", &[], random)
    ));
    if is_person {
        let birth = 1900 + random.below(100);
        claims.push(format!(
            r#""P569":[{}]"#,
            statement(
                id,
                "P569",
                &time_value(birth, 1 + random.below(12), 1 + random.below(28)),
                "time",
                &[],
                random
            )
        ));
        claims.push(format!(
            r#""P21":[{}]"#,
            statement(
                id,
                "P21",
                &item_value(6_581_097 - random.below(2) * 25),
                "wikibase-item",
                &[],
                random
            )
        ));
        let terms: Vec<String> = (0..1 + random.below(4))
            .map(|n| {
                let start = birth + 30 + n * 4;
                let office = FIRST_ITEM + random.below(OFFICES);
                statement(
                    id,
                    "P39",
                    &item_value(office),
                    "wikibase-item",
                    &[
                        (
                            "P580",
                            time_value(start, 1 + random.below(12), 1 + random.below(28)),
                            "time",
                        ),
                        (
                            "P582",
                            time_value(start + 4, 1 + random.below(12), 1 + random.below(28)),
                            "time",
                        ),
                        (
                            "P1545",
                            format!(r#"{{"value":"{}","type":"string"}}"#, 1 + random.below(100)),
                            "string",
                        ),
                    ],
                    random,
                )
            })
            .collect();
        claims.push(format!(r#""P39":[{}]"#, terms.join(",")));
        claims.push(format!(
            r#""P106":[{}]"#,
            statement(
                id,
                "P106",
                &item_value(82_955),
                "wikibase-item",
                &[],
                random
            )
        ));
    } else {
        claims.push(format!(
            r#""P17":[{}]"#,
            statement(
                id,
                "P17",
                &item_value(1 + random.below(200)),
                "wikibase-item",
                &[],
                random
            )
        ));
        claims.push(format!(
            r#""P625":[{}]"#,
            statement(
                id,
                "P625",
                &format!(
                    r#"{{"value":{{"latitude":{}.{},"longitude":{}.{},"altitude":null,"precision":0.0001,"globe":"http://www.wikidata.org/entity/Q2"}},"type":"globecoordinate"}}"#,
                    random.below(90),
                    random.below(10_000),
                    random.below(180),
                    random.below(10_000)
                ),
                "globe-coordinate",
                &[],
                random
            )
        ));
    }
    claims.push(format!(
        r#""P646":[{}]"#,
        statement(
            id,
            "P646",
            &format!(
                r#"{{"value":"/m/0{:x}","type":"string"}}"#,
                random.next() & 0xffffff
            ),
            "external-id",
            &[],
            random
        )
    ));
    out.push_str(&claims.join(","));
    out.push_str(r#"},"sitelinks":{"#);
    for (i, language) in LANGUAGES[..4].iter().enumerate() {
        let _ = write!(
            out,
            r#"{}"{language}wiki":{{"site":"{language}wiki","title":"Name {id}","badges":[]}}"#,
            if i > 0 { "," } else { "" }
        );
    }
    let _ = write!(
        out,
        r#"}},"lastrevid":{}}}"#,
        2_000_000_000 + random.below(100_000_000)
    );
    out
}

fn generate(path: &Path, entities: u64) -> u64 {
    let mut random = Random(42);
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path).unwrap());
    out.write_all(b"[\n").unwrap();
    for n in 0..entities {
        let line = entity(FIRST_ITEM + n, &mut random);
        out.write_all(line.as_bytes()).unwrap();
        out.write_all(if n + 1 < entities { b",\n" } else { b"\n" })
            .unwrap();
    }
    out.write_all(b"]\n").unwrap();
    out.flush().unwrap();
    std::fs::metadata(path).unwrap().len()
}

fn mb_per_s(bytes: u64, seconds: f64) -> f64 {
    bytes as f64 / 1e6 / seconds
}

/// The baseline: the file read and its lines counted, by `threads` threads each
/// taking an equal share of it. Its speed-up with two threads is what the machine
/// gives two threads at the moment of the run, which the import's is compared with.
fn baseline(path: &Path, threads: u64) -> f64 {
    use std::io::{Seek, SeekFrom};
    let size = std::fs::metadata(path).unwrap().len();
    let share = size.div_ceil(threads);
    let started = Instant::now();
    std::thread::scope(|scope| {
        for part in 0..threads {
            scope.spawn(move || {
                let mut file = std::fs::File::open(path).unwrap();
                file.seek(SeekFrom::Start(part * share)).unwrap();
                let mut file = file.take(share);
                let mut buffer = vec![0u8; 1 << 20];
                let mut lines = 0usize;
                loop {
                    let n = file.read(&mut buffer).unwrap();
                    if n == 0 {
                        break;
                    }
                    // A little work on every byte, as a scan does, so that the
                    // share is bound by the CPU rather than by memory alone.
                    lines += buffer[..n].iter().filter(|&&b| b == b'\n').count();
                }
                std::hint::black_box(lines);
            });
        }
    });
    mb_per_s(size, started.elapsed().as_secs_f64())
}

/// This process's CPU time so far, user and system, in seconds (Linux; `None` elsewhere).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in brackets and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // Linux reports in clock ticks of 1/100 s on every common configuration.
    Some(ticks / 100.0)
}

/// What a run takes.
#[derive(Clone, Copy)]
enum Take {
    /// The holders of 50 offices, and (in a second pass) every office they held: a
    /// desk's usual selection, where most lines are passed over by the byte scan.
    OfficeHolders,
    /// Every person, a tenth of the entities, each parsed: the workers' heaviest load.
    EveryPerson,
}

fn selection(take: Take) -> Selection {
    match take {
        Take::OfficeHolders => {
            let offices: Vec<ItemId> = (0..50).map(|n| ItemId(FIRST_ITEM + n * 97)).collect();
            let mut statements = BTreeMap::new();
            statements.insert(PropertyCode(39), offices);
            Selection::new(
                &[TakeRule {
                    instance_of: vec![ItemId(5)],
                    statements,
                    ..TakeRule::default()
                }],
                vec![PropertyCode(39)],
            )
        }
        Take::EveryPerson => Selection::new(
            &[TakeRule {
                instance_of: vec![ItemId(5)],
                ..TakeRule::default()
            }],
            Vec::new(),
        ),
    }
}

fn run_import(input: &Path, take: Take, threads: usize, mapping: &Mapping, rules: &Rules) -> Run {
    let out = tempfile::tempdir().unwrap();
    let selection = selection(take);
    let options = ImportOptions {
        inputs: vec![Input::File(input.to_path_buf())],
        out: out.path().to_path_buf(),
        selection,
        language: "en".to_string(),
        threads,
        progress: false,
    };
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let summary = import(&options, mapping, &rules.properties).unwrap();
    let seconds = started.elapsed().as_secs_f64();
    let cpu = cpu_before
        .zip(cpu_seconds())
        .map(|(before, after)| after - before);
    assert!(summary.malformed.is_empty());
    Run {
        speed: mb_per_s(summary.json_bytes, seconds),
        per_cpu_second: cpu.map(|cpu| mb_per_s(summary.json_bytes, cpu)),
        bytes: summary.json_bytes,
        kept: summary.items_kept,
    }
}

struct Run {
    /// MB/s of JSON, by the clock.
    speed: f64,
    /// MB of JSON per second of CPU time, over every thread: the speed of one core.
    per_cpu_second: Option<f64>,
    bytes: u64,
    kept: usize,
}

/// Decompresses `path` on one thread; MB/s of JSON out.
fn decompress(path: &Path, gzip: bool) -> f64 {
    let started = Instant::now();
    let file = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(path).unwrap());
    let mut reader: Box<dyn Read> = if gzip {
        Box::new(flate2::bufread::MultiGzDecoder::new(file))
    } else {
        Box::new(bzip2::bufread::MultiBzDecoder::new(file))
    };
    let mut buffer = vec![0u8; 1 << 20];
    let mut bytes = 0u64;
    loop {
        let n = reader.read(&mut buffer).unwrap();
        if n == 0 {
            break;
        }
        bytes += n as u64;
    }
    mb_per_s(bytes, started.elapsed().as_secs_f64())
}

fn main() {
    // `cargo test --benches` runs this with `--bench` absent: nothing to measure then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let entities: u64 = std::env::var("CLAIMCHECK_BENCH_ENTITIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let sample_mb: u64 = std::env::var("CLAIMCHECK_BENCH_COMPRESSED_MB")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let rules = Rules::bundled().unwrap();
    let mapping = Mapping::bundled(&rules.properties).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("dump.json");
    let started = Instant::now();
    let size = generate(&dump, entities);
    eprintln!(
        "generated {entities} entities, {:.0} MB ({:.0} bytes each) in {:.1} s",
        size as f64 / 1e6,
        size as f64 / entities as f64,
        started.elapsed().as_secs_f64()
    );
    // The first read warms the page cache; the baseline is the second.
    baseline(&dump, 1);
    let base = baseline(&dump, 1);
    let base_two = baseline(&dump, 2);
    println!(
        "baseline (read, count lines byte by byte): {base:.0} MB/s with one thread, {base_two:.0} MB/s with two ({:.2}x)",
        base_two / base
    );
    for (name, take) in [
        ("office holders", Take::OfficeHolders),
        ("every person", Take::EveryPerson),
    ] {
        let mut one = 0.0;
        for threads in [1, 2] {
            let run = run_import(&dump, take, threads, &mapping, &rules);
            if threads == 1 {
                one = run.speed;
            }
            println!(
                "import of {name}, {threads} worker thread{} and the reader: {:.0} MB/s of JSON ({:.0} MB read in all, {} items kept), {:.0} MB per CPU-second, {:.2}x the baseline, {:.2}x one worker",
                if threads == 1 { "" } else { "s" },
                run.speed,
                run.bytes as f64 / 1e6,
                run.kept,
                run.per_cpu_second.unwrap_or(f64::NAN),
                run.speed / base,
                run.speed / one
            );
        }
    }
    // Compression speed is not what is measured: a sample of the dump is enough.
    let mut sample = vec![0u8; (sample_mb * 1_000_000).min(size) as usize];
    std::fs::File::open(&dump)
        .unwrap()
        .read_exact(&mut sample)
        .unwrap();
    let cut = memchr::memrchr(b'\n', &sample).map_or(sample.len(), |i| i + 1);
    sample.truncate(cut);
    std::fs::remove_file(&dump).unwrap();
    let gz = dir.path().join("sample.json.gz");
    let mut encoder = flate2::write::GzEncoder::new(
        BufWriter::new(std::fs::File::create(&gz).unwrap()),
        flate2::Compression::default(),
    );
    encoder.write_all(&sample).unwrap();
    encoder.finish().unwrap().flush().unwrap();
    let bz2 = dir.path().join("sample.json.bz2");
    let mut encoder = bzip2::write::BzEncoder::new(
        BufWriter::new(std::fs::File::create(&bz2).unwrap()),
        bzip2::Compression::best(),
    );
    encoder.write_all(&sample).unwrap();
    encoder.finish().unwrap().flush().unwrap();
    for (name, path, gzip) in [("gzip", &gz, true), ("bzip2", &bz2, false)] {
        let ratio = sample.len() as f64 / std::fs::metadata(path).unwrap().len() as f64;
        println!(
            "{name} decompression, one thread: {:.0} MB/s of JSON (ratio {ratio:.1}:1 on {:.0} MB)",
            decompress(path, gzip),
            sample.len() as f64 / 1e6
        );
    }
    let run = run_import(&gz, Take::OfficeHolders, 2, &mapping, &rules);
    println!(
        "import of the gzip sample, 2 worker threads: {:.0} MB/s of JSON",
        run.speed
    );
}
