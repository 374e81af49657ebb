//! claimcheck away from its repository: the rules and fact base compiled in, a
//! desk's claimcheck.toml found from the drafts upwards and overridden by flags,
//! `config` saying where each setting came from, a draft on standard input, and
//! archive mode (`check --jsonl`).

mod common;

use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use tempfile::TempDir;

/// What claimcheck looks for upwards; a test directory must have none above it.
const FOUND_UPWARDS: [&str; 3] = ["rules", "claims", "claimcheck.toml"];

/// A fresh directory with no `rules`, `claims` or `claimcheck.toml` in it or
/// above it, so that what claimcheck finds there is what the test put there.
fn clean_dir() -> TempDir {
    let mut candidates = vec![std::env::temp_dir(), PathBuf::from("/var/tmp")];
    candidates.extend(std::env::var_os("HOME").map(PathBuf::from));
    let mut stray = Vec::new();
    for candidate in candidates.iter().filter(|c| c.is_dir()) {
        let found: Vec<PathBuf> = candidate
            .ancestors()
            .flat_map(|dir| FOUND_UPWARDS.iter().map(move |name| dir.join(name)))
            .filter(|path| path.exists())
            .collect();
        if found.is_empty() {
            return tempfile::tempdir_in(candidate).unwrap();
        }
        stray.extend(found);
    }
    panic!("no directory for the test without a stray {stray:?} above it: move those away");
}

