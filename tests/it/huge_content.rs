//! Huge content: a 1 MB line, 35,000 Korean and Chinese characters without a space, a
//! 500-column word. They load, wrap and draw at 120×40 and at the smallest size (20×6) without
//! panicking, and no line pushes a pane's border out of place. Then a storm of resizes between
//! 1×1 and 300×100, drawn after each one.

use crate::support;

use brief::app::{Action, App};
use brief::briefing::Section;
use brief::view::layout;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// The huge briefing; `megabyte` false puts a short line where the 1 MB one goes, for the tests
/// that open every view (each new width wraps the megabyte again, slow in a debug build).
fn huge_yaml(megabyte_line: bool) -> String {
    let size = if megabyte_line { 1 << 20 } else { 1 << 10 };
    let mut megabyte = String::with_capacity(size);
    while megabyte.len() < size {
        megabyte.push_str("lorem ipsum dolor sit amet ");
    }
    let cjk: String = "한국어中文字符漢字테스트"
        .chars()
        .cycle()
        .take(35_000)
        .collect();
    let word = "w".repeat(500);
    let mixed = format!(
        "{} {} {}",
        "x".repeat(300),
        "가".repeat(200),
        "🌉".repeat(150)
    );
    format!(
        "title: {word}\ndate: 2025-01-01\ntags: [{cjk}]\nsources:\n  - id: s\n    name: {cjk}\n\
         claims:\n  - id: mb\n    text: {megabyte}\n    source: s\n    date: 2025-01-01\n\
         \x20 - id: cjk\n    text: {cjk}\n    attribution: {word}\n    quote: {cjk}\n\
         \x20 - id: word\n    text: {word}\n    date: 2025-01-02\n\
         responses:\n  - id: r\n    text: {cjk}\n    responds_to: [mb, cjk, word]\n    stance: denies\n    source: s\n\
         context:\n  - id: x\n    text: {mixed}\n\
         contradictions:\n  - between: [word, x]\n    note: {cjk}\n"
    )
}

fn huge_app(w: u16, h: u16) -> App {
    huge_app_with(true, w, h)
}

fn huge_app_with(megabyte_line: bool, w: u16, h: u16) -> App {
    App::new(
        support::doc_from_yaml("huge.yaml", &huge_yaml(megabyte_line)),
        Rect::new(0, 0, w, h),
    )
}

const VERTICAL: [&str; 4] = ["│", "┃", "║", "┆"];

/// Every row strictly inside `area` has a vertical border at its first and last column, and no
/// wide character covers the last one.
#[track_caller]
fn assert_borders(buf: &Buffer, area: Rect, what: &str) {
    if area.width < 2 || area.height < 3 {
        return;
    }
    let right = area.right() - 1;
    for y in area.top() + 1..area.bottom() - 1 {
        let row = || support::rows(buf)[usize::from(y)].clone();
        let left_sym = buf[(area.left(), y)].symbol();
        let right_sym = buf[(right, y)].symbol();
        assert!(
            VERTICAL.contains(&left_sym) && VERTICAL.contains(&right_sym),
            "{what}: row {y} has `{left_sym}` and `{right_sym}` where the borders go:\n{}",
            row()
        );
        let before = buf[(right - 1, y)].symbol();
        assert!(
            before.width() <= 1,
            "{what}: `{before}` at row {y} covers the right border:\n{}",
            row()
        );
        // Counting display columns across the row, the border lands on the last column.
        let cols: usize = (area.left()..right)
            .scan(0usize, |skip, x| {
                let w = buf[(x, y)].symbol().width();
                let shown = if *skip == 0 { w.max(1) } else { 0 };
                *skip = (*skip).max(w).saturating_sub(1);
                Some(shown)
            })
            .sum();
        assert_eq!(
            cols,
            usize::from(right - area.left()),
            "{what}: row {y} is not {} columns wide before its border:\n{}",
            right - area.left(),
            row()
        );
    }
}

