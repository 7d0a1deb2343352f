//! Every match the search counts can be seen: matches in an item's quote, source name,
//! attribution and date, in a contradiction's note, and in the title and date of the briefing
//! are highlighted where the view draws that field, and an item whose match is in a field the
//! view leaves out is marked (`⌕ quote`). `n`/`N` land on each match and bring it into view,
//! in the detail too. Keys go through the real key table; styles are read from drawn cells.
//!
//! `briefings/korea-troops.yaml`: claim 0 (withdrawal-option, The Wall Street Journal,
//! 2025-05-22) quotes "weighing a withdrawal of thousands of American troops from South Korea";
//! claims 0–2 cite "unnamed US defence officials familiar with the discussions"; the first
//! declared contradiction's note (pair 0) ends "need not have been raised with Seoul yet".

use crate::libsupport;

use crate::support::*;
use brief::app::{App, Screen};
use brief::briefing::search::{Field, Place};
use brief::briefing::{ItemRef, Section};
use brief::ui::theme;
use brief::view::layout;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

const CLAIMS: Section = Section::Claims;

#[track_caller]
fn current(app: &App) -> brief::briefing::search::Match {
    match app.current_match() {
        Some(m) => m,
        None => panic!("no current match ({})", search(app).counter()),
    }
}

fn expected(rel: &str, needle: &str) -> usize {
    libsupport::count(
        &libsupport::searchable_texts(&libsupport::read(rel)),
        needle,
    )
}

fn same_colours(a: Style, b: Style) -> bool {
    (a.fg, a.bg) == (b.fg, b.bg)
}

/// The cells of `area` drawn in `style`'s colours.
fn cells_styled(buf: &Buffer, area: Rect, style: Style) -> Vec<(u16, u16)> {
    let area = area.intersection(buf.area);
    let mut out = Vec::new();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if same_colours(buf[(x, y)].style(), style) {
                out.push((x, y));
            }
        }
    }
    out
}

/// The text drawn in `style` on screen, row by row, runs joined by `|`.
fn text_styled(buf: &Buffer, area: Rect, style: Style) -> String {
    let cells = cells_styled(buf, area, style);
    let mut out = String::new();
    let mut last: Option<(u16, u16)> = None;
    for (x, y) in cells {
        if let Some((lx, ly)) = last {
            if ly != y || lx + 1 != x {
                out.push('|');
            }
        }
        out.push_str(buf[(x, y)].symbol());
        last = Some((x, y));
    }
    out
}

#[track_caller]
fn assert_cells(buf: &Buffer, cells: &[(u16, u16)], want: Style, what: &str) {
    assert!(!cells.is_empty(), "{what}: not on screen");
    for &(x, y) in cells {
        let got = buf[(x, y)].style();
        assert!(
            same_colours(got, want),
            "{what}: cell ({x},{y}) `{}` is {got:?}, not {want:?}\n{}",
            buf[(x, y)].symbol(),
            rows(buf).join("\n")
        );
    }
}

// ---- fields the panes draw: source name and date ----

#[test]
fn matches_in_source_names_and_dates_are_highlighted_in_the_panes() {
    let mut app = reader(KOREA, 120, 40);
    app.press("/ wall Space street");
    assert_eq!(search(&app).matches.len(), expected(KOREA, "wall street"));
    let m = current(&app);
    assert_eq!(
        (m.place, m.field),
        (Place::Item(ItemRef::new(CLAIMS, 0)), Field::Source)
    );
    let buf = draw(&app);
    let pane = layout::pane_area(app.size(), CLAIMS);
    // The current one in claim 0's meta line, the others (claims 1 and 2) as plain matches.
    assert_eq!(text_styled(&buf, pane, theme::MATCH_CURRENT), "Wall Street");
    assert_eq!(
        text_styled(&buf, pane, theme::MATCH),
        "Wall Street|Wall Street",
        "{}",
        rows(&buf).join("\n")
    );
    let mut app = reader(KOREA, 120, 40);
    app.press("/ 2025-05-22");
    let m = current(&app);
    assert_eq!(
        (m.place, m.field),
        (Place::Item(ItemRef::new(CLAIMS, 0)), Field::Date)
    );
    let buf = draw(&app);
    let cells = cells_styled(
        &buf,
        layout::pane_area(app.size(), CLAIMS),
        theme::MATCH_CURRENT,
    );
    assert_eq!(cells.len(), "2025-05-22".len(), "the date, and only it");
}

// ---- fields the panes leave out: quote and attribution ----

