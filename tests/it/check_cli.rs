//! `brief check` as a user runs it: one fixture per failure, each with the exact first line an
//! editor would jump from, plus the summary line, the excerpt, colour and path handling.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const INVALID: &str = "tests/fixtures/invalid";

/// What one run printed and how it ended.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    fn first_line(&self) -> &str {
        self.stdout.lines().next().unwrap_or("")
    }

    fn last_line(&self) -> &str {
        self.stdout.lines().last().unwrap_or("")
    }
}

fn brief() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env_remove("NO_COLOR");
    // Never the user's config file.
    cmd.env(
        "XDG_CONFIG_HOME",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config-home"),
    )
    .env_remove("BRIEF_CONFIG")
    .env_remove("BRIEF_THEME");
    cmd
}

/// Runs `brief` with `args` from the crate root.
#[track_caller]
fn run(args: &[&str]) -> Run {
    let out = brief()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run brief {args:?}: {e}"));
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `brief check <invalid fixture>` fails with exit 1, and its first line is
/// `tests/fixtures/invalid/<file>:<expected>`. An `expected` ending in `…` is matched as a
/// prefix (for messages that go on to list every allowed key).
#[track_caller]
fn assert_first_error(file: &str, expected: &str) {
    let path = format!("{INVALID}/{file}");
    let r = run(&["check", &path]);
    let want = format!("{path}:{expected}");
    let first = r.first_line();
    match want.strip_suffix('…') {
        Some(prefix) => assert!(
            first.starts_with(prefix),
            "first line of `brief check {path}`:\n  got:  {first}\n  want: {want}\nstdout:\n{}",
            r.stdout
        ),
        None => assert_eq!(first, want, "stdout:\n{}", r.stdout),
    }
    assert_eq!(r.code, Some(1), "exit code of `brief check {path}`");
    assert!(
        r.last_line().ends_with(" warnings") || r.last_line().ends_with(" warning"),
        "no summary line:\n{}",
        r.stdout
    );
}

macro_rules! invalid_fixtures {
    ($($name:ident: $file:literal => $expected:literal;)*) => {
        $(
            #[test]
            fn $name() {
                assert_first_error($file, $expected);
            }
        )*
        /// Every fixture with a test above.
        const COVERED: &[&str] = &[$($file),*];
    };
}

invalid_fixtures! {
    syntax_error: "syntax-error.yaml" =>
        "4:10: error: did not find expected ',' or ']', while parsing a flow sequence that began at line 3 column 9";
    bad_indentation: "bad-indentation.yaml" =>
        "5:4: error: did not find expected '-' indicator, while parsing a block collection that began at line 4 column 3";
    unterminated_quote: "unterminated-quote.yaml" =>
        "1:8: error: the file ends unexpectedly, while scanning a quoted scalar that began at line 1 column 8";
    unquoted_colon_in_korean_text: "unquoted-colon-korean.yaml" =>
        "5:17: error: mapping values are not allowed in this context";
    multiple_documents: "multiple-documents.yaml" =>
        "1:1: error: the file holds more than one YAML document (a `---` line); a briefing is one";
    claims_is_a_number: "claims-not-a-list.yaml" =>
        "3:9: error: claims: invalid type: integer `5`, expected a list";
    tags_is_a_string: "tags-not-a-list.yaml" =>
        "3:7: error: tags: invalid type: string \"x\", expected a list";
    credibility_is_a_word: "credibility-not-a-number.yaml" =>
        "8:18: error: context[0].credibility: invalid type: string \"high\", expected a whole number from 1 to 6";
    missing_title: "missing-title.yaml" => "1:1: error: missing key `title`";
    missing_claims: "missing-claims.yaml" => "1:1: error: missing key `claims`";
    missing_item_text: "missing-text.yaml" => "4:5: error: claims[0]: missing key `text`";
    missing_response_stance: "missing-stance.yaml" =>
        "7:5: error: responses[0]: missing key `stance`";
    missing_id: "missing-id.yaml" => "6:5: error: context[0]: missing key `id`";
    unknown_top_level_key: "unknown-top-key.yaml" =>
        "3:1: error: unknown key `author`, expected one of `title`, `date`, …";
    unknown_item_key: "unknown-item-key.yaml" =>
        "9:5: error: responses[0]: unknown key `respond_to`, expected one of `id`, `text`, …";
    duplicate_key: "duplicate-key.yaml" => "6:5: error: claims[0]: duplicate key `text`";
    malformed_id: "malformed-id.yaml" =>
        "6:9: error: context id `a b` may only use letters, digits, `-` and `_`";
    duplicate_id_across_sections: "duplicate-id.yaml" =>
        "12:9: error: duplicate id `same` (first used on line 4)";
    duplicate_source_id: "duplicate-source-id.yaml" =>
        "6:9: error: duplicate source id `wsj` (first declared on line 4)";
    unknown_source: "unknown-source.yaml" =>
        "11:13: error: unknown source `yonhap`: no source with that id is declared";
    responds_to_unknown_claim: "responds-to-unknown.yaml" =>
        "9:38: error: responds_to names `troop-cut`, but no claim has that id";
    responds_to_context_item: "responds-to-context.yaml" =>
        "11:9: error: responds_to names `background`, which is a context item, not a claim";
    responds_to_empty: "responds-to-empty.yaml" =>
        "7:18: error: response `r1` must respond to at least one claim";
    between_one_id: "between-one.yaml" =>
        "15:14: error: between must name exactly two item ids, found 1";
    between_three_ids: "between-three.yaml" =>
        "15:14: error: between must name exactly two item ids, found 3";
    between_same_id_twice: "between-same.yaml" =>
        "15:14: error: between names `c1` twice; a contradiction needs two different items";
    between_missing_id: "between-missing.yaml" =>
        "15:19: error: between names `nowhere`, but no item has that id";
    bad_stance: "bad-stance.yaml" =>
        "10:13: error: unknown stance `refutes`; expected one of: denies, disputes, confirms, clarifies, declines";
    bad_status: "bad-status.yaml" =>
        "6:13: error: unknown status `rumoured`; expected one of: reported, confirmed, denied, disputed, unverified";
    bad_kind: "bad-kind.yaml" =>
        "6:11: error: unknown source kind `newspaper`; expected one of: media, government, official, agency, analyst, other";
    bad_reliability: "bad-reliability.yaml" =>
        "6:18: error: unknown reliability `G`; expected one of: A, B, C, D, E, F";
    bad_interest: "bad-interest.yaml" =>
        "6:15: error: unknown interest `maybe`; expected one of: party, none";
    credibility_out_of_range: "bad-credibility.yaml" =>
        "8:18: error: credibility must be 1 to 6, found 7";
    top_level_date_not_a_day: "bad-date.yaml" =>
        "2:7: error: date `2026-13-45` is not a real calendar date";
    item_date_malformed: "bad-item-date.yaml" =>
        "8:11: error: date `23/05/2025` is not a date in the form YYYY-MM-DD";
    empty_title: "empty-title.yaml" => "1:8: error: title is empty";
    empty_text: "empty-text.yaml" => "7:11: error: context `x1` has an empty text";
    empty_file: "empty.yaml" =>
        "1:1: error: the file is empty; a briefing needs at least `title`, `date`, `claims`, `responses` and `context`";
    whitespace_only_file: "whitespace-only.yaml" =>
        "1:1: error: the file is empty; a briefing needs at least `title`, `date`, `claims`, `responses` and `context`";
    not_utf8: "not-utf8.yaml" =>
        "1:11: error: the file holds text that is not UTF-8 (invalid byte at offset 10); briefings are UTF-8 YAML";
    top_level_list: "top-level-list.yaml" =>
        "1:1: error: the top level must be a mapping with `title`, `date`, `claims`, `responses` and `context`";
    top_level_scalar: "top-level-scalar.yaml" =>
        "1:1: error: the top level must be a mapping with `title`, `date`, `claims`, `responses` and `context`";
    several_errors_first: "several-errors.yaml" =>
        "2:7: error: date `2025-02-30` is not a real calendar date";
}

fn yaml_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
        .collect();
    names.sort();
    names
}

