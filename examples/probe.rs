//! Measures the targets of BENCHMARKS.md side by side in one process, and times each step of
//! loading (the instrumented profile).
//!
//! ```text
//! cargo run --release --example probe -- load BIG.yaml [ROUNDS]
//! cargo run --release --example probe -- reader BIG.yaml SMALL.yaml WORD [ROUNDS]
//! cargo run --release --example probe -- library DIR [ROUNDS]
//! cargo run --release --example probe -- intake DIR WORD [ROUNDS]
//! cargo run --release --example probe -- first DIR [ROUNDS]
//! cargo run --release --example probe -- baselines DIR WORD [ROUNDS]
//! ```
//!
//! Every figure is a median over ROUNDS, the things compared run alternately in the same round,
//! and times are wall clock (`Instant`). A counting global allocator gives live and peak heap
//! bytes (sizes asked for, without the allocator's overhead).

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

use brief::app::shell::{Request, Shell};
use brief::app::Action;
use brief::briefing::load::{load_str, DEFAULT_MAX_SIZE};
use brief::briefing::raw::RawBriefing;
use brief::briefing::search::SearchIndex;
use brief::briefing::srcmap::{LazyMap, SourceMap};
use brief::briefing::validate::validate;
use brief::briefing::Document;
use brief::briefing::Relations;
use brief::loader::Loader;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;

