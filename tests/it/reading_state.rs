//! Reading state through the real keymap: a shell over a briefing with a store in a temporary
//! folder, closed and opened again as a second run would. Flags and notes survive it, the
//! position comes back, an edit between two runs is marked, and a store of garbage leaves the
//! reader running without state and the garbage kept.

use std::path::{Path, PathBuf};

use brief::app::shell::Shell;
use brief::briefing::{load_path, Section};
use brief::state::Store;
use ratatui::layout::Rect;

use crate::libsupport::{self, draw_shell};
use crate::support::{rows, KOREA};

const MAX: u64 = 1 << 30;

/// A copy of the Korea briefing in `dir`.
fn korea_in(dir: &Path) -> PathBuf {
    let path = dir.join("korea-troops.yaml");
    std::fs::write(&path, libsupport::read(KOREA)).unwrap();
    path
}

/// One run of the reader on `path` with the store at `store`: the shell, as main builds it.
fn run(path: &Path, store: &Path) -> Shell {
    let doc = load_path(path, MAX).unwrap();
    let mut shell = Shell::single(doc, Rect::new(0, 0, 120, 40));
    shell.use_store(Store::open(store).map(Some));
    shell
}

fn screen(shell: &Shell) -> String {
    rows(&draw_shell(shell)).join("\n")
}

fn status(shell: &Shell) -> String {
    rows(&draw_shell(shell)).last().cloned().unwrap_or_default()
}

#[test]
fn flags_and_notes_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = korea_in(dir.path());
    let store = dir.path().join("state/brief/state.db");
    let mut first = run(&path, &store);
    first.press("f");
    first.press("a");
    first.press("w a t c h Space t h i s Enter");
    let screen1 = screen(&first);
    assert!(screen1.contains("⚑ flagged"), "{screen1}");
    assert!(screen1.contains("✎ note"), "{screen1}");
    first.press("q");
    drop(first);

    let mut second = run(&path, &store);
    let reading = second.reader().and_then(|a| a.reading()).unwrap();
    assert!(reading.flagged("withdrawal-option"));
    assert_eq!(reading.note("withdrawal-option"), Some("watch this"));
    second.press("Enter");
    let detail = screen(&second);
    assert!(
        detail.contains("Note") && detail.contains("watch this"),
        "{detail}"
    );
    // An empty note removes it; f again unflags.
    second.press("a Ctrl-u Enter f q");
    drop(second);
    let third = run(&path, &store);
    let reading = third.reader().and_then(|a| a.reading()).unwrap();
    assert!(!reading.flagged("withdrawal-option"));
    assert_eq!(reading.note("withdrawal-option"), None);
}

#[test]
fn esc_leaves_the_note_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = korea_in(dir.path());
    let mut shell = run(&path, &dir.path().join("s.db"));
    shell.press("a x y");
    assert_eq!(
        shell.reader().and_then(|a| a.note_prompt()),
        Some(("withdrawal-option", "xy"))
    );
    assert!(status(&shell).contains("note on withdrawal-option"));
    shell.press("Esc");
    let reading = shell.reader().and_then(|a| a.reading()).unwrap();
    assert_eq!(reading.note("withdrawal-option"), None);
    assert!(status(&shell).contains("note not changed"));
}

#[test]
fn the_position_comes_back_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = korea_in(dir.path());
    let store = dir.path().join("s.db");
    let mut first = run(&path, &store);
    first.press("2 j j");
    first.press("q");
    drop(first);
    let second = run(&path, &store);
    let app = second.reader().unwrap();
    assert_eq!(app.focus(), Section::Responses);
    assert_eq!(app.selected_index(Section::Responses), 2);
    assert!(
        status(&second).contains("response 3/3"),
        "{}",
        status(&second)
    );
}

/// The Korea briefing edited as the issue says: a claim added, a claim's status changed, a
/// context item deleted.
fn edit_korea(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.replace(
        "    date: 2025-05-22\n    status: reported\n",
        "    date: 2025-05-22\n    status: confirmed\n",
    );
    let start = text.find("  - id: snap-election").unwrap();
    let end = text.find("  - id: nds-review").unwrap();
    let text = format!("{}{}", &text[..start], &text[end..]).replace(
        "\nresponses:\n",
        "\n  - id: late-claim\n    text: A claim added overnight.\n    source: wsj\n    status: reported\n\nresponses:\n",
    );
    std::fs::write(path, text).unwrap();
}

