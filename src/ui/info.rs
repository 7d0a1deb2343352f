//! The briefing-info overlay (`i`): what the header has no room for — the summary, every tag, the
//! file it came from, the counts and the warnings `brief check` would print. Laid out by
//! [`crate::view::overlay::info_lines`].

use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::theme;
use crate::app::App;
use crate::view::overlay::{info_lines, info_max_scroll, info_popup, info_text_area};

pub fn render(app: &App, scroll: usize, frame: &mut Frame, area: Rect) {
    let ctx = app.ctx();
    let p = info_popup(area);
    let inner = info_text_area(area);
    let scroll = scroll.min(info_max_scroll(&ctx, area));
    let all = info_lines(&ctx, inner.width);
    let title = crate::text::truncate(
        " Briefing — i or Esc to close ",
        usize::from(p.width.saturating_sub(2)),
    )
    .into_owned();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme::get(theme::Role::BorderFocused))
        .title(Span::styled(
            title,
            theme::get(theme::Role::PaneTitleFocused),
        ));
    frame.render_widget(Clear, p);
    frame.render_widget(block, p);
    frame.render_widget(Paragraph::new(theme::lines(all.iter().skip(scroll))), inner);
}
