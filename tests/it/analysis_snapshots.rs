//! Whole-frame snapshots of the analysis views (stance matrix, timeline, sources) on the bundled
//! briefings, at 120×40 and 80×24. Snapshots hold no colour; a few styles are asserted directly.

use std::rc::Rc;

use brief::app::App;
use brief::briefing::load_str;
use brief::briefing::Document;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::Terminal;

#[track_caller]
fn app(file: &str, w: u16, h: u16) -> App {
    let path = format!("{}/briefings/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let loaded = load_str(&text).unwrap_or_else(|d| panic!("{path}: {d:?}"));
    let doc = Document::new(None, file.to_string(), loaded.briefing, loaded.warnings);
    App::new(Rc::new(doc), Rect::new(0, 0, w, h))
}

#[track_caller]
fn draw(app: &App) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(app.size().width, app.size().height))
        .unwrap_or_else(|e| panic!("{e}"));
    term.draw(|f| brief::ui::render(app, f))
        .unwrap_or_else(|e| panic!("{e}"));
    term
}

fn text(term: &Terminal<TestBackend>) -> String {
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            line.push_str(sym);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[track_caller]
fn shot(file: &str, w: u16, h: u16, keys: &str) -> String {
    let mut a = app(file, w, h);
    a.press(keys);
    text(&draw(&a))
}

macro_rules! snap {
    ($name:ident, $file:literal, $w:literal, $h:literal, $keys:literal) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(shot($file, $w, $h, $keys));
        }
    };
}

snap!(matrix_korea_120x40, "korea-troops.yaml", 120, 40, "m");
snap!(matrix_korea_80x24, "korea-troops.yaml", 80, 24, "m");
snap!(
    matrix_harbour_120x40,
    "harbour-bridge-tolls.yaml",
    120,
    40,
    "m"
);
snap!(
    matrix_harbour_80x24,
    "harbour-bridge-tolls.yaml",
    80,
    24,
    "m j l"
);
snap!(timeline_korea_120x40, "korea-troops.yaml", 120, 40, "t");
snap!(timeline_korea_80x24, "korea-troops.yaml", 80, 24, "t j j j");
snap!(
    timeline_harbour_120x40,
    "harbour-bridge-tolls.yaml",
    120,
    40,
    "t"
);
snap!(
    timeline_harbour_80x24,
    "harbour-bridge-tolls.yaml",
    80,
    24,
    "t G"
);
snap!(sources_korea_120x40, "korea-troops.yaml", 120, 40, "s");
snap!(sources_korea_80x24, "korea-troops.yaml", 80, 24, "s j");
snap!(
    sources_harbour_120x40,
    "harbour-bridge-tolls.yaml",
    120,
    40,
    "s"
);
snap!(
    sources_harbour_80x24,
    "harbour-bridge-tolls.yaml",
    80,
    24,
    "s j j"
);
snap!(
    sources_korea_hiding_wsj_80x24,
    "korea-troops.yaml",
    80,
    24,
    "s x"
);
snap!(
    panes_korea_hiding_wsj_120x40,
    "korea-troops.yaml",
    120,
    40,
    "s x s"
);
snap!(panes_korea_flags_120x40, "korea-troops.yaml", 120, 40, "");
snap!(
    detail_korea_flags_80x24,
    "korea-troops.yaml",
    80,
    24,
    "Enter"
);
snap!(help_from_matrix_80x24, "korea-troops.yaml", 80, 24, "m ?");

