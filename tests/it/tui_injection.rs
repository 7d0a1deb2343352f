//! Hostile text cannot act on the terminal. A briefing whose every text field holds terminal
//! escapes (OSC set-title and clipboard, DCS, APC/PM, CSI clear and cursor moves), C1 controls,
//! BEL/BS/CR/DEL, bidi overrides and zero-width characters is drawn in every view through
//! ratatui's real `CrosstermBackend`, and the bytes that backend would send to the terminal are
//! checked: the only escape sequences in them are the kinds ratatui uses to draw a clean briefing,
//! no control byte or invisible code point gets through, and the payloads show as visible marks
//! (`␛`, `␇`, `⇄`, …). The same for `brief print`, `brief export --format markdown` and
//! `brief check`, whose output is bytes on a pipe or a terminal.

use crate::support;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use brief::app::shell::Shell;
use brief::app::{Action, App};
use brief::briefing::load::DEFAULT_MAX_SIZE;
use brief::open::open_file;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Frame, Terminal, TerminalOptions, Viewport};

const HOSTILE: &str = "tests/fixtures/hostile/hostile.yaml";

/// A `Write` that keeps what it is given, shared so the test can read it after the terminal
/// (which owns the backend, which owns the writer) is done.
#[derive(Clone, Default)]
struct Capture(Rc<RefCell<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The bytes a real terminal would receive for one frame drawn by `draw` at `w`×`h`.
#[track_caller]
fn bytes_of(w: u16, h: u16, draw: impl FnOnce(&mut Frame)) -> Vec<u8> {
    let capture = Capture::default();
    {
        let backend = CrosstermBackend::new(capture.clone());
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
        };
        let mut term = match Terminal::with_options(backend, options) {
            Ok(t) => t,
            Err(e) => panic!("terminal: {e}"),
        };
        if let Err(e) = term.draw(draw) {
            panic!("draw: {e}");
        }
    }
    let bytes = capture.0.borrow().clone();
    bytes
}

/// The output split into escape sequences, reduced to their kind (`CSI ?l`, `CSI m`, `ESC ]`),
/// and the text between them.
#[derive(Default)]
struct Parsed {
    kinds: BTreeSet<String>,
    /// Every CSI sequence whole, e.g. `[2J`, for the few that must never appear.
    sequences: BTreeSet<String>,
    text: Vec<u8>,
}

fn parse(bytes: &[u8]) -> Parsed {
    let mut p = Parsed::default();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != 0x1b {
            p.text.push(bytes[i]);
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(b'[') => {
                let start = i + 2;
                let mut j = start;
                while j < bytes.len() && (0x20..0x40).contains(&bytes[j]) {
                    j += 1;
                }
                let params = &bytes[start..j];
                let private: String = params
                    .iter()
                    .filter(|b| b"<=>?".contains(b))
                    .map(|&b| b as char)
                    .collect();
                let intermediates: String = params
                    .iter()
                    .filter(|b| (0x20..0x30).contains(*b))
                    .map(|&b| b as char)
                    .collect();
                match bytes.get(j) {
                    Some(&f) if (0x40..0x7f).contains(&f) => {
                        p.kinds
                            .insert(format!("CSI {private}{intermediates}{}", f as char));
                        p.sequences
                            .insert(String::from_utf8_lossy(&bytes[i + 1..=j]).into_owned());
                        i = j + 1;
                    }
                    _ => {
                        p.kinds.insert("CSI unterminated".into());
                        i = j;
                    }
                }
            }
            Some(&b) => {
                p.kinds.insert(format!("ESC {}", b as char));
                i += 2;
            }
            None => {
                p.kinds.insert("ESC at the end".into());
                i += 1;
            }
        }
    }
    p
}

/// Code points that reorder or hide text; none may be sent raw. (The joiners ZWNJ and ZWJ and
/// the direction marks LRM, RLM and ALM are text that scripts need, and pass.)
const INVISIBLE: &[char] = &[
    '\u{ad}',
    '\u{200b}',
    '\u{202a}',
    '\u{202b}',
    '\u{202c}',
    '\u{202d}',
    '\u{202e}',
    '\u{2060}',
    '\u{2066}',
    '\u{2067}',
    '\u{2068}',
    '\u{2069}',
    '\u{206a}',
    '\u{206f}',
    '\u{feff}',
    '\u{fff9}',
    '\u{e0001}',
    '\u{e0041}',
    '\u{e007f}',
];

