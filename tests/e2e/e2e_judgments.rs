//! End to end: the real binary in tmux reaches the Judgments pane (`4`), opens a judgment and
//! follows what it rests on, hides the source it depends on (`x`) and sees the judgments marked,
//! opens the sensitivity table (`S`), and quits cleanly. Fails without tmux.

use crate::tmux::{repo, Tmux};

fn session(w: u16, h: u16) -> Tmux {
    Tmux::start(repo(), w, h, "", "briefings/korea-troops.yaml")
}

#[track_caller]
fn judgments_and_their_sensitivity(t: &Tmux) {
    t.wait_for(&["South Korea denies talks", "PANES"]);
    t.keys(&["4"]);
    t.wait_for(&[
        "JUDGMENTS",
        "Judgments 1/3",
        "▶ 4 Judgments (3)",
        "likely (55-80%)",
    ]);
    t.keys(&["Enter"]);
    t.wait_for(&["Judgment 1/3 · option-not-decision", "Rests on (2)"]);
    // Follow the Journal's claim the judgment rests on, and come back.
    t.keys(&["Enter"]);
    t.wait_for(&["DETAIL", "policy-review"]);
    t.escape_until_gone("DETAIL");
    t.wait_for(&["Rests on (2)"]);
    t.escape_until_gone("Rests on (2)");
    t.wait_for(&["Judgments 1/3"]);
    // Hide the Journal: the first judgment loses all its support, the second none.
    t.keys(&["s"]);
    t.wait_for(&["SOURCES", "The Wall Street Journal"]);
    t.keys(&["g", "j", "x"]);
    t.wait_for(&["hiding wsj"]);
    t.escape_until_gone("SOURCES");
    let screen = t.wait_for(&[
        "JUDGMENTS",
        "○ unsupported",
        "hiding The Wall Street Journal",
    ]);
    assert!(!screen.contains("◐ weakened"), "{screen}");
    // The table names the origin each judgment depends on, hidden or not.
    t.keys(&["S"]);
    t.wait_for(&["SENSITIVITY", "Depends on", "option-not-decision"]);
    t.keys(&["S"]);
    t.wait_for(&["JUDGMENTS"]);
    t.keys(&["1"]);
    t.wait_for(&["PANES", "claim 1/"]);
    t.quit_cleanly();
}

#[test]
fn judgments_in_a_real_terminal_at_120x40() {
    judgments_and_their_sensitivity(&session(120, 40));
}

#[test]
fn judgments_in_a_real_terminal_at_80x24() {
    judgments_and_their_sensitivity(&session(80, 24));
}
