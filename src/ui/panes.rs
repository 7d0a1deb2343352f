//! The three section panes: side by side when wide, one with a tab bar when narrow. The items
//! from each pane's top down to its bottom edge are laid out by [`crate::view::pane`].

// Indexing here is of the app's per-section arrays by `Section::index()` (0, 1 or 2).
#![allow(clippy::indexing_slicing)]

use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};
use ratatui::Frame;

use super::{draw, theme};
use crate::app::App;
use crate::briefing::Section;
use crate::view;
use crate::view::layout;

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let (tabs, areas) = layout::panes(body, app.focus);
    if let Some(tabs) = tabs {
        render_tabs(app, frame, tabs);
    }
    for (section, area) in areas {
        render_pane(app, section, frame, area);
    }
}

fn render_tabs(app: &App, frame: &mut Frame, area: Rect) {
    let lens = Section::ALL.map(|s| app.len(s));
    let judgments = Some(app.briefing().judgments.len()).filter(|&n| n > 0);
    let line = view::pane::tabs_with(Some(app.focus), lens, judgments, area.width);
    frame.render_widget(draw::lines(std::slice::from_ref(&line)), area);
}

fn render_pane(app: &App, section: Section, frame: &mut Frame, area: Rect) {
    let focused = section == app.focus;
    let n = app.len(section);
    let position = if n == 0 {
        "empty".to_string()
    } else {
        format!("{}/{}", app.selected[section.index()] + 1, n)
    };
    let title = format!(" {} {} ", section.title(), position);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused {
            theme::get(theme::Role::BorderFocused)
        } else {
            theme::get(theme::Role::Border)
        })
        .title(Span::styled(
            title,
            if focused {
                theme::get(theme::Role::PaneTitleFocused)
            } else {
                theme::get(theme::Role::PaneTitle)
            },
        ));
    let inner = layout::inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    if n == 0 {
        let msg = match app.narrow() {
            Some(f) => view::pane::none_match(f.filter.text(), f.shown()),
            None => format!("No {}.", section.title().to_lowercase()),
        };
        // A long filter wraps rather than running off the pane.
        let lines: Vec<ratatui::text::Line> = textwrap::wrap(&msg, usize::from(inner.width))
            .into_iter()
            .map(|l| Span::styled(l.into_owned(), theme::get(theme::Role::Dim)).into())
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let si = section.index();
    let lines = view::pane::pane_lines(
        &app.ctx(),
        section,
        app.top[si],
        app.selected[si],
        focused,
        layout::text_width(area),
        usize::from(inner.height),
    );
    frame.render_widget(draw::lines(&lines), inner);
    if focused {
        super::place_cursor(frame, inner, &lines);
    }
}