fn crate_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

#[test]
fn every_invalid_fixture_has_an_expected_first_line() {
    let missing: Vec<String> = yaml_files(&crate_path(INVALID))
        .into_iter()
        .filter(|f| !COVERED.contains(&f.as_str()))
        .collect();
    assert!(missing.is_empty(), "fixtures without a test: {missing:?}");
}

#[test]
fn not_utf8_written_by_the_test_is_refused() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("latin1.yaml");
    std::fs::write(&path, b"title: x\ndate: 2025-05-23\nsummary: na\xefve\n")?;
    let shown = path.display().to_string();
    let r = run(&["check", &shown]);
    assert_eq!(r.code, Some(1));
    assert_eq!(
        r.first_line(),
        format!("{shown}:3:12: error: the file holds text that is not UTF-8 (invalid byte at offset 37); briefings are UTF-8 YAML")
    );
    Ok(())
}

#[test]
fn several_errors_are_all_reported_in_line_order() {
    let path = format!("{INVALID}/several-errors.yaml");
    let r = run(&["check", "--short", &path]);
    assert_eq!(r.code, Some(1));
    let want: Vec<String> = [
        "2:7: error: date `2025-02-30` is not a real calendar date",
        "4:9: warning: source `wsj` is declared but no item uses it",
        "6:11: error: unknown source kind `newspaper`; expected one of: media, government, official, agency, analyst, other",
        "8:9: warning: no response answers claim `c1`",
        "10:13: error: unknown status `rumoured`; expected one of: reported, confirmed, denied, disputed, unverified",
        "14:19: error: responds_to names `c2`, but no claim has that id",
        "15:13: error: unknown stance `refutes`; expected one of: denies, disputes, confirms, clarifies, declines",
        "17:9: error: duplicate id `c1` (first used on line 8)",
        "19:13: error: unknown source `yonhap`: no source with that id is declared",
    ]
    .iter()
    .map(|l| format!("{path}:{l}"))
    .chain(["1 file: 7 errors, 2 warnings".to_string()])
    .collect();
    assert_eq!(r.lines(), want);
}

