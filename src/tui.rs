//! The terminal, in and out through one door, and the event loop.
//!
//! Raw mode, the alternate screen, mouse capture and the hidden cursor are undone on every way
//! out: a normal quit, an error, a panic (the hook), every fatal signal that can be caught
//! (SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
//! SIGXFSZ: a thread that waits for them), an abort (SIGABRT: a handler that uses only
//! async-signal-safe calls, [`crate::tty`]), and a terminal that goes away without a SIGHUP (a
//! thread sees it hang up, or the loop gets an I/O error: exit 129, as for SIGHUP). They are also undone, and set up again, around a
//! stop: `Ctrl-z` in the reader or a SIGTSTP from outside gives the terminal back to the shell,
//! and `fg` (SIGCONT) takes it again and redraws the whole screen, as vim and less do.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use ratatui::crossterm::cursor;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, MouseButton, MouseEventKind,
};
use ratatui::crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::crossterm::{execute, queue};
use ratatui::layout::Rect;
use ratatui::prelude::CrosstermBackend;

use crate::cells::Exact;
use ratatui::Terminal;

use std::time::Instant;

use crate::app::keymap::{lookup, Key};
use crate::app::shell::{Request, Shell};
use crate::app::Action;
use crate::backend::Clamped;
use crate::hyperlink::Linked;
use crate::loader::Loader;
use crate::watch::Watch;

/// Output is buffered for a whole frame and written with one flush, so a terminal (or tmux, or
/// an SSH link) never shows half a frame; the frame is also wrapped in a synchronized update
/// (DEC mode 2026) for the terminals that honour it. Others ignore the mode.
/// The backend clamps the size and never asks for the cursor position ([`crate::backend`]),
/// and keeps every cell where ratatui has it whatever the terminal's widths
/// ([`crate::cells::Exact`]).
/// URLs on screen go out as OSC 8 hyperlinks when the terminal takes them
/// ([`crate::hyperlink::Linked`]).
pub type Term = Terminal<Exact<Linked<Clamped<CrosstermBackend<io::BufWriter<io::Stdout>>>>>>;

/// Whether URLs are sent as hyperlinks: set once, before the reader starts.
static HYPERLINKS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// Sends URLs as OSC 8 hyperlinks (the config file's `hyperlinks`, resolved), or not.
pub fn set_hyperlinks(on: bool) {
    let _ = HYPERLINKS.set(on);
}

/// Room for the largest frame: 300×100 cells with a style change on each is under 200 KiB.
const FRAME_BUFFER: usize = 256 * 1024;

/// Held while a frame is written and while the terminal is given back and taken again around a
/// stop, so the signal thread never suspends in the middle of a frame and no frame lands on the
/// shell's screen.
static TERMINAL: Mutex<()> = Mutex::new(());

/// Draws the shell as one synchronized, single-write update; `whole` first clears the screen and
/// forgets the last frame, for when what is on screen is not known (after a stop).
fn draw(term: &mut Term, shell: &Shell, whole: bool) -> io::Result<()> {
    let _held = TERMINAL.lock().unwrap_or_else(PoisonError::into_inner);
    if whole {
        term.clear()?;
    }
    term.backend_mut().inner_mut().set_urls(shell.urls());
    queue!(term.backend_mut(), terminal::BeginSynchronizedUpdate)?;
    term.draw(|f| crate::ui::render_shell(shell, f))?;
    execute!(term.backend_mut(), terminal::EndSynchronizedUpdate)
}

/// Writes a sequence that draws nothing (OSC 52) between frames, in one flush.
fn write_raw(term: &mut Term, bytes: &[u8]) -> io::Result<()> {
    let _held = TERMINAL.lock().unwrap_or_else(PoisonError::into_inner);
    let out = term.backend_mut();
    out.write_all(bytes)?;
    out.flush()
}

/// Puts the terminal back: leaves the alternate screen, shows the cursor, ends raw mode.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        terminal::EndSynchronizedUpdate,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal before any panic message is printed.
fn install_panic_hook() {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
}