/// The pane areas as drawn for this app.
fn pane_areas(app: &App) -> Vec<Rect> {
    match layout::frame(app.size()) {
        Some(f) => layout::panes(f.body, app.focus())
            .1
            .into_iter()
            .map(|(_, a)| a)
            .collect(),
        None => Vec::new(),
    }
}

#[test]
fn huge_texts_load_wrap_and_draw_with_the_borders_in_place() {
    // One app per size: wrapping a megabyte is done once per width and kept.
    for (w, h) in [(120, 40), (20, 6)] {
        let mut app = huge_app(w, h);
        for keys in ["", "j", "j", "G", "2", "G", "3", "1", "g"] {
            app.press(keys);
            let buf = support::draw(&app);
            for area in pane_areas(&app) {
                assert_borders(&buf, area, &format!("`{keys}` at {w}×{h}"));
            }
        }
        // The megabyte's own detail.
        app.press("Enter");
        support::draw(&app);
    }
}

#[test]
fn the_huge_text_shows_in_the_panes() {
    let app = huge_app(120, 40);
    let screen = support::screen(&app);
    assert!(screen.contains("lorem ipsum dolor"), "{screen}");
    assert!(screen.contains("한국어中文"), "{screen}");
}

#[test]
fn every_view_draws_the_huge_texts() {
    let views = [
        "Enter",
        "Enter J",
        "Enter G",
        "j Enter",
        "j j Enter Ctrl-d Ctrl-d G",
        "2 Enter",
        "3 Enter",
        "c",
        "c G",
        "c Tab",
        "?",
        "i",
        "i G",
        "m",
        "t",
        "s",
        "/ 中文 Enter n n",
        "/ ipsum Enter n N",
    ];
    for (w, h) in [(120, 40), (20, 6), (1, 1)] {
        let mut app = huge_app_with(false, w, h);
        for keys in views {
            app.press(keys);
            let screen = support::screen(&app);
            assert!(
                w < layout::MIN_WIDTH || !screen.trim().is_empty(),
                "`{keys}` at {w}×{h} draws nothing"
            );
            // Back to the panes, with nothing left open.
            app.press("Esc Esc Esc Esc 1 g");
            if app.info_scroll().is_some() {
                app.press("i");
            }
            assert!(
                app.screens().is_empty() && app.help_scroll().is_none(),
                "`{keys}` left a view open"
            );
        }
    }
}

/// A small deterministic generator, so the storm is the same every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u16) -> u16 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % u64::from(n)) as u16
    }
}

#[test]
fn a_storm_of_resizes_never_panics() {
    let mut rng = Lcg(7);
    // Between resizes the reader moves through its views, so each view meets odd sizes.
    let keys = [
        "j", "Enter", "Esc", "c", "j", "Esc", "m", "Esc", "t", "Esc", "s", "Esc", "?", "?", "G",
        "i", "i", "Tab",
    ];
    for rel in [support::KOREA, support::HARBOUR] {
        let mut app = support::reader(rel, 120, 40);
        for step in 0..1000 {
            let (w, h) = if step % 10 == 0 {
                // The extremes, regularly.
                [(1, 1), (300, 100), (20, 6), (19, 5)][step / 10 % 4]
            } else {
                (1 + rng.next(300), 1 + rng.next(100))
            };
            app.update(Action::Resize(w, h));
            if step % 3 == 0 {
                app.press(keys[step / 3 % keys.len()]);
            }
            support::draw(&app);
            for s in Section::ALL {
                let n = app.len(s);
                assert!(app.selected_index(s) < n.max(1), "{s:?} at {w}×{h}");
            }
        }
    }
}

#[test]
fn a_storm_of_resizes_over_the_huge_briefing_never_panics() {
    let mut rng = Lcg(11);
    let mut app = huge_app(120, 40);
    for step in 0..24 {
        let (w, h) = (1 + rng.next(300), 1 + rng.next(100));
        app.update(Action::Resize(w, h));
        if step % 4 == 0 {
            app.press(["Enter", "Esc", "c", "Esc", "j"][step / 4 % 5]);
        }
        support::draw(&app);
    }
}