#[test]
fn an_edit_between_two_runs_is_marked_new_changed_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = korea_in(dir.path());
    let store = dir.path().join("s.db");
    let mut first = run(&path, &store);
    // The first run has nothing to compare with: nothing is marked.
    assert!(!screen(&first).contains("new ·"));
    first.press("q");
    drop(first);
    edit_korea(&path);

    let mut second = run(&path, &store);
    let all = screen(&second);
    assert!(all.contains("1 new · 1 changed · 1 removed"), "{all}");
    assert!(all.contains("Δ status: reported → confirmed"), "{all}");
    // ] steps to the changes in reading order.
    second.press("]");
    assert!(
        status(&second).contains("change 1/2"),
        "{}",
        status(&second)
    );
    second.press("]");
    assert!(
        status(&second).contains("change 2/2"),
        "{}",
        status(&second)
    );
    let at_new = screen(&second);
    assert!(at_new.contains("✚ new"), "{at_new}");
    assert!(at_new.contains("claim 5/5"), "{at_new}");
    // The changes view lists all three, with old → new.
    second.press("D");
    let view = screen(&second);
    assert!(view.contains("Changes since last read"), "{view}");
    assert!(view.contains("changed claim policy-review"), "{view}");
    assert!(view.contains("status: reported → confirmed"), "{view}");
    assert!(view.contains("new claim late-claim"), "{view}");
    assert!(view.contains("removed context snap-election"), "{view}");
    // D opened at the item in focus (the new claim); g goes to the first change, and Enter
    // opens the changed item and counts it read: its mark goes.
    second.press("g Enter");
    let reading = second.reader().and_then(|a| a.reading()).unwrap();
    assert_eq!(reading.counts(), (1, 0, 1));
    second.press("q");
    drop(second);

    // The library shows what is still unread of it.
    let mut lib = libsupport::library(std::slice::from_ref(&path), 120, 20);
    lib.use_store(Store::open(&store).map(Some));
    let list = rows(&draw_shell(&lib)).join("\n");
    assert!(list.contains("1 new"), "{list}");
    assert!(
        !list.contains("changed"),
        "read, policy-review is no longer changed:\n{list}"
    );
}

#[test]
fn the_library_counts_and_sorts_by_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for rel in libsupport::BUNDLED {
        let p = dir.path().join(Path::new(rel).file_name().unwrap());
        std::fs::write(&p, libsupport::read(rel)).unwrap();
        paths.push(p);
    }
    let store = dir.path().join("s.db");
    let korea = dir.path().join("korea-troops.yaml");
    let mut first = run(&korea, &store);
    first.press("q");
    drop(first);
    edit_korea(&korea);
    let mut lib = libsupport::library(&paths, 120, 20);
    lib.use_store(Store::open(&store).map(Some));
    let list = rows(&draw_shell(&lib));
    let row = list.iter().find(|r| r.contains("South Korea")).unwrap();
    assert!(row.contains("1 new · 1 changed"), "{row}");
    // Korea is the oldest: last by date, first by changes.
    let first_row = |shell: &Shell| rows(&draw_shell(shell))[3].clone();
    assert!(!first_row(&lib).contains("South Korea"));
    lib.press("D");
    assert!(
        first_row(&lib).contains("South Korea"),
        "{}",
        first_row(&lib)
    );
    lib.press("D");
    assert!(!first_row(&lib).contains("South Korea"));
}

#[test]
fn a_store_of_garbage_is_said_once_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = korea_in(dir.path());
    let store = dir.path().join("state.db");
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&store, &garbage).unwrap();
    let mut shell = run(&path, &store);
    let bar = status(&shell);
    assert!(bar.contains("not a brief state store"), "{bar}");
    assert!(shell.reader().and_then(|a| a.reading()).is_none());
    // The reader works without state; f says why it does nothing.
    shell.press("j f");
    assert!(
        status(&shell).contains("no reading state"),
        "{}",
        status(&shell)
    );
    let kept: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("state.db.corrupt-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), garbage);
}

#[test]
fn without_a_store_the_reader_draws_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = korea_in(dir.path());
    let doc = load_path(&path, MAX).unwrap();
    let plain = Shell::single(doc, Rect::new(0, 0, 120, 40));
    let with = run(&path, &dir.path().join("s.db"));
    assert_eq!(screen(&plain), screen(&with));
}

#[test]
fn a_renamed_file_keeps_its_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = korea_in(dir.path());
    let store = dir.path().join("s.db");
    let mut first = run(&path, &store);
    first.press("3 j f q");
    drop(first);
    let moved = dir.path().join("renamed.yaml");
    std::fs::rename(&path, &moved).unwrap();
    let second = run(&moved, &store);
    let app = second.reader().unwrap();
    assert_eq!(app.focus(), Section::Context);
    assert_eq!(app.selected_index(Section::Context), 1);
    assert!(app.reading().unwrap().flagged("cost-sharing-deal"));
}
