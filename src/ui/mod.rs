//! Drawing: pure functions from `&App` to a frame. Nothing here changes the app.

pub mod contradictions;
pub mod detail;
pub mod help;
pub mod info;
pub mod layout;
pub mod library;
pub mod matrix;
pub mod panes;
pub mod sources;
pub mod status;
pub mod styled;
pub mod theme;
pub mod timeline;

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use crate::app::shell::Shell;
use crate::app::{App, Screen};

fn too_small(frame: &mut Frame, area: Rect) {
    let msg = Paragraph::new(vec![
        Line::from("terminal too small"),
        Line::from(format!("need {}×{}", layout::MIN_WIDTH, layout::MIN_HEIGHT)),
    ])
    .wrap(Wrap { trim: true });
    frame.render_widget(msg, area);
}

/// Draws the library, or the reader over the open briefing.
pub fn render_shell(shell: &Shell, frame: &mut Frame) {
    if let Some(app) = &shell.reader {
        render(app, frame);
        return;
    }
    let area = frame.area();
    let Some(f) = layout::frame(area) else {
        too_small(frame, area);
        return;
    };
    status::library_header(shell, frame, f.header);
    library::render(shell, frame, f.body);
    status::library_status(shell, frame, f.status);
    if let Some(scroll) = shell.help {
        help::render(crate::app::keymap::Mode::Library, scroll, frame, area);
    }
}

/// Draws the whole screen for the app's state.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let Some(f) = layout::frame(area) else {
        too_small(frame, area);
        return;
    };
    status::header(app, frame, f.header);
    match app.stack.last() {
        None => panes::render(app, frame, f.body),
        Some(Screen::Detail(d)) => detail::render(app, d, frame, f.body),
        Some(Screen::Contradictions(p)) => contradictions::render(app, *p, frame, f.body),
        Some(Screen::Matrix(m)) => matrix::render(app, *m, frame, f.body),
        Some(Screen::Timeline(t)) => timeline::render(app, *t, frame, f.body),
        Some(Screen::Sources(s)) => sources::render(app, *s, frame, f.body),
    }
    status::status_bar(app, frame, f.status);
    if let Some(scroll) = app.info {
        info::render(app, scroll, frame, area);
    }
    if let Some(scroll) = app.help {
        help::render(app.mode_under_help(), scroll, frame, area);
    }
}

/// A rectangle centred in `area`, at most `w`×`h`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Search matches to highlight in an item's text; the current match stands out.
pub fn search_highlights(app: &App, r: crate::briefing::ItemRef) -> Vec<styled::Highlight> {
    app.match_ranges(r, crate::briefing::search::Field::Text)
        .into_iter()
        .map(|(range, current)| styled::Highlight {
            range,
            style: if current {
                theme::MATCH_CURRENT
            } else {
                theme::MATCH
            },
        })
        .collect()
}
