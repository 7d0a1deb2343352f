//! Whole frames as the user sees them, drawn on ratatui's `TestBackend` and kept as insta
//! snapshots (`tests/it/snapshots/`), at 120×40, 80×24 and 40×12, plus the terminals too small
//! for any layout. Snapshots hold no colour, so the styles that carry meaning (the focused pane,
//! the selected item, figures and shared words in a contradiction) are asserted on cells directly.
//!
//! Update with `INSTA_UPDATE=always cargo test --test it snapshots::`, then read every changed
//! `.snap`.

use crate::support::*;
use brief::app::{App, Screen};
use brief::ui::theme;
use brief::view::{layout, pairs as contradictions};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (40, 12)];

/// Opens `rel` at `w`×`h`, types `keys`, and snapshots the frame as `{name}_{w}x{h}`.
#[track_caller]
fn snap(name: &str, rel: &str, keys: &str, (w, h): (u16, u16), what: &str) -> App {
    let mut app = reader(rel, w, h);
    app.press(keys);
    let frame = screen(&app);
    insta::with_settings!({
        description => format!("{rel} at {w}×{h} after `{keys}`: {what}"),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), frame);
    });
    app
}

fn reader_after(rel: &str, keys: &str, w: u16, h: u16) -> App {
    let mut app = reader(rel, w, h);
    app.press(keys);
    app
}

#[track_caller]
fn pairs_state(app: &App) -> brief::app::PairsState {
    match app.screen() {
        Some(Screen::Contradictions(p)) => *p,
        other => panic!("expected the contradictions view, got {other:?}"),
    }
}

// ---- the running example, every view at every size ----

#[test]
fn panes() {
    for size in SIZES {
        snap(
            "panes",
            KOREA,
            "",
            size,
            "three panes side by side when wide, one pane under a tab bar when narrow",
        );
    }
}

#[test]
fn panes_scrolled_to_the_end() {
    for size in SIZES {
        snap(
            "panes_context_end",
            KOREA,
            "3 G",
            size,
            "the Context pane focused, its last item selected and in view",
        );
    }
}

#[test]
fn detail() {
    for size in SIZES {
        snap(
            "detail",
            KOREA,
            "j Enter",
            size,
            "troop-cut-size: full text, every field, its response and two contradictions",
        );
    }
}

#[test]
fn help() {
    for size in SIZES {
        let app = snap(
            "help",
            KOREA,
            "?",
            size,
            "the key bindings over the panes, the Panes group first",
        );
        assert!(screen(&app).contains("Keys — ? or Esc to close"));
    }
}

#[test]
fn contradictions_view() {
    for size in SIZES {
        snap(
            "contradictions",
            KOREA,
            "j c",
            size,
            "pair 2/5, troop-cut-size ↔ mnd-denial: side by side when wide, stacked when narrow",
        );
    }
}

#[test]
fn contradictions_side_by_side_when_wide_stacked_when_narrow() {
    let app = reader_after(KOREA, "j c", 120, 40);
    let a = contradictions::layout(
        &app.ctx(),
        &pairs_state(&app).shown(),
        layout::body(app.size()),
    )
    .areas;
    assert_eq!(a.left.y, a.right.y, "side by side at 120×40");
    assert!(a.left.right() <= a.right.x);
    let app = reader_after(KOREA, "j c", 80, 24);
    let a = contradictions::layout(
        &app.ctx(),
        &pairs_state(&app).shown(),
        layout::body(app.size()),
    )
    .areas;
    assert_eq!(a.left.x, a.right.x, "stacked at 80×24");
    assert!(a.left.bottom() <= a.right.y);
}

// ---- Korean text ----

#[test]
fn korean_panes() {
    for size in SIZES {
        snap(
            "korean_panes",
            HARBOUR,
            "j j",
            size,
            "the Korean claim operator-shortfall selected; wide characters keep the borders in place",
        );
    }
}

#[test]
fn korean_context_pane() {
    snap(
        "korean_context",
        HARBOUR,
        "3 j",
        (80, 24),
        "the Context pane with the Korean ordinance selected",
    );
}

#[test]
fn korean_detail() {
    for size in [(80, 24), (40, 12)] {
        snap(
            "korean_detail",
            HARBOUR,
            "j j Enter",
            size,
            "operator-shortfall: Korean text and quote, wrapped between characters",
        );
    }
}

