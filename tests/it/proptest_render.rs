//! Random briefings, random terminal sizes, random keys: the reader never panics and its
//! selection always stays inside its section.
//!
//! A briefing is generated as YAML text (so it goes through the real loader): 0–30 items per
//! section with text made of ASCII, CJK, emoji, combining marks, controls, bidi and zero-width
//! characters and very long words; random `responds_to` and contradictions between ids that
//! exist. Then a random terminal size from 0×0 to 300×100 and a random sequence of steps: keys
//! from the key table, random characters, resizes, clicks and wheel turns at random cells. The
//! app is drawn on ratatui's `TestBackend` after every step.

use crate::support;

use brief::app::keymap::{self, Key};
use brief::app::{Action, App};
use brief::briefing::load::load_str;
use brief::briefing::Document;
use brief::briefing::Section;
use brief::testing::yaml_quoted;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;

/// One fragment of item text.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-z,.]{1,12}",
        2 => "[\u{4e00}-\u{9fff}\u{ac00}-\u{d7a3}]{1,40}",
        1 => "[\u{1f300}-\u{1f64f}\u{1f680}-\u{1f6ff}\u{2600}-\u{26ff}]{1,5}",
        1 => "[a-z][\u{300}-\u{36f}]{1,4}",
        1 => "[\u{0}-\u{1f}\u{7f}-\u{9f}]{1,3}",
        1 => "[\u{202a}-\u{202e}\u{2066}-\u{2069}\u{200b}-\u{200f}\u{feff}\t]{1,3}",
        1 => "[a-z]{80,500}",
        1 => any::<char>().prop_map(String::from),
        // Every script as written: Arabic (lam-alef, harakat), Hebrew with RLM, Persian with
        // ZWNJ, Devanagari conjuncts, conjoining jamo, emoji with ZWJ, VS16, skin tones, flags.
        2 => prop::sample::select(vec![
            "لا لأ لإ لآ", "قُتل سبعة", "می\u{200c}خواهم", "שלום\u{200f} עולם", "क्षेत्र प्रधानमंत्री",
            "\u{1112}\u{1161}\u{11ab}", "👩\u{200d}👩\u{200d}👧", "👍🏽", "❤\u{fe0f}", "🇺🇦",
            "RMA said 7 — قال 7 (أمس)", "\u{61c}٧", "e\u{301}\u{200e}",
        ]).prop_map(String::from),
    ]
}

/// Item text: never empty, never only blanks.
fn text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(fragment(), 0..12),
        prop::collection::vec(prop::bool::ANY, 12),
    )
        .prop_map(|(parts, spaces)| {
            let mut s = String::from("T");
            for (p, space) in parts.iter().zip(spaces) {
                if space {
                    s.push(' ');
                }
                s.push_str(p);
            }
            s
        })
}

#[derive(Debug, Clone)]
struct Item {
    text: String,
    source: Option<usize>,
    day: Option<u8>,
    attribution: Option<String>,
    quote: Option<String>,
}

fn item() -> impl Strategy<Value = Item> {
    (
        text(),
        prop::option::of(0usize..8),
        prop::option::of(1u8..=28),
        prop::option::weighted(0.3, text()),
        prop::option::weighted(0.3, text()),
    )
        .prop_map(|(text, source, day, attribution, quote)| Item {
            text,
            source,
            day,
            attribution,
            quote,
        })
}

#[derive(Debug, Clone)]
struct Gen {
    title: String,
    tags: Vec<String>,
    summary: Option<String>,
    sources: Vec<String>,
    claims: Vec<Item>,
    /// Each response with the claims it answers (indices, taken modulo the number of claims)
    /// and its stance.
    responses: Vec<(Item, Vec<usize>, usize)>,
    context: Vec<Item>,
    /// Pairs of items (indices over all items, modulo their number).
    contradictions: Vec<(usize, usize, Option<String>)>,
}

fn briefing() -> impl Strategy<Value = Gen> {
    (
        text(),
        prop::collection::vec(text(), 0..5),
        prop::option::of(text()),
        prop::collection::vec(text(), 0..6),
        prop::collection::vec(item(), 0..=30),
        prop::collection::vec(
            (item(), prop::collection::vec(0usize..64, 1..4), 0usize..5),
            0..=30,
        ),
        prop::collection::vec(item(), 0..=30),
        prop::collection::vec((0usize..256, 0usize..256, prop::option::of(text())), 0..8),
    )
        .prop_map(
            |(title, tags, summary, sources, claims, responses, context, contradictions)| Gen {
                title,
                tags,
                summary,
                sources,
                claims,
                responses,
                context,
                contradictions,
            },
        )
}