// The benches' clock, shared by path: an example cannot import from `benches/`.
#[path = "../benches/common/clock.rs"]
mod clock;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator, only counting.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is passed on unchanged.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let now =
                    LIVE.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size();
                PEAK.fetch_max(now, Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The CPU time of this thread: on a shared machine wall time mostly measures the other users,
/// while single-threaded work's CPU time still measures the code. `PROBE_CLOCK=wall` switches.
fn now() -> Duration {
    clock::now(std::env::var("PROBE_CLOCK").is_ok_and(|v| v == "wall"))
}

/// Runs `f`, returning its result (for the caller to drop, outside the time), the time it
/// took ([`now`]) and the heap peak above the start.
fn measure<T>(f: impl FnOnce() -> T) -> (T, Duration, usize) {
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let t = now();
    let out = f();
    let d = now().saturating_sub(t);
    (out, d, PEAK.load(Relaxed).saturating_sub(base))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v.get(n / 2).copied().unwrap_or(f64::NAN),
        n => {
            (v.get(n / 2 - 1).copied().unwrap_or(0.0) + v.get(n / 2).copied().unwrap_or(0.0)) / 2.0
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// A named series of samples, reported as its median.
#[derive(Default)]
struct Series(Vec<(String, Vec<f64>)>);

impl Series {
    fn add(&mut self, name: &str, v: f64) {
        match self.0.iter_mut().find(|(n, _)| n == name) {
            Some((_, xs)) => xs.push(v),
            None => self.0.push((name.to_string(), vec![v])),
        }
    }

    fn get(&self, name: &str) -> f64 {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map_or(f64::NAN, |(_, xs)| median(xs.clone()))
    }

    fn print(&self, unit: &str) {
        for (name, xs) in &self.0 {
            println!("  {name:<44} {:>10.3} {unit}", median(xs.clone()));
        }
    }
}

fn term(w: u16, h: u16) -> Terminal<TestBackend> {
    match Terminal::new(TestBackend::new(w, h)) {
        Ok(t) => t,
        Err(e) => match e {},
    }
}

fn draw(t: &mut Terminal<TestBackend>, shell: &Shell) {
    if let Err(e) = t.draw(|f| brief::ui::render_shell(shell, f)) {
        match e {}
    }
}

/// `/` then `word` typed into the library, a frame drawn after each key: the ms of each key.
fn type_search(shell: &mut Shell, t: &mut Terminal<TestBackend>, word: &str) -> Vec<f64> {
    shell.press("/");
    draw(t, shell);
    word.chars()
        .map(|c| {
            let t0 = Instant::now();
            shell.press(&c.to_string());
            draw(t, shell);
            ms(t0.elapsed())
        })
        .collect()
}

fn doc_of(text: &str, path: &Path) -> Option<Document> {
    let l = load_str(text).ok()?;
    Some(Document::new(
        Some(path.to_path_buf()),
        path.display().to_string(),
        l.briefing,
        l.warnings,
    ))
}

const SIZE: (u16, u16) = (200, 50);

fn load(path: &Path, rounds: usize) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| e.to_string())?;
    println!("{}: {} bytes", path.display(), bytes.len());
    let (mut t, mut m) = (Series::default(), Series::default());
    for _ in 0..rounds {
        let (raw, d, peak) = measure(|| serde_yaml::from_slice::<RawBriefing>(&bytes).ok());
        t.add("bare serde_yaml::from_slice", ms(d));
        m.add("bare serde_yaml::from_slice", mb(peak));
        // The same, then one allocation of 4 KB: glibc merges the parser's freed events
        // (malloc_consolidate) on the first large request after them, which every program that
        // goes on after parsing pays and the bare baseline, ending there, does not.
        let (again, d, _) = measure(|| {
            let raw = serde_yaml::from_slice::<RawBriefing>(&bytes).ok();
            let after = std::hint::black_box(Vec::<u8>::with_capacity(4096));
            drop(after);
            raw
        });
        t.add("bare parse + one 4 KB allocation after it", ms(d));
        drop(again);
        let (loaded, d, peak) = measure(|| load_str(text).ok());
        drop(loaded);
        t.add("load_str (what `brief check` runs)", ms(d));
        m.add("load_str (what `brief check` runs)", mb(peak));
        // The steps of load_str one by one (the instrumented profile).
        let (_, d, _) = measure(|| brief::briefing::prescan::prescan(text));
        t.add("  step: prescan", ms(d));
        let (map, d, _) = measure(|| SourceMap::starts(text));
        t.add("  step: SourceMap::starts", ms(d));
        drop(map);
        let (map, d, _) = measure(|| SourceMap::build(text));
        t.add("  step: SourceMap::build (only on a problem)", ms(d));
        drop(map);
        if let Some(raw) = &raw {
            let (_, d, _) = measure(|| validate(raw, &LazyMap::new(text)).len());
            t.add("  step: validate", ms(d));
        }
        drop(raw);
        let live = LIVE.load(Relaxed);
        let Ok(l) = load_str(text) else {
            return Err("the file does not load".into());
        };
        m.add(
            "  live: Briefing (and warnings)",
            mb(LIVE.load(Relaxed) - live),
        );
        let live = LIVE.load(Relaxed);
        let (rel, d, _) = measure(|| Relations::derive(&l.briefing));
        t.add("  after load: Relations::derive", ms(d));
        m.add("  live: Relations", mb(LIVE.load(Relaxed) - live));
        drop(rel);
        let live = LIVE.load(Relaxed);
        let (index, d, peak) = measure(|| SearchIndex::build(&l.briefing));
        t.add("  after load: SearchIndex::build", ms(d));
        m.add("  after load: SearchIndex::build", mb(peak));
        m.add("  live: SearchIndex", mb(LIVE.load(Relaxed) - live));
        drop(index);
        drop(l);
        // What stays: the document (briefing, relations, search index), the bytes dropped.
        let (doc, _, _) = measure(|| doc_of(text, path));
        let base = LIVE.load(Relaxed);
        drop(doc);
        m.add(
            "live heap of the open Document",
            mb(base - LIVE.load(Relaxed)),
        );
    }
    println!("times (ms of this thread's CPU unless PROBE_CLOCK=wall, median of {rounds}):");
    t.print("ms");
    println!("heap (MB, peak above the start unless said):");
    m.print("MB");
    let bare = t.get("bare serde_yaml::from_slice");
    println!(
        "target 1 (time, in-process): load_str / bare = {:.3}",
        t.get("load_str (what `brief check` runs)") / bare
    );
    println!(
        "target 1 (time, in-process): load_str / (bare + one allocation) = {:.3}",
        t.get("load_str (what `brief check` runs)")
            / t.get("bare parse + one 4 KB allocation after it")
    );
    println!(
        "target 1 (heap peak): load_str / bare = {:.3}",
        m.get("load_str (what `brief check` runs)") / m.get("bare serde_yaml::from_slice")
    );
    println!(
        "target 6: live Document / file size = {:.3}",
        m.get("live heap of the open Document") / mb(bytes.len())
    );
    Ok(())
}

/// Times a keystroke and the frame after it, `reps` times, returning the median in ms.
fn keystroke(shell: &mut Shell, t: &mut Terminal<TestBackend>, keys: &str, reps: usize) -> f64 {
    let mut xs = Vec::with_capacity(reps);
    for _ in 0..reps {
        let s = now();
        shell.press(keys);
        draw(t, shell);
        xs.push(ms(now().saturating_sub(s)));
    }
    median(xs)
}

fn grep_ms(word: &str, path: &Path) -> f64 {
    // Into a pipe, not /dev/null: GNU grep stops at the first match when it sees /dev/null.
    let s = Instant::now();
    let _ = Command::new("grep")
        .args(["-c", "-i", word])
        .arg(path)
        .stdout(Stdio::piped())
        .output();
    ms(s.elapsed())
}

fn reader(big: &Path, small: &Path, word: &str, rounds: usize) -> Result<(), String> {
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let (big_bytes, small_bytes) = (read(big)?, read(small)?);
    let size = Rect::new(0, 0, SIZE.0, SIZE.1);
    let mut s = Series::default();
    let open = |bytes: &[u8], path: &Path| -> Result<Shell, String> {
        let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
        let doc = doc_of(text, path).ok_or("does not load")?;
        Ok(Shell::single(doc, size))
    };
    for _ in 0..rounds {
        let (raw, d, _) = measure(|| serde_yaml::from_slice::<RawBriefing>(&big_bytes).ok());
        drop(raw);
        s.add("bare parse of the big file", ms(d));
        let t0 = now();
        let mut big_shell = open(&big_bytes, big)?;
        let mut bt = term(SIZE.0, SIZE.1);
        draw(&mut bt, &big_shell);
        s.add("big: bytes to first frame", ms(now().saturating_sub(t0)));
        let t0 = now();
        let mut small_shell = open(&small_bytes, small)?;
        let mut st = term(SIZE.0, SIZE.1);
        draw(&mut st, &small_shell);
        s.add("small: bytes to first frame", ms(now().saturating_sub(t0)));
        let t0 = now();
        draw(&mut st, &small_shell);
        s.add("small: a frame", ms(now().saturating_sub(t0)));

        for (name, keys) in [
            ("j", "j"),
            ("Tab", "Tab"),
            ("G", "G"),
            ("g", "g"),
            ("PgDn", "PgDn"),
            ("pane switch (l)", "l"),
        ] {
            for (which, shell, t) in [
                ("small", &mut small_shell, &mut st),
                ("big", &mut big_shell, &mut bt),
            ] {
                let v = keystroke(shell, t, keys, 20);
                s.add(&format!("{which}: key {name} + frame"), v);
            }
        }
        // The side-by-side view: `c` the first time compares the first pair (and counts the
        // words of every text, once per document: the word weights); `]` then compares the
        // next pair; `]` `[` over pairs already compared is a lookup.
        for (which, shell, t) in [
            ("small", &mut small_shell, &mut st),
            ("big", &mut big_shell, &mut bt),
        ] {
            let t0 = now();
            shell.press("c");
            draw(t, shell);
            s.add(
                &format!("{which}: first c + frame"),
                ms(now().saturating_sub(t0)),
            );
            let t0 = now();
            shell.press("]");
            draw(t, shell);
            s.add(
                &format!("{which}: ] to a new pair + frame"),
                ms(now().saturating_sub(t0)),
            );
            shell.press("[");
            let v = keystroke(shell, t, "]", 1);
            s.add(&format!("{which}: ] to a pair seen + frame"), v);
            shell.press("Esc");
        }
        // A search keystroke: the last letter of WORD typed at the prompt, then the frame.
        let (head, last) =
            word.split_at(word.len() - word.chars().last().map_or(0, char::len_utf8));
        for (which, shell, t) in [
            ("small", &mut small_shell, &mut st),
            ("big", &mut big_shell, &mut bt),
        ] {
            shell.press("/");
            shell.press(head);
            // Wall time, as grep's is.
            let t0 = Instant::now();
            shell.press(last);
            draw(t, shell);
            s.add(
                &format!("{which}: search keystroke + frame (wall)"),
                ms(t0.elapsed()),
            );
            shell.press("Esc");
        }
        s.add("grep -c -i WORD big file", grep_ms(word, big));
        // A resize: the new size, then the frame.
        for (w, h) in [(160u16, 45u16), (200, 50)] {
            // A width the wrap cache has not seen.
            big_shell.forget_wraps();
            let t0 = now();
            big_shell.update(Action::Resize(w, h));
            bt.backend_mut().resize(w, h);
            draw(&mut bt, &big_shell);
            s.add("big: resize + frame", ms(now().saturating_sub(t0)));
        }
    }
    println!(
        "{} vs {} at {}x{} (ms of this thread's CPU unless marked wall; medians of {rounds} rounds):",
        big.display(),
        small.display(),
        SIZE.0,
        SIZE.1
    );
    s.print("ms");
    let bare = s.get("bare parse of the big file");
    println!(
        "target 2: first frame / bare parse = {:.3}",
        s.get("big: bytes to first frame") / bare
    );
    for name in ["j", "Tab", "G", "g", "PgDn", "pane switch (l)"] {
        println!(
            "target 3: key {name}: big / small = {:.3}",
            s.get(&format!("big: key {name} + frame"))
                / s.get(&format!("small: key {name} + frame"))
        );
    }
    for name in ["first c", "] to a new pair", "] to a pair seen"] {
        println!(
            "side by side: {name}: big / small = {:.3}",
            s.get(&format!("big: {name} + frame")) / s.get(&format!("small: {name} + frame"))
        );
    }
    println!(
        "target 4: search keystroke / grep = {:.3}",
        s.get("big: search keystroke + frame (wall)") / s.get("grep -c -i WORD big file")
    );
    println!(
        "target 7: big resize / small first frame = {:.3}",
        s.get("big: resize + frame") / s.get("small: bytes to first frame")
    );
    Ok(())
}

/// CPU time of the whole process (all threads), from getrusage.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn process_cpu() -> Duration {
    extern "C" {
        fn getrusage(who: i32, usage: *mut [i64; 18]) -> i32;
    }
    let mut u = [0i64; 18];
    // SAFETY: struct rusage on 64-bit Linux is two timevals (4 x i64) and 14 longs: 18 x i64.
    if unsafe { getrusage(0, &mut u) } != 0 {
        return Duration::ZERO;
    }
    let us = |s: i64, us: i64| Duration::from_micros((s * 1_000_000 + us).max(0) as u64);
    us(u[0], u[1]) + us(u[2], u[3])
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn process_cpu() -> Duration {
    Duration::ZERO
}

/// Loads every file of `dir` through the real loader with `threads` workers, feeding the
/// library as the event loop does. Returns (time to the first entry listed, time to all).
fn load_library(paths: &[PathBuf], threads: usize) -> (f64, f64, f64) {
    let cpu0 = process_cpu();
    let t0 = Instant::now();
    let size = Rect::new(0, 0, SIZE.0, SIZE.1);
    let mut shell = Shell::new(paths.to_vec(), size);
    let loader = Loader::new(threads, DEFAULT_MAX_SIZE);
    for r in shell.take_requests() {
        if let Request::Load(p) = r {
            loader.load(p);
        }
    }
    let mut t = term(SIZE.0, SIZE.1);
    let mut first = None;
    for _ in 0..paths.len() {
        let Some(o) = loader.next_blocking() else {
            break;
        };
        shell.on_loaded(o);
        if first.is_none() {
            // The list is drawn with the first entry: the reader is interactive from here.
            draw(&mut t, &shell);
            first = Some(ms(t0.elapsed()));
        }
    }
    draw(&mut t, &shell);
    let wall = ms(t0.elapsed());
    (
        first.unwrap_or(f64::NAN),
        wall,
        ms(process_cpu().saturating_sub(cpu0)),
    )
}

fn library(dir: &Path, rounds: usize) -> Result<(), String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    println!("{}: {} files, {cores} cores", dir.display(), paths.len());
    let mut s = Series::default();
    for _ in 0..rounds {
        let (first, all, cpu) = load_library(&paths, 1);
        s.add("serial (1 worker): first listed", first);
        s.add("serial (1 worker): all loaded", all);
        s.add("serial (1 worker): CPU time, all threads", cpu);
        let (first, all, cpu) = load_library(&paths, cores);
        s.add("parallel (per core): first listed", first);
        s.add("parallel (per core): all loaded", all);
        s.add("parallel (per core): CPU time, all threads", cpu);
        // Serial: every file loaded and taken in on this thread, one after another.
        let t0 = Instant::now();
        let mut shell = Shell::new(paths.clone(), Rect::new(0, 0, SIZE.0, SIZE.1));
        shell.take_requests();
        for p in &paths {
            shell.on_loaded(brief::open::open_file(p, DEFAULT_MAX_SIZE));
        }
        let mut t = term(SIZE.0, SIZE.1);
        draw(&mut t, &shell);
        s.add("serial (this thread alone): all loaded", ms(t0.elapsed()));
    }
    println!("(ms of wall time, medians of {rounds} rounds)");
    s.print("ms");
    println!(
        "cores busy while loading in parallel (CPU / wall): {:.2}",
        s.get("parallel (per core): CPU time, all threads")
            / s.get("parallel (per core): all loaded")
    );
    println!(
        "target 5: parallel / serial (this thread alone) = {:.3}",
        s.get("parallel (per core): all loaded") / s.get("serial (this thread alone): all loaded")
    );
    println!(
        "target 5: parallel / serial (1 worker) = {:.3}; first listed at {:.1} ms of {:.1} ms",
        s.get("parallel (per core): all loaded") / s.get("serial (1 worker): all loaded"),
        s.get("parallel (per core): first listed"),
        s.get("parallel (per core): all loaded")
    );
    Ok(())
}

