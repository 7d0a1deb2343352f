//! The reader's search driven through the real key table (`App::press`): the `/` prompt,
//! incremental matching, smart case, regex mode, keeping and cancelling, `n`/`N` with
//! wrap-around, the `K/N` counter, history, and search in the detail and contradictions views.
//! Counts are checked against occurrences counted straight from the YAML, not from the index.
//!
//! `briefings/korea-troops.yaml`, used throughout:
//! - claims: 0 withdrawal-option, 1 troop-cut-size, 2 policy-review, 3 costs-in-trade-talks
//! - responses: 0 mnd-denial, 1 mnd-commitment, 2 costs-kept-separate ("Seoul's contribution")
//! - context: 0 troop-level, 1 cost-sharing-deal ("Seoul and Washington"), 2 snap-election
//!   ("while Seoul"), 3 nds-review ("Pete Hegseth", "the Pentagon"), 4 strategic-flexibility
//! - contradiction pairs: 0 withdrawal-option ↔ mnd-denial, 1 troop-cut-size ↔ mnd-denial,
//!   2 troop-cut-size ↔ cost-sharing-deal, 3 costs-in-trade-talks ↔ costs-kept-separate,
//!   4 costs-in-trade-talks ↔ cost-sharing-deal

use crate::libsupport;
use crate::support;

use crate::support::*;
use brief::app::keymap::Mode;
use brief::app::{App, DetailState, PairsState, Screen};
use brief::briefing::search::{Field, Place};
use brief::briefing::{ItemRef, Section};
use brief::ui::theme;
use brief::view::layout;

const CLAIMS: Section = Section::Claims;
const RESPONSES: Section = Section::Responses;
const CONTEXT: Section = Section::Context;

const CJK: &str = "tests/fixtures/reader/cjk-emoji.yaml";

fn korea() -> App {
    reader(KOREA, 120, 40)
}

/// The counter's two numbers as the status bar shows them: (current, total).
#[track_caller]
fn counter(app: &App) -> (usize, usize) {
    let c = app.search_counter().unwrap_or_default();
    let parse = |s: &str| -> usize {
        s.replace(',', "")
            .parse()
            .unwrap_or_else(|_| panic!("counter {c}"))
    };
    match c.split_once('/') {
        Some((k, n)) => (parse(k), parse(n)),
        None => panic!("counter `{c}` is not K/N"),
    }
}

/// Where the current match is.
#[track_caller]
fn current_place(app: &App) -> Place {
    let s = search(app);
    match s.current.and_then(|i| s.matches.get(i)) {
        Some(m) => m.place,
        None => panic!("no current match (counter {})", s.counter()),
    }
}

/// Everything `Esc` must put back.
fn view(app: &App) -> (Section, [usize; 3], [usize; 3], Vec<Screen>) {
    (
        app.focus(),
        app.selected_indices(),
        app.top_indices(),
        app.screens().to_vec(),
    )
}

#[track_caller]
fn detail(app: &App) -> DetailState {
    match app.screen() {
        Some(Screen::Detail(d)) => d.clone(),
        other => panic!("expected the detail view, got {other:?}"),
    }
}

#[track_caller]
fn pairs(app: &App) -> PairsState {
    match app.screen() {
        Some(Screen::Contradictions(p)) => *p,
        other => panic!("expected the contradictions view, got {other:?}"),
    }
}

fn item(section: Section, i: usize) -> Place {
    Place::Item(ItemRef::new(section, i))
}

/// Occurrences of `needle` the reader should find in a repository briefing, counted from its YAML.
fn expected(rel: &str, needle: &str) -> usize {
    libsupport::count(
        &libsupport::searchable_texts(&libsupport::read(rel)),
        needle,
    )
}

// ---- typing ----

