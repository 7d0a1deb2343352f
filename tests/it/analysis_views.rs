//! The analysis views driven through the real key table: `m` stance matrix, `t` timeline,
//! `s` sources and its filter (`x`), as a reader would type them.

use std::rc::Rc;

use brief::app::keymap::Mode;
use brief::app::{App, Screen};
use brief::briefing::Document;
use brief::briefing::{load_str, Section};
use ratatui::layout::Rect;

#[track_caller]
fn doc(file: &str) -> Rc<Document> {
    let path = format!("{}/briefings/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let loaded = load_str(&text).unwrap_or_else(|d| panic!("{path}: {d:?}"));
    Rc::new(Document::new(
        None,
        file.to_string(),
        loaded.briefing,
        loaded.warnings,
    ))
}

fn korea() -> App {
    App::new(doc("korea-troops.yaml"), Rect::new(0, 0, 80, 24))
}

/// The id of the item the detail on top shows.
#[track_caller]
fn detail_id(app: &App) -> String {
    match app.screen() {
        Some(Screen::Detail(d)) => app
            .briefing()
            .item(d.item)
            .map(|i| i.id.clone())
            .unwrap_or_default(),
        other => panic!("no detail on top: {other:?}"),
    }
}

#[track_caller]
fn matrix(app: &App) -> brief::app::MatrixState {
    match app.screen() {
        Some(Screen::Matrix(m)) => *m,
        other => panic!("no matrix on top: {other:?}"),
    }
}

#[test]
fn each_key_opens_its_view_and_closes_it_again() {
    let mut app = korea();
    for (key, mode) in [
        ("m", Mode::Matrix),
        ("t", Mode::Timeline),
        ("s", Mode::Sources),
    ] {
        app.press(key);
        assert_eq!(app.mode(), mode, "{key} opens");
        app.press(key);
        assert_eq!(app.mode(), Mode::Panes, "{key} again closes");
        app.press(&format!("{key} Esc"));
        assert_eq!(app.mode(), Mode::Panes, "Esc closes");
    }
}

#[test]
fn views_switch_between_each_other_without_piling_up() {
    let mut app = korea();
    app.press("m t s m");
    assert_eq!(app.mode(), Mode::Matrix);
    assert_eq!(app.screens().len(), 1);
    app.press("Esc");
    assert_eq!(app.mode(), Mode::Panes);
}

#[test]
fn matrix_opens_the_response_in_a_cell() {
    let mut app = korea();
    // Rows: withdrawal-option, troop-cut-size, costs-in-trade-talks, policy-review (split first);
    // columns: wsj, mnd, rok-officials, trump.
    app.press("m l");
    assert_eq!((matrix(&app).row, matrix(&app).col), (0, 1));
    app.press("Enter");
    assert_eq!(app.mode(), Mode::Detail);
    assert_eq!(
        detail_id(&app),
        "mnd-denial",
        "the denial, before the clarification"
    );
    assert_eq!(app.focus(), Section::Responses, "the panes follow");
    app.press("Esc");
    assert_eq!(app.mode(), Mode::Matrix, "back to the matrix");

    app.press("j j l");
    assert_eq!((matrix(&app).row, matrix(&app).col), (2, 2));
    app.press("Enter");
    assert_eq!(detail_id(&app), "costs-kept-separate");
    app.press("Esc l Enter");
    assert_eq!(
        detail_id(&app),
        "costs-in-trade-talks",
        "a ● cell opens the claim"
    );
}

#[test]
fn matrix_enter_on_a_silent_cell_says_so() {
    let mut app = korea();
    app.press("m G l l Enter");
    assert_eq!(app.mode(), Mode::Matrix);
    let msg = app.message().map(str::to_string).unwrap_or_default();
    assert!(msg.contains("says nothing about `policy-review`"), "{msg}");
}

#[test]
fn matrix_opens_at_the_claim_in_focus_and_clamps_its_cursor() {
    let mut app = korea();
    app.press("j j j m");
    // costs-in-trade-talks is the fourth claim in the file and the third row.
    assert_eq!(matrix(&app).row, 2);
    app.press("G G j j l l l l l l");
    assert_eq!((matrix(&app).row, matrix(&app).col), (3, 3));
    app.press("g h h h h");
    assert_eq!((matrix(&app).row, matrix(&app).col), (0, 0));
}

#[test]
fn matrix_scrolls_columns_when_they_do_not_fit() {
    let mut app = App::new(doc("harbour-bridge-tolls.yaml"), Rect::new(0, 0, 60, 24));
    app.press("m");
    let m = matrix(&app);
    assert_eq!(m.left, 0);
    app.press("l l l l l l l l l");
    let m = matrix(&app);
    assert_eq!(m.col, 9);
    assert!(m.left > 0, "the last source scrolled into view: {m:?}");
    app.press("h h h h h h h h h");
    assert_eq!(matrix(&app).left, 0);
}

#[test]
fn timeline_walks_in_time_order_and_opens_items() {
    let mut app = korea();
    app.press("t");
    assert_eq!(app.mode(), Mode::Timeline);
    // Three WSJ claims on 22 May, then the ministry's denial on 23 May.
    app.press("j j j Enter");
    assert_eq!(detail_id(&app), "mnd-denial");
    app.press("Esc G Enter");
    assert_eq!(detail_id(&app), "strategic-flexibility");
}

#[test]
fn timeline_opens_at_the_item_in_focus() {
    let mut app = korea();
    app.press("2 t");
    match app.screen() {
        Some(Screen::Timeline(t)) => assert_eq!(t.cursor, 3, "mnd-denial is the fourth dated item"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn hiding_a_source_updates_panes_and_contradictions_and_comes_back() {
    let mut app = korea();
    assert_eq!(app.document().relations.pairs.len(), 5);
    // The claim in focus is the Journal's: the sources view opens on it.
    app.press("s");
    match app.screen() {
        Some(Screen::Sources(s)) => assert_eq!(s.cursor, 1),
        other => panic!("{other:?}"),
    }
    app.press("x");
    let b = app.briefing();
    assert_eq!(b.claims.len(), 1, "the Journal's three claims are hidden");
    assert!(
        b.find("mnd-denial").is_none(),
        "a denial of hidden claims only goes too"
    );
    assert_eq!(app.document().relations.pairs.len(), 2);
    assert_eq!(
        app.hidden()
            .map(|(n, c)| (n.to_string(), c.own + c.answers)),
        Some(("The Wall Street Journal".to_string(), 5))
    );
    assert_eq!(app.full_doc().briefing.claims.len(), 4);
    assert_eq!(app.mode(), Mode::Sources, "the view stays");

    // Everywhere: the matrix has lost its WSJ column and the timeline its 22 May.
    app.press("m");
    let cols = app.document().analysis().matrix.columns.len();
    assert_eq!(cols, 2);
    app.press("t");
    let days = app.document().analysis().timeline.days.len();
    assert_eq!(days, 1);

    app.press("s x");
    assert!(app.source_filter().is_none());
    assert_eq!(app.briefing().claims.len(), 4);
    assert_eq!(app.document().relations.pairs.len(), 5);
}

#[test]
fn hiding_another_source_replaces_the_filter() {
    let mut app = korea();
    app.press("s x j j x");
    assert_eq!(app.source_filter().map(|f| f.source.as_str()), Some("mnd"));
    assert_eq!(app.briefing().claims.len(), 4);
    assert_eq!(app.briefing().responses.len(), 1);
}

#[test]
fn a_reload_keeps_the_filter_on() {
    let mut app = korea();
    app.press("s x Esc");
    app.replace_doc(doc("korea-troops.yaml"));
    assert_eq!(app.source_filter().map(|f| f.source.as_str()), Some("wsj"));
    assert_eq!(app.briefing().claims.len(), 1);
    assert_eq!(app.full_doc().briefing.claims.len(), 4);
}

#[test]
fn help_lists_the_view_keys() {
    let groups = brief::app::keymap::help_groups(Mode::Panes);
    let text: Vec<String> = brief::view::overlay::help_lines(&groups, 200)
        .iter()
        .map(|l| l.text())
        .collect();
    let all = text.join("\n");
    for needle in [
        "stance matrix",
        "timeline: what each source said when",
        "sources: who said what",
        "hide this source's items everywhere",
        "Stance matrix",
        "Timeline",
        "Sources",
    ] {
        assert!(all.contains(needle), "help lacks {needle:?}");
    }
}

#[test]
fn hiding_the_source_of_the_open_detail_closes_it() {
    let mut app = korea();
    // The detail of the Journal's claim, the sources over it, hide the Journal.
    app.press("Enter s x");
    assert_eq!(app.mode(), Mode::Sources);
    app.press("Esc");
    assert_eq!(
        app.mode(),
        Mode::Panes,
        "no detail of a hidden item is left"
    );
    // Hiding another source keeps a detail that is still there.
    let mut app = korea();
    app.press("Enter s j j x Esc");
    assert_eq!(app.mode(), Mode::Detail);
    assert_eq!(detail_id(&app), "withdrawal-option");
}

/// A briefing with no sources at all: the sources view says so instead of an empty table.
#[test]
fn the_sources_view_of_a_briefing_without_sources_says_so() {
    let path = format!(
        "{}/tests/fixtures/reader/empty.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let loaded = load_str(&text).unwrap_or_else(|d| panic!("{path}: {d:?}"));
    let doc = Rc::new(Document::new(
        None,
        "empty.yaml".into(),
        loaded.briefing,
        loaded.warnings,
    ));
    let mut app = App::new(doc, Rect::new(0, 0, 80, 24));
    app.press("s");
    assert_eq!(app.mode(), Mode::Sources);
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24))
        .unwrap_or_else(|e| match e {});
    term.draw(|f| brief::ui::render(&app, f))
        .unwrap_or_else(|e| match e {});
    let screen: String = term
        .backend()
        .buffer()
        .content
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(
        screen.contains("This briefing declares no sources"),
        "{screen}"
    );
}

/// `/` in the matrix, timeline and sources says where search works instead of doing nothing.
#[test]
fn slash_in_an_analysis_view_says_where_search_works() {
    for key in ["m", "t", "s"] {
        let mut app = korea();
        app.press(key);
        let mode = app.mode();
        app.press("/");
        assert_eq!(app.mode(), mode, "`{key}` then /: the view stays");
        assert!(
            app.message().unwrap_or("").contains("Esc, then /"),
            "`{key}` then /: {:?}",
            app.message()
        );
    }
}

/// Hiding a source says what goes: its own items, and the responses that answered only them;
/// hiding a second source says the first is shown again.
#[test]
fn hiding_a_source_counts_its_items_and_the_answers_that_go_with_them() {
    let yaml = "title: T\ndate: 2025-05-23\nsources:\n  - id: a\n    name: Party A\n  - id: b\n    name: Board B\n  - id: c\n    name: Paper C\n\
                claims:\n  - id: a1\n    text: A says one.\n    source: a\n  - id: c1\n    text: C says two.\n    source: c\n\
                responses:\n  - id: b1\n    text: B denies A.\n    source: b\n    responds_to: [a1]\n    stance: denies\n\
                \x20 - id: b2\n    text: B denies C.\n    source: b\n    responds_to: [c1]\n    stance: denies\n\
                context: []\n";
    let loaded = load_str(yaml).unwrap_or_else(|d| panic!("{d:?}"));
    let doc = Rc::new(Document::new(
        None,
        "t.yaml".into(),
        loaded.briefing,
        loaded.warnings,
    ));
    let mut app = App::new(doc, Rect::new(0, 0, 120, 40));
    app.press("s");
    let row = |app: &App, name: &str| {
        app.full_doc()
            .analysis()
            .sources
            .iter()
            .position(|s| {
                s.source
                    .and_then(|i| app.full_doc().briefing.sources.get(i))
                    .is_some_and(|x| x.name == name)
            })
            .unwrap_or_else(|| panic!("no row for {name}"))
    };
    // Selects the source's row in the Sources view and presses x; returns the message.
    let hide = |app: &mut App, name: &str| {
        let at = row(app, name);
        app.press("g");
        for _ in 0..at {
            app.press("j");
        }
        app.press("x");
        app.message().map(str::to_string).unwrap_or_default()
    };
    let message = hide(&mut app, "Party A");
    assert!(
        message.starts_with("hiding Party A: 1 item + 1 answer"),
        "{message}"
    );
    let message = hide(&mut app, "Paper C");
    assert!(
        message.starts_with("hiding Paper C: 1 item + 1 answer"),
        "{message}"
    );
    assert!(message.ends_with("(Party A shown again)"), "{message}");
}