/// Raw mode, the alternate screen, mouse capture, the cursor hidden: what [`restore`] undoes.
fn take_terminal() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        cursor::Hide
    )
}

fn enter() -> io::Result<Term> {
    take_terminal()?;
    let links = HYPERLINKS.get().copied().unwrap_or(false);
    Terminal::new(Exact::new(Linked::new(
        Clamped::new(CrosstermBackend::new(io::BufWriter::with_capacity(
            FRAME_BUFFER,
            io::stdout(),
        ))),
        links,
    )))
}

/// Gives the terminal back, stops the process (SIGSTOP, as SIGTSTP's default action would) and,
/// once continued (`fg`), takes the terminal again. The whole screen is then to be redrawn.
///
/// Continued in the background (`bg`), setting the terminal up again stops the process once more
/// (SIGTTOU) until it is brought to the foreground, as for any full-screen program.
fn suspend() -> io::Result<()> {
    let _held = TERMINAL.lock().unwrap_or_else(PoisonError::into_inner);
    restore();
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    take_terminal()
}

/// Set while an editor runs in the foreground: the terminal is the editor's, and so are `Ctrl-c`,
/// `Ctrl-\` and `Ctrl-z`.
static EDITING: AtomicBool = AtomicBool::new(false);

/// Set by the signal thread when the process was stopped and continued: the screen may hold
/// anything (the shell's, or nothing), so the loop draws it whole.
static REDRAW: AtomicBool = AtomicBool::new(false);

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT end the reader. A thread of its own waits for them,
/// restores the terminal and exits (status 128 + the signal), so the reader ends even when the
/// main thread is blocked: a hung-up terminal reads as endless end-of-file, and the input reader
/// never returns. The flag also tells the loop, for a quiet exit when it is the one to notice
/// first.
///
/// SIGTSTP (from `kill`; `Ctrl-z` itself reaches the reader as a key, raw mode being on) gives the
/// terminal back before the process stops and takes it again when continued; SIGCONT, however
/// the process was stopped, asks the loop for a whole redraw.
fn watch_signals() -> io::Result<Arc<AtomicBool>> {
    use signal_hook::consts::{
        SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGPROF, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2,
        SIGVTALRM, SIGXCPU, SIGXFSZ,
    };
    let flag = Arc::new(AtomicBool::new(false));
    // Every signal whose default action ends the process and that can be caught, except the
    // ones the kernel sends for a fault in this process (SEGV, BUS, ILL, FPE, TRAP, SYS: their
    // handler would return to the faulting instruction) and SIGABRT (see `crate::tty`).
    let mut signals = signal_hook::iterator::Signals::new([
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM,
        SIGPROF, SIGXCPU, SIGXFSZ,
    ])?;
    let seen = Arc::clone(&flag);
    std::thread::Builder::new()
        .name("brief-signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                let editing = EDITING.load(Ordering::SeqCst);
                match sig {
                    // The editor has the terminal: stop with it, touch nothing.
                    SIGTSTP if editing => {
                        let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
                    }
                    SIGTSTP => {
                        if suspend().is_err() {
                            // Not able to take the terminal back: leave it usable and end.
                            seen.store(true, Ordering::SeqCst);
                            restore();
                            std::process::exit(128 + sig);
                        }
                        REDRAW.store(true, Ordering::SeqCst);
                    }
                    SIGCONT => REDRAW.store(true, Ordering::SeqCst),
                    SIGINT | SIGQUIT if editing => {}
                    _ => {
                        seen.store(true, Ordering::SeqCst);
                        restore();
                        std::process::exit(128 + sig);
                    }
                }
            }
        })?;
    Ok(flag)
}

/// How long `auto` waits for the terminal to say its background colour. Terminals that do not
/// answer OSC 11 are told apart sooner (terminal-colorsaurus asks for the device attributes
/// after it, which every terminal answers), so this only bounds a slow link.
const BACKGROUND_TIMEOUT: Duration = Duration::from_millis(200);

