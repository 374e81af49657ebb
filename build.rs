//! Lists every file of `rules/` and `claims/` for `src/bundled.rs`, which compiles
//! them into the binary. Each file is taken with `include_str!`, so the copy in the
//! binary is always the repository's; cargo runs this again when a file is added
//! to or removed from either directory.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let mut code = String::new();
    for (constant, dir) in [("RULES", "rules"), ("CLAIMS", "claims")] {
        println!("cargo::rerun-if-changed={dir}");
        let base = root.join(dir);
        let mut files = Vec::new();
        yaml_files(&base, &mut files);
        writeln!(code, "pub static {constant}: &[BundledFile] = &[").expect("to a string");
        for file in files {
            let name = file
                .strip_prefix(&base)
                .expect("walked under its directory")
                .components()
                .map(|c| c.as_os_str().to_str().expect("a UTF-8 file name"))
                .collect::<Vec<_>>()
                .join("/");
            let path = file.to_str().expect("a UTF-8 path");
            writeln!(
                code,
                "    BundledFile {{ name: {name:?}, text: include_str!({path:?}) }},"
            )
            .expect("to a string");
        }
        code.push_str("];\n");
    }
    std::fs::write(out.join("bundled.rs"), code).expect("OUT_DIR is writable");
}

/// The `.yaml` and `.yml` files under `dir`, links not followed, in the order the
/// fact base reads a directory: each directory's entries sorted by name, depth first.
fn yaml_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry"))
        .collect();
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let kind = entry.file_type().expect("a file type");
        let path = entry.path();
        if kind.is_dir() {
            yaml_files(&path, files);
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            files.push(path);
        }
    }
}
