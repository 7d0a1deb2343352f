//! The editor and shell tooling from the command line (issue 19): `brief new` writes a skeleton
//! that `brief check` passes, with the schema modeline first; `brief man` is a page `man` reads
//! without a warning and names every subcommand; the completion scripts complete briefing paths
//! to `*.yaml` and no file names for `--max-size`, and nushell has one too.

use std::path::Path;
use std::process::Stdio;

use assert_cmd::Command;

fn brief(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("brief").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_STATE_HOME", home)
        .env_remove("BRIEF_CONFIG")
        .timeout(std::time::Duration::from_secs(20));
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn brief_new_writes_a_skeleton_that_check_passes_with_the_modeline_first() {
    let home = tempfile::tempdir().unwrap();
    let text = stdout(brief(home.path()).args(["new", "Ports \"reopen\": day #2"]));
    let schema = home.path().join("brief/briefing.schema.json");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(format!("# yaml-language-server: $schema={}", schema.display()).as_str())
    );
    assert_eq!(
        lines.next(),
        Some(format!("# $schema: {}", schema.display()).as_str())
    );
    let file = home.path().join("new.yaml");
    std::fs::write(&file, &text).unwrap();
    let out = brief(home.path()).arg("check").arg(&file).output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{report}");
    assert!(report.contains("0 errors, 0 warnings"), "{report}");
    let print = stdout(brief(home.path()).arg("print").arg(&file));
    assert!(print.contains("Ports \"reopen\": day #2"), "{print}");

    // An empty or blank title gets the placeholder: the skeleton still passes (QA).
    for blank in ["", "   "] {
        let text = stdout(brief(home.path()).args(["new", blank]));
        std::fs::write(&file, &text).unwrap();
        let out = brief(home.path()).arg("check").arg(&file).output().unwrap();
        assert!(
            out.status.success(),
            "{blank:?}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }

    // --schema names another; no title gives a placeholder that passes too.
    let text = stdout(brief(home.path()).args(["new", "--schema", "./brief.schema.json"]));
    assert!(text.starts_with("# yaml-language-server: $schema=./brief.schema.json\n"));
    std::fs::write(&file, &text).unwrap();
    brief(home.path())
        .arg("check")
        .arg(&file)
        .assert()
        .success();
    // And the schema `brief schema` writes accepts it (what the editor will check).
    let schema_text = stdout(brief(home.path()).arg("schema"));
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    let value = serde_yaml_value(&text);
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

/// The skeleton as JSON, through the YAML the reader reads (JSON is what the validator takes).
fn serde_yaml_value(text: &str) -> serde_json::Value {
    let v: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
    serde_json::to_value(v).unwrap()
}

#[test]
fn brief_man_is_read_by_man_without_a_warning_and_names_every_subcommand() {
    use clap::CommandFactory;
    let home = tempfile::tempdir().unwrap();
    let page = stdout(brief(home.path()).arg("man"));
    let file = home.path().join("brief.1");
    std::fs::write(&file, &page).unwrap();
    // `man` must be there: without it this fails, it does not pass for want of a check.
    let out = std::process::Command::new("man")
        .args(["--warnings", "-l"])
        .arg(&file)
        .env("MANWIDTH", "80")
        .env("MAN_KEEP_FORMATTING", "0")
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("running `man` failed ({e}); install man-db"));
    let warnings = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "man failed: {warnings}");
    assert!(warnings.trim().is_empty(), "man warns:\n{warnings}");
    let shown = plain(&String::from_utf8_lossy(&out.stdout));
    let mut names = Vec::new();
    for sub in brief::cli::Cli::command().get_subcommands() {
        names.push(format!("BRIEF {}", sub.get_name().to_uppercase()));
        for s in sub.get_subcommands() {
            names.push(format!(
                "BRIEF {} {}",
                sub.get_name().to_uppercase(),
                s.get_name().to_uppercase()
            ));
        }
    }
    assert!(names.len() >= 13, "{names:?}");
    for name in &names {
        assert!(
            shown.lines().any(|l| l.trim_end() == name),
            "no section {name} in the page:\n{shown}"
        );
    }
    assert!(shown.contains("--max-size"), "{shown}");
}

/// `man`'s output without its overstrikes (`N\x08N` is a bold N, `_\x08x` an underlined x).
fn plain(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars.get(i + 1) == Some(&'\u{8}') {
            i += 2;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[test]
fn completions_complete_briefings_to_yaml_and_nothing_for_max_size() {
    let home = tempfile::tempdir().unwrap();
    let bash = stdout(brief(home.path()).args(["completions", "bash"]));
    assert!(bash.contains("compgen -f -X '!*.yaml'"), "{bash}");
    assert!(bash.contains("complete -F _brief_briefings"), "{bash}");
    let max = bash.find("--max-size)").unwrap();
    let case = &bash[max..max + 120];
    assert!(
        !case.contains("compgen -f"),
        "--max-size completes files: {case}"
    );
    let zsh = stdout(brief(home.path()).args(["completions", "zsh"]));
    assert!(
        zsh.contains("'*::paths -- Files or folders to print:_files -g \"*.(yaml|yml)(-.)\"'"),
        "{zsh}"
    );
    assert!(
        zsh.contains("allowed)]:BYTES:' \\"),
        "--max-size completes nothing in zsh"
    );
    let fish = stdout(brief(home.path()).args(["completions", "fish"]));
    assert!(
        fish.contains(
            "complete -c brief -n \"__fish_brief_using_subcommand check print export diff\" -f -a \"(__fish_complete_suffix .yaml .yml)\""
        ),
        "{fish}"
    );
    let nu = stdout(brief(home.path()).args(["completions", "nushell"]));
    assert!(nu.contains("export extern brief ["), "{nu}");
    assert!(nu.contains("export extern \"brief check\" ["), "{nu}");

    // The scripts are valid for their shells where the shell is here (bash always is).
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("brief.bash");
    std::fs::write(&script, &bash).unwrap();
    let ok = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .unwrap();
    assert!(ok.success());
}