/// Checks one screen's bytes against the kinds of sequence ratatui uses for clean text.
#[track_caller]
fn assert_inert(what: &str, bytes: &[u8], allowed: &BTreeSet<String>) {
    let p = parse(bytes);
    let shown = String::from_utf8_lossy(&p.text);
    assert!(
        std::str::from_utf8(&p.text).is_ok(),
        "{what}: bytes that are not UTF-8 (a lone C1 byte?) reached the terminal: {shown}"
    );
    let extra: Vec<_> = p.kinds.difference(allowed).collect();
    assert!(
        extra.is_empty(),
        "{what}: escape sequences ratatui never uses for clean text reached the terminal: \
         {extra:?}\nallowed: {allowed:?}\ntext: {shown}"
    );
    for forbidden in [b"\x1b]", b"\x1bP", b"\x1b_", b"\x1b^", b"\x1bX"] {
        assert!(
            !bytes.windows(2).any(|w| w == forbidden),
            "{what}: {:?} reached the terminal",
            String::from_utf8_lossy(forbidden)
        );
    }
    for seq in ["[2J", "[H", "[?1049l", "[?1049h", "[1A", "[2K", "[31m"] {
        assert!(
            !p.sequences.contains(seq),
            "{what}: ESC {seq} reached the terminal"
        );
    }
    for (b, name) in [(0x07u8, "BEL"), (0x08, "BS"), (0x0d, "CR"), (0x7f, "DEL")] {
        assert!(
            !p.text.contains(&b),
            "{what}: {name} reached the terminal: {shown}"
        );
    }
    assert!(
        !p.text.iter().any(|&b| b < 0x20),
        "{what}: a C0 control byte reached the terminal: {:?}",
        p.text.iter().filter(|&&b| b < 0x20).collect::<Vec<_>>()
    );
    assert!(
        !p.text
            .windows(2)
            .any(|w| w[0] == 0xc2 && (0x80..0xa0).contains(&w[1])),
        "{what}: a C1 control (U+0080–U+009F) reached the terminal: {shown}"
    );
    let bad: Vec<char> = shown.chars().filter(|c| INVISIBLE.contains(c)).collect();
    assert!(
        bad.is_empty(),
        "{what}: bidi or zero-width code points reached the terminal: {bad:?}"
    );
}

/// The text a screen shows, escape sequences left out.
fn shown(bytes: &[u8]) -> String {
    String::from_utf8_lossy(&parse(bytes).text).into_owned()
}

/// What each reader screen is, and the keys that reach it from the panes.
const SCREENS: &[(&str, &str)] = &[
    ("panes", ""),
    ("responses pane", "2"),
    ("context pane", "3"),
    ("claim detail", "Enter"),
    ("second claim detail", "j Enter"),
    ("response detail", "2 Enter"),
    ("context detail", "3 Enter"),
    ("contradictions", "c"),
    ("second contradiction", "c j"),
    ("help", "?"),
    ("info", "i"),
    ("matrix", "m"),
    ("timeline", "t"),
    ("sources", "s"),
    ("second source", "s j"),
    ("judgments pane", "4"),
    ("judgment detail", "4 Enter"),
    ("judgment with its source hidden", "4 s x Esc Enter"),
    ("sensitivity table", "S"),
];

fn app_at(rel: &str, keys: &str, w: u16, h: u16) -> App {
    let mut app = support::reader(rel, w, h);
    app.press(keys);
    app
}

/// Every kind of escape sequence ratatui sends to draw the clean examples in all the views.
fn clean_kinds(w: u16, h: u16) -> BTreeSet<String> {
    let mut kinds = BTreeSet::new();
    for rel in [support::KOREA, support::HARBOUR] {
        for (_, keys) in SCREENS {
            let app = app_at(rel, keys, w, h);
            kinds.extend(parse(&bytes_of(w, h, |f| brief::ui::render(&app, f))).kinds);
        }
        let mut app = app_at(rel, "/ troops", w, h);
        kinds.extend(parse(&bytes_of(w, h, |f| brief::ui::render(&app, f))).kinds);
        app.press("Enter");
        kinds.extend(parse(&bytes_of(w, h, |f| brief::ui::render(&app, f))).kinds);
    }
    kinds
}

#[test]
fn the_clean_baseline_is_what_ratatui_draws_with() {
    // A guard on the comparison: if ratatui drew clean text with OSC or DCS, "no other kinds"
    // would prove nothing.
    let kinds = clean_kinds(120, 40);
    assert!(kinds.contains("CSI H"), "{kinds:?}");
    assert!(kinds.contains("CSI m"), "{kinds:?}");
    assert!(
        kinds.iter().all(|k| k.starts_with("CSI ")),
        "ratatui only uses CSI sequences: {kinds:?}"
    );
}

