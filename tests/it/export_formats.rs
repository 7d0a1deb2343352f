//! `brief export` in every format, `brief import factcheck`, `brief check -` and
//! `check --for claimreview`, run as a user runs them: the real binary, its stdout piped.
//! Each format is read back by a parser of its own (serde_json + JSON Schema, atom_syndication,
//! an Argdown reader for the subset written, serde_yaml for front matter), so what is checked is
//! what another tool would see.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{json, Value};

const BUNDLED: [&str; 3] = [
    "briefings/harbour-bridge-tolls.yaml",
    "briefings/korea-troops.yaml",
    "briefings/night-buses.yaml",
];

const SAMPLE: &str = "tests/fixtures/import/claims-search.json";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn brief() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
    cmd.current_dir(root())
        .env_remove("NO_COLOR")
        .env(
            "XDG_CONFIG_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config-home"),
        )
        .env(
            "XDG_STATE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/export-formats-state"),
        )
        .env_remove("BRIEF_STATE")
        .env_remove("BRIEF_CONFIG")
        .env_remove("BRIEF_THEME");
    cmd
}

/// Runs `brief args…` (stdin `input`) and returns (status code, stdout, stderr).
#[track_caller]
fn run_with(args: &[&str], input: &[u8]) -> (i32, String, String) {
    let out = brief()
        .args(args)
        .write_stdin(input.to_vec())
        .output()
        .unwrap_or_else(|e| panic!("brief {args:?} did not run: {e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[track_caller]
fn run(args: &[&str]) -> (i32, String, String) {
    run_with(args, b"")
}

#[track_caller]
fn ok(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "brief {args:?}: {err}");
    out
}

#[track_caller]
fn parse_json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}):\n{s}"))
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    path
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("no temp dir: {e}"))
}

/// Every bundled briefing and every fixture that loads (valid, with warnings or hostile).
fn loadable_briefings() -> Vec<String> {
    let mut out: Vec<String> = BUNDLED.iter().map(|s| s.to_string()).collect();
    for dir in [
        "valid", "hostile", "reader", "scripts", "layout", "warnings", "multi",
    ] {
        let Ok(entries) = std::fs::read_dir(root().join("tests/fixtures").join(dir)) else {
            continue;
        };
        let mut files: Vec<String> = entries
            .filter_map(Result::ok)
            .map(|e| format!("tests/fixtures/{dir}/{}", e.file_name().to_string_lossy()))
            .filter(|p| p.ends_with(".yaml"))
            .collect();
        files.sort();
        out.extend(files);
    }
    // Only those `check` passes (exit 0): the round trip is for briefings that load.
    out.retain(|p| run(&["check", "--short", p]).0 == 0);
    assert!(out.len() >= 15, "too few briefings found: {out:?}");
    out
}

/// A briefing whose strings try to break out of every format written.
const HOSTILE: &str = r#"title: "Evil \e[2J ]]> --> </title><x> & \"quotes\" 'single' \u202ERTL\u202C عنوان"
date: 2025-01-01
tags: ["a]]>b", "--> c", "\e[31mred"]
publisher: "Desk <b>\e]0;pwned\a</b> --> ]]>"
summary: "Summary with \e[2J, a \u202E bidi override, ]]> and --> and \"quotes\"\nand a second line"
sources:
  - id: s
    name: "Source ]]> <script> \e[1m"
    kind: media
    url: "https://example.com/a b?c=\"d\"&e=<f>"
claims:
  - id: c
    headline: "Headline [x]: #tag {y} // z \e[5m"
    text: "Claim with \e]0;pwned\a escape, [brackets], <angle>, #hash, {braces}, // slashes, ]]> and -->\nsecond line"
    source: s
    date: 2024-12-30
    status: denied
    credibility: 2
    quote: "*bold* [link](javascript:alert(1))"
    url: "https://example.com/c?q=]]>"
responses:
  - id: r
    text: "- not a list\n# not a heading\n\e[31m red"
    source: s
    date: 2024-12-31
    responds_to: [c]
    stance: denies
context:
  - id: x
    text: "Context \u0085 NEL and \u2028 LS"
contradictions:
  - between: [c, r]
    note: "note | with a pipe\nand a second line \e[31mred ]]> -->"
  - between: [x, r]
    note: "declared // note {with} [brackets]"
"#;

/// No byte a terminal acts on: C0 controls but newline, DEL, C1 controls (as UTF-8).
#[track_caller]
fn assert_no_controls(what: &str, s: &str) {
    if let Some(c) = s
        .chars()
        .find(|&c| (c.is_control() && c != '\n') || ('\u{80}'..='\u{9f}').contains(&c))
    {
        panic!(
            "{what}: a raw control character U+{:04X} in:\n{s}",
            c as u32
        );
    }
}

// ---------------------------------------------------------------------------------------------
// JSON

