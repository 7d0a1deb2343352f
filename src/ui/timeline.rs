//! The timeline: its box, and the lines [`crate::view::timeline`] lays out, painted.

use ratatui::layout::Rect;
use ratatui::Frame;

use super::{draw, scrolled};
use crate::app::{App, TimelineState};
use crate::view::timeline;

pub fn render(app: &App, t: TimelineState, frame: &mut Frame, area: Rect) {
    let title = timeline::title(&app.doc);
    let Some(inner) = scrolled::framed(frame, &title, area) else {
        return;
    };
    let lines = timeline::lines(&app.doc, t.cursor, t.scroll, area);
    frame.render_widget(draw::lines(&lines), inner);
    super::place_cursor(frame, inner, &lines);
}
