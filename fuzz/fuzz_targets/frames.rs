//! Target (b): a briefing, a terminal size and what a user does -> frames. The input is
//! structured (`arbitrary`): the briefing's bytes, the starting size, whether it opens in the
//! library or straight in the reader, and a list of steps (keys from the key table, typed
//! characters, resizes, clicks, wheel turns). The shell, the reader's real top-level state, is
//! fed each step as the event loop would and drawn on ratatui's `TestBackend` after every one.
//! Nothing may panic, no cell of any frame may hold a control, bidi or zero-width character, and
//! every selection stays inside what it selects from.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use arbitrary::{Arbitrary, Unstructured};
use brief::app::keymap::{self, Key};
use brief::app::shell::Shell;
use brief::app::Action;
use brief::briefing::load::{decode, load_bytes, load_str};
use brief::briefing::Document;
use brief::briefing::Section;
use brief::briefing::{Opened, Report};
use brief::testing::{hostile_cell, yaml_quoted};
use libfuzzer_sys::fuzz_target;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::Terminal;

/// Cells a run may draw before its remaining steps are skipped.
const DRAW_BUDGET: usize = 1 << 20;

#[derive(Arbitrary, Debug)]
enum Step {
    /// A key of the key table (its index modulo the table's length).
    Key(u8),
    /// Any character, as typed (a prompt takes it; elsewhere it may be bound or nothing).
    Char(char),
    Resize(u8, u8),
    Click(u8, u8),
    Scroll(u8, u8, bool),
}

/// Laid out so that a briefing file with a 4-byte header is a valid input (the seeds are made
/// that way): width, height, library (odd) or reader (even), the number of steps (mod 65; a
/// value of 195 or more also grows the texts, see [`Case::grown`]), the steps, and the rest is
/// the briefing.
#[derive(Debug)]
struct Case {
    width: u8,
    height: u8,
    /// Open in the library (a list of this briefing and a second one) rather than the reader.
    library: bool,
    /// The first claim's and the first response's texts repeated to [`GROWN`] bytes: the
    /// highlighting, figure comparison and wrapping of texts hundreds of KB long, which a 16 KiB
    /// input cannot reach (they were quadratic once: 10 s a frame for two 400 KB texts).
    grown: bool,
    steps: Vec<Step>,
    briefing: Vec<u8>,
}

/// How long a grown text is.
const GROWN: usize = 200 * 1024;

impl<'a> Arbitrary<'a> for Case {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Case> {
        let width = u.arbitrary()?;
        let height = u.arbitrary()?;
        let library = u.arbitrary()?;
        let byte = u8::arbitrary(u)?;
        let (n, grown) = (byte % 65, byte >= 195);
        let steps = (0..n)
            .map(|_| u.arbitrary())
            .collect::<arbitrary::Result<_>>()?;
        Ok(Case {
            width,
            height,
            library,
            grown,
            steps,
            briefing: u.bytes(u.len())?.to_vec(),
        })
    }
}

/// Every key of the key table once, in a fixed order. Quitting is left out: it ends the session.
fn keys() -> &'static [Key] {
    static KEYS: OnceLock<Vec<Key>> = OnceLock::new();
    KEYS.get_or_init(|| {
        brief::testing::bound_key_names()
            .into_iter()
            .filter_map(|n| keymap::parse_sequence(n).into_iter().next())
            .collect()
    })
}

/// A small valid briefing with `text` in its title, tags, summary, a source's name, every
/// section's item text, an attribution, a quote and a contradiction's note.
fn with_text(text: &str) -> String {
    let t = yaml_quoted(&format!("T {text}"));
    format!(
        "title: {t}\ndate: 2025-05-23\ntags: [{t}, plain]\nsummary: {t}\n\
         sources:\n  - id: s1\n    name: {t}\n  - id: s2\n    name: Plain\n\
         claims:\n  - id: c1\n    text: {t}\n    source: s1\n    date: 2025-05-20\n    quote: {t}\n    attribution: {t}\n\
         \x20 - id: c2\n    text: A plain claim.\n    source: s2\n\
         responses:\n  - id: r1\n    text: {t}\n    source: s2\n    responds_to: [c1]\n    stance: denies\n    date: 2025-05-21\n\
         context:\n  - id: x1\n    text: {t}\n    source: s1\n\
         contradictions:\n  - between: [c1, r1]\n    note: {t}\n"
    )
}

fn doc(name: &str, yaml: &str) -> Option<Document> {
    let l = load_str(yaml).ok()?;
    Some(Document::new(
        Some(PathBuf::from(name)),
        name.to_string(),
        l.briefing,
        l.warnings,
    ))
}

