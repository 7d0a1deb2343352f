//! The side-by-side view as a user drives it: picking any two items with `v` from the panes and
//! the detail, the boxes' focus and scroll at 80×24, the search counter over what `n` steps,
//! and `Esc` back to the panes as they were left.
//!
//! `tests/fixtures/reader/ferry-toll.yaml`:
//! - claims: 0 toll-seven (17 lines at 80 columns), 1 overload
//! - responses: 0 bodies-eleven (disputes toll-seven), 1 manifest-ok (denies overload)
//! - context: 0 licence
//! - pairs: 0 toll-seven ↔ bodies-eleven (with a declared note), 1 overload ↔ manifest-ok

use crate::support::*;
use brief::app::{App, PairsState, Screen, Side};
use brief::briefing::{ItemRef, Section};
use brief::view::layout;
use brief::view::pairs::{self, Part, Subject};

fn claim(i: usize) -> ItemRef {
    ItemRef::new(Section::Claims, i)
}
fn response(i: usize) -> ItemRef {
    ItemRef::new(Section::Responses, i)
}
fn context(i: usize) -> ItemRef {
    ItemRef::new(Section::Context, i)
}

#[track_caller]
fn pairs_of(app: &App) -> PairsState {
    match app.screen() {
        Some(Screen::Contradictions(p)) => *p,
        other => panic!("expected the side-by-side view, got {other:?}"),
    }
}

fn lay(app: &App) -> pairs::Layout {
    pairs::layout(&app.ctx(), &pairs_of(app).shown(), layout::body(app.size()))
}

#[test]
fn v_in_the_panes_marks_an_item_and_v_on_another_compares_the_two() {
    let mut app = reader(FERRY, 120, 40);
    app.press("v");
    assert_eq!(app.marked(), Some(claim(0)));
    let msg = app.message().unwrap_or_default().to_string();
    assert!(msg.contains("Esc cancels"), "{msg}");
    let shown = screen(&app);
    assert!(
        shown.contains("◆ Seven people"),
        "the gutter marks it:\n{shown}"
    );
    assert!(
        shown.contains("Esc cancels"),
        "the status bar says how to cancel:\n{shown}"
    );
    // To the context pane: the licence is in no contradiction with the claim.
    app.press("3 v");
    let p = pairs_of(&app);
    assert_eq!(p.chosen, Some((claim(0), context(0))));
    assert_eq!(p.subject(), Subject::Chosen(claim(0), context(0)));
    assert_eq!(app.marked(), None, "the mark is used up");
    let shown = screen(&app);
    assert!(shown.contains("Compared · Claim vs Context"), "{shown}");
    assert!(shown.contains("two items compared"), "{shown}");
    // Esc: the panes as they were left, the context pane in focus.
    app.press("Esc");
    assert!(app.screens().is_empty());
    assert_eq!(app.focus(), Section::Context);
    assert_eq!(app.selected_indices(), [0, 0, 0]);
}

#[test]
fn esc_cancels_a_mark_without_leaving_the_panes() {
    let mut app = reader(FERRY, 120, 40);
    app.press("j v");
    assert_eq!(app.marked(), Some(claim(1)));
    app.press("Esc");
    assert_eq!(app.marked(), None);
    assert_eq!(app.message(), Some("comparison cancelled"));
    assert!(app.screens().is_empty());
    // v twice on the same item unmarks it.
    app.press("v v");
    assert_eq!(app.marked(), None);
}

#[test]
fn v_from_the_detail_compares_and_two_items_the_file_pairs_open_their_pair() {
    let mut app = reader(FERRY, 120, 40);
    // From the detail of the overload claim (Backspace goes back: Esc would cancel the mark),
    // then the response that denies it.
    app.press("j Enter v Backspace 2 j v");
    let p = pairs_of(&app);
    assert_eq!(p.chosen, None, "the file declares them a contradiction");
    assert_eq!(p.index, 1);
    assert_eq!(p.side, Side::Left, "the marked item's side has the focus");
    assert!(
        app.message()
            .unwrap_or_default()
            .contains("contradiction 2"),
        "{:?}",
        app.message()
    );
    // Two responses: each stance names what it answers, as they do not answer each other.
    let mut app = reader(FERRY, 120, 40);
    app.press("2 Enter v Backspace j v");
    assert_eq!(pairs_of(&app).chosen, Some((response(0), response(1))));
    let shown = screen(&app);
    assert!(shown.contains("± disputes toll-seven"), "{shown}");
    assert!(shown.contains("✗ denies overload"), "{shown}");
}

