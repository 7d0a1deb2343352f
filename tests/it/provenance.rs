//! Provenance and judgments in the reader: origins beside the sources count, the chains drawn,
//! circular reporting from `check` and on screen, the Judgments pane through the keymap, what
//! hiding a source (`x`) takes from the judgments, and the sensitivity table. State tests
//! through the real keymap, whole-frame snapshots at 120×40 and 80×24, a few styles on cells.

use std::process::Command;

use brief::app::keymap::Mode;
use brief::app::{App, Screen};
use brief::briefing::judgment::Effect;
use brief::briefing::provenance::origins;
use brief::briefing::Section;
use brief::ui::theme::{self, Role};

use crate::support::{draw, find, reader, rows, screen};

const ECHOES: &str = "tests/fixtures/provenance/echoes.yaml";
const CIRCULAR: &str = "tests/fixtures/provenance/circular.yaml";
const KOREA: &str = "briefings/korea-troops.yaml";

fn claim(app: &App, id: &str) -> usize {
    match app.briefing().find(id) {
        Some(r) if r.section == Section::Claims => r.index,
        other => panic!("no claim {id}: {other:?}"),
    }
}

#[test]
fn three_outlets_two_through_the_third_are_two_origins_and_an_echo_line_is_one() {
    let app = reader(ECHOES, 120, 40);
    let doc = app.document();
    let o = origins(&doc.briefing, &doc.relations, claim(&app, "port-closed"));
    assert_eq!(o.sources, vec!["wire", "paper", "tv"]);
    assert_eq!(o.independent, vec!["paper", "tv"]);
    let o = origins(&doc.briefing, &doc.relations, claim(&app, "strike-called"));
    assert_eq!((o.sources.len(), o.count()), (3, 1));
    let text = screen(&app);
    assert!(text.contains("3 sources · 2 origins"), "{text}");
    assert!(text.contains("3 sources · 1 origin"), "{text}");
    // berths-idle rests on the agency alone, and the author confirmed it.
    assert!(text.contains("1 source"), "{text}");
}

#[test]
fn the_detail_draws_each_chain_and_follows_the_author_on_a_confirmed_claim() {
    let mut app = reader(ECHOES, 80, 24);
    app.press("Enter");
    let text = screen(&app);
    assert!(text.contains("3 sources · 2 origins"), "{text}");
    assert!(text.contains("Daily Paper ← Wire Agency"), "{text}");
    assert!(text.contains("Evening TV ← Wire Agency"), "{text}");
    assert!(
        text.contains("confirmed by the author; 3 sources, 2 independent"),
        "{text}"
    );
    // The confirmed claim on one origin is not told nothing confirms it.
    let mut app = reader(ECHOES, 80, 24);
    app.press("j Enter");
    let text = screen(&app);
    assert!(
        text.contains("confirmed by the author; one origin in this"),
        "{text}"
    );
    assert!(!text.contains("no other source confirms it"), "{text}");
    // A response's own chain: origin first, nearest outlet last.
    let mut app = reader(ECHOES, 80, 24);
    app.press("2 j j j Enter");
    assert!(
        screen(&app).contains("Evening TV ← Dockers' Union ← Daily Paper"),
        "{}",
        screen(&app)
    );
}

#[test]
fn the_sources_view_draws_the_chain_and_what_each_outlet_carried() {
    let mut app = reader(KOREA, 120, 40);
    app.press("s g");
    let text = screen(&app);
    // The Independent is selected first: it carried the Journal's report and Yonhap's.
    assert!(text.contains("carried ←"), "{text}");
    assert!(
        text.contains("(The Wall Street Journal ← The Independent)"),
        "{text}"
    );
    app.press("j j");
    let text = screen(&app);
    assert!(
        text.contains("(Yonhap News Agency ← The Independent)"),
        "{text}"
    );
}

