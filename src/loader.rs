//! Loading briefings off the UI thread: a small pool of workers (one per core) takes paths from a
//! queue and sends back what each file became. The reader stays interactive while a big library
//! fills in.
//!
//! Every load here reads regular files only ([`Accept::Regular`]): the paths come from folders,
//! reloads and the watcher, where a pipe or a terminal named `*.yaml` must not hold a worker (or
//! read the keyboard). The one exception is a pipe or device named on the command line, read
//! once, at the start, as the user asked. A reload waits until the file has been still for
//! [`STILL`] and reads it again if it changed while being read, so a save caught half-way is not
//! shown as the briefing.
//!
//! Quitting never waits for a worker: dropping the loader cancels what is queued and leaves the
//! workers behind (detached), even one stuck in a read.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, SystemTime};

use crate::briefing::document::{load_file, Document, Failure, Opened};
use crate::briefing::load::Accept;

/// How long a file must have gone unmodified before a reload reads it.
pub const STILL: Duration = Duration::from_millis(300);

/// At most this many waits for a file that keeps changing; then it is read as it is.
const MAX_WAITS: usize = 20;

pub struct Loader {
    jobs: Option<Sender<PathBuf>>,
    results: Receiver<Opened>,
    cancelled: Arc<AtomicBool>,
}

impl Loader {
    /// Starts `threads` workers (at least one) that load files up to `max_size` bytes.
    pub fn new(threads: usize, max_size: u64) -> Loader {
        Loader::with_named(threads, max_size, HashSet::new())
    }

    /// As [`Loader::new`]; `named` are the pipes and devices named on the command line, each
    /// read once.
    pub fn with_named(threads: usize, max_size: u64, named: HashSet<PathBuf>) -> Loader {
        let (jobs, queue) = channel::<PathBuf>();
        let (done, results) = channel::<Opened>();
        let queue = Arc::new(Mutex::new(queue));
        let named = Arc::new(Mutex::new(named));
        let cancelled = Arc::new(AtomicBool::new(false));
        for i in 0..threads.max(1) {
            let queue = Arc::clone(&queue);
            let named = Arc::clone(&named);
            let cancelled = Arc::clone(&cancelled);
            let done = done.clone();
            // Detached: the handle is dropped, nothing ever joins a worker.
            let _ = thread::Builder::new()
                .name(format!("brief-load-{i}"))
                .spawn(move || loop {
                    // Hold the lock only to take a job, not while loading it.
                    let job = match queue.lock() {
                        Ok(q) => q.recv(),
                        Err(_) => return,
                    };
                    let Ok(path) = job else { return };
                    if cancelled.load(Ordering::Relaxed) {
                        return;
                    }
                    let once = named
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .remove(&path);
                    let opened = if once {
                        load_file(&path, max_size, Accept::Named)
                    } else {
                        load_still(&path, max_size, &cancelled)
                    };
                    if cancelled.load(Ordering::Relaxed) || done.send(opened.map(Box::new)).is_err()
                    {
                        return;
                    }
                });
        }
        Loader {
            jobs: Some(jobs),
            results,
            cancelled,
        }
    }

    /// One worker per available core.
    pub fn per_core(max_size: u64) -> Loader {
        Loader::per_core_named(max_size, HashSet::new())
    }

    /// One worker per available core, with the pipes and devices named on the command line.
    pub fn per_core_named(max_size: u64, named: HashSet<PathBuf>) -> Loader {
        Loader::with_named(
            thread::available_parallelism().map_or(2, |n| n.get()),
            max_size,
            named,
        )
    }

    pub fn load(&self, path: PathBuf) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(path);
        }
    }

    /// Stops the workers: what is queued is dropped unread, as when the loader is dropped.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// A finished load, if one is waiting.
    pub fn try_next(&self) -> Option<Opened> {
        self.results.try_recv().ok()
    }

    /// Waits for the next finished load (for tests and benchmarks).
    pub fn next_blocking(&self) -> Option<Opened> {
        self.results.recv().ok()
    }
}

/// The size and modification time of `path`, what tells a file being written from a still one.
fn stamp(path: &Path) -> Option<(u64, SystemTime)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
}

/// Loads a regular file once it has been unmodified for [`STILL`], again if it changed while
/// it was read.
fn load_still(path: &Path, max_size: u64, cancelled: &AtomicBool) -> Result<Document, Failure> {
    for _ in 0..MAX_WAITS {
        let before = stamp(path);
        let age = before
            .and_then(|(_, t)| SystemTime::now().duration_since(t).ok())
            .unwrap_or(STILL);
        if age < STILL {
            if cancelled.load(Ordering::Relaxed) {
                break;
            }
            thread::sleep(STILL.saturating_sub(age));
            continue;
        }
        let opened = load_file(path, max_size, Accept::Regular);
        if stamp(path) == before {
            return opened;
        }
    }
    load_file(path, max_size, Accept::Regular)
}

impl Drop for Loader {
    fn drop(&mut self) {
        // What is queued is dropped by the workers unread; one in the middle of a file finishes
        // it (or not) on its own, without holding up the exit.
        self.cancelled.store(true, Ordering::Relaxed);
        self.jobs.take();
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn mkfifo(path: &Path) {
        let made = std::process::Command::new("mkfifo").arg(path).status();
        assert!(matches!(made, Ok(s) if s.success()), "mkfifo failed");
    }

    /// A pipe that is not named on the command line is refused at once, without a writer.
    #[test]
    fn a_pipe_from_a_folder_or_a_reload_is_refused_without_blocking() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let pipe = dir.path().join("p.yaml");
        mkfifo(&pipe);
        let loader = Loader::new(1, 1 << 20);
        loader.load(pipe);
        let (tx, rx) = std::sync::mpsc::channel();
        thread::spawn(move || {
            let _ = tx.send(loader.next_blocking());
        });
        let got = rx.recv_timeout(Duration::from_secs(20));
        let Ok(Some(Err(failure))) = got else {
            panic!("the pipe was not refused: {got:?}");
        };
        assert!(failure.diagnostics[0]
            .message
            .contains("not a regular file"));
        Ok(())
    }

    /// Dropping the loader (quitting) returns while a worker is stuck reading a pipe that was
    /// named on the command line and has no writer.
    #[test]
    fn dropping_the_loader_does_not_wait_for_a_stuck_worker() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let pipe = dir.path().join("named.yaml");
        mkfifo(&pipe);
        let loader = Loader::with_named(1, 1 << 20, HashSet::from([pipe.clone()]));
        loader.load(pipe);
        for i in 0..1000 {
            loader.load(dir.path().join(format!("{i}.yaml")));
        }
        let (tx, rx) = std::sync::mpsc::channel();
        thread::spawn(move || {
            drop(loader);
            let _ = tx.send(());
        });
        assert!(
            rx.recv_timeout(Duration::from_secs(20)).is_ok(),
            "dropping the loader waited for its workers"
        );
        Ok(())
    }
}
