//! The header and the status bar (or the search prompt) of the reader and of the library: the
//! app's state gathered into [`crate::view::status`]'s inputs, its lines painted.

use ratatui::layout::Rect;
use ratatui::Frame;

use super::draw;
use crate::app::keymap::hints;
use crate::app::narrow::FilterPrompt;
use crate::app::shell::Shell;
use crate::app::App;
use crate::view::status::{self, Alert, Bar, Prompt};
use crate::view::Line;

/// Paints a bar's line over `area`.
fn paint(frame: &mut Frame, area: Rect, line: &Line) {
    frame.render_widget(draw::lines(std::slice::from_ref(line)), area);
}

pub fn header(app: &App, frame: &mut Frame, area: Rect) {
    let hidden = app
        .hidden()
        .map(|(name, n)| (name, crate::app::filter::items(n)));
    let filter = app.narrow().map(|n| n.notice());
    let lines = status::header(
        &app.ctx(),
        hidden.as_ref().map(|(name, items)| (*name, items.as_str())),
        filter.as_deref(),
        usize::from(area.width),
        usize::from(area.height),
    );
    frame.render_widget(draw::lines(&lines), area);
}

/// Paints the `&` prompt over the status bar, the cursor at its end.
fn paint_filter_prompt(p: &FilterPrompt, frame: &mut Frame, area: Rect) {
    let error = p.error.as_ref().map(|e| e.to_string());
    let line = status::filter_prompt(
        &p.text.pattern,
        error.as_deref(),
        p.preview,
        usize::from(area.width),
    );
    paint(frame, area, &line);
    super::place_cursor(frame, area, std::slice::from_ref(&line));
}

pub fn status_bar(app: &App, frame: &mut Frame, area: Rect) {
    let w = usize::from(area.width);
    if let Some(p) = app.filter_prompt() {
        paint_filter_prompt(p, frame, area);
        return;
    }
    if let Some(n) = &app.note {
        let line = status::note_prompt(&n.id, &n.text.pattern, w);
        paint(frame, area, &line);
        super::place_cursor(frame, area, std::slice::from_ref(&line));
        return;
    }
    if let Some(s) = app.search.as_ref().filter(|s| s.prompt.is_some()) {
        let counter = app.search_counter().unwrap_or_default();
        let line = status::prompt(
            &Prompt {
                pattern: &s.query.pattern,
                regex: s.query.regex,
                error: s.error.as_deref(),
                total: s.matches.len(),
                counter: &counter,
                counting: false,
            },
            w,
        );
        paint(frame, area, &line);
        super::place_cursor(frame, area, std::slice::from_ref(&line));
        return;
    }
    let alert = match (&app.file_error, &app.message) {
        (Some(err), _) => Some(Alert::Error(err)),
        (None, Some(msg)) => Some(Alert::Message(msg)),
        (None, None) => None,
    };
    let mode = app.mode();
    let location = app.location();
    let counter = app.search_counter();
    let mut hints = hints(mode);
    // Two items picked with v have no pairs to step through.
    if matches!(app.screen(), Some(crate::app::Screen::Contradictions(p)) if p.chosen.is_some()) {
        hints.retain(|(_, label)| *label != "next");
    }
    let kept = app.narrow().map(|n| {
        format!(
            "{} of {}",
            crate::text::thousands(n.shown()),
            crate::text::thousands(n.total())
        )
    });
    let marked = app
        .marked
        .and_then(|r| app.doc.briefing.item(r))
        .map(|i| i.id.clone());
    let line = status::bar(
        &Bar {
            mode: mode.name(),
            location: &location,
            search: app
                .search
                .as_ref()
                .zip(counter.as_deref())
                .map(|(s, c)| (s.query.pattern.as_str(), c)),
            hiding: app.filter.as_ref().map(|f| f.source.as_str()),
            filtered: kept.as_deref(),
            marked: marked.as_deref(),
            alert,
            hints: &hints,
        },
        w,
    );
    paint(frame, area, &line);
}

pub fn library_header(shell: &Shell, frame: &mut Frame, area: Rect) {
    let lib = &shell.library;
    let selected = (!lib.order.is_empty()).then(|| (lib.selected + 1, lib.order.len()));
    let lines = status::library_header(selected, &super::library::progress(shell));
    frame.render_widget(draw::lines(&lines), area);
}

pub fn library_status(shell: &Shell, frame: &mut Frame, area: Rect) {
    let w = usize::from(area.width);
    if let Some(p) = &shell.filter_prompt {
        paint_filter_prompt(p, frame, area);
        return;
    }
    if let Some(s) = shell.search.as_ref().filter(|s| s.prompt.is_some()) {
        let counter = s.counter();
        let line = status::prompt(
            &Prompt {
                pattern: &s.query.pattern,
                regex: s.query.regex,
                error: s.error.as_deref(),
                total: s.total,
                counter: &counter,
                counting: s.counting(),
            },
            w,
        );
        paint(frame, area, &line);
        super::place_cursor(frame, area, std::slice::from_ref(&line));
        return;
    }
    let mode = shell.mode();
    let location = super::library::progress(shell);
    let lib = &shell.library;
    let kept = lib.filter.as_ref().map(|_| {
        format!(
            "{} of {}",
            crate::text::thousands(lib.order.len()),
            crate::text::thousands(lib.total())
        )
    });
    let counter = shell.search.as_ref().map(|s| s.counter());
    let hints = hints(mode);
    let line = status::bar(
        &Bar {
            mode: mode.name(),
            location: &location,
            search: shell
                .search
                .as_ref()
                .zip(counter.as_deref())
                .map(|(s, c)| (s.query.pattern.as_str(), c)),
            hiding: None,
            filtered: kept.as_deref(),
            marked: None,
            alert: shell.message.as_deref().map(Alert::Message),
            hints: &hints,
        },
        w,
    );
    paint(frame, area, &line);
}