#[test]
fn a_side_marked_in_the_view_compares_with_an_item_picked_after() {
    let mut app = reader(FERRY, 120, 40);
    app.press("c l v");
    assert_eq!(app.marked(), Some(response(0)));
    // c goes back to the panes with the mark kept (Esc would cancel it).
    app.press("c");
    assert_eq!(app.marked(), Some(response(0)));
    assert!(app.screens().is_empty());
    app.press("3 v");
    assert_eq!(pairs_of(&app).chosen, Some((response(0), context(0))));
}

#[test]
fn enter_on_a_side_then_esc_twice_leaves_the_panes_as_they_were() {
    let mut app = reader(FERRY, 120, 40);
    // The panes: claims in focus, the second claim selected.
    app.press("j c");
    let before = (app.focus(), app.selected_indices(), app.top_indices());
    app.press("l Enter");
    assert!(matches!(app.screen(), Some(Screen::Detail(_))));
    app.press("Esc");
    assert_eq!(pairs_of(&app).side, Side::Right);
    app.press("Esc");
    assert!(app.screens().is_empty());
    assert_eq!(
        (app.focus(), app.selected_indices(), app.top_indices()),
        before,
        "focus and selection as they were left"
    );
    // c out of the view does the same.
    app.press("c l Enter Esc c");
    assert!(app.screens().is_empty());
    assert_eq!((app.focus(), app.selected_indices()), (before.0, before.1));
}

#[test]
fn at_80x24_each_side_shows_8_lines_and_the_note_2_and_every_box_scrolls_to_its_end() {
    let mut app = reader(FERRY, 80, 24);
    app.press("c");
    let l = lay(&app);
    assert_eq!(l.areas.left.x, l.areas.right.x, "stacked below 100 columns");
    for part in [Part::Left, Part::Right] {
        assert!(l.rows(part) >= 8, "{part:?} shows {} lines", l.rows(part));
        assert!(l.max_scroll(part) > 0, "{part:?} runs past its box");
    }
    assert!(
        l.rows(Part::Note) >= 2,
        "the note shows {}",
        l.rows(Part::Note)
    );
    let first = screen(&app);
    assert!(
        first.contains("1–8/"),
        "the left side says where it stands:\n{first}"
    );
    // Ctrl-d scrolls the left side; Space pages; G is the last pair, not the end of the text.
    app.press("Ctrl-d");
    assert_eq!(pairs_of(&app).scroll[0], 4);
    for _ in 0..10 {
        app.press("Space");
    }
    let p = pairs_of(&app);
    assert_eq!(p.scroll[0], l.max_scroll(Part::Left), "stops at the end");
    assert_eq!(p.scroll[1], 0, "the other side stays");
    let end = screen(&app);
    assert!(
        end.contains("#toll-seven"),
        "the end of the left side:\n{end}"
    );
    // Tab: the right side, then the note.
    app.press("Tab");
    assert_eq!(pairs_of(&app).focus(), Part::Right);
    for _ in 0..10 {
        app.press("PgDn");
    }
    assert_eq!(pairs_of(&app).scroll[1], l.max_scroll(Part::Right));
    assert!(screen(&app).contains("#bodies-eleven"));
    app.press("Tab");
    assert_eq!(pairs_of(&app).focus(), Part::Note);
    for _ in 0..20 {
        app.press("Ctrl-d");
    }
    assert_eq!(pairs_of(&app).scroll[2], l.max_scroll(Part::Note));
    let note_end = screen(&app);
    assert!(
        note_end.contains("higher than both."),
        "the note's last words:\n{note_end}"
    );
    app.press("Ctrl-u");
    assert!(pairs_of(&app).scroll[2] < l.max_scroll(Part::Note));
    // A new pair starts at the top of every box.
    app.press("j");
    assert_eq!(pairs_of(&app).scroll, [0, 0, 0]);
}

