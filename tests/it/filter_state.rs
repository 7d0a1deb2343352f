//! The `&` filter through the real key table: what the panes keep is checked against a set
//! computed straight from the YAML (with serde_yaml, not brief's model), over the bundled
//! briefings and fixtures, for a table of filters and for random ones; errors with their
//! column; clearing, cancelling, recalling; the selection; search, matrix and timeline under
//! a filter; the library's filter; the header, snapshots and the error's style.

use std::collections::BTreeSet;

use crate::libsupport::{draw_shell, library, read, shell_screen, BUNDLED};
use crate::support::*;
use brief::app::App;
use brief::briefing::Section;
use brief::ui::theme;
use proptest::prelude::*;
use serde_yaml::Value;

/// Every briefing the filter is checked over: the bundled ones and fixtures of other shapes.
const BRIEFINGS: [&str; 10] = [
    "tests/fixtures/filter/denials.yaml",
    "briefings/harbour-bridge-tolls.yaml",
    "briefings/korea-troops.yaml",
    "briefings/night-buses.yaml",
    "tests/fixtures/reader/ferry-toll.yaml",
    "tests/fixtures/reader/cjk-emoji.yaml",
    "tests/fixtures/reader/no-contradictions.yaml",
    "tests/fixtures/layout/breach.yaml",
    "tests/fixtures/layout/nosrc.yaml",
    "tests/fixtures/layout/timeline60.yaml",
];

/// One item as the YAML says it, with its source's fields, read without brief's loader.
#[derive(Debug, Clone, Default)]
struct YItem {
    section: &'static str,
    id: String,
    status: Option<String>,
    stance: Option<String>,
    source: Option<String>,
    kind: Option<String>,
    reliability: Option<String>,
    credibility: Option<u64>,
    date: Option<String>,
    quote: bool,
    url: bool,
    attribution: bool,
}

