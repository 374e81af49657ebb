//! The README's command-line examples are run, so they never drift from what
//! claimcheck prints. An example is a ```text block whose lines start with `$ `:
//! the command (continued on lines ending in `\`), then its output, standard error
//! included. In the output, `…` or `...` stands for any text within a line, and a
//! line of only `…` for any number of lines.

mod common;

use common::root;
use std::path::Path;
use std::process::Command;

/// One `$ command` of a README block and the output it shows.
#[derive(Debug)]
struct Example {
    /// Where the command is written, as `README.md:LINE`.
    place: String,
    command: String,
    output: Vec<String>,
}

/// Every example in the ```text blocks of `markdown`.
fn examples(name: &str, markdown: &str) -> Vec<Example> {
    let mut found: Vec<Example> = Vec::new();
    let mut in_text_block = false;
    // Whether the last example is in the block being read, and so takes its lines.
    let mut in_example = false;
    let mut continued = false;
    for (index, line) in markdown.lines().enumerate() {
        if line.starts_with("```") {
            in_text_block = line == "```text";
            in_example = false;
            continued = false;
            continue;
        }
        if !in_text_block {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            found.push(Example {
                place: format!("{name}:{}", index + 1),
                command: command.to_string(),
                output: Vec::new(),
            });
            in_example = true;
        } else if let Some(example) = found.last_mut().filter(|_| in_example) {
            if continued {
                example.command.push('\n');
                example.command.push_str(line);
            } else {
                example.output.push(line.to_string());
            }
        }
        continued = line.ends_with('\\');
    }
    found
}

/// Whether `line` is what `pattern` shows, `…` and `...` standing for any text.
fn line_matches(pattern: &str, line: &str) -> bool {
    let pattern = pattern.replace("...", "…");
    let mut parts = pattern.split('…');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = line.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

fn is_elided_lines(pattern: &str) -> bool {
    matches!(pattern.trim(), "…" | "...")
}

/// Whether `actual` is what `expected` shows, line by line.
fn output_matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((pattern, rest)) if is_elided_lines(pattern) => {
            (0..=actual.len()).any(|skip| output_matches(rest, &actual[skip..]))
        }
        Some((pattern, rest)) => actual.split_first().is_some_and(|(line, others)| {
            line_matches(pattern.trim_end(), line.trim_end()) && output_matches(rest, others)
        }),
    }
}

/// Runs an example's command from the repository root, with the built claimcheck
/// first on the path; its standard output and error.
fn run(command: &str, cache: &Path) -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_claimcheck"))
        .parent()
        .expect("the binary is in a directory");
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH joins");
    let output = Command::new("bash")
        .arg("-c")
        .arg(format!("{command} 2>&1"))
        .current_dir(root())
        .env("PATH", path)
        .env("XDG_CACHE_HOME", cache)
        .output()
        .expect("bash runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn every_readme_example_prints_what_it_shows() {
    let cache = tempfile::tempdir().unwrap();
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let examples = examples("README.md", &readme);
    assert!(
        examples
            .iter()
            .filter(|e| e.command.contains("claimcheck "))
            .count()
            >= 3,
        "{examples:#?}"
    );
    let mut failures = Vec::new();
    for example in &examples {
        let actual = run(&example.command, cache.path());
        // Blank lines at the end are not shown in a README.
        let lines: Vec<&str> = actual.trim_end().lines().collect();
        if !output_matches(&example.output, &lines) {
            failures.push(format!(
                "{}: $ {}\n--- the README shows:\n{}\n--- it prints:\n{actual}",
                example.place,
                example.command,
                example.output.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn elisions_stand_for_text_and_lines_but_nothing_else() {
    let shown = |lines: &[&str]| lines.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    assert!(line_matches("a … c", "a b c"));
    assert!(line_matches("a ... c", "a b c"));
    assert!(line_matches("{\"x\":[…],\"y\":1}", "{\"x\":[1,2],\"y\":1}"));
    assert!(!line_matches("a … c", "a b d"));
    assert!(!line_matches("a b", "a b c"));
    assert!(output_matches(
        &shown(&["one", "…"]),
        &["one", "two", "three"]
    ));
    assert!(output_matches(
        &shown(&["…", "three"]),
        &["one", "two", "three"]
    ));
    assert!(!output_matches(
        &shown(&["one", "three"]),
        &["one", "two", "three"]
    ));
    assert!(!output_matches(&shown(&["one"]), &["one", "two"]));
}

#[test]
fn a_command_continued_over_lines_is_one_example() {
    let markdown = "```text\n$ printf 'a\\n' \\\n    | cat\na\n```\n\n```text\nnot output\n```\n\n```sh\n$ not run\n```\n";
    let found = examples("x.md", markdown);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].command, "printf 'a\\n' \\\n    | cat");
    assert_eq!(found[0].output, ["a"]);
    assert_eq!(run(&found[0].command, Path::new("/nonexistent")), "a\n");
}