#[test]
fn typing_moves_to_the_first_match_at_or_after_where_you_were_and_switches_pane() {
    let mut app = korea();
    app.press("/");
    assert_eq!(app.mode(), Mode::Prompt);
    assert_eq!(view(&app), (CLAIMS, [0, 0, 0], [0, 0, 0], vec![]));
    // Each keystroke searches again: `s` is in the first claim itself.
    app.press("s");
    assert_eq!(current_place(&app), item(CLAIMS, 0));
    assert_eq!(app.focus(), CLAIMS);
    // "seoul" is in no claim: the first is response 2, and its pane takes the focus.
    app.press("eoul");
    assert_eq!(search(&app).query.pattern, "seoul");
    assert_eq!(current_place(&app), item(RESPONSES, 2));
    assert_eq!(
        (app.focus(), app.selected_indices()),
        (RESPONSES, [0, 2, 0])
    );
    assert_eq!(
        app.mode(),
        Mode::Prompt,
        "the prompt stays open while typing"
    );
    let screen = screen(&app);
    assert!(screen.contains("/seoul▏"), "{screen}");
    assert!(screen.contains("Responses 3/3"), "{screen}");

    // From context 0, "pentagon" is found at context 3, after it, not in claim 0 above it.
    let mut app = korea();
    app.press("3 / pentagon");
    assert_eq!(current_place(&app), item(CONTEXT, 3));
    assert_eq!((app.focus(), app.selected_indices()), (CONTEXT, [0, 0, 3]));
    // From claim 1, "seoul" is found in response 2 though the first is after the claims.
    let mut app = korea();
    app.press("j / seoul");
    assert_eq!(
        (app.focus(), app.selected_indices()),
        (RESPONSES, [1, 2, 0])
    );
}

#[test]
fn smart_case_lower_case_matches_any_case_an_upper_case_letter_makes_it_exact() {
    let mut app = korea();
    app.press("/ us");
    let any_case = counter(&app).1;
    assert_eq!(any_case, expected(KOREA, "us"));
    // "us" in any case: also inside "discussions" and "thousands".
    let mut app = korea();
    app.press("/ US");
    let exact = counter(&app).1;
    assert_eq!(exact, expected(KOREA, "US"));
    assert!(0 < exact && exact < any_case, "US: {exact}, us: {any_case}");
    for m in search(&app).matches.iter() {
        let text = app
            .document()
            .index()
            .field_text(&app.document().briefing, m.place, m.field);
        assert_eq!(&text[m.range.clone()], "US", "exact case at {m:?}");
    }
    // An upper-case letter anywhere: "seoul" finds it, "SEOUL" does not.
    let mut app = korea();
    app.press("/ SEOUL");
    assert_eq!(counter(&app), (0, 0));
    let mut app = korea();
    app.press("/ Seoul");
    assert_eq!(counter(&app).1, expected(KOREA, "seoul"));
}

#[test]
fn ctrl_r_searches_with_a_regular_expression() {
    let mut app = korea();
    app.press("/ Ctrl-r");
    assert!(search(&app).query.regex);
    app.press("28,?500");
    let re = regex::Regex::new("28,?500").unwrap_or_else(|e| panic!("{e}"));
    let texts = libsupport::searchable_texts(&libsupport::read(KOREA));
    let want: usize = texts.iter().map(|t| re.find_iter(t).count()).sum();
    assert!(want >= 2);
    assert_eq!(counter(&app).1, want);
    assert_eq!(search(&app).error, None);
    let screen = screen(&app);
    assert!(
        screen.contains(" regex "),
        "the prompt says regex:\n{screen}"
    );
    // Ctrl-r again: the same text taken literally matches nothing.
    app.press("Ctrl-r");
    assert!(!search(&app).query.regex);
    assert_eq!(counter(&app), (0, 0));
    assert!(support::screen(&app).contains("no match for \"28,?500\""));
    // A kept regex search: the next prompt starts in regex mode too.
    let mut app = korea();
    app.press("/ Ctrl-r troops? Enter /");
    assert!(
        search(&app).query.regex,
        "the next prompt starts in regex mode"
    );
}

#[test]
fn an_invalid_regex_is_reported_in_the_prompt_and_moves_nothing() {
    let mut app = reader(KOREA, 80, 24);
    app.press("3 G 2 j");
    let before = view(&app);
    app.press("/ Ctrl-r troop(s");
    let s = search(&app);
    let err = s.error.clone().unwrap_or_default();
    assert!(err.starts_with("invalid regex"), "error: {err:?}");
    assert!(s.matches.is_empty());
    assert_eq!(s.current, None);
    assert_eq!(view(&app), before, "nothing moves");
    assert_eq!(app.mode(), Mode::Prompt);
    let screen = screen(&app);
    assert!(screen.contains("invalid regex"), "{screen}");
    // Closing the group makes it valid: it finds and moves again.
    app.press(")");
    assert_eq!(search(&app).error, None);
    assert_eq!(counter(&app).1, expected(KOREA, "troops"));
    assert_eq!(
        current_place(&app),
        item(CONTEXT, 0),
        "the first from response 1 on"
    );
    // A regex that matches empty text is refused too.
    let mut app = korea();
    app.press("/ Ctrl-r x*");
    let err = search(&app).error.clone().unwrap_or_default();
    assert!(err.contains("empty"), "error: {err:?}");
    assert_eq!(view(&app), (CLAIMS, [0, 0, 0], [0, 0, 0], vec![]));
    // Enter on an error keeps no false "no match" message.
    app.press("Enter");
    assert_eq!(app.message(), None);
}

