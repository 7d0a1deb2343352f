//! SIGTERM, SIGHUP and SIGINT sent to the real reader in a real terminal (tmux): brief exits and
//! leaves the terminal as it found it — off the alternate screen, cursor shown, raw mode off
//! (the line discipline is back in canonical mode, which `stty -a` shows as `icanon`).
//!
//! The signal goes to brief's pid only, found as the child of the pane's shell. The shell runs
//! `trap '' HUP` so that, should a SIGHUP reach it too, it stays alive to print `BRIEF-EXIT=`;
//! brief runs in a subshell that sets HUP back to its default first (an ignored signal would stay
//! ignored across `exec`). Raw mode is read with `stty -a -F` on the pane's tty from outside,
//! since the shell is busy in `sleep` afterwards.
//!
//! Each test runs its own tmux server, killed by a guard however the test ends. Every wait polls
//! with a deadline that is only reached on failure. Skipped, with a message, without tmux.

use std::process::Command;
use std::time::{Duration, Instant};

mod tmux;
use tmux::{brief, repo, Tmux};

const DEADLINE: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(50);

/// The reader on the Korea briefing at 100×30, in a shell that ignores HUP while brief, in a
/// subshell with HUP's default action back, does not.
fn start() -> Option<Tmux> {
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
    let Some(t) = start() else { return };
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
