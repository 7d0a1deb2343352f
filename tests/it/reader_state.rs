//! The reader's state machine driven the way a user drives it: key sequences through the real key
//! table (`App::press`), mouse actions through `App::update`. Each test checks what the user would
//! see: which pane has focus, what is selected, which view is open.
//!
//! `briefings/korea-troops.yaml`, used throughout:
//! - claims: 0 withdrawal-option, 1 troop-cut-size, 2 policy-review, 3 costs-in-trade-talks
//! - responses: 0 mnd-denial (denies claims 0 and 1), 1 mnd-commitment (clarifies 0 and 2),
//!   2 costs-kept-separate (disputes claim 3)
//! - context: 0 troop-level, 1 cost-sharing-deal, 2 snap-election, 3 nds-review,
//!   4 strategic-flexibility
//! - contradiction pairs, in order: 0 withdrawal-option ↔ mnd-denial, 1 troop-cut-size ↔
//!   mnd-denial, 2 troop-cut-size ↔ cost-sharing-deal, 3 costs-in-trade-talks ↔
//!   costs-kept-separate, 4 costs-in-trade-talks ↔ cost-sharing-deal

use crate::support::*;
use brief::app::keymap::Mode;
use brief::app::{Action, App, DetailState, PairsState, Relation, Screen, Side};
use brief::briefing::{ItemRef, Section};
use brief::view::{layout, pairs as contradictions};

const CLAIMS: Section = Section::Claims;
const RESPONSES: Section = Section::Responses;
const CONTEXT: Section = Section::Context;

fn claim(i: usize) -> ItemRef {
    ItemRef::new(CLAIMS, i)
}
fn response(i: usize) -> ItemRef {
    ItemRef::new(RESPONSES, i)
}
fn context(i: usize) -> ItemRef {
    ItemRef::new(CONTEXT, i)
}

fn korea() -> App {
    reader(KOREA, 120, 40)
}

/// The detail on top of the stack, if that is what is shown.
#[track_caller]
fn detail(app: &App) -> DetailState {
    match app.screen() {
        Some(Screen::Detail(d)) => d.clone(),
        other => panic!("expected the detail view, got {other:?}"),
    }
}

/// The contradictions view on top of the stack, if that is what is shown.
#[track_caller]
fn pairs(app: &App) -> PairsState {
    match app.screen() {
        Some(Screen::Contradictions(p)) => *p,
        other => panic!("expected the contradictions view, got {other:?}"),
    }
}

fn pair_at(index: usize, side: Side) -> PairsState {
    PairsState::at(index, side)
}

/// The selected item of the focused pane is fully inside the pane: the state says so (its top is
/// at or above it, and the items from the top down to it fit), and the drawn frame shows its
/// first line with the selection marker.
#[track_caller]
fn assert_selection_visible(app: &App) {
    let s = app.focus();
    let sel = app.selected_index(s);
    let top = app.top_index(s);
    assert!(top <= sel, "top {top} is below the selection {sel}");
    let area = layout::pane_area(app.size(), s);
    let width = layout::text_width(area);
    let height = usize::from(layout::inner(area).height);
    let used: usize = (top..=sel)
        .map(|i| app.item_height(ItemRef::new(s, i), width))
        .sum();
    // The last line of an item is the blank line after it, which may fall off the bottom. An
    // item taller than the pane starts at its top.
    assert!(
        used <= height + 1 || top == sel,
        "items {top}..={sel} take {used} lines in a pane of {height}"
    );
    let text = app.briefing().section(s)[sel].text.trim().to_string();
    let first_words: String = text.split(' ').take(3).collect::<Vec<_>>().join(" ");
    let buf = draw(app);
    let Some((x, y)) = find(&buf, &first_words) else {
        panic!(
            "the selected item ({first_words}…) is not on screen:\n{}",
            rows(&buf).join("\n")
        )
    };
    assert_eq!(
        buf[(x.saturating_sub(2), y)].symbol(),
        "▌",
        "the selected item has the marker in its gutter"
    );
}

// ---- panes: moving the selection ----

