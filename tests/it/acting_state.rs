//! Acting on the item in focus through the real key table (issue 19): `y` asks for the
//! citation to be copied, the `Y` menu for the quote, text, id or URL, `o` for the URL to be
//! opened (the item's, else its source's); what an item lacks is said, not asked for. The menu
//! is drawn whole at 120×40 and 80×24, with what the item lacks dimmed.

use crate::support::*;
use brief::app::acting::Act;
use brief::app::keymap::Mode;
use brief::ui::theme;

const URLS: &str = "tests/fixtures/hostile/urls.yaml";

fn copy(what: &'static str, text: &str) -> Option<Act> {
    Some(Act::Copy {
        what,
        text: text.to_string(),
    })
}

#[test]
fn y_asks_for_the_citation_of_the_item_in_focus_in_panes_detail_and_contradictions() {
    let mut app = reader(KOREA, 120, 40);
    app.press("y");
    assert_eq!(
        app.take_act(),
        copy(
            "citation",
            "The Wall Street Journal, 22 May 2025, citing unnamed US defence officials familiar \
             with the discussions — B3"
        )
    );
    assert_eq!(app.take_act(), None, "asked once");
    // A response, in its detail.
    app.press("2 Enter y");
    assert_eq!(app.mode(), Mode::Detail);
    let b = app.briefing();
    let first = &b.responses[0];
    let expected = brief::briefing::describe::citation(b, first);
    assert!(
        expected.starts_with("Ministry of National Defense"),
        "{expected}"
    );
    assert_eq!(app.take_act(), copy("citation", &expected));
    // The right side of a contradiction, once focused.
    app.press("Esc 1 c l y");
    assert_eq!(app.mode(), Mode::Contradictions);
    let Some(Act::Copy { text, .. }) = app.take_act() else {
        panic!("nothing asked in the contradictions view");
    };
    let left = brief::briefing::describe::citation(app.briefing(), &app.briefing().claims[0]);
    assert_ne!(text, left, "the focused (right) side, not the left");
}

#[test]
fn the_copy_menu_takes_a_key_per_part_and_closes() {
    let mut app = reader(KOREA, 120, 40);
    app.press("Y");
    assert_eq!(app.mode(), Mode::Copy);
    app.press("q");
    assert_eq!(app.mode(), Mode::Panes, "a part's key closes the menu");
    let quote = app.briefing().claims[0].quote.clone().unwrap();
    assert_eq!(app.take_act(), copy("quote", &quote));
    app.press("Y t");
    let text = app.briefing().claims[0].text.trim_end().to_string();
    assert_eq!(app.take_act(), copy("text", &text));
    app.press("Y i");
    assert_eq!(app.take_act(), copy("id", "withdrawal-option"));
    app.press("Y u");
    assert_eq!(app.take_act(), copy("URL", "https://www.wsj.com/"));
    // Esc and Y close it without asking anything; other keys do nothing while it is open.
    app.press("Y j m");
    assert_eq!(app.mode(), Mode::Copy);
    app.press("Esc");
    assert_eq!(app.mode(), Mode::Panes);
    app.press("Y Y");
    assert_eq!(app.mode(), Mode::Panes);
    assert_eq!(app.take_act(), None);
    assert_eq!(
        app.current().map(|r| r.index),
        Some(0),
        "j did not move under the menu"
    );
}

#[test]
fn o_asks_for_the_items_url_else_its_sources_and_says_when_there_is_none() {
    let mut app = reader(URLS, 120, 40);
    app.press("o");
    assert_eq!(
        app.take_act(),
        Some(Act::Open {
            url: "https://a.example/\u{1b}]8;;https://evil.example/\u{1b}\\".into()
        }),
        "the event loop checks it (and refuses it): tests/e2e/e2e_acting.rs"
    );
    app.press("G k o");
    assert_eq!(
        app.take_act(),
        Some(Act::Open {
            url: "https://good.example/path?q=1;x=2".into()
        })
    );
    app.press("j o");
    assert_eq!(app.take_act(), None);
    assert_eq!(
        app.message(),
        Some("this claim has no URL, nor has its source")
    );
    app.press("Y q");
    assert_eq!(app.take_act(), None);
    assert_eq!(app.message(), Some("this claim has no quote"));
    app.press("Y u");
    assert_eq!(
        app.message(),
        Some("this claim has no URL, nor has its source")
    );
}

#[test]
fn the_copy_menu_drawn_whole_with_what_the_item_lacks_dimmed() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = reader(KOREA, w, h);
        app.press("Y");
        insta::with_settings!({
            description => format!("{KOREA} at {w}×{h} after `Y`: the copy menu"),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("copy_menu_{w}x{h}"), screen(&app));
        });
        let buf = draw(&app);
        let (x, y) = find(&buf, "c citation").unwrap();
        assert_eq!(
            buf[(x, y)].fg,
            theme::HINT_KEY.fg.unwrap_or_default(),
            "the key"
        );
    }
    let mut app = reader(URLS, 80, 24);
    app.press("Y");
    let buf = draw(&app);
    let (x, y) = find(&buf, "q quote").unwrap();
    assert!(rows(&buf)[usize::from(y)].contains("q quote     (none)"));
    for dx in 0..7 {
        assert_eq!(
            buf[(x + dx, y)].fg,
            theme::DIM.fg.unwrap_or_default(),
            "a part the item lacks is dimmed"
        );
    }
}

#[test]
fn a_config_file_may_bind_a_key_to_copy_the_quote_straight_away() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, "[keys.panes]\n\"C\" = \"copy-quote\"\n").unwrap();
    let (_, config) = brief::config::load(Some(&file)).unwrap().unwrap();
    let km = config.keymap();
    let key: brief::app::keymap::Key = "C".parse().unwrap();
    assert_eq!(
        km.lookup(Mode::Panes, key),
        Some(brief::app::Action::Copy(brief::app::acting::Part::Quote))
    );
    assert!(km
        .help_groups(Mode::Panes)
        .first()
        .unwrap()
        .entries
        .contains(&("C".to_string(), "copy the item's quote")));
}

/// What is copied is what the screen shows: a control character, an escape sequence or a bidi
/// override in the file is copied as its symbol, so pasting into a terminal cannot set its
/// title, its colours or the clipboard (QA copied raw ESC, BEL and U+202E); a URL `o` would
/// refuse is not copied at all.
#[test]
fn nothing_copied_holds_a_control_or_a_bidi_override() {
    let mut app = reader("tests/fixtures/hostile/hostile.yaml", 120, 40);
    for keys in ["y", "Y t", "Y q", "Y i"] {
        app.press(keys);
        let Some(Act::Copy { text, .. }) = app.take_act() else {
            panic!("{keys}: nothing copied");
        };
        assert!(
            !text.chars().any(|c| (c.is_control() && c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
            "{keys}: {text:?}"
        );
        assert!(!text.is_empty(), "{keys}");
    }
    let mut app = reader(URLS, 120, 40);
    app.press("Y u");
    assert_eq!(app.take_act(), None, "a URL with an escape is not copied");
    assert!(
        app.message().is_some_and(|m| m.starts_with("not copied: ")),
        "{:?}",
        app.message()
    );
}
