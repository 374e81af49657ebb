//! Reading YAML (fact files, rules, front matter) into typed structs, with errors
//! that say file:line:column. serde-saphyr parses without panicking on bad input and
//! bounds alias expansion, so hostile files fail cleanly.

use serde::de::DeserializeOwned;
use std::fmt;
use std::path::{Path, PathBuf};

/// A YAML file that could not be read into its expected shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

impl std::error::Error for YamlError {}

/// Parses `text` (the contents of `path`) as `T`. `line_offset` is the number of lines
/// before `text` in its file, for YAML embedded in a larger file (front matter).
pub fn parse<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    line_offset: usize,
) -> Result<T, YamlError> {
    // Non-finite numbers (`.nan`, `.inf`) reach the reader as numbers, so a fact's
    // value is checked and reported by lint rather than refused as a parse error.
    let options = serde_saphyr::options! {
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::PassThrough,
    };
    serde_saphyr::from_str_with_options(text, options).map_err(|error| {
        let (line, column) = error
            .location()
            .map_or((1, 1), |at| (at.line() as usize, at.column() as usize));
        let message = error.render_with_options(serde_saphyr::render_options! {
            snippets: serde_saphyr::SnippetMode::Off,
        });
        YamlError {
            path: path.to_path_buf(),
            line: line.max(1) + line_offset,
            column: column.max(1),
            message: strip_location(&message),
        }
    })
}

/// serde-saphyr ends some messages with its own "at line X column Y"; we print
/// the location once, in front.
fn strip_location(message: &str) -> String {
    let first_line = message.lines().next().unwrap_or(message).trim();
    match first_line.rfind(" at line ") {
        Some(cut) => first_line[..cut].to_string(),
        None => first_line.to_string(),
    }
}

/// A location inside a YAML file, for pointing at one value in a later check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct YamlLocation {
    pub line: usize,
    pub column: usize,
}

impl From<&serde_saphyr::Location> for YamlLocation {
    fn from(location: &serde_saphyr::Location) -> Self {
        YamlLocation {
            line: location.line() as usize,
            column: location.column() as usize,
        }
    }
}