/// Whether the terminal's background is light, for `theme = "auto"`: asked with OSC 11, else
/// read from `COLORFGBG`; `None` when neither says. Call before the reader takes the terminal.
///
/// Keys typed before the reader starts (`brief` then `2` at once, or keys a script sends) are
/// waiting in the terminal's input; the query reads everything up to its answer and would throw
/// them away. So they are read first, in raw mode, into crossterm's queue of events, where the
/// reader finds them as if typed after its first frame; only keys pressed during the query
/// itself (one round trip to the terminal) can still be lost.
pub fn light_background() -> Option<bool> {
    let raw =
        !terminal::is_raw_mode_enabled().unwrap_or(true) && terminal::enable_raw_mode().is_ok();
    if raw {
        // One read takes what is waiting (up to crossterm's 1,024-byte buffer) and keeps it.
        let _ = event::poll(Duration::ZERO);
    }
    let mut options = terminal_colorsaurus::QueryOptions::default();
    options.timeout = BACKGROUND_TIMEOUT;
    let answer = terminal_colorsaurus::theme_mode(options);
    if raw {
        // The modes saved for an abort are read before the reader takes the terminal: they
        // must be the user's, not this raw mode.
        let _ = terminal::disable_raw_mode();
    }
    match answer {
        Ok(mode) => Some(mode == terminal_colorsaurus::ThemeMode::Light),
        Err(_) => colorfgbg_light(std::env::var("COLORFGBG").ok().as_deref()),
    }
}

/// `COLORFGBG` (`"15;0"`, `"0;default;15"`, set by rxvt and others): the last field is the
/// background's colour number; 7 and 9–15 are the light ones.
pub fn colorfgbg_light(value: Option<&str>) -> Option<bool> {
    let bg: u8 = value?.rsplit(';').next()?.trim().parse().ok()?;
    Some(matches!(bg, 7 | 9..=15))
}

/// Turns a terminal event into an action for the current mode.
pub fn action_for(mode: crate::app::keymap::Mode, event: &Event) -> Option<Action> {
    match event {
        Event::Key(k) => lookup(mode, Key::from_event(*k)?),
        Event::Resize(w, h) => {
            let (w, h) = crate::backend::clamp(*w, *h);
            Some(Action::Resize(w, h))
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Action::Scroll(m.column, m.row, 1)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(m.column, m.row, -1)),
            _ => None,
        },
        _ => None,
    }
}

/// What the loop needs besides the shell: where files load and what is watched.
pub struct Services {
    pub loader: Loader,
    pub watch: Option<Watch>,
}

/// Runs the reader until the user quits or a signal arrives. The terminal is restored on return.
pub fn run(make_shell: impl FnOnce(Rect) -> Shell, services: Services) -> anyhow::Result<()> {
    let stop = watch_signals()?;
    crate::tty::save_modes();
    crate::tty::restore_on_abort()?;
    // A terminal whose other end closed without a SIGHUP reads as endless end-of-file, in a
    // loop inside crossterm that never returns: a thread of its own sees it hang up.
    crate::tty::on_hang_up(|| hung_up())?;
    install_panic_hook();
    let mut term = enter()?;
    let result = event_loop(&mut term, make_shell, &services, &stop);
    restore();
    // The process ends next: what the workers have queued (parsed briefings not yet taken in)
    // is left for the OS to free with the rest, not dropped one by one.
    // The index's writer gets a moment to record what was parsed, so that the next start
    // need not parse it again.
    services.loader.finish(Duration::from_secs(2));
    std::mem::forget(services);
    if result.as_ref().is_err_and(terminal_gone) {
        hung_up();
    }
    result
}

/// Status 129, as for SIGHUP: the terminal went away, and there is nothing to tell it.
fn hung_up() -> ! {
    restore();
    std::process::exit(128 + signal_hook::consts::SIGHUP)
}

/// Whether an error from the loop is the terminal going away: EIO on a tty whose other end
/// closed, or a descriptor no longer valid.
fn terminal_gone(e: &anyhow::Error) -> bool {
    #[cfg(unix)]
    let gone = |io: &io::Error| {
        matches!(
            io.raw_os_error(),
            Some(libc::EIO | libc::EBADF | libc::ENXIO)
        )
    };
    #[cfg(not(unix))]
    let gone = |_: &io::Error| false;
    e.chain()
        .any(|c| c.downcast_ref::<io::Error>().is_some_and(gone))
}

