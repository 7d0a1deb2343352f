//! The changes view (`D`): [`crate::view::changes`]'s entries in a framed, scrolled box.

use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::{scrolled, theme};
use crate::app::screens::changes::ChangesState;
use crate::app::App;
use crate::view::changes;

pub fn render(app: &App, s: ChangesState, frame: &mut Frame, area: Rect) {
    let ctx = app.ctx();
    let entries = changes::entries(&ctx);
    let summary = ctx.reading.map(|r| r.summary()).unwrap_or_default();
    let title = format!(" Changes since last read · {summary} ");
    let Some(inner) = scrolled::framed(frame, &title, area) else {
        return;
    };
    let lines = changes::lines(&entries, s.cursor);
    let scroll = u16::try_from(s.scroll).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(theme::lines(&lines))
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
}