#[test]
fn no_reader_view_lets_a_hostile_byte_reach_the_terminal() {
    for (w, h) in [(120, 40), (50, 20)] {
        let allowed = clean_kinds(w, h);
        let mut marks = String::new();
        for (what, keys) in SCREENS {
            let app = app_at(HOSTILE, keys, w, h);
            let bytes = bytes_of(w, h, |f| brief::ui::render(&app, f));
            assert_inert(&format!("{what} at {w}×{h}"), &bytes, &allowed);
            marks.push_str(&shown(&bytes));
        }
        // The payloads are shown, not obeyed: the escape as ␛, the bell as ␇, the override as ⇄.
        for mark in ["␛", "␇", "␈", "␍", "␡", "⇄", "␣", "pwned"] {
            assert!(marks.contains(mark), "{mark} is not shown at {w}×{h}");
        }
    }
}

#[test]
fn the_panes_show_the_escape_as_a_visible_mark_in_place() {
    let app = app_at(HOSTILE, "", 120, 40);
    let text = shown(&bytes_of(120, 40, |f| brief::ui::render(&app, f)));
    assert!(text.contains("␛]0;pwned␇"), "{text}");
    assert!(text.contains("␛[2J␛[H"), "{text}");
}

/// Types `query` into the search prompt character by character, controls included (as a paste
/// or a terminal that passes raw bytes would).
fn type_query(app: &mut App, query: &str) {
    app.update(Action::SearchStart);
    for c in query.chars() {
        app.update(Action::PromptInput(c));
    }
}

const HOSTILE_QUERY: &str = "\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}\u{8}\r\u{7f}";

#[test]
fn a_hostile_search_query_is_shown_inert_in_the_prompt_and_after() {
    let (w, h) = (120, 40);
    let allowed = clean_kinds(w, h);
    for keys in ["", "Enter", "c", "2"] {
        let mut app = app_at(HOSTILE, keys, w, h);
        type_query(&mut app, HOSTILE_QUERY);
        let bytes = bytes_of(w, h, |f| brief::ui::render(&app, f));
        assert_inert(&format!("prompt after `{keys}`"), &bytes, &allowed);
        assert!(shown(&bytes).contains("␛]0;pwned␇"), "{}", shown(&bytes));
        app.update(Action::PromptAccept);
        let bytes = bytes_of(w, h, |f| brief::ui::render(&app, f));
        assert_inert(&format!("search after `{keys}`"), &bytes, &allowed);
        app.update(Action::SearchNext);
        let bytes = bytes_of(w, h, |f| brief::ui::render(&app, f));
        assert_inert(&format!("n after `{keys}`"), &bytes, &allowed);
    }
}

/// A file that fails to load, named with an escape, whose broken line holds raw control bytes:
/// the diagnostic echoes that line.
fn broken_file(dir: &Path) -> PathBuf {
    let path = dir.join("broken-\u{1b}]0;pwned\u{7}-\u{9b}2J.yaml");
    let text = "title: ok\ndate: 2025-01-01\nclaims:\n  - id: c1\n    text: raw \u{1b}]0;pwned\u{7} \u{1b}[2J \u{9d}52;c;aGVsbG8=\u{9c} \u{202e}x \u{7f}\u{8}\r\nresponses: []\ncontext: []\n\"\u{1b}]0;key\u{7}\": 1\n";
    if let Err(e) = std::fs::write(&path, text) {
        panic!("writing {}: {e}", path.display());
    }
    path
}

#[test]
fn the_library_list_diagnostics_and_search_stay_inert() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("tempdir: {e}"),
    };
    let hostile_copy = dir.path().join("hostile-\u{1b}[2J.yaml");
    if let Err(e) = std::fs::copy(support::repo_path(HOSTILE), &hostile_copy) {
        panic!("copy: {e}");
    }
    let broken = broken_file(dir.path());
    let (w, h) = (120, 40);
    let size = Rect::new(0, 0, w, h);
    let shell = || {
        Shell::preloaded(
            vec![
                open_file(&hostile_copy, DEFAULT_MAX_SIZE),
                open_file(&broken, DEFAULT_MAX_SIZE),
            ],
            size,
        )
    };
    let clean = Shell::preloaded(
        vec![
            open_file(&support::repo_path(support::KOREA), DEFAULT_MAX_SIZE),
            open_file(&support::repo_path(support::HARBOUR), DEFAULT_MAX_SIZE),
        ],
        size,
    );
    let mut allowed = clean_kinds(w, h);
    allowed.extend(parse(&bytes_of(w, h, |f| brief::ui::render_shell(&clean, f))).kinds);

    let mut all = String::new();
    let mut check = |what: &str, s: &Shell| {
        let bytes = bytes_of(w, h, |f| brief::ui::render_shell(s, f));
        assert_inert(what, &bytes, &allowed);
        all.push_str(&shown(&bytes));
    };

    let list = shell();
    assert_eq!(list.library().entries.len(), 2);
    check("library list", &list);

    let mut diag = shell();
    let failed = diag
        .library()
        .entries
        .iter()
        .position(|e| e.doc.is_none())
        .unwrap_or_else(|| panic!("the broken file loaded"));
    diag.open(failed);
    assert!(
        diag.diagnostics().is_some(),
        "the diagnostics are on screen"
    );
    check("diagnostics", &diag);

    let mut searched = shell();
    searched.press("/");
    for c in HOSTILE_QUERY.chars() {
        searched.update(Action::PromptInput(c));
    }
    check("library search prompt", &searched);
    searched.update(Action::PromptAccept);
    check("library search", &searched);

    let mut help = shell();
    help.press("?");
    check("library help", &help);

    let mut reader = shell();
    let ok = 1 - failed;
    reader.open(ok);
    for (what, keys) in SCREENS {
        let mut s = shell();
        s.open(ok);
        s.press(keys);
        check(&format!("library reader {what}"), &s);
    }
    check("library reader", &reader);

    assert!(all.contains("␛]0;pwned␇"), "{all}");
    assert!(
        all.contains("broken-␛]0;pwned␇"),
        "the file name shows: {all}"
    );
}

