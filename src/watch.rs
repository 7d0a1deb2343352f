//! Watching the files and folders given on the command line for changes (notify). Folders are
//! watched recursively; a file is watched through its folder, so editors that save by writing a
//! new file and renaming it over the old one are still seen.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::briefing::files::is_briefing_name;

pub struct Watch {
    _watcher: RecommendedWatcher,
    events: Receiver<PathBuf>,
    /// Files given by name: only these are reported from their folders.
    files: HashSet<PathBuf>,
    folders: Vec<PathBuf>,
}

impl Watch {
    /// Watches `paths`; None when the platform watcher cannot start (the reader then relies on `r`).
    /// Symlinked folders inside them are watched only when `follow` (`--follow`), as they are
    /// read: a link to `/` would otherwise set a watch on every folder of the file system.
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
        let mut watched_dirs = HashSet::new();
        for p in paths {
            let abs = std::path::absolute(p).unwrap_or_else(|_| p.clone());
            if abs.is_dir() {
                if watcher.watch(&abs, RecursiveMode::Recursive).is_ok() {
                    folders.push(abs);
                }
            } else {
                let dir = abs
                    .parent()
                    .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
                if watched_dirs.insert(dir.clone()) {
                    let _ = watcher.watch(&dir, RecursiveMode::NonRecursive);
                }
                files.insert(abs);
            }
        }
        Some(Watch {
            _watcher: watcher,
            events,
            files,
            folders,
        })
    }

    /// Briefing files that changed since the last call, each once, as absolute paths.
    pub fn changed(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = Vec::new();
        while let Ok(p) = self.events.try_recv() {
            let wanted = self.files.contains(&p)
                || (is_briefing_name(&p) && self.folders.iter().any(|f| p.starts_with(f)));
            if wanted && !out.contains(&p) {
                out.push(p);
            }
        }
        out
    }
}
