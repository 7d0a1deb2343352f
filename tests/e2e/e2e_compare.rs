//! The side-by-side view in a real 80×24 terminal: a pair whose texts run past their boxes and
//! whose note runs past its own, each box scrolled to its end with the keys the README names,
//! and no row cut without an `…`; then two items picked with `v`.

use crate::tmux::{repo, Tmux};

/// Seven killed against eleven bodies: 13 and 14 lines of text at 80 columns (17 and 15 with
/// the attribution, the quote and the id) and an 8-line note.
const FERRY: &str = "tests/fixtures/reader/ferry-toll.yaml";

/// A box's title row: where it starts on screen and where it stands in its lines (`first`,
/// `last`, `total`), when they do not all show.
#[derive(Debug)]
struct Title {
    row: usize,
    name: String,
    at: Option<(usize, usize, usize)>,
}

/// ` 9–16/24 ` at the end of a title row, as numbers.
fn position(row: &str) -> Option<(usize, usize, usize)> {
    let (head, total) = row.trim_end_matches(['─', '━', ' ']).rsplit_once('/')?;
    let (_, range) = head.rsplit_once(' ')?;
    let (first, last) = range.split_once('–')?;
    Some((
        first.parse().ok()?,
        last.parse().ok()?,
        total.trim().parse().ok()?,
    ))
}

/// The title rows of the view's boxes, top to bottom.
fn titles(screen: &str) -> Vec<Title> {
    screen
        .lines()
        .enumerate()
        .filter(|(_, l)| {
            [
                " Claim ·",
                " Response ·",
                " Context ·",
                " Why they conflict",
                " Compared ─",
            ]
            .iter()
            .any(|p| l.starts_with(p))
        })
        .map(|(row, l)| Title {
            row,
            name: l
                .split([' ', '·', '─', '━'])
                .filter(|w| !w.is_empty())
                .take_while(|w| !w.starts_with(char::is_numeric))
                .take(if l.starts_with(" Why") { 3 } else { 1 })
                .collect::<Vec<_>>()
                .join(" "),
            at: position(l),
        })
        .collect()
}

/// Every box whose lines do not all show ends its last row in `…`; the rows of a box run from
/// under its title to the row before the next title (or the status bar).
#[track_caller]
fn no_cut_without_an_ellipsis(screen: &str) {
    let rows: Vec<&str> = screen.lines().collect();
    let status = rows
        .iter()
        .rposition(|l| l.contains("CONTRADICTIONS"))
        .unwrap_or(rows.len());
    let ts = titles(screen);
    for (i, t) in ts.iter().enumerate() {
        let end = ts.get(i + 1).map_or(status, |n| n.row);
        let last = rows[t.row + 1..end]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .copied()
            .unwrap_or("");
        if let Some((_, shown_to, total)) = t.at {
            if shown_to < total {
                assert!(
                    last.trim_end().ends_with('…'),
                    "{}: lines {shown_to}/{total} shown, its last row is cut without `…`: \
                     {last:?}\n{screen}",
                    t.name
                );
            }
        }
    }
}

/// Presses `key` until the box titled `name` shows its last line; the screen then.
#[track_caller]
fn scroll_to_end(t: &Tmux, name: &str, key: &str) -> String {
    for _ in 0..20 {
        let screen = t.screen();
        let title = titles(&screen).into_iter().find(|x| x.name == name);
        match title.and_then(|x| x.at) {
            Some((_, last, total)) if last == total => {
                return t.wait_until("the screen to settle", |s| s == screen);
            }
            Some((first, _, _)) => {
                t.keys(&[key]);
                // The next screen: the box has moved on.
                t.wait_until(&format!("{name} to scroll past line {first}"), |s| {
                    titles(s)
                        .into_iter()
                        .find(|x| x.name == name)
                        .and_then(|x| x.at)
                        .is_some_and(|(f, _, _)| f != first)
                });
            }
            None => panic!("{name} shows no position:\n{screen}"),
        }
    }
    panic!("{name} never reached its end:\n{}", t.screen());
}

#[test]
fn at_80x24_the_sides_and_the_note_scroll_to_their_ends_and_every_cut_is_marked() {
    let t = Tmux::start(repo(), 80, 24, "", FERRY);
    t.wait_for(&["Claims 1/2", "PANES"]);
    t.keys(&["c"]);
    let screen = t.wait_for(&[
        "CONTRADICTIONS",
        "Why they conflict",
        "Figures differ: deaths: 7 ↔ 11",
    ]);
    let ts = titles(&screen);
    let names: Vec<&str> = ts.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(
        names,
        ["Claim", "Response", "Why they conflict"],
        "{screen}"
    );
    // Each side shows 8 lines, the note 2, and each says it goes on.
    for (i, x) in ts.iter().enumerate() {
        let rows = ts.get(i + 1).map_or(screen.lines().count() - 1, |n| n.row) - x.row - 1;
        let want = if x.name == "Why they conflict" { 2 } else { 8 };
        assert!(rows >= want, "{} shows {rows} rows:\n{screen}", x.name);
        assert!(
            x.at.is_some_and(|(first, last, total)| first == 1 && last < total),
            "{} runs past its box and says where it stands: {:?}\n{screen}",
            x.name,
            x.at
        );
    }
    no_cut_without_an_ellipsis(&screen);

    // The left side has the focus: Space pages it to its end.
    let end = scroll_to_end(&t, "Claim", "Space");
    no_cut_without_an_ellipsis(&end);
    assert!(end.contains("#toll-seven"), "the left side's end:\n{end}");
    // Tab: the right side; Ctrl-d scrolls it half a page at a time.
    t.keys(&["Tab"]);
    let end = scroll_to_end(&t, "Response", "C-d");
    no_cut_without_an_ellipsis(&end);
    assert!(
        end.contains("#bodies-eleven"),
        "the right side's end:\n{end}"
    );
    assert!(
        end.contains("#toll-seven"),
        "the left side stays where it was:\n{end}"
    );
    // Tab: the note; PgDn.
    t.keys(&["Tab"]);
    let end = scroll_to_end(&t, "Why they conflict", "NPage");
    no_cut_without_an_ellipsis(&end);
    assert!(
        end.contains("so the final toll may be higher than both."),
        "the note's end:\n{end}"
    );
    // PgUp goes back up the note.
    t.keys(&["PPage"]);
    let back = t.wait_gone("higher than both.");
    no_cut_without_an_ellipsis(&back);
    t.quit_cleanly();
}

#[test]
fn v_then_v_on_another_item_shows_the_two_side_by_side_and_esc_returns() {
    let t = Tmux::start(repo(), 120, 40, "", FERRY);
    t.wait_for(&["Claims 1/2", "PANES"]);
    t.keys(&["v"]);
    let marked = t.wait_for(&["◆ Seven people", "Esc cancels"]);
    assert!(
        Tmux::status(&marked).contains("v toll-seven"),
        "the bar names the marked item:\n{marked}"
    );
    t.keys(&["3"]);
    t.wait_for(&["context 1/1"]);
    t.keys(&["v"]);
    let screen = t.wait_for(&["Compared · Claim vs Context · picked with v, not in the file"]);
    assert!(
        screen
            .lines()
            .any(|l| l.contains("Seven people were killed")
                && l.contains("The Kestrel Point ferry is licensed")),
        "the two side by side:\n{screen}"
    );
    assert!(screen.contains("Both give:"), "{screen}");
    let back = t.escape_until_gone("Compared ·");
    assert!(back.contains("PANES"), "{back}");
    assert!(!back.contains("◆"), "the mark is used up:\n{back}");
    t.quit_cleanly();
}