#[track_caller]
fn yaml_items(rel: &str) -> Vec<YItem> {
    let v: Value = serde_yaml::from_str(&read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let filled = |v: &Value, k: &str| s(v, k).is_some_and(|t| !t.trim().is_empty());
    let empty = Vec::new();
    let sources = v
        .get("sources")
        .and_then(Value::as_sequence)
        .unwrap_or(&empty);
    let mut out = Vec::new();
    for section in ["claims", "responses", "context"] {
        for it in v
            .get(section)
            .and_then(Value::as_sequence)
            .unwrap_or(&empty)
        {
            let source = s(it, "source");
            let src = sources
                .iter()
                .find(|x| source.is_some() && s(x, "id") == source);
            out.push(YItem {
                section,
                id: s(it, "id").unwrap_or_default(),
                status: s(it, "status"),
                stance: s(it, "stance"),
                kind: src.and_then(|x| s(x, "kind")),
                reliability: src.and_then(|x| s(x, "reliability")),
                source,
                credibility: it.get("credibility").and_then(Value::as_u64),
                date: s(it, "date"),
                quote: filled(it, "quote"),
                url: filled(it, "url"),
                attribution: filled(it, "attribution"),
            });
        }
    }
    out
}

/// The ids the panes show, all sections.
fn shown_ids(app: &App) -> BTreeSet<String> {
    app.document()
        .briefing
        .items()
        .map(|(_, i)| i.id.clone())
        .collect()
}

/// Types `&` + `filter` (spaces as Space keys) + Enter through the keymap.
fn filter_keys(filter: &str) -> String {
    let typed: Vec<String> = filter
        .chars()
        .map(|c| match c {
            ' ' => " Space ".to_string(),
            c => c.to_string(),
        })
        .collect();
    format!("& {} Enter", typed.concat())
}

fn expected(rel: &str, keep: impl Fn(&YItem) -> bool) -> BTreeSet<String> {
    yaml_items(rel)
        .into_iter()
        .filter(|i| keep(i))
        .map(|i| i.id)
        .collect()
}

#[test]
fn denied_claims_from_government_sources_are_exactly_what_the_yaml_says() {
    let mut some = 0;
    for rel in BRIEFINGS {
        let mut app = reader(rel, 120, 40);
        app.press(&filter_keys("status:denied kind:government"));
        let want = expected(rel, |i| {
            i.status.as_deref() == Some("denied") && i.kind.as_deref() == Some("government")
        });
        assert_eq!(shown_ids(&app), want, "{rel}");
        assert!(app.filter_prompt().is_none(), "{rel}: the prompt closed");
        assert!(app.narrow().is_some(), "{rel}: the filter is on");
        some += usize::from(!want.is_empty());
    }
    assert!(some > 0, "at least one briefing has such items");
}

/// A table of filters, each with what it means written against the YAML.
#[test]
fn a_table_of_filters_keeps_what_the_yaml_says() {
    type Keep = fn(&YItem) -> bool;
    let table: &[(&str, Keep)] = &[
        ("status:denied", |i| i.status.as_deref() == Some("denied")),
        ("-status:denied", |i| i.status.as_deref() != Some("denied")),
        ("stance:denies", |i| i.stance.as_deref() == Some("denies")),
        ("stance:denies or stance:disputes", |i| {
            matches!(i.stance.as_deref(), Some("denies" | "disputes"))
        }),
        ("kind:media reliability:A-B", |i| {
            i.kind.as_deref() == Some("media")
                && matches!(i.reliability.as_deref(), Some("A" | "B"))
        }),
        ("reliability:C", |i| i.reliability.as_deref() == Some("C")),
        ("credibility:1-3", |i| {
            i.credibility.is_some_and(|c| (1..=3).contains(&c))
        }),
        ("has:quote", |i| i.quote),
        ("has:url -has:attribution", |i| i.url && !i.attribution),
        ("date:2025-05-20..2025-05-25", |i| {
            i.date
                .as_deref()
                .is_some_and(|d| ("2025-05-20"..="2025-05-25").contains(&d))
        }),
        ("date:..2025-03-14", |i| {
            i.date.as_deref().is_some_and(|d| d <= "2025-03-14")
        }),
        ("date:2025-05-23..", |i| {
            i.date.as_deref().is_some_and(|d| d >= "2025-05-23")
        }),
        ("status:reported or status:confirmed has:source", |i| {
            i.status.as_deref() == Some("reported")
                || (i.status.as_deref() == Some("confirmed") && i.source.is_some())
        }),
        ("(status:reported or status:confirmed) has:source", |i| {
            matches!(i.status.as_deref(), Some("reported" | "confirmed")) && i.source.is_some()
        }),
        ("-(has:date or has:source)", |i| {
            i.date.is_none() && i.source.is_none()
        }),
    ];
    for rel in BRIEFINGS {
        for (filter, keep) in table {
            let mut app = reader(rel, 120, 40);
            app.press(&filter_keys(filter));
            assert_eq!(shown_ids(&app), expected(rel, keep), "{rel}: &{filter}");
        }
    }
}

/// A filter built at random, with its meaning on the YAML side.
#[derive(Debug, Clone)]
enum T {
    Status(&'static str),
    Stance(&'static str),
    Kind(&'static str),
    Rel(char, char),
    Cred(u64, u64),
    Has(&'static str),
    Not(Box<T>),
    And(Vec<T>),
    Or(Vec<T>),
}

impl T {
    fn text(&self) -> String {
        match self {
            T::Status(s) => format!("status:{s}"),
            T::Stance(s) => format!("stance:{s}"),
            T::Kind(s) => format!("kind:{s}"),
            T::Rel(a, b) => format!("reliability:{a}-{b}"),
            T::Cred(a, b) => format!("credibility:{a}-{b}"),
            T::Has(h) => format!("has:{h}"),
            T::Not(t) => format!("-({})", t.text()),
            T::And(ts) => format!("({})", ts.iter().map(T::text).collect::<Vec<_>>().join(" ")),
            T::Or(ts) => format!(
                "({})",
                ts.iter().map(T::text).collect::<Vec<_>>().join(" or ")
            ),
        }
    }

    fn holds(&self, i: &YItem) -> bool {
        match self {
            T::Status(s) => i.status.as_deref() == Some(*s),
            T::Stance(s) => i.stance.as_deref() == Some(*s),
            T::Kind(s) => i.kind.as_deref() == Some(*s),
            T::Rel(a, b) => i
                .reliability
                .as_deref()
                .and_then(|r| r.chars().next())
                .is_some_and(|r| (*a..=*b).contains(&r)),
            T::Cred(a, b) => i.credibility.is_some_and(|c| (*a..=*b).contains(&c)),
            T::Has(h) => match *h {
                "quote" => i.quote,
                "url" => i.url,
                "attribution" => i.attribution,
                "source" => i.source.is_some(),
                _ => i.date.is_some(),
            },
            T::Not(t) => !t.holds(i),
            T::And(ts) => ts.iter().all(|t| t.holds(i)),
            T::Or(ts) => ts.iter().any(|t| t.holds(i)),
        }
    }
}

fn leaf() -> impl Strategy<Value = T> {
    prop_oneof![
        prop::sample::select(vec![
            "reported",
            "confirmed",
            "denied",
            "disputed",
            "unverified"
        ])
        .prop_map(T::Status),
        prop::sample::select(vec![
            "denies",
            "disputes",
            "confirms",
            "clarifies",
            "declines"
        ])
        .prop_map(T::Stance),
        prop::sample::select(vec!["media", "government", "official", "agency", "analyst"])
            .prop_map(T::Kind),
        (0u8..6, 0u8..6).prop_map(|(a, b)| {
            let (a, b) = (a.min(b), a.max(b));
            T::Rel(char::from(b'A' + a), char::from(b'A' + b))
        }),
        (1u64..7, 1u64..7).prop_map(|(a, b)| T::Cred(a.min(b), a.max(b))),
        prop::sample::select(vec!["quote", "url", "attribution", "source", "date"])
            .prop_map(T::Has),
    ]
}

fn tree() -> impl Strategy<Value = T> {
    leaf().prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            inner.clone().prop_map(|t| T::Not(Box::new(t))),
            prop::collection::vec(inner.clone(), 1..3).prop_map(T::And),
            prop::collection::vec(inner, 2..3).prop_map(T::Or),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_filters_keep_what_the_yaml_says(t in tree(), which in 0usize..BRIEFINGS.len()) {
        let rel = BRIEFINGS[which];
        let mut app = reader(rel, 120, 40);
        let text = t.text();
        app.press(&filter_keys(&text));
        prop_assert!(app.filter_prompt().is_none(), "&{} did not apply: {:?}", text,
            app.filter_prompt().and_then(|p| p.error.clone()));
        prop_assert_eq!(shown_ids(&app), expected(rel, |i| t.holds(i)), "{}: &{}", rel, text);
    }
}

#[test]
fn a_bad_filter_is_reported_with_its_column_applies_nothing_and_stays_open_to_fix() {
    let mut app = reader(KOREA, 120, 40);
    let all = shown_ids(&app);
    app.press(&filter_keys("status:denied staus:x"));
    let p = app.filter_prompt().expect("the prompt stays open");
    assert_eq!(p.text.pattern, "status:denied staus:x", "the text stays");
    let e = p.error.clone().expect("an error");
    assert_eq!(e.col, 15);
    assert!(
        e.to_string()
            .starts_with("column 15: unknown key 'staus' (did you mean 'status'?"),
        "{e}"
    );
    assert!(app.narrow().is_none(), "nothing applied");
    assert_eq!(shown_ids(&app), all);
    // Shown in the prompt, in the error style.
    let buf = draw(&app);
    let at = find(&buf, "column 15: unknown key 'staus'").expect("the error on screen");
    assert_eq!(at.1, 39, "on the bottom line");
    let cell = &buf[at];
    assert_eq!(cell.fg, theme::ERROR.fg.unwrap_or_default());
    assert!(cell.modifier.contains(ratatui::style::Modifier::BOLD));
    // Fixed in place: the word goes, another comes, Enter applies.
    app.press("Ctrl-w stance:denies Enter");
    assert!(app.filter_prompt().is_none());
    assert_eq!(
        app.narrow().map(|n| n.filter.text().to_string()).as_deref(),
        Some("status:denied stance:denies")
    );
    for (bad, col) in [
        ("reliability:Z", 13),
        ("date:2025-13-01", 6),
        ("status:denied or", 15),
        ("(status:denied", 1),
    ] {
        let mut app = reader(KOREA, 120, 40);
        app.press(&filter_keys(bad));
        let e = app.filter_prompt().and_then(|p| p.error.clone());
        assert_eq!(e.map(|e| e.col), Some(col), "&{bad}");
        assert!(app.narrow().is_none(), "&{bad}");
    }
}

#[test]
fn enter_on_an_empty_line_clears_esc_keeps_and_up_recalls() {
    let mut app = reader(KOREA, 120, 40);
    let all = shown_ids(&app);
    app.press(&filter_keys("status:denied"));
    let denied = shown_ids(&app);
    assert!(denied.len() < all.len() && !denied.is_empty());
    // Esc in the prompt leaves the filter as it was, whatever was typed.
    app.press("& stance:denies Esc");
    assert!(app.filter_prompt().is_none());
    assert_eq!(shown_ids(&app), denied);
    // ↑ recalls the filter in force; Enter keeps it.
    app.press("& ↑");
    assert_eq!(
        app.filter_prompt().map(|p| p.text.pattern.as_str()),
        Some("status:denied")
    );
    app.press("Enter");
    assert_eq!(shown_ids(&app), denied);
    assert_eq!(app.filter_history(), ["status:denied"]);
    // & Enter on an empty line clears it.
    app.press("& Enter");
    assert!(app.narrow().is_none());
    assert_eq!(shown_ids(&app), all);
    assert_eq!(app.message(), Some("filter cleared"));
}

#[test]
fn the_header_says_what_the_filter_keeps_of_how_many() {
    let mut app = reader(KOREA, 120, 40);
    let total = yaml_items(KOREA).len();
    let want = expected(KOREA, |i| i.source.as_deref() == Some("mnd")).len();
    app.press(&filter_keys("source:mnd"));
    let notice = format!("filter source:mnd · {want} of {total}");
    let buf = draw(&app);
    let at = find(&buf, &notice).unwrap_or_else(|| panic!("{notice}:\n{}", screen(&app)));
    assert_eq!(at.1, 1, "on the header's second row");
    assert_eq!(
        buf[at].fg,
        theme::get(theme::Role::Filter).fg.unwrap_or_default()
    );
    // A source's name matches as well as its id.
    let mut by_name = reader(KOREA, 120, 40);
    by_name.press(&filter_keys("source:\"ministry of national defense\""));
    assert_eq!(shown_ids(&by_name), shown_ids(&app));
}

#[test]
fn a_filter_that_matches_nothing_says_so_in_the_panes() {
    let mut app = reader(KOREA, 120, 40);
    app.press(&filter_keys("status:denied kind:government"));
    assert!(shown_ids(&app).is_empty());
    let s = screen(&app);
    assert!(
        s.contains("no items match status:denied kind:government · & to change"),
        "{s}"
    );
    assert!(
        s.contains("filter status:denied kind:government · 0 of"),
        "{s}"
    );
}

#[test]
fn the_selection_stays_on_its_item_or_moves_to_the_nearest_that_matches() {
    let mut app = reader(KOREA, 120, 40);
    let b = app.document().briefing.clone();
    let wsj: Vec<usize> = b
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.source.as_deref() == Some("wsj"))
        .map(|(i, _)| i)
        .collect();
    assert!(wsj.len() >= 2, "the test needs two WSJ claims");
    // On the second WSJ claim: it stays selected.
    app.press(&format!("g {}", "j ".repeat(wsj[1])));
    assert_eq!(app.selected_index(Section::Claims), wsj[1]);
    app.press(&filter_keys("source:wsj"));
    let sel = app
        .current()
        .and_then(|r| app.briefing().item(r))
        .map(|i| i.id.clone());
    assert_eq!(sel.as_deref(), Some(b.claims[wsj[1]].id.as_str()));
    // On a claim that does not match: the nearest one that does.
    app.press("& Enter");
    let other = (0..b.claims.len())
        .find(|i| !wsj.contains(i) && *i > wsj[0])
        .expect("a claim after the first WSJ one that is not WSJ");
    app.press(&format!("g {}", "j ".repeat(other)));
    app.press(&filter_keys("source:wsj"));
    let nearest = *wsj
        .iter()
        .min_by_key(|&&w| (w.abs_diff(other), w < other))
        .expect("WSJ claims");
    let sel = app
        .current()
        .and_then(|r| app.briefing().item(r))
        .map(|i| i.id.clone());
    assert_eq!(sel.as_deref(), Some(b.claims[nearest].id.as_str()));
    // Navigation stays among the matches.
    app.press("g");
    for _ in 0..wsj.len() + 2 {
        let id = app
            .current()
            .and_then(|r| app.briefing().item(r))
            .map(|i| i.source.clone());
        assert_eq!(id, Some(Some("wsj".to_string())));
        app.press("j");
    }
}

#[test]
fn search_the_matrix_and_the_timeline_see_only_what_matches() {
    let mut app = reader(KOREA, 120, 40);
    app.press("/ troops Enter");
    let before = search(&app).matches.len();
    app.press("Esc");
    app.press(&filter_keys("source:wsj"));
    app.press("/ troops Enter");
    let after = search(&app).matches.len();
    assert!(after < before, "{after} < {before}");
    for m in search(&app).matches.iter() {
        if let brief::briefing::search::Place::Item(r) = m.place {
            let item = app.briefing().item(r).expect("the match's item is shown");
            assert_eq!(item.source.as_deref(), Some("wsj"));
        }
    }
    app.press("Esc");
    let a = app.document().analysis();
    let claims = expected(KOREA, |i| {
        i.source.as_deref() == Some("wsj") && i.section == "claims"
    });
    assert_eq!(a.matrix.rows(), claims.len());
    assert!(a.timeline.entries.iter().all(|e| app
        .briefing()
        .item(e.item)
        .and_then(|i| i.source.as_deref())
        == Some("wsj")));
    app.press("m");
    assert!(
        screen(&app).contains("filter source:wsj"),
        "{}",
        screen(&app)
    );
}

#[test]
fn free_words_find_as_the_search_does_smart_case_included() {
    let mut app = reader(KOREA, 120, 40);
    app.press("/ seoul Enter");
    let found: BTreeSet<String> = search(&app)
        .matches
        .iter()
        .filter_map(|m| match m.place {
            brief::briefing::search::Place::Item(r) => app.briefing().item(r).map(|i| i.id.clone()),
            _ => None,
        })
        .collect();
    app.press("Esc");
    app.press(&filter_keys("seoul"));
    assert_eq!(shown_ids(&app), found);
    assert!(!found.is_empty());
    // An upper-case letter makes it exact.
    app.press(&filter_keys("SEOUL"));
    let exact = shown_ids(&app);
    assert!(exact.len() < found.len(), "{exact:?}");
}

#[test]
fn tags_match_every_item_or_none_and_hiding_a_source_narrows_first() {
    let mut app = reader(KOREA, 120, 40);
    let all = shown_ids(&app);
    app.press(&filter_keys("tag:korea"));
    assert_eq!(shown_ids(&app), all);
    app.press(&filter_keys("tag:nowhere"));
    assert!(shown_ids(&app).is_empty());
    // `x` hides WSJ: `&` narrows what is left and the header says both.
    let mut app = reader(KOREA, 120, 40);
    app.press(&filter_keys(
        "source:trump or source:rok-officials or source:wsj",
    ));
    let with_wsj = shown_ids(&app);
    app.press("s");
    let pos = app
        .full_doc()
        .analysis()
        .sources
        .iter()
        .position(|s| {
            s.source
                .and_then(|i| app.full_doc().briefing.sources.get(i))
                .is_some_and(|s| s.id == "wsj")
        })
        .expect("WSJ in the sources");
    app.press(&format!("g {}", "j ".repeat(pos)));
    app.press("x Esc");
    let without = shown_ids(&app);
    let wsj = expected(KOREA, |i| i.source.as_deref() == Some("wsj"));
    assert!(
        !without.is_empty() && without.is_subset(&with_wsj),
        "{without:?}"
    );
    assert!(without.is_disjoint(&wsj), "{without:?}");
    let s = screen(&app);
    assert!(s.contains("hiding: "), "{s}");
    assert!(
        s.contains(" · filter source:trump or source:rok-officials"),
        "{s}"
    );
}

#[test]
fn the_library_keeps_the_briefings_that_match() {
    let paths: Vec<_> = BUNDLED.iter().map(|p| repo_path(p)).collect();
    let mut shell = library(&paths, 120, 40);
    assert_eq!(shell.library().order.len(), 3);
    shell.press(&filter_keys("tag:korea"));
    let titles = |shell: &brief::app::shell::Shell| -> Vec<String> {
        shell
            .library()
            .order
            .iter()
            .filter_map(|&i| shell.library().entries[i].doc.as_ref())
            .map(|d| d.briefing.title.clone())
            .collect()
    };
    let tagged: Vec<&str> = BUNDLED
        .iter()
        .filter(|p| {
            crate::libsupport::tags(&read(p))
                .iter()
                .any(|t| t == "korea")
        })
        .copied()
        .collect();
    assert_eq!(titles(&shell).len(), tagged.len());
    let s = shell_screen(&shell);
    assert!(
        s.contains(&format!("filter tag:korea · {} of 3", tagged.len())),
        "{s}"
    );
    // Item keys: a briefing with an item that matches.
    shell.press(&filter_keys("stance:denies"));
    let with: Vec<String> = BUNDLED
        .iter()
        .filter(|p| {
            yaml_items(p)
                .iter()
                .any(|i| i.stance.as_deref() == Some("denies"))
        })
        .map(|p| {
            let v: Value = serde_yaml::from_str(&read(p)).unwrap_or(Value::Null);
            v.get("title")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        })
        .collect();
    let mut got = titles(&shell);
    got.sort();
    let mut want = with;
    want.sort();
    assert_eq!(got, want);
    // Nothing matches: the list says so; & Enter lists them all again.
    shell.press(&filter_keys("tag:nowhere"));
    assert!(shell.library().order.is_empty());
    assert!(shell_screen(&shell).contains("no briefings match tag:nowhere · & to change"));
    shell.press("& Enter");
    assert_eq!(shell.library().order.len(), 3);
    // A bad filter in the library is reported the same way, in the error style.
    shell.press(&filter_keys("has:nothing"));
    let buf = draw_shell(&shell);
    let at = find(&buf, "column 5: has: 'nothing' is not one of").expect("the error");
    assert_eq!(buf[at].fg, theme::ERROR.fg.unwrap_or_default());
    assert_eq!(shell.library().order.len(), 3);
}

/// Whole frames: a filtered view and the prompt with an error, at 120×40 and 80×24.
#[test]
fn snapshots_of_a_filtered_view_and_of_a_prompt_with_an_error() {
    for (w, h) in [(120, 40), (80, 24)] {
        for (name, keys) in [
            ("filtered", filter_keys("status:denied or stance:denies")),
            ("filter_error", filter_keys("status:denied staus:x")),
        ] {
            let mut app = reader(KOREA, w, h);
            app.press(&keys);
            let frame = screen(&app);
            insta::with_settings!({
                description => format!("{KOREA} at {w}×{h} after `{keys}`"),
                omit_expression => true,
            }, {
                insta::assert_snapshot!(format!("{name}_{w}x{h}"), frame);
            });
            if name == "filter_error" {
                let buf = draw(&app);
                let at = find(&buf, "column 15:").expect("the error");
                assert_eq!(buf[at].fg, theme::ERROR.fg.unwrap_or_default(), "{w}x{h}");
            } else {
                assert!(
                    frame.contains("filter status:denied or stance:denies ·"),
                    "{frame}"
                );
            }
        }
    }
}

#[test]
fn is_terms_on_a_briefing_whose_answers_are_known() {
    const DENIALS: &str = "tests/fixtures/filter/denials.yaml";
    let ids = |filter: &str| {
        let mut app = reader(DENIALS, 120, 40);
        app.press(&filter_keys(filter));
        shown_ids(&app).into_iter().collect::<Vec<_>>()
    };
    assert_eq!(ids("is:anonymous"), ["rumour", "talks-held"]);
    // Every claim with a source that no other source confirms.
    assert_eq!(
        ids("is:single-origin"),
        [
            "army-drivers",
            "losses",
            "pay-offer",
            "port-closed",
            "talks-held"
        ]
    );
    // In a contradiction pair: the denial, the dispute and what they answer.
    assert_eq!(
        ids("is:contradicted"),
        [
            "losses",
            "ministry-denies-talks",
            "talks-held",
            "union-disputes-losses"
        ]
    );
    assert_eq!(
        ids("is:contradicted -stance:denies -stance:disputes"),
        ["losses", "talks-held"]
    );
    assert_eq!(ids("kind:government has:url"), ["law", "port-closed"]);
    assert_eq!(
        ids("source:\"harbour board\" or source:gazette reliability:a"),
        [
            "army-drivers",
            "board-declines",
            "gazette-confirms-strike",
            "losses"
        ]
    );
    assert_eq!(ids("has:contradictions date:2025-05-25"), ["port-closed"]);
    // Responses match on their own fields: the claim a kept response answers may be gone.
    assert_eq!(ids("stance:declines"), ["board-declines"]);
    // Undated items never match a date.
    assert_eq!(ids("date:..2019-12-31"), ["last-strike"]);
    assert_eq!(
        ids("-has:date"),
        [
            "army-drivers",
            "board-declines",
            "law",
            "rumour",
            "union-disputes-losses"
        ]
    );
}

#[test]
fn a_reload_keeps_the_filter_applied_to_the_new_version() {
    let mut app = reader(KOREA, 120, 40);
    app.press(&filter_keys("source:wsj"));
    let before = shown_ids(&app);
    // The file as saved again, with one more WSJ claim.
    let text = read(KOREA).replacen(
        "claims:\n",
        "claims:\n  - id: new-wsj\n    text: A new claim.\n    source: wsj\n    status: reported\n",
        1,
    );
    app.replace_doc(std::rc::Rc::new(doc_from_yaml("korea", &text)));
    let mut want = before.clone();
    want.insert("new-wsj".to_string());
    assert_eq!(shown_ids(&app), want);
    assert!(app
        .narrow()
        .is_some_and(|n| n.notice().starts_with("filter source:wsj · ")));
}

/// The library under a filter, and the prompt counting while the filter is typed.
#[test]
fn snapshots_of_the_filtered_library_and_of_the_prompt_while_typing() {
    let paths: Vec<_> = BUNDLED.iter().map(|p| repo_path(p)).collect();
    for (w, h) in [(120, 40), (80, 24)] {
        let mut shell = library(&paths, w, h);
        shell.press(&filter_keys("date:..2025-05-31 -tag:nowhere"));
        let frame = shell_screen(&shell);
        insta::with_settings!({
            description => format!("the bundled briefings at {w}×{h} after `&date:..2025-05-31 -tag:nowhere`"),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("library_filtered_{w}x{h}"), frame);
        });
        let mut app = reader(KOREA, w, h);
        app.press("& status:denied Space or Space stance:denies");
        let buf = draw(&app);
        let status = rows(&buf).last().cloned().unwrap_or_default();
        assert!(
            status.starts_with("&status:denied or stance:denies▏"),
            "{status}"
        );
        assert!(status.trim_end().ends_with("2 of 12"), "{status}");
        let at = find(&buf, "2 of 12").expect("the count");
        assert_eq!(
            buf[at].fg,
            theme::get(theme::Role::Message).fg.unwrap_or_default()
        );
        app.press("Space status:nothing");
        let status = rows(&draw(&app)).last().cloned().unwrap_or_default();
        assert!(
            !status.contains("of 12"),
            "no count for a filter that does not parse: {status}"
        );
    }
}

/// `is:new` and `is:changed` read the reading state: in the panes the items marked, in the
/// library the briefings with such items.
#[test]
fn is_new_and_is_changed_follow_what_was_read() {
    use brief::app::shell::Shell;
    use brief::state::Store;
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for rel in BUNDLED {
        let p = dir
            .path()
            .join(std::path::Path::new(rel).file_name().unwrap());
        std::fs::write(&p, read(rel)).unwrap();
        paths.push(p);
    }
    let korea = dir.path().join("korea-troops.yaml");
    let store = dir.path().join("s.db");
    let run = |path: &std::path::Path| {
        let doc = brief::briefing::load_path(path, 1 << 30).unwrap();
        let mut shell = Shell::single(doc, ratatui::layout::Rect::new(0, 0, 120, 40));
        shell.use_store(Store::open(&store).map(Some));
        shell
    };
    let mut first = run(&korea);
    first.press("q");
    drop(first);
    // A claim added and another's status changed since.
    let text = std::fs::read_to_string(&korea).unwrap();
    let text = text
        .replacen(
            "    date: 2025-05-22\n    status: reported\n",
            "    date: 2025-05-22\n    status: confirmed\n",
            1,
        )
        .replacen(
            "\nresponses:\n",
            "\n  - id: late-claim\n    text: A claim added overnight.\n    source: wsj\n    status: reported\n\nresponses:\n",
            1,
        );
    std::fs::write(&korea, text).unwrap();
    let ids = |shell: &Shell| shown_ids(shell.reader().unwrap());
    let mut second = run(&korea);
    second.press(&filter_keys("is:new"));
    assert_eq!(ids(&second), BTreeSet::from(["late-claim".to_string()]));
    second.press(&filter_keys("is:changed"));
    assert_eq!(ids(&second), BTreeSet::from(["policy-review".to_string()]));
    second.press(&filter_keys("is:new or is:changed"));
    assert_eq!(ids(&second).len(), 2);
    second.press("q");
    drop(second);
    let mut lib = library(&paths, 120, 20);
    lib.use_store(Store::open(&store).map(Some));
    lib.press(&filter_keys("is:new"));
    let listed: Vec<String> = lib
        .library()
        .order
        .iter()
        .map(|&i| lib.library().entries[i].name())
        .collect();
    assert_eq!(listed, ["korea-troops.yaml"]);
    lib.press(&filter_keys("-is:new"));
    assert_eq!(lib.library().order.len(), 2);
}

/// Hostile characters typed (or pasted) into the filter never reach the terminal: not in the
/// prompt, not in its error, not in the header, the badge or an empty pane's words.
#[test]
fn hostile_text_in_a_filter_is_shown_as_symbols() {
    use brief::app::Action;
    for size in [(120, 40), (80, 24)] {
        let mut app = reader(KOREA, size.0, size.1);
        app.press("&");
        for c in "status:\u{1b}[31m\u{202e}x\u{7}".chars() {
            app.update(Action::PromptInput(c));
        }
        let before = draw(&app);
        assert_eq!(brief::testing::hostile_cell(&before), None, "the prompt");
        app.press("Enter");
        let error = draw(&app);
        assert!(app.filter_prompt().is_some_and(|p| p.error.is_some()));
        assert_eq!(brief::testing::hostile_cell(&error), None, "the error");
        app.press("Ctrl-u");
        for c in "\"\u{202e}\u{1b}]0;x\u{7}\"".chars() {
            app.update(Action::PromptInput(c));
        }
        app.press("Enter");
        assert!(app.narrow().is_some(), "a phrase of anything is a filter");
        let shown = draw(&app);
        assert_eq!(
            brief::testing::hostile_cell(&shown),
            None,
            "the header and panes"
        );
    }
}

/// A filter narrows the items, not the briefing's judgments (QA: the Judgments tab left the
/// tab bar under a filter), and `&` in the Judgments pane says where the filter is instead of
/// letting the filter's letters run as that pane's keys (QA: `e` of `source:` opened vi).
#[test]
fn a_filter_keeps_the_judgments_and_and_in_their_pane_says_where_it_is() {
    let mut app = reader(KOREA, 80, 24);
    let judgments = app.document().briefing.judgments.len();
    assert!(judgments > 0);
    app.press(&filter_keys("status:denied"));
    assert_eq!(app.document().briefing.judgments.len(), judgments);
    assert!(screen(&app).contains("4 Judgments"), "{}", screen(&app));
    app.press("4 &");
    assert!(
        app.message()
            .is_some_and(|m| m.starts_with("the filter is in the Claims")),
        "{:?}",
        app.message()
    );
    assert_eq!(app.mode(), brief::app::keymap::Mode::Judgments);
}

/// What the reader says of an item under a filter is said of the whole briefing (QA): a claim
/// another source confirms is not flagged `1 source` because the filter left the confirmation
/// out, its detail does not say nothing answers it, and the contradictions view does not say
/// the briefing has none.
#[test]
fn under_a_filter_the_flags_and_messages_speak_of_the_whole_briefing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("so.yaml");
    std::fs::write(
        &path,
        "title: T\ndate: 2025-05-01\nsources:\n  - id: a\n    name: Alpha\n  - id: b\n    name: Beta\n\
         claims:\n  - id: k1\n    text: Alpha says the port closed.\n    source: a\n    status: confirmed\n\
         \x20 - id: k2\n    text: Alpha says the talks failed.\n    source: a\n\
         responses:\n  - id: q1\n    text: Beta confirms the port closed.\n    source: b\n    responds_to: [k1]\n    stance: confirms\n\
         \x20 - id: q2\n    text: Beta denies the talks failed.\n    source: b\n    responds_to: [k2]\n    stance: denies\n\
         context: []\n",
    )
    .unwrap();
    let mut app = reader(&path.to_string_lossy(), 100, 30);
    // k1's line of marks, which Beta's confirmation keeps off `1 source`.
    let k1_flagged = |text: &str| {
        text.lines()
            .any(|l| l.contains("Alpha · confirmed") && l.contains("1 source"))
    };
    assert!(!k1_flagged(&screen(&app)), "{}", screen(&app));
    app.press(&filter_keys("status:confirmed"));
    let text = screen(&app);
    assert!(text.contains("Alpha says the port closed"), "{text}");
    assert!(!k1_flagged(&text), "{text}");
    app.press("Enter");
    let detail = screen(&app);
    assert!(!detail.contains("no other source confirms"), "{detail}");
    assert!(
        detail.contains("No relations among the items the filter keeps"),
        "{detail}"
    );
    app.press("Esc c");
    let pairs = screen(&app);
    assert!(
        !pairs.contains("This briefing has no contradictions"),
        "{pairs}"
    );
    assert!(
        pairs.contains("No contradiction among the items the filter keeps"),
        "{pairs}"
    );
}
