//! What `brief [PATH...]` opens: the paths given, else `./briefings`, else the examples built
//! into the binary.

use std::path::{Path, PathBuf};

use crate::briefing::document::{load_path, Document, Opened};

/// Loads one file into a document or its failure.
pub fn open_file(path: &Path, max_size: u64) -> Opened {
    load_path(path, max_size).map(Box::new)
}

/// The paths to open when none are given: `./briefings` if it exists.
pub fn default_paths() -> Option<Vec<PathBuf>> {
    let dir = PathBuf::from("briefings");
    dir.is_dir().then(|| vec![dir])
}

/// The examples compiled into the binary.
pub fn open_bundled() -> Vec<Opened> {
    crate::bundled::BUNDLED
        .iter()
        .map(|(name, text)| Document::from_text(&format!("{name} (built in)"), text).map(Box::new))
        .collect()
}