#[test]
fn bundled_briefings_check_clean() {
    let n = yaml_files(&crate_path("briefings")).len();
    assert!(n >= 3, "expected the three bundled briefings, found {n}");
    let r = run(&["check", "briefings"]);
    assert_eq!(r.code, Some(0), "stdout:\n{}", r.stdout);
    assert_eq!(r.lines(), vec![format!("{n} files: 0 errors, 0 warnings")]);
}

#[test]
fn a_file_with_a_bom_passes() {
    let r = run(&["check", "tests/fixtures/valid/bom.yaml"]);
    assert_eq!(r.code, Some(0), "stdout:\n{}", r.stdout);
    assert_eq!(r.stdout, "1 file: 0 errors, 0 warnings\n");
}

#[test]
fn warnings_keep_exit_status_zero() {
    let r = run(&["check", "--short", "tests/fixtures/warnings"]);
    assert_eq!(r.code, Some(0), "stdout:\n{}", r.stdout);
    assert_eq!(
        r.lines(),
        vec![
            "tests/fixtures/warnings/unanswered-claim.yaml:6:9: warning: no response answers claim `c2`",
            "tests/fixtures/warnings/unused-source.yaml:6:9: warning: source `yonhap` is declared but no item uses it",
            "2 files: 0 errors, 2 warnings",
        ]
    );
}

#[test]
fn a_missing_path_is_an_error_naming_it() {
    let r = run(&["check", "tests/fixtures/no-such-briefing.yaml"]);
    assert_eq!(r.code, Some(1));
    assert_eq!(
        r.lines(),
        vec![
            "tests/fixtures/no-such-briefing.yaml:1:1: error: cannot open: no such file or folder",
            "1 file: 1 error, 0 warnings",
        ]
    );
}

#[test]
fn check_without_a_path_is_a_usage_error() {
    let r = run(&["check"]);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.contains("Usage: brief check"),
        "stderr:\n{}",
        r.stderr
    );
    assert_eq!(r.stdout, "");
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    let r = run(&["check", "--frobnicate", "briefings"]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("--frobnicate"), "stderr:\n{}", r.stderr);
    assert_eq!(r.stdout, "");
}

