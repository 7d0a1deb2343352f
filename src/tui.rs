//! The terminal, in and out through one door, and the event loop.
//!
//! Raw mode, the alternate screen, mouse capture and the hidden cursor are undone on every way
//! out: a normal quit, an error, a panic (the hook), and SIGTERM, SIGHUP and SIGINT (flags the
//! loop checks between events).

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use ratatui::crossterm::cursor;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::layout::Rect;
use ratatui::prelude::CrosstermBackend;
use ratatui::Terminal;

use crate::app::keymap::{lookup, Key};
use crate::app::{Action, App};

pub type Term = Terminal<CrosstermBackend<io::Stdout>>;

/// Puts the terminal back: leaves the alternate screen, shows the cursor, ends raw mode.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

fn enter() -> io::Result<Term> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, EnableMouseCapture, cursor::Hide)?;
    Terminal::new(CrosstermBackend::new(out))
}

/// Signals that end the reader; each sets the flag the loop checks.
fn watch_signals() -> io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&flag))?;
    }
    Ok(flag)
}

/// Turns a terminal event into an action for the app's current mode.
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(k) => lookup(app.mode(), Key::from_event(*k)?),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Action::Scroll(m.column, m.row, 1)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(m.column, m.row, -1)),
            _ => None,
        },
        _ => None,
    }
}

/// Runs the reader until the user quits or a signal arrives. The terminal is restored on return.
pub fn run(make_app: impl FnOnce(Rect) -> App) -> anyhow::Result<()> {
    let stop = watch_signals()?;
    let mut term = enter()?;
    let result = event_loop(&mut term, make_app, &stop);
    restore();
    result
}

fn event_loop(
    term: &mut Term,
    make_app: impl FnOnce(Rect) -> App,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    let size = term.size()?;
    let mut app = make_app(Rect::new(0, 0, size.width, size.height));
    term.draw(|f| crate::ui::render(&app, f))?;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if !event::poll(Duration::from_millis(100))? {
            continue;
        }
        // Drain what is queued before drawing once: fast typing and resizes redraw once.
        loop {
            let ev = event::read()?;
            if let Some(mut action) = action_for(&app, &ev) {
                while let Some(next) = app.update(action) {
                    action = next;
                }
            }
            if app.quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
        if app.quit {
            break;
        }
        if matches!(app.size, s if s.width > 0) {
            term.autoresize()?;
        }
        term.draw(|f| crate::ui::render(&app, f))?;
    }
    Ok(())
}
