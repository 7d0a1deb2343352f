//! The library's index (`$XDG_CACHE_HOME/brief/library.db`) as the event loop uses it: the real
//! loader with its workers and the index's writer, its results fed to the shell as the loop
//! feeds them (`on_loaded`, `on_rows`, `on_indexed`). A second start takes every unchanged file
//! from the index without parsing it; a changed file is parsed again, one whose time alone
//! changed is not, one that is gone is not listed; the search and the filter over briefings
//! held only as rows find exactly what they find over parsed briefings.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use crate::libsupport::*;
use brief::app::keymap::Mode;
use brief::app::shell::{Request, Shell};
use brief::briefing::load::DEFAULT_MAX_SIZE;
use brief::loader::Loader;
use brief::state::index::{Index, Reader};
use ratatui::layout::Rect;

/// A library started as `brief DIR` starts it, with the index at `index`; how many files were
/// parsed and how many came as rows from the index.
struct Run {
    shell: Shell,
    parsed: usize,
    rows: usize,
    loader: Loader,
}

#[track_caller]
fn start(paths: &[PathBuf], index: &Path) -> Run {
    let (ix, notice) = Index::open(index);
    assert!(ix.is_some(), "no index: {notice:?}");
    let roots: Vec<PathBuf> = paths
        .iter()
        .filter_map(|p| p.parent().map(Path::to_path_buf))
        .take(1)
        .collect();
    let loader = Loader::with_index(2, DEFAULT_MAX_SIZE, HashSet::new(), ix.map(|i| (i, roots)));
    let mut shell = Shell::new(paths.to_vec(), Rect::new(0, 0, 120, 40));
    shell.use_index(Reader::open(index).ok(), DEFAULT_MAX_SIZE);
    if let Some(n) = notice {
        shell.report(n.0);
    }
    for r in shell.take_requests() {
        if let Request::Load(p) = r {
            loader.load(p);
        }
    }
    let (mut parsed, mut rows) = (0, 0);
    let deadline = Instant::now() + Duration::from_secs(120);
    while shell.library().pending > 0 {
        assert!(Instant::now() < deadline, "the library did not load");
        let mut any = false;
        while let Some(o) = loader.try_next() {
            shell.on_loaded(o);
            parsed += 1;
            any = true;
        }
        let got: Vec<_> = std::iter::from_fn(|| loader.try_row()).collect();
        rows += got.len();
        any |= shell.on_rows(got);
        shell.on_indexed(&loader.try_indexed());
        if !any {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    Run {
        shell,
        parsed,
        rows,
        loader,
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        assert!(
            self.loader.finish(Duration::from_secs(60)),
            "the index's writer did not finish"
        );
    }
}

/// Sets a file's modification time `secs` seconds in the past (so the loader need not wait
/// for it to be still).
#[track_caller]
/// `n` generated briefings in `DIR/lib`, their times an hour ago (so a rewrite shows), and
/// where the index goes (`DIR/library.db`); the folder lives as long as the first.
fn aged_library(n: usize) -> (tempfile::TempDir, Vec<PathBuf>, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let lib = dir.path().join("lib");
    std::fs::create_dir_all(&lib).unwrap_or_else(|e| panic!("{e}"));
    let paths = write_generated(&lib, n);
    for p in &paths {
        age(p, 3600);
    }
    let index = dir.path().join("library.db");
    (dir, paths, index)
}

/// What the loader says of the index once it says it (within `secs`).
#[track_caller]
fn said_of_index(loader: &Loader, secs: u64, what: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(said) = loader.take_index_failure() {
            return said;
        }
        assert!(Instant::now() < deadline, "{what} was never said");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn age(path: &Path, secs: u64) {
    let f = std::fs::File::options()
        .append(true)
        .open(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let t = SystemTime::now() - Duration::from_secs(secs);
    f.set_modified(t)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

#[track_caller]
fn write_ordinary(dir: &Path, n: usize) -> Vec<PathBuf> {
    (0..n)
        .map(|i| {
            let p = dir.join(format!("briefing-{i:04}.yaml"));
            std::fs::write(&p, briefgen::ordinary(i as u64))
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            age(&p, 3600);
            p
        })
        .collect()
}

fn held_as_rows(shell: &Shell) -> usize {
    shell
        .library()
        .entries
        .iter()
        .filter(|e| e.row.is_some() && e.doc.is_none())
        .count()
}

#[test]
fn a_second_start_takes_unchanged_files_from_the_index_and_parses_only_what_changed() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let lib = dir.path().join("lib");
    std::fs::create_dir_all(&lib).unwrap_or_else(|e| panic!("{e}"));
    let index = dir.path().join("cache/brief/library.db");
    let paths = write_generated(&lib, 30);
    for p in &paths {
        age(p, 3600);
    }

    let first = start(&paths, &index);
    assert_eq!(
        (first.parsed, first.rows),
        (30, 0),
        "cold: every file parsed"
    );
    let cold_screen = shell_screen(&first.shell);
    drop(first);

    let mut second = start(&paths, &index);
    assert_eq!(
        (second.parsed, second.rows),
        (0, 30),
        "warm: no file parsed"
    );
    assert_eq!(held_as_rows(&second.shell), 30);
    assert_eq!(
        shell_screen(&second.shell),
        cold_screen,
        "the list from the index is the list from the files"
    );
    // A file changed while brief runs: the watcher's reload parses it and indexes it again.
    let watched = &paths[11];
    std::fs::write(
        watched,
        generated(11).replace("Generated briefing number 11", "Watched briefing number 11"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    age(watched, 90);
    second.shell.on_changed(watched.clone());
    for r in second.shell.take_requests() {
        if let Request::Load(p) = r {
            second.loader.load(p);
        }
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        assert!(Instant::now() < deadline, "the reload did not come");
        if let Some(o) = second.loader.try_next() {
            second.shell.on_loaded(o);
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(shell_screen(&second.shell).contains("Watched briefing number 11"));
    drop(second);
    let again = start(&paths, &index);
    assert_eq!(
        (again.parsed, again.rows),
        (0, 30),
        "the file the watcher reloaded was indexed again"
    );
    assert!(shell_screen(&again.shell).contains("Watched briefing number 11"));
    drop(again);

    // One file edited (content and time), one only touched, one deleted.
    let edited = &paths[3];
    std::fs::write(
        edited,
        generated(3).replace("Generated briefing number 3", "Edited briefing number 3"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    age(edited, 60);
    age(&paths[5], 30);
    std::fs::remove_file(&paths[7]).unwrap_or_else(|e| panic!("{e}"));
    let walked: Vec<PathBuf> = paths.iter().filter(|p| p.exists()).cloned().collect();
    let third = start(&walked, &index);
    assert_eq!(
        (third.parsed, third.rows),
        (1, 28),
        "only the edited file is parsed; the touched one hashes the same"
    );
    let screen = shell_screen(&third.shell);
    assert!(
        screen.contains("Edited briefing number 3"),
        "the edit shows:\n{screen}"
    );
    assert!(
        !screen.contains("Generated briefing number 3 "),
        "the old version does not:\n{screen}"
    );
    assert!(
        !screen.contains("Generated briefing number 7 "),
        "a file gone is not listed:\n{screen}"
    );
    assert!(screen.contains("29 briefings"), "{screen}");

    // Opening a briefing held as a row reads it from its file.
    let mut third = third;
    third.shell.press("g Enter");
    let title = third
        .shell
        .reader()
        .map(|a| a.briefing().title.clone())
        .unwrap_or_default();
    assert_eq!(Some(title), title_at_row(&third.shell, 0));
}

/// The title the list shows at position `pos`.
fn title_at_row(shell: &Shell, pos: usize) -> Option<String> {
    let lib = shell.library();
    lib.order
        .get(pos)
        .and_then(|&i| lib.entries.get(i))
        .and_then(|e| e.row.as_ref())
        .map(|r| r.title.clone())
}

/// (file name, occurrences) of every briefing the library search lists, in list order, and the
/// total.
fn hits(shell: &Shell) -> (Vec<(String, usize)>, usize) {
    let Some(s) = shell.search_state() else {
        return (Vec::new(), 0);
    };
    let lib = shell.library();
    let names = s
        .hits
        .iter()
        .map(|&(i, n)| (lib.entries.get(i).map(|e| e.name()).unwrap_or_default(), n))
        .collect();
    (names, s.total)
}

#[test]
fn search_and_filter_over_rows_find_what_they_find_over_parsed_briefings() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let lib = dir.path().join("lib");
    std::fs::create_dir_all(&lib).unwrap_or_else(|e| panic!("{e}"));
    let index = dir.path().join("library.db");
    let mut paths = write_ordinary(&lib, 200);
    // Case folds SQLite may not share, other scripts, a broken file.
    let odd = lib.join("odd.yaml");
    std::fs::write(
        &odd,
        "title: İSTANBUL and the \u{212A}elvin ship\ndate: 2025-01-02\ntags: [Türkiye]\nclaims:\n  - id: c1\n    text: 한국어 기사 배가 보였다 — ΟΔΟΣ οδός ship SHIP Ship\nresponses: []\ncontext: []\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    age(&odd, 3600);
    // The query in its tags only: the trigrams of its text rule it out, its tags still count
    // (all the tags of the library searched at once, joined).
    let tagged = lib.join("tagged.yaml");
    std::fs::write(
        &tagged,
        "title: Harbour dues\ndate: 2025-01-03\ntags: [Shipyard, ship-ship, dock]\nclaims:\n  - id: c1\n    text: Dues rise.\nresponses: []\ncontext: []\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    age(&tagged, 3600);
    let broken = lib.join("broken.yaml");
    std::fs::write(&broken, "title: [unclosed\n").unwrap_or_else(|e| panic!("{e}"));
    age(&broken, 3600);
    paths.push(odd);
    paths.push(tagged);
    paths.push(broken);

    let mut memory = library(&paths, 120, 40);
    drop(start(&paths, &index));
    let mut warm = start(&paths, &index);
    assert_eq!(warm.rows, 202, "every briefing from the index");
    compare(&mut memory, &mut warm.shell);
}

/// Searches and filters `memory` (every briefing parsed) and `warm` (every one a row) alike.
fn compare(memory: &mut Shell, warm: &mut Shell) {
    assert_eq!(held_as_rows(warm), 202);

    let searches = [
        "/ ship",
        "/ Ship",
        "/ SHIP",
        "/ shipyard",
        "/ ship-ship",
        "/ dock",
        "/ s",
        "/ sh",
        "/ the",
        "/ 2025-0",
        "/ istanbul",
        "/ kelvin",
        "/ οδοσ",
        "/ 배가",
        "/ türkiye",
        "/ nothing-at-all",
        "/ C-r s\\w+p",
        "/ C-r ^[A-Z]",
        "/ C-r (?i)MINISTRY",
    ];
    let mut found = 0;
    for keys in searches {
        memory.press(&format!("{keys} Enter"));
        warm.press(&format!("{keys} Enter"));
        let want = hits(memory);
        found += want.0.len();
        assert_eq!(hits(warm), want, "{keys}");
        memory.press("Esc Esc");
        warm.press("Esc Esc");
    }

    assert!(found > 500, "the searches found little: {found}");

    for filter in [
        "& tag:generated",
        "& date:2024-01-01..",
        "& has:contradictions",
        "& status:denied",
        "& -kind:government Space ship",
    ] {
        memory.press(&format!("{filter} Enter"));
        warm.press(&format!("{filter} Enter"));
        // Item terms over briefings held as rows: a frame says the files are being read, the
        // filter comes in force next time round the loop.
        let notice = warm.message().map(str::to_owned);
        let reads = filter.contains("status:") || filter.contains("kind:");
        assert_eq!(
            notice
                .as_deref()
                .is_some_and(|m| m.starts_with("filtering 203 briefings: reading their files")),
            reads,
            "{filter}: {notice:?}"
        );
        let applied = warm.collect();
        assert!(applied || !reads, "{filter}: not put in force");
        let names = |s: &Shell| -> Vec<String> {
            let lib = s.library();
            lib.order
                .iter()
                .filter_map(|&i| lib.entries.get(i).map(|e| e.name()))
                .collect()
        };
        assert_eq!(
            memory.mode(),
            Mode::Library,
            "{filter}: {:?}",
            memory.message()
        );
        assert!(memory.library().filter.is_some(), "{filter}");
        assert_eq!(names(warm), names(memory), "{filter}");
        memory.press("& Enter");
        warm.press("& Enter");
    }
}

/// A file rewritten at its old size with its old time put back (`cp -p`, `rsync -t`) is told
/// by its status-change time, and parsed again.
#[test]
fn a_file_rewritten_with_its_old_size_and_time_is_parsed_again() {
    let (_dir, paths, index) = aged_library(4);
    drop(start(&paths, &index));
    let file = &paths[2];
    let was = std::fs::metadata(file)
        .and_then(|m| m.modified())
        .unwrap_or_else(|e| panic!("{e}"));
    let text = generated(2).replace("Generated briefing number 2", "Rewritten briefing number 2");
    assert_eq!(text.len(), generated(2).len(), "the same size");
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(file, text).unwrap_or_else(|e| panic!("{e}"));
    std::fs::File::options()
        .append(true)
        .open(file)
        .and_then(|f| f.set_modified(was))
        .unwrap_or_else(|e| panic!("{e}"));
    let run = start(&paths, &index);
    assert_eq!((run.parsed, run.rows), (1, 3));
    let screen = shell_screen(&run.shell);
    assert!(screen.contains("Rewritten briefing number 2"), "{screen}");
}

#[test]
fn a_damaged_index_is_rebuilt_with_a_message() {
    let (_dir, paths, index) = aged_library(5);
    drop(start(&paths, &index));
    // Damage it past its header: SQLite opens it, and reading its rows fails.
    let mut bytes = std::fs::read(&index).unwrap_or_default();
    for b in bytes.iter_mut().skip(100) {
        *b = 0xA5;
    }
    std::fs::write(&index, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_file(index.with_extension("db-wal"));
    let run = start(&paths, &index);
    assert_eq!((run.parsed, run.rows), (5, 0), "every file parsed again");
    let said = run.shell.message().unwrap_or_default().to_string();
    assert!(said.contains("rebuilt"), "{said}");
    drop(run);
    let again = start(&paths, &index);
    assert_eq!(again.rows, 5, "and the rebuilt index is used");
}

/// The selection moved before the index's rows arrive stays on its briefing as they place it,
/// and in view (QA: it went to place 18,033 of 20,000 with the list still showing the top).
#[test]
fn a_selection_moved_while_rows_arrive_stays_in_view() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let paths = write_ordinary(dir.path(), 300);
    let mut shell = Shell::new(paths.clone(), Rect::new(0, 0, 120, 40));
    // Nothing listed yet: the fourth file by name.
    shell.press("j j j");
    let chosen = shell.library().selected_entry();
    let rows: Vec<_> = paths
        .iter()
        .map(|p| {
            let doc = brief::briefing::document::load_path(p, DEFAULT_MAX_SIZE)
                .unwrap_or_else(|e| panic!("{}: {}", p.display(), e.first()));
            let size = std::fs::metadata(p).map_or(0, |m| m.len());
            (p.clone(), brief::briefing::summary::Summary::of(&doc), size)
        })
        .collect();
    // In batches, as the loader sends them.
    for batch in rows.chunks(64) {
        shell.on_rows(batch.to_vec());
    }
    let lib = shell.library();
    assert_eq!(
        lib.selected_entry(),
        chosen,
        "the selection stayed on its briefing"
    );
    assert!(
        lib.selected >= 40,
        "the test needs the briefing to move below the first screen: at {}",
        lib.selected
    );
    assert!(
        lib.top <= lib.selected && lib.selected < lib.top + 40,
        "selected {} not in view from {}",
        lib.selected,
        lib.top
    );
    let screen = shell_screen(&shell);
    let title = title_at_row(&shell, lib.selected).unwrap_or_default();
    let shown: String = title.chars().take(40).collect();
    assert!(
        screen.contains(&shown),
        "{shown:?} not on screen:\n{screen}"
    );
}

/// Files the index cannot record (another brief holds it past the busy timeout) are said once,
/// in the status bar, and parsed again on the next start: not lost without a word (QA: two
/// cold instances on one cache lost 328 of 5,000 writes silently).
#[test]
fn files_the_index_could_not_record_are_said_and_parsed_again() {
    let (_dir, paths, index) = aged_library(3);
    drop(Index::open(&index));
    // Another writer holds the index for longer than brief waits.
    let other = rusqlite::Connection::open(&index).unwrap_or_else(|e| panic!("{e}"));
    other
        .execute_batch("BEGIN IMMEDIATE")
        .unwrap_or_else(|e| panic!("{e}"));
    let mut run = start(&paths, &index);
    assert_eq!(run.parsed, 3);
    let said = said_of_index(&run.loader, 60, "the failed writes");
    assert_eq!(
        said,
        "library index: 3 files not recorded, parsed again next start: database is locked"
    );
    assert_eq!(run.loader.take_index_failure(), None, "said once");
    run.shell.report(said);
    assert!(shell_screen(&run.shell).contains("3 files not recorded"));
    other
        .execute_batch("ROLLBACK")
        .unwrap_or_else(|e| panic!("{e}"));
    drop(other);
    drop(run);
    let again = start(&paths, &index);
    assert_eq!((again.parsed, again.rows), (3, 0), "parsed again");
}

/// Another brief writing the index for a while is waited for, not written past: every file is
/// recorded once it lets go (a write transaction that read first failed at once).
#[test]
fn a_writer_holding_the_index_for_a_second_is_waited_for() {
    let (_dir, paths, index) = aged_library(3);
    drop(Index::open(&index));
    let other = rusqlite::Connection::open(&index).unwrap_or_else(|e| panic!("{e}"));
    other
        .execute_batch("BEGIN IMMEDIATE")
        .unwrap_or_else(|e| panic!("{e}"));
    let holder = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(1));
        other.execute_batch("ROLLBACK")
    });
    let run = start(&paths, &index);
    assert_eq!(run.parsed, 3);
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut recorded = 0;
    while recorded < 3 {
        assert_eq!(run.loader.take_index_failure(), None);
        assert!(Instant::now() < deadline, "{recorded} of 3 recorded");
        recorded += run.loader.try_indexed().len();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(matches!(holder.join(), Ok(Ok(()))));
    drop(run);
    let again = start(&paths, &index);
    assert_eq!((again.parsed, again.rows), (0, 3), "all recorded");
}

/// A page damaged past the list's table opens (only that table is read at the start) but is
/// found by the check of every page once the library has loaded: said, and the index moved
/// aside and made anew on the next start (QA: such an index was never moved aside).
#[test]
fn an_index_damaged_in_the_middle_is_found_said_and_made_anew_next_start() {
    let (_dir, paths, index) = aged_library(5);
    drop(start(&paths, &index));
    // The page of the texts' table, which is not the list's: its bytes scrambled.
    let conn = rusqlite::Connection::open(&index).unwrap_or_else(|e| panic!("{e}"));
    let root: u32 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE name = 'text'",
            [],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    drop(conn);
    let mut bytes = std::fs::read(&index).unwrap_or_default();
    let page = 65536;
    let root = root as usize;
    assert!(bytes.len() >= root * page, "{} bytes", bytes.len());
    for b in bytes.iter_mut().skip((root - 1) * page).take(page) {
        *b = 0xA5;
    }
    std::fs::write(&index, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_file(index.with_extension("db-wal"));
    let run = start(&paths, &index);
    assert_eq!((run.parsed, run.rows), (0, 5), "the list's table is sound");
    let said = said_of_index(&run.loader, 30, "the damage");
    assert!(
        said.starts_with("library index damaged, made anew on the next start: "),
        "{said}"
    );
    drop(run);
    let again = start(&paths, &index);
    assert_eq!((again.parsed, again.rows), (5, 0), "made anew");
    let notice = again.shell.message().unwrap_or_default().to_string();
    assert!(notice.contains("was damaged ("), "{notice}");
    assert!(notice.contains("kept as library.db.corrupt-"), "{notice}");
    drop(again);
    let third = start(&paths, &index);
    assert_eq!((third.parsed, third.rows), (0, 5), "and used");
    assert_eq!(third.shell.message(), None);
}