#[test]
fn j_and_k_and_the_arrows_move_the_selection_and_stop_at_the_ends() {
    let mut app = korea();
    assert_eq!((app.focus(), app.selected_indices()), (CLAIMS, [0, 0, 0]));
    app.press("j");
    assert_eq!(app.selected_indices(), [1, 0, 0]);
    app.press("j j j j j");
    assert_eq!(
        app.selected_indices(),
        [3, 0, 0],
        "4 claims: stops at the last"
    );
    app.press("k");
    assert_eq!(app.selected_indices(), [2, 0, 0]);
    app.press("↓");
    assert_eq!(app.selected_indices(), [3, 0, 0]);
    app.press("↑ ↑ ↑ ↑ ↑ ↑");
    assert_eq!(app.selected_indices(), [0, 0, 0], "stops at the first");
    assert_eq!(app.focus(), CLAIMS);
    assert_eq!(app.mode(), Mode::Panes);
}

#[test]
fn g_and_shift_g_and_home_and_end_go_to_the_first_and_last_item() {
    let mut app = korea();
    app.press("G");
    assert_eq!(app.selected_index(CLAIMS), 3);
    app.press("g");
    assert_eq!(app.selected_index(CLAIMS), 0);
    app.press("End");
    assert_eq!(app.selected_index(CLAIMS), 3);
    app.press("Home");
    assert_eq!(app.selected_index(CLAIMS), 0);
    app.press("3 G");
    assert_eq!((app.focus(), app.selected_indices()), (CONTEXT, [0, 0, 4]));
}

/// At 120×40 a pane is 35 lines inside its border, and each generated claim takes 3 lines, so a
/// page is 11 items and half a page 6.
#[test]
fn page_keys_move_by_the_items_the_pane_shows() {
    let mut app = many_claims_app(200, 120, 40);
    let area = layout::pane_area(app.size(), CLAIMS);
    assert_eq!(layout::inner(area).height, 35);
    assert_eq!(app.item_height(claim(0), layout::text_width(area)), 3);

    app.press("PgDn");
    assert_eq!(app.selected_index(CLAIMS), 11);
    assert_selection_visible(&app);
    app.press("Space");
    assert_eq!(app.selected_index(CLAIMS), 22, "Space pages down too");
    assert_selection_visible(&app);
    app.press("PgUp");
    assert_eq!(app.selected_index(CLAIMS), 11);
    app.press("Ctrl-d");
    assert_eq!(app.selected_index(CLAIMS), 17);
    assert_selection_visible(&app);
    app.press("Ctrl-u");
    assert_eq!(app.selected_index(CLAIMS), 11);
    app.press("PgUp PgUp");
    assert_eq!(app.selected_index(CLAIMS), 0, "stops at the first");
    app.press("G PgDn Ctrl-d Space");
    assert_eq!(app.selected_index(CLAIMS), 199, "stops at the last");
    assert_selection_visible(&app);
}

#[test]
fn selection_stays_in_view_after_shift_g_on_a_long_briefing() {
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let mut app = many_claims_app(200, w, h);
        app.press("G");
        assert_eq!(app.selected_index(CLAIMS), 199, "at {w}×{h}");
        assert!(
            app.top_index(CLAIMS) > 150,
            "at {w}×{h} the pane scrolled down"
        );
        assert_selection_visible(&app);
        let screen = screen(&app);
        assert!(
            screen.contains("Claim number 200."),
            "at {w}×{h}:\n{screen}"
        );
        assert!(screen.contains("Claims 200/200"), "at {w}×{h}:\n{screen}");
        app.press("g");
        assert_eq!(
            (app.selected_index(CLAIMS), app.top_index(CLAIMS)),
            (0, 0),
            "at {w}×{h}"
        );
        assert_selection_visible(&app);
    }
}

#[test]
fn selection_stays_in_view_item_by_item() {
    let mut app = many_claims_app(60, 80, 24);
    for _ in 0..59 {
        app.press("j");
        assert_selection_visible(&app);
    }
    for _ in 0..59 {
        app.press("k");
        assert_selection_visible(&app);
    }
    // Items of very different heights: the Korean briefing's panes.
    let mut app = reader(HARBOUR, 80, 24);
    for key in ["j"; 7].into_iter().chain(["k"; 7]) {
        app.press(key);
        assert_selection_visible(&app);
    }
    app.press("3 G");
    assert_selection_visible(&app);
}

