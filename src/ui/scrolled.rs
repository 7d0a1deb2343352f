//! What the full-body views that scroll share (detail, matrix, timeline, sources): the thick,
//! focused border titled to fit. Which rows are in view is the view's (`view::tables::in_view`);
//! the scroll offset itself is the app's (kept by `App::keep_analysis_in_view`).

use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Borders};
use ratatui::Frame;

use super::theme;
use crate::text::truncate;
use crate::view::layout;

/// The border of a full-body view over `area`: thick, focused, titled `title` cut to fit.
pub fn block(title: &str, area: Rect) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Thick)
        .border_style(theme::get(theme::Role::BorderFocused))
        .title(Span::styled(
            crate::text::bidi::visual(&truncate(title, usize::from(area.width.saturating_sub(2))))
                .into_owned(),
            theme::get(theme::Role::PaneTitleFocused),
        ))
}

/// Draws [`block`] over `area`; the area inside it, or `None` when nothing fits there.
pub fn framed(frame: &mut Frame, title: &str, area: Rect) -> Option<Rect> {
    let inner = layout::inner(area);
    frame.render_widget(block(title, area), area);
    (inner.width > 0 && inner.height > 0).then_some(inner)
}
