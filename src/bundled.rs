//! The rules and the fact base that ship with claimcheck, compiled into the binary
//! so that an installed `claimcheck` works from any directory. `build.rs` lists
//! every YAML file of `rules/` and `claims/`; each is included as it is in the
//! repository. Messages and evidence name them under [`ROOT`]:
//! `<bundled>/rules/context.yaml:3:4`.

use std::path::{Path, PathBuf};

/// A file compiled in: its path within `rules/` or `claims/` (with `/`), and its text.
#[derive(Debug, Clone, Copy)]
pub struct BundledFile {
    pub name: &'static str,
    pub text: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// What bundled files are named under, in place of a directory on disk.
pub const ROOT: &str = "<bundled>";

/// The name the bundled rules directory goes by.
pub fn rules_dir() -> PathBuf {
    Path::new(ROOT).join("rules")
}

/// The name the bundled fact base directory goes by.
pub fn claims_dir() -> PathBuf {
    Path::new(ROOT).join("claims")
}

/// The bundled rules file called `name`.
pub fn rules_file(name: &str) -> Option<&'static str> {
    RULES.iter().find(|f| f.name == name).map(|f| f.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every YAML file of `dir` in the repository, as the fact base lists them.
    fn on_disk(dir: &str) -> Vec<(String, String)> {
        let base = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        crate::factbase::fact_files(&base)
            .unwrap()
            .into_iter()
            .map(|path| {
                let name = path.strip_prefix(&base).unwrap().to_string_lossy();
                (
                    name.replace('\\', "/"),
                    std::fs::read_to_string(&path).unwrap(),
                )
            })
            .collect()
    }

    fn bundled(files: &[BundledFile]) -> Vec<(String, String)> {
        files
            .iter()
            .map(|f| (f.name.to_string(), f.text.to_string()))
            .collect()
    }

    #[test]
    fn the_bundled_files_are_the_repositorys() {
        assert_eq!(bundled(RULES), on_disk("rules"));
        assert_eq!(bundled(CLAIMS), on_disk("claims"));
        assert!(CLAIMS.len() > 10 && RULES.len() > 10);
    }
}
