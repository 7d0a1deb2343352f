//! The help overlay: every binding with its description, generated from the key table.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::theme;
use crate::app::keymap::{Mode, BINDINGS};

const GROUPS: [(Mode, &str); 10] = [
    (Mode::Library, "Library"),
    (Mode::Panes, "Panes"),
    (Mode::Detail, "Item detail"),
    (Mode::Contradictions, "Contradictions"),
    (Mode::Matrix, "Stance matrix"),
    (Mode::Timeline, "Timeline"),
    (Mode::Sources, "Sources"),
    (Mode::Prompt, "Search prompt"),
    (Mode::Info, "Briefing info"),
    (Mode::Help, "This help"),
];

/// The help text for a box `width` cells wide: the group of `first` first, then the others.
/// Descriptions wrap beside their keys; when narrow, under them.
pub fn lines(first: Mode, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width).max(10);
    let key_w = if width >= 48 { 18 } else { 0 };
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
            let desc_w = if key_w > 0 {
                width.saturating_sub(key_w)
            } else {
                width.saturating_sub(4)
            };
            let desc = crate::text::wrap(b.desc, desc_w.max(8));
            if key_w > 0 && crate::text::width(&keys) + 3 <= key_w {
                for (i, d) in desc.into_iter().enumerate() {
                    let k = if i == 0 { keys.as_str() } else { "" };
                    out.push(Line::from(vec![
                        Span::styled(format!("  {k:<w$}", w = key_w - 2), theme::HINT_KEY),
                        Span::raw(d),
                    ]));
                }
            } else {
                out.push(Line::from(Span::styled(
                    format!("  {keys}"),
                    theme::HINT_KEY,
                )));
                let indent = if key_w > 0 { key_w } else { 4 };
                for d in desc {
                    out.push(Line::from(Span::raw(format!("{:indent$}{d}", ""))));
                }
            }
        }
        out.push(Line::default());
    }
    for l in crate::text::wrap(
        "Mouse: click a pane or item to select it; the wheel moves the selection.",
        width,
    ) {
        out.push(Line::from(Span::styled(l, theme::DIM)));
    }
    out
}

fn popup(area: Rect) -> Rect {
    super::centered(area, 76, area.height.saturating_sub(2).max(3))
}

/// The furthest the help scrolls in a terminal of `area`: its last line at the bottom.
pub fn max_scroll(first: Mode, area: Rect) -> usize {
    let p = popup(area);
    let inner_h = usize::from(p.height.saturating_sub(2));
    lines(first, p.width.saturating_sub(2))
        .len()
        .saturating_sub(inner_h)
}

pub fn render(first: Mode, scroll: usize, frame: &mut Frame, area: Rect) {
    let popup = popup(area);
    let all = lines(first, popup.width.saturating_sub(2));
    let scroll = scroll.min(max_scroll(first, area));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme::BORDER_FOCUSED)
        .title(Span::styled(
            crate::text::truncate(
                " Keys — ? or Esc to close, j/k to scroll ",
                usize::from(popup.width.saturating_sub(2)),
            )
            .into_owned(),
            theme::PANE_TITLE_FOCUSED,
        ));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(all.into_iter().skip(scroll).collect::<Vec<_>>()).block(block),
        popup,
    );
}
