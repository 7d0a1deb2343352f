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

/// Paths in the order of their components (what `Path`'s `Ord` gives for the paths a walk
/// makes), compared as bytes with the separator first: a sort of 100,000 paths by components
/// was most of the walk's time.
pub fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let sep_first = |c: u8| if c == b'/' { 0 } else { c };
    let (a, b) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    // The common prefix (a folder's files share a long one) is skipped at memory speed; only
    // the first byte that differs is looked at.
    let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    match (a.get(same), b.get(same)) {
        (Some(&x), Some(&y)) => sep_first(x).cmp(&sep_first(y)),
        _ => a.len().cmp(&b.len()),
    }
}

/// A path ordered by [`path_order`], for sort keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByPath<'a>(pub &'a Path);

impl Ord for ByPath<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        path_order(self.0, other.0)
    }
}

impl PartialOrd for ByPath<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
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
        unfollowed: HashSet::new(),
        linked_files: 0,
    };
    // Each file with the canonical path that tells one file named twice.
    let mut out: Vec<(Found, Option<PathBuf>)> = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => out.push((
                Found::Problem(path.clone(), format!("cannot open: {}", io_reason(&e))),
                None,
            )),
            Ok(meta) if meta.is_dir() => {
                walk.seen.clear();
                walk.walk(path, 0);
                let mut files = std::mem::take(&mut walk.files);
                if follow {
                    files.sort_unstable_by(|a, b| path_order(&a.0, &b.0));
                }
                let problems = std::mem::take(&mut walk.problems);
                if files.is_empty() && problems.is_empty() {
                    out.push((
                        Found::Problem(
                            path.clone(),
                            "folder holds no *.yaml or *.yml briefings".into(),
                        ),
                        None,
                    ));
                }
                // Files and problems together in path order, as the folder holds them.
                let files = files.into_iter().map(|(f, c)| (Found::File(f), Some(c)));
                let problems = problems.into_iter().map(|(p, c)| (p, Some(c)));
                out.extend(merge_by_path(files, problems));
            }
            Ok(_) => {
                let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
                out.push((Found::File(path.clone()), Some(canonical)));
            }
        }
    }
    // One folder walked without a symlinked file holds no file twice: each canonical path is
    // a folder seen once joined with one of its names.
    let found = if paths.len() == 1 && walk.linked_files == 0 {
        out.into_iter().map(|(f, _)| f).collect()
    } else {
        dedup_files(out)
    };
    Expanded {
        found,
        unfollowed: walk.unfollowed.len(),
    }
}

/// Two runs in path order made one.
fn merge_by_path(
    a: impl Iterator<Item = (Found, Option<PathBuf>)>,
    b: impl Iterator<Item = (Found, Option<PathBuf>)>,
) -> Vec<(Found, Option<PathBuf>)> {
    fn path(f: &Found) -> &Path {
        match f {
            Found::File(p) | Found::Problem(p, _) => p,
        }
    }
    let (mut a, mut b) = (a.peekable(), b.peekable());
    let mut out = Vec::new();
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => path_order(path(&x.0), path(&y.0)).is_le(),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return out,
        };
        out.extend(if take_a { a.next() } else { b.next() });
    }
}

/// Keeps the first of the files that are one file (`x.yaml ./x.yaml`, a folder and a file in
/// it, two links to one file): each briefing is loaded, listed and checked once.
fn dedup_files(found: Vec<(Found, Option<PathBuf>)>) -> Vec<Found> {
    let mut seen = HashSet::with_capacity(found.len());
    found
        .into_iter()
        .filter_map(|(f, canonical)| match canonical {
            Some(c) => seen.insert(c).then_some(f),
            None => Some(f),
        })
        .collect()
}

const MAX_WALK_DEPTH: usize = 64;

struct Walk<'a> {
    follow: bool,
    /// The paths given, canonical: where a symlinked file may point.
    roots: &'a [PathBuf],
    /// Each file with its canonical path.
    files: Vec<(PathBuf, PathBuf)>,
    /// Each problem with the canonical path of what it is about (one named twice is said once).
    problems: Vec<(Found, PathBuf)>,
    seen: HashSet<PathBuf>,
    /// The symlinks not followed, by canonical path (counted once when walked twice).
    unfollowed: HashSet<PathBuf>,
    /// Symlinked files taken: they may name a file found another way.
    linked_files: usize,
}

