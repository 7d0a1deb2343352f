//! End to end: the `&` filter in the real binary, in tmux. Fails without tmux.

use crate::tmux::{repo, Tmux};

#[test]
fn ampersand_filters_the_panes_reports_a_bad_filter_and_enter_on_empty_clears() {
    let t = Tmux::start(repo(), 120, 40, "", "briefings/korea-troops.yaml");
    t.wait_for(&["Claims 1/4", "Responses 1/3", "PANES"]);
    t.type_text("&status:denied");
    let screen = t.wait_for(&["&status:denied▏", "1 of 12"]);
    assert!(
        Tmux::status(&screen).starts_with("&status:denied▏"),
        "the prompt is the status bar:\n{screen}"
    );
    t.keys(&["Enter"]);
    let screen = t.wait_for(&[
        "filter status:denied · 1 of 12",
        "Claims 1/1",
        "Responses empty",
    ]);
    assert!(screen.contains("none here match status:denied"), "{screen}");
    // A bad filter: the error with its column, in the error style; nothing applied.
    t.type_text("&staus:denied");
    t.keys(&["Enter"]);
    let screen = t.wait_for(&["column 1: unknown key 'staus'"]);
    assert!(
        screen.contains("Claims 1/1"),
        "the filter in force stays:\n{screen}"
    );
    let escaped = t.screen_escaped();
    let line = escaped
        .lines()
        .find(|l| l.contains("unknown key"))
        .unwrap_or_default();
    let before = line.split("column 1:").next().unwrap_or_default();
    assert!(before.contains("38;5;210"), "the error in red: {line:?}");
    // Esc leaves the filter as it was; & Enter on an empty line clears it.
    t.escape_until_gone("unknown key");
    t.wait_for(&["filter status:denied · 1 of 12"]);
    t.keys(&["&"]);
    t.wait_for(&["&▏"]);
    t.keys(&["Enter"]);
    let screen = t.wait_for(&["Claims 1/4", "Responses 1/3", "filter cleared"]);
    assert!(!screen.contains("filter status:denied"), "{screen}");
    t.quit_cleanly();
}