#[test]
fn a_match_in_a_quote_marks_the_item_in_the_panes_and_shows_in_the_detail() {
    let mut app = reader(KOREA, 120, 40);
    app.press("/ weighing");
    assert_eq!(search(&app).counter(), "1/1");
    let m = current(&app);
    assert_eq!(
        (m.place, m.field),
        (Place::Item(ItemRef::new(CLAIMS, 0)), Field::Quote)
    );
    assert_eq!(app.message(), Some("match in the quote (Enter shows it)"));
    let buf = draw(&app);
    let pane = layout::pane_area(app.size(), CLAIMS);
    let mark = cells_in(&buf, pane, "⌕ quote");
    assert_cells(&buf, &mark, theme::MATCH_CURRENT, "the quote mark");
    // Enter keeps the search, and the status bar, now shown, says where the match is…
    app.press("Enter");
    assert_eq!(app.message(), Some("match in the quote (Enter shows it)"));
    assert!(screen(&app).contains("match in the quote (Enter shows it)"));
    // …and Enter again opens the detail, where the quote is, the word highlighted.
    app.press("Enter");
    assert!(matches!(app.screen(), Some(Screen::Detail(_))));
    let buf = draw(&app);
    let screen = rows(&buf).join("\n");
    assert!(
        screen.contains("Quote       “weighing a withdrawal"),
        "{screen}"
    );
    assert_eq!(
        text_styled(&buf, buf.area, theme::MATCH_CURRENT),
        "weighing"
    );
    assert!(
        !screen.contains("⌕"),
        "the detail draws every field: no marks\n{screen}"
    );
}

#[test]
fn attribution_matches_mark_each_item_and_the_current_one_stands_out() {
    let mut app = reader(KOREA, 120, 40);
    app.press("/ familiar Space with");
    let total = expected(KOREA, "familiar with");
    assert_eq!(search(&app).counter(), format!("1/{total}"));
    assert_eq!(current(&app).field, Field::Attribution);
    let pane = layout::pane_area(app.size(), CLAIMS);
    // One mark in the current match's style, the others in the match style.
    let marks = |app: &App| {
        let buf = draw(app);
        assert_eq!(
            text_styled(&buf, pane, theme::MATCH_CURRENT),
            "⌕ attribution"
        );
        let others = text_styled(&buf, pane, theme::MATCH);
        assert_eq!(
            others.matches("⌕ attribution").count(),
            total - 1,
            "{others}"
        );
    };
    marks(&app);
    // n makes claim 1's mark the current one.
    app.press("Enter n");
    assert_eq!(current(&app).place, Place::Item(ItemRef::new(CLAIMS, 1)));
    assert_eq!(app.selected_index(Section::Claims), 1);
    marks(&app);
    // In the detail the attribution line itself is highlighted.
    app.press("Enter");
    let buf = draw(&app);
    let screen = rows(&buf).join("\n");
    assert!(
        screen.contains("Citing      unnamed US defence officials familiar with"),
        "{screen}"
    );
    assert_eq!(
        text_styled(&buf, buf.area, theme::MATCH_CURRENT),
        "familiar with"
    );
}

// ---- the whole tour: each match visible when n lands on it ----

/// Whether the current match is drawn, in the current-match style, on screen.
fn current_is_drawn(app: &App) -> bool {
    let buf = draw(app);
    !cells_styled(&buf, buf.area, theme::MATCH_CURRENT).is_empty()
}

#[test]
fn n_lands_on_every_match_and_each_is_drawn_in_the_panes_the_detail_and_the_contradictions() {
    let cases: [(&str, &[&str]); 2] = [
        (KOREA, &["korea", "us", "2025-05", "yonhap", "the", "of"]),
        (
            HARBOUR,
            &["the", "20", "of", "통행료", "ministry", "bridge"],
        ),
    ];
    for (rel, queries) in cases {
        for &query in queries {
            for size in [(120, 40), (80, 24), (60, 16), (40, 12)] {
                // The panes, the detail, the contradictions view (which steps pair by pair).
                for start in ["", "Enter", "c"] {
                    let mut app = reader(rel, size.0, size.1);
                    app.press(start);
                    app.press(&format!("/ {query} Enter"));
                    let total = search(&app).matches.len();
                    assert_eq!(total, expected(rel, query), "/{query}");
                    for step in 0..total {
                        let m = current(&app);
                        // The summary is shown by `i`, a note by the contradictions view:
                        // elsewhere the status bar says where the match is.
                        let drawn_here = match m.place {
                            Place::Item(_) => true,
                            Place::Header => m.field != Field::Summary,
                            Place::Contradiction(_) => start == "c",
                        };
                        if drawn_here {
                            assert!(
                                current_is_drawn(&app),
                                "{rel} {size:?} `{start}` /{query}: match {} ({m:?}) is not on \
                                 screen at step {step}:\n{}",
                                search(&app).counter(),
                                screen(&app)
                            );
                        } else {
                            assert!(
                                app.message().is_some(),
                                "/{query} {m:?}: the status bar says"
                            );
                        }
                        app.press("n");
                    }
                }
            }
        }
    }
}

#[test]
fn n_in_the_detail_scrolls_to_a_match_below_the_fold() {
    // 80×24: claim 0's detail is longer than the screen, its quote and date below the text.
    let mut app = reader(KOREA, 80, 12);
    app.press("Enter / weighing");
    let Some(Screen::Detail(d)) = app.screen().cloned() else {
        panic!("expected the detail")
    };
    assert!(d.scroll > 0, "the detail scrolled to the quote");
    assert!(current_is_drawn(&app), "{}", screen(&app));
    // g goes back to the top; n brings the quote back into view.
    app.press("Enter g");
    assert!(!current_is_drawn(&app));
    app.press("n");
    assert!(current_is_drawn(&app), "{}", screen(&app));
}

