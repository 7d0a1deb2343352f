//! Whole frames of search and the library as the user sees them (ratatui's `TestBackend`, insta
//! snapshots in `tests/it/snapshots/`): panes during a search, the prompt with a regex error, the
//! library with a broken file and one still loading, a broken file's diagnostics. Snapshots hold
//! no colour, so the match highlights and the error entry's style are asserted on cells.
//!
//! Update with `INSTA_UPDATE=always cargo test --test it search_library_snapshots::`, then read
//! every changed `.snap`.

use crate::libsupport;

use std::path::PathBuf;

use crate::support::*;
use brief::app::shell::Shell;
use brief::app::App;
use brief::briefing::Section;
use brief::ui::theme;
use brief::view::layout;
use ratatui::layout::Rect;
use ratatui::style::Style;

const SIZES: [(u16, u16); 2] = [(120, 40), (80, 24)];

#[track_caller]
fn snap_text(name: &str, what: &str, frame: String) {
    insta::with_settings!({
        description => what.to_string(),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name.to_string(), frame);
    });
}

/// Opens `rel` at `w`×`h`, types `keys`, and snapshots the frame as `{name}_{w}x{h}`.
#[track_caller]
fn snap_reader(name: &str, rel: &str, keys: &str, (w, h): (u16, u16), what: &str) -> App {
    let mut app = reader(rel, w, h);
    app.press(keys);
    snap_text(
        &format!("{name}_{w}x{h}"),
        &format!("{rel} at {w}×{h} after `{keys}`: {what}"),
        screen(&app),
    );
    app
}

/// The library over the bundled briefings, a broken file and a file still loading, with paths
/// relative to the repository (tests run there) so nothing in a frame depends on the checkout.
fn mixed_library(w: u16, h: u16) -> Shell {
    let mut paths: Vec<PathBuf> = libsupport::BUNDLED.iter().map(PathBuf::from).collect();
    paths.push(PathBuf::from("tests/fixtures/invalid/several-errors.yaml"));
    paths.push(PathBuf::from("briefings/still-loading.yaml"));
    let mut shell = Shell::new(paths, Rect::new(0, 0, w, h));
    for r in shell.take_requests() {
        if let brief::app::shell::Request::Load(p) = r {
            if !p.ends_with("still-loading.yaml") {
                libsupport::reload(&mut shell, &p);
            }
        }
    }
    shell
}

#[track_caller]
fn snap_shell(name: &str, shell: &Shell, what: &str) {
    let (w, h) = (shell.size().width, shell.size().height);
    snap_text(
        &format!("{name}_{w}x{h}"),
        &format!("at {w}×{h}: {what}"),
        rows(&libsupport::draw_shell(shell)).join("\n"),
    );
}

// ---- the reader during a search ----

#[test]
fn panes_while_typing_a_query() {
    for size in SIZES {
        let app = snap_reader(
            "search_typing",
            KOREA,
            "/ seoul",
            size,
            "the prompt with its counter; response 3 (the first match) selected and in view",
        );
        assert_eq!(app.focus(), Section::Responses);
    }
}

#[test]
fn panes_with_a_kept_search_after_n() {
    for size in SIZES {
        snap_reader(
            "search_kept",
            KOREA,
            "/ seoul Enter n",
            size,
            "the status bar keeps /seoul 2/5; context 2 (the second match) selected",
        );
    }
}

#[test]
fn korean_panes_while_searching() {
    for size in SIZES {
        snap_reader(
            "search_korean",
            HARBOUR,
            "/ 통행료",
            size,
            "a Korean query: claim 3 (operator-shortfall) selected",
        );
    }
}

#[test]
fn the_prompt_with_a_regex_error() {
    for size in SIZES {
        let app = snap_reader(
            "search_regex_error",
            KOREA,
            "/ Ctrl-r troop(s",
            size,
            "regex mode, an unclosed group: the error in the prompt, nothing moved",
        );
        assert!(app.search_state().is_some_and(|s| s.error.is_some()));
    }
}

#[test]
fn the_prompt_with_no_match() {
    snap_reader(
        "search_no_match",
        KOREA,
        "/ zebra",
        (80, 24),
        "no match: said in the prompt, nothing moved",
    );
}

// ---- the library ----

#[test]
fn library_with_a_broken_file_and_one_loading() {
    for (w, h) in SIZES {
        let shell = mixed_library(w, h);
        assert_eq!(shell.library().pending, 1);
        snap_shell(
            "library_mixed",
            &shell,
            "newest first, the broken file with its first error, the last still loading",
        );
    }
}

#[test]
fn library_searching() {
    for (w, h) in SIZES {
        let mut shell = mixed_library(w, h);
        shell.press("/ fictional");
        snap_shell(
            "library_search",
            &shell,
            "the library's prompt counting across briefings; the first match selected",
        );
    }
}

#[test]
fn diagnostics_of_a_broken_file() {
    for (w, h) in SIZES {
        let mut shell = mixed_library(w, h);
        shell.press("G Enter");
        assert!(shell.diagnostics().is_some());
        snap_shell(
            "library_diagnostics",
            &shell,
            "every problem of several-errors.yaml, with its source line and caret",
        );
    }
}