#[test]
fn json_export_round_trips_through_check_and_print_for_every_briefing() {
    let dir = tempdir();
    let schema = parse_json(&ok(&["schema"]));
    let export_schema = parse_json(&ok(&["schema", "--export"]));
    let briefing_schema =
        jsonschema::draft7::new(&schema).unwrap_or_else(|e| panic!("bad schema: {e}"));
    let export_validator =
        jsonschema::draft7::new(&export_schema).unwrap_or_else(|e| panic!("bad schema: {e}"));
    for path in loadable_briefings() {
        let out = ok(&["export", "--format", "json", &path]);
        let exported = write(dir.path(), "x.json", &out);
        let x = exported.to_string_lossy().into_owned();
        // `check` passes with exactly the warnings of the original, where they were.
        let (code, checked, _) = run(&["check", "--short", &x]);
        assert_eq!(code, 0, "{path}: the export does not check:\n{checked}");
        let (_, original, _) = run(&["check", "--short", &path]);
        let tail = |s: &str| s.lines().last().unwrap_or("").to_string();
        assert_eq!(tail(&checked), tail(&original), "{path}: other warnings");
        // `print` of both is the same.
        let a = ok(&["print", "--width", "80", &path]);
        let b = ok(&["print", "--width", "80", &x]);
        assert_eq!(a, b, "{path}: print differs");
        // Both schemas take it: the briefing's (it is a briefing) and the export's.
        let value = parse_json(&out);
        let errors: Vec<String> = briefing_schema
            .iter_errors(&value)
            .map(|e| format!("{e} at {}", e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{path}: briefing schema: {errors:?}");
        let errors: Vec<String> = export_validator
            .iter_errors(&value)
            .map(|e| format!("{e} at {}", e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{path}: export schema: {errors:?}");
        assert_eq!(value["path"], path.as_str());
        // And exporting the export gives the same, but for its path.
        let again = parse_json(&ok(&["export", &x]));
        let mut value = value;
        value["path"] = x.clone().into();
        assert_eq!(again, value, "{path}: a second export differs");
    }
}

#[test]
fn a_folder_export_names_each_briefings_path() {
    let out = parse_json(&ok(&["export", "briefings"]));
    let paths: Vec<&str> = out
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b["path"].as_str())
        .collect();
    assert_eq!(paths, BUNDLED);
}

#[test]
fn the_export_schema_rejects_what_the_export_never_writes() {
    let export_schema = parse_json(&ok(&["schema", "--export"]));
    let v = jsonschema::draft7::new(&export_schema).unwrap_or_else(|e| panic!("{e}"));
    let good = parse_json(&ok(&["export", BUNDLED[1]]));
    assert!(v.is_valid(&good));
    let mut no_derived = good.clone();
    if let Some(o) = no_derived.as_object_mut() {
        o.remove("derived");
    }
    assert!(!v.is_valid(&no_derived), "derived is required");
    let mut bad_flag = good.clone();
    bad_flag["derived"]["flags"][0]["flags"] = json!(["wrong"]);
    assert!(!v.is_valid(&bad_flag));
    let mut old_shape = good;
    old_shape["declared"] = json!([]);
    assert!(!v.is_valid(&old_shape), "the old `declared` key is gone");
}

#[test]
fn derived_and_path_are_read_and_ignored_without_a_warning() {
    let dir = tempdir();
    let yaml = "title: T\ndate: 2025-01-01\npath: somewhere/else.yaml\nderived:\n  pairs: [{left: made, right: up}]\n  counts: {claims: 99}\nclaims:\n  - id: c\n    text: A claim.\nresponses:\n  - id: r\n    text: A reply.\n    responds_to: [c]\n    stance: denies\ncontext: []\n";
    let f = write(dir.path(), "d.yaml", yaml);
    let f = f.to_string_lossy();
    let (code, out, _) = run(&["check", &f]);
    assert_eq!((code, out.trim_end()), (0, "1 file: 0 errors, 0 warnings"));
    // The derived data is worked out afresh, never taken from the file.
    let v = parse_json(&ok(&["export", &f]));
    assert_eq!(v["derived"]["counts"]["claims"], 1);
    assert_eq!(
        v["derived"]["pairs"],
        json!([{"left": "c", "right": "r", "kind": "implied", "stance": "denies"}])
    );
    assert_eq!(v["path"], f.as_ref());
}

// ---------------------------------------------------------------------------------------------
// ClaimReview

/// Google's required and recommended ClaimReview fields, as a JSON Schema (written for this
/// test from developers.google.com/search/docs/appearance/structured-data/factcheck).
fn claimreview_schema() -> Value {
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "array",
        "minItems": 1,
        "items": {
            "type": "object",
            "required": ["@context", "@type", "url", "claimReviewed", "reviewRating", "author",
                         "datePublished", "itemReviewed"],
            "properties": {
                "@context": {"const": "https://schema.org"},
                "@type": {"const": "ClaimReview"},
                "url": {"type": "string", "format": "uri", "pattern": "^(https?|file):"},
                "claimReviewed": {"type": "string", "minLength": 1, "pattern": "^[^\\n]+$"},
                "datePublished": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                "author": {
                    "type": "object",
                    "required": ["@type", "name"],
                    "properties": {
                        "@type": {"enum": ["Organization", "Person"]},
                        "name": {"type": "string", "minLength": 1}
                    }
                },
                "reviewRating": {
                    "type": "object",
                    "required": ["@type", "alternateName"],
                    "properties": {
                        "@type": {"const": "Rating"},
                        "alternateName": {"type": "string", "minLength": 1},
                        "ratingValue": {"type": "integer", "minimum": 1, "maximum": 5},
                        "bestRating": {"const": 5},
                        "worstRating": {"const": 1}
                    },
                    "dependencies": {"ratingValue": ["bestRating", "worstRating"]}
                },
                "itemReviewed": {
                    "type": "object",
                    "required": ["@type"],
                    "properties": {
                        "@type": {"const": "Claim"},
                        "author": {
                            "type": "object",
                            "required": ["@type", "name"],
                            "properties": {"@type": {"enum": ["Organization", "Person"]}}
                        },
                        "datePublished": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                        "appearance": {
                            "type": "array",
                            "items": {"type": "object", "required": ["@type", "url"]}
                        }
                    }
                }
            }
        }
    })
}

#[test]
fn claimreview_of_the_korea_briefing_has_googles_fields_and_labels_from_the_file() {
    let out = ok(&["export", "--format", "claimreview", BUNDLED[1]]);
    let reviews = parse_json(&out);
    let schema = claimreview_schema();
    let v = jsonschema::draft7::new(&schema).unwrap_or_else(|e| panic!("{e}"));
    let errors: Vec<String> = v
        .iter_errors(&reviews)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:?}\n{out}");
    let list = reviews.as_array().cloned().unwrap_or_default();
    // One per claim with a status: all four of Korea's.
    assert_eq!(list.len(), 4);
    for r in &list {
        assert_eq!(r["@type"], "ClaimReview", "{r}");
        assert_eq!(r["@context"], "https://schema.org");
        assert_eq!(r["author"]["name"], "brief (example briefing)");
        assert_eq!(r["datePublished"], "2025-05-23");
    }
    let first = &list[0];
    // No headline: the text, on one line.
    assert_eq!(
        first["claimReviewed"],
        "The Trump administration is considering taking thousands of American troops out of South Korea, and the Pentagon is working up a concrete option to do so."
    );
    assert_eq!(
        first["reviewRating"],
        json!({"@type": "Rating", "alternateName": "Denied by Ministry of National Defense (Republic of Korea)",
               "ratingValue": 3, "bestRating": 5, "worstRating": 1})
    );
    assert_eq!(
        first["itemReviewed"]["author"],
        json!({"@type": "Organization", "name": "The Wall Street Journal", "url": "https://www.wsj.com/"})
    );
    assert_eq!(first["itemReviewed"]["datePublished"], "2025-05-22");
    let url = first["url"].as_str().unwrap_or("");
    assert!(
        url.starts_with("file:///")
            && url.ends_with("/briefings/korea-troops.yaml#withdrawal-option"),
        "{url}"
    );
    let labels: Vec<&str> = list
        .iter()
        .filter_map(|r| r["reviewRating"]["alternateName"].as_str())
        .collect();
    assert_eq!(
        labels,
        [
            "Denied by Ministry of National Defense (Republic of Korea)",
            "Unverified",
            "Reported by The Wall Street Journal",
            "Disputed by South Korean government officials",
        ]
    );
    // Credibility 2 (probably true) is 4 on the 1–5 scale.
    assert_eq!(list[3]["reviewRating"]["ratingValue"], 4);
    // Never a verdict the file does not give.
    for word in ["False", "True", "Misleading", "Fake"] {
        assert!(!labels.iter().any(|l| l.contains(word)), "{word}");
    }

    // The harbour example has a url, a publisher and headlines.
    let harbour = parse_json(&ok(&["export", "-f", "claimreview", BUNDLED[0]]));
    let errors: Vec<String> = v
        .iter_errors(&harbour)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let first = &harbour[0];
    assert_eq!(first["@type"], "ClaimReview");
    assert_eq!(
        first["url"],
        "https://hwanpo-briefings.example/bridge-tolls#toll-rise-12pct"
    );
    assert_eq!(
        first["claimReviewed"],
        "Bridge toll to rise 12% in November"
    );
    assert_eq!(
        first["author"],
        json!({"@type": "Organization", "name": "Hwanpo Briefings Desk"})
    );
    assert_eq!(
        first["itemReviewed"]["appearance"],
        json!([{"@type": "CreativeWork", "url": "https://hwanpo-daily.example/2025/09/15/toll-rise"}])
    );
}

