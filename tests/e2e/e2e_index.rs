//! End to end: the library's index between runs of the real binary, in a temporary
//! `XDG_CACHE_HOME` (never the user's). The first run makes it; the next lists the library from
//! it, shows a file edited in between as it is now, and searches the briefings it holds as rows;
//! a damaged index is rebuilt, and the status bar says so.

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::libsupport;
use crate::tmux::{quote, Tmux};

/// A library of the three bundled briefings and 40 generated ones in `dir/lib`, their times an
/// hour ago; the `XDG_CACHE_HOME=…` of a cache home in `dir`.
fn setup(dir: &Path) -> String {
    let lib = dir.join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    for rel in libsupport::BUNDLED {
        let name = Path::new(rel).file_name().unwrap_or_default();
        std::fs::write(lib.join(name), libsupport::read(rel)).unwrap();
    }
    libsupport::write_generated(&lib, 40);
    for e in std::fs::read_dir(&lib).unwrap() {
        let p = e.unwrap().path();
        let f = std::fs::File::options().append(true).open(&p).unwrap();
        f.set_modified(SystemTime::now() - Duration::from_secs(3600))
            .unwrap();
    }
    format!("XDG_CACHE_HOME={}", quote(&dir.join("cache")))
}

#[test]
fn the_next_run_lists_the_library_from_the_index_shows_an_edit_and_searches_it() {
    let dir = tempfile::tempdir().unwrap();
    let env = setup(dir.path());
    let t = Tmux::start(dir.path(), 120, 40, &env, "lib");
    t.wait_for(&["43 briefings"]);
    t.quit_cleanly();
    drop(t);
    let index = dir.path().join("cache/brief/library.db");
    assert!(index.is_file(), "no index at {}", index.display());
    assert!(
        !dir.path().join("cache/brief/library.db-wal").exists(),
        "the index's log is left after quitting"
    );

    let korea = dir.path().join("lib/korea-troops.yaml");
    let text = std::fs::read_to_string(&korea).unwrap();
    std::fs::write(
        &korea,
        text.replace(
            "title: South Korea denies talks on US troop withdrawal",
            "title: Seoul edited between two runs",
        ),
    )
    .unwrap();
    let f = std::fs::File::options().append(true).open(&korea).unwrap();
    f.set_modified(SystemTime::now() - Duration::from_secs(60))
        .unwrap();

    let t = Tmux::start(dir.path(), 120, 40, &env, "lib");
    let screen = t.wait_for(&["43 briefings", "Seoul edited between two runs"]);
    assert!(
        !screen.contains("South Korea denies talks"),
        "the version indexed before the edit shows:\n{screen}"
    );
    t.keys(&["/"]);
    t.type_text("budget");
    let screen = t.wait_for(&["/budget▏", "⌕ 1"]);
    assert!(
        screen.contains("Generated briefing number"),
        "the generated briefings match:\n{screen}"
    );
    t.keys(&["Enter"]);
    t.wait_for(&["/budget 1/"]);
    t.quit_cleanly();
}

#[test]
fn a_damaged_index_is_rebuilt_and_the_status_bar_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let env = setup(dir.path());
    let index = dir.path().join("cache/brief/library.db");
    std::fs::create_dir_all(index.parent().unwrap()).unwrap();
    std::fs::write(&index, vec![0xA5u8; 8192]).unwrap();
    let t = Tmux::start(dir.path(), 120, 40, &env, "lib");
    t.wait_for(&["43 briefings", "library index rebuilt"]);
    t.quit_cleanly();
    drop(t);
    let t = Tmux::start(dir.path(), 120, 40, &env, "lib");
    let screen = t.wait_for(&["43 briefings"]);
    assert!(!screen.contains("rebuilt"), "rebuilt twice:\n{screen}");
    let kept = std::fs::read_dir(index.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("library.db.corrupt-")
        })
        .count();
    assert_eq!(kept, 1, "the damaged file is kept, once");
    t.quit_cleanly();
}
