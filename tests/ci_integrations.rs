//! The GitHub Action (`action.yml`) and the pre-commit hook (`.pre-commit-hooks.yaml`)
//! call claimcheck only with flags it has, take the inputs the README documents, and
//! the action uploads the SARIF report it writes.

mod common;

use common::{claimcheck, root};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output};

/// The parts of a composite action's metadata these tests look at.
#[derive(Deserialize)]
struct Action {
    inputs: BTreeMap<String, Input>,
    runs: Runs,
}

#[derive(Deserialize)]
struct Input {
    description: String,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    default: Option<String>,
}

#[derive(Deserialize)]
struct Runs {
    using: String,
    steps: Vec<Step>,
}

#[derive(Deserialize)]
struct Step {
    #[serde(default)]
    name: String,
    #[serde(default)]
    uses: Option<String>,
    #[serde(default)]
    run: Option<String>,
    #[serde(default)]
    with: BTreeMap<String, String>,
}

/// One hook of a `.pre-commit-hooks.yaml`.
#[derive(Deserialize)]
struct Hook {
    id: String,
    entry: String,
    language: String,
    types_or: Vec<String>,
    pass_filenames: bool,
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

fn action() -> Action {
    serde_saphyr::from_str(&read("action.yml")).expect("action.yml reads")
}

/// Every flag `claimcheck check --help` lists, long and short.
fn check_flags() -> BTreeSet<String> {
    let output = claimcheck(&["check", "--help"]);
    assert!(output.status.success());
    flags_in(&String::from_utf8_lossy(&output.stdout))
}

/// The flags written in a piece of command line or help text.
fn flags_in(text: &str) -> BTreeSet<String> {
    let flag = regex::Regex::new(r"(?:^|[\s,\[+:])(--?[a-zA-Z][a-zA-Z-]*)").unwrap();
    flag.captures_iter(text).map(|c| c[1].to_string()).collect()
}

/// The `claimcheck check` commands of a shell script, continuation lines joined.
fn check_commands(script: &str) -> Vec<String> {
    script
        .replace("\\\n", " ")
        .lines()
        .filter_map(|line| {
            line.find("claimcheck check")
                .map(|at| line[at..].to_string())
        })
        .collect()
}

/// The value that follows `flag` in a command line.
fn value_of<'a>(command: &'a str, flag: &str) -> Option<&'a str> {
    let mut words = command.split_whitespace();
    words.find(|w| *w == flag)?;
    words.next()
}