#[test]
fn every_cut_row_ends_in_an_ellipsis_at_80x24_and_60x20() {
    for (w, h) in [(80, 24), (60, 20), (30, 10)] {
        let mut app = reader(FERRY, w, h);
        app.press("c");
        let l = lay(&app);
        let buf = draw(&app);
        for part in Part::ALL {
            let area = l.areas.of(part);
            if area.height < 2 || l.max_scroll(part) == 0 {
                continue;
            }
            let last = area.bottom() - 1;
            let row: String = (area.x..area.right())
                .map(|x| buf[(x, last)].symbol().to_string())
                .collect();
            assert!(
                row.trim_end().ends_with('…'),
                "{w}×{h} {part:?}: its last row is cut without an ellipsis: {row:?}"
            );
        }
    }
}

#[test]
fn the_search_counter_counts_what_n_steps_over_in_the_view() {
    let mut app = reader(FERRY, 120, 40);
    // "240" is in toll-seven, bodies-eleven and manifest-ok once each (and in the context,
    // which is in no pair).
    app.press("c / 240 Enter");
    let total = app.search_counter().unwrap_or_default();
    assert_eq!(total, "1/3", "the first match, in the pair on screen");
    let mut seen = vec![];
    for _ in 0..3 {
        app.press("n");
        seen.push(app.search_counter().unwrap_or_default());
    }
    assert_eq!(seen, ["2/3", "3/3", "1/3"]);
    assert_eq!(app.message(), Some("search wrapped"));
    app.press("N");
    assert_eq!(app.search_counter().as_deref(), Some("3/3"));
    assert_eq!(
        pairs_of(&app).index,
        1,
        "the match in manifest-ok is in pair 2"
    );
    assert_eq!(pairs_of(&app).side, Side::Right);
}

/// How a style looks on a cell: its colour and its modifiers.
fn look(s: ratatui::style::Style) -> (ratatui::style::Color, ratatui::style::Modifier) {
    (s.fg.unwrap_or_default(), s.add_modifier)
}

/// How the cells showing `needle` in `area` look: every cell the same, else the test fails.
#[track_caller]
fn style_of(
    buf: &ratatui::buffer::Buffer,
    area: ratatui::layout::Rect,
    needle: &str,
) -> (ratatui::style::Color, ratatui::style::Modifier) {
    let cells = cells_in(buf, area, needle);
    assert!(!cells.is_empty(), "`{needle}` is not in {area:?}");
    let first = look(buf[cells[0]].style());
    for &c in &cells {
        assert_eq!(
            look(buf[c].style()),
            first,
            "`{needle}` is drawn in one style"
        );
    }
    first
}

#[test]
fn seven_killed_against_11_bodies_is_a_conflict_and_the_date_both_give_agrees() {
    use brief::ui::theme;
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = reader(FERRY, w, h);
        app.press("c");
        let buf = draw(&app);
        let a = lay(&app).areas;
        let (left, right) = (below_title(a.left), below_title(a.right));
        let conflict = theme::style(brief::view::Kind::FigureConflict);
        let agree = theme::style(brief::view::Kind::FigureAgree);
        let only = theme::style(brief::view::Kind::FigureOnly);
        let base = ratatui::style::Style::default();
        assert_eq!(style_of(&buf, left, "Seven"), look(conflict), "{w}×{h}");
        assert_eq!(style_of(&buf, right, "11"), look(conflict), "{w}×{h}");
        assert_eq!(style_of(&buf, left, "15 March"), look(agree), "{w}×{h}");
        assert_eq!(style_of(&buf, right, "15 March"), look(agree), "{w}×{h}");
        assert_eq!(style_of(&buf, left, "310"), look(only), "{w}×{h}");
        assert_ne!(conflict, agree);
        assert_ne!(agree, only);
        // Words around them are plain.
        assert_eq!(style_of(&buf, left, "people"), look(base));
        let shown = screen(&app);
        assert!(shown.contains("Figures differ: deaths: 7 ↔ 11"), "{shown}");
        assert!(shown.contains("Both give:"), "{shown}");
        // The grading of each side: the wire agency is B, the item 3; the coast guard A, 2.
        assert!(shown.contains("B3 · 1 source · anonymous"), "{shown}");
        assert!(shown.contains("A2"), "{shown}");
        assert_eq!(
            style_of(&buf, a.left, "B3"),
            look(
                theme::style(brief::view::Kind::PaneTitleFocused)
                    .patch(theme::style(brief::view::Kind::Grade))
            ),
        );
    }
}