#[test]
fn summary_line_counts_with_singular_and_plural() {
    let cases: [(&[&str], &str); 4] = [
        (
            &["tests/fixtures/valid/bom.yaml"],
            "1 file: 0 errors, 0 warnings",
        ),
        (
            &["tests/fixtures/invalid/bad-stance.yaml"],
            "1 file: 1 error, 0 warnings",
        ),
        (
            &[
                "tests/fixtures/invalid/bad-stance.yaml",
                "tests/fixtures/warnings/unused-source.yaml",
            ],
            "2 files: 1 error, 1 warning",
        ),
        (
            &[
                "tests/fixtures/invalid/several-errors.yaml",
                "tests/fixtures/warnings",
            ],
            "3 files: 7 errors, 4 warnings",
        ),
    ];
    for (paths, want) in cases {
        let mut args = vec!["check", "--short"];
        args.extend_from_slice(paths);
        assert_eq!(run(&args).last_line(), want, "brief {args:?}");
    }
}

#[test]
fn excerpt_puts_the_caret_under_the_column() {
    let r = run(&["check", "tests/fixtures/invalid/duplicate-id.yaml"]);
    assert_eq!(
        r.stdout,
        "tests/fixtures/invalid/duplicate-id.yaml:12:9: error: duplicate id `same` (first used on line 4)\n\
         \x20  |\n\
         12 |   - id: same\n\
         \x20  |         ^\n\
         1 file: 1 error, 0 warnings\n"
    );
}

#[test]
fn excerpt_caret_counts_wide_korean_text_before_the_column() {
    let r = run(&["check", "tests/fixtures/invalid/unquoted-colon-korean.yaml"]);
    // `    text: 통행료 인상` is 21 cells wide (each Hangul syllable takes two), so the caret
    // under the colon after it is 21 cells into the excerpt.
    assert_eq!(
        r.stdout,
        "tests/fixtures/invalid/unquoted-colon-korean.yaml:5:17: error: mapping values are not allowed in this context\n\
         \x20 |\n\
         5 |     text: 통행료 인상: 12%\n\
         \x20 |                      ^\n\
         1 file: 1 error, 0 warnings\n"
    );
}

#[test]
fn no_colour_when_stdout_is_not_a_terminal() {
    let r = run(&["check", "tests/fixtures/invalid/several-errors.yaml"]);
    assert!(!r.stdout.contains('\x1b'), "escape in:\n{}", r.stdout);
    assert!(!r.stderr.contains('\x1b'), "escape in:\n{}", r.stderr);
}

