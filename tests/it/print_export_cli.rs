//! `brief print`, `brief export`, `brief schema` and `brief completions`, run as a user runs
//! them: the real binary, its stdout piped (so never a terminal), its exit status.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{json, Value};

const BUNDLED: [&str; 3] = [
    "briefings/harbour-bridge-tolls.yaml",
    "briefings/korea-troops.yaml",
    "briefings/night-buses.yaml",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[track_caller]
fn brief() -> Command {
    let mut cmd = match Command::cargo_bin("brief") {
        Ok(c) => c,
        Err(e) => panic!("no brief binary: {e}"),
    };
    // Never the user's config file.
    cmd.current_dir(root())
        .env_remove("NO_COLOR")
        .env(
            "XDG_CONFIG_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config-home"),
        )
        .env_remove("BRIEF_CONFIG")
        .env_remove("BRIEF_THEME");
    cmd
}

/// Runs `brief args…` and returns (status code, stdout, stderr).
#[track_caller]
fn run(args: &[&str]) -> (i32, String, String) {
    let out = brief().args(args).output();
    let out = match out {
        Ok(o) => o,
        Err(e) => panic!("brief did not run: {e}"),
    };
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[track_caller]
fn yaml_as_json(path: &Path) -> Value {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => panic!("{}: {e}", path.display()),
    };
    match serde_yaml::from_str(&text) {
        Ok(v) => v,
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

#[track_caller]
fn parse_json(s: &str) -> Value {
    match serde_json::from_str(s) {
        Ok(v) => v,
        Err(e) => panic!("not JSON ({e}):\n{s}"),
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    if let Err(e) = std::fs::write(&path, text) {
        panic!("cannot write {}: {e}", path.display());
    }
    path
}

fn tempdir() -> tempfile::TempDir {
    match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("no temp dir: {e}"),
    }
}

fn ids(section: &Value) -> Vec<&str> {
    section
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["id"].as_str())
        .collect()
}

/// A briefing whose strings try to act on a terminal and on a Markdown renderer.
const HOSTILE: &str = r#"title: "Evil \e[2J title | <script>alert(1)</script>"
date: 2025-01-01
claims:
  - id: c
    text: "Claim with \e]0;pwned\a escape, a \u202E bidi override and a | pipe"
    quote: "*bold* [link](javascript:alert(1))"
responses:
  - id: r
    text: "- not a list\n# not a heading"
    responds_to: [c]
    stance: denies
context: []
contradictions:
  - between: [c, r]
    note: "note | with a pipe\nand a second line \e[31mred"
"#;

/// A briefing whose two sides give different death tolls for the same day.
const FLOODS: &str = r#"title: Floods in the valley
date: 2025-03-16
claims:
  - id: toll-seven
    text: Seven people were killed on 15 March.
responses:
  - id: toll-eleven
    text: 11 bodies were recovered by 15 March.
    responds_to: [toll-seven]
    stance: disputes
context: []
"#;

// ---------------------------------------------------------------------------------------------
// print

#[test]
fn print_shows_every_section_item_and_contradiction() {
    for path in BUNDLED {
        let (code, out, err) = run(&["print", path]);
        assert_eq!(code, 0, "{path}: {err}");
        assert_eq!(err, "", "{path}");
        let yaml = yaml_as_json(&root().join(path));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.first().copied(), yaml["title"].as_str(), "{path}");
        assert!(lines.get(1).is_some_and(|l| l.starts_with("===")), "{path}");
        assert!(out.contains(yaml["date"].as_str().unwrap_or("?")), "{path}");
        for (key, title) in [
            ("claims", "Claims"),
            ("responses", "Responses"),
            ("context", "Context"),
        ] {
            let items = ids(&yaml[key]);
            let heading = format!("{title} ({})", items.len());
            assert!(lines.contains(&heading.as_str()), "{path}: no `{heading}`");
            for id in items {
                assert!(
                    lines.iter().any(|l| l.starts_with(&format!("{id} · "))),
                    "{path}: item `{id}` has no heading line"
                );
            }
        }
        let export = parse_json(&run(&["export", path]).1);
        let pairs = export["derived"]["pairs"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let heading = format!("Contradictions ({})", pairs.len());
        assert!(lines.contains(&heading.as_str()), "{path}: no `{heading}`");
        for p in &pairs {
            let head = format!(
                "{} ↔ {} · ",
                p["left"].as_str().unwrap_or("?"),
                p["right"].as_str().unwrap_or("?")
            );
            assert!(
                lines.iter().any(|l| l.starts_with(&head)),
                "{path}: no pair line `{head}`"
            );
        }
    }
}

#[test]
fn print_shows_metadata_and_relations_by_id() {
    let (code, out, _) = run(&["print", "briefings/korea-troops.yaml"]);
    assert_eq!(code, 0);
    // The claim, its source's name, date and status, then its relations by id.
    let block: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("withdrawal-option · "))
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(
        block.first().copied(),
        Some("withdrawal-option · The Wall Street Journal · 2025-05-22 · denied")
    );
    assert!(
        block.contains(&"    credibility: 3 (possibly true)"),
        "{block:#?}"
    );
    assert!(
        block.contains(&"    answered by: mnd-denial (denies), mnd-commitment (clarifies)"),
        "{block:#?}"
    );
    assert!(block.contains(&"    contradicts: mnd-denial"), "{block:#?}");
    let response: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("mnd-denial · "))
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(
        response.contains(&"    responds to: withdrawal-option, troop-cut-size"),
        "{response:#?}"
    );
    // The heading line, wrapped at 80 columns, ends with the stance.
    assert_eq!(
        response.get(..2).map(|h| h.join(" ")).as_deref(),
        Some("mnd-denial · Ministry of National Defense (Republic of Korea) · 2025-05-23 · denies")
    );
    // A pair with its note, indented under it.
    let pair: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("withdrawal-option ↔ mnd-denial · implied: denies"))
        .take(2)
        .collect();
    assert_eq!(
        pair.get(1).copied(),
        Some("    Both can be true at once. The ministry denies talks between the two")
    );
}