#[test]
fn the_flag_scanner_finds_flags_and_only_flags() {
    assert_eq!(
        flags_in(r#"claimcheck check "$x" -o out.sarif ${AS_OF:+--as-of "$AS_OF"} a-b"#),
        BTreeSet::from(["-o".to_string(), "--as-of".to_string()])
    );
}

#[test]
fn the_action_takes_the_documented_inputs() {
    let action = action();
    assert_eq!(action.runs.using, "composite");
    let default = |name: &str| {
        let input = action
            .inputs
            .get(name)
            .unwrap_or_else(|| panic!("no input {name}"));
        assert!(!input.required, "{name} is optional");
        assert!(input.description.len() > 10, "{name} is described");
        input.default.clone().unwrap_or_default()
    };
    assert_eq!(default("paths"), "**/*.md");
    assert_eq!(default("fail-on"), "contradicted");
    for optional in ["as-of", "db", "rules"] {
        assert_eq!(default(optional), "", "{optional} has no default");
    }
    // Every verdict `--fail-on` takes is named in the input's description.
    let help = String::from_utf8_lossy(&claimcheck(&["check", "--help"]).stdout).into_owned();
    let described = &action.inputs["fail-on"].description;
    for verdict in [
        "contradicted",
        "outdated",
        "imprecise",
        "unverified",
        "never",
    ] {
        assert!(help.contains(verdict), "--fail-on takes {verdict}");
        assert!(described.contains(verdict), "fail-on names {verdict}");
    }
    let readme = read("README.md");
    for name in action.inputs.keys() {
        let row = format!("| `{name}` |");
        assert!(readme.contains(&row), "README.md has no row {row}");
    }
}

#[test]
fn the_action_runs_only_flags_claimcheck_check_has_and_uploads_its_sarif() {
    let action = action();
    let known = check_flags();
    assert!(
        known.contains("--format") && known.contains("-o"),
        "{known:?}"
    );
    let commands: Vec<String> = action
        .runs
        .steps
        .iter()
        .filter_map(|step| step.run.as_deref())
        .flat_map(check_commands)
        .collect();
    assert_eq!(commands.len(), 1, "one check command: {commands:?}");
    let command = &commands[0];
    let used = flags_in(command);
    let unknown: Vec<&String> = used.difference(&known).collect();
    assert!(unknown.is_empty(), "flags check does not have: {unknown:?}");
    for flag in ["--fail-on", "--as-of", "--db", "--rules"] {
        assert!(used.contains(flag), "the inputs reach {flag}: {command}");
    }
    assert_eq!(value_of(command, "--format"), Some("sarif"));
    let report = value_of(command, "-o").expect("the report is written to a file");
    let uploads: Vec<&Step> = action
        .runs
        .steps
        .iter()
        .filter(|s| {
            s.uses
                .as_deref()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .collect();
    assert_eq!(uploads.len(), 1);
    assert_eq!(
        uploads[0].with.get("sarif_file").map(String::as_str),
        Some(report)
    );
}

#[test]
fn the_action_installs_its_own_copy_locked_and_cached() {
    let action = action();
    let install = action
        .runs
        .steps
        .iter()
        .filter_map(|s| s.run.as_deref())
        .find(|run| run.contains("cargo install"))
        .expect("an install step");
    assert!(install.contains("--locked"), "{install}");
    assert!(install.contains("--path \"$ACTION_PATH\""), "{install}");
    let cache = action
        .runs
        .steps
        .iter()
        .find(|s| {
            s.uses
                .as_deref()
                .is_some_and(|u| u.starts_with("actions/cache@"))
        })
        .expect("a cache step");
    assert!(
        cache
            .with
            .get("path")
            .is_some_and(|p| p.contains("~/.cargo/bin/claimcheck")),
        "the cache keeps the installed binary"
    );
}

#[test]
fn the_pre_commit_hook_runs_check_on_drafts_with_flags_it_has() {
    let hooks: Vec<Hook> =
        serde_saphyr::from_str(&read(".pre-commit-hooks.yaml")).expect("the hooks read");
    assert_eq!(hooks.len(), 1);
    let hook = &hooks[0];
    assert_eq!(hook.id, "claimcheck");
    assert_eq!(hook.language, "rust");
    assert!(hook.pass_filenames);
    assert!(hook.types_or.contains(&"markdown".to_string()));
    assert!(hook.entry.starts_with("claimcheck check"), "{}", hook.entry);
    let unknown: Vec<String> = flags_in(&hook.entry)
        .difference(&check_flags())
        .cloned()
        .collect();
    assert!(unknown.is_empty(), "flags check does not have: {unknown:?}");
    let readme = read("README.md");
    assert!(
        readme.contains(&format!("- id: {}", hook.id)),
        "README.md shows the hook in a .pre-commit-config.yaml"
    );
}

/// The script of the action's step called `name`.
fn script(action: &Action, name: &str) -> String {
    action
        .runs
        .steps
        .iter()
        .find(|s| s.name == name)
        .and_then(|s| s.run.clone())
        .unwrap_or_else(|| panic!("no step {name} with a script"))
}

/// Runs a step's script with bash in `dir`, as a runner would: with the step's
/// environment, `GITHUB_OUTPUT` and `RUNNER_TEMP`, and the built claimcheck on the path.
fn run_step(script: &str, dir: &Path, runner: &Path, env: &[(&str, &str)]) -> Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_claimcheck"))
        .parent()
        .unwrap();
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    Command::new("bash")
        .args(["-e", "-c", script])
        .current_dir(dir)
        .env("PATH", path)
        .env("GITHUB_OUTPUT", runner.join("output"))
        .env("RUNNER_TEMP", runner)
        .env("XDG_CACHE_HOME", runner.join("cache"))
        .envs(env.iter().copied())
        .output()
        .expect("bash runs")
}

fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Desk")
        .env("GIT_AUTHOR_EMAIL", "desk@example.org")
        .env("GIT_COMMITTER_NAME", "Desk")
        .env("GIT_COMMITTER_EMAIL", "desk@example.org")
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A step's outputs, as it wrote them to `GITHUB_OUTPUT`.
fn outputs(runner: &Path) -> BTreeMap<String, String> {
    std::fs::read_to_string(runner.join("output"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn no_step_script_interpolates_an_expression() {
    // Inputs reach scripts through the environment, so a value cannot inject shell.
    for step in action().runs.steps {
        if let Some(run) = &step.run {
            assert!(!run.contains("${{"), "{}: {run}", step.name);
        }
    }
}

#[test]
fn the_action_checks_only_the_changed_drafts_and_fails_on_their_verdicts() {
    let action = action();
    let tmp = tempfile::tempdir().unwrap();
    let (origin, work, runner) = (
        tmp.path().join("origin"),
        tmp.path().join("work"),
        tmp.path().join("runner"),
    );
    for dir in [&origin, &runner] {
        std::fs::create_dir_all(dir).unwrap();
    }
    // On the base branch: a draft with a wrong count, which the pull request leaves alone.
    let wrong = "---\ndate: 2020-04-09\n---\nOn Monday four Katyusha rockets struck the Burjesia oil district.\n";
    std::fs::write(origin.join("old.md"), wrong).unwrap();
    git(&origin, &["init", "-q", "-b", "main"]);
    git(&origin, &["add", "."]);
    git(&origin, &["commit", "-q", "-m", "base"]);
    git(tmp.path(), &["clone", "-q", "origin", "work"]);
    git(&work, &["checkout", "-q", "-b", "change"]);
    std::fs::create_dir_all(work.join("drafts")).unwrap();
    std::fs::write(work.join("drafts/new.md"), wrong).unwrap();
    std::fs::write(work.join("drafts/notes.txt"), wrong).unwrap();
    git(&work, &["add", "."]);
    git(&work, &["commit", "-q", "-m", "change"]);

    let find = run_step(
        &script(&action, "Find the changed drafts"),
        &work,
        &runner,
        &[("BASE_REF", "main"), ("PATHS", "**/*.md")],
    );
    assert!(
        find.status.success(),
        "{}",
        String::from_utf8_lossy(&find.stderr)
    );
    assert_eq!(outputs(&runner)["count"], "1");
    let listed = std::fs::read_to_string(runner.join("claimcheck-drafts")).unwrap();
    assert_eq!(listed, "drafts/new.md\0");

    // The repository's own facts and rules, named as the inputs would name them, so
    // none found upwards from the temporary directory is read instead.
    let (db, rules) = (root().join("claims"), root().join("rules"));
    let check = run_step(
        &script(&action, "Check the changed drafts"),
        &work,
        &runner,
        &[
            ("FAIL_ON", "contradicted"),
            ("AS_OF", ""),
            ("DB", db.to_str().unwrap()),
            ("RULES", rules.to_str().unwrap()),
        ],
    );
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "{stderr}");
    assert_eq!(outputs(&runner)["status"], "1", "{stderr}");
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(work.join("claimcheck.sarif")).unwrap())
            .expect("the report is SARIF JSON");
    let text = sarif.to_string();
    assert!(text.contains("drafts/new.md"), "{text}");
    assert!(
        !text.contains("old.md"),
        "only changed drafts are checked: {text}"
    );

    let fail = run_step(
        &script(&action, "Fail on the verdicts"),
        &work,
        &runner,
        &[("STATUS", "1"), ("FAIL_ON", "contradicted")],
    );
    assert_eq!(fail.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&fail.stdout).contains("::error::"));
}
