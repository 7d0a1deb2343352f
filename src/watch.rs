//! Watching the files and folders given on the command line for changes (notify). Folders are
//! watched recursively; a file is watched through its folder, so editors that save by writing a
//! new file and renaming it over the old one are still seen. A folder moved in (or renamed
//! inside) brings no event for its files: it is walked, and its briefings reported; a folder
//! moved out is reported as its own path, which no longer exists (the library then lets go of
//! the entries below it).

use std::cell::OnceCell;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::briefing::files::is_briefing_name;

pub struct Watch {
    /// The watcher, once its watches are set (on a thread of its own: a recursive watch of a
    /// folder of 100,000 files took 0.37 s, which the first frame does not wait for).
    watcher: OnceCell<RecommendedWatcher>,
    ready: Receiver<RecommendedWatcher>,
    events: Receiver<PathBuf>,
    /// Files given by name: only these are reported from their folders.
    files: HashSet<PathBuf>,
    folders: Vec<PathBuf>,
    /// `--follow`: a folder moved in is walked as the library's folders are.
    follow: bool,
}

impl Watch {
    /// Watches `paths`; None when the platform watcher cannot start (the reader then relies on `r`).
    /// Symlinked folders inside them are watched only when `follow` (`--follow`), as they are
    /// read: a link to `/` would otherwise set a watch on every folder of the file system.
    /// The watches are set on a thread; events are reported from the moment each is set.
    pub fn new(paths: &[PathBuf], follow: bool) -> Option<Watch> {
        let (tx, events) = channel();
        let handler = move |res: notify::Result<notify::Event>| {
            if let Ok(ev) = res {
                if matches!(
                    ev.kind,
                    EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
                ) {
                    for p in ev.paths {
                        let _ = tx.send(p);
                    }
                }
            }
        };
        let mut watcher = RecommendedWatcher::new(
            handler,
            notify::Config::default().with_follow_symlinks(follow),
        )
        .ok()?;
        let mut files = HashSet::new();
        let mut folders = Vec::new();
        let mut watches = Vec::new();
        let mut watched_dirs = HashSet::new();
        for p in paths {
            let abs = std::path::absolute(p).unwrap_or_else(|_| p.clone());
            if abs.is_dir() {
                folders.push(abs.clone());
                watches.push((abs, RecursiveMode::Recursive));
            } else {
                let dir = abs
                    .parent()
                    .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
                if watched_dirs.insert(dir.clone()) {
                    watches.push((dir, RecursiveMode::NonRecursive));
                }
                files.insert(abs);
            }
        }
        let (done, ready) = channel();
        let set = move || {
            for (path, mode) in &watches {
                let _ = watcher.watch(path, *mode);
            }
            let _ = done.send(watcher);
        };
        // No thread: nothing is watched, and `r` still reloads.
        std::thread::Builder::new()
            .name("brief-watch".into())
            .spawn(set)
            .ok()?;
        Some(Watch {
            watcher: OnceCell::new(),
            ready,
            events,
            files,
            folders,
            follow,
        })
    }

    /// Keeps the watcher once its thread hands it back (dropping it ends the watches).
    fn keep(&self) {
        if self.watcher.get().is_none() {
            if let Ok(w) = self.ready.try_recv() {
                let _ = self.watcher.set(w);
            }
        }
    }

    /// Briefing files that changed since the last call, each once, as absolute paths; and
    /// paths below a watched folder that are gone (a file or folder removed or moved out).
    pub fn changed(&self) -> Vec<PathBuf> {
        self.keep();
        let mut out: Vec<PathBuf> = Vec::new();
        let mut seen = HashSet::new();
        let mut push = |p: PathBuf, out: &mut Vec<PathBuf>| {
            if seen.insert(p.clone()) {
                out.push(p);
            }
        };
        while let Ok(p) = self.events.try_recv() {
            let below = self.folders.iter().any(|f| p.starts_with(f) && p != *f);
            if self.files.contains(&p) || (below && is_briefing_name(&p)) {
                push(p, &mut out);
                continue;
            }
            if !below {
                continue;
            }
            match std::fs::symlink_metadata(&p) {
                // A folder moved in or renamed: its briefings, as a walk of the library finds
                // them.
                Ok(m) if m.is_dir() || (self.follow && p.is_dir()) => {
                    for found in
                        crate::briefing::files::expand(std::slice::from_ref(&p), self.follow)
                    {
                        if let crate::briefing::files::Found::File(f) = found {
                            push(f, &mut out);
                        }
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => push(p, &mut out),
                _ => {}
            }
        }
        out
    }
}
