//! The help overlay: every binding with its description, generated from the key table and laid
//! out by [`crate::view::overlay::help_lines`].

use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Borders, Clear};
use ratatui::Frame;

use super::{draw, theme};
use crate::app::keymap::Mode;
use crate::app::Action;
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
            crate::text::truncate(&title(), usize::from(popup.width.saturating_sub(2)))
                .into_owned(),
            theme::get(theme::Role::PaneTitleFocused),
        ));
    frame.render_widget(Clear, popup);
    if theme::settings().screen_reader {
        frame.set_cursor_position((popup.x + 1, popup.y + 1));
    }
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    frame.render_widget(draw::lines(all.get(scroll..).unwrap_or_default()), inner);
}

/// ` Keys — ? or Esc to close, j/k to scroll `, with the keys in force.
fn title() -> String {
    let km = crate::app::keymap::current();
    let key = |a: Action| km.first_key(Mode::Help, a);
    let close: Vec<String> = [Action::ToggleHelp, Action::Back]
        .into_iter()
        .filter_map(key)
        .collect();
    let scroll: Vec<String> = [Action::Down, Action::Up]
        .into_iter()
        .filter_map(key)
        .collect();
    let mut parts = Vec::new();
    if !close.is_empty() {
        parts.push(format!("{} to close", close.join(" or ")));
    }
    if !scroll.is_empty() {
        parts.push(format!("{} to scroll", scroll.join("/")));
    }
    if parts.is_empty() {
        " Keys ".to_string()
    } else {
        format!(" Keys — {} ", parts.join(", "))
    }
}
