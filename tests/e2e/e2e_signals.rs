//! SIGTERM, SIGHUP, SIGINT and SIGQUIT sent to the real reader in a real terminal (tmux): brief
//! exits and leaves the terminal as it found it — off the alternate screen, cursor shown, raw mode
//! off (the line discipline is back in canonical mode, which `stty -a` shows as `icanon`).
//!
//! Job control: `Ctrl-z` and SIGTSTP leave the terminal the same way and stop brief; SIGCONT
//! (what `fg` sends) brings the reader back, drawn whole, in raw mode. The shell here has no job
//! control, so SIGCONT is sent with `kill`, as `fg` would.
//!
//! The signal goes to brief's pid only, found as the child of the pane's shell. The shell runs
//! `trap '' HUP` so that, should a SIGHUP reach it too, it stays alive to print `BRIEF-EXIT=`;
//! brief runs in a subshell that sets HUP back to its default first (an ignored signal would stay
//! ignored across `exec`). Raw mode is read with `stty -a -F` on the pane's tty from outside,
//! since the shell is busy in `sleep` afterwards.
//!
//! Each test runs its own tmux server, killed by a guard however the test ends. Every wait polls
//! with a deadline that is only reached on failure. Without tmux they fail.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::tmux::{brief, repo, Tmux};

const DEADLINE: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(50);

/// The reader on the Korea briefing at 100×30, in a shell that ignores HUP while brief, in a
/// subshell with HUP's default action back, does not.
fn start() -> Tmux {
    let script = format!(
        "trap '' HUP; (trap - HUP; exec {} briefings/korea-troops.yaml); \
         echo BRIEF-EXIT=$?; sleep 60",
        brief()
    );
    Tmux::start_script(repo(), 100, 30, &script)
}

/// `stty -a` of the pane's terminal.
fn stty(t: &Tmux) -> String {
    let tty = t.display("#{pane_tty}");
    match Command::new("stty").args(["-a", "-F", &tty]).output() {
        Ok(o) => String::from_utf8_lossy(&o.stdout).into_owned(),
        Err(e) => panic!("stty -a -F {tty}: {e}"),
    }
}

/// brief's pid: the child of the pane's shell (the subshell `exec`s brief).
#[track_caller]
fn brief_pid(t: &Tmux) -> String {
    let shell = t.display("#{pane_pid}");
    let start = Instant::now();
    loop {
        let out = Command::new("ps")
            .args(["-o", "pid=,comm=", "--ppid", &shell])
            .output();
        let out = match out {
            Ok(o) => String::from_utf8_lossy(&o.stdout).into_owned(),
            Err(e) => panic!("ps: {e}"),
        };
        if let Some(pid) = out
            .lines()
            .find(|l| l.trim_end().ends_with("brief"))
            .and_then(|l| l.split_whitespace().next())
        {
            return pid.to_string();
        }
        if start.elapsed() > DEADLINE {
            panic!("no brief process under the shell {shell}: {out}");
        }
        std::thread::sleep(POLL);
    }
}

/// Starts the reader, sends `signal` to brief, and checks the terminal is restored.
fn signal_restores_the_terminal(signal: &str) {
    let t = start();
    t.wait_for(&["PANES"]);
    assert_eq!(t.display("#{alternate_on}"), "1", "the reader is drawn");
    // The checks below can tell: while the reader runs, the cursor is hidden and raw mode is on.
    assert_eq!(
        t.display("#{cursor_flag}"),
        "0",
        "the reader hides the cursor"
    );
    let before = stty(&t);
    assert!(
        before.split_whitespace().any(|w| w == "-icanon"),
        "the reader runs in raw mode:\n{before}"
    );
    let pid = brief_pid(&t);
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), &pid])
        .status();
    assert!(
        matches!(killed, Ok(s) if s.success()),
        "kill -{signal} {pid} failed"
    );
    let screen = t.wait_for(&["BRIEF-EXIT="]);
    assert_eq!(
        t.display("#{alternate_on}"),
        "0",
        "still on the alternate screen after SIG{signal}:\n{screen}"
    );
    // tmux 3.x: cursor_flag is 1 while the cursor is shown (DECTCEM set).
    assert_eq!(
        t.display("#{cursor_flag}"),
        "1",
        "the cursor is hidden after SIG{signal}"
    );
    assert!(
        !screen.contains("Claims 1/4"),
        "the reader's screen is gone after SIG{signal}:\n{screen}"
    );
    let out = stty(&t);
    let tty = t.display("#{pane_tty}");
    assert!(
        out.split_whitespace().any(|w| w == "icanon"),
        "raw mode is still on after SIG{signal} (stty -a on {tty}):\n{out}"
    );
    assert!(
        out.split_whitespace().any(|w| w == "echo"),
        "echo is still off after SIG{signal}:\n{out}"
    );
}