/// The UI thread's share of opening a library: every file of `dir` opened first (on every
/// core, not timed), then taken in by the shell one by one as the event loop does, timed; then
/// a library search typed over all of them, each keystroke timed with its frame.
fn intake(dir: &Path, word: &str, rounds: usize) -> Result<(), String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    println!("{}: {} files", dir.display(), paths.len());
    let mut s = Series::default();
    for _ in 0..rounds {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let loader = Loader::new(cores, DEFAULT_MAX_SIZE);
        for p in &paths {
            loader.load(p.clone());
        }
        let opened: Vec<_> = (0..paths.len())
            .map_while(|_| loader.next_blocking())
            .collect();
        let size = Rect::new(0, 0, SIZE.0, SIZE.1);
        let mut shell = Shell::new(paths.clone(), size);
        shell.take_requests();
        let mut t = term(SIZE.0, SIZE.1);
        // The user moves the selection once, as a user does while the list fills.
        shell.press("j");
        let t0 = Instant::now();
        for o in opened {
            shell.on_loaded(o);
        }
        draw(&mut t, &shell);
        s.add("taking in every file (UI thread)", ms(t0.elapsed()));
        let keys = type_search(&mut shell, &mut t, word);
        if let Some(first) = keys.first() {
            s.add("search: first key", *first);
        }
        if let Some(last) = keys.last() {
            s.add("search: last key", *last);
        }
        // Files arriving while a search is shown: one by one (each puts the hits in order),
        // then as the event loop takes them, 256 at a time.
        let loader = Loader::new(cores, DEFAULT_MAX_SIZE);
        let searching = |batch: usize| {
            for p in &paths {
                loader.load(p.clone());
            }
            let opened: Vec<_> = (0..paths.len())
                .map_while(|_| loader.next_blocking())
                .collect();
            let mut shell = Shell::new(paths.clone(), size);
            shell.take_requests();
            shell.press(&format!("/ {word} Enter"));
            let t0 = Instant::now();
            let mut opened = opened.into_iter();
            loop {
                let chunk: Vec<_> = opened.by_ref().take(batch).collect();
                if chunk.is_empty() {
                    break;
                }
                if batch == 1 {
                    chunk.into_iter().for_each(|o| shell.on_loaded(o));
                } else {
                    shell.on_loaded_all(chunk);
                }
            }
            let took = ms(t0.elapsed());
            std::mem::forget(shell);
            took
        };
        s.add(
            "taking in every file, a search shown: one by one",
            searching(1),
        );
        s.add(
            "taking in every file, a search shown: 256 at a time",
            searching(256),
        );
    }
    println!("(ms of wall time, medians of {rounds} rounds)");
    s.print("ms");
    Ok(())
}

