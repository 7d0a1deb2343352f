//! The library (`Shell`) driven the way a user and the event loop drive it: keys through the real
//! key table (`Shell::press`), finished loads through `on_loaded` and file-system changes through
//! `on_changed`, on copies of the bundled briefings in a temporary folder. No threads: each load
//! is `open_file` on this thread, so every test is deterministic.
//!
//! Dates: night-buses 2025-11-04, harbour-bridge-tolls 2025-09-18, korea-troops 2025-05-23.

use std::path::{Path, PathBuf};

use crate::libsupport::*;
use brief::app::keymap::Mode;
use brief::app::shell::{Request, Shell};
use brief::app::App;
use brief::briefing::search::Place;
use brief::briefing::Section;

const NIGHT: &str = "Marrowby council denies plan to scrap night buses";
const HARBOUR: &str = "Hwanpo harbour bridge toll rise: 12% or 4%? 🌉";
const KOREA: &str = "South Korea denies talks on US troop withdrawal";

/// A temporary folder with copies of the three bundled briefings and, when `broken`, a file
/// that fails to load (`broken.yaml`: several errors, the first on line 2).
struct Folder {
    dir: tempfile::TempDir,
    paths: Vec<PathBuf>,
}

impl Folder {
    #[track_caller]
    fn new(broken: bool) -> Folder {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let mut paths = Vec::new();
        for rel in BUNDLED {
            let name = Path::new(rel).file_name().unwrap_or_default();
            let p = dir.path().join(name);
            std::fs::write(&p, read(rel)).unwrap_or_else(|e| panic!("{e}"));
            paths.push(p);
        }
        if broken {
            let p = dir.path().join("broken.yaml");
            std::fs::write(&p, read("tests/fixtures/invalid/several-errors.yaml"))
                .unwrap_or_else(|e| panic!("{e}"));
            paths.push(p);
        }
        Folder { dir, paths }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

#[track_caller]
fn reader(shell: &Shell) -> &App {
    match shell.reader() {
        Some(app) => app,
        None => panic!("expected the reader to be open"),
    }
}

fn names(shell: &Shell) -> Vec<String> {
    (0..shell.library().order.len())
        .map(|p| name_at(shell, p))
        .collect()
}

// ---- the list ----

#[test]
fn the_list_is_newest_first_with_failed_files_kept_and_counted() {
    let f = Folder::new(true);
    let mut shell = Shell::new(f.paths.clone(), ratatui::layout::Rect::new(0, 0, 120, 40));
    assert_eq!(shell.mode(), Mode::Library);
    // Nothing loaded yet: every file is in the list, loading.
    let screen = shell_screen(&shell);
    assert!(screen.contains("loading 0/4"), "{screen}");
    assert!(screen.contains("… korea-troops.yaml  loading"), "{screen}");
    // The loads arrive one by one (here in the order the files were given).
    let requests = shell.take_requests();
    assert_eq!(requests.len(), 4, "one load per file: {requests:?}");
    for (n, r) in requests.into_iter().enumerate() {
        let Request::Load(p) = r else { panic!("{r:?}") };
        reload(&mut shell, &p);
        if n == 1 {
            let screen = shell_screen(&shell);
            assert!(screen.contains("loading 2/4"), "{screen}");
        }
    }
    assert_eq!(shell.library().pending, 0);
    assert_eq!(
        names(&shell),
        [
            "night-buses.yaml",
            "harbour-bridge-tolls.yaml",
            "korea-troops.yaml",
            "broken.yaml"
        ]
    );
    assert_eq!(title_at(&shell, 0).as_deref(), Some(NIGHT));
    assert_eq!(title_at(&shell, 2).as_deref(), Some(KOREA));
    assert_eq!(title_at(&shell, 3), None);
    let screen = shell_screen(&shell);
    assert!(screen.contains("4 briefings · 1 with errors"), "{screen}");
    // The failed file shows where and why it first fails.
    let line = screen
        .lines()
        .find(|l| l.contains("broken.yaml"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        line.contains("✗ broken.yaml  2:7 date `2025-02-30` is not a real calendar date"),
        "{line}"
    );
    // Dates, newest first, on screen in that order.
    let at = |s: &str| screen.find(s).unwrap_or_else(|| panic!("{s}:\n{screen}"));
    assert!(at("2025-11-04") < at("2025-09-18") && at("2025-09-18") < at("2025-05-23"));
}

#[test]
fn a_file_that_fails_first_by_name_still_comes_after_the_briefings() {
    let f = Folder::new(false);
    let bad = f.path("0-aaa.yaml");
    std::fs::write(&bad, "title: [unclosed\n").unwrap_or_else(|e| panic!("{e}"));
    let mut paths = vec![bad];
    paths.extend(f.paths.iter().cloned());
    let shell = library(&paths, 120, 40);
    assert_eq!(names(&shell).last().map(String::as_str), Some("0-aaa.yaml"));
    assert_eq!(shell.library().selected, 0);
    assert_eq!(name_at(&shell, 0), "night-buses.yaml");
}

#[test]
fn enter_on_a_failed_file_shows_all_its_diagnostics_and_esc_returns() {
    let f = Folder::new(true);
    let mut shell = library(&f.paths, 120, 40);
    shell.press("G");
    assert_eq!(name_at(&shell, shell.library().selected), "broken.yaml");
    shell.press("Enter");
    assert!(shell.reader().is_none());
    let Some((entry, 0)) = shell.diagnostics() else {
        panic!("expected the diagnostics, got {:?}", shell.diagnostics())
    };
    assert_eq!(shell.library().entries[entry].name(), "broken.yaml");
    let screen = shell_screen(&shell);
    assert!(
        screen.contains("broken.yaml · 9 problem(s) · Esc back, e edit"),
        "{screen}"
    );
    // Every problem `brief check` reports, errors and warnings, each with its line.
    for (line, what) in [
        (2, "date `2025-02-30` is not a real calendar date"),
        (4, "source `wsj` is declared but no item uses it"),
        (6, "unknown source kind `newspaper`"),
        (10, "unknown status `rumoured`"),
        (14, "responds_to names `c2`"),
        (15, "unknown stance `refutes`"),
        (17, "duplicate id `c1`"),
    ] {
        assert!(
            screen
                .lines()
                .any(|l| l.contains(&format!("broken.yaml:{line}:")) && l.contains(what)),
            "line {line}: {what}\n{screen}"
        );
    }
    assert!(
        screen.contains("2 | date: 2025-02-30"),
        "with the source line:\n{screen}"
    );
    // j scrolls, Esc goes back to the list at the same place.
    shell.press("j");
    assert_eq!(shell.diagnostics(), Some((entry, 1)));
    shell.press("Esc");
    assert_eq!(shell.diagnostics(), None);
    assert_eq!(shell.library().selected, 3);
    assert!(shell_screen(&shell).contains("4 briefings · 1 with errors"));
    // e on the diagnostics asks to edit the file at the first problem's line.
    shell.press("Enter e");
    assert_eq!(
        shell.take_requests(),
        vec![Request::Edit {
            path: f.path("broken.yaml"),
            line: 2
        }]
    );
}

#[test]
fn ctrl_z_asks_the_loop_to_suspend_and_changes_nothing_else() {
    let f = Folder::new(false);
    let mut shell = library(&f.paths, 120, 40);
    shell.take_requests();
    // In the library's search prompt: the typed query and the screen stay as they were.
    shell.press("/ korea");
    let before = shell_screen(&shell);
    shell.press("Ctrl-z");
    assert_eq!(shell.take_requests(), vec![Request::Suspend]);
    assert_eq!(shell.mode(), Mode::Prompt);
    assert_eq!(
        shell.search_state().map(|s| s.query.pattern.as_str()),
        Some("korea")
    );
    assert_eq!(shell_screen(&shell), before);
    // In the reader, and in its prompt.
    shell.press("Enter Enter");
    assert_eq!(shell.mode(), Mode::Panes);
    shell.press("j / seoul");
    let before = shell_screen(&shell);
    shell.press("Ctrl-z");
    assert_eq!(shell.take_requests(), vec![Request::Suspend]);
    assert_eq!(shell.mode(), Mode::Prompt);
    assert!(shell_screen(&shell).contains("/seoul▏"));
    assert_eq!(shell_screen(&shell), before);
    assert!(!shell.quitting());
}

#[test]
fn esc_from_the_reader_returns_to_the_same_list_position() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let paths = write_generated(dir.path(), 40);
    let mut shell = library(&paths, 80, 24);
    shell.press("G k k k");
    let (selected, top) = (shell.library().selected, shell.library().top);
    assert_eq!(selected, 36);
    assert!(top > 0, "the list is scrolled");
    let name = name_at(&shell, selected);
    shell.press("Enter");
    assert_eq!(shell.mode(), Mode::Panes);
    let title = reader(&shell).briefing().title.clone();
    assert_eq!(title_at(&shell, selected).as_deref(), Some(title.as_str()));
    // Move about in the reader, open a detail: Esc closes the detail first, then the reader.
    shell.press("j Tab Enter");
    assert_eq!(shell.mode(), Mode::Detail);
    shell.press("Esc");
    assert_eq!(shell.mode(), Mode::Panes);
    shell.press("Esc");
    assert!(shell.reader().is_none());
    assert_eq!(shell.mode(), Mode::Library);
    assert_eq!(
        (shell.library().selected, shell.library().top),
        (selected, top)
    );
    assert_eq!(name_at(&shell, shell.library().selected), name);
    let screen = shell_screen(&shell);
    assert!(
        screen.contains(&format!("briefing {}/40", selected + 1)),
        "{screen}"
    );

    // One briefing opened on its own has no list: Esc stays in the reader.
    let mut single = library(&paths[..1], 80, 24);
    single.press("Enter Esc");
    assert!(!single.has_list());
    assert!(
        single.reader().is_some(),
        "Esc does not leave the only briefing"
    );
}

#[test]
fn shift_j_and_shift_k_open_the_next_and_previous_briefing_skipping_failed_files() {
    let f = Folder::new(true);
    let mut shell = library(&f.paths, 120, 40);
    shell.press("Enter");
    assert_eq!(reader(&shell).briefing().title, NIGHT);
    shell.press("J");
    assert_eq!(reader(&shell).briefing().title, HARBOUR);
    assert_eq!(shell.library().selected, 1, "the list follows");
    shell.press("J");
    assert_eq!(reader(&shell).briefing().title, KOREA);
    // broken.yaml is next in the list but does not load: no briefing after korea, and J says so.
    shell.press("J");
    assert_eq!(reader(&shell).briefing().title, KOREA);
    assert_eq!(
        reader(&shell).message(),
        Some("no briefing loads after this one: 1 file with errors")
    );
    shell.press("K K");
    assert_eq!(reader(&shell).briefing().title, NIGHT);
    shell.press("K");
    assert_eq!(reader(&shell).message(), Some("this is the first briefing"));
    // J from a detail opens the next briefing at its panes.
    shell.press("Enter J");
    assert_eq!(reader(&shell).briefing().title, HARBOUR);
    assert_eq!(shell.mode(), Mode::Panes);
    shell.press("Esc");
    assert_eq!(shell.library().selected, 1);
}

// ---- reload ----

/// korea-troops.yaml with context item `nds-review`'s text changed and a new item inserted
/// before it.
fn korea_edited() -> String {
    let text = read("briefings/korea-troops.yaml");
    let edited = text.replace(
        "Defence Secretary Pete Hegseth has reportedly told",
        "EDITED: Defence Secretary Pete Hegseth has reportedly told",
    );
    let inserted = edited.replace(
        "  - id: nds-review\n",
        "  - id: inserted-item\n    text: An item added above the selected one.\n    source: independent\n  - id: nds-review\n",
    );
    assert_ne!(inserted, text);
    inserted
}

#[test]
fn a_reload_keeps_the_selected_item_by_id_and_the_scroll() {
    let f = Folder::new(false);
    let korea = f.path("korea-troops.yaml");
    let mut shell = library(&f.paths, 80, 24);
    shell.press("G Enter");
    assert_eq!(reader(&shell).briefing().title, KOREA);
    shell.press("3 j j j");
    let app = reader(&shell);
    let ctx = Section::Context;
    assert_eq!(app.selected_index(ctx), 3);
    assert_eq!(app.briefing().context[3].id, "nds-review");
    let offset = app.selected_index(ctx) - app.top_index(ctx);

    save(&korea, &korea_edited());
    // `r` asks for the file to be loaded again, and says so.
    shell.press("r");
    assert_eq!(shell.requests(), vec![Request::Load(korea.clone())]);
    assert_eq!(
        reader(&shell).message(),
        Some("reloading korea-troops.yaml")
    );
    load_requested(&mut shell);
    let app = reader(&shell);
    assert_eq!(app.focus(), Section::Context);
    assert_eq!(
        app.selected_index(ctx),
        4,
        "the same item, one further down"
    );
    assert_eq!(app.briefing().context[4].id, "nds-review");
    assert!(app.briefing().context[4].text.starts_with("EDITED:"));
    assert_eq!(app.briefing().context[3].id, "inserted-item");
    assert_eq!(
        app.selected_index(ctx) - app.top_index(ctx),
        offset,
        "the item stays at the same place on screen"
    );
    assert_eq!(app.message(), Some("reloaded korea-troops.yaml"));
    assert_eq!(app.file_error(), None);
    let screen = shell_screen(&shell);
    assert!(screen.contains("EDITED: Defence Secretary"), "{screen}");
    assert!(screen.contains("context 5/6"), "{screen}");

    // A detail stays on its item too.
    shell.press("Enter");
    save(&korea, &read("briefings/korea-troops.yaml"));
    reload(&mut shell, &korea);
    let app = reader(&shell);
    match app.screen() {
        Some(brief::app::Screen::Detail(d)) => {
            assert_eq!(
                app.briefing().item(d.item).map(|i| i.id.as_str()),
                Some("nds-review")
            )
        }
        other => panic!("expected the detail, got {other:?}"),
    }
}

#[test]
fn a_reload_in_the_list_keeps_the_selected_briefing_though_the_order_changes() {
    let f = Folder::new(false);
    let korea = f.path("korea-troops.yaml");
    let mut shell = library(&f.paths, 120, 40);
    shell.press("j");
    assert_eq!(
        name_at(&shell, shell.library().selected),
        "harbour-bridge-tolls.yaml"
    );
    // korea becomes the newest: it moves to the top, the selection stays on harbour.
    save(
        &korea,
        &read("briefings/korea-troops.yaml")
            .replace("date: 2025-05-23\nsummary", "date: 2026-01-01\nsummary"),
    );
    shell.on_changed(korea.clone());
    assert_eq!(shell.requests(), vec![Request::Load(korea.clone())]);
    load_requested(&mut shell);
    assert_eq!(names(&shell)[0], "korea-troops.yaml");
    assert_eq!(
        name_at(&shell, shell.library().selected),
        "harbour-bridge-tolls.yaml"
    );
    assert_eq!(shell.library().selected, 2);
    // `r` in the list reloads every file.
    shell.press("r");
    assert_eq!(shell.requests().len(), 3);
    assert_eq!(shell.message(), Some("reloading 3 files…"));
    load_requested(&mut shell);
    assert_eq!(
        name_at(&shell, shell.library().selected),
        "harbour-bridge-tolls.yaml"
    );
    // Once every file is back, the message says so (it does not go on saying `reloading`).
    assert_eq!(shell.message(), Some("reloaded 3 files"));
    // Keys meanwhile do not stop it from saying so; a file that fails is counted.
    save(&korea, "title: [unclosed\n");
    shell.press("r");
    shell.press("j");
    assert_eq!(shell.message(), None);
    load_requested(&mut shell);
    assert_eq!(shell.message(), Some("reloaded 3 files: 1 with errors"));
}

#[test]
fn a_broken_save_keeps_the_last_good_version_and_shows_the_error_until_fixed() {
    let f = Folder::new(false);
    let korea = f.path("korea-troops.yaml");
    let good = read("briefings/korea-troops.yaml");
    let mut shell = library(&f.paths, 120, 40);
    shell.press("G Enter 2 j");
    // A second `:` on line 111: a YAML error on a known line and column.
    let broken = good.replacen("    stance: denies\n", "    stance: denies: twice\n", 1);
    assert_ne!(broken, good);
    save(&korea, &broken);
    reload(&mut shell, &korea);
    let app = reader(&shell);
    let err = app
        .file_error()
        .map(str::to_string)
        .unwrap_or_else(|| panic!("no error shown"));
    assert!(
        err.starts_with("korea-troops.yaml: 111:19 mapping values"),
        "{err}"
    );
    assert!(err.ends_with("(showing the last good version)"), "{err}");
    assert_eq!(app.briefing().title, KOREA, "the last good version stays");
    assert_eq!(
        (app.focus(), app.selected_index(Section::Responses)),
        (Section::Responses, 1),
        "and the view"
    );
    let screen = shell_screen(&shell);
    let status = screen.lines().last().unwrap_or_default();
    assert!(
        status.contains("korea-troops.yaml: 111:19 mapping values"),
        "{status}"
    );
    // Other keys and messages do not hide it.
    shell.press("j");
    assert!(reader(&shell).file_error().is_some());
    // The list marks it too, with the good version's line.
    shell.press("Esc");
    let screen = shell_screen(&shell);
    let line = screen
        .lines()
        .find(|l| l.contains("2025-05-23"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(line.contains("⚠ 111:19"), "{line}");
    assert!(screen.contains("1 with errors"), "{screen}");
    // Fixed: the error goes, everywhere.
    shell.press("Enter");
    assert!(
        reader(&shell).file_error().is_some(),
        "reopened while still broken"
    );
    save(&korea, &good);
    reload(&mut shell, &korea);
    assert_eq!(reader(&shell).file_error(), None);
    let status = shell_screen(&shell);
    assert!(
        !status.contains("korea-troops.yaml: 111:19 mapping values"),
        "{status}"
    );
    shell.press("Esc");
    let screen = shell_screen(&shell);
    assert!(
        screen.contains("3 briefings") && !screen.contains("with errors"),
        "{screen}"
    );
}

#[test]
fn a_deleted_file_leaves_the_library_and_a_new_one_joins_it() {
    let f = Folder::new(false);
    let mut shell = library(&f.paths, 120, 40);
    shell.press("G");
    assert_eq!(name_at(&shell, 2), "korea-troops.yaml");
    // harbour, above the selection, is deleted: the selection stays on korea.
    let harbour = f.path("harbour-bridge-tolls.yaml");
    std::fs::remove_file(&harbour).unwrap_or_else(|e| panic!("{e}"));
    shell.on_changed(harbour);
    assert_eq!(names(&shell), ["night-buses.yaml", "korea-troops.yaml"]);
    assert_eq!(
        name_at(&shell, shell.library().selected),
        "korea-troops.yaml"
    );
    assert!(shell_screen(&shell).contains("2 briefings"));
    // A new file in the folder joins, in date order.
    let new = f.path("new.yaml");
    std::fs::write(&new, generated(3)).unwrap_or_else(|e| panic!("{e}"));
    shell.on_changed(new.clone());
    assert_eq!(shell.requests(), vec![Request::Load(new)]);
    load_requested(&mut shell);
    assert_eq!(
        names(&shell),
        ["night-buses.yaml", "korea-troops.yaml", "new.yaml"]
    );
    assert_eq!(
        name_at(&shell, shell.library().selected),
        "korea-troops.yaml"
    );
    let screen = shell_screen(&shell);
    assert!(screen.contains("3 briefings"), "{screen}");
    assert!(screen.contains("Generated briefing number 3"), "{screen}");

    // The open briefing's file is deleted: the reader keeps it and says so.
    shell.press("Enter");
    let korea = f.path("korea-troops.yaml");
    std::fs::remove_file(&korea).unwrap_or_else(|e| panic!("{e}"));
    shell.on_changed(korea);
    assert_eq!(
        reader(&shell).file_error(),
        Some("the file was deleted (showing the last version)")
    );
    assert_eq!(reader(&shell).briefing().title, KOREA);
    shell.press("Esc");
    assert_eq!(names(&shell), ["night-buses.yaml", "new.yaml"]);
}

// ---- search ----

/// Occurrences of `needle` in every briefing of the folder, as the library's search counts them:
/// the reader's fields and the tags.
fn library_count(f: &Folder, needle: &str) -> (usize, Vec<(String, usize)>) {
    let mut per = Vec::new();
    for p in &f.paths {
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        if !p.ends_with("broken.yaml") {
            let n = count(&searchable_texts(&text), needle) + count(&tags(&text), needle);
            per.push((
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                n,
            ));
        }
    }
    (per.iter().map(|(_, n)| n).sum(), per)
}

#[track_caller]
fn lib_counter(shell: &Shell) -> (usize, usize) {
    let c = match shell.search_state() {
        Some(s) => s.counter(),
        None => panic!("no library search"),
    };
    let (k, n) = c.split_once('/').unwrap_or_else(|| panic!("{c}"));
    let num = |s: &str| s.replace(',', "").parse().unwrap_or_else(|_| panic!("{c}"));
    (num(k), num(n))
}

#[test]
fn the_library_search_counts_every_occurrence_in_titles_tags_and_texts() {
    let f = Folder::new(true);
    for q in [
        "transport",
        "korea",
        "the",
        "환포",
        "Council",
        "bus",
        "2025-09",
    ] {
        let mut shell = library(&f.paths, 120, 40);
        shell.press("/");
        assert_eq!(shell.mode(), Mode::Prompt);
        for c in q.chars() {
            shell.update(brief::app::Action::PromptInput(c));
        }
        let (want, per) = library_count(&f, q);
        assert_eq!(lib_counter(&shell).1, want, "/{q}: {per:?}");
        let s = shell.search_state().unwrap_or_else(|| panic!("search"));
        for (name, n) in per {
            let got = s
                .hits
                .iter()
                .find(|(e, _)| shell.library().entries[*e].name() == name)
                .map_or(0, |(_, n)| *n);
            assert_eq!(got, n, "/{q} in {name}");
        }
    }
    // A tag alone is found: "usfk" is only a tag of korea-troops.
    let mut shell = library(&f.paths, 120, 40);
    shell.press("/ usfk");
    assert_eq!(lib_counter(&shell), (1, 1), "korea's tag `usfk`");
    assert_eq!(
        name_at(&shell, shell.library().selected),
        "korea-troops.yaml"
    );
}

#[test]
fn library_search_moves_the_selection_and_esc_puts_it_back() {
    let f = Folder::new(true);
    let mut shell = library(&f.paths, 120, 40);
    shell.press("j");
    // "korea": in korea only; the selection moves down to it while typing.
    shell.press("/ korea");
    assert_eq!(
        name_at(&shell, shell.library().selected),
        "korea-troops.yaml"
    );
    let screen = shell_screen(&shell);
    assert!(screen.contains("/korea▏"), "{screen}");
    shell.press("Esc");
    assert!(shell.search_state().is_none());
    assert_eq!(shell.library().selected, 1);
    // A kept search survives a cancelled prompt.
    shell.press("/ korea Enter k / fict Esc");
    assert_eq!(
        shell
            .search_state()
            .map(|s| (s.query.pattern.as_str(), s.prompt)),
        Some(("korea", None))
    );
    assert_eq!(shell.library().selected, 1);
    shell.press("Esc");
    assert!(shell.search_state().is_none());
    // No match: nothing moves, and it says so.
    shell.press("/ zebra");
    assert_eq!(shell.library().selected, 1);
    assert!(shell_screen(&shell).contains("no match for \"zebra\""));
    shell.press("Enter");
    assert_eq!(shell.message(), Some("no match for \"zebra\""));
    shell.press("n");
    assert_eq!(shell.message(), Some("no match for \"zebra\""));
    assert_eq!(shell.library().selected, 1);
}

#[test]
fn library_n_steps_through_occurrences_briefing_by_briefing_and_wraps() {
    let f = Folder::new(true);
    let mut shell = library(&f.paths, 120, 40);
    // "fictional": in night-buses and harbour (summary and tag), not in korea.
    shell.press("/ fictional Enter");
    let (_, per) = library_count(&f, "fictional");
    let night = per
        .iter()
        .find(|(n, _)| n == "night-buses.yaml")
        .map_or(0, |p| p.1);
    let harbour = per
        .iter()
        .find(|(n, _)| n == "harbour-bridge-tolls.yaml")
        .map_or(0, |p| p.1);
    assert!(night > 0 && harbour > 0);
    assert_eq!(lib_counter(&shell), (1, night + harbour));
    assert_eq!(shell.library().selected, 0);
    for _ in 1..night {
        shell.press("n");
    }
    assert_eq!(shell.library().selected, 0);
    shell.press("n");
    assert_eq!(lib_counter(&shell).0, night + 1);
    assert_eq!(
        name_at(&shell, shell.library().selected),
        "harbour-bridge-tolls.yaml"
    );
    for _ in 1..harbour {
        shell.press("n");
    }
    shell.press("n");
    assert_eq!(lib_counter(&shell).0, 1);
    assert_eq!(shell.library().selected, 0);
    assert_eq!(shell.message(), Some("search wrapped"));
    shell.press("N");
    assert_eq!(lib_counter(&shell).0, night + harbour);
    assert_eq!(
        name_at(&shell, shell.library().selected),
        "harbour-bridge-tolls.yaml"
    );
    // Esc in the list clears the search.
    shell.press("Esc");
    assert!(shell.search_state().is_none());
    assert_eq!(shell.message(), Some("search cleared"));
}

#[test]
fn enter_keeps_the_library_search_and_a_second_enter_opens_with_it() {
    let f = Folder::new(true);
    let mut shell = library(&f.paths, 120, 40);
    shell.press("/ pentagon Enter");
    assert_eq!(shell.mode(), Mode::Library);
    assert_eq!(
        name_at(&shell, shell.library().selected),
        "korea-troops.yaml"
    );
    let want = count(
        &searchable_texts(&read("briefings/korea-troops.yaml")),
        "pentagon",
    );
    assert_eq!(lib_counter(&shell), (1, want));
    assert!(shell_screen(&shell).contains(&format!("/pentagon 1/{want}")));
    shell.press("Enter");
    let app = reader(&shell);
    assert_eq!(app.briefing().title, KOREA);
    let s = app
        .search_state()
        .unwrap_or_else(|| panic!("the search is carried in"));
    assert_eq!(s.query.pattern, "pentagon");
    assert_eq!(s.matches.len(), want);
    // n goes on inside: the first match from the first claim, then the next.
    shell.press("n");
    let app = reader(&shell);
    let s = app.search_state().unwrap_or_else(|| panic!("search"));
    let place = |i: Option<usize>| i.and_then(|i| s.matches.get(i)).map(|m| m.place);
    assert_eq!(
        place(s.current),
        Some(Place::Item(brief::briefing::ItemRef::new(
            Section::Claims,
            0
        )))
    );
    shell.press("n");
    let app = reader(&shell);
    assert_eq!(
        (app.focus(), app.selected_index(Section::Responses)),
        (Section::Responses, 0)
    );
    let screen = shell_screen(&shell);
    assert!(screen.contains(&format!("/pentagon 3/{want}")), "{screen}");
    // The query is in the history of the session, in the reader too.
    shell.press("/ ↑");
    let app = reader(&shell);
    assert_eq!(
        app.search_state().map(|s| s.query.pattern.as_str()),
        Some("pentagon")
    );
    // Esc at the prompt puts back the search that was kept; Esc again clears it, and a third
    // returns to the list, where the library's search is still kept.
    shell.press("Esc");
    let app = reader(&shell);
    let s = app
        .search_state()
        .unwrap_or_else(|| panic!("the kept search is back"));
    assert_eq!(
        (s.query.pattern.as_str(), s.prompt.is_none()),
        ("pentagon", true)
    );
    assert_eq!(
        (app.focus(), app.selected_index(Section::Responses)),
        (Section::Responses, 0)
    );
    shell.press("Esc");
    assert!(reader(&shell).search_state().is_none());
    shell.press("Esc");
    assert!(shell.reader().is_none());
    assert_eq!(
        shell.search_state().map(|s| s.query.pattern.as_str()),
        Some("pentagon")
    );
    assert_eq!(
        name_at(&shell, shell.library().selected),
        "korea-troops.yaml"
    );
}

#[test]
fn the_diagnostics_scroll_like_less_the_last_line_stops_at_the_bottom() {
    let f = Folder::new(true);
    let mut shell = library(&f.paths, 80, 16);
    shell.press("G Enter");
    let Some((entry, 0)) = shell.diagnostics() else {
        panic!("expected the diagnostics, got {:?}", shell.diagnostics())
    };
    let rows = |shell: &Shell| -> Vec<String> {
        shell_screen(shell).lines().map(str::to_string).collect()
    };
    // The box's last row inside the border, above the status bar.
    let bottom = |shell: &Shell| rows(shell).iter().rev().nth(2).cloned().unwrap_or_default();
    let scroll = |shell: &Shell| shell.diagnostics().map_or(usize::MAX, |(_, s)| s);
    // G: the last line of the last problem at the bottom of the box.
    shell.press("G");
    let end = scroll(&shell);
    assert!(end > 0, "the diagnostics are longer than the box");
    let last = bottom(&shell);
    assert!(!last.trim_matches(['│', '┃', ' ']).is_empty(), "{last}");
    // j, PgDn, Space, Ctrl-d and the wheel go no further.
    for keys in ["j", "PgDn", "Space", "Ctrl-d", "j j j"] {
        shell.press(keys);
        assert_eq!(scroll(&shell), end, "{keys} past the end");
        assert_eq!(bottom(&shell), last, "{keys}");
    }
    shell.update(brief::app::Action::Scroll(10, 10, 1));
    assert_eq!(scroll(&shell), end, "the wheel past the end");
    // g back to the top; paging down arrives at the same end.
    shell.press("g");
    assert_eq!(scroll(&shell), 0);
    assert!(
        rows(&shell)[3].contains("broken.yaml:2:"),
        "{}",
        rows(&shell).join("\n")
    );
    for _ in 0..20 {
        shell.press("Space");
    }
    assert_eq!(scroll(&shell), end);
    // k goes up one line from the end, as in less.
    shell.press("k");
    assert_eq!(scroll(&shell), end - 1);
    // A taller terminal shows more: the end comes sooner, and the scroll stays within it.
    shell.press("G");
    shell.update(brief::app::Action::Resize(80, 30));
    let taller = scroll(&shell);
    assert!(taller < end, "{taller} < {end}");
    shell.press("j");
    assert_eq!(scroll(&shell), taller);
    assert_eq!(entry, shell.diagnostics().map_or(usize::MAX, |(e, _)| e));
}

// ---- search while the folder changes ----

const PORTS: &str = "Port strike strands ships";

/// A briefing dated `date` whose title is `title`, holding "containers" `n` times: once in the
/// summary, then once in each claim.
fn containers_briefing(title: &str, date: &str, n: usize) -> String {
    let claims: String = (1..n)
        .map(|k| format!("  - id: c{k}\n    text: Claim {k} counts the containers.\n"))
        .collect();
    let claims = if claims.is_empty() {
        " []\n".to_string()
    } else {
        format!("\n{claims}")
    };
    format!(
        "title: {title}\ndate: {date}\nsummary: Ships wait with their containers.\n\
         claims:{claims}responses: []\ncontext: []\n"
    )
}

/// The library's rows that carry a search mark (`⌕ N`), as drawn.
fn marked_rows(shell: &Shell) -> Vec<String> {
    shell_screen(shell)
        .lines()
        .filter(|l| l.contains('⌕'))
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn the_library_search_follows_the_briefings_when_files_are_removed_or_added() {
    let f = Folder::new(false);
    // ports.yaml sorts between night-buses and harbour; it alone says "containers".
    let ports = f.path("ports.yaml");
    std::fs::write(&ports, containers_briefing(PORTS, "2025-10-01", 5))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut paths = f.paths.clone();
    paths.push(ports.clone());
    let mut shell = library(&paths, 120, 40);
    shell.press("/ containers Enter n n");
    assert_eq!(lib_counter(&shell), (3, 5));
    assert_eq!(name_at(&shell, shell.library().selected), "ports.yaml");

    // A file before it in the folder is deleted: the mark, `n` and Enter stay on ports.yaml.
    let harbour = f.path("harbour-bridge-tolls.yaml");
    std::fs::remove_file(&harbour).unwrap_or_else(|e| panic!("{e}"));
    shell.on_changed(harbour);
    let rows = marked_rows(&shell);
    assert!(
        rows.len() == 1 && rows.iter().all(|r| r.contains(PORTS)),
        "{rows:?}"
    );
    assert_eq!(lib_counter(&shell), (3, 5), "the current match is kept");
    shell.press("n");
    assert_eq!(lib_counter(&shell), (4, 5));
    assert_eq!(name_at(&shell, shell.library().selected), "ports.yaml");

    // A matching file that sorts before it joins: counted, marked, and the current match stays
    // on ports.yaml (now the 5th of 7).
    let newer = f.path("newer.yaml");
    std::fs::write(
        &newer,
        containers_briefing("Newer port story", "2025-12-01", 2),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    shell.on_changed(newer);
    load_requested(&mut shell);
    assert_eq!(lib_counter(&shell), (6, 7));
    assert_eq!(name_at(&shell, shell.library().selected), "ports.yaml");
    let rows = marked_rows(&shell);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.first().is_some_and(|r| r.contains("Newer port story")));
    assert!(rows.get(1).is_some_and(|r| r.contains(PORTS)));
    shell.press("n n");
    assert_eq!(lib_counter(&shell), (1, 7));
    assert_eq!(name_at(&shell, shell.library().selected), "newer.yaml");
    shell.press("N");
    assert_eq!(name_at(&shell, shell.library().selected), "ports.yaml");

    // ports.yaml is saved with fewer matches: the current one is its last.
    save(&ports, &containers_briefing(PORTS, "2025-10-01", 3));
    reload(&mut shell, &ports);
    assert_eq!(lib_counter(&shell), (5, 5));
    assert_eq!(name_at(&shell, shell.library().selected), "ports.yaml");

    // Enter opens the briefing the list marks, with its matches.
    shell.press("Enter");
    let app = reader(&shell);
    assert_eq!(app.briefing().title, PORTS);
    assert_eq!(app.search_state().map(|s| s.matches.len()), Some(3));
    shell.press("Esc Esc");
    assert!(shell.reader().is_none());

    // The briefing holding the current match is deleted: no match is current any more.
    std::fs::remove_file(&ports).unwrap_or_else(|e| panic!("{e}"));
    shell.on_changed(ports);
    assert_eq!(lib_counter(&shell), (0, 2));
    let rows = marked_rows(&shell);
    assert!(
        rows.len() == 1 && rows.iter().all(|r| r.contains("Newer port story")),
        "{rows:?}"
    );
}

/// When the briefing of the current match leaves, n and N go on from the selection, as less
/// goes on from the screen it shows, not from the top of the list.
#[test]
fn n_after_the_current_briefing_left_goes_on_from_the_selection() {
    let f = Folder::new(false);
    let [a, b, c] = ["a.yaml", "b.yaml", "c.yaml"].map(|n| f.path(n));
    for (p, title, date) in [
        (&a, "Port story A", "2030-03-01"),
        (&b, "Port story B", "2030-02-01"),
        (&c, "Port story C", "2030-01-01"),
    ] {
        std::fs::write(p, containers_briefing(title, date, 2)).unwrap_or_else(|e| panic!("{e}"));
    }
    let mut paths = f.paths.clone();
    paths.extend([a, b.clone(), c]);
    let mut shell = library(&paths, 120, 40);
    // Newest first: A, B, C on top. Select B and search: B's first match is current.
    shell.press("j / containers Enter");
    assert_eq!(
        title_at(&shell, shell.library().selected).as_deref(),
        Some("Port story B")
    );
    let per = lib_counter(&shell).1 / 3;
    assert_eq!(lib_counter(&shell).0, per + 1);
    std::fs::remove_file(&b).unwrap_or_else(|e| panic!("{e}"));
    shell.on_changed(b);
    assert_eq!(lib_counter(&shell).0, 0, "no match is current");
    shell.press("n");
    assert_eq!(
        title_at(&shell, shell.library().selected).as_deref(),
        Some("Port story C")
    );
    assert_eq!(lib_counter(&shell).0, per + 1, "C's first match");
    // And N, from C, goes back to A's last.
    shell.press("N");
    assert_eq!(
        title_at(&shell, shell.library().selected).as_deref(),
        Some("Port story A")
    );
    assert_eq!(lib_counter(&shell).0, per);
}

/// Moved off the current match's briefing (with j), n goes on from the selection, not from the
/// match it left (QA: n jumped back up to the old match).
#[test]
fn n_after_moving_in_the_library_goes_on_from_the_selection() {
    let f = Folder::new(false);
    let names = ["a.yaml", "b.yaml", "c.yaml", "d.yaml"];
    let paths: Vec<PathBuf> = names.iter().map(|n| f.path(n)).collect();
    for (k, p) in paths.iter().enumerate() {
        let date = format!("2030-0{}-01", 4 - k);
        std::fs::write(p, containers_briefing(&format!("Port story {k}"), &date, 2))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let mut all = f.paths.clone();
    all.extend(paths.iter().cloned());
    let mut shell = library(&all, 120, 40);
    // Newest first: 0, 1, 2, 3. The search lands on 0's first match.
    shell.press("/ containers Enter");
    assert_eq!(
        title_at(&shell, shell.library().selected).as_deref(),
        Some("Port story 0")
    );
    let per = lib_counter(&shell).1 / 4;
    shell.press("j j");
    shell.press("n");
    assert_eq!(
        title_at(&shell, shell.library().selected).as_deref(),
        Some("Port story 2"),
        "from where the selection went, not back to 0"
    );
    assert_eq!(lib_counter(&shell).0, 2 * per + 1, "2's first match");
    // n again stays in 2 while it has matches; N from 3 goes back to 2's last.
    shell.press("n");
    assert_eq!(lib_counter(&shell).0, 2 * per + 2);
    shell.press("j N");
    assert_eq!(
        title_at(&shell, shell.library().selected).as_deref(),
        Some("Port story 2")
    );
    assert_eq!(lib_counter(&shell).0, 3 * per);
}

/// Deleting the selected file leaves the selection on its row, now the next briefing's (QA saw
/// it jump to a row far down, by the old index in file-name order).
#[test]
fn deleting_the_selected_file_keeps_the_selection_on_its_row() {
    let f = Folder::new(false);
    let names = ["z.yaml", "y.yaml", "x.yaml", "w.yaml"];
    let paths: Vec<PathBuf> = names.iter().map(|n| f.path(n)).collect();
    // Newest first is z, y, x, w; by file name the order is the reverse.
    for (k, p) in paths.iter().enumerate() {
        let date = format!("2030-0{}-01", 4 - k);
        std::fs::write(p, containers_briefing(&format!("Story {k}"), &date, 2))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    // Given oldest first, so the files' own order is not the list's.
    let mut all = f.paths.clone();
    all.extend(paths.iter().rev().cloned());
    let mut shell = library(&all, 120, 40);
    assert_eq!(title_at(&shell, 0).as_deref(), Some("Story 0"));
    shell.press("j");
    assert_eq!(
        title_at(&shell, shell.library().selected).as_deref(),
        Some("Story 1")
    );
    let gone = paths.get(1).cloned().unwrap_or_default();
    std::fs::remove_file(&gone).unwrap_or_else(|e| panic!("{e}"));
    shell.on_changed(gone);
    assert_eq!(shell.library().selected, 1, "the same row");
    assert_eq!(
        title_at(&shell, 1).as_deref(),
        Some("Story 2"),
        "now the next briefing"
    );
    // And the open briefing deleted under the reader: Esc comes back to its row.
    shell.press("Enter");
    let open = paths.get(2).cloned().unwrap_or_default();
    std::fs::remove_file(&open).unwrap_or_else(|e| panic!("{e}"));
    shell.on_changed(open);
    shell.press("Esc");
    assert_eq!(shell.library().selected, 1);
    assert_eq!(title_at(&shell, 1).as_deref(), Some("Story 3"));
}

#[test]
fn a_briefing_opened_from_the_library_search_lands_on_its_first_match() {
    let f = Folder::new(false);
    let ports = f.path("ports.yaml");
    std::fs::write(&ports, containers_briefing(PORTS, "2025-10-01", 5))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut paths = f.paths.clone();
    paths.push(ports);
    let mut shell = library(&paths, 120, 40);
    // The first match is in the summary: it is current (1/5), as less shows the first match of
    // `+/pattern`, and the status says where it is.
    shell.press("/ containers Enter Enter");
    let app = reader(&shell);
    assert_eq!(app.briefing().title, PORTS);
    assert_eq!(
        app.search_state().map(|s| s.counter()).as_deref(),
        Some("1/5")
    );
    assert_eq!(app.current_match().map(|m| m.place), Some(Place::Header));
    assert_eq!(
        app.message(),
        Some("match in the briefing's summary (i shows it)")
    );
    assert!(shell_screen(&shell).contains("/containers 1/5"));
    // n goes on to the first claim's match, then the next: no wrap needed to see any of them.
    shell.press("n");
    let app = reader(&shell);
    assert_eq!(
        app.search_state().map(|s| s.counter()).as_deref(),
        Some("2/5")
    );
    assert_eq!(
        (app.focus(), app.selected_index(Section::Claims)),
        (Section::Claims, 0)
    );
    shell.press("n");
    assert_eq!(reader(&shell).selected_index(Section::Claims), 1);

    // A first match in an item selects that item.
    shell.press("Esc Esc / Claim Space 3 Enter Enter");
    let app = reader(&shell);
    assert_eq!(app.briefing().title, PORTS);
    assert_eq!(
        app.search_state().map(|s| s.counter()).as_deref(),
        Some("1/1")
    );
    assert_eq!(
        (app.focus(), app.selected_index(Section::Claims)),
        (Section::Claims, 2)
    );
}

#[test]
fn shift_j_on_the_last_briefing_that_loads_says_what_follows_it() {
    let f = Folder::new(true);
    // korea-troops.yaml has not loaded yet; broken.yaml fails.
    let mut shell = Shell::new(f.paths.clone(), ratatui::layout::Rect::new(0, 0, 120, 40));
    for r in shell.take_requests() {
        if let Request::Load(p) = r {
            if !p.ends_with("korea-troops.yaml") {
                reload(&mut shell, &p);
            }
        }
    }
    shell.press("Enter J");
    assert_eq!(reader(&shell).briefing().title, HARBOUR);
    shell.press("J");
    assert_eq!(reader(&shell).briefing().title, HARBOUR);
    assert_eq!(
        reader(&shell).message(),
        Some("no briefing loads after this one: 1 file with errors, 1 still loading")
    );
    reload(&mut shell, &f.path("korea-troops.yaml"));
    shell.press("J J");
    assert_eq!(reader(&shell).briefing().title, KOREA);
    assert_eq!(
        reader(&shell).message(),
        Some("no briefing loads after this one: 1 file with errors")
    );
    // Nothing fails before the first: K says just that.
    shell.press("K K K");
    assert_eq!(reader(&shell).briefing().title, NIGHT);
    assert_eq!(reader(&shell).message(), Some("this is the first briefing"));
}

#[test]
fn the_diagnostics_stay_on_their_file_when_a_file_before_it_is_deleted() {
    let f = Folder::new(true);
    let mut shell = library(&f.paths, 120, 40);
    shell.press("G Enter");
    let entry_name = |shell: &Shell| {
        shell
            .diagnostics()
            .and_then(|(i, _)| shell.library().entries.get(i))
            .map(|e| e.name())
    };
    assert_eq!(entry_name(&shell).as_deref(), Some("broken.yaml"));
    let harbour = f.path("harbour-bridge-tolls.yaml");
    std::fs::remove_file(&harbour).unwrap_or_else(|e| panic!("{e}"));
    shell.on_changed(harbour);
    assert_eq!(entry_name(&shell).as_deref(), Some("broken.yaml"));
}

/// Count columns line up down the list, whatever the number of digits: 12 claims, 10 responses
/// and 10 pairs above 2, 1 and 1.
#[test]
fn the_count_columns_line_up() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut paths = write_generated(dir.path(), 2);
    let mut many = String::from("title: Many claims\ndate: 2030-01-01\nclaims:\n");
    for i in 0..12 {
        many.push_str(&format!("  - id: c{i}\n    text: Claim {i}.\n"));
    }
    many.push_str("responses:\n");
    for i in 0..10 {
        many.push_str(&format!(
            "  - id: r{i}\n    text: No.\n    responds_to: [c{i}]\n    stance: denies\n"
        ));
    }
    many.push_str("context: []\n");
    let p = dir.path().join("many.yaml");
    std::fs::write(&p, many).unwrap_or_else(|e| panic!("{e}"));
    paths.push(p);
    let shell = library(&paths, 100, 12);
    let text = text_of(&draw_shell(&shell));
    // Where the claims and the responses columns end, on each row.
    let columns: Vec<(Option<usize>, Option<usize>)> = text
        .lines()
        .filter(|l| l.contains('⚡'))
        .map(|l| {
            let chars: Vec<char> = l.chars().collect();
            let at = |s: &str| {
                let s: Vec<char> = s.chars().collect();
                chars.windows(s.len()).position(|w| w == s.as_slice())
            };
            (at("c "), at("r ⚡"))
        })
        .collect();
    assert_eq!(columns.len(), 3, "{text}");
    assert!(
        columns.windows(2).all(|w| w[0] == w[1]),
        "{columns:?}\n{text}"
    );
    assert!(
        text.contains("12c 10r ⚡10") && text.contains(" 2c  1r ⚡ 1"),
        "{text}"
    );
}

/// Files that arrive while a library search is shown are taken in by the batch, as the event
/// loop takes them (`on_loaded_all`): the hits, the counter and the current occurrence are those
/// of taking them in one by one, with the file of the current occurrence among them.
#[test]
fn loads_taken_in_by_the_batch_while_searching_count_as_one_by_one() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let paths = write_generated(dir.path(), 60);
    let (first, rest) = paths.split_at(25);
    let start = || {
        let mut shell = Shell::new(paths.clone(), ratatui::layout::Rect::new(0, 0, 120, 40));
        shell.take_requests();
        for p in first {
            shell.on_loaded(brief::open::open_file(
                p,
                brief::briefing::load::DEFAULT_MAX_SIZE,
            ));
        }
        // A search kept, its current occurrence moved off the first.
        shell.press("/ briefing Enter n n n n n");
        shell
    };
    let state = |shell: &Shell| {
        let s = shell
            .search_state()
            .unwrap_or_else(|| panic!("no library search"));
        (
            s.hits.clone(),
            s.counter(),
            shell.library().selected,
            name_at(shell, shell.library().selected),
        )
    };
    // The rest arrives, and the file holding the current occurrence again (a reload).
    let current_file = {
        let shell = start();
        paths
            .iter()
            .find(|p| {
                p.file_name().is_some_and(|n| {
                    n.to_string_lossy() == name_at(&shell, shell.library().selected)
                })
            })
            .cloned()
            .unwrap_or_else(|| panic!("the selected file"))
    };
    let arriving: Vec<PathBuf> = rest.iter().cloned().chain([current_file]).collect();

    let mut one_by_one = start();
    let before = state(&one_by_one);
    for p in &arriving {
        one_by_one.on_loaded(brief::open::open_file(
            p,
            brief::briefing::load::DEFAULT_MAX_SIZE,
        ));
    }
    let mut batched = start();
    assert_eq!(state(&batched), before);
    assert!(batched.on_loaded_all(
        arriving
            .iter()
            .map(|p| brief::open::open_file(p, brief::briefing::load::DEFAULT_MAX_SIZE)),
    ));
    let after = state(&one_by_one);
    assert_ne!(after.0, before.0, "the arrivals found nothing");
    assert_eq!(state(&batched), after);
    // And the next occurrence is the same one.
    one_by_one.press("n");
    batched.press("n");
    assert_eq!(state(&batched), state(&one_by_one));
}