#[test]
fn a_resize_keeps_the_selection_in_view() {
    let mut app = many_claims_app(200, 120, 40);
    app.press("G");
    app.update(Action::Resize(40, 12));
    assert_selection_visible(&app);
    app.press("k k k");
    app.update(Action::Resize(120, 40));
    assert_selection_visible(&app);
    assert_eq!(app.selected_index(CLAIMS), 196);
}

/// Grown from 80×24 with the last claim selected, the pane fills from the top again: all the
/// claims fit, so none stays hidden above a blank end (QA after a restore at 160×50).
#[test]
fn growing_the_terminal_leaves_no_blank_end_under_hidden_items() {
    let mut app = many_claims_app(8, 80, 24);
    app.press("G");
    let small = screen(&app);
    assert!(
        !small.contains("Claim number 1."),
        "at 80×24 the last claim scrolls the first ones away:\n{small}"
    );
    app.update(Action::Resize(160, 50));
    assert_eq!(app.selected_index(CLAIMS), 7);
    let s = screen(&app);
    assert!(
        s.contains("Claim number 1.") && s.contains("Claim number 8."),
        "{s}"
    );
}

// ---- panes: focus ----

#[test]
fn tab_and_shift_tab_cycle_the_panes() {
    let mut app = korea();
    app.press("Tab");
    assert_eq!(app.focus(), RESPONSES);
    app.press("Tab");
    assert_eq!(app.focus(), CONTEXT);
    // The bundled briefing has key judgments: their pane comes after Context.
    app.press("Tab");
    assert_eq!(app.mode(), brief::app::keymap::Mode::Judgments);
    app.press("Tab");
    assert_eq!(app.focus(), CLAIMS, "wraps round");
    assert_eq!(app.mode(), brief::app::keymap::Mode::Panes);
    app.press("Shift-Tab");
    assert_eq!(
        app.mode(),
        brief::app::keymap::Mode::Judgments,
        "wraps back"
    );
    app.press("Shift-Tab");
    assert_eq!(app.focus(), CONTEXT);
    app.press("Shift-Tab");
    assert_eq!(app.focus(), RESPONSES);
}

#[test]
fn digits_focus_a_pane_directly() {
    let mut app = korea();
    app.press("2");
    assert_eq!(app.focus(), RESPONSES);
    app.press("3");
    assert_eq!(app.focus(), CONTEXT);
    app.press("1");
    assert_eq!(app.focus(), CLAIMS);
}

#[test]
fn h_and_l_and_the_arrows_move_between_panes_and_stop_at_the_ends() {
    let mut app = korea();
    app.press("h");
    assert_eq!(app.focus(), CLAIMS, "nothing left of Claims");
    app.press("←");
    assert_eq!(app.focus(), CLAIMS);
    app.press("l");
    assert_eq!(app.focus(), RESPONSES);
    app.press("→");
    assert_eq!(app.focus(), CONTEXT);
    app.press("l");
    assert_eq!(
        app.mode(),
        brief::app::keymap::Mode::Judgments,
        "the judgments right of Context"
    );
    app.press("l →");
    assert_eq!(
        app.mode(),
        brief::app::keymap::Mode::Judgments,
        "nothing right of the judgments"
    );
    app.press("h");
    assert_eq!(app.focus(), CONTEXT);
    app.press("h");
    assert_eq!(app.focus(), RESPONSES);
    app.press("← ←");
    assert_eq!(app.focus(), CLAIMS);
}

#[test]
fn each_pane_keeps_its_own_selection() {
    let mut app = korea();
    app.press("j 2 j j 3 G 1");
    assert_eq!(app.focus(), CLAIMS);
    assert_eq!(app.selected_indices(), [1, 2, 4]);
    assert_eq!(app.current(), Some(claim(1)));
    app.press("Tab");
    assert_eq!(app.current(), Some(response(2)));
}

// ---- detail ----

#[test]
fn enter_opens_the_selected_items_detail() {
    let mut app = korea();
    app.press("j Enter");
    assert_eq!(app.mode(), Mode::Detail);
    assert_eq!(
        detail(&app),
        DetailState {
            item: claim(1),
            cursor: 0,
            scroll: 0,
            history: vec![]
        }
    );
    let screen = screen(&app);
    assert!(screen.contains("Claim 2/4 · troop-cut-size"), "{screen}");
    assert!(screen.contains("roughly 4,500 troops"), "{screen}");

    let mut app = korea();
    app.press("2 Enter");
    assert_eq!(detail(&app).item, response(0));
}

