//! Reading the files of a fact base: which files belong to it, their text, and each
//! parsed into its records. A file that cannot be read or parsed becomes a lint
//! finding at its place; the other files are still read, so every problem shows.

use super::records;
use super::schema::FactFile;
use crate::lint::{self, Diagnostic, Rule};
use crate::yaml;
use std::path::{Path, PathBuf};

/// A fact file as written, with its records.
#[derive(Debug)]
pub struct ParsedFile {
    pub path: PathBuf,
    pub file: FactFile,
}

/// A fact file's text, or why it has none.
pub struct FileText {
    pub path: PathBuf,
    pub text: Result<String, Diagnostic>,
}

/// Where a fact base's files are: a directory on disk, or the base compiled into
/// claimcheck. A base may be read from several, merged as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactSource {
    Dir(PathBuf),
    Bundled,
}

impl FactSource {
    /// The directory the source's files are named under: `<bundled>/claims` for
    /// the bundled base.
    pub fn dir(&self) -> PathBuf {
        match self {
            FactSource::Dir(dir) => dir.clone(),
            FactSource::Bundled => crate::bundled::claims_dir(),
        }
    }
}

/// One file of a base: its path as messages and evidence name it, its path
/// within its source (for the base's version), and its text when compiled in.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub within: String,
    bundled: Option<&'static str>,
}

impl SourceFile {
    /// The file's bytes, read from disk unless compiled in.
    pub fn bytes(&self) -> std::io::Result<std::borrow::Cow<'static, [u8]>> {
        match self.bundled {
            Some(text) => Ok(std::borrow::Cow::Borrowed(text.as_bytes())),
            None => std::fs::read(&self.path).map(std::borrow::Cow::Owned),
        }
    }

    fn text(&self) -> std::io::Result<String> {
        match self.bundled {
            Some(text) => Ok(text.to_string()),
            None => std::fs::read_to_string(&self.path),
        }
    }
}

/// Every fact file of `sources`, source by source; or the directory that cannot
/// be read, with why.
pub fn source_files(sources: &[FactSource]) -> Result<Vec<SourceFile>, (PathBuf, String)> {
    let mut files = Vec::new();
    for source in sources {
        match source {
            FactSource::Dir(dir) => {
                let paths = fact_files(dir).map_err(|message| (dir.clone(), message))?;
                files.extend(paths.into_iter().map(|path| SourceFile {
                    within: within(dir, &path),
                    path,
                    bundled: None,
                }));
            }
            FactSource::Bundled => {
                let dir = crate::bundled::claims_dir();
                files.extend(crate::bundled::CLAIMS.iter().map(|file| SourceFile {
                    path: dir.join(file.name),
                    within: file.name.to_string(),
                    bundled: Some(file.text),
                }));
            }
        }
    }
    Ok(files)
}

/// `path`'s place under `dir`, with `/`, so a base's version does not depend on
/// where it is checked out or on the platform.
fn within(dir: &Path, path: &Path) -> String {
    let within = path.strip_prefix(dir).unwrap_or(path);
    let parts: Vec<String> = within
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Every `.yaml`/`.yml` file under `dir`, sorted by name so results never depend on
/// the order the file system lists them in.
pub fn fact_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    if !dir.is_dir() {
        return Err(format!(
            "no fact base here: {} is not a directory (pass --db DIR)",
            dir.display()
        ));
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| format!("cannot read the fact base: {e}"))?;
        let is_yaml = entry
            .path()
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml");
        if entry.file_type().is_file() && is_yaml {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// The text of each file; one that cannot be read, or is not UTF-8, is a finding.
pub fn read_texts(paths: Vec<PathBuf>) -> Vec<FileText> {
    read_source_texts(
        paths
            .into_iter()
            .map(|path| SourceFile {
                within: String::new(),
                path,
                bundled: None,
            })
            .collect(),
    )
}

/// The text of each source file, as `read_texts`.
pub fn read_source_texts(files: Vec<SourceFile>) -> Vec<FileText> {
    files
        .into_iter()
        .map(|file| {
            let text = file.text().map_err(|e| {
                Diagnostic::new(
                    Rule::UnreadableFile,
                    &file.path,
                    (1, 1),
                    format!("cannot read this file: {e}"),
                    "save it as UTF-8 text, readable by the user running the lint".into(),
                )
            });
            FileText {
                path: file.path,
                text,
            }
        })
        .collect()
}

/// One file's records that read, and a finding for each YAML or type error.
pub struct FileReading {
    pub file: FactFile,
    pub problems: Vec<Diagnostic>,
    /// Whether every entity of the file read (see `ParsedBase::complete`).
    pub all_entities_read: bool,
}

/// Parses one file's text. A YAML or type error is a finding of the rule it breaks;
/// when the error lies in one record, every record is read on its own, so each
/// broken record is reported and the others still linted.
pub fn parse_file(path: &Path, text: &str) -> FileReading {
    // An empty file (or one of comments only) has no records; YAML reads it as null.
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return FileReading {
            file: FactFile::default(),
            problems: Vec::new(),
            all_entities_read: true,
        };
    }
    let whole_error = match yaml::parse::<FactFile>(path, text, 0) {
        Ok(file) => {
            return FileReading {
                file,
                problems: Vec::new(),
                all_entities_read: true,
            };
        }
        Err(error) => error,
    };
    match records::read_by_record(path, text) {
        Some(reading) if !reading.errors.is_empty() => FileReading {
            file: reading.file,
            problems: reading
                .errors
                .into_iter()
                .map(|e| lint::yaml_error_finding(&e))
                .collect(),
            all_entities_read: reading.all_entities_read,
        },
        _ => FileReading {
            file: FactFile::default(),
            problems: vec![lint::yaml_error_finding(&whole_error)],
            all_entities_read: false,
        },
    }
}

/// The files of a base as read: every record that read, and every finding.
pub struct ParsedBase {
    pub files: Vec<ParsedFile>,
    pub problems: Vec<Diagnostic>,
    /// Whether every entity of every file was read, so a reference to an entity
    /// that is not found is truly unknown.
    pub complete: bool,
}

/// Parses every readable file.
pub fn parse_all(texts: Vec<FileText>) -> ParsedBase {
    let mut base = ParsedBase {
        files: Vec::with_capacity(texts.len()),
        problems: Vec::new(),
        complete: true,
    };
    for FileText { path, text } in texts {
        match text {
            Ok(text) => {
                let reading = parse_file(&path, &text);
                base.complete &= reading.all_entities_read;
                base.problems.extend(reading.problems);
                base.files.push(ParsedFile {
                    path,
                    file: reading.file,
                });
            }
            Err(problem) => {
                base.complete = false;
                base.problems.push(problem);
            }
        }
    }
    base
}
