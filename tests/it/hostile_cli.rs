//! Hostile folders and command lines, from issue 21, through the real binary: symlinks out of
//! the folder, files that are not briefings, argv that holds escape sequences.

use std::path::Path;

use assert_cmd::Command;

fn brief(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
    cmd.current_dir(dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env_remove("BRIEF_CONFIG")
        .env_remove("NO_COLOR");
    cmd
}

struct Out {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Out {
    let o = cmd.output().unwrap();
    Out {
        code: o.status.code(),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

const SECRET: &str = "password: hunter2\napi_key: sk-live-123\n";
const KEY: &str = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n";

/// A folder with one briefing, a link to `/`, a link to a folder of secrets and a link to a
/// secret file outside it: `check` reads the briefing only, says how many links it left, and
/// prints nothing of the outside.
#[test]
fn check_does_not_follow_symlinks_out_of_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("secrets.yaml"), SECRET).unwrap();
    std::fs::write(outside.join("id_ed25519.yaml"), KEY).unwrap();
    let dir = tmp.path().join("briefings");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("korea.yaml"),
        crate::libsupport::read("briefings/korea-troops.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink("/", dir.join("root")).unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("keys")).unwrap();
    std::os::unix::fs::symlink(outside.join("secrets.yaml"), dir.join("secrets.yaml")).unwrap();
    let out = run(brief(tmp.path()).args(["check", "briefings"]));
    assert_eq!(out.code, Some(0), "{}{}", out.stdout, out.stderr);
    assert_eq!(
        out.stdout,
        "1 file: 0 errors, 0 warnings\n\
         3 symlinks not followed (a folder, or a file outside the paths given); --follow follows them\n"
    );
    // Named directly, the outside folder is read; its two files are not briefings and are not
    // quoted.
    let out = run(brief(tmp.path()).args([
        "check",
        "--follow",
        "briefings/keys",
        "briefings/korea.yaml",
    ]));
    assert_eq!(out.code, Some(1));
    assert!(
        !out.stdout.contains("hunter2") && !out.stdout.contains("BEGIN"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("3 files: 2 errors"), "{}", out.stdout);
}

/// A file that is not a briefing at all gets one line with a position and nothing of its text,
/// in `check`, `print` and `export`.
#[test]
fn a_file_that_is_no_briefing_is_not_quoted() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("secrets.yaml"), SECRET).unwrap();
    std::fs::write(tmp.path().join("key.yaml"), KEY).unwrap();
    for args in [
        &["check", "secrets.yaml", "key.yaml"][..],
        &["print", "secrets.yaml", "key.yaml"],
        &["export", "secrets.yaml", "key.yaml"],
    ] {
        let out = run(brief(tmp.path()).args(args));
        assert_eq!(out.code, Some(1), "{args:?}");
        let all = format!("{}{}", out.stdout, out.stderr);
        for leaked in ["hunter2", "sk-live", "api_key", "password", "BEGIN", "b3Bl"] {
            assert!(!all.contains(leaked), "{args:?} printed {leaked}:\n{all}");
        }
        // One line each, no excerpt.
        for name in ["secrets.yaml", "key.yaml"] {
            let lines: Vec<&str> = all.lines().filter(|l| l.contains(name)).collect();
            assert_eq!(lines.len(), 1, "{args:?}:\n{all}");
        }
        assert!(!all.contains(" | "), "an excerpt:\n{all}");
        assert!(
            all.contains("key.yaml:1:1: error: the top level must be a mapping"),
            "{args:?}:\n{all}"
        );
    }
}

/// A file name that holds escape sequences, met by `brief check *` as an unknown option: the
/// usage error names it with its controls made visible, in every subcommand, and still exits 2.
#[test]
fn a_usage_error_prints_argv_sanitised() {
    let tmp = tempfile::tempdir().unwrap();
    let hostile = "--\u{1b}]0;PWNED\u{7}\u{1b}[2J.yaml";
    for args in [
        vec![hostile],
        vec!["check", hostile],
        vec!["print", hostile],
        vec!["export", hostile],
        vec!["config", "check", hostile],
        vec!["--max-size", hostile],
        vec!["print", "--width", hostile, "x.yaml"],
    ] {
        let out = run(brief(tmp.path()).args(&args));
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains("error:"), "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("PWNED"),
            "the name is still shown: {}",
            out.stderr
        );
        for c in out.stderr.chars() {
            assert!(
                c == '\n' || !c.is_control(),
                "{args:?}: a control character {c:?} on stderr: {:?}",
                out.stderr
            );
        }
    }
}

/// A folder's JSON export is written briefing by briefing (never all held at once) and is still
/// the array of what each file exports on its own, laid out as serde_json lays out an array.
#[test]
fn a_folder_export_streams_the_array_serde_json_would_print() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = run(brief(repo).args(["export", "briefings"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let parsed: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(parsed.as_array().map(Vec::len), Some(3));
    let each: Vec<serde_json::Value> = [
        "harbour-bridge-tolls.yaml",
        "korea-troops.yaml",
        "night-buses.yaml",
    ]
    .iter()
    .map(|f| {
        let one = run(brief(repo).args(["export", &format!("briefings/{f}")]));
        serde_json::from_str(&one.stdout).unwrap()
    })
    .collect();
    assert!(
        parsed == serde_json::Value::Array(each),
        "not the files' exports"
    );
    // serde_json's layout: the array's objects indented by two spaces.
    assert!(out.stdout.starts_with("[\n  {\n    \"title\""));
    assert!(out.stdout.ends_with("\n  }\n]\n"));
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("bad.yaml"), "title: x\n").unwrap();
    let out = run(brief(tmp.path()).args(["export", "."]));
    assert_eq!((out.code, out.stdout.as_str()), (Some(1), "[]\n"));
}

/// A 1 MB unknown key (or value) is named by its start, not echoed whole; the file is held once
/// and still excerpted at its line.
#[test]
fn a_huge_unknown_key_is_not_echoed_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let key = "k".repeat(1 << 20);
    let text = format!(
        "title: T\ndate: 2025-01-01\n? {key}\n: 1\nclaims: []\nresponses: []\ncontext: []\n"
    );
    std::fs::write(tmp.path().join("big.yaml"), text).unwrap();
    let out = run(brief(tmp.path()).args(["check", "--short", "big.yaml"]));
    assert_eq!(out.code, Some(1));
    let first = out.stdout.lines().next().unwrap_or("");
    assert!(
        first.starts_with("big.yaml:3:3: error: unknown key `kkk"),
        "{}",
        &first[..first.len().min(200)]
    );
    assert!(first.len() < 1000, "{} bytes", first.len());
}