#[test]
fn enter_on_a_relation_follows_it_and_backspace_and_ctrl_o_go_back() {
    let mut app = korea();
    app.press("Enter");
    assert_eq!(
        app.relations_of(claim(0)),
        vec![
            Relation::AnsweredBy(response(0)),
            Relation::AnsweredBy(response(1)),
            Relation::Pair(0)
        ]
    );
    // Claim 0 → its first response (the denial).
    app.press("Enter");
    let d = detail(&app);
    assert_eq!(d.item, response(0));
    assert_eq!(d.history, vec![(claim(0), 0)]);
    assert_eq!(
        (app.focus(), app.selected_index(RESPONSES)),
        (RESPONSES, 0),
        "the panes follow"
    );
    // The denial answers claims 0 and 1: follow the second.
    assert_eq!(
        app.relations_of(response(0))[..2],
        [Relation::Answers(claim(0)), Relation::Answers(claim(1))]
    );
    app.press("j Enter");
    let d = detail(&app);
    assert_eq!(d.item, claim(1));
    assert_eq!(d.history, vec![(claim(0), 0), (response(0), 1)]);
    assert!(screen(&app).contains("2 back"));

    app.press("Backspace");
    let d = detail(&app);
    assert_eq!(
        (d.item, d.cursor),
        (response(0), 1),
        "back where we left, same relation selected"
    );
    app.press("Ctrl-o");
    let d = detail(&app);
    assert_eq!((d.item, d.cursor, d.history.len()), (claim(0), 0, 0));
    app.press("Backspace");
    assert!(
        app.screens().is_empty(),
        "back past the first item closes the detail"
    );
    assert_eq!(app.mode(), Mode::Panes);
}

#[test]
fn j_and_k_in_the_detail_move_between_relations() {
    let mut app = korea();
    app.press("Enter j j j j");
    assert_eq!(detail(&app).cursor, 2, "three relations: stops at the last");
    app.press("k");
    assert_eq!(detail(&app).cursor, 1);
    app.press("g");
    assert_eq!(detail(&app).cursor, 0);
    app.press("G");
    assert_eq!(detail(&app).cursor, 2);
    // An item with no relations: Enter says so, nothing changes.
    let mut app = korea();
    app.press("3 Enter");
    assert!(app.relations_of(context(0)).is_empty());
    app.press("Enter");
    assert_eq!(detail(&app).item, context(0));
    assert!(app.message().unwrap_or("").contains("no relations"));
}

/// At 40×12 the detail of troop-cut-size is taller than the screen and its relations are
/// below the fold. Scrolling must reach its text again; only moving the cursor brings the
/// selected relation into view.
#[test]
fn a_detail_taller_than_the_screen_scrolls_both_ways() {
    let mut app = reader(KOREA, 40, 12);
    app.press("j Enter");
    let top = "The option under preparation";
    assert!(screen(&app).contains(top));
    app.press("PgDn");
    assert!(detail(&app).scroll > 0);
    assert!(!screen(&app).contains(top), "PgDn scrolled the text away");
    app.press("PgUp");
    assert_eq!(detail(&app).scroll, 0, "PgUp scrolls back to the top");
    assert!(screen(&app).contains(top));
    app.press("PgDn PgDn Ctrl-u Ctrl-u Ctrl-u Ctrl-u Ctrl-u");
    assert_eq!(detail(&app).scroll, 0, "so does Ctrl-u");
    app.press("G g");
    assert_eq!(detail(&app).scroll, 0, "and g");
    assert!(screen(&app).contains(top));
    // Moving the cursor shows the selected relation.
    app.press("j");
    assert_eq!(detail(&app).cursor, 1);
    let screen = screen(&app);
    assert!(
        screen.contains("▶ ⚡ Ministry of National"),
        "the selected relation is in view:\n{screen}"
    );
}

