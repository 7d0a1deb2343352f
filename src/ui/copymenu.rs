//! The copy menu (`Y`): what of the item in focus can be copied, each with its key and a
//! preview; what the item lacks is dimmed. Laid out by [`crate::view::overlay::copy_menu_lines`].

use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Borders, Clear};
use ratatui::Frame;

use super::{draw, theme};
use crate::app::keymap::Mode;
use crate::app::{Action, App};
use crate::view::overlay::{copy_menu_lines, copy_popup, CopyEntry};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let km = crate::app::keymap::current();
    let entries: Vec<CopyEntry> = app
        .copy_menu_parts()
        .into_iter()
        .filter_map(|(part, text)| {
            let key = km.first_key(Mode::Copy, Action::Copy(part))?;
            Some((key, part.name(), text))
        })
        .collect();
    let popup = copy_popup(area, entries.len());
    let close = km
        .first_key(Mode::Copy, Action::Back)
        .map_or(String::new(), |k| format!(" — {k} to close"));
    let title = crate::text::truncate(
        &format!(" Copy{close} "),
        usize::from(popup.width.saturating_sub(2)),
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
    frame.render_widget(Clear, popup);
    let inner = block.inner(popup);
    if theme::settings().screen_reader {
        frame.set_cursor_position((inner.x, inner.y));
    }
    frame.render_widget(block, popup);
    let lines = copy_menu_lines(&entries, inner.width);
    frame.render_widget(draw::lines(&lines), inner);
}