/// Up to the first frame of a library: the folder walked as `brief DIR` walks it, the shell
/// made over every file, its first frame drawn; beside `find DIR -printf` (a stat walk) and
/// `ls -f` (the listing alone), run in the same rounds.
fn first(dir: &Path, rounds: usize) -> Result<(), String> {
    let mut s = Series::default();
    let run = |cmd: &mut Command| -> Result<f64, String> {
        let t0 = Instant::now();
        let out = cmd
            .stdout(Stdio::null())
            .status()
            .map_err(|e| format!("{cmd:?}: {e}"))?;
        if !out.success() {
            return Err(format!("{cmd:?}: {out}"));
        }
        Ok(ms(t0.elapsed()))
    };
    for _ in 0..rounds {
        s.add(
            "baseline: find -printf (stat walk)",
            run(Command::new("find").arg(dir).args([
                "-name",
                "*.yaml",
                "-printf",
                "%s %T@ %p\\n",
            ]))?,
        );
        s.add(
            "baseline: ls -f (listing)",
            run(Command::new("ls").arg("-f").arg(dir))?,
        );
        let t0 = Instant::now();
        let paths = files_of(dir);
        let walked = ms(t0.elapsed());
        let t1 = Instant::now();
        let mut shell = Shell::new(paths, Rect::new(0, 0, SIZE.0, SIZE.1));
        let made = ms(t1.elapsed());
        let t2 = Instant::now();
        let mut t = term(SIZE.0, SIZE.1);
        draw(&mut t, &shell);
        let drawn = ms(t2.elapsed());
        let t3 = Instant::now();
        let watch = brief::watch::Watch::new(&[dir.to_path_buf()], false);
        s.add("brief: watcher set up", ms(t3.elapsed()));
        drop(watch);
        s.add("brief: walk (expand)", walked);
        s.add("brief: shell over every file", made);
        s.add("brief: first frame drawn", drawn);
        s.add("brief: total to the first frame", walked + made + drawn);
        shell.take_requests();
        std::mem::forget(shell);
    }
    println!(
        "{}: (ms of wall time, medians of {rounds} rounds)",
        dir.display()
    );
    s.print("ms");
    println!(
        "first frame / find -printf = {:.2}",
        s.get("brief: total to the first frame") / s.get("baseline: find -printf (stat walk)")
    );
    Ok(())
}