// ---- Enter, Esc, Backspace ----

#[test]
fn enter_keeps_the_search_and_the_place() {
    let mut app = korea();
    app.press("/ seoul Enter");
    assert_eq!(app.mode(), Mode::Panes);
    let s = search(&app);
    assert!(s.prompt.is_none());
    assert_eq!(s.query.pattern, "seoul");
    assert_eq!(current_place(&app), item(RESPONSES, 2));
    assert_eq!(
        (app.focus(), app.selected_indices()),
        (RESPONSES, [0, 2, 0])
    );
    assert_eq!(app.search_history(), vec!["seoul".to_string()]);
    let screen = screen(&app);
    let total = expected(KOREA, "seoul");
    assert!(
        screen.contains(&format!("/seoul 1/{total}")),
        "the status bar keeps the query and the counter:\n{screen}"
    );
    // Moving keeps the search; Esc in the panes then clears it and stays put.
    app.press("k");
    assert!(app.search_state().is_some());
    app.press("j Esc");
    assert!(app.search_state().is_none());
    assert_eq!(app.message(), Some("search cleared"));
    assert_eq!(
        (app.focus(), app.selected_indices()),
        (RESPONSES, [0, 2, 0])
    );
}

#[test]
fn esc_restores_focus_selection_scroll_and_views_exactly() {
    // Panes scrolled down in a small terminal.
    let mut app = reader(KOREA, 80, 24);
    app.press("2 j 3 G 1");
    let before = view(&app);
    assert!(
        app.top_index(CONTEXT) > 0,
        "the Context pane is scrolled: {:?}",
        app.top_indices()
    );
    app.press("/ hegseth");
    assert_ne!(view(&app), before, "the search moved the view");
    app.press("Esc");
    assert_eq!(view(&app), before);
    assert!(app.search_state().is_none());
    assert_eq!(app.mode(), Mode::Panes);

    // A detail with its relation cursor moved, over the panes.
    let mut app = reader(KOREA, 80, 24);
    app.press("2 Enter j j");
    let before = view(&app);
    assert_eq!(detail(&app).cursor, 2);
    app.press("/ hegseth");
    assert_eq!(detail(&app).item, ItemRef::new(CONTEXT, 3));
    app.press("Esc");
    assert_eq!(view(&app), before);
    assert_eq!(app.mode(), Mode::Detail);

    // A kept search: `/` then Esc puts it back as it was, current match and all.
    let mut app = korea();
    app.press("/ seoul Enter n");
    let kept = (search(&app).current, view(&app));
    app.press("/ pentagon");
    assert_eq!(search(&app).query.pattern, "pentagon");
    app.press("Esc");
    assert_eq!(search(&app).query.pattern, "seoul");
    assert!(search(&app).prompt.is_none());
    assert_eq!((search(&app).current, view(&app)), kept);
    app.press("n");
    assert_eq!(counter(&app).0, 3, "n goes on with it");
    // Backspace on the empty prompt does the same.
    app.press("/ Backspace");
    assert_eq!(search(&app).query.pattern, "seoul");

    // The contradictions view at another pair.
    let mut app = korea();
    app.press("c j j");
    let before = view(&app);
    app.press("/ seoul");
    assert_ne!(view(&app), before);
    app.press("Esc");
    assert_eq!(view(&app), before);
    assert_eq!(app.mode(), Mode::Contradictions);
}

