//! The briefing-info overlay (`i`): what the header has no room for — the summary, every tag, the
//! file it came from, the counts and the warnings `brief check` would print.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::{styled, theme};
use crate::app::App;
use crate::briefing::search::{Field, Place};
use crate::text::{sanitize_line, wrap};
use ratatui::style::Style;

fn popup(area: Rect) -> Rect {
    super::centered(area, 90, area.height.saturating_sub(2).max(3))
}

pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let b = app.briefing();
    let w = usize::from(width).max(10);
    let mut out: Vec<Line<'static>> = Vec::new();
    // The title, date and summary with their search matches.
    let found = |field| super::field_matches(app, Place::Header, field, false, 0).highlights;
    let marked = |text: &str, style, field| {
        let shown = crate::text::display(text);
        styled::lines(&shown, &wrap(text, w), style, &found(field))
    };
    out.extend(marked(&b.title, theme::TITLE, Field::Title));
    out.extend(marked(&b.date.to_string(), theme::META, Field::Date));
    if !b.tags.is_empty() {
        let tags: Vec<String> = b
            .tags
            .iter()
            .map(|t| format!("#{}", sanitize_line(t)))
            .collect();
        for l in wrap(&tags.join(" "), w) {
            out.push(Line::from(Span::styled(l, theme::DIM)));
        }
    }
    out.push(Line::default());
    match &b.summary {
        Some(s) => out.extend(marked(s, Style::new(), Field::Summary)),
        None => out.push(Line::from(Span::styled("No summary.", theme::DIM))),
    }
    out.push(Line::default());
    let counts = format!(
        "{} · {} · {} context · {} · ⚡{}",
        crate::text::count(b.claims.len(), "claim"),
        crate::text::count(b.responses.len(), "response"),
        b.context.len(),
        crate::text::count(b.sources.len(), "source"),
        crate::text::count(app.doc.relations.pairs.len(), "contradiction")
    );
    out.extend(
        wrap(&counts, w)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, theme::META))),
    );
    let file = app
        .doc
        .path
        .as_ref()
        .map_or_else(|| app.doc.name.clone(), |p| p.display().to_string());
    out.extend(
        wrap(&format!("File: {file}"), w)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, theme::META))),
    );
    if !app.doc.warnings.is_empty() {
        out.push(Line::default());
        out.push(Line::from(Span::styled(
            format!("Warnings ({})", app.doc.warnings.len()),
            theme::HEADING,
        )));
        for d in &app.doc.warnings {
            for l in wrap(&d.located(), w) {
                out.push(Line::from(Span::styled(l, theme::MESSAGE)));
            }
        }
    }
    out
}

/// The furthest the overlay scrolls: its last line at the bottom.
pub fn max_scroll(app: &App, area: Rect) -> usize {
    let p = popup(area);
    let inner_h = usize::from(p.height.saturating_sub(2));
    lines(app, p.width.saturating_sub(4))
        .len()
        .saturating_sub(inner_h)
}

pub fn render(app: &App, scroll: usize, frame: &mut Frame, area: Rect) {
    let p = popup(area);
    let all = lines(app, p.width.saturating_sub(4));
    let scroll = scroll.min(max_scroll(app, area));
    let title = crate::text::truncate(
        " Briefing — i or Esc to close ",
        usize::from(p.width.saturating_sub(2)),
    )
    .into_owned();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme::BORDER_FOCUSED)
        .title(Span::styled(title, theme::PANE_TITLE_FOCUSED));
    let inner = Rect {
        x: p.x + 2,
        y: p.y + 1,
        width: p.width.saturating_sub(4),
        height: p.height.saturating_sub(2),
    };
    frame.render_widget(Clear, p);
    frame.render_widget(block, p);
    frame.render_widget(
        Paragraph::new(all.into_iter().skip(scroll).collect::<Vec<_>>()),
        inner,
    );
}