/// What a library of `dir` costs at the least, beside what brief takes, in the same rounds:
/// a `find` stat walk, a memmem scan of every byte for `word`, a bare serde_yaml parse of every
/// file (on one core, then on every core), `rg -c` when it is installed; and `brief check DIR`
/// (the release binary beside this example) on one job and on every core.
fn baselines(dir: &Path, word: &str, rounds: usize) -> Result<(), String> {
    let paths = files_of(dir);
    let bytes: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    println!(
        "{}: {} files, {:.1} MB, {cores} cores",
        dir.display(),
        paths.len(),
        bytes as f64 / 1e6
    );
    let brief_bin = std::env::current_exe()
        .ok()
        .and_then(|e| Some(e.parent()?.parent()?.join("brief")))
        .filter(|b| b.is_file())
        .ok_or("build the release binary first: cargo build --release")?;
    let has_rg = Command::new("rg")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let wall = |cmd: &mut Command| -> Result<f64, String> {
        let t0 = Instant::now();
        let status = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| format!("{cmd:?}: {e}"))?;
        // `brief check` exits 1 when a briefing has errors, `rg -c` when nothing matched.
        if status.code().is_none_or(|c| c > 1) {
            return Err(format!("{cmd:?}: {status}"));
        }
        Ok(ms(t0.elapsed()))
    };
    let parse = |chunk: &[PathBuf]| {
        for p in chunk {
            if let Ok(data) = std::fs::read(p) {
                let v: Result<serde_yaml::Value, _> = serde_yaml::from_slice(&data);
                std::hint::black_box(v.is_ok());
            }
        }
    };
    let finder = memchr::memmem::Finder::new(word.as_bytes());
    let mut s = Series::default();
    for _ in 0..rounds {
        s.add(
            "find -printf (stat walk)",
            wall(Command::new("find").arg(dir).args([
                "-name",
                "*.yaml",
                "-printf",
                "%s %T@ %p\\n",
            ]))?,
        );
        s.add(
            "memmem scan of every file (one core)",
            memmem_ms(&paths, &finder),
        );
        let t0 = Instant::now();
        parse(&paths);
        s.add("bare serde_yaml parse, one core", ms(t0.elapsed()));
        let t0 = Instant::now();
        let per = paths.len().div_ceil(cores).max(1);
        std::thread::scope(|scope| {
            for chunk in paths.chunks(per) {
                scope.spawn(move || parse(chunk));
            }
        });
        s.add("bare serde_yaml parse, every core", ms(t0.elapsed()));
        if has_rg {
            s.add(
                "rg -c WORD",
                wall(Command::new("rg").arg("-c").arg(word).arg(dir))?,
            );
        }
        s.add(
            "brief check DIR -j 1",
            wall(Command::new(&brief_bin).args(["check", "-j", "1"]).arg(dir))?,
        );
        s.add(
            "brief check DIR (every core)",
            wall(Command::new(&brief_bin).arg("check").arg(dir))?,
        );
    }
    println!("(ms of wall time, medians of {rounds} rounds)");
    s.print("ms");
    if !has_rg {
        println!("rg: not installed, not measured");
    }
    println!(
        "check (every core) / bare parse (one core) = {:.2}; / bare parse (every core) = {:.2}",
        s.get("brief check DIR (every core)") / s.get("bare serde_yaml parse, one core"),
        s.get("brief check DIR (every core)") / s.get("bare serde_yaml parse, every core")
    );
    Ok(())
}

