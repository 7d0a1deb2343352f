//! The sources: their box, and the lines [`crate::view::sources`] lays out from the full
//! document (a hidden source is still listed), painted.

use ratatui::layout::Rect;
use ratatui::Frame;

use super::{draw, scrolled};
use crate::app::{App, SourcesState};
use crate::view::sources;

pub fn render(app: &App, s: SourcesState, frame: &mut Frame, area: Rect) {
    let full = app.full_doc();
    let hiding = app
        .hidden()
        .map(|(name, n)| (name, crate::app::filter::items(n)));
    let title = sources::title(
        &full.briefing,
        hiding.as_ref().map(|(name, items)| (*name, items.as_str())),
    );
    let Some(inner) = scrolled::framed(frame, &title, area) else {
        return;
    };
    let hidden = app.filter.as_ref().map(|f| f.source.as_str());
    let lines = sources::lines(full, s.cursor, s.scroll, hidden, area);
    frame.render_widget(draw::lines(&lines), inner);
    super::place_cursor(frame, inner, &lines);
}
