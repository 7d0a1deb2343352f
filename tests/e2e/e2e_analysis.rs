//! End to end: the real binary in tmux opens the stance matrix (`m`), the timeline (`t`) and the
//! sources (`s`), hides a source (`x`), and quits cleanly. Fails without tmux.

use crate::tmux::{repo, Tmux};

fn session(w: u16, h: u16) -> Tmux {
    Tmux::start(repo(), w, h, "", "briefings/korea-troops.yaml")
}

#[track_caller]
fn opens_each_view(t: &Tmux) {
    t.wait_for(&["South Korea denies talks", "PANES"]);
    t.keys(&["m"]);
    t.wait_for(&["Stance matrix", "MATRIX", "wsj", "[●]"]);
    t.keys(&["l", "Enter"]);
    t.wait_for(&["DETAIL", "mnd-denial"]);
    t.escape_until_gone("DETAIL");
    t.wait_for(&["MATRIX"]);

    t.keys(&["t"]);
    t.wait_for(&["Timeline ·", "TIMELINE", "+1d", "2025-05-22"]);
    t.keys(&["t"]);
    t.wait_for(&["PANES"]);

    // The panes followed the matrix to the ministry's denial, so the sources open on the
    // ministry.
    t.keys(&["s"]);
    t.wait_for(&[
        "Sources ·",
        "SOURCES",
        "The Wall Street Journal",
        "Interest",
    ]);
    t.keys(&["x"]);
    t.wait_for(&["hiding: Ministry of National Defense", "hiding mnd"]);
    t.keys(&["x"]);
    t.wait_gone("hiding mnd");
    t.escape_until_gone("SOURCES");
    t.wait_for(&["PANES"]);
    t.quit_cleanly();
}

#[test]
fn views_open_in_a_real_terminal_at_120x40() {
    opens_each_view(&session(120, 40));
}

#[test]
fn views_open_in_a_real_terminal_at_80x24() {
    opens_each_view(&session(80, 24));
}
