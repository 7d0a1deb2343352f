//! Turning the paths on the command line into briefing files: folders are searched for
//! `*.yaml` / `*.yml` (sorted by path), missing paths and unreadable folders are reported, and
//! symlink loops are walked once.
//!
//! Symlinks inside a folder are not followed out of it (as `rg` does without `-L`): a symlinked
//! folder is not descended, and a symlinked file is read only when its target is inside one of
//! the paths given. A link to `/` would otherwise walk the whole file system, and print excerpts
//! of whatever YAML-looking files it reaches. `--follow` follows them all. A path named on the
//! command line is always followed.

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

/// What [`expand_all`] found, and how many symlinks it did not follow.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expanded {
    pub found: Vec<Found>,
    /// Symlinked folders not descended, and symlinked files whose target is outside every path
    /// given, left out because `--follow` was not given.
    pub unfollowed: usize,
}

/// Expands files and folders, in the order given; each folder's files sorted by path.
/// A file named directly is taken whatever its extension. `follow`: follow every symlink.
pub fn expand(paths: &[PathBuf], follow: bool) -> Vec<Found> {
    expand_all(paths, follow).found
}

/// [`expand`], with the count of symlinks not followed.
pub fn expand_all(paths: &[PathBuf], follow: bool) -> Expanded {
    let roots: Vec<PathBuf> = paths
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    let mut walk = Walk {
        follow,
        roots: &roots,
        files: Vec::new(),
        problems: Vec::new(),
        seen: HashSet::new(),
        unfollowed: 0,
    };
    let mut out = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => out.push(Found::Problem(
                path.clone(),
                format!("cannot open: {}", io_reason(&e)),
            )),
            Ok(meta) if meta.is_dir() => {
                walk.seen.clear();
                walk.walk(path, 0);
                let mut files = std::mem::take(&mut walk.files);
                let mut problems = std::mem::take(&mut walk.problems);
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
    Expanded {
        found: dedup_files(out),
        unfollowed: walk.unfollowed,
    }
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

struct Walk<'a> {
    follow: bool,
    /// The paths given, canonical: where a symlinked file may point.
    roots: &'a [PathBuf],
    files: Vec<PathBuf>,
    problems: Vec<Found>,
    seen: HashSet<PathBuf>,
    unfollowed: usize,
}

impl Walk<'_> {
    fn inside_roots(&self, target: &Path) -> bool {
        self.roots.iter().any(|r| target.starts_with(r))
    }

    fn walk(&mut self, dir: &Path, depth: usize) {
        // A symlink loop leads back to a folder already walked: its canonical path repeats.
        let Ok(canonical) = std::fs::canonicalize(dir) else {
            self.problems.push(Found::Problem(
                dir.to_path_buf(),
                "cannot resolve folder (a symlink loop?)".into(),
            ));
            return;
        };
        if !self.seen.insert(canonical) || depth > MAX_WALK_DEPTH {
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.problems.push(Found::Problem(
                    dir.to_path_buf(),
                    format!("cannot read folder: {}", io_reason(&e)),
                ));
                return;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            let link = entry.file_type().is_ok_and(|t| t.is_symlink());
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() && !hidden => {
                    if link && !self.follow {
                        self.unfollowed += 1;
                    } else {
                        self.walk(&path, depth + 1);
                    }
                }
                Ok(m) if m.is_dir() => {}
                Ok(m) if m.is_file() && is_briefing_name(&path) => {
                    let outside = link
                        && !self.follow
                        && !std::fs::canonicalize(&path).is_ok_and(|t| self.inside_roots(&t));
                    if outside {
                        self.unfollowed += 1;
                    } else {
                        self.files.push(path);
                    }
                }
                // Opening a pipe waits for a writer, and a device may never end: inside a folder
                // only regular files are briefings.
                Ok(_) if is_briefing_name(&path) => self.problems.push(Found::Problem(
                    path,
                    "not a regular file (a pipe, socket or device); name it directly to read it"
                        .into(),
                )),
                Ok(_) => {}
                Err(e) if is_briefing_name(&path) => {
                    self.problems.push(Found::Problem(
                        path,
                        format!("cannot open: {}", io_reason(&e)),
                    ));
                }
                Err(_) => {}
            }
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
        let found = expand(
            &[a.clone(), dotted, dir.path().to_path_buf(), a.clone()],
            false,
        );
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
        let found = expand(&[dir.path().to_path_buf()], false);
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
        let found = expand(&[missing.clone(), dir.path().to_path_buf()], false);
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
        assert_eq!(expand(&[dir.path().to_path_buf()], false).len(), 1);
        assert_eq!(expand(&[dir.path().to_path_buf()], true).len(), 1);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_folder_are_not_followed_unless_asked() -> std::io::Result<()> {
        let outside = tempfile::tempdir()?;
        std::fs::write(outside.path().join("secret.yaml"), "password: hunter2\n")?;
        std::fs::create_dir(outside.path().join("deep"))?;
        std::fs::write(outside.path().join("deep/x.yaml"), "x")?;
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("a.yaml"), "x")?;
        std::os::unix::fs::symlink(outside.path(), dir.path().join("root"))?;
        std::os::unix::fs::symlink(
            outside.path().join("secret.yaml"),
            dir.path().join("secret.yaml"),
        )?;
        // A link to a file inside the folder is read: its target is inside a root.
        std::os::unix::fs::symlink(dir.path().join("a.yaml"), dir.path().join("b.yaml"))?;
        let given = [dir.path().to_path_buf()];
        let files = |e: &Expanded| -> Vec<String> {
            e.found
                .iter()
                .map(|f| match f {
                    Found::File(p) => p
                        .strip_prefix(dir.path())
                        .map(|p| p.display().to_string())
                        .unwrap_or_default(),
                    Found::Problem(p, why) => format!("{}: {why}", p.display()),
                })
                .collect()
        };
        let plain = expand_all(&given, false);
        assert_eq!(files(&plain), ["a.yaml"], "b.yaml is a.yaml, found once");
        assert_eq!(plain.unfollowed, 2);
        let followed = expand_all(&given, true);
        assert_eq!(
            files(&followed),
            ["a.yaml", "root/deep/x.yaml", "root/secret.yaml"]
        );
        assert_eq!(followed.unfollowed, 0);
        // Named as a root too, the outside folder's files may be linked to.
        let both = expand_all(
            &[dir.path().to_path_buf(), outside.path().to_path_buf()],
            false,
        );
        assert!(
            files(&both).contains(&"secret.yaml".to_string()),
            "{:?}",
            files(&both)
        );
        Ok(())
    }
}