#[test]
fn backspace_on_an_empty_prompt_closes_it() {
    let mut app = korea();
    app.press("/ Backspace");
    assert!(app.search_state().is_none());
    assert_eq!(app.mode(), Mode::Panes);

    // Deleting back to nothing first returns to where `/` was pressed, prompt still open…
    let mut app = korea();
    app.press("/ seoul");
    assert_eq!(app.focus(), RESPONSES);
    app.press("Backspace Backspace Backspace Backspace Backspace");
    assert_eq!(search(&app).query.pattern, "");
    assert_eq!(app.mode(), Mode::Prompt);
    assert_eq!(view(&app), (CLAIMS, [0, 0, 0], [0, 0, 0], vec![]));
    // …and one more Backspace closes it.
    app.press("Backspace");
    assert!(app.search_state().is_none());
    assert_eq!(app.mode(), Mode::Panes);
    assert!(
        app.search_history().is_empty(),
        "a cancelled query is not remembered"
    );
}

// ---- n and N ----

#[test]
fn n_walks_every_match_in_reading_order_and_wraps_with_a_message() {
    let mut app = korea();
    app.press("/ korea Enter");
    let (_, total) = counter(&app);
    assert_eq!(total, expected(KOREA, "korea"));
    let start = search(&app).current;
    let mut seen = vec![current_place(&app)];
    let mut wrapped_at = None;
    for step in 1..=total {
        app.press("n");
        if app.message() == Some("search wrapped") {
            assert!(wrapped_at.is_none(), "wrapped twice in one round");
            wrapped_at = Some(step);
        }
        seen.push(current_place(&app));
        assert_eq!(counter(&app).1, total);
    }
    assert_eq!(
        search(&app).current,
        start,
        "{total} steps go all the way round"
    );
    let wrapped_at = wrapped_at.unwrap_or_else(|| panic!("never wrapped"));
    // Reading order from the start to the end, then from the top.
    let (before, after) = seen.split_at(wrapped_at);
    for part in [before, &after[..after.len() - 1]] {
        assert!(part.windows(2).all(|w| w[0] <= w[1]), "order: {part:?}");
    }
    assert!(before.last() > after.first());
    // Claims come before responses before context.
    let pos = |s: Section| {
        before
            .iter()
            .position(|p| matches!(p, Place::Item(r) if r.section == s))
            .unwrap_or_else(|| panic!("no {s:?} match in {before:?}"))
    };
    assert!(pos(CLAIMS) < pos(RESPONSES) && pos(RESPONSES) < pos(CONTEXT));

    // N goes back the same way.
    let mut back = vec![current_place(&app)];
    for _ in 0..total {
        app.press("N");
        back.push(current_place(&app));
    }
    let mut forward = seen.clone();
    forward.reverse();
    assert_eq!(back, forward);
}

#[test]
fn n_goes_past_matches_in_the_title_and_in_a_note_and_wraps() {
    // "pentagon": the summary, claim 0, response 0, context 3 and the first contradiction's note.
    let mut app = korea();
    app.press("/ pentagon Enter");
    assert_eq!(counter(&app), (2, expected(KOREA, "pentagon")));
    assert_eq!(counter(&app).1, 5);
    app.press("n");
    assert_eq!(current_place(&app), item(RESPONSES, 0));
    app.press("n");
    assert_eq!(current_place(&app), item(CONTEXT, 3));
    app.press("n");
    assert_eq!(current_place(&app), Place::Contradiction(0));
    assert_eq!(counter(&app).0, 5);
    assert!(
        app.message().is_some_and(|m| m.contains("note")),
        "{:?}",
        app.message()
    );
    // From the note, the next is the summary at the top, wrapping.
    app.press("n");
    assert_eq!(current_place(&app), Place::Header);
    assert_eq!(counter(&app).0, 1);
    assert_eq!(app.message(), Some("search wrapped"));
    app.press("n");
    assert_eq!(current_place(&app), item(CLAIMS, 0));
    assert_eq!((app.focus(), app.selected_index(CLAIMS)), (CLAIMS, 0));
    // And back: N from claim 0 to the summary, then wrapping to the note.
    app.press("N");
    assert_eq!(current_place(&app), Place::Header);
    app.press("N");
    assert_eq!(current_place(&app), Place::Contradiction(0));
    assert_eq!(app.message(), Some("search wrapped"));
}

