//! Issue 21's highlighting bombs beside ordinary texts, in the same run: a search keystroke on a
//! 1 MB title, a frame of a 300 KB claim with a search active, a frame of the side-by-side
//! view of two 400 KB texts full of figures, and `c` opening that view the first time. Each beside the same thing on a 1 KB text, so the
//! ratio says how the work grows (quadratic marking made them 39 s, 15 s and 10.6 s).
//!
//! ```text
//! cargo bench --bench hostile
//! ```
//!
//! Times are CPU time of the benchmarking thread (see `common`); `BRIEF_BENCH_CLOCK=wall` for
//! wall time.

#![allow(clippy::panic)]

mod common;

use std::time::Duration;

use brief::app::shell::Shell;
use brief::briefing::load::load_str;
use brief::briefing::Document;
use common::CpuTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion};
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;

const W: u16 = 200;
const H: u16 = 50;

fn shell(yaml: &str) -> Shell {
    let Ok(l) = load_str(yaml) else {
        panic!("the bench's briefing does not load");
    };
    Shell::single(
        Document::new(None, "bench".into(), l.briefing, l.warnings),
        Rect::new(0, 0, W, H),
    )
}

fn term() -> Terminal<TestBackend> {
    match Terminal::new(TestBackend::new(W, H)) {
        Ok(t) => t,
        Err(e) => match e {},
    }
}

fn draw(t: &mut Terminal<TestBackend>, shell: &Shell) {
    if let Err(e) = t.draw(|f| brief::ui::render_shell(shell, f)) {
        match e {}
    }
}

/// `banana banana …` to `bytes`: an `a` every other byte, the worst for `/a`.
fn bananas(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 8);
    while s.len() < bytes {
        s.push_str("banana ");
    }
    s
}

/// Figures to `bytes`: `12 people killed on 3 March, …`.
fn figures(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 40);
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&format!("{i} people killed on {} March, ", i % 28 + 1));
        i += 1;
    }
    s
}

fn titled(bytes: usize) -> String {
    format!(
        "title: {}\ndate: 2025-01-01\nclaims:\n  - id: c1\n    text: x\nresponses: []\ncontext: []\n",
        bananas(bytes)
    )
}

fn claimed(bytes: usize) -> String {
    format!(
        "title: T\ndate: 2025-01-01\nclaims:\n  - id: c1\n    text: {}\nresponses: []\ncontext: []\n",
        bananas(bytes)
    )
}

fn paired(bytes: usize) -> String {
    let f = figures(bytes);
    format!(
        "title: T\ndate: 2025-01-01\nclaims:\n  - id: c1\n    text: {f}\nresponses:\n  - id: r1\n    text: {f} more\n    responds_to: [c1]\n    stance: disputes\ncontext: []\n"
    )
}

fn group<'a>(c: &'a mut Criterion<CpuTime>, name: &str) -> BenchmarkGroup<'a, CpuTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(3));
    g
}

const SMALL: usize = 1024;

fn title_search(c: &mut Criterion<CpuTime>) {
    let mut g = group(c, "`a` typed after / on a long title + frame");
    for (name, bytes) in [("1 KB title", SMALL), ("1 MB title", 1 << 20)] {
        let mut shell = shell(&titled(bytes));
        let mut t = term();
        // The index is built on the first search; the keystroke measured is a later one.
        shell.press("/ b Backspace");
        draw(&mut t, &shell);
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let start = common::now();
                    shell.press("a");
                    draw(&mut t, &shell);
                    total += common::now().saturating_sub(start);
                    shell.press("Backspace");
                }
                total
            })
        });
    }
    g.finish();
}

fn claim_frame(c: &mut Criterion<CpuTime>) {
    let mut g = group(c, "frame of a long claim with a search active");
    for (name, bytes) in [("1 KB claim", SMALL), ("300 KB claim", 300 * 1024)] {
        let mut shell = shell(&claimed(bytes));
        let mut t = term();
        shell.press("/ a n Enter");
        draw(&mut t, &shell);
        g.bench_function(name, |b| b.iter(|| draw(&mut t, &shell)));
    }
    g.finish();
}

fn pair_frame(c: &mut Criterion<CpuTime>) {
    let mut g = group(c, "frame of the side-by-side view of two texts of figures");
    for (name, bytes) in [("2 × 1 KB", SMALL), ("2 × 400 KB", 400 * 1024)] {
        let mut shell = shell(&paired(bytes));
        let mut t = term();
        shell.press("c");
        draw(&mut t, &shell);
        marked(&mut t, &mut shell);
        g.bench_function(name, |b| b.iter(|| draw(&mut t, &shell)));
    }
    g.finish();
}

/// `c` pressed and its frame drawn on a reader that has made nothing of the pair yet, as a
/// user meets them: the two texts wrapped and laid out, and on short texts their comparison;
/// long ones are compared on a thread of their own meanwhile ([`pair_marked`] waits for it).
fn pair_opened(c: &mut Criterion<CpuTime>) {
    let mut g = group(c, "`c` on two texts of figures, first time, + frame");
    for (name, bytes) in [("2 × 1 KB", SMALL), ("2 × 400 KB", 400 * 1024)] {
        let yaml = paired(bytes);
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let mut shell = shell(&yaml);
                    let mut t = term();
                    draw(&mut t, &shell);
                    let start = common::now();
                    shell.press("c");
                    draw(&mut t, &shell);
                    total += common::now().saturating_sub(start);
                    marked(&mut t, &mut shell);
                }
                total
            })
        });
    }
    g.finish();
}

/// Waits for the comparison on its own thread and draws what it marks.
fn marked(t: &mut Terminal<TestBackend>, shell: &mut Shell) {
    while shell.busy() {
        std::thread::sleep(Duration::from_micros(200));
        shell.collect();
    }
    draw(t, shell);
}

/// From `c` to the frame with the figures marked, in wall time whatever the clock: the
/// comparison of long texts runs on a thread of its own, whose CPU time the benchmarking
/// thread's clock would not see.
fn pair_marked(c: &mut Criterion<CpuTime>) {
    let mut g = group(
        c,
        "`c` on two texts of figures, first time, until marked (wall)",
    );
    for (name, bytes) in [("2 × 1 KB", SMALL), ("2 × 400 KB", 400 * 1024)] {
        let yaml = paired(bytes);
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let mut shell = shell(&yaml);
                    let mut t = term();
                    draw(&mut t, &shell);
                    let start = std::time::Instant::now();
                    shell.press("c");
                    draw(&mut t, &shell);
                    marked(&mut t, &mut shell);
                    total += start.elapsed();
                }
                total
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = title_search, claim_frame, pair_frame, pair_opened, pair_marked
}
criterion_main!(benches);