/// Runs the binary in `dir`, with its cache there too, feeding `stdin`.
fn run_in(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(args)
        .current_dir(dir)
        .env("XDG_CACHE_HOME", dir.join(".cache"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().expect("stdin");
    // A run that refuses its arguments ends without reading what it was sent.
    if let Err(e) = input.write_all(stdin.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            stdout(output),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// Each claim as (text, kind, verdict, explanation, evidence files).
fn verdicts(report: &Value) -> Vec<(String, String, String, String, Vec<String>)> {
    common::claims(report)
        .iter()
        .map(|c| {
            let files = c["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["file"].as_str().unwrap().to_string())
                .collect();
            let text = |field: &str| c[field].as_str().unwrap().to_string();
            (
                text("text"),
                text("kind"),
                text("verdict"),
                text("explanation"),
                files,
            )
        })
        .collect()
}

/// Plain-text news, in this test's own words, about facts the bundled base holds.
const BRIEFING: &str = "Four Katyusha rockets hit the Burjesia oil district on Monday, \
officials said. Iraqi President Barham Salih named Mustafa al-Kadhimi as prime \
minister-designate on Thursday.\n";

#[test]
fn a_draft_is_checked_anywhere_with_the_rules_and_facts_compiled_in() {
    let dir = clean_dir();
    let draft = dir.path().join("contradicted.md");
    std::fs::copy(common::draft("contradicted.md"), &draft).unwrap();
    let args = ["check", "contradicted.md", "--format", "json"];
    let output = run_in(dir.path(), &args, "");
    assert_eq!(
        output.status.code(),
        Some(1),
        "contradicted fails by default"
    );
    let anywhere = verdicts(&json(&output));
    // The same draft checked inside the repository, against its `claims/`.
    let at_home = verdicts(&common::json_report(&common::draft("contradicted.md"), &[]));
    assert!(anywhere.iter().any(|c| c.2 == "contradicted"));
    assert_eq!(anywhere.len(), at_home.len());
    for (away, home) in anywhere.iter().zip(&at_home) {
        assert_eq!(
            (&away.0, &away.1, &away.2, &away.3),
            (&home.0, &home.1, &home.2, &home.3)
        );
        let home_files: Vec<String> = home.4.iter().map(|f| format!("<bundled>/{f}")).collect();
        assert_eq!(away.4, home_files, "{}", away.0);
    }
}

#[test]
fn a_draft_on_standard_input_is_checked_as_the_same_text_in_a_file() {
    let dir = clean_dir();
    std::fs::write(dir.path().join("briefing.txt"), BRIEFING).unwrap();
    let args = |path| ["check", path, "--as-of", "2020-04-09", "--format", "json"];
    let from_file = run_in(dir.path(), &args("briefing.txt"), "");
    let from_stdin = run_in(dir.path(), &args("-"), BRIEFING);
    assert_eq!(from_stdin.status.code(), Some(1), "{from_stdin:?}");
    let (file, stdin) = (json(&from_file), json(&from_stdin));
    assert_eq!(stdin["documents"][0]["path"], "-");
    assert_eq!(verdicts(&stdin), verdicts(&file));
    let rockets = common::claim(&stdin, "Four Katyusha rockets");
    assert_eq!(rockets["verdict"], "contradicted");
    let evidence = rockets["evidence"][0]["file"].as_str().unwrap();
    assert!(evidence.starts_with("<bundled>/claims/"), "{evidence}");
    // Standard input is read once: naming it twice is refused.
    let twice = run_in(dir.path(), &["check", "-", "-"], BRIEFING);
    assert_eq!(twice.status.code(), Some(2));
}

/// A desk: `desk/claimcheck.toml` and drafts below it, one in an ignored folder.
fn desk(config: &str) -> TempDir {
    let dir = clean_dir();
    let desk = dir.path().join("desk");
    std::fs::create_dir_all(desk.join("drafts/old")).unwrap();
    std::fs::write(desk.join("claimcheck.toml"), config).unwrap();
    let accord = "The accord was signed on 3/8/2020.\n";
    std::fs::write(desk.join("drafts/accord.txt"), accord).unwrap();
    std::fs::write(desk.join("drafts/old/accord.txt"), accord).unwrap();
    dir
}

const DESK_CONFIG: &str = "# the desk's settings\nfail-on = \"unverified\"\nlocale = \"en-GB\"\n\
format = \"json\"\nignore = [\"old/\"]\n";

/// The dates read in each draft of a JSON report, by path.
fn dates(report: &Value) -> Vec<(String, String)> {
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| {
            d["claims"].as_array().unwrap().iter().map(move |c| {
                (
                    d["path"].as_str().unwrap().to_string(),
                    c["normalized"]["date"].as_str().unwrap_or("").to_string(),
                )
            })
        })
        .collect()
}

#[test]
fn claimcheck_toml_is_found_from_the_drafts_upwards_and_flags_override_it() {
    let dir = desk(DESK_CONFIG);
    // Run from above the desk: the settings file is found from the drafts' side.
    let output = run_in(dir.path(), &["check", "desk/drafts"], "");
    assert_eq!(output.status.code(), Some(1), "fail-on unverified");
    assert_eq!(
        dates(&json(&output)),
        [(
            "desk/drafts/accord.txt".to_string(),
            "2020-08-03".to_string()
        )],
        "day first for en-GB, in JSON, and drafts/old/ left out"
    );
    // Named on the command line, an ignored draft is checked all the same.
    let named = run_in(dir.path(), &["check", "desk/drafts/old/accord.txt"], "");
    assert_eq!(dates(&json(&named)).len(), 1);
    let overridden = run_in(
        dir.path(),
        &[
            "check",
            "desk/drafts",
            "--locale",
            "en-US",
            "--fail-on",
            "never",
            "--format",
            "text",
        ],
        "",
    );
    assert_eq!(overridden.status.code(), Some(0));
    let text = stdout(&overridden);
    assert!(
        text.contains("2020-03-08") && !text.contains("old"),
        "{text}"
    );
    // A draft outside the desk is not governed by its settings.
    std::fs::write(dir.path().join("loose.txt"), "Signed on 3/8/2020.\n").unwrap();
    let loose = run_in(dir.path(), &["check", "loose.txt", "--format", "json"], "");
    assert_eq!(loose.status.code(), Some(0), "{loose:?}");
    assert_eq!(dates(&json(&loose))[0].1, "2020-03-08");
    // Drafts under two different settings files are refused, not guessed at.
    let both = run_in(dir.path(), &["check", "loose.txt", "desk/drafts"], "");
    assert_eq!(both.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&both.stderr).contains("--config"));
}

#[test]
fn a_bad_settings_file_is_an_error_at_its_line_and_column() {
    let dir = desk("fail-on = \"never\"\nlocales = \"en-GB\"\n");
    let output = run_in(dir.path(), &["check", "desk/drafts"], "");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("desk/claimcheck.toml:2:1: unknown field `locales`")
            && stderr.contains("`locale`"),
        "{stderr}"
    );
    let dir = desk("locale = \"xx-YY\"\n");
    let output = run_in(dir.path(), &["check", "desk/drafts"], "");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("desk/claimcheck.toml:1:10: unknown locale `xx-YY`"),
        "{stderr}"
    );
}

/// A fact file of this test's own: an event and its date, part of `run`.
fn fact_file(event: &str, date: &str, run: Option<&str>) -> String {
    let run_entity = match run {
        None => {
            "  - id: fixture-drill-run\n    name: Harbour drills\n    kind: event\n".to_string()
        }
        Some(_) => String::new(),
    };
    format!(
        "entities:\n{run_entity}  - id: {event}\n    name: Harbour drill of {date}\n    kind: event\n\
         facts:\n  - id: {event}-date\n    subject: {event}\n    property: occurred\n    date: {date}\n\
         \x20   sources:\n      - url: https://example.org/{event}\n        title: Drill notice\n\
         \x20 - id: {event}-run\n    subject: {event}\n    property: part-of\n    object: fixture-drill-run\n\
         \x20   sources:\n      - url: https://example.org/{event}\n        title: Drill notice\n"
    )
}

#[test]
fn fact_bases_in_several_directories_are_merged() {
    let dir = desk("db = [\"facts\", \"more-facts\"]\nrules = \"../rules\"\n");
    let desk = dir.path().join("desk");
    for (sub, event, date, run) in [
        ("facts", "fixture-drill-one", "2021-05-02", None),
        (
            "more-facts",
            "fixture-drill-two",
            "2021-06-02",
            Some("fixture-drill-run"),
        ),
    ] {
        std::fs::create_dir(desk.join(sub)).unwrap();
        std::fs::write(
            desk.join(sub).join("drills.yaml"),
            fact_file(event, date, run),
        )
        .unwrap();
    }
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    for entry in std::fs::read_dir(common::root().join("rules")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), rules.join(entry.file_name())).unwrap();
    }
    // The second file's fact names the first file's run: it loads only merged.
    let output = run_in(&desk, &["db", "stats", "--format", "json"], "");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let stats = json(&output);
    assert_eq!(
        (stats["files"].as_u64(), stats["facts"].as_u64()),
        (Some(2), Some(4))
    );
    let one_only = run_in(&desk, &["db", "stats", "--db", "more-facts"], "");
    assert_eq!(one_only.status.code(), Some(2), "a flag replaces the list");
    // `config` names each setting's place.
    let shown = stdout(&run_in(&desk, &["config", "--fail-on", "outdated"], ""));
    let line = |name: &str| {
        shown
            .lines()
            .find(|l| l.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no {name} in {shown}"))
            .to_string()
    };
    let toml = desk.join("claimcheck.toml");
    let toml = toml.display();
    assert!(line("db").contains("facts, ") && line("db").ends_with(&format!("{toml}:1:6")));
    assert!(line("rules").ends_with(&format!("{toml}:2:9")), "{shown}");
    assert!(line("fail-on").contains("outdated") && line("fail-on").ends_with("--fail-on"));
    assert!(line("format").contains("text") && line("format").ends_with("default"));
    assert!(line("config").contains(&toml.to_string()));
}

