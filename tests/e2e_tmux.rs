//! End to end: the real binary in a real terminal (tmux), driven by keys, read back with
//! `capture-pane`. The only tests that prove the terminal really shows the reader and is left
//! clean afterwards.
//!
//! Each test runs its own tmux server (`tmux -L brief-test-<pid>-<n>`), so tests in parallel never
//! share a session, and a guard kills the server however the test ends. Nothing here sleeps for a
//! fixed time and then asserts: every check polls the screen until the expected text appears or a
//! generous deadline passes (the machine may be loaded), and a timeout prints the screen.
//! Skipped, with a message, when tmux is not installed.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long to wait for the screen to show something. Only reached when a test fails.
const DEADLINE: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(50);

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// One tmux server with one session running `brief` under a shell, which prints
/// `BRIEF-EXIT=<status>` when brief exits and then waits, so the screen can be read.
struct Tmux {
    socket: String,
    target: String,
    /// The server's socket file, removed with the server (tmux leaves it behind).
    socket_path: Option<std::path::PathBuf>,
}

impl Tmux {
    /// Starts `brief ARGS...` in a `width`×`height` terminal; None when tmux is not installed.
    fn start(width: u16, height: u16, args: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("skipped: tmux is not installed");
            return None;
        }
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let socket = format!("brief-test-{}-{n}", std::process::id());
        let mut t = Tmux {
            target: format!("brief-{}-{n}", std::process::id()),
            socket,
            socket_path: None,
        };
        let script = format!(
            "'{}' {args}; echo BRIEF-EXIT=$?; sleep 60",
            env!("CARGO_BIN_EXE_brief")
        );
        let out = t.tmux(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            "-s",
            &t.target,
            "-c",
            env!("CARGO_MANIFEST_DIR"),
            "--",
            "sh",
            "-c",
            &script,
        ]);
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = t.tmux(&["display", "-p", "-t", &t.target, "#{socket_path}"]);
        let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
        t.socket_path = (!path.is_empty()).then(|| path.into());
        Some(t)
    }

    fn tmux(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new("tmux");
        cmd.arg("-L").arg(&self.socket).args(args);
        match cmd.output() {
            Ok(o) => o,
            Err(e) => panic!("running tmux {args:?}: {e}"),
        }
    }

    /// Types keys, in tmux's key names (`q`, `Enter`, `Escape`, `]`).
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.target];
        args.extend_from_slice(keys);
        let out = self.tmux(&args);
        assert!(out.status.success(), "send-keys {keys:?} failed");
    }

    /// The screen as text, wrapped lines joined (a narrow shell wraps `BRIEF-EXIT=0`).
    fn screen(&self) -> String {
        let out = self.tmux(&["capture-pane", "-p", "-J", "-t", &self.target]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn alternate_screen(&self) -> bool {
        let out = self.tmux(&["display", "-p", "-t", &self.target, "#{alternate_on}"]);
        String::from_utf8_lossy(&out.stdout).trim() == "1"
    }

    fn resize(&self, width: u16, height: u16) {
        let out = self.tmux(&[
            "resize-window",
            "-t",
            &self.target,
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
        assert!(out.status.success(), "resize-window failed");
    }

    /// Polls the screen until `ok` holds; fails with the last screen after the deadline.
    #[track_caller]
    fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if start.elapsed() > DEADLINE {
                panic!("timed out waiting for {what}; the screen shows:\n{screen}");
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until every one of `texts` is on screen.
    #[track_caller]
    fn wait_for(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("{texts:?}"), |s| {
            texts.iter().all(|t| s.contains(t))
        })
    }

    /// Presses `q` and checks brief exited with 0 and left the alternate screen.
    #[track_caller]
    fn quit_cleanly(&self) {
        self.keys(&["q"]);
        let screen = self.wait_for(&["BRIEF-EXIT="]);
        assert!(
            screen.contains("BRIEF-EXIT=0"),
            "brief should exit with 0:\n{screen}"
        );
        assert!(
            !self.alternate_screen(),
            "the terminal is still on the alternate screen"
        );
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
        if let Some(path) = &self.socket_path {
            let _ = std::fs::remove_file(path);
        }
    }
}

const KOREA: &str = "briefings/korea-troops.yaml";

/// The panes, as the reader first shows them at 120×40.
const PANES: [&str; 5] = [
    "Claims 1/4",
    "Responses 1/3",
    "Context 1/5",
    "The Trump administration is",
    "PANES",
];

#[test]
fn the_panes_appear_and_q_leaves_a_clean_terminal() {
    assert!(Path::new(env!("CARGO_MANIFEST_DIR")).join(KOREA).is_file());
    let Some(t) = Tmux::start(120, 40, KOREA) else {
        return;
    };
    let screen = t.wait_for(&PANES);
    assert!(screen.contains("South Korea denies talks on US troop withdrawal"));
    assert!(screen.contains("⚡5 contradictions"));
    // Three panes side by side: their titles share a row.
    assert!(
        screen.lines().any(|l| l.contains("Claims 1/4")
            && l.contains("Responses 1/3")
            && l.contains("Context 1/5")),
        "{screen}"
    );
    assert!(
        t.alternate_screen(),
        "the reader runs on the alternate screen"
    );
    t.quit_cleanly();
    let after = t.screen();
    assert!(
        !after.contains("Claims 1/4"),
        "the reader's screen is gone after it exits:\n{after}"
    );
}

#[test]
fn two_then_enter_opens_the_first_responses_detail() {
    let Some(t) = Tmux::start(120, 40, KOREA) else {
        return;
    };
    t.wait_for(&PANES);
    t.keys(&["2"]);
    t.wait_for(&["response 1/3"]);
    t.keys(&["Enter"]);
    let screen = t.wait_for(&["Response 1/3 · mnd-denial", "DETAIL"]);
    assert!(screen.contains("Answers the claims"), "{screen}");
    assert!(
        screen.contains("South Korea's defence ministry said it had held no talks"),
        "{screen}"
    );
    t.quit_cleanly();
}

#[test]
fn question_mark_shows_the_help_naming_search() {
    let Some(t) = Tmux::start(120, 40, KOREA) else {
        return;
    };
    t.wait_for(&PANES);
    t.keys(&["?"]);
    let screen = t.wait_for(&["Keys — ? or Esc to close", "HELP"]);
    assert!(
        screen
            .lines()
            .any(|l| l.contains(" / ") && l.contains("search")),
        "the help names `/` for search:\n{screen}"
    );
    t.keys(&["Escape"]);
    t.wait_until("the help to close", |s| {
        !s.contains("Keys — ? or Esc") && s.contains("PANES")
    });
    t.quit_cleanly();
}

#[test]
fn c_shows_a_contradiction_side_by_side_and_esc_returns() {
    let Some(t) = Tmux::start(120, 40, KOREA) else {
        return;
    };
    t.wait_for(&PANES);
    t.keys(&["c"]);
    let screen = t.wait_for(&["Contradiction 1/5", "CONTRADICTIONS"]);
    // Side by side: the claim and the denial start on the same row.
    assert!(
        screen.lines().any(|l| {
            l.contains("The Trump administration is considering")
                && l.contains("South Korea's defence ministry said")
        }),
        "both sides' texts share rows:\n{screen}"
    );
    t.keys(&["]"]);
    let screen = t.wait_for(&["Contradiction 2/5"]);
    assert!(
        screen.lines().any(|l| {
            l.contains("The option under preparation") && l.contains("South Korea's defence")
        }),
        "the next pair, side by side:\n{screen}"
    );
    t.keys(&["Escape"]);
    t.wait_until("the panes", |s| {
        PANES.iter().all(|p| s.contains(p)) && !s.contains("Contradiction 2/5")
    });
    t.quit_cleanly();
}

#[test]
fn ctrl_c_quits_cleanly_too() {
    let Some(t) = Tmux::start(80, 24, KOREA) else {
        return;
    };
    t.wait_for(&["Claims 1/4", "PANES"]);
    t.keys(&["C-c"]);
    let screen = t.wait_for(&["BRIEF-EXIT="]);
    assert!(screen.contains("BRIEF-EXIT=0"), "{screen}");
    assert!(!t.alternate_screen());
}

#[test]
fn a_tiny_terminal_says_it_is_too_small_and_q_still_quits() {
    let Some(t) = Tmux::start(10, 4, KOREA) else {
        return;
    };
    t.wait_for(&["too small"]);
    t.quit_cleanly();
}

#[test]
fn a_resize_redraws() {
    let Some(t) = Tmux::start(120, 40, KOREA) else {
        return;
    };
    t.wait_for(&PANES);
    t.resize(80, 24);
    // Narrow: one pane under a tab bar.
    let screen = t.wait_for(&["1 Claims (4)", "2 Responses (3)", "Claims 1/4"]);
    assert!(!screen.contains("Responses 1/3"), "{screen}");
    t.resize(10, 4);
    t.wait_for(&["too small"]);
    t.resize(120, 40);
    t.wait_for(&PANES);
    t.quit_cleanly();
}