/// What the shell opens: the fuzzed briefing if it loads; else the valid one with the fuzzed
/// text in it, and (in the library) the refused file with its diagnostics.
fn opened(bytes: &[u8], grown: bool) -> (Document, Option<Opened>) {
    let name = "fuzz.yaml";
    match load_bytes(bytes) {
        Ok(mut l) => {
            if grown {
                let b = &mut l.briefing;
                for item in [b.claims.first_mut(), b.responses.first_mut()]
                    .into_iter()
                    .flatten()
                {
                    item.text = grow(&item.text);
                }
            }
            (
                Document::new(
                    Some(PathBuf::from(name)),
                    name.into(),
                    l.briefing,
                    l.warnings,
                ),
                None,
            )
        }
        Err(diagnostics) => {
            let text = String::from_utf8_lossy(bytes);
            let doc = doc("injected.yaml", &with_text(&text))
                .or_else(|| doc("plain.yaml", &with_text("plain")))
                .expect("the fallback briefing loads");
            let failed = Err(Report {
                path: PathBuf::from(name),
                source: decode(bytes).ok().map(str::to_string),
                diagnostics,
            });
            (doc, Some(failed))
        }
    }
}

/// `text` repeated (a space between) to about [`GROWN`] bytes.
fn grow(text: &str) -> String {
    let unit = format!("{} ", text.trim_end());
    unit.repeat(GROWN / unit.len().max(1) + 1)
}

fn action(shell: &Shell, step: &Step) -> Option<Action> {
    let mode = shell.mode();
    match *step {
        Step::Key(i) => {
            let keys = keys();
            keys.get(usize::from(i) % keys.len())
                .and_then(|&k| keymap::lookup(mode, k))
        }
        Step::Char(c) => keymap::lookup(mode, Key::new(KeyCode::Char(c), KeyModifiers::NONE)),
        Step::Resize(w, h) => Some(Action::Resize(w.into(), h.into())),
        Step::Click(x, y) => Some(Action::Click(x.into(), y.into())),
        Step::Scroll(x, y, down) => Some(Action::Scroll(
            x.into(),
            y.into(),
            if down { 1 } else { -1 },
        )),
    }
}

/// Draws the shell on `term`, resized to the shell's size first as a terminal would be.
fn draw_and_check(term: &mut Terminal<TestBackend>, shell: &Shell, after: &str) {
    let size = shell.size();
    if term.backend().buffer().area != size {
        term.backend_mut().resize(size.width, size.height);
    }
    if let Err(e) = term.draw(|f| brief::ui::render_shell(shell, f)) {
        match e {}
    }
    if let Some((x, y, sym)) = hostile_cell(term.backend().buffer()) {
        panic!("cell ({x}, {y}) holds {sym:?} after {after} at {size:?}");
    }
    let lib = shell.library();
    assert!(
        lib.selected < lib.order.len().max(1),
        "library selection {} of {} after {after}",
        lib.selected,
        lib.order.len()
    );
    if let Some(app) = shell.reader() {
        for s in Section::ALL {
            let (n, sel) = (app.len(s), app.selected_index(s));
            assert!(
                sel < n || (n == 0 && sel == 0),
                "{s:?}: selection {sel} of {n} after {after}"
            );
        }
    }
}

fuzz_target!(|case: Case| {
    // Keep each run short: a briefing of a few KiB finds the same bugs as a long one.
    if case.briefing.len() > 16 * 1024 {
        return;
    }
    let size = Rect::new(0, 0, case.width.into(), case.height.into());
    let (doc, failed) = opened(&case.briefing, case.grown);
    let mut shell = if case.library {
        let mut list = vec![Ok(Box::new(doc))];
        list.extend(failed);
        if let Some(second) = doc_second() {
            list.push(Ok(Box::new(second)));
        }
        Shell::preloaded(list, size)
    } else {
        Shell::single(doc, size)
    };
    let mut term = match Terminal::new(TestBackend::new(size.width, size.height)) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    draw_and_check(&mut term, &shell, "opening");
    let mut drawn = size.area() as usize;
    for (i, step) in case.steps.iter().enumerate() {
        // Under coverage instrumentation ratatui's buffer work costs ~0.2 µs a cell: stop at
        // about a million cells drawn (20 full 255×200 screens), or a run of long steps at a big
        // size passes `-timeout=1` on a busy machine without anything being slow in the reader.
        if drawn > DRAW_BUDGET {
            break;
        }
        if let Some(a) = action(&shell, step) {
            shell.update(a);
        }
        // Load and edit requests are the event loop's to carry out; nothing to do here.
        shell.take_requests();
        if shell.quitting() {
            break;
        }
        draw_and_check(&mut term, &shell, &format!("step {i} {step:?}"));
        drawn += shell.size().area() as usize;
    }
});

/// A second briefing for the library, so the list and next/previous briefing have somewhere to go.
fn doc_second() -> Option<Document> {
    doc("second.yaml", &with_text("second"))
}