#[test]
fn print_says_which_figures_of_a_pair_conflict_and_which_agree() {
    let dir = tempdir();
    let floods = write(dir.path(), "floods.yaml", FLOODS);
    let (code, out, err) = run(&["print", &floods.to_string_lossy()]);
    assert_eq!(code, 0, "{err}");
    let pair: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("toll-seven ↔ toll-eleven · implied: disputes"))
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(
        pair,
        vec![
            "toll-seven ↔ toll-eleven · implied: disputes",
            "    figures in conflict: deaths: 7 ↔ 11",
            "    figures in agreement: 15 March",
        ]
    );
    // A pair whose figures say nothing to each other gets no such lines.
    let (_, out, _) = run(&["print", BUNDLED[2]]);
    let quiet: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("savings-figure ↔ council-no-decision"))
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(quiet.len(), 1, "{quiet:#?}");
    assert!(
        out.contains("    figures in conflict: passengers: 300 ↔ 410; share: a third ↔ 12%\n"),
        "{out}"
    );
}

#[test]
fn print_wraps_at_width_and_at_80_when_piped() {
    for path in BUNDLED {
        for (args, limit) in [
            (vec!["print", path], 80),
            (vec!["print", "--width", "20", path], 20),
            (vec!["print", "--width", "47", path], 47),
            (vec!["print", path, "--width=120"], 120),
        ] {
            let (code, out, err) = run(&args);
            assert_eq!(code, 0, "{args:?}: {err}");
            let widest = out.lines().map(brief::text::width).max().unwrap_or(0);
            assert!(widest <= limit, "{args:?}: a line is {widest} cells wide");
            // The width is used, not merely respected: lines fill it.
            assert!(
                widest >= limit * 3 / 4,
                "{args:?}: widest line only {widest}"
            );
        }
    }
}

#[test]
fn width_below_twenty_is_a_usage_error() {
    let (code, out, err) = run(&["print", "--width", "5", BUNDLED[2]]);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(err.contains("--width"), "{err}");
}