const STANCES: [&str; 5] = ["denies", "disputes", "confirms", "clarifies", "declines"];

fn push_item(y: &mut String, id: &str, it: &Item, n_sources: usize) {
    y.push_str(&format!(
        "  - id: {id}\n    text: {}\n",
        yaml_quoted(&it.text)
    ));
    if let (Some(s), true) = (it.source, n_sources > 0) {
        y.push_str(&format!("    source: s{}\n", s % n_sources));
    }
    if let Some(d) = it.day {
        y.push_str(&format!("    date: 2025-05-{d:02}\n"));
    }
    if let Some(a) = &it.attribution {
        y.push_str(&format!("    attribution: {}\n", yaml_quoted(a)));
    }
    if let Some(q) = &it.quote {
        y.push_str(&format!("    quote: {}\n", yaml_quoted(q)));
    }
}

fn yaml(g: &Gen) -> String {
    let mut y = format!("title: {}\ndate: 2025-05-23\n", yaml_quoted(&g.title));
    if let Some(s) = &g.summary {
        y.push_str(&format!("summary: {}\n", yaml_quoted(s)));
    }
    let tags: Vec<String> = g.tags.iter().map(|t| yaml_quoted(t)).collect();
    y.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    let ns = g.sources.len();
    y.push_str("sources:\n");
    if ns == 0 {
        y.truncate(y.len() - 1);
        y.push_str(" []\n");
    }
    for (i, name) in g.sources.iter().enumerate() {
        y.push_str(&format!("  - id: s{i}\n    name: {}\n", yaml_quoted(name)));
    }
    let mut ids = Vec::new();
    y.push_str("claims:\n");
    for (i, it) in g.claims.iter().enumerate() {
        push_item(&mut y, &format!("c{i}"), it, ns);
        ids.push(format!("c{i}"));
    }
    if g.claims.is_empty() {
        y.push_str("  []\n");
    }
    y.push_str("responses:\n");
    let nc = g.claims.len();
    let mut wrote = false;
    for (i, (it, to, stance)) in g.responses.iter().enumerate() {
        if nc == 0 {
            break;
        }
        push_item(&mut y, &format!("r{i}"), it, ns);
        let mut to: Vec<usize> = to.iter().map(|t| t % nc).collect();
        to.sort_unstable();
        to.dedup();
        let to: Vec<String> = to.iter().map(|t| format!("c{t}")).collect();
        y.push_str(&format!(
            "    responds_to: [{}]\n    stance: {}\n",
            to.join(", "),
            STANCES[stance % STANCES.len()]
        ));
        ids.push(format!("r{i}"));
        wrote = true;
    }
    if !wrote {
        y.push_str("  []\n");
    }
    y.push_str("context:\n");
    for (i, it) in g.context.iter().enumerate() {
        push_item(&mut y, &format!("x{i}"), it, ns);
        ids.push(format!("x{i}"));
    }
    if g.context.is_empty() {
        y.push_str("  []\n");
    }
    if !ids.is_empty() {
        let mut seen = std::collections::BTreeSet::new();
        let mut pairs = String::new();
        for (a, b, note) in &g.contradictions {
            let (a, b) = (a % ids.len(), b % ids.len());
            if a == b || !seen.insert((a.min(b), a.max(b))) {
                continue;
            }
            pairs.push_str(&format!("  - between: [{}, {}]\n", ids[a], ids[b]));
            if let Some(n) = note {
                pairs.push_str(&format!("    note: {}\n", yaml_quoted(n)));
            }
        }
        if !pairs.is_empty() {
            y.push_str("contradictions:\n");
            y.push_str(&pairs);
        }
    }
    y
}

/// One thing a user does.
#[derive(Debug, Clone)]
enum Step {
    /// A key from the key table, by its name (`j`, `Ctrl-d`, `Enter`).
    Bound(&'static str),
    /// Any character, as typed.
    Char(char),
    Resize(u16, u16),
    Click(u16, u16),
    Scroll(u16, u16, bool),
}

fn bound_keys() -> Vec<&'static str> {
    // Editing would start an editor in the real loop.
    let mut keys = brief::testing::bound_key_names();
    keys.retain(|k| *k != "e");
    keys
}

