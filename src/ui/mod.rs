//! Drawing: pure functions from `&App` to a frame, painting the presentation model (`view`)
//! through the theme. Nothing here changes the app.

pub mod changes;
pub mod contradictions;
pub mod copymenu;
pub mod detail;
pub mod draw;
pub mod help;
pub mod info;
pub mod judgments;
pub mod library;
pub mod matrix;
pub mod panes;
pub mod scrolled;
pub mod sources;
pub mod status;
pub mod theme;
pub mod timeline;

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use crate::app::shell::Shell;
use crate::app::{App, Screen};
use crate::view::{layout, Kind};

/// Where the terminal cursor goes in `lines` (drawn from the top of their area) for screen
/// readers, which read what is under it: the first character of the selected row's text, past
/// the gutter's marker; else the end of the query being typed.
pub fn cursor_in(lines: &[crate::view::Line]) -> Option<(u16, u16)> {
    let width = |s: &str| u16::try_from(crate::text::width(s)).unwrap_or(u16::MAX);
    for (row, line) in lines.iter().enumerate() {
        let row = u16::try_from(row).ok()?;
        let selected = line.band == Some(Kind::Selected)
            || line.spans.iter().any(|s| s.kind == Kind::SelectedMarker);
        if selected {
            let mut x: u16 = 0;
            for span in &line.spans {
                let text = span.text.trim_start();
                if span.kind == Kind::Marker || text.is_empty() {
                    x = x.saturating_add(width(&span.text));
                    continue;
                }
                let lead = span.text.len() - text.len();
                x = x.saturating_add(width(span.text.get(..lead).unwrap_or("")));
                return Some((x, row));
            }
            return Some((0, row));
        }
        let mut x: u16 = 0;
        for span in &line.spans {
            x = x.saturating_add(width(&span.text));
            if span.kind == Kind::Prompt {
                return Some((x, row));
            }
        }
    }
    None
}

/// With `--screen-reader` (or `screen_reader = true`), shows the terminal cursor where
/// [`cursor_in`] finds it in `lines` drawn over `area`. Without, the cursor stays hidden.
pub fn place_cursor(frame: &mut Frame, area: Rect, lines: &[crate::view::Line]) {
    if !theme::settings().screen_reader {
        return;
    }
    if let Some((x, y)) = cursor_in(lines) {
        if x < area.width && y < area.height {
            frame.set_cursor_position((area.x + x, area.y + y));
        }
    }
}

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
    draw_library(shell, frame);
    mend_wide_cells(frame.buffer_mut());
}

fn draw_library(shell: &Shell, frame: &mut Frame) {
    let area = frame.area();
    let Some(f) = layout::frame(area) else {
        too_small(frame, area);
        return;
    };
    status::library_header(shell, frame, f.header);
    library::render(shell, frame, f.body);
    status::library_status(shell, frame, f.status);
    if let Some(scroll) = shell.help {
        help::render(
            &crate::app::keymap::help_groups(crate::app::keymap::Mode::Library),
            scroll,
            frame,
            area,
        );
    }
}

/// Blanks every double-width character whose right half something else was drawn over: an
/// overlay's border over Korean text in the pane below. The terminal would draw the whole
/// character and hide the border; ratatui assumes no wide cell is followed by a non-blank one.
pub fn mend_wide_cells(buf: &mut ratatui::buffer::Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right().saturating_sub(1) {
            // A Devanagari or Bengali cluster may cover two cells after it, not one.
            let w = buf
                .cell((x, y))
                .map_or(1, |c| crate::text::width(c.symbol()));
            let w = u16::try_from(w).unwrap_or(u16::MAX);
            let covered = (1..w).any(|i| {
                buf.cell((x.saturating_add(i), y))
                    .is_some_and(|c| c.symbol() != " ")
            });
            if covered {
                if let Some(cell) = buf.cell_mut((x, y)) {
                    cell.set_symbol(" ");
                }
            }
        }
    }
}

/// Draws the whole screen for the app's state.
pub fn render(app: &App, frame: &mut Frame) {
    draw(app, frame);
    mend_wide_cells(frame.buffer_mut());
}

fn draw(app: &App, frame: &mut Frame) {
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
        Some(Screen::Changes(c)) => changes::render(app, *c, frame, f.body),
        Some(Screen::Judgments(j)) => judgments::render_pane(app, *j, frame, f.body),
        Some(Screen::Judgment(j)) => judgments::render_detail(app, *j, frame, f.body),
        Some(Screen::Sensitivity(s)) => judgments::render_sensitivity(app, *s, frame, f.body),
    }
    status::status_bar(app, frame, f.status);
    if app.copy_menu {
        copymenu::render(app, frame, area);
    }
    if let Some(scroll) = app.info {
        info::render(app, scroll, frame, area);
    }
    if let Some(scroll) = app.help {
        help::render(
            &crate::app::keymap::help_groups(app.mode_under_help()),
            scroll,
            frame,
            area,
        );
    }
}