// ---- the contradictions view ----

#[test]
fn a_match_only_in_a_note_is_landed_on_and_highlighted_in_the_contradictions_view() {
    let mut app = reader(KOREA, 120, 40);
    // From the last pair: "raised" is only in the first pair's note.
    app.press("c G / raised");
    assert_eq!(search(&app).counter(), "1/1");
    assert_eq!(current(&app).place, Place::Contradiction(0));
    let Some(Screen::Contradictions(p)) = app.screen().cloned() else {
        panic!("expected the contradictions view")
    };
    assert_eq!(p.index, 0, "the pair whose note holds it");
    let buf = draw(&app);
    // In the note's box, and in the strip of all pairs, where the note is cut before it: the
    // `…` that stands for the rest of the note is marked.
    assert_eq!(
        text_styled(&buf, buf.area, theme::MATCH_CURRENT),
        "…|raised"
    );
    // Found again with n, from another pair.
    app.press("Enter k k n");
    let Some(Screen::Contradictions(p)) = app.screen().cloned() else {
        panic!("expected the contradictions view")
    };
    assert_eq!(p.index, 0);
    assert_eq!(app.message(), Some("search wrapped"));
}

#[test]
fn the_sides_draw_quotes_and_highlight_source_names_in_their_titles() {
    let mut app = reader(KOREA, 120, 40);
    app.press("c / weighing Enter");
    let buf = draw(&app);
    let screen = rows(&buf).join("\n");
    assert!(screen.contains("Quote: “"), "{screen}");
    assert!(
        !screen.contains("⌕ quote"),
        "the quote is drawn, not marked:\n{screen}"
    );
    assert_eq!(
        text_styled(&buf, buf.area, theme::MATCH_CURRENT),
        "weighing"
    );
    let mut app = reader(KOREA, 120, 40);
    app.press("c / ministry Space of");
    let buf = draw(&app);
    let titles = text_styled(&buf, buf.area, theme::MATCH_CURRENT);
    assert_eq!(titles, "Ministry of", "{}", rows(&buf).join("\n"));
}

// ---- the header and the info overlay ----

#[test]
fn matches_in_the_title_are_highlighted_in_the_header_and_the_summary_in_the_info() {
    let mut app = reader(KOREA, 120, 40);
    // In the title and in the first note: from claim 0 the note comes first, the title plain.
    app.press("/ denies Space talks Enter");
    assert_eq!(current(&app).place, Place::Contradiction(0));
    let header = Rect::new(0, 0, 120, 1);
    let buf = draw(&app);
    assert_eq!(text_styled(&buf, header, theme::MATCH), "denies talks");
    app.press("N");
    let m = current(&app);
    assert_eq!((m.place, m.field), (Place::Header, Field::Title));
    let buf = draw(&app);
    assert_eq!(
        text_styled(&buf, header, theme::MATCH_CURRENT),
        "denies talks"
    );
    // "pentagon" is in the summary: `i` shows it highlighted.
    let mut app = reader(KOREA, 120, 40);
    app.press("/ pentagon Enter N");
    assert_eq!(current(&app).field, Field::Summary);
    assert!(app.message().is_some_and(|m| m.contains("i shows")));
    app.press("i");
    let buf = draw(&app);
    assert_eq!(
        text_styled(&buf, buf.area, theme::MATCH_CURRENT),
        "Pentagon"
    );
}

// ---- whole frames ----

/// Opens korea at `w`×`h`, types `keys`, and snapshots the frame (`INSTA_UPDATE=always cargo
/// test --test it search_marks::`, then read the `.snap` diffs). Snapshots hold no colour: the
/// tests above assert the styles.
#[track_caller]
fn snap(name: &str, keys: &str, (w, h): (u16, u16), what: &str) {
    let mut app = reader(KOREA, w, h);
    app.press(keys);
    insta::with_settings!({
        description => format!("{KOREA} at {w}×{h} after `{keys}`: {what}"),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&app));
    });
}

#[test]
fn frames_of_matches_in_fields_the_panes_do_not_draw() {
    snap(
        "marks_attribution",
        "/ familiar Space with Enter",
        (120, 40),
        "each claim citing officials \"familiar with the discussions\" is marked `⌕ attribution`",
    );
    snap(
        "marks_quote",
        "/ weighing",
        (80, 24),
        "the one match is in claim 0's quote: marked, and the status bar says where",
    );
}

#[test]
fn frames_of_the_detail_and_the_contradictions_at_a_match() {
    snap(
        "detail_quote_match",
        "Enter / weighing Enter",
        (80, 12),
        "the detail scrolled down to the quote that holds the match",
    );
    snap(
        "contradictions_note_match",
        "c G / raised Enter",
        (120, 40),
        "the only match is in the first pair's note: that pair is shown",
    );
}