#[test]
fn claimreview_uses_url_publisher_and_appearance_when_the_file_has_them() {
    let dir = tempdir();
    let yaml = "title: T\ndate: 2025-02-02\nurl: https://desk.example/briefings/t#old\npublisher: The Desk\nsources:\n  - id: gov\n    name: Ministry\n    kind: government\n  - id: pm\n    name: The Prime Minister\n    kind: official\nclaims:\n  - id: c1\n    text: |\n      A long claim\n      on two lines.\n    source: pm\n    date: 2025-02-01\n    url: https://news.example/c1\n    status: confirmed\n    credibility: 1\n  - id: c2\n    text: No status, no review.\nresponses:\n  - id: r1\n    text: Yes.\n    source: gov\n    responds_to: [c1]\n    stance: confirms\n  - id: r2\n    text: Indeed.\n    source: gov\n    responds_to: [c1, c2]\n    stance: confirms\ncontext: []\n";
    let f = write(dir.path(), "t.yaml", yaml);
    let list = parse_json(&ok(&["export", "-f", "claimreview", &f.to_string_lossy()]));
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    let r = &list[0];
    assert_eq!(r["url"], "https://desk.example/briefings/t#c1");
    assert_eq!(
        r["author"],
        json!({"@type": "Organization", "name": "The Desk"})
    );
    assert_eq!(r["claimReviewed"], "A long claim on two lines.");
    assert_eq!(r["reviewRating"]["alternateName"], "Confirmed by Ministry");
    assert_eq!(r["reviewRating"]["ratingValue"], 5);
    assert_eq!(
        r["itemReviewed"]["author"],
        json!({"@type": "Person", "name": "The Prime Minister"})
    );
    assert_eq!(
        r["itemReviewed"]["appearance"],
        json!([{"@type": "CreativeWork", "url": "https://news.example/c1"}])
    );
    // Nothing is missing, so `check --for claimreview` says nothing but about c2.
    let (code, out, _) = run(&[
        "check",
        "--short",
        "--for",
        "claimreview",
        &f.to_string_lossy(),
    ]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].ends_with("warning: claimreview: claim `c2` has no `status`, so it has no review"),
        "{out}"
    );
}

#[test]
fn check_for_claimreview_warns_of_each_missing_field_and_plain_check_does_not() {
    let (code, out, _) = run(&["check", "--short", BUNDLED[1]]);
    assert_eq!((code, out.trim_end()), (0, "1 file: 0 errors, 0 warnings"));
    let (code, out, _) = run(&["check", "--short", "--for", "claimreview", BUNDLED[1]]);
    assert_eq!(code, 0, "warnings only");
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with(
            "briefings/korea-troops.yaml:1:1: warning: claimreview: no top-level `url`"
        ),
        "{out}"
    );
    assert!(
        out.contains("korea-troops.yaml:88:3: warning: claimreview: claim `costs-in-trade-talks` has no `date`"),
        "{out}"
    );
    assert_eq!(lines.last().copied(), Some("1 file: 0 errors, 6 warnings"));
}

// ---------------------------------------------------------------------------------------------
// check - and the response dated before its claim

