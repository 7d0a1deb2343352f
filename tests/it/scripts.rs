//! Every script as written (issue 16): a briefing whose title, texts, source names and ids mix
//! Arabic with lam-alef, Persian with ZWNJ, Hebrew with RLM, Hindi conjuncts, Korean and ZWJ
//! emoji. In the drawn frame the header's date is whole, the columns of the sources table and
//! the matrix start where their headings do on every row, and right-to-left lines are laid out
//! right to left (or in storage order with `--bidi off`). `print` to a file and the exports
//! keep the joiners and marks byte for byte, in storage order.

use brief::text::bidi::{self, Bidi};

use crate::support::*;

const SCRIPTS: &str = "tests/fixtures/scripts/every-script.yaml";
const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (60, 20)];

/// The rows of `buf` as cells: each row's graphemes with the column each starts at.
fn cells(buf: &ratatui::buffer::Buffer) -> Vec<Vec<(u16, String)>> {
    let area = buf.area;
    (area.top()..area.bottom())
        .map(|y| {
            let mut row = Vec::new();
            let mut x = area.left();
            while x < area.right() {
                let sym = buf.cell((x, y)).map_or(" ", |c| c.symbol()).to_string();
                let w = brief::text::width(&sym).max(1) as u16;
                row.push((x, sym));
                x += w;
            }
            row
        })
        .collect()
}

#[test]
fn the_header_date_is_whole_at_every_size() {
    for (w, h) in SIZES {
        let app = reader(SCRIPTS, w, h);
        let top = rows(&draw(&app)).into_iter().next().unwrap_or_default();
        assert!(
            top.trim_end().ends_with("2025-06-02"),
            "{w}×{h}: the header's date is cut: {top:?}"
        );
    }
}

/// The sources table: each column (Kind, Rel, Interest, Claims, Answers, Context) starts at
/// its heading's column on every row, whatever the script of the name before it.
#[test]
fn the_sources_table_columns_line_up() {
    for (w, h) in [(120u16, 40u16), (80, 24)] {
        let mut app = reader(SCRIPTS, w, h);
        app.press("s");
        let buf = draw(&app);
        let grid = cells(&buf);
        let text = rows(&buf);
        let Some(head) = text
            .iter()
            .position(|l| l.contains("Source") && l.contains("Kind"))
        else {
            panic!("no heading row:\n{}", text.join("\n"));
        };
        let at = |y: usize, x: u16| -> Option<&str> {
            grid[y]
                .iter()
                .find(|(cx, _)| *cx == x)
                .map(|(_, s)| s.as_str())
        };
        let blank = |s: Option<&str>| s.is_some_and(|s| s.trim().is_empty());
        // Where each heading after `Source` starts.
        let want: Vec<u16> = grid[head]
            .iter()
            .filter(|(x, s)| !s.trim().is_empty() && blank(at(head, x.saturating_sub(1))))
            .map(|(x, _)| *x)
            .skip(1)
            .filter(|&x| x + 1 < w)
            .collect();
        assert!(
            want.len() >= 6,
            "{w}: heading {:?} starts {want:?}",
            text[head]
        );
        let names = ["قناة", "خبرگزاری", "עיתון", "दैनिक", "연합"];
        let mut seen = 0;
        let table = text
            .iter()
            .enumerate()
            .skip(head + 1)
            .take_while(|(_, l)| !l.contains('─'));
        for (y, line) in table {
            if !names
                .iter()
                .any(|n| line.contains(n) || line.contains(bidi::shown(n, true).as_ref()))
            {
                continue;
            }
            seen += 1;
            for &col in &want {
                assert!(
                    !blank(at(y, col)) && blank(at(y, col - 1)),
                    "{w}×{h}: row {y} has no cell starting at column {col}:\n{line}\n{}",
                    text[head]
                );
            }
        }
        assert_eq!(
            seen,
            5,
            "{w}×{h}: every source has its row:\n{}",
            text.join("\n")
        );
    }
}

/// The matrix: each row's glyphs sit in the columns of the source labels above them.
#[test]
fn the_matrix_columns_line_up() {
    for (w, h) in [(120u16, 40u16), (80, 24)] {
        let mut app = reader(SCRIPTS, w, h);
        app.press("m");
        let buf = draw(&app);
        let grid = cells(&buf);
        let text = rows(&buf);
        let glyph = |s: &str| ["●", "✗", "±", "·", "✓", "~", "∅"].contains(&s);
        let claim_rows: Vec<usize> = (0..grid.len())
            .filter(|&y| text[y].starts_with("┃▶≠") || text[y].starts_with("┃ ≠"))
            .collect();
        assert_eq!(claim_rows.len(), 4, "{w}×{h}:\n{}", text.join("\n"));
        let columns = |y: usize| -> Vec<u16> {
            grid[y]
                .iter()
                .filter(|(_, s)| glyph(s))
                .map(|(x, _)| *x)
                .collect()
        };
        let first = columns(claim_rows[0]);
        for &y in &claim_rows[1..] {
            assert_eq!(columns(y), first, "{w}×{h}: row {y}:\n{}", text.join("\n"));
        }
    }
}

