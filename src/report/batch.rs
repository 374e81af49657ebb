//! A run laid out as a directory of reports: one report per draft in the chosen
//! format, `index.html` linking them all with their verdict counts, and
//! `report.json`, the JSON report of every draft together. This module only names
//! and renders the files; the command line writes them.

use super::{CheckRun, Format, RenderError, RenderOptions};
use std::collections::HashSet;

/// The batch's index page, `index.html` unless that name is taken.
const INDEX_STEM: &str = "index";
/// The JSON report (schema_version 1) of all drafts, `report.json` unless taken.
const COMBINED_JSON_STEM: &str = "report";

/// A file of the batch, named relative to the output directory.
#[derive(Debug)]
pub struct OutputFile {
    pub name: String,
    pub contents: String,
}

/// Every file of the batch: the per-draft reports in draft order, then the
/// combined JSON and the index, which lists the drafts that failed too. No name
/// is one of `taken` (files already in the directory that are not the batch's to
/// replace). `written_at` tells in the index which run its reports are from.
pub fn files(
    run: &CheckRun,
    format: Format,
    options: &RenderOptions,
    taken: &HashSet<String>,
    written_at: &str,
) -> Result<Vec<OutputFile>, RenderError> {
    let mut taken = taken.clone();
    let index_name = unique_name(INDEX_STEM, "html", &mut taken);
    let combined_name = unique_name(COMBINED_JSON_STEM, "json", &mut taken);
    // Each HTML report links back to the index.
    let options = &RenderOptions {
        index_href: (format == Format::Html).then(|| index_name.clone()),
        ..options.clone()
    };
    let mut out = Vec::with_capacity(run.documents.len() + 2);
    for document in run.documents {
        let stem = document
            .path
            .file_stem()
            .map(|s| file_name_safe(&s.to_string_lossy()))
            .unwrap_or_default();
        let name = unique_name(&stem, format.extension(), &mut taken);
        let one = CheckRun {
            documents: std::slice::from_ref(document),
            failed: &[],
            database: run.database,
            vocabulary: run.vocabulary,
        };
        out.push(OutputFile {
            name,
            contents: super::render(format, &one, options)?,
        });
    }
    let hrefs: Vec<String> = out.iter().map(|f| f.name.clone()).collect();
    out.push(OutputFile {
        name: combined_name,
        contents: super::json(run.documents),
    });
    out.push(OutputFile {
        name: index_name,
        contents: super::html_index(run, &hrefs, written_at)?,
    });
    Ok(out)
}

/// A draft's name as a file name that needs no quoting in a URL or a shell.
fn file_name_safe(stem: &str) -> String {
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    // Not hidden, and never read as an option by a shell command (`-` is standard input).
    let safe = safe.trim_start_matches(['.', '-']);
    if safe.is_empty() {
        "draft".to_string()
    } else {
        safe.to_string()
    }
}

/// `stem.extension`, or `stem-2.extension` and so on when drafts in different
/// directories share a name (or a draft is called `index`).
fn unique_name(stem: &str, extension: &str, taken: &mut HashSet<String>) -> String {
    let mut name = format!("{stem}.{extension}");
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{stem}-{n}.{extension}");
        n += 1;
    }
    taken.insert(name.clone());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_and_never_collide() {
        let mut taken: HashSet<String> = ["index.html".to_string()].into_iter().collect();
        assert_eq!(unique_name("a", "html", &mut taken), "a.html");
        assert_eq!(unique_name("a", "html", &mut taken), "a-2.html");
        assert_eq!(unique_name("index", "html", &mut taken), "index-2.html");
        assert_eq!(file_name_safe("my draft (v2)"), "my-draft--v2-");
        assert_eq!(file_name_safe("..."), "draft");
        assert_eq!(file_name_safe("-"), "draft");
        assert_eq!(file_name_safe("--x"), "x");
    }
}
