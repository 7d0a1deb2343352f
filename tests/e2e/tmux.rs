//! The tmux harness of the end-to-end tests: the real `brief` binary in a real terminal, driven
//! by keys (`send-keys`) and read back (`capture-pane`).
//!
//! Each session runs on its own tmux server (`tmux -L brief-e2e-<pid>-<n>`), so tests in
//! parallel never share one, and a guard kills the server however the test ends. Nothing sleeps
//! for a fixed time and then asserts: every wait polls the screen until what is expected is there
//! **and the screen has settled** (two captures in a row agree, so a frame caught half-written is
//! never taken for the answer), or a generous deadline passes — only reached when something is
//! wrong, and then the screen is printed.
//!
//! Without tmux the tests fail, they are not skipped: a test that passes without running proves
//! nothing, and a CI machine that lost tmux would go on passing. `.ci/run` installs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long to wait for the screen. Only reached when a test fails; the machine may be loaded.
pub const DEADLINE: Duration = Duration::from_secs(15);
pub const POLL: Duration = Duration::from_millis(40);

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// One tmux server with one session, `t`, running a shell script.
pub struct Tmux {
    socket: String,
    /// The server's socket file, removed with the server (tmux leaves it behind).
    socket_path: Option<PathBuf>,
}

/// `p` quoted for `sh`.
pub fn quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

/// The release-or-debug `brief` binary cargo built for these tests, quoted for `sh`.
pub fn brief() -> String {
    quote(Path::new(env!("CARGO_BIN_EXE_brief")))
}

/// A config home with no config file in it: what every session gets unless it says otherwise.
pub fn no_config_home() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-config-home")
}

/// The repository, where the bundled briefings are.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

impl Tmux {
    /// Runs `ENV brief ARGS` in `dir` in a `width`×`height` terminal, under `sh`, which prints
    /// `BRIEF-EXIT=<status>` when brief exits and then waits, so the last screen can be read.
    /// Panics without tmux.
    pub fn start(dir: &Path, width: u16, height: u16, env: &str, args: &str) -> Tmux {
        let script = format!("{env} {} {args}; echo BRIEF-EXIT=$?; sleep 60", brief());
        Tmux::start_script(dir, width, height, &script)
    }

