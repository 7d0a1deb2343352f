//! Loading briefings off the UI thread: a small pool of workers (one per core) takes paths from a
//! queue and sends back what each file became. The reader stays interactive while a big library
//! fills in.

use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread;

use crate::briefing::document::{load_path, Opened};

pub struct Loader {
    jobs: Option<Sender<PathBuf>>,
    results: Receiver<Opened>,
    workers: Vec<thread::JoinHandle<()>>,
}

impl Loader {
    /// Starts `threads` workers (at least one) that load files up to `max_size` bytes.
    pub fn new(threads: usize, max_size: u64) -> Loader {
        let (jobs, queue) = channel::<PathBuf>();
        let (done, results) = channel::<Opened>();
        let queue = Arc::new(Mutex::new(queue));
        let workers = (0..threads.max(1))
            .filter_map(|i| {
                let queue = Arc::clone(&queue);
                let done = done.clone();
                thread::Builder::new()
                    .name(format!("brief-load-{i}"))
                    .spawn(move || loop {
                        // Hold the lock only to take a job, not while loading it.
                        let job = match queue.lock() {
                            Ok(q) => q.recv(),
                            Err(_) => return,
                        };
                        let Ok(path) = job else { return };
                        if done.send(load_path(&path, max_size).map(Box::new)).is_err() {
                            return;
                        }
                    })
                    .ok()
            })
            .collect();
        Loader {
            jobs: Some(jobs),
            results,
            workers,
        }
    }

    /// One worker per available core.
    pub fn per_core(max_size: u64) -> Loader {
        Loader::new(
            thread::available_parallelism().map_or(2, |n| n.get()),
            max_size,
        )
    }

    pub fn load(&self, path: PathBuf) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(path);
        }
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

impl Drop for Loader {
    fn drop(&mut self) {
        // Closing the queue ends the workers once they finish the file in hand.
        self.jobs.take();
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}