#[test]
fn korean_contradictions() {
    for size in [(120, 40), (80, 24)] {
        snap(
            "korean_contradictions",
            HARBOUR,
            "c ]",
            size,
            "toll-rise-12pct ↔ toll-ordinance: English against Korean",
        );
        snap(
            "korean_contradictions_operator",
            HARBOUR,
            "j j c",
            size,
            "operator-shortfall (Korean) ↔ cti-disputes-shortfall",
        );
    }
}

/// `tests/fixtures/reader/cjk-emoji.yaml`, pair 3: fare-30 (the union's claim, unverified) ↔
/// seoul-reply (서울특별시 (Seoul Metropolitan Government) denies), sources too long for a heading.
const CJK: &str = "tests/fixtures/reader/cjk-emoji.yaml";

#[test]
fn side_headings_keep_the_status_and_stance_and_cut_the_source_name() {
    for size in [(120, 40), (80, 24)] {
        let app = snap(
            "cjk_contradictions",
            CJK,
            "1 g c ] ]",
            size,
            "fare-30 ↔ seoul-reply: long source names in the headings",
        );
        let rows = rows(&draw(&app));
        let heading = |start: &str| -> String {
            let found = rows.iter().find_map(|r| {
                r.find(start).and_then(|at| r.get(at..)).map(|h| {
                    h.split(['┓', '┐', '━', '─'])
                        .next()
                        .unwrap_or("")
                        .to_string()
                })
            });
            found
                .unwrap_or_else(|| panic!("no heading `{start}` at {size:?}:\n{}", rows.join("\n")))
        };
        // At 120×40 the claim's title row (half the width) has no room for its grade and
        // source: they head its lines. At 80×24 (stacked, the whole width) they fit.
        let claim = heading("Claim · ");
        let expected = if size.0 >= 100 {
            "Claim · unverified · 2025-03-11"
        } else {
            "Claim · unverified · D4 · 1 source · anonymous · 2025-03-11 · 서울"
        };
        assert!(claim.starts_with(expected), "{claim:?} at {size:?}");
        assert!(
            rows.iter()
                .any(|r| r.contains("D4 · 1 source · anonymous · ")),
            "the claim's grading and source at {size:?}:\n{}",
            rows.join("\n")
        );
        // Side by side, both titles hold as little as the fuller one needs, so the two texts
        // start on one row; stacked, the response's title holds all, its long source cut.
        let response = heading("Response · ");
        if size.0 >= 100 {
            assert!(
                response.starts_with("Response · ✗ denies · 2025-03-12"),
                "{response:?} at {size:?}"
            );
            let first = |needle: &str| rows.iter().position(|r| r.contains(needle));
            assert!(first("B3 · 서울특별시").is_some(), "{}", rows.join("\n"));
            assert_eq!(
                first("노조는 환승"),
                first("서울시는 노조의"),
                "the texts start on one row:\n{}",
                rows.join("\n")
            );
        } else {
            assert!(
                response.starts_with("Response · ✗ denies · B3 · 2025-03-12 · 서울특별시"),
                "{response:?} at {size:?}"
            );
            assert!(
                response.trim_end().ends_with('…'),
                "{response:?} at {size:?}"
            );
        }
    }
}

#[test]
fn why_they_conflict_names_the_source_as_the_file_gives_it() {
    let app = reader_after(CJK, "1 g c ] ]", 120, 40);
    let frame = screen(&app);
    assert!(
        frame.contains("\n서울특별시 (Seoul Metropolitan Government) denies this."),
        "{frame}"
    );
    let app = reader_after(KOREA, "c", 120, 40);
    let frame = screen(&app);
    assert!(frame.contains("\nMinistry of National Defense"), "{frame}");
    assert!(!frame.contains("The Ministry"), "{frame}");
}

// ---- nothing to show ----

#[test]
fn no_contradictions() {
    snap(
        "no_contradictions_panes",
        NO_CONTRADICTIONS,
        "",
        (120, 40),
        "no ⚡ marks, the header counts 0 contradictions",
    );
    for size in SIZES {
        let app = snap(
            "no_contradictions",
            NO_CONTRADICTIONS,
            "c",
            size,
            "the view says plainly that there are none",
        );
        if size.0 >= 80 {
            assert!(screen(&app).contains("This briefing has no contradictions."));
        }
    }
}

#[test]
fn empty_briefing() {
    for size in [(120, 40), (80, 24)] {
        snap("empty", EMPTY, "", size, "every pane says it is empty");
    }
}

// ---- too small ----