/// How long a burst of file events settles before the files reload.
const SETTLE: Duration = Duration::from_millis(150);

fn event_loop(
    term: &mut Term,
    make_shell: impl FnOnce(Rect) -> Shell,
    services: &Services,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    let size = term.size()?;
    let mut shell = make_shell(Rect::new(0, 0, size.width, size.height));
    let mut changed: Vec<std::path::PathBuf> = Vec::new();
    let mut changed_at = Instant::now();
    let mut trimmed = false;
    draw(term, &shell, false)?;
    while !shell.quit && !stop.load(Ordering::Relaxed) {
        let mut dirty = false;
        let mut whole = false;
        for req in shell.take_requests() {
            match req {
                Request::Load(p) => services.loader.load(p),
                Request::Parse(p) => services.loader.parse(p),
                Request::Forget(p) => services.loader.forget(p),
                Request::Suspend => {
                    suspend()?;
                    whole = true;
                }
                Request::Edit { path, line } => {
                    // An editor that could not run or failed says so; its file is reloaded only
                    // after a good exit (the watcher sees any change it made all the same), so
                    // "reloaded" does not hide what went wrong.
                    match edit(term, &path, line)? {
                        Some(problem) => shell.report(problem),
                        None => services.loader.load(path),
                    }
                    dirty = true;
                }
                Request::Copy { what, text } => {
                    let sent = crate::clipboard::sequence(&text).and_then(|seq| {
                        write_raw(term, &seq).map_err(|e| crate::briefing::load::io_reason(&e))
                    });
                    let in_tmux = std::env::var_os("TMUX").is_some_and(|v| !v.is_empty());
                    shell.report(crate::clipboard::report(what, &text, sent, in_tmux));
                    dirty = true;
                }
                Request::OpenUrl(url) => {
                    let browser = std::env::var("BROWSER").ok();
                    shell.report(crate::opener::open(&url, browser.as_deref()));
                    dirty = true;
                }
                Request::EditNote { item, text } => {
                    match edit_note(term, &text)? {
                        Ok(note) => shell.on_note_edited(&item, &note),
                        Err(problem) => shell.report(problem),
                    }
                    dirty = true;
                }
            }
        }
        // Results of background loads: take what is ready, a bounded batch per frame.
        let ready = std::iter::from_fn(|| services.loader.try_next()).take(256);
        if shell.on_loaded_all(ready) {
            dirty = true;
        }
        // Files found as they were indexed: rows, cheap to take in, so many at once.
        let rows: Vec<_> = std::iter::from_fn(|| services.loader.try_row())
            .take(1 << 16)
            .collect();
        if shell.on_rows(rows) {
            dirty = true;
        }
        shell.on_indexed(&services.loader.try_indexed());
        if let Some(said) = services.loader.take_index_failure() {
            shell.report(said);
            dirty = true;
        }
        if shell.collect() {
            dirty = true;
        }
        if let Some(w) = &services.watch {
            let now = w.changed();
            if !now.is_empty() {
                changed.extend(now);
                changed_at = Instant::now();
            }
        }
        if !changed.is_empty() && changed_at.elapsed() >= SETTLE {
            changed.sort();
            changed.dedup();
            shell.on_changed_all(std::mem::take(&mut changed));
            dirty = true;
        }
        if event::poll(Duration::from_millis(
            if shell.library.pending > 0 || shell.busy() {
                10
            } else {
                50
            },
        ))? {
            // Drain what is queued before drawing once: fast typing and resizes redraw once.
            loop {
                let ev = event::read()?;
                if let Some(action) = action_for(shell.mode(), &ev) {
                    shell.update(action);
                }
                dirty = true;
                if shell.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        if shell.quit {
            break;
        }
        if REDRAW.swap(false, Ordering::SeqCst) {
            whole = true;
        }
        if dirty || whole {
            term.autoresize()?;
            draw(term, &shell, whole)?;
        }
        // Once what was asked for has loaded (and the frame is out), the memory its parsing
        // freed goes back to the system; again after each later burst of reloads.
        if shell.library.pending > 0 {
            trimmed = false;
        } else if !trimmed {
            crate::memory::give_back();
            trimmed = true;
        }
    }
    // Quitting: the library (every parsed briefing, gigabytes at 100,000 files) is left for the
    // OS to free with the process rather than dropped piece by piece, which took 1.6 s at
    // 100,000 files. Everything the shell keeps was written to its store as it changed; the
    // store itself is closed properly.
    shell.close_store();
    // The index's reading connection first: the writer's, closed last, folds the log back.
    shell.close_index();
    std::mem::forget(shell);
    Ok(())
}

/// Suspends the reader, runs the editor on `path` at `line`, and comes back. Returns what went
/// wrong with the editor, if anything, for the status bar.
fn edit(term: &mut Term, path: &std::path::Path, line: u32) -> anyhow::Result<Option<String>> {
    let visual = std::env::var("VISUAL").ok();
    let editor = std::env::var("EDITOR").ok();
    let Some(cmd) = crate::editor::command(visual.as_deref(), editor.as_deref(), path, line) else {
        return Ok(None);
    };
    let program = cmd.program;
    restore();
    EDITING.store(true, Ordering::SeqCst);
    let status = std::process::Command::new(&program)
        .args(&cmd.args)
        .status();
    EDITING.store(false, Ordering::SeqCst);
    *term = enter()?;
    term.clear()?;
    Ok(match status {
        Err(e) => Some(format!(
            "cannot run the editor `{program}`: {}",
            crate::briefing::load::io_reason(&e)
        )),
        Ok(s) if !s.success() => Some(format!("the editor `{program}` exited with {s}")),
        Ok(_) => None,
    })
}

/// Runs the editor on a private temporary file holding `text` (a note) and returns what it
/// holds after, or what went wrong. The file is made by brief (mode 0600, a fresh name under the
/// temporary folder), handed over after `--`, and removed afterwards.
fn edit_note(term: &mut Term, text: &str) -> anyhow::Result<Result<String, String>> {
    use std::sync::atomic::AtomicU32;
    static N: AtomicU32 = AtomicU32::new(0);
    let path = std::env::temp_dir().join(format!(
        "brief-note-{}-{}.txt",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let path = std::path::absolute(&path).unwrap_or(path);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options
        .open(&path)
        .and_then(|mut f| f.write_all(format!("{text}\n").as_bytes()));
    if let Err(e) = written {
        return Ok(Err(format!(
            "cannot write the note to a temporary file: {}",
            crate::briefing::load::io_reason(&e)
        )));
    }
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let mut parts = editor.split_whitespace();
    let Some(program) = parts.next() else {
        return Ok(Err("no editor".into()));
    };
    restore();
    EDITING.store(true, Ordering::SeqCst);
    let status = std::process::Command::new(program)
        .args(parts)
        .arg("--")
        .arg(&path)
        .status();
    EDITING.store(false, Ordering::SeqCst);
    *term = enter()?;
    term.clear()?;
    let result = match status {
        Err(e) => Err(format!(
            "cannot run the editor `{program}`: {}",
            crate::briefing::load::io_reason(&e)
        )),
        Ok(s) if !s.success() => Err(format!(
            "the editor `{program}` exited with {s}; the note is unchanged"
        )),
        Ok(_) => std::fs::read_to_string(&path).map_err(|e| {
            format!(
                "cannot read the note back: {}",
                crate::briefing::load::io_reason(&e)
            )
        }),
    };
    let _ = std::fs::remove_file(&path);
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::colorfgbg_light;

    #[test]
    fn colorfgbg_names_the_background_last() {
        assert_eq!(colorfgbg_light(Some("15;0")), Some(false));
        assert_eq!(colorfgbg_light(Some("0;15")), Some(true));
        assert_eq!(colorfgbg_light(Some("0;default;7")), Some(true));
        assert_eq!(colorfgbg_light(Some("default;default")), None);
        assert_eq!(colorfgbg_light(None), None);
    }
}