#[test]
fn check_dash_reads_stdin_and_names_it_in_diagnostics() {
    let good = std::fs::read(root().join(BUNDLED[2])).unwrap_or_default();
    let (code, out, _) = run_with(&["check", "-"], &good);
    assert_eq!((code, out.trim_end()), (0, "1 file: 0 errors, 0 warnings"));
    let bad = b"title: T\ndate: 2025-13-01\nclaims: []\nresponses: []\ncontext: []\n";
    let (code, out, _) = run_with(&["check", "--short", "-"], bad);
    assert_eq!(code, 1);
    assert!(out.starts_with("<stdin>:2:7: error: "), "{out}");
    // With other paths too, in order.
    let (code, out, _) = run_with(&["check", "--short", BUNDLED[2], "-"], bad);
    assert_eq!(code, 1);
    assert!(out.starts_with("<stdin>:2:7: error: "), "{out}");
    assert!(
        out.trim_end().ends_with("2 files: 1 error, 0 warnings"),
        "{out}"
    );
}

#[test]
fn a_response_dated_before_the_claim_it_answers_is_a_warning_at_its_date() {
    let dir = tempdir();
    let yaml = "title: T\ndate: 2025-03-05\nclaims:\n  - id: c\n    text: Said on the fourth.\n    date: 2025-03-04\n  - id: d\n    text: Undated.\nresponses:\n  - id: r\n    text: Answered on the third.\n    date: 2025-03-03\n    responds_to: [c, d]\n    stance: denies\n  - id: s\n    text: Answered the same day.\n    date: 2025-03-04\n    responds_to: [c]\n    stance: confirms\ncontext: []\n";
    let f = write(dir.path(), "t.yaml", yaml);
    let (code, out, _) = run(&["check", "--short", &f.to_string_lossy()]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].ends_with("t.yaml:12:11: warning: response `r` is dated 2025-03-03, before claim `c` it answers (2025-03-04); is one of the dates wrong?"),
        "{out}"
    );
}

// ---------------------------------------------------------------------------------------------
// import factcheck

#[test]
fn import_of_the_sample_checks_and_keeps_every_claim_and_review() {
    let (code, yaml, err) = run(&["import", "factcheck", SAMPLE]);
    assert_eq!(code, 0, "{err}");
    // The unmapped rating is a warning on stderr and a comment in the file.
    assert!(
        err.contains(
            "claim 5 review 1 (Harbour Check): rating \"Satire\" is not in brief's stance table"
        ),
        "{err}"
    );
    assert!(
        yaml.contains(
            "\n# rating \"Satire\" is not in brief's stance table: written as clarifies\n- id: "
        ),
        "{yaml}"
    );
    // brief check accepts it, with no error and no warning.
    let (code, out, _) = run_with(&["check", "--short", "-"], yaml.as_bytes());
    assert_eq!(
        (code, out.trim_end()),
        (0, "1 file: 0 errors, 0 warnings"),
        "{yaml}"
    );

    let got: Value = serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    let input = parse_json(&std::fs::read_to_string(root().join(SAMPLE)).unwrap_or_default());
    let claims = got["claims"].as_array().cloned().unwrap_or_default();
    let responses = got["responses"].as_array().cloned().unwrap_or_default();
    let sources = got["sources"].as_array().cloned().unwrap_or_default();
    let source_name = |id: &Value| {
        sources
            .iter()
            .find(|s| &s["id"] == id)
            .map(|s| s["name"].clone())
            .unwrap_or(Value::Null)
    };
    let want_claims = input["claims"].as_array().cloned().unwrap_or_default();
    assert_eq!(claims.len(), want_claims.len());
    let mut reviews = 0;
    for (c, want) in claims.iter().zip(&want_claims) {
        assert_eq!(c["text"], want["text"]);
        match want["claimant"].as_str() {
            Some(name) => assert_eq!(source_name(&c["source"]), name),
            None => assert!(c.get("source").is_none(), "{c:?}"),
        }
        match want["claimDate"].as_str() {
            Some(d) => assert_eq!(c["date"].as_str(), d.get(..10)),
            None => assert!(c.get("date").is_none()),
        }
        for review in want["claimReview"].as_array().into_iter().flatten() {
            reviews += 1;
            let r = responses
                .iter()
                .find(|r| r["url"] == review["url"])
                .unwrap_or_else(|| panic!("review {review} is not in the output"));
            assert_eq!(r["responds_to"], json!([c["id"]]));
            // The rating verbatim, and the publisher (by name, else site) as the source.
            assert_eq!(r["quote"], review["textualRating"]);
            let publisher = review["publisher"]["name"]
                .as_str()
                .or(review["publisher"]["site"].as_str());
            assert_eq!(source_name(&r["source"]).as_str(), publisher);
            if let Some(title) = review["title"].as_str() {
                assert_eq!(r["text"], title);
            }
            match review["reviewDate"].as_str() {
                Some(d) => assert_eq!(r["date"].as_str(), d.get(..10)),
                None => assert!(r.get("date").is_none()),
            }
        }
    }
    assert_eq!(responses.len(), reviews);
    assert!(reviews >= 14);
    // The stance table, in several languages; the unmapped rating as clarifies.
    let stance = |rating: &str| {
        responses
            .iter()
            .find(|r| r["quote"] == rating)
            .map(|r| r["stance"].as_str().unwrap_or("").to_string())
    };
    for (rating, want) in [
        ("False", "denies"),
        ("Falso", "denies"),
        ("Falsch", "denies"),
        ("Фейк", "denies"),
        ("Faux", "denies"),
        ("Half True", "disputes"),
        ("Missing context", "disputes"),
        ("Misleading", "disputes"),
        ("Exaggerated", "disputes"),
        ("Irreführend", "disputes"),
        ("True", "confirms"),
        ("Mostly True", "confirms"),
        ("Verdadero", "confirms"),
        ("Satire", "clarifies"),
    ] {
        assert_eq!(stance(rating).as_deref(), Some(want), "{rating}");
    }
    let statuses: Vec<&str> = claims.iter().filter_map(|c| c["status"].as_str()).collect();
    assert_eq!(
        statuses,
        [
            "denied",
            "disputed",
            "disputed",
            "disputed",
            "denied",
            "confirmed",
            "disputed"
        ]
    );
    // The same input gives the same ids.
    let (_, again, _) = run(&["import", "factcheck", SAMPLE]);
    assert_eq!(again, yaml);
    // And stdin reads the same.
    let input_bytes = std::fs::read(root().join(SAMPLE)).unwrap_or_default();
    let (code, from_stdin, _) = run_with(&["import", "factcheck", "-"], &input_bytes);
    assert_eq!((code, from_stdin.as_str()), (0, yaml.as_str()));
}

