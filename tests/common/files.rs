//! The fixture files a test reads, shared by the test binaries that read
//! lists of cases (included with `#[path]`, without the rest of `common`).

use std::path::{Path, PathBuf};

/// The `.txt` files in `dir` of the crate (relative to its root), sorted
/// by name.
pub fn txt_files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}