/// Detail → ⚡ relation → the contradictions view → Enter on a side → its detail: Esc retraces
/// the path, view by view, instead of dropping back to the panes.
#[test]
fn esc_retraces_detail_contradictions_detail() {
    let mut app = korea();
    app.press("Enter j j Enter");
    assert_eq!(
        pairs(&app),
        pair_at(0, Side::Right),
        "the side facing claim 0"
    );
    app.press("Enter");
    assert_eq!(detail(&app).item, response(0), "the denial");
    app.press("Esc");
    assert_eq!(pairs(&app), pair_at(0, Side::Right), "back to the pair");
    app.press("Esc");
    assert_eq!(detail(&app).item, claim(0), "back to the first detail");
    app.press("Backspace");
    assert!(app.screens().is_empty());
    assert_eq!(app.mode(), Mode::Panes);
}

#[test]
fn esc_closes_the_detail_whatever_was_followed() {
    let mut app = korea();
    app.press("Enter Enter j Enter");
    assert_eq!(detail(&app).history.len(), 2);
    app.press("Esc");
    assert!(app.screens().is_empty());
    assert_eq!(app.mode(), Mode::Panes);
}

// ---- help and quitting ----

#[test]
fn question_mark_toggles_help_and_keys_then_scroll_it() {
    let mut app = korea();
    app.press("?");
    assert_eq!((app.help_scroll(), app.mode()), (Some(0), Mode::Help));
    let screen = screen(&app);
    assert!(screen.contains("Keys — ? or Esc to close"), "{screen}");
    app.press("j j");
    assert_eq!(app.help_scroll(), Some(2), "j scrolls the help…");
    assert_eq!(app.selected_indices(), [0, 0, 0], "…not the panes");
    app.press("k");
    assert_eq!(app.help_scroll(), Some(1));
    app.press("?");
    assert_eq!((app.help_scroll(), app.mode()), (None, Mode::Panes));
}

/// The overlays scroll like less: G to the end, g to the top, Ctrl-d half a page, PgDn a page.
#[test]
fn help_and_info_take_g_and_capital_g_and_half_pages() {
    for (open, scroll) in [
        (
            "?",
            (|a: &App| a.help_scroll()) as fn(&App) -> Option<usize>,
        ),
        ("i", |a: &App| a.info_scroll()),
    ] {
        let mut app = reader(KOREA, 80, 12);
        app.press(open);
        app.press("G");
        let end = scroll(&app).unwrap_or(0);
        assert!(end > 0, "`{open}` then G scrolls to the end");
        app.press("j");
        assert_eq!(scroll(&app), Some(end), "and stays there");
        app.press("g");
        assert_eq!(scroll(&app), Some(0), "g goes back to the top");
        app.press("Ctrl-d");
        let half = scroll(&app).unwrap_or(0);
        app.press("g PgDn");
        let page = scroll(&app).unwrap_or(0);
        assert!(
            half > 0 && half < page,
            "`{open}`: Ctrl-d is half a page ({half}), PgDn a page ({page})"
        );
    }
}

#[test]
fn help_scrolls_back_at_once_from_its_end() {
    let mut app = reader(KOREA, 80, 24);
    app.press("?");
    for _ in 0..400 {
        app.press("j");
    }
    let at_end = screen(&app);
    app.press("j");
    assert_eq!(screen(&app), at_end, "the help stops at its end");
    app.press("k");
    assert_ne!(
        screen(&app),
        at_end,
        "one k after the end scrolls up at once"
    );
    for _ in 0..40 {
        app.press("PgUp");
    }
    assert_eq!(app.help_scroll(), Some(0));
}

#[test]
fn esc_closes_help_and_only_help() {
    let mut app = korea();
    app.press("Enter ? Esc");
    assert_eq!(app.help_scroll(), None);
    assert_eq!(detail(&app).item, claim(0), "the detail under it stays");
}

#[test]
fn q_and_ctrl_c_quit_from_every_view() {
    for keys in ["", "Enter", "c", "?", "Enter c ?"] {
        for quit in ["q", "Ctrl-c"] {
            let mut app = korea();
            app.press(keys);
            assert!(!app.quitting());
            app.press(quit);
            assert!(app.quitting(), "{quit} after `{keys}`");
        }
    }
}

// ---- contradictions ----