    /// Runs `sh -c SCRIPT` in `dir` in a `width`×`height` terminal. Panics without tmux.
    pub fn start_script(dir: &Path, width: u16, height: u16, script: &str) -> Tmux {
        if let Err(e) = Command::new("tmux").arg("-V").output() {
            panic!(
                "the end-to-end tests need tmux, and running `tmux -V` failed: {e}; \
                 install tmux (apt-get install tmux) or run `cargo test --test it` for the rest"
            );
        }
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let mut t = Tmux {
            socket: format!(
                "brief-{}-{}-{n}",
                env!("CARGO_CRATE_NAME"),
                std::process::id()
            ),
            socket_path: None,
        };
        let dir = dir.display().to_string();
        let (w, h) = (width.to_string(), height.to_string());
        // Never the user's config file or look: no config file at all unless a test writes one
        // (and names it in the script's environment), no NO_COLOR, no theme.
        let no_config = format!("XDG_CONFIG_HOME={}", no_config_home().display());
        // Nor the user's reading state: a state home of the session's own, unless the script
        // names one (a test of what is remembered between two runs).
        let state_home = format!("XDG_STATE_HOME={}", state_home(&t.socket).display());
        // Nor the user's library index: a cache home of the session's own.
        let cache_home = format!("XDG_CACHE_HOME={}", cache_home(&t.socket).display());
        let out = t.tmux(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            &w,
            "-y",
            &h,
            "-s",
            "t",
            "-c",
            &dir,
            "-e",
            &no_config,
            "-e",
            &state_home,
            "-e",
            &cache_home,
            "-e",
            "BRIEF_INDEX=",
            "-e",
            "BRIEF_STATE=",
            "-e",
            "BRIEF_CONFIG=",
            "-e",
            "BRIEF_THEME=",
            "-e",
            "NO_COLOR=",
            "-e",
            "COLORFGBG=",
            "--",
            "sh",
            "-c",
            script,
        ]);
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let path = t.display("#{socket_path}");
        t.socket_path = (!path.is_empty()).then(|| path.into());
        t
    }

    /// Runs a tmux command on this server.
    pub fn tmux(&self, args: &[&str]) -> Output {
        match Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
        {
            Ok(o) => o,
            Err(e) => panic!("running tmux {args:?}: {e}"),
        }
    }

    /// A tmux format (`#{pane_pid}`, `#{alternate_on}`) evaluated for the pane.
    pub fn display(&self, format: &str) -> String {
        let out = self.tmux(&["display", "-p", "-t", "t", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Presses keys, in tmux's names (`q`, `Enter`, `Escape`, `]`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        assert!(self.tmux(&args).status.success(), "send-keys {keys:?}");
    }

    /// Types text literally.
    pub fn type_text(&self, text: &str) {
        assert!(
            self.tmux(&["send-keys", "-t", "t", "-l", text])
                .status
                .success(),
            "send-keys -l {text:?}"
        );
    }

    /// The screen with its SGR escapes (`capture-pane -e`): the styles as the terminal has them.
    pub fn screen_escaped(&self) -> String {
        let out = self.tmux(&["capture-pane", "-p", "-e", "-J", "-t", "t"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The terminal cursor: (column, row, shown).
    pub fn cursor(&self) -> (u16, u16, bool) {
        let s = self.display("#{cursor_x} #{cursor_y} #{cursor_flag}");
        let mut it = s.split(' ');
        let mut next = || {
            it.next()
                .and_then(|v| v.parse::<u16>().ok())
                .unwrap_or(u16::MAX)
        };
        (next(), next(), next() == 1)
    }

    /// The screen as text, wrapped lines joined (a narrow shell wraps `BRIEF-EXIT=0`).
    pub fn screen(&self) -> String {
        let out = self.tmux(&["capture-pane", "-p", "-J", "-t", "t"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn alternate_screen(&self) -> bool {
        self.display("#{alternate_on}") == "1"
    }

    pub fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        let out = self.tmux(&["resize-window", "-t", "t", "-x", &w, "-y", &h]);
        assert!(out.status.success(), "resize-window failed");
    }

    /// Polls until `ok` holds on a settled screen (the same on two captures in a row) and
    /// returns it; fails with the last screen after the deadline.
    #[track_caller]
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut last: Option<String> = None;
        loop {
            let screen = self.screen();
            if ok(&screen) {
                if last.as_deref() == Some(screen.as_str()) {
                    return screen;
                }
                last = Some(screen);
                std::thread::sleep(POLL / 2);
                continue;
            }
            last = None;
            if start.elapsed() > DEADLINE {
                panic!("timed out waiting for {what}; the screen shows:\n{screen}");
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until every one of `texts` is on a settled screen.
    #[track_caller]
    pub fn wait_for(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("{texts:?}"), |s| {
            texts.iter().all(|t| s.contains(t))
        })
    }

    /// Waits until `text` has left the screen.
    #[track_caller]
    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} to go"), |s| !s.contains(text))
    }

    /// Presses Esc alone and waits until `text` has left the screen. (An Esc followed at once by
    /// another key reads as Alt-key, so the screen is awaited before the next key.)
    #[track_caller]
    pub fn escape_until_gone(&self, text: &str) -> String {
        self.keys(&["Escape"]);
        self.wait_gone(text)
    }

    /// The status bar: the last non-empty line.
    pub fn status(screen: &str) -> &str {
        screen
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
    }

    /// Presses `q` and checks brief exited with 0 and left the alternate screen.
    #[track_caller]
    pub fn quit_cleanly(&self) {
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
        if let Some(p) = &self.socket_path {
            let _ = std::fs::remove_file(p);
        }
        let _ = std::fs::remove_dir_all(state_home(&self.socket));
    }
}

/// The reading-state home of the session on `socket`, removed with the server.
fn state_home(socket: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("state-home-{socket}"))
}

fn cache_home(socket: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cache-home-{socket}"))
}