#[test]
fn piped_output_has_no_escape_sequences_even_from_hostile_text() {
    let dir = tempdir();
    let hostile = write(dir.path(), "hostile.yaml", HOSTILE);
    let hostile = hostile.to_string_lossy().into_owned();
    let mut args: Vec<Vec<&str>> = BUNDLED.iter().map(|p| vec!["print", *p]).collect();
    args.push(vec!["print", &hostile]);
    args.push(vec!["export", "--format", "markdown", &hostile]);
    args.push(vec!["export", "--format", "json", &hostile]);
    for a in &args {
        let (code, out, err) = run(a);
        assert_eq!(code, 0, "{a:?}: {err}");
        assert!(!out.contains('\u{1b}'), "{a:?}: ESC in output");
        assert!(!out.contains('\u{7}'), "{a:?}: BEL in output");
        assert!(!out.contains('\u{202e}'), "{a:?}: bidi override in output");
    }
    let (_, out, _) = run(&["print", &hostile]);
    assert!(out.contains("Evil ␛[2J title"), "{out}");
    assert!(out.contains("⇄ bidi override"), "{out}");
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    let text = match std::fs::read_to_string(root().join(BUNDLED[2])) {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    };
    let loaded = match brief::briefing::load_str(&text) {
        Ok(l) => l,
        Err(d) => panic!("{d:?}"),
    };
    let render = |colour| {
        let mut out = Vec::new();
        if let Err(e) = brief::cmd::print::write_briefing(&mut out, &loaded.briefing, 80, colour) {
            panic!("{e}");
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    let plain = render(false);
    let coloured = render(true);
    assert!(!plain.contains('\u{1b}'));
    assert!(
        coloured.contains("\u{1b}[1m"),
        "headings are bold on a terminal"
    );
    // Colour adds escapes and nothing else.
    let stripped = regex::Regex::new("\u{1b}\\[[0-9;]*m")
        .map(|re| re.replace_all(&coloured, "").into_owned())
        .unwrap_or_default();
    assert_eq!(stripped, plain);
    // The binary decides with `stdout_colour`: piped, or with NO_COLOR, never.
    assert!(!brief::cmd::use_colour(false));
    let out = match brief()
        .env("NO_COLOR", "1")
        .args(["print", BUNDLED[2]])
        .output()
    {
        Ok(o) => String::from_utf8_lossy(&o.stdout).into_owned(),
        Err(e) => panic!("{e}"),
    };
    assert_eq!(out, plain);
}

#[test]
fn a_bad_file_is_reported_and_the_others_still_print() {
    let dir = tempdir();
    let bad = write(
        dir.path(),
        "bad.yaml",
        "title: Bad\ndate: 2025-01-01\nclaims: []\nresponses:\n  - id: r\n    text: R\n    responds_to: [nope]\n    stance: refutes\ncontext: []\n",
    );
    let bad = bad.to_string_lossy().into_owned();
    for cmd in [
        vec!["print"],
        vec!["export", "--format", "markdown"],
        vec!["export", "--format", "json"],
    ] {
        let mut args = cmd.clone();
        args.extend([bad.as_str(), BUNDLED[2]]);
        let (code, out, err) = run(&args);
        assert_eq!(code, 1, "{args:?}");
        assert!(
            out.contains("Marrowby council denies plan to scrap night buses"),
            "{args:?}"
        );
        assert!(!out.contains("Bad"), "{args:?}");
        assert!(
            err.contains(&format!("{bad}:8:13: error:")),
            "{args:?}: {err}"
        );
        assert!(
            err.contains(&format!("{bad}:7:19: error:")),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn missing_files_and_size_limits_are_errors_on_stderr() {
    let (code, out, err) = run(&["print", "nope.yaml"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(
        err.starts_with("nope.yaml:1:1: error: cannot open: no such file"),
        "{err}"
    );

    let (code, out, err) = run(&["export", "--max-size", "1K", BUNDLED[0]]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("over the 1024-byte limit"), "{err}");
}

/// Starts `brief args…`, reads three lines, closes the pipe, and returns the exit status and
/// stderr: what `brief print x.yaml | head -3` does.
fn close_after_three_lines(args: &[&str]) -> (Option<i32>, String) {
    let mut child = match std::process::Command::new(assert_cmd::cargo::cargo_bin("brief"))
        .args(args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    let Some(stdout) = child.stdout.take() else {
        panic!("no stdout")
    };
    let lines: Vec<String> = BufReader::new(stdout)
        .lines()
        .take(3)
        .map_while(Result::ok)
        .collect();
    assert_eq!(lines.len(), 3);
    // Dropping the reader closes the pipe.
    let out = match child.wait_with_output() {
        Ok(o) => o,
        Err(e) => panic!("{e}"),
    };
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_ends_quietly_with_status_zero() {
    // Big enough that the output cannot fit in the pipe's buffer before it is closed.
    let dir = tempdir();
    let mut yaml = String::from("title: Big\ndate: 2025-01-01\nclaims:\n");
    for i in 0..3000 {
        yaml.push_str(&format!(
            "  - id: c{i}\n    text: Claim number {i}, long enough to wrap once or twice at eighty columns of output text.\n"
        ));
    }
    yaml.push_str("responses: []\ncontext: []\n");
    let big = write(dir.path(), "big.yaml", &yaml);
    let big = big.to_string_lossy().into_owned();
    for args in [
        vec!["print", big.as_str()],
        vec!["export", "--format", "json", big.as_str()],
        vec!["export", "--format", "markdown", big.as_str()],
    ] {
        let (code, err) = close_after_three_lines(&args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert_eq!(err, "", "{args:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// export --format json

/// The contradictions the format says a briefing has, worked out from the YAML alone:
/// (left, right, kind, note).
fn expected_pairs(yaml: &Value) -> BTreeSet<(String, String, String, Option<String>)> {
    let mut pairs: Vec<(String, String, String, Option<String>)> = Vec::new();
    for r in yaml["responses"].as_array().into_iter().flatten() {
        if matches!(r["stance"].as_str(), Some("denies" | "disputes")) {
            for c in r["responds_to"].as_array().into_iter().flatten() {
                let (c, r) = (c.as_str().unwrap_or(""), r["id"].as_str().unwrap_or(""));
                pairs.push((c.into(), r.into(), "implied".into(), None));
            }
        }
    }
    for d in yaml["contradictions"].as_array().into_iter().flatten() {
        let a = d["between"][0].as_str().unwrap_or("").to_string();
        let b = d["between"][1].as_str().unwrap_or("").to_string();
        let note = d["note"].as_str().map(str::to_string);
        let same = pairs
            .iter_mut()
            .find(|p| (p.0 == a && p.1 == b) || (p.0 == b && p.1 == a));
        match same {
            Some(p) => {
                p.3 = match (p.3.take(), note) {
                    (Some(old), Some(new)) => Some(format!("{old}\n{new}")),
                    (old, new) => new.or(old),
                }
            }
            None => pairs.push((a, b, "declared".into(), note)),
        }
    }
    pairs.into_iter().collect()
}

#[test]
fn json_export_has_every_field_of_the_format_and_the_derived_pairs() {
    for path in BUNDLED {
        let (code, out, err) = run(&["export", "--format", "json", path]);
        assert_eq!(code, 0, "{path}: {err}");
        let got = parse_json(&out);
        assert!(got.is_object(), "{path}: one file gives one object");
        let yaml = yaml_as_json(&root().join(path));
        // Every field of the format under its own name, with the value the file gives it, and
        // nothing else but `derived` and `path`.
        for key in [
            "title",
            "date",
            "summary",
            "tags",
            "url",
            "publisher",
            "sources",
            "claims",
            "responses",
            "context",
            "contradictions",
        ] {
            let want = match &yaml[key] {
                Value::Null if matches!(key, "tags" | "sources" | "contradictions") => json!([]),
                v => v.clone(),
            };
            assert_eq!(got[key], want, "{path}: `{key}`");
        }
        let keys: BTreeSet<&str> = got
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let mut allowed: BTreeSet<&str> = yaml
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        allowed.extend(["tags", "sources", "contradictions", "derived", "path"]);
        assert!(keys.is_subset(&allowed), "{path}: {keys:?}");
        assert_eq!(got["path"], path, "{path}: the path as named");
        // The resolved contradictions, as the format defines them.
        let pairs: BTreeSet<_> = got["derived"]["pairs"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| {
                (
                    p["left"].as_str().unwrap_or("").to_string(),
                    p["right"].as_str().unwrap_or("").to_string(),
                    p["kind"].as_str().unwrap_or("").to_string(),
                    p["note"].as_str().map(str::to_string),
                )
            })
            .collect();
        let want = expected_pairs(&yaml);
        assert_eq!(pairs, want, "{path}: contradictions");
        assert_eq!(
            got["derived"]["pairs"].as_array().map(Vec::len),
            Some(want.len())
        );
        assert_eq!(got["derived"]["counts"]["pairs"], want.len());
    }
    // The format's own count for the running example.
    let korea = parse_json(&run(&["export", BUNDLED[1]]).1);
    let derived = &korea["derived"];
    assert_eq!(derived["pairs"].as_array().map(Vec::len), Some(5));
    assert_eq!(
        derived["pairs"][0],
        json!({"left": "withdrawal-option", "right": "mnd-denial", "kind": "implied", "stance": "denies",
               "note": "Both can be true at once. The ministry denies talks between the two governments; the report describes an option being developed inside the Pentagon, which need not have been raised with Seoul yet.\n"})
    );
    assert_eq!(
        derived["counts"],
        json!({"sources": 6, "claims": 4, "responses": 3, "context": 5, "pairs": 5,
               "implied": 3, "declared": 2, "unanswered": 0})
    );
    assert_eq!(
        derived["answered_by"][0],
        json!({"claim": "withdrawal-option", "responses": [
            {"id": "mnd-denial", "stance": "denies"}, {"id": "mnd-commitment", "stance": "clarifies"}]})
    );
    let flags: Vec<&Value> = derived["flags"].as_array().into_iter().flatten().collect();
    assert!(
        flags.contains(&&json!({"id": "withdrawal-option", "flags": ["contradicted"]})),
        "{flags:?}"
    );
}

#[test]
fn json_is_one_object_for_one_file_and_an_array_for_several() {
    let (code, out, _) = run(&["export", BUNDLED[0], BUNDLED[1], BUNDLED[2]]);
    assert_eq!(code, 0);
    let all = parse_json(&out);
    let titles: Vec<&str> = all
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b["title"].as_str())
        .collect();
    assert_eq!(titles.len(), 3);
    assert_eq!(
        titles[2],
        "Marrowby council denies plan to scrap night buses"
    );

    // A folder can hold several, so it always gives an array.
    let dir = tempdir();
    let one = match std::fs::read_to_string(root().join(BUNDLED[2])) {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    };
    write(dir.path(), "only.yaml", &one);
    let folder = dir.path().to_string_lossy().into_owned();
    let (code, out, _) = run(&["export", "-f", "json", &folder]);
    assert_eq!(code, 0);
    assert_eq!(parse_json(&out).as_array().map(Vec::len), Some(1));

    // A single file that fails gives nothing on stdout.
    let bad = write(dir.path(), "bad.yaml", "title: x\n");
    let (code, out, err) = run(&["export", &bad.to_string_lossy()]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("bad.yaml:"), "{err}");
}

#[test]
fn json_keeps_hostile_text_exactly_but_escaped() {
    let dir = tempdir();
    let hostile = write(dir.path(), "hostile.yaml", HOSTILE);
    let (code, out, _) = run(&["export", &hostile.to_string_lossy()]);
    assert_eq!(code, 0);
    assert!(out.contains(r"\u202e"), "{out}");
    let got = parse_json(&out);
    assert_eq!(
        got["claims"][0]["text"],
        "Claim with \u{1b}]0;pwned\u{7} escape, a \u{202e} bidi override and a | pipe"
    );
}

// ---------------------------------------------------------------------------------------------
// export --format markdown

#[test]
fn markdown_has_title_sections_items_and_a_contradiction_table() {
    for path in BUNDLED {
        let (code, out, err) = run(&["export", "--format", "markdown", path]);
        assert_eq!(code, 0, "{path}: {err}");
        let yaml = yaml_as_json(&root().join(path));
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("# "), "{path}");
        for h in [
            "## Claims",
            "## Responses",
            "## Context",
            "## Contradictions",
        ] {
            assert!(lines.contains(&h), "{path}: no `{h}`");
        }
        for key in ["claims", "responses", "context"] {
            for id in ids(&yaml[key]) {
                assert!(
                    lines.iter().any(|l| l.starts_with(&format!("- `{id}`: "))),
                    "{path}: no list item for `{id}`"
                );
            }
        }
        let header = lines.iter().position(|l| *l == "| Left | Right | Note |");
        let Some(header) = header else {
            panic!("{path}: no contradiction table")
        };
        assert_eq!(lines.get(header + 1).copied(), Some("|---|---|---|"));
        let rows = lines[header + 2..]
            .iter()
            .take_while(|l| l.starts_with("| "))
            .count();
        assert_eq!(rows, expected_pairs(&yaml).len(), "{path}");
    }
    let (_, out, _) = run(&["export", "--format", "markdown", BUNDLED[2]]);
    assert!(out.contains(
        "| `routes-cut` | `contract-expiry` (declared) | Funding is said to end on 5 January, but the operating contract runs to 31 March; ending service early would mean breaking or renegotiating it. |"
    ), "{out}");
    assert!(out.contains("  - **Source:** The Marrowby Echo\n"), "{out}");
    assert!(
        out.contains("  - **Responds to:** `routes-cut`, `savings-figure`\n"),
        "{out}"
    );
}

#[test]
fn markdown_lists_the_figures_of_each_pair_under_the_table() {
    let dir = tempdir();
    let floods = write(dir.path(), "floods.yaml", FLOODS);
    let (code, out, err) = run(&["export", "-f", "markdown", &floods.to_string_lossy()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "\n\n### Figures\n\n- `toll-seven` ↔ `toll-eleven`\n  - **In conflict:** deaths: 7 ↔ 11\n  - **In agreement:** 15 March\n"
        ),
        "{out}"
    );
    // Only the pairs with something to say are listed, and JSON has none of it.
    let (_, out, _) = run(&["export", "-f", "markdown", BUNDLED[2]]);
    assert!(!out.contains("- `savings-figure` ↔"), "{out}");
    assert!(out.contains("- `ridership-fall` ↔ `operator-ridership`\n  - **In conflict:** passengers: 300 ↔ 410; share: a third ↔ 12%\n  - **In agreement:** a third\n"), "{out}");
    let (_, json, _) = run(&["export", &floods.to_string_lossy()]);
    assert!(!json.contains("deaths"), "{json}");
}

#[test]
fn markdown_escapes_what_a_briefing_could_inject() {
    let dir = tempdir();
    let hostile = write(dir.path(), "hostile.yaml", HOSTILE);
    let (code, out, _) = run(&["export", "-f", "markdown", &hostile.to_string_lossy()]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(r"# Evil ␛\[2J title \| \<script\>alert(1)\</script\>"),
        "{out}"
    );
    assert!(!out.contains("<script>"));
    assert!(
        out.contains(r"\*bold\* \[link\](javascript:alert(1))"),
        "{out}"
    );
    // Lines of a text cannot start a list or a heading of their own.
    assert!(
        out.contains("- `r`: \\- not a list\\\n  \\# not a heading"),
        "{out}"
    );
    // Table cells: one line each, pipes escaped, so the row keeps three cells.
    let row = out.lines().find(|l| l.starts_with("| `c` | `r`"));
    assert_eq!(
        row,
        Some(r"| `c` | `r` (implied: denies) | note \| with a pipe and a second line ␛\[31mred |")
    );
}

#[test]
fn several_markdown_documents_are_separated_by_a_rule() {
    let (code, out, _) = run(&["export", "-f", "markdown", BUNDLED[1], BUNDLED[2]]);
    assert_eq!(code, 0);
    let titles: Vec<&str> = out.lines().filter(|l| l.starts_with("# ")).collect();
    assert_eq!(titles.len(), 2);
    assert!(out.contains("\n\n---\n\n# Marrowby council"), "{out}");
}

// ---------------------------------------------------------------------------------------------
// schema

fn schema_validator() -> jsonschema::Validator {
    let (code, out, err) = run(&["schema"]);
    assert_eq!(code, 0, "{err}");
    let schema = parse_json(&out);
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    match jsonschema::draft7::new(&schema) {
        Ok(v) => v,
        Err(e) => panic!("brief schema is not a schema: {e}"),
    }
}

#[test]
fn every_bundled_briefing_validates_against_the_schema() {
    let validator = schema_validator();
    for path in BUNDLED {
        let doc = yaml_as_json(&root().join(path));
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{}: {e}", e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:#?}");
    }
}

#[test]
fn invalid_briefings_do_not_validate_against_the_schema() {
    let validator = schema_validator();
    let base = yaml_as_json(&root().join(BUNDLED[1]));
    let mut unknown_key = base.clone();
    unknown_key["claims"][0]["credibilty"] = json!(3);
    let mut bad_stance = base.clone();
    bad_stance["responses"][0]["stance"] = json!("refutes");
    let mut bad_id = base.clone();
    bad_id["context"][0]["id"] = json!("cost sharing");
    let mut bad_date = base.clone();
    bad_date["date"] = json!("23 May 2025");
    let mut bad_credibility = base.clone();
    bad_credibility["claims"][0]["credibility"] = json!(7);
    let mut missing = base.clone();
    if let Some(o) = missing.as_object_mut() {
        o.remove("context");
    }
    for (what, doc) in [
        ("unknown key", unknown_key),
        ("bad stance", bad_stance),
        ("bad id", bad_id),
        ("bad date", bad_date),
        ("credibility 7", bad_credibility),
        ("missing context", missing),
    ] {
        assert!(!validator.is_valid(&doc), "{what} passed the schema");
    }
}

// ---------------------------------------------------------------------------------------------
// completions

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (code, out, err) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains("brief"), "{shell}");
        for sub in ["check", "print", "export", "schema", "completions"] {
            assert!(out.contains(sub), "{shell}: no `{sub}`");
        }
    }
    let bash = run(&["completions", "bash"]).1;
    assert!(bash.contains("--width") && bash.contains("--format"));
    brief()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value"));
}
