//! End to end: the real binary in a real terminal (tmux), driven by keys, read back with
//! `capture-pane`. The only tests that prove the terminal really shows the reader and is left
//! clean afterwards.
//!
//! Each test runs its own tmux server (`tmux -L brief-e2e-<pid>-<n>`), so tests in parallel never
//! share a session, and a guard kills the server however the test ends. Nothing here sleeps for a
//! fixed time and then asserts: every check polls the screen until the expected text appears or a
//! generous deadline passes (the machine may be loaded), and a timeout prints the screen.
//! Without tmux they fail.

use std::path::Path;

use crate::tmux::{repo, Tmux};

/// Starts `brief ARGS` from the repository in a `width`×`height` terminal.
fn start(width: u16, height: u16, args: &str) -> Tmux {
    Tmux::start(repo(), width, height, "", args)
}

const KOREA: &str = "briefings/korea-troops.yaml";

/// The panes, as the reader first shows them at 120×40.
const PANES: [&str; 5] = [
    "Claims 1/4",
    "Responses 1/3",
    "Context 1/5",
    "The Trump administration is",
    "PANES",
];

#[test]
fn the_panes_appear_and_q_leaves_a_clean_terminal() {
    assert!(Path::new(env!("CARGO_MANIFEST_DIR")).join(KOREA).is_file());
    let t = start(120, 40, KOREA);
    let screen = t.wait_for(&PANES);
    assert!(screen.contains("South Korea denies talks on US troop withdrawal"));
    assert!(screen.contains("⚡5 contradictions"));
    // Three panes side by side: their titles share a row.
    assert!(
        screen.lines().any(|l| l.contains("Claims 1/4")
            && l.contains("Responses 1/3")
            && l.contains("Context 1/5")),
        "{screen}"
    );
    assert!(
        t.alternate_screen(),
        "the reader runs on the alternate screen"
    );
    t.quit_cleanly();
    let after = t.screen();
    assert!(
        !after.contains("Claims 1/4"),
        "the reader's screen is gone after it exits:\n{after}"
    );
}

#[test]
fn two_then_enter_opens_the_first_responses_detail() {
    let t = start(120, 40, KOREA);
    t.wait_for(&PANES);
    t.keys(&["2"]);
    t.wait_for(&["response 1/3"]);
    t.keys(&["Enter"]);
    let screen = t.wait_for(&["Response 1/3 · mnd-denial", "DETAIL"]);
    assert!(screen.contains("Answers the claims"), "{screen}");
    assert!(
        screen.contains("South Korea's defence ministry said it had held no talks"),
        "{screen}"
    );
    t.quit_cleanly();
}

#[test]
fn question_mark_shows_the_help_naming_search() {
    let t = start(120, 40, KOREA);
    t.wait_for(&PANES);
    t.keys(&["?"]);
    let screen = t.wait_for(&["Keys — ? or Esc to close", "HELP"]);
    assert!(
        screen
            .lines()
            .any(|l| l.contains(" / ") && l.contains("search")),
        "the help names `/` for search:\n{screen}"
    );
    t.keys(&["Escape"]);
    t.wait_until("the help to close", |s| {
        !s.contains("Keys — ? or Esc") && s.contains("PANES")
    });
    t.quit_cleanly();
}

#[test]
fn c_shows_a_contradiction_side_by_side_and_esc_returns() {
    let t = start(120, 40, KOREA);
    t.wait_for(&PANES);
    t.keys(&["c"]);
    let screen = t.wait_for(&["Contradiction 1/5", "CONTRADICTIONS"]);
    // Side by side: the claim and the denial start on the same row.
    assert!(
        screen.lines().any(|l| {
            l.contains("The Trump administration is considering")
                && l.contains("South Korea's defence ministry said")
        }),
        "both sides' texts share rows:\n{screen}"
    );
    t.keys(&["]"]);
    let screen = t.wait_for(&["Contradiction 2/5"]);
    assert!(
        screen.lines().any(|l| {
            l.contains("The option under preparation") && l.contains("South Korea's defence")
        }),
        "the next pair, side by side:\n{screen}"
    );
    t.keys(&["Escape"]);
    t.wait_until("the panes", |s| {
        PANES.iter().all(|p| s.contains(p)) && !s.contains("Contradiction 2/5")
    });
    t.quit_cleanly();
}

#[test]
fn ctrl_c_quits_cleanly_too() {
    let t = start(80, 24, KOREA);
    t.wait_for(&["Claims 1/4", "PANES"]);
    t.keys(&["C-c"]);
    let screen = t.wait_for(&["BRIEF-EXIT="]);
    assert!(screen.contains("BRIEF-EXIT=0"), "{screen}");
    assert!(!t.alternate_screen());
}

#[test]
fn a_tiny_terminal_says_it_is_too_small_and_q_still_quits() {
    let t = start(10, 4, KOREA);
    t.wait_for(&["too small"]);
    t.quit_cleanly();
}

#[test]
fn a_resize_redraws() {
    let t = start(120, 40, KOREA);
    t.wait_for(&PANES);
    t.resize(80, 24);
    // Narrow: one pane under a tab bar.
    let screen = t.wait_for(&["1 Claims (4)", "2 Responses (3)", "Claims 1/4"]);
    assert!(!screen.contains("Responses 1/3"), "{screen}");
    t.resize(10, 4);
    t.wait_for(&["too small"]);
    t.resize(120, 40);
    t.wait_for(&PANES);
    t.quit_cleanly();
}