#[test]
fn tiny_terminals_say_they_are_too_small() {
    let app = snap(
        "tiny",
        KOREA,
        "j Enter",
        (10, 4),
        "no layout fits: a short message instead",
    );
    let shown = screen(&app);
    assert!(shown.contains("terminal"), "{shown}");
    assert!(shown.contains("too small"), "{shown}");
    // Every view, and the help, fall back to the same message.
    for keys in ["", "c", "?", "j Enter"] {
        let app = reader_after(KOREA, keys, 10, 4);
        assert!(screen(&app).contains("too small"), "after `{keys}`");
    }
    snap("tiny", KOREA, "", (1, 1), "a single cell: no panic");
}

// ---- styles the snapshots cannot show ----

#[test]
fn the_focused_pane_has_a_thick_yellow_border_the_others_a_plain_one() {
    let mut app = reader(KOREA, 120, 40);
    let buf = draw(&app);
    // Panes start on row 2 at columns 0, 40 and 80.
    let corner = |buf: &ratatui::buffer::Buffer, x| buf[(x, 2)].clone();
    assert_eq!(corner(&buf, 0).symbol(), "┏");
    assert_eq!(
        corner(&buf, 0).fg,
        theme::BORDER_FOCUSED.fg.unwrap_or_default()
    );
    assert_eq!(buf[(0, 10)].symbol(), "┃");
    assert_eq!(buf[(0, 10)].fg, Color::Yellow);
    for x in [40, 80] {
        assert_eq!(corner(&buf, x).symbol(), "┌");
        assert_eq!(corner(&buf, x).fg, theme::BORDER.fg.unwrap_or_default());
        assert_ne!(corner(&buf, x).fg, Color::Yellow);
    }
    assert_eq!(buf[(40, 10)].symbol(), "│");

    app.press("2");
    let buf = draw(&app);
    assert_eq!(corner(&buf, 0).symbol(), "┌");
    assert_eq!(corner(&buf, 40).symbol(), "┏");
    assert_eq!(corner(&buf, 40).fg, Color::Yellow);
    assert_eq!(buf[(79, 38)].symbol(), "┛");
    assert_eq!(buf[(79, 38)].fg, Color::Yellow);
}

#[test]
fn the_selected_item_has_the_band_and_the_marker() {
    let mut app = reader(KOREA, 120, 40);
    app.press("j");
    let buf = draw(&app);
    let pane = layout::inner(layout::pane_area(
        app.size(),
        brief::briefing::Section::Claims,
    ));
    let (x, first) = find_in(&buf, pane, "The option under preparation").unwrap_or_default();
    assert!(first > pane.y, "the second claim is below the first");
    let width = layout::text_width(layout::pane_area(
        app.size(),
        brief::briefing::Section::Claims,
    ));
    let h = app.item_height(
        brief::briefing::ItemRef::new(brief::briefing::Section::Claims, 1),
        width,
    );
    // Every line of the item but the blank one after it: marker in the gutter, band behind.
    for y in first..first + h as u16 - 1 {
        let marker = &buf[(pane.x, y)];
        assert_eq!(marker.symbol(), "▌", "row {y}");
        assert_eq!(marker.fg, theme::MARKER.fg.unwrap_or_default(), "row {y}");
        assert_eq!(marker.bg, theme::SELECTED.bg.unwrap_or_default(), "row {y}");
        assert_eq!(
            buf[(x, y)].bg,
            theme::SELECTED.bg.unwrap_or_default(),
            "row {y}"
        );
        // The band lies behind the whole line of text, from the marker to its last character.
        let last = (pane.x..pane.right())
            .rev()
            .find(|&cx| !buf[(cx, y)].symbol().trim().is_empty())
            .unwrap_or(pane.x);
        let mut covered = 0; // cells under a wide character (⚡) are drawn by it
        for cx in pane.x..=last {
            let skip = covered > 0;
            covered = usize::max(covered, buf[(cx, y)].symbol().width()).saturating_sub(1);
            if skip {
                continue;
            }
            assert_eq!(
                buf[(cx, y)].bg,
                theme::SELECTED.bg.unwrap_or_default(),
                "cell ({cx}, {y}) `{}`",
                buf[(cx, y)].symbol()
            );
        }
    }
    // The blank line after it, and the items around it: no band, no marker.
    for y in [first - 2, first + h as u16 - 1, first + h as u16] {
        assert_eq!(buf[(pane.x, y)].symbol(), " ", "row {y}");
        assert_ne!(
            buf[(x, y)].bg,
            theme::SELECTED.bg.unwrap_or_default(),
            "row {y}"
        );
    }
    // An unfocused pane shows no marker for its own selection.
    let responses = layout::inner(layout::pane_area(
        app.size(),
        brief::briefing::Section::Responses,
    ));
    assert_eq!(buf[(responses.x, responses.y)].symbol(), " ");
    assert_ne!(
        buf[(responses.x + 2, responses.y)].bg,
        theme::SELECTED.bg.unwrap_or_default()
    );
}

