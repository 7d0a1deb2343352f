//! End to end: the real binary in tmux, for search, the library, live reload and the editor.
//!
//! Each test runs its own tmux server on a private socket, and a guard kills it however the test
//! ends. Nothing sleeps and then asserts: every check polls `capture-pane` until the expected
//! screen appears or a deadline passes (only reached when something is wrong), and a timeout
//! prints the screen. `Esc` is sent alone and the screen is awaited before the next key, since
//! an escape followed at once by a key reads as Alt-key. Fails without tmux.

use crate::libsupport;

use std::path::{Path, PathBuf};

use crate::tmux::{quote, repo, Tmux};

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

/// Copies of the three bundled briefings in `dir`; returns korea-troops.yaml's path.
fn bundled_into(dir: &Path) -> PathBuf {
    for rel in libsupport::BUNDLED {
        let name = Path::new(rel).file_name().unwrap_or_default();
        std::fs::write(dir.join(name), libsupport::read(rel)).unwrap_or_else(|e| panic!("{e}"));
    }
    dir.join("korea-troops.yaml")
}

// ---- search in the reader ----

#[test]
fn slash_types_a_query_enter_keeps_it_n_and_shift_n_move_esc_clears() {
    let t = Tmux::start(repo(), 120, 40, "", "briefings/korea-troops.yaml");
    t.wait_for(&["Claims 1/4", "PANES"]);
    t.keys(&["/"]);
    t.wait_for(&["/▏"]);
    t.type_text("seoul");
    // Incremental: the first match (response 3) is selected while typing.
    let screen = t.wait_for(&["/seoul▏", "1/5", "Responses 3/3"]);
    assert!(
        Tmux::status(&screen).starts_with("/seoul▏"),
        "the prompt is the status bar:\n{screen}"
    );
    t.keys(&["Enter"]);
    t.wait_for(&["PANES", "response 3/3", "/seoul 1/5"]);
    t.keys(&["n"]);
    t.wait_for(&["context 2/5", "/seoul 2/5"]);
    t.keys(&["n"]);
    t.wait_for(&["context 3/5", "/seoul 3/5"]);
    t.keys(&["N"]);
    t.wait_for(&["context 2/5", "/seoul 2/5"]);
    // Esc in the panes clears the search where it is.
    let screen = t.escape_until_gone("/seoul");
    assert!(screen.contains("search cleared"), "{screen}");
    assert!(screen.contains("context 2/5"), "{screen}");
    t.quit_cleanly();
}

#[test]
fn a_search_with_no_match_says_so_and_esc_restores_the_view() {
    let t = Tmux::start(repo(), 80, 24, "", "briefings/korea-troops.yaml");
    t.wait_for(&["Claims 1/4", "PANES"]);
    t.keys(&["3", "j"]);
    t.wait_for(&["context 2/5"]);
    t.keys(&["/"]);
    t.type_text("zebra");
    t.wait_for(&["/zebra▏", "no match for \"zebra\""]);
    // Esc at the prompt: back where `/` was pressed, no search.
    let screen = t.escape_until_gone("/zebra");
    assert!(
        screen.contains("PANES") && screen.contains("context 2/5"),
        "{screen}"
    );
    t.keys(&["/"]);
    t.type_text("pentagon");
    // From context 2 the first match on is context 4, the 4th of 5 (the summary is first).
    t.wait_for(&["/pentagon▏", "4/5", "Context 4/5"]);
    let screen = t.escape_until_gone("/pentagon");
    assert!(
        screen.contains("context 2/5"),
        "the view is back:\n{screen}"
    );
    // Enter on no match keeps the message in the status bar.
    t.keys(&["/"]);
    t.type_text("zebra");
    t.wait_for(&["/zebra▏"]);
    t.keys(&["Enter"]);
    let screen = t.wait_for(&["PANES", "no match for \"zebra\""]);
    assert!(screen.contains("context 2/5"), "{screen}");
    t.quit_cleanly();
}

