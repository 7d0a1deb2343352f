//! Every script as written, in a real terminal (issue 16): a briefing whose title, texts,
//! source names and ids mix Arabic with lam-alef, Persian with ZWNJ, Hebrew with RLM, Hindi
//! conjuncts, Korean and ZWJ emoji, at 120×40, 80×24 and 60×20. Every word of every text is
//! on screen somewhere (in storage order, or in display order where right-to-left text is
//! laid out), no row runs past a border, the header's date is whole; with `--bidi reorder` an
//! Arabic sentence starts at the right edge of its column, with `--bidi off` at the left.

use brief::text::bidi::{self, Bidi};
use brief::text::grapheme_width;
use unicode_segmentation::UnicodeSegmentation;

use crate::tmux::{repo, Tmux};

const SCRIPTS: &str = "tests/fixtures/scripts/every-script.yaml";

/// Every word the briefing holds: title, summary, tags, source names and ids, item ids, texts.
fn words() -> Vec<String> {
    let yaml = std::fs::read_to_string(repo().join(SCRIPTS)).unwrap();
    let loaded = brief::briefing::load_str(&yaml).unwrap();
    let b = &loaded.briefing;
    let mut texts: Vec<String> = vec![b.title.clone(), b.summary.clone().unwrap_or_default()];
    texts.extend(b.tags.iter().cloned());
    for s in &b.sources {
        texts.push(s.name.clone());
        texts.push(s.id.clone());
    }
    for section in brief::briefing::Section::ALL {
        for item in b.section(section) {
            texts.push(item.text.clone());
            texts.push(item.id.clone());
        }
    }
    let punct = |c: char| c.is_ascii_punctuation() || "،؛—().«»।".contains(c);
    let mut out: Vec<String> = texts
        .iter()
        .flat_map(|t| t.split_whitespace())
        .map(|w| w.trim_matches(punct).to_string())
        .filter(|w| !w.is_empty() && w != "—")
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The cells of a captured row: each grapheme with the column it starts at, as drawn.
fn cells(row: &str) -> Vec<(usize, &str)> {
    let mut x = 0;
    row.graphemes(true)
        .map(|g| {
            let at = x;
            x += grapheme_width(g);
            (at, g)
        })
        .collect()
}

/// No row is wider than the terminal, and every box's sides run straight from its top corner
/// to its bottom one.
#[track_caller]
fn borders_line_up(screen: &str, width: usize) {
    let rows: Vec<Vec<(usize, &str)>> = screen.lines().map(cells).collect();
    for (y, row) in rows.iter().enumerate() {
        let end = row.last().map_or(0, |(x, g)| x + grapheme_width(g));
        assert!(end <= width, "row {y} is {end} cells wide:\n{screen}");
    }
    let at = |y: usize, x: usize| rows[y].iter().find(|(cx, _)| *cx == x).map(|(_, g)| *g);
    for (y0, row) in rows.iter().enumerate() {
        for &(x, g) in row {
            if !["┏", "┓", "┌", "┐", "╔", "╗"].contains(&g) {
                continue;
            }
            let mut y = y0 + 1;
            loop {
                let Some(below) = rows.get(y).map(|_| at(y, x)) else {
                    panic!("the box side at column {x} from row {y0} has no bottom:\n{screen}");
                };
                match below {
                    Some("┗" | "┛" | "└" | "┘" | "╚" | "╝") => break,
                    Some("┃" | "│" | "║" | "┣" | "┫" | "├" | "┤") => y += 1,
                    other => panic!(
                        "row {y}, column {x}: {other:?} where the side of the box from row {y0} \
                         runs:\n{screen}"
                    ),
                }
            }
        }
    }
}

/// Walks the reader: the panes at each item, each item's detail, the briefing info, the
/// sources and the matrix. Returns every settled screen.
fn tour(w: u16, h: u16) -> Vec<String> {
    let t = Tmux::start(repo(), w, h, "", SCRIPTS);
    let mut screens = vec![t.wait_for(&["PANES", "claim 1/4"])];
    for (key, noun, n) in [("1", "claim", 4), ("2", "response", 2), ("3", "context", 1)] {
        t.keys(&[key, "g"]);
        for i in 1..=n {
            if i > 1 {
                t.keys(&["j"]);
            }
            screens.push(t.wait_for(&["PANES", &format!("{noun} {i}/{n}")]));
            t.keys(&["Enter"]);
            screens.push(t.wait_for(&["DETAIL"]));
            for _ in 0..2 {
                t.keys(&["PgDn"]);
                std::thread::sleep(std::time::Duration::from_millis(150));
                screens.push(t.wait_for(&["DETAIL"]));
            }
            screens.push(t.escape_until_gone("DETAIL"));
        }
    }
    for (key, mode) in [("i", "INFO"), ("s", "SOURCES"), ("m", "MATRIX")] {
        t.keys(&[key]);
        screens.push(t.wait_for(&[mode]));
        screens.push(t.escape_until_gone(mode));
    }
    t.quit_cleanly();
    screens
}

#[test]
fn every_word_is_on_screen_and_no_row_crosses_a_border_at_three_sizes() {
    let words = words();
    assert!(words.len() > 80, "{words:?}");
    for (w, h) in [(120u16, 40u16), (80, 24), (60, 20)] {
        let screens = tour(w, h);
        for s in &screens {
            borders_line_up(s, usize::from(w));
            let top = s.lines().next().unwrap_or("");
            assert!(
                top.trim_end().ends_with("2025-06-02"),
                "{w}×{h}: the header's date is cut: {top:?}"
            );
        }
        let missing: Vec<&String> = words
            .iter()
            .filter(|word| {
                let visual = bidi::with(Bidi::Reorder, || bidi::shown(word, true).into_owned());
                !screens
                    .iter()
                    .any(|s| s.contains(word.as_str()) || s.contains(&visual))
            })
            .collect();
        assert!(
            missing.is_empty(),
            "{w}×{h}: never on screen: {missing:?}\nlast screens:\n{}",
            screens.join("\n----\n")
        );
    }
}

/// The detail of the Arabic claim, whose text starts `قالت الوزارة`: the first word is at the
/// right edge of the text column with `--bidi reorder`, at its left with `--bidi off`.
#[test]
fn bidi_reorder_puts_the_first_arabic_word_at_the_right_and_off_keeps_storage_order() {
    let first = "قالت";
    let visual = bidi::with(Bidi::Reorder, || bidi::shown(first, true).into_owned());
    for (flag, want) in [("--bidi reorder", visual.as_str()), ("--bidi off", first)] {
        let t = Tmux::start(repo(), 80, 24, "", &format!("{flag} {SCRIPTS}"));
        t.wait_for(&["PANES", "claim 1/4"]);
        t.keys(&["Enter"]);
        let screen = t.wait_for(&["DETAIL", want]);
        let Some(row) = screen.lines().find(|l| l.contains(want)) else {
            panic!("{flag}: {want} not on screen:\n{screen}");
        };
        let text = row.trim_matches(['┃', ' ']);
        if flag == "--bidi off" {
            assert!(text.starts_with(first), "{flag}: {row:?}");
            assert!(
                !screen.contains(&visual),
                "{flag}: reordered anyway:\n{screen}"
            );
        } else {
            // The word is the last thing before the border: one blank of margin, no more.
            assert!(
                text.ends_with(want),
                "{flag}: not at the right edge: {row:?}"
            );
            assert!(
                row.trim_end().ends_with(&format!("{want} ┃")),
                "{flag}: {row:?}"
            );
        }
        t.quit_cleanly();
    }
}

/// `brief print` on a terminal lays right-to-left lines out like the reader (the sentence's
/// first word at the right end of the line); with `--bidi off`, and in a pipe, storage order.
#[test]
fn print_to_a_terminal_reorders_and_a_pipe_keeps_storage_order() {
    let first = "قالت";
    let visual = bidi::with(Bidi::Reorder, || bidi::shown(first, true).into_owned());
    let script = |flag: &str, pipe: &str| {
        format!(
            "{} {flag} print --width 60 {SCRIPTS}{pipe}; echo PRINT-DONE; sleep 60",
            crate::tmux::brief()
        )
    };
    let t = Tmux::start_script(repo(), 70, 160, &script("", ""));
    let screen = t.wait_for(&["PRINT-DONE"]);
    let Some(row) = screen.lines().find(|l| l.contains(&visual)) else {
        panic!("the reordered sentence is not on the terminal:\n{screen}");
    };
    assert!(row.trim_end().ends_with(&visual), "{row:?}");
    assert!(
        !screen.contains(first),
        "storage order on a terminal:\n{screen}"
    );
    for (flag, pipe) in [("--bidi off", ""), ("", " | cat")] {
        let t = Tmux::start_script(repo(), 70, 160, &script(flag, pipe));
        let screen = t.wait_for(&["PRINT-DONE"]);
        assert!(
            screen.lines().any(|l| l.trim_start().starts_with(first)),
            "{flag}{pipe}: not in storage order:\n{screen}"
        );
        assert!(
            !screen.contains(&visual),
            "{flag}{pipe}: reordered:\n{screen}"
        );
    }
}
