//! What `brief [PATH...]` opens: the paths given, else `./briefings`, else the examples built
//! into the binary.

use std::path::{Path, PathBuf};

use crate::app::Doc;
use crate::briefing::diagnostic::Diagnostic;
use crate::briefing::load::{decode, load_str, read_file};
use crate::cmd::paths::{expand, Found};

/// A briefing that loaded, or a file that did not and why.
pub enum Opened {
    Doc(Box<Doc>),
    Failed {
        path: PathBuf,
        source: Option<String>,
        diagnostics: Vec<Diagnostic>,
    },
}

/// Loads one file into a document or its diagnostics.
pub fn open_file(path: &Path, max_size: u64) -> Opened {
    let fail = |source: Option<String>, diagnostics| Opened::Failed {
        path: path.to_path_buf(),
        source,
        diagnostics,
    };
    let bytes = match read_file(path, max_size) {
        Ok(b) => b,
        Err(d) => return fail(None, vec![d]),
    };
    let text = match decode(&bytes) {
        Ok(t) => t,
        Err(d) => return fail(None, d),
    };
    match load_str(text) {
        Ok(l) => Opened::Doc(Box::new(Doc::new(
            Some(path.to_path_buf()),
            path.display().to_string(),
            l.briefing,
            l.warnings,
        ))),
        Err(d) => fail(Some(text.to_string()), d),
    }
}

/// The paths to open when none are given: `./briefings` if it exists.
pub fn default_paths() -> Option<Vec<PathBuf>> {
    let dir = PathBuf::from("briefings");
    dir.is_dir().then(|| vec![dir])
}

/// Every briefing named by `paths` (files and folders), in order.
pub fn open_paths(paths: &[PathBuf], max_size: u64) -> Vec<Opened> {
    expand(paths)
        .into_iter()
        .map(|f| match f {
            Found::File(p) => open_file(&p, max_size),
            Found::Problem(path, why) => Opened::Failed {
                path,
                source: None,
                diagnostics: vec![Diagnostic::error(Default::default(), why)],
            },
        })
        .collect()
}

/// The examples compiled into the binary.
pub fn open_bundled() -> Vec<Opened> {
    crate::bundled::BUNDLED
        .iter()
        .map(|(name, text)| match load_str(text) {
            Ok(l) => Opened::Doc(Box::new(Doc::new(
                None,
                format!("{name} (built in)"),
                l.briefing,
                l.warnings,
            ))),
            Err(d) => Opened::Failed {
                path: PathBuf::from(name),
                source: Some(text.to_string()),
                diagnostics: d,
            },
        })
        .collect()
}