/// Polls until the tmux format `format` reads `want`; fails with the screen after the deadline.
#[track_caller]
fn wait_display(t: &Tmux, format: &str, want: &str) {
    let start = Instant::now();
    loop {
        let got = t.display(format);
        if got == want {
            return;
        }
        if start.elapsed() > DEADLINE {
            panic!(
                "{format} is {got}, not {want}; the screen shows:\n{}",
                t.screen()
            );
        }
        std::thread::sleep(POLL);
    }
}

/// Polls until brief's state in `ps` (`T`: stopped) starts, or not, with `T`.
#[track_caller]
fn wait_stopped(pid: &str, stopped: bool) {
    let start = Instant::now();
    loop {
        let state = match Command::new("ps").args(["-o", "stat=", "-p", pid]).output() {
            Ok(o) => String::from_utf8_lossy(&o.stdout).trim().to_string(),
            Err(e) => panic!("ps: {e}"),
        };
        if state.starts_with('T') == stopped {
            return;
        }
        if start.elapsed() > DEADLINE {
            panic!("brief ({pid}) is in state {state:?}, stopped should be {stopped}");
        }
        std::thread::sleep(POLL);
    }
}

#[track_caller]
fn kill(signal: &str, pid: &str) {
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), pid])
        .status();
    assert!(
        matches!(killed, Ok(s) if s.success()),
        "kill -{signal} {pid} failed"
    );
}

/// `stty -a` says canonical mode (`icanon`, raw mode off) or not (`-icanon`).
#[track_caller]
fn assert_icanon(t: &Tmux, on: bool, when: &str) {
    let out = stty(t);
    let want = if on { "icanon" } else { "-icanon" };
    assert!(
        out.split_whitespace().any(|w| w == want),
        "{when}: stty -a should say {want}:\n{out}"
    );
}

/// Stops the running reader with `stop` (keys or a signal), checks the terminal is the shell's
/// again, continues it as `fg` would and checks the reader is back as it was left.
fn suspend_and_resume(stop: impl FnOnce(&Tmux, &str)) {
    let t = start();
    t.wait_for(&["Claims 1/4", "PANES"]);
    // A half-typed query survives the stop.
    t.keys(&["/"]);
    t.wait_for(&["/▏"]);
    t.type_text("seoul");
    t.wait_for(&["/seoul▏", "Responses 3/3"]);
    assert_icanon(&t, false, "the reader runs in raw mode");
    let pid = brief_pid(&t);

    stop(&t, &pid);
    wait_stopped(&pid, true);
    wait_display(&t, "#{alternate_on}", "0");
    let screen = t.wait_gone("seoul");
    assert_eq!(
        t.display("#{cursor_flag}"),
        "1",
        "the cursor is shown while brief is stopped:\n{screen}"
    );
    assert_eq!(
        t.display("#{mouse_any_flag}"),
        "0",
        "mouse reporting is off while brief is stopped"
    );
    assert_icanon(&t, true, "while brief is stopped");

    kill("CONT", &pid);
    wait_stopped(&pid, false);
    wait_display(&t, "#{alternate_on}", "1");
    // Drawn whole: the panes, the prompt with what was typed, the match it had selected.
    t.wait_for(&["/seoul▏", "Responses 3/3", "Claims", "Context"]);
    assert_eq!(
        t.display("#{cursor_flag}"),
        "0",
        "the reader hides the cursor again"
    );
    assert_icanon(&t, false, "after SIGCONT, raw mode is on again");

    t.escape_until_gone("/seoul");
    t.quit_cleanly();
    assert_eq!(
        t.display("#{cursor_flag}"),
        "1",
        "the cursor is shown at the end"
    );
    assert_icanon(&t, true, "after q");
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_sigcont_brings_the_reader_back() {
    suspend_and_resume(|t, _| t.keys(&["C-z"]));
}

#[test]
fn sigtstp_gives_the_terminal_back_and_sigcont_brings_the_reader_back() {
    suspend_and_resume(|_, pid| kill("TSTP", pid));
}

#[test]
fn sigquit_restores_the_terminal() {
    signal_restores_the_terminal("QUIT");
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal("TERM");
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal("HUP");
}

#[test]
fn sigint_restores_the_terminal() {
    signal_restores_the_terminal("INT");
}

// Fatal signals beyond the four above (issue 21: they left raw mode on). SIGABRT is what an
// abort raises (a failed allocation, `panic = "abort"`): its handler restores the terminal with
// async-signal-safe calls only and the process still dies of it.

#[test]
fn sigusr1_restores_the_terminal() {
    signal_restores_the_terminal("USR1");
}

#[test]
fn sigusr2_restores_the_terminal() {
    signal_restores_the_terminal("USR2");
}

#[test]
fn sigalrm_restores_the_terminal() {
    signal_restores_the_terminal("ALRM");
}

#[test]
fn sigabrt_restores_the_terminal() {
    signal_restores_the_terminal("ABRT");
}