/// Snapshots the frame as `{name}_{w}x{h}` after `keys`.
#[track_caller]
fn snap(name: &str, rel: &str, keys: &str, (w, h): (u16, u16), what: &str) {
    let mut app = reader(rel, w, h);
    app.press(keys);
    let frame = screen(&app);
    insta::with_settings!({
        description => format!("{rel} at {w}×{h} after `{keys}`: {what}"),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), frame);
    });
}

#[test]
fn frames_of_the_mark_and_compare_flow() {
    for size in [(120, 40), (80, 24)] {
        snap(
            "compare_marked",
            FERRY,
            "v",
            size,
            "the claim marked: ◆ in the gutter, the bar says how to cancel",
        );
        snap(
            "compare_chosen",
            FERRY,
            "v 3 v",
            size,
            "the claim and the context item it was compared with",
        );
        snap(
            "compare_responses",
            FERRY,
            "2 v j v",
            size,
            "two responses: each stance names what it answers",
        );
        snap(
            "compare_pair",
            FERRY,
            "c",
            size,
            "contradiction 1/2: deaths 7 ↔ 11, the sides and the note scroll",
        );
        snap(
            "compare_pair_note_end",
            FERRY,
            "c Tab Tab PgDn PgDn PgDn PgDn",
            size,
            "the note scrolled to its end",
        );
    }
    snap(
        "compare_pair",
        FERRY,
        "c",
        (60, 20),
        "stacked at 60×20: each box shows what fits, every cut ends in …",
    );
}

#[test]
fn the_help_of_the_view_gives_its_keys_and_its_legend_in_the_legend_s_styles() {
    use brief::ui::theme;
    // Tall enough for the view's whole group, which comes first.
    let mut app = reader(FERRY, 120, 60);
    app.press("c ?");
    let buf = draw(&app);
    let shown = rows(&buf).join("\n");
    for words in [
        "Contradictions",
        "focus the next box",
        "scroll the focused box half a page down",
        "mark this item to compare",
        "a figure the other side gives a different value for",
        "a figure both sides give the same",
        "a figure only this side gives",
        "the source's reliability (A–F)",
    ] {
        assert!(shown.contains(words), "`{words}` in the help:\n{shown}");
    }
    let sample = |word: &str| {
        let cells = cells_in(&buf, buf.area, &format!("  {word} "));
        assert!(!cells.is_empty(), "`{word}` in the help");
        look(buf[cells[2]].style())
    };
    assert_eq!(
        sample("differ"),
        look(theme::style(brief::view::Kind::FigureConflict))
    );
    assert_eq!(
        sample("agree"),
        look(theme::style(brief::view::Kind::FigureAgree))
    );
    assert_eq!(
        sample("one side"),
        look(theme::style(brief::view::Kind::FigureOnly))
    );
}

#[test]
fn two_items_compare_in_a_briefing_without_contradictions() {
    let mut app = reader(NO_CONTRADICTIONS, 120, 40);
    app.press("v j v");
    let p = pairs_of(&app);
    assert_eq!(p.chosen, Some((claim(0), claim(1))));
    let shown = screen(&app);
    assert!(shown.contains("Compared · Claim vs Claim"), "{shown}");
    assert!(
        !shown.contains("This briefing has no contradictions"),
        "{shown}"
    );
    // j/k have no pairs to step here: the bar says how to leave instead.
    app.press("j");
    assert!(
        app.message().unwrap_or_default().contains("Esc goes back"),
        "{:?}",
        app.message()
    );
    // c goes to the briefing's contradictions: there are none, and the view says so.
    app.press("c");
    assert!(screen(&app).contains("This briefing has no contradictions"));
}