/// `--bidi reorder` (the default): the first word of the Arabic claim is at the right edge of
/// its column in the detail; `--bidi off`: in storage order, at the left.
#[test]
fn an_arabic_sentence_reads_from_the_right_edge_and_off_keeps_storage_order() {
    let first = "قالت";
    for (w, h) in SIZES {
        let shown = bidi::with(Bidi::Reorder, || {
            let mut app = reader(SCRIPTS, w, h);
            app.press("Enter");
            rows(&draw(&app))
        });
        let visual = bidi::shown(first, true).into_owned();
        let Some(line) = shown.iter().find(|l| l.contains(&visual)) else {
            panic!("{w}×{h}: {visual} not on screen:\n{}", shown.join("\n"));
        };
        let inner = line.trim_end_matches(['┃', '│', ' ']);
        assert!(
            inner.ends_with(&visual),
            "{w}×{h}: not at the right edge: {line:?}"
        );
        let stored = bidi::with(Bidi::Off, || {
            let mut app = reader(SCRIPTS, w, h);
            app.press("Enter");
            rows(&draw(&app))
        });
        let Some(line) = stored.iter().find(|l| l.contains(first)) else {
            panic!(
                "{w}×{h}: {first} not on screen in storage order:\n{}",
                stored.join("\n")
            );
        };
        assert!(
            line.trim_start_matches(['┃', '│', ' ']).starts_with(first),
            "{w}×{h}: {line:?}"
        );
    }
}

/// Search matches follow the reordered letters: a match in the Arabic claim is still drawn
/// over exactly the word found.
#[test]
fn a_search_match_covers_its_word_after_reordering() {
    bidi::with(Bidi::Reorder, || {
        let mut app = reader(SCRIPTS, 120, 40);
        app.press("/ سفينة Enter");
        let buf = draw(&app);
        let visual = bidi::shown("سفينة", true).into_owned();
        let Some((x, y)) = find(&buf, &visual) else {
            panic!("{}", rows(&buf).join("\n"));
        };
        let style = brief::ui::theme::style(brief::view::Kind::MatchCurrent);
        let marked = |x: u16| {
            buf.cell((x, y)).is_some_and(|c| {
                style.bg.is_none_or(|bg| c.bg == bg) && c.modifier.contains(style.add_modifier)
            })
        };
        let n = brief::text::width(&visual) as u16;
        for dx in 0..n {
            assert!(
                marked(x + dx),
                "cell {dx} of the match is not marked:\n{}",
                rows(&buf).join("\n")
            );
        }
        assert!(!marked(x + n + 1), "the mark runs past the word");
        assert!(
            !marked(x.saturating_sub(2)),
            "the mark starts before the word"
        );
    });
}

fn run(args: &[&str]) -> std::process::Output {
    let out = assert_cmd::Command::cargo_bin("brief")
        .map(|mut c| {
            c.current_dir(repo_path("."))
                .env("XDG_CONFIG_HOME", repo_path("tests/fixtures/nonexistent"))
                .args(args)
                .output()
        })
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success(), "brief {args:?}: {out:?}");
    out
}

/// `brief print FILE > out.txt`, the Markdown and the JSON export keep the ZWNJ, ZWJ, LRM/RLM
/// bytes of the input, and the Arabic in storage order.
#[test]
fn print_and_exports_keep_joiners_and_marks_byte_for_byte() {
    let source = std::fs::read_to_string(repo_path(SCRIPTS)).unwrap_or_default();
    for args in [
        &["print", SCRIPTS][..],
        &["--bidi", "reorder", "print", SCRIPTS][..],
        &["export", "--format", "markdown", SCRIPTS][..],
        &["export", "--format", "json", SCRIPTS][..],
    ] {
        let out = String::from_utf8(run(args).stdout).unwrap_or_default();
        for piece in [
            "می\u{200c}گویند",
            "👩\u{200d}👩\u{200d}👧",
            "דובר\u{200f}",
            "עיתון\u{200f}",
            "प्रधानमंत्री",
            "قالت الوزارة إن 12 سفينة",
            "لا للإضراب",
        ] {
            assert!(source.contains(piece), "the fixture has {piece:?}");
            assert!(out.contains(piece), "brief {args:?} lost {piece:?}:\n{out}");
        }
        assert!(!out.contains(['\u{1b}', '\u{7}', '\u{202e}']), "{args:?}");
    }
}

/// The ids of the fixture are Arabic, Persian with ZWNJ, Hindi, Hebrew and Korean: all valid.
#[test]
fn ids_in_any_script_load_and_check() {
    let out = run(&["check", SCRIPTS]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("0 errors, 0 warnings"), "{text}");
}

/// What reaches the terminal through brief's backend (`cells::Exact` over a `TestBackend`):
/// the detail's title keeps a Bengali id whole (QA: `দাবি-২` came out as ` বি-২`, its first
/// grapheme measured one way by ratatui's title and another by the backend).
#[test]
fn the_detail_title_keeps_a_bengali_id_whole_on_the_terminal() {
    for (w, h) in [(80u16, 24u16), (160, 50)] {
        let mut app = reader(SCRIPTS, w, h);
        app.press("G Enter");
        let backend = brief::cells::Exact::new(ratatui::backend::TestBackend::new(w, h));
        let Ok(mut term) = ratatui::Terminal::new(backend);
        let Ok(_) = term.draw(|f| brief::ui::render(&app, f));
        let shown = rows(term.backend().inner().buffer());
        assert!(
            shown.iter().any(|r| r.contains("Claim 4/4 · দাবি-২")),
            "{w}×{h}:\n{}",
            shown.join("\n")
        );
    }
}
