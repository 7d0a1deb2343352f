//! End to end: hostile file names, folders and terminals, from issue 21. The real binary in
//! tmux; every wait polls with a deadline only reached on failure. Fails without tmux.

use std::path::Path;

use crate::libsupport;
use crate::tmux::{quote, Tmux};

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

fn executable(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .unwrap_or_else(|e| panic!("{e}"));
}

const KOREA: &str = "briefings/korea-troops.yaml";

// ---- the editor gets a file, never an option or a command ----

/// A fake editor that reads its arguments as vim, emacs and nano do (`+…` a command or a
/// position, `-…` an option, everything after `--` a file, the rest files) and logs how it read
/// each one. Its first argument is the style, from `EDITOR="fake vim"`.
fn fake_editor(dir: &Path, log: &Path) -> std::path::PathBuf {
    let editor = dir.join("fake-editor.sh");
    executable(
        &editor,
        &format!(
            r#"#!/bin/sh
style=$1; shift; ended=no
for a in "$@"; do
  if [ "$ended" = yes ]; then printf 'file %s\n' "$a"; continue; fi
  case "$style:$a" in
    *:--) ended=yes ;;
    vim:+*|emacs:+*|nano:+*) printf 'command %s\n' "$a" ;;
    *:-*) printf 'option %s\n' "$a" ;;
    *) printf 'file %s\n' "$a" ;;
  esac
done >> {}
"#,
            quote(log)
        ),
    );
    editor
}

/// `e` on a briefing whose name is a vim command, an emacs option or a nano option: each editor
/// reads one position and one file, the file by its name.
#[test]
fn e_hands_the_editor_a_hostile_name_as_a_file() {
    for (style, name) in [
        ("vim", "+!touch PWNED.yaml"),
        ("emacs", "--eval=(kill-emacs).yaml"),
        ("nano", "-ignorercfiles.yaml"),
    ] {
        let dir = tempdir();
        std::fs::write(dir.path().join(name), libsupport::read(KOREA))
            .unwrap_or_else(|e| panic!("{e}"));
        let log = dir.path().join("argv.log");
        let editor = fake_editor(dir.path(), &log);
        let env = format!(
            "VISUAL= EDITOR={}",
            quote(Path::new(&format!("{} {style}", editor.display())))
        );
        // `--` so that brief itself takes the name as a path, as `brief -- *` would.
        let t = Tmux::start(
            dir.path(),
            120,
            40,
            &env,
            &format!("-- {}", quote(Path::new(name))),
        );
        t.wait_for(&["Claims 1/4", "PANES"]);
        t.keys(&["e"]);
        t.wait_for(&["reloaded", "PANES"]);
        let got = std::fs::read_to_string(&log).unwrap_or_else(|e| panic!("{e}"));
        let got: Vec<&str> = got.lines().collect();
        assert_eq!(got.len(), 2, "{style} read: {got:?}");
        assert!(
            got[0]
                .strip_prefix("command +")
                .is_some_and(|n| n.parse::<u32>().is_ok()),
            "{style} reads a line number first: {got:?}"
        );
        assert_eq!(
            got[1],
            format!("file ./{name}"),
            "{style} reads the file: {got:?}"
        );
        t.quit_cleanly();
    }
}