#[test]
fn import_of_hostile_text_is_still_valid_yaml_that_keeps_it() {
    let long = "x".repeat(200_000);
    let nasty = [
        "\u{1b}[2J\u{7}\u{8} control bytes\u{9b}",
        "key: value # not a comment",
        "- [a, b] {c: d} &anchor *alias !tag |",
        "\"quotes\" and 'single' and `back`",
        "--- \n... \n%YAML 1.2",
        "\u{202e}RTL override עברית العربية",
        "]]> --> <!-- <script>",
        long.as_str(),
    ];
    let claims: Vec<Value> = nasty
        .iter()
        .map(|t| {
            json!({"text": t, "claimant": t, "claimDate": "2025-01-01T00:00:00Z",
                   "claimReview": [{"publisher": {"name": t}, "url": t, "title": t, "textualRating": t}]})
        })
        .collect();
    let input = serde_json::to_vec(&json!({"claims": claims})).unwrap_or_default();
    let (code, yaml, err) = run_with(&["import", "factcheck", "-"], &input);
    assert_eq!(code, 0, "{err}");
    assert_no_controls("stderr", &err);
    let (code, out, _) = run_with(&["check", "--short", "-"], yaml.as_bytes());
    assert_eq!(code, 0, "{out}");
    let got: Value = serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{e}"));
    for (c, t) in got["claims"].as_array().into_iter().flatten().zip(nasty) {
        // Kept exactly, whatever it holds.
        assert_eq!(c["text"].as_str(), Some(t));
        assert_eq!(
            c["source"].as_str().map(|s| s.starts_with("by")),
            Some(true)
        );
        let id = c["id"].as_str().unwrap_or("");
        assert!(!id.is_empty() && id.chars().count() <= 50, "{id}");
    }
    let texts: Vec<&str> = got["claims"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["text"].as_str())
        .collect();
    assert!(texts.contains(&long.as_str()));
    assert!(texts.contains(&"key: value # not a comment"));
    assert!(texts.contains(&"]]> --> <!-- <script>"));
}

#[test]
fn import_refuses_what_is_not_a_claims_search_response() {
    let (code, out, err) = run_with(&["import", "factcheck", "-"], b"{\"claims\": 3}");
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.starts_with("<stdin>:1:"), "{err}");
    let (code, _, err) = run(&["import", "factcheck", "tests/fixtures/import/nope.json"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("nope.json: error: cannot read the file"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// Argdown

/// What a line of our Argdown subset is.
#[derive(Debug, PartialEq)]
enum Line {
    Statement {
        id: String,
        text: String,
        tags: Vec<String>,
        data: Value,
    },
    Relation {
        mark: String,
        target: String,
    },
    Comment(String),
    Heading(String),
    Blank,
}

/// The text up to the first unescaped `#` tag or `{` data block, unescaped.
fn argdown_text(s: &str) -> (String, &str) {
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                if let Some((_, n)) = chars.next() {
                    out.push(n);
                }
            }
            '#' | '{' if out.ends_with(' ') || out.is_empty() => {
                return (out.trim_end().to_string(), &s[i..]);
            }
            '[' | ']' | '<' | '>' | '#' | '{' | '}' | '*' | '_' | '@' | '`' => {
                panic!("unescaped `{c}` in Argdown text: {s}")
            }
            '/' if s[i + 1..].starts_with('/') || s[i + 1..].starts_with('*') => {
                panic!("a comment starts inside Argdown text: {s}")
            }
            c => out.push(c),
        }
    }
    (out.trim_end().to_string(), "")
}

/// Reads the subset of Argdown that `export --format argdown` writes.
fn read_argdown(doc: &str) -> Vec<Line> {
    doc.lines()
        .map(|line| {
            if line.trim().is_empty() {
                return Line::Blank;
            }
            if let Some(c) = line.trim_start().strip_prefix("//") {
                return Line::Comment(c.trim().to_string());
            }
            if line.starts_with('#') {
                return Line::Heading(line.trim_start_matches('#').trim().to_string());
            }
            if let Some(rest) = line.strip_prefix("  ") {
                let (mark, target) = rest
                    .split_once(' ')
                    .unwrap_or_else(|| panic!("not a relation: {line}"));
                assert!(matches!(mark, "><" | "-" | "+"), "{line}");
                let target = target
                    .strip_prefix('[')
                    .and_then(|t| t.strip_suffix(']'))
                    .unwrap_or_else(|| panic!("not a statement reference: {line}"));
                return Line::Relation {
                    mark: mark.into(),
                    target: target.into(),
                };
            }
            let rest = line
                .strip_prefix('[')
                .unwrap_or_else(|| panic!("not a statement: {line}"));
            let (id, rest) = rest.split_once("]: ").unwrap_or_else(|| panic!("{line}"));
            let (text, mut rest) = argdown_text(rest);
            let mut tags = Vec::new();
            while let Some(t) = rest.strip_prefix('#') {
                let (tag, r) = t.split_once(' ').unwrap_or((t, ""));
                tags.push(tag.to_string());
                rest = r;
            }
            let data = if rest.starts_with('{') {
                // Argdown's data is YAML: read it as YAML.
                serde_yaml::from_str::<Value>(rest).unwrap_or_else(|e| panic!("{e}: {rest}"))
            } else {
                assert!(rest.is_empty(), "left over: {rest}");
                Value::Null
            };
            Line::Statement {
                id: id.into(),
                text,
                tags,
                data,
            }
        })
        .collect()
}