#[test]
fn n_after_moving_goes_on_from_where_you_are() {
    let mut app = korea();
    app.press("/ seoul Enter");
    assert_eq!(current_place(&app), item(RESPONSES, 2));
    // Away to context 2, then n: the first match from context 2 on (its own), not the one
    // after response 2 (context 1); then on from there.
    app.press("3 j j n");
    assert_eq!(current_place(&app), item(CONTEXT, 2));
    app.press("n");
    assert_eq!(current_place(&app), Place::Contradiction(0));
    assert_eq!((app.focus(), app.selected_index(CONTEXT)), (CONTEXT, 2));
    let mut app = korea();
    app.press("/ seoul Enter 3 j j N");
    assert_eq!(
        current_place(&app),
        item(CONTEXT, 2),
        "its own match, backwards"
    );
}

#[test]
fn n_with_no_search_or_no_match_says_so_and_moves_nothing() {
    let mut app = korea();
    app.press("n");
    assert_eq!(app.message(), Some("no search yet: press / to search"));
    let mut app = reader(KOREA, 80, 24);
    app.press("3 G");
    let before = view(&app);
    app.press("/ zebra");
    assert_eq!(counter(&app), (0, 0));
    assert_eq!(view(&app), before, "no match: nothing moves");
    let screen = screen(&app);
    assert!(screen.contains("no match for \"zebra\""), "{screen}");
    app.press("Enter");
    assert_eq!(app.message(), Some("no match for \"zebra\""));
    assert!(support::screen(&app).contains("no match for \"zebra\""));
    app.press("n");
    assert_eq!(app.message(), Some("no match for \"zebra\""));
    app.press("N");
    assert_eq!(view(&app), before);
}

// ---- the counter ----

#[test]
fn the_counter_counts_every_occurrence() {
    let cases: [(&str, &[&str]); 3] = [
        (
            KOREA,
            &[
                "the",
                "korea",
                "Korea",
                "US",
                "2025-05-23",
                "defence",
                "four",
            ],
        ),
        (
            HARBOUR,
            &[
                "toll",
                "₩",
                "통행료",
                "환포",
                "12%",
                "ferry",
                "🚗",
                "2025-09-1",
            ],
        ),
        (
            "briefings/night-buses.yaml",
            &["bus", "council", "Council", "night", "통행료"],
        ),
    ];
    for (rel, queries) in cases {
        for q in queries {
            let mut app = reader(rel, 120, 40);
            app.press("/");
            // Typed a character at a time, whatever the characters.
            for c in q.chars() {
                app.update(brief::app::Action::PromptInput(c));
            }
            let want = expected(rel, q);
            let (k, n) = counter(&app);
            assert_eq!(n, want, "{rel}: /{q}");
            assert_eq!(search(&app).matches.len(), want, "{rel}: /{q}");
            // The first match from claim 0 on: only matches in the title, date or summary
            // come before it.
            if want > 0 {
                let s = search(&app);
                assert!(
                    s.matches
                        .iter()
                        .take(k - 1)
                        .all(|m| m.place == Place::Header),
                    "{rel}: /{q} starts at match {k}"
                );
                assert!(current_place(&app) != Place::Header, "{rel}: /{q}");
            } else {
                assert_eq!(k, 0);
            }
        }
    }
    // K follows n.
    let mut app = korea();
    app.press("/ defence Enter");
    let (k, n) = counter(&app);
    app.press("n");
    assert_eq!(counter(&app), (k % n + 1, n));
}

// ---- history ----

#[test]
fn up_and_down_recall_the_queries_of_the_session() {
    let mut app = korea();
    app.press("/ seoul Enter / pentagon Enter / seoul Enter");
    assert_eq!(
        app.search_history(),
        vec!["pentagon", "seoul"],
        "one entry per query"
    );
    app.press("/ gu");
    app.press("↑");
    assert_eq!(search(&app).query.pattern, "seoul");
    assert_eq!(
        counter(&app).1,
        expected(KOREA, "seoul"),
        "a recalled query runs"
    );
    app.press("↑");
    assert_eq!(search(&app).query.pattern, "pentagon");
    app.press("↑");
    assert_eq!(
        search(&app).query.pattern,
        "pentagon",
        "stops at the oldest"
    );
    app.press("↓");
    assert_eq!(search(&app).query.pattern, "seoul");
    app.press("↓");
    assert_eq!(search(&app).query.pattern, "gu", "back to what was typed");
    app.press("↑ Enter");
    assert_eq!(app.search_history(), vec!["pentagon", "seoul"]);
    assert_eq!(app.mode(), Mode::Panes);
}

