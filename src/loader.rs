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
//!
//! With the library's index ([`crate::state::index`]), a worker first asks whether the file is
//! as it was indexed (its size and time, else its content's hash): such a file comes back as its
//! list row ([`Loader::try_row`]) without being parsed. A file parsed is handed to the index's
//! writer thread, which records it in batches and says which it recorded
//! ([`Loader::try_indexed`]): only then may the library let go of the parsed document.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, SystemTime};

use crate::briefing::document::{load_file, load_file_and, Document, Failure, Opened};
use crate::briefing::load::{read_file, Accept};
use crate::briefing::summary::Summary;
use crate::state::index::{hash_of, stamp_of, Fresh, Index, Lookup, Stamp, Stored};

/// How long a file must have gone unmodified before a reload reads it.
pub const STILL: Duration = Duration::from_millis(300);

/// At most this many waits for a file that keeps changing; then it is read as it is.
const MAX_WAITS: usize = 20;

/// A file for a worker, and whether it goes through the index.
type Job = (PathBuf, bool);

pub struct Loader {
    jobs: Option<Sender<Job>>,
    results: Receiver<Opened>,
    /// Files found as they were indexed: (the path as given, its row).
    rows: Receiver<(PathBuf, Summary, u64)>,
    /// Files the index's writer has recorded: (absolute path, size).
    indexed: Receiver<Vec<(PathBuf, u64)>>,
    indexing: Option<Arc<Indexing>>,
    outstanding: Arc<std::sync::atomic::AtomicUsize>,
    cancelled: Arc<AtomicBool>,
}

/// What a worker asks of the index and gives to it.
struct Indexing {
    /// The workers' connection for looking files up (opened by the first to need it), taken
    /// on the way out so that the writer's, closed last, folds the log back into the file.
    lookup: Mutex<Option<Option<Lookup>>>,
    path: PathBuf,
    /// Files given to the workers and not yet done: the gone are forgotten once there are
    /// none.
    outstanding: Arc<std::sync::atomic::AtomicUsize>,
    /// Set on the way out: nothing more is pruned.
    closing: AtomicBool,
    /// The folders the library was opened on (absolute): once every file is loaded, the index
    /// forgets those below them that are gone.
    roots: Vec<PathBuf>,
    index: Mutex<Option<Index>>,
    /// The writer's queue (a `Sender` is shared by the workers without a lock: one behind a lock
    /// made them wait on each other).
    writes: Sender<Write>,
    /// Why files could not be recorded (another brief holding the index past the busy
    /// timeout, a full disk), until the reader takes it to say so: said once a run.
    failure: Mutex<Failed>,
}

/// Files the writer could not record; what its check found of the index.
#[derive(Debug, Default)]
struct Failed {
    files: usize,
    why: Option<String>,
    said: bool,
    /// What the check found, and the mark left for the next start (or why it could not be).
    damaged: Option<(String, std::io::Result<()>)>,
}

enum Write {
    Put(Fresh),
    Touch(PathBuf, Stamp),
    /// Files that are gone.
    Forget(PathBuf),
    /// Everything before this has been written: say so.
    Flush(Sender<()>),
}

/// How many files the writer records in one transaction, at most.
const BATCH: usize = 512;

/// How long the writer gathers files for one transaction while more are being parsed.
const GATHER: Duration = Duration::from_millis(100);

impl Loader {
    /// Starts `threads` workers (at least one) that load files up to `max_size` bytes.
    pub fn new(threads: usize, max_size: u64) -> Loader {
        Loader::with_named(threads, max_size, HashSet::new())
    }

    /// As [`Loader::new`]; `named` are the pipes and devices named on the command line, each
    /// read once.
    pub fn with_named(threads: usize, max_size: u64, named: HashSet<PathBuf>) -> Loader {
        Loader::with_index(threads, max_size, named, None)
    }

