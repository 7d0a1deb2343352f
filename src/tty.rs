//! The parts of giving the terminal back that must work where nothing else does: from a signal
//! handler, on abort, and when the terminal itself is gone.
//!
//! The terminal's modes are saved before raw mode is entered. [`restore_from_handler`] writes the
//! escape sequences that leave the alternate screen, end mouse reporting and show the cursor, and
//! sets the saved modes back, using only `write(2)` and `tcsetattr(3)`, which are
//! async-signal-safe: it runs inside the SIGABRT handler, so an abort (a failed allocation, a
//! panic with `panic = "abort"`, `kill -ABRT`) leaves a usable terminal. [`on_hang_up`] notices a
//! terminal that has gone away (its other end closed, no SIGHUP sent).

#[cfg(unix)]
mod imp {
    use std::sync::OnceLock;

    /// What `restore` in `tui` writes: end a synchronized update, end every mouse mode crossterm
    /// enables, leave the alternate screen, show the cursor.
    pub(super) const RESTORE: &[u8] =
        b"\x1b[?2026l\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?1049l\x1b[?25h";

    /// The terminal's modes before the reader took it, set once.
    static SAVED: OnceLock<libc::termios> = OnceLock::new();

    pub fn save_modes() {
        if SAVED.get().is_some() {
            return;
        }
        // SAFETY: tcgetattr writes a termios into the zeroed value it is given; fd 1 may not be
        // a terminal, then it fails and nothing is kept.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        if unsafe { libc::tcgetattr(libc::STDOUT_FILENO, &mut t) } == 0 {
            let _ = SAVED.set(t);
        }
    }

    pub fn restore_from_handler() {
        // SAFETY: write(2) and tcsetattr(3) are async-signal-safe; the buffer and the termios are
        // statics that live for the whole process.
        unsafe {
            let _ = libc::write(libc::STDOUT_FILENO, RESTORE.as_ptr().cast(), RESTORE.len());
            if let Some(t) = SAVED.get() {
                let _ = libc::tcsetattr(libc::STDOUT_FILENO, libc::TCSANOW, t);
            }
        }
    }

    /// Restores the terminal on SIGABRT, then dies of it as the default action would.
    pub fn restore_on_abort() -> std::io::Result<()> {
        // SAFETY: the handler only calls async-signal-safe functions (restore_from_handler,
        // signal, raise).
        unsafe {
            signal_hook::low_level::register(signal_hook::consts::SIGABRT, || {
                restore_from_handler();
                // SIGABRT is blocked while its handler runs: raised again with the default
                // action, it ends the process when the handler returns, whoever sent the first.
                libc::signal(libc::SIGABRT, libc::SIG_DFL);
                libc::raise(libc::SIGABRT);
            })?;
        }
        Ok(())
    }

    /// Waits, without spinning, until the terminal hangs up, then calls `then`.
    pub fn on_hang_up(then: fn()) -> std::io::Result<()> {
        // SAFETY: isatty only inspects the descriptors.
        let ttys: Vec<libc::c_int> = [libc::STDOUT_FILENO, libc::STDIN_FILENO]
            .into_iter()
            .filter(|&fd| unsafe { libc::isatty(fd) } == 1)
            .collect();
        std::thread::Builder::new()
            .name("brief-hangup".into())
            .spawn(move || loop {
                let mut fds: Vec<libc::pollfd> = ttys
                    .iter()
                    .map(|&fd| libc::pollfd {
                        fd,
                        events: 0,
                        revents: 0,
                    })
                    .collect();
                // SAFETY: poll on pollfd values this thread owns. With no events asked for, it
                // sleeps until a hang-up, an error or an invalid descriptor is reported.
                let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, -1) };
                let gone = fds
                    .iter()
                    .any(|p| p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0);
                if n > 0 && gone {
                    then();
                    return;
                }
                if n < 0
                    && std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted
                {
                    return;
                }
            })?;
        Ok(())
    }
}

#[cfg(not(unix))]
mod imp {
    pub fn save_modes() {}
    pub fn restore_from_handler() {}
    pub fn restore_on_abort() -> std::io::Result<()> {
        Ok(())
    }
    pub fn on_hang_up(_: fn()) -> std::io::Result<()> {
        Ok(())
    }
}

/// Saves the terminal's modes, before raw mode; only the first call counts.
pub use imp::save_modes;

/// Gives the terminal back with async-signal-safe calls only.
pub use imp::restore_from_handler;

/// Installs the SIGABRT handler that gives the terminal back before the process dies.
pub use imp::restore_on_abort;

/// Calls a function, once, from a thread of its own, when the terminal goes away (hangs up
/// without a SIGHUP: crossterm then reads end-of-file in a loop that never returns).
pub use imp::on_hang_up;
