//! The config file from the command line: `brief config check`, `brief config default`, and
//! `brief` refusing to start on a config it cannot use. Every config lives in a temporary XDG
//! config home (or is named by --config / BRIEF_CONFIG), never the user's.

use std::path::Path;

use assert_cmd::Command;

/// A file with three mistakes, one per line it names: an unknown action (line 2), a misspelt
/// mode (line 3), and a key bound twice under two spellings (lines 6 and 7).
const BROKEN: &str = "\
[keys.panes]
\"Ctrl-n\" = \"dwon\"
[keys.detial]
j = \"down\"
[keys.library]
\"Down\" = \"down\"
\"↓\" = \"up\"
";

/// `brief` with the config home `home`, no BRIEF_CONFIG or BRIEF_THEME, from the crate root.
fn brief(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("brief").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CONFIG_HOME", home)
        .env_remove("BRIEF_CONFIG")
        .env_remove("BRIEF_THEME")
        .env_remove("NO_COLOR")
        .timeout(std::time::Duration::from_secs(20));
    cmd
}

/// A config home with `brief/config.toml` holding `text`.
fn home_with(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("brief")).unwrap();
    std::fs::write(dir.path().join("brief/config.toml"), text).unwrap();
    dir
}

/// The `config.toml:LINE:COL: error: …` lines of an output.
fn diagnostics(out: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(out)
        .lines()
        .filter(|l| l.contains("config.toml:") && l.contains(": error: "))
        .map(|l| l.rsplit_once("brief/").map_or(l, |(_, r)| r).to_string())
        .collect()
}

const EXPECTED: [&str; 3] = [
    "config.toml:2:12: error: unknown action `dwon` (did you mean `down`?); `brief config default` lists them",
    "config.toml:3:7: error: unknown mode `detial` in [keys]; expected one of: global, library, panes, detail, contradictions, matrix, timeline, sources, changes, judgments, sensitivity, info, help, prompt, copy (did you mean `detail`?)",
    "config.toml:7:1: error: `↓` is bound twice in [keys.library]: here and on line 6",
];

#[test]
fn config_check_reports_the_three_mistakes_on_their_lines_and_exits_2() {
    let home = home_with(BROKEN);
    let out = brief(home.path())
        .args(["config", "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_eq!(diagnostics(&out.stdout), EXPECTED);
    // With the source line and a caret, like brief check.
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("2 | \"Ctrl-n\" = \"dwon\""), "{text}");
    assert!(text.contains("3 errors"), "{text}");
}

#[test]
fn the_reader_does_not_start_on_a_broken_config() {
    let home = home_with(BROKEN);
    let out = brief(home.path())
        .arg("briefings/korea-troops.yaml")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_eq!(diagnostics(&out.stderr), EXPECTED);
    assert!(out.stdout.is_empty(), "nothing is shown or printed");
    // The same with no PATH.
    let out = brief(home.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(diagnostics(&out.stderr).len(), 3);
}

#[test]
fn config_and_brief_config_name_the_file_over_the_usual_place() {
    let broken = home_with(BROKEN);
    let file = broken.path().join("brief/config.toml");
    let empty = tempfile::tempdir().unwrap();
    let out = brief(empty.path())
        .args(["config", "check", "--config"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = brief(empty.path())
        .env("BRIEF_CONFIG", &file)
        .args(["config", "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // A file named and missing is an error; the usual one missing is the defaults.
    let out = brief(empty.path())
        .args([
            "--config",
            "/nonexistent/brief.toml",
            "briefings/korea-troops.yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let out = brief(empty.path())
        .args(["config", "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("the defaults apply"));
}

#[test]
fn config_default_prints_a_file_that_checks_clean() {
    let out = brief(Path::new("/nonexistent"))
        .args(["config", "default"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for name in [
        "\"Ctrl-z\" = \"suspend\"",
        "[keys.panes]",
        "theme = \"auto\"",
        "#   hide-source",
    ] {
        assert!(text.contains(name), "{name}");
    }
    let home = home_with(&text);
    let out = brief(home.path())
        .args(["config", "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).ends_with("config.toml: ok\n"));
}

#[test]
fn a_good_config_lets_the_reader_print_in_a_pipe() {
    let home = home_with("theme = \"light\"\n[keys.panes]\n\"Ctrl-n\" = \"down\"\n");
    let out = brief(home.path())
        .arg("briefings/korea-troops.yaml")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("South Korea denies talks"));
}

#[test]
fn an_unknown_theme_is_a_usage_error() {
    let empty = tempfile::tempdir().unwrap();
    let out = brief(empty.path())
        .env("BRIEF_THEME", "lite")
        .arg("briefings/korea-troops.yaml")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("BRIEF_THEME: unknown theme `lite`"));
    let out = brief(empty.path())
        .args(["--theme", "lite", "briefings/korea-troops.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn config_before_the_subcommand_names_the_file_to_check() {
    let empty = tempfile::tempdir().unwrap();
    let broken = home_with(BROKEN);
    let path = broken.path().join("brief/config.toml");
    let path = path.to_str().unwrap();
    // `--config FILE config check`, as `brief config --help` lists it: the subcommand, not
    // three paths to open.
    let out = brief(empty.path())
        .args(["--config", path, "config", "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_eq!(diagnostics(&out.stdout), EXPECTED);
    let out = brief(empty.path())
        .args(["--config", path, "config", "default"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("theme = \"auto\""));
}