#[track_caller]
fn assert_styled(
    buf: &ratatui::buffer::Buffer,
    cells: &[(u16, u16)],
    style: ratatui::style::Style,
    what: &str,
) {
    for &(x, y) in cells {
        let c = &buf[(x, y)];
        assert_eq!(
            (c.fg, c.modifier.contains(Modifier::UNDERLINED)),
            (
                style.fg.unwrap_or_default(),
                style.add_modifier.contains(Modifier::UNDERLINED)
            ),
            "{what}: cell ({x}, {y}) `{}`",
            c.symbol()
        );
        assert!(
            c.modifier.contains(style.add_modifier),
            "{what}: ({x}, {y})"
        );
    }
}

#[test]
fn figures_and_shared_words_stand_out_in_a_contradiction() {
    // troop-cut-size ↔ mnd-denial: only the claim gives figures (4,500 and 28,500); both speak
    // of South Korea, as nearly every item of the briefing does, so it is no shared evidence.
    let app = reader_after(KOREA, "j c", 120, 40);
    let buf = draw(&app);
    let a = contradictions::layout(
        &app.ctx(),
        &pairs_state(&app).shown(),
        layout::body(app.size()),
    )
    .areas;
    let (left, right) = (below_title(a.left), below_title(a.right));
    for figure in ["4,500", "28,500"] {
        assert_styled(
            &buf,
            &cells_in(&buf, left, figure),
            theme::FIGURE_ONLY,
            figure,
        );
    }
    for area in [left, right] {
        let south = &buf[cells_in(&buf, area, "South")[0]];
        assert!(
            !south.modifier.contains(Modifier::UNDERLINED),
            "a word every item repeats is not underlined"
        );
    }
    // A word only one side uses is plain.
    let plain = &buf[cells_in(&buf, left, "preparation")[0]];
    assert_eq!(
        (plain.fg, plain.modifier),
        (Color::Reset, Modifier::empty())
    );

    // toll-rise-12pct ↔ city-denies-12pct: 12% against 4% and ₩2,800 against ₩2,600 differ,
    // both start from ₩2,500 on 1 November 2025, and both name Hwanpo.
    let app = reader_after(HARBOUR, "c", 120, 40);
    let buf = draw(&app);
    let a = contradictions::layout(
        &app.ctx(),
        &pairs_state(&app).shown(),
        layout::body(app.size()),
    )
    .areas;
    let (left, right) = (below_title(a.left), below_title(a.right));
    for (area, figure) in [
        (left, "12%"),
        (right, "4%"),
        (left, "₩2,800"),
        (right, "₩2,600"),
    ] {
        assert_styled(
            &buf,
            &cells_in(&buf, area, figure),
            theme::FIGURE_CONFLICT,
            figure,
        );
    }
    for area in [left, right] {
        assert_styled(
            &buf,
            &cells_in(&buf, area, "₩2,500"),
            theme::FIGURE_AGREE,
            "₩2,500",
        );
    }
    // In the texts (the left side's grading line names the source, Hwanpo Daily, too).
    for (area, words) in [(left, "Hwanpo Harbour"), (right, "Hwanpo Daily report")] {
        assert_styled(
            &buf,
            &cells_in(&buf, area, words)[..6],
            theme::SHARED,
            "Hwanpo",
        );
    }
    let screen = screen(&app);
    assert!(
        screen.contains("Figures differ: share: 12% ↔ 4%"),
        "{screen}"
    );
    assert!(screen.contains("cost: ₩2,800 ↔ ₩2,600"), "{screen}");
    // The focused side's rule is the thick one, in the focus colour.
    let (left, right) = (a.left, a.right);
    assert_eq!(buf[(left.right() - 1, left.y)].symbol(), "━");
    assert_eq!(buf[(left.right() - 1, left.y)].fg, Color::Yellow);
    assert_eq!(buf[(right.x, right.y)].symbol(), "┌");
}