fn step() -> impl Strategy<Value = Step> {
    let keys = bound_keys();
    prop_oneof![
        12 => prop::sample::select(keys).prop_map(Step::Bound),
        2 => any::<char>().prop_map(Step::Char),
        2 => (0u16..=300, 0u16..=100).prop_map(|(w, h)| Step::Resize(w, h)),
        2 => (0u16..320, 0u16..110).prop_map(|(x, y)| Step::Click(x, y)),
        1 => (0u16..320, 0u16..110, prop::bool::ANY).prop_map(|(x, y, d)| Step::Scroll(x, y, d)),
    ]
}

fn apply(app: &mut App, step: &Step) {
    let action = match *step {
        Step::Bound(name) => keymap::parse_sequence(name)
            .into_iter()
            .next()
            .and_then(|k| keymap::lookup(app.mode(), k)),
        Step::Char(c) => keymap::lookup(app.mode(), Key::new(KeyCode::Char(c), KeyModifiers::NONE)),
        Step::Resize(w, h) => Some(Action::Resize(w, h)),
        Step::Click(x, y) => Some(Action::Click(x, y)),
        Step::Scroll(x, y, down) => Some(Action::Scroll(x, y, if down { 1 } else { -1 })),
    };
    if let Some(action) = action {
        app.update(action);
    }
}

fn load(g: &Gen) -> Result<Document, String> {
    let y = yaml(g);
    match load_str(&y) {
        Ok(l) => Ok(Document::new(
            None,
            "random.yaml".into(),
            l.briefing,
            l.warnings,
        )),
        Err(d) => Err(format!("{d:?}\n--- yaml ---\n{y}")),
    }
}

#[track_caller]
fn assert_selection_in_bounds(app: &App, after: &str) {
    for s in Section::ALL {
        let n = app.len(s);
        let sel = app.selected_index(s);
        assert!(
            sel < n || (n == 0 && sel == 0),
            "{s:?}: selection {sel} of {n} after {after}"
        );
    }
}

#[test]
fn most_generated_briefings_load() {
    // The property below is only worth something if the generator makes briefings the loader
    // takes; it requires each one to load, and this shows how many would.
    let mut runner = TestRunner::deterministic();
    let strategy = briefing();
    let total = 200;
    let mut loaded = 0;
    let mut first_failure = None;
    for _ in 0..total {
        let g = match strategy.new_tree(&mut runner) {
            Ok(t) => t.current(),
            Err(e) => panic!("generating: {e}"),
        };
        match load(&g) {
            Ok(_) => loaded += 1,
            Err(e) => {
                first_failure.get_or_insert(e);
            }
        }
    }
    eprintln!("{loaded}/{total} generated briefings loaded");
    assert!(
        loaded * 100 >= total * 95,
        "only {loaded}/{total} loaded; the first failure:\n{}",
        first_failure.unwrap_or_default()
    );
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        max_shrink_iters: 200,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_briefings_sizes_and_keys_never_panic(
        g in briefing(),
        w in 0u16..=300,
        h in 0u16..=100,
        steps in prop::collection::vec(step(), 0..24),
    ) {
        let doc = match load(&g) {
            Ok(d) => d,
            Err(e) => panic!("a generated briefing did not load: {e}"),
        };
        let mut app = App::new(doc, Rect::new(0, 0, w, h));
        let frame = support::drawn(&app);
        let hidden = support::hidden_cells(&frame);
        prop_assert!(hidden.is_empty(), "drawn under a wide character: {hidden:?}");
        prop_assert!(brief::testing::hostile_cell(&frame).is_none());
        for (i, s) in steps.iter().enumerate() {
            apply(&mut app, s);
            let after = format!("step {i} {s:?} at {:?}", app.size());
            assert_selection_in_bounds(&app, &after);
            let frame = support::drawn(&app);
            let hidden = support::hidden_cells(&frame);
            prop_assert!(hidden.is_empty(), "{after}: drawn under a wide character: {hidden:?}");
            let hostile = brief::testing::hostile_cell(&frame);
            prop_assert!(hostile.is_none(), "{after}: a hostile character in a cell: {hostile:?}");
        }
    }
}
