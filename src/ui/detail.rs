//! An item's detail: full text, every field, and its relations (responses, answered claims,
//! contradictions), each selectable and followed with Enter. Laid out by [`crate::view::detail`].

use ratatui::layout::Rect;
use ratatui::Frame;

use super::{draw, scrolled};
use crate::app::{App, DetailState};
use crate::briefing::Section;
use crate::text::sanitize_line;
use crate::view::layout;

pub fn render(app: &App, d: &DetailState, frame: &mut Frame, area: Rect) {
    let b = app.briefing();
    let Some(item) = b.item(d.item) else { return };
    let section = match d.item.section {
        Section::Claims => "Claim",
        Section::Responses => "Response",
        Section::Context => "Context",
    };
    let n = b.section(d.item.section).len();
    let back = if d.history.is_empty() {
        String::new()
    } else {
        format!(" · {} back", d.history.len())
    };
    let title = format!(
        " {section} {}/{n} · {}{back} ",
        d.item.index + 1,
        sanitize_line(&item.id)
    );
    let view = crate::view::detail::layout(&app.ctx(), d.item, d.cursor, area.width);
    let inner = layout::inner(area);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(1),
        ..inner
    };
    scrolled::frame_with_title(frame, &title, area);
    let on_screen: Vec<_> = view
        .lines
        .iter()
        .skip(d.scroll)
        .take(usize::from(inner.height))
        .cloned()
        .collect();
    frame.render_widget(draw::lines(&on_screen), inner);
    super::place_cursor(frame, inner, &on_screen);
}
