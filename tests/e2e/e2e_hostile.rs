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

// ---- the watcher reads regular files only ----

/// `brief DIR` on a folder of two briefings, at 120×40, once the library shows both.
fn library_of_two(dir: &Path) -> Tmux {
    std::fs::write(dir.join("korea.yaml"), libsupport::read(KOREA))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.join("second.yaml"),
        libsupport::read("briefings/night-buses.yaml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let t = Tmux::start(dir, 120, 40, "", &quote(dir));
    t.wait_for(&["2 briefings"]);
    t
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(
        matches!(made, Ok(s) if s.success()),
        "mkfifo {}",
        path.display()
    );
}

/// A pipe named `*.yaml` and a symlink to `/dev/tty` appear in a watched folder: both are
/// refused without being read, the keys still reach the reader, and `q` exits.
#[test]
fn a_pipe_and_a_tty_link_appearing_in_a_watched_folder_hold_nothing() {
    let dir = tempdir();
    let t = library_of_two(dir.path());
    mkfifo(&dir.path().join("pipe.yaml"));
    std::os::unix::fs::symlink("/dev/tty", dir.path().join("tty.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let screen = t.wait_for(&["4 briefings", "2 with errors"]);
    assert!(
        screen.contains("pipe.yaml") && screen.contains("tty.yaml"),
        "{screen}"
    );
    // A loader reading the terminal would take these keys; the reader must get them.
    t.keys(&["/"]);
    t.wait_for(&["/▏"]);
    t.type_text("korea");
    t.wait_for(&["/korea▏"]);
    t.escape_until_gone("/korea▏");
    t.quit_cleanly();
}

/// The open file is replaced by a pipe: the reload refuses it, and `q` still exits (a loader
/// blocked on the pipe used to keep the process alive for ever).
#[test]
fn the_open_file_replaced_by_a_pipe_is_refused_and_q_exits() {
    let dir = tempdir();
    let path = dir.path().join("korea.yaml");
    std::fs::write(&path, libsupport::read(KOREA)).unwrap_or_else(|e| panic!("{e}"));
    let t = Tmux::start(dir.path(), 120, 40, "", &quote(&path));
    t.wait_for(&["Claims 1/4", "PANES"]);
    std::fs::remove_file(&path).unwrap_or_else(|e| panic!("{e}"));
    mkfifo(&path);
    t.wait_for(&["not a regular file"]);
    t.quit_cleanly();
}
