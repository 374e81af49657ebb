//! Document URIs and file paths. Drafts arrive as URIs (`file:` for files on
//! disk, `untitled:` and others for unsaved buffers); facts are pointed at by the
//! `file:` URI of their fact file.

use lsp_types::Uri;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// What a path may hold unescaped in a `file:` URI: letters, digits, `/` and the
/// marks RFC 3986 leaves unreserved.
const PATH_CHARACTERS: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The path a draft is known by: the file's path for a `file:` URI, else the
/// last part of the URI's path (`Untitled-1`), for messages and its format only.
pub fn draft_path(uri: &Uri) -> PathBuf {
    let path = percent_decode_str(uri.path().as_str())
        .decode_utf8_lossy()
        .into_owned();
    let is_file = uri
        .scheme()
        .is_some_and(|scheme| scheme.as_str().eq_ignore_ascii_case("file"));
    if is_file {
        PathBuf::from(path)
    } else {
        PathBuf::from(path.rsplit('/').next().unwrap_or_default())
    }
}

/// The `file:` URI of an absolute path, if the path makes one.
pub fn file_uri(path: &Path) -> Option<Uri> {
    let path = path.to_str()?;
    if !path.starts_with('/') {
        return None;
    }
    Uri::from_str(&format!(
        "file://{}",
        utf8_percent_encode(path, PATH_CHARACTERS)
    ))
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_path_with_spaces_and_accents_round_trips() {
        let path = Path::new("/home/ana/drafts/café notes #2.md");
        let uri = file_uri(path).unwrap();
        assert_eq!(
            uri.as_str(),
            "file:///home/ana/drafts/caf%C3%A9%20notes%20%232.md"
        );
        assert_eq!(draft_path(&uri), path);
    }

    #[test]
    fn an_unsaved_buffer_is_known_by_its_name() {
        let uri = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(draft_path(&uri), Path::new("Untitled-1"));
    }

    #[test]
    fn a_relative_path_makes_no_uri() {
        assert!(file_uri(Path::new("claims/a.yaml")).is_none());
    }
}
