//! The help overlay: every binding with its description, generated from the key table and laid
//! out by [`crate::view::overlay::help_lines`].

use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::theme;
use crate::view::overlay::{help_lines, help_max_scroll, help_popup, HelpGroup};

pub fn render(groups: &[HelpGroup], scroll: usize, frame: &mut Frame, area: Rect) {
    let popup = help_popup(area);
    let scroll = scroll.min(help_max_scroll(groups, area));
    let all = help_lines(groups, popup.width.saturating_sub(2));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme::get(theme::Role::BorderFocused))
        .title(Span::styled(
            crate::text::truncate(
                " Keys — ? or Esc to close, j/k to scroll ",
                usize::from(popup.width.saturating_sub(2)),
            )
            .into_owned(),
            theme::get(theme::Role::PaneTitleFocused),
        ));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(theme::lines(all.iter().skip(scroll))).block(block),
        popup,
    );
}