#[test]
fn c_opens_the_contradictions_at_the_selected_items_first_pair() {
    let cases: [(&str, PairsState); 5] = [
        ("", pair_at(0, Side::Left)),     // withdrawal-option, pair 0's left
        ("j", pair_at(1, Side::Left)),    // troop-cut-size, in pairs 1 and 2
        ("2", pair_at(0, Side::Right)),   // mnd-denial, in pairs 0 and 1
        ("3 j", pair_at(2, Side::Right)), // cost-sharing-deal, in pairs 2 and 4
        ("G", pair_at(3, Side::Left)),    // costs-in-trade-talks
    ];
    for (keys, want) in cases {
        let mut app = korea();
        app.press(keys);
        app.press("c");
        assert_eq!(app.mode(), Mode::Contradictions, "after `{keys} c`");
        assert_eq!(pairs(&app), want, "after `{keys} c`");
        assert_eq!(app.message(), None);
    }
    // An item in no pair: the first pair, and a word why.
    let mut app = korea();
    app.press("j j c");
    assert_eq!(pairs(&app), pair_at(0, Side::Left));
    assert_eq!(
        app.message(),
        Some("`policy-review` is in no contradiction; showing the first (v compares it with any item)")
    );
}

#[test]
fn brackets_and_j_k_move_between_pairs_and_stop_at_the_ends() {
    let mut app = korea();
    app.press("c ]");
    assert_eq!(pairs(&app).index, 1);
    app.press("j ↓");
    assert_eq!(pairs(&app).index, 3);
    app.press("] ] ]");
    assert_eq!(pairs(&app).index, 4, "5 pairs: stops at the last");
    app.press("[");
    assert_eq!(pairs(&app).index, 3);
    app.press("k ↑");
    assert_eq!(pairs(&app).index, 1);
    app.press("[ [ [");
    assert_eq!(pairs(&app).index, 0, "stops at the first");
    app.press("G");
    assert_eq!(pairs(&app).index, 4);
    app.press("g");
    assert_eq!(pairs(&app).index, 0);
    assert!(screen(&app).contains("Contradiction 1/5"));
    app.press("]");
    assert!(screen(&app).contains("Contradiction 2/5"));
}

#[test]
fn tab_and_h_and_l_switch_the_focused_side() {
    let mut app = korea();
    app.press("c");
    assert_eq!(pairs(&app).side, Side::Left);
    for key in ["Tab", "Shift-Tab", "l", "h", "→", "←"] {
        let before = pairs(&app).side;
        app.press(key);
        let after = pairs(&app).side;
        assert_ne!(before, after, "{key} switches the side");
        assert_eq!(pairs(&app).index, 0, "{key} keeps the pair");
    }
    app.press("]");
    assert_eq!(
        pairs(&app).side,
        Side::Left,
        "the side is kept across pairs"
    );
}

#[test]
fn enter_opens_the_focused_sides_detail() {
    let mut app = korea();
    app.press("j c");
    assert_eq!(pairs(&app), pair_at(1, Side::Left));
    app.press("Enter");
    assert_eq!(detail(&app).item, claim(1), "the left side: troop-cut-size");
    app.press("Esc");
    assert_eq!(
        pairs(&app),
        pair_at(1, Side::Left),
        "Esc returns to the pair"
    );
    app.press("Tab Enter");
    assert_eq!(detail(&app).item, response(0), "the right side: mnd-denial");
    assert_eq!(app.screens().len(), 2);
}

#[test]
fn esc_or_c_returns_to_the_panes_as_they_were() {
    for close in ["Esc", "c"] {
        let mut app = korea_after("3 j");
        let before = (app.focus(), app.selected_indices(), app.top_indices());
        app.press("c");
        assert_eq!(pairs(&app), pair_at(2, Side::Right));
        app.press("] ] Tab [");
        app.press(close);
        assert!(app.screens().is_empty(), "{close} closes the view");
        assert_eq!(
            (app.focus(), app.selected_indices(), app.top_indices()),
            before,
            "{close}: focus and selection as they were"
        );
    }
    // Also when the panes had scrolled.
    let mut app = many_claims_app(50, 120, 40);
    app.press("G k k");
    let before = (app.focus(), app.selected_indices(), app.top_indices());
    app.press("c");
    assert_eq!(app.mode(), Mode::Contradictions);
    app.press("Esc");
    assert_eq!(
        (app.focus(), app.selected_indices(), app.top_indices()),
        before
    );
}

fn korea_after(keys: &str) -> App {
    let mut app = korea();
    app.press(keys);
    app
}