#[test]
fn config_says_what_is_found_and_what_is_compiled_in() {
    let dir = clean_dir();
    let shown = stdout(&run_in(dir.path(), &["config"], ""));
    for (name, value, origin) in [
        ("config", "none", "no claimcheck.toml"),
        ("db", "<bundled>/claims", "compiled into claimcheck"),
        ("rules", "<bundled>/rules", "compiled into claimcheck"),
        ("fail-on", "contradicted", "default"),
    ] {
        let line = shown
            .lines()
            .find(|l| l.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no {name} in {shown}"));
        assert!(line.contains(value) && line.contains(origin), "{line}");
    }
    // A `claims` directory above the current one is found, as in a checkout.
    std::fs::create_dir(dir.path().join("claims")).unwrap();
    std::fs::create_dir(dir.path().join("work")).unwrap();
    let shown = stdout(&run_in(&dir.path().join("work"), &["config"], ""));
    let db = shown.lines().find(|l| l.starts_with("db ")).unwrap();
    assert!(
        db.contains(&dir.path().join("claims").display().to_string())
            && db.contains("found from the current directory upwards"),
        "{db}"
    );
}

/// Archive lines: a draft as of its own date, a line that is not JSON, and a
/// draft with no date of its own that takes `--as-of`.
const ARCHIVE: [&str; 3] = [
    r#"{"id": "story-1", "text": "Four Katyusha rockets hit the Burjesia oil district on Monday.", "as_of": "2020-04-09", "section": "world"}"#,
    r#"{"id": "story-2", "text": "unterminated"#,
    r#"{"id": 3, "text": "On Monday, Iraqi President Barham Salih named Mustafa al-Kadhimi as prime minister-designate."}"#,
];

#[test]
fn archive_mode_answers_every_line_in_order() {
    let dir = clean_dir();
    let input = ARCHIVE.join("\n") + "\n";
    let output = run_in(
        dir.path(),
        &["check", "--jsonl", "--as-of", "2020-04-12"],
        &input,
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let lines: Vec<Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 3);
    let ids: Vec<&Value> = lines.iter().map(|l| &l["id"]).collect();
    assert_eq!(
        ids,
        [&Value::from("story-1"), &Value::Null, &Value::from(3)]
    );
    let numbers: Vec<u64> = lines.iter().map(|l| l["line"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [1, 2, 3]);

    let first = &lines[0]["document"];
    assert_eq!(first["as_of"], "2020-04-09");
    let rockets = first["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "count")
        .expect("the count");
    assert_eq!(rockets["verdict"], "contradicted");
    assert_eq!(first["summary"]["contradicted"], 1);

    let unanswered = run_in(dir.path(), &["check", "--jsonl"], ARCHIVE[2]);
    let unanswered: Value = serde_json::from_slice(&unanswered.stdout).unwrap();
    let error = unanswered["error"].as_str().unwrap();
    assert!(
        error.starts_with("3:1:4: “Monday” is relative") && error.ends_with("an `as_of`"),
        "{error}"
    );

    let error = lines[1]["error"].as_str().unwrap();
    assert!(error.starts_with("line 2: not JSON"), "{error}");
    assert!(lines[1].get("document").is_none());

    // Without a date of its own, the line is read as of --as-of: Monday is 2020-04-06.
    let third = &lines[2]["document"];
    assert_eq!(
        (&third["path"], &third["as_of"]),
        (&Value::from("3"), &Value::from("2020-04-12"))
    );
    let claims = third["claims"].as_array().unwrap();
    let monday = claims
        .iter()
        .find(|c| c["text"] == "Monday")
        .expect("Monday");
    assert_eq!(monday["normalized"]["date"], "2020-04-06");
    assert!(
        claims
            .iter()
            .any(|c| c["kind"] == "title" && c["verdict"] == "supported"),
        "{third:#}"
    );
}

#[test]
fn archive_mode_answers_each_line_before_the_next_arrives() {
    let dir = clean_dir();
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["check", "--jsonl"])
        .current_dir(dir.path())
        .env("XDG_CACHE_HOME", dir.path().join(".cache"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let mut output = BufReader::new(child.stdout.take().unwrap());
    let (sender, receiver) = std::sync::mpsc::channel();
    // Read on a thread, so a run that held its answers back fails the test
    // instead of hanging it.
    let reader = std::thread::spawn(move || {
        let mut line = String::new();
        while output.read_line(&mut line).is_ok_and(|n| n > 0) {
            sender.send(std::mem::take(&mut line)).unwrap();
        }
    });
    let wait = std::time::Duration::from_secs(120);
    for (i, record) in [ARCHIVE[0], ARCHIVE[2]].iter().enumerate() {
        writeln!(input, "{record}").unwrap();
        input.flush().unwrap();
        let answer = receiver
            .recv_timeout(wait)
            .expect("an answer while standard input is still open");
        let answer: Value = serde_json::from_str(&answer).unwrap();
        assert_eq!(answer["line"], i + 1);
    }
    drop(input);
    assert_eq!(child.wait().unwrap().code(), Some(0));
    reader.join().unwrap();
}