#[test]
fn h_and_l_go_to_the_left_and_right_sides_and_stay_at_the_edge() {
    let mut app = reader(FERRY, 80, 24);
    app.press("c");
    assert_eq!(pairs_of(&app).focus(), Part::Left);
    app.press("h");
    assert_eq!(
        pairs_of(&app).focus(),
        Part::Left,
        "h at the left side stays"
    );
    app.press("l l");
    assert_eq!(
        pairs_of(&app).focus(),
        Part::Right,
        "l at the right side stays"
    );
    app.press("Tab");
    assert_eq!(pairs_of(&app).focus(), Part::Note);
    app.press("h");
    assert_eq!(
        pairs_of(&app).focus(),
        Part::Left,
        "from the box, h is the left side"
    );
    app.press("Tab Tab →");
    assert_eq!(pairs_of(&app).focus(), Part::Right);
    app.press("←");
    assert_eq!(pairs_of(&app).focus(), Part::Left);
    // v marks the side in focus.
    app.press("h v");
    assert_eq!(app.marked(), Some(claim(0)));
}

#[test]
fn backspace_in_the_view_goes_back_where_it_came_from() {
    let mut app = reader(FERRY, 120, 40);
    // From the detail's list of contradictions.
    app.press("Enter j Enter");
    assert!(matches!(app.screen(), Some(Screen::Contradictions(_))));
    app.press("Backspace");
    assert!(
        matches!(app.screen(), Some(Screen::Detail(_))),
        "back to the detail"
    );
    app.press("Backspace");
    assert!(app.screens().is_empty());
    app.press("c Ctrl-o");
    assert!(app.screens().is_empty(), "Ctrl-o too");
}

#[test]
fn a_reload_keeps_the_pair_on_screen_when_the_pairs_are_renumbered() {
    let text = std::fs::read_to_string(repo_path(FERRY)).unwrap();
    let mut app = App::new(
        doc_from_yaml("ferry.yaml", &text),
        ratatui::layout::Rect::new(0, 0, 120, 40),
    );
    app.press("c j");
    let shown = |app: &App| {
        let p = pairs_of(app);
        let (l, r) = p.subject().items(&app.ctx()).unwrap();
        let b = &app.document().briefing;
        (b.item(l).unwrap().id.clone(), b.item(r).unwrap().id.clone())
    };
    assert_eq!(shown(&app), ("overload".into(), "manifest-ok".into()));
    assert_eq!(pairs_of(&app).index, 1);
    // A pair declared in the file sorts before it: the pairs are renumbered.
    let edited = format!("{text}  - between: [toll-seven, licence]\n");
    app.replace_doc(std::rc::Rc::new(doc_from_yaml("ferry.yaml", &edited)));
    assert_eq!(app.document().relations.pairs.len(), 3);
    assert_eq!(shown(&app), ("overload".into(), "manifest-ok".into()));
    assert_eq!(pairs_of(&app).index, 2, "renumbered, the same pair");
}