fn brief_check(path: &str) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env(
            "XDG_CONFIG_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config-home"),
        )
        .env_remove("BRIEF_CONFIG")
        .args(["check", "--short", path])
        .output()
        .unwrap_or_else(|e| panic!("cannot run brief: {e}"));
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn check_warns_of_circular_reporting_and_passes_the_echoes() {
    let (code, out) = brief_check(CIRCULAR);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains(
        "tests/fixtures/provenance/circular.yaml:7:9: warning: circular reporting on claim `minister-resigns`: `alpha` came through `beta` and `beta` through `alpha`"
    ), "{out}");
    let (code, out) = brief_check(ECHOES);
    assert_eq!(code, Some(0), "{out}");
    assert!(!out.contains(": warning:"), "{out}");
}

#[test]
fn the_reader_says_circular_reporting_in_the_header_pane_detail_and_info() {
    let mut app = reader(CIRCULAR, 120, 40);
    let buf = draw(&app);
    let header = rows(&buf)[1].clone();
    assert!(
        header.contains("circular reporting: Alpha News ↔ Beta Daily"),
        "{header}"
    );
    // The notice has the flag's style, so it reads as a warning, not a tag.
    let (x, y) = find(&buf, "circular reporting: Alpha").unwrap_or_else(|| panic!("no notice"));
    assert_eq!(
        buf[(x, y)].fg,
        theme::get(Role::Flag).fg.unwrap_or_default()
    );
    let text = screen(&app);
    assert!(text.contains("2 sources · 1 origin"), "{text}");
    app.press("Enter");
    let text = screen(&app);
    assert!(
        text.contains("circular reporting: Alpha News and Beta Daily cite each other"),
        "{text}"
    );
    app.press("Esc i");
    assert!(
        screen(&app).contains("circular reporting on claim"),
        "{}",
        screen(&app)
    );
}

#[test]
fn four_and_tab_reach_the_judgments_pane_and_the_number_keys_leave_it() {
    let mut app = reader(ECHOES, 80, 24);
    app.press("4");
    assert_eq!(app.mode(), Mode::Judgments);
    app.press("j");
    assert!(matches!(app.screen(), Some(Screen::Judgments(s)) if s.cursor == 1));
    app.press("1");
    assert_eq!((app.mode(), app.focus()), (Mode::Panes, Section::Claims));
    app.press("3 Tab");
    assert_eq!(app.mode(), Mode::Judgments);
    app.press("Tab");
    assert_eq!((app.mode(), app.focus()), (Mode::Panes, Section::Claims));
    app.press("Shift-Tab");
    assert_eq!(app.mode(), Mode::Judgments);
    app.press("h");
    assert_eq!((app.mode(), app.focus()), (Mode::Panes, Section::Context));
    app.press("l");
    assert_eq!(app.mode(), Mode::Judgments);
    // A briefing without judgments keeps its three panes and says why.
    let mut none = reader("briefings/harbour-bridge-tolls.yaml", 80, 24);
    none.press("4");
    assert_eq!(none.mode(), Mode::Panes);
    assert_eq!(none.message(), Some("this briefing has no judgments"));
    none.press("3 Tab");
    assert_eq!((none.mode(), none.focus()), (Mode::Panes, Section::Claims));
}

#[test]
fn a_judgments_detail_lists_what_it_rests_on_and_against_and_follows_them() {
    let mut app = reader(ECHOES, 120, 40);
    app.press("4 j Enter");
    let text = screen(&app);
    assert!(text.contains("Rests on (2)"), "{text}");
    assert!(text.contains("Against (1)"), "{text}");
    assert!(
        text.contains("The ministry's rail plan is ready."),
        "{text}"
    );
    // The second item it rests on, then the one against it, opened and back.
    app.press("j Enter");
    match app.screen() {
        Some(Screen::Detail(d)) => assert_eq!(
            app.briefing().item(d.item).map(|i| i.id.as_str()),
            Some("ministry-plan")
        ),
        other => panic!("not the detail: {other:?}"),
    }
    app.press("Esc j Enter");
    match app.screen() {
        Some(Screen::Detail(d)) => assert_eq!(
            app.briefing().item(d.item).map(|i| i.id.as_str()),
            Some("berths-answer")
        ),
        other => panic!("not the detail: {other:?}"),
    }
    app.press("Esc Backspace");
    assert!(matches!(app.screen(), Some(Screen::Judgments(_))));
}