#[test]
fn c_in_the_detail_opens_its_items_pairs_and_c_again_returns_to_it() {
    let mut app = korea_after("j Enter");
    app.press("c");
    assert_eq!(pairs(&app), pair_at(1, Side::Left));
    app.press("c");
    assert_eq!(detail(&app).item, claim(1));
}

#[test]
fn a_detail_lists_its_pairs_and_enter_on_one_opens_the_view_there() {
    let mut app = korea_after("j Enter");
    assert_eq!(
        app.relations_of(claim(1)),
        vec![
            Relation::AnsweredBy(response(0)),
            Relation::Pair(1),
            Relation::Pair(2)
        ]
    );
    let screen = screen(&app);
    assert!(screen.contains("Contradictions"), "{screen}");
    assert!(
        screen.contains("⚡ The Independent: Last year Seoul and Washington"),
        "the pair with cost-sharing-deal is listed by its other side:\n{screen}"
    );
    app.press("j j Enter");
    assert_eq!(
        pairs(&app),
        pair_at(2, Side::Right),
        "pair 2, focused on the other item (cost-sharing-deal)"
    );
    app.press("Esc");
    let d = detail(&app);
    assert_eq!((d.item, d.cursor), (claim(1), 2), "back in the detail");

    // From the right-hand item of a pair, the view focuses the left one.
    let mut app = korea_after("3 j Enter");
    assert_eq!(
        app.relations_of(context(1)),
        vec![Relation::Pair(2), Relation::Pair(4)]
    );
    app.press("j Enter");
    assert_eq!(
        pairs(&app),
        pair_at(4, Side::Left),
        "costs-in-trade-talks ↔ cost-sharing-deal, focused on the claim"
    );
}

// ---- briefings with nothing to show ----

#[test]
fn a_briefing_without_contradictions_says_so() {
    let mut app = reader(NO_CONTRADICTIONS, 120, 40);
    assert!(app.document().relations.pairs.is_empty());
    app.press("c");
    assert_eq!(app.mode(), Mode::Contradictions);
    let screen = screen(&app);
    assert!(
        screen.contains("This briefing has no contradictions."),
        "{screen}"
    );
    app.press("] [ j G Tab Enter");
    assert_eq!(app.mode(), Mode::Contradictions);
    assert_eq!(
        app.message(),
        Some("this briefing declares no contradictions")
    );
    app.press("Esc");
    assert!(app.screens().is_empty());
}

#[test]
fn empty_panes_select_nothing_and_enter_says_so() {
    let mut app = reader(EMPTY, 80, 24);
    app.press("j G PgDn Ctrl-d End");
    assert_eq!(app.selected_indices(), [0, 0, 0]);
    assert_eq!(app.current(), None);
    app.press("Enter");
    assert!(app.screens().is_empty());
    assert_eq!(app.message(), Some("no claim to open"));
    app.press("c");
    assert!(screen(&app).contains("This briefing has no contradictions."));
}

// ---- mouse ----

#[test]
fn clicks_focus_panes_and_select_items() {
    let mut app = korea();
    // 120×40: three panes of 40 columns from row 2; their text starts on row 3.
    app.update(Action::Click(60, 2));
    assert_eq!(
        app.focus(),
        RESPONSES,
        "a click on a pane's border focuses it"
    );
    assert_eq!(app.selected_indices(), [0, 0, 0]);

    let width = layout::text_width(layout::pane_area(app.size(), CONTEXT));
    let h0 = app.item_height(context(0), width) as u16;
    let h1 = app.item_height(context(1), width) as u16;
    app.update(Action::Click(100, 3 + h0));
    assert_eq!(
        (app.focus(), app.selected_index(CONTEXT)),
        (CONTEXT, 1),
        "first row of item 2"
    );
    app.update(Action::Click(100, 3 + h0 + h1 - 1));
    assert_eq!(
        app.selected_index(CONTEXT),
        1,
        "the blank line after an item belongs to it"
    );
    app.update(Action::Click(100, 3 + h0 + h1));
    assert_eq!(app.selected_index(CONTEXT), 2);
    app.update(Action::Click(5, 3));
    assert_eq!((app.focus(), app.selected_index(CLAIMS)), (CLAIMS, 0));
    // The header and status bar are not panes.
    app.update(Action::Click(60, 0));
    app.update(Action::Click(60, 39));
    assert_eq!((app.focus(), app.selected_indices()), (CLAIMS, [0, 0, 2]));
}

