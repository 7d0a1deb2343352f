//! The state store's size for a library read once (BENCHMARKS.md, issue 18): the 2,000 ordinary
//! briefings of `generate library`, each opened and left as the reader does (its row, its
//! last-read snapshot, its position), in a new store; then the store's size on disk.
//!
//! ```text
//! cargo run --release --example state_size [N] [STORE]
//! ```

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use brief::briefing::diff::Snapshot;
use brief::briefing::load::load_str;
use brief::state::{Position, Store};

fn main() {
    let mut args = std::env::args().skip(1);
    let n: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(2000);
    let dir = tempfile::tempdir().unwrap();
    let path = args
        .next()
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("state.db"));
    let mut store = Store::open(&path).unwrap();
    let mut bytes = 0usize;
    for i in 0..n {
        let text = briefgen::ordinary(i);
        bytes += text.len();
        let b = load_str(&text).unwrap().briefing;
        let seen = Snapshot::of(&b);
        let key = format!("/library/briefing-{i:04}.yaml");
        let saved = store.open_briefing(&key, &seen).unwrap();
        let first = b.claims.first().map(|c| c.id.clone());
        let position = Position {
            focus: "claims".into(),
            selected: [first, None, None],
            offset: [0; 3],
            detail: None,
        };
        store.save_position(saved.id, &position).unwrap();
        store.save_seen(saved.id, &seen).unwrap();
    }
    drop(store);
    let size = |p: &std::path::Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let wal = path.with_extension("db-wal");
    println!(
        "{n} briefings ({bytes} bytes of YAML) read once: state.db {} bytes, -wal {} bytes",
        size(&path),
        size(&wal)
    );
}