/// A memmem scan of every file for the finder's word, reads included, on this thread: ms.
fn memmem_ms(paths: &[PathBuf], finder: &memchr::memmem::Finder) -> f64 {
    let t0 = Instant::now();
    let mut hits = 0usize;
    for p in paths {
        if let Ok(data) = std::fs::read(p) {
            hits += finder.find_iter(&data).count();
        }
    }
    std::hint::black_box(hits);
    ms(t0.elapsed())
}

/// The briefing files below `dir`, as `brief DIR` walks them.
fn files_of(dir: &Path) -> Vec<PathBuf> {
    brief::briefing::files::expand(&[dir.to_path_buf()], false)
        .into_iter()
        .filter_map(|f| match f {
            brief::briefing::files::Found::File(p) => Some(p),
            brief::briefing::files::Found::Problem(..) => None,
        })
        .collect()
}

/// A library opened as `brief DIR` opens it, with the index at `index`: the loader's workers
/// and the index's writer, their results taken in as the event loop takes them. Returns the
/// shell once every file is listed, the ms until then, and how many files were parsed.
fn open_indexed(paths: &[PathBuf], index: &Path) -> Result<(Shell, Loader, f64, usize), String> {
    use brief::state::index::{Index, Reader};
    let t0 = Instant::now();
    let (ix, notice) = Index::open(index);
    let ix = ix.ok_or_else(|| format!("no index: {notice:?}"))?;
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let loader = Loader::with_index(
        cores,
        DEFAULT_MAX_SIZE,
        Default::default(),
        Some((ix, Vec::new())),
    );
    let mut shell = Shell::new(paths.to_vec(), Rect::new(0, 0, SIZE.0, SIZE.1));
    shell.use_index(Reader::open(index).ok(), DEFAULT_MAX_SIZE);
    for r in shell.take_requests() {
        if let Request::Load(p) = r {
            loader.load(p);
        }
    }
    let mut parsed = 0;
    while shell.library().pending > 0 {
        let batch: Vec<_> = std::iter::from_fn(|| loader.try_next()).take(256).collect();
        parsed += batch.len();
        let mut any = shell.on_loaded_all(batch);
        let rows: Vec<_> = std::iter::from_fn(|| loader.try_row())
            .take(1 << 16)
            .collect();
        any |= shell.on_rows(rows);
        shell.on_indexed(&loader.try_indexed());
        if !any {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    // What the event loop does next: parse, behind the list, the briefings the budget holds.
    let mut asked = 0;
    for r in shell.take_requests() {
        if let Request::Parse(p) = r {
            loader.parse(p);
            asked += 1;
        }
    }
    let listed = ms(t0.elapsed());
    let mut got = 0;
    while got < asked {
        let batch: Vec<_> = std::iter::from_fn(|| loader.try_next()).take(256).collect();
        got += batch.len();
        if !shell.on_loaded_all(batch) {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    if asked > 0 {
        println!(
            "  ({asked} briefings parsed behind the list, held: {:.0} ms)",
            ms(t0.elapsed())
        );
    }
    Ok((shell, loader, listed, parsed))
}

/// The library's index: a cold open (no index: every file parsed, its row, text and trigrams
/// written) and warm opens (nothing changed), the index's size against the
/// archive's, and a library search typed over the warm library, each key with its frame,
/// against a memmem scan of every file in the same run.
fn index(dir: &Path, word: &str, rounds: usize) -> Result<(), String> {
    let paths = files_of(dir);
    let bytes: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "{}: {} files, {:.1} MB",
        dir.display(),
        paths.len(),
        bytes as f64 / 1e6
    );
    let finder = memchr::memmem::Finder::new(word.as_bytes());
    // The issue's 63 ms: the whole archive already in memory, one core, one word.
    let archive: Vec<u8> = paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .flatten()
        .collect();
    let mut s = Series::default();
    let mut size = 0;
    for _ in 0..rounds {
        s.add(
            "baseline: memmem scan of every file",
            memmem_ms(&paths, &finder),
        );
        let t0 = Instant::now();
        std::hint::black_box(finder.find_iter(&archive).count());
        s.add("baseline: memmem scan, archive in memory", ms(t0.elapsed()));
        let t0 = Instant::now();
        let found = Command::new("find")
            .arg(dir)
            .args(["-name", "*.yaml", "-printf", "%s %T@ %p\n"])
            .stdout(Stdio::null())
            .status()
            .map_err(|e| format!("find: {e}"))?;
        if !found.success() {
            return Err(format!("find: {found}"));
        }
        s.add("baseline: find -printf (stat walk)", ms(t0.elapsed()));

        let cache = tempfile::tempdir().map_err(|e| e.to_string())?;
        let at = cache.path().join("library.db");
        let t0 = Instant::now();
        let (shell, loader, listed, parsed) = open_indexed(&paths, &at)?;
        s.add("cold: every file listed", listed);
        if !loader.finish(Duration::from_secs(600)) {
            return Err("the index's writer did not finish".into());
        }
        s.add("cold: everything indexed", ms(t0.elapsed()));
        drop(shell);
        // Closed, its log is folded back into the file: what stays on disk.
        drop(loader);
        size = ["", "-wal"]
            .iter()
            .filter_map(|x| std::fs::metadata(format!("{}{x}", at.display())).ok())
            .map(|m| m.len())
            .sum();
        if parsed != paths.len() {
            return Err(format!("cold: {parsed} of {} files parsed", paths.len()));
        }
        for _ in 0..2 {
            let (mut shell, _loader, listed, parsed) = open_indexed(&paths, &at)?;
            if parsed != 0 {
                return Err(format!("warm: {parsed} files parsed"));
            }
            s.add("warm: every file listed", listed);
            let mut t = term(SIZE.0, SIZE.1);
            draw(&mut t, &shell);
            let keys = type_search(&mut shell, &mut t, word);
            if let Some(k) = keys.first() {
                s.add("warm: search, first key", *k);
            }
            if let Some(k) = keys.last() {
                s.add("warm: search, last key", *k);
            }
            s.add("warm: search, median key", median(keys));
            let t0 = Instant::now();
            shell.finish_search();
            s.add("warm: search, the rest counted after", ms(t0.elapsed()));
        }
    }
    println!("(ms of wall time, medians of {rounds} rounds)");
    s.print("ms");
    println!(
        "index {:.1} MB = {:.2}x the archive; warm: listed / find = {:.2}; last key / memmem = {:.2} (in memory {:.2})",
        size as f64 / 1e6,
        size as f64 / bytes.max(1) as f64,
        s.get("warm: every file listed") / s.get("baseline: find -printf (stat walk)"),
        s.get("warm: search, last key") / s.get("baseline: memmem scan of every file"),
        s.get("warm: search, last key") / s.get("baseline: memmem scan, archive in memory")
    );
    Ok(())
}

/// Opens `dir` with the index at `index` (made by a first round when there is none), `rounds`
/// times: the ms to every file listed, for profiling the warm open.
fn warm(dir: &Path, index: &Path, rounds: usize) -> Result<(), String> {
    let paths = files_of(dir);
    let mut s = Series::default();
    for _ in 0..rounds {
        let (_shell, loader, listed, parsed) = open_indexed(&paths, index)?;
        loader.finish(Duration::from_secs(600));
        s.add(
            if parsed > 0 {
                "cold: every file listed"
            } else {
                "warm: every file listed"
            },
            listed,
        );
    }
    s.print("ms");
    Ok(())
}

/// The library search alone, warm: `DIR` opened with the index at `index` (made first when
/// there is none), then `word` typed `rounds` times; each key and its frame.
fn search(dir: &Path, index: &Path, word: &str, rounds: usize) -> Result<(), String> {
    let paths = files_of(dir);
    if !index.exists() {
        let (_shell, loader, _, _) = open_indexed(&paths, index)?;
        loader.finish(Duration::from_secs(600));
    }
    let mut s = Series::default();
    for _ in 0..rounds {
        let (mut shell, _loader, _, parsed) = open_indexed(&paths, index)?;
        if parsed != 0 {
            return Err(format!("warm: {parsed} files parsed"));
        }
        let mut t = term(SIZE.0, SIZE.1);
        draw(&mut t, &shell);
        // PROBE_TYPINGS: the word typed that many times in the one open (for a profile of the
        // keys without the opens).
        let typings = std::env::var("PROBE_TYPINGS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1);
        for n in 0..typings {
            let keys = type_search(&mut shell, &mut t, word);
            for (c, k) in word.chars().zip(&keys) {
                s.add(&format!("typing {n}: key {c} + frame"), *k);
            }
            if std::env::var_os("PROBE_SHOW").is_some() {
                println!(
                    "  typing {n}: {:?}",
                    shell.search_state().map(|s| s.counter())
                );
            }
            shell.press("Esc");
            draw(&mut t, &shell);
        }
    }
    s.print("ms");
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    let rounds = |i: usize, d: usize| arg(i).and_then(|s| s.parse().ok()).unwrap_or(d);
    let result = match (arg(0), arg(1), arg(2), arg(3)) {
        (Some("load"), Some(f), ..) => load(Path::new(f), rounds(2, 5)),
        (Some("reader"), Some(b), Some(s), Some(w)) => {
            reader(Path::new(b), Path::new(s), w, rounds(4, 5))
        }
        (Some("library"), Some(d), ..) => library(Path::new(d), rounds(2, 5)),
        (Some("intake"), Some(d), Some(w), ..) => intake(Path::new(d), w, rounds(3, 3)),
        (Some("first"), Some(d), ..) => first(Path::new(d), rounds(2, 5)),
        (Some("baselines"), Some(d), Some(w), ..) => baselines(Path::new(d), w, rounds(3, 3)),
        (Some("index"), Some(d), Some(w), ..) => index(Path::new(d), w, rounds(3, 3)),
        (Some("warm"), Some(d), Some(ix), ..) => warm(Path::new(d), Path::new(ix), rounds(3, 5)),
        (Some("search"), Some(d), Some(ix), Some(w)) => {
            search(Path::new(d), Path::new(ix), w, rounds(4, 3))
        }
        _ => Err("usage: probe load FILE [ROUNDS] | reader BIG SMALL WORD [ROUNDS] | library DIR [ROUNDS] | intake DIR WORD [ROUNDS] | first DIR [ROUNDS] | baselines DIR WORD [ROUNDS] | index DIR WORD [ROUNDS] | warm DIR INDEX [ROUNDS] | search DIR INDEX WORD [ROUNDS]".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("probe: {e}");
            ExitCode::from(1)
        }
    }
}
