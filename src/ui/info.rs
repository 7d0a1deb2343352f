//! The briefing-info overlay (`i`): what the header has no room for — the summary, every tag, the
//! file it came from, the counts and the warnings `brief check` would print. Laid out by
//! [`crate::view::overlay::info_lines`].

use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Borders, Clear};
use ratatui::Frame;

use super::{draw, theme};
use crate::app::App;
use crate::view::overlay::{info_lines, info_max_scroll, info_popup, info_text_area};

pub fn render(app: &App, scroll: usize, frame: &mut Frame, area: Rect) {
    let ctx = app.ctx();
    let p = info_popup(area);
    let inner = info_text_area(area);
    let scroll = scroll.min(info_max_scroll(&ctx, area));
    let all = info_lines(&ctx, inner.width);
    let km = crate::app::keymap::current();
    let close: Vec<String> = [crate::app::Action::ToggleInfo, crate::app::Action::Back]
        .into_iter()
        .filter_map(|a| km.first_key(crate::app::keymap::Mode::Info, a))
        .collect();
    let title = if close.is_empty() {
        " Briefing ".to_string()
    } else {
        format!(" Briefing — {} to close ", close.join(" or "))
    };
    let title = crate::text::truncate(&title, usize::from(p.width.saturating_sub(2))).into_owned();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme::get(theme::Role::BorderFocused))
        .title(Span::styled(
            title,
            theme::get(theme::Role::PaneTitleFocused),
        ));
    frame.render_widget(Clear, p);
    if theme::settings().screen_reader {
        frame.set_cursor_position((inner.x, inner.y));
    }
    frame.render_widget(block, p);
    frame.render_widget(draw::lines(all.get(scroll..).unwrap_or_default()), inner);
}