    /// As [`Loader::with_named`], with the library's index when there is one.
    pub fn with_index(
        threads: usize,
        max_size: u64,
        named: HashSet<PathBuf>,
        index: Option<(Index, Vec<PathBuf>)>,
    ) -> Loader {
        let (jobs, queue) = channel::<Job>();
        let (done, results) = channel::<Opened>();
        let (row_done, rows) = channel::<(PathBuf, Summary, u64)>();
        let (indexed_done, indexed) = channel::<Vec<(PathBuf, u64)>>();
        let outstanding = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let indexing = index.map(|(ix, roots)| {
            let (writes, queue) = channel::<Write>();
            let indexing = Arc::new(Indexing {
                lookup: Mutex::new(None),
                path: ix.path().to_path_buf(),
                outstanding: Arc::clone(&outstanding),
                closing: AtomicBool::new(false),
                roots: roots.clone(),
                index: Mutex::new(Some(ix)),
                writes,
                failure: Mutex::new(Failed::default()),
            });
            let writer = Arc::clone(&indexing);
            let _ = thread::Builder::new()
                .name("brief-index".into())
                .spawn(move || write_index(&writer, &queue, &indexed_done));
            indexing
        });
        let queue = Arc::new(Mutex::new(queue));
        let named = Arc::new(Mutex::new(named));
        let cancelled = Arc::new(AtomicBool::new(false));
        for i in 0..threads.max(1) {
            let queue = Arc::clone(&queue);
            let named = Arc::clone(&named);
            let cancelled = Arc::clone(&cancelled);
            let done = done.clone();
            let row_done = row_done.clone();
            let indexing = indexing.clone();
            let outstanding = Arc::clone(&outstanding);
            // Detached: the handle is dropped, nothing ever joins a worker.
            let _ = thread::Builder::new()
                .name(format!("brief-load-{i}"))
                .spawn(move || loop {
                    // Hold the lock only to take jobs, not while loading them: those waiting to
                    // go through the index, a few at a time (looked up together).
                    let jobs = match queue.lock() {
                        Ok(q) => take_jobs(&q),
                        Err(_) => return,
                    };
                    if jobs.is_empty() {
                        return;
                    }
                    let mut stored = indexing
                        .as_ref()
                        .map(|ix| look_up(ix, &jobs))
                        .unwrap_or_default()
                        .into_iter();
                    for (path, indexed) in jobs {
                        if cancelled.load(Ordering::Relaxed) {
                            return;
                        }
                        let once = named
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .remove(&path);
                        let looked = if indexed { stored.next() } else { None };
                        let opened = if once {
                            load_file(&path, max_size, Accept::Named).map(Box::new)
                        } else if let Some(ix) = indexing.as_ref().filter(|_| indexed) {
                            let (key, stored) = looked.unwrap_or_else(|| (key_of(&path), None));
                            match through_index(ix, &path, key, stored, max_size, &cancelled) {
                                Through::Row(row, size) => {
                                    outstanding.fetch_sub(1, Ordering::Relaxed);
                                    if row_done.send((path, row, size)).is_err() {
                                        return;
                                    }
                                    continue;
                                }
                                Through::Parsed(opened) => opened,
                            }
                        } else {
                            load_still(&path, max_size, &cancelled).map(Box::new)
                        };
                        outstanding.fetch_sub(1, Ordering::Relaxed);
                        if cancelled.load(Ordering::Relaxed) || done.send(opened).is_err() {
                            return;
                        }
                    }
                });
        }
        Loader {
            jobs: Some(jobs),
            results,
            rows,
            indexed,
            indexing,
            outstanding,
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
        self.queue((path, true));
    }

    /// Parses a file the index gave as a row (see [`crate::app::shell::Request::Parse`]):
    /// a document back, nothing written to the index.
    pub fn parse(&self, path: PathBuf) {
        self.queue((path, false));
    }

    /// A file is gone: the index forgets it (`path` absolute).
    pub fn forget(&self, path: PathBuf) {
        if let Some(ix) = &self.indexing {
            let _ = ix.writes.send(Write::Forget(path));
        }
    }

    fn queue(&self, job: Job) {
        if let Some(jobs) = &self.jobs {
            self.outstanding.fetch_add(1, Ordering::Relaxed);
            if jobs.send(job).is_err() {
                self.outstanding.fetch_sub(1, Ordering::Relaxed);
            }
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

    /// Stops the workers, and waits at most `wait` for the index's writer to record what they
    /// parsed (what it has not written by then is parsed again next time). Returns whether it
    /// wrote it all.
    pub fn finish(&self, wait: Duration) -> bool {
        self.cancel();
        let Some(ix) = &self.indexing else {
            return true;
        };
        ix.closing.store(true, Ordering::Relaxed);
        let (tx, rx) = channel();
        let sent = ix.writes.send(Write::Flush(tx));
        if !(sent.is_ok() && rx.recv_timeout(wait).is_ok()) {
            return false;
        }
        // Closed, the index folds its log back into the file (the writer then stops): the
        // workers' connection first (a worker still at it opens none again: it is cancelled).
        ix.lookup
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .replace(None);
        ix.index
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        true
    }

    /// A file found as it was indexed, if one is waiting: the path as given, its row, its
    /// size.
    pub fn try_row(&self) -> Option<(PathBuf, Summary, u64)> {
        self.rows.try_recv().ok()
    }

    /// Once a run, when files could not be recorded in the index: what to tell the user (they
    /// are parsed again on the next start; nothing else is lost).
    pub fn take_index_failure(&self) -> Option<String> {
        let ix = self.indexing.as_ref()?;
        let mut f = ix.failure.lock().unwrap_or_else(PoisonError::into_inner);
        if f.said || f.why.is_none() {
            let (why, marked) = f.damaged.take()?;
            return Some(match marked {
                Ok(()) => {
                    format!("library index damaged, made anew on the next start: {why}")
                }
                Err(e) => format!("library index damaged, delete it to make it anew: {why} ({e})"),
            });
        }
        let why = f.why.clone()?;
        f.said = true;
        let n = f.files;
        Some(format!(
            "library index: {n} file{} not recorded, parsed again next start: {why}",
            if n == 1 { "" } else { "s" }
        ))
    }

    /// Files the index has recorded since last asked: (absolute path, size).
    pub fn try_indexed(&self) -> Vec<(PathBuf, u64)> {
        std::iter::from_fn(|| self.indexed.try_recv().ok())
            .flatten()
            .collect()
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
    load_still_and(path, max_size, cancelled, |_| ()).map(|(doc, ())| doc)
}

/// [`load_still`], and `also` of the text the document was made of (see
/// [`crate::briefing::document::load_file_and`]).
fn load_still_and<R>(
    path: &Path,
    max_size: u64,
    cancelled: &AtomicBool,
    also: impl Fn(&str) -> R,
) -> Result<(Document, R), Failure> {
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
        let opened = load_file_and(path, max_size, Accept::Regular, &also);
        if stamp(path) == before {
            return opened;
        }
    }
    load_file_and(path, max_size, Accept::Regular, also)
}

enum Through {
    /// As indexed: no parse. The row, and the file's size.
    Row(Summary, u64),
    Parsed(Opened),
}

/// How many jobs a worker takes at once, at most: those going through the index are looked up
/// in one read of it.
const JOBS_AT_ONCE: usize = 32;

/// The next jobs: one (waiting for it), then those already queued that go through the index,
/// up to [`JOBS_AT_ONCE`]. None when the queue is closed.
fn take_jobs(queue: &Receiver<Job>) -> Vec<Job> {
    let Ok(first) = queue.recv() else {
        return Vec::new();
    };
    let mut jobs = vec![first];
    while jobs.len() < JOBS_AT_ONCE && jobs.last().is_some_and(|j| j.1) {
        match queue.try_recv() {
            Ok(j) => jobs.push(j),
            Err(_) => break,
        }
    }
    jobs
}

fn key_of(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// What the index holds of each job that goes through it, in order: its absolute path and
/// its record (None: not there, or the index could not be read).
fn look_up(ix: &Indexing, jobs: &[Job]) -> Vec<(PathBuf, Option<Stored>)> {
    let keys: Vec<PathBuf> = jobs
        .iter()
        .filter(|j| j.1)
        .map(|(p, _)| key_of(p))
        .collect();
    if keys.is_empty() {
        return Vec::new();
    }
    let got = {
        let mut lookup = ix.lookup.lock().unwrap_or_else(PoisonError::into_inner);
        lookup
            .get_or_insert_with(|| Lookup::open(&ix.path).ok())
            .as_ref()
            .and_then(|l| l.get_all(&keys).ok())
    };
    let got = got.unwrap_or_else(|| vec![None; keys.len()]);
    keys.into_iter().zip(got).collect()
}

/// A load through the index: the row when the file is as it was indexed (same size and time,
/// or same content), else a parse, handed to the writer. `key` is its absolute path,
/// `stored` what the index holds of it.
fn through_index(
    ix: &Indexing,
    path: &Path,
    key: PathBuf,
    stored: Option<Stored>,
    max_size: u64,
    cancelled: &AtomicBool,
) -> Through {
    let stamp = std::fs::metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file)
        .and_then(|m| stamp_of(&m));
    let write = |w: Write| {
        let _ = ix.writes.send(w);
    };
    if let (Some(stored), Some(now)) = (stored, stamp) {
        if stored.stamp == now {
            return Through::Row(stored.summary, now.size);
        }
        // A time changed by a copy, a checkout or a chmod, the content the same: the row
        // stands, with the new times.
        if stored.stamp.size == now.size {
            if let Ok(bytes) = read_file(path, max_size, Accept::Regular) {
                if hash_of(without_bom(&bytes)) == stored.hash
                    && std::fs::metadata(path).ok().and_then(|m| stamp_of(&m)) == stamp
                {
                    write(Write::Touch(key, now));
                    return Through::Row(stored.summary, now.size);
                }
            }
        }
    }
    // Hashed from the text parsed (one read of the file, not two): should the file have changed
    // since the stamp, its times differ from the ones recorded and the next start reads it
    // again.
    let opened = load_still_and(path, max_size, cancelled, |text| hash_of(text.as_bytes()));
    let opened = opened.map(|(doc, hash)| {
        if let Some(now) = stamp {
            write(Write::Put(Fresh::new(
                key,
                now,
                hash,
                Summary::of(&doc),
                &crate::briefing::search::body(&doc.briefing),
            )));
        }
        doc
    });
    Through::Parsed(opened.map(Box::new))
}

fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// The index's writer: records what the workers parsed, a batch per transaction, and says
/// which files it recorded. A failed write leaves those files unrecorded (they are parsed again
/// next time), and the library keeps their documents.
fn write_index(ix: &Indexing, queue: &Receiver<Write>, done: &Sender<Vec<(PathBuf, u64)>>) {
    // Whether the gone are forgotten.
    let mut pruned = false;
    loop {
        let idle = Duration::from_millis(200);
        let first = match queue.recv_timeout(idle) {
            Ok(w) => w,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                // Nothing to write and no file waiting to be parsed: the files that are gone
                // are forgotten, once.
                let settled = ix.outstanding.load(Ordering::Relaxed) == 0
                    && !ix.closing.load(Ordering::Relaxed);
                if settled && !pruned {
                    pruned = true;
                    let mut guard = ix.index.lock().unwrap_or_else(PoisonError::into_inner);
                    let Some(index) = guard.as_mut() else { return };
                    let _ = index.prune(&ix.roots);
                    // Every page read once, now that nothing waits for the writer.
                    if let Some(why) = index.damage() {
                        let marked = index.mark_damaged(&why);
                        let why = crate::text::sanitize_line(&why).into_owned();
                        ix.failure
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .damaged = Some((why, marked));
                    }
                }
                continue;
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
        };
        write_batch(ix, first, queue, done);
    }
}

/// Writes `first` and what else is queued, up to [`BATCH`], in one transaction.
fn write_batch(
    ix: &Indexing,
    first: Write,
    queue: &Receiver<Write>,
    done: &Sender<Vec<(PathBuf, u64)>>,
) {
    // While files are being parsed, more come: a transaction gathers them for up to
    // [`GATHER`] (each commit is a segment of the trigram table, which FTS5 merges later, so
    // fewer and bigger is less work). A flush is not kept waiting.
    let start = std::time::Instant::now();
    let mut batch = vec![first];
    while batch.len() < BATCH && !matches!(batch.last(), Some(Write::Flush(_))) {
        if let Ok(w) = queue.try_recv() {
            batch.push(w);
            continue;
        }
        let left = GATHER.saturating_sub(start.elapsed());
        if left.is_zero() || ix.outstanding.load(Ordering::Relaxed) == 0 {
            break;
        }
        // In slices: the last file parsed is not kept waiting for the whole of it.
        match queue.recv_timeout(left.min(Duration::from_millis(2))) {
            Ok(w) => batch.push(w),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    let mut guard = ix.index.lock().unwrap_or_else(PoisonError::into_inner);
    let Some(index) = guard.as_mut() else { return };
    let mut fresh = Vec::new();
    let mut flushed = Vec::new();
    let mut gone = Vec::new();
    for w in batch {
        match w {
            Write::Put(f) => fresh.push(f),
            Write::Forget(p) => gone.push(p),
            Write::Touch(path, stamp) => {
                let _ = index.touch(&path, stamp);
            }
            Write::Flush(tell) => flushed.push(tell),
        }
    }
    if !gone.is_empty() {
        let _ = index.forget(&gone);
    }
    if !fresh.is_empty() {
        match index.put(&fresh) {
            Ok(()) => {
                let recorded = fresh.into_iter().map(|f| (f.path, f.stamp.size)).collect();
                // The reader gone (quitting), the writes still count.
                let _ = done.send(recorded);
            }
            Err(e) => {
                let mut f = ix.failure.lock().unwrap_or_else(PoisonError::into_inner);
                f.files += fresh.len();
                f.why.get_or_insert_with(|| e.to_string());
            }
        }
    }
    for tell in flushed {
        let _ = tell.send(());
    }
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