#[test]
fn a_broken_save_in_the_reader_status_bar() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("korea-troops.yaml");
    let good = libsupport::read(KOREA);
    std::fs::write(&path, &good).unwrap_or_else(|e| panic!("{e}"));
    let mut shell = libsupport::library(std::slice::from_ref(&path), 80, 24);
    shell.press("Enter");
    libsupport::save(
        &path,
        &good.replacen("    stance: denies\n", "    stance: denies: twice\n", 1),
    );
    libsupport::reload(&mut shell, &path);
    snap_shell(
        "reader_broken_save",
        &shell,
        "the last good version shown, the error with its line in the status bar",
    );
}

// ---- styles the snapshots cannot show ----

#[track_caller]
fn assert_style(buf: &ratatui::buffer::Buffer, cells: &[(u16, u16)], want: Style, what: &str) {
    for &(x, y) in cells {
        let c = &buf[(x, y)];
        assert_eq!(
            (c.fg, c.bg),
            (want.fg.unwrap_or_default(), want.bg.unwrap_or_default()),
            "{what} at ({x}, {y})"
        );
        assert!(
            c.modifier.contains(want.add_modifier),
            "{what} at ({x}, {y})"
        );
    }
}

#[test]
fn the_current_match_and_the_other_matches_have_their_styles() {
    let mut app = reader(KOREA, 120, 40);
    app.press("/ seoul");
    let buf = draw(&app);
    // The current match: "Seoul" of "Seoul's contribution" in the Responses pane.
    let responses = layout::pane_area(app.size(), Section::Responses);
    let current = cells_in(&buf, responses, "Seoul's");
    assert_style(
        &buf,
        &current[..5],
        theme::MATCH_CURRENT,
        "the current match",
    );
    assert_ne!(
        buf[current[5]].bg,
        theme::MATCH_CURRENT.bg.unwrap_or_default()
    );
    // Other matches: "Seoul" in context 1 and 2.
    let context = layout::pane_area(app.size(), Section::Context);
    let other = cells_in(&buf, context, "Seoul and Washington");
    assert_style(&buf, &other[..5], theme::MATCH, "another match");
    assert_ne!(buf[other[5]].bg, theme::MATCH.bg.unwrap_or_default());
    // n moves the current highlight.
    app.press("Enter n");
    let buf = draw(&app);
    assert_style(
        &buf,
        &cells_in(&buf, context, "Seoul and Washington")[..5],
        theme::MATCH_CURRENT,
        "the new current match",
    );
    assert_style(
        &buf,
        &cells_in(&buf, responses, "Seoul's")[..5],
        theme::MATCH,
        "the former current match",
    );
    // Esc in the panes clears the search and its highlights.
    app.press("Esc");
    let buf = draw(&app);
    for cell in cells_in(&buf, responses, "Seoul's") {
        assert_ne!(buf[cell].bg, theme::MATCH.bg.unwrap_or_default());
        assert_ne!(buf[cell].bg, theme::MATCH_CURRENT.bg.unwrap_or_default());
    }
}

#[test]
fn the_broken_entry_is_in_the_error_style_and_the_loading_one_dim() {
    let shell = mixed_library(120, 40);
    let buf = libsupport::draw_shell(&shell);
    let broken = cells_in(&buf, buf.area, "✗ several-errors.yaml");
    assert_style(&buf, &broken, theme::ERROR, "the broken file");
    let loading = cells_in(&buf, buf.area, "… still-loading.yaml");
    assert_style(&buf, &loading, theme::DIM, "the file still loading");
    // The selected line has the band and the marker.
    let (x, y) = find(&buf, "▌ ").unwrap_or_else(|| panic!("no marker"));
    assert_eq!(buf[(x, y)].fg, theme::MARKER.fg.unwrap_or_default());
    assert_eq!(buf[(x + 4, y)].bg, theme::SELECTED.bg.unwrap_or_default());
}

#[test]
fn briefings_that_match_are_marked_with_their_count_and_the_current_one_stands_out() {
    let mut shell = mixed_library(120, 40);
    // "fictional": a tag and a summary line in night-buses and in harbour, none in korea.
    shell.press("/ fictional Enter");
    let buf = libsupport::draw_shell(&shell);
    let row = |needle: &str| find(&buf, needle).map(|(_, y)| y);
    let night = row("Marrowby council");
    let harbour = row("Hwanpo harbour");
    let korea = row("South Korea denies");
    let marks: Vec<(u16, u16)> = cells_in(&buf, buf.area, "⌕ 2");
    assert_eq!(
        marks.first().map(|c| c.1),
        night,
        "the first briefing is marked"
    );
    assert_style(
        &buf,
        &marks,
        theme::MATCH_CURRENT,
        "the mark of the current briefing",
    );
    let lower = ratatui::layout::Rect::new(0, harbour.unwrap_or(0), 120, 1);
    let other = cells_in(&buf, lower, "⌕ 2");
    assert_style(&buf, &other, theme::MATCH, "the mark of another briefing");
    let korea_row = ratatui::layout::Rect::new(0, korea.unwrap_or(0), 120, 1);
    assert!(
        find_in(&buf, korea_row, "⌕").is_none(),
        "korea holds no match"
    );
    // n n: the current match is in harbour now; its mark stands out.
    shell.press("n n");
    let buf = libsupport::draw_shell(&shell);
    let other = cells_in(&buf, lower, "⌕ 2");
    assert_style(
        &buf,
        &other,
        theme::MATCH_CURRENT,
        "harbour holds the current match",
    );
}