/// A statement read back: id, text, tags, data, relations (mark, target).
type Statement = (
    String,
    String,
    Vec<String>,
    Value,
    BTreeSet<(String, String)>,
);

/// Every statement with its relations, as read back.
fn statements(lines: &[Line]) -> Vec<Statement> {
    let mut out: Vec<Statement> = Vec::new();
    for l in lines {
        match l {
            Line::Statement {
                id,
                text,
                tags,
                data,
            } => out.push((
                id.clone(),
                text.clone(),
                tags.clone(),
                data.clone(),
                BTreeSet::new(),
            )),
            Line::Relation { mark, target } => {
                let last = out
                    .last_mut()
                    .unwrap_or_else(|| panic!("a relation before any statement"));
                last.4.insert((mark.clone(), target.clone()));
            }
            _ => {}
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn argdown_statements_and_relations_read_back_for_every_bundled_briefing() {
    for path in BUNDLED {
        let doc = ok(&["export", "--format", "argdown", path]);
        let read = statements(&read_argdown(&doc));
        let json = parse_json(&ok(&["export", path]));
        // Every item is a statement, with its text, section tag and metadata.
        let mut items = Vec::new();
        for (key, tag) in [
            ("claims", "claim"),
            ("responses", "response"),
            ("context", "context"),
        ] {
            for i in json[key].as_array().into_iter().flatten() {
                items.push((tag, i.clone()));
            }
        }
        assert_eq!(read.len(), items.len(), "{path}");
        for ((id, text, tags, data, _), (tag, item)) in read.iter().zip(&items) {
            assert_eq!(Some(id.as_str()), item["id"].as_str());
            assert_eq!(
                text,
                &one_line(item["text"].as_str().unwrap_or("")),
                "{path} {id}"
            );
            assert_eq!(tags.first().map(String::as_str), Some(*tag));
            for field in ["status", "stance"] {
                if let Some(w) = item[field].as_str() {
                    assert!(tags.iter().any(|t| t == w), "{path} {id}: no #{w}");
                }
            }
            for field in ["date", "attribution", "quote", "url", "headline"] {
                if let Some(v) = item[field].as_str() {
                    assert_eq!(
                        data[field].as_str(),
                        Some(one_line(v).as_str()),
                        "{path} {id}.{field}"
                    );
                }
            }
            if let Some(c) = item["credibility"].as_u64() {
                assert_eq!(data["credibility"].as_u64(), Some(c));
            }
        }
        // Every relation: denials ><, disputes and declared pairs -, confirmations +.
        let mut want: BTreeSet<(String, String, String)> = BTreeSet::new();
        for r in json["responses"].as_array().into_iter().flatten() {
            let mark = match r["stance"].as_str() {
                Some("denies") => "><",
                Some("disputes") => "-",
                Some("confirms") => "+",
                _ => continue,
            };
            for c in r["responds_to"].as_array().into_iter().flatten() {
                want.insert((
                    c.as_str().unwrap_or("").into(),
                    mark.into(),
                    r["id"].as_str().unwrap_or("").into(),
                ));
            }
        }
        for p in json["derived"]["pairs"].as_array().into_iter().flatten() {
            if p["kind"] == "declared" {
                want.insert((
                    p["left"].as_str().unwrap_or("").into(),
                    "-".into(),
                    p["right"].as_str().unwrap_or("").into(),
                ));
            }
        }
        let got: BTreeSet<(String, String, String)> = read
            .iter()
            .flat_map(|(id, _, _, _, rels)| {
                rels.iter()
                    .map(move |(m, t)| (id.clone(), m.clone(), t.clone()))
            })
            .collect();
        assert_eq!(got, want, "{path}");
    }
}

// ---------------------------------------------------------------------------------------------
// CSL JSON

/// The part of the CSL-JSON schema (citation-style-language/schema, csl-data.json) the export
/// writes, with its closed list of item types.
fn csl_schema() -> Value {
    let date = json!({"type": "object", "required": ["date-parts"], "properties": {
        "date-parts": {"type": "array", "minItems": 1, "maxItems": 2, "items": {
            "type": "array", "minItems": 1, "maxItems": 3, "items": {"type": "integer"}}}}});
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "array",
        "items": {
            "type": "object",
            "required": ["id", "type"],
            "additionalProperties": false,
            "properties": {
                "id": {"type": ["string", "number"]},
                "type": {"enum": ["article", "article-journal", "article-magazine", "article-newspaper",
                    "bill", "book", "broadcast", "chapter", "dataset", "document", "entry", "interview",
                    "legal_case", "legislation", "manuscript", "map", "motion_picture", "pamphlet",
                    "personal_communication", "post", "post-weblog", "report", "review", "software",
                    "song", "speech", "standard", "thesis", "webpage"]},
                "title": {"type": "string"},
                "container-title": {"type": "string"},
                "author": {"type": "array", "items": {"type": "object", "additionalProperties": false,
                    "properties": {"literal": {"type": "string"}, "family": {"type": "string"}, "given": {"type": "string"}}}},
                "issued": date,
                "URL": {"type": "string"},
                "note": {"type": "string"}
            }
        }
    })
}

#[test]
fn csl_has_one_valid_item_per_source_and_per_item_with_a_url() {
    let schema = csl_schema();
    let v = jsonschema::draft7::new(&schema).unwrap_or_else(|e| panic!("{e}"));
    for path in BUNDLED {
        let items = parse_json(&ok(&["export", "--format", "csl", path]));
        let errors: Vec<String> = v
            .iter_errors(&items)
            .map(|e| format!("{e} at {}", e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:?}");
        let json = parse_json(&ok(&["export", path]));
        let sources = json["sources"].as_array().map_or(0, Vec::len);
        let with_url = ["claims", "responses", "context"]
            .iter()
            .flat_map(|k| json[*k].as_array().cloned().unwrap_or_default())
            .filter(|i| i["url"].is_string())
            .count();
        assert_eq!(
            items.as_array().map(Vec::len),
            Some(sources + with_url),
            "{path}"
        );
        let ids: BTreeSet<&str> = items
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|i| i["id"].as_str())
            .collect();
        assert_eq!(ids.len(), sources + with_url, "{path}: ids are unique");
    }
    // The harbour example has items with URLs: an article and its date parts.
    let items = parse_json(&ok(&["export", "-f", "csl", BUNDLED[0]]));
    let article = items
        .as_array()
        .into_iter()
        .flatten()
        .find(|i| i["type"] == "article-newspaper")
        .cloned()
        .unwrap_or_else(|| panic!("no article in {items}"));
    assert!(article["URL"]
        .as_str()
        .is_some_and(|u| u.starts_with("https://")));
    assert!(article["issued"]["date-parts"][0]
        .as_array()
        .is_some_and(|p| p.len() == 3));
    assert_eq!(article["container-title"], article["author"][0]["literal"]);
    // Several files: ids stay unique.
    let dir = tempdir();
    let copy = write(
        dir.path(),
        "copy.yaml",
        &std::fs::read_to_string(root().join(BUNDLED[1])).unwrap_or_default(),
    );
    let both = parse_json(&ok(&[
        "export",
        "-f",
        "csl",
        BUNDLED[1],
        &copy.to_string_lossy(),
    ]));
    let ids: BTreeSet<&str> = both
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["id"].as_str())
        .collect();
    assert_eq!(Some(ids.len()), both.as_array().map(Vec::len));
    assert!(ids.contains("source-wsj") && ids.contains("source-wsj-2"));
}

