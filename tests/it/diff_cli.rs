//! `brief diff`, `brief notes` and `--notes`, run as a user runs them: two versions of a bundled
//! briefing, identical files, JSON against the committed schema, `REV:PATH` in a temporary git
//! repository, `--since-read`, and two processes writing notes into one store at once.

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use assert_cmd::Command;
use serde_json::Value;

use crate::libsupport;
use crate::support::KOREA;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `brief` from the crate root, with no config file, NO_COLOR unset and its state in `state`.
fn brief(state: &Path) -> Command {
    let mut cmd = Command::cargo_bin("brief").unwrap();
    cmd.current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("BRIEF_STATE")
        .env_remove("BRIEF_CONFIG")
        .env(
            "XDG_CONFIG_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config-home"),
        )
        .env("XDG_STATE_HOME", state)
        .timeout(std::time::Duration::from_secs(30));
    cmd
}

fn run(state: &Path, args: &[&str]) -> (i32, String, String) {
    let out = brief(state).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The Korea briefing edited: a claim's status and text changed, a claim added, a context item
/// removed, a source regraded, a response added.
fn edited_korea() -> String {
    let text = libsupport::read(KOREA);
    let text = text
        .replace(
            "    date: 2025-05-22\n    status: reported\n",
            "    date: 2025-05-22\n    status: confirmed\n",
        )
        .replace(
            "no decision is described as having been taken.",
            "a decision is described as close.",
        );
    let start = text.find("  - id: snap-election").unwrap();
    let end = text.find("  - id: nds-review").unwrap();
    format!("{}{}", &text[..start], &text[end..]).replace(
        "\nresponses:\n",
        "\n  - id: late-claim\n    text: A claim added overnight.\n    source: wsj\n    status: reported\n\nresponses:\n",
    )
}

fn two_versions(dir: &Path) -> (PathBuf, PathBuf) {
    let old = dir.join("old.yaml");
    let new = dir.join("new.yaml");
    std::fs::write(&old, libsupport::read(KOREA)).unwrap();
    std::fs::write(&new, edited_korea()).unwrap();
    (old, new)
}

#[test]
fn two_versions_give_each_change_once_with_its_kind_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = two_versions(dir.path());
    let (code, out, err) = run(
        dir.path(),
        &["diff", old.to_str().unwrap(), new.to_str().unwrap()],
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.contains(": 1 added, 1 changed, 1 removed"), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let one = |prefix: &str| {
        let n = lines.iter().filter(|l| l.starts_with(prefix)).count();
        assert_eq!(n, 1, "{prefix} in\n{out}");
    };
    one("~ claim policy-review:");
    one("+ claim late-claim:");
    one("- context snap-election:");
    assert!(out.contains("    status: reported → confirmed"), "{out}");
    assert!(
        out.contains("[-no-]{+a+} decision is described as [-having been taken.-]{+close.+}"),
        "{out}"
    );
    // In a pipe, no colour.
    assert!(!out.contains('\u{1b}'), "{out:?}");
    // --color always colours it.
    let (_, coloured, _) = run(
        dir.path(),
        &[
            "diff",
            "--color",
            "always",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
        ],
    );
    assert!(coloured.contains("\u{1b}[32m"), "{coloured:?}");
}

#[test]
fn identical_files_print_nothing_and_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.yaml");
    // Formatting and key order are not changes.
    std::fs::write(&copy, format!("# a comment\n{}", libsupport::read(KOREA))).unwrap();
    let (code, out, err) = run(dir.path(), &["diff", KOREA, copy.to_str().unwrap()]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
}

#[test]
fn a_side_that_does_not_load_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(dir.path(), &["diff", KOREA, "no/such.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("no/such.yaml"), "{err}");
    let (code, _, err) = run(dir.path(), &["diff", KOREA, "--", "-x:briefing.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("may not start with `-`"), "{err}");
}

fn diff_schema() -> Value {
    let text = std::fs::read_to_string(root().join("docs/diff.schema.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn the_committed_schema_is_the_one_brief_writes() {
    let made = brief::cmd::diff::schema();
    let path = root().join("docs/diff.schema.json");
    if std::env::var_os("BRIEF_BLESS").is_some() {
        let text = serde_json::to_string_pretty(&made).unwrap() + "\n";
        std::fs::write(&path, text).unwrap();
    }
    assert_eq!(
        diff_schema(),
        made,
        "docs/diff.schema.json is stale: run this test with BRIEF_BLESS=1"
    );
}

#[test]
fn json_validates_against_the_schema_in_the_repo() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = two_versions(dir.path());
    let validator = jsonschema::draft7::new(&diff_schema()).unwrap();
    for (a, b) in [(&old, &new), (&old, &old)] {
        let (code, out, err) = run(
            dir.path(),
            &[
                "diff",
                "--format",
                "json",
                a.to_str().unwrap(),
                b.to_str().unwrap(),
            ],
        );
        assert!(code == 0 || code == 1, "{err}");
        let v: Value = serde_json::from_str(&out).unwrap();
        let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}\n{out}");
        assert_eq!(v["equal"], Value::Bool(code == 0));
    }
    let (_, out, _) = run(
        dir.path(),
        &[
            "diff",
            "-f",
            "json",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
        ],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let kinds: Vec<(String, String)> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap().to_string(),
                i["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("policy-review".to_string(), "changed".to_string()),
            ("late-claim".to_string(), "added".to_string()),
            ("snap-election".to_string(), "removed".to_string()),
        ]
    );
}

fn git(dir: &Path, args: &[&str]) {
    let out = StdCommand::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("this test needs git: {e}"));
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn rev_path_reads_a_committed_version_through_git() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    std::fs::create_dir_all(repo.join("briefings")).unwrap();
    let file = repo.join("briefings/korea.yaml");
    std::fs::write(&file, libsupport::read(KOREA)).unwrap();
    git(repo, &["init", "-q"]);
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "first"]);
    std::fs::write(&file, edited_korea()).unwrap();
    let out = brief(dir.path())
        .current_dir(repo)
        .args(["diff", "HEAD:briefings/korea.yaml", "briefings/korea.yaml"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.starts_with(
            "HEAD:briefings/korea.yaml → briefings/korea.yaml: 1 added, 1 changed, 1 removed"
        ),
        "{text}"
    );
    // The same committed version on both sides: equal.
    let out = brief(dir.path())
        .current_dir(repo)
        .args([
            "diff",
            "HEAD:briefings/korea.yaml",
            "HEAD:briefings/korea.yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // A revision git does not know: exit 2 and git's reason.
    let out = brief(dir.path())
        .current_dir(repo)
        .args([
            "diff",
            "nosuchrev:briefings/korea.yaml",
            "briefings/korea.yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&out.stderr).is_empty());
}

#[test]
fn since_read_diffs_what_the_reader_last_saw() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("korea.yaml");
    std::fs::write(&file, libsupport::read(KOREA)).unwrap();
    let path = file.to_str().unwrap();
    let (code, _, err) = run(dir.path(), &["diff", "--since-read", path]);
    assert_eq!(code, 2, "never read yet");
    assert!(err.contains("not read in brief yet"), "{err}");
    // A read, as the reader records it.
    {
        let mut store = brief::state::Store::open(&dir.path().join("brief/state.db")).unwrap();
        let doc = brief::briefing::load_path(&file, 1 << 30).unwrap();
        let snap = brief::briefing::diff::Snapshot::of(&doc.briefing);
        store
            .open_briefing(&brief::state::key_of(&doc), &snap)
            .unwrap();
    }
    let (code, out, _) = run(dir.path(), &["diff", "--since-read", path]);
    assert_eq!((code, out.as_str()), (0, ""));
    std::fs::write(&file, edited_korea()).unwrap();
    let (code, out, _) = run(dir.path(), &["diff", "--since-read", path]);
    assert_eq!(code, 1);
    assert!(out.starts_with("last read of "), "{out}");
    assert!(out.contains("+ claim late-claim"), "{out}");
}

fn notes_for(briefing: &str, prefix: &str, n: usize) -> String {
    let records: Vec<Value> = (0..n)
        .map(|i| {
            serde_json::json!({
                "briefing": briefing,
                "title": "T",
                "date": "2025-01-01",
                "item": format!("{prefix}{i}"),
                "flagged": i % 2 == 0,
                "note": format!("note {prefix}{i}"),
            })
        })
        .collect();
    serde_json::to_string(&records).unwrap()
}

#[test]
fn two_processes_writing_notes_at_once_lose_neither() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    // Each writes its own notes on the same briefing, in one transaction of its own.
    std::fs::write(&a, notes_for("/x.yaml", "a", 300)).unwrap();
    std::fs::write(&b, notes_for("/x.yaml", "b", 300)).unwrap();
    // Created first so that both start on a store that exists.
    let (code, _, err) = run(dir.path(), &["notes", "export"]);
    assert_eq!(code, 0, "{err}");
    let spawn = |file: &Path| {
        StdCommand::new(assert_cmd::cargo::cargo_bin("brief"))
            .args(["notes", "import"])
            .arg(file)
            .env("XDG_STATE_HOME", dir.path())
            .env_remove("BRIEF_STATE")
            .spawn()
            .unwrap()
    };
    let mut pa = spawn(&a);
    let mut pb = spawn(&b);
    assert!(pa.wait().unwrap().success());
    assert!(pb.wait().unwrap().success());
    let (code, out, err) = run(dir.path(), &["notes", "export"]);
    assert_eq!(code, 0, "{err}");
    let all: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(all.len(), 600, "{out}");
    // And they round-trip: exported, imported into an empty store, exported again.
    let other = tempfile::tempdir().unwrap();
    let export = other.path().join("export.json");
    std::fs::write(&export, &out).unwrap();
    let (code, _, err) = run(other.path(), &["notes", "import", export.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (_, again, _) = run(other.path(), &["notes", "export"]);
    assert_eq!(again, out);
}

#[test]
fn print_and_export_with_notes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("korea.yaml");
    std::fs::write(&file, libsupport::read(KOREA)).unwrap();
    let key = std::fs::canonicalize(&file).unwrap();
    let notes = dir.path().join("n.json");
    let records = serde_json::json!([{
        "briefing": key.to_str().unwrap(),
        "title": "South Korea denies talks on US troop withdrawal",
        "date": "2025-05-23",
        "item": "policy-review",
        "flagged": true,
        "note": "ask the desk about this",
    }]);
    std::fs::write(&notes, records.to_string()).unwrap();
    let (code, _, err) = run(dir.path(), &["notes", "import", notes.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let path = file.to_str().unwrap();
    let (code, out, err) = run(dir.path(), &["print", "--notes", path]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Notes (1)"), "{out}");
    assert!(out.contains("policy-review · flagged"), "{out}");
    assert!(out.contains("ask the desk about this"), "{out}");
    let (_, plain, _) = run(dir.path(), &["print", path]);
    assert!(!plain.contains("ask the desk"), "only with --notes");
    let (code, out, _) = run(dir.path(), &["export", "--notes", path]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    // Under `derived`, so the export still loads as the briefing (items keep the format's keys).
    let item = v["derived"]["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "policy-review")
        .unwrap();
    assert_eq!(item["note"], "ask the desk about this");
    assert_eq!(item["flagged"], true);
    let claim = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "policy-review")
        .unwrap();
    assert!(claim.get("note").is_none() && claim.get("flagged").is_none());
    let (_, md, _) = run(dir.path(), &["export", "--notes", "-f", "markdown", path]);
    assert!(
        md.contains("## Notes") && md.contains("`policy-review` (flagged): ask the desk"),
        "{md}"
    );
}