#[test]
fn hiding_an_origin_marks_the_judgments_it_supports() {
    let mut app = reader(ECHOES, 120, 40);
    // From the Judgments pane: the sources, hide the agency, back to the judgments.
    app.press("4 s");
    assert_eq!(app.mode(), Mode::Sources);
    app.press("g x Esc");
    assert_eq!(app.source_filter().map(|f| f.source.as_str()), Some("wire"));
    assert_eq!(app.mode(), Mode::Judgments);
    let judged = app.judged();
    let effects: Vec<Option<Effect>> = (0..3).map(|i| judged.effect(i)).collect();
    // closure-lasts rests on the agency's claim and a response that answered only it;
    // strike-spreads on none of its items; idle-berths-cost on one of two.
    assert_eq!(
        effects,
        vec![Some(Effect::Unsupported), None, Some(Effect::Weakened)]
    );
    let buf = draw(&app);
    let text = rows(&buf).join("\n");
    assert!(text.contains("○ unsupported"), "{text}");
    assert!(text.contains("◐ weakened"), "{text}");
    assert!(text.contains("hiding Wire Agency"), "{text}");
    let (x, y) = find(&buf, "○ unsupported").unwrap_or_else(|| panic!("no mark"));
    assert_eq!(
        buf[(x, y)].fg,
        theme::get(Role::Flag).fg.unwrap_or_default()
    );
    // The detail says why, and the hidden item is listed but not followed.
    app.press("Enter");
    let text = screen(&app);
    assert!(
        text.contains("○ unsupported by hiding Wire Agency: every item it rests on is hidden"),
        "{text}"
    );
    assert!(
        text.contains("⊘ hidden: port-closed (Wire Agency)"),
        "{text}"
    );
    app.press("Enter");
    assert!(matches!(app.screen(), Some(Screen::Judgment(_))));
    assert!(app.message().is_some_and(|m| m.contains("hidden")));
    // Hiding the ministry instead weakens the two judgments resting on its plan.
    let mut app = reader(ECHOES, 120, 40);
    app.press("4 s G x Esc");
    assert_eq!(
        app.source_filter().map(|f| f.source.as_str()),
        Some("ministry")
    );
    let judged = app.judged();
    let effects: Vec<Option<Effect>> = (0..3).map(|i| judged.effect(i)).collect();
    assert_eq!(
        effects,
        vec![None, Some(Effect::Weakened), Some(Effect::Weakened)]
    );
}