impl Walk<'_> {
    fn inside_roots(&self, target: &Path) -> bool {
        self.roots.iter().any(|r| target.starts_with(r))
    }

    fn walk(&mut self, dir: &Path, depth: usize) {
        // A symlink loop leads back to a folder already walked: its canonical path repeats.
        let Ok(canonical) = std::fs::canonicalize(dir) else {
            self.problems.push((
                Found::Problem(
                    dir.to_path_buf(),
                    "cannot resolve folder (a symlink loop?)".into(),
                ),
                dir.to_path_buf(),
            ));
            return;
        };
        if !self.seen.insert(canonical.clone()) || depth > MAX_WALK_DEPTH {
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.problems.push((
                    Found::Problem(
                        dir.to_path_buf(),
                        format!("cannot read folder: {}", io_reason(&e)),
                    ),
                    canonical,
                ));
                return;
            }
        };
        // Each folder's entries in name order, folders descended in place: the files come out
        // in the order of their paths' components, with no sort of all of them at the end.
        let mut entries: Vec<_> = entries.flatten().map(|e| (e.file_name(), e)).collect();
        if self.follow {
            // Real folders before symlinked ones, so that a folder reached both ways is listed
            // under its real path; the files are sorted at the end instead.
            let link = |e: &std::fs::DirEntry| e.file_type().is_ok_and(|t| t.is_symlink());
            entries.sort_unstable_by(|a, b| (link(&a.1), &a.0).cmp(&(link(&b.1), &b.0)));
        } else {
            entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        }
        for (name, entry) in entries {
            let path = entry.path();
            let hidden = name.to_string_lossy().starts_with('.');
            // The folder's listing says what each entry is (no stat per file, which at 100,000
            // files was most of the time before the first frame); only a symlink is followed
            // to learn what it points at. The canonical path of a plain file is its folder's
            // joined with its name.
            let kind = match entry.file_type() {
                Ok(t) if t.is_symlink() => None,
                Ok(t) if t.is_dir() => Some(Kind::Dir),
                Ok(t) if t.is_file() => Some(Kind::File),
                Ok(_) => Some(Kind::Other),
                Err(e) => Some(Kind::Unreadable(e)),
            };
            let Some(kind) = kind else {
                self.linked(path, canonical.join(&name), hidden, depth);
                continue;
            };
            match kind {
                Kind::Dir if !hidden => self.walk(&path, depth + 1),
                Kind::File if is_briefing_name(&path) => {
                    let c = canonical.join(&name);
                    self.files.push((path, c));
                }
                Kind::Other if is_briefing_name(&path) => {
                    self.not_regular(path, canonical.join(&name));
                }
                Kind::Unreadable(e) if is_briefing_name(&path) => {
                    self.unreadable(path, canonical.join(&name), &e);
                }
                _ => {}
            }
        }
    }

    /// A symlink in a folder: a folder is descended only with `--follow`, a file read only
    /// when it points inside the paths given (or with `--follow`).
    fn linked(&mut self, path: PathBuf, key: PathBuf, hidden: bool, depth: usize) {
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() && !hidden => {
                if self.follow {
                    self.walk(&path, depth + 1);
                } else {
                    self.unfollowed.insert(key);
                }
            }
            Ok(m) if m.is_dir() => {}
            Ok(m) if m.is_file() && is_briefing_name(&path) => match std::fs::canonicalize(&path) {
                Ok(target) if self.follow || self.inside_roots(&target) => {
                    self.linked_files += 1;
                    self.files.push((path, target));
                }
                Ok(_) => {
                    self.unfollowed.insert(key);
                }
                Err(e) => self.unreadable(path, key, &e),
            },
            Ok(_) if is_briefing_name(&path) => self.not_regular(path, key),
            Ok(_) => {}
            Err(e) if is_briefing_name(&path) => self.unreadable(path, key, &e),
            Err(_) => {}
        }
    }

    /// Opening a pipe waits for a writer, and a device may never end: inside a folder only
    /// regular files are briefings.
    fn not_regular(&mut self, path: PathBuf, key: PathBuf) {
        self.problems.push((
            Found::Problem(
                path,
                "not a regular file (a pipe, socket or device); name it directly to read it".into(),
            ),
            key,
        ));
    }

    fn unreadable(&mut self, path: PathBuf, key: PathBuf, e: &std::io::Error) {
        self.problems.push((
            Found::Problem(path, format!("cannot open: {}", io_reason(e))),
            key,
        ));
    }
}

