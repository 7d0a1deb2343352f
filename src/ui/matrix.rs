//! The stance matrix: its box, and the lines [`crate::view::matrix`] lays out, painted.

use ratatui::layout::Rect;
use ratatui::Frame;

use super::{draw, scrolled};
use crate::app::{App, MatrixState};
use crate::view::matrix::{self, At};

pub fn render(app: &App, m: MatrixState, frame: &mut Frame, area: Rect) {
    let at = At {
        row: m.row,
        col: m.col,
        top: m.top,
        left: m.left,
    };
    let title = matrix::title(&app.doc, at, area);
    let Some(inner) = scrolled::framed(frame, &title, area) else {
        return;
    };
    let lines = matrix::lines(&app.doc, at, area);
    frame.render_widget(draw::lines(&lines), inner);
    super::place_cursor(frame, inner, &lines);
}
