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

/// Folders moved out of, into and within a watched library: their briefings go, come and
/// move with them (QA: a folder moved out left its rows listed, one moved in added nothing).
#[test]
fn folders_moved_out_of_into_and_within_a_watched_library_are_followed() {
    let dir = tempdir();
    let lib = dir.path().join("lib");
    let sub = lib.join("sub");
    std::fs::create_dir_all(&sub).unwrap_or_else(|e| panic!("{e}"));
    let t = library_of_two(&lib);
    std::fs::write(sub.join("a.yaml"), libsupport::read(KOREA)).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        sub.join("b.yaml"),
        libsupport::read("briefings/night-buses.yaml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    t.wait_for(&["4 briefings"]);
    let away = dir.path().join("away");
    std::fs::rename(&sub, &away).unwrap_or_else(|e| panic!("{e}"));
    t.wait_for(&["2 briefings"]);
    std::fs::rename(&away, lib.join("back")).unwrap_or_else(|e| panic!("{e}"));
    t.wait_for(&["4 briefings"]);
    std::fs::rename(lib.join("back"), lib.join("renamed")).unwrap_or_else(|e| panic!("{e}"));
    // The rows are the renamed folder's: one of its files deleted leaves three (ghosts of
    // `back` would leave more, or errors).
    std::thread::sleep(std::time::Duration::from_millis(500));
    std::fs::remove_file(lib.join("renamed/a.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let screen = t.wait_for(&["3 briefings"]);
    assert!(!screen.contains("with errors"), "{screen}");
    t.quit_cleanly();
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

// ---- the terminal is not trusted ----

/// A terminal that says it is 65535×65535 (`stty` sets the size of tmux's pane): the reader
/// draws within its clamp instead of aborting on a 206 GB allocation, and `q` leaves the
/// terminal as it was.
#[test]
fn a_65535_square_terminal_does_not_abort_the_reader() {
    let script = format!(
        "stty rows 65535 cols 65535; {} {}; echo BRIEF-EXIT=$?; sleep 60",
        crate::tmux::brief(),
        KOREA
    );
    let t = Tmux::start_script(crate::tmux::repo(), 100, 30, &script);
    // The frame is 1000 columns wide: the pane shows its left part, the status bar's start.
    t.wait_for(&["PANES  claim 1/4"]);
    assert!(t.alternate_screen(), "the reader is drawn");
    t.quit_cleanly();
}

/// The reader never asks the terminal where the cursor is (DSR, `ESC [6n`): not at the start,
/// not when it takes the terminal back from the editor, not after a stop. A terminal that does
/// not answer made those redraws fail. `script` records every byte brief writes.
#[test]
fn the_reader_never_asks_for_the_cursor_position() {
    let dir = tempdir();
    let log = dir.path().join("typescript");
    let inner = format!(
        "VISUAL= EDITOR=true {} {}",
        crate::tmux::brief(),
        quote(&crate::tmux::repo().join(KOREA))
    );
    let script = format!(
        "script -q -e -f -c {} {}; echo BRIEF-EXIT=$?; sleep 60",
        quote(Path::new(&inner)),
        quote(&log)
    );
    let t = Tmux::start_script(dir.path(), 100, 30, &script);
    t.wait_for(&["Claims 1/4", "PANES"]);
    t.keys(&["e"]);
    t.wait_for(&["reloaded", "PANES"]);
    t.quit_cleanly();
    let bytes = std::fs::read(&log).unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes.len() > 1000, "script recorded the session");
    let asked = bytes.windows(4).filter(|w| w == b"\x1b[6n").count();
    assert_eq!(
        asked, 0,
        "brief asked for the cursor position {asked} times"
    );
}

/// The terminal goes away without a SIGHUP (a pty whose other end is closed, brief not in its
/// session): brief exits with 129 instead of spinning on end-of-file for ever.
#[test]
fn a_terminal_that_vanishes_without_sighup_ends_the_reader() {
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::os::unix::process::CommandExt;
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors into the integers given.
    let made = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(made, 0, "openpty failed");
    // Not inherited by what other tests spawn meanwhile: one copy of the master left open
    // elsewhere would keep the terminal alive.
    for fd in [master, slave] {
        // SAFETY: fcntl on descriptors just opened.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    // SAFETY: both descriptors were just opened and are owned here only.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let dir = tempdir();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_brief"));
    cmd.arg(crate::tmux::repo().join(KOREA))
        .env("XDG_CONFIG_HOME", dir.path())
        .env("TERM", "xterm-256color")
        .stdin(slave.try_clone().unwrap())
        .stdout(slave.try_clone().unwrap())
        .stderr(slave);
    // A session of its own, with no controlling terminal: closing the pty sends no SIGHUP.
    // SAFETY: setsid is async-signal-safe.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    drop(cmd);
    // Read what it draws until the panes are there, then close the terminal.
    let mut file = std::fs::File::from(master);
    let mut seen = Vec::new();
    let start = std::time::Instant::now();
    while !String::from_utf8_lossy(&seen).contains("PANES") {
        use std::io::Read;
        let mut buf = [0u8; 4096];
        match file.read(&mut buf) {
            Ok(n) if n > 0 => seen.extend_from_slice(&buf[..n]),
            _ => break,
        }
        assert!(
            start.elapsed() < crate::tmux::DEADLINE,
            "the reader was never drawn"
        );
    }
    drop(file);
    let start = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert_eq!(status.code(), Some(129), "{status}");
            return;
        }
        if start.elapsed() > crate::tmux::DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("brief still runs after its terminal went away");
        }
        std::thread::sleep(crate::tmux::POLL);
    }
}

// ---- usage errors quote argv sanitised ----

/// `brief check *` in a folder holding a file named `--\e]0;PWNED\a.yaml`, on a terminal: the
/// usage error shows the name with its controls as symbols, and the window title stays.
#[test]
fn a_usage_error_on_a_terminal_does_not_set_the_window_title() {
    let dir = tempdir();
    std::fs::write(dir.path().join("--\u{1b}]2;PWNED\u{7}.yaml"), "x")
        .unwrap_or_else(|e| panic!("{e}"));
    let script = format!(
        "{} check *; echo BRIEF-EXIT=$?; sleep 60",
        crate::tmux::brief()
    );
    let t = Tmux::start_script(dir.path(), 120, 30, &script);
    let screen = t.wait_for(&["BRIEF-EXIT=2"]);
    assert!(screen.contains("--␛]2;PWNED␇.yaml"), "{screen}");
    assert_ne!(t.display("#{pane_title}"), "PWNED", "the title was set");
}