#[test]
fn the_sensitivity_table_names_the_single_origin_a_judgment_depends_on() {
    let mut app = reader(ECHOES, 120, 40);
    app.press("S");
    assert_eq!(app.mode(), Mode::Sensitivity);
    let t = &app.document().analysis().sensitivity;
    assert_eq!(t.origins, vec!["wire", "paper", "union", "ministry"]);
    assert_eq!(t.depends_on(0), Some("wire"));
    assert_eq!(t.depends_on(1), None);
    let text = screen(&app);
    let row = text
        .lines()
        .find(|l| l.contains("closure-lasts"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(row.contains("○ unsupported"), "{row}");
    assert!(
        row.trim_end_matches([' ', '┃']).ends_with("Wire Agency"),
        "{row}"
    );
    // Enter opens the judgment; S from the panes closes the table again.
    app.press("j Enter");
    assert!(matches!(app.screen(), Some(Screen::Judgment(j)) if j.index == 1));
    app.press("Esc S");
    assert_eq!(app.mode(), Mode::Panes);
}

#[test]
fn the_keys_are_in_the_help_and_the_hints() {
    let mut app = reader(ECHOES, 120, 40);
    app.press("?");
    // The help's first page and the next.
    let mut text = screen(&app);
    app.press("PgDn");
    text.push_str(&screen(&app));
    assert!(text.contains("Judgments pane"), "{text}");
    assert!(text.contains("sensitivity table"), "{text}");
    let hints: Vec<&str> = brief::app::keymap::hints(Mode::Judgments)
        .into_iter()
        .map(|(_, h)| h)
        .collect();
    assert!(hints.contains(&"sensitivity"), "{hints:?}");
    assert!(hints.contains(&"open"), "{hints:?}");
}

#[test]
fn the_narrow_tab_bar_has_four_tabs_and_stays_readable_at_80_columns() {
    let mut app = reader(KOREA, 80, 24);
    let bar = rows(&draw(&app))[2].clone();
    assert_eq!(
        bar.trim_end(),
        "▶ 1 Claims (4)        2 Responses (3)     3 Context (5)       4 Judgments (3)"
    );
    app.press("4");
    let bar = rows(&draw(&app))[2].clone();
    assert!(bar.contains("▶ 4 Judgments (3)"), "{bar}");
}

macro_rules! snap {
    ($name:ident, $file:expr, $w:literal, $h:literal, $keys:literal) => {
        #[test]
        fn $name() {
            let mut app = reader($file, $w, $h);
            app.press($keys);
            insta::assert_snapshot!(screen(&app));
        }
    };
}

snap!(echoes_panes_120x40, ECHOES, 120, 40, "");
snap!(echoes_detail_80x24, ECHOES, 80, 24, "Enter");
snap!(circular_panes_80x24, CIRCULAR, 80, 24, "");
snap!(judgments_pane_120x40, ECHOES, 120, 40, "4");
snap!(judgments_pane_80x24, KOREA, 80, 24, "4");
snap!(judgment_detail_80x24, KOREA, 80, 24, "4 Enter");
snap!(judgments_hiding_wire_120x40, ECHOES, 120, 40, "4 s x Esc");
snap!(
    judgment_detail_hiding_wire_80x24,
    ECHOES,
    80,
    24,
    "4 s x Esc Enter"
);
snap!(sensitivity_120x40, ECHOES, 120, 40, "S");
snap!(sensitivity_korea_80x24, KOREA, 80, 24, "S");

#[test]
fn e_in_the_judgment_views_opens_the_editor_at_the_judgment() {
    let mut app = reader(KOREA, 80, 24);
    let line = |app: &App, i: usize| app.briefing().judgments[i].pos.line;
    assert!(line(&app, 1) > 0);
    app.press("4 j");
    assert_eq!(app.edit_line(), line(&app, 1));
    app.press("Enter");
    assert_eq!(app.edit_line(), line(&app, 1));
    app.press("Esc S j j");
    assert_eq!(app.edit_line(), line(&app, 2));
}

#[test]
fn print_gives_the_chains_and_the_judgments() {
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env(
            "XDG_CONFIG_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config-home"),
        )
        .env_remove("BRIEF_CONFIG")
        .args(["print", ECHOES])
        .output()
        .unwrap_or_else(|e| panic!("cannot run brief: {e}"));
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("    via: Daily Paper ← Wire Agency\n"),
        "{text}"
    );
    assert!(text.contains("Judgments (3)\n-------------\n"), "{text}");
    assert!(
        text.contains("closure-lasts · likely (55-80%) · low confidence\n"),
        "{text}"
    );
    assert!(text.contains("    against: berths-answer\n"), "{text}");
    assert!(
        text.contains("    assumes: The ministry's rail plan is ready.\n"),
        "{text}"
    );
    // Judgments come after the contradictions and before the sources.
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("no {s}"));
    assert!(at("Contradictions (") < at("Judgments (3)"));
    assert!(at("Judgments (3)") < at("Sources (5)"));
}
