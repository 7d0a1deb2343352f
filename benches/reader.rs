//! The reader on a big briefing beside a small one (BENCHMARKS.md, targets 2, 3, 4 and 7): one
//! frame at 200×50, a navigation keystroke and the frame after it, a search keystroke and the
//! frame after it, a `&` filter applied and the frame after it, a resize and the frame after it. The small briefing has 20 items in each
//! section, the big one 20,000 (`BRIEF_BENCH_ITEMS` changes it); both come from the generator at
//! bench time.
//!
//! ```text
//! cargo bench --bench reader
//! ```
//!
//! Times are CPU time of the benchmarking thread (see `common`); `BRIEF_BENCH_CLOCK=wall` for
//! wall time.

// A bench whose generated input does not load has nothing to measure: it stops there.
#![allow(clippy::panic)]

mod common;

use std::time::Duration;

use brief::app::shell::Shell;
use brief::app::Action;
use brief::briefing::load::load_str;
use brief::briefing::Document;
use common::CpuTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion};
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;

const W: u16 = 200;
const H: u16 = 50;

fn items() -> usize {
    std::env::var("BRIEF_BENCH_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000)
}

fn shell(items: usize) -> Shell {
    let text = briefgen::big(items);
    let Ok(l) = load_str(&text) else {
        panic!("the generated briefing does not load");
    };
    let doc = Document::new(None, format!("{items}"), l.briefing, l.warnings);
    Shell::single(doc, Rect::new(0, 0, W, H))
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

/// Both sizes, small first: the name says which.
fn both() -> [(String, Shell); 2] {
    let n = items();
    [
        (format!("{:>6} items", 20), shell(20)),
        (format!("{n:>6} items"), shell(n)),
    ]
}

fn group<'a>(c: &'a mut Criterion<CpuTime>, name: &str) -> BenchmarkGroup<'a, CpuTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(30);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(2));
    g
}

fn frame(c: &mut Criterion<CpuTime>) {
    let mut g = group(c, "frame 200x50");
    for (name, shell) in both() {
        let mut t = term();
        draw(&mut t, &shell);
        g.bench_function(&name, |b| b.iter(|| draw(&mut t, &shell)));
    }
    g.finish();
}

fn navigation(c: &mut Criterion<CpuTime>) {
    let mut g = group(c, "keystroke + frame");
    for (name, mut shell) in both() {
        let mut t = term();
        draw(&mut t, &shell);
        // Down and up again, so the selection stays near the top, where it starts.
        for key in ["j", "k", "Tab", "PgDn", "PgUp", "G", "g"] {
            g.bench_function(format!("{key:<4} {name}"), |b| {
                b.iter(|| {
                    shell.press(key);
                    draw(&mut t, &shell);
                })
            });
        }
    }
    g.finish();
}

fn search(c: &mut Criterion<CpuTime>) {
    let mut g = group(c, "search keystroke + frame");
    for (name, mut shell) in both() {
        let mut t = term();
        // The index is built on the first search; the keystroke measured is a later one.
        shell.press("/ minist");
        draw(&mut t, &shell);
        g.bench_function(&name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let start = common::now();
                    shell.press("r");
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

fn filter(c: &mut Criterion<CpuTime>) {
    let mut g = group(c, "filter Enter + frame");
    for (name, mut shell) in both() {
        let mut t = term();
        // The search index (for free words) is built once, outside the time.
        shell.press("& minist Enter & Enter");
        draw(&mut t, &shell);
        g.bench_function(&name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    shell.press("& status:denied Space or Space minist Space -has:quote");
                    let start = common::now();
                    shell.press("Enter");
                    draw(&mut t, &shell);
                    total += common::now().saturating_sub(start);
                    shell.press("& Enter");
                }
                total
            })
        });
    }
    g.finish();
}

fn resize(c: &mut Criterion<CpuTime>) {
    let mut g = group(c, "resize + frame");
    for (name, mut shell) in both() {
        let mut t = term();
        draw(&mut t, &shell);
        let mut wide = false;
        g.bench_function(&name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    // A width the wrap cache has not seen: emptied outside the time.
                    shell.forget_wraps();
                    wide = !wide;
                    let (w, h) = if wide { (W, H) } else { (W - 40, H - 5) };
                    let start = common::now();
                    shell.update(Action::Resize(w, h));
                    t.backend_mut().resize(w, h);
                    draw(&mut t, &shell);
                    total += common::now().saturating_sub(start);
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
    targets = frame, navigation, search, filter, resize
}
criterion_main!(benches);
