//! Turning the paths on the command line into briefing files: folders are searched for
//! `*.yaml` / `*.yml` (sorted by path), missing paths and unreadable folders are reported, and
//! symlink loops are walked once.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::briefing::load::io_reason;

/// One briefing file to open, or a path that could not be searched and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    File(PathBuf),
    Problem(PathBuf, String),
}

pub fn is_briefing_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Expands files and folders, in the order given; each folder's files sorted by path.
/// A file named directly is taken whatever its extension.
pub fn expand(paths: &[PathBuf]) -> Vec<Found> {
    let mut out = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => out.push(Found::Problem(
                path.clone(),
                format!("cannot open: {}", io_reason(&e)),
            )),
            Ok(meta) if meta.is_dir() => {
                let mut files = Vec::new();
                let mut problems = Vec::new();
                let mut seen = HashSet::new();
                walk(path, &mut files, &mut problems, &mut seen, 0);
                files.sort();
                if files.is_empty() && problems.is_empty() {
                    problems.push(Found::Problem(
                        path.clone(),
                        "folder holds no *.yaml or *.yml briefings".into(),
                    ));
                }
                out.extend(files.into_iter().map(Found::File));
                out.extend(problems);
            }
            Ok(_) => out.push(Found::File(path.clone())),
        }
    }
    dedup_files(out)
}

/// Keeps the first of the files that are one file (`x.yaml ./x.yaml`, a folder and a file in
/// it, two links to one file): each briefing is loaded, listed and checked once.
fn dedup_files(found: Vec<Found>) -> Vec<Found> {
    let mut seen = HashSet::new();
    found
        .into_iter()
        .filter(|f| match f {
            Found::File(p) => seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())),
            Found::Problem(..) => true,
        })
        .collect()
}

const MAX_WALK_DEPTH: usize = 64;

fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<Found>,
    seen: &mut HashSet<PathBuf>,
    depth: usize,
) {
    // A symlink loop leads back to a folder already walked: its canonical path repeats.
    let Ok(canonical) = std::fs::canonicalize(dir) else {
        problems.push(Found::Problem(
            dir.to_path_buf(),
            "cannot resolve folder (a symlink loop?)".into(),
        ));
        return;
    };
    if !seen.insert(canonical) || depth > MAX_WALK_DEPTH {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(Found::Problem(
                dir.to_path_buf(),
                format!("cannot read folder: {}", io_reason(&e)),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => {
                if !hidden {
                    walk(&path, files, problems, seen, depth + 1);
                }
            }
            Ok(m) if m.is_file() && is_briefing_name(&path) => files.push(path),
            // Opening a pipe waits for a writer, and a device may never end: inside a folder
            // only regular files are briefings.
            Ok(_) if is_briefing_name(&path) => problems.push(Found::Problem(
                path,
                "not a regular file (a pipe, socket or device); name it directly to read it".into(),
            )),
            Ok(_) => {}
            Err(e) if is_briefing_name(&path) => {
                problems.push(Found::Problem(
                    path,
                    format!("cannot open: {}", io_reason(&e)),
                ));
            }
            Err(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_file_named_several_ways_is_found_once() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let a = dir.path().join("a.yaml");
        std::fs::write(&a, "x")?;
        std::fs::write(dir.path().join("b.yaml"), "x")?;
        let dotted = dir.path().join(".").join("a.yaml");
        let found = expand(&[a.clone(), dotted, dir.path().to_path_buf(), a.clone()]);
        let files: Vec<&Path> = found
            .iter()
            .filter_map(|f| match f {
                Found::File(p) => Some(p.as_path()),
                Found::Problem(..) => None,
            })
            .collect();
        assert_eq!(
            files,
            vec![a.as_path(), dir.path().join("b.yaml").as_path()]
        );
        Ok(())
    }

    #[test]
    fn folders_expand_sorted_and_recursive() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::create_dir(dir.path().join("sub"))?;
        std::fs::create_dir(dir.path().join(".git"))?;
        for f in ["b.yaml", "a.yml", "sub/c.yaml", "notes.txt", ".git/x.yaml"] {
            std::fs::write(dir.path().join(f), "x")?;
        }
        let found = expand(&[dir.path().to_path_buf()]);
        let names: Vec<_> = found
            .iter()
            .map(|f| match f {
                Found::File(p) => p
                    .strip_prefix(dir.path())
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                Found::Problem(p, why) => format!("{}: {why}", p.display()),
            })
            .collect();
        assert_eq!(names, vec!["a.yml", "b.yaml", "sub/c.yaml"]);
        Ok(())
    }

    #[test]
    fn missing_and_empty_paths_are_problems() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let missing = dir.path().join("nope.yaml");
        let found = expand(&[missing.clone(), dir.path().to_path_buf()]);
        assert!(
            matches!(&found[0], Found::Problem(p, why) if *p == missing && why.contains("no such file"))
        );
        assert!(matches!(&found[1], Found::Problem(_, why) if why.contains("no *.yaml")));
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_end() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("a.yaml"), "x")?;
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop"))?;
        let found = expand(&[dir.path().to_path_buf()]);
        assert_eq!(found.len(), 1);
        Ok(())
    }
}