// ---- Korean and emoji ----

/// The style of the first cell of each character of `needle` where it is first drawn in `area`.
#[track_caller]
fn char_styles(
    buf: &ratatui::buffer::Buffer,
    area: ratatui::layout::Rect,
    needle: &str,
) -> Vec<ratatui::style::Style> {
    let Some((mut x, y)) = find_in(buf, area, needle) else {
        panic!("`{needle}` not on screen:\n{}", rows(buf).join("\n"))
    };
    let mut out = Vec::new();
    for c in needle.chars() {
        out.push(buf[(x, y)].style());
        x += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) as u16;
    }
    out
}

#[track_caller]
fn assert_match_style(styles: &[ratatui::style::Style], want: ratatui::style::Style, what: &str) {
    for s in styles {
        assert_eq!(
            (s.fg, s.bg),
            (want.fg, want.bg),
            "{what}: every character is highlighted"
        );
        assert!(s.add_modifier.contains(want.add_modifier), "{what}");
    }
}

#[test]
fn a_korean_query_highlights_exactly_its_characters() {
    let mut app = reader(HARBOUR, 120, 40);
    app.press("/ 통행료");
    // Claim 2 (operator-shortfall) holds the first: "환포대교㈜는 2024년 통행료 수입이".
    assert_eq!(current_place(&app), item(CLAIMS, 2));
    assert_eq!(counter(&app), (1, expected(HARBOUR, "통행료")));
    let m = search(&app)
        .matches
        .get(0)
        .unwrap_or_else(|| panic!("a match"));
    assert_eq!(m.field, Field::Text);
    let text = &app.briefing().claims[2].text;
    assert_eq!(&text[m.range.clone()], "통행료");

    let buf = draw(&app);
    let pane = layout::pane_area(app.size(), CLAIMS);
    let styles = char_styles(&buf, pane, "년 통행료 수");
    assert_match_style(&styles[2..5], theme::MATCH_CURRENT, "the current match");
    for (i, s) in [0, 1, 5, 6].map(|i| (i, styles[i])) {
        assert_ne!(s.bg, theme::MATCH_CURRENT.bg, "char {i} is not part of it");
        assert_ne!(s.bg, theme::MATCH.bg, "char {i} is not part of it");
    }
    // n: claim 5 ("통행료를") becomes current; context 1's ("통행료 변경은") is a plain match.
    app.press("Enter n");
    assert_eq!(current_place(&app), item(CLAIMS, 5));
    let buf = draw(&app);
    let styles = char_styles(&buf, pane, "통행료를");
    assert_match_style(&styles[..3], theme::MATCH_CURRENT, "the current match");
    assert_ne!(styles[3].bg, theme::MATCH_CURRENT.bg);
    assert_ne!(styles[3].bg, theme::MATCH.bg);
    let context = layout::pane_area(app.size(), CONTEXT);
    let styles = char_styles(&buf, context, "통행료 변경");
    assert_match_style(&styles[..3], theme::MATCH, "another match");
}

#[test]
fn an_emoji_query_highlights_the_emoji_and_not_its_neighbour() {
    let mut app = reader(HARBOUR, 120, 40);
    app.press("/ 🚗");
    // Claim 7 (petition) starts "🚗💸 An online petition".
    assert_eq!(current_place(&app), item(CLAIMS, 7));
    assert_eq!(counter(&app), (1, expected(HARBOUR, "🚗")));
    let buf = draw(&app);
    let pane = layout::pane_area(app.size(), CLAIMS);
    let styles = char_styles(&buf, pane, "🚗💸 An");
    assert_match_style(&styles[..1], theme::MATCH_CURRENT, "🚗");
    assert_ne!(
        styles[1].bg,
        theme::MATCH_CURRENT.bg,
        "💸 is not part of it"
    );
    assert_ne!(styles[1].bg, theme::MATCH.bg, "💸 is not part of it");
    // The next is in the context pane (commuter-survey).
    app.press("Enter n");
    assert_eq!(current_place(&app), item(CONTEXT, 5));
    assert_eq!(app.focus(), CONTEXT);
    let buf = draw(&app);
    let styles = char_styles(&buf, layout::pane_area(app.size(), CONTEXT), "week 🚗");
    assert_match_style(&styles[5..], theme::MATCH_CURRENT, "🚗 in context");
}