#[test]
fn clicks_on_the_tab_bar_focus_panes_when_narrow() {
    let mut app = reader(KOREA, 80, 24);
    // 80×24: one pane under a tab bar on row 2, in thirds of 26 columns.
    app.update(Action::Click(30, 2));
    assert_eq!(app.focus(), RESPONSES);
    app.update(Action::Click(60, 2));
    assert_eq!(app.focus(), CONTEXT);
    app.update(Action::Click(1, 2));
    assert_eq!(app.focus(), CLAIMS);
    let width = layout::text_width(layout::pane_area(app.size(), CLAIMS));
    let h0 = app.item_height(claim(0), width) as u16;
    app.update(Action::Click(10, 4 + h0));
    assert_eq!(app.selected_index(CLAIMS), 1);
}

#[test]
fn the_wheel_moves_the_selection_of_the_pane_under_it() {
    let mut app = korea();
    app.update(Action::Scroll(10, 10, 1));
    app.update(Action::Scroll(10, 10, 1));
    assert_eq!(app.selected_index(CLAIMS), 2);
    app.update(Action::Scroll(10, 10, -1));
    assert_eq!(app.selected_index(CLAIMS), 1);
    app.update(Action::Scroll(100, 10, 1));
    assert_eq!(app.selected_index(CONTEXT), 1, "over the Context pane");
    for _ in 0..10 {
        app.update(Action::Scroll(100, 10, 1));
    }
    assert_eq!(app.selected_index(CONTEXT), 4, "stops at the last");

    let mut app = many_claims_app(200, 80, 24);
    for _ in 0..100 {
        app.update(Action::Scroll(10, 10, 1));
    }
    assert_eq!(app.selected_index(CLAIMS), 100);
    assert_selection_visible(&app);
}

#[test]
fn the_mouse_picks_pairs_and_sides_in_the_contradictions_view() {
    let mut app = korea_after("c");
    let body = layout::body(app.size());
    let a = contradictions::layout(&app.ctx(), &pairs(&app).shown(), body).areas;
    app.update(Action::Click(a.right.x + 5, a.right.y + 2));
    assert_eq!(pairs(&app), pair_at(0, Side::Right));
    app.update(Action::Click(a.left.x + 5, a.left.y + 2));
    assert_eq!(pairs(&app), pair_at(0, Side::Left));
    // The strip lists every pair, one a row, inside its border.
    app.update(Action::Click(a.strip.x + 10, a.strip.y + 1 + 3));
    assert_eq!(pairs(&app), pair_at(3, Side::Left));
    app.update(Action::Scroll(10, 20, 1));
    assert_eq!(pairs(&app).index, 4);
    app.update(Action::Scroll(10, 20, 1));
    assert_eq!(pairs(&app).index, 4, "stops at the last");
    app.update(Action::Scroll(10, 20, -1));
    assert_eq!(pairs(&app).index, 3);
}

// ---- never panic ----

/// Every key and a few clicks at sizes down to a single cell, drawing after each: the reader
/// must not panic, whatever the size.
#[test]
fn tiny_terminals_do_not_panic() {
    let keys =
        "j G k Ctrl-d PgDn Space Ctrl-u PgUp Tab Shift-Tab l h → ← 2 Enter j Enter Backspace \
                Ctrl-o c ] ] Tab Enter Esc [ Esc ? j j PgDn ? 3 Enter c Esc Esc g Home End";
    for rel in [KOREA, HARBOUR, NO_CONTRADICTIONS, EMPTY] {
        for (w, h) in [(1, 1), (10, 4), (19, 6), (20, 5), (20, 6), (40, 12)] {
            let mut app = reader(rel, w, h);
            for key in keys.split(' ').filter(|k| !k.is_empty()) {
                app.press(key);
                draw(&app);
            }
            for (x, y) in [(0, 0), (w / 2, h / 2), (w - 1, h - 1)] {
                app.update(Action::Click(x, y));
                app.update(Action::Scroll(x, y, 1));
                draw(&app);
                app.press("c");
                app.update(Action::Click(x, y));
                draw(&app);
                app.press("Esc");
            }
            app.update(Action::Resize(1, 1));
            draw(&app);
            app.update(Action::Resize(120, 40));
            draw(&app);
        }
    }
}