#[test]
fn the_selected_matrix_cell_is_reversed_and_bracketed() {
    let mut a = app("korea-troops.yaml", 80, 24);
    a.press("m l");
    let term = draw(&a);
    let buf = term.backend().buffer();
    let screen = text(&term);
    // The first claim's row: the ministry's cell is selected.
    let y = screen
        .lines()
        .position(|l| l.contains("[✗~]"))
        .unwrap_or_else(|| panic!("no bracketed cell:\n{screen}")) as u16;
    let x = (0..buf.area.width)
        .find(|&x| buf[(x, y)].symbol() == "✗")
        .unwrap_or_else(|| panic!("no ✗ on row {y}"));
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    let other = (0..buf.area.width)
        .find(|&x| buf[(x, y)].symbol() == "●")
        .unwrap_or_else(|| panic!("no ● on row {y}"));
    assert!(!buf[(other, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn the_filter_notice_stands_out_in_header_and_status_bar() {
    let mut a = app("korea-troops.yaml", 80, 24);
    a.press("s x Esc");
    let term = draw(&a);
    let buf = term.backend().buffer();
    let screen = text(&term);
    let lines: Vec<&str> = screen.lines().collect();
    assert!(
        lines[1].contains("hiding: The Wall Street Journal (3 items + 2 answers)"),
        "{}",
        lines[1]
    );
    assert!(lines[23].contains("hiding wsj"), "{}", lines[23]);
    let style = brief::ui::theme::FILTER;
    assert_eq!(buf[(2, 1)].bg, style.bg.unwrap_or_default());
}

#[test]
fn every_view_draws_at_small_sizes_without_panicking() {
    for file in [
        "korea-troops.yaml",
        "harbour-bridge-tolls.yaml",
        "night-buses.yaml",
    ] {
        for (w, h) in [(20, 6), (30, 8), (40, 12), (50, 15), (200, 60)] {
            for keys in [
                "m",
                "m G l l l l l l l l l l",
                "t",
                "t G",
                "s",
                "s G x",
                "s x m",
                "s x t",
            ] {
                let mut a = app(file, w, h);
                a.press(keys);
                let _ = draw(&a);
            }
        }
    }
}

#[test]
fn the_matrix_footer_cuts_a_long_source_name_not_what_the_cell_means() {
    let yaml = r#"
title: Long names
date: 2025-11-06
sources:
  - id: wsj
    name: The Wall Street Journal
  - id: long
    name: Source number 12 with a name long enough to fill the whole footer line by itself, even on a wide terminal, XXXX
claims:
  - id: troop-cut
    text: Troops will be cut.
    source: wsj
responses:
  - id: flat-denial
    text: No cut is planned.
    source: long
    responds_to: [troop-cut]
    stance: denies
context: []
"#;
    let loaded = load_str(yaml).unwrap_or_else(|d| panic!("{d:?}"));
    let doc = Document::new(None, "long.yaml".into(), loaded.briefing, loaded.warnings);
    for (w, h) in [(120, 40), (80, 24)] {
        let mut a = App::new(Rc::new(doc_clone(&doc)), Rect::new(0, 0, w, h));
        // The response in focus: the matrix opens on its claim and its source's column.
        a.press("2 m");
        let frame = text(&draw(&a));
        let footer = frame
            .lines()
            .find(|l| l.contains("Source number 12"))
            .unwrap_or_else(|| panic!("no footer line at {w}×{h}:\n{frame}"));
        assert!(
            footer.contains("…: ✗ denied in flat-denial"),
            "{footer:?} at {w}×{h}"
        );
    }
}

fn doc_clone(d: &Document) -> Document {
    Document::new(None, d.name.clone(), d.briefing.clone(), d.warnings.clone())
}

#[test]
fn counts_of_one_are_singular_in_the_header_info_matrix_and_timeline() {
    let yaml = r#"
title: One of each
date: 2025-11-06
sources:
  - id: s1
    name: The Only Source
claims:
  - id: c1
    text: Something happened.
    source: s1
    date: 2025-11-05
responses:
  - id: r1
    text: It did not.
    source: s1
    responds_to: [c1]
    stance: denies
context: []
"#;
    let loaded = load_str(yaml).unwrap_or_else(|d| panic!("{d:?}"));
    let doc = Document::new(None, "one.yaml".into(), loaded.briefing, loaded.warnings);
    let shot = |keys: &str| {
        let mut a = App::new(Rc::new(doc_clone(&doc)), Rect::new(0, 0, 120, 40));
        a.press(keys);
        text(&draw(&a))
    };
    let panes = shot("");
    assert!(
        panes.contains("1 claim · 1 response · 0 context · ⚡1 contradiction\n"),
        "{panes}"
    );
    let info = shot("i");
    assert!(
        info.contains("1 claim · 1 response · 0 context · 1 source · ⚡1 contradiction "),
        "{info}"
    );
    let matrix = shot("m");
    assert!(
        matrix.contains("Stance matrix · 1 claim × 1 source · "),
        "{matrix}"
    );
    let timeline = shot("t");
    assert!(
        timeline.contains("Timeline · 1 item on 1 day · 1 source "),
        "{timeline}"
    );
}

/// A frame of a briefing in tests/fixtures/layout/ (cases from a layout QA pass).
#[track_caller]
fn layout_shot(file: &str, w: u16, h: u16, keys: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/layout/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let loaded = load_str(&text).unwrap_or_else(|d| panic!("{path}: {d:?}"));
    let doc = Document::new(None, file.to_string(), loaded.briefing, loaded.warnings);
    let mut a = App::new(Rc::new(doc), Rect::new(0, 0, w, h));
    a.press(keys);
    text_of(&a)
}

fn text_of(a: &App) -> String {
    text(&draw(a))
}

#[test]
fn timeline_gaps_of_thousands_of_days_keep_the_lanes_in_line() {
    let frame = layout_shot("gaps.yaml", 80, 24, "t");
    let starts: Vec<usize> = frame
        .lines()
        .filter(|l| l.contains(": claim "))
        .filter_map(|l| l.find(" src").map(|b| l[..b].chars().count()))
        .collect();
    assert!(starts.len() > 3, "{frame}");
    assert!(
        starts.iter().all(|s| *s == starts[0]),
        "{starts:?}\n{frame}"
    );
    assert!(frame.contains("+10956d"), "{frame}");
    insta::assert_snapshot!(frame);
}

#[test]
fn timeline_lanes_legend_wraps_between_entries_not_inside_one() {
    for w in [60, 70, 80, 100] {
        let frame = layout_shot("gaps.yaml", w, 24, "t");
        let rows: Vec<&str> = frame.lines().collect();
        let at = rows
            .iter()
            .position(|l| l.contains("Lanes: "))
            .unwrap_or_else(|| panic!("{frame}"));
        for row in &rows[at..=at + 1] {
            let inner = row.trim_matches(|c| c == '┃' || c == ' ');
            let inner = inner.trim_start_matches("Lanes: ").trim_end_matches(" …");
            for entry in inner.split(" · ") {
                let mut parts = entry.split(' ');
                let key = parts.next().unwrap_or_default();
                let id = parts.next().unwrap_or_default();
                assert!(
                    key.chars().count() == 1 && id.starts_with("src") && parts.next().is_none(),
                    "{w} columns: a legend entry cut or run together: {entry:?}\n{frame}"
                );
            }
        }
    }
}

#[test]
fn header_counts_give_way_by_whole_parts_never_a_cut_word() {
    for w in [100, 60, 57, 50, 40, 30, 20] {
        let frame = layout_shot("timeline60.yaml", w, 24, "");
        let counts = frame.lines().nth(1).unwrap_or_default();
        assert!(
            counts.trim_end().ends_with("⚡18 contradictions")
                || counts.trim_end().ends_with(" ⚡18"),
            "{w} columns: {counts:?}"
        );
        for (cut, whole) in [
            ("contrad", "contradictions"),
            ("respon", "responses"),
            ("clai", "claims"),
        ] {
            assert!(
                !counts.contains(cut) || counts.contains(whole),
                "{w} columns: {counts:?}"
            );
        }
        assert!(
            !counts.contains('…') || counts.contains('#'),
            "{w} columns: {counts:?}"
        );
    }
    let narrow = layout_shot("timeline60.yaml", 40, 24, "");
    let counts = narrow.lines().nth(1).unwrap_or_default();
    assert!(counts.trim_end().ends_with("x ⚡18"), "{counts:?}");
}

#[test]
fn matrix_headers_keep_ids_apart_and_whole_when_they_fit() {
    let frame = layout_shot("breach.yaml", 80, 24, "m");
    let head: Vec<&str> = frame
        .lines()
        .skip(3)
        .take(2)
        .flat_map(|l| l.split_whitespace())
        .filter(|w| w.starts_with("kes"))
        .collect();
    let mut distinct = head.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert!(
        head.len() >= 2 && distinct.len() == head.len(),
        "{head:?}\n{frame}"
    );
    insta::assert_snapshot!(frame);
    let gaps = layout_shot("gaps.yaml", 120, 24, "m");
    assert!(gaps.contains("src13"), "{gaps}");
}

#[test]
fn matrix_unsourced_column_is_headed_no_source_and_sets_the_claim_apart() {
    let frame = layout_shot("nosrc.yaml", 80, 24, "m l l");
    let head: String = frame.lines().skip(3).take(2).collect();
    assert!(
        head.contains("no source") || head.contains("(none)"),
        "{frame}"
    );
    assert!(!head.contains(" - "), "{frame}");
    assert!(!frame.contains("●✓"), "{frame}");
    assert!(frame.contains("[● ✓]"), "{frame}");
    assert!(frame.contains("the claim has no source"), "{frame}");
}
