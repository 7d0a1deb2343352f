//! The help overlay: every binding with its description, generated from the key table.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::theme;
use crate::app::keymap::{Mode, BINDINGS};

const GROUPS: [(Mode, &str); 9] = [
    (Mode::Library, "Library"),
    (Mode::Panes, "Panes"),
    (Mode::Detail, "Item detail"),
    (Mode::Contradictions, "Contradictions"),
    (Mode::Matrix, "Stance matrix"),
    (Mode::Timeline, "Timeline"),
    (Mode::Sources, "Sources"),
    (Mode::Prompt, "Search prompt"),
    (Mode::Help, "This help"),
];

/// The help text: the group of `first` first, then the others.
pub fn lines(first: Mode) -> Vec<Line<'static>> {
    let mut order: Vec<(Mode, &str)> = GROUPS
        .iter()
        .copied()
        .filter(|(m, _)| *m == first)
        .collect();
    order.extend(GROUPS.iter().copied().filter(|(m, _)| *m != first));
    let mut out = Vec::new();
    for (mode, title) in order {
        out.push(Line::from(Span::styled(title.to_string(), theme::HEADING)));
        for b in BINDINGS.iter().filter(|b| b.modes.contains(&mode)) {
            let keys = b.keys.join(" ");
            out.push(Line::from(vec![
                Span::styled(format!("  {keys:<22}"), theme::HINT_KEY),
                Span::raw(b.desc.to_string()),
            ]));
        }
        out.push(Line::default());
    }
    out.push(Line::from(Span::styled(
        "Mouse: click a pane or item to select it; the wheel moves the selection.",
        theme::DIM,
    )));
    out
}

pub fn render(first: Mode, scroll: usize, frame: &mut Frame, area: Rect) {
    let popup = super::centered(area, 76, area.height.saturating_sub(2).max(3));
    let all = lines(first);
    let inner_h = usize::from(popup.height.saturating_sub(2));
    let scroll = scroll.min(all.len().saturating_sub(inner_h));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme::BORDER_FOCUSED)
        .title(Span::styled(
            " Keys — ? or Esc to close, j/k to scroll ",
            theme::PANE_TITLE_FOCUSED,
        ));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(all.into_iter().skip(scroll).collect::<Vec<_>>()).block(block),
        popup,
    );
}