// ---- in the detail view ----

#[test]
fn search_in_the_detail_moves_the_detail() {
    let mut app = korea();
    app.press("Enter");
    assert_eq!(detail(&app).item, ItemRef::new(CLAIMS, 0));
    app.press("/ hegseth");
    let d = detail(&app);
    assert_eq!(d.item, ItemRef::new(CONTEXT, 3));
    assert_eq!((d.cursor, d.scroll), (0, 0));
    assert_eq!(app.screens().len(), 1, "one detail, not a new one on top");
    assert_eq!(
        (app.focus(), app.selected_index(CONTEXT)),
        (CONTEXT, 3),
        "the panes follow"
    );
    app.press("Enter");
    assert_eq!(app.mode(), Mode::Detail);
    let screen = screen(&app);
    assert!(screen.contains("nds-review"), "{screen}");
    assert!(screen.contains("Hegseth"), "{screen}");
    // n in the detail: from claim 0 again, "seoul" goes response 2 → context 1 → context 2.
    let mut app = korea();
    app.press("Enter / seoul Enter");
    assert_eq!(detail(&app).item, ItemRef::new(RESPONSES, 2));
    app.press("n");
    assert_eq!(detail(&app).item, ItemRef::new(CONTEXT, 1));
    app.press("n");
    assert_eq!(detail(&app).item, ItemRef::new(CONTEXT, 2));
    assert_eq!(app.screens().len(), 1);
    // Esc closes the detail; the search stays for the panes.
    app.press("Esc");
    assert!(app.screens().is_empty());
    assert!(app.search_state().is_some());
}

// ---- in the contradictions view ----

#[test]
fn n_in_the_contradictions_view_steps_over_every_match_pair_by_pair() {
    let mut app = korea();
    app.press("c");
    assert_eq!(pairs(&app).index, 0);
    // "seoul" is in response 2 (pair 3), context 1 (pairs 2 and 4) and the notes of pairs 0
    // and 2; pair 1 holds none. Typing stays at the pair in view when it holds a match.
    app.press("/ seoul");
    assert_eq!(pairs(&app).index, 0);
    assert_eq!(current_place(&app), Place::Contradiction(0));
    app.press("Enter");
    assert_eq!(app.mode(), Mode::Contradictions);
    let holds = |app: &App, p: usize| {
        let pair = &app.document().relations.pairs[p];
        let s = search(app);
        [pair.left, pair.right]
            .iter()
            .any(|&r| !s.matches.in_place(Place::Item(r)).is_empty())
            || pair
                .notes
                .iter()
                .any(|&k| !s.matches.in_place(Place::Contradiction(k)).is_empty())
    };
    // Pair 2 shows two: context 1 on its right and its note. The counter counts the same stops.
    let mut visited = vec![0];
    let mut counted = vec![counter(&app)];
    for _ in 0..5 {
        app.press("n");
        visited.push(pairs(&app).index);
        counted.push(counter(&app));
    }
    assert_eq!(visited, vec![0, 2, 2, 3, 4, 0]);
    assert_eq!(
        counted,
        vec![(1, 5), (2, 5), (3, 5), (4, 5), (5, 5), (1, 5)]
    );
    assert!(visited.iter().all(|&p| holds(&app, p)));
    assert!(!holds(&app, 1));
    let mut app = korea();
    app.press("c j j j / seoul Enter n n");
    assert_eq!(
        pairs(&app).index,
        0,
        "pair 0 holds \"Seoul\" in its note only"
    );
    assert_eq!(current_place(&app), Place::Contradiction(0));
    assert_eq!(app.message(), Some("search wrapped"));
    app.press("N");
    assert_eq!(pairs(&app).index, 4);
    assert_eq!(app.message(), Some("search wrapped"));
    app.press("N");
    assert_eq!(pairs(&app).index, 3);
    assert_eq!(app.message(), None);
    // The matching side's text is highlighted in the view.
    let screen = screen(&app);
    assert!(screen.contains("Seoul"), "{screen}");
}

