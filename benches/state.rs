//! Opening a briefing with reading state beside opening it without (BENCHMARKS.md, issue 18):
//! the text loaded, the reader made, the first frame drawn; with state, also the store opened,
//! the briefing's row read (its last-read snapshot, flags, notes, position), the diff against
//! what was last read and the marks. Measured on the bundled Korea briefing and on generated
//! ones of 200 and 2,000 items a section, each read once before, with one item changed since.
//!
//! ```text
//! cargo bench --bench state
//! ```
//!
//! Times are CPU time of the benchmarking thread (see `common`); `BRIEF_BENCH_CLOCK=wall` for
//! wall time. The store lives in a temporary folder.

// A bench whose input does not load has nothing to measure: it stops there.
#![allow(clippy::panic, clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::time::Duration;

use brief::app::shell::Shell;
use brief::briefing::diff::Snapshot;
use brief::briefing::load::load_str;
use brief::briefing::Document;
use brief::state::Store;
use common::CpuTime;
use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;

const W: u16 = 200;
const H: u16 = 50;

fn doc(name: &str, text: &str) -> Document {
    let Ok(l) = load_str(text) else {
        panic!("{name} does not load");
    };
    Document::new(None, name.to_string(), l.briefing, l.warnings)
}

/// Opens `text` as the reader does and draws the first frame; with a store, reads its state.
fn open(name: &str, text: &str, store: Option<&Path>) -> Shell {
    let mut shell = Shell::single(doc(name, text), Rect::new(0, 0, W, H));
    if let Some(path) = store {
        shell.use_store(Store::open(path).map(Some));
    }
    let mut t = Terminal::new(TestBackend::new(W, H)).unwrap();
    t.draw(|f| brief::ui::render_shell(&shell, f)).unwrap();
    shell
}

fn inputs() -> Vec<(String, String)> {
    let korea = brief::bundled::BUNDLED
        .iter()
        .find(|(n, _)| n.contains("korea"))
        .map(|(_, t)| t.to_string())
        .unwrap();
    vec![
        ("korea (bundled)".into(), korea),
        ("200 items".into(), briefgen::big(200)),
        ("2000 items".into(), briefgen::big(2000)),
    ]
}

fn opening(c: &mut Criterion<CpuTime>) {
    let dir = tempfile::tempdir().unwrap();
    let mut g = c.benchmark_group("open + first frame");
    g.sample_size(20);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(3));
    for (name, text) in inputs() {
        let store = dir.path().join(format!("{}.db", name.len()));
        // Read once before, then one item's text changed: the second open has a diff to make.
        let mut s = Store::open(&store).unwrap();
        let d = doc(&name, &text);
        let seen = Snapshot::of(&d.briefing);
        let key = brief::state::key_of(&d);
        s.open_briefing(&key, &seen).unwrap();
        let mut older = seen.clone();
        if let Some(i) = older.items.first_mut() {
            i.text.push_str(" (an earlier version)");
        }
        let saved = s.open_briefing(&key, &seen).unwrap();
        s.save_seen(saved.id, &older).unwrap();
        drop(s);
        // Closing (the store's checkpoint when its connection closes) is quitting's cost, not
        // opening's: the shells are dropped outside the timing.
        g.bench_function(format!("without state  {name}"), |b| {
            b.iter_with_large_drop(|| open(&name, &text, None))
        });
        g.bench_function(format!("with state     {name}"), |b| {
            b.iter_with_large_drop(|| open(&name, &text, Some(&store)))
        });
    }
    g.finish();
    // Where the time with state goes, on the bundled briefing.
    let mut g = c.benchmark_group("state parts");
    g.sample_size(30);
    g.warm_up_time(Duration::from_millis(300));
    g.measurement_time(Duration::from_secs(2));
    let (name, text) = inputs().swap_remove(0);
    let store = dir.path().join(format!("{}.db", name.len()));
    let d = doc(&name, &text);
    let key = brief::state::key_of(&d);
    g.bench_function("Store::open", |b| b.iter(|| Store::open(&store).unwrap()));
    let mut s = Store::open(&store).unwrap();
    g.bench_function("open_briefing (the row, its snapshot parsed)", |b| {
        b.iter(|| s.open_briefing(&key, &Snapshot::of(&d.briefing)).unwrap())
    });
    g.bench_function("Snapshot::of", |b| b.iter(|| Snapshot::of(&d.briefing)));
    let saved = s.open_briefing(&key, &Snapshot::of(&d.briefing)).unwrap();
    g.bench_function("Reading::new (diff + marks)", |b| {
        b.iter(|| {
            brief::state::Reading::new(
                Snapshot::of(&d.briefing),
                saved.seen.clone(),
                Vec::new(),
                Vec::new(),
            )
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = opening
}
criterion_main!(benches);
