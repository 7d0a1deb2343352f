//! What the full-body views that scroll share (detail, matrix, timeline, sources): the thick,
//! focused border titled to fit, and which rows of a scrolled list are in view. The scroll offset
//! itself is the app's (kept by `App::keep_analysis_in_view`); here it is only read.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
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
        .border_style(theme::BORDER_FOCUSED)
        .title(Span::styled(
            truncate(title, usize::from(area.width.saturating_sub(2))).into_owned(),
            theme::PANE_TITLE_FOCUSED,
        ))
}

/// Draws [`block`] over `area`; the area inside it, or `None` when nothing fits there.
pub fn framed(frame: &mut Frame, title: &str, area: Rect) -> Option<Rect> {
    let inner = layout::inner(area);
    frame.render_widget(block(title, area), area);
    (inner.width > 0 && inner.height > 0).then_some(inner)
}

/// The items of a list scrolled to `scroll` that fit in `rows`, each with its index in the list
/// and whether it is the selected one (at `cursor`).
pub fn in_view<T>(
    items: impl IntoIterator<Item = T>,
    scroll: usize,
    rows: usize,
    cursor: usize,
) -> impl Iterator<Item = (usize, T, bool)> {
    items
        .into_iter()
        .enumerate()
        .skip(scroll)
        .take(rows)
        .map(move |(i, item)| (i, item, i == cursor))
}

/// A list row as drawn: the selected one in the selection style.
pub fn row(line: Line<'_>, selected: bool) -> Line<'_> {
    if selected {
        line.style(theme::SELECTED)
    } else {
        line
    }
}