/// `tests/fixtures/reader/cjk-emoji.yaml`: the pairs as numbered are 0 fare-15 ↔ kdi-view,
/// 1 fare-15 ↔ ordinance, 2 fare-30 ↔ seoul-reply (note "Duplicate of implied; should merge",
/// declared third), 3 fare-30 ↔ kdi-view (note "… should merge, claim stays left", declared
/// second), 4 no-date-claim ↔ seoul-reply.
#[test]
fn search_in_the_contradictions_view_follows_the_pairs_as_numbered_not_the_declarations() {
    let mut app = reader(CJK, 120, 40);
    app.press("1 g c");
    assert_eq!(pairs(&app).index, 0);
    app.press("/ merge");
    assert_eq!(
        pairs(&app).index,
        2,
        "typing goes to the first pair that matches"
    );
    assert_eq!(counter(&app), (1, 2));
    app.press("Enter n");
    assert_eq!(pairs(&app).index, 3);
    assert_eq!(counter(&app), (2, 2));
    assert_eq!(app.message(), None, "no wrap from pair 3 to pair 4");
    app.press("n");
    assert_eq!(pairs(&app).index, 2);
    assert_eq!(counter(&app), (1, 2));
    assert_eq!(app.message(), Some("search wrapped"));
    app.press("N");
    assert_eq!(pairs(&app).index, 3);
    assert_eq!(app.message(), Some("search wrapped"));
    // Typing starts at the pair in view, not at the first match of the file: from pair 4 the
    // first match at or after it is its own note.
    let mut app = reader(CJK, 120, 40);
    app.press("1 g c ] ] ] / merge");
    assert_eq!(pairs(&app).index, 3);
    assert_eq!(counter(&app), (2, 2));
}

// ---- editing the query ----

#[test]
fn ctrl_w_deletes_the_last_word_and_ctrl_u_the_whole_query_as_in_a_shell() {
    let mut app = korea();
    app.press("/ south Space korea Space");
    assert_eq!(search(&app).query.pattern, "south korea ");
    app.press("Ctrl-w");
    assert_eq!(search(&app).query.pattern, "south ");
    assert_eq!(
        counter(&app).1,
        expected(KOREA, "south "),
        "the shorter query runs"
    );
    app.press("Ctrl-w");
    assert_eq!(search(&app).query.pattern, "");
    assert_eq!(app.mode(), Mode::Prompt, "the prompt stays open");
    app.press("seoul Ctrl-u");
    assert_eq!(search(&app).query.pattern, "");
    assert_eq!(view(&app), (CLAIMS, [0, 0, 0], [0, 0, 0], vec![]));
    assert_eq!(app.mode(), Mode::Prompt);
    app.press("pentagon Enter");
    assert_eq!(search(&app).query.pattern, "pentagon");
}

// ---- when the briefing changes under a kept search ----

/// Every match of the kept search is the query's text where it says it is.
#[track_caller]
fn matches_are_where_they_say(app: &App, needle: &str) {
    let s = search(app);
    assert!(!s.matches.is_empty());
    for m in s.matches.iter() {
        let text = app
            .document()
            .index()
            .field_text(&app.document().briefing, m.place, m.field);
        assert_eq!(
            text.get(m.range.clone()).map(str::to_lowercase).as_deref(),
            Some(needle),
            "{m:?} in {text:?}"
        );
    }
}

#[test]
fn a_reload_or_a_hidden_source_finds_the_matches_again() {
    // The file is saved with one more "Seoul", early on: every offset after it moves.
    let mut app = korea();
    app.press("/ seoul Enter");
    let before = counter(&app).1;
    let yaml = libsupport::read(KOREA).replacen(
        "South Korean officials have insisted",
        "Seoul: South Korean officials have insisted",
        1,
    );
    app.replace_doc(std::rc::Rc::new(doc_from_yaml("korea-troops.yaml", &yaml)));
    assert_eq!(
        counter(&app),
        (0, before + 1),
        "counted again, none current"
    );
    matches_are_where_they_say(&app, "seoul");
    app.press("n");
    assert_eq!(
        current_place(&app),
        item(RESPONSES, 2),
        "n goes on from the item in focus"
    );
    // Hiding a source removes items: the matches are those of what is shown.
    let mut app = korea();
    app.press("/ korea Enter");
    app.press("s x Esc");
    assert!(app.source_filter().is_some());
    assert_eq!(search(&app).query.pattern, "korea");
    matches_are_where_they_say(&app, "korea");
    app.press("s x Esc");
    assert!(app.source_filter().is_none());
    assert_eq!(counter(&app).1, expected(KOREA, "korea"));
    matches_are_where_they_say(&app, "korea");
}