#[track_caller]
fn run_brief(args: &[&str]) -> std::process::Output {
    let mut cmd = match assert_cmd::Command::cargo_bin("brief") {
        Ok(c) => c,
        Err(e) => panic!("no brief binary: {e}"),
    };
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env(
            "XDG_CONFIG_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config-home"),
        )
        .env_remove("BRIEF_CONFIG")
        .env_remove("BRIEF_THEME")
        .args(args);
    match cmd.output() {
        Ok(o) => o,
        Err(e) => panic!("brief {args:?} did not run: {e}"),
    }
}

/// Plain output (a pipe) may hold no escape at all, and no control but newlines.
#[track_caller]
fn assert_plain(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    assert!(
        !bytes.contains(&0x1b),
        "{what}: an escape reached the output:\n{text}"
    );
    assert!(
        !bytes.iter().any(|&b| b < 0x20 && b != b'\n' || b == 0x7f),
        "{what}: a control byte reached the output:\n{text}"
    );
    assert!(
        !bytes
            .windows(2)
            .any(|w| w[0] == 0xc2 && (0x80..0xa0).contains(&w[1])),
        "{what}: a C1 control reached the output:\n{text}"
    );
    let bad: Vec<char> = text.chars().filter(|c| INVISIBLE.contains(c)).collect();
    assert!(bad.is_empty(), "{what}: invisible code points: {bad:?}");
}

#[test]
fn print_and_markdown_export_show_the_escapes_as_marks() {
    for args in [
        &["print", HOSTILE][..],
        &["export", "--format", "markdown", HOSTILE][..],
    ] {
        let out = run_brief(args);
        assert!(out.status.success(), "brief {args:?} failed: {out:?}");
        assert_plain(&format!("brief {args:?} stdout"), &out.stdout);
        assert_plain(&format!("brief {args:?} stderr"), &out.stderr);
        let text = String::from_utf8_lossy(&out.stdout);
        // Markdown escapes `]` and `[`; the marks are there either way.
        assert!(text.contains("0;pwned␇"), "{text}");
        assert!(text.contains("␛"), "{text}");
        assert!(text.contains("⇄evil⇄"), "{text}");
        // The joiners and direction marks are kept byte for byte.
        assert!(text.contains("␣\u{200c}\u{200d}"), "{text:?}");
        assert!(text.contains("\u{61c} \u{200e}\u{200f}"), "{text:?}");
    }
}

#[test]
fn check_echoes_a_hostile_line_inert() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("tempdir: {e}"),
    };
    let broken = broken_file(dir.path());
    let path = broken.to_string_lossy().into_owned();
    let out = run_brief(&["check", &path]);
    assert!(!out.status.success(), "the broken file fails: {out:?}");
    assert_plain("brief check stdout", &out.stdout);
    assert_plain("brief check stderr", &out.stderr);
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("␛"), "the escape shows as a mark:\n{all}");
}

#[test]
fn the_checker_catches_what_it_looks_for() {
    // Without sanitising, these are what would reach the terminal; each must fail the check.
    let allowed = clean_kinds(40, 10);
    for raw in [
        "\u{1b}]0;pwned\u{7}",
        "\u{1b}[2J",
        "\u{1b}Pqdcs\u{1b}\\",
        "\u{9b}2J",
        "a\u{8}b",
        "a\rb",
        "\u{202e}evil",
        "zero\u{200b}width",
    ] {
        let caught = std::panic::catch_unwind(|| assert_inert(raw, raw.as_bytes(), &allowed));
        assert!(caught.is_err(), "{raw:?} passed the check");
    }
    assert_inert("plain", "\u{1b}[1;1Hplain ␛]0;".as_bytes(), &allowed);
}