/// Runs `brief check` on a pseudo-terminal through `script`, or None when `script` is missing.
fn run_on_a_terminal(no_color: Option<&str>) -> Option<String> {
    let bin = env!("CARGO_BIN_EXE_brief");
    let mut cmd = std::process::Command::new("script");
    cmd.args([
        "-qec",
        &format!("{bin} check tests/fixtures/invalid/bad-stance.yaml"),
        "/dev/null",
    ])
    .current_dir(env!("CARGO_MANIFEST_DIR"))
    .env_remove("NO_COLOR");
    if let Some(v) = no_color {
        cmd.env("NO_COLOR", v);
    }
    let out = cmd.output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn colour_on_a_terminal_and_none_with_no_color() {
    let Some(coloured) = run_on_a_terminal(None) else {
        println!("skipped: `script` (util-linux) is not installed");
        return;
    };
    // Proves the terminal run really is one: otherwise the NO_COLOR half proves nothing.
    assert!(
        coloured.contains("\x1b[1;31merror\x1b[0m"),
        "no colour on a terminal:\n{coloured:?}"
    );
    let plain = run_on_a_terminal(Some("1")).unwrap_or_default();
    assert!(!plain.contains('\x1b'), "escape with NO_COLOR:\n{plain:?}");
    assert!(
        plain.contains("bad-stance.yaml:10:13: error: unknown stance `refutes`"),
        "{plain:?}"
    );
}

#[test]
fn short_prints_only_the_one_line_forms() {
    let path = format!("{INVALID}/several-errors.yaml");
    let short = run(&["check", "--short", &path]);
    let long = run(&["check", &path]);
    let lines = short.lines();
    let (summary, diagnostics) = lines.split_last().unwrap_or((&"", &[]));
    assert_eq!(diagnostics.len(), 9);
    for line in diagnostics {
        assert!(
            line.starts_with(&format!("{path}:"))
                && (line.contains(": error: ") || line.contains(": warning: ")),
            "not a one-line diagnostic: {line}"
        );
    }
    assert_eq!(*summary, "1 file: 7 errors, 2 warnings");
    // The long form has the same diagnostic lines, each followed by a three-line excerpt.
    let long_lines = long.lines();
    assert_eq!(long_lines.len(), 9 * 4 + 1);
    let long_diagnostics: Vec<&str> = long_lines.iter().step_by(4).copied().collect();
    assert_eq!(&long_diagnostics[..9], diagnostics);
}

#[test]
fn a_folder_is_checked_file_by_file_sorted_by_path() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let warned = std::fs::read_to_string(crate_path("tests/fixtures/warnings/unused-source.yaml"))?;
    std::fs::create_dir_all(dir.path().join("sub/deeper"))?;
    std::fs::create_dir(dir.path().join(".hidden"))?;
    for name in [
        "b.yaml",
        "a.yml",
        "sub/c.yaml",
        "sub/deeper/a.yaml",
        "Z.YAML",
        ".hidden/x.yaml",
    ] {
        std::fs::write(dir.path().join(name), &warned)?;
    }
    std::fs::write(dir.path().join("notes.txt"), "not a briefing")?;
    std::fs::write(dir.path().join("sub/readme.md"), "# not a briefing")?;
    let root = dir.path().display().to_string();
    let r = run(&["check", "--short", &root]);
    assert_eq!(r.code, Some(0), "stdout:\n{}", r.stdout);
    let warning = ":6:9: warning: source `yonhap` is declared but no item uses it";
    let want: Vec<String> = [
        "Z.YAML",
        "a.yml",
        "b.yaml",
        "sub/c.yaml",
        "sub/deeper/a.yaml",
    ]
    .iter()
    .map(|f| format!("{root}/{f}{warning}"))
    .chain(["5 files: 0 errors, 5 warnings".to_string()])
    .collect();
    assert_eq!(r.lines(), want);
    Ok(())
}

/// One file with shape errors (unknown keys, a wrong type, missing keys) and semantic ones (a bad
/// date, a malformed id, an empty text, a bad stance, a dangling reference): every one is
/// reported, in file order, not just the first the parser trips on.
#[test]
fn every_problem_of_a_file_is_reported() {
    let path = "tests/fixtures/multi/many-problems.yaml";
    let r = run(&["check", path]);
    assert_eq!(r.code, Some(1), "{}", r.stdout);
    let firsts: Vec<&str> = r
        .lines()
        .into_iter()
        .filter_map(|l| l.strip_prefix(path))
        .collect();
    let want = [
        ":3:7: error: date `2025-02-30` is not a real calendar date",
        ":6:5: error: claims[0]: unknown key `txt`, expected one of",
        ":10:5: error: claims[0]: unknown key `sorce`, expected one of",
        ":11:9: error: claim id `second claim` may only use letters, digits, `-` and `_`",
        ":12:11: error: claim `second claim` has an empty text",
        ":13:18: error: claims[1].credibility: invalid type: string \"high\", expected a whole number from 1 to 6",
        ":14:5: error: claims[2]: missing key `id`",
        ":18:5: error: responses[0]: unknown key `respond_to`, expected one of",
        ":19:13: error: unknown stance `refutes`",
        ":22:22: error: between names `missing-item`, but no item has that id",
    ];
    assert_eq!(firsts.len(), want.len(), "{}", r.stdout);
    for (got, want) in firsts.iter().zip(want) {
        assert!(
            got.starts_with(want),
            "got  {got}\nwant {want}…\n{}",
            r.stdout
        );
    }
    assert!(
        r.stdout.contains("(did you mean `text`?)")
            && r.stdout.contains("(did you mean `responds_to`?)"),
        "{}",
        r.stdout
    );
    assert_eq!(r.last_line(), "1 file: 10 errors, 0 warnings");
}