// ---------------------------------------------------------------------------------------------
// Atom

#[track_caller]
fn read_feed(xml: &str) -> atom_syndication::Feed {
    xml.parse::<atom_syndication::Feed>()
        .unwrap_or_else(|e| panic!("not an Atom feed ({e}):\n{xml}"))
}

#[test]
fn atom_has_an_entry_per_briefing_with_stable_ids_tags_and_an_enclosure() {
    let xml = ok(&["export", "--format", "atom", "briefings"]);
    let feed = read_feed(&xml);
    assert_eq!(feed.entries.len(), 3);
    assert_eq!(feed.title.value, "Briefings: briefings");
    assert!(feed.id.starts_with("urn:uuid:"));
    assert_eq!(feed.updated.to_rfc3339(), "2025-11-04T00:00:00+00:00");
    let korea = &feed.entries[1];
    assert_eq!(
        korea.title.value,
        "South Korea denies talks on US troop withdrawal"
    );
    assert_eq!(korea.updated.to_rfc3339(), "2025-05-23T00:00:00+00:00");
    assert_eq!(
        korea.authors.first().map(|a| a.name.as_str()),
        Some("brief (example briefing)")
    );
    let terms: Vec<&str> = korea.categories.iter().map(|c| c.term.as_str()).collect();
    assert_eq!(
        terms,
        [
            "korea",
            "united-states",
            "alliance",
            "usfk",
            "defence",
            "cost-sharing"
        ]
    );
    let enclosure = korea
        .links
        .iter()
        .find(|l| l.rel == "enclosure")
        .unwrap_or_else(|| panic!("no enclosure"));
    assert!(
        enclosure.href.starts_with("file:///")
            && enclosure.href.ends_with("/briefings/korea-troops.yaml")
    );
    assert_eq!(enclosure.mime_type.as_deref(), Some("application/yaml"));
    let size = std::fs::metadata(root().join(BUNDLED[1]))
        .map(|m| m.len())
        .unwrap_or(0);
    assert_eq!(enclosure.length.as_deref(), Some(size.to_string().as_str()));
    assert!(korea
        .summary
        .as_ref()
        .is_some_and(|s| s.value.starts_with("The Wall Street Journal, citing")));
    // Entries without a publisher: the feed has an author.
    assert!(feed.authors.iter().any(|a| a.name == "unknown"));
    // The same files give the same ids on every run, and each id is its own.
    let again = read_feed(&ok(&["export", "-f", "atom", "briefings"]));
    let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    let ids_again: Vec<&str> = again.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ids_again);
    assert_eq!(feed.id, again.id);
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), 3);
    // An entry's id is its file's, whichever way the file is named.
    let single = read_feed(&ok(&[
        "export",
        "-f",
        "atom",
        "./briefings/korea-troops.yaml",
    ]));
    assert_eq!(single.entries[0].id, korea.id);
}

#[test]
fn atom_enclosures_percent_encode_awkward_file_names() {
    let dir = tempdir();
    let text = std::fs::read_to_string(root().join(BUNDLED[2])).unwrap_or_default();
    let f = write(dir.path(), "a b#c%d?é\"<x>.yaml", &text);
    let xml = ok(&["export", "-f", "atom", &f.to_string_lossy()]);
    let feed = read_feed(&xml);
    let href = &feed.entries[0].links[0].href;
    assert!(
        href.ends_with("/a%20b%23c%25d%3F%C3%A9%22%3Cx%3E.yaml"),
        "{href}"
    );
}

// ---------------------------------------------------------------------------------------------
// Markdown front matter

