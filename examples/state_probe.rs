//! Opening a briefing with reading state beside opening it without, measured alternately round
//! after round and the medians compared (BENCHMARKS.md, issue 18), as `probe` does for the
//! other targets: the shared machine changes speed between rounds, so only a ratio of two things
//! measured side by side means anything.
//!
//! Each round opens the briefing REPS times each way (fewer for the bigger ones): text → document → reader → first frame
//! at 200×50; with state also the store opened, its row read (last-read snapshot, flags,
//! notes, position), the diff and the marks. "alongside" opens the store on a thread of its own
//! while the text is parsed, an alternative measured here (on the loaded two-core box it did not
//! pay: `brief` opens the store in line). Times are this thread's CPU time and wall time.
//!
//! ```text
//! cargo run --release --example state_probe [ROUNDS=11] [REPS=300]
//! ```

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../benches/common/clock.rs"]
mod clock;

use std::path::Path;
use std::time::{Duration, Instant};

use brief::app::shell::Shell;
use brief::briefing::diff::Snapshot;
use brief::briefing::load::load_str;
use brief::briefing::Document;
use brief::state::Store;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;

fn doc(text: &str) -> Document {
    let l = load_str(text).unwrap();
    Document::new(None, "probe".into(), l.briefing, l.warnings)
}

fn frame(shell: &Shell) {
    let mut t = Terminal::new(TestBackend::new(200, 50)).unwrap();
    t.draw(|f| brief::ui::render_shell(shell, f)).unwrap();
}

#[derive(Clone, Copy)]
enum Way {
    Without,
    With,
    Alongside,
}

fn open(text: &str, store: &Path, way: Way) -> Shell {
    match way {
        Way::Without => {
            let shell = Shell::single(doc(text), Rect::new(0, 0, 200, 50));
            frame(&shell);
            shell
        }
        Way::With => {
            let mut shell = Shell::single(doc(text), Rect::new(0, 0, 200, 50));
            shell.use_store(Store::open(store).map(Some));
            frame(&shell);
            shell
        }
        Way::Alongside => {
            let at = store.to_path_buf();
            let opening = std::thread::spawn(move || Store::open(&at).map(Some));
            let mut shell = Shell::single(doc(text), Rect::new(0, 0, 200, 50));
            shell.use_store(opening.join().unwrap());
            frame(&shell);
            shell
        }
    }
}

/// (CPU, wall) per open, `reps` opens; the shells are dropped after the timing.
fn time(text: &str, store: &Path, way: Way, reps: usize) -> (Duration, Duration) {
    let mut kept = Vec::with_capacity(reps);
    let (c0, w0) = (clock::now(false), Instant::now());
    for _ in 0..reps {
        kept.push(open(text, store, way));
    }
    let (c, w) = (clock::now(false) - c0, w0.elapsed());
    drop(kept);
    (c / reps as u32, w / reps as u32)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(11);
    let reps: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(300);
    let dir = tempfile::tempdir().unwrap();
    let korea = brief::bundled::BUNDLED
        .iter()
        .find(|(n, _)| n.contains("korea"))
        .map(|(_, t)| t.to_string())
        .unwrap();
    let inputs = [
        ("korea (bundled)", korea),
        ("200 items a section", briefgen::big(200)),
        ("2000 items a section", briefgen::big(2000)),
    ];
    for (i, (name, text)) in inputs.iter().enumerate() {
        // Read once before, one item changed since: the open has a diff to make.
        let store = dir.path().join(format!("{i}.db"));
        let mut s = Store::open(&store).unwrap();
        let d = doc(text);
        let seen = Snapshot::of(&d.briefing);
        let key = brief::state::key_of(&d);
        let saved = s.open_briefing(&key, &seen).unwrap();
        let mut older = seen.clone();
        if let Some(item) = older.items.first_mut() {
            item.text.push_str(" (an earlier version)");
        }
        s.save_seen(saved.id, &older).unwrap();
        drop(s);
        // About the same time per measurement whatever the size: REPS opens of the bundled
        // briefing, proportionally fewer of the bigger ones (at least 3).
        let reps = (reps * 7220 / text.len()).max(3);
        let mut t: [(Vec<Duration>, Vec<Duration>); 3] = Default::default();
        for _ in 0..rounds {
            for (k, way) in [Way::Without, Way::With, Way::Alongside]
                .into_iter()
                .enumerate()
            {
                let (c, w) = time(text, &store, way, reps);
                t[k].0.push(c);
                t[k].1.push(w);
            }
        }
        let [without, with, alongside] = t.map(|(c, w)| (median(c), median(w)));
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{name} ({} bytes), {rounds} rounds of {reps}, medians per open:",
            text.len()
        );
        println!(
            "  without state   {:8.3} ms CPU {:8.3} ms wall",
            ms(without.0),
            ms(without.1)
        );
        println!(
            "  with state      {:8.3} ms CPU {:8.3} ms wall   ratio CPU {:.2}  wall {:.2}",
            ms(with.0),
            ms(with.1),
            ms(with.0) / ms(without.0),
            ms(with.1) / ms(without.1)
        );
        println!(
            "  alongside       {:8.3} ms CPU {:8.3} ms wall   ratio CPU {:.2}  wall {:.2}",
            ms(alongside.0),
            ms(alongside.1),
            ms(alongside.0) / ms(without.0),
            ms(alongside.1) / ms(without.1)
        );
    }
}