/// Past the first problem, a flow-style mapping cannot be patched around: the first error is
/// still reported alone, exactly, and nothing panics.
#[test]
fn a_flow_style_problem_is_reported_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("flow.yaml");
    std::fs::write(
        &path,
        "title: t\ndate: 2025-01-01\nclaims: [{id: a, txt: b}]\nresponses: []\ncontext: []\n",
    )
    .expect("write");
    let r = run(&["check", &path.to_string_lossy()]);
    assert_eq!(r.code, Some(1));
    assert!(r.first_line().ends_with("3:18: error: claims[0]: unknown key `txt`, expected one of `id`, `text`, `source`, `attribution`, `date`, `status`, `credibility`, `quote`, `url`, `via`, `anonymous`, `headline` (did you mean `text`?)"), "{}", r.stdout);
    assert_eq!(r.last_line(), "1 file: 1 error, 0 warnings");
}

/// One file named several ways (and inside a folder also given) is checked once.
#[test]
fn a_file_named_twice_is_checked_once() {
    let r = run(&[
        "check",
        "briefings/korea-troops.yaml",
        "./briefings/korea-troops.yaml",
        "briefings",
    ]);
    let files = std::fs::read_dir("briefings")
        .map(|d| d.filter(|e| e.is_ok()).count())
        .unwrap_or(0);
    assert_eq!(
        r.last_line(),
        format!("{files} files: 0 errors, 0 warnings"),
        "{}",
        r.stdout
    );
}

/// `brief check DIR` checks on every core (`--jobs`), and the report is the one a single job
/// gives: every file's diagnostics in path order, whatever order the checks finish in.
#[test]
fn check_in_parallel_reports_in_path_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let invalid = Path::new(env!("CARGO_MANIFEST_DIR")).join(INVALID);
    let mut names = Vec::new();
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(&invalid)
        .expect("invalid fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    fixtures.sort();
    let good = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings/korea-troops.yaml"),
    )
    .expect("bundled briefing");
    // Broken files between good ones, and a big good one first so that it finishes last.
    let big = good.clone() + &"\n# padding\n".repeat(200_000);
    std::fs::write(dir.path().join("000-big.yaml"), big).expect("write");
    for (i, f) in fixtures.iter().enumerate() {
        let name = format!(
            "{:03}-{}",
            i + 1,
            f.file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned())
        );
        std::fs::copy(f, dir.path().join(&name)).expect("copy");
        std::fs::write(dir.path().join(format!("{:03}-good.yaml", i + 1)), &good).expect("write");
        names.push(name);
    }
    assert!(names.len() >= 10, "too few invalid fixtures: {names:?}");
    let d = dir.path().to_string_lossy().into_owned();
    let serial = run(&["check", "--jobs", "1", &d]);
    for jobs in ["2", "4", "16"] {
        let parallel = run(&["check", "-j", jobs, &d]);
        assert_eq!(parallel.stdout, serial.stdout, "--jobs {jobs}");
        assert_eq!(parallel.code, serial.code, "--jobs {jobs}");
    }
    let default = run(&["check", &d]);
    assert_eq!(default.stdout, serial.stdout, "default jobs");
    // In path order: each broken file's first diagnostic after the one before it.
    let mut at = 0;
    for name in &names {
        let found = serial.stdout[at..]
            .find(&format!("{}:", name))
            .unwrap_or_else(|| panic!("{name} missing or out of order:\n{}", serial.stdout));
        at += found;
    }
    assert_eq!(serial.code, Some(1));
    let summary = format!("{} files: ", 2 * names.len() + 1);
    assert!(
        serial.last_line().starts_with(&summary),
        "{}",
        serial.last_line()
    );
}

#[test]
fn check_jobs_must_be_a_positive_number() {
    for bad in ["0", "-1", "many"] {
        let arg = format!("--jobs={bad}");
        let r = run(&["check", &arg, "briefings"]);
        assert_eq!(r.code, Some(2), "--jobs {bad}: {}", r.stderr);
        assert!(r.stderr.contains("--jobs"), "{}", r.stderr);
    }
}