#[test]
fn front_matter_is_yaml_with_title_date_tags_and_description() {
    let md = ok(&[
        "export",
        "--format",
        "markdown",
        "--front-matter",
        BUNDLED[1],
    ]);
    let rest = md
        .strip_prefix("---\n")
        .unwrap_or_else(|| panic!("no front matter:\n{md}"));
    let (fm, body) = rest
        .split_once("\n---\n\n")
        .unwrap_or_else(|| panic!("unclosed:\n{md}"));
    let v: Value = serde_yaml::from_str(fm).unwrap_or_else(|e| panic!("{e}\n{fm}"));
    assert_eq!(
        v["title"],
        "South Korea denies talks on US troop withdrawal"
    );
    assert_eq!(v["date"], "2025-05-23");
    assert_eq!(
        v["tags"],
        json!([
            "korea",
            "united-states",
            "alliance",
            "usfk",
            "defence",
            "cost-sharing"
        ])
    );
    assert!(v["description"]
        .as_str()
        .is_some_and(|d| d.starts_with("The Wall Street Journal, citing")));
    assert!(body.starts_with("# South Korea denies talks on US troop withdrawal\n"));
    // The same document as without front matter, after it.
    let plain = ok(&["export", "--format", "markdown", BUNDLED[1]]);
    assert_eq!(body, plain);
    // Only with markdown.
    let (code, _, err) = run(&["export", "--format", "json", "--front-matter", BUNDLED[1]]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--front-matter goes with --format markdown"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// Hostile text, every format

#[test]
fn hostile_text_cannot_break_any_format() {
    let dir = tempdir();
    let f = write(dir.path(), "hostile.yaml", HOSTILE);
    let f = f.to_string_lossy().into_owned();
    assert_eq!(run(&["check", &f]).0, 0, "the hostile briefing loads");
    for format in ["json", "markdown", "claimreview", "argdown", "csl", "atom"] {
        let out = ok(&["export", "--format", format, &f]);
        assert_no_controls(format, &out);
        assert!(!out.contains('\u{202e}'), "{format}: a raw bidi override");
    }
    // JSON keeps the text exactly (escaped) and round-trips.
    let json = parse_json(&ok(&["export", &f]));
    assert!(json["claims"][0]["text"]
        .as_str()
        .is_some_and(|t| t.starts_with("Claim with \u{1b}]0;pwned\u{7} escape")));
    let x = write(dir.path(), "x.json", &ok(&["export", &f]));
    assert_eq!(ok(&["print", &f]), ok(&["print", &x.to_string_lossy()]));
    // ClaimReview and CSL parse, with the text on one line.
    let reviews = parse_json(&ok(&["export", "-f", "claimreview", &f]));
    assert_eq!(reviews[0]["@type"], "ClaimReview");
    // As the screen shows it: a fact-check consumer decodes `\u001b`, so the escape is
    // written as its symbol (QA).
    assert_eq!(
        reviews[0]["claimReviewed"],
        "Headline [x]: #tag {y} // z ␛[5m"
    );
    parse_json(&ok(&["export", "-f", "csl", &f]));
    // Atom is well-formed XML with the titles as written, sanitised.
    let feed = read_feed(&ok(&["export", "-f", "atom", &f]));
    let title = &feed.entries[0].title.value;
    assert!(
        title.contains("]]> --> </title><x> & \"quotes\" 'single'"),
        "{title}"
    );
    assert!(title.contains("عنوان"));
    assert!(feed.entries[0].categories.iter().any(|c| c.term == "a]]>b"));
    // Argdown reads back: every statement, no text escaping into syntax.
    let doc = ok(&["export", "-f", "argdown", &f]);
    let read = statements(&read_argdown(&doc));
    let ids: Vec<&str> = read.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(ids, ["c", "r", "x"]);
    assert!(
        read[0]
            .1
            .contains("[brackets], <angle>, #hash, {braces}, // slashes, ]]> and -->"),
        "{}",
        read[0].1
    );
    assert_eq!(read[0].3["headline"], "Headline [x]: #tag {y} // z ␛[5m");
    assert!(read[0].4.contains(&("><".to_string(), "r".to_string())));
    assert!(read[2].4.contains(&("-".to_string(), "r".to_string())));
    // Front matter is YAML that says the same.
    let md = ok(&["export", "-f", "markdown", "--front-matter", &f]);
    let fm = md
        .strip_prefix("---\n")
        .and_then(|r| r.split_once("\n---\n"))
        .map(|(fm, _)| fm)
        .unwrap_or("");
    let v: Value = serde_yaml::from_str(fm).unwrap_or_else(|e| panic!("{e}\n{fm}"));
    assert!(v["title"]
        .as_str()
        .is_some_and(|t| t.contains("]]> --> </title><x> & \"quotes\"")));
    assert_eq!(v["tags"][1], "--> c");
}

/// Nothing written here is left in the user's files.
#[test]
fn exports_write_only_to_stdout() {
    let dir = tempdir();
    let text = std::fs::read_to_string(root().join(BUNDLED[0])).unwrap_or_default();
    let f = write(dir.path(), "b.yaml", &text);
    for format in ["json", "markdown", "claimreview", "argdown", "csl", "atom"] {
        ok(&["export", "-f", format, &dir.path().to_string_lossy()]);
    }
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(names, ["b.yaml"]);
    assert_eq!(std::fs::read_to_string(&f).unwrap_or_default(), text);
    let _ = std::io::stdout().flush();
}

/// A URL that `o` would not open is not handed on as a link either: ClaimReview's
/// `appearance` and `author.url` and CSL's `URL` leave out `javascript:`, `file:` and URLs
/// holding control characters (QA found `javascript:alert(1)` in both).
#[test]
fn only_web_urls_are_exported_as_links() {
    let dir = tempdir();
    let f = write(
        dir.path(),
        "urls.yaml",
        "title: T\ndate: 2025-05-01\nurl: https://desk.example/t\npublisher: Desk\n\
         sources:\n  - id: s\n    name: S\n    url: \"javascript:alert(2)\"\n\
         claims:\n  - id: c\n    text: A claim.\n    source: s\n    status: unverified\n    \
         credibility: 3\n    date: 2025-05-01\n    url: \"javascript:alert(1)\"\n\
         \x20 - id: d\n    text: Another.\n    source: s\n    status: unverified\n    \
         url: \"https://ok.example/\\e]8;;x\"\n\
         \x20 - id: e\n    text: A good one.\n    source: s\n    status: unverified\n    \
         url: https://ok.example/e\nresponses: []\ncontext: []\n",
    );
    let f = f.to_string_lossy().into_owned();
    for format in ["claimreview", "csl"] {
        let out = ok(&["export", "-f", format, &f]);
        assert!(!out.contains("javascript:"), "{format}: {out}");
        assert!(!out.contains("8;;x"), "{format}: {out}");
        assert!(out.contains("https://ok.example/e"), "{format}: {out}");
    }
}
