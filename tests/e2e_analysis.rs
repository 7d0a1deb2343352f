//! End to end: the real binary in tmux opens the stance matrix (`m`), the timeline (`t`) and the
//! sources (`s`), hides a source (`x`), and quits cleanly. Skipped when tmux is not installed.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A private tmux server, killed when the test ends however it ends.
struct Tmux {
    socket: String,
    /// The socket file, removed at the end (tmux leaves it behind).
    path: Option<String>,
}

impl Tmux {
    fn start(name: &str, w: u16, h: u16, cmd: &str) -> Option<Tmux> {
        let socket = format!("brief-analysis-{}-{name}", std::process::id());
        let mut t = Tmux { socket, path: None };
        let ok = t
            .run(&[
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                &w.to_string(),
                "-y",
                &h.to_string(),
                "-s",
                "t",
                cmd,
            ])
            .is_some_and(|o| o.status.success());
        if !ok {
            return None;
        }
        t.run(&["set-option", "-t", "t", "remain-on-exit", "on"]);
        t.path = Some(t.query("#{socket_path}")).filter(|p| !p.is_empty());
        Some(t)
    }

    fn run(&self, args: &[&str]) -> Option<Output> {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .ok()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "t"])
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default()
    }

    fn query(&self, format: &str) -> String {
        self.run(&["display-message", "-p", "-t", "t", format])
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    }

    /// Polls the screen until every needle is on it; panics with the screen after 10 s.
    #[track_caller]
    fn wait_for(&self, needles: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.screen();
            if needles.iter().all(|n| screen.contains(n)) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("waited 10 s for {needles:?}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    #[track_caller]
    fn wait_gone(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.screen().contains(needle) {
            if Instant::now() > deadline {
                panic!("`{needle}` still on screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
        if let Some(p) = &self.path {
            let _ = std::fs::remove_file(p);
        }
    }
}

fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn session(name: &str, w: u16, h: u16) -> Option<Tmux> {
    if !have_tmux() {
        eprintln!("tmux is not installed; skipping");
        return None;
    }
    let file = format!("{}/briefings/korea-troops.yaml", env!("CARGO_MANIFEST_DIR"));
    // The shell reports brief's exit status on the screen, where the test reads it.
    let cmd = format!(
        "sh -c \"'{}' '{}'; echo BRIEF-EXIT=\\$?; sleep 30\"",
        env!("CARGO_BIN_EXE_brief"),
        file
    );
    let t = Tmux::start(name, w, h, &cmd);
    assert!(t.is_some(), "tmux could not start a session");
    t
}

#[track_caller]
fn opens_each_view(t: &Tmux) {
    t.wait_for(&["South Korea denies talks", "PANES"]);
    t.keys(&["m"]);
    t.wait_for(&["Stance matrix", "MATRIX", "wsj", "[●]"]);
    t.keys(&["l", "Enter"]);
    t.wait_for(&["DETAIL", "mnd-denial"]);
    t.keys(&["Escape"]);
    t.wait_for(&["MATRIX"]);

    t.keys(&["t"]);
    t.wait_for(&["Timeline ·", "TIMELINE", "+1d", "2025-05-22"]);
    t.keys(&["t"]);
    t.wait_for(&["PANES"]);

    // The panes followed the matrix to the ministry's denial, so the sources open on the
    // ministry.
    t.keys(&["s"]);
    t.wait_for(&[
        "Sources ·",
        "SOURCES",
        "The Wall Street Journal",
        "Interest",
    ]);
    t.keys(&["x"]);
    t.wait_for(&["hiding: Ministry of National Defense", "hiding mnd"]);
    t.keys(&["x"]);
    t.wait_gone("hiding mnd");
    t.keys(&["Escape"]);
    t.wait_for(&["PANES"]);

    t.keys(&["q"]);
    t.wait_for(&["BRIEF-EXIT=0"]);
}

#[test]
fn views_open_in_a_real_terminal_at_120x40() {
    if let Some(t) = session("wide", 120, 40) {
        opens_each_view(&t);
    }
}

#[test]
fn views_open_in_a_real_terminal_at_80x24() {
    if let Some(t) = session("narrow", 80, 24) {
        opens_each_view(&t);
    }
}