#[test]
fn long_figure_lists_wrap_under_their_label() {
    let mut y = String::from(
        "title: T\ndate: 2025-01-01\nclaims:\n  - id: a\n    text: >-\n      Costs of",
    );
    let mut z = String::from("responses:\n  - id: b\n    stance: disputes\n    responds_to: [a]\n    text: >-\n      Costs of");
    for i in 1..=20 {
        y.push_str(&format!(" ${i}0m,"));
        z.push_str(&format!(" ${i}5m,"));
    }
    y.push_str(" in all.\n");
    z.push_str(" in all.\ncontext: []\n");
    let yaml = format!("{y}{z}");
    let mut app = App::new(
        doc_from_yaml("costs.yaml", &yaml),
        ratatui::layout::Rect::new(0, 0, 80, 40),
    );
    app.press("c");
    let l = lay(&app);
    let note: Vec<String> = l.part(Part::Note).all().iter().map(|x| x.text()).collect();
    let rows: Vec<&String> = note.iter().filter(|t| t.contains('$')).collect();
    assert!(rows.len() >= 3, "the list of 40 amounts wraps: {note:#?}");
    assert!(rows[0].starts_with("Figures differ: "), "{note:#?}");
    for r in &rows[1..] {
        assert!(r.starts_with("                "), "under the label: {r:?}");
        assert!(!r.ends_with('…'), "nothing cut: {r:?}");
    }
    let all = note.join(" ");
    assert!(
        all.contains("$200m") && all.contains("$205m"),
        "the last amounts too: {all}"
    );
}

#[test]
fn stacked_sides_share_short_rows_evenly() {
    let mut app = reader(FERRY, 60, 20);
    app.press("c");
    let l = lay(&app);
    let (a, b) = (l.rows(Part::Left), l.rows(Part::Right));
    assert!(a.abs_diff(b) <= 1, "left {a}, right {b}");
    assert!(l.rows(Part::Note) >= 2);
}

#[test]
fn an_empty_attribution_or_quote_draws_no_row() {
    let yaml = "title: T\ndate: 2025-01-01\nclaims:\n  - id: a\n    text: Seven dead.\n    attribution: \"\"\n    quote: \"  \"\n  - id: b\n    text: Eleven dead.\nresponses: []\ncontext: []\ncontradictions:\n  - between: [a, b]\n";
    let mut app = App::new(
        doc_from_yaml("e.yaml", yaml),
        ratatui::layout::Rect::new(0, 0, 120, 40),
    );
    app.press("c");
    let shown = screen(&app);
    assert!(
        !shown.contains("Citing:") && !shown.contains("Quote:"),
        "{shown}"
    );
}

/// Two texts of `bytes` of figures each (`12 ships docked on 3 March, …`), the left ending
/// with seven killed and the right with eleven, the right disputing the left.
fn long_pair(bytes: usize) -> String {
    let mut base = String::new();
    let mut i = 0;
    while base.len() < bytes {
        base.push_str(&format!("{i} ships docked on {} March, ", i % 28 + 1));
        i += 1;
    }
    format!(
        "title: Long\ndate: 2025-01-01\nclaims:\n  - id: left\n    text: \"{base}and seven people were killed.\"\n\
         responses:\n  - id: right\n    text: \"{base}and 11 people were killed.\"\n    responds_to: [left]\n    stance: disputes\ncontext: []\n"
    )
}

#[test]
fn two_long_texts_are_shown_at_once_and_marked_when_their_comparison_ends() {
    // 2 × 300 KB: over the 64 KB at which the comparison runs on a thread of its own (in a
    // debug build it takes seconds; drawing the texts does not wait for it).
    let doc = doc_from_yaml("long", &long_pair(300 * 1024));
    let mut app = App::new(doc, ratatui::layout::Rect::new(0, 0, 120, 40));
    app.press("c");
    let first = screen(&app);
    assert!(
        app.ctx().doc.comparing(),
        "the comparison is still running:\n{first}"
    );
    assert!(
        first.contains("Comparing the figures of the two texts…"),
        "{first}"
    );
    assert!(first.contains("0 ships docked on 1 March"), "{first}");
    // The view answers keys meanwhile: the left side scrolls.
    app.press("Ctrl-d");
    assert!(pairs_of(&app).scroll[0] > 0);
    let start = std::time::Instant::now();
    while app.ctx().doc.comparing() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(300),
            "the comparison never ended"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        app.ctx().doc.collect_comparisons();
    }
    let done = screen(&app);
    assert!(!done.contains("Comparing the figures"), "{done}");
    assert!(done.contains("Figures differ:"), "{done}");
    assert!(done.contains("7 ↔ 11"), "the conflict is listed:\n{done}");
}