// ---- the library ----

#[test]
fn a_folder_with_a_broken_file_lists_it_and_enter_shows_its_diagnostics() {
    let dir = tempdir();
    bundled_into(dir.path());
    std::fs::write(
        dir.path().join("broken.yaml"),
        libsupport::read("tests/fixtures/invalid/several-errors.yaml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let t = Tmux::start(dir.path(), 120, 40, "", &quote(dir.path()));
    let screen = t.wait_for(&[
        "4 briefings · 1 with errors",
        "✗ broken.yaml  2:7 date `2025-02-30` is not a real calendar date",
        "LIBRARY",
    ]);
    // Newest first, the broken file last.
    let at = |s: &str| screen.find(s).unwrap_or_else(|| panic!("{s}:\n{screen}"));
    assert!(
        at("Marrowby council") < at("Hwanpo harbour")
            && at("Hwanpo harbour") < at("South Korea denies")
    );
    assert!(at("South Korea denies") < at("✗ broken.yaml"));
    assert!(
        screen.contains("briefing 1/4"),
        "the first line is selected:\n{screen}"
    );
    t.keys(&["G"]);
    t.wait_for(&["briefing 4/4"]);
    t.keys(&["Enter"]);
    t.wait_for(&[
        "broken.yaml · 9 problem(s) · Esc back, e edit",
        "2 | date: 2025-02-30",
        "unknown stance `refutes`",
    ]);
    t.escape_until_gone("9 problem(s)");
    t.wait_for(&["4 briefings · 1 with errors", "briefing 4/4"]);
    // Enter on the first line opens the newest briefing; Esc goes back to the list.
    t.keys(&["g"]);
    t.wait_for(&["briefing 1/4"]);
    t.keys(&["Enter"]);
    t.wait_for(&["PANES", "Marrowby council denies plan to scrap night buses"]);
    t.escape_until_gone("PANES");
    t.wait_for(&["LIBRARY", "briefing 1/4"]);
    t.quit_cleanly();
}

#[test]
fn a_library_search_is_carried_into_the_briefing_it_opens() {
    let dir = tempdir();
    bundled_into(dir.path());
    let t = Tmux::start(dir.path(), 120, 40, "", &quote(dir.path()));
    t.wait_for(&["3 briefings", "LIBRARY"]);
    t.keys(&["/"]);
    t.type_text("pentagon");
    t.wait_for(&["/pentagon▏", "1/5", "briefing 3/3"]);
    t.keys(&["Enter"]);
    t.wait_for(&["LIBRARY", "/pentagon 1/5"]);
    t.keys(&["Enter"]);
    t.wait_for(&["PANES", "South Korea denies talks", "/pentagon 1/5"]);
    t.keys(&["n"]);
    t.wait_for(&["/pentagon 2/5", "claim 1/4"]);
    t.keys(&["n"]);
    t.wait_for(&["/pentagon 3/5", "response 1/3"]);
    t.quit_cleanly();
}

#[test]
fn three_hundred_generated_briefings_fill_the_list() {
    let dir = tempdir();
    libsupport::write_generated(dir.path(), 300);
    let t = Tmux::start(dir.path(), 120, 40, "", &quote(dir.path()));
    // The newest (number 299) first, and the count once every file has loaded.
    let screen = t.wait_for(&["300 briefings", "briefing 1/300"]);
    let first = screen
        .lines()
        .find(|l| l.contains("Generated briefing number"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        first.contains("▌") && first.contains("number 299"),
        "{first}"
    );
    assert!(!screen.contains("loading"), "{screen}");
    t.keys(&["G"]);
    t.wait_for(&["briefing 300/300", "Generated briefing number 0 "]);
    t.quit_cleanly();
}

// ---- live reload ----

#[test]
fn a_saved_change_appears_a_broken_save_keeps_the_old_version_and_the_fix_clears_the_error() {
    let dir = tempdir();
    let korea = bundled_into(dir.path());
    let good = libsupport::read("briefings/korea-troops.yaml");
    let t = Tmux::start(dir.path(), 120, 40, "", &quote(&korea));
    t.wait_for(&["Claims 1/4", "PANES"]);
    let edited = good.replace(
        "About 28,500 US troops are stationed",
        "LIVE-EDIT 28,500 US troops are stationed",
    );
    libsupport::save(&korea, &edited);
    t.wait_for(&["LIVE-EDIT 28,500", "reloaded korea-troops.yaml"]);

    let broken = edited.replacen("    stance: denies\n", "    stance: denies: twice\n", 1);
    libsupport::save(&korea, &broken);
    let screen = t.wait_for(&["korea-troops.yaml: 111:19 mapping values are not allowed"]);
    assert!(
        Tmux::status(&screen).contains("korea-troops.yaml: 111:19"),
        "in the status bar:\n{screen}"
    );
    assert!(
        screen.contains("LIVE-EDIT 28,500"),
        "the last good version stays:\n{screen}"
    );
    // Keys still work, and the error stays until the file is fixed.
    t.keys(&["j"]);
    let screen = t.wait_for(&["claim 2/4"]);
    assert!(screen.contains("111:19"), "{screen}");

    libsupport::save(&korea, &good);
    let screen = t.wait_until("the error to go and the fix to show", |s| {
        !s.contains("111:19") && s.contains("About 28,500 US troops")
    });
    assert!(screen.contains("claim 2/4"), "the view is kept:\n{screen}");
    t.quit_cleanly();
}

// ---- the editor ----

/// An editor that cannot be run, or exits with a failure, is named in the status bar; the
/// message is not replaced by "reloaded" (QA saw only "reloaded").
#[test]
fn an_editor_that_fails_says_so() {
    let dir = tempdir();
    let korea = bundled_into(dir.path());
    for (editor, says) in [
        (
            "/nonexistent/editor",
            "cannot run the editor `/nonexistent/editor`",
        ),
        ("false", "the editor `false` exited with"),
    ] {
        let env = format!("VISUAL= EDITOR={editor}");
        let t = Tmux::start(dir.path(), 120, 40, &env, &quote(&korea));
        t.wait_for(&["Claims 1/4", "PANES"]);
        t.keys(&["e"]);
        t.wait_for(&[says, "PANES"]);
        t.quit_cleanly();
    }
}

#[test]
fn e_runs_the_editor_at_the_items_line_and_the_reader_comes_back() {
    let dir = tempdir();
    let korea = bundled_into(dir.path());
    let marker = dir.path().join("editor-args.txt");
    let editor = dir.path().join("fake-editor.sh");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> {}; done\n",
            quote(&marker)
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let env = format!("VISUAL= EDITOR={}", quote(&editor));
    let t = Tmux::start(dir.path(), 120, 40, &env, &quote(&korea));
    t.wait_for(&["Claims 1/4", "PANES"]);
    t.keys(&["2", "j"]);
    t.wait_for(&["response 2/3"]);
    t.keys(&["e"]);
    // The editor ran with +LINE and the path, then brief reloaded the file and redrew.
    t.wait_for(&["reloaded korea-troops.yaml", "response 2/3", "PANES"]);
    assert!(t.alternate_screen(), "back on the alternate screen");
    let args = std::fs::read_to_string(&marker).unwrap_or_else(|e| panic!("{e}"));
    let text = libsupport::read("briefings/korea-troops.yaml");
    let line = text
        .lines()
        .position(|l| l.contains("- id: mnd-commitment"))
        .map_or(0, |i| i + 1);
    let args: Vec<&str> = args.lines().collect();
    assert_eq!(
        args,
        [
            format!("+{line}").as_str(),
            korea.display().to_string().as_str()
        ],
        "the editor's arguments"
    );
    t.quit_cleanly();
}
