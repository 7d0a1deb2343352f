//! What the full-body views that scroll share (detail, matrix, timeline, sources): the thick,
//! focused border titled to fit. Which rows are in view is the view's (`view::tables::in_view`);
//! the scroll offset itself is the app's (kept by `App::keep_analysis_in_view`).

use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Borders};
use ratatui::Frame;

use super::theme;
use crate::text::truncate;
use crate::view::layout;

/// The border of a full-body view over `area`: thick, focused, titled `title` cut to fit. The
/// title is drawn by [`super::draw`], as every text is (ratatui's own titles measure a Bengali
/// or Devanagari cluster narrower than the terminal draws it, and the cells after it were lost).
pub fn frame_with_title(frame: &mut Frame, title: &str, area: Rect) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Thick)
        .border_style(theme::get(theme::Role::BorderFocused));
    frame.render_widget(block, area);
    let room = area.width.saturating_sub(2);
    let title = truncate(title, usize::from(room)).into_owned();
    let span = crate::view::Span::new(title, crate::view::Kind::PaneTitleFocused);
    super::draw::spans_at(&[span], area.x + 1, area.y, room, frame.buffer_mut());
}

/// Draws the box over `area`; the area inside it, or `None` when nothing fits there.
pub fn framed(frame: &mut Frame, title: &str, area: Rect) -> Option<Rect> {
    let inner = layout::inner(area);
    frame_with_title(frame, title, area);
    (inner.width > 0 && inner.height > 0).then_some(inner)
}