/// What a folder's listing says an entry is.
enum Kind {
    Dir,
    File,
    Other,
    Unreadable(std::io::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walk_lists_files_in_the_order_of_their_paths_components() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let names = [
            "a-b.yaml",
            "a/b.yaml",
            "a/a/z.yaml",
            "a.yaml",
            "ab.yaml",
            "A.yml",
            "é.yaml",
            "z/y.yaml",
            "a0.yaml",
            "b/.x.yaml",
        ];
        for n in names {
            let p = dir.path().join(n);
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&p, "x")?;
        }
        let found: Vec<PathBuf> = expand(&[dir.path().to_path_buf()], false)
            .into_iter()
            .filter_map(|f| match f {
                Found::File(p) => Some(p),
                Found::Problem(..) => None,
            })
            .collect();
        let mut sorted = found.clone();
        sorted.sort();
        assert_eq!(found.len(), names.len());
        assert_eq!(found, sorted);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_reached_through_a_symlink_too_is_listed_under_its_real_path() -> std::io::Result<()>
    {
        let dir = tempfile::tempdir()?;
        let real = dir.path().join("real");
        std::fs::create_dir(&real)?;
        std::fs::write(real.join("r.yaml"), "x")?;
        std::fs::write(dir.path().join("b.yaml"), "x")?;
        std::fs::write(dir.path().join("z.yaml"), "x")?;
        std::os::unix::fs::symlink("real", dir.path().join("alink"))?;
        let found = expand(&[dir.path().to_path_buf()], true);
        let names: Vec<String> = found
            .iter()
            .map(|f| match f {
                Found::File(p) | Found::Problem(p, _) => p
                    .strip_prefix(dir.path())
                    .unwrap_or(p)
                    .display()
                    .to_string(),
            })
            .collect();
        assert_eq!(names, ["b.yaml", "real/r.yaml", "z.yaml"]);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn problems_come_in_path_order_and_once_for_a_folder_given_twice() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let outside = tempfile::tempdir()?;
        std::fs::write(outside.path().join("o.yaml"), "x")?;
        std::fs::write(dir.path().join("a.yaml"), "x")?;
        std::fs::write(dir.path().join("z.yaml"), "x")?;
        let made = std::process::Command::new("mkfifo")
            .arg(dir.path().join("m.yaml"))
            .status()?;
        assert!(made.success(), "mkfifo failed");
        std::os::unix::fs::symlink(outside.path().join("o.yaml"), dir.path().join("l.yaml"))?;
        let d = dir.path().to_path_buf();
        let got = expand_all(&[d.clone(), d.join("."), d.clone()], false);
        let names: Vec<String> = got
            .found
            .iter()
            .map(|f| match f {
                Found::File(p) => p.file_name().unwrap_or_default().to_string_lossy().into(),
                Found::Problem(p, _) => format!(
                    "problem {}",
                    p.file_name().unwrap_or_default().to_string_lossy()
                ),
            })
            .collect();
        assert_eq!(names, ["a.yaml", "problem m.yaml", "z.yaml"]);
        assert_eq!(got.unfollowed, 1, "the link out, counted once");
        Ok(())
    }

    #[test]
    fn paths_sort_by_bytes_as_by_components() {
        let mut paths: Vec<PathBuf> = [
            "x/a-b.yaml",
            "x/a/b.yaml",
            "x/a.yaml",
            "x/ab.yaml",
            "x/a/a.yaml",
            "x/A.yaml",
            "x/é.yaml",
            "x/z/y/x.yaml",
            "x/z.yaml",
            "x/a0.yaml",
            "x/a/.yaml",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let mut by_components = paths.clone();
        by_components.sort();
        paths.sort_by(|a, b| path_order(a, b));
        assert_eq!(paths, by_components);
    }

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
